//! Figures across years: how many programmes and delegations took place and how many
//! delegates took part, by year, partner, agreement or kind.
//!
//! A programme counts once it has taken place (held, followed up or closed), in the year
//! of its first day. Its delegates are the actual attendance of its follow-up report once
//! that report is submitted or accepted, and otherwise the plan's expected delegation
//! size. Delegations are the programmes other than online conferences, where nobody
//! travels.

use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::{ProjectorError, fold};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Year,
    /// A programme with two partners counts for each, so these rows can add up to more
    /// than the total.
    Partner,
    Agreement,
    Kind,
}

#[derive(Debug, Clone)]
pub struct FigureFilter {
    pub from_year: i32,
    pub to_year: i32,
    /// Programmes this organisation hosted.
    pub organisation_id: Option<Uuid>,
    pub agreement_id: Option<Uuid>,
    /// Part of a partner's name, with or without diacritics.
    pub partner: Option<String>,
    /// Only programmes hosted by one of these; `None` for all.
    pub hosts_among: Option<Vec<Uuid>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct FigureRow {
    /// The year, the partner's name, the agreement's id (empty for programmes under no
    /// agreement) or the kind's code.
    pub key: String,
    /// The agreement's title; otherwise the key again.
    pub label: String,
    pub programmes: i64,
    pub delegations: i64,
    pub delegates: i64,
}

const COUNTED: &str = "WITH counted AS (
    SELECT p.id, extract(year FROM p.start_date)::int AS year, p.kind,
           p.state->'plan' AS plan,
           coalesce(r.counted_attendance, p.expected_delegation_size)::bigint AS delegates
    FROM caunoi.programmes p
    LEFT JOIN caunoi.follow_up_reports r ON r.programme_id = p.id
    WHERE p.status IN ('held', 'followed_up', 'closed')
      AND p.start_date >= make_date($1, 1, 1) AND p.start_date < make_date($2 + 1, 1, 1)
      AND ($3::text IS NULL OR p.state->'plan'->>'host_organisation_id' = $3)
      AND ($4::text IS NULL OR p.state->'plan'->>'agreement_id' = $4)
      AND ($5::text IS NULL OR p.partners_folded LIKE $5)
      AND ($6::text[] IS NULL OR p.state->'plan'->>'host_organisation_id' = ANY($6))
)";

const MEASURES: &str = "count(c.id) AS programmes,
    count(c.id) FILTER (WHERE c.kind <> 'online_conference') AS delegations,
    coalesce(sum(c.delegates), 0)::bigint AS delegates";

pub async fn figures(
    pool: &PgPool,
    filter: &FigureFilter,
    grouping: Grouping,
) -> Result<Vec<FigureRow>, ProjectorError> {
    let select = match grouping {
        Grouping::Year => format!(
            "SELECT y::text AS key, y::text AS label, {MEASURES}
             FROM generate_series($1::int, $2::int) AS y LEFT JOIN counted c ON c.year = y
             GROUP BY y ORDER BY y"
        ),
        Grouping::Partner => format!(
            "SELECT partner->>'name' AS key, partner->>'name' AS label, {MEASURES}
             FROM counted c, jsonb_array_elements(c.plan->'partners') AS partner
             GROUP BY partner->>'name' ORDER BY delegates DESC, key"
        ),
        Grouping::Agreement => format!(
            "SELECT coalesce(c.plan->>'agreement_id', '') AS key,
                    coalesce(min(a.title), '') AS label, {MEASURES}
             FROM counted c LEFT JOIN caunoi.agreements a ON a.id::text = c.plan->>'agreement_id'
             GROUP BY 1 ORDER BY delegates DESC, key"
        ),
        Grouping::Kind => format!(
            "SELECT c.kind AS key, c.kind AS label, {MEASURES}
             FROM counted c GROUP BY c.kind ORDER BY delegates DESC, key"
        ),
    };
    let partner = filter.partner.as_deref().map(|p| {
        let escaped = fold(p.trim())
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    Ok(sqlx::query_as(&format!("{COUNTED} {select}"))
        .bind(filter.from_year)
        .bind(filter.to_year)
        .bind(filter.organisation_id.map(|id| id.to_string()))
        .bind(filter.agreement_id.map(|id| id.to_string()))
        .bind(partner)
        .bind(
            filter
                .hosts_among
                .as_ref()
                .map(|ids| ids.iter().map(Uuid::to_string).collect::<Vec<_>>()),
        )
        .fetch_all(pool)
        .await?)
}
