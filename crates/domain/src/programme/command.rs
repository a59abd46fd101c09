use uuid::Uuid;

use super::plan::{Plan, PlanPatch};
use crate::values::Schedule;

/// What a planner asks of a programme.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgrammeCommand {
    Draft {
        id: Uuid,
        plan: Plan,
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
}

impl ProgrammeCommand {
    pub fn name(&self) -> &'static str {
        match self {
            ProgrammeCommand::Draft { .. } => "draft",
            ProgrammeCommand::Revise { .. } => "revise",
            ProgrammeCommand::Submit => "submit",
            ProgrammeCommand::Postpone { .. } => "postpone",
            ProgrammeCommand::Cancel { .. } => "cancel",
        }
    }
}
