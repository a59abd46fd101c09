//! Quyết định cử đoàn: the decision sending the delegation (Điều 1, 2, 3), with the list
//! of its members attached. The list holds names, years of birth, roles and units: never a
//! passport or border-pass number, which a decision does not need.

use chrono::Datelike;
use docx_rs::{AlignmentType, BreakType, Docx, Paragraph};
use domain::Lang;
use domain::delegation::PersonalDetails;
use domain::programme::Plan;

use crate::DocumentError;
use crate::facts;
use crate::heading::{Issuer, Signing, signature_block, vietnamese_document};
use crate::layout::{BODY, SMALL, TEXT_WIDTH, body, centred, grid, led, pack, run};

/// `Trưởng đoàn, Tỉnh Đoàn Lào Cai`.
pub(crate) fn role_and_unit(member: &PersonalDetails) -> String {
    match member
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty())
    {
        Some(unit) => format!("{}, {unit}", member.role),
        None => member.role.clone(),
    }
}

pub fn decision(
    issuer: &Issuer,
    signing: &Signing,
    plan: &Plan,
    delegation_name: &str,
    members: &[PersonalDetails],
) -> Result<Vec<u8>, DocumentError> {
    let kind = plan.kind.label(Lang::Vi);
    let subtitle = format!("Về việc cử {delegation_name}");
    let mut docx = vietnamese_document(issuer, signing, "QĐ", "QUYẾT ĐỊNH", Some(&subtitle))
        .add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                run(
                    format!("BAN THƯỜNG VỤ {}", issuer.name.to_uppercase()),
                    BODY,
                )
                .bold(),
            ),
        )
        .add_paragraph(centred("", BODY));
    let count = members.len();
    let paragraphs = vec![
        body("Căn cứ Điều lệ và quy định về công tác đối ngoại;"),
        body(format!("Căn cứ Kế hoạch tổ chức {kind} “{}”;", plan.title)),
        body("Xét đề nghị của Văn phòng,"),
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("QUYẾT ĐỊNH:", BODY).bold()),
        led(
            "Điều 1. ",
            format!(
                "Cử {delegation_name} gồm {count} đồng chí (có danh sách kèm theo) tham gia {kind} “{}” tại {}, thời gian {}.",
                plan.title,
                facts::place(plan),
                facts::dates(&plan.schedule)
            ),
        ),
        led(
            "Điều 2. ",
            "Kinh phí của đoàn thực hiện theo Kế hoạch tổ chức và các quy định hiện hành.",
        ),
        led(
            "Điều 3. ",
            "Văn phòng, các đơn vị liên quan và các đồng chí có tên tại Điều 1 căn cứ Quyết định thi hành. Quyết định có hiệu lực kể từ ngày ký./.",
        ),
    ];
    docx = paragraphs.into_iter().fold(docx, Docx::add_paragraph);
    docx = docx.add_table(signature_block(
        issuer,
        signing,
        &["Như Điều 3".into(), "Lưu VP".into()],
    ));
    // The list starts a page of its own, as an annex.
    docx = docx
        .add_paragraph(Paragraph::new().add_run(run("", BODY).add_break(BreakType::Page)))
        .add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                run(
                    format!("DANH SÁCH {}", delegation_name.to_uppercase()),
                    BODY,
                )
                .bold(),
            ),
        )
        .add_paragraph(
            Paragraph::new().align(AlignmentType::Center).add_run(
                run(
                    format!(
                        "(Kèm theo Quyết định {} {} của Ban Thường vụ {})",
                        issuer.number_line(signing, "QĐ").replacen("Số:", "số", 1),
                        crate::vi_date::vietnamese_date(signing.date),
                        issuer.name
                    ),
                    BODY,
                )
                .italic(),
            ),
        )
        .add_paragraph(centred("", BODY));
    let rows: Vec<Vec<String>> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                (i + 1).to_string(),
                m.full_name.clone(),
                m.date_of_birth.year().to_string(),
                role_and_unit(m),
            ]
        })
        .collect();
    let widths = [700, 3_300, 1_200, TEXT_WIDTH - 700 - 3_300 - 1_200];
    docx = docx.add_table(grid(
        &["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị"],
        &rows,
        &widths,
        SMALL,
    ));
    pack(docx)
}
