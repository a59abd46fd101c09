//! A plan as typed into the form: kept as text so that a refused form shows exactly what
//! was typed, read into a `Plan` with a message for each field that is wrong.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::Lang;
use domain::programme::{Plan, ProgrammeKind};
use domain::values::{Contact, Schedule};
use domain::{FieldError, Problem};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::form::Form;
use crate::plan_rows;
use crate::words::words;

/// The form's single fields, in the order shown; the partners' and budget's rows are
/// `plan_rows`'.
pub const FIELDS: [&str; 12] = [
    "title",
    "kind",
    "host",
    "co_organisers",
    "start",
    "end",
    "venue",
    "border_gate",
    "objectives",
    "size",
    "coordinator_name",
    "coordinator_email",
];

/// Field name → typed text.
pub type Values = BTreeMap<&'static str, String>;
/// Field name → message.
pub type Errors = BTreeMap<&'static str, String>;

pub fn from_form(form: &Form) -> Values {
    let mut values: Values = FIELDS
        .iter()
        .map(|name| (*name, form.get(name).to_string()))
        .collect();
    plan_rows::from_form(form, &mut values);
    values
}

/// The plan as the form shows it, for `lang`'s reader.
pub fn from_plan(plan: &Plan, lang: Lang) -> Values {
    let mut v = Values::new();
    v.insert("title", plan.title.clone());
    v.insert("kind", plan.kind.as_str().into());
    v.insert(
        "host",
        plan.host_organisation_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
    );
    v.insert("co_organisers", plan.co_organisers.join("\n"));
    plan_rows::from_plan(plan, lang, &mut v);
    v.insert("start", plan.schedule.start.to_string());
    v.insert("end", plan.schedule.end.to_string());
    v.insert("venue", plan.venue.clone().unwrap_or_default());
    v.insert("border_gate", plan.border_gate.clone().unwrap_or_default());
    v.insert("objectives", plan.objectives.clone());
    v.insert("size", plan.expected_delegation_size.to_string());
    let coordinator = plan.coordinator.as_ref();
    v.insert(
        "coordinator_name",
        coordinator.map(|c| c.name.clone()).unwrap_or_default(),
    );
    v.insert(
        "coordinator_email",
        coordinator.map(|c| c.email.clone()).unwrap_or_default(),
    );
    v
}

/// Where a domain problem's path is shown on the form: beside its cell for a partner's or
/// a budget line's, else beside its field.
pub fn field_of(path: &str) -> &'static str {
    if let Some(cell) = plan_rows::cell_of(path) {
        return cell;
    }
    let first = path.split(['.', '[']).next().unwrap_or("");
    match (first, path) {
        (_, "schedule.start") => "start",
        ("schedule", _) => "end",
        ("host_organisation" | "host_organisation_id", _) => "host",
        ("co_organisers", _) => "co_organisers",
        ("partners", _) => "partners",
        ("budget", _) => "budget",
        ("expected_delegation_size", _) => "size",
        (_, "coordinator.email") => "coordinator_email",
        ("coordinator", _) => "coordinator_name",
        ("kind", _) => "kind",
        ("venue", _) => "venue",
        ("border_gate", _) => "border_gate",
        ("objectives", _) => "objectives",
        _ => "title",
    }
}

/// Adds the domain's problems to the form's errors, the first per field.
pub fn add_problems(errors: &mut Errors, problems: &[FieldError], lang: Lang) {
    for problem in problems {
        errors
            .entry(field_of(&problem.field))
            .or_insert_with(|| problem.problem.message(lang));
    }
}

/// Text that looks like markup is refused outright: nothing typed is ever shown as
/// markup anyway (pages escape it), but such text in a plan is a mistake or an attack.
fn looks_like_markup(text: &str) -> bool {
    text.contains('<') || text.contains('>')
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// `2027-03-01` as a date field sends it, or `01/03/2027` as people write it where the
/// browser offers no date picker.
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// Reads the typed plan; `timezone` is kept from the plan being revised.
pub fn read(values: &Values, user: &SignedIn, timezone: &str) -> Result<Plan, Errors> {
    let lang = user.lang;
    let w = words(lang);
    let get = |name: &str| values.get(name).map_or("", String::as_str);
    let mut errors = Errors::new();
    for name in FIELDS {
        if looks_like_markup(get(name)) {
            errors.insert(name, w.no_markup.into());
        }
    }
    let kind = ProgrammeKind::parse(get("kind")).unwrap_or_else(|| {
        errors.insert("kind", Problem::Required.message(lang));
        ProgrammeKind::Other
    });
    let host = Uuid::parse_str(get("host"))
        .ok()
        .and_then(|id| user.planning_for().into_iter().find(|o| o.id == id));
    if host.is_none() {
        errors.insert("host", Problem::Required.message(lang));
    }
    for name in plan_rows::cell_names() {
        if looks_like_markup(get(name)) {
            errors.insert(name, w.no_markup.into());
        }
    }
    let partners = plan_rows::partners(values, lang, &mut errors);
    let budget = plan_rows::budget(values, lang, &mut errors);
    let mut day = |name: &'static str| {
        date(get(name)).unwrap_or_else(|| {
            errors.insert(name, w.not_a_date.into());
            NaiveDate::default()
        })
    };
    let (start, end) = (day("start"), day("end"));
    let size = get("size").trim().parse::<u32>().unwrap_or_else(|_| {
        errors.insert("size", w.not_a_number.into());
        0
    });
    let coordinator = match (
        optional(get("coordinator_name")),
        optional(get("coordinator_email")),
    ) {
        (None, None) => None,
        (name, email) => Some(Contact {
            name: name.unwrap_or_default(),
            email: email.unwrap_or_default(),
        }),
    };
    let plan = Plan {
        title: get("title").to_string(),
        kind,
        host_organisation: host.map(|o| o.name.clone()).unwrap_or_default(),
        host_organisation_id: host.map(|o| o.id),
        co_organisers: get("co_organisers")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        partners,
        schedule: Schedule {
            start,
            end,
            timezone: timezone.to_string(),
        },
        venue: optional(get("venue")),
        border_gate: optional(get("border_gate")),
        objectives: get("objectives").trim().to_string(),
        expected_delegation_size: size,
        budget,
        agreement_id: None,
        coordinator,
    }
    .normalised();
    add_problems(&mut errors, &plan.problems(), lang);
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}
