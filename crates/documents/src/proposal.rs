//! Tờ trình xin chủ trương: the issuer asks the Provincial Party Committee's standing
//! board to agree to the programme, with the plan's facts.

use chrono::Datelike;
use docx_rs::Docx;
use domain::Lang;
use domain::programme::Plan;

use crate::DocumentError;
use crate::facts;
use crate::heading::{Issuer, Signing, signature_block, vietnamese_document};
use crate::layout::{body, labelled, pack, section};

/// Whom a tờ trình asks: `Thường trực Tỉnh ủy Lào Cai`.
fn addressee(issuer: &Issuer) -> String {
    match issuer
        .province
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(province) => format!("Thường trực Tỉnh ủy {province}"),
        None => "Thường trực Tỉnh ủy".into(),
    }
}

pub fn proposal(issuer: &Issuer, signing: &Signing, plan: &Plan) -> Result<Vec<u8>, DocumentError> {
    let to = addressee(issuer);
    let kind = plan.kind.label(Lang::Vi);
    let subtitle = format!("Về việc xin chủ trương tổ chức {kind} “{}”", plan.title);
    let mut docx =
        vietnamese_document(issuer, signing, "TTr", "TỜ TRÌNH", Some(&subtitle)).add_paragraph(
            crate::layout::centred(format!("Kính gửi: {to}"), crate::layout::BODY),
        );
    let mut paragraphs = vec![body(format!(
        "Căn cứ chương trình công tác đối ngoại năm {} của {};",
        plan.schedule.start.year(),
        issuer.name
    ))];
    if plan.agreement_id.is_some() {
        paragraphs.push(body(
            "Căn cứ Biên bản ghi nhớ hợp tác đã ký kết giữa hai bên;",
        ));
    }
    paragraphs.extend([
        body(format!(
            "{} kính trình {to} xem xét, cho chủ trương tổ chức {kind} “{}”, cụ thể như sau:",
            issuer.name, plan.title
        )),
        section("1. Mục đích"),
        body(if plan.objectives.is_empty() {
            crate::layout::BLANK.to_owned()
        } else {
            plan.objectives.clone()
        }),
        section("2. Thời gian, địa điểm"),
        labelled("Thời gian", facts::dates(&plan.schedule)),
        labelled("Địa điểm", facts::place(plan)),
        section("3. Đơn vị tổ chức và đối tác"),
        labelled("Đơn vị tổ chức", facts::organisers(plan)),
        labelled("Đối tác", facts::partners(plan)),
        section("4. Thành phần, số lượng"),
        body(format!("Dự kiến {} người.", plan.expected_delegation_size)),
        section("5. Kinh phí"),
    ]);
    docx = paragraphs.into_iter().fold(docx, Docx::add_paragraph);
    docx = match facts::budget_table(plan) {
        Some(table) => docx.add_table(table),
        None => docx.add_paragraph(body("Không sử dụng kinh phí.")),
    };
    docx = docx
        .add_paragraph(body(format!(
            "{} kính trình {to} xem xét, cho ý kiến chỉ đạo./.",
            issuer.name
        )))
        .add_table(signature_block(
            issuer,
            signing,
            &["Như kính gửi".into(), "Lưu VP".into()],
        ));
    pack(docx)
}
