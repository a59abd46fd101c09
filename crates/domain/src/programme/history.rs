//! Programmes that took place before Cầu Nối was used, brought in once as history: the
//! plan as it was carried out, who took part and what came of it. Nothing is replayed
//! (no submission, no approval round, no report): the programme is `closed` at once, so
//! no reminder or approval follows it.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::event::{ProgrammeEvent, RecordedFromHistory};
use super::plan::Plan;
use super::{Programme, Status};
use crate::CommandContext;
use crate::error::{DomainError, Entity, FieldError, Problem};
use crate::text::clean;
use crate::values::check_text;

pub const MAX_OUTCOMES: usize = 10_000;
/// As for a follow-up report's actual attendance.
pub const MAX_ATTENDANCE: u32 = 100_000;

/// How many took part, both sides together, and, when the records say so, how many on
/// each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Attendance {
    pub total: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vietnamese_side: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_side: Option<u32>,
}

/// Where a past programme was read from: the file's name and the key of its row there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistorySource {
    pub file: String,
    pub key: String,
}

/// What a programme recorded from history holds besides its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct History {
    pub attendance: Attendance,
    pub outcomes: String,
    pub source: HistorySource,
    pub imported_by: String,
}

impl Attendance {
    fn check(&self, errors: &mut Vec<FieldError>) {
        self.check_at("attendance.total", "attendance.", errors);
    }

    /// Checks the total at the path `total` and each side at `sides` followed by its name
    /// (`vietnamese_side`, `partner_side`).
    pub(crate) fn check_at(&self, total: &str, sides: &str, errors: &mut Vec<FieldError>) {
        if self.total > MAX_ATTENDANCE {
            errors.push(FieldError::new(
                total,
                Problem::OutOfRange {
                    min: 0,
                    max: MAX_ATTENDANCE.into(),
                },
            ));
            return;
        }
        for (name, side) in [
            ("vietnamese_side", self.vietnamese_side),
            ("partner_side", self.partner_side),
        ] {
            if side.is_some_and(|n| n > self.total) {
                errors.push(FieldError::new(
                    format!("{sides}{name}"),
                    Problem::OutOfRange {
                        min: 0,
                        max: self.total.into(),
                    },
                ));
            }
        }
        if let (Some(ours), Some(theirs)) = (self.vietnamese_side, self.partner_side)
            && ours <= self.total
            && theirs <= self.total
            && ours + theirs != self.total
        {
            errors.push(FieldError::new(
                format!("{sides}partner_side"),
                Problem::SidesNotTotal { total: self.total },
            ));
        }
    }

    /// The Vietnamese and the partner side, when known: both given, or one given and the
    /// other what the total leaves. Unknown otherwise, never taken as 0.
    pub fn sides(&self) -> Option<(u32, u32)> {
        match (self.vietnamese_side, self.partner_side) {
            (Some(ours), Some(theirs)) => Some((ours, theirs)),
            (Some(ours), None) => Some((ours, self.total.checked_sub(ours)?)),
            (None, Some(theirs)) => Some((self.total.checked_sub(theirs)?, theirs)),
            (None, None) => None,
        }
    }
}

/// Records a past programme, or nothing when the same record is already there.
pub(super) fn record(
    state: &Programme,
    id: Uuid,
    plan: &Plan,
    attendance: &Attendance,
    outcomes: &str,
    source: &HistorySource,
    context: &CommandContext,
) -> Result<Vec<ProgrammeEvent>, DomainError> {
    let plan = plan.normalised();
    let outcomes = clean(outcomes);
    let source = HistorySource {
        file: clean(&source.file),
        key: clean(&source.key),
    };
    if let Programme::Existing(existing) = state {
        return match &existing.history {
            // Importing the same file again: nothing happened.
            Some(history)
                if existing.plan == plan
                    && history.attendance == *attendance
                    && history.outcomes == outcomes =>
            {
                Ok(vec![])
            }
            Some(_) => Err(DomainError::Invalid(vec![FieldError::new(
                "id",
                Problem::RecordedDifferently,
            )])),
            None => Err(DomainError::AlreadyExists(Entity::Programme)),
        };
    }
    let mut problems = plan.problems();
    if plan.host_organisation_id.is_none() {
        problems.push(FieldError::new("host_organisation_id", Problem::Required));
    }
    // History is what has already happened: its last day is over where it took place.
    if plan.schedule.timezone.parse::<chrono_tz::Tz>().is_ok()
        && plan.schedule.today(context.now) <= plan.schedule.end
    {
        problems.push(FieldError::new("schedule.end", Problem::NotOver));
    }
    attendance.check(&mut problems);
    check_text("outcomes", &outcomes, MAX_OUTCOMES, false, &mut problems);
    check_text("source.file", &source.file, 300, true, &mut problems);
    check_text("source.key", &source.key, 200, true, &mut problems);
    if !problems.is_empty() {
        return Err(DomainError::Invalid(problems));
    }
    Ok(vec![ProgrammeEvent::RecordedFromHistory(
        RecordedFromHistory {
            programme_id: id,
            plan,
            attendance: attendance.clone(),
            outcomes,
            source,
            imported_by: context.actor.clone(),
        },
    )])
}

/// The status a programme recorded from history has: it took place and nothing is due.
pub(super) const STATUS: Status = Status::Closed;
