use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use crate::LogisticsError;
use crate::border_roster::{COLUMNS, rows};
use crate::labels;
use crate::roster::Roster;

/// Where the table starts: a title and the crossing's details come first, as on the
/// printed form.
pub const HEADER_ROW: u32 = 3;

/// The border-gate roster as an Excel workbook: a title, the gate and dates, then the
/// table with its headings, ready to print on A4 landscape.
pub fn roster_xlsx(roster: &Roster) -> Result<Vec<u8>, LogisticsError> {
    let failed = |e: rust_xlsxwriter::XlsxError| LogisticsError::Spreadsheet(e.to_string());
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Danh sách đoàn").map_err(failed)?;
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let record = &roster.delegation.record;
    let plan = &roster.programme.record.plan;
    sheet
        .write_string_with_format(
            0,
            0,
            format!("DANH SÁCH THÀNH VIÊN {}", record.name.to_uppercase()),
            &title,
        )
        .map_err(failed)?;
    let gate = record
        .crossing_leg()
        .and_then(|leg| leg.border_gate.as_deref())
        .and_then(domain::delegation::border_gate)
        .map(|g| g.name)
        .or(plan.border_gate.as_deref())
        .unwrap_or("");
    sheet
        .write_string(
            1,
            0,
            format!(
                "Chương trình: {} — từ {} đến {} — {gate}",
                plan.title,
                labels::date(plan.schedule.start),
                labels::date(plan.schedule.end),
            ),
        )
        .map_err(failed)?;
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(HEADER_ROW, col as u16, *name, &heading)
            .map_err(failed)?;
    }
    for (i, row) in rows(roster).iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        for (col, value) in row.iter().enumerate() {
            sheet
                .write_string_with_format(r, col as u16, value, &cell)
                .map_err(failed)?;
        }
    }
    for (col, width) in [5, 28, 16, 9, 12, 12, 18, 26, 22, 18, 12, 12, 30]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width).map_err(failed)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet
        .set_repeat_rows(HEADER_ROW, HEADER_ROW)
        .map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}
