use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::ProgrammeFacts;
use super::content::{ActionStatus, ReportContent};
use crate::TaggedEvent;

/// Facts about a follow-up report. Their stored form is a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
#[expect(
    clippy::large_enum_variant,
    reason = "events are built once and moved rarely; boxing would only add noise"
)]
pub enum ReportEvent {
    #[serde(rename = "FollowUpReportDrafted")]
    Drafted {
        report_id: Uuid,
        programme: ProgrammeFacts,
        due_on: NaiveDate,
        content: ReportContent,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        drafted_by: Option<String>,
    },
    #[serde(rename = "FollowUpReportRevised")]
    Revised { content: ReportContent },
    #[serde(rename = "FollowUpReportSubmitted")]
    Submitted {
        submission: u32,
        submitted_at: DateTime<Utc>,
        submitted_by: String,
    },
    #[serde(rename = "FollowUpReportReturned")]
    Returned {
        comment: String,
        returned_by: String,
    },
    #[serde(rename = "FollowUpReportAccepted")]
    Accepted {
        accepted_at: DateTime<Utc>,
        accepted_by: String,
    },
    #[serde(rename = "ActionItemUpdated")]
    ActionItemUpdated {
        item_id: Uuid,
        status: ActionStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// The day of the update, in Vietnam.
        on: NaiveDate,
    },
}

impl TaggedEvent for ReportEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        match self {
            ReportEvent::Drafted { .. } => "FollowUpReportDrafted",
            ReportEvent::Revised { .. } => "FollowUpReportRevised",
            ReportEvent::Submitted { .. } => "FollowUpReportSubmitted",
            ReportEvent::Returned { .. } => "FollowUpReportReturned",
            ReportEvent::Accepted { .. } => "FollowUpReportAccepted",
            ReportEvent::ActionItemUpdated { .. } => "ActionItemUpdated",
        }
    }
}
