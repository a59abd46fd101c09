use chrono::NaiveDate;
use domain::reminders::{Deadline, Detail, Reason, Rule, Timing};
use sqlx::PgPool;
use uuid::Uuid;

use super::{is_address, programme_page};

#[derive(sqlx::FromRow)]
struct OpenTask {
    id: Uuid,
    programme_id: Uuid,
    programme_title: String,
    title: String,
    owner_name: String,
    owner_email: String,
    due_on: NaiveDate,
    coordinator_name: Option<String>,
    coordinator_email: Option<String>,
}

/// Logistics tasks and documents not done: their owner, and the programme's coordinator
/// when that is someone else.
pub(super) async fn deadlines(
    pool: &PgPool,
    public_url: &str,
) -> Result<Vec<Deadline>, sqlx::Error> {
    let tasks: Vec<OpenTask> = sqlx::query_as(
        "SELECT c.id, c.programme_id, p.title AS programme_title, c.title, c.owner_name,
                c.owner_email, c.due_on,
                p.state->'plan'->'coordinator'->>'name' AS coordinator_name,
                p.state->'plan'->'coordinator'->>'email' AS coordinator_email
         FROM caunoi.checklist_items c JOIN caunoi.programmes p ON p.id = c.programme_id
         WHERE c.status IN ('todo', 'in_progress')
           AND p.status NOT IN ('cancelled', 'rejected', 'closed')",
    )
    .fetch_all(pool)
    .await?;
    let mut deadlines = Vec::new();
    for task in tasks {
        let title = format!("{} ({})", task.title, task.programme_title);
        let link = programme_page(public_url, task.programme_id);
        let deadline = |name: String, email: String, reason: Reason| Deadline {
            rule: Rule::TaskDue,
            subject: task.id.to_string(),
            recipient_name: name,
            recipient_email: email,
            timing: Timing::Due { on: task.due_on },
            title: title.clone(),
            detail: Detail::DoneBy { on: task.due_on },
            link: link.clone(),
            reason,
        };
        if is_address(&task.owner_email) {
            deadlines.push(deadline(
                task.owner_name.clone(),
                task.owner_email.clone(),
                Reason::Owner,
            ));
        }
        if let Some(email) = task
            .coordinator_email
            .filter(|e| is_address(e) && !e.eq_ignore_ascii_case(&task.owner_email))
        {
            deadlines.push(deadline(
                task.coordinator_name
                    .clone()
                    .unwrap_or_else(|| email.clone()),
                email,
                Reason::Coordinator,
            ));
        }
    }
    Ok(deadlines)
}
