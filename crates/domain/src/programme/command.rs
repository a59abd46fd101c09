use uuid::Uuid;

use super::event::Verdict;
use super::history::{Attendance, HistorySource};
use super::plan::{Plan, PlanPatch};
use crate::values::Schedule;

/// What a planner, or the approval process, asks of a programme.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgrammeCommand {
    Draft {
        id: Uuid,
        plan: Plan,
    },
    /// A programme that took place before Cầu Nối was used, recorded as history: closed at
    /// once, with no approval, report or reminder. Who imported it is the command's actor.
    /// The same record again appends nothing; another record under the same id is
    /// refused.
    RecordFromHistory {
        id: Uuid,
        plan: Plan,
        attendance: Attendance,
        outcomes: String,
        source: HistorySource,
    },
    /// A reason is required once approval has been sought.
    Revise {
        patch: PlanPatch,
        reason: Option<String>,
    },
    Submit,
    Postpone {
        schedule: Schedule,
        reason: String,
    },
    Cancel {
        reason: String,
    },
    /// The planner takes a submitted plan back before the committees have decided.
    Withdraw {
        reason: String,
    },
    /// The approval process could not start a round (no route, no one to ask): the plan
    /// goes back to the planner with the reason.
    RefuseSubmission {
        round: u32,
        reason: String,
    },
    /// The coordinators start preparing an approved programme.
    BeginPreparation,
    /// The programme has taken place (or is taking place).
    MarkHeld,
    /// The follow-up report was submitted.
    RecordFollowUp {
        report_id: Uuid,
    },
    /// The follow-up report was accepted: nothing more is due.
    Close {
        report_id: Uuid,
    },
    /// The approval round of the latest submission has opened.
    StartReview {
        round_id: Uuid,
    },
    /// The approval round ended: approved, sent back with the committees' comment, or
    /// declined with their reason. Only the approval process issues these.
    RecordReview {
        round_id: Uuid,
        verdict: Verdict,
    },
}

impl ProgrammeCommand {
    pub fn name(&self) -> &'static str {
        match self {
            ProgrammeCommand::Draft { .. } => "draft",
            ProgrammeCommand::RecordFromHistory { .. } => "record_from_history",
            ProgrammeCommand::Revise { .. } => "revise",
            ProgrammeCommand::Submit => "submit",
            ProgrammeCommand::Postpone { .. } => "postpone",
            ProgrammeCommand::Cancel { .. } => "cancel",
            ProgrammeCommand::Withdraw { .. } => "withdraw",
            ProgrammeCommand::RefuseSubmission { .. } => "refuse_submission",
            ProgrammeCommand::BeginPreparation => "begin_preparation",
            ProgrammeCommand::MarkHeld => "mark_held",
            ProgrammeCommand::RecordFollowUp { .. } => "record_follow_up",
            ProgrammeCommand::Close { .. } => "close",
            ProgrammeCommand::StartReview { .. } => "start_review",
            ProgrammeCommand::RecordReview { .. } => "record_review",
        }
    }
}
