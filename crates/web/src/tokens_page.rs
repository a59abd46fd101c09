//! The API-token page: a person makes tokens for their own scripts, sees when each was
//! last used, and revokes them. The same rules as `POST /api/tokens` (`app::tokens`).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::Lang;
use domain::labels::format_time_in_vietnam;
use uuid::Uuid;

use crate::auth::{Nav, SignedIn};
use crate::form::Form;
use crate::pages;
use crate::pages::PageError;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::tokens_words::{TokensWords, tokens_words};
use crate::words::{Words, words};

struct TokenView {
    id: Uuid,
    label: String,
    state: &'static str,
    state_label: &'static str,
    live: bool,
    created: String,
    until: String,
    last_used: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    t: &'static Texts,
    w: &'static Words,
    k: &'static TokensWords,
    nav: Nav,
    error: Option<String>,
    /// The token just made, shown this once.
    made: Option<String>,
    label: String,
    days: String,
    tokens: Vec<TokenView>,
}

/// What the form held, to show again after a refusal.
struct Typed {
    label: String,
    days: String,
}

async fn render(
    state: &WebState,
    user: &SignedIn,
    status: StatusCode,
    typed: Typed,
    error: Option<String>,
    made: Option<String>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let k = tokens_words(lang);
    let now = Utc::now();
    let tokens = identity::tokens::list(&state.pool, &user.email)
        .await?
        .into_iter()
        .map(|token| {
            let (state, state_label) = match (token.revoked_at, token.expires_at <= now) {
                (Some(_), _) => ("revoked", k.revoked),
                (None, true) => ("expired", k.expired),
                (None, false) => ("live", k.live),
            };
            TokenView {
                id: token.id,
                label: token.label,
                state,
                state_label,
                live: state == "live",
                created: format_time_in_vietnam(token.created_at, lang),
                until: format_time_in_vietnam(token.expires_at, lang),
                last_used: token.last_used_at.map_or_else(
                    || k.never_used.to_owned(),
                    |at| format_time_in_vietnam(at, lang),
                ),
            }
        })
        .collect();
    Ok(page(
        status,
        &TokensPage {
            t: texts(lang),
            w: words(lang),
            k,
            nav: user.nav(),
            error,
            made,
            label: typed.label,
            days: typed.days,
            tokens,
        },
    ))
}

fn empty_form() -> Typed {
    Typed {
        label: String::new(),
        days: app::tokens::DEFAULT_DAYS.to_string(),
    }
}

pub async fn show(State(state): State<WebState>, user: SignedIn) -> Result<Response, PageError> {
    render(&state, &user, StatusCode::OK, empty_form(), None, None).await
}

pub async fn create(
    State(state): State<WebState>,
    user: SignedIn,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Ok(refused);
    }
    let typed = Typed {
        label: form.get("label").to_owned(),
        days: form.get("days").trim().to_owned(),
    };
    // A number no one could mean is refused as out of range, like 0.
    let days = typed.days.parse::<u64>().unwrap_or(0);
    match app::tokens::check(&typed.label, days, Utc::now()) {
        Ok(new) => {
            let made = identity::tokens::create(
                &state.pool,
                Uuid::now_v7(),
                &user.email,
                &new.label,
                new.expires_at,
            )
            .await?;
            tracing::info!(token = %made.id, "API token made on the token page");
            render(
                &state,
                &user,
                StatusCode::CREATED,
                empty_form(),
                None,
                Some(made.secret),
            )
            .await
        }
        Err(problems) => {
            let text = problems
                .iter()
                .map(|p| {
                    format!(
                        "{}: {}",
                        field_label(&p.field, user.lang),
                        p.problem.message(user.lang)
                    )
                })
                .collect::<Vec<_>>()
                .join(" ");
            render(
                &state,
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                typed,
                Some(text),
                None,
            )
            .await
        }
    }
}

fn field_label(field: &str, lang: Lang) -> &'static str {
    let k = tokens_words(lang);
    if field == "days" { k.days } else { k.label }
}

pub async fn revoke(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Ok(refused);
    }
    let revoked = match Uuid::parse_str(&id) {
        Ok(id) => identity::tokens::revoke(&state.pool, &user.email, id).await?,
        Err(_) => false,
    };
    if !revoked {
        return Ok(pages::message(
            StatusCode::NOT_FOUND,
            user.lang,
            tokens_words(user.lang).title,
            tokens_words(user.lang).no_such_token,
        ));
    }
    tracing::info!(token = %id, "API token revoked on the token page");
    Ok(Redirect::to("/tokens#tokens").into_response())
}
