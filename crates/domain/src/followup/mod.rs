//! The follow-up report of a programme: what was achieved, who actually came, what each
//! side promised next. It falls due some days after the programme ends; it is submitted,
//! returned for changes or accepted, and its action items live on until they are done.

mod accounts;
mod command;
mod content;
mod decide;
mod event;
mod evolve;
mod steps;

pub use accounts::{
    Gift, GiftDirection, MAX_RATE, MAX_REPORT_VND, Money, MoneyTotals, RATE_DECIMALS, Spending,
};
pub use command::ReportCommand;
pub use content::{ActionItem, ActionStatus, MediaLink, ReportContent};
pub use event::ReportEvent;
pub use steps::programme_steps;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::programme::{ProgrammeRecord, Status};
use crate::values::{BudgetLine, Contact, Schedule};
use crate::{Aggregate, CommandContext, DomainError};

/// Every programme has at most one report, whose id is made from the programme's: asking
/// twice for a programme's report finds the same one.
pub fn report_id_for(programme_id: Uuid) -> Uuid {
    const NAMESPACE: Uuid = Uuid::from_u128(0x6361_756e_6f69_2d66_6f6c_6c6f_772d_7570);
    Uuid::new_v5(&NAMESPACE, programme_id.as_bytes())
}

/// What the report needs to know of its programme, as it was when the report was begun.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProgrammeFacts {
    pub programme_id: Uuid,
    pub title: String,
    pub status: Status,
    pub schedule: Schedule,
    pub expected_delegation_size: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator: Option<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_organisation_id: Option<Uuid>,
    /// The plan's budget lines, which the report's spending refers to. Empty for a report
    /// begun before schema version 2, which did not keep them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Vec<BudgetLine>>,
}

impl ProgrammeFacts {
    pub fn of(record: &ProgrammeRecord) -> ProgrammeFacts {
        ProgrammeFacts {
            programme_id: record.id,
            title: record.plan.title.clone(),
            status: record.status,
            schedule: record.plan.schedule.clone(),
            expected_delegation_size: record.plan.expected_delegation_size,
            coordinator: record.plan.coordinator.clone(),
            agreement_id: record.plan.agreement_id,
            host_organisation_id: record.plan.host_organisation_id,
            budget: Some(record.plan.budget.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    Draft,
    Submitted,
    /// Sent back to the coordinator for changes.
    Returned,
    Accepted,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 4] = [
        ReportStatus::Draft,
        ReportStatus::Submitted,
        ReportStatus::Returned,
        ReportStatus::Accepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Submitted => "submitted",
            ReportStatus::Returned => "returned",
            ReportStatus::Accepted => "accepted",
        }
    }

    pub fn parse(text: &str) -> Option<ReportStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
#[expect(
    clippy::large_enum_variant,
    reason = "one state per aggregate in memory; boxing would only add noise"
)]
pub enum FollowUpReport {
    #[default]
    New,
    Existing(ReportRecord),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportRecord {
    pub id: Uuid,
    pub programme: ProgrammeFacts,
    pub status: ReportStatus,
    pub due_on: NaiveDate,
    pub content: ReportContent,
    pub submissions: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<DateTime<Utc>>,
    /// The leaders' comment when they last sent it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafted_by: Option<String>,
}

impl ReportRecord {
    /// Attendance for figures: what the report recorded once it was handed in, otherwise
    /// nothing (the plan's expected size stands).
    pub fn reported_attendance(&self) -> Option<u32> {
        match self.status {
            ReportStatus::Submitted | ReportStatus::Accepted => self.content.actual_attendance,
            ReportStatus::Draft | ReportStatus::Returned => None,
        }
    }

    /// The content figures count: once the report was handed in.
    pub fn counted_content(&self) -> Option<&ReportContent> {
        match self.status {
            ReportStatus::Submitted | ReportStatus::Accepted => Some(&self.content),
            ReportStatus::Draft | ReportStatus::Returned => None,
        }
    }

    /// The report's money in đồng against its programme's budget.
    pub fn money_totals(&self) -> MoneyTotals {
        self.content.money_totals(self.programme.budget.as_deref())
    }
}

impl FollowUpReport {
    pub fn record(&self) -> Option<&ReportRecord> {
        match self {
            FollowUpReport::New => None,
            FollowUpReport::Existing(record) => Some(record),
        }
    }
}

impl Aggregate for FollowUpReport {
    const TYPE: &'static str = "follow_up_report";
    const ENTITY: crate::Entity = crate::Entity::FollowUpReport;
    type Command = ReportCommand;
    type Event = ReportEvent;

    fn decide(
        &self,
        command: &ReportCommand,
        context: &CommandContext,
    ) -> Result<Vec<ReportEvent>, DomainError> {
        decide::decide(self, command, context)
    }

    fn evolve(self, event: &ReportEvent) -> Self {
        evolve::evolve(self, event)
    }
}
