//! CSV cells that a spreadsheet cannot take for a formula.
//!
//! A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula
//! by Excel and LibreOffice when the file is opened (CSV injection). As OWASP recommends,
//! such a cell is written with a leading apostrophe, which spreadsheets show as text; the
//! roster upload takes the apostrophe off again, so an exported roster reads back as it was.

use std::borrow::Cow;

fn starts_like_a_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cell as a spreadsheet will show it, never run it.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    if starts_like_a_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell read back from a file this service wrote: without the apostrophe `safe_cell` put
/// in front of it.
pub fn unsafe_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_a_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text_and_read_back_as_they_were() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+84 912",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let written = safe_cell(cell);
            assert!(written.starts_with('\''), "{cell:?}");
            assert_eq!(unsafe_cell(&written), cell);
        }
        for cell in ["Nông Thị Hoa", "'quoted", "2013-04-12", ""] {
            assert_eq!(safe_cell(cell), cell);
            assert_eq!(unsafe_cell(cell), cell);
        }
    }
}
