//! Attaching a document to an agreement from the form on its page: the same command as
//! `POST /api/agreements/{id}/documents`. A refusal (nothing typed, the same reference
//! twice) shows the form again on a page of its own, with what was typed and why.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::agreement::{Agreement, AgreementCommand, DocumentRef};
use domain::{DomainError, Problem};
use eventstore::ExecuteError;
use http_common::CorrelationId;
use uuid::Uuid;

use crate::agreement_page::kept;
use crate::agreement_words::agreement_words;
use crate::auth::SignedIn;
use crate::command::run;
use crate::form::Form;
use crate::form_page::{Field, FormSpec, render};
use crate::pages::{self, PageError};
use crate::plan_input::{Errors, Values};
use crate::state::WebState;
use crate::words::words;

const TITLE: &str = "document_title";
const REFERENCE: &str = "document_reference";

fn refused_form(user: &SignedIn, id: Uuid, values: &Values, errors: &Errors) -> Response {
    let a = agreement_words(user.lang);
    let f = |name, label| Field::new(name, label, "text", values, errors).required();
    let action = format!("/agreements/{id}/documents");
    let back = format!("/agreements/{id}");
    render(
        user,
        FormSpec {
            heading: a.attach,
            action: &action,
            back: Some(&back),
            version: None,
            submit_label: a.attach,
        },
        vec![
            f(TITLE, a.document_title),
            f(REFERENCE, a.document_reference).hint(a.document_reference_hint),
        ],
    )
}

/// The form's field for a problem's path (`document.reference`).
fn field_of(path: &str) -> &'static str {
    if path.ends_with("reference") {
        REFERENCE
    } else {
        TITLE
    }
}

pub async fn attach(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let posted = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &posted) {
        return Ok(refused);
    }
    let detail = kept(&state, &user, &id).await?;
    let lang = user.lang;
    let values: Values = [TITLE, REFERENCE]
        .into_iter()
        .map(|name| (name, posted.get(name).trim().to_owned()))
        .collect();
    let mut errors = Errors::new();
    for (name, value) in &values {
        if value.contains(['<', '>']) {
            errors.insert(name, words(lang).no_markup.into());
        } else if value.is_empty() {
            errors.insert(name, Problem::Required.message(lang));
        }
    }
    if !errors.is_empty() {
        return Ok(refused_form(&user, detail.id, &values, &errors));
    }
    let attach = AgreementCommand::AttachDocument {
        document: DocumentRef {
            title: values[TITLE].clone(),
            reference: values[REFERENCE].clone(),
        },
    };
    // No version: a document belongs to the agreement whatever else changed meanwhile,
    // and the same one twice is refused by its reference.
    match run::<Agreement>(&state, &user, &correlation.0, detail.id, None, &attach).await {
        Ok(_) => {
            let page = format!("/agreements/{}#documents", detail.id);
            return Ok(Redirect::to(&page).into_response());
        }
        Err(ExecuteError::Rejected(DomainError::Invalid(problems))) => {
            for problem in problems {
                errors
                    .entry(field_of(&problem.field))
                    .or_insert_with(|| problem.problem.message(lang));
            }
        }
        Err(ExecuteError::Rejected(other)) => {
            errors.insert(TITLE, other.message(lang));
        }
        Err(other) => return Ok(pages::unavailable(lang, &other)),
    }
    Ok(refused_form(&user, detail.id, &values, &errors))
}
