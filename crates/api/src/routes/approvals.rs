//! Approval progress, approvers' pending decisions, and sending links again.

use app::ResendError;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::{DomainError, Entity, FieldError, Problem};
use eventstore::ExecuteError;
use projector::approval_queries;
use serde::Deserialize;
use uuid::Uuid;

use crate::error::ApiError;
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::routes::command::parse_id;
use crate::state::AppState;

/// Every round of a programme, with each stage's seats: who was asked, when, who decided
/// what and on whose behalf, and what is still pending.
pub async fn progress(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Programme, &id)?;
    let progress = approval_queries::progress(&state.pool, id).await?;
    Ok(Json(progress).into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct PendingParams {
    email: Option<String>,
}

pub async fn pending(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(params): Query<PendingParams>,
) -> Result<Response, ApiError> {
    let email = super::reminders::own_address(&meta, params.email.as_deref())?;
    let items = approval_queries::pending_for(&state.pool, email).await?;
    Ok(Json(serde_json::json!({ "items": items })).into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResendRequest {
    /// Only this member's seat; all undecided seats of the stage when absent.
    member_id: Option<Uuid>,
}

/// Sends new links to the undecided seats of an open stage (or to one of them); each new
/// link replaces the seat's previous one.
pub async fn resend(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((round, stage)): Path<(String, String)>,
    JsonBody(request): JsonBody<ResendRequest>,
) -> Result<Response, ApiError> {
    let round_id = parse_id(meta.lang, Entity::ApprovalRound, &round)?;
    let stage: usize = stage.parse().map_err(|_| {
        ApiError::invalid_fields(meta.lang, &[FieldError::new("stage", Problem::Unknown)])
    })?;
    let command_meta = meta.command_meta();
    let resent = state
        .commands
        .resend_approval_links(
            &state.approvals,
            &command_meta,
            round_id,
            stage,
            request.member_id,
        )
        .await;
    let programme_id = resent.map_err(|error| match error {
        ResendError::UnknownRound => ApiError::not_found(meta.lang, Entity::ApprovalRound),
        ResendError::UnknownStage => {
            ApiError::invalid_fields(meta.lang, &[FieldError::new("stage", Problem::Unknown)])
        }
        ResendError::UnknownMember => {
            ApiError::invalid_fields(meta.lang, &[FieldError::new("member_id", Problem::Unknown)])
        }
        ResendError::Closed(problem) => ApiError::from_execute(
            meta.lang,
            ExecuteError::Rejected(DomainError::Link(problem)),
        ),
        ResendError::Command(error) => ApiError::from_execute(meta.lang, error),
    })?;
    let progress = approval_queries::progress(&state.pool, programme_id).await?;
    Ok(Json(progress).into_response())
}
