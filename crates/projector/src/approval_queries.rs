//! Reads of the approval read models: each programme's approval progress and timeline,
//! and each approver's pending decisions.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

use crate::ProjectorError;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Seat {
    pub round_id: Uuid,
    pub round: i32,
    pub round_status: String,
    pub stage: i32,
    pub committee_id: Uuid,
    pub committee_name: String,
    pub rule: String,
    pub advisory: bool,
    pub stage_status: String,
    pub member_id: Uuid,
    pub chair: bool,
    pub approver_name: String,
    pub approver_email: String,
    pub on_behalf_of_name: Option<String>,
    pub on_behalf_of_email: Option<String>,
    pub link_issued_at: Option<DateTime<Utc>>,
    pub link_expires_at: Option<DateTime<Utc>>,
    pub decision: Option<String>,
    pub comment: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Round {
    pub id: Uuid,
    pub round: i32,
    pub status: String,
    pub first_stage: i32,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TimelineEntry {
    pub sequence: i64,
    pub round_id: Uuid,
    pub occurred_at: DateTime<Utc>,
    pub event_type: String,
    pub actor: String,
    pub data: Value,
}

/// A programme's approval rounds, newest first, with every seat of every stage, and what
/// happened in them, oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct ApprovalProgress {
    pub rounds: Vec<Round>,
    pub seats: Vec<Seat>,
    pub timeline: Vec<TimelineEntry>,
}

const SEAT_COLUMNS: &str = "round_id, round, round_status, stage, committee_id, committee_name, \
    rule, advisory, stage_status, member_id, chair, approver_name, approver_email, \
    on_behalf_of_name, on_behalf_of_email, link_issued_at, link_expires_at, decision, comment, \
    decided_at";

pub async fn progress(
    pool: &PgPool,
    programme_id: Uuid,
) -> Result<ApprovalProgress, ProjectorError> {
    let rounds = sqlx::query_as(
        "SELECT id, round, status, first_stage, opened_at, updated_at FROM caunoi.approval_rounds
         WHERE programme_id = $1 ORDER BY round DESC",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?;
    let seats = sqlx::query_as(&format!(
        "SELECT {SEAT_COLUMNS} FROM caunoi.approval_seats WHERE programme_id = $1
         ORDER BY round DESC, stage, chair DESC, approver_name"
    ))
    .bind(programme_id)
    .fetch_all(pool)
    .await?;
    let timeline = sqlx::query_as(
        "SELECT sequence, round_id, occurred_at, event_type, actor, data
         FROM caunoi.approval_timeline WHERE programme_id = $1 ORDER BY sequence",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?;
    Ok(ApprovalProgress {
        rounds,
        seats,
        timeline,
    })
}

/// A decision waiting for someone, with what it is about.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PendingDecision {
    pub programme_id: Uuid,
    pub title: String,
    pub start_date: chrono::NaiveDate,
    pub end_date: chrono::NaiveDate,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub seat: Seat,
}

/// The decisions waiting for the person with this email, oldest request first: stages
/// open now, in rounds still open, where they have not decided.
pub async fn pending_for(
    pool: &PgPool,
    email: &str,
) -> Result<Vec<PendingDecision>, ProjectorError> {
    let columns: Vec<String> = SEAT_COLUMNS
        .split(", ")
        .map(|c| format!("s.{}", c.trim()))
        .collect();
    Ok(sqlx::query_as(&format!(
        "SELECT p.id AS programme_id, p.title, p.start_date, p.end_date, {}
         FROM caunoi.approval_seats s JOIN caunoi.programmes p ON p.id = s.programme_id
         WHERE lower(s.approver_email) = lower($1) AND s.decision IS NULL
           AND s.stage_status = 'open' AND s.round_status = 'open'
         ORDER BY s.link_issued_at NULLS LAST, p.start_date",
        columns.join(", ")
    ))
    .bind(email.trim())
    .fetch_all(pool)
    .await?)
}
