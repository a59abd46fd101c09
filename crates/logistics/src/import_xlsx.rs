//! Roster uploads as the Excel workbook (.xlsx) offices keep them in, the exported roster
//! among them: the first sheet, its first row the heading, read as the CSV upload is.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, Utc};
use domain::delegation::PersonalDetails;

use crate::import::{ImportError, RawRow, RowIssue, members_of};

/// A workbook is a zip archive: one that would unpack to more than this is refused before
/// it is read, so that a small upload cannot fill the memory. A roster of 2,000 members
/// unpacks to a few MiB.
const MAX_UNPACKED: u128 = 64 * 1024 * 1024;

/// Reads an uploaded workbook as [`crate::parse_roster_csv`] reads a CSV file.
pub fn parse_roster_xlsx(
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<PersonalDetails>, ImportError> {
    if unpacked_size(bytes).is_none_or(|size| size > MAX_UNPACKED) {
        return Err(ImportError::NotAWorkbook);
    }
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| ImportError::NotAWorkbook)?;
    let sheet = match workbook.worksheet_range_at(0) {
        Some(Ok(sheet)) => sheet,
        Some(Err(_)) => return Err(ImportError::NotAWorkbook),
        None => return Err(ImportError::Empty),
    };
    let mut rows = sheet.rows();
    let Some(heading) = rows.next() else {
        return Err(ImportError::Empty);
    };
    let heading: Vec<String> = heading
        .iter()
        .map(|cell| text(cell).unwrap_or_default())
        .collect();
    let rows: Vec<RawRow> = rows
        .map(|row| {
            row.iter()
                .map(text)
                .collect::<Option<Vec<_>>>()
                .ok_or(RowIssue::Unreadable)
        })
        .collect();
    members_of(&heading, rows, now)
}

/// What the archive's files add up to once unpacked, as its central directory declares
/// them; `None` when it is not a zip archive.
fn unpacked_size(bytes: &[u8]) -> Option<u128> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total = 0u128;
    for index in 0..archive.len() {
        total += u128::from(archive.by_index_raw(index).ok()?.size());
    }
    Some(total)
}

/// A cell as the CSV upload would have it: dates as 2013-06-01, whole numbers without a
/// decimal point (a phone number typed as a number); `None` for an error cell (#VALUE!).
fn text(cell: &Data) -> Option<String> {
    Some(match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{number:.0}")
        }
        Data::Float(number) => number.to_string(),
        Data::Bool(yes) => if *yes { "có" } else { "không" }.to_owned(),
        Data::DateTime(moment) => moment.as_datetime()?.date().to_string(),
        Data::Error(_) => return None,
    })
}
