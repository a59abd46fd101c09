//! Báo cáo kết quả: what a programme achieved, from its follow-up report: who came on
//! each side, what it cost against the plan's budget, the gifts, and what comes next.

use docx_rs::Docx;
use domain::Lang;
use domain::followup::ReportRecord;
use domain::labels::format_date;

use crate::DocumentError;
use crate::facts;
use crate::heading::{Issuer, Signing, signature_block, vietnamese_document};
use crate::layout::{BLANK, SMALL, TEXT_WIDTH, body, grid, labelled, pack, section};
use crate::report_money;

fn or_blank_text(text: &str) -> String {
    if text.trim().is_empty() {
        BLANK.to_owned()
    } else {
        text.to_owned()
    }
}

pub fn report(
    issuer: &Issuer,
    signing: &Signing,
    report: &ReportRecord,
) -> Result<Vec<u8>, DocumentError> {
    let programme = &report.programme;
    let content = &report.content;
    let subtitle = format!("Kết quả tổ chức “{}”", programme.title);
    let docx = vietnamese_document(issuer, signing, "BC", "BÁO CÁO", Some(&subtitle));
    let attendance = match content.actual_attendance {
        Some(actual) => format!(
            "{actual} người (dự kiến {} người)",
            programme.expected_delegation_size
        ),
        None => format!(
            "{BLANK} người (dự kiến {} người)",
            programme.expected_delegation_size
        ),
    };
    let mut paragraphs = vec![
        section("I. KẾT QUẢ ĐẠT ĐƯỢC"),
        labelled("Thời gian", facts::dates(&programme.schedule)),
        labelled("Số lượng tham gia", attendance),
        report_money::sides(content),
    ];
    if let Some(note) = content.attendance_note.as_deref().filter(|n| !n.is_empty()) {
        paragraphs.push(body(note.to_owned()));
    }
    if !content.partners_met.is_empty() {
        paragraphs.push(labelled(
            "Đối tác làm việc",
            content.partners_met.join("; "),
        ));
    }
    paragraphs.push(body(or_blank_text(&content.outcomes)));
    let docx = paragraphs.into_iter().fold(docx, Docx::add_paragraph);
    let mut docx = report_money::money(docx, report)
        .add_paragraph(section("III. BÀI HỌC KINH NGHIỆM"))
        .add_paragraph(body(or_blank_text(&content.lessons)))
        .add_paragraph(section("IV. NHIỆM VỤ TIẾP THEO"));
    if content.action_items.is_empty() {
        docx = docx.add_paragraph(body(BLANK));
    } else {
        let rows: Vec<Vec<String>> = content
            .action_items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                vec![
                    (i + 1).to_string(),
                    item.title.clone(),
                    item.owner
                        .as_ref()
                        .map(|o| o.name.clone())
                        .unwrap_or_default(),
                    item.due_on
                        .map(|d| format_date(d, Lang::Vi))
                        .unwrap_or_default(),
                    item.status.label(Lang::Vi).to_owned(),
                ]
            })
            .collect();
        let widths = [
            700,
            3_554,
            2_100,
            1_500,
            TEXT_WIDTH - 700 - 3_554 - 2_100 - 1_500,
        ];
        docx = docx.add_table(grid(
            &[
                "STT",
                "Nội dung",
                "Người phụ trách",
                "Thời hạn",
                "Tình trạng",
            ],
            &rows,
            &widths,
            SMALL,
        ));
    }
    docx = docx
        .add_paragraph(body(format!(
            "Trên đây là báo cáo kết quả tổ chức “{}” của {}./.",
            programme.title, issuer.name
        )))
        .add_table(signature_block(
            issuer,
            signing,
            &["Thường trực Tỉnh ủy (để báo cáo)".into(), "Lưu VP".into()],
        ));
    pack(docx)
}
