use domain::agreement::{Agreement, AgreementRecord};
use serde_json::json;

use super::{AggregateModel, Changed, Rows, Table, replace_rows};
use crate::fold;
use crate::statement::Statement;

/// The `agreements` table, as its rows are written.
pub(crate) const AGREEMENTS: Table = Table {
    name: "agreements",
    key: "id",
    columns: "id uuid, title text, search_folded text, status text, signed_on date, \
             signing_place text, starts_on date, expires_on date, next_review_on date, \
             next_review_kind text, organisation_ids uuid[], coordinator_name text, \
             coordinator_email text, version bigint, updated_at timestamptz, state jsonb",
};

/// The `agreement_reviews` table, as its rows are written.
pub(crate) const AGREEMENT_REVIEWS: Table = Table {
    name: "agreement_reviews",
    key: "agreement_id",
    columns: "agreement_id uuid, number integer, due_on date, kind text, status text, \
             review_id uuid, programme_id uuid, opened_on date, held_on date, findings text",
};

/// The agreements register and each agreement's reviews, scheduled and held.
pub(crate) struct AgreementModel;

impl AggregateModel for AgreementModel {
    type State = Agreement;

    fn write(&self, schema: &str, changed: &[Changed<'_, Agreement>]) -> Vec<Statement> {
        let ids: Vec<_> = changed.iter().map(|c| c.id).collect();
        let (mut agreements, mut reviews) = (Rows::new(&AGREEMENTS), Rows::new(&AGREEMENT_REVIEWS));
        for change in changed {
            let Some(agreement) = change.state.record() else {
                continue;
            };
            let terms = &agreement.terms;
            let next = agreement.next_review();
            let searched: Vec<&str> = std::iter::once(terms.title.as_str())
                .chain(terms.parties.iter().map(|p| p.name.as_str()))
                .collect();
            agreements.push(json!({
                "id": agreement.id,
                "title": terms.title,
                "search_folded": fold(&searched.join(" | ")),
                "status": agreement.status.as_str(),
                "signed_on": agreement.signing.as_ref().map(|s| s.signed_on),
                "signing_place": agreement.signing.as_ref().map(|s| &s.place),
                "starts_on": terms.period.start,
                "expires_on": terms.period.end,
                "next_review_on": next.map(|n| n.due_on),
                "next_review_kind": next.map(|n| n.kind.as_str()),
                "organisation_ids": terms.parties.iter().filter_map(|p| p.organisation_id).collect::<Vec<_>>(),
                "coordinator_name": terms.coordinator.as_ref().map(|c| &c.name),
                "coordinator_email": terms.coordinator.as_ref().map(|c| &c.email),
                "version": change.version,
                "updated_at": change.updated_at,
                "state": agreement,
            }));
            reviews.extend(review_rows(agreement));
        }
        let mut statements = replace_rows(schema, &ids, agreements);
        statements.extend(replace_rows(schema, &ids, reviews));
        statements
    }
}

/// One row per scheduled review, with the review that answered it if any.
fn review_rows(agreement: &AgreementRecord) -> Vec<serde_json::Value> {
    let schedule = agreement.schedule();
    schedule
        .iter()
        .map(|s| (s.due_on, s.number as usize, s.kind.as_str()))
        .chain(
            // A review may answer a date the schedule no longer lists.
            agreement
                .reviews
                .iter()
                .filter(|r| !schedule.iter().any(|s| s.due_on == r.due_on))
                .map(|r| (r.due_on, 0, "unscheduled")),
        )
        .map(|(due_on, number, kind)| {
            let review = agreement.reviews.iter().find(|r| r.due_on == due_on);
            let status = match review {
                Some(r) if r.held_on.is_some() => "done",
                Some(_) => "open",
                None if agreement.status.in_force() => "due",
                None => "not_needed",
            };
            json!({
                "agreement_id": agreement.id,
                "number": number,
                "due_on": due_on,
                "kind": kind,
                "status": status,
                "review_id": review.map(|r| r.review_id),
                "programme_id": review.and_then(|r| r.programme_id),
                "opened_on": review.map(|r| r.opened_on),
                "held_on": review.and_then(|r| r.held_on),
                "findings": review.and_then(|r| r.findings.as_ref()),
            })
        })
        .collect()
}
