//! Reads of the directory read model.

use chrono::{DateTime, Utc};
use domain::directory::OrganisationRecord;
use serde::Serialize;
use sqlx::PgPool;
use sqlx::types::Json;
use uuid::Uuid;

use crate::{ProjectorError, fold};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrganisationSummary {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub province: Option<String>,
    pub committees: i64,
    pub routes: i64,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// Organisations by name, optionally only those whose name contains `search` (with or
/// without diacritics).
pub async fn organisations(
    pool: &PgPool,
    search: Option<&str>,
) -> Result<Vec<OrganisationSummary>, ProjectorError> {
    let pattern = search.map(|s| format!("%{}%", fold(s).replace('%', "\\%").replace('_', "\\_")));
    Ok(sqlx::query_as(
        "SELECT o.id, o.name, o.kind, o.province, o.version, o.updated_at,
            (SELECT count(*) FROM caunoi.committees c WHERE c.organisation_id = o.id) AS committees,
            (SELECT count(*) FROM caunoi.approval_routes r WHERE r.organisation_id = o.id) AS routes
         FROM caunoi.organisations o
         WHERE $1::text IS NULL OR o.name_folded LIKE $1
         ORDER BY o.name",
    )
    .bind(pattern)
    .fetch_all(pool)
    .await?)
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganisationDetail {
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub record: OrganisationRecord,
}

pub async fn organisation(
    pool: &PgPool,
    id: Uuid,
) -> Result<Option<OrganisationDetail>, ProjectorError> {
    let row: Option<(i64, DateTime<Utc>, Json<OrganisationRecord>)> =
        sqlx::query_as("SELECT version, updated_at, state FROM caunoi.organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(
        row.map(|(version, updated_at, Json(record))| OrganisationDetail {
            version,
            updated_at,
            record,
        }),
    )
}
