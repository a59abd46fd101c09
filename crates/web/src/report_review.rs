//! The follow-up report from the programme page: its reviewers accept it (closing the
//! programme) or send it back with a comment, and those who run the follow-up record how
//! each action item stands. The same use case as the JSON API (`app::Commands::
//! change_report`), so the programme moves on exactly as it does there.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::followup::{ActionStatus, ReportCommand, report_id_for};
use http_common::CorrelationId;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command;
use crate::form::Form;
use crate::not_found;
use crate::pages::{self, PageError};
use crate::report_words::report_words;
use crate::state::WebState;
use crate::words::words;

/// Runs `command` on the programme's report, then shows the programme again, or says why
/// it was refused.
async fn change(
    state: &WebState,
    user: &SignedIn,
    correlation: &str,
    programme: Uuid,
    form: &Form,
    command: ReportCommand,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let version = form.get("version").parse::<u64>().ok();
    let outcome = state
        .commands
        .change_report(
            &command::meta(state, user, correlation),
            report_id_for(programme),
            version,
            &command,
            &[],
        )
        .await;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/programmes/{programme}#follow-up")).into_response()),
        Err(error) => Ok(pages::command_refused(
            lang,
            report_words(lang).not_recorded,
            &error,
        )),
    }
}

/// The posted form, when its token is this session's, and the programme's id.
fn posted(
    state: &WebState,
    user: &SignedIn,
    id: &str,
    body: &str,
) -> Result<(Form, Uuid), Box<Response>> {
    let form = Form::parse(body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Err(Box::new(refused));
    }
    let programme = Uuid::parse_str(id).map_err(|_| Box::new(not_found::page_for(user.lang)))?;
    Ok((form, programme))
}

pub async fn accept(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let (form, programme) = match posted(&state, &user, &id, &body) {
        Ok(found) => found,
        Err(refused) => return Ok(*refused),
    };
    change(
        &state,
        &user,
        &correlation.0,
        programme,
        &form,
        ReportCommand::Accept,
    )
    .await
}

pub async fn send_back(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let (form, programme) = match posted(&state, &user, &id, &body) {
        Ok(found) => found,
        Err(refused) => return Ok(*refused),
    };
    let comment = form.get("comment").trim().to_string();
    let command = ReportCommand::Return { comment };
    change(&state, &user, &correlation.0, programme, &form, command).await
}

pub async fn item_status(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, item)): Path<(String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let (form, programme) = match posted(&state, &user, &id, &body) {
        Ok(found) => found,
        Err(refused) => return Ok(*refused),
    };
    let (Ok(item_id), Some(status)) = (
        Uuid::parse_str(&item),
        ActionStatus::parse(form.get("status")),
    ) else {
        return Ok(pages::message(
            StatusCode::UNPROCESSABLE_ENTITY,
            user.lang,
            report_words(user.lang).not_recorded,
            words(user.lang).stale,
        ));
    };
    let command = ReportCommand::UpdateActionItem {
        item_id,
        status,
        note: None,
    };
    change(&state, &user, &correlation.0, programme, &form, command).await
}
