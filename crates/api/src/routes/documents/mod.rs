//! Official documents as files: `GET /api/programmes/{id}/documents/{kind}`,
//! `GET /api/delegations/{id}/documents/{kind}` and
//! `GET /api/organisations/{id}/annual-review/{year}/document`. Each gathers what the
//! document says from the read models (the guard has checked the same rule as reading
//! the programme, the roster or the annual review), writes it through the use cases of
//! `app::documents` (which check that rule again on the data they write from), and
//! answers the DOCX, or a PDF through LibreOffice with `?format=pdf`. See
//! docs/documents.md.

mod file;
mod pdf;
mod sources;

use std::collections::HashMap;

use app::documents::DocumentRefused;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use documents::Kind;
use domain::Entity;
use domain::privacy::ReadView;

use super::command::parse_id;
use super::params::Params;
use crate::error::{ApiError, pick};
use crate::request_meta::RequestMeta;
use crate::state::AppState;
use file::{Format, answer};
use sources::{agenda_of, issuer_of_organisation, issuer_of_plan, members, review, signing};

/// The documents each path serves.
const OF_PROGRAMME: [Kind; 4] = [
    Kind::Proposal,
    Kind::Plan,
    Kind::Report,
    Kind::ReplyLetterZh,
];
const OF_DELEGATION: [Kind; 3] = [Kind::Decision, Kind::DelegationListZh, Kind::ItineraryZh];

/// 404 `unknown_document`, naming the documents there are.
fn unknown(meta: &RequestMeta, kinds: &[Kind]) -> ApiError {
    let names = kinds
        .iter()
        .map(|k| k.slug())
        .collect::<Vec<_>>()
        .join(", ");
    ApiError::new(
        StatusCode::NOT_FOUND,
        "unknown_document",
        pick(
            meta.lang,
            format!("Không có văn bản này. Các văn bản có ở đây: {names}."),
            format!("There is no such document. The documents here are: {names}."),
        ),
    )
}

/// A refusal of the use case: 403 as the guard's, or 503 when the file cannot be packed.
fn refused(
    meta: &RequestMeta,
    written: Result<Vec<u8>, DocumentRefused>,
) -> Result<Vec<u8>, ApiError> {
    written.map_err(|refusal| match refusal {
        DocumentRefused::NotAllowed => ApiError::forbidden(meta.lang),
        DocumentRefused::Unwritable(e) => ApiError::unavailable(meta.lang, e),
    })
}

fn kind_among(meta: &RequestMeta, slug: &str, kinds: &[Kind]) -> Result<Kind, ApiError> {
    Kind::parse(slug)
        .filter(|k| kinds.contains(k))
        .ok_or_else(|| unknown(meta, kinds))
}

/// Reads the signing and the format from the query, every problem at once.
fn read_query(
    meta: &RequestMeta,
    query: HashMap<String, String>,
) -> Result<(documents::Signing, Format), ApiError> {
    let mut params = Params::new(query);
    let signing = signing(&mut params, meta.today());
    let format = Format::of(&mut params);
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &params.errors));
    }
    Ok((signing, format))
}

/// `GET /api/programmes/{id}/documents/{kind}`: the tờ trình, the kế hoạch, the báo cáo
/// kết quả (once a follow-up report exists) and the 复函.
pub async fn of_programme(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, slug)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let kind = kind_among(&meta, &slug, &OF_PROGRAMME)?;
    let id = parse_id(meta.lang, Entity::Programme, &id)?;
    let (signing, format) = read_query(&meta, query)?;
    let programme = projector::queries::detail(&state.pool, id)
        .await?
        .ok_or_else(|| ApiError::not_found(meta.lang, Entity::Programme))?;
    let plan = &programme.record.plan;
    let issuer = issuer_of_plan(&state, plan).await?;
    let actor = meta.signed_in()?;
    let written = match kind {
        Kind::Proposal => app::documents::proposal(actor, &issuer, &signing, plan),
        Kind::Plan => {
            let agenda = agenda_of(&state, id).await?;
            app::documents::plan(actor, &issuer, &signing, plan, &agenda)
        }
        Kind::ReplyLetterZh => app::documents::reply_letter(actor, &issuer, &signing, plan),
        _ => {
            let report_id = domain::followup::report_id_for(id);
            let report = projector::followup_queries::report(&state.pool, report_id)
                .await?
                .ok_or_else(|| ApiError::not_found(meta.lang, Entity::FollowUpReport))?;
            app::documents::report(actor, &issuer, &signing, plan, &report.record)
        }
    };
    let bytes = refused(&meta, written)?;
    answer(&meta, kind, &plan.title, bytes, format).await
}

/// `GET /api/delegations/{id}/documents/{kind}`: the quyết định cử đoàn, the 代表团名单 and
/// the 行程安排. The first two hold members' names, so reading them is recorded as a read
/// of personal data.
pub async fn of_delegation(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, slug)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let kind = kind_among(&meta, &slug, &OF_DELEGATION)?;
    let id = parse_id(meta.lang, Entity::Delegation, &id)?;
    let (signing, format) = read_query(&meta, query)?;
    let roster = if kind == Kind::ItineraryZh {
        super::delegations::read::load(&state, meta.lang, id).await?
    } else {
        super::delegations::read::load_personal(&state, &meta, id, ReadView::Api).await?
    };
    let plan = &roster.programme.record.plan;
    let record = &roster.delegation.record;
    let actor = meta.signed_in()?;
    let written = match kind {
        Kind::Decision => {
            let issuer = issuer_of_plan(&state, plan).await?;
            let members = members(&roster);
            app::documents::decision(actor, &issuer, &signing, plan, &record.name, &members)
        }
        Kind::DelegationListZh => {
            app::documents::delegation_list(actor, plan, &record.name, &members(&roster))
        }
        _ => app::documents::itinerary(actor, plan, &record.name, &record.agenda),
    };
    let bytes = refused(&meta, written)?;
    answer(&meta, kind, &record.name, bytes, format).await
}

/// `GET /api/organisations/{id}/annual-review/{year}/document`: the báo cáo tổng kết.
pub async fn of_annual_review(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, year)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (signing, format) = read_query(&meta, query)?;
    let found = super::annual_review::gather(&state, &meta, &id, &year).await?;
    let issuer = issuer_of_organisation(&state, &found.organisation).await?;
    let written = app::documents::annual_review(
        meta.signed_in()?,
        found.organisation.id,
        &issuer,
        &signing,
        &review(&found),
    );
    let bytes = refused(&meta, written)?;
    let name = format!("{} {}", found.organisation.name, found.year);
    answer(&meta, Kind::AnnualReview, &name, bytes, format).await
}
