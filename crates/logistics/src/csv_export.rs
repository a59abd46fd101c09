use crate::border_roster::{COLUMNS, rows};
use crate::roster::Roster;

/// The border-gate roster as CSV in UTF-8 with a byte-order mark, so that Excel shows the
/// Vietnamese and Chinese letters right when the file is opened with a double click.
pub fn roster_csv(roster: &Roster) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer
        .write_record(COLUMNS)
        .expect("writing to memory cannot fail");
    for row in rows(roster) {
        writer
            .write_record(
                row.iter()
                    .map(|cell| crate::spreadsheet::safe_cell(cell).into_owned()),
            )
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("flushing to memory cannot fail")
}
