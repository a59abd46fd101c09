//! The table forms of a history file, CSV and the first sheet of a workbook: a heading
//! row, then one row per past programme. Lists (partners, co-organisers) are written in
//! one cell, separated by `;` or `|`.

use std::collections::HashMap;

use super::{PartnerSpec, PastProgrammeSpec};
use crate::problem::{Issue, Located};
use crate::spec::{Spot, Text};

pub(super) const REQUIRED: [&str; 9] = [
    "key",
    "host",
    "title",
    "kind",
    "start",
    "end",
    "partners",
    "delegation_size",
    "attendance",
];
pub(super) const OPTIONAL: [&str; 10] = [
    "timezone",
    "place",
    "border_gate",
    "co_organisers",
    "partner_country",
    "partner_region",
    "vietnamese_side",
    "partner_side",
    "outcomes",
    "agreement",
];

/// A row's line in the file (the sheet's row number for a workbook) and its cells.
pub(super) type Row = (u64, Vec<String>);

/// Spreadsheets in Vietnamese settings often save with semicolons.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

/// The heading and the rows of a CSV text.
pub(super) fn csv_rows(text: &str) -> Result<(Vec<String>, Vec<Row>), Located> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let heading = reader
        .headers()
        .map_err(|e| malformed(&e))?
        .iter()
        .map(String::from)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| malformed(&e))?;
        let line = record.position().map_or(0, |p| p.line());
        rows.push((line, record.iter().map(String::from).collect()));
    }
    Ok((heading, rows))
}

fn malformed(error: &csv::Error) -> Located {
    let line = error.position().map_or(1, |p| p.line());
    Located::new(&Spot::new(line, "csv"), Issue::Malformed(error.to_string()))
}

struct Cells<'a> {
    line: u64,
    columns: &'a HashMap<String, usize>,
    cells: &'a [String],
}

impl Cells<'_> {
    fn get(&self, column: &str) -> Option<Text> {
        let value = self.cells.get(*self.columns.get(column)?)?.trim();
        (!value.is_empty()).then(|| Text {
            value: value.to_string(),
            at: Spot::new(self.line, column),
        })
    }

    /// A required cell; empty when left blank, for the checks to refuse.
    fn cell(&self, column: &str) -> Text {
        self.get(column).unwrap_or_else(|| Text {
            value: String::new(),
            at: Spot::new(self.line, column),
        })
    }

    fn list(&self, column: &str) -> Vec<Text> {
        self.get(column)
            .map(|cell| {
                cell.value
                    .split([';', '|'])
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| Text {
                        value: item.to_string(),
                        at: cell.at.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The programmes of a table's rows; a heading without a required column, or with one
/// this form does not know, is a problem and nothing else is read.
pub(super) fn programmes(
    heading: &[String],
    rows: Vec<Row>,
) -> (Vec<PastProgrammeSpec>, Vec<Located>) {
    let columns: HashMap<String, usize> = heading
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_lowercase(), i))
        .filter(|(h, _)| !h.is_empty())
        .collect();
    let at = Spot::new(1, "header");
    let mut problems = Vec::new();
    for column in REQUIRED {
        if !columns.contains_key(column) {
            problems.push(Located::new(&at, Issue::MissingColumn(column)));
        }
    }
    let mut unknown: Vec<&String> = columns
        .keys()
        .filter(|c| !REQUIRED.contains(&c.as_str()) && !OPTIONAL.contains(&c.as_str()))
        .collect();
    unknown.sort();
    for column in unknown {
        problems.push(Located::new(&at, Issue::UnknownColumn(column.clone())));
    }
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let width = heading.len();
    let programmes = rows
        .iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(line, cells)| {
            // A comma in a cell that was not quoted makes one cell two.
            if cells.len() > width {
                problems.push(Located::new(
                    &Spot::new(*line, "csv"),
                    Issue::Malformed(format!(
                        "{} cells, the heading has {width} (có {} ô, dòng tiêu đề có {width}; ô có dấu phẩy phải đặt trong ngoặc kép)",
                        cells.len(),
                        cells.len()
                    )),
                ));
            }
            let row = Cells {
                line: *line,
                columns: &columns,
                cells,
            };
            let country = row.get("partner_country");
            let region = row.get("partner_region");
            PastProgrammeSpec {
                key: row.cell("key"),
                host: row.cell("host"),
                title: row.cell("title"),
                kind: row.cell("kind"),
                start: row.cell("start"),
                end: row.cell("end"),
                timezone: row.get("timezone"),
                place: row.get("place"),
                border_gate: row.get("border_gate"),
                co_organisers: row.list("co_organisers"),
                partners: row
                    .list("partners")
                    .into_iter()
                    .map(|name| PartnerSpec {
                        name,
                        country: country.clone(),
                        region: region.clone(),
                    })
                    .collect(),
                delegation_size: row.cell("delegation_size"),
                attendance: row.cell("attendance"),
                vietnamese_side: row.get("vietnamese_side"),
                partner_side: row.get("partner_side"),
                outcomes: row.get("outcomes"),
                agreement: row.get("agreement"),
            }
        })
        .collect();
    (programmes, problems)
}
