use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use domain::Lang;

use crate::cookies;

/// The page's language: `?lang=en` or `?lang=vi` when given (the language links and
/// forms carry it), else the one chosen earlier (a cookie), else Vietnamese. The
/// browser's preference is not asked: this is a Vietnamese service, and an officer's
/// browser set to English must not turn the pages (or an approver's page) English.
pub struct PageLang(pub Lang);

fn asked(query: Option<&str>) -> Option<Lang> {
    query?.split('&').find_map(|pair| match pair {
        "lang=en" => Some(Lang::En),
        "lang=vi" => Some(Lang::Vi),
        _ => None,
    })
}

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PageLang(of(parts.uri.query(), &parts.headers)))
    }
}

/// The language a page is served in (see [`PageLang`]).
pub fn of(query: Option<&str>, headers: &HeaderMap) -> Lang {
    let chosen = || match cookies::get(headers, cookies::LANG) {
        Some("en") => Some(Lang::En),
        Some("vi") => Some(Lang::Vi),
        _ => None,
    };
    asked(query).or_else(chosen).unwrap_or(Lang::Vi)
}

tokio::task_local! {
    /// The language of the page being served, so that a failure converted with `?` deep
    /// in a handler is answered in it (see [`crate::pages::PageError`]).
    static PAGE_LANG: Lang;
}

/// The language of the page being served, or Vietnamese outside a request.
pub fn page_lang() -> Lang {
    PAGE_LANG.try_with(|lang| *lang).unwrap_or(Lang::Vi)
}

/// Keeps a language picked with `?lang=` for the next pages.
/// The rest of the request is served in the scope of the page's language.
pub async fn remember(request: Request, next: Next) -> Response {
    let picked = asked(request.uri().query());
    let secure = cookies::behind_tls(request.headers());
    let lang = of(request.uri().query(), request.headers());
    let mut response = PAGE_LANG.scope(lang, next.run(request)).await;
    if let Some(lang) = picked {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(
                cookies::LANG,
                lang.code(),
                crate::language::REMEMBERED_FOR,
                secure,
            ),
        );
    }
    response
}
