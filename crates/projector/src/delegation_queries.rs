//! Reads of the delegation read models, through the views of the active generation.
//! Members come back sealed: opening them needs the key store, which the projector does not
//! hold.

use chrono::{DateTime, NaiveDate, Utc};
use domain::delegation::{Delegation, DelegationRecord, Sealed};
use serde::Serialize;
use sqlx::PgPool;
use sqlx::types::Json;
use uuid::Uuid;

use crate::ProjectorError;

#[derive(Debug, Clone, Serialize)]
pub struct DelegationRow {
    pub id: Uuid,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub record: DelegationRecord,
}

/// A member on the roster. `sealed` is absent once they were forgotten.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub person_id: Uuid,
    pub position: i32,
    pub sealed: Option<Sealed>,
    pub forgotten: bool,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DelegationSummary {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub name: String,
    pub direction: String,
    pub members: i32,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ChecklistRow {
    pub delegation_id: Uuid,
    pub delegation_name: String,
    pub programme_id: Uuid,
    pub id: Uuid,
    pub kind: String,
    pub title: String,
    pub owner_name: String,
    pub owner_email: String,
    pub due_on: NaiveDate,
    pub status: String,
    pub leg_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DelegationHistoryEntry {
    pub sequence: i64,
    pub version: i64,
    pub event_type: String,
    pub occurred_at: DateTime<Utc>,
    pub actor: String,
    pub correlation_id: String,
}

/// The delegation and its folded state, which the projector keeps in `aggregates`.
pub async fn delegation(pool: &PgPool, id: Uuid) -> Result<Option<DelegationRow>, ProjectorError> {
    let row: Option<(i64, DateTime<Utc>, Json<Delegation>)> = sqlx::query_as(
        "SELECT d.version, d.updated_at, a.state FROM caunoi.delegations d
         JOIN caunoi.aggregates a ON a.aggregate_type = $2 AND a.id = d.id
         WHERE d.id = $1",
    )
    .bind(id)
    .bind(<Delegation as domain::Aggregate>::TYPE)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(version, updated_at, Json(state))| {
        state.record().cloned().map(|record| DelegationRow {
            id,
            version,
            updated_at,
            record,
        })
    }))
}

pub async fn for_programme(
    pool: &PgPool,
    programme_id: Uuid,
) -> Result<Vec<DelegationSummary>, ProjectorError> {
    Ok(sqlx::query_as(
        "SELECT id, programme_id, name, direction, members, version, updated_at
         FROM caunoi.delegations WHERE programme_id = $1 ORDER BY name, id",
    )
    .bind(programme_id)
    .fetch_all(pool)
    .await?)
}

/// The roster in its order, without members who were taken off it.
pub async fn members(pool: &PgPool, delegation_id: Uuid) -> Result<Vec<MemberRow>, ProjectorError> {
    let rows: Vec<(Uuid, i32, Option<String>, bool)> = sqlx::query_as(
        "SELECT person_id, position, sealed, forgotten FROM caunoi.delegation_members
         WHERE delegation_id = $1 AND NOT removed ORDER BY position",
    )
    .bind(delegation_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(person_id, position, sealed, forgotten)| MemberRow {
            person_id,
            position,
            sealed: sealed.map(Sealed),
            forgotten,
        })
        .collect())
}

/// Open tasks and documents, soonest due first; of one owner when `owner_email` is given
/// (any case), or of one delegation.
/// The open tasks of every delegation (or of one), of one owner if given; with
/// `hosts_among`, only those of programmes hosted by one of these organisations.
pub async fn open_tasks(
    pool: &PgPool,
    delegation_id: Option<Uuid>,
    owner_email: Option<&str>,
    hosts_among: Option<&[Uuid]>,
) -> Result<Vec<ChecklistRow>, ProjectorError> {
    let hosts: Option<Vec<String>> =
        hosts_among.map(|ids| ids.iter().map(Uuid::to_string).collect());
    Ok(sqlx::query_as(
        "SELECT c.delegation_id, d.name AS delegation_name, c.programme_id, c.id, c.kind,
                c.title, c.owner_name, c.owner_email, c.due_on, c.status, c.leg_id
         FROM caunoi.checklist_items c JOIN caunoi.delegations d ON d.id = c.delegation_id
         WHERE c.status IN ('todo', 'in_progress')
           AND ($1::uuid IS NULL OR c.delegation_id = $1)
           AND ($2::text IS NULL OR lower(c.owner_email) = lower($2))
           AND ($3::text[] IS NULL OR EXISTS (
                SELECT 1 FROM caunoi.programmes p
                WHERE p.id = c.programme_id
                  AND p.state->'plan'->>'host_organisation_id' = ANY($3)))
         ORDER BY c.due_on, c.title, c.id",
    )
    .bind(delegation_id)
    .bind(owner_email)
    .bind(hosts)
    .fetch_all(pool)
    .await?)
}

pub async fn history(
    pool: &PgPool,
    delegation_id: Uuid,
) -> Result<Vec<DelegationHistoryEntry>, ProjectorError> {
    Ok(sqlx::query_as(
        "SELECT sequence, version, event_type, occurred_at, actor, correlation_id
         FROM caunoi.delegation_events WHERE delegation_id = $1 ORDER BY version",
    )
    .bind(delegation_id)
    .fetch_all(pool)
    .await?)
}
