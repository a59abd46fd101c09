use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::delegation::{Delegation, DelegationCommand, Item, ItemKind, TaskStatus};
use domain::values::Contact;
use domain::{Entity, Lang};
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::command::{CommandResponse, parse_id, run};
use crate::error::ApiError;
use crate::json_body::{self, JsonBody};
use crate::request_meta::RequestMeta;
use crate::state::AppState;

/// The lists of a delegation as they appear in paths.
fn kind_of(lang: Lang, segment: &str) -> Result<(ItemKind, &'static str), ApiError> {
    Ok(match segment {
        "travel-legs" => (ItemKind::TravelLeg, "travel_leg"),
        "stays" => (ItemKind::Stay, "stay"),
        "interpreters" => (ItemKind::Interpreter, "interpreter"),
        "gifts" => (ItemKind::Gift, "gift"),
        "itinerary" => (ItemKind::Agenda, "agenda"),
        "checklist" => (ItemKind::Task, "task"),
        _ => return Err(ApiError::no_route(lang)),
    })
}

/// Reads an item from its fields, with `id` given by the path or made anew, so that the
/// item's own shape errors name its fields (`item.departs.timezone`).
fn item_from(
    lang: Lang,
    tag: &str,
    id: Uuid,
    mut fields: Map<String, Value>,
) -> Result<(Option<u64>, Item), ApiError> {
    let expected_version = match fields.remove("expected_version") {
        None | Some(Value::Null) => None,
        Some(value) => Some(json_body::parse::<u64>(lang, value.to_string().as_bytes())?),
    };
    fields.insert("id".into(), Value::String(id.to_string()));
    let tagged = serde_json::json!({ "kind": tag, "item": fields });
    let item = json_body::parse(lang, tagged.to_string().as_bytes())?;
    Ok((expected_version, item))
}

/// `POST /api/delegations/{id}/{list}`: adds a travel leg, stay, interpreter, gift,
/// itinerary item or checklist task.
pub async fn save_item(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, list)): Path<(String, String)>,
    JsonBody(fields): JsonBody<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let (_, tag) = kind_of(meta.lang, &list)?;
    let item_id = Uuid::now_v7();
    let (expected_version, item) = item_from(meta.lang, tag, item_id, fields)?;
    let answer = run(
        &state,
        &meta,
        id,
        expected_version,
        &DelegationCommand::SaveItem { item },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        [(
            header::LOCATION,
            format!("/api/delegations/{id}/{list}/{item_id}"),
        )],
        axum::Json(serde_json::json!({ "item_id": item_id, "result": answer })),
    )
        .into_response())
}

/// `PUT /api/delegations/{id}/{list}/{item_id}`: replaces an item.
pub async fn replace_item(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, list, item_id)): Path<(String, String, String)>,
    JsonBody(fields): JsonBody<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let (kind, tag) = kind_of(meta.lang, &list)?;
    let item_id = item_id_of(&state, meta.lang, id, kind, &item_id).await?;
    let (expected_version, item) = item_from(meta.lang, tag, item_id, fields)?;
    Ok(run(
        &state,
        &meta,
        id,
        expected_version,
        &DelegationCommand::SaveItem { item },
    )
    .await?
    .into_response())
}

/// An existing item's id from the path; 404 for an unknown one, so that `PUT` never
/// creates.
async fn item_id_of(
    state: &AppState,
    lang: Lang,
    id: Uuid,
    kind: ItemKind,
    raw: &str,
) -> Result<Uuid, ApiError> {
    let not_found = || ApiError::not_found(lang, Entity::Delegation);
    let item_id = Uuid::parse_str(raw).map_err(|_| not_found())?;
    let loaded = state.store.load::<Delegation>(id).await?;
    match loaded.state.record() {
        Some(record) if record.item(kind, item_id).is_some() => Ok(item_id),
        _ => Err(not_found()),
    }
}

/// `DELETE /api/delegations/{id}/{list}/{item_id}`.
pub async fn remove_item(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, list, item_id)): Path<(String, String, String)>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let (kind, _) = kind_of(meta.lang, &list)?;
    let item_id = item_id_of(&state, meta.lang, id, kind, &item_id).await?;
    Ok(run(
        &state,
        &meta,
        id,
        None,
        &DelegationCommand::RemoveItem { kind, id: item_id },
    )
    .await?
    .into_response())
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    expected_version: Option<u64>,
    status: TaskStatus,
}

/// `POST /api/delegations/{id}/checklist/{task_id}/status`.
pub async fn set_task_status(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, task_id)): Path<(String, String)>,
    JsonBody(request): JsonBody<StatusRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let task_id = item_id_of(&state, meta.lang, id, ItemKind::Task, &task_id).await?;
    let command = DelegationCommand::SetTaskStatus {
        task_id,
        status: request.status,
    };
    Ok(run(&state, &meta, id, request.expected_version, &command)
        .await?
        .into_response())
}

#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrefillRequest {
    expected_version: Option<u64>,
    /// Who owns the tasks; the programme's coordinator when left out.
    owner: Option<Contact>,
}

/// `POST /api/delegations/{id}/checklist/prefill`: adds the checklist template of the
/// programme's kind, through the application's use case.
pub async fn prefill_checklist(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<PrefillRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let app::Ran { outcome, visible } = state
        .commands
        .prefill_checklist(
            &meta.command_meta(),
            id,
            request.expected_version,
            request.owner,
        )
        .await
        .map_err(|error| ApiError::from_execute(meta.lang, error))?;
    Ok(CommandResponse::of(id, outcome, visible).into_response())
}
