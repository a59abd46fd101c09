use app::access::Actor;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};
use clock::Clock;
use domain::Lang;
use eventstore::CommandMeta;
use tracing::{Instrument, info, info_span};
use uuid::Uuid;

pub const CORRELATION_HEADER: &str = "x-correlation-id";

/// The correlation id of the request being served, shared by its events and emails.
#[derive(Debug, Clone)]
pub struct CorrelationId(pub String);

/// A caller's own id is kept when it is short and plain, so that it can travel in logs and
/// headers safely; otherwise a fresh one is made.
fn accept_correlation_id(headers: &HeaderMap) -> String {
    headers
        .get(CORRELATION_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 128
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
        })
        .map(String::from)
        .unwrap_or_else(|| Uuid::now_v7().to_string())
}

tokio::task_local! {
    /// The language the request being served asked for, so that an error converted with
    /// `?` deep in a handler is worded in it (see [`request_lang`]).
    static REQUEST_LANG: Lang;
}

/// The language of the request being served (`Accept-Language`), or Vietnamese outside a
/// request.
pub fn request_lang() -> Lang {
    REQUEST_LANG.try_with(|lang| *lang).unwrap_or(Lang::Vi)
}

/// Gives every request a correlation id and a tracing span that carries it, and echoes the
/// id in the response. The rest of the request is served in the scope of its language.
pub async fn correlate(mut request: Request, next: Next) -> Response {
    let correlation_id = accept_correlation_id(request.headers());
    let lang = lang_of(request.headers());
    // The route's pattern, not the path, so that ids do not make a series each.
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_string();
    let method = request.method().to_string();
    request
        .extensions_mut()
        .insert(CorrelationId(correlation_id.clone()));
    let span = info_span!(
        "http",
        method = %request.method(),
        path = %request.uri().path(),
        correlation_id = %correlation_id
    );
    async move {
        let started = std::time::Instant::now();
        let mut response = REQUEST_LANG.scope(lang, next.run(request)).await;
        let elapsed = started.elapsed().as_secs_f64();
        info!(
            status = response.status().as_u16(),
            elapsed_ms = elapsed * 1000.0,
            "served"
        );
        let status = response.status().as_u16().to_string();
        metrics::counter!("caunoi_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
            .increment(1);
        metrics::histogram!("caunoi_http_request_duration_seconds", "method" => method, "route" => route)
            .record(elapsed);
        if let Ok(value) = HeaderValue::from_str(&correlation_id) {
            response.headers_mut().insert(CORRELATION_HEADER, value);
        }
        response
    }
    .instrument(span)
    .await
}

/// Who is asking and in which language they want answers.
#[derive(Debug, Clone)]
pub struct RequestMeta {
    /// When the request is served, by the service's clock: the time of its commands.
    pub now: DateTime<Utc>,
    pub lang: Lang,
    /// Who the events name as having acted: the person's address, or `anonymous` on the
    /// few open routes (an approval link names its approver itself).
    pub actor: String,
    pub correlation_id: String,
    /// The person the guard let in (a session or an API token); `None` on open routes.
    pub person: Option<Actor>,
}

impl RequestMeta {
    /// The person asking; only the guard's open routes have none, and they do not ask.
    pub fn signed_in(&self) -> Result<&Actor, crate::ApiError> {
        self.person
            .as_ref()
            .ok_or_else(|| crate::ApiError::sign_in_required(self.lang))
    }

    /// Today in Vietnam, where the organisations keep their calendars.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now
            .with_timezone(&domain::values::VIETNAM)
            .date_naive()
    }

    pub fn command_meta(&self) -> CommandMeta {
        CommandMeta {
            now: self.now,
            actor: self.actor.clone(),
            correlation_id: self.correlation_id.clone(),
            causation_id: Some(format!("http:{}", self.correlation_id)),
        }
    }
}

pub fn lang_of(headers: &HeaderMap) -> Lang {
    Lang::from_accept_language(
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let correlation_id = parts
            .extensions
            .get::<CorrelationId>()
            .map(|c| c.0.clone())
            .unwrap_or_else(|| Uuid::now_v7().to_string());
        // Always the authenticated person: nobody names themselves.
        let person = parts.extensions.get::<Actor>().cloned();
        let actor = person
            .as_ref()
            .map_or_else(|| "anonymous".to_string(), |p| p.email.clone());
        // The routers put the service's clock in every request (an `Extension<Clock>`); a router
        // built without it serves on the system's.
        let now = parts
            .extensions
            .get::<Clock>()
            .map_or_else(Utc::now, Clock::now);
        Ok(RequestMeta {
            now,
            lang: lang_of(&parts.headers),
            actor,
            correlation_id,
            person,
        })
    }
}
