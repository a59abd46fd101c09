//! Approval rounds: a submitted plan passes the standing committees of its route, stage by
//! stage, each deciding by its own rule. Approvers decide through personal links; the
//! domain sees only the hash of each link's token.

mod command;
mod committee;
mod decide;
mod event;
mod evolve;
mod rules;

pub use command::{ApprovalCommand, IssuedLink, StagePlan};
pub use committee::{Approver, Committee, DecisionRule, Member, Person, Role, Substitution};
pub use event::{ApprovalEvent, RoundOutcome};
pub use rules::{Decision, Seat, StageOutcome, weigh};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Aggregate, CommandContext, DomainError};

/// One approval round of one programme: opened by a submission, ended by approval, a
/// request for changes, a decline, or the programme's withdrawal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ApprovalRound {
    #[default]
    New,
    Existing(RoundRecord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Open,
    Approved,
    ChangesRequested,
    Declined,
    Withdrawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Not asked yet: an earlier blocking stage has not approved.
    Waiting,
    /// Approved in an earlier round and not asked again.
    CarriedOver,
    Open,
    Approved,
    ChangesRequested,
    Declined,
    /// The round ended while this stage was still open.
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub round: u32,
    pub status: RoundStatus,
    pub stages: Vec<StageRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageRecord {
    pub plan: StagePlan,
    pub status: StageStatus,
    pub seats: Vec<SeatRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatRecord {
    pub approver: Approver,
    /// The hash of the newest link sent to this seat, and when it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkRecord>,
    /// Hashes of links replaced by a newer one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced_links: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<RecordedDecision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord {
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedDecision {
    pub decision: Decision,
    pub at: DateTime<Utc>,
}

impl ApprovalRound {
    pub fn record(&self) -> Option<&RoundRecord> {
        match self {
            ApprovalRound::New => None,
            ApprovalRound::Existing(record) => Some(record),
        }
    }
}

impl Aggregate for ApprovalRound {
    const TYPE: &'static str = "approval_round";
    type Command = ApprovalCommand;
    type Event = ApprovalEvent;

    fn decide(
        &self,
        command: &ApprovalCommand,
        context: &CommandContext,
    ) -> Result<Vec<ApprovalEvent>, DomainError> {
        decide::decide(self, command, context)
    }

    fn evolve(self, event: &ApprovalEvent) -> Self {
        evolve::evolve(self, event)
    }
}
