//! 代表团名单: who travels, for the partner and the border post on their side.

use docx_rs::{AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType};
use domain::delegation::{Gender, PersonalDetails};
use domain::programme::Plan;

use super::words::{self, FEMALE, LIST_HEADINGS, MALE, MEMBERS, PERSONS};
use super::{centred, title};
use crate::DocumentError;
use crate::layout::{SMALL, TEXT_WIDTH, pack, page, run};

fn cell(lines: &[&str], width: usize, bold: bool) -> TableCell {
    lines
        .iter()
        .fold(TableCell::new(), |cell, line| {
            let text = run(*line, SMALL);
            cell.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(if bold { text.bold() } else { text }),
            )
        })
        .width(width, WidthType::Dxa)
}

pub fn delegation_list_zh(
    plan: &Plan,
    delegation_name: &str,
    members: &[PersonalDetails],
) -> Result<Vec<u8>, DocumentError> {
    let widths = [
        800,
        3_200,
        1_100,
        2_000,
        TEXT_WIDTH - 800 - 3_200 - 1_100 - 2_000,
    ];
    let header = TableRow::new(
        LIST_HEADINGS
            .iter()
            .zip(widths)
            .map(|((vi, zh), w)| cell(&[vi, zh], w, true))
            .collect(),
    );
    let mut rows = vec![header];
    for (i, m) in members.iter().enumerate() {
        let gender = match m.gender {
            Gender::Male => format!("Nam {MALE}"),
            Gender::Female => format!("Nữ {FEMALE}"),
        };
        let number = (i + 1).to_string();
        let name: Vec<&str> = std::iter::once(m.full_name.as_str())
            .chain(m.chinese_name.as_deref())
            .collect();
        let unit = m.organisation.as_deref().unwrap_or("");
        rows.push(TableRow::new(vec![
            cell(&[&number], widths[0], false),
            cell(&name, widths[1], false),
            cell(&[&gender], widths[2], false),
            cell(&[&m.role], widths[3], false),
            cell(&[unit], widths[4], false),
        ]));
    }
    let table = Table::new(rows)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    let docx = page()
        .add_paragraph(title(&format!(
            "DANH SÁCH ĐOÀN / {}",
            words::DELEGATION_LIST
        )))
        .add_paragraph(centred(delegation_name))
        .add_paragraph(centred(format!(
            "“{}” · {}",
            plan.title,
            words::dates(plan.schedule.start, plan.schedule.end)
        )))
        .add_paragraph(centred(format!("{MEMBERS}：{}{PERSONS}", members.len())))
        .add_paragraph(centred(""))
        .add_table(table);
    pack(docx)
}
