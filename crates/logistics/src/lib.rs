//! The read side of delegation logistics: rosters opened with the key store (forgotten
//! people come out redacted), their warnings, the exports coordinators hand on — the
//! border-gate roster (CSV, XLSX), the itinerary for calendars (ICS) and on paper (HTML) —
//! and roster uploads from a spreadsheet.

mod border_roster;
mod csv_export;
mod error;
mod html;
mod ics;
mod import;
mod import_xlsx;
mod labels;
mod roster;
mod spreadsheet;
mod xlsx_export;

pub use border_roster::COLUMNS;
pub use csv_export::roster_csv;
pub use error::LogisticsError;
pub use html::itinerary_html;
pub use ics::itinerary_ics;
pub use import::{IMPORT_COLUMNS, ImportError, MAX_IMPORT_ROWS, RowProblem, parse_roster_csv};
pub use import_xlsx::parse_roster_xlsx;
pub use labels::REDACTED;
pub use roster::{Roster, RosterMember, load_roster};
pub use spreadsheet::safe_cell;
pub use xlsx_export::roster_xlsx;
