//! Reads the CSV form of an import file: one row per committee member (see
//! docs/import.md). Organisations and committees are the rows' groups; their keys are
//! the `organisation_key` and `committee_key` columns, or made from the names. Routes and
//! substitutes are only in the YAML form.

use std::collections::HashMap;

use super::problem::{Issue, Located};
use super::spec::{CommitteeSpec, MemberSpec, OrganisationSpec, Spot, Text};
use super::values::key_from_name;

const REQUIRED: [&str; 8] = [
    "organisation",
    "organisation_kind",
    "committee",
    "rule",
    "member_name",
    "member_email",
    "role",
    "serves_from",
];
const OPTIONAL: [&str; 4] = [
    "organisation_key",
    "province",
    "committee_key",
    "serves_until",
];

/// One row's cells, by column name.
struct Row<'a> {
    line: u64,
    columns: &'a HashMap<String, usize>,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, column: &str) -> Option<Text> {
        let value = self.record.get(*self.columns.get(column)?)?.trim();
        (!value.is_empty()).then(|| Text {
            value: value.to_string(),
            at: Spot::new(self.line, column),
        })
    }

    /// A required cell; empty when left blank, for the domain to refuse where it matters.
    fn cell(&self, column: &str) -> Text {
        self.get(column).unwrap_or_else(|| Text {
            value: String::new(),
            at: Spot::new(self.line, column),
        })
    }

    /// The key column, or else a key made from the name column.
    fn key(&self, key_column: &str, name: &Text) -> Text {
        self.get(key_column).unwrap_or_else(|| Text {
            value: key_from_name(&name.value),
            at: name.at.clone(),
        })
    }
}

/// Spreadsheets in Vietnamese settings often save with semicolons.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

pub fn parse(text: &str) -> (Vec<OrganisationSpec>, Vec<Located>) {
    let mut problems = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let columns: HashMap<String, usize> = match reader.headers() {
        Ok(headers) => headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_lowercase(), i))
            .collect(),
        Err(error) => return (Vec::new(), vec![malformed(&error)]),
    };
    let header = Spot::new(1, "header");
    for column in REQUIRED {
        if !columns.contains_key(column) {
            problems.push(Located::new(&header, Issue::MissingColumn(column)));
        }
    }
    for column in columns.keys() {
        if !REQUIRED.contains(&column.as_str()) && !OPTIONAL.contains(&column.as_str()) {
            problems.push(Located::new(&header, Issue::UnknownColumn(column.clone())));
        }
    }
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let mut groups = Groups::default();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                let row = Row {
                    line,
                    columns: &columns,
                    record: &record,
                };
                groups.add(&row, &mut problems);
            }
            Err(error) => problems.push(malformed(&error)),
        }
    }
    (groups.organisations, problems)
}

fn malformed(error: &csv::Error) -> Located {
    let line = error.position().map_or(1, |p| p.line());
    Located::new(&Spot::new(line, "csv"), Issue::Malformed(error.to_string()))
}

/// Rows gathered into their organisations and committees, in the order first seen.
#[derive(Default)]
struct Groups {
    organisations: Vec<OrganisationSpec>,
    /// Organisation key → its index.
    by_key: HashMap<String, usize>,
}

impl Groups {
    fn add(&mut self, row: &Row<'_>, problems: &mut Vec<Located>) {
        let name = row.cell("organisation");
        let key = row.key("organisation_key", &name);
        let org = OrganisationSpec {
            key,
            name,
            kind: row.cell("organisation_kind"),
            province: row.get("province"),
            committees: Vec::new(),
            routes: Vec::new(),
        };
        let index = match self.by_key.get(&org.key.value) {
            Some(&index) => {
                let first = &self.organisations[index];
                agree(&first.name, &org.name, problems);
                agree(&first.kind, &org.kind, problems);
                agree_optional(
                    first.province.as_ref(),
                    org.province.as_ref(),
                    row,
                    problems,
                );
                index
            }
            None => {
                self.by_key
                    .insert(org.key.value.clone(), self.organisations.len());
                self.organisations.push(org);
                self.organisations.len() - 1
            }
        };
        let committees = &mut self.organisations[index].committees;
        let name = row.cell("committee");
        let key = row.key("committee_key", &name);
        let rule = row.cell("rule");
        let committee = match committees.iter_mut().find(|c| c.key.value == key.value) {
            Some(committee) => {
                agree(&committee.name, &name, problems);
                agree(&committee.rule, &rule, problems);
                committee
            }
            None => {
                committees.push(CommitteeSpec {
                    key,
                    name,
                    rule,
                    members: Vec::new(),
                    substitutes: Vec::new(),
                });
                committees.last_mut().expect("just pushed")
            }
        };
        committee.members.push(MemberSpec {
            at: Spot::new(row.line, "member_name"),
            name: row.cell("member_name"),
            email: row.cell("member_email"),
            role: row.cell("role"),
            serves_from: row.cell("serves_from"),
            serves_until: row.get("serves_until"),
        });
    }
}

/// A later row must say the same about its organisation or committee as the first.
fn agree(first: &Text, later: &Text, problems: &mut Vec<Located>) {
    if first.value != later.value {
        problems.push(Located::new(
            &later.at,
            Issue::RowDisagrees {
                first_line: first.at.line,
            },
        ));
    }
}

fn agree_optional(
    first: Option<&Text>,
    later: Option<&Text>,
    row: &Row<'_>,
    problems: &mut Vec<Located>,
) {
    if first.map(|t| &t.value) != later.map(|t| &t.value) {
        problems.push(Located::new(
            &Spot::new(row.line, "province"),
            Issue::RowDisagrees {
                first_line: first.map_or(row.line, |t| t.at.line),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &str = "\
organisation_key,organisation,organisation_kind,province,committee_key,committee,rule,member_name,member_email,role,serves_from,serves_until
,Thành đoàn Lào Cai,city_youth_union,Lào Cai,btv,Ban Thường vụ Thành đoàn Lào Cai,majority,Lò Thị Hồng,hong@thanhdoanlaocai.example.vn,chair,2022-10-01,
,Thành đoàn Lào Cai,city_youth_union,Lào Cai,btv,Ban Thường vụ Thành đoàn Lào Cai,majority,Vàng A Sử,su@thanhdoanlaocai.example.vn,member,2022-10-01,2027-09-30
";

    #[test]
    fn rows_gather_into_organisations_and_committees_with_keys_from_names() {
        let (orgs, problems) = parse(ROWS);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(orgs.len(), 1);
        assert_eq!(orgs[0].key.value, "thanh-doan-lao-cai");
        let committee = &orgs[0].committees[0];
        assert_eq!(committee.key.value, "btv");
        assert_eq!(committee.members.len(), 2);
        assert_eq!(committee.members[1].email.at, Spot::new(3, "member_email"));
        assert_eq!(
            committee.members[1].serves_until.as_ref().unwrap().value,
            "2027-09-30"
        );
        assert_eq!(committee.members[0].serves_until, None);
    }

    #[test]
    fn semicolons_are_read_too() {
        let text = ROWS.replace(',', ";");
        let (orgs, problems) = parse(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(orgs[0].committees[0].members.len(), 2);
    }

    #[test]
    fn rows_that_disagree_and_missing_columns_are_problems() {
        let disagreeing = ROWS.replacen("majority,Vàng", "all,Vàng", 1);
        let (_, problems) = parse(&disagreeing);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at, Spot::new(3, "rule"));
        assert_eq!(problems[0].issue, Issue::RowDisagrees { first_line: 2 });

        let (_, problems) = parse("organisation,committee\nA,B\n");
        assert_eq!(problems.len(), 6);
        assert!(problems.iter().all(|p| p.at.line == 1));
    }
}
