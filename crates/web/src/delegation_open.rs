//! Opening a delegation from the programme page, through the same use case as
//! `POST /api/programmes/{id}/delegations` (`app::Commands::open_delegation`); the
//! coordinator lands on the new delegation's page.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::delegation::Direction;
use http_common::CorrelationId;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command;
use crate::delegation_words::delegation_words;
use crate::form::Form;
use crate::not_found;
use crate::pages;
use crate::state::WebState;

pub async fn open(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Response {
    let lang = user.lang;
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return refused;
    }
    let Ok(programme) = Uuid::parse_str(&id) else {
        return not_found::page_for(lang);
    };
    let direction = match form.get("direction") {
        "incoming" => Direction::Incoming,
        _ => Direction::Outgoing,
    };
    let name = form.get("name").trim().to_string();
    match state
        .commands
        .open_delegation(
            &command::meta(&state, &user, &correlation.0),
            programme,
            name,
            direction,
        )
        .await
    {
        Ok((delegation, _)) => Redirect::to(&format!("/delegations/{delegation}")).into_response(),
        Err(error) => pages::command_refused(lang, delegation_words(lang).not_opened, &error),
    }
}
