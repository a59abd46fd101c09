//! Who is signed in, what they may see, and the CSRF token of their forms.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Lang;
use domain::access::{AccessRole, UserAccount, account_id};
use domain::directory::Directory;
use projector::fold;
use projector::queries::OrganisedProgramme;
use uuid::Uuid;
use workflow::links::LinkSecret;

use crate::api_scope;
use crate::cookies;
use crate::form::Form;
use crate::lang::PageLang;
use crate::pages;
use crate::sessions;
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
}

/// What the shared page header needs.
pub struct Nav {
    pub name: String,
    pub csrf: String,
    /// Whether the menu offers the administrator's page.
    pub admin: bool,
}

impl SignedIn {
    pub fn nav(&self) -> Nav {
        Nav {
            name: self.name.clone(),
            csrf: self.csrf.clone(),
            admin: self
                .organisations
                .iter()
                .any(|o| o.roles.contains(&AccessRole::Administrator)),
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

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Response> {
        let Ok(PageLang(lang)) = PageLang::from_request_parts(parts, state).await;
        let refuse = || {
            if parts.method == Method::GET || parts.method == Method::HEAD {
                Redirect::to("/sign-in").into_response()
            } else {
                pages::forbidden(lang, words(lang).forbidden_session)
            }
        };
        let Some(session) = cookies::get(&parts.headers, cookies::SESSION).map(String::from) else {
            return Err(refuse());
        };
        let email = match sessions::find(&state.pool, &session).await {
            Ok(Some(email)) => email,
            Ok(None) => return Err(refuse()),
            Err(error) => return Err(pages::unavailable(lang, &error)),
        };
        let account = state
            .store
            .load::<UserAccount>(account_id(&email))
            .await
            .map_err(|e| pages::unavailable(lang, &e))?
            .state;
        if !account.is_active() {
            return Err(refuse());
        }
        let mut organisations = Vec::new();
        for id in account.organisations() {
            let directory = state
                .store
                .load::<Directory>(id)
                .await
                .map_err(|e| pages::unavailable(lang, &e))?;
            let name = directory
                .state
                .record()
                .map_or_else(|| id.to_string(), |r| r.name.clone());
            let roles = account
                .grants
                .iter()
                .filter(|g| g.organisation_id == id)
                .map(|g| g.role)
                .collect();
            organisations.push(Organisation { id, name, roles });
        }
        let csrf = csrf_token(&state.approvals.secret, &session);
        Ok(SignedIn {
            email,
            name: account.name,
            organisations,
            lang,
            session,
            csrf,
        })
    }
}

/// For the JSON API when `require_sign_in` is set: requests without a live session get a
/// JSON 401.
pub async fn require_api_session(
    axum::extract::State(state): axum::extract::State<WebState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let open = !path.starts_with("/api/");
    let session = cookies::get(request.headers(), cookies::SESSION).map(String::from);
    if open {
        return next.run(request).await;
    }
    let signed_in = match session {
        Some(id) => sessions::find(&state.pool, &id).await.ok().flatten(),
        None => None,
    };
    let Some(email) = signed_in else {
        return api_refusal(
            StatusCode::UNAUTHORIZED,
            r#"{"code":"sign_in_required","message":"Cần đăng nhập (Sign in required): /sign-in","fields":[]}"#,
        );
    };
    if let Some(scope) = api_scope::scope_of(path) {
        let (mut parts, body) = request.into_parts();
        let allowed = match SignedIn::from_request_parts(&mut parts, &state).await {
            Ok(user) => api_scope::allowed(&state, &user, scope).await,
            Err(_) => Ok(false),
        };
        match allowed {
            Ok(true) => request = axum::extract::Request::from_parts(parts, body),
            Ok(false) => {
                return api_refusal(
                    StatusCode::FORBIDDEN,
                    r#"{"code":"not_your_organisation","message":"Chương trình này không thuộc đơn vị của đồng chí (This programme is not your organisation's)","fields":[]}"#,
                );
            }
            Err(error) => {
                tracing::error!(%error, "checking who may reach a programme");
                return api_refusal(
                    StatusCode::SERVICE_UNAVAILABLE,
                    r#"{"code":"service_unavailable","message":"Dịch vụ tạm thời gián đoạn, chưa ghi gì; xin thử lại sau ít phút (The service is temporarily unavailable; nothing was saved)","fields":[]}"#,
                );
            }
        }
    }
    // The API names the actor after the session, and lets administrators manage roles.
    request
        .extensions_mut()
        .insert(http_common::SignedInAs(email));
    next.run(request).await
}

fn api_refusal(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
