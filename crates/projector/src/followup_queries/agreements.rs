use chrono::{DateTime, NaiveDate, Utc};
use domain::agreement::{AgreementRecord, AgreementStatus};
use serde::Serialize;
use sqlx::types::Json;
use sqlx::{PgPool, QueryBuilder};
use uuid::Uuid;

use crate::queries::Page;
use crate::{ProjectorError, fold};

#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    pub status: Option<AgreementStatus>,
    /// Agreements this organisation is a party to.
    pub organisation_id: Option<Uuid>,
    /// Words of the title or the parties' names, with or without diacritics.
    pub search: Option<String>,
    pub limit: i64,
    pub offset: i64,
    /// Only agreements one of these organisations is a party to; `None` for all.
    pub parties_among: Option<Vec<Uuid>>,
}

/// How far ahead the lists of reviews due and agreements expiring look by default, for
/// the JSON API and the pages alike.
pub const LOOK_AHEAD_DAYS: u64 = 30;

/// One line of the register.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AgreementEntry {
    pub id: Uuid,
    pub title: String,
    pub status: String,
    pub signed_on: Option<NaiveDate>,
    pub signing_place: Option<String>,
    pub starts_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub next_review_on: Option<NaiveDate>,
    pub next_review_kind: Option<String>,
    pub coordinator_name: Option<String>,
    pub coordinator_email: Option<String>,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

const ENTRY_COLUMNS: &str = "id, title, status, signed_on, signing_place, starts_on, expires_on,
    next_review_on, next_review_kind, coordinator_name, coordinator_email, version, updated_at";

/// A scheduled review and what became of it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReviewRow {
    pub agreement_id: Uuid,
    pub number: i32,
    pub due_on: NaiveDate,
    pub kind: String,
    pub status: String,
    pub review_id: Option<Uuid>,
    pub programme_id: Option<Uuid>,
    pub opened_on: Option<NaiveDate>,
    pub held_on: Option<NaiveDate>,
    pub findings: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgreementDetail {
    pub id: Uuid,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub next_review_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub record: AgreementRecord,
    pub review_schedule: Vec<ReviewRow>,
}

/// A review that falls due, with whom to remind.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReviewDue {
    pub agreement_id: Uuid,
    pub agreement_title: String,
    pub coordinator_name: Option<String>,
    pub coordinator_email: Option<String>,
    pub expires_on: NaiveDate,
    pub number: i32,
    pub due_on: NaiveDate,
    pub kind: String,
}

fn push_filters(query: &mut QueryBuilder<'_, sqlx::Postgres>, filter: &AgreementFilter) {
    query.push(" WHERE true");
    if let Some(status) = filter.status {
        query.push(" AND status = ").push_bind(status.as_str());
    }
    if let Some(organisation) = filter.organisation_id {
        query
            .push(" AND organisation_ids @> ARRAY[")
            .push_bind(organisation)
            .push("]::uuid[]");
    }
    if let Some(parties) = &filter.parties_among {
        query
            .push(" AND organisation_ids && ")
            .push_bind(parties.clone())
            .push("::uuid[]");
    }
    if let Some(search) = filter.search.as_deref() {
        for word in fold(search).split_whitespace() {
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            query
                .push(" AND search_folded LIKE ")
                .push_bind(format!("%{escaped}%"));
        }
    }
}

/// The agreements register: state, next review and expiry of each, soonest to expire
/// first.
pub async fn register(
    pool: &PgPool,
    filter: &AgreementFilter,
) -> Result<Page<AgreementEntry>, ProjectorError> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM caunoi.agreements");
    push_filters(&mut count, filter);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
    let mut query = QueryBuilder::new(format!("SELECT {ENTRY_COLUMNS} FROM caunoi.agreements"));
    push_filters(&mut query, filter);
    query
        .push(" ORDER BY expires_on, title, id LIMIT ")
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

pub async fn agreement(pool: &PgPool, id: Uuid) -> Result<Option<AgreementDetail>, ProjectorError> {
    type Row = (i64, DateTime<Utc>, Option<NaiveDate>, Json<AgreementRecord>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT version, updated_at, next_review_on, state FROM caunoi.agreements WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some((version, updated_at, next_review_on, Json(record))) = row else {
        return Ok(None);
    };
    let review_schedule = sqlx::query_as(
        "SELECT * FROM caunoi.agreement_reviews WHERE agreement_id = $1 ORDER BY due_on",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Some(AgreementDetail {
        id,
        version,
        updated_at,
        next_review_on,
        record,
        review_schedule,
    }))
}

/// Reviews not yet opened that fall due on or before `until` (overdue ones included), of
/// agreements in force.
/// Reviews not yet opened that fall due by `until`, of agreements one of `parties_among` is
/// a party to (`None`: every agreement).
pub async fn reviews_due(
    pool: &PgPool,
    until: NaiveDate,
    parties_among: Option<&[Uuid]>,
) -> Result<Vec<ReviewDue>, ProjectorError> {
    Ok(sqlx::query_as(
        "SELECT r.agreement_id, a.title AS agreement_title, a.coordinator_name,
                a.coordinator_email, a.expires_on, r.number, r.due_on, r.kind
         FROM caunoi.agreement_reviews r JOIN caunoi.agreements a ON a.id = r.agreement_id
         WHERE r.status = 'due' AND r.due_on <= $1
           AND ($2::uuid[] IS NULL OR a.organisation_ids && $2)
         ORDER BY r.due_on, a.title",
    )
    .bind(until)
    .bind(parties_among)
    .fetch_all(pool)
    .await?)
}

/// Agreements in force whose last day is on or before `until`.
pub async fn expiring(
    pool: &PgPool,
    until: NaiveDate,
    parties_among: Option<&[Uuid]>,
) -> Result<Vec<AgreementEntry>, ProjectorError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {ENTRY_COLUMNS} FROM caunoi.agreements
         WHERE status IN ('signed', 'active', 'under_review') AND expires_on <= $1
           AND ($2::uuid[] IS NULL OR organisation_ids && $2)
         ORDER BY expires_on, title"
    ))
    .bind(until)
    .bind(parties_among)
    .fetch_all(pool)
    .await?)
}
