//! Prometheus metrics: every service counts what it does (commands, projected events,
//! emails, reminders, HTTP requests); `/metrics` renders them, with the projection's lag
//! measured at each scrape.

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use eventstore::EventStore;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sqlx::PgPool;

#[derive(Clone)]
struct Scrape {
    handle: PrometheusHandle,
    store: EventStore,
    pool: PgPool,
}

/// Installs the process's recorder; call once, before any service starts.
pub fn install() -> Result<PrometheusHandle> {
    PrometheusBuilder::new()
        .install_recorder()
        .context("installing the metrics recorder")
}

/// `GET /metrics`.
pub fn router(handle: PrometheusHandle, store: EventStore, pool: PgPool) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state(Scrape {
            handle,
            store,
            pool,
        })
}

/// The projection's lag in events (the stream's newest sequence less the read models'
/// position) and in seconds (how long ago the oldest event not yet projected happened).
async fn measure_lag(scrape: &Scrape) {
    let (Ok(last), Ok(position)) = (
        scrape.store.last_sequence().await,
        projector::queries::position(&scrape.pool).await,
    ) else {
        return;
    };
    let position = position.max(0) as u64;
    let behind = last.saturating_sub(position);
    metrics::gauge!("caunoi_projection_lag_events").set(behind as f64);
    metrics::gauge!("caunoi_projection_position").set(position as f64);
    if let Ok(parked) = projector::queries::parked_count(&scrape.pool).await {
        metrics::gauge!("caunoi_parked_events").set(parked as f64);
    }
    let seconds = if behind == 0 {
        0.0
    } else {
        match scrape.store.occurred_at(position + 1).await {
            Ok(Some(at)) => (Utc::now() - at).num_milliseconds().max(0) as f64 / 1000.0,
            _ => return,
        }
    };
    metrics::gauge!("caunoi_projection_lag_seconds").set(seconds);
}

async fn render(State(scrape): State<Scrape>) -> Response {
    measure_lag(&scrape).await;
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        scrape.handle.render(),
    )
        .into_response()
}
