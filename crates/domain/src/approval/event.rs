use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::command::{IssuedLink, StagePlan};
use super::committee::Person;
use super::rules::{Decision, StageOutcome};
use crate::TaggedEvent;
use crate::programme::{Plan, PlanChanges};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RoundOutcome {
    Approved,
    ChangesRequested { stage: usize, comment: String },
    Declined { stage: usize, reason: String },
}

/// Facts about an approval round. Like every event, their stored form is a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
pub enum ApprovalEvent {
    #[serde(rename = "ApprovalRoundOpened")]
    RoundOpened {
        round_id: Uuid,
        programme_id: Uuid,
        round: u32,
        stages: Vec<StagePlan>,
        first_stage: usize,
        /// The plan as submitted for this round: what the approvers are asked to approve.
        plan: Box<Plan>,
        /// What changed since the previous round, when there was one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        changes: Option<Box<PlanChanges>>,
    },
    #[serde(rename = "ApprovalStageOpened")]
    StageOpened { stage: usize },
    #[serde(rename = "ApprovalLinksIssued")]
    LinksIssued {
        stage: usize,
        links: Vec<IssuedLink>,
    },
    #[serde(rename = "ApprovalDecisionRecorded")]
    DecisionRecorded {
        stage: usize,
        member_id: Uuid,
        decision: Decision,
        at: DateTime<Utc>,
        /// Who decided: the member, or their substitute.
        by: Person,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_behalf_of: Option<Person>,
    },
    #[serde(rename = "ApprovalStageResolved")]
    StageResolved { stage: usize, outcome: StageOutcome },
    #[serde(rename = "ApprovalRoundResolved")]
    RoundResolved { outcome: RoundOutcome },
    #[serde(rename = "ApprovalRoundWithdrawn")]
    RoundWithdrawn { reason: String },
}

impl ApprovalEvent {
    /// The stored type of [`ApprovalEvent::StageOpened`], for read-model queries that look
    /// for it in a timeline.
    pub const STAGE_OPENED: &str = "ApprovalStageOpened";
}

impl TaggedEvent for ApprovalEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        match self {
            ApprovalEvent::RoundOpened { .. } => "ApprovalRoundOpened",
            ApprovalEvent::StageOpened { .. } => Self::STAGE_OPENED,
            ApprovalEvent::LinksIssued { .. } => "ApprovalLinksIssued",
            ApprovalEvent::DecisionRecorded { .. } => "ApprovalDecisionRecorded",
            ApprovalEvent::StageResolved { .. } => "ApprovalStageResolved",
            ApprovalEvent::RoundResolved { .. } => "ApprovalRoundResolved",
            ApprovalEvent::RoundWithdrawn { .. } => "ApprovalRoundWithdrawn",
        }
    }
}
