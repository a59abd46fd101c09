//! Use cases of an agreement that ask more of the runner than one command: drafting one
//! for an organisation of one's own, and renewing one, its successor drafted first.

use chrono::NaiveDate;
use domain::agreement::{Agreement, AgreementCommand, AgreementTerms};
use domain::{Aggregate, CommandContext, DomainError, Entity, FieldError, Problem};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::access::{Action, Actor, Subject};
use crate::{Commands, Ran};

/// The agreement that takes a renewed one's place.
pub enum Successor {
    /// Drafted already, under this id.
    Drafted(Uuid),
    /// To be drafted now, from these terms, under a new id.
    New(AgreementTerms),
}

/// What renewing an agreement asks for.
pub struct Renewal {
    pub successor: Successor,
    pub renewed_on: NaiveDate,
    pub note: Option<String>,
}

/// The refusal of terms none of whose parties the person keeps agreements for.
fn not_yours() -> DomainError {
    DomainError::Invalid(vec![FieldError::new(
        "parties",
        Problem::NotYourOrganisation,
    )])
}

fn keeps(actor: &Actor, terms: &AgreementTerms) -> bool {
    actor.may(Action::KeepAgreements, &Subject::of_parties(&terms.parties))
}

impl Commands {
    /// Drafts a new agreement from `terms`, under a new id, when one of its parties is an
    /// organisation the person keeps agreements for (a refusal on `parties` otherwise):
    /// the guard only knows they keep agreements somewhere.
    pub async fn draft_agreement(
        &self,
        meta: &CommandMeta,
        actor: &Actor,
        terms: AgreementTerms,
    ) -> Result<(Uuid, Ran<Agreement>), ExecuteError> {
        if !keeps(actor, &terms) {
            return Err(not_yours().into());
        }
        let id = Uuid::now_v7();
        let ran = self
            .run::<Agreement>(meta, id, None, &AgreementCommand::Draft { id, terms })
            .await?;
        Ok((id, ran))
    }

    /// Renews agreement `id`: the successor takes its place from the day renewed. A new
    /// successor is drafted first, since the old agreement may only point at one on
    /// record; so that a refusal leaves no stray draft behind, both commands (and the
    /// version the person edited) are checked before anything is appended, and every
    /// problem of either is told at once. Answers the successor's id and the renewal.
    pub async fn renew_agreement(
        &self,
        meta: &CommandMeta,
        actor: &Actor,
        id: Uuid,
        expected_version: Option<u64>,
        renewal: Renewal,
    ) -> Result<(Uuid, Ran<Agreement>), ExecuteError> {
        let Renewal {
            successor,
            renewed_on,
            note,
        } = renewal;
        let current = self.store.load::<Agreement>(id).await?;
        if let Some(expected) = expected_version.filter(|v| *v != current.version) {
            return Err(ExecuteError::VersionConflict {
                entity: Entity::Agreement,
                expected,
                actual: current.version,
            });
        }
        let context = CommandContext {
            now: meta.now,
            actor: meta.actor.clone(),
        };
        let (successor_id, draft) = match successor {
            Successor::Drafted(successor_id) => (successor_id, None),
            Successor::New(terms) => {
                let successor_id = Uuid::now_v7();
                let draft = AgreementCommand::Draft {
                    id: successor_id,
                    terms,
                };
                (successor_id, Some(draft))
            }
        };
        let renew = AgreementCommand::Renew {
            successor_id,
            renewed_on,
            note,
        };
        let mut problems = Vec::new();
        let mut refusal = |result: Result<(), DomainError>| match result {
            Err(DomainError::Invalid(found)) => {
                problems.extend(found);
                Ok(())
            }
            other => other,
        };
        refusal(current.state.decide_checked(&renew, &context).map(drop))?;
        match &draft {
            Some(AgreementCommand::Draft { terms, .. }) if !keeps(actor, terms) => {
                refusal(Err(not_yours()))?;
            }
            Some(draft) => refusal(Agreement::New.decide_checked(draft, &context).map(drop))?,
            None => {
                let drafted = self.store.load::<Agreement>(successor_id).await?;
                if drafted.state.record().is_none() {
                    let unknown = FieldError::new("successor_id", Problem::Unknown);
                    refusal(Err(DomainError::Invalid(vec![unknown])))?;
                }
            }
        }
        if !problems.is_empty() {
            return Err(DomainError::Invalid(problems).into());
        }
        if let Some(draft) = &draft {
            self.append::<Agreement>(meta, successor_id, None, draft)
                .await?;
        }
        let ran = self
            .run::<Agreement>(meta, id, expected_version, &renew)
            .await?;
        Ok((successor_id, ran))
    }
}
