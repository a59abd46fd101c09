//! The composition root. `caunoi serve` and the test crates build the JSON API and the
//! pages here (`http_app`), and run the services behind them (`services`), from the same
//! parts, so that what the tests serve is what the binary serves.

pub mod client_limits;
pub mod expiry;
pub mod guard;
pub mod rules;
pub mod services;

use axum::Router;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use clock::Clock;
use eventstore::EventStore;
use mailer::Outbox;
use notifications::MailQueue;
use projector::ProjectionWatch;
use sqlx::PgPool;
use workflow::approvals::ApprovalSettings;

use http_common::HttpState;
pub use http_common::{ApiConfig, ReminderRules, SignInSettings};

/// Everything the HTTP application is built from. The binary makes these from its
/// settings and servers; a test from its own servers and a scenario's clock.
pub struct HttpParts {
    pub store: EventStore,
    pub pool: PgPool,
    pub nats: async_nats::Client,
    /// Follows the read models' position, for read-your-writes.
    pub watch: ProjectionWatch,
    pub vault: vault::Vault,
    pub approvals: ApprovalSettings,
    /// The local outbox, when mail goes there instead of to an SMTP server.
    pub outbox: Option<Outbox>,
    pub api: ApiConfig,
    pub sign_in: SignInSettings,
    pub reminder_rules: ReminderRules,
    /// The time commands are made at: the system's, or a test's own.
    pub clock: Clock,
    /// The header a reverse proxy in front sets to the client's address, for the limits per
    /// client ([`client_limits`]); `None` takes the connection's address.
    pub client_address_header: Option<axum::http::HeaderName>,
}

/// The JSON API under `/api/` and the pages everywhere else, with one command runner, every
/// route behind the guard (who is asking, from where, and whether the rules let them), and
/// a path with no route answered as its side expects: the API's JSON error, or a page.
pub fn http_app(parts: HttpParts) -> Router {
    let state = HttpState {
        commands: app::Commands::new(
            parts.store.clone(),
            parts.watch.clone(),
            parts.api.read_your_writes_timeout,
        ),
        mail: MailQueue::new(parts.pool.clone()),
        store: parts.store,
        pool: parts.pool,
        nats: parts.nats,
        watch: parts.watch,
        vault: parts.vault,
        config: parts.api,
        approvals: parts.approvals,
        outbox: parts.outbox,
        sign_in: parts.sign_in,
        reminder_rules: parts.reminder_rules,
        clock: parts.clock,
    };
    let guard_state = guard::GuardState {
        http: state.clone(),
        limits: std::sync::Arc::new(client_limits::ClientLimits::new(
            parts.client_address_header,
        )),
    };
    api::routes(state.clone())
        .merge(web::router(state))
        .layer(axum::middleware::from_fn_with_state(
            guard_state,
            guard::guard,
        ))
        .fallback(no_such_path)
}

/// Under `/api/`, a client's mistake, answered in JSON; anywhere else, a person following a
/// broken or mistyped address, answered with a page.
async fn no_such_path(lang: web::PageLang, request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        api::no_route(request.headers().clone())
            .await
            .into_response()
    } else {
        web::not_found(lang).await
    }
}
