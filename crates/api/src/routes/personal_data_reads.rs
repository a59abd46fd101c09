//! `GET /api/organisations/{id}/personal-data-reads`: who read the personal data of the
//! members of delegations whose programme the organisation hosts, for its administrators.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::Entity;
use projector::read_log_queries;

use super::command::parse_id;
use super::params::Params;
use crate::error::ApiError;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let mut params = Params::new(query);
    let limit = params.number("limit", 100, 1, 1000);
    if !params.errors.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &params.errors));
    }
    let items = read_log_queries::reads(&state.pool, &[id], limit).await?;
    Ok(Json(serde_json::json!({ "items": items })).into_response())
}
