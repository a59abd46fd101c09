//! Figures over a period: how many programmes and delegations took place and how many
//! delegates took part, by year, month, partner, agreement, kind or host organisation.
//!
//! A programme counts once it has taken place (held, followed up or closed), when its
//! first day falls in the period (both ends included), in the year and month of that
//! day. Its delegates are the actual attendance of its follow-up report once that report
//! is submitted or accepted, and otherwise the plan's expected delegation size.
//! Delegations are the programmes other than online conferences, where nobody travels.
//!
//! Delegates are split by side where that is known: a handed-in report that gives its
//! sides (or one side and the total), or a programme recorded from history whose record
//! does; the others' delegates are `side_unknown`, never counted as 0 on either side.
//! Money is that of handed-in reports, in whole đồng: what was spent, the plan's budget
//! and the value of the gifts and donations given and received. A sum is empty when no
//! programme of the row says it.

use chrono::NaiveDate;
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
    /// Every month the period touches has a row, keyed `YYYY-MM`, labelled `MM/YYYY`.
    Month,
    /// The host organisation: keyed by its id (empty for a host not in the directory,
    /// one row per name then), labelled with the directory's name, or else the name its
    /// latest programme gives it.
    Organisation,
}

#[derive(Debug, Clone)]
pub struct FigureFilter {
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day of the period, included.
    pub to: NaiveDate,
    /// Programmes this organisation hosted.
    pub organisation_id: Option<Uuid>,
    pub agreement_id: Option<Uuid>,
    /// Part of a partner's name, with or without diacritics.
    pub partner: Option<String>,
    /// Only programmes hosted by one of these; `None` for all.
    pub hosts_among: Option<Vec<Uuid>>,
}

impl FigureFilter {
    /// Whole calendar years: 1 January of `from_year` to 31 December of `to_year`, of
    /// every host, with no other condition.
    pub fn years(from_year: i32, to_year: i32) -> Self {
        FigureFilter {
            from: NaiveDate::from_ymd_opt(from_year, 1, 1).expect("a year of the calendar"),
            to: NaiveDate::from_ymd_opt(to_year, 12, 31).expect("a year of the calendar"),
            organisation_id: None,
            agreement_id: None,
            partner: None,
            hosts_among: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct FigureRow {
    /// The year, the month (`YYYY-MM`), the partner's name, the agreement's id (empty
    /// for programmes under no agreement), the kind's code or the host organisation's id.
    pub key: String,
    /// The agreement's title, the month as `MM/YYYY`, the organisation's name; otherwise
    /// the key again.
    pub label: String,
    pub programmes: i64,
    pub delegations: i64,
    pub delegates: i64,
    /// Delegates on the Vietnamese side, of the programmes whose sides are known; empty
    /// when no programme of the row says.
    pub vietnamese_side: Option<i64>,
    pub partner_side: Option<i64>,
    /// Delegates of the programmes whose sides are not known.
    pub side_unknown: i64,
    /// Đồng spent, by the handed-in reports that give their spending.
    pub spent_vnd: Option<i64>,
    /// The plans' budgets in đồng, of the handed-in reports whose budget is known in đồng.
    pub budget_vnd: Option<i64>,
    /// The value in đồng of gifts and donations given to partners, and received from them.
    pub gifts_given_vnd: Option<i64>,
    pub gifts_received_vnd: Option<i64>,
}

impl FigureRow {
    /// The sum of rows that count each programme once (by year or by month): a sum of
    /// money or sides stays empty when every row's is.
    pub fn sum<'a>(
        rows: impl IntoIterator<Item = &'a FigureRow>,
        key: &str,
        label: &str,
    ) -> FigureRow {
        fn add(a: Option<i64>, b: Option<i64>) -> Option<i64> {
            match (a, b) {
                (Some(a), Some(b)) => Some(a.saturating_add(b)),
                (a, b) => a.or(b),
            }
        }
        rows.into_iter().fold(
            FigureRow {
                key: key.into(),
                label: label.into(),
                ..FigureRow::default()
            },
            |total, row| FigureRow {
                programmes: total.programmes + row.programmes,
                delegations: total.delegations + row.delegations,
                delegates: total.delegates + row.delegates,
                vietnamese_side: add(total.vietnamese_side, row.vietnamese_side),
                partner_side: add(total.partner_side, row.partner_side),
                side_unknown: total.side_unknown + row.side_unknown,
                spent_vnd: add(total.spent_vnd, row.spent_vnd),
                budget_vnd: add(total.budget_vnd, row.budget_vnd),
                gifts_given_vnd: add(total.gifts_given_vnd, row.gifts_given_vnd),
                gifts_received_vnd: add(total.gifts_received_vnd, row.gifts_received_vnd),
                ..total
            },
        )
    }
}

const COUNTED: &str = "WITH counted AS (
    SELECT p.id, p.start_date, extract(year FROM p.start_date)::int AS year, p.kind,
           p.host_organisation AS host_name,
           p.state->'plan' AS plan,
           coalesce(r.counted_attendance, p.recorded_attendance, p.expected_delegation_size)::bigint AS delegates,
           CASE WHEN r.counted_attendance IS NOT NULL THEN r.vietnamese_side
                WHEN p.recorded_attendance IS NOT NULL THEN coalesce(
                    (p.state->'history'->'attendance'->>'vietnamese_side')::bigint,
                    p.recorded_attendance - (p.state->'history'->'attendance'->>'partner_side')::bigint)
           END AS vietnamese_side,
           CASE WHEN r.counted_attendance IS NOT NULL THEN r.partner_side
                WHEN p.recorded_attendance IS NOT NULL THEN coalesce(
                    (p.state->'history'->'attendance'->>'partner_side')::bigint,
                    p.recorded_attendance - (p.state->'history'->'attendance'->>'vietnamese_side')::bigint)
           END AS partner_side,
           r.spent_vnd, r.budget_vnd, r.gifts_given_vnd, r.gifts_received_vnd
    FROM caunoi.programmes p
    LEFT JOIN caunoi.follow_up_reports r ON r.programme_id = p.id
    WHERE p.status IN ('held', 'followed_up', 'closed')
      AND p.start_date BETWEEN $1::date AND $2::date
      AND ($3::text IS NULL OR p.state->'plan'->>'host_organisation_id' = $3)
      AND ($4::text IS NULL OR p.state->'plan'->>'agreement_id' = $4)
      AND ($5::text IS NULL OR p.partners_folded LIKE $5)
      AND ($6::text[] IS NULL OR p.state->'plan'->>'host_organisation_id' = ANY($6))
)";

const MEASURES: &str = "count(c.id) AS programmes,
    count(c.id) FILTER (WHERE c.kind <> 'online_conference') AS delegations,
    coalesce(sum(c.delegates), 0)::bigint AS delegates,
    sum(c.vietnamese_side)::bigint AS vietnamese_side,
    sum(c.partner_side)::bigint AS partner_side,
    coalesce(sum(c.delegates) FILTER (WHERE c.vietnamese_side IS NULL), 0)::bigint AS side_unknown,
    sum(c.spent_vnd)::bigint AS spent_vnd,
    sum(c.budget_vnd)::bigint AS budget_vnd,
    sum(c.gifts_given_vnd)::bigint AS gifts_given_vnd,
    sum(c.gifts_received_vnd)::bigint AS gifts_received_vnd";

pub async fn figures(
    pool: &PgPool,
    filter: &FigureFilter,
    grouping: Grouping,
) -> Result<Vec<FigureRow>, ProjectorError> {
    let select = match grouping {
        Grouping::Year => format!(
            "SELECT y::text AS key, y::text AS label, {MEASURES}
             FROM generate_series(extract(year FROM $1::date)::int,
                                  extract(year FROM $2::date)::int) AS y
             LEFT JOIN counted c ON c.year = y
             GROUP BY y ORDER BY y"
        ),
        Grouping::Month => format!(
            "SELECT to_char(m, 'YYYY-MM') AS key, to_char(m, 'MM/YYYY') AS label, {MEASURES}
             FROM generate_series(date_trunc('month', $1::date::timestamp),
                                  date_trunc('month', $2::date::timestamp),
                                  interval '1 month') AS m
             LEFT JOIN counted c ON date_trunc('month', c.start_date::timestamp) = m
             GROUP BY m ORDER BY m"
        ),
        Grouping::Organisation => format!(
            "SELECT coalesce(c.plan->>'host_organisation_id', '') AS key,
                    coalesce(min(o.name),
                             (array_agg(c.host_name ORDER BY c.start_date DESC))[1], '')
                        AS label, {MEASURES}
             FROM counted c
             LEFT JOIN caunoi.organisations o ON o.id::text = c.plan->>'host_organisation_id'
             GROUP BY 1, CASE WHEN c.plan->>'host_organisation_id' IS NULL THEN c.host_name END
             ORDER BY delegates DESC, key, label"
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
        .bind(filter.from)
        .bind(filter.to)
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
