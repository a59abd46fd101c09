//! A plan and its changes, as people read them.

use domain::Lang;
use domain::labels::{country_name, format_budget_line, format_dates, zone_name};
use domain::programme::{Plan, PlanChanges};
use domain::values::{BudgetLine, Contact, Partner, Schedule};

use crate::texts::texts;

/// The plan's fields worth showing, each as a label and its text.
pub struct PlanView {
    pub title: String,
    pub rows: Vec<(&'static str, String)>,
    pub objectives: String,
    pub budget: Vec<String>,
}

impl PlanView {
    pub fn of(plan: &Plan, lang: Lang) -> Self {
        let t = texts(lang);
        let mut rows = vec![
            (t.kind, plan.kind.label(lang).to_string()),
            (t.organisers, organisers(plan)),
            (t.partners, partners(&plan.partners, lang)),
            (t.dates, schedule(&plan.schedule, lang)),
        ];
        if let Some(venue) = &plan.venue {
            rows.push((t.venue, venue.clone()));
        }
        if let Some(gate) = &plan.border_gate {
            rows.push((t.border_gate, gate.clone()));
        }
        rows.push((
            t.delegation,
            format!("{} {}", plan.expected_delegation_size, t.people),
        ));
        if let Some(coordinator) = &plan.coordinator {
            rows.push((t.coordinator, contact(coordinator)));
        }
        Self {
            title: plan.title.clone(),
            rows,
            objectives: plan.objectives.clone(),
            budget: plan
                .budget
                .iter()
                .map(|l| format_budget_line(l, lang))
                .collect(),
        }
    }
}

/// One changed field: its label, the old and the new text.
pub struct ChangeRow {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

pub fn change_rows(changes: &PlanChanges, lang: Lang) -> Vec<ChangeRow> {
    let t = texts(lang);
    let none = || match lang {
        Lang::Vi => "(không có)".to_string(),
        Lang::En => "(none)".to_string(),
    };
    let optional = |value: &Option<String>| value.clone().unwrap_or_else(none);
    let mut rows = Vec::new();
    let mut push = |field: &'static str, before: String, after: String| {
        rows.push(ChangeRow {
            field,
            before,
            after,
        })
    };
    if let Some(c) = &changes.title {
        push(t.programme, c.from.clone(), c.to.clone());
    }
    if let Some(c) = &changes.kind {
        push(t.kind, c.from.label(lang).into(), c.to.label(lang).into());
    }
    if let Some(c) = &changes.host_organisation {
        push(t.organisers, c.from.clone(), c.to.clone());
    }
    if let Some(c) = &changes.co_organisers {
        push(t.organisers, c.from.join(", "), c.to.join(", "));
    }
    if let Some(c) = &changes.partners {
        push(t.partners, partners(&c.from, lang), partners(&c.to, lang));
    }
    if let Some(c) = &changes.schedule {
        push(t.dates, schedule(&c.from, lang), schedule(&c.to, lang));
    }
    if let Some(c) = &changes.venue {
        push(t.venue, optional(&c.from), optional(&c.to));
    }
    if let Some(c) = &changes.border_gate {
        push(t.border_gate, optional(&c.from), optional(&c.to));
    }
    if let Some(c) = &changes.objectives {
        push(t.objectives, c.from.clone(), c.to.clone());
    }
    if let Some(c) = &changes.expected_delegation_size {
        push(t.delegation, c.from.to_string(), c.to.to_string());
    }
    if let Some(c) = &changes.budget {
        let lines = |lines: &[BudgetLine]| {
            lines
                .iter()
                .map(|l| format_budget_line(l, lang))
                .collect::<Vec<_>>()
                .join("; ")
        };
        push(t.budget, lines(&c.from), lines(&c.to));
    }
    if let Some(c) = &changes.coordinator {
        let person = |p: &Option<Contact>| p.as_ref().map(contact).unwrap_or_else(none);
        push(t.coordinator, person(&c.from), person(&c.to));
    }
    rows
}

fn organisers(plan: &Plan) -> String {
    std::iter::once(plan.host_organisation.as_str())
        .chain(plan.co_organisers.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(", ")
}

fn partners(partners: &[Partner], lang: Lang) -> String {
    partners
        .iter()
        .map(|p| {
            let country = country_name(&p.country, lang);
            match &p.region {
                Some(region) => format!("{} ({region}, {country})", p.name),
                None => format!("{} ({country})", p.name),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn schedule(schedule: &Schedule, lang: Lang) -> String {
    format!(
        "{} ({})",
        format_dates(schedule.start, schedule.end, lang),
        zone_name(&schedule.timezone, lang)
    )
}

/// A name and an address as people write them; angle brackets read like code.
fn contact(contact: &Contact) -> String {
    format!("{} · {}", contact.name, contact.email)
}
