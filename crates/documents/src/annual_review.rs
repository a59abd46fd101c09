//! Báo cáo tổng kết: an organisation's year of exchanges, from its annual review's
//! figures: the totals, a table per month and per partner, and the programmes.

use crate::DocumentError;
use crate::heading::{Issuer, Signing, signature_block, vietnamese_document};
use crate::layout::{BLANK, SMALL, TEXT_WIDTH, body, grid, pack, section};

/// One line of figures: a month (`05/2027`), a partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCount {
    pub label: String,
    pub programmes: i64,
    pub delegations: i64,
    pub delegates: i64,
}

/// One programme of the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewProgramme {
    pub title: String,
    /// Already written the Vietnamese way: `20/05/2027 – 22/05/2027`.
    pub dates: String,
    pub partners: String,
    /// Who took part, or were expected to when nobody counted.
    pub people: i64,
}

/// What the annual review holds, as the document needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub year: i32,
    pub totals: ReviewCount,
    pub by_month: Vec<ReviewCount>,
    pub by_partner: Vec<ReviewCount>,
    pub programmes: Vec<ReviewProgramme>,
}

fn counts_table(first: &str, rows: &[ReviewCount]) -> docx_rs::Table {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.label.clone(),
                r.programmes.to_string(),
                r.delegations.to_string(),
                r.delegates.to_string(),
            ]
        })
        .collect();
    let number = 1_500;
    grid(
        &["STT", first, "Chương trình", "Đoàn", "Lượt đại biểu"],
        &rows,
        &[700, TEXT_WIDTH - 700 - 3 * number, number, number, number],
        SMALL,
    )
}

pub fn annual_review(
    issuer: &Issuer,
    signing: &Signing,
    review: &Review,
) -> Result<Vec<u8>, DocumentError> {
    let subtitle = format!("Công tác đối ngoại năm {}", review.year);
    let mut docx = vietnamese_document(issuer, signing, "BC", "BÁO CÁO TỔNG KẾT", Some(&subtitle))
        .add_paragraph(section("I. KẾT QUẢ THỰC HIỆN"))
        .add_paragraph(body(format!(
            "Trong năm {}, {} đã tổ chức và tham gia {} chương trình đối ngoại, với {} đoàn và {} lượt đại biểu.",
            review.year,
            issuer.name,
            review.totals.programmes,
            review.totals.delegations,
            review.totals.delegates
        )))
        .add_paragraph(section("1. Theo tháng"));
    docx = if review.by_month.is_empty() {
        docx.add_paragraph(body("Không có chương trình nào đã diễn ra."))
    } else {
        docx.add_table(counts_table("Tháng", &review.by_month))
    };
    docx = docx.add_paragraph(section("2. Theo đối tác"));
    if !review.by_partner.is_empty() {
        docx = docx.add_table(counts_table("Đối tác", &review.by_partner));
    }
    docx = docx.add_paragraph(section("3. Các chương trình trong năm"));
    if !review.programmes.is_empty() {
        let rows: Vec<Vec<String>> = review
            .programmes
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    (i + 1).to_string(),
                    p.title.clone(),
                    p.dates.clone(),
                    p.partners.clone(),
                    p.people.to_string(),
                ]
            })
            .collect();
        let widths = [
            700,
            3_000,
            2_300,
            TEXT_WIDTH - 700 - 3_000 - 2_300 - 1_100,
            1_100,
        ];
        docx = docx.add_table(grid(
            &["STT", "Chương trình", "Thời gian", "Đối tác", "Số người"],
            &rows,
            &widths,
            SMALL,
        ));
    }
    docx = docx
        .add_paragraph(section("II. ĐÁNH GIÁ CHUNG"))
        .add_paragraph(body(BLANK))
        .add_paragraph(section(format!(
            "III. PHƯƠNG HƯỚNG NĂM {}",
            review.year + 1
        )))
        .add_paragraph(body(BLANK))
        .add_table(signature_block(
            issuer,
            signing,
            &["Thường trực Tỉnh ủy (để báo cáo)".into(), "Lưu VP".into()],
        ));
    pack(docx)
}
