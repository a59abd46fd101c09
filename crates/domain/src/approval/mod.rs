//! Approval rounds: a submitted plan passes the standing committees of its route, stage by
//! stage, each deciding by its own rule. Approvers decide through personal links; the
//! domain sees only the hash of each link's token.

mod command;
mod committee;
mod decide;
mod event;
mod evolve;
mod resume;
mod rules;
mod settle;

pub use command::{ApprovalCommand, IssuedLink, StagePlan};
pub use committee::{Approver, Committee, DecisionRule, Member, Person, Role, Substitution};
pub use event::{ApprovalEvent, RoundOutcome};
pub use resume::{KEY_TERMS, resume_stage, round_id};
pub use rules::{Decision, Seat, StageOutcome, weigh};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::programme::{Plan, PlanChanges};
use crate::{Aggregate, CommandContext, DomainError};

/// One approval round of one programme: opened by a submission, ended by approval, a
/// request for changes, a decline, or the programme's withdrawal.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
#[expect(
    clippy::large_enum_variant,
    reason = "one state per aggregate in memory; boxing would only add noise"
)]
pub enum ApprovalRound {
    #[default]
    New,
    Existing(RoundRecord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Open,
    Approved,
    ChangesRequested,
    Declined,
    Withdrawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoundRecord {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub round: u32,
    pub status: RoundStatus,
    pub stages: Vec<StageRecord>,
    /// The plan the approvers are asked to approve.
    pub plan: Plan,
    /// What changed since the previous round, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<PlanChanges>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StageRecord {
    pub plan: StagePlan,
    pub status: StageStatus,
    pub seats: Vec<SeatRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LinkRecord {
    pub link_id: Uuid,
    pub token_hash: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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

impl RoundRecord {
    /// The seat whose newest link has this token hash, with its stage's index.
    pub fn seat_by_token(&self, token_hash: &str) -> Option<(usize, &StageRecord, &SeatRecord)> {
        self.stages.iter().enumerate().find_map(|(index, stage)| {
            stage
                .seats
                .iter()
                .find(|seat| {
                    seat.link
                        .as_ref()
                        .is_some_and(|l| l.token_hash == token_hash)
                })
                .map(|seat| (index, stage, seat))
        })
    }
}

impl Aggregate for ApprovalRound {
    const TYPE: &'static str = "approval_round";
    const ENTITY: crate::Entity = crate::Entity::ApprovalRound;
    type Command = ApprovalCommand;
    type Event = ApprovalEvent;
    /// Every event after a command's first is what `settle` derives.
    const FOLLOW_UPS_ARE_DERIVED: bool = true;

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

    fn command_name(command: &ApprovalCommand) -> &'static str {
        command.name()
    }
}
