//! A file of past programmes (docs/import.md, "History"): exchanges that took place before
//! Cầu Nối was used, read from CSV, an Excel workbook or YAML, and checked with the
//! domain's own rules into the commands that would record them as history. Pure: the
//! caller loads the organisations, agreements and programmes the file names, and appends.

mod plan;
mod table;
#[cfg(test)]
mod tests;
mod xlsx;
mod yaml;

pub use plan::{Known, Plan, Step, agreements_named, hosts_named, plan, programme_ids};

use super::problem::{Issue, Located};
use super::spec::{Spot, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Yaml,
}

impl Format {
    /// The format a file's name says (`.csv`, `.xlsx`, `.yaml` or `.yml`, any case).
    pub fn of(file_name: &str) -> Option<Format> {
        let (_, extension) = file_name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// One past programme as the file writes it, every value with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastProgrammeSpec {
    /// The row's key: unique in the file, kept once imported.
    pub key: Text,
    /// The host organisation: its key in the directory, or its id.
    pub host: Text,
    pub title: Text,
    pub kind: Text,
    pub start: Text,
    pub end: Text,
    pub timezone: Option<Text>,
    pub place: Option<Text>,
    pub border_gate: Option<Text>,
    pub co_organisers: Vec<Text>,
    pub partners: Vec<PartnerSpec>,
    pub delegation_size: Text,
    pub attendance: Text,
    pub vietnamese_side: Option<Text>,
    pub partner_side: Option<Text>,
    pub outcomes: Option<Text>,
    /// The agreement (MOU) it carried out: its id.
    pub agreement: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerSpec {
    pub name: Text,
    /// `CN` when not given: partners are across the border.
    pub country: Option<Text>,
    pub region: Option<Text>,
}

/// The past programmes a file describes, and the problems found while reading it. A file
/// that cannot be read at all gives its problems and no programme.
pub fn parse(format: Format, bytes: &[u8]) -> (Vec<PastProgrammeSpec>, Vec<Located>) {
    if format == Format::Xlsx {
        return match xlsx::rows(bytes) {
            Ok((heading, rows)) => table::programmes(&heading, rows),
            Err(problem) => (Vec::new(), vec![problem]),
        };
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let line = 1 + bytes[..error.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            let issue = Issue::Malformed("not UTF-8 (chưa lưu dạng UTF-8)".into());
            return (
                Vec::new(),
                vec![Located::new(&Spot::new(line, "encoding"), issue)],
            );
        }
    };
    match format {
        Format::Yaml => match yaml::parse(text) {
            Ok(programmes) => (programmes, Vec::new()),
            Err(problem) => (Vec::new(), vec![problem]),
        },
        Format::Csv => match table::csv_rows(text) {
            Ok((heading, rows)) => table::programmes(&heading, rows),
            Err(problem) => (Vec::new(), vec![problem]),
        },
        Format::Xlsx => unreachable!("read above"),
    }
}
