use chrono::{DateTime, Utc};
use domain::Lang;
use domain::reminders::Planned;
use mailer::Recipient;
use notifications::{MailQueue, NewMail};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use crate::compose;

/// Claims the reminders of one email and queues the email, in one transaction: either the
/// reminders are claimed and their email is queued, or neither (a crash, or another
/// scheduler claimed them first, in which case this one queues nothing for them).
/// The email is written in `lang`, the recipient's. Returns how many reminders this call
/// claimed.
pub async fn claim_and_queue(
    pool: &PgPool,
    reminders: &[&Planned],
    slot: DateTime<Utc>,
    now: DateTime<Utc>,
    preferences: String,
    lang: Lang,
    correlation_id: &str,
) -> Result<usize, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut claimed: Vec<&Planned> = Vec::new();
    let mail_id = Uuid::now_v7();
    for reminder in reminders {
        let inserted = sqlx::query(
            "INSERT INTO caunoi.reminders (key, rule, subject, recipient_email, occurrence,
                title, due_since, late, slot, mail_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(&reminder.key)
        .bind(reminder.deadline.rule.as_str())
        .bind(&reminder.deadline.subject)
        .bind(&reminder.deadline.recipient_email)
        .bind(&reminder.occurrence)
        .bind(&reminder.deadline.title)
        .bind(reminder.due_since)
        .bind(reminder.late)
        .bind(slot)
        .bind(mail_id)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 1 {
            claimed.push(reminder);
        }
    }
    if claimed.is_empty() {
        tx.rollback().await?;
        return Ok(0);
    }
    let composed = compose::compose(&claimed, now, preferences, lang);
    let first = &claimed[0].deadline;
    let mut keys: Vec<&str> = claimed.iter().map(|p| p.key.as_str()).collect();
    keys.sort();
    let digest = hex::encode(&Sha256::digest(keys.join("\n").as_bytes())[..12]);
    let mail = NewMail {
        key: format!("reminders:{digest}"),
        kind: "reminder",
        to: Recipient {
            name: first.recipient_name.clone(),
            email: first.recipient_email.clone(),
        },
        subject: composed.subject,
        text: composed.text,
        html: composed.html,
        correlation_id: correlation_id.to_string(),
    };
    MailQueue::insert(&mut tx, mail_id, &mail).await?;
    tx.commit().await?;
    Ok(claimed.len())
}
