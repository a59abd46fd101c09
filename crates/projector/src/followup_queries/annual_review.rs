//! An organisation's annual review (tổng kết): the year's programmes and their follow-up,
//! the figures, the action items still open and the agreements it is a party to.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use super::agreements::{AgreementEntry, ReviewRow};
use super::figures::{FigureFilter, FigureRow, Grouping, figures};
use super::reports::{ActionItemEntry, ActionItemFilter, action_items};
use crate::ProjectorError;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrganisationInfo {
    pub id: Uuid,
    pub name: String,
    pub kind: Option<String>,
    pub province: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReviewedProgramme {
    pub id: Uuid,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub partners: String,
    pub expected_delegation_size: i32,
    pub actual_attendance: Option<i32>,
    pub report_status: Option<String>,
    pub report_due_on: Option<NaiveDate>,
    pub agreement_title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnualReview {
    pub organisation: OrganisationInfo,
    pub year: i32,
    /// Every programme of the year that went past drafting, held or not.
    pub programmes: Vec<ReviewedProgramme>,
    pub totals: FigureRow,
    pub by_partner: Vec<FigureRow>,
    pub by_agreement: Vec<FigureRow>,
    pub by_kind: Vec<FigureRow>,
    /// Every month of the year, January first, for the review's chart.
    pub by_month: Vec<FigureRow>,
    /// Open action items of the organisation's programmes, whatever their year.
    pub open_action_items: Vec<ActionItemEntry>,
    pub agreements: Vec<AgreementEntry>,
    /// Reviews of those agreements held during the year.
    pub reviews_held: Vec<ReviewRow>,
}

/// The most open action items a review lists.
const MAX_ACTION_ITEMS: i64 = 500;

async fn organisation(pool: &PgPool, id: Uuid) -> Result<Option<OrganisationInfo>, ProjectorError> {
    let registered =
        sqlx::query_as("SELECT id, name, kind, province FROM caunoi.organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    if registered.is_some() {
        return Ok(registered);
    }
    // Not in the directory: named as its programmes name it.
    Ok(sqlx::query_as(
        "SELECT $1::uuid AS id, host_organisation AS name, NULL::text AS kind,
                NULL::text AS province
         FROM caunoi.programmes WHERE state->'plan'->>'host_organisation_id' = $1::text
         ORDER BY updated_at DESC LIMIT 1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// None when the organisation is neither in the directory nor host of any programme.
pub async fn annual_review(
    pool: &PgPool,
    organisation_id: Uuid,
    year: i32,
) -> Result<Option<AnnualReview>, ProjectorError> {
    let Some(organisation) = organisation(pool, organisation_id).await? else {
        return Ok(None);
    };
    let programmes = sqlx::query_as(
        "SELECT p.id, p.title, p.kind, p.status, p.start_date, p.end_date,
                coalesce((SELECT string_agg(x->>'name', '; ')
                          FROM jsonb_array_elements(p.state->'plan'->'partners') x), '')
                    AS partners,
                p.expected_delegation_size,
                coalesce(r.counted_attendance, p.recorded_attendance) AS actual_attendance,
                r.status AS report_status, r.due_on AS report_due_on,
                a.title AS agreement_title
         FROM caunoi.programmes p
         LEFT JOIN caunoi.follow_up_reports r ON r.programme_id = p.id
         LEFT JOIN caunoi.agreements a ON a.id::text = p.state->'plan'->>'agreement_id'
         WHERE p.state->'plan'->>'host_organisation_id' = $1::text
           AND p.status <> 'draft'
           AND extract(year FROM p.start_date)::int = $2
         ORDER BY p.start_date, p.title",
    )
    .bind(organisation_id)
    .bind(year)
    .fetch_all(pool)
    .await?;
    let filter = FigureFilter {
        organisation_id: Some(organisation_id),
        ..FigureFilter::years(year, year)
    };
    let totals = figures(pool, &filter, Grouping::Year)
        .await?
        .pop()
        .expect("one row per year of the range");
    let open_action_items = action_items(
        pool,
        &ActionItemFilter {
            organisation_id: Some(organisation_id),
            limit: MAX_ACTION_ITEMS,
            ..ActionItemFilter::default()
        },
    )
    .await?
    .items;
    let agreements: Vec<AgreementEntry> = sqlx::query_as(
        "SELECT id, title, status, signed_on, signing_place, starts_on, expires_on,
                next_review_on, next_review_kind, coordinator_name, coordinator_email,
                version, updated_at
         FROM caunoi.agreements
         WHERE organisation_ids @> ARRAY[$1]::uuid[] AND status <> 'drafted'
           AND starts_on <= make_date($2, 12, 31)
         ORDER BY expires_on, title",
    )
    .bind(organisation_id)
    .bind(year)
    .fetch_all(pool)
    .await?;
    let ids: Vec<Uuid> = agreements.iter().map(|a| a.id).collect();
    let reviews_held = sqlx::query_as(
        "SELECT * FROM caunoi.agreement_reviews
         WHERE agreement_id = ANY($1) AND extract(year FROM held_on)::int = $2
         ORDER BY held_on",
    )
    .bind(&ids)
    .bind(year)
    .fetch_all(pool)
    .await?;
    Ok(Some(AnnualReview {
        organisation,
        year,
        programmes,
        totals,
        by_partner: figures(pool, &filter, Grouping::Partner).await?,
        by_agreement: figures(pool, &filter, Grouping::Agreement).await?,
        by_kind: figures(pool, &filter, Grouping::Kind).await?,
        by_month: figures(pool, &filter, Grouping::Month).await?,
        open_action_items,
        agreements,
        reviews_held,
    }))
}
