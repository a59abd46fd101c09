//! The one gate in front of every route: who is asking (a session cookie or an API
//! token), whether the request came from this site, and whether the rules let that
//! person do what the route does ([`crate::rules`], [`app::access`]). Handlers run only
//! after it, with the [`Actor`] in the request's extensions.

use std::sync::Arc;

use app::access::{Actor, Subject};
use axum::RequestExt;
use axum::extract::{MatchedPath, RawPathParams, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use http_common::error::pick;
use http_common::{ApiError, HttpState, lang_of};
use uuid::Uuid;

use crate::client_limits::{self, ClientLimits};
use crate::rules::{Guard, Thing, guard_of};

/// What the guard works with: the application's state, and what it counts per client.
#[derive(Clone)]
pub struct GuardState {
    pub http: HttpState,
    pub limits: Arc<ClientLimits>,
}

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No live session or token.
    SignIn,
    /// Signed in, but the rules do not let this person do this here.
    NotAllowed,
    /// It belongs to organisations the person has no part in.
    NotYours,
    /// A state-changing request sent by a page of another site.
    CrossSite,
    /// The route has no rule for this method.
    NoRule,
    /// The store or database could not be asked.
    Unavailable,
    /// Too many mail requests, or failed tokens and links, from this client.
    TooMany,
}

pub async fn guard(
    State(GuardState {
        http: state,
        limits,
    }): State<GuardState>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(path) = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
    else {
        // No route matched: the fallback answers, and it serves nothing.
        return next.run(request).await;
    };
    let api = path.starts_with("/api/");
    // The API answers in the language asked for; pages in the one chosen on them.
    let lang = if api {
        lang_of(request.headers())
    } else {
        web::page_lang_of(request.uri().query(), request.headers())
    };
    let method = request.method().clone();
    let refuse = |refusal| refusal_response(api, lang, &method, refusal);
    let Some(rule) = guard_of(request.method(), &path) else {
        tracing::error!(%path, method = %request.method(), "a route without an access rule was refused");
        return refuse(Refusal::NoRule);
    };
    if from_another_site(request.method(), request.headers()) {
        return refuse(Refusal::CrossSite);
    }
    let client = limits.client_of(&request);
    if client_limits::sends_mail(&method, &path) && !limits.may_send_mail(client) {
        return refuse(Refusal::TooMany);
    }
    if rule == Guard::Open {
        if !client_limits::carries_link(&path) {
            return next.run(request).await;
        }
        if !limits.may_try(client) {
            return refuse(Refusal::TooMany);
        }
        let response = next.run(request).await;
        // Unknown (404), expired or replaced (410), or asked from another browser (403).
        if matches!(
            response.status(),
            StatusCode::NOT_FOUND | StatusCode::GONE | StatusCode::FORBIDDEN
        ) {
            limits.failed(client);
        }
        return response;
    }
    let bearer = bearer_token(request.headers()).is_some();
    if bearer && !limits.may_try(client) {
        return refuse(Refusal::TooMany);
    }
    let actor = match authenticate(&state, request.headers()).await {
        Ok(Some(actor)) => actor,
        Ok(None) => {
            if bearer {
                limits.failed(client);
            }
            return refuse(Refusal::SignIn);
        }
        Err(error) => {
            tracing::error!(%error, "checking who is asking");
            return refuse(Refusal::Unavailable);
        }
    };
    let params = match request.extract_parts::<RawPathParams>().await {
        Ok(params) => params
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect::<Vec<_>>(),
        Err(_) => Vec::new(),
    };
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    match refusal(&state, &actor, rule, param).await {
        Ok(None) => {}
        Ok(Some(refusal)) => {
            tracing::info!(%path, actor = %actor.email, ?refusal, "refused by the access rules");
            return refuse(refusal);
        }
        Err(error) => {
            tracing::error!(%error, "checking what the person may do");
            return refuse(Refusal::Unavailable);
        }
    }
    request.extensions_mut().insert(actor);
    next.run(request).await
}

/// The person behind an `Authorization: Bearer` token, or else behind the session
/// cookie; `None` when neither is live or the person holds no role any more.
async fn authenticate(
    state: &HttpState,
    headers: &HeaderMap,
) -> Result<Option<Actor>, Box<dyn std::error::Error + Send + Sync>> {
    let email = match (bearer_token(headers), web::session_cookie(headers)) {
        (Some(token), _) => identity::tokens::authenticate(&state.pool, token.trim()).await?,
        (None, Some(session)) => identity::sessions::find(&state.pool, session).await?,
        (None, None) => None,
    };
    match email {
        Some(email) => Ok(state.commands.actor(&email).await?),
        None => Ok(None),
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

/// Why `actor` does not pass `rule`; `None` when they do. A thing that does not exist
/// passes, so that its handler answers 404 as for anyone (there is nothing of anybody's
/// to protect).
async fn refusal(
    state: &HttpState,
    actor: &Actor,
    rule: Guard,
    param: impl Fn(&str) -> Option<String>,
) -> Result<Option<Refusal>, eventstore::StoreError> {
    let refused_unless = |allowed: bool| (!allowed).then_some(Refusal::NotAllowed);
    let (thing, name, action) = match rule {
        Guard::Open | Guard::SignedIn => return Ok(None),
        Guard::Somewhere(action) => return Ok(refused_unless(actor.may_somewhere(action))),
        Guard::Itself(name) => {
            let asked = param(name).unwrap_or_default();
            return Ok(refused_unless(
                asked.trim().eq_ignore_ascii_case(&actor.email),
            ));
        }
        Guard::On(thing, name, action) => (thing, name, action),
    };
    let Some(id) = param(name).and_then(|raw| Uuid::parse_str(&raw).ok()) else {
        return Ok(None);
    };
    Ok(match subject_of(state, thing, id).await? {
        Some(subject) if !actor.may(action, &subject) => Some(if actor.has_part_in(&subject) {
            Refusal::NotAllowed
        } else {
            Refusal::NotYours
        }),
        _ => None,
    })
}

async fn subject_of(
    state: &HttpState,
    thing: Thing,
    id: Uuid,
) -> Result<Option<Subject>, eventstore::StoreError> {
    let commands = &state.commands;
    match thing {
        Thing::Programme => commands.programme_subject(id).await,
        Thing::Delegation => commands.delegation_subject(id).await,
        Thing::Report => commands.report_subject(id).await,
        Thing::Agreement => commands.agreement_subject(id).await,
        Thing::ApprovalRound => commands.round_subject(id).await,
        Thing::Organisation => commands.organisation_subject(id).await,
    }
}

/// A state-changing request that a browser says came from a page of another site. Browsers
/// send `Sec-Fetch-Site`, and `Origin` on every cross-site POST; a client that sends
/// neither is not a browser driven from elsewhere.
fn from_another_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or("");
    origin_host.is_empty() || !origin_host.eq_ignore_ascii_case(host)
}

fn refusal_response(api: bool, lang: Lang, method: &Method, refusal: Refusal) -> Response {
    if !api {
        if refusal == Refusal::SignIn && matches!(*method, Method::GET | Method::HEAD) {
            return Redirect::to("/sign-in").into_response();
        }
        return web::refusal_page(lang, refusal_status(refusal), page_reason(refusal));
    }
    let error = match refusal {
        Refusal::SignIn => ApiError::sign_in_required(lang),
        Refusal::NotAllowed => ApiError::forbidden(lang),
        Refusal::NotYours => ApiError::new(
            StatusCode::FORBIDDEN,
            "not_your_organisation",
            pick(
                lang,
                "Mục này thuộc một đơn vị khác; đồng chí không xem hay thay đổi được.",
                "This belongs to another organisation; you cannot see or change it.",
            ),
        ),
        Refusal::CrossSite => ApiError::new(
            StatusCode::FORBIDDEN,
            "cross_site_request",
            pick(
                lang,
                "Yêu cầu thay đổi dữ liệu gửi từ một trang web khác nên không được nhận.",
                "A request that changes data was sent from another site, so it was refused.",
            ),
        ),
        Refusal::NoRule => ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            pick(
                lang,
                "Địa chỉ này không nhận phương thức này.",
                "This address does not take this method.",
            ),
        ),
        Refusal::Unavailable => ApiError::unavailable(lang, "checking access"),
        Refusal::TooMany => ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            pick(
                lang,
                "Từ máy này đã có quá nhiều mã không hợp lệ hoặc yêu cầu gửi thư trong ít phút; xin đợi rồi thử lại.",
                "Too many invalid tokens or mail requests from this client in a few minutes; wait and try again.",
            ),
        ),
    };
    error.into_response()
}

fn refusal_status(refusal: Refusal) -> StatusCode {
    match refusal {
        Refusal::SignIn => StatusCode::UNAUTHORIZED,
        Refusal::NotAllowed | Refusal::NotYours | Refusal::CrossSite => StatusCode::FORBIDDEN,
        Refusal::NoRule => StatusCode::METHOD_NOT_ALLOWED,
        Refusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Refusal::TooMany => StatusCode::TOO_MANY_REQUESTS,
    }
}

fn page_reason(refusal: Refusal) -> web::Reason {
    match refusal {
        Refusal::SignIn => web::Reason::SignIn,
        Refusal::NotAllowed => web::Reason::NotAllowed,
        Refusal::NotYours => web::Reason::NotYours,
        Refusal::CrossSite => web::Reason::CrossSite,
        Refusal::NoRule => web::Reason::NoSuchPage,
        Refusal::Unavailable => web::Reason::Unavailable,
        Refusal::TooMany => web::Reason::TooMany,
    }
}
