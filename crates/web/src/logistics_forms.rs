//! Adding to and removing from a delegation's lists (travel legs, stays, gifts and
//! donations, the itinerary, the checklist) from its page, with the same commands as
//! `POST /api/delegations/{id}/{list}` and `DELETE /api/delegations/{id}/{list}/{item_id}`.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::delegation::{Delegation, DelegationCommand};
use domain::{DomainError, Lang};
use eventstore::ExecuteError;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command::run;
use crate::delegation_page::{render, workable_delegation};
use crate::form::Form;
use crate::logistics_input::{self, List};
use crate::logistics_view::Refused;
use crate::logistics_words::logistics_words;
use crate::pages::{self, PageError};
use crate::state::WebState;
use crate::words::words;

/// `POST /delegations/{id}/items/{list}`: adds what the list's form describes.
pub async fn add(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((id, list)): Path<(String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    let lang = user.lang;
    let Some(list) = List::from_segment(&list) else {
        return Ok(no_such_list(lang));
    };
    let roster = workable_delegation(&state, &user, &id, &form).await?;
    let delegation = roster.delegation.id;
    let item = match logistics_input::read(list, &form, lang, Uuid::now_v7()) {
        Ok(item) => item,
        Err(problems) => {
            let refused = refusal(list, problems.join(" "), form);
            return Ok(render(&state, &user, &correlation.0, &id, Some(refused)).await);
        }
    };
    // Adding never conflicts with another change: no expected version.
    let command = DelegationCommand::SaveItem { item };
    let outcome = run::<Delegation>(&state, &user, &correlation.0, delegation, None, &command);
    Ok(match answer(outcome.await, lang) {
        Answer::Recorded => back_to(delegation, list),
        Answer::Refused(message) => {
            let refused = refusal(list, message, form);
            render(&state, &user, &correlation.0, &id, Some(refused)).await
        }
        Answer::Unavailable(page) => page,
    })
}

/// `POST /delegations/{id}/items/{list}/{item}/remove`: takes an item off its list.
pub async fn remove(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((id, list, item)): Path<(String, String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    let lang = user.lang;
    let (Some(list), Ok(item)) = (List::from_segment(&list), Uuid::parse_str(&item)) else {
        return Ok(no_such_list(lang));
    };
    let roster = workable_delegation(&state, &user, &id, &form).await?;
    let delegation = roster.delegation.id;
    let command = DelegationCommand::RemoveItem {
        kind: list.kind(),
        id: item,
    };
    let outcome = run::<Delegation>(&state, &user, &correlation.0, delegation, None, &command);
    Ok(match answer(outcome.await, lang) {
        Answer::Recorded => back_to(delegation, list),
        Answer::Refused(message) => {
            let refused = refusal(list, message, Form::of(Vec::new()));
            render(&state, &user, &correlation.0, &id, Some(refused)).await
        }
        Answer::Unavailable(page) => page,
    })
}

/// What became of a command from a form.
pub(crate) enum Answer {
    Recorded,
    /// Refused, in the person's words: each problem with its field's label.
    Refused(String),
    /// The "try again shortly" page: the store did not answer.
    Unavailable(Response),
}

pub(crate) fn answer<T>(outcome: Result<T, ExecuteError>, lang: Lang) -> Answer {
    let l = logistics_words(lang);
    match outcome {
        Ok(_) => Answer::Recorded,
        Err(ExecuteError::Rejected(DomainError::Invalid(problems))) => Answer::Refused(
            problems
                .iter()
                .map(|p| format!("{}: {}", l.field(&p.field), p.problem.message(lang)))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Err(ExecuteError::Rejected(other)) => Answer::Refused(other.message(lang)),
        Err(ExecuteError::VersionConflict { .. }) => Answer::Refused(words(lang).stale.into()),
        Err(other) => Answer::Unavailable(pages::unavailable(lang, &other)),
    }
}

fn refusal(list: List, message: String, typed: Form) -> Refused {
    Refused {
        anchor: list.anchor(),
        message,
        typed,
    }
}

fn back_to(delegation: Uuid, list: List) -> Response {
    Redirect::to(&format!("/delegations/{delegation}#{}", list.anchor())).into_response()
}

fn no_such_list(lang: Lang) -> Response {
    crate::not_found::page_for(lang)
}
