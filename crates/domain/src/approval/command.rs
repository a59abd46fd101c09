use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::committee::{Approver, DecisionRule};
use super::rules::Decision;
use crate::programme::{Plan, PlanChanges};

/// One stage of a route, with the approvers resolved for the day the round opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StagePlan {
    pub committee_id: Uuid,
    pub committee_name: String,
    pub rule: DecisionRule,
    /// Asked for advice: its answers are recorded but do not hold up or stop the round.
    pub advisory: bool,
    pub approvers: Vec<Approver>,
}

/// A personal link sent to one seat: only the hash of its token is kept. The token itself
/// is worked out again from `link_id` and the server's secret when the mail is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IssuedLink {
    pub link_id: Uuid,
    pub member_id: Uuid,
    pub token_hash: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApprovalCommand {
    /// Starts a round. Stages before `first_stage` approved in an earlier round and are
    /// carried over without being asked again. `plan` is the plan as submitted, and
    /// `changes` what changed since the previous round, for the approvers to see.
    Open {
        id: Uuid,
        programme_id: Uuid,
        round: u32,
        stages: Vec<StagePlan>,
        first_stage: usize,
        plan: Box<Plan>,
        changes: Option<Box<PlanChanges>>,
    },
    /// Records links sent to the seats of an open stage, replacing earlier ones.
    IssueLinks {
        stage: usize,
        links: Vec<IssuedLink>,
    },
    /// A decision made through a link, identified by the hash of its token.
    Decide {
        token_hash: String,
        decision: Decision,
    },
    /// The programme was withdrawn or cancelled: open stages close.
    Withdraw { reason: String },
    /// Appends whatever follows from the decisions recorded so far (a stage resolved, the
    /// next one opened, the round ended) and nothing otherwise. Every command already does
    /// this; the approval service sends it again after each decision so that a crash
    /// between two appends of one command cannot leave a round stuck.
    Settle,
}

impl ApprovalCommand {
    pub fn name(&self) -> &'static str {
        match self {
            ApprovalCommand::Open { .. } => "open",
            ApprovalCommand::IssueLinks { .. } => "issue_links",
            ApprovalCommand::Decide { .. } => "decide",
            ApprovalCommand::Withdraw { .. } => "withdraw",
            ApprovalCommand::Settle => "settle",
        }
    }
}
