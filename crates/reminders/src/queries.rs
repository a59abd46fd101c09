//! What reminders were claimed, and what became of their emails.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SentReminder {
    pub key: String,
    pub rule: String,
    pub subject: String,
    pub recipient_email: String,
    pub occurrence: String,
    pub title: String,
    pub due_since: DateTime<Utc>,
    pub late: bool,
    pub slot: DateTime<Utc>,
    pub claimed_at: DateTime<Utc>,
    /// The email's status: `pending` (queued or being retried), `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The newest reminders, optionally of one email status and one recipient.
pub async fn recent(
    pool: &PgPool,
    status: Option<&str>,
    email: Option<&str>,
    limit: i64,
) -> Result<Vec<SentReminder>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.key, r.rule, r.subject, r.recipient_email, r.occurrence, r.title, r.due_since,
                r.late, r.slot, r.claimed_at, m.status, m.attempts, m.last_error, m.sent_at
         FROM caunoi.reminders r JOIN caunoi.mail_queue m ON m.id = r.mail_id
         WHERE ($1::text IS NULL OR m.status = $1)
           AND ($2::text IS NULL OR lower(r.recipient_email) = lower($2))
         ORDER BY r.claimed_at DESC, r.key LIMIT $3",
    )
    .bind(status)
    .bind(email)
    .bind(limit)
    .fetch_all(pool)
    .await
}
