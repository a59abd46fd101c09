use app::{MembersError, Ran};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::delegation::PersonalDetails;
use domain::{FieldError, Problem};
use logistics::{ImportError, MAX_IMPORT_ROWS};
use serde::Deserialize;
use uuid::Uuid;

use super::command::{CommandResponse, parse_id};
use crate::error::{ApiError, pick};
use crate::json_body::{self, JsonBody, NoFields};
use crate::request_meta::RequestMeta;
use crate::state::AppState;

/// The most bytes one roster upload may have: 2,000 full rows fit with room to spare, and
/// a larger file is refused before it is read.
pub const MAX_UPLOAD: usize = 8 * 1024 * 1024;

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRequest {
    expected_version: Option<u64>,
    #[serde(flatten)]
    details: PersonalDetails,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterUpload {
    expected_version: Option<u64>,
    members: Vec<PersonalDetails>,
}

fn member_path(lang: domain::Lang, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| {
        ApiError::invalid_fields(lang, &[FieldError::new("person_id", Problem::Unknown)])
    })
}

/// Adds the members through the application's use case, which seals each with a key of
/// their own.
async fn add_members(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    members: Vec<PersonalDetails>,
) -> Result<CommandResponse, ApiError> {
    let Ran { outcome, visible } = state
        .commands
        .add_members(
            &state.vault,
            state.nats.server_info().max_payload,
            &meta.command_meta(),
            id,
            expected_version,
            members,
        )
        .await
        .map_err(|error| members_refusal(meta.lang, error))?;
    Ok(CommandResponse::of(id, outcome, visible))
}

fn members_refusal(lang: domain::Lang, error: MembersError) -> ApiError {
    match error {
        MembersError::TooLarge { limit } => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "roster_too_large",
            pick(
                lang,
                format!(
                    "Danh sách quá lớn để lưu trong một lần (máy chủ sự kiện nhận tối đa {} KiB mỗi thay đổi); hãy chia thành nhiều tệp nhỏ hơn. Chưa có gì được lưu.",
                    limit / 1024
                ),
                format!(
                    "The roster is too large to save in one change (the event server takes at most {} KiB per change); split it into smaller files. Nothing was saved.",
                    limit / 1024
                ),
            ),
        ),
        MembersError::Vault(error) => error.into(),
        MembersError::Command(error) => ApiError::from_execute(lang, error),
    }
}

/// `POST /api/delegations/{id}/members`: adds one member.
pub async fn add_member(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<MemberRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let answer = add_members(
        &state,
        &meta,
        id,
        request.expected_version,
        vec![request.details],
    )
    .await?;
    Ok((StatusCode::CREATED, answer).into_response())
}

/// Why an upload was refused; row problems come as `rows`, each with its line, column and
/// message.
fn import_refusal(lang: domain::Lang, error: ImportError) -> Response {
    let refusal = ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        error.code(),
        error.message(lang),
    );
    let ImportError::Rows(problems) = error else {
        return refusal.into_response();
    };
    let rows: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| {
            let mut value = serde_json::to_value(p).expect("row problems serialise");
            value["message"] = p.message(lang).into();
            value
        })
        .collect();
    let body = serde_json::json!({
        "code": refusal.code,
        "message": refusal.message,
        "rows": rows,
    });
    (refusal.status, axum::Json(body)).into_response()
}

/// The content type of an Excel workbook (.xlsx).
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `POST /api/delegations/{id}/members/import`: a whole roster, as an Excel workbook, as
/// CSV (`text/csv`) or as JSON `{"members": [...]}`, all or nothing.
pub async fn import_members(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let body = body.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            pick(
                meta.lang,
                format!(
                    "Tệp tải lên quá lớn (tối đa {} MiB).",
                    MAX_UPLOAD / 1024 / 1024
                ),
                format!(
                    "The upload is too large (at most {} MiB).",
                    MAX_UPLOAD / 1024 / 1024
                ),
            ),
        )
    })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let (expected_version, members) = match content_type.as_str() {
        "application/json" => {
            let upload: RosterUpload = json_body::parse(meta.lang, &body)?;
            if upload.members.len() > MAX_IMPORT_ROWS {
                return Ok(import_refusal(
                    meta.lang,
                    ImportError::TooManyRows {
                        rows: upload.members.len(),
                        max: MAX_IMPORT_ROWS,
                    },
                ));
            }
            (upload.expected_version, upload.members)
        }
        "text/csv" | "text/plain" => match logistics::parse_roster_csv(&body, meta.now) {
            Ok(members) => (None, members),
            Err(error) => return Ok(import_refusal(meta.lang, error)),
        },
        XLSX => match logistics::parse_roster_xlsx(&body, meta.now) {
            Ok(members) => (None, members),
            Err(error) => return Ok(import_refusal(meta.lang, error)),
        },
        _ => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                pick(
                    meta.lang,
                    "Hãy gửi tệp Excel (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), CSV (text/csv) hoặc JSON (application/json).",
                    "Send an Excel workbook (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), a CSV file (text/csv) or JSON (application/json).",
                ),
            ));
        }
    };
    let answer = add_members(&state, &meta, id, expected_version, members).await?;
    Ok((StatusCode::CREATED, answer).into_response())
}

/// `PUT /api/delegations/{id}/members/{person_id}`: replaces a member's details, sealed
/// again with the member's own key by the application's use case.
pub async fn update_member(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, person_id)): Path<(String, String)>,
    JsonBody(request): JsonBody<MemberRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let person_id = member_path(meta.lang, &person_id)?;
    let Ran { outcome, visible } = state
        .commands
        .update_member(
            &state.vault,
            &meta.command_meta(),
            id,
            person_id,
            request.expected_version,
            request.details,
        )
        .await
        .map_err(|error| members_refusal(meta.lang, error))?;
    Ok(CommandResponse::of(id, outcome, visible).into_response())
}

#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    expected_version: Option<u64>,
}

/// `POST /api/delegations/{id}/members/{person_id}/remove`: takes a member off the roster.
pub async fn remove_member(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, person_id)): Path<(String, String)>,
    JsonBody(request): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let person_id = member_path(meta.lang, &person_id)?;
    let Ran { outcome, visible } = state
        .commands
        .remove_member(
            &meta.command_meta(),
            id,
            person_id,
            request.expected_version,
        )
        .await
        .map_err(|error| ApiError::from_execute(meta.lang, error))?;
    Ok(CommandResponse::of(id, outcome, visible).into_response())
}

/// `POST /api/delegations/{id}/members/{person_id}/forget`: erases a person's personal
/// data for good. Their key is deleted first — from that moment nothing sealed for them
/// can be read, here or in any copy of the log — then the fact is recorded, and the key is
/// pushed out of PostgreSQL's files before the answer.
pub async fn forget_member(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, person_id)): Path<(String, String)>,
    // Forgetting is for good: a body that is not what was meant stops it.
    JsonBody(_): JsonBody<NoFields>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let person_id = member_path(meta.lang, &person_id)?;
    let Ran { outcome, visible } = state
        .commands
        .forget_member(&state.vault, &meta.command_meta(), id, person_id)
        .await
        .map_err(|error| members_refusal(meta.lang, error))?;
    let answer = CommandResponse::of(id, outcome, visible);
    Ok(answer.into_response())
}
