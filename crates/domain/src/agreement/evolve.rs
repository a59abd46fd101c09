use super::event::AgreementEvent;
use super::{Agreement, AgreementRecord, AgreementStatus, Ending, ReviewRecord, Signing};

/// Folds one event into the state; never fails (see the programme's `evolve`).
pub(super) fn evolve(state: Agreement, event: &AgreementEvent) -> Agreement {
    match (state, event) {
        (
            Agreement::New,
            AgreementEvent::Drafted {
                agreement_id,
                terms,
                drafted_by,
            },
        ) => Agreement::Existing(AgreementRecord {
            id: *agreement_id,
            status: AgreementStatus::Drafted,
            terms: terms.clone(),
            signing: None,
            reviews: Vec::new(),
            documents: Vec::new(),
            ending: None,
            drafted_by: drafted_by.clone(),
        }),
        (Agreement::Existing(mut record), event) => {
            apply(&mut record, event);
            Agreement::Existing(record)
        }
        (state, _) => state,
    }
}

fn apply(record: &mut AgreementRecord, event: &AgreementEvent) {
    match event {
        AgreementEvent::Drafted { .. } => {}
        AgreementEvent::Revised { terms } => record.terms = terms.clone(),
        AgreementEvent::Signed { signed_on, place } => {
            record.signing = Some(Signing {
                signed_on: *signed_on,
                place: place.clone(),
            });
            record.status = if *signed_on >= record.terms.period.start {
                AgreementStatus::Active
            } else {
                AgreementStatus::Signed
            };
        }
        AgreementEvent::Activated { .. } => record.status = AgreementStatus::Active,
        AgreementEvent::ReviewOpened {
            review_id,
            due_on,
            opened_on,
            programme_id,
        } => {
            record.reviews.push(ReviewRecord {
                review_id: *review_id,
                due_on: *due_on,
                opened_on: *opened_on,
                programme_id: *programme_id,
                held_on: None,
                findings: None,
            });
            record.status = AgreementStatus::UnderReview;
        }
        AgreementEvent::ReviewCompleted {
            review_id,
            held_on,
            findings,
        } => {
            if let Some(review) = record
                .reviews
                .iter_mut()
                .find(|r| r.review_id == *review_id)
            {
                review.held_on = Some(*held_on);
                review.findings = Some(findings.clone());
            }
            record.status = AgreementStatus::Active;
        }
        AgreementEvent::Renewed {
            successor_id,
            renewed_on,
            note,
        } => {
            record.status = AgreementStatus::Renewed;
            record.ending = Some(Ending::Renewed {
                on: *renewed_on,
                successor_id: *successor_id,
                note: note.clone(),
            });
        }
        AgreementEvent::Expired { expired_on } => {
            record.status = AgreementStatus::Expired;
            record.ending = Some(Ending::Expired { on: *expired_on });
        }
        AgreementEvent::Terminated {
            terminated_on,
            reason,
        } => {
            record.status = AgreementStatus::Terminated;
            record.ending = Some(Ending::Terminated {
                on: *terminated_on,
                reason: reason.clone(),
            });
        }
        AgreementEvent::DocumentAttached { document } => record.documents.push(document.clone()),
    }
}
