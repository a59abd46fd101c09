use chrono::NaiveDate;
use uuid::Uuid;

use super::terms::{AgreementTerms, DocumentRef};

#[derive(Debug, Clone, PartialEq)]
pub enum AgreementCommand {
    Draft {
        id: Uuid,
        terms: AgreementTerms,
    },
    /// Changes the terms; only before signing.
    Revise {
        terms: AgreementTerms,
    },
    Sign {
        signed_on: NaiveDate,
        place: String,
    },
    /// A signed agreement whose period has now started comes into force.
    Activate,
    /// Opens the review of one scheduled date (the next one due when `due_on` is not
    /// given), optionally held at a programme such as a seminar of both sides.
    OpenReview {
        review_id: Uuid,
        due_on: Option<NaiveDate>,
        programme_id: Option<Uuid>,
    },
    CompleteReview {
        review_id: Uuid,
        held_on: NaiveDate,
        findings: String,
    },
    /// A new agreement, already drafted, takes this one's place.
    Renew {
        successor_id: Uuid,
        renewed_on: NaiveDate,
        note: Option<String>,
    },
    /// Records that the period of validity is over.
    Expire,
    Terminate {
        terminated_on: NaiveDate,
        reason: String,
    },
    AttachDocument {
        document: DocumentRef,
    },
}

impl AgreementCommand {
    pub fn name(&self) -> &'static str {
        match self {
            AgreementCommand::Draft { .. } => "draft",
            AgreementCommand::Revise { .. } => "revise",
            AgreementCommand::Sign { .. } => "sign",
            AgreementCommand::Activate => "activate",
            AgreementCommand::OpenReview { .. } => "open_review",
            AgreementCommand::CompleteReview { .. } => "complete_review",
            AgreementCommand::Renew { .. } => "renew",
            AgreementCommand::Expire => "expire",
            AgreementCommand::Terminate { .. } => "terminate",
            AgreementCommand::AttachDocument { .. } => "attach_document",
        }
    }
}
