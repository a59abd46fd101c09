//! Query parameters with characters no person types (NUL and other control characters)
//! are a client's mistake: they get 400 naming the parameter, before any handler runs,
//! instead of reaching PostgreSQL, which refuses them, and being reported as an outage.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::Problem;

use crate::error::{ApiError, FieldMessage, pick};
use crate::request_meta::lang_of;

pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    let query = request.uri().query().unwrap_or("");
    let bad = form_urlencoded_pairs(query)
        .find(|(name, value)| has_control(name) || has_control(value))
        .map(|(name, _)| name);
    let Some(name) = bad else {
        return next.run(request).await;
    };
    let lang = lang_of(request.headers());
    let mut error = ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_query_parameter",
        pick(
            lang,
            format!("Tham số {name:?} trong địa chỉ có ký tự không hợp lệ."),
            format!("The query parameter {name:?} holds a character that is not text."),
        ),
    );
    error.fields.push(FieldMessage {
        field: name,
        code: "control_character".into(),
        message: Problem::ControlCharacter.message(lang),
    });
    error.into_response()
}

fn form_urlencoded_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    url::form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}
