//! Works out, for each past programme of a file, the command that records it as history,
//! and checks it with the domain's own `decide` on the programme as it stands: new ones
//! are steps, ones already recorded as the file says are left alone, and everything else
//! is a problem at its line and field. Nothing is appended here.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::agreement::Agreement;
use domain::directory::Directory;
use domain::programme::{
    Attendance, HistorySource, Plan as ProgrammePlan, Programme, ProgrammeCommand, ProgrammeKind,
};
use domain::values::{Partner, Schedule};
use domain::{Aggregate, CommandContext, DomainError, Problem};
use uuid::Uuid;

use super::PastProgrammeSpec;
use crate::ids;
use crate::problem::{Issue, Located};
use crate::spec::{Spot, Text};
use crate::values::{self, PROGRAMME_KINDS};

/// Vietnam's, when a row names no timezone.
const TIMEZONE: &str = "Asia/Ho_Chi_Minh";
/// Partners are across the border, unless a row says otherwise.
const COUNTRY: &str = "CN";

/// One programme to record, in the file's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub programme: Uuid,
    pub command: ProgrammeCommand,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub problems: Vec<Located>,
    /// Programmes the file adds.
    pub new: usize,
    /// Programmes already recorded as the file says.
    pub unchanged: usize,
}

/// What the file's rows name, as it stands in the event store: host organisations,
/// agreements and the programmes the rows would record (absent ones are new).
#[derive(Debug, Default, Clone)]
pub struct Known {
    pub organisations: HashMap<Uuid, Directory>,
    pub agreements: HashMap<Uuid, Agreement>,
    pub programmes: HashMap<Uuid, Programme>,
}

/// The host a row names: an id as written, or the id of a directory key.
fn host_id(host: &str) -> Option<Uuid> {
    let host = host.trim();
    Uuid::parse_str(host)
        .ok()
        .or_else(|| values::is_key(host).then(|| ids::organisation(host)))
}

/// Every organisation the rows name as host: loaded before planning.
pub fn hosts_named(rows: &[PastProgrammeSpec]) -> Vec<Uuid> {
    sorted(rows.iter().filter_map(|r| host_id(&r.host.value)))
}

/// Every agreement the rows name: loaded before planning.
pub fn agreements_named(rows: &[PastProgrammeSpec]) -> Vec<Uuid> {
    sorted(
        rows.iter()
            .filter_map(|r| r.agreement.as_ref())
            .filter_map(|a| Uuid::parse_str(a.value.trim()).ok()),
    )
}

/// The programme each row would record: loaded before planning, so that a row already
/// recorded is recognised.
pub fn programme_ids(rows: &[PastProgrammeSpec]) -> Vec<Uuid> {
    sorted(rows.iter().filter_map(|r| {
        let key = r.key.value.trim();
        values::is_key(key)
            .then(|| host_id(&r.host.value).map(|host| ids::past_programme(host, key)))
            .flatten()
    }))
}

fn sorted(ids: impl Iterator<Item = Uuid>) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = ids.collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The plan for the rows of `file` (its name, as recorded in each event's source).
pub fn plan(
    rows: &[PastProgrammeSpec],
    file: &str,
    known: &Known,
    context: &CommandContext,
) -> Plan {
    let mut plan = Plan::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in rows {
        let mut problems = Vec::new();
        let key = values::key(&row.key, &mut problems);
        if let Some(&first_line) = seen.get(&key) {
            problems.push(Located::new(&row.key.at, Issue::KeyTwice { first_line }));
            plan.problems.extend(problems);
            continue;
        }
        seen.insert(key.clone(), row.key.at.line);
        let Some(command) = command(row, &key, file, known, &mut problems) else {
            plan.problems.extend(problems);
            continue;
        };
        let ProgrammeCommand::RecordFromHistory { id, .. } = &command else {
            unreachable!("built above")
        };
        let id = *id;
        let state = known.programmes.get(&id).cloned().unwrap_or_default();
        match state.decide_checked(&command, context) {
            // A row with a value that could not be read is no step, whatever its stand-in.
            Ok(_) if !problems.is_empty() => {}
            Ok(events) if events.is_empty() => plan.unchanged += 1,
            Ok(_) => {
                plan.new += 1;
                plan.steps.push(Step {
                    programme: id,
                    command,
                });
            }
            Err(DomainError::Invalid(fields)) => {
                for field in fields {
                    let at = locate(row, &field.field);
                    // A value that could not be read was reported already; the stand-in
                    // put in its place says nothing more.
                    if !problems.iter().any(|p| p.at == at) {
                        problems.push(Located::new(&at, Issue::Domain(field.problem)));
                    }
                }
            }
            Err(refusal) => problems.push(Located::new(&row.key.at, Issue::Refused(refusal))),
        }
        plan.problems.extend(problems);
    }
    plan
}

/// The command that records `row`, with stand-ins for values that cannot be read (each
/// reported) so that the domain still checks the rest; `None` when the row's host is
/// unknown, which leaves no id to check it under.
fn command(
    row: &PastProgrammeSpec,
    key: &str,
    file: &str,
    known: &Known,
    problems: &mut Vec<Located>,
) -> Option<ProgrammeCommand> {
    let host = host_id(&row.host.value).and_then(|id| {
        let record = known.organisations.get(&id).and_then(Directory::record)?;
        Some((id, record.name.clone()))
    });
    if host.is_none() {
        problems.push(Located::new(
            &row.host.at,
            Issue::UnknownOrganisation(row.host.value.clone()),
        ));
    }
    let kind: Option<ProgrammeKind> = values::choice(&row.kind, PROGRAMME_KINDS, problems);
    let start = day(&row.start, problems);
    let end = day(&row.end, problems);
    let delegation_size = number(Some(&row.delegation_size), problems);
    let total = number(Some(&row.attendance), problems);
    let vietnamese_side = number(row.vietnamese_side.as_ref(), problems);
    let partner_side = number(row.partner_side.as_ref(), problems);
    let agreement_id = row.agreement.as_ref().and_then(|text| {
        let Ok(id) = Uuid::parse_str(text.value.trim()) else {
            problems.push(Located::new(&text.at, Issue::NotAnId));
            return None;
        };
        if known
            .agreements
            .get(&id)
            .and_then(Agreement::record)
            .is_none()
        {
            problems.push(Located::new(
                &text.at,
                Issue::UnknownAgreement(text.value.clone()),
            ));
        }
        Some(id)
    });
    let (host_id, host_name) = host?;
    let start = start.or(end).unwrap_or(NaiveDate::MIN);
    let plan = ProgrammePlan {
        title: row.title.value.clone(),
        kind: kind.unwrap_or(ProgrammeKind::Other),
        host_organisation: host_name,
        host_organisation_id: Some(host_id),
        co_organisers: row.co_organisers.iter().map(|c| c.value.clone()).collect(),
        partners: row
            .partners
            .iter()
            .map(|p| Partner {
                name: p.name.value.clone(),
                country: p
                    .country
                    .as_ref()
                    .map_or(COUNTRY.to_string(), |c| c.value.clone()),
                region: p.region.as_ref().map(|r| r.value.clone()),
            })
            .collect(),
        schedule: Schedule {
            start,
            end: end.unwrap_or(start),
            timezone: row
                .timezone
                .as_ref()
                .map_or(TIMEZONE.to_string(), |t| t.value.clone()),
        },
        venue: row.place.as_ref().map(|p| p.value.clone()),
        border_gate: row.border_gate.as_ref().map(|b| b.value.clone()),
        objectives: String::new(),
        expected_delegation_size: delegation_size.flatten().unwrap_or(1),
        budget: Vec::new(),
        agreement_id,
        coordinator: None,
    };
    Some(ProgrammeCommand::RecordFromHistory {
        id: ids::past_programme(host_id, key),
        plan,
        attendance: Attendance {
            total: total.flatten().unwrap_or(0),
            vietnamese_side: vietnamese_side.flatten(),
            partner_side: partner_side.flatten(),
        },
        outcomes: row
            .outcomes
            .as_ref()
            .map(|o| o.value.clone())
            .unwrap_or_default(),
        source: HistorySource {
            file: file.to_string(),
            key: key.to_string(),
        },
    })
}

/// A date as `2018-02-07` or `07/02/2018` (day first, as Vietnamese write it).
fn day(text: &Text, problems: &mut Vec<Located>) -> Option<NaiveDate> {
    let value = text.value.trim();
    let parsed = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d/%m/%Y"))
        .ok();
    if parsed.is_none() {
        problems.push(Located::new(
            &text.at,
            unreadable(value, Issue::NotADayOrDate),
        ));
    }
    parsed
}

/// A whole number; `Some(None)` for one that cannot be read (reported), `None` for a
/// value not given.
fn number(text: Option<&Text>, problems: &mut Vec<Located>) -> Option<Option<u32>> {
    let text = text?;
    let value = text.value.trim();
    let parsed = value.parse::<u32>().ok();
    if parsed.is_none() {
        problems.push(Located::new(&text.at, unreadable(value, Issue::NotANumber)));
    }
    Some(parsed)
}

/// A required value left empty, or one written wrong.
fn unreadable(value: &str, issue: Issue) -> Issue {
    if value.is_empty() {
        Issue::Domain(Problem::Required)
    } else {
        issue
    }
}

/// Where in the row a field the domain refused was written.
fn locate(row: &PastProgrammeSpec, field: &str) -> Spot {
    let indexed = |list: &[Text], rest: &str| -> Option<Spot> {
        let index: usize = rest.strip_prefix('[')?.split(']').next()?.parse().ok()?;
        list.get(index).map(|t| t.at.clone())
    };
    let or_key = |text: Option<&Text>| text.map_or_else(|| row.key.at.clone(), |t| t.at.clone());
    if let Some(rest) = field.strip_prefix("partners") {
        let index: Option<usize> = rest
            .strip_prefix('[')
            .and_then(|r| r.split(']').next())
            .and_then(|i| i.parse().ok());
        let Some(partner) = index.and_then(|i| row.partners.get(i)) else {
            return Spot::new(row.key.at.line, partners_field(row));
        };
        return match rest.rsplit('.').next() {
            Some("country") => partner
                .country
                .as_ref()
                .map_or_else(|| partner.name.at.clone(), |c| c.at.clone()),
            Some("region") => or_key(partner.region.as_ref()),
            _ => partner.name.at.clone(),
        };
    }
    if let Some(rest) = field.strip_prefix("co_organisers") {
        return indexed(&row.co_organisers, rest)
            .unwrap_or_else(|| Spot::new(row.key.at.line, "co_organisers"));
    }
    match field {
        "id" => row.key.at.clone(),
        "title" => row.title.at.clone(),
        "host_organisation" | "host_organisation_id" => row.host.at.clone(),
        "schedule.start" => row.start.at.clone(),
        "schedule.end" => row.end.at.clone(),
        "schedule.timezone" => or_key(row.timezone.as_ref()),
        "venue" => or_key(row.place.as_ref()),
        "border_gate" => or_key(row.border_gate.as_ref()),
        "expected_delegation_size" => row.delegation_size.at.clone(),
        "attendance.total" => row.attendance.at.clone(),
        "attendance.vietnamese_side" => or_key(row.vietnamese_side.as_ref()),
        "attendance.partner_side" => or_key(row.partner_side.as_ref()),
        "outcomes" => or_key(row.outcomes.as_ref()),
        "agreement_id" => or_key(row.agreement.as_ref()),
        _ => row.key.at.clone(),
    }
}

/// How the row names its partners: the CSV column, or the YAML list.
fn partners_field(row: &PastProgrammeSpec) -> String {
    match row.key.at.field.strip_suffix(".key") {
        Some(path) => format!("{path}.partners"),
        None => "partners".into(),
    }
}
