use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::delegation::{Delegation, DelegationCommand, NewMember, PersonalDetails};
use domain::{Entity, FieldError, Problem};
use logistics::{ImportError, MAX_IMPORT_ROWS};
use serde::Deserialize;
use uuid::Uuid;
use vault::DataKey;

use super::command::{CommandResponse, parse_id, run};
use crate::error::{ApiError, pick};
use crate::json_body::{self, JsonBody, NoFields};
use crate::request_meta::RequestMeta;
use crate::state::AppState;

/// The most bytes one roster upload may have: 2,000 full rows fit with room to spare, and
/// a larger file is refused before it is read.
pub const MAX_UPLOAD: usize = 8 * 1024 * 1024;

/// Room left in a NATS message for the envelope around an event's data.
const ENVELOPE_ROOM: usize = 4096;

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

/// Seals each member with a new key of their own, keeps the keys, then appends one event
/// for them all. When the command is refused nothing was appended, and the keys made for
/// it are deleted again.
async fn add_members(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    members: Vec<PersonalDetails>,
) -> Result<CommandResponse, ApiError> {
    let mut keys = Vec::with_capacity(members.len());
    let mut new_members = Vec::with_capacity(members.len());
    for details in members {
        let details = details.normalised();
        let person_id = Uuid::now_v7();
        let key = DataKey::generate();
        let sealed = key.seal(person_id, &details);
        keys.push((person_id, key));
        new_members.push(NewMember {
            person_id,
            details,
            sealed,
        });
    }
    let event_size: usize = new_members
        .iter()
        .map(|m| m.sealed.0.len() + 64)
        .sum::<usize>()
        + ENVELOPE_ROOM;
    let limit = state.nats.server_info().max_payload;
    if event_size > limit {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "roster_too_large",
            pick(
                meta.lang,
                format!(
                    "Danh sách quá lớn để lưu trong một lần (máy chủ sự kiện nhận tối đa {} KiB mỗi thay đổi); hãy chia thành nhiều tệp nhỏ hơn. Chưa có gì được lưu.",
                    limit / 1024
                ),
                format!(
                    "The roster is too large to save in one change (the event server takes at most {} KiB per change); split it into smaller files. Nothing was saved.",
                    limit / 1024
                ),
            ),
        ));
    }
    let ids: Vec<Uuid> = keys.iter().map(|(id, _)| *id).collect();
    state.vault.store(&keys).await?;
    let command = DelegationCommand::AddMembers {
        members: new_members,
    };
    match run(state, meta, id, expected_version, &command).await {
        Ok(answer) => Ok(answer),
        Err(error) => {
            // Refusals append nothing: their keys would only ever open nothing. After an
            // infrastructure failure the event may have been stored, so the keys stay.
            if error.status != StatusCode::SERVICE_UNAVAILABLE || error.code == "too_busy" {
                let _ = state.vault.forget(&ids).await;
            }
            Err(error)
        }
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
    let refusal = match error {
        ImportError::Empty => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "roster_empty",
            pick(
                lang,
                "Tệp không có dòng tiêu đề hoặc không có thành viên nào.",
                "The file has no heading line or no members.",
            ),
        ),
        ImportError::TooManyRows { rows, max } => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "roster_too_many_rows",
            pick(
                lang,
                format!(
                    "Tệp có {rows} dòng; mỗi lần chỉ nhận tối đa {max} thành viên. Chưa có gì được lưu."
                ),
                format!(
                    "The file has {rows} rows; at most {max} members can be uploaded at once. Nothing was saved."
                ),
            ),
        ),
        ImportError::MissingColumns(columns) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "roster_missing_columns",
            pick(
                lang,
                format!("Tệp thiếu cột: {}.", columns.join(", ")),
                format!("The file lacks the columns: {}.", columns.join(", ")),
            ),
        ),
        ImportError::NotAWorkbook => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "roster_unreadable",
            pick(
                lang,
                "Không đọc được tệp Excel này (.xlsx). Hãy lưu lại bằng Excel hoặc LibreOffice, hoặc lưu dạng CSV UTF-8.",
                "This Excel file (.xlsx) cannot be read. Save it again with Excel or LibreOffice, or as CSV UTF-8.",
            ),
        ),
        ImportError::Rows(problems) => {
            let count = problems.len();
            let rows: Vec<serde_json::Value> = problems
                .iter()
                .map(|p| {
                    let mut value = serde_json::to_value(p).expect("row problems serialise");
                    value["message"] = p.message(lang).into();
                    value
                })
                .collect();
            let error = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "roster_rows_invalid",
                pick(
                    lang,
                    format!(
                        "Có {count} lỗi trong tệp; chưa có thành viên nào được lưu. Hãy sửa các dòng dưới đây rồi tải lên lại."
                    ),
                    format!(
                        "The file has {count} problems; no member was saved. Fix the rows below and upload it again."
                    ),
                ),
            );
            let body = serde_json::json!({
                "code": error.code,
                "message": error.message,
                "rows": rows,
            });
            return (error.status, axum::Json(body)).into_response();
        }
    };
    refusal.into_response()
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

/// `PUT /api/delegations/{id}/members/{person_id}`: replaces a member's details. They are
/// sealed again with the member's own key.
pub async fn update_member(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, person_id)): Path<(String, String)>,
    JsonBody(request): JsonBody<MemberRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, &id)?;
    let person_id = member_path(meta.lang, &person_id)?;
    let keys = state.vault.keys(&[person_id]).await?;
    let Some(key) = keys.get(&person_id) else {
        // No key: never added here, or forgotten.
        let state_now = state.store.load::<Delegation>(id).await?;
        let problem = match state_now.state.record().and_then(|r| r.member(person_id)) {
            Some(slot) if slot.forgotten => Problem::Forgotten,
            _ if state_now.state.record().is_none() => {
                return Err(ApiError::not_found(meta.lang, Entity::Delegation));
            }
            _ => Problem::Unknown,
        };
        return Err(ApiError::invalid_fields(
            meta.lang,
            &[FieldError::new("person_id", problem)],
        ));
    };
    let details = request.details.normalised();
    let sealed = key.seal(person_id, &details);
    let command = DelegationCommand::UpdateMember {
        member: NewMember {
            person_id,
            details,
            sealed,
        },
    };
    Ok(run(&state, &meta, id, request.expected_version, &command)
        .await?
        .into_response())
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
    let command = DelegationCommand::RemoveMember { person_id };
    Ok(run(&state, &meta, id, request.expected_version, &command)
        .await?
        .into_response())
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
    let loaded = state.store.load::<Delegation>(id).await?;
    let Some(record) = loaded.state.record() else {
        return Err(ApiError::not_found(meta.lang, Entity::Delegation));
    };
    // Only a member of this delegation may be forgotten through it.
    if record.member(person_id).is_none() {
        return Err(ApiError::invalid_fields(
            meta.lang,
            &[FieldError::new("person_id", Problem::Unknown)],
        ));
    }
    state.vault.forget(&[person_id]).await?;
    let answer = run(
        &state,
        &meta,
        id,
        None,
        &DelegationCommand::ForgetPerson { person_id },
    )
    .await?;
    // The key is already deleted and the forget recorded; a server that does not let us
    // push it out of its files is the operator's to fix, not a reason to answer an error.
    if let Err(error) = state.vault.scrub_forgotten_keys().await {
        tracing::warn!(%error, "a forgotten key may stay in PostgreSQL's files for a while");
    }
    Ok(answer.into_response())
}
