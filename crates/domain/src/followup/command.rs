use uuid::Uuid;

use super::ProgrammeFacts;
use super::content::{ActionStatus, ReportContent};

#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "a command is built once and decided at once; boxing would only add noise"
)]
pub enum ReportCommand {
    /// Begins the report of a programme that has ended. It falls due `due_after_days`
    /// after the programme's last day (a setting of the service).
    Draft {
        id: Uuid,
        programme: ProgrammeFacts,
        due_after_days: u32,
        content: ReportContent,
    },
    /// Replaces the content while the report is with its coordinator.
    Revise {
        content: ReportContent,
    },
    Submit,
    /// The leaders send it back with what to change.
    Return {
        comment: String,
    },
    Accept,
    /// Moves one action item on, at any time, even after the report was accepted.
    UpdateActionItem {
        item_id: Uuid,
        status: ActionStatus,
        note: Option<String>,
    },
}

impl ReportCommand {
    pub fn name(&self) -> &'static str {
        match self {
            ReportCommand::Draft { .. } => "draft_report",
            ReportCommand::Revise { .. } => "revise_report",
            ReportCommand::Submit => "submit_report",
            ReportCommand::Return { .. } => "return_report",
            ReportCommand::Accept => "accept_report",
            ReportCommand::UpdateActionItem { .. } => "update_action_item",
        }
    }
}
