//! People's roles, for administrators: the same grant and revoke commands as
//! `caunoi grant-role` and `caunoi revoke-role`, for the organisations the person keeps
//! the roles of (see `app::access`).

use std::collections::BTreeMap;

use app::Ran;
use app::access::Action;
use app::roles::RevokeError;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::access::{AccessRole, UserAccount};
use domain::directory::Directory;
use domain::{Entity, FieldError, Lang, Problem};
use projector::user_queries;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::command::parse_id;
use crate::error::{ApiError, pick};
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

fn administrators_only(lang: Lang) -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "administrators_only",
        pick(
            lang,
            "Chỉ quản trị viên của tổ chức mới được xem và thay đổi vai trò của tổ chức đó.",
            "Only an organisation's administrators may see and change its roles.",
        ),
    )
}

/// Refused unless the person keeps the roles of `organisation_id`.
fn may_administer(meta: &RequestMeta, organisation_id: Uuid) -> Result<(), ApiError> {
    let administered = meta
        .person
        .as_ref()
        .map(|p| p.organisations_for(Action::KeepRoles))
        .unwrap_or_default();
    if administered.contains(&organisation_id) {
        Ok(())
    } else {
        Err(administrators_only(meta.lang))
    }
}

async fn organisation_exists(
    state: &AppState,
    lang: Lang,
    organisation_id: Uuid,
) -> Result<(), ApiError> {
    let directory = state.store.load::<Directory>(organisation_id).await?;
    match directory.state.record() {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found(lang, Entity::Organisation)),
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct ListParams {
    organisation: Option<String>,
}

#[derive(Serialize)]
struct RoleHeld {
    organisation_id: Uuid,
    organisation_name: Option<String>,
    role: String,
}

#[derive(Serialize)]
struct Person {
    email: String,
    name: String,
    roles: Vec<RoleHeld>,
}

/// Everyone with a role, with their roles; only one organisation's with `?organisation=`,
/// and only the organisations the signed-in administrator keeps.
pub async fn list(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(params): Query<ListParams>,
) -> Result<Response, ApiError> {
    let organisation = params
        .organisation
        .map(|raw| parse_id(meta.lang, Entity::Organisation, &raw))
        .transpose()?;
    let administered = meta
        .person
        .as_ref()
        .map(|p| p.organisations_for(Action::KeepRoles))
        .unwrap_or_default();
    if administered.is_empty() || organisation.is_some_and(|o| !administered.contains(&o)) {
        return Err(administrators_only(meta.lang));
    }
    let rows = user_queries::roles(&state.pool, organisation).await?;
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    for row in rows {
        if !administered.contains(&row.organisation_id) {
            continue;
        }
        let person = people.entry(row.email.clone()).or_insert_with(|| Person {
            email: row.email,
            name: row.name,
            roles: vec![],
        });
        person.roles.push(RoleHeld {
            organisation_id: row.organisation_id,
            organisation_name: row.organisation_name,
            role: row.role,
        });
    }
    let items: Vec<Person> = people.into_values().collect();
    Ok(Json(json!({ "items": items })).into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantRequest {
    /// Needed for a person's first role; kept from their account afterwards.
    #[serde(default)]
    name: String,
    organisation_id: Uuid,
    role: AccessRole,
}

pub async fn grant(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(email): Path<String>,
    JsonBody(request): JsonBody<GrantRequest>,
) -> Result<Response, ApiError> {
    organisation_exists(&state, meta.lang, request.organisation_id).await?;
    may_administer(&meta, request.organisation_id)?;
    let ran = state
        .commands
        .grant_role(
            &meta.command_meta(),
            &email,
            &request.name,
            request.organisation_id,
            request.role,
        )
        .await?;
    Ok(answer(ran))
}

pub async fn revoke(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((email, organisation, role)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    let organisation_id = parse_id(meta.lang, Entity::Organisation, &organisation)?;
    let Some(role) = AccessRole::parse(&role) else {
        return Err(ApiError::invalid_fields(
            meta.lang,
            &[FieldError::new("role", Problem::Unknown)],
        ));
    };
    may_administer(&meta, organisation_id)?;
    let administrators = user_queries::administrators(&state.pool, organisation_id).await?;
    let ran = state
        .commands
        .revoke_role(
            &meta.command_meta(),
            &email,
            organisation_id,
            role,
            &administrators,
        )
        .await
        .map_err(|error| match error {
            RevokeError::LastAdministrator(last) => ApiError::new(
                StatusCode::CONFLICT,
                "last_administrator",
                last.message(meta.lang).to_owned(),
            ),
            RevokeError::Command(error) => ApiError::from_execute(meta.lang, error),
        })?;
    Ok(answer(ran))
}

/// The person's roles as they now stand, after a grant or a revocation.
fn answer(Ran { outcome, visible }: Ran<UserAccount>) -> Response {
    let account = outcome.state;
    let roles: Vec<_> = account
        .grants
        .iter()
        .map(|g| json!({ "organisation_id": g.organisation_id, "role": g.role }))
        .collect();
    let appended: Vec<_> = outcome.appended.iter().map(|e| &e.event_type).collect();
    Json(json!({
        "email": account.email,
        "name": account.name,
        "roles": roles,
        "appended": appended,
        "visible": visible,
    }))
    .into_response()
}
