//! The workbook form of a history file: its first sheet, read as the CSV form is.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::table::Row;
use crate::problem::{Issue, Located};
use crate::spec::Spot;

/// A workbook is a zip archive: one that would unpack to more than this is refused before
/// it is read. Ten years of programmes unpack to far less.
const MAX_UNPACKED: u128 = 64 * 1024 * 1024;

fn unreadable(detail: &str) -> Located {
    Located::new(
        &Spot::new(1, "xlsx"),
        Issue::Malformed(format!("{detail} (không đọc được tệp Excel)")),
    )
}

/// The first sheet's heading and rows, each row with its number in the sheet.
pub(super) fn rows(bytes: &[u8]) -> Result<(Vec<String>, Vec<Row>), Located> {
    if unpacked_size(bytes).is_none_or(|size| size > MAX_UNPACKED) {
        return Err(unreadable("not an .xlsx workbook"));
    }
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e.to_string()))?;
    let sheet = match workbook.worksheet_range_at(0) {
        Some(Ok(sheet)) => sheet,
        Some(Err(error)) => return Err(unreadable(&error.to_string())),
        None => return Err(unreadable("the workbook has no sheet")),
    };
    // Rows are numbered as the spreadsheet shows them, from where the used range starts.
    let first = u64::from(sheet.start().map_or(0, |(row, _)| row)) + 1;
    let mut rows = sheet.rows().zip(first..);
    let Some((heading, _)) = rows.next() else {
        return Err(unreadable("the first sheet is empty"));
    };
    let heading = heading.iter().map(text).collect();
    Ok((
        heading,
        rows.map(|(cells, line)| (line, cells.iter().map(text).collect()))
            .collect(),
    ))
}

fn unpacked_size(bytes: &[u8]) -> Option<u128> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total = 0u128;
    for index in 0..archive.len() {
        total += u128::from(archive.by_index_raw(index).ok()?.size());
    }
    Some(total)
}

/// A cell as the CSV form would have it: dates as 2018-02-07, whole numbers without a
/// decimal point; an error cell (#VALUE!) as it shows, for the checks to refuse.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Data::Float(number) => number.to_string(),
        Data::Bool(yes) => yes.to_string(),
        Data::DateTime(moment) => moment
            .as_datetime()
            .map_or_else(|| moment.to_string(), |m| m.date().to_string()),
        Data::Error(error) => format!("#{error:?}"),
    }
}
