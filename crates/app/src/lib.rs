//! The application layer of Cầu Nối: what the JSON API and the pages share beneath their
//! parsing and rendering. Both run every command through [`Commands`], so that a command
//! is appended, and waited for, the same way whichever door it came in by.

mod commands;

pub use commands::{Commands, Ran};
