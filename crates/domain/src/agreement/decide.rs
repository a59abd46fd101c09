use chrono::NaiveDate;

use super::command::AgreementCommand;
use super::event::AgreementEvent;
use super::{Agreement, AgreementRecord, AgreementStatus};
use crate::CommandContext;
use crate::error::{DomainError, Entity, EntityState, FieldError, Problem};
use crate::text::{clean, clean_optional};
use crate::values::{VIETNAM, check_text};

const MAX_FINDINGS: usize = 10_000;
const MAX_REASON: usize = 1000;

pub(super) fn decide(
    state: &Agreement,
    command: &AgreementCommand,
    context: &CommandContext,
) -> Result<Vec<AgreementEvent>, DomainError> {
    let record = match (state, command) {
        (Agreement::New, AgreementCommand::Draft { id, terms }) => {
            let terms = terms.normalised();
            reject_if_any(terms.problems())?;
            return Ok(vec![AgreementEvent::Drafted {
                agreement_id: *id,
                terms,
                drafted_by: Some(context.actor.clone()),
            }]);
        }
        (Agreement::Existing(_), AgreementCommand::Draft { .. }) => {
            return Err(DomainError::AlreadyExists(Entity::Agreement));
        }
        (Agreement::New, _) => return Err(DomainError::NotFound(Entity::Agreement)),
        (Agreement::Existing(record), _) => record,
    };
    let status = record.status;
    let not_allowed = || DomainError::NotAllowedIn {
        command: command.name(),
        state: EntityState::Agreement(status),
    };
    // Agreements are Vietnamese organisations' records: their days are Vietnam's.
    let today = context.now.with_timezone(&VIETNAM).date_naive();
    let event = match command {
        AgreementCommand::Draft { .. } => unreachable!("handled above"),
        AgreementCommand::Revise { terms } => {
            if status != AgreementStatus::Drafted {
                return Err(not_allowed());
            }
            let terms = terms.normalised();
            reject_if_any(terms.problems())?;
            if terms == record.terms {
                return Ok(vec![]);
            }
            AgreementEvent::Revised { terms }
        }
        AgreementCommand::Sign { signed_on, place } => {
            if status != AgreementStatus::Drafted {
                return Err(not_allowed());
            }
            let place = clean(place);
            let mut problems = Vec::new();
            check_text("place", &place, 300, true, &mut problems);
            check_past("signed_on", *signed_on, today, &mut problems);
            if *signed_on > record.expires_on() {
                problems.push(FieldError::new("signed_on", Problem::AfterPeriodEnd));
            }
            reject_if_any(problems)?;
            AgreementEvent::Signed {
                signed_on: *signed_on,
                place,
            }
        }
        AgreementCommand::Activate => match status {
            AgreementStatus::Signed => {
                let start = record.terms.period.start;
                if today < start {
                    return Err(invalid("period.start", Problem::NotYet));
                }
                AgreementEvent::Activated {
                    activated_on: start,
                }
            }
            AgreementStatus::Active => return Ok(vec![]),
            _ => return Err(not_allowed()),
        },
        AgreementCommand::OpenReview {
            review_id,
            due_on,
            programme_id,
        } => {
            if status != AgreementStatus::Active {
                return Err(not_allowed());
            }
            if record.reviews.iter().any(|r| r.review_id == *review_id) {
                return Err(invalid("review_id", Problem::Duplicate));
            }
            let due_on = match due_on {
                None => record
                    .next_review()
                    .map(|s| s.due_on)
                    .ok_or_else(|| invalid("due_on", Problem::NotAScheduledReview))?,
                Some(date) => {
                    let scheduled = record.schedule().iter().any(|s| s.due_on == *date);
                    let answered = record.reviews.iter().any(|r| r.due_on == *date);
                    if !scheduled || answered {
                        return Err(invalid("due_on", Problem::NotAScheduledReview));
                    }
                    *date
                }
            };
            AgreementEvent::ReviewOpened {
                review_id: *review_id,
                due_on,
                opened_on: today,
                programme_id: *programme_id,
            }
        }
        AgreementCommand::CompleteReview {
            review_id,
            held_on,
            findings,
        } => {
            if status != AgreementStatus::UnderReview {
                return Err(not_allowed());
            }
            let findings = clean(findings);
            let mut problems = Vec::new();
            if record.open_review().map(|r| r.review_id) != Some(*review_id) {
                problems.push(FieldError::new("review_id", Problem::Unknown));
            }
            check_past("held_on", *held_on, today, &mut problems);
            check_signed_by("held_on", record, *held_on, &mut problems);
            check_text("findings", &findings, MAX_FINDINGS, true, &mut problems);
            reject_if_any(problems)?;
            AgreementEvent::ReviewCompleted {
                review_id: *review_id,
                held_on: *held_on,
                findings,
            }
        }
        AgreementCommand::Renew {
            successor_id,
            renewed_on,
            note,
        } => {
            if !matches!(status, AgreementStatus::Signed | AgreementStatus::Active) {
                return Err(not_allowed());
            }
            let note = clean_optional(note.as_deref());
            let mut problems = Vec::new();
            if *successor_id == record.id {
                problems.push(FieldError::new("successor_id", Problem::Unknown));
            }
            check_past("renewed_on", *renewed_on, today, &mut problems);
            check_signed_by("renewed_on", record, *renewed_on, &mut problems);
            if let Some(note) = &note {
                check_text("note", note, MAX_REASON, false, &mut problems);
            }
            reject_if_any(problems)?;
            AgreementEvent::Renewed {
                successor_id: *successor_id,
                renewed_on: *renewed_on,
                note,
            }
        }
        AgreementCommand::Expire => {
            if !status.in_force() {
                return Err(not_allowed());
            }
            if today <= record.expires_on() {
                return Err(invalid("period.end", Problem::NotOver));
            }
            AgreementEvent::Expired {
                expired_on: record.expires_on(),
            }
        }
        AgreementCommand::Terminate {
            terminated_on,
            reason,
        } => {
            if !(status.in_force() || status == AgreementStatus::Drafted) {
                return Err(not_allowed());
            }
            let reason = clean(reason);
            let mut problems = Vec::new();
            check_text("reason", &reason, MAX_REASON, true, &mut problems);
            check_past("terminated_on", *terminated_on, today, &mut problems);
            check_signed_by("terminated_on", record, *terminated_on, &mut problems);
            reject_if_any(problems)?;
            AgreementEvent::Terminated {
                terminated_on: *terminated_on,
                reason,
            }
        }
        AgreementCommand::AttachDocument { document } => {
            let document = document.normalised();
            let mut problems = Vec::new();
            document.check("document", &mut problems);
            if record
                .documents
                .iter()
                .any(|d| d.reference == document.reference)
            {
                problems.push(FieldError::new("document.reference", Problem::Duplicate));
            }
            reject_if_any(problems)?;
            AgreementEvent::DocumentAttached { document }
        }
    };
    Ok(vec![event])
}

/// Things that happened are recorded once they have happened, not ahead.
fn check_past(field: &str, date: NaiveDate, today: NaiveDate, problems: &mut Vec<FieldError>) {
    if date > today {
        problems.push(FieldError::new(field, Problem::NotYet));
    }
}

fn check_signed_by(
    field: &str,
    record: &AgreementRecord,
    date: NaiveDate,
    problems: &mut Vec<FieldError>,
) {
    if record.signing.as_ref().is_some_and(|s| date < s.signed_on) {
        problems.push(FieldError::new(field, Problem::BeforeSigning));
    }
}

fn invalid(field: &str, problem: Problem) -> DomainError {
    DomainError::Invalid(vec![FieldError::new(field, problem)])
}

fn reject_if_any(problems: Vec<FieldError>) -> Result<(), DomainError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Invalid(problems))
    }
}
