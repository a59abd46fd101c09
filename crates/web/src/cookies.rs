//! The cookies of the pages: the session, the pre-session of the sign-in form, and the
//! chosen language.

use axum::http::{HeaderMap, HeaderValue, header};

pub const SESSION: &str = "caunoi_session";
/// Ties the sign-in form to the browser that loaded it (its CSRF token).
pub const PRE_SESSION: &str = "caunoi_presession";
pub const LANG: &str = "caunoi_lang";

/// The value of the cookie `name`, if the request has it.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then_some(value)
        })
}

/// Whether the request came over TLS, as a proxy in front says.
pub fn behind_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure when behind TLS, and
/// gone at once when `max_age` is 0.
pub fn set(name: &str, value: &str, max_age: u64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie names and values are plain ASCII")
}
