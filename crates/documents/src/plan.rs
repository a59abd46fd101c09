//! Kế hoạch tổ chức: the plan itself, in the sections an office's plan has.

use docx_rs::Docx;
use domain::Lang;
use domain::delegation::AgendaItem;
use domain::labels::{format_date, zone_name};
use domain::programme::Plan;

use crate::DocumentError;
use crate::facts;
use crate::heading::{Issuer, Signing, signature_block, vietnamese_document};
use crate::layout::{BLANK, SMALL, TEXT_WIDTH, body, grid, labelled, pack, section};

/// The programme day by day, each time in the zone where it happens, said in words.
fn agenda_table(agenda: &[AgendaItem]) -> docx_rs::Table {
    let mut items: Vec<&AgendaItem> = agenda.iter().collect();
    items.sort_by_key(|i| (i.date, i.starts));
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            let time = match item.ends {
                Some(ends) => format!("{}–{}", item.starts.format("%H:%M"), ends.format("%H:%M")),
                None => item.starts.format("%H:%M").to_string(),
            };
            vec![
                format!(
                    "{}, {time} ({})",
                    format_date(item.date, Lang::Vi),
                    zone_name(&item.timezone, Lang::Vi)
                ),
                item.title.clone(),
                item.place.clone(),
                item.responsible.join(", "),
            ]
        })
        .collect();
    grid(
        &["Thời gian", "Nội dung", "Địa điểm", "Phụ trách"],
        &rows,
        &[2_600, 2_900, 2_000, TEXT_WIDTH - 2_600 - 2_900 - 2_000],
        SMALL,
    )
}

/// The plan; `agenda` is the itinerary of its delegations, when they have one.
pub fn plan(
    issuer: &Issuer,
    signing: &Signing,
    plan: &Plan,
    agenda: &[AgendaItem],
) -> Result<Vec<u8>, DocumentError> {
    let kind = plan.kind.label(Lang::Vi);
    let subtitle = format!("Tổ chức {kind} “{}”", plan.title);
    let docx = vietnamese_document(issuer, signing, "KH", "KẾ HOẠCH", Some(&subtitle));
    let objectives = if plan.objectives.is_empty() {
        BLANK.to_owned()
    } else {
        plan.objectives.clone()
    };
    let mut paragraphs = vec![
        section("I. MỤC ĐÍCH, YÊU CẦU"),
        labelled("1. Mục đích", objectives),
        labelled(
            "2. Yêu cầu",
            "Tổ chức trang trọng, an toàn, tiết kiệm, hiệu quả; thực hiện đúng quy định về công tác đối ngoại.",
        ),
        section("II. THỜI GIAN, ĐỊA ĐIỂM"),
        labelled("Thời gian", facts::dates(&plan.schedule)),
        labelled("Địa điểm", facts::place(plan)),
        section("III. THÀNH PHẦN"),
        labelled("Đơn vị tổ chức", facts::organisers(plan)),
        labelled("Đối tác", facts::partners(plan)),
        labelled(
            "Số lượng",
            format!("dự kiến {} người", plan.expected_delegation_size),
        ),
        section("IV. NỘI DUNG CHƯƠNG TRÌNH"),
        body(format!("{} “{}”.", capitalised(kind), plan.title)),
    ];
    let mut docx = paragraphs.drain(..).fold(docx, Docx::add_paragraph);
    docx = if agenda.is_empty() {
        docx.add_paragraph(body(
            "Chương trình chi tiết từng ngày do Ban Tổ chức thông báo sau.",
        ))
    } else {
        docx.add_table(agenda_table(agenda))
    };
    docx = docx.add_paragraph(section("V. KINH PHÍ"));
    docx = match facts::budget_table(plan) {
        Some(table) => docx.add_table(table),
        None => docx.add_paragraph(body("Không sử dụng kinh phí.")),
    };
    let coordinator = match &plan.coordinator {
        Some(c) => format!(
            "Giao đồng chí {} ({}) làm đầu mối, phối hợp các đơn vị triển khai kế hoạch.",
            c.name, c.email
        ),
        None => {
            format!("Giao đồng chí {BLANK} làm đầu mối, phối hợp các đơn vị triển khai kế hoạch.")
        }
    };
    let mut closing = vec![section("VI. TỔ CHỨC THỰC HIỆN"), body(coordinator)];
    if !plan.co_organisers.is_empty() {
        closing.push(body(format!(
            "Đề nghị {} phối hợp thực hiện.",
            plan.co_organisers.join(", ")
        )));
    }
    closing.push(body(format!(
        "Trên đây là Kế hoạch tổ chức {kind} “{}” của {}./.",
        plan.title, issuer.name
    )));
    docx = closing.into_iter().fold(docx, Docx::add_paragraph);
    docx = docx.add_table(signature_block(
        issuer,
        signing,
        &["Các đơn vị liên quan".into(), "Lưu VP".into()],
    ));
    pack(docx)
}

fn capitalised(text: &str) -> String {
    domain::i18n::capitalised(text)
}
