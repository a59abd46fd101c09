//! The emails' words. Each mail has a plain-text and an HTML part, in Vietnamese, and
//! says why it was sent.

pub(crate) mod approval;
mod programme;

pub use approval::{approval_request, decision_receipt, round_result};
pub use programme::submission_refused;

use domain::Lang;
use domain::labels::{PlanField, format_budget_line, format_dates};
use domain::programme::Plan;

pub use links::{fill_links, link_placeholder};
pub use sign_in::sign_in_mail;

mod links;
mod sign_in;

/// What a mail says about a programme.
pub(crate) struct Summary {
    pub title: String,
    pub kind: &'static str,
    pub host: String,
    pub dates: String,
    pub partners: String,
    pub venue: Option<String>,
    pub size: u32,
    /// One line per budget item, amounts written the Vietnamese way.
    pub budget: Vec<String>,
    pub objectives: String,
}

impl Summary {
    pub fn of(plan: &Plan) -> Self {
        Self {
            title: plan.title.clone(),
            kind: plan.kind.label(Lang::Vi),
            host: std::iter::once(plan.host_organisation.as_str())
                .chain(plan.co_organisers.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(", "),
            dates: format_dates(plan.schedule.start, plan.schedule.end, Lang::Vi),
            partners: plan
                .partners
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            venue: plan.venue.clone().or_else(|| plan.border_gate.clone()),
            size: plan.expected_delegation_size,
            budget: plan
                .budget
                .iter()
                .map(|line| format_budget_line(line, Lang::Vi))
                .collect(),
            objectives: plan.objectives.clone(),
        }
    }
}

/// The Vietnamese name of a plan field, for "what changed" lists.
pub fn field_label(field: &str) -> &'static str {
    PlanField::of(field).map_or("Nội dung khác", |f| f.label(Lang::Vi))
}
