//! Cầu Nối's web pages, rendered on the server from templates compiled into the binary.
//! Every page works without JavaScript, on a phone first, and loads nothing from
//! elsewhere.

mod approval_page;
mod headers;
mod lang;
mod not_found;
mod outbox;
mod plan_view;
mod preferences_page;
mod render;
mod state;
mod texts;

pub use not_found::not_found;
pub use state::WebState;

use axum::Router;
use axum::routing::get;

/// The pages, to be merged with the API's routes.
pub fn router(state: WebState) -> Router {
    Router::new()
        .route(
            "/approve/{round}/{token}",
            get(approval_page::show).post(approval_page::decide),
        )
        .route(
            "/approve/{round}/{token}/renew",
            axum::routing::post(approval_page::renew),
        )
        .route(
            "/reminders/preferences/{email}/{signature}",
            get(preferences_page::show).post(preferences_page::save),
        )
        .route("/outbox", get(outbox::list))
        .route("/outbox/{id}", get(outbox::show))
        .route("/outbox/{id}/html", get(outbox::html))
        .route("/static/app.css", get(render::stylesheet))
        .layer(axum::middleware::from_fn(headers::protect))
        .layer(axum::middleware::from_fn(api::correlate))
        .with_state(state)
}
