//! Changing a checklist task's status from the delegation page, with the same command
//! as `POST /api/delegations/{id}/checklist/{task_id}/status`.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::delegation::{Delegation, DelegationCommand, TaskStatus};
use domain::{DomainError, Problem};
use eventstore::ExecuteError;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command::run;
use crate::delegation_page::{render, workable_delegation};
use crate::delegation_words::delegation_words;
use crate::form::Form;
use crate::logistics_view::Refused;
use crate::pages;
use crate::pages::PageError;
use crate::state::WebState;
use crate::words::words;

pub async fn set_task_status(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path((id, task)): Path<(String, String)>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    let lang = user.lang;
    let roster = workable_delegation(&state, &user, &id, &form).await?;
    let task_id = Uuid::parse_str(&task)
        .ok()
        .filter(|t| roster.delegation.record.tasks.iter().any(|k| k.id == *t));
    let status: Option<TaskStatus> =
        serde_json::from_value(serde_json::Value::String(form.get("status").into())).ok();
    let d = delegation_words(lang);
    let (task_id, status) = match (task_id, status) {
        (Some(task_id), Some(status)) => (task_id, status),
        (None, _) => {
            return Ok(render(
                &state,
                &user,
                &correlation.0,
                &id,
                Some(checklist_refusal(d.unknown_task.into())),
            )
            .await);
        }
        (_, None) => {
            let text = format!("{}: {}", d.change_status, Problem::Unknown.message(lang));
            return Ok(render(
                &state,
                &user,
                &correlation.0,
                &id,
                Some(checklist_refusal(text)),
            )
            .await);
        }
    };
    let version = form.get("version").parse::<u64>().ok();
    let command = DelegationCommand::SetTaskStatus { task_id, status };
    let delegation = roster.delegation.id;
    let text = match run::<Delegation>(&state, &user, &correlation.0, delegation, version, &command)
        .await
    {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/delegations/{delegation}#checklist")).into_response(),
            );
        }
        Err(ExecuteError::Rejected(DomainError::Invalid(problems))) => problems
            .iter()
            .map(|p| p.problem.message(lang))
            .collect::<Vec<_>>()
            .join(" "),
        Err(ExecuteError::Rejected(other)) => other.message(lang),
        Err(ExecuteError::VersionConflict { .. }) => words(lang).stale.into(),
        Err(other) => return Ok(pages::unavailable(lang, &other)),
    };
    Ok(render(
        &state,
        &user,
        &correlation.0,
        &id,
        Some(checklist_refusal(text)),
    )
    .await)
}

fn checklist_refusal(message: String) -> Refused {
    Refused {
        anchor: "checklist",
        message,
        typed: Form::of(Vec::new()),
    }
}
