use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::Lang;

/// The page's language: `?lang=en` or `?lang=vi` when given (the language links and
/// forms carry it), else the browser's preference, else Vietnamese.
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let asked = parts.uri.query().and_then(|query| {
            query.split('&').find_map(|pair| match pair {
                "lang=en" => Some(Lang::En),
                "lang=vi" => Some(Lang::Vi),
                _ => None,
            })
        });
        Ok(PageLang(asked.unwrap_or_else(|| {
            Lang::from_accept_language(
                parts
                    .headers
                    .get(axum::http::header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        })))
    }
}
