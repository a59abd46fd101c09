//! Passwordless sign-in: an emailed one-time link, confirmed by a button (so that mail
//! scanners opening the link sign nobody in), then a session cookie.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use domain::access::{UserAccount, account_id};
use identity::sessions::{self, LinkUse};
use mailer::Recipient;
use tracing::info;
use workflow::links::{looks_like_token, random_hex};

use crate::auth::{SignedIn, csrf_token};
use crate::cookies;
use crate::form::Form;
use crate::lang::PageLang;
use crate::pages;
use crate::pages::PageError;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    t: &'static Texts,
    w: &'static Words,
    csrf: String,
    email: String,
    sent: bool,
}

#[derive(Template)]
#[template(path = "sign_in_confirm.html")]
struct ConfirmPage {
    t: &'static Texts,
    w: &'static Words,
    token: String,
    email: String,
}

fn secure(state: &WebState, headers: &HeaderMap) -> bool {
    state.sign_in.secure_cookies || cookies::behind_tls(headers)
}

/// The form asking for an address. It sets a pre-session cookie, to which the form's
/// CSRF token is tied.
pub async fn form(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    headers: HeaderMap,
) -> Response {
    let pre = cookies::get(&headers, cookies::PRE_SESSION)
        .filter(|p| p.len() == 64)
        .map_or_else(random_hex, String::from);
    let mut response = page(
        StatusCode::OK,
        &SignInPage {
            t: texts(lang),
            w: words(lang),
            csrf: csrf_token(&state.approvals.secret, &pre),
            email: String::new(),
            sent: false,
        },
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::PRE_SESSION,
            &pre,
            // Long enough for the link to arrive and be used: it works only where this
            // cookie is.
            state.sign_in.link_ttl.as_secs().max(3600),
            secure(&state, &headers),
        ),
    );
    response
}

/// Sends a link if the address belongs to someone with a role and has not been sent too
/// many lately, and says the same either way, so that the form tells nobody who has an
/// account and cannot be used to flood an inbox. The link works only in this browser.
pub async fn request(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    Extension(correlation): Extension<http_common::CorrelationId>,
    headers: HeaderMap,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    let pre = cookies::get(&headers, cookies::PRE_SESSION).unwrap_or("");
    if pre.is_empty() || csrf_token(&state.approvals.secret, pre) != form.get("csrf") {
        return Ok(pages::forbidden(lang, words(lang).forbidden_csrf));
    }
    let email = form.get("email").trim().to_lowercase();
    let account = state
        .store
        .load::<UserAccount>(account_id(&email))
        .await?
        .state;
    if account.is_active() && sessions::may_send_link(&state.pool, &email).await? {
        let nonce = random_hex();
        let token = state.approvals.secret.sign_in_token(&nonce);
        let minutes = (state.sign_in.link_ttl.as_secs() / 60).max(1) as i64;
        let mail = notifications::sign_in_mail(
            Recipient {
                name: account.name.clone(),
                email: email.clone(),
            },
            &nonce,
            minutes,
            notifications::account_mail_lang(&account),
            &correlation.0,
        );
        sessions::store_link(
            &state.pool,
            &token,
            &email,
            Some(pre),
            state.sign_in.link_ttl,
        )
        .await?;
        state.mail.enqueue(&[mail]).await?;
        info!("sign-in link queued");
    }
    Ok(page(
        StatusCode::OK,
        &SignInPage {
            t: texts(lang),
            w: words(lang),
            csrf: form.get("csrf").to_string(),
            email,
            sent: true,
        },
    ))
}

fn unusable(lang: Lang) -> Response {
    let w = words(lang);
    pages::message(StatusCode::NOT_FOUND, lang, w.sign_in, w.link_unusable)
}

/// Opening the link only shows a button.
pub async fn confirm(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    if !looks_like_token(&token) {
        return Ok(unusable(lang));
    }
    Ok(match sessions::link_address(&state.pool, &token).await? {
        Some(email) => page(
            StatusCode::OK,
            &ConfirmPage {
                t: texts(lang),
                w: words(lang),
                token,
                email,
            },
        ),
        None => unusable(lang),
    })
}

/// Pressing the button uses the link up and opens a session, in the browser that asked
/// for the link only: another site cannot sign a browser in as someone else.
pub async fn complete(
    State(state): State<WebState>,
    PageLang(lang): PageLang,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    if !looks_like_token(&token) {
        return Ok(unusable(lang));
    }
    let browser = cookies::get(&headers, cookies::PRE_SESSION).unwrap_or("");
    let email = match sessions::use_link(&state.pool, &token, browser).await? {
        LinkUse::SignedIn(email) => email,
        LinkUse::Unusable => return Ok(unusable(lang)),
        LinkUse::OtherBrowser => {
            let w = words(lang);
            return Ok(pages::message(
                StatusCode::FORBIDDEN,
                lang,
                w.sign_in,
                w.link_other_browser,
            ));
        }
    };
    let session = sessions::open(&state.pool, &email, state.sign_in.session_ttl).await?;
    info!("signed in");
    let account = state
        .store
        .load::<UserAccount>(account_id(&email))
        .await?
        .state;
    let mut response = Redirect::to("/home").into_response();
    // The language the person chose, in whatever browser, is theirs in this one too.
    if let Some(chosen) = account.lang {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(
                cookies::LANG,
                chosen.code(),
                crate::language::REMEMBERED_FOR,
                secure(&state, &headers),
            ),
        );
    }
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::SESSION,
            &session,
            state.sign_in.session_ttl.as_secs(),
            secure(&state, &headers),
        ),
    );
    Ok(response)
}

pub async fn sign_out(
    State(state): State<WebState>,
    user: SignedIn,
    headers: HeaderMap,
    body: String,
) -> Result<Response, PageError> {
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &Form::parse(&body)) {
        return Ok(refused);
    }
    sessions::close(&state.pool, user.session()).await?;
    let mut response = Redirect::to("/sign-in").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, "", 0, secure(&state, &headers)),
    );
    Ok(response)
}
