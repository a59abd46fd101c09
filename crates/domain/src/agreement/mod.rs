//! Agreements (MOUs) between Vietnamese organisations and their partners across the
//! border: drafted, signed, in force for a period, reviewed on a cadence, and in the end
//! renewed, expired or terminated. Programmes name the agreement they carry out.

mod command;
mod decide;
mod event;
mod evolve;
mod schedule;
mod terms;

pub use command::AgreementCommand;
pub use event::AgreementEvent;
pub use schedule::{ReviewKind, ScheduledReview, review_schedule};
pub use terms::{AgreementTerms, CadenceUnit, DocumentRef, Party, Period, ReviewCadence};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Aggregate, CommandContext, DomainError};

/// Where an agreement stands.
///
/// ```text
/// drafted → signed → active ⇄ under_review
///              └──────┴── renewed | expired | terminated   (drafted → terminated too)
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    Drafted,
    /// Signed, but its period has not started yet.
    Signed,
    Active,
    UnderReview,
    /// A new agreement took its place.
    Renewed,
    Expired,
    Terminated,
}

impl AgreementStatus {
    pub const ALL: [AgreementStatus; 7] = [
        AgreementStatus::Drafted,
        AgreementStatus::Signed,
        AgreementStatus::Active,
        AgreementStatus::UnderReview,
        AgreementStatus::Renewed,
        AgreementStatus::Expired,
        AgreementStatus::Terminated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Drafted => "drafted",
            AgreementStatus::Signed => "signed",
            AgreementStatus::Active => "active",
            AgreementStatus::UnderReview => "under_review",
            AgreementStatus::Renewed => "renewed",
            AgreementStatus::Expired => "expired",
            AgreementStatus::Terminated => "terminated",
        }
    }

    pub fn parse(text: &str) -> Option<AgreementStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Signed and not ended: reviews and expiry still lie ahead.
    pub fn in_force(self) -> bool {
        matches!(
            self,
            AgreementStatus::Signed | AgreementStatus::Active | AgreementStatus::UnderReview
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
#[expect(
    clippy::large_enum_variant,
    reason = "one state per aggregate in memory; boxing would only add noise"
)]
pub enum Agreement {
    #[default]
    New,
    Existing(AgreementRecord),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Signing {
    pub signed_on: NaiveDate,
    pub place: String,
}

/// One review of the agreement: opened (often at a seminar of the parties), then
/// completed with its findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReviewRecord {
    pub review_id: Uuid,
    /// The scheduled review it answers.
    pub due_on: NaiveDate,
    pub opened_on: NaiveDate,
    /// The programme at which the review takes place, e.g. a seminar of both sides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<String>,
}

/// How the agreement ended, when it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum Ending {
    Renewed {
        on: NaiveDate,
        successor_id: Uuid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    Expired {
        on: NaiveDate,
    },
    Terminated {
        on: NaiveDate,
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AgreementRecord {
    pub id: Uuid,
    pub status: AgreementStatus,
    pub terms: AgreementTerms,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing: Option<Signing>,
    #[serde(default)]
    pub reviews: Vec<ReviewRecord>,
    #[serde(default)]
    pub documents: Vec<DocumentRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ending: Option<Ending>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafted_by: Option<String>,
}

impl AgreementRecord {
    /// The last day of validity.
    pub fn expires_on(&self) -> NaiveDate {
        self.terms.period.end
    }

    /// Every review the cadence asks for; none before signing.
    pub fn schedule(&self) -> Vec<ScheduledReview> {
        self.signing.as_ref().map_or_else(Vec::new, |signing| {
            review_schedule(
                signing.signed_on,
                self.expires_on(),
                &self.terms.review_cadence,
            )
        })
    }

    /// The earliest scheduled review that no review has answered yet, while the agreement
    /// is in force.
    pub fn next_review(&self) -> Option<ScheduledReview> {
        if !self.status.in_force() {
            return None;
        }
        self.schedule()
            .into_iter()
            .find(|s| !self.reviews.iter().any(|r| r.due_on == s.due_on))
    }

    pub fn open_review(&self) -> Option<&ReviewRecord> {
        self.reviews.iter().find(|r| r.held_on.is_none())
    }
}

impl Agreement {
    pub fn record(&self) -> Option<&AgreementRecord> {
        match self {
            Agreement::New => None,
            Agreement::Existing(record) => Some(record),
        }
    }
}

impl Aggregate for Agreement {
    const TYPE: &'static str = "agreement";
    const ENTITY: crate::Entity = crate::Entity::Agreement;
    type Command = AgreementCommand;
    type Event = AgreementEvent;

    fn decide(
        &self,
        command: &AgreementCommand,
        context: &CommandContext,
    ) -> Result<Vec<AgreementEvent>, DomainError> {
        decide::decide(self, command, context)
    }

    fn evolve(self, event: &AgreementEvent) -> Self {
        evolve::evolve(self, event)
    }
}
