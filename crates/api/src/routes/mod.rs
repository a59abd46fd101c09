mod health;
mod programmes;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderMap;
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};

use crate::error::ApiError;
use crate::request_meta::{correlate, lang_of};
use crate::state::AppState;

/// The largest request body accepted; larger ones get 413.
pub const MAX_BODY: usize = 1024 * 1024;

async fn no_route(headers: HeaderMap) -> impl IntoResponse {
    ApiError::no_route(lang_of(&headers))
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            "/api/programmes",
            post(programmes::draft).get(programmes::list),
        )
        .route("/api/programmes/{id}", get(programmes::detail))
        .route("/api/programmes/{id}/history", get(programmes::history))
        .route("/api/programmes/{id}/revise", post(programmes::revise))
        .route("/api/programmes/{id}/submit", post(programmes::submit))
        .route("/api/programmes/{id}/postpone", post(programmes::postpone))
        .route("/api/programmes/{id}/cancel", post(programmes::cancel))
        .fallback(no_route)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(correlate))
        .with_state(state)
}
