use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::terms::{AgreementTerms, DocumentRef};
use crate::TaggedEvent;

/// Facts about an agreement. Their stored form is a contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
pub enum AgreementEvent {
    #[serde(rename = "AgreementDrafted")]
    Drafted {
        agreement_id: Uuid,
        terms: AgreementTerms,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        drafted_by: Option<String>,
    },
    #[serde(rename = "AgreementRevised")]
    Revised { terms: AgreementTerms },
    /// In force at once when signed within its period; otherwise from its first day.
    #[serde(rename = "AgreementSigned")]
    Signed { signed_on: NaiveDate, place: String },
    #[serde(rename = "AgreementActivated")]
    Activated { activated_on: NaiveDate },
    #[serde(rename = "AgreementReviewOpened")]
    ReviewOpened {
        review_id: Uuid,
        due_on: NaiveDate,
        opened_on: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        programme_id: Option<Uuid>,
    },
    #[serde(rename = "AgreementReviewCompleted")]
    ReviewCompleted {
        review_id: Uuid,
        held_on: NaiveDate,
        findings: String,
    },
    #[serde(rename = "AgreementRenewed")]
    Renewed {
        successor_id: Uuid,
        renewed_on: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    #[serde(rename = "AgreementExpired")]
    Expired { expired_on: NaiveDate },
    #[serde(rename = "AgreementTerminated")]
    Terminated {
        terminated_on: NaiveDate,
        reason: String,
    },
    #[serde(rename = "AgreementDocumentAttached")]
    DocumentAttached { document: DocumentRef },
}

impl TaggedEvent for AgreementEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        match self {
            AgreementEvent::Drafted { .. } => "AgreementDrafted",
            AgreementEvent::Revised { .. } => "AgreementRevised",
            AgreementEvent::Signed { .. } => "AgreementSigned",
            AgreementEvent::Activated { .. } => "AgreementActivated",
            AgreementEvent::ReviewOpened { .. } => "AgreementReviewOpened",
            AgreementEvent::ReviewCompleted { .. } => "AgreementReviewCompleted",
            AgreementEvent::Renewed { .. } => "AgreementRenewed",
            AgreementEvent::Expired { .. } => "AgreementExpired",
            AgreementEvent::Terminated { .. } => "AgreementTerminated",
            AgreementEvent::DocumentAttached { .. } => "AgreementDocumentAttached",
        }
    }
}
