//! The HTTP API of Cầu Nối. Handlers turn requests into commands for the event store and
//! answer reads from the PostgreSQL read models; they hold no business rules of their own.

mod error;
mod json_body;
mod panics;
mod query_guard;
mod request_meta;
mod routes;
mod state;

pub use error::ApiError;
pub use panics::catch_panics;
pub use query_guard::refuse_control_characters;
pub use request_meta::{CorrelationId, SignedInAs, correlate};
pub use routes::{Bar, bar_chart, no_route, router, routes, vi_number};
pub use state::{ApiConfig, AppState};

/// Serves the API on `listener` until `shutdown` completes, then finishes the requests in
/// flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
