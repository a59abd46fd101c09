//! The language a signed-in person reads the pages in: chosen with the button in the
//! page header, remembered on their account (an event), so that it follows them to every
//! browser they sign in from, and kept in this browser's cookie. Vietnamese until they
//! choose, whatever the browser prefers.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use domain::access::{AccessCommand, UserAccount, account_id};
use http_common::CorrelationId;

use crate::auth::SignedIn;
use crate::command::run;
use crate::cookies;
use crate::form::Form;
use crate::pages::{self, PageError};
use crate::state::WebState;

/// How long a browser keeps the language chosen: a year, seconds.
pub const REMEMBERED_FOR: u64 = 365 * 24 * 3600;

/// Where to go back to: a path of this site only, never another site's address. Only
/// visible ASCII passes (a page's own path is percent-encoded): browsers drop tabs and line
/// breaks from an address, so `/<tab>/elsewhere` would lead to another site, and a line
/// break has no place in a header.
fn back_to(asked: &str) -> &str {
    let local = asked.starts_with('/')
        && !asked.starts_with("//")
        && asked.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if local { asked } else { "/home" }
}

/// `POST /language`: `lang` (`vi` or `en`) becomes the person's language; back to the
/// page they were on (`back`).
pub async fn choose(
    State(state): State<WebState>,
    user: SignedIn,
    axum::Extension(correlation): axum::Extension<CorrelationId>,
    headers: HeaderMap,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Ok(refused);
    }
    let lang = match form.get("lang") {
        "en" => Lang::En,
        _ => Lang::Vi,
    };
    let command = AccessCommand::ChooseLanguage { lang };
    let account = account_id(&user.email);
    if let Err(error) =
        run::<UserAccount>(&state, &user, &correlation.0, account, None, &command).await
    {
        return Ok(pages::command_refused(user.lang, "Cầu Nối", &error));
    }
    let mut response = Redirect::to(back_to(form.get("back"))).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::LANG,
            lang.code(),
            REMEMBERED_FOR,
            state.sign_in.secure_cookies || cookies::behind_tls(&headers),
        ),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::back_to;

    #[test]
    fn only_a_path_of_this_site_is_gone_back_to() {
        assert_eq!(back_to("/programmes/new?x=1"), "/programmes/new?x=1");
        for elsewhere in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/\t/evil.example",
            "/home\r\nSet-Cookie: a=b",
            "/trang-chủ",
            "",
        ] {
            assert_eq!(back_to(elsewhere), "/home", "{elsewhere}");
        }
    }
}
