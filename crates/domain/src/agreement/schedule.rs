//! When an agreement's reviews fall due: pure date arithmetic, anchored at the signing date.
//!
//! Every periodic review is the signing date plus a whole number of cadences, each worked
//! out from the signing date itself (never from the previous review), so month ends do not
//! drift: signed 31/01 with a monthly cadence gives 29/02 (or 28/02), 31/03, 30/04, … and
//! signed 29/02/2024 with a yearly cadence gives 28/02/2025. The last review is the review
//! before expiry, a number of days before the period ends; periodic reviews that would fall
//! on or after it are left out, since that review covers them.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::terms::{CadenceUnit, ReviewCadence};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// One of the reviews on the cadence, e.g. the one-year review.
    Periodic,
    /// The review before expiry, which decides whether to renew.
    BeforeExpiry,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Periodic => "periodic",
            ReviewKind::BeforeExpiry => "before_expiry",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScheduledReview {
    pub due_on: NaiveDate,
    pub kind: ReviewKind,
    /// 1 for the first review after signing, 2 for the next, …
    pub number: u32,
}

/// The reviews of an agreement signed on `signed_on` that expires at the end of
/// `expires_on`, in order. Empty when it expires on or before the day it is signed.
pub fn review_schedule(
    signed_on: NaiveDate,
    expires_on: NaiveDate,
    cadence: &ReviewCadence,
) -> Vec<ScheduledReview> {
    let Some(first_day_after) = signed_on.checked_add_days(Days::new(1)) else {
        return Vec::new();
    };
    if expires_on < first_day_after {
        return Vec::new();
    }
    let before_expiry = expires_on
        .checked_sub_days(Days::new(cadence.before_expiry_days.into()))
        .unwrap_or(first_day_after)
        .max(first_day_after);
    let months_per_step = match cadence.unit {
        CadenceUnit::Month => cadence.every,
        CadenceUnit::Year => cadence.every.saturating_mul(12),
    };
    let mut reviews = Vec::new();
    if months_per_step > 0 {
        for step in 1u32.. {
            let due_on = step
                .checked_mul(months_per_step)
                .and_then(|months| signed_on.checked_add_months(Months::new(months)));
            match due_on {
                Some(due_on) if due_on < before_expiry => reviews.push(ScheduledReview {
                    due_on,
                    kind: ReviewKind::Periodic,
                    number: step,
                }),
                _ => break,
            }
        }
    }
    reviews.push(ScheduledReview {
        due_on: before_expiry,
        kind: ReviewKind::BeforeExpiry,
        number: reviews.len() as u32 + 1,
    });
    reviews
}
