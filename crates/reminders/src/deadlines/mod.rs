//! The deadlines the rules look at, read from the read models. Each source turns its rows
//! into `Deadline`s: who is reminded, of what, why, and where to act.

mod approvals;
mod followups;
mod tasks;

use domain::reminders::Deadline;
use sqlx::PgPool;

/// Every open deadline, of every rule.
pub async fn all(
    pool: &PgPool,
    public_url: &str,
    report_due_days: u32,
) -> Result<Vec<Deadline>, sqlx::Error> {
    let mut deadlines = approvals::deadlines(pool, public_url).await?;
    deadlines.extend(followups::reports(pool, public_url, report_due_days).await?);
    deadlines.extend(followups::action_items(pool, public_url).await?);
    deadlines.extend(followups::agreements(pool, public_url).await?);
    deadlines.extend(tasks::deadlines(pool, public_url).await?);
    deadlines.sort_by(|a, b| a.recipient_email.cmp(&b.recipient_email));
    Ok(deadlines)
}

/// Whether an actor recorded on an event is an address to write to.
fn is_address(text: &str) -> bool {
    text.contains('@') && !text.contains(char::is_whitespace)
}

/// A programme's page.
fn programme_page(public_url: &str, id: uuid::Uuid) -> String {
    format!("{}/programmes/{id}", public_url.trim_end_matches('/'))
}
