//! What the request to decide says about a programme.

use domain::Lang;
use domain::labels::{PlanField, format_budget_line, format_dates};
use domain::programme::Plan;

use super::words::request::request_words;

pub(super) struct Summary {
    pub title: String,
    pub kind: &'static str,
    pub host: String,
    pub dates: String,
    pub partners: String,
    pub venue: Option<String>,
    pub size: String,
    /// One line per budget item, amounts written the way the language writes them.
    pub budget: Vec<String>,
    pub objectives: String,
}

impl Summary {
    pub fn of(plan: &Plan, lang: Lang) -> Self {
        Self {
            title: plan.title.clone(),
            kind: plan.kind.label(lang),
            host: std::iter::once(plan.host_organisation.as_str())
                .chain(plan.co_organisers.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(", "),
            dates: format_dates(plan.schedule.start, plan.schedule.end, lang),
            partners: plan
                .partners
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            venue: plan.venue.clone().or_else(|| plan.border_gate.clone()),
            size: (request_words(lang).people)(plan.expected_delegation_size),
            budget: plan
                .budget
                .iter()
                .map(|line| format_budget_line(line, lang))
                .collect(),
            objectives: plan.objectives.clone(),
        }
    }
}

/// The name of a plan field, for "what changed" lists.
pub(super) fn field_label(field: &str, lang: Lang) -> &'static str {
    PlanField::of(field).map_or(request_words(lang).other_field, |f| f.label(lang))
}
