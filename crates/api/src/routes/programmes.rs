use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::programme::{Plan, PlanPatch, Programme, ProgrammeCommand, ProgrammeRecord, Status};
use domain::values::Schedule;
use domain::{Entity, FieldError, Lang, Problem};
use eventstore::Outcome;
use projector::queries::{self, ListFilter};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviseRequest {
    /// The version the planner edited; omit it to apply the change to whatever is current.
    expected_version: Option<u64>,
    reason: Option<String>,
    changes: PlanPatch,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitRequest {
    expected_version: Option<u64>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostponeRequest {
    expected_version: Option<u64>,
    schedule: Schedule,
    reason: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    expected_version: Option<u64>,
    reason: String,
}

/// Also the body of a withdrawal.
pub type WithdrawRequest = CancelRequest;

#[derive(Serialize)]
struct AppendedEvent {
    event_id: Uuid,
    event_type: String,
    version: u64,
}

#[derive(Serialize)]
struct CommandResponse {
    id: Uuid,
    version: u64,
    status: Status,
    /// The stream position of the newest event; reads include it once `visible` is true.
    position: u64,
    /// Whether the read models already show this change.
    visible: bool,
    appended: Vec<AppendedEvent>,
    programme: Option<ProgrammeRecord>,
}

fn parse_id(lang: Lang, raw: &str) -> Result<Uuid, ApiError> {
    super::command::parse_id(lang, Entity::Programme, raw)
}

async fn run(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    command: ProgrammeCommand,
) -> Result<(Outcome<Programme>, bool), ApiError> {
    let ran = state
        .commands
        .run::<Programme>(&meta.command_meta(), id, expected_version, &command)
        .await?;
    Ok((ran.outcome, ran.visible))
}

fn respond(id: Uuid, outcome: Outcome<Programme>, visible: bool) -> CommandResponse {
    let record = outcome.state.record().cloned();
    CommandResponse {
        id,
        version: outcome.version,
        status: record.as_ref().map_or(Status::Draft, |r| r.status),
        position: outcome.position,
        visible,
        appended: outcome
            .appended
            .into_iter()
            .map(|e| AppendedEvent {
                event_id: e.event_id,
                event_type: e.event_type,
                version: e.aggregate_version,
            })
            .collect(),
        programme: record,
    }
}

pub async fn draft(
    State(state): State<AppState>,
    meta: RequestMeta,
    JsonBody(plan): JsonBody<Plan>,
) -> Result<Response, ApiError> {
    let actor = meta
        .person
        .as_ref()
        .ok_or_else(|| ApiError::sign_in_required(meta.lang))?;
    let (id, ran) = state
        .commands
        .draft_programme(&meta.command_meta(), actor, plan)
        .await?;
    let location = format!("/api/programmes/{id}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(respond(id, ran.outcome, ran.visible)),
    )
        .into_response())
}

pub async fn revise(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<ReviseRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let ran = state
        .commands
        .revise_programme(
            &meta.command_meta(),
            id,
            request.expected_version,
            request.changes,
            request.reason,
        )
        .await?;
    Ok(Json(respond(id, ran.outcome, ran.visible)).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<SubmitRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let ran = state
        .commands
        .submit_programme(&meta.command_meta(), id, request.expected_version)
        .await?;
    Ok(Json(respond(id, ran.outcome, ran.visible)).into_response())
}

pub async fn postpone(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<PostponeRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let command = ProgrammeCommand::Postpone {
        schedule: request.schedule,
        reason: request.reason,
    };
    let (outcome, visible) = run(&state, &meta, id, request.expected_version, command).await?;
    Ok(Json(respond(id, outcome, visible)).into_response())
}

pub async fn cancel(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<CancelRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let command = ProgrammeCommand::Cancel {
        reason: request.reason,
    };
    let (outcome, visible) = run(&state, &meta, id, request.expected_version, command).await?;
    Ok(Json(respond(id, outcome, visible)).into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<WithdrawRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let command = ProgrammeCommand::Withdraw {
        reason: request.reason,
    };
    let (outcome, visible) = run(&state, &meta, id, request.expected_version, command).await?;
    Ok(Json(respond(id, outcome, visible)).into_response())
}

pub async fn begin_preparation(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<SubmitRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let command = ProgrammeCommand::BeginPreparation;
    let (outcome, visible) = run(&state, &meta, id, request.expected_version, command).await?;
    Ok(Json(respond(id, outcome, visible)).into_response())
}

pub async fn mark_held(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<SubmitRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let command = ProgrammeCommand::MarkHeld;
    let (outcome, visible) = run(&state, &meta, id, request.expected_version, command).await?;
    Ok(Json(respond(id, outcome, visible)).into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct ListParams {
    status: Option<String>,
    organisation: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 200;

fn parse_filter(params: ListParams) -> Result<ListFilter, Vec<FieldError>> {
    let mut errors = Vec::new();
    let non_empty = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let status = non_empty(params.status).and_then(|s| {
        let parsed = Status::parse(&s);
        if parsed.is_none() {
            errors.push(FieldError::new("status", Problem::Unknown));
        }
        parsed
    });
    let mut date = |name: &str, value: Option<String>| {
        non_empty(value).and_then(|v| {
            let parsed = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
            if parsed.is_none() {
                errors.push(FieldError::new(name, Problem::NotADate));
            }
            parsed
        })
    };
    let from = date("from", params.from);
    let to = date("to", params.to);
    let mut number = |name: &str, value: Option<String>, default: i64, min: i64, max: i64| {
        match non_empty(value).map(|v| v.parse::<i64>()) {
            None => default,
            Some(Ok(n)) if (min..=max).contains(&n) => n,
            Some(_) => {
                errors.push(FieldError::new(name, Problem::OutOfRange { min, max }));
                default
            }
        }
    };
    let limit = number("limit", params.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    let offset = number("offset", params.offset, 0, 0, i64::from(i32::MAX));
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        errors.push(FieldError::new("to", Problem::EndBeforeStart));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ListFilter {
        status,
        organisation: non_empty(params.organisation),
        from,
        to,
        search: non_empty(params.q),
        limit,
        offset,
        seen_by: None,
    })
}

pub async fn list(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(params): Query<ListParams>,
) -> Result<Response, ApiError> {
    let mut filter = parse_filter(params).map_err(|e| ApiError::invalid_fields(meta.lang, &e))?;
    let person = meta
        .person
        .as_ref()
        .ok_or_else(|| ApiError::sign_in_required(meta.lang))?;
    filter.seen_by = Some(person.programmes_seen());
    let page = queries::list(&state.pool, &filter).await?;
    Ok(Json(page).into_response())
}

pub async fn detail(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let found = queries::detail(&state.pool, id).await?;
    let detail = found.ok_or_else(|| ApiError::not_found(meta.lang, Entity::Programme))?;
    Ok(Json(detail).into_response())
}

pub async fn history(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let events = queries::history(&state.pool, id).await?;
    if events.is_empty() {
        return Err(ApiError::not_found(meta.lang, Entity::Programme));
    }
    Ok(Json(serde_json::json!({ "id": id, "events": events })).into_response())
}
