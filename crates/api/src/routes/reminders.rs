//! Reminders sent, pending and failed, and each person's choices about reminders.

use app::Ran;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::reminders::{Delivery, ReminderPreferences, Rule, preferences_id};
use domain::{FieldError, Problem};
use serde::Deserialize;

use crate::error::ApiError;
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

#[derive(Deserialize, schemars::JsonSchema)]
pub struct ListParams {
    status: Option<String>,
    email: Option<String>,
    limit: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(params): Query<ListParams>,
) -> Result<Response, ApiError> {
    let mut problems = Vec::new();
    let status = params.status.filter(|s| !s.trim().is_empty());
    if let Some(status) = &status
        && !["pending", "sent", "failed"].contains(&status.as_str())
    {
        problems.push(FieldError::new("status", Problem::Unknown));
    }
    let limit = match params.limit.as_deref().map(str::parse::<i64>) {
        None => 100,
        Some(Ok(n)) if (1..=1000).contains(&n) => n,
        Some(_) => {
            problems.push(FieldError::new(
                "limit",
                Problem::OutOfRange { min: 1, max: 1000 },
            ));
            100
        }
    };
    if !problems.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &problems));
    }
    let email = own_address(&meta, params.email.as_deref())?;
    let items = reminders::queries::recent(&state.pool, status.as_deref(), Some(email), limit)
        .await
        .map_err(|e| ApiError::unavailable(meta.lang, e))?;
    Ok(Json(serde_json::json!({ "items": items })).into_response())
}

pub async fn preferences(
    State(state): State<AppState>,
    Path(email): Path<String>,
) -> Result<Response, ApiError> {
    let loaded = state
        .store
        .load::<ReminderPreferences>(preferences_id(&email))
        .await?;
    let current = loaded.state;
    Ok(Json(serde_json::json!({
        "email": email.trim().to_lowercase(),
        "delivery": current.delivery,
        "opted_out": current.opted_out,
        "version": loaded.version,
    }))
    .into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesRequest {
    expected_version: Option<u64>,
    delivery: Delivery,
    #[serde(default)]
    opted_out: Vec<Rule>,
}

pub async fn set_preferences(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(email): Path<String>,
    JsonBody(request): JsonBody<PreferencesRequest>,
) -> Result<Response, ApiError> {
    let Ran { outcome, visible } = state
        .commands
        .set_reminder_preferences(
            &meta.command_meta(),
            &email,
            request.expected_version,
            request.delivery,
            request.opted_out,
        )
        .await?;
    Ok(Json(serde_json::json!({
        "email": outcome.state.email,
        "delivery": outcome.state.delivery,
        "opted_out": outcome.state.opted_out,
        "version": outcome.version,
        "visible": visible,
    }))
    .into_response())
}

/// The asker's own address: what a list of one person's mail is about. Another person's
/// address is refused, so that nobody reads whom others are reminded of.
pub fn own_address<'a>(meta: &'a RequestMeta, asked: Option<&str>) -> Result<&'a str, ApiError> {
    let person = meta.signed_in()?;
    match asked.map(str::trim).filter(|e| !e.is_empty()) {
        Some(asked) if !asked.eq_ignore_ascii_case(&person.email) => {
            Err(ApiError::forbidden(meta.lang))
        }
        _ => Ok(&person.email),
    }
}
