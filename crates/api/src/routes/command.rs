//! Running a command on any aggregate from a handler, and the shape of the answer.

use domain::{Aggregate, Entity, Lang};
use eventstore::Outcome;
use serde::Serialize;
use uuid::Uuid;

use crate::error::ApiError;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

#[derive(Serialize)]
pub struct AppendedEvent {
    pub event_id: Uuid,
    pub event_type: String,
    pub version: u64,
}

/// What a command answers: where the aggregate now stands and whether reads show it.
#[derive(Serialize)]
pub struct Answer<R: Serialize> {
    pub id: Uuid,
    pub version: u64,
    pub status: String,
    /// The stream position of the newest event; reads include it once `visible` is true.
    pub position: u64,
    pub visible: bool,
    pub appended: Vec<AppendedEvent>,
    pub record: Option<R>,
}

impl<R: Serialize> Answer<R> {
    pub fn new<A: Aggregate>(
        id: Uuid,
        outcome: Outcome<A>,
        visible: bool,
        record: Option<R>,
        status: String,
    ) -> Self {
        Answer {
            id,
            version: outcome.version,
            status,
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
            record,
        }
    }
}

/// Executes a command and maps refusals to HTTP errors.
pub async fn execute<A: Aggregate>(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    command: &A::Command,
) -> Result<Outcome<A>, ApiError> {
    state
        .commands
        .append::<A>(&meta.command_meta(), id, expected_version, command)
        .await
        .map_err(|error| ApiError::from_execute(meta.lang, error))
}

/// Read-your-writes: waits until the read models show `position`.
pub async fn visible(state: &AppState, position: u64) -> bool {
    state.commands.visible(position).await
}

pub fn parse_id(lang: Lang, entity: Entity, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::not_found(lang, entity))
}
