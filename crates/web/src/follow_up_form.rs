//! Drafting, revising and submitting a programme's follow-up report from a form, with the
//! commands of `POST /api/programmes/{id}/follow-up` and `/api/follow-up-reports/{id}/…`.
//! Every step is first decided in memory, so that when any of them is refused nothing is
//! appended and the form comes back as typed.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::access::AccessRole;
use domain::followup::{
    FollowUpReport, GiftDirection, ProgrammeFacts, ReportCommand, report_id_for,
};
use domain::labels::{format_budget_line, gift_direction};
use domain::programme::{Plan, Programme};
use domain::values::Currency;
use eventstore::ExecuteError;
use projector::queries::ProgrammeDetail;

use crate::auth::{Nav, SignedIn};
use crate::command;
use crate::document_words::{DocumentWords, document_words};
use crate::form::Form;
use crate::form_page::Field;
use crate::pages;
use crate::pages::PageError;
use crate::plan_input::Errors;
use crate::programme_page::visible_programme;
use crate::render::page;
use crate::report_input::{GiftRow, ItemRow, SpendRow, Typed};
use crate::report_words::{ReportWords, report_words};
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

#[derive(Template)]
#[template(path = "follow_up_form.html")]
struct ReportForm<'a> {
    t: &'static Texts,
    w: &'static Words,
    r: &'static ReportWords,
    doc: &'static DocumentWords,
    nav: Nav,
    id: String,
    title: &'a str,
    /// The report's version once it exists, which also offers its document.
    version: Option<u64>,
    failed: bool,
    general: Vec<String>,
    fields: Vec<Field>,
    rows: &'a [ItemRow],
    spending: &'a [SpendRow],
    gifts: &'a [GiftRow],
    /// The plan's budget lines to choose from: place and how it reads.
    budget: Vec<(String, String)>,
    /// Currency codes and their signs.
    currencies: Vec<(&'static str, &'static str)>,
    /// Given or received, and how each reads.
    directions: Vec<(&'static str, &'static str)>,
}

/// Whether the person may write the programme's report: a planner, coordinator or
/// administrator of its host.
pub fn may_report(user: &SignedIn, plan: &Plan) -> bool {
    user.sees(plan.host_organisation_id, &plan.host_organisation, &[])
        .is_some_and(|o| {
            user.may(
                o.id,
                &[
                    AccessRole::Planner,
                    AccessRole::Coordinator,
                    AccessRole::Administrator,
                ],
            )
        })
}

async fn reportable(
    state: &WebState,
    user: &SignedIn,
    id: &str,
) -> Result<ProgrammeDetail, Response> {
    let (detail, _) = visible_programme(state, user, id).await?;
    if !may_report(user, &detail.record.plan) {
        return Err(pages::forbidden(user.lang, words(user.lang).forbidden_role));
    }
    Ok(detail)
}

fn show(
    user: &SignedIn,
    detail: &ProgrammeDetail,
    version: Option<u64>,
    typed: &Typed,
    errors: &Errors,
    general: Vec<String>,
) -> Response {
    let lang = user.lang;
    let r = report_words(lang);
    let f = |name, label, input| Field::new(name, label, input, &typed.values, errors);
    let fields = vec![
        f("outcomes", r.outcomes, "textarea"),
        f("actual_attendance", r.attendance, "number"),
        Field {
            hint: Some(r.sides_hint),
            ..f("vietnamese_side", r.vietnamese_side, "number")
        },
        f("partner_side", r.partner_side, "number"),
        f("attendance_note", r.attendance_note, "text"),
        f("lessons", r.lessons, "textarea"),
    ];
    let failed = !errors.is_empty()
        || typed.rows.iter().any(|row| row.error.is_some())
        || typed.spending.iter().any(|row| row.error.is_some())
        || typed.gifts.iter().any(|row| row.error.is_some());
    let status = if failed || !general.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status,
        &ReportForm {
            t: texts(lang),
            w: words(lang),
            r,
            doc: document_words(lang),
            nav: user.nav(),
            id: detail.id.to_string(),
            title: &detail.record.plan.title,
            version,
            failed,
            general,
            fields,
            rows: &typed.rows,
            spending: &typed.spending,
            gifts: &typed.gifts,
            budget: detail
                .record
                .plan
                .budget
                .iter()
                .enumerate()
                .map(|(i, line)| (i.to_string(), format_budget_line(line, lang)))
                .collect(),
            currencies: Currency::ALL
                .into_iter()
                .map(|c| (c.code(), c.symbol()))
                .collect(),
            directions: GiftDirection::ALL
                .into_iter()
                .map(|d| (d.as_str(), gift_direction(d, lang)))
                .collect(),
        },
    )
}

pub async fn edit(
    State(state): State<WebState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let detail = reportable(&state, &user, &id).await?;
    let loaded = state
        .store
        .load::<FollowUpReport>(report_id_for(detail.id))
        .await?;
    let record = loaded.state.record();
    let typed = Typed::of(record.map(|r| &r.content), &detail.record.plan.budget);
    let version = record.map(|_| loaded.version);
    Ok(show(
        &user,
        &detail,
        version,
        &typed,
        &Errors::new(),
        vec![],
    ))
}

pub async fn save(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Result<Response, PageError> {
    let form = Form::parse(&body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Ok(refused);
    }
    let detail = reportable(&state, &user, &id).await?;
    let lang = user.lang;
    let report_id = report_id_for(detail.id);
    let (report, programme) = tokio::try_join!(
        state.store.load::<FollowUpReport>(report_id),
        state.store.load::<Programme>(detail.id)
    )?;
    let Some(programme) = programme.state.record() else {
        return Ok(pages::forbidden(lang, words(lang).forbidden_programme));
    };
    let version = form.get("version").parse::<u64>().ok();
    let mut typed = Typed::from_form(&form);
    let current = report.state.record().map(|r| &r.content);
    let (content, used) = match typed.read(current, lang) {
        Ok(read) => read,
        Err(errors) => return Ok(show(&user, &detail, version, &typed, &errors, vec![])),
    };
    let save = match report.state {
        FollowUpReport::New => ReportCommand::Draft {
            id: report_id,
            programme: ProgrammeFacts::of(programme),
            due_after_days: state.config.report_due_days,
            content,
        },
        FollowUpReport::Existing(_) => ReportCommand::Revise { content },
    };
    let then: &[ReportCommand] = if form.get("then") == "submit" {
        &[ReportCommand::Submit]
    } else {
        &[]
    };
    let outcome = state
        .commands
        .change_report(
            &command::meta(&state, &user, &correlation.0),
            report_id,
            version,
            &save,
            then,
        )
        .await;
    let mut errors = Errors::new();
    let general = match outcome {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/programmes/{}#follow-up", detail.id)).into_response(),
            );
        }
        Err(ExecuteError::Rejected(DomainError::Invalid(problems))) => {
            typed.place(&mut errors, &problems, &used, lang)
        }
        Err(ExecuteError::Rejected(other)) => vec![other.message(lang)],
        Err(ExecuteError::VersionConflict { .. }) => vec![words(lang).stale.into()],
        Err(other) => return Ok(pages::unavailable(lang, &other)),
    };
    Ok(show(&user, &detail, version, &typed, &errors, general))
}
