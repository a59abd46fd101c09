//! What the documents are made from: the issuer from the directory, the signing from the
//! query, the members from the roster, the annual review's figures.

use chrono::NaiveDate;
use documents::{Issuer, Review, ReviewCount, ReviewProgramme, Signing};
use domain::Lang;
use domain::delegation::{AgendaItem, PersonalDetails};
use domain::labels::format_dates;
use domain::programme::Plan;
use logistics::Roster;
use projector::followup_queries::{AnnualReview, FigureRow, OrganisationInfo};
use projector::{delegation_queries, directory_queries};
use uuid::Uuid;

use super::super::params::Params;
use crate::error::ApiError;
use crate::state::AppState;

/// The organisation as registered, for its kind (which decides the heading) and its
/// province (the place of the date line); `name` when it is not in the directory.
async fn issuer(state: &AppState, id: Option<Uuid>, name: &str) -> Result<Issuer, ApiError> {
    let registered = match id {
        Some(id) => directory_queries::organisation(&state.pool, id).await?,
        None => None,
    };
    Ok(match registered {
        Some(found) => Issuer {
            name: found.record.name,
            kind: Some(found.record.kind),
            province: found.record.province,
        },
        None => Issuer {
            name: name.to_owned(),
            kind: None,
            province: None,
        },
    })
}

pub async fn issuer_of_plan(state: &AppState, plan: &Plan) -> Result<Issuer, ApiError> {
    issuer(state, plan.host_organisation_id, &plan.host_organisation).await
}

pub async fn issuer_of_organisation(
    state: &AppState,
    organisation: &OrganisationInfo,
) -> Result<Issuer, ApiError> {
    let mut found = issuer(state, Some(organisation.id), &organisation.name).await?;
    if found.province.is_none() {
        found.province = organisation.province.clone();
    }
    Ok(found)
}

/// `?number=15&signer=…&signer_title=…&place=…&date=YYYY-MM-DD`; each one optional. The
/// date defaults to today in Vietnam.
pub fn signing(params: &mut Params, today: NaiveDate) -> Signing {
    Signing {
        number: params.text("number"),
        date: params.date("date").unwrap_or(today),
        place: params.text("place"),
        signer_name: params.text("signer"),
        signer_title: params.text("signer_title"),
    }
}

/// The itinerary of every delegation of the programme, for its kế hoạch. An itinerary
/// names no member, so it is read with the programme's rule, as the ICS export is.
pub async fn agenda_of(state: &AppState, programme_id: Uuid) -> Result<Vec<AgendaItem>, ApiError> {
    let mut agenda = Vec::new();
    for summary in delegation_queries::for_programme(&state.pool, programme_id).await? {
        if let Some(row) = delegation_queries::delegation(&state.pool, summary.id).await? {
            agenda.extend(row.record.agenda);
        }
    }
    Ok(agenda)
}

/// The members still on the roster with their details; a forgotten member is left out.
pub fn members(roster: &Roster) -> Vec<PersonalDetails> {
    roster
        .members
        .iter()
        .filter_map(|m| m.details.clone())
        .collect()
}

fn count(row: &FigureRow) -> ReviewCount {
    ReviewCount {
        label: row.label.clone(),
        programmes: row.programmes,
        delegations: row.delegations,
        delegates: row.delegates,
    }
}

pub fn review(found: &AnnualReview) -> Review {
    Review {
        year: found.year,
        totals: count(&found.totals),
        by_month: found.by_month.iter().map(count).collect(),
        by_partner: found.by_partner.iter().map(count).collect(),
        programmes: found
            .programmes
            .iter()
            .map(|p| ReviewProgramme {
                title: p.title.clone(),
                dates: format_dates(p.start_date, p.end_date, Lang::Vi),
                partners: p.partners.clone(),
                people: i64::from(p.actual_attendance.unwrap_or(p.expected_delegation_size)),
            })
            .collect(),
    }
}
