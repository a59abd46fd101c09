use std::time::Duration;

use chrono::{DateTime, Utc};
use mailer::Recipient;
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

/// An email to queue. `key` names what it is about (e.g. `approval-link:<link id>`): a
/// second mail with the same key is not queued.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub key: String,
    pub kind: &'static str,
    pub to: Recipient,
    pub subject: String,
    pub text: String,
    /// Bodies may hold approval-link placeholders (`link_placeholder`), filled in when
    /// the mail is sent.
    pub html: String,
    pub correlation_id: String,
}

/// A queued email, claimed for sending or listed.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct QueuedMail {
    pub id: Uuid,
    pub key: String,
    pub kind: String,
    pub recipient_name: String,
    pub recipient_email: String,
    pub subject: String,
    #[serde(skip)]
    pub text_body: String,
    #[serde(skip)]
    pub html_body: String,
    pub correlation_id: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, key, kind, recipient_name, recipient_email, subject, text_body, \
    html_body, correlation_id, status, attempts, next_attempt_at, \
    last_error, created_at, sent_at";

/// The mail queue in PostgreSQL (`caunoi.mail_queue`).
#[derive(Debug, Clone)]
pub struct MailQueue {
    pool: PgPool,
}

impl MailQueue {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Queues the mails whose keys are new; returns how many were queued.
    pub async fn enqueue(&self, mails: &[NewMail]) -> Result<u64, sqlx::Error> {
        let mut queued = 0;
        let mut tx = self.pool.begin().await?;
        for mail in mails {
            queued += Self::insert(&mut tx, Uuid::now_v7(), mail).await?;
        }
        tx.commit().await?;
        Ok(queued)
    }

    /// Queues one mail with this id inside the caller's transaction, unless its key is
    /// queued already; returns 1 if it was queued.
    pub async fn insert(
        connection: &mut sqlx::PgConnection,
        id: Uuid,
        mail: &NewMail,
    ) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query(
            "INSERT INTO caunoi.mail_queue (id, key, kind, recipient_name, recipient_email,
                subject, text_body, html_body, correlation_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(id)
        .bind(&mail.key)
        .bind(mail.kind)
        .bind(&mail.to.name)
        .bind(&mail.to.email)
        .bind(&mail.subject)
        .bind(&mail.text)
        .bind(&mail.html)
        .bind(&mail.correlation_id)
        .execute(connection)
        .await?
        .rows_affected())
    }

    /// Takes up to `limit` mails that are due, for `lease`: no other sender takes them
    /// meanwhile, and if this one dies they become due again when the lease ends.
    pub async fn claim(&self, limit: i64, lease: Duration) -> Result<Vec<QueuedMail>, sqlx::Error> {
        sqlx::query_as(&format!(
            "UPDATE caunoi.mail_queue SET claimed_until = now() + $2, attempts = attempts + 1
             WHERE id IN (
                SELECT id FROM caunoi.mail_queue
                WHERE status = 'pending' AND next_attempt_at <= now()
                  AND (claimed_until IS NULL OR claimed_until < now())
                ORDER BY created_at LIMIT $1
                FOR UPDATE SKIP LOCKED)
             RETURNING {COLUMNS}"
        ))
        .bind(limit)
        .bind(lease)
        .fetch_all(&self.pool)
        .await
    }

    pub async fn mark_sent(&self, id: Uuid) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE caunoi.mail_queue SET status = 'sent', sent_at = now(), claimed_until = NULL,
                last_error = NULL
             WHERE id = $1",
        )
        .bind(id)
        .execute(&self.pool)
        .await
        .map(|_| ())
    }

    /// The mail stays queued and is tried again after `delay`.
    pub async fn retry_later(
        &self,
        id: Uuid,
        delay: Duration,
        error: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE caunoi.mail_queue SET next_attempt_at = now() + $2, claimed_until = NULL,
                last_error = $3
             WHERE id = $1",
        )
        .bind(id)
        .bind(delay)
        .bind(error)
        .execute(&self.pool)
        .await
        .map(|_| ())
    }

    /// The mail cannot be delivered (refused for good); it stays listed with the reason.
    pub async fn mark_failed(&self, id: Uuid, error: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE caunoi.mail_queue SET status = 'failed', claimed_until = NULL, last_error = $2
             WHERE id = $1",
        )
        .bind(id)
        .bind(error)
        .execute(&self.pool)
        .await
        .map(|_| ())
    }

    /// The newest mails, optionally only one status, for people to look at.
    pub async fn recent(
        &self,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<QueuedMail>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM caunoi.mail_queue
             WHERE $1::text IS NULL OR status = $1
             ORDER BY created_at DESC LIMIT $2"
        ))
        .bind(status)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
    }
}
