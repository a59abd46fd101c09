//! Reads of the programme read models, always through the views of the active generation.

use chrono::{DateTime, NaiveDate, Utc};
use domain::programme::{ProgrammeRecord, Status};
use serde::Serialize;
use serde_json::Value;
use sqlx::types::Json;
use sqlx::{PgPool, QueryBuilder};
use uuid::Uuid;

use crate::{ProjectorError, fold};

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<Status>,
    /// Matches host, co-organisers and partners, with or without diacritics.
    pub organisation: Option<String>,
    /// Programmes that overlap this range of dates.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words of the title, with or without diacritics.
    pub search: Option<String>,
    pub limit: i64,
    pub offset: i64,
    /// Only programmes these organisations may see; `None` for all (the operators' tools).
    pub seen_by: Option<SeenBy>,
}

/// Organisations, by directory id and by name: a programme is theirs when it is hosted by
/// one of the ids, or names one of them (with or without diacritics) as its host or a
/// co-organiser. Plans keep co-organisers as names only.
#[derive(Debug, Clone, Default)]
pub struct SeenBy {
    pub organisation_ids: Vec<Uuid>,
    pub names: Vec<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProgrammeSummary {
    pub id: Uuid,
    pub version: i64,
    pub status: String,
    pub kind: String,
    pub title: String,
    pub host_organisation: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub timezone: String,
    pub expected_delegation_size: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeDetail {
    pub id: Uuid,
    pub version: i64,
    pub drafted_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub record: ProgrammeRecord,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct HistoryEntry {
    pub sequence: i64,
    pub event_id: Uuid,
    pub version: i64,
    pub event_type: String,
    pub schema_version: i32,
    pub occurred_at: DateTime<Utc>,
    pub actor: String,
    pub correlation_id: String,
    pub causation_id: Option<String>,
    pub data: Value,
}

fn push_filters(query: &mut QueryBuilder<'_, sqlx::Postgres>, filter: &ListFilter) {
    query.push(" WHERE true");
    if let Some(seen_by) = &filter.seen_by {
        let ids: Vec<String> = seen_by
            .organisation_ids
            .iter()
            .map(Uuid::to_string)
            .collect();
        // `organisations_folded` is the host and the co-organisers joined by " | ": a whole
        // name between separators matches that organisation and no longer-named one.
        let names: Vec<String> = seen_by
            .names
            .iter()
            .map(|n| format!("% | {} | %", escape_like(&fold(n))))
            .collect();
        query
            .push(" AND (state->'plan'->>'host_organisation_id' = ANY(")
            .push_bind(ids)
            .push(") OR (' | ' || organisations_folded || ' | ') LIKE ANY(")
            .push_bind(names)
            .push("))");
    }
    if let Some(status) = filter.status {
        query.push(" AND status = ").push_bind(status.as_str());
    }
    if let Some(organisation) = filter.organisation.as_deref().map(fold) {
        let pattern = format!("%{}%", escape_like(&organisation));
        query
            .push(" AND (organisations_folded LIKE ")
            .push_bind(pattern.clone())
            .push(" OR partners_folded LIKE ")
            .push_bind(pattern)
            .push(")");
    }
    if let Some(from) = filter.from {
        query.push(" AND end_date >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        query.push(" AND start_date <= ").push_bind(to);
    }
    if let Some(search) = filter.search.as_deref() {
        for word in fold(search).split_whitespace() {
            query
                .push(" AND title_folded LIKE ")
                .push_bind(format!("%{}%", escape_like(word)));
        }
    }
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

pub async fn list(
    pool: &PgPool,
    filter: &ListFilter,
) -> Result<Page<ProgrammeSummary>, ProjectorError> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM caunoi.programmes");
    push_filters(&mut count, filter);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut query = QueryBuilder::new(
        "SELECT id, version, status, kind, title, host_organisation, start_date, end_date,
                timezone, expected_delegation_size, updated_at
         FROM caunoi.programmes",
    );
    push_filters(&mut query, filter);
    query
        .push(" ORDER BY start_date DESC, id LIMIT ")
        .push_bind(filter.limit)
        .push(" OFFSET ")
        .push_bind(filter.offset);
    let items = query.build_query_as().fetch_all(pool).await?;
    Ok(Page {
        items,
        total,
        limit: filter.limit,
        offset: filter.offset,
    })
}

pub async fn detail(pool: &PgPool, id: Uuid) -> Result<Option<ProgrammeDetail>, ProjectorError> {
    type Row = (i64, DateTime<Utc>, DateTime<Utc>, Json<ProgrammeRecord>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT version, drafted_at, updated_at, state FROM caunoi.programmes WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(
        |(version, drafted_at, updated_at, Json(record))| ProgrammeDetail {
            id,
            version,
            drafted_at,
            updated_at,
            record,
        },
    ))
}

pub async fn history(pool: &PgPool, id: Uuid) -> Result<Vec<HistoryEntry>, ProjectorError> {
    Ok(sqlx::query_as(
        "SELECT sequence, event_id, version, event_type, schema_version, occurred_at, actor,
                correlation_id, causation_id, data
         FROM caunoi.programme_events WHERE programme_id = $1 ORDER BY version",
    )
    .bind(id)
    .fetch_all(pool)
    .await?)
}

/// The stream position that the read models include.
pub async fn position(pool: &PgPool) -> Result<i64, ProjectorError> {
    Ok(
        sqlx::query_scalar("SELECT position FROM caunoi.projections WHERE status = 'active'")
            .fetch_optional(pool)
            .await?
            .unwrap_or(0),
    )
}

/// A programme with what decides who may see it: its host as registered and its
/// co-organisers, which plans keep as names only.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrganisedProgramme {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub summary: ProgrammeSummary,
    pub host_organisation_id: Option<String>,
    pub co_organisers: Json<Vec<String>>,
}

/// Programmes hosted by one of `organisation_ids`, or whose organisers' names contain one
/// of `names` (with or without diacritics), by start date. Callers match the names
/// exactly; the containment here only narrows the rows read.
pub async fn organised_by(
    pool: &PgPool,
    organisation_ids: &[Uuid],
    names: &[String],
) -> Result<Vec<OrganisedProgramme>, ProjectorError> {
    let ids: Vec<String> = organisation_ids.iter().map(Uuid::to_string).collect();
    let patterns: Vec<String> = names
        .iter()
        .map(|n| format!("%{}%", escape_like(&fold(n))))
        .collect();
    Ok(sqlx::query_as(
        "SELECT id, version, status, kind, title, host_organisation, start_date, end_date,
                timezone, expected_delegation_size, updated_at,
                state->'plan'->>'host_organisation_id' AS host_organisation_id,
                COALESCE(state->'plan'->'co_organisers', '[]'::jsonb) AS co_organisers
         FROM caunoi.programmes
         WHERE state->'plan'->>'host_organisation_id' = ANY($1)
            OR organisations_folded LIKE ANY($2)
         ORDER BY start_date, id",
    )
    .bind(ids)
    .bind(patterns)
    .fetch_all(pool)
    .await?)
}

/// An event the read models could not take, set aside with the reason (see
/// `docs/operations.md`, "Parked events").
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct ParkedEvent {
    pub sequence: i64,
    pub aggregate_type: String,
    pub aggregate_id: uuid::Uuid,
    pub event_type: String,
    pub reason: String,
    pub parked_at: chrono::DateTime<chrono::Utc>,
}

/// The parked events of the read models that answer reads, in stream order.
pub async fn parked_events(pool: &PgPool) -> Result<Vec<ParkedEvent>, ProjectorError> {
    Ok(sqlx::query_as(
        "SELECT sequence, aggregate_type, aggregate_id, event_type, reason, parked_at
         FROM caunoi.parked_events ORDER BY sequence",
    )
    .fetch_all(pool)
    .await?)
}

/// How many events the read models that answer reads have set aside.
pub async fn parked_count(pool: &PgPool) -> Result<i64, ProjectorError> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM caunoi.parked_events")
            .fetch_one(pool)
            .await?,
    )
}
