//! Registering an agreement from a form, and changing its terms until it is signed: the
//! same use case as `POST /api/agreements` (`app::Commands::draft_agreement`, for an
//! organisation the person keeps agreements for) and the same command as
//! `POST /api/agreements/{id}/revise`. A refused form comes back with what was typed and
//! a message beside each wrong field; nothing is stored until the whole form is right.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::agreement::{Agreement, AgreementCommand, AgreementStatus};
use domain::{DomainError, EntityState};
use eventstore::ExecuteError;
use http_common::CorrelationId;

use crate::agreement_layout::{Layout, Refusal};
use crate::agreement_page::kept;
use crate::agreement_terms::{self as terms, FIELDS, keeping_for};
use crate::agreement_words::agreement_words;
use crate::auth::SignedIn;
use crate::command::{self, run};
use crate::form::Form;
use crate::form_page::{FormSpec, render};
use crate::pages::{self, PageError};
use crate::plan_input::{Errors, Values};
use crate::state::WebState;
use crate::words::words;

/// The form of new terms (`version` none) or of a drafted agreement's.
fn terms_form(
    user: &SignedIn,
    action: &str,
    version: Option<u64>,
    values: &Values,
    errors: &Errors,
) -> Response {
    let a = agreement_words(user.lang);
    let heading = if version.is_some() {
        a.edit
    } else {
        a.register
    };
    render(
        user,
        FormSpec {
            heading,
            action,
            back: Some("/agreements"),
            version,
            submit_label: words(user.lang).save,
        },
        terms::fields(user, values, errors),
    )
}

fn no_organisation(user: &SignedIn) -> Response {
    pages::forbidden(user.lang, words(user.lang).forbidden_role)
}

pub async fn new_form(user: SignedIn) -> Response {
    if keeping_for(&user).is_empty() {
        return no_organisation(&user);
    }
    terms_form(
        &user,
        "/agreements",
        None,
        &terms::defaults(&user),
        &Errors::new(),
    )
}

pub async fn create(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    body: String,
) -> Response {
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return refused;
    }
    if keeping_for(&user).is_empty() {
        return no_organisation(&user);
    }
    let layout = Layout::new();
    let values = terms::from_form(&form, &FIELDS);
    let drafted = match terms::read(&values, &user, &layout) {
        Ok(read) => {
            let meta = command::meta(&state, &user, &correlation.0);
            state
                .commands
                .draft_agreement(&meta, &user.actor, read)
                .await
        }
        Err(errors) => return terms_form(&user, "/agreements", None, &values, &errors),
    };
    let mut errors = Errors::new();
    match drafted {
        Ok((id, _)) => Redirect::to(&format!("/agreements/{id}")).into_response(),
        Err(error) => Refusal::of_terms(&layout)
            .of(error, user.lang, &mut errors)
            .unwrap_or_else(|| terms_form(&user, "/agreements", None, &values, &errors)),
    }
}

/// The page refusing a form for an agreement whose status no longer allows `command`,
/// in the domain's words: a link followed from a page shown before it changed.
pub(crate) fn not_now(
    user: &SignedIn,
    heading: &str,
    command: &'static str,
    status: AgreementStatus,
) -> Response {
    let refusal = DomainError::NotAllowedIn {
        command,
        state: EntityState::Agreement(status),
    };
    pages::command_refused(user.lang, heading, &ExecuteError::Rejected(refusal))
}

pub async fn edit_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let detail = kept(&state, &user, &id).await?;
    let record = &detail.record;
    if record.status != AgreementStatus::Drafted {
        let heading = agreement_words(user.lang).edit;
        return Ok(not_now(&user, heading, "revise", record.status));
    }
    let layout = Layout::of(&record.terms, &user);
    Ok(terms_form(
        &user,
        &format!("/agreements/{}/edit", detail.id),
        u64::try_from(detail.version).ok(),
        &terms::from_terms(&record.terms, &layout),
        &Errors::new(),
    ))
}

pub async fn revise(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Ok(refused);
    }
    let detail = kept(&state, &user, &id).await?;
    let action = format!("/agreements/{}/edit", detail.id);
    let version = form.get("version").parse::<u64>().ok();
    // A refused form keeps the version the person edited, so that saving it again still
    // tells them when someone else changed the terms meanwhile.
    let shown = version.or(u64::try_from(detail.version).ok());
    let layout = Layout::of(&detail.record.terms, &user);
    let values = terms::from_form(&form, &FIELDS);
    let read = match terms::read(&values, &user, &layout) {
        Ok(read) => read,
        Err(errors) => return Ok(terms_form(&user, &action, shown, &values, &errors)),
    };
    let revise = AgreementCommand::Revise { terms: read };
    let mut errors = Errors::new();
    Ok(
        match run::<Agreement>(&state, &user, &correlation.0, detail.id, version, &revise).await {
            Ok(_) => Redirect::to(&format!("/agreements/{}", detail.id)).into_response(),
            Err(error) => Refusal::of_terms(&layout)
                .of(error, user.lang, &mut errors)
                .unwrap_or_else(|| terms_form(&user, &action, shown, &values, &errors)),
        },
    )
}
