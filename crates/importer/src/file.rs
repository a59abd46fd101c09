//! Reading an import file: its format from its extension, its text as UTF-8 with or
//! without a byte order mark.

use super::problem::{Issue, Located};
use super::spec::{OrganisationSpec, Spot};
use super::{csv, yaml};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Csv,
}

impl Format {
    /// The format a file's name says (`.yaml`, `.yml` or `.csv`, any case); none for
    /// another name.
    pub fn of(file_name: &str) -> Option<Format> {
        let (_, extension) = file_name.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The organisations a file describes, and the problems found while reading it. A YAML
/// file that cannot be parsed gives one problem and nothing else.
pub fn parse(format: Format, bytes: &[u8]) -> (Vec<OrganisationSpec>, Vec<Located>) {
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
            Ok(orgs) => (orgs, Vec::new()),
            Err(problem) => (Vec::new(), vec![problem]),
        },
        Format::Csv => csv::parse(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_skipped_and_other_encodings_are_refused() {
        let csv = "\u{feff}organisation,organisation_kind,committee,rule,member_name,member_email,role,serves_from\n\
                   Tỉnh Đoàn Hà Giang,provincial_youth_union,Ban Thường vụ,all,Sùng Mí Chá,cha@example.vn,chair,2022-10-01\n";
        let (orgs, problems) = parse(Format::Csv, csv.as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(orgs[0].key.value, "tinh-doan-ha-giang");

        let latin1 = b"organisations:\n  - name: T\xe1\n";
        let (_, problems) = parse(Format::Yaml, latin1);
        assert_eq!(problems[0].at.line, 2);
    }

    #[test]
    fn the_format_follows_the_extension() {
        assert_eq!(Format::of("a/directory.YML"), Some(Format::Yaml));
        assert_eq!(Format::of("members.csv"), Some(Format::Csv));
        assert_eq!(Format::of("members.xlsx"), None);
        assert_eq!(Format::of("csv"), None);
    }
}
