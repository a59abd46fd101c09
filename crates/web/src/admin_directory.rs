//! Keeping an organisation's standing committees and approval routes from the
//! administrator's page: add a committee with its chair, add a member with the day their
//! service begins, end a membership on a given day, name a substitute for a window of
//! dates, define a route from the organisation's committees, and retire one. The same
//! commands as `POST /api/organisations/{id}/committees`, `…/members`, `…/members/{member}/end`,
//! `…/substitutes`, `POST /api/organisations/{id}/routes` and `…/routes/{route}/retire`.

use app::access::Action;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use domain::Lang;
use domain::approval::{Committee, DecisionRule, Member, Person, Role, Substitution};
use domain::directory::{Directory, DirectoryCommand, Route, RouteStage};
use domain::programme::ProgrammeKind;
use http_common::CorrelationId;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::command::run;
use crate::directory_words::{DirectoryWords, directory_words};
use crate::form::Form;
use crate::pages;
use crate::state::WebState;
use crate::words::words;

pub const RULES: [(&str, DecisionRule); 4] = [
    ("any_one", DecisionRule::AnyOne),
    ("majority", DecisionRule::Majority),
    ("all", DecisionRule::All),
    ("chair", DecisionRule::Chair),
];
pub const ROLES: [(&str, Role); 2] = [("member", Role::Member), ("chair", Role::Chair)];
/// How many stages the route form offers; a longer route is defined over the API.
pub const ROUTE_STAGES: usize = 3;

/// A form that could not be read: which field, and why.
struct Unreadable(String);

struct Reader<'a> {
    form: &'a Form,
    words: &'static DirectoryWords,
}

impl Reader<'_> {
    fn text(&self, name: &str) -> String {
        self.form.get(name).trim().to_owned()
    }

    fn date(&self, name: &str, label: &str) -> Result<NaiveDate, Unreadable> {
        let typed = self.text(name);
        NaiveDate::parse_from_str(&typed, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&typed, "%d/%m/%Y"))
            .map_err(|_| Unreadable(format!("{label}: {}", self.words.not_a_date)))
    }

    fn optional_date(&self, name: &str, label: &str) -> Result<Option<NaiveDate>, Unreadable> {
        if self.text(name).is_empty() {
            Ok(None)
        } else {
            self.date(name, label).map(Some)
        }
    }

    fn choice<T: Copy>(
        &self,
        name: &str,
        label: &str,
        choices: &[(&str, T)],
    ) -> Result<T, Unreadable> {
        let typed = self.text(name);
        choices
            .iter()
            .find(|(value, _)| *value == typed)
            .map(|(_, choice)| *choice)
            .ok_or_else(|| Unreadable(format!("{label}: {}", self.words.choose_one)))
    }

    fn id(&self, name: &str, label: &str) -> Result<Uuid, Unreadable> {
        Uuid::parse_str(&self.text(name))
            .map_err(|_| Unreadable(format!("{label}: {}", self.words.choose_one)))
    }

    fn person(&self, prefix: &str) -> Person {
        Person {
            name: self.text(&format!("{prefix}_name")),
            email: self.text(&format!("{prefix}_email")),
        }
    }
}

/// The command a form describes, for `organisation`.
fn command(
    what: &str,
    form: &Form,
    words: &'static DirectoryWords,
    path_ids: &[Uuid],
) -> Result<DirectoryCommand, Unreadable> {
    let r = Reader { form, words };
    let w = words;
    Ok(match (what, path_ids) {
        ("committee", []) => DirectoryCommand::AddCommittee {
            committee: Committee {
                id: Uuid::now_v7(),
                name: r.text("committee_name"),
                rule: r.choice("rule", w.rule, &RULES)?,
                members: vec![Member {
                    id: Uuid::now_v7(),
                    person: r.person("chair"),
                    role: Role::Chair,
                    serves_from: r.date("chair_from", w.serves_from)?,
                    serves_until: None,
                }],
                substitutions: vec![],
            },
        },
        ("member", [committee_id]) => DirectoryCommand::AddMember {
            committee_id: *committee_id,
            member: Member {
                id: Uuid::now_v7(),
                person: r.person("member"),
                role: r.choice("member_role", w.role, &ROLES)?,
                serves_from: r.date("member_from", w.serves_from)?,
                serves_until: r.optional_date("member_until", w.serves_until)?,
            },
        },
        ("end", [committee_id, member_id]) => DirectoryCommand::EndMembership {
            committee_id: *committee_id,
            member_id: *member_id,
            last_day: r.date("last_day", w.last_day)?,
        },
        ("substitute", [committee_id]) => DirectoryCommand::NameSubstitute {
            committee_id: *committee_id,
            substitution: Substitution {
                member_id: r.id("stands_in_for", w.stands_in_for)?,
                substitute: r.person("substitute"),
                from: r.date("substitute_from", w.from)?,
                until: r.date("substitute_until", w.until)?,
            },
        },
        ("route", []) => {
            let mut stages = Vec::new();
            for i in 0..ROUTE_STAGES {
                let chosen = r.text(&format!("stage_{i}"));
                if chosen.is_empty() {
                    continue;
                }
                stages.push(RouteStage {
                    committee_id: r.id(&format!("stage_{i}"), w.stage)?,
                    organisation_id: None,
                    advisory: form.has(&format!("stage_{i}_advisory")),
                });
            }
            let kinds = ProgrammeKind::ALL
                .into_iter()
                .filter(|kind| form.has(&format!("kind_{}", kind.as_str())))
                .collect();
            DirectoryCommand::DefineRoute {
                route: Route {
                    id: Uuid::now_v7(),
                    name: r.text("route_name"),
                    kinds,
                    stages,
                },
            }
        }
        ("retire", [route_id]) => DirectoryCommand::RetireRoute {
            route_id: *route_id,
        },
        _ => return Err(Unreadable(words.unknown.into())),
    })
}

/// `POST /admin/organisations/{id}/{what}` and the paths below it: reads the form, runs
/// its command on the organisation, and goes back to the section it came from.
async fn keep(
    state: &WebState,
    user: &SignedIn,
    correlation: &str,
    raw_ids: &[&str],
    what: &str,
    body: &str,
) -> Response {
    let lang = user.lang;
    let form = Form::parse(body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return refused;
    }
    let ids: Option<Vec<Uuid>> = raw_ids
        .iter()
        .map(|raw| Uuid::parse_str(raw).ok())
        .collect();
    let Some((organisation, path_ids)) = ids.as_deref().and_then(<[Uuid]>::split_first) else {
        return crate::not_found::page_for(lang);
    };
    if !user
        .actor
        .organisations_for(Action::KeepDirectory)
        .contains(organisation)
    {
        return pages::forbidden(lang, words(lang).forbidden_role);
    }
    let w = directory_words(lang);
    let command = match command(what, &form, w, path_ids) {
        Ok(command) => command,
        Err(Unreadable(why)) => {
            return pages::message(StatusCode::UNPROCESSABLE_ENTITY, lang, w.not_changed, &why);
        }
    };
    let section = if matches!(what, "route" | "retire") {
        "routes"
    } else {
        "committees"
    };
    match run::<Directory>(state, user, correlation, *organisation, None, &command).await {
        Ok(_) => {
            Redirect::to(&format!("/admin?organisation={organisation}#{section}")).into_response()
        }
        Err(error) => pages::command_refused(lang, w.not_changed, &error),
    }
}

pub async fn add_committee(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Response {
    keep(&state, &user, &correlation.0, &[&id], "committee", &body).await
}

pub async fn add_member(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, committee)): Path<(String, String)>,
    body: String,
) -> Response {
    keep(
        &state,
        &user,
        &correlation.0,
        &[&id, &committee],
        "member",
        &body,
    )
    .await
}

pub async fn end_membership(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, committee, member)): Path<(String, String, String)>,
    body: String,
) -> Response {
    let ids = [id.as_str(), committee.as_str(), member.as_str()];
    keep(&state, &user, &correlation.0, &ids, "end", &body).await
}

pub async fn name_substitute(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, committee)): Path<(String, String)>,
    body: String,
) -> Response {
    keep(
        &state,
        &user,
        &correlation.0,
        &[&id, &committee],
        "substitute",
        &body,
    )
    .await
}

pub async fn define_route(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path(id): Path<String>,
    body: String,
) -> Response {
    keep(&state, &user, &correlation.0, &[&id], "route", &body).await
}

pub async fn retire_route(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    Path((id, route)): Path<(String, String)>,
    body: String,
) -> Response {
    keep(
        &state,
        &user,
        &correlation.0,
        &[&id, &route],
        "retire",
        &body,
    )
    .await
}

/// The words of a rule or role as the forms offer them.
pub fn rule_choices(lang: Lang) -> Vec<(&'static str, &'static str)> {
    RULES
        .iter()
        .map(|(value, rule)| (*value, rule.label(lang)))
        .collect()
}
