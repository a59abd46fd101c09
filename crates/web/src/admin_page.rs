//! The administrator's page of one organisation, read-only: its committees with members,
//! rules and substitutes, its approval routes, who holds which role, and the reminders
//! sent to those people, and the reminder rules in force.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::access::AccessRole;
use domain::approval::{Committee, Role};
use domain::directory::Route;
use domain::labels::{format_date, format_time_in_vietnam};
use domain::programme::ProgrammeKind;
use domain::{Entity, Lang};
use projector::{directory_queries, user_queries};
use uuid::Uuid;

use crate::admin_directory;
use crate::admin_words::{AdminWords, admin_words, mail_status, role};
use crate::auth::{Nav, SignedIn};
use crate::directory_words::{DirectoryWords, directory_words};
use crate::pages;
use crate::pages::PageError;
use crate::reminder_rules_view::{RuleView, rule_views};
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

/// The newest reminders looked through for the organisation's people.
const RECENT_REMINDERS: i64 = 500;

struct Choice {
    id: Uuid,
    name: String,
    current: bool,
}

struct MemberView {
    id: Uuid,
    /// Whether their service has an end day already.
    ended: bool,
    name: String,
    email: String,
    role: &'static str,
    serves: String,
}

struct SubstituteView {
    name: String,
    for_member: String,
    dates: String,
}

struct CommitteeView {
    id: Uuid,
    name: String,
    rule: &'static str,
    members: Vec<MemberView>,
    substitutes: Vec<SubstituteView>,
}

struct RouteView {
    id: Uuid,
    name: String,
    kinds: String,
    stages: Vec<(String, bool)>,
}

struct UserView {
    name: String,
    email: String,
    /// Each role's value and its name.
    roles: Vec<(&'static str, &'static str)>,
}

struct ReadRow {
    at: String,
    reader: String,
    how: &'static str,
    delegation_id: uuid::Uuid,
    delegation: String,
    programme: String,
}

/// The newest reads of personal data shown.
const RECENT_READS: i64 = 50;

struct ReminderView {
    title: String,
    rule: &'static str,
    recipient: String,
    status: String,
    status_label: &'static str,
    at: String,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    t: &'static Texts,
    w: &'static Words,
    a: &'static AdminWords,
    nav: Nav,
    organisation: String,
    organisation_id: Uuid,
    /// The roles that may be given, with their names.
    grantable: Vec<(&'static str, &'static str)>,
    choices: Vec<Choice>,
    committees: Vec<CommitteeView>,
    routes: Vec<RouteView>,
    users: Vec<UserView>,
    reminders: Vec<ReminderView>,
    reads: Vec<ReadRow>,
    timezone: String,
    schedules: Vec<String>,
    rules: Vec<RuleView>,
    /// Events the read models set aside, installation-wide (a count only: their
    /// details may be about other organisations).
    parked: i64,
    d: &'static DirectoryWords,
    decision_rules: Vec<(&'static str, &'static str)>,
    committee_roles: Vec<(&'static str, &'static str)>,
    kinds: Vec<(&'static str, &'static str)>,
    /// The organisation's own committees, which a route's stages are chosen from.
    stage_choices: Vec<(Uuid, String)>,
    stage_numbers: Vec<usize>,
}

pub async fn show(
    State(state): State<WebState>,
    user: SignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let administered: Vec<_> = user
        .organisations
        .iter()
        .filter(|o| o.roles.contains(&AccessRole::Administrator))
        .collect();
    let asked = query.get("organisation").filter(|v| !v.is_empty());
    let organisation = match asked {
        None => administered.first(),
        Some(raw) => administered.iter().find(|o| o.id.to_string() == *raw),
    };
    let Some(organisation) = organisation else {
        return Ok(pages::forbidden(lang, words(lang).forbidden_role));
    };
    let detail = match directory_queries::organisation(&state.pool, organisation.id).await {
        Ok(Some(detail)) => detail,
        Ok(None) => {
            return Ok(pages::message(
                StatusCode::NOT_FOUND,
                lang,
                texts(lang).problem_title,
                &domain::DomainError::NotFound(Entity::Organisation).message(lang),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let roles = user_queries::roles(&state.pool, Some(organisation.id)).await?;
    let recent = reminders::queries::recent(&state.pool, None, None, RECENT_REMINDERS).await?;
    let parked = projector::queries::parked_count(&state.pool).await?;
    let a = admin_words(lang);
    let reads = projector::read_log_queries::reads(&state.pool, &[organisation.id], RECENT_READS)
        .await?
        .into_iter()
        .map(|read| ReadRow {
            at: format_time_in_vietnam(read.read_at, lang),
            how: match read.view.as_str() {
                "page" => a.read_page,
                "api" => a.read_api,
                "roster_csv" => a.read_csv,
                _ => a.read_xlsx,
            },
            reader: read.reader,
            delegation_id: read.delegation_id,
            delegation: read.delegation_name,
            programme: read.programme_title,
        })
        .collect();
    let mut routes = Vec::new();
    for route in &detail.record.routes {
        match route_view(&state, route, &detail.record.committees, lang).await {
            Ok(view) => routes.push(view),
            Err(refused) => return Ok(refused),
        }
    }
    let mut users: Vec<UserView> = Vec::new();
    for held in &roles {
        let Some(access) = AccessRole::parse(&held.role) else {
            continue;
        };
        match users.iter_mut().find(|u| u.email == held.email) {
            Some(u) => u.roles.push((access.as_str(), role(access, lang))),
            None => users.push(UserView {
                name: held.name.clone(),
                email: held.email.clone(),
                roles: vec![(access.as_str(), role(access, lang))],
            }),
        }
    }
    let reminders = recent
        .into_iter()
        .filter(|r| {
            users
                .iter()
                .any(|u| u.email.eq_ignore_ascii_case(&r.recipient_email))
        })
        .map(|r| ReminderView {
            rule: domain::reminders::Rule::parse(&r.rule).map_or("", |rule| rule.label(lang)),
            title: r.title,
            recipient: r.recipient_email,
            status_label: mail_status(&r.status, lang),
            status: r.status,
            at: format_time_in_vietnam(r.sent_at.unwrap_or(r.claimed_at), lang),
        })
        .collect();
    Ok(page(
        StatusCode::OK,
        &AdminPage {
            t: texts(lang),
            w: words(lang),
            a: admin_words(lang),
            nav: user.nav(),
            organisation: organisation.name.clone(),
            organisation_id: organisation.id,
            grantable: AccessRole::ALL
                .iter()
                .map(|r| (r.as_str(), role(*r, lang)))
                .collect(),
            choices: administered
                .iter()
                .map(|o| Choice {
                    id: o.id,
                    name: o.name.clone(),
                    current: o.id == organisation.id,
                })
                .collect(),
            committees: detail
                .record
                .committees
                .iter()
                .map(|c| committee_view(c, lang))
                .collect(),
            routes,
            users,
            reminders,
            reads,
            timezone: state.reminder_rules.timezone.clone(),
            schedules: state.reminder_rules.schedules.clone(),
            rules: rule_views(&state.reminder_rules, admin_words(lang).off, lang),
            parked,
            d: directory_words(lang),
            decision_rules: admin_directory::rule_choices(lang),
            committee_roles: admin_directory::ROLES
                .iter()
                .map(|(value, role)| {
                    (
                        *value,
                        match role {
                            Role::Chair => a.chair,
                            Role::Member => a.member,
                        },
                    )
                })
                .collect(),
            kinds: ProgrammeKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.label(lang)))
                .collect(),
            stage_choices: detail
                .record
                .committees
                .iter()
                .map(|c| (c.id, c.name.clone()))
                .collect(),
            stage_numbers: (0..admin_directory::ROUTE_STAGES).collect(),
        },
    ))
}

fn committee_view(committee: &Committee, lang: Lang) -> CommitteeView {
    let a = admin_words(lang);
    let name_of = |id: Uuid| {
        committee
            .members
            .iter()
            .find(|m| m.id == id)
            .map_or_else(String::new, |m| m.person.name.clone())
    };
    CommitteeView {
        id: committee.id,
        name: committee.name.clone(),
        rule: committee.rule.label(lang),
        members: committee
            .members
            .iter()
            .map(|m| MemberView {
                id: m.id,
                ended: m.serves_until.is_some(),
                name: m.person.name.clone(),
                email: m.person.email.clone(),
                role: match m.role {
                    Role::Chair => a.chair,
                    Role::Member => a.member,
                },
                serves: format!(
                    "{}–{}",
                    format_date(m.serves_from, Lang::Vi),
                    m.serves_until
                        .map_or_else(|| a.until_now.to_string(), |d| format_date(d, Lang::Vi))
                ),
            })
            .collect(),
        substitutes: committee
            .substitutions
            .iter()
            .map(|s| SubstituteView {
                name: s.substitute.name.clone(),
                for_member: name_of(s.member_id),
                dates: format!(
                    "{}–{}",
                    format_date(s.from, Lang::Vi),
                    format_date(s.until, Lang::Vi)
                ),
            })
            .collect(),
    }
}

/// A route with its stages named: the organisation's own committees, or another
/// organisation's read from the directory.
async fn route_view(
    state: &WebState,
    route: &Route,
    own: &[Committee],
    lang: Lang,
) -> Result<RouteView, Response> {
    let a = admin_words(lang);
    let mut stages = Vec::new();
    for stage in &route.stages {
        let name = match stage.organisation_id {
            None => own
                .iter()
                .find(|c| c.id == stage.committee_id)
                .map(|c| c.name.clone()),
            Some(other) => directory_queries::organisation(&state.pool, other)
                .await
                .map_err(|e| pages::unavailable(lang, &e))?
                .and_then(|o| {
                    o.record
                        .committee(stage.committee_id)
                        .map(|c| format!("{} ({})", c.name, o.record.name))
                }),
        };
        stages.push((
            name.unwrap_or_else(|| a.other_organisation.to_string()),
            stage.advisory,
        ));
    }
    let kinds = if route.kinds.is_empty() {
        a.every_kind.to_string()
    } else {
        route
            .kinds
            .iter()
            .map(|k| k.label(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Ok(RouteView {
        id: route.id,
        name: route.name.clone(),
        kinds,
        stages,
    })
}
