//! Agreements (MOUs): drafting, signing, reviews and how they end, and the register.

use std::collections::HashMap;

use app::access::Action;
use app::{Renewal, Successor};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDate};
use domain::agreement::{
    Agreement, AgreementCommand, AgreementRecord, AgreementStatus, AgreementTerms, DocumentRef,
};
use domain::{Entity, FieldError, Problem};
use eventstore::Outcome;
use projector::followup_queries::{self as queries, AgreementFilter};
use serde::Deserialize;
use uuid::Uuid;

use super::command::{Answer, execute, parse_id, visible};
use super::params::Params;
use crate::error::ApiError;
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviseRequest {
    expected_version: Option<u64>,
    terms: AgreementTerms,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignRequest {
    expected_version: Option<u64>,
    signed_on: NaiveDate,
    place: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    expected_version: Option<u64>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenReviewRequest {
    expected_version: Option<u64>,
    /// The scheduled review it answers; the next one due when left out.
    due_on: Option<NaiveDate>,
    programme_id: Option<Uuid>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteReviewRequest {
    expected_version: Option<u64>,
    held_on: NaiveDate,
    findings: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenewRequest {
    expected_version: Option<u64>,
    successor_id: Uuid,
    renewed_on: NaiveDate,
    note: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerminateRequest {
    expected_version: Option<u64>,
    terminated_on: NaiveDate,
    reason: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRequest {
    expected_version: Option<u64>,
    title: String,
    reference: String,
}

async fn run(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    command: AgreementCommand,
) -> Result<Answer<AgreementRecord>, ApiError> {
    let outcome = execute::<Agreement>(state, meta, id, expected_version, &command).await?;
    let seen = visible(state, outcome.position).await;
    Ok(answer(id, outcome, seen))
}

fn answer(id: Uuid, outcome: Outcome<Agreement>, seen: bool) -> Answer<AgreementRecord> {
    let record = outcome.state.record().cloned();
    let status = record
        .as_ref()
        .map_or("", |r| r.status.as_str())
        .to_string();
    Answer::new(id, outcome, seen, record, status)
}

pub async fn draft(
    State(state): State<AppState>,
    meta: RequestMeta,
    JsonBody(terms): JsonBody<AgreementTerms>,
) -> Result<Response, ApiError> {
    let (id, ran) = state
        .commands
        .draft_agreement(&meta.command_meta(), meta.signed_in()?, terms)
        .await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/agreements/{id}"))],
        Json(answer(id, ran.outcome, ran.visible)),
    )
        .into_response())
}

async fn command(
    state: AppState,
    meta: RequestMeta,
    raw_id: String,
    expected_version: Option<u64>,
    command: AgreementCommand,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Agreement, &raw_id)?;
    Ok(Json(run(&state, &meta, id, expected_version, command).await?).into_response())
}

pub async fn revise(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<ReviseRequest>,
) -> Result<Response, ApiError> {
    let terms = r.terms;
    command(
        state,
        meta,
        id,
        r.expected_version,
        AgreementCommand::Revise { terms },
    )
    .await
}

pub async fn sign(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<SignRequest>,
) -> Result<Response, ApiError> {
    let sign = AgreementCommand::Sign {
        signed_on: r.signed_on,
        place: r.place,
    };
    command(state, meta, id, r.expected_version, sign).await
}

pub async fn activate(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    command(
        state,
        meta,
        id,
        r.expected_version,
        AgreementCommand::Activate,
    )
    .await
}

pub async fn expire(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    command(
        state,
        meta,
        id,
        r.expected_version,
        AgreementCommand::Expire,
    )
    .await
}

pub async fn open_review(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<OpenReviewRequest>,
) -> Result<Response, ApiError> {
    let open = AgreementCommand::OpenReview {
        review_id: Uuid::now_v7(),
        due_on: r.due_on,
        programme_id: r.programme_id,
    };
    command(state, meta, id, r.expected_version, open).await
}

pub async fn complete_review(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, review_id)): Path<(String, String)>,
    JsonBody(r): JsonBody<CompleteReviewRequest>,
) -> Result<Response, ApiError> {
    let lang = meta.lang;
    let review_id = Uuid::parse_str(&review_id).map_err(|_| {
        ApiError::invalid_fields(lang, &[FieldError::new("review_id", Problem::Unknown)])
    })?;
    let complete = AgreementCommand::CompleteReview {
        review_id,
        held_on: r.held_on,
        findings: r.findings,
    };
    command(state, meta, id, r.expected_version, complete).await
}

pub async fn renew(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<RenewRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Agreement, &id)?;
    let renewal = Renewal {
        successor: Successor::Drafted(r.successor_id),
        renewed_on: r.renewed_on,
        note: r.note,
    };
    let (_, ran) = state
        .commands
        .renew_agreement(
            &meta.command_meta(),
            meta.signed_in()?,
            id,
            r.expected_version,
            renewal,
        )
        .await?;
    Ok(Json(answer(id, ran.outcome, ran.visible)).into_response())
}

pub async fn terminate(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<TerminateRequest>,
) -> Result<Response, ApiError> {
    let terminate = AgreementCommand::Terminate {
        terminated_on: r.terminated_on,
        reason: r.reason,
    };
    command(state, meta, id, r.expected_version, terminate).await
}

pub async fn attach_document(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<DocumentRequest>,
) -> Result<Response, ApiError> {
    let attach = AgreementCommand::AttachDocument {
        document: DocumentRef {
            title: r.title,
            reference: r.reference,
        },
    };
    command(state, meta, id, r.expected_version, attach).await
}

pub async fn detail(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Agreement, &id)?;
    let found = queries::agreement(&state.pool, id).await?;
    let detail = found.ok_or_else(|| ApiError::not_found(meta.lang, Entity::Agreement))?;
    Ok(Json(detail).into_response())
}

pub async fn register(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let mut params = Params::new(query);
    let status = params.parsed("status", AgreementStatus::parse);
    let organisation_id = params.id("organisation");
    let (limit, offset) = params.page();
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &params.errors));
    }
    let filter = AgreementFilter {
        status,
        organisation_id,
        search: params.text("q"),
        limit,
        offset,
        parties_among: Some(meta.signed_in()?.organisations_for(Action::SeeOrganisation)),
    };
    let page = queries::register(&state.pool, &filter).await?;
    Ok(Json(page).into_response())
}

fn until(params: &mut Params, today: NaiveDate) -> NaiveDate {
    params
        .date("until")
        .unwrap_or_else(|| today + Days::new(queries::LOOK_AHEAD_DAYS))
}

pub async fn reviews_due(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let mut params = Params::new(query);
    let until = until(&mut params, meta.today());
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &params.errors));
    }
    let parties = meta.signed_in()?.organisations_for(Action::SeeOrganisation);
    let items = queries::reviews_due(&state.pool, until, Some(&parties)).await?;
    Ok(Json(serde_json::json!({ "until": until, "items": items })).into_response())
}

pub async fn expiring(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let mut params = Params::new(query);
    let until = until(&mut params, meta.today());
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &params.errors));
    }
    let parties = meta.signed_in()?.organisations_for(Action::SeeOrganisation);
    let items = queries::expiring(&state.pool, until, Some(&parties)).await?;
    Ok(Json(serde_json::json!({ "until": until, "items": items })).into_response())
}
