//! The programme page's button that sends an open stage's approval links again to those
//! who have not decided: the same use case as `POST /api/approvals/{round}/stages/{stage}/resend`
//! (`app::Commands::resend_approval_links`).

use app::ResendError;
use app::access::Action;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use eventstore::ExecuteError;
use projector::approval_queries;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command;
use crate::form::Form;
use crate::pages::{self, PageError};
use crate::programme_page::{self, visible_programme};
use crate::state::WebState;
use crate::words::words;

pub async fn resend(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((id, round, stage)): Path<(String, String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Ok(refused);
    }
    let (detail, _) = visible_programme(&state, &user, &id).await?;
    let subject = state.commands.programme_subject(detail.id).await?;
    if !subject
        .as_ref()
        .is_some_and(|s| user.actor.may(Action::ManageProgramme, s))
    {
        return Ok(pages::forbidden(lang, words(lang).forbidden_role));
    }
    let back = |error: String| programme_page::render(&state, &user, &id, Some(error));
    // Only a round of this programme: the rule allows the person this programme's.
    let progress = approval_queries::progress(&state.pool, detail.id).await?;
    let round_id = Uuid::parse_str(&round)
        .ok()
        .filter(|r| progress.rounds.iter().any(|known| known.id == *r));
    let (Some(round_id), Ok(stage)) = (round_id, stage.parse::<usize>()) else {
        return Ok(back(words(lang).no_such_stage.into()).await);
    };
    let resent = state
        .commands
        .resend_approval_links(
            &state.approvals,
            &command::meta(&state, &user, &correlation.0),
            round_id,
            stage,
            None,
        )
        .await;
    let text = match resent {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/programmes/{}#approvals", detail.id)).into_response(),
            );
        }
        Err(ResendError::UnknownRound | ResendError::UnknownStage | ResendError::UnknownMember) => {
            words(lang).no_such_stage.to_string()
        }
        Err(ResendError::Closed(problem)) => DomainError::Link(problem).message(lang),
        Err(ResendError::Command(ExecuteError::Rejected(error))) => error.message(lang),
        Err(ResendError::Command(ExecuteError::VersionConflict { .. })) => {
            words(lang).stale.to_string()
        }
        Err(ResendError::Command(other)) => return Ok(pages::unavailable(lang, &other)),
    };
    Ok(back(text).await)
}
