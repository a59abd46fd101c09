//! Organisations, their committees and members, substitutes and approval routes.

use app::Ran;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::approval::{Committee, DecisionRule, Member, Person, Role, Substitution};
use domain::directory::{Directory, DirectoryCommand, OrganisationKind, Route, RouteStage};
use domain::programme::ProgrammeKind;
use domain::{Entity, FieldError, Problem};
use projector::directory_queries;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::routes::command::parse_id;
use crate::state::AppState;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    name: String,
    kind: OrganisationKind,
    province: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRequest {
    name: String,
    email: String,
    role: Role,
    serves_from: NaiveDate,
    serves_until: Option<NaiveDate>,
}

impl MemberRequest {
    fn into_member(self) -> Member {
        Member {
            id: Uuid::now_v7(),
            person: Person {
                name: self.name.trim().to_string(),
                email: self.email.trim().to_string(),
            },
            role: self.role,
            serves_from: self.serves_from,
            serves_until: self.serves_until,
        }
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitteeRequest {
    expected_version: Option<u64>,
    name: String,
    rule: DecisionRule,
    #[serde(default)]
    members: Vec<MemberRequest>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMemberRequest {
    expected_version: Option<u64>,
    name: String,
    email: String,
    role: Role,
    serves_from: NaiveDate,
    serves_until: Option<NaiveDate>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndMembershipRequest {
    expected_version: Option<u64>,
    last_day: NaiveDate,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubstituteRequest {
    expected_version: Option<u64>,
    member_id: Uuid,
    name: String,
    email: String,
    from: NaiveDate,
    until: NaiveDate,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteRequest {
    expected_version: Option<u64>,
    name: String,
    #[serde(default)]
    kinds: Vec<ProgrammeKind>,
    stages: Vec<RouteStage>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    expected_version: Option<u64>,
}

#[derive(Serialize)]
struct Answer {
    id: Uuid,
    version: u64,
    /// The id of what the command created (committee, member or route), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<Uuid>,
    visible: bool,
    organisation: Option<domain::directory::OrganisationRecord>,
}

async fn run(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    command: DirectoryCommand,
    created: Option<Uuid>,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let Ran { outcome, visible } = state
        .commands
        .run::<Directory>(&meta.command_meta(), id, expected_version, &command)
        .await?;
    let answer = Answer {
        id,
        version: outcome.version,
        created,
        visible,
        organisation: outcome.state.record().cloned(),
    };
    let location = format!("/api/organisations/{id}");
    Ok((status, [(header::LOCATION, location)], Json(answer)).into_response())
}

pub async fn register(
    State(state): State<AppState>,
    meta: RequestMeta,
    JsonBody(request): JsonBody<RegisterRequest>,
) -> Result<Response, ApiError> {
    let id = Uuid::now_v7();
    let command = DirectoryCommand::Register {
        id,
        name: request.name,
        kind: request.kind,
        province: request.province,
    };
    let actor = meta
        .person
        .as_ref()
        .ok_or_else(|| ApiError::sign_in_required(meta.lang))?;
    let Ran { outcome, visible } = state
        .commands
        .register_organisation(&meta.command_meta(), actor, id, &command)
        .await?;
    let answer = Answer {
        id,
        version: outcome.version,
        created: None,
        visible,
        organisation: outcome.state.record().cloned(),
    };
    let location = format!("/api/organisations/{id}");
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(answer),
    )
        .into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
pub struct ListParams {
    q: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<ListParams>,
) -> Result<Response, ApiError> {
    let search = params.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let items = directory_queries::organisations(&state.pool, search).await?;
    Ok(Json(serde_json::json!({ "items": items })).into_response())
}

pub async fn detail(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let found = directory_queries::organisation(&state.pool, id).await?;
    let detail = found.ok_or_else(|| ApiError::not_found(meta.lang, Entity::Organisation))?;
    Ok(Json(detail).into_response())
}

pub async fn add_committee(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<CommitteeRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let committee_id = Uuid::now_v7();
    let command = DirectoryCommand::AddCommittee {
        committee: Committee {
            id: committee_id,
            name: request.name.trim().to_string(),
            rule: request.rule,
            members: request
                .members
                .into_iter()
                .map(MemberRequest::into_member)
                .collect(),
            substitutions: vec![],
        },
    };
    let expected = request.expected_version;
    run(
        &state,
        &meta,
        id,
        expected,
        command,
        Some(committee_id),
        StatusCode::CREATED,
    )
    .await
}

fn committee_id(meta: &RequestMeta, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| {
        ApiError::invalid_fields(
            meta.lang,
            &[FieldError::new("committee_id", Problem::Unknown)],
        )
    })
}

pub async fn add_member(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, committee)): Path<(String, String)>,
    JsonBody(request): JsonBody<AddMemberRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let committee_id = committee_id(&meta, &committee)?;
    let member = MemberRequest {
        name: request.name,
        email: request.email,
        role: request.role,
        serves_from: request.serves_from,
        serves_until: request.serves_until,
    }
    .into_member();
    let member_id = member.id;
    let command = DirectoryCommand::AddMember {
        committee_id,
        member,
    };
    let expected = request.expected_version;
    run(
        &state,
        &meta,
        id,
        expected,
        command,
        Some(member_id),
        StatusCode::CREATED,
    )
    .await
}

pub async fn end_membership(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, committee, member)): Path<(String, String, String)>,
    JsonBody(request): JsonBody<EndMembershipRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let committee_id = committee_id(&meta, &committee)?;
    let member_id = Uuid::parse_str(&member).map_err(|_| {
        ApiError::invalid_fields(meta.lang, &[FieldError::new("member_id", Problem::Unknown)])
    })?;
    let command = DirectoryCommand::EndMembership {
        committee_id,
        member_id,
        last_day: request.last_day,
    };
    run(
        &state,
        &meta,
        id,
        request.expected_version,
        command,
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn name_substitute(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, committee)): Path<(String, String)>,
    JsonBody(request): JsonBody<SubstituteRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let committee_id = committee_id(&meta, &committee)?;
    let command = DirectoryCommand::NameSubstitute {
        committee_id,
        substitution: Substitution {
            member_id: request.member_id,
            substitute: Person {
                name: request.name.trim().to_string(),
                email: request.email.trim().to_string(),
            },
            from: request.from,
            until: request.until,
        },
    };
    run(
        &state,
        &meta,
        id,
        request.expected_version,
        command,
        None,
        StatusCode::CREATED,
    )
    .await
}

/// A route may name committees of other organisations (the provincial party committee's
/// standing board); each must exist, which only the adapter can check.
async fn check_route_committees(
    state: &AppState,
    meta: &RequestMeta,
    organisation: Uuid,
    stages: &[RouteStage],
) -> Result<(), ApiError> {
    let mut problems = Vec::new();
    for (index, stage) in stages.iter().enumerate() {
        let owner = stage.organisation_id.unwrap_or(organisation);
        let directory = state.store.load::<Directory>(owner).await?;
        let known = directory
            .state
            .record()
            .is_some_and(|org| org.committee(stage.committee_id).is_some());
        if !known {
            problems.push(FieldError::new(
                format!("stages[{index}].committee_id"),
                Problem::Unknown,
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_fields(meta.lang, &problems))
    }
}

async fn define_route(
    state: AppState,
    meta: RequestMeta,
    id: Uuid,
    route_id: Uuid,
    request: RouteRequest,
    status: StatusCode,
) -> Result<Response, ApiError> {
    check_route_committees(&state, &meta, id, &request.stages).await?;
    let command = DirectoryCommand::DefineRoute {
        route: Route {
            id: route_id,
            name: request.name.trim().to_string(),
            kinds: request.kinds,
            stages: request.stages,
        },
    };
    run(
        &state,
        &meta,
        id,
        request.expected_version,
        command,
        Some(route_id),
        status,
    )
    .await
}

pub async fn add_route(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<RouteRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    define_route(
        state,
        meta,
        id,
        Uuid::now_v7(),
        request,
        StatusCode::CREATED,
    )
    .await
}

pub async fn replace_route(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, route)): Path<(String, String)>,
    JsonBody(request): JsonBody<RouteRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let route_id = Uuid::parse_str(&route).map_err(|_| {
        ApiError::invalid_fields(meta.lang, &[FieldError::new("route_id", Problem::Unknown)])
    })?;
    define_route(state, meta, id, route_id, request, StatusCode::OK).await
}

pub async fn retire_route(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, route)): Path<(String, String)>,
    JsonBody(request): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::Organisation, &id)?;
    let route_id = Uuid::parse_str(&route).map_err(|_| {
        ApiError::invalid_fields(meta.lang, &[FieldError::new("route_id", Problem::Unknown)])
    })?;
    let command = DirectoryCommand::RetireRoute { route_id };
    run(
        &state,
        &meta,
        id,
        request.expected_version,
        command,
        None,
        StatusCode::OK,
    )
    .await
}
