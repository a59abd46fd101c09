use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::accounts::{self, Gift, MoneyTotals, Spending};
use crate::error::{FieldError, Problem};
use crate::programme::Attendance;
use crate::text::{clean, clean_optional};
use crate::values::{BudgetLine, Contact, check_count, check_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    /// No longer to be done, e.g. the partner withdrew.
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Option<ActionStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Still to be done: reminded of, and counted as open in reviews.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// Something one side promised to do next, with who does it and by when. It outlives
/// the report: it stays on the lists until it is done or dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    pub id: Uuid,
    pub title: String,
    /// Optional in the stored form only so that a missing owner is reported like any other
    /// rule, next to its field; every accepted item has one.
    #[serde(default)]
    pub owner: Option<Contact>,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    #[serde(default = "open")]
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The day it was marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
}

fn open() -> ActionStatus {
    ActionStatus::Open
}

/// A press article, a broadcast or a post about the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaLink {
    pub title: String,
    pub url: String,
}

/// What the report says. Everything may be filled in bit by bit; what must be there
/// before it is submitted is checked by [`ReportContent::missing_for_submission`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportContent {
    /// What was achieved.
    #[serde(default)]
    pub outcomes: String,
    /// How many people actually took part, both sides together.
    #[serde(default)]
    pub actual_attendance: Option<u32>,
    /// Of the actual attendance, how many were on the Vietnamese side. Unknown when not
    /// given (reports of schema version 1 never give it).
    #[serde(default)]
    pub vietnamese_side: Option<u32>,
    /// Of the actual attendance, how many were on the partner side.
    #[serde(default)]
    pub partner_side: Option<u32>,
    /// Who attended, e.g. "27 thiếu nhi và 5 cán bộ phụ trách".
    #[serde(default)]
    pub attendance_note: Option<String>,
    #[serde(default)]
    pub partners_met: Vec<String>,
    #[serde(default)]
    pub media: Vec<MediaLink>,
    #[serde(default)]
    pub lessons: String,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    /// What was actually spent, under the plan's budget lines or beside them.
    #[serde(default)]
    pub spending: Vec<Spending>,
    /// Gifts and donations given to the partner and received from them.
    #[serde(default)]
    pub gifts: Vec<Gift>,
}

pub const MAX_SPENDING_LINES: usize = 200;
pub const MAX_GIFTS: usize = 100;

impl ReportContent {
    pub fn normalised(&self) -> ReportContent {
        // Both sides given and no total: the total is their sum.
        let actual_attendance = match (
            self.actual_attendance,
            self.vietnamese_side,
            self.partner_side,
        ) {
            (None, Some(ours), Some(theirs)) => ours.checked_add(theirs),
            (total, _, _) => total,
        };
        ReportContent {
            outcomes: clean(&self.outcomes),
            actual_attendance,
            vietnamese_side: self.vietnamese_side,
            partner_side: self.partner_side,
            attendance_note: clean_optional(self.attendance_note.as_deref()),
            partners_met: self
                .partners_met
                .iter()
                .map(|p| clean(p))
                .filter(|p| !p.is_empty())
                .collect(),
            media: self
                .media
                .iter()
                .map(|m| MediaLink {
                    title: clean(&m.title),
                    url: clean(&m.url),
                })
                .collect(),
            lessons: clean(&self.lessons),
            action_items: self
                .action_items
                .iter()
                .map(|item| ActionItem {
                    title: clean(&item.title),
                    owner: item.owner.as_ref().map(|o| Contact {
                        name: clean(&o.name),
                        email: clean(&o.email),
                    }),
                    note: clean_optional(item.note.as_deref()),
                    ..item.clone()
                })
                .collect(),
            spending: self
                .spending
                .iter()
                .map(|line| Spending {
                    budget_line: line.budget_line,
                    label: clean(&line.label),
                    spent: line.spent.normalised(),
                })
                .collect(),
            gifts: self
                .gifts
                .iter()
                .map(|gift| Gift {
                    direction: gift.direction,
                    description: clean(&gift.description),
                    quantity: clean_optional(gift.quantity.as_deref()),
                    value: gift.value.as_ref().map(|v| v.normalised()),
                })
                .collect(),
        }
    }

    /// The attendance with its sides, once a total is given.
    pub fn attendance(&self) -> Option<Attendance> {
        Some(Attendance {
            total: self.actual_attendance?,
            vietnamese_side: self.vietnamese_side,
            partner_side: self.partner_side,
        })
    }

    /// The money of the report counted in đồng, against the plan's `budget` (none for a
    /// report begun before it kept the plan's budget).
    pub fn money_totals(&self, budget: Option<&[BudgetLine]>) -> MoneyTotals {
        let gifts = |direction| {
            let values: Vec<_> = self
                .gifts
                .iter()
                .filter(|g| g.direction == direction)
                .filter_map(|g| g.value.as_ref())
                .collect();
            if values.is_empty() {
                None
            } else {
                accounts::sum_vnd(values)
            }
        };
        MoneyTotals {
            spent_vnd: if self.spending.is_empty() {
                None
            } else {
                accounts::sum_vnd(self.spending.iter().map(|s| &s.spent))
            },
            budget_vnd: budget.and_then(|b| accounts::budget_vnd(b, &self.spending)),
            gifts_given_vnd: gifts(accounts::GiftDirection::Given),
            gifts_received_vnd: gifts(accounts::GiftDirection::Received),
        }
    }

    /// Every problem of the content, its spending checked against the plan's `budget`
    /// lines (none for a report begun before it kept the plan's budget).
    pub fn problems(&self, budget: Option<&[BudgetLine]>) -> Vec<FieldError> {
        let mut errors = Vec::new();
        check_text("outcomes", &self.outcomes, 10_000, false, &mut errors);
        match self.attendance() {
            Some(attendance) => attendance.check_at("actual_attendance", "", &mut errors),
            None if self.vietnamese_side.is_some() || self.partner_side.is_some() => {
                errors.push(FieldError::new("actual_attendance", Problem::Required));
            }
            None => {}
        }
        check_count("spending", &self.spending, MAX_SPENDING_LINES, &mut errors);
        accounts::check_spending(&self.spending, budget, &mut errors);
        check_count("gifts", &self.gifts, MAX_GIFTS, &mut errors);
        accounts::check_gifts(&self.gifts, &mut errors);
        if let Some(note) = &self.attendance_note {
            check_text("attendance_note", note, 2000, false, &mut errors);
        }
        check_count("partners_met", &self.partners_met, 50, &mut errors);
        for (i, partner) in self.partners_met.iter().enumerate() {
            check_text(
                &format!("partners_met[{i}]"),
                partner,
                200,
                true,
                &mut errors,
            );
        }
        check_count("media", &self.media, 50, &mut errors);
        for (i, link) in self.media.iter().enumerate() {
            check_text(
                &format!("media[{i}].title"),
                &link.title,
                300,
                true,
                &mut errors,
            );
            let url = &link.url;
            let web = url.starts_with("https://") || url.starts_with("http://");
            if !web || url.len() > 2000 || url.contains(char::is_whitespace) {
                errors.push(FieldError::new(
                    format!("media[{i}].url"),
                    Problem::InvalidUrl,
                ));
            }
        }
        check_text("lessons", &self.lessons, 10_000, false, &mut errors);
        check_count("action_items", &self.action_items, 100, &mut errors);
        for (i, item) in self.action_items.iter().enumerate() {
            let path = format!("action_items[{i}]");
            check_text(
                &format!("{path}.title"),
                &item.title,
                500,
                true,
                &mut errors,
            );
            match &item.owner {
                None => errors.push(FieldError::new(format!("{path}.owner"), Problem::Required)),
                Some(owner) => owner.check(&format!("{path}.owner"), &mut errors),
            }
            if item.due_on.is_none() {
                errors.push(FieldError::new(format!("{path}.due_on"), Problem::Required));
            }
            if let Some(note) = &item.note {
                check_text(&format!("{path}.note"), note, 2000, false, &mut errors);
            }
            if self.action_items[..i]
                .iter()
                .any(|other| other.id == item.id)
            {
                errors.push(FieldError::new(format!("{path}.id"), Problem::Duplicate));
            }
        }
        errors
    }

    /// What a report must say before it goes to the leaders.
    pub fn missing_for_submission(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.outcomes.is_empty() {
            errors.push(FieldError::new("outcomes", Problem::RequiredForSubmission));
        }
        if self.actual_attendance.is_none() {
            errors.push(FieldError::new(
                "actual_attendance",
                Problem::RequiredForSubmission,
            ));
        }
        errors
    }
}
