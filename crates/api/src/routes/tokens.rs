//! API tokens: each person makes, lists and revokes their own. A token is shown once, in
//! the answer that makes it; it acts as its maker, with their roles at each request.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use domain::Entity;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::command::parse_id;
use crate::error::ApiError;
use crate::json_body::{JsonBody, NoFields};
use crate::request_meta::RequestMeta;
use crate::state::AppState;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// What the token is for, e.g. "nightly export" (at most 100 characters).
    label: String,
    /// Days until it stops working, 1 to 366.
    days: u64,
}

#[derive(Serialize)]
struct Made {
    id: Uuid,
    /// The token itself, shown this once: send it as `Authorization: Bearer <token>`.
    token: String,
    expires_at: DateTime<Utc>,
}

fn person(meta: &RequestMeta) -> Result<&str, ApiError> {
    meta.person
        .as_ref()
        .map(|p| p.email.as_str())
        .ok_or_else(|| ApiError::sign_in_required(meta.lang))
}

pub async fn create(
    State(state): State<AppState>,
    meta: RequestMeta,
    JsonBody(request): JsonBody<NewToken>,
) -> Result<Response, ApiError> {
    let email = person(&meta)?;
    // Tokens expire by the database's clock, which checks them.
    let new = app::tokens::check(&request.label, request.days, Utc::now())
        .map_err(|problems| ApiError::invalid_fields(meta.lang, &problems))?;
    let made = identity::tokens::create(
        &state.pool,
        Uuid::now_v7(),
        email,
        &new.label,
        new.expires_at,
    )
    .await
    .map_err(|e| ApiError::unavailable(meta.lang, e))?;
    tracing::info!(token = %made.id, "API token made");
    Ok((
        StatusCode::CREATED,
        Json(Made {
            id: made.id,
            token: made.secret,
            expires_at: new.expires_at,
        }),
    )
        .into_response())
}

pub async fn list(State(state): State<AppState>, meta: RequestMeta) -> Result<Response, ApiError> {
    let email = person(&meta)?;
    let tokens = identity::tokens::list(&state.pool, email)
        .await
        .map_err(|e| ApiError::unavailable(meta.lang, e))?;
    let items: Vec<_> = tokens
        .into_iter()
        .map(|t| {
            json!({
                "id": t.id,
                "label": t.label,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
                "revoked_at": t.revoked_at,
                "last_used_at": t.last_used_at,
            })
        })
        .collect();
    Ok(Json(json!({ "items": items })).into_response())
}

pub async fn revoke(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(NoFields {}): JsonBody<NoFields>,
) -> Result<Response, ApiError> {
    let email = person(&meta)?;
    let id = parse_id(meta.lang, Entity::ApiToken, &id)?;
    let revoked = identity::tokens::revoke(&state.pool, email, id)
        .await
        .map_err(|e| ApiError::unavailable(meta.lang, e))?;
    if !revoked {
        return Err(ApiError::not_found(meta.lang, Entity::ApiToken));
    }
    tracing::info!(token = %id, "API token revoked");
    Ok(Json(json!({ "id": id, "revoked": true })).into_response())
}
