use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

#[derive(Serialize)]
pub struct Readiness {
    ready: bool,
    nats: bool,
    postgres: bool,
    /// Events in the stream that the read model does not include yet.
    projection_lag: Option<u64>,
    max_lag: u64,
    /// Events the read models set aside because they cannot take them (`caunoi parked
    /// list`); the service goes on with every other event, so these do not make it unready.
    parked_events: Option<i64>,
}

/// Ready when NATS and PostgreSQL answer and the read model is not too far behind.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let nats = matches!(
        state.nats.connection_state(),
        async_nats::connection::State::Connected
    );
    let position = projector::queries::position(&state.pool).await.ok();
    let last = state.store.last_sequence().await.ok();
    let projection_lag = match (last, position) {
        (Some(last), Some(position)) => Some(last.saturating_sub(position.max(0) as u64)),
        _ => None,
    };
    let postgres = position.is_some();
    let ready =
        nats && postgres && projection_lag.is_some_and(|lag| lag <= state.config.ready_max_lag);
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Readiness {
            ready,
            nats,
            postgres,
            projection_lag,
            max_lag: state.config.ready_max_lag,
            parked_events: projector::queries::parked_count(&state.pool).await.ok(),
        }),
    )
}
