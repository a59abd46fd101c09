//! Read views the JSON API had before the pages: a delegation's history (shown on its
//! page), the checklist across the delegations of my organisations' programmes (as
//! `GET /api/checklist`), and the reminders sent to me (as `GET /api/reminders`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Days;
use domain::Lang;
use domain::delegation::TaskStatus;
use domain::labels::{format_date, format_time_in_vietnam};
use projector::delegation_queries::{self, DelegationHistoryEntry};
use uuid::Uuid;

use crate::admin_words::mail_status;
use crate::auth::{Nav, SignedIn};
use crate::delegation_words::task_status;
use crate::listing::{today, visible};
use crate::pages::PageError;
use crate::read_words::{ReadWords, read_words};
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

/// A line of a delegation's history: what happened, when (in Vietnam time, saying so)
/// and who did it, with no ids.
pub struct Happening {
    pub what: &'static str,
    pub when: String,
    pub who: String,
}

/// The delegation's events as its page shows them, oldest first, as
/// `GET /api/delegations/{id}/history` lists them.
pub fn history(events: &[DelegationHistoryEntry], lang: Lang) -> Vec<Happening> {
    events
        .iter()
        .map(|e| Happening {
            what: domain::delegation::history_label(&e.event_type, lang),
            when: format_time_in_vietnam(e.occurred_at, lang),
            // People act under their address; the service's own parts under a name of its
            // own, which means nothing to a reader.
            who: if e.actor.contains('@') {
                e.actor.clone()
            } else {
                words(lang).system_actor.to_owned()
            },
        })
        .collect()
}

/// Tasks due within this many days are "due soon", as in `GET /api/checklist`.
const DUE_SOON_DAYS: u64 = 7;

struct TaskRow {
    title: String,
    status: &'static str,
    status_label: &'static str,
    delegation_id: Uuid,
    delegation: String,
    programme: String,
    owner: String,
    due: String,
}

struct Group {
    id: &'static str,
    heading: &'static str,
    tasks: Vec<TaskRow>,
}

#[derive(Template)]
#[template(path = "checklist.html")]
struct ChecklistPage {
    t: &'static Texts,
    w: &'static Words,
    r: &'static ReadWords,
    nav: Nav,
    groups: Vec<Group>,
}

/// `GET /checklist`: the open tasks of the delegations of programmes the person sees, in
/// three groups (overdue, due within a week, later), soonest due first.
pub async fn checklist(
    State(state): State<WebState>,
    user: SignedIn,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let r = read_words(lang);
    let programmes: HashMap<Uuid, String> = visible(&state, &user)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let tasks = delegation_queries::open_tasks(&state.pool, None, None, None).await?;
    let today = today(&state.clock);
    let soon = today + Days::new(DUE_SOON_DAYS);
    let mut groups = vec![
        Group {
            id: "overdue",
            heading: r.overdue,
            tasks: Vec::new(),
        },
        Group {
            id: "due-soon",
            heading: r.due_soon,
            tasks: Vec::new(),
        },
        Group {
            id: "later",
            heading: r.later,
            tasks: Vec::new(),
        },
    ];
    for task in tasks {
        let Some(programme) = programmes.get(&task.programme_id) else {
            continue;
        };
        let status = match task.status.as_str() {
            "in_progress" => TaskStatus::InProgress,
            _ => TaskStatus::Todo,
        };
        let group = if task.due_on < today {
            0
        } else if task.due_on <= soon {
            1
        } else {
            2
        };
        groups[group].tasks.push(TaskRow {
            title: task.title,
            status: status.as_str(),
            status_label: task_status(status, lang),
            delegation_id: task.delegation_id,
            delegation: task.delegation_name,
            programme: programme.clone(),
            owner: task.owner_name,
            due: format_date(task.due_on, Lang::Vi),
        });
    }
    Ok(page(
        StatusCode::OK,
        &ChecklistPage {
            t: texts(lang),
            w: words(lang),
            r,
            nav: user.nav(),
            groups,
        },
    ))
}

/// The newest reminders shown.
const RECENT_REMINDERS: i64 = 50;

struct ReminderRow {
    title: String,
    rule: &'static str,
    status: String,
    status_label: &'static str,
    late: bool,
    at: String,
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    t: &'static Texts,
    w: &'static Words,
    r: &'static ReadWords,
    nav: Nav,
    reminders: Vec<ReminderRow>,
    /// The person's own page of reminder choices, signed for them as the mails' link is.
    choices: String,
}

/// `GET /reminders`: the newest reminders sent to the signed-in person's address, as
/// `GET /api/reminders` lists them.
pub async fn reminders(
    State(state): State<WebState>,
    user: SignedIn,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let reminders =
        reminders::queries::recent(&state.pool, None, Some(&user.email), RECENT_REMINDERS)
            .await?
            .into_iter()
            .map(|r| ReminderRow {
                rule: domain::reminders::Rule::parse(&r.rule).map_or("", |rule| rule.label(lang)),
                title: r.title,
                status_label: mail_status(&r.status, lang),
                status: r.status,
                late: r.late,
                at: format_time_in_vietnam(r.sent_at.unwrap_or(r.claimed_at), lang),
            })
            .collect();
    Ok(page(
        StatusCode::OK,
        &RemindersPage {
            t: texts(lang),
            w: words(lang),
            r: read_words(lang),
            nav: user.nav(),
            reminders,
            choices: reminders::preferences_url("", &state.approvals.secret, &user.email),
        },
    ))
}
