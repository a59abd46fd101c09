//! The steps of an agreement from its page: recording the signing, putting it into force,
//! opening a review and recording its findings, and terminating it. Each runs the same
//! command as the JSON API; a refused form comes back with what was typed and why.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::Problem;
use domain::agreement::{Agreement, AgreementCommand};
use eventstore::ExecuteError;
use http_common::CorrelationId;
use uuid::Uuid;

use crate::agreement_page::kept;
use crate::agreement_words::agreement_words;
use crate::auth::SignedIn;
use crate::command::run;
use crate::form::Form;
use crate::form_page::{Field, FormSpec, render};
use crate::not_found;
use crate::pages::{self, PageError};
use crate::plan_input::{Errors, Values, date};
use crate::state::WebState;
use crate::words::words;

/// The forms of an agreement that ask for more than a click.
#[derive(Clone, Copy)]
enum Step {
    Sign,
    CompleteReview(Uuid),
    Terminate,
}

impl Step {
    fn names(self) -> &'static [&'static str] {
        match self {
            Step::Sign => &["signed_on", "place"],
            Step::CompleteReview(_) => &["held_on", "findings"],
            Step::Terminate => &["terminated_on", "reason"],
        }
    }

    fn path(self, id: Uuid) -> String {
        match self {
            Step::Sign => format!("/agreements/{id}/sign"),
            Step::CompleteReview(review) => format!("/agreements/{id}/reviews/{review}/complete"),
            Step::Terminate => format!("/agreements/{id}/terminate"),
        }
    }

    fn fields(self, user: &SignedIn, values: &Values, errors: &Errors) -> Vec<Field> {
        let a = agreement_words(user.lang);
        let f = |name, label, input| Field::new(name, label, input, values, errors).required();
        match self {
            Step::Sign => vec![
                f("signed_on", a.signed_on, "date"),
                f("place", a.place, "text"),
            ],
            Step::CompleteReview(_) => vec![
                f("held_on", a.held_on, "date"),
                f("findings", a.findings, "textarea"),
            ],
            Step::Terminate => vec![
                f("terminated_on", a.terminated_on, "date"),
                f("reason", a.reason, "textarea"),
            ],
        }
    }

    fn heading(self, user: &SignedIn) -> &'static str {
        let a = agreement_words(user.lang);
        match self {
            Step::Sign => a.sign,
            Step::CompleteReview(_) => a.record_review,
            Step::Terminate => a.terminate,
        }
    }

    /// The command the typed values ask for, or what is wrong with them.
    fn command(self, user: &SignedIn, values: &Values) -> Result<AgreementCommand, Errors> {
        let lang = user.lang;
        let w = words(lang);
        let mut errors = Errors::new();
        let [date_name, text_name] = match self.names() {
            [a, b] => [*a, *b],
            _ => unreachable!("every step has a date and a text"),
        };
        let text = values.get(text_name).map_or("", |v| v.trim()).to_owned();
        if text.contains('<') || text.contains('>') {
            errors.insert(text_name, w.no_markup.into());
        } else if text.is_empty() {
            errors.insert(text_name, Problem::Required.message(lang));
        }
        let day = date(values.get(date_name).map_or("", String::as_str));
        if day.is_none() {
            errors.insert(date_name, w.not_a_date.into());
        }
        match (day, errors.is_empty()) {
            (Some(day), true) => Ok(match self {
                Step::Sign => AgreementCommand::Sign {
                    signed_on: day,
                    place: text,
                },
                Step::CompleteReview(review_id) => AgreementCommand::CompleteReview {
                    review_id,
                    held_on: day,
                    findings: text,
                },
                Step::Terminate => AgreementCommand::Terminate {
                    terminated_on: day,
                    reason: text,
                },
            }),
            _ => Err(errors),
        }
    }
}

fn form(
    user: &SignedIn,
    id: Uuid,
    step: Step,
    version: i64,
    values: &Values,
    errors: &Errors,
) -> Response {
    let heading = step.heading(user);
    let action = step.path(id);
    let back = format!("/agreements/{id}");
    render(
        user,
        FormSpec {
            heading,
            action: &action,
            back: Some(&back),
            version: u64::try_from(version).ok(),
            submit_label: heading,
        },
        step.fields(user, values, errors),
    )
}

/// The agreement's id and version, when it exists and the person may keep it; otherwise
/// the page to answer.
async fn keepable(state: &WebState, user: &SignedIn, id: &str) -> Result<(Uuid, i64), Response> {
    kept(state, user, id).await.map(|d| (d.id, d.version))
}

async fn show_form(state: WebState, user: SignedIn, id: String, step: Step) -> Response {
    match keepable(&state, &user, &id).await {
        Ok((id, version)) => form(&user, id, step, version, &Values::new(), &Errors::new()),
        Err(refused) => refused,
    }
}

/// Runs `command` on the agreement: `Ok(Ok(()))` when it was recorded, or the refusal's
/// messages by field of the form (`names`); a refusal about anything else is said beside
/// the first of them.
async fn execute(
    state: &WebState,
    user: &SignedIn,
    correlation: &str,
    id: Uuid,
    version: Option<u64>,
    command: &AgreementCommand,
    names: &[&'static str],
) -> Result<Result<(), Errors>, PageError> {
    let lang = user.lang;
    let mut errors = Errors::new();
    match run::<Agreement>(state, user, correlation, id, version, command).await {
        Ok(_) => return Ok(Ok(())),
        Err(ExecuteError::Rejected(DomainError::Invalid(problems))) => {
            for problem in problems {
                let field = names
                    .iter()
                    .find(|name| **name == problem.field)
                    .unwrap_or(&names[0]);
                errors
                    .entry(field)
                    .or_insert_with(|| problem.problem.message(lang));
            }
        }
        Err(ExecuteError::Rejected(other)) => {
            errors.insert(names[0], other.message(lang));
        }
        Err(ExecuteError::VersionConflict { .. }) => {
            errors.insert(names[0], agreement_words(lang).stale.into());
        }
        Err(other) => return Err(PageError::from(pages::unavailable(lang, &other))),
    }
    Ok(Err(errors))
}

async fn post_form(
    state: WebState,
    user: SignedIn,
    correlation: String,
    id: String,
    body: String,
    step: Step,
) -> Result<Response, PageError> {
    let posted = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &posted) {
        return Ok(refused);
    }
    let (id, current) = match keepable(&state, &user, &id).await {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let version = posted.get("version").parse::<u64>().ok();
    let values: Values = step
        .names()
        .iter()
        .map(|name| (*name, posted.get(name).to_string()))
        .collect();
    let shown_version = version
        .and_then(|v| i64::try_from(v).ok())
        .unwrap_or(current);
    let errors = match step.command(&user, &values) {
        Ok(command) => {
            match execute(
                &state,
                &user,
                &correlation,
                id,
                version,
                &command,
                step.names(),
            )
            .await?
            {
                Ok(()) => return Ok(Redirect::to(&format!("/agreements/{id}")).into_response()),
                Err(errors) => errors,
            }
        }
        Err(errors) => errors,
    };
    Ok(form(&user, id, step, shown_version, &values, &errors))
}

/// A step that is one click on the agreement's page; a refusal is shown there again.
async fn click(
    state: WebState,
    user: SignedIn,
    correlation: String,
    id: String,
    body: String,
    command: impl FnOnce() -> AgreementCommand,
) -> Result<Response, PageError> {
    let posted = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &posted) {
        return Ok(refused);
    }
    let (id, _) = match keepable(&state, &user, &id).await {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let version = posted.get("version").parse::<u64>().ok();
    // A button has no field to put a refusal beside: the refusal page says why, with the
    // status the other forms answer (422, or 409 when someone else changed it first).
    Ok(
        match run::<Agreement>(&state, &user, &correlation, id, version, &command()).await {
            Ok(_) => Redirect::to(&format!("/agreements/{id}")).into_response(),
            Err(error) => {
                pages::command_refused(user.lang, agreement_words(user.lang).actions, &error)
            }
        },
    )
}

pub async fn sign_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    show_form(state, user, id, Step::Sign).await
}

pub async fn sign(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    post_form(state, user, correlation.0, id, body, Step::Sign).await
}

pub async fn terminate_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    show_form(state, user, id, Step::Terminate).await
}

pub async fn terminate(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    post_form(state, user, correlation.0, id, body, Step::Terminate).await
}

fn review_step(review: &str) -> Option<Step> {
    Uuid::parse_str(review).ok().map(Step::CompleteReview)
}

pub async fn complete_review_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path((id, review)): Path<(String, String)>,
) -> Response {
    match review_step(&review) {
        Some(step) => show_form(state, user, id, step).await,
        None => not_found::page_for(user.lang),
    }
}

pub async fn complete_review(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, review)): Path<(String, String)>,
    body: String,
) -> Result<Response, PageError> {
    match review_step(&review) {
        Some(step) => post_form(state, user, correlation.0, id, body, step).await,
        None => Ok(not_found::page_for(user.lang)),
    }
}

pub async fn activate(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    click(state, user, correlation.0, id, body, || {
        AgreementCommand::Activate
    })
    .await
}

/// Opens the next review that falls due.
pub async fn open_review(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let review_id = Uuid::now_v7();
    click(state, user, correlation.0, id, body, move || {
        AgreementCommand::OpenReview {
            review_id,
            due_on: None,
            programme_id: None,
        }
    })
    .await
}
