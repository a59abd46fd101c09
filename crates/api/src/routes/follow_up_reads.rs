//! Reads of follow-up reports: one report, the reports due, and action items across
//! programmes.

use std::collections::HashMap;

use app::access::Action;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::Entity;
use domain::followup::{ActionStatus, report_id_for};
use projector::followup_queries::{self as queries, ActionItemFilter};
use uuid::Uuid;

use super::command::parse_id;
use super::params::Params;
use crate::error::ApiError;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

pub async fn detail(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &id)?;
    report_detail(&state, &meta, id).await
}

/// The report of a programme, found by the programme's id.
pub async fn of_programme(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(programme_id): Path<String>,
) -> Result<Response, ApiError> {
    let programme_id = parse_id(meta.lang, Entity::Programme, &programme_id)?;
    report_detail(&state, &meta, report_id_for(programme_id)).await
}

async fn report_detail(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
) -> Result<Response, ApiError> {
    let found = queries::report(&state.pool, id).await?;
    let detail = found.ok_or_else(|| ApiError::not_found(meta.lang, Entity::FollowUpReport))?;
    Ok(Json(detail).into_response())
}

pub async fn due(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let mut params = Params::new(query);
    let as_of = params.date("as_of").unwrap_or(meta.today());
    let overdue_only = params.flag("overdue");
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &params.errors));
    }
    let hosts = meta.signed_in()?.organisations_for(Action::SeeProgramme);
    let items = queries::reports_due(
        &state.pool,
        as_of,
        state.config.report_due_days,
        overdue_only,
        Some(&hosts),
    )
    .await?;
    Ok(Json(serde_json::json!({
        "as_of": as_of,
        "report_due_days": state.config.report_due_days,
        "items": items,
    }))
    .into_response())
}

pub async fn action_items(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let mut params = Params::new(query);
    let statuses = match params.text("status").as_deref() {
        None => Vec::new(),
        Some("all") => ActionStatus::ALL.to_vec(),
        Some(_) => params
            .parsed("status", ActionStatus::parse)
            .into_iter()
            .collect(),
    };
    let overdue = params.flag("overdue");
    let due_before = params.date("due_before").or(overdue.then(|| meta.today()));
    let filter = ActionItemFilter {
        statuses,
        owner_email: params.text("owner"),
        programme_id: params.id("programme"),
        agreement_id: params.id("agreement"),
        organisation_id: params.id("organisation"),
        due_before,
        limit: 0,
        offset: 0,
        seen_by: Some(meta.signed_in()?.action_items_seen()),
    };
    let (limit, offset) = params.page();
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &params.errors));
    }
    let page = queries::action_items(
        &state.pool,
        &ActionItemFilter {
            limit,
            offset,
            ..filter
        },
    )
    .await?;
    Ok(Json(page).into_response())
}
