use app::Ran;
use axum::Json;
use axum::response::{IntoResponse, Response};
use domain::delegation::Delegation;
use domain::{Entity, Lang};
use serde::Serialize;
use uuid::Uuid;

use crate::error::ApiError;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

#[derive(Serialize)]
struct AppendedEvent {
    event_id: Uuid,
    event_type: String,
    version: u64,
}

/// What every delegation command answers: like a programme's, without the state, which
/// `GET /api/delegations/{id}` gives with the members opened.
#[derive(Serialize)]
pub struct CommandResponse {
    pub id: Uuid,
    pub version: u64,
    pub position: u64,
    pub visible: bool,
    appended: Vec<AppendedEvent>,
}

pub fn parse_id(lang: Lang, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::not_found(lang, Entity::Delegation))
}

/// Runs a delegation command and waits until the read models show it.
pub async fn run(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    command: &domain::delegation::DelegationCommand,
) -> Result<CommandResponse, ApiError> {
    let Ran { outcome, visible } = state
        .commands
        .run::<Delegation>(&meta.command_meta(), id, expected_version, command)
        .await?;
    Ok(CommandResponse::of(id, outcome, visible))
}

impl CommandResponse {
    /// The answer to a command on a delegation: what was appended, and whether the read
    /// models show it yet.
    pub fn of(id: Uuid, outcome: eventstore::Outcome<Delegation>, visible: bool) -> Self {
        CommandResponse {
            id,
            version: outcome.version,
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
        }
    }
}

impl IntoResponse for CommandResponse {
    fn into_response(self) -> Response {
        Json(self).into_response()
    }
}
