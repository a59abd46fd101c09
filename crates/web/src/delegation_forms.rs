//! The checklist from the delegation page: changing a task's status, with the same command
//! as `POST /api/delegations/{id}/checklist/{task_id}/status`, and filling it with the
//! standard tasks of the programme's kind, with the same use case as
//! `POST /api/delegations/{id}/checklist/prefill` (`app::Commands::prefill_checklist`).

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::delegation::{Delegation, DelegationCommand, TaskStatus};
use domain::values::Contact;
use domain::{DomainError, Problem};
use eventstore::ExecuteError;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command::{meta, run};
use crate::delegation_page::{render, workable_delegation};
use crate::delegation_words::delegation_words;
use crate::form::Form;
use crate::logistics_forms::{Answer, answer};
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

/// `POST /delegations/{id}/checklist/prefill`: adds the standard tasks the checklist lacks.
pub async fn prefill_checklist(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    let roster = workable_delegation(&state, &user, &id, &form).await?;
    let delegation = roster.delegation.id;
    // The page asks who owns the tasks only when the programme names no coordinator, who
    // owns them otherwise.
    let owner = match (
        form.get("prefill_owner_name").trim(),
        form.get("prefill_owner_email").trim(),
    ) {
        ("", "") => None,
        (name, email) => Some(Contact {
            name: name.into(),
            email: email.into(),
        }),
    };
    // Prefilling twice adds nothing the second time: no expected version.
    let prefilled = state
        .commands
        .prefill_checklist(
            &meta(&state, &user, &correlation.0),
            delegation,
            None,
            owner,
        )
        .await;
    Ok(match answer(prefilled, user.lang) {
        Answer::Recorded => {
            Redirect::to(&format!("/delegations/{delegation}#checklist")).into_response()
        }
        Answer::Refused(message) => {
            let refused = Refused {
                anchor: "checklist",
                message,
                typed: form,
            };
            render(&state, &user, &correlation.0, &id, Some(refused)).await
        }
        Answer::Unavailable(outage) => outage,
    })
}

fn checklist_refusal(message: String) -> Refused {
    Refused {
        anchor: "checklist",
        message,
        typed: Form::of(Vec::new()),
    }
}
