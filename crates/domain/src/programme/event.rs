use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::plan::{Plan, PlanChanges};
use super::status::Status;
use crate::aggregate::parse_data as parse;
use crate::values::Schedule;
use crate::{DomainEvent, UpcastError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Drafted {
    pub programme_id: Uuid,
    pub plan: Plan,
    /// Who drafted it: the planner, told of the approval's outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafted_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Revised {
    pub changes: PlanChanges,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub status_before: Status,
    pub status_after: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Submitted {
    /// 1 for the first submission, 2 after the first resubmission, and so on.
    pub round: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Withdrawn {
    pub reason: String,
    pub status_before: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SubmissionRefused {
    pub round: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FollowedUp {
    pub report_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Closed {
    pub report_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Postponed {
    pub from: Schedule,
    pub to: Schedule,
    pub reason: String,
    pub status_before: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cancelled {
    pub reason: String,
    pub status_before: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReviewStarted {
    pub round_id: Uuid,
}

/// How an approval round ended for the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Approved,
    ChangesRequested { comment: String },
    Declined { reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Reviewed {
    pub round_id: Uuid,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// Facts about a programme. Their stored form is a contract: a change of meaning gets a
/// new schema version and an upcaster in [`ProgrammeEvent::from_stored`], never an edit.
#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "events are built once and moved rarely; boxing would only add noise"
)]
pub enum ProgrammeEvent {
    Drafted(Drafted),
    Revised(Revised),
    Submitted(Submitted),
    Postponed(Postponed),
    Cancelled(Cancelled),
    ReviewStarted(ReviewStarted),
    Reviewed(Reviewed),
    Withdrawn(Withdrawn),
    SubmissionRefused(SubmissionRefused),
    PreparationStarted,
    Held,
    FollowedUp(FollowedUp),
    Closed(Closed),
}

/// The schema version that this build writes for every programme event.
const CURRENT_VERSION: u32 = 1;

impl DomainEvent for ProgrammeEvent {
    fn event_type(&self) -> &'static str {
        match self {
            ProgrammeEvent::Drafted(_) => "ProgrammeDrafted",
            ProgrammeEvent::Revised(_) => "ProgrammeRevised",
            ProgrammeEvent::Submitted(_) => "ProgrammeSubmitted",
            ProgrammeEvent::Postponed(_) => "ProgrammePostponed",
            ProgrammeEvent::Cancelled(_) => "ProgrammeCancelled",
            ProgrammeEvent::ReviewStarted(_) => "ProgrammeReviewStarted",
            ProgrammeEvent::Reviewed(_) => "ProgrammeReviewed",
            ProgrammeEvent::Withdrawn(_) => "ProgrammeWithdrawn",
            ProgrammeEvent::SubmissionRefused(_) => "ProgrammeSubmissionRefused",
            ProgrammeEvent::PreparationStarted => "ProgrammePreparationStarted",
            ProgrammeEvent::Held => "ProgrammeHeld",
            ProgrammeEvent::FollowedUp(_) => "ProgrammeFollowedUp",
            ProgrammeEvent::Closed(_) => "ProgrammeClosed",
        }
    }

    fn schema_version(&self) -> u32 {
        CURRENT_VERSION
    }

    fn to_data(&self) -> Value {
        let data = match self {
            ProgrammeEvent::Drafted(e) => serde_json::to_value(e),
            ProgrammeEvent::Revised(e) => serde_json::to_value(e),
            ProgrammeEvent::Submitted(e) => serde_json::to_value(e),
            ProgrammeEvent::Postponed(e) => serde_json::to_value(e),
            ProgrammeEvent::Cancelled(e) => serde_json::to_value(e),
            ProgrammeEvent::ReviewStarted(e) => serde_json::to_value(e),
            ProgrammeEvent::Reviewed(e) => serde_json::to_value(e),
            ProgrammeEvent::Withdrawn(e) => serde_json::to_value(e),
            ProgrammeEvent::SubmissionRefused(e) => serde_json::to_value(e),
            ProgrammeEvent::PreparationStarted | ProgrammeEvent::Held => Ok(serde_json::json!({})),
            ProgrammeEvent::FollowedUp(e) => serde_json::to_value(e),
            ProgrammeEvent::Closed(e) => serde_json::to_value(e),
        };
        data.expect("programme events are plain data and always serialise")
    }

    fn from_stored(
        event_type: &str,
        schema_version: u32,
        data: Value,
    ) -> Result<Self, UpcastError> {
        if schema_version > CURRENT_VERSION {
            return Err(UpcastError::FromTheFuture {
                event_type: event_type.to_string(),
                found: schema_version,
                supported: CURRENT_VERSION,
            });
        }
        // Every programme event is still at version 1. When one changes, its older
        // versions are rewritten to the current shape here, before parsing.
        let v = schema_version;
        Ok(match event_type {
            "ProgrammeDrafted" => ProgrammeEvent::Drafted(parse(event_type, v, data)?),
            "ProgrammeRevised" => ProgrammeEvent::Revised(parse(event_type, v, data)?),
            "ProgrammeSubmitted" => ProgrammeEvent::Submitted(parse(event_type, v, data)?),
            "ProgrammePostponed" => ProgrammeEvent::Postponed(parse(event_type, v, data)?),
            "ProgrammeCancelled" => ProgrammeEvent::Cancelled(parse(event_type, v, data)?),
            "ProgrammeReviewStarted" => ProgrammeEvent::ReviewStarted(parse(event_type, v, data)?),
            "ProgrammeReviewed" => ProgrammeEvent::Reviewed(parse(event_type, v, data)?),
            "ProgrammeWithdrawn" => ProgrammeEvent::Withdrawn(parse(event_type, v, data)?),
            "ProgrammeSubmissionRefused" => {
                ProgrammeEvent::SubmissionRefused(parse(event_type, v, data)?)
            }
            "ProgrammePreparationStarted" => ProgrammeEvent::PreparationStarted,
            "ProgrammeHeld" => ProgrammeEvent::Held,
            "ProgrammeFollowedUp" => ProgrammeEvent::FollowedUp(parse(event_type, v, data)?),
            "ProgrammeClosed" => ProgrammeEvent::Closed(parse(event_type, v, data)?),
            other => return Err(UpcastError::UnknownType(other.to_string())),
        })
    }
}
