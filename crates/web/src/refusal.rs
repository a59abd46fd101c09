//! The pages' answer when the guard in front of every route refuses a request.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use domain::Lang;

use crate::cookies;
use crate::pages;
use crate::words::words;

/// Why a page is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    SignIn,
    NotAllowed,
    NotYours,
    CrossSite,
    NoSuchPage,
    Unavailable,
    /// Too many mail requests or failed links from one client.
    TooMany,
}

/// The page saying why, in the reader's language.
pub fn refusal_page(lang: Lang, status: StatusCode, reason: Reason) -> Response {
    let w = words(lang);
    let mut response = match reason {
        Reason::SignIn => pages::message(status, lang, w.sign_in, w.forbidden_session),
        Reason::NotAllowed => pages::message(status, lang, w.forbidden_title, w.forbidden_role),
        Reason::NotYours => pages::message(status, lang, w.forbidden_title, w.forbidden_not_yours),
        Reason::CrossSite => {
            pages::message(status, lang, w.forbidden_title, w.forbidden_cross_site)
        }
        Reason::NoSuchPage => crate::not_found::page_for(lang),
        Reason::Unavailable => pages::unavailable(lang, &"checking access"),
        Reason::TooMany => pages::message(status, lang, w.too_many_title, w.too_many_attempts),
    };
    // Answered in front of the pages' own layers, so protected here as they are there.
    crate::headers::secure(response.headers_mut());
    response
}

/// The session id the browser sent, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    cookies::get(headers, cookies::SESSION)
}
