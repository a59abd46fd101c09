use axum::extract::{FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use domain::Lang;

use crate::cookies;

/// The page's language: `?lang=en` or `?lang=vi` when given (the language links and
/// forms carry it), else the one chosen earlier (a cookie), else the browser's
/// preference, else Vietnamese.
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
        let chosen = || match cookies::get(&parts.headers, cookies::LANG) {
            Some("en") => Some(Lang::En),
            Some("vi") => Some(Lang::Vi),
            _ => None,
        };
        Ok(PageLang(
            asked(parts.uri.query()).or_else(chosen).unwrap_or_else(|| {
                Lang::from_accept_language(
                    parts
                        .headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok()),
                )
            }),
        ))
    }
}

/// Keeps a language picked with `?lang=` for the next pages.
pub async fn remember(request: Request, next: Next) -> Response {
    let picked = asked(request.uri().query());
    let secure = cookies::behind_tls(request.headers());
    let mut response = next.run(request).await;
    if let Some(lang) = picked {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(cookies::LANG, lang.code(), 365 * 24 * 3600, secure),
        );
    }
    response
}
