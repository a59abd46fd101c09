//! Pages every handler may answer with: refusals and outages, never an error dump.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::Lang;
use tracing::warn;

use crate::render::page;
use crate::texts::{Texts, texts};
use crate::words::words;

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    t: &'static Texts,
    heading: &'a str,
    body: &'a str,
}

pub fn message(status: StatusCode, lang: Lang, heading: &str, body: &str) -> Response {
    page(
        status,
        &MessagePage {
            t: texts(lang),
            heading,
            body,
        },
    )
}

/// 403 with the reason in words.
pub fn forbidden(lang: Lang, body: &str) -> Response {
    message(
        StatusCode::FORBIDDEN,
        lang,
        words(lang).forbidden_title,
        body,
    )
}

/// The page saying why a command from a form was not recorded: a business refusal in the
/// domain's words (422), a change by someone else in between (409), or an outage.
pub fn command_refused(lang: Lang, heading: &str, error: &eventstore::ExecuteError) -> Response {
    use eventstore::ExecuteError;
    match error {
        // No field to put them beside: the problems themselves, in a sentence each.
        ExecuteError::Rejected(domain::DomainError::Invalid(problems)) => message(
            StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            heading,
            &problems
                .iter()
                .map(|p| p.problem.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ExecuteError::Rejected(refusal) => message(
            StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            heading,
            &refusal.message(lang),
        ),
        ExecuteError::VersionConflict { .. } => {
            message(StatusCode::CONFLICT, lang, heading, words(lang).stale)
        }
        other => unavailable(lang, other),
    }
}

/// Why a page is not shown: a refusal already worded (a `Response`), or a failure to reach
/// what the page needs, answered with the "try again shortly" page in the page's
/// language. Handlers return `Result<Response, PageError>` and convert both with `?`.
pub struct PageError(Response);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0
    }
}

impl From<Response> for PageError {
    fn from(refusal: Response) -> Self {
        PageError(refusal)
    }
}

macro_rules! unavailable_from {
    ($($error:ty),+ $(,)?) => {$(
        impl From<$error> for PageError {
            fn from(error: $error) -> Self {
                PageError(unavailable(crate::lang::page_lang(), &error))
            }
        }
    )+};
}

unavailable_from!(
    eventstore::StoreError,
    projector::ProjectorError,
    sqlx::Error,
    vault::VaultError,
    logistics::LogisticsError,
);

/// 503: something the pages rely on did not answer; logged, not shown.
pub fn unavailable(lang: Lang, error: &dyn std::fmt::Display) -> Response {
    warn!(%error, "a page could not reach what it needs");
    let t = texts(lang);
    message(
        StatusCode::SERVICE_UNAVAILABLE,
        lang,
        t.unavailable_title,
        words(lang).unavailable,
    )
}
