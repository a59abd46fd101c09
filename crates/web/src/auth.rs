//! Who is signed in, what they may see, and the CSRF token of their forms.

use app::access::Actor;
use axum::extract::FromRequestParts;
use axum::http::Method;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use domain::access::AccessRole;
use projector::fold;
use projector::queries::OrganisedProgramme;
use uuid::Uuid;
use workflow::links::LinkSecret;

use crate::cookies;
use crate::form::Form;
use crate::lang::PageLang;
use crate::pages;
use crate::state::WebState;
use crate::words::words;

/// Separates CSRF tokens from the secret's other signatures.
const CSRF_PURPOSE: &str = "caunoi form v1";

/// A form's CSRF token: a signature of the session (or pre-session) id, so it needs no
/// storage and is worthless to anyone without that browser's cookie.
pub fn csrf_token(secret: &LinkSecret, session: &str) -> String {
    secret.sign(CSRF_PURPOSE, session)
}

pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    pub roles: Vec<AccessRole>,
}

/// The person signed in, with their organisations.
pub struct SignedIn {
    pub email: String,
    pub name: String,
    pub organisations: Vec<Organisation>,
    pub lang: Lang,
    session: String,
    pub csrf: String,
    /// The same person as the application layer sees them, for its use cases.
    pub actor: Actor,
    /// The page asked for (path and query), to come back to after choosing a language.
    path: String,
}

/// What the shared page header needs.
pub struct Nav {
    pub name: String,
    pub csrf: String,
    /// The page being shown, to come back to after choosing a language.
    pub path: String,
    /// Whether the menu offers the administrator's page.
    pub admin: bool,
    /// Whether the menu offers the checklist across delegations (coordinators and
    /// administrators, who run delegations).
    pub delegations: bool,
}

impl SignedIn {
    pub fn nav(&self) -> Nav {
        Nav {
            name: self.name.clone(),
            csrf: self.csrf.clone(),
            path: self.path.clone(),
            admin: self
                .organisations
                .iter()
                .any(|o| o.roles.contains(&AccessRole::Administrator)),
            delegations: self.organisations.iter().any(|o| {
                o.roles.contains(&AccessRole::Administrator)
                    || o.roles.contains(&AccessRole::Coordinator)
            }),
        }
    }

    pub fn session(&self) -> &str {
        &self.session
    }

    /// The refusal of a form whose token is not this session's.
    pub fn refuse_forged(&self, secret: &LinkSecret, form: &Form) -> Option<Response> {
        (!secret.verify(CSRF_PURPOSE, &self.session, form.get("csrf")))
            .then(|| pages::forbidden(self.lang, words(self.lang).forbidden_csrf))
    }

    /// Whether the person administers any organisation: the administrator's pages are
    /// theirs.
    pub fn administers_any(&self) -> bool {
        self.organisations
            .iter()
            .any(|o| o.roles.contains(&AccessRole::Administrator))
    }

    pub fn may(&self, organisation_id: Uuid, roles: &[AccessRole]) -> bool {
        self.organisations
            .iter()
            .any(|o| o.id == organisation_id && o.roles.iter().any(|r| roles.contains(r)))
    }

    /// Organisations where the person may plan.
    pub fn planning_for(&self) -> Vec<&Organisation> {
        self.organisations
            .iter()
            .filter(|o| {
                o.roles
                    .iter()
                    .any(|r| matches!(r, AccessRole::Planner | AccessRole::Administrator))
            })
            .collect()
    }

    /// Whether a programme is theirs to see: hosted by one of their organisations (by
    /// its directory id, or by name when the plan has none), or co-organised by one of
    /// them. Co-organisers are kept as names only, so they match by name, letter case
    /// and diacritics aside.
    pub fn sees(
        &self,
        host_id: Option<Uuid>,
        host_name: &str,
        co_organisers: &[String],
    ) -> Option<&Organisation> {
        self.organisations.iter().find(|o| {
            let name = fold(&o.name);
            host_id == Some(o.id)
                || (host_id.is_none() && fold(host_name) == name)
                || co_organisers.iter().any(|c| fold(c) == name)
        })
    }

    pub fn sees_row(&self, row: &OrganisedProgramme) -> bool {
        let host = row
            .host_organisation_id
            .as_deref()
            .and_then(|id| Uuid::parse_str(id).ok());
        self.sees(host, &row.summary.host_organisation, &row.co_organisers)
            .is_some()
    }

    /// The ids and names to read candidate programmes with.
    pub fn keys(&self) -> (Vec<Uuid>, Vec<String>) {
        (
            self.organisations.iter().map(|o| o.id).collect(),
            self.organisations.iter().map(|o| o.name.clone()).collect(),
        )
    }
}

impl FromRequestParts<WebState> for SignedIn {
    type Rejection = Response;

    /// The person the guard in front of every route let in (see `compose::guard`). A page
    /// reached without one was not meant to be open; it is refused as to anyone
    /// signed out.
    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Response> {
        let Ok(PageLang(lang)) = PageLang::from_request_parts(parts, state).await;
        let Some(actor) = parts.extensions.get::<Actor>().cloned() else {
            return Err(
                if parts.method == Method::GET || parts.method == Method::HEAD {
                    Redirect::to("/sign-in").into_response()
                } else {
                    pages::forbidden(lang, words(lang).forbidden_session)
                },
            );
        };
        let session = cookies::get(&parts.headers, cookies::SESSION)
            .unwrap_or_default()
            .to_string();
        let mut organisations: Vec<Organisation> = Vec::new();
        for seat in &actor.seats {
            match organisations
                .iter_mut()
                .find(|o| o.id == seat.organisation_id)
            {
                Some(organisation) => organisation.roles.push(seat.role),
                None => organisations.push(Organisation {
                    id: seat.organisation_id,
                    name: if seat.organisation_name.is_empty() {
                        seat.organisation_id.to_string()
                    } else {
                        seat.organisation_name.clone()
                    },
                    roles: vec![seat.role],
                }),
            }
        }
        let csrf = csrf_token(&state.approvals.secret, &session);
        // A form's target is no page to come back to: after a post, back to the start.
        let path = if parts.method == Method::GET {
            page_path(&parts.uri)
        } else {
            "/home".to_owned()
        };
        Ok(SignedIn {
            path,
            email: actor.email.clone(),
            name: actor.name.clone(),
            actor,
            organisations,
            lang,
            session,
            csrf,
        })
    }
}

/// The page's path and query without `lang=`, which would override the language chosen.
fn page_path(uri: &axum::http::Uri) -> String {
    let query: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
        .collect();
    if query.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{}", uri.path(), query.join("&"))
    }
}
