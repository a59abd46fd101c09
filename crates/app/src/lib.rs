//! The application layer of Cầu Nối: what the JSON API and the pages share beneath their
//! parsing and rendering. Both run every command through [`Commands`], so that a command
//! is appended, and waited for, the same way whichever door it came in by; a use case
//! that takes more than one command (submitting a programme, changing a follow-up report)
//! is written once, here.

pub mod access;
mod agreements;
mod approvals;
mod checklist;
mod commands;
mod delegations;
mod directory;
pub mod documents;
mod follow_up;
pub mod history;
mod members;
mod preferences;
mod privacy;
mod programmes;
pub mod roles;
mod subjects;
pub mod tokens;

pub use agreements::{Renewal, Successor};
pub use approvals::ResendError;
pub use commands::{Commands, Ran};
pub use follow_up::ReportChanged;
pub use members::MembersError;
