use app::Ran;
use app::access::Action;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Days, NaiveDate};
use domain::delegation::{BORDER_GATES, Direction, PersonalDetails};
use domain::privacy::ReadView;
use domain::{Entity, FieldError, Lang, Problem};
use logistics::Roster;
use projector::delegation_queries::{self, ChecklistRow};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use super::command::{CommandResponse, parse_id};
use crate::error::ApiError;
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenRequest {
    name: String,
    direction: Direction,
}

/// `POST /api/programmes/{id}/delegations`: opens the delegation an approved programme
/// sends or receives. An approved programme moves on to being prepared first; doing that
/// again changes nothing, so a retry after a failure in between is safe.
pub async fn open(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(programme_id): Path<String>,
    JsonBody(request): JsonBody<OpenRequest>,
) -> Result<Response, ApiError> {
    let programme_id = Uuid::parse_str(&programme_id)
        .map_err(|_| ApiError::not_found(meta.lang, Entity::Programme))?;
    let (id, Ran { outcome, visible }) = state
        .commands
        .open_delegation(
            &meta.command_meta(),
            programme_id,
            request.name,
            request.direction,
        )
        .await?;
    let answer = CommandResponse::of(id, outcome, visible);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/delegations/{id}"))],
        answer,
    )
        .into_response())
}

pub async fn list_for_programme(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(programme_id): Path<String>,
) -> Result<Response, ApiError> {
    let programme_id = Uuid::parse_str(&programme_id)
        .map_err(|_| ApiError::not_found(meta.lang, Entity::Programme))?;
    let items = delegation_queries::for_programme(&state.pool, programme_id).await?;
    Ok(Json(json!({ "items": items })).into_response())
}

/// Opens the roster, or answers 404.
pub async fn load(state: &AppState, lang: Lang, id: Uuid) -> Result<Roster, ApiError> {
    logistics::load_roster(&state.pool, &state.vault, id)
        .await?
        .ok_or_else(|| ApiError::not_found(lang, Entity::Delegation))
}

/// Opens the roster to show members' personal data through `view`, once the read is
/// recorded; a read that cannot be recorded is not served.
pub async fn load_personal(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    view: ReadView,
) -> Result<Roster, ApiError> {
    let roster = load(state, meta.lang, id).await?;
    state
        .commands
        .record_personal_data_read(&meta.command_meta(), id, view)
        .await
        .map_err(|e| ApiError::from_execute(meta.lang, e))?;
    Ok(roster)
}

#[derive(Serialize)]
struct MemberView<'a> {
    person_id: Uuid,
    position: usize,
    /// Forgotten: every personal field is gone for good.
    redacted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<&'a PersonalDetails>,
}

/// `GET /api/delegations/{id}`: the delegation with its roster opened and its warnings.
pub async fn detail(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let roster = load_personal(&state, &meta, id, ReadView::Api).await?;
    let record = &roster.delegation.record;
    let plan = &roster.programme.record.plan;
    let warnings: Vec<Value> = roster
        .warnings
        .iter()
        .map(|w| {
            let mut value = serde_json::to_value(w).expect("warnings serialise");
            value["message"] = w.message(meta.lang).into();
            value
        })
        .collect();
    let members: Vec<MemberView<'_>> = roster
        .members
        .iter()
        .map(|m| MemberView {
            person_id: m.person_id,
            position: m.position,
            redacted: m.is_redacted(),
            details: m.details.as_ref(),
        })
        .collect();
    Ok(Json(json!({
        "id": id,
        "version": roster.delegation.version,
        "updated_at": roster.delegation.updated_at,
        "name": record.name,
        "direction": record.direction,
        "programme": {
            "id": record.programme_id,
            "title": plan.title,
            "kind": plan.kind,
            "status": roster.programme.record.status,
            "schedule": plan.schedule,
            "expected_delegation_size": plan.expected_delegation_size,
        },
        "members": members,
        "warnings": warnings,
        "travel_legs": record.legs,
        "stays": record.stays,
        "interpreters": record.interpreters,
        "gifts": record.gifts,
        "itinerary": record.agenda,
        "checklist": record.tasks,
    }))
    .into_response())
}

pub async fn history(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let events = delegation_queries::history(&state.pool, id).await?;
    if events.is_empty() {
        return Err(ApiError::not_found(meta.lang, Entity::Delegation));
    }
    Ok(Json(json!({ "id": id, "events": events })).into_response())
}

/// `GET /api/border-gates`: the gates a travel leg can name.
pub async fn border_gates() -> Response {
    let gates: Vec<Value> = BORDER_GATES
        .iter()
        .map(|g| {
            json!({
                "code": g.code,
                "name": g.name,
                "province": g.province,
                "facing": g.facing_vi,
                "facing_zh": g.facing_zh,
            })
        })
        .collect();
    Json(json!({ "items": gates })).into_response()
}

/// Tasks due within this many days are "due soon".
const DUE_SOON_DAYS: u64 = 7;

#[derive(Deserialize, schemars::JsonSchema)]
pub struct BoardParams {
    owner: Option<String>,
    delegation: Option<String>,
    today: Option<String>,
}

#[derive(Serialize, Default)]
struct OwnerLoad {
    owner_name: String,
    owner_email: String,
    open: usize,
    overdue: usize,
    due_soon: usize,
}

/// `GET /api/checklist`: open tasks in three columns (overdue, due soon, later) and a count
/// per owner. `today` (YYYY-MM-DD) defaults to today in Vietnam.
pub async fn checklist_board(
    State(state): State<AppState>,
    meta: RequestMeta,
    Query(params): Query<BoardParams>,
) -> Result<Response, ApiError> {
    let mut problems = Vec::new();
    let today = match params
        .today
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        None => meta.today(),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| {
            problems.push(FieldError::new("today", Problem::NotADate));
            NaiveDate::MIN
        }),
    };
    let delegation = match params.delegation.as_deref().filter(|d| !d.is_empty()) {
        None => None,
        Some(text) => match Uuid::parse_str(text) {
            Ok(id) => Some(id),
            Err(_) => {
                problems.push(FieldError::new("delegation", Problem::Unknown));
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(ApiError::invalid_fields(meta.lang, &problems));
    }
    let owner = params
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    // Only the tasks of programmes the person's own organisations host: the board names
    // delegations, tasks and their owners.
    let hosts = meta.signed_in()?.organisations_for(Action::SeeProgramme);
    let tasks =
        delegation_queries::open_tasks(&state.pool, delegation, owner, Some(&hosts)).await?;
    let soon = today + Days::new(DUE_SOON_DAYS);
    let (mut overdue, mut due_soon, mut later) = (vec![], vec![], vec![]);
    let mut owners: Vec<OwnerLoad> = Vec::new();
    for task in tasks {
        let load = match owners
            .iter_mut()
            .position(|o| o.owner_email.eq_ignore_ascii_case(&task.owner_email))
        {
            Some(i) => &mut owners[i],
            None => {
                owners.push(OwnerLoad {
                    owner_name: task.owner_name.clone(),
                    owner_email: task.owner_email.clone(),
                    ..OwnerLoad::default()
                });
                owners.last_mut().expect("just pushed")
            }
        };
        load.open += 1;
        let column: &mut Vec<ChecklistRow> = if task.due_on < today {
            load.overdue += 1;
            &mut overdue
        } else if task.due_on <= soon {
            load.due_soon += 1;
            &mut due_soon
        } else {
            &mut later
        };
        column.push(task);
    }
    owners.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(b.open.cmp(&a.open)));
    Ok(Json(json!({
        "today": today,
        "due_soon_days": DUE_SOON_DAYS,
        "overdue": overdue,
        "due_soon": due_soon,
        "later": later,
        "by_owner": owners,
    }))
    .into_response())
}
