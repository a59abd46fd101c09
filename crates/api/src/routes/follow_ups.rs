//! Commands on follow-up reports of programmes and on their action items.
//!
//! A report moves its programme on: once it is submitted the programme is marked held
//! (when it was still approved or in preparation; its report can only be begun once its
//! last day has come, so its start has come too) and followed up; once it is accepted the
//! programme is closed. The report's own event is appended first, then the programme's
//! steps, worked out from both states; a request repeated after an interruption finds the
//! report already moved on and completes the programme's steps.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::followup::{
    ActionItem, ActionStatus, FollowUpReport, MediaLink, ProgrammeFacts, ReportCommand,
    ReportContent, ReportRecord, programme_steps, report_id_for,
};
use domain::programme::Programme;
use domain::values::Contact;
use domain::{Aggregate, CommandContext, Entity};
use serde::Deserialize;
use uuid::Uuid;

use super::command::{Answer, execute, parse_id, visible};
use crate::error::ApiError;
use crate::json_body::JsonBody;
use crate::request_meta::RequestMeta;
use crate::state::AppState;

/// An action item as sent: new items come without an id and get one.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItemInput {
    id: Option<Uuid>,
    title: String,
    #[serde(default)]
    owner: Option<Contact>,
    #[serde(default)]
    due_on: Option<NaiveDate>,
    #[serde(default)]
    status: Option<ActionStatus>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentInput {
    #[serde(default)]
    outcomes: String,
    #[serde(default)]
    actual_attendance: Option<u32>,
    #[serde(default)]
    attendance_note: Option<String>,
    #[serde(default)]
    partners_met: Vec<String>,
    #[serde(default)]
    media: Vec<MediaLink>,
    #[serde(default)]
    lessons: String,
    #[serde(default)]
    action_items: Vec<ActionItemInput>,
}

impl ContentInput {
    /// The content to store; items keep the day they were done when they stay done.
    fn into_content(self, current: Option<&ReportContent>) -> ReportContent {
        let action_items = self
            .action_items
            .into_iter()
            .map(|item| {
                let id = item.id.unwrap_or_else(Uuid::now_v7);
                let status = item.status.unwrap_or(ActionStatus::Open);
                let done_on = current
                    .and_then(|c| c.action_items.iter().find(|i| i.id == id))
                    .filter(|i| i.status == status)
                    .and_then(|i| i.done_on);
                ActionItem {
                    id,
                    title: item.title,
                    owner: item.owner,
                    due_on: item.due_on,
                    status,
                    note: item.note,
                    done_on,
                }
            })
            .collect();
        ReportContent {
            outcomes: self.outcomes,
            actual_attendance: self.actual_attendance,
            attendance_note: self.attendance_note,
            partners_met: self.partners_met,
            media: self.media,
            lessons: self.lessons,
            action_items,
        }
    }
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviseRequest {
    expected_version: Option<u64>,
    content: ContentInput,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    expected_version: Option<u64>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnRequest {
    expected_version: Option<u64>,
    comment: String,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItemUpdate {
    expected_version: Option<u64>,
    status: ActionStatus,
    note: Option<String>,
}

fn answer(
    id: Uuid,
    outcome: eventstore::Outcome<FollowUpReport>,
    position: u64,
    seen: bool,
) -> Answer<ReportRecord> {
    let record = outcome.state.record().cloned();
    let status = record
        .as_ref()
        .map_or("", |r| r.status.as_str())
        .to_string();
    let mut answer = Answer::new(id, outcome, seen, record, status);
    answer.position = position;
    answer
}

async fn load<A: Aggregate>(
    state: &AppState,
    meta: &RequestMeta,
    entity: Entity,
    id: Uuid,
) -> Result<eventstore::Loaded<A>, ApiError> {
    let loaded = state.store.load::<A>(id).await?;
    if loaded.version == 0 {
        return Err(ApiError::not_found(meta.lang, entity));
    }
    Ok(loaded)
}

/// Brings the programme in line with its report; returns the newest stream position.
async fn settle_programme(
    state: &AppState,
    meta: &RequestMeta,
    report: &ReportRecord,
) -> Result<u64, ApiError> {
    let programme_id = report.programme.programme_id;
    let loaded = load::<Programme>(state, meta, Entity::Programme, programme_id).await?;
    let record = loaded.state.record().expect("a loaded programme exists");
    let mut position = loaded.last_sequence;
    for step in programme_steps(record, report)? {
        let outcome = execute::<Programme>(state, meta, programme_id, None, &step).await?;
        position = position.max(outcome.position);
    }
    Ok(position)
}

/// Submits or accepts a report, after checking that its programme can follow, so that a
/// refusal appends nothing.
async fn hand_on(
    state: AppState,
    meta: RequestMeta,
    raw_id: String,
    expected_version: Option<u64>,
    command: ReportCommand,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &raw_id)?;
    let loaded = load::<FollowUpReport>(&state, &meta, Entity::FollowUpReport, id).await?;
    let context = CommandContext {
        now: meta.command_meta().now,
        actor: meta.actor.clone(),
    };
    let events = loaded.state.decide_checked(&command, &context)?;
    let after = events.iter().fold(loaded.state.clone(), |s, e| s.evolve(e));
    let report = after.record().expect("a loaded report exists");
    let programme = load::<Programme>(
        &state,
        &meta,
        Entity::Programme,
        report.programme.programme_id,
    )
    .await?;
    programme_steps(programme.state.record().expect("it exists"), report)?;

    let outcome = execute::<FollowUpReport>(&state, &meta, id, expected_version, &command).await?;
    let report = outcome.state.record().expect("the report exists").clone();
    let position = settle_programme(&state, &meta, &report)
        .await?
        .max(outcome.position);
    let seen = visible(&state, position).await;
    Ok(Json(answer(id, outcome, position, seen)).into_response())
}

async fn simple(
    state: AppState,
    meta: RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    command: ReportCommand,
) -> Result<Response, ApiError> {
    let outcome = execute::<FollowUpReport>(&state, &meta, id, expected_version, &command).await?;
    let position = outcome.position;
    let seen = visible(&state, position).await;
    Ok(Json(answer(id, outcome, position, seen)).into_response())
}

pub async fn draft(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(programme_id): Path<String>,
    JsonBody(content): JsonBody<ContentInput>,
) -> Result<Response, ApiError> {
    let programme_id = parse_id(meta.lang, Entity::Programme, &programme_id)?;
    let programme = load::<Programme>(&state, &meta, Entity::Programme, programme_id).await?;
    let record = programme.state.record().expect("a loaded programme exists");
    let id = report_id_for(programme_id);
    let command = ReportCommand::Draft {
        id,
        programme: ProgrammeFacts::of(record),
        due_after_days: state.config.report_due_days,
        content: content.into_content(None),
    };
    let outcome = execute::<FollowUpReport>(&state, &meta, id, None, &command).await?;
    let position = outcome.position;
    let seen = visible(&state, position).await;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/follow-up-reports/{id}"))],
        Json(answer(id, outcome, position, seen)),
    )
        .into_response())
}

pub async fn revise(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<ReviseRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &id)?;
    let loaded = load::<FollowUpReport>(&state, &meta, Entity::FollowUpReport, id).await?;
    let current = loaded.state.record().map(|r| &r.content);
    let content = r.content.into_content(current);
    simple(
        state,
        meta,
        id,
        r.expected_version,
        ReportCommand::Revise { content },
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    hand_on(state, meta, id, r.expected_version, ReportCommand::Submit).await
}

pub async fn accept(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    hand_on(state, meta, id, r.expected_version, ReportCommand::Accept).await
}

pub async fn send_back(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<ReturnRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &id)?;
    let command = ReportCommand::Return { comment: r.comment };
    simple(state, meta, id, r.expected_version, command).await
}

pub async fn update_action_item(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path((id, item_id)): Path<(String, String)>,
    JsonBody(r): JsonBody<ActionItemUpdate>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &id)?;
    let item_id = Uuid::parse_str(&item_id).map_err(|_| {
        let unknown = domain::FieldError::new("item_id", domain::Problem::Unknown);
        ApiError::invalid_fields(meta.lang, &[unknown])
    })?;
    let command = ReportCommand::UpdateActionItem {
        item_id,
        status: r.status,
        note: r.note,
    };
    simple(state, meta, id, r.expected_version, command).await
}
