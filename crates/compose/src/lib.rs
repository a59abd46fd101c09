//! The composition root of the HTTP application. `caunoi serve api` and the `api` and
//! `web` test crates build the JSON API and the pages here, from the same parts, so that
//! what the tests serve is what the binary serves.

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

pub use api::ApiConfig;
pub use web::{ReminderRules, SignInSettings};

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
}

/// The JSON API under `/api/` and the pages everywhere else, with one command runner,
/// the API behind a session when `require_sign_in` is set, and a path with no route
/// answered as its side expects: the API's JSON error, or a page.
pub fn http_app(parts: HttpParts) -> Router {
    let commands = app::Commands::new(
        parts.store.clone(),
        parts.watch.clone(),
        parts.api.read_your_writes_timeout,
    );
    let require_sign_in = parts.sign_in.require_sign_in;
    let api_state = api::AppState {
        store: parts.store.clone(),
        pool: parts.pool.clone(),
        nats: parts.nats,
        watch: parts.watch.clone(),
        vault: parts.vault.clone(),
        config: parts.api.clone(),
        approvals: parts.approvals.clone(),
        clock: parts.clock.clone(),
        commands: commands.clone(),
    };
    let pages = web::WebState {
        store: parts.store,
        approvals: parts.approvals,
        outbox: parts.outbox,
        pool: parts.pool.clone(),
        watch: parts.watch,
        mail: MailQueue::new(parts.pool),
        sign_in: parts.sign_in,
        vault: parts.vault,
        report_due_days: parts.api.report_due_days,
        reminder_rules: parts.reminder_rules,
        clock: parts.clock,
        commands,
    };
    let mut api_routes = api::routes(api_state);
    if require_sign_in {
        api_routes = api_routes.layer(axum::middleware::from_fn_with_state(
            pages.clone(),
            web::require_api_session,
        ));
    }
    api_routes.merge(web::router(pages)).fallback(no_such_path)
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
