//! Pages every handler may answer with: refusals and outages, never an error dump.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
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
