use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::ProgrammeFacts;
use super::content::{ActionStatus, ReportContent};
use crate::{TaggedEvent, UpcastError};
use serde_json::Value;

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
    /// Version 2 (December 2026): a report's content gives the attendance of each side
    /// (`vietnamese_side`, `partner_side`), its `spending` and its `gifts`, and the
    /// programme's facts keep the plan's `budget`. A version 1 event said none of these:
    /// its sides and budget stay unknown, and it recorded no spending and no gift.
    const CURRENT_VERSION: u32 = 2;

    fn upcast(
        event_type: &str,
        schema_version: u32,
        mut data: Value,
    ) -> Result<Value, UpcastError> {
        if schema_version == 1
            && matches!(
                event_type,
                "FollowUpReportDrafted" | "FollowUpReportRevised"
            )
        {
            let Some(content) = data.get_mut("content").and_then(Value::as_object_mut) else {
                return Err(UpcastError::Malformed {
                    event_type: event_type.to_string(),
                    schema_version,
                    reason: "no content".into(),
                });
            };
            for side in ["vietnamese_side", "partner_side"] {
                content.entry(side).or_insert(Value::Null);
            }
            for list in ["spending", "gifts"] {
                content.entry(list).or_insert_with(|| Value::Array(vec![]));
            }
        }
        Ok(data)
    }

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
