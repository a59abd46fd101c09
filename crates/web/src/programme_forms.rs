//! Drafting, revising, submitting, postponing, withdrawing and cancelling a programme from
//! forms.
//! A refused form comes back with every typed value and a message next to each wrong
//! field; nothing is stored until the whole form is right.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::programme::{PlanPatch, Programme, ProgrammeCommand, ProgrammeKind};
use domain::values::Schedule;
use domain::{FieldError, Problem};
use eventstore::ExecuteError;
use projector::queries::ProgrammeDetail;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command::{self, run};
use crate::form::Form;
use crate::form_page::{Field, FormSpec, render};
use crate::pages;
use crate::pages::PageError;
use crate::plan_input::{self, Errors, Values, add_problems, date};
use crate::plan_rows;
use crate::programme_page::{self, visible_programme};
use crate::state::WebState;
use crate::words::words;

const VIETNAM: &str = "Asia/Ho_Chi_Minh";

fn plan_fields(user: &SignedIn, values: &Values, errors: &Errors) -> Vec<Field> {
    let lang = user.lang;
    let w = words(lang);
    let f = |name, label, input| Field::new(name, label, input, values, errors);
    let kinds = ProgrammeKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), k.label(lang).to_string()))
        .collect();
    let hosts = user
        .planning_for()
        .iter()
        .map(|o| (o.id.to_string(), o.name.clone()))
        .collect();
    vec![
        f("title", w.title, "text").required(),
        f("kind", w.kind, "select").required().options(kinds),
        f("host", w.host, "select").required().options(hosts),
        f("co_organisers", w.co_organisers, "textarea").hint(w.one_per_line),
        Field::group(
            "partners",
            w.partners,
            plan_rows::partner_rows(values, errors, lang),
            errors,
        )
        .required()
        .hint(w.partners_hint),
        f("start", w.start, "date").required(),
        f("end", w.end, "date").required(),
        f("venue", w.venue, "text"),
        f("border_gate", w.border_gate, "text"),
        f("objectives", w.objectives, "textarea"),
        f("size", w.size, "number").required(),
        Field::group(
            "budget",
            w.budget,
            plan_rows::budget_rows(values, errors, lang),
            errors,
        )
        .hint(w.budget_hint),
        f("coordinator_name", w.coordinator_name, "text"),
        f("coordinator_email", w.coordinator_email, "email"),
    ]
}

fn plan_form(
    user: &SignedIn,
    action: &str,
    version: Option<u64>,
    values: &Values,
    errors: &Errors,
) -> Response {
    let w = words(user.lang);
    let heading = if version.is_some() {
        w.revise
    } else {
        w.new_programme
    };
    render(
        user,
        FormSpec {
            heading,
            action,
            back: Some("/home"),
            version,
            submit_label: w.save,
        },
        plan_fields(user, values, errors),
    )
}

/// What a refused command means for the person: a field's message, or a sentence.
fn refusal(user: &SignedIn, error: ExecuteError, errors: &mut Errors) -> Option<Response> {
    let lang = user.lang;
    match error {
        ExecuteError::Rejected(DomainError::Invalid(problems)) => {
            add_problems(errors, &problems, lang);
            None
        }
        ExecuteError::Rejected(other) => {
            errors.insert("title", other.message(lang));
            None
        }
        ExecuteError::VersionConflict { .. } => {
            errors.insert("title", words(lang).stale.into());
            None
        }
        other => Some(pages::unavailable(lang, &other)),
    }
}

pub async fn new_form(user: SignedIn) -> Response {
    if user.planning_for().is_empty() {
        return pages::forbidden(user.lang, words(user.lang).forbidden_role);
    }
    let mut values = Values::new();
    values.insert("size", "10".into());
    plan_form(&user, "/programmes", None, &values, &Errors::new())
}

pub async fn create(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    body: String,
) -> Response {
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return refused;
    }
    if user.planning_for().is_empty() {
        return pages::forbidden(user.lang, words(user.lang).forbidden_role);
    }
    let values = plan_input::from_form(&form);
    let plan = match plan_input::read(&values, &user, VIETNAM) {
        Ok(plan) => plan,
        Err(errors) => return plan_form(&user, "/programmes", None, &values, &errors),
    };
    let meta = command::meta(&state, &user, &correlation.0);
    match state
        .commands
        .draft_programme(&meta, &user.actor, plan)
        .await
    {
        Ok((id, _)) => Redirect::to(&format!("/programmes/{id}")).into_response(),
        Err(error) => {
            let mut errors = Errors::new();
            refusal(&user, error, &mut errors)
                .unwrap_or_else(|| plan_form(&user, "/programmes", None, &values, &errors))
        }
    }
}

/// The programme, if the person may plan it; otherwise the page that says why not.
async fn plannable(
    state: &WebState,
    user: &SignedIn,
    id: &str,
) -> Result<ProgrammeDetail, Response> {
    let (detail, may_plan) = visible_programme(state, user, id).await?;
    if !may_plan {
        return Err(pages::forbidden(user.lang, words(user.lang).forbidden_role));
    }
    Ok(detail)
}

/// A posted form about a programme the person may plan: its CSRF token is checked before
/// anything is read.
async fn planner_post(
    state: &WebState,
    user: &SignedIn,
    id: &str,
    body: &str,
) -> Result<(Form, ProgrammeDetail), Response> {
    let form = Form::parse(body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Err(refused);
    }
    Ok((form, plannable(state, user, id).await?))
}

pub async fn edit_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let detail = plannable(&state, &user, &id).await?;
    let action = format!("/programmes/{}/edit", detail.id);
    Ok(plan_form(
        &user,
        &action,
        Some(detail.version as u64),
        &plan_input::from_plan(&detail.record.plan, user.lang),
        &Errors::new(),
    ))
}

pub async fn revise(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let (form, detail) = planner_post(&state, &user, &id, &body).await?;
    let action = format!("/programmes/{}/edit", detail.id);
    let version = form.get("version").parse::<u64>().ok();
    let values = plan_input::from_form(&form);
    let old = &detail.record.plan;
    let plan = match plan_input::read(&values, &user, &old.schedule.timezone) {
        Ok(plan) => plan,
        Err(errors) => return Ok(plan_form(&user, &action, version, &values, &errors)),
    };
    // The agreement is not on this form, and partners or budget lines beyond its rows
    // could not be shown: those stay as they are.
    let fits = plan_rows::fits(old);
    let patch = PlanPatch {
        title: Some(plan.title),
        kind: Some(plan.kind),
        host_organisation: Some(plan.host_organisation),
        host_organisation_id: Some(plan.host_organisation_id),
        co_organisers: Some(plan.co_organisers),
        partners: fits.then_some(plan.partners),
        schedule: Some(plan.schedule),
        venue: Some(plan.venue),
        border_gate: Some(plan.border_gate),
        objectives: Some(plan.objectives),
        expected_delegation_size: Some(plan.expected_delegation_size),
        budget: fits.then_some(plan.budget),
        agreement_id: None,
        coordinator: Some(plan.coordinator),
    };
    let meta = command::meta(&state, &user, &correlation.0);
    let revised = state
        .commands
        .revise_programme(&meta, detail.id, version, patch, None)
        .await;
    Ok(match revised {
        Ok(_) => Redirect::to(&format!("/programmes/{}", detail.id)).into_response(),
        Err(error) => {
            let mut errors = Errors::new();
            refusal(&user, error, &mut errors)
                .unwrap_or_else(|| plan_form(&user, &action, version, &values, &errors))
        }
    })
}

pub async fn submit(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let (form, detail) = planner_post(&state, &user, &id, &body).await?;
    // The planner hears now, not from a refusal mail later, when the host has no route.
    let version = form.get("version").parse::<u64>().ok();
    let outcome = state
        .commands
        .submit_programme(
            &command::meta(&state, &user, &correlation.0),
            detail.id,
            version,
        )
        .await;
    Ok(command_result(&state, &user, &id, outcome.map(|_| ())).await)
}

/// Back to the programme, with the refusal in words when there was one.
async fn command_result(
    state: &WebState,
    user: &SignedIn,
    id: &str,
    outcome: Result<(), ExecuteError>,
) -> Response {
    let lang = user.lang;
    let text = match outcome {
        Ok(()) => return Redirect::to(&format!("/programmes/{id}")).into_response(),
        Err(ExecuteError::Rejected(DomainError::Invalid(problems))) => problems
            .iter()
            .map(|p| {
                format!(
                    "{}: {}",
                    field_label(user, &p.field),
                    p.problem.message(lang)
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
        Err(ExecuteError::Rejected(other)) => other.message(lang),
        Err(ExecuteError::VersionConflict { .. }) => words(lang).stale.into(),
        Err(other) => return pages::unavailable(lang, &other),
    };
    programme_page::render(state, user, id, Some(text)).await
}

fn field_label(user: &SignedIn, path: &str) -> &'static str {
    let w = words(user.lang);
    match plan_input::field_of(path) {
        "kind" => w.kind,
        "host" => w.host,
        "co_organisers" => w.co_organisers,
        "partners" => w.partners,
        "start" => w.start,
        "end" => w.end,
        "venue" => w.venue,
        "border_gate" => w.border_gate,
        "objectives" => w.objectives,
        "size" => w.size,
        "coordinator_name" => w.coordinator_name,
        "coordinator_email" => w.coordinator_email,
        _ => w.title,
    }
}

/// The ways a planner stops a programme for now or for good; each asks for a reason.
#[derive(Clone, Copy)]
enum Stop {
    /// New dates, back to a draft to submit again.
    Postpone,
    /// Taken back from the committee while it waits for their decision.
    Withdraw,
    /// For good.
    Cancel,
}

impl Stop {
    fn verb(self) -> &'static str {
        match self {
            Stop::Postpone => "postpone",
            Stop::Withdraw => "withdraw",
            Stop::Cancel => "cancel",
        }
    }

    fn heading(self, user: &SignedIn) -> &'static str {
        let w = words(user.lang);
        match self {
            Stop::Postpone => w.postpone,
            Stop::Withdraw => w.withdraw,
            Stop::Cancel => w.cancel,
        }
    }
}

fn stop_fields(user: &SignedIn, stop: Stop, values: &Values, errors: &Errors) -> Vec<Field> {
    let w = words(user.lang);
    let f = |name, label, input| Field::new(name, label, input, values, errors);
    let mut fields = Vec::new();
    if matches!(stop, Stop::Postpone) {
        fields.push(f("start", w.start, "date").required());
        fields.push(f("end", w.end, "date").required());
    }
    fields.push(f("reason", w.reason, "textarea").required());
    fields
}

fn stop_form(
    user: &SignedIn,
    id: Uuid,
    stop: Stop,
    version: Option<u64>,
    values: &Values,
    errors: &Errors,
) -> Response {
    let heading = stop.heading(user);
    let action = format!("/programmes/{id}/{}", stop.verb());
    let back = format!("/programmes/{id}");
    render(
        user,
        FormSpec {
            heading,
            action: &action,
            back: Some(&back),
            version,
            submit_label: heading,
        },
        stop_fields(user, stop, values, errors),
    )
}

async fn stop_page(state: WebState, user: SignedIn, id: String, stop: Stop) -> Response {
    let detail = match plannable(&state, &user, &id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let values = plan_input::from_plan(&detail.record.plan, user.lang);
    stop_form(
        &user,
        detail.id,
        stop,
        Some(detail.version as u64),
        &values,
        &Errors::new(),
    )
}

pub async fn postpone_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    stop_page(state, user, id, Stop::Postpone).await
}

pub async fn withdraw_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    stop_page(state, user, id, Stop::Withdraw).await
}

pub async fn cancel_form(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    stop_page(state, user, id, Stop::Cancel).await
}

async fn stop(
    state: WebState,
    user: SignedIn,
    correlation: String,
    id: String,
    body: String,
    stop: Stop,
) -> Response {
    let (form, detail) = match planner_post(&state, &user, &id, &body).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let lang = user.lang;
    let w = words(lang);
    let version = form.get("version").parse::<u64>().ok();
    let values: Values = ["start", "end", "reason"]
        .into_iter()
        .map(|name| (name, form.get(name).to_string()))
        .collect();
    let mut errors = Errors::new();
    let reason = form.get("reason").trim().to_string();
    if reason.contains('<') || reason.contains('>') {
        errors.insert("reason", w.no_markup.into());
    } else if reason.is_empty() {
        errors.insert("reason", Problem::Required.message(lang));
    }
    let command = match stop {
        Stop::Postpone => {
            let (start, end) = (date(form.get("start")), date(form.get("end")));
            if start.is_none() {
                errors.insert("start", w.not_a_date.into());
            }
            if end.is_none() {
                errors.insert("end", w.not_a_date.into());
            }
            let schedule = Schedule {
                start: start.unwrap_or_default(),
                end: end.unwrap_or_default(),
                timezone: detail.record.plan.schedule.timezone.clone(),
            };
            if errors.is_empty() {
                let mut problems: Vec<FieldError> = Vec::new();
                schedule.check("schedule", &mut problems);
                add_problems(&mut errors, &problems, lang);
            }
            ProgrammeCommand::Postpone { schedule, reason }
        }
        Stop::Withdraw => ProgrammeCommand::Withdraw { reason },
        Stop::Cancel => ProgrammeCommand::Cancel { reason },
    };
    if errors.is_empty() {
        match run::<Programme>(&state, &user, &correlation, detail.id, version, &command).await {
            Ok(_) => return Redirect::to(&format!("/programmes/{}", detail.id)).into_response(),
            Err(error) => {
                if let Some(response) = refusal(&user, error, &mut errors) {
                    return response;
                }
                // A refusal that names no field of this form goes next to the reason.
                if let Some(message) = errors.remove("title") {
                    errors.insert("reason", message);
                }
            }
        }
    }
    stop_form(&user, detail.id, stop, version, &values, &errors)
}

pub async fn postpone(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Response {
    stop(state, user, correlation.0, id, body, Stop::Postpone).await
}

pub async fn cancel(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Response {
    stop(state, user, correlation.0, id, body, Stop::Cancel).await
}

pub async fn withdraw(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Response {
    stop(state, user, correlation.0, id, body, Stop::Withdraw).await
}
