use chrono::NaiveDate;
use domain::reminders::{Deadline, Detail, Reason, Rule, Timing};
use sqlx::PgPool;
use uuid::Uuid;

use super::{is_address, programme_page};

/// Follow-up reports not yet submitted (or sent back), and ended programmes that have
/// none yet: the programme's coordinator writes it.
pub(super) async fn reports(
    pool: &PgPool,
    public_url: &str,
    report_due_days: u32,
) -> Result<Vec<Deadline>, sqlx::Error> {
    type Row = (Uuid, String, NaiveDate, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT programme_id, programme_title, due_on, coordinator_name, coordinator_email
         FROM caunoi.follow_up_reports WHERE status IN ('draft', 'returned')
         UNION ALL
         SELECT p.id, p.title, p.end_date + $1::int,
                p.state->'plan'->'coordinator'->>'name',
                p.state->'plan'->'coordinator'->>'email'
         FROM caunoi.programmes p
         WHERE p.status IN ('approved', 'in_preparation', 'held')
           AND NOT EXISTS (SELECT 1 FROM caunoi.follow_up_reports r WHERE r.programme_id = p.id)",
    )
    .bind(report_due_days as i32)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(programme, title, due_on, name, email)| {
            let email = email.filter(|e| is_address(e))?;
            Some(Deadline {
                rule: Rule::ReportDue,
                subject: programme.to_string(),
                recipient_name: name.unwrap_or_else(|| email.clone()),
                recipient_email: email,
                timing: Timing::Due { on: due_on },
                title,
                detail: Detail::ReportDue { on: due_on },
                link: programme_page(public_url, programme),
                reason: Reason::Coordinator,
            })
        })
        .collect())
}

/// Action items not done, of reports that are submitted or accepted: their owners.
pub(super) async fn action_items(
    pool: &PgPool,
    public_url: &str,
) -> Result<Vec<Deadline>, sqlx::Error> {
    type Row = (Uuid, Uuid, String, String, String, String, NaiveDate);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, programme_id, programme_title, title, owner_name, owner_email, due_on
         FROM caunoi.action_items
         WHERE status IN ('open', 'in_progress') AND report_status <> 'draft'",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|row| is_address(&row.5))
        .map(
            |(id, programme, programme_title, title, owner_name, owner_email, due_on)| Deadline {
                rule: Rule::ActionItemDue,
                subject: id.to_string(),
                recipient_name: owner_name,
                recipient_email: owner_email,
                timing: Timing::Due { on: due_on },
                title: format!("{title} ({programme_title})"),
                detail: Detail::DoneBy { on: due_on },
                link: programme_page(public_url, programme),
                reason: Reason::Owner,
            },
        )
        .collect())
}

/// Agreements in force: their next review and their expiry, to the agreement's
/// coordinator.
pub(super) async fn agreements(
    pool: &PgPool,
    public_url: &str,
) -> Result<Vec<Deadline>, sqlx::Error> {
    type Row = (
        Uuid,
        String,
        NaiveDate,
        Option<NaiveDate>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, title, expires_on, next_review_on, coordinator_name, coordinator_email
         FROM caunoi.agreements WHERE status IN ('signed', 'active', 'under_review')",
    )
    .fetch_all(pool)
    .await?;
    let page = |id: Uuid| format!("{}/agreements/{id}", public_url.trim_end_matches('/'));
    let mut deadlines = Vec::new();
    for (id, title, expires_on, next_review_on, name, email) in rows {
        let Some(email) = email.filter(|e| is_address(e)) else {
            continue;
        };
        let name = name.unwrap_or_else(|| email.clone());
        if let Some(review) = next_review_on {
            deadlines.push(Deadline {
                rule: Rule::AgreementReview,
                subject: format!("{id}:{review}"),
                recipient_name: name.clone(),
                recipient_email: email.clone(),
                timing: Timing::Due { on: review },
                title: title.clone(),
                detail: Detail::Review { on: review },
                link: page(id),
                reason: Reason::AgreementCoordinator,
            });
        }
        deadlines.push(Deadline {
            rule: Rule::AgreementExpiry,
            subject: id.to_string(),
            recipient_name: name,
            recipient_email: email,
            timing: Timing::Due { on: expires_on },
            title,
            detail: Detail::Expires { on: expires_on },
            link: page(id),
            reason: Reason::AgreementCoordinator,
        });
    }
    Ok(deadlines)
}
