use chrono::{DateTime, NaiveDate, Utc};
use domain::followup::{ActionStatus, MoneyTotals, ReportRecord};
use domain::programme::Status;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::{PgPool, QueryBuilder};
use uuid::Uuid;

use crate::ProjectorError;
use crate::queries::Page;

#[derive(Debug, Clone, Serialize)]
pub struct ReportDetail {
    pub id: Uuid,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    #[serde(flatten)]
    pub record: ReportRecord,
    /// The report's money counted in whole đồng, as it now stands (figures count it once
    /// the report is handed in).
    pub money: MoneyTotals,
}

/// One report. Its record keeps the programme's facts as they were when the report was
/// drafted; the programme's status is read as it stands now, since the report moves it
/// on (to followed up, then closed).
pub async fn report(pool: &PgPool, id: Uuid) -> Result<Option<ReportDetail>, ProjectorError> {
    type Row = (i64, DateTime<Utc>, Json<ReportRecord>, Option<String>);
    let row: Option<Row> = sqlx::query_as(
        "SELECT r.version, r.updated_at, r.state, p.status
         FROM caunoi.follow_up_reports r
         LEFT JOIN caunoi.programmes p ON p.id = r.programme_id
         WHERE r.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(version, updated_at, Json(mut record), status)| {
        if let Some(status) = status.as_deref().and_then(Status::parse) {
            record.programme.status = status;
        }
        ReportDetail {
            id,
            version,
            updated_at,
            money: record.money_totals(),
            record,
        }
    }))
}

/// A programme whose report is still to be written or corrected.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReportDue {
    pub programme_id: Uuid,
    pub programme_title: String,
    pub end_date: NaiveDate,
    pub due_on: NaiveDate,
    pub overdue: bool,
    /// None while nobody has begun the report.
    pub report_id: Option<Uuid>,
    pub report_status: Option<String>,
    pub coordinator_name: Option<String>,
    pub coordinator_email: Option<String>,
}

/// Programmes that have ended by `today` and whose report is not handed in: not begun
/// (due `due_after_days` after the last day), being written, or returned for changes.
pub async fn reports_due(
    pool: &PgPool,
    today: NaiveDate,
    due_after_days: u32,
    overdue_only: bool,
    hosts_among: Option<&[Uuid]>,
) -> Result<Vec<ReportDue>, ProjectorError> {
    let hosts: Option<Vec<String>> =
        hosts_among.map(|ids| ids.iter().map(Uuid::to_string).collect());
    Ok(sqlx::query_as(
        "SELECT * FROM (
            SELECT p.id AS programme_id, p.title AS programme_title, p.end_date,
                   coalesce(r.due_on, p.end_date + $2) AS due_on,
                   coalesce(r.due_on, p.end_date + $2) < $1 AS overdue,
                   r.id AS report_id, r.status AS report_status,
                   coalesce(r.coordinator_name, p.state->'plan'->'coordinator'->>'name')
                       AS coordinator_name,
                   coalesce(r.coordinator_email, p.state->'plan'->'coordinator'->>'email')
                       AS coordinator_email
            FROM caunoi.programmes p
            LEFT JOIN caunoi.follow_up_reports r ON r.programme_id = p.id
            WHERE p.end_date <= $1
              AND ($4::text[] IS NULL OR p.state->'plan'->>'host_organisation_id' = ANY($4))
              AND ((r.id IS NULL AND p.status IN ('approved', 'in_preparation', 'held'))
                   OR r.status IN ('draft', 'returned'))
         ) due
         WHERE overdue OR NOT $3
         ORDER BY due_on, programme_title",
    )
    .bind(today)
    .bind(due_after_days as i32)
    .bind(overdue_only)
    .bind(hosts)
    .fetch_all(pool)
    .await?)
}

#[derive(Debug, Clone, Default)]
pub struct ActionItemFilter {
    /// Empty: the items still to be done (open or in progress).
    pub statuses: Vec<ActionStatus>,
    /// The owner's email, in any case.
    pub owner_email: Option<String>,
    pub programme_id: Option<Uuid>,
    pub agreement_id: Option<Uuid>,
    /// Items of programmes this organisation hosted.
    pub organisation_id: Option<Uuid>,
    /// Only items due before this day.
    pub due_before: Option<NaiveDate>,
    pub limit: i64,
    pub offset: i64,
    /// Only what this person may see; `None` for everything.
    pub seen_by: Option<ActionItemViewer>,
}

/// Who reads the action items: items of programmes hosted by their organisations, and
/// items they own themselves, wherever they come from.
#[derive(Debug, Clone, Default)]
pub struct ActionItemViewer {
    pub hosts: Vec<Uuid>,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ActionItemEntry {
    pub id: Uuid,
    pub report_id: Uuid,
    pub report_status: String,
    pub programme_id: Uuid,
    pub programme_title: String,
    pub title: String,
    pub owner_name: String,
    pub owner_email: String,
    pub due_on: NaiveDate,
    pub status: String,
    pub note: Option<String>,
    pub done_on: Option<NaiveDate>,
    pub agreement_id: Option<Uuid>,
    pub host_organisation_id: Option<Uuid>,
}

fn push_filters(query: &mut QueryBuilder<'_, sqlx::Postgres>, filter: &ActionItemFilter) {
    // Items of a report still being written are proposals, not yet promises.
    query.push(" WHERE report_status <> 'draft'");
    let statuses: Vec<&str> = if filter.statuses.is_empty() {
        vec!["open", "in_progress"]
    } else {
        filter.statuses.iter().map(|s| s.as_str()).collect()
    };
    query
        .push(" AND status = ANY(")
        .push_bind(statuses)
        .push(")");
    if let Some(owner) = &filter.owner_email {
        query
            .push(" AND lower(owner_email) = lower(")
            .push_bind(owner.clone())
            .push(")");
    }
    for (column, value) in [
        ("programme_id", filter.programme_id),
        ("agreement_id", filter.agreement_id),
        ("host_organisation_id", filter.organisation_id),
    ] {
        if let Some(value) = value {
            query.push(format!(" AND {column} = ")).push_bind(value);
        }
    }
    if let Some(day) = filter.due_before {
        query.push(" AND due_on < ").push_bind(day);
    }
    if let Some(viewer) = &filter.seen_by {
        query
            .push(" AND (host_organisation_id = ANY(")
            .push_bind(viewer.hosts.clone())
            .push(") OR lower(owner_email) = lower(")
            .push_bind(viewer.email.clone())
            .push("))");
    }
}

/// Action items across every programme, soonest due first.
pub async fn action_items(
    pool: &PgPool,
    filter: &ActionItemFilter,
) -> Result<Page<ActionItemEntry>, ProjectorError> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM caunoi.action_items");
    push_filters(&mut count, filter);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
    let mut query = QueryBuilder::new("SELECT * FROM caunoi.action_items");
    push_filters(&mut query, filter);
    query
        .push(" ORDER BY due_on, programme_title, title, id LIMIT ")
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
