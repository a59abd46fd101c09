use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::history::{Attendance, HistorySource};
use super::plan::{Plan, PlanChanges};
use super::status::Status;
use crate::TaggedEvent;
use crate::values::Schedule;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Drafted {
    pub programme_id: Uuid,
    pub plan: Plan,
    /// Who drafted it: the planner, told of the approval's outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafted_by: Option<String>,
}

/// A programme that took place before Cầu Nối was used, brought in as history: its plan
/// as carried out, who took part and what came of it, and where it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RecordedFromHistory {
    pub programme_id: Uuid,
    pub plan: Plan,
    pub attendance: Attendance,
    pub outcomes: String,
    pub source: HistorySource,
    pub imported_by: String,
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

/// Data of an event that carries none beyond its type: stored as `{}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NoData {}

/// Facts about a programme. Their stored form is a contract: a change of meaning gets a
/// new schema version and an upcaster in [`TaggedEvent::upcast`], never an edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
#[expect(
    clippy::large_enum_variant,
    reason = "events are built once and moved rarely; boxing would only add noise"
)]
pub enum ProgrammeEvent {
    #[serde(rename = "ProgrammeDrafted")]
    Drafted(Drafted),
    #[serde(rename = "ProgrammeRevised")]
    Revised(Revised),
    #[serde(rename = "ProgrammeSubmitted")]
    Submitted(Submitted),
    #[serde(rename = "ProgrammePostponed")]
    Postponed(Postponed),
    #[serde(rename = "ProgrammeCancelled")]
    Cancelled(Cancelled),
    #[serde(rename = "ProgrammeReviewStarted")]
    ReviewStarted(ReviewStarted),
    #[serde(rename = "ProgrammeReviewed")]
    Reviewed(Reviewed),
    #[serde(rename = "ProgrammeWithdrawn")]
    Withdrawn(Withdrawn),
    #[serde(rename = "ProgrammeSubmissionRefused")]
    SubmissionRefused(SubmissionRefused),
    #[serde(rename = "ProgrammePreparationStarted")]
    PreparationStarted(NoData),
    #[serde(rename = "ProgrammeHeld")]
    Held(NoData),
    #[serde(rename = "ProgrammeFollowedUp")]
    FollowedUp(FollowedUp),
    #[serde(rename = "ProgrammeClosed")]
    Closed(Closed),
    #[serde(rename = "ProgrammeRecordedFromHistory")]
    RecordedFromHistory(RecordedFromHistory),
}

impl TaggedEvent for ProgrammeEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
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
            ProgrammeEvent::PreparationStarted(_) => "ProgrammePreparationStarted",
            ProgrammeEvent::Held(_) => "ProgrammeHeld",
            ProgrammeEvent::FollowedUp(_) => "ProgrammeFollowedUp",
            ProgrammeEvent::Closed(_) => "ProgrammeClosed",
            ProgrammeEvent::RecordedFromHistory(_) => "ProgrammeRecordedFromHistory",
        }
    }
}
