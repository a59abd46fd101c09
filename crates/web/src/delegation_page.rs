//! The coordinator's page of a delegation: the roster as the JSON API opens it, with its
//! warnings, the checklist by status, the itinerary day by day, and the exports.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::delegation::{AgendaItem, TaskStatus};
use domain::{Entity, Lang};
use uuid::Uuid;

use crate::auth::{Nav, SignedIn};
use crate::delegation_words::{DelegationWords, delegation_words, direction, task_status};
use crate::pages;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

struct MemberView {
    number: usize,
    name: String,
    chinese_name: Option<String>,
    role: String,
    organisation: String,
    redacted: bool,
}

struct TaskView {
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
    warnings: Vec<String>,
    columns: Vec<Column>,
    days: Vec<Day>,
}

/// Due dates and days as people write them here: 21/11/2027.
fn day(date: chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

pub async fn show(
    State(state): State<WebState>,
    user: SignedIn,
    Path(raw_id): Path<String>,
) -> Response {
    let lang = user.lang;
    let not_found = || {
        pages::message(
            StatusCode::NOT_FOUND,
            lang,
            texts(lang).problem_title,
            &domain::DomainError::NotFound(Entity::Delegation).message(lang),
        )
    };
    let Ok(id) = Uuid::parse_str(&raw_id) else {
        return not_found();
    };
    let roster = match logistics::load_roster(&state.pool, &state.vault, id).await {
        Ok(Some(roster)) => roster,
        Ok(None) => return not_found(),
        Err(e) => return pages::unavailable(lang, &e),
    };
    let plan = &roster.programme.record.plan;
    if user
        .sees(
            plan.host_organisation_id,
            &plan.host_organisation,
            &plan.co_organisers,
        )
        .is_none()
    {
        return pages::forbidden(lang, words(lang).forbidden_programme);
    }
    let record = &roster.delegation.record;
    let members = roster
        .members
        .iter()
        .map(|m| match &m.details {
            Some(d) => MemberView {
                number: m.position,
                name: d.full_name.clone(),
                chinese_name: d.chinese_name.clone(),
                role: d.role.clone(),
                organisation: d.organisation.clone().unwrap_or_default(),
                redacted: false,
            },
            None => MemberView {
                number: m.position,
                name: String::new(),
                chinese_name: None,
                role: String::new(),
                organisation: String::new(),
                redacted: true,
            },
        })
        .collect();
    let columns = [
        TaskStatus::Todo,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::NotNeeded,
    ]
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
                    title: t.title.clone(),
                    owner: t.owner.name.clone(),
                    due: day(t.due_on),
                })
                .collect(),
        }
    })
    .collect();
    page(
        StatusCode::OK,
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
            warnings: roster.warnings.iter().map(|w| w.message(lang)).collect(),
            columns,
            days: itinerary(&record.agenda, lang),
        },
    )
}

fn itinerary(agenda: &[AgendaItem], lang: Lang) -> Vec<Day> {
    let mut items: Vec<&AgendaItem> = agenda.iter().collect();
    items.sort_by_key(|i| (i.date, i.starts));
    let mut days: Vec<(chrono::NaiveDate, Day)> = Vec::new();
    for item in items {
        let slot = Slot {
            time: match item.ends {
                Some(ends) => format!(
                    "{}–{} ({})",
                    item.starts.format("%H:%M"),
                    ends.format("%H:%M"),
                    item.timezone
                ),
                None => format!("{} ({})", item.starts.format("%H:%M"), item.timezone),
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
    format!("{name}, {}", day(date))
}
