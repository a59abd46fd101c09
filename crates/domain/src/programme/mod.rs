//! The programme aggregate: one exchange programme from its first draft to its closing.

mod command;
mod decide;
mod event;
mod evolve;
mod history;
mod plan;
mod status;

pub use command::ProgrammeCommand;
pub use event::{
    Cancelled, Closed, Drafted, FollowedUp, NoData, Postponed, ProgrammeEvent, RecordedFromHistory,
    ReviewStarted, Reviewed, Revised, SubmissionRefused, Submitted, Verdict, Withdrawn,
};
pub use history::{Attendance, History, HistorySource, MAX_ATTENDANCE, MAX_OUTCOMES};
pub use plan::{Change, Plan, PlanChanges, PlanPatch, ProgrammeKind};
pub use status::Status;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Aggregate, CommandContext, DomainError};

/// The state of one programme, folded from its events.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
#[expect(
    clippy::large_enum_variant,
    reason = "one state per aggregate in memory; boxing would only add noise"
)]
pub enum Programme {
    /// No event yet: only `Draft` is accepted.
    #[default]
    New,
    Existing(ProgrammeRecord),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProgrammeRecord {
    pub id: Uuid,
    pub status: Status,
    pub plan: Plan,
    /// How many times the plan has been submitted; each submission is an approval round.
    pub submissions: u32,
    pub postponements: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_reason: Option<String>,
    /// Who drafted the programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planner: Option<String>,
    /// Who submitted it last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_by: Option<String>,
    /// The approval round under way or last ended, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_round_id: Option<Uuid>,
    /// The follow-up report submitted for the programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_report_id: Option<Uuid>,
    /// For a programme recorded from history: who took part, what came of it, and where
    /// it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<History>,
}

impl Programme {
    pub fn record(&self) -> Option<&ProgrammeRecord> {
        match self {
            Programme::New => None,
            Programme::Existing(record) => Some(record),
        }
    }
}

impl Aggregate for Programme {
    const TYPE: &'static str = "programme";
    const ENTITY: crate::Entity = crate::Entity::Programme;
    type Command = ProgrammeCommand;
    type Event = ProgrammeEvent;

    fn decide(
        &self,
        command: &ProgrammeCommand,
        context: &CommandContext,
    ) -> Result<Vec<ProgrammeEvent>, DomainError> {
        decide::decide(self, command, context)
    }

    fn evolve(self, event: &ProgrammeEvent) -> Self {
        evolve::evolve(self, event)
    }

    fn command_name(command: &ProgrammeCommand) -> &'static str {
        command.name()
    }
}
