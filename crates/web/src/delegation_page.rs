//! The coordinator's page of a delegation: the roster as the JSON API opens it, with its
//! warnings, the checklist by status, the itinerary day by day, and the exports.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::access::AccessRole;
use domain::delegation::{AgendaItem, TaskStatus, Warning};
use domain::labels::{format_date, zone_name};
use domain::privacy::ReadView;
use domain::{Entity, Lang};
use logistics::Roster;
use uuid::Uuid;

use crate::auth::{Nav, SignedIn};
use crate::delegation_words::{DelegationWords, delegation_words, direction, task_status};
use crate::logistics_view::{Logistics, Refused};
use crate::pages;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::warning_places::{self, ListedWarning};
use crate::words::{Words, words};

struct MemberView {
    person_id: Uuid,
    number: usize,
    name: String,
    chinese_name: Option<String>,
    role: String,
    organisation: String,
    redacted: bool,
    warnings: Vec<String>,
}

struct TaskView {
    id: Uuid,
    warnings: Vec<String>,
    status: &'static str,
    title: String,
    owner: String,
    due: String,
}

struct Column {
    status: &'static str,
    label: &'static str,
    tasks: Vec<TaskView>,
}

struct Slot {
    id: Uuid,
    warnings: Vec<String>,
    time: String,
    title: String,
    place: String,
    responsible: String,
}

struct Day {
    heading: String,
    slots: Vec<Slot>,
}

#[derive(Template)]
#[template(path = "delegation.html")]
struct DelegationPage {
    t: &'static Texts,
    w: &'static Words,
    d: &'static DelegationWords,
    nav: Nav,
    id: Uuid,
    name: String,
    direction: &'static str,
    programme_id: Uuid,
    programme_title: String,
    members: Vec<MemberView>,
    warnings: Vec<ListedWarning>,
    columns: Vec<Column>,
    days: Vec<Day>,
    /// Travel, stays, gifts, and the forms that add to every list.
    logistics: Logistics,
    version: i64,
    /// Whether the person may change the tasks' status.
    can_update: bool,
    /// Every status, with its words, for the task forms.
    statuses: Vec<(&'static str, &'static str)>,
    /// The button that fills the checklist with the standard tasks, when it would add any
    /// and the person may.
    prefill: Option<Prefill>,
    /// The delegation's history, oldest first, as `GET /api/delegations/{id}/history`.
    history: Vec<crate::read_pages::Happening>,
}

struct Prefill {
    /// The programme's coordinator, who owns the tasks; without one the form asks.
    owner: Option<String>,
}

const STATUSES: [TaskStatus; 4] = [
    TaskStatus::Todo,
    TaskStatus::InProgress,
    TaskStatus::Done,
    TaskStatus::NotNeeded,
];

/// The delegation with its roster opened, if the person may see its programme, and
/// whether they may work on it (coordinator, planner or administrator there); otherwise
/// the page that says why not.
pub async fn visible_delegation(
    state: &WebState,
    user: &SignedIn,
    raw_id: &str,
) -> Result<(Roster, bool), Response> {
    let lang = user.lang;
    let not_found = || {
        pages::message(
            StatusCode::NOT_FOUND,
            lang,
            texts(lang).problem_title,
            &domain::DomainError::NotFound(Entity::Delegation).message(lang),
        )
    };
    let id = Uuid::parse_str(raw_id).map_err(|_| not_found())?;
    let roster = logistics::load_roster(&state.pool, &state.vault, id)
        .await
        .map_err(|e| pages::unavailable(lang, &e))?
        .ok_or_else(not_found)?;
    let plan = &roster.programme.record.plan;
    let Some(organisation) = user.sees(
        plan.host_organisation_id,
        &plan.host_organisation,
        &plan.co_organisers,
    ) else {
        return Err(pages::forbidden(lang, words(lang).forbidden_programme));
    };
    let may_update = user.may(
        organisation.id,
        &[
            AccessRole::Coordinator,
            AccessRole::Planner,
            AccessRole::Administrator,
        ],
    );
    Ok((roster, may_update))
}

/// The delegation a form posted from its page changes, once the form's token is checked and
/// the person may work on it (coordinator, planner or administrator there); otherwise the
/// page that says why not.
pub async fn workable_delegation(
    state: &WebState,
    user: &SignedIn,
    raw_id: &str,
    form: &crate::form::Form,
) -> Result<Roster, Response> {
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, form) {
        return Err(refused);
    }
    let (roster, may_update) = visible_delegation(state, user, raw_id).await?;
    if !may_update {
        return Err(pages::forbidden(user.lang, words(user.lang).forbidden_role));
    }
    Ok(roster)
}

pub async fn show(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<http_common::CorrelationId>,
    Path(raw_id): Path<String>,
) -> Response {
    render(&state, &user, &correlation.0, &raw_id, None).await
}

/// The page, with the refusal in the section whose form was refused (and what it had
/// typed) when a change was refused. It shows members' names, so the read is recorded
/// first; a read that cannot be recorded is not shown.
pub async fn render(
    state: &WebState,
    user: &SignedIn,
    correlation_id: &str,
    raw_id: &str,
    refused: Option<Refused>,
) -> Response {
    let lang = user.lang;
    let (roster, can_update) = match visible_delegation(state, user, raw_id).await {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let read = state
        .commands
        .record_personal_data_read(
            &crate::command::meta(state, user, correlation_id),
            roster.delegation.id,
            ReadView::Page,
        )
        .await;
    if let Err(error) = read {
        return pages::unavailable(lang, &error);
    }
    let events =
        match projector::delegation_queries::history(&state.pool, roster.delegation.id).await {
            Ok(events) => events,
            Err(error) => return pages::unavailable(lang, &error),
        };
    let plan = &roster.programme.record.plan;
    let id = roster.delegation.id;
    let record = &roster.delegation.record;
    let members = roster
        .members
        .iter()
        .map(|m| match &m.details {
            Some(d) => MemberView {
                person_id: m.person_id,
                number: m.position,
                name: d.full_name.clone(),
                chinese_name: d.chinese_name.clone(),
                role: d.role.clone(),
                organisation: d.organisation.clone().unwrap_or_default(),
                redacted: false,
                warnings: warning_places::about(&roster.warnings, m.person_id, lang),
            },
            None => MemberView {
                person_id: m.person_id,
                number: m.position,
                name: String::new(),
                chinese_name: None,
                role: String::new(),
                organisation: String::new(),
                redacted: true,
                warnings: Vec::new(),
            },
        })
        .collect();
    let columns = STATUSES
        .into_iter()
        .map(|status| {
            let mut tasks: Vec<_> = record.tasks.iter().filter(|t| t.status == status).collect();
            tasks.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.title.cmp(&b.title)));
            Column {
                status: status.as_str(),
                label: task_status(status, lang),
                tasks: tasks
                    .into_iter()
                    .map(|t| TaskView {
                        id: t.id,
                        warnings: warning_places::about(&roster.warnings, t.id, lang),
                        status: t.status.as_str(),
                        title: t.title.clone(),
                        owner: t.owner.name.clone(),
                        due: format_date(t.due_on, Lang::Vi),
                    })
                    .collect(),
            }
        })
        .collect();
    let status_code = if refused.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page(
        status_code,
        &DelegationPage {
            t: texts(lang),
            w: words(lang),
            d: delegation_words(lang),
            nav: user.nav(),
            id,
            name: record.name.clone(),
            direction: direction(record.direction, lang),
            programme_id: record.programme_id,
            programme_title: plan.title.clone(),
            members,
            warnings: warning_places::listed(&roster.warnings, lang),
            columns,
            days: itinerary(&record.agenda, &roster.warnings, lang),
            logistics: Logistics::of(
                record,
                roster
                    .members
                    .iter()
                    .filter_map(|m| Some((m.person_id, m.details.as_ref()?.full_name.clone())))
                    .collect(),
                lang,
                refused,
            ),
            version: roster.delegation.version,
            prefill: (can_update && record.lacks_template_tasks(plan.kind)).then(|| Prefill {
                owner: plan.coordinator.as_ref().map(|c| c.name.clone()),
            }),
            can_update,
            history: crate::read_pages::history(&events, lang),
            statuses: STATUSES
                .into_iter()
                .map(|s| (s.as_str(), task_status(s, lang)))
                .collect(),
        },
    )
}

fn itinerary(agenda: &[AgendaItem], warnings: &[Warning], lang: Lang) -> Vec<Day> {
    let mut items: Vec<&AgendaItem> = agenda.iter().collect();
    items.sort_by_key(|i| (i.date, i.starts));
    let mut days: Vec<(chrono::NaiveDate, Day)> = Vec::new();
    for item in items {
        let slot = Slot {
            id: item.id,
            warnings: warning_places::about(warnings, item.id, lang),
            time: match item.ends {
                Some(ends) => format!(
                    "{}–{} ({})",
                    item.starts.format("%H:%M"),
                    ends.format("%H:%M"),
                    zone_name(&item.timezone, lang)
                ),
                None => format!(
                    "{} ({})",
                    item.starts.format("%H:%M"),
                    zone_name(&item.timezone, lang)
                ),
            },
            title: item.title.clone(),
            place: item.place.clone(),
            responsible: item.responsible.join(", "),
        };
        match days.last_mut() {
            Some((date, day)) if *date == item.date => day.slots.push(slot),
            _ => days.push((
                item.date,
                Day {
                    heading: weekday_heading(item.date, lang),
                    slots: vec![slot],
                },
            )),
        }
    }
    days.into_iter().map(|(_, d)| d).collect()
}

fn weekday_heading(date: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let name = words(lang).weekday_names[date.weekday().num_days_from_monday() as usize];
    format!("{name}, {}", format_date(date, Lang::Vi))
}
