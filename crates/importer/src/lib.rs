//! A directory import file (docs/import.md), read and checked with the domain's own rules
//! against the directory as it stands, into the commands that would append it. Pure: the
//! caller loads the directory and appends; `caunoi import` and the administrator's page
//! both use it.

mod csv;
pub mod file;
pub mod history;
pub mod ids;
pub mod plan;
pub mod problem;
pub mod spec;
mod values;
mod yaml;
