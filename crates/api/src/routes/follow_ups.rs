//! Commands on follow-up reports of programmes and on their action items.
//!
//! A report moves its programme on: once it is submitted the programme is marked held
//! (when it was still approved or in preparation; its report can only be begun once its
//! last day has come, so its start has come too) and followed up; once it is accepted the
//! programme is closed. The use case is `app::Commands::change_report`, shared with the
//! pages: the report's own event is appended first, then the programme's steps, worked
//! out from both states; a request repeated after an interruption finds the report
//! already moved on and completes the programme's steps.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use domain::Entity;
use domain::followup::{
    ActionItem, ActionStatus, FollowUpReport, Gift, MediaLink, ProgrammeFacts, ReportCommand,
    ReportContent, ReportRecord, Spending, report_id_for,
};
use domain::programme::Programme;
use domain::values::Contact;
use serde::Deserialize;
use uuid::Uuid;

use super::command::{Answer, parse_id};
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
    /// How many took part, both sides together; the sum of both sides when left out.
    #[serde(default)]
    actual_attendance: Option<u32>,
    /// Of them, how many on the Vietnamese side; unknown when left out.
    #[serde(default)]
    vietnamese_side: Option<u32>,
    /// Of them, how many on the partner side; unknown when left out.
    #[serde(default)]
    partner_side: Option<u32>,
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
    /// What was spent, each under a budget line of the plan (`budget_line`, its place in
    /// the plan's list from 0) or beside them.
    #[serde(default)]
    spending: Vec<Spending>,
    /// Gifts and donations given and received.
    #[serde(default)]
    gifts: Vec<Gift>,
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
            vietnamese_side: self.vietnamese_side,
            partner_side: self.partner_side,
            attendance_note: self.attendance_note,
            partners_met: self.partners_met,
            media: self.media,
            lessons: self.lessons,
            action_items,
            spending: self.spending,
            gifts: self.gifts,
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

/// Runs one command on a report as `app::Commands::change_report` does: decided with the
/// programme steps it leads to, appended, then the programme moved on.
async fn change(
    state: &AppState,
    meta: &RequestMeta,
    id: Uuid,
    expected_version: Option<u64>,
    command: &ReportCommand,
) -> Result<Answer<ReportRecord>, ApiError> {
    let changed = state
        .commands
        .change_report(&meta.command_meta(), id, expected_version, command, &[])
        .await?;
    Ok(answer(
        id,
        changed.report,
        changed.position,
        changed.visible,
    ))
}

pub async fn draft(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(programme_id): Path<String>,
    JsonBody(content): JsonBody<ContentInput>,
) -> Result<Response, ApiError> {
    let programme_id = parse_id(meta.lang, Entity::Programme, &programme_id)?;
    let programme = state.store.load::<Programme>(programme_id).await?;
    let record = programme
        .state
        .record()
        .ok_or_else(|| ApiError::not_found(meta.lang, Entity::Programme))?;
    let id = report_id_for(programme_id);
    let command = ReportCommand::Draft {
        id,
        programme: ProgrammeFacts::of(record),
        due_after_days: state.config.report_due_days,
        content: content.into_content(None),
    };
    let answer = change(&state, &meta, id, None, &command).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/follow-up-reports/{id}"))],
        Json(answer),
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
    let loaded = state.store.load::<FollowUpReport>(id).await?;
    let current = loaded.state.record().map(|r| &r.content);
    let command = ReportCommand::Revise {
        content: r.content.into_content(current),
    };
    let answer = change(&state, &meta, id, r.expected_version, &command).await?;
    Ok(Json(answer).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &id)?;
    let command = ReportCommand::Submit;
    let answer = change(&state, &meta, id, r.expected_version, &command).await?;
    Ok(Json(answer).into_response())
}

pub async fn accept(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<VersionOnly>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &id)?;
    let command = ReportCommand::Accept;
    let answer = change(&state, &meta, id, r.expected_version, &command).await?;
    Ok(Json(answer).into_response())
}

pub async fn send_back(
    State(state): State<AppState>,
    meta: RequestMeta,
    Path(id): Path<String>,
    JsonBody(r): JsonBody<ReturnRequest>,
) -> Result<Response, ApiError> {
    let id = parse_id(meta.lang, Entity::FollowUpReport, &id)?;
    let command = ReportCommand::Return { comment: r.comment };
    let answer = change(&state, &meta, id, r.expected_version, &command).await?;
    Ok(Json(answer).into_response())
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
    let answer = change(&state, &meta, id, r.expected_version, &command).await?;
    Ok(Json(answer).into_response())
}
