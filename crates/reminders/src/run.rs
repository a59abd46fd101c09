use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::Lang;
use domain::reminders::{Delivery, Planned, Settings, plan};
use eventstore::{EventStore, StoreError};
use serde::Serialize;
use sqlx::PgPool;
use tracing::{Instrument, info, info_span, warn};
use workflow::links::LinkSecret;

use crate::claim::claim_and_queue;
use crate::compose::preferences_url;
use crate::deadlines;
use crate::preferences::Choices;
use crate::schedule::Schedules;

/// A run that starts this much after its scheduled time is a catch-up: what it sends is
/// marked late.
const ON_TIME: Duration = Duration::from_secs(5 * 60);

/// Works out and queues the reminders of scheduled runs.
#[derive(Clone)]
pub struct Scheduler {
    pub pool: PgPool,
    /// Where people's accounts are read, for the language each reads their mail in.
    pub store: EventStore,
    pub schedules: Schedules,
    pub settings: Settings,
    pub public_url: String,
    pub secret: LinkSecret,
    /// Days after a programme's last day when its follow-up report falls due.
    pub report_due_days: u32,
}

/// Why a run stopped before its end; the reminders it did not queue are left unclaimed
/// for the catch-up.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("a recipient's language could not be read: {0}")]
    Accounts(#[from] StoreError),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunReport {
    /// Reminders due at the run, before checking which were sent already.
    pub planned: usize,
    /// Reminders this run claimed and queued.
    pub claimed: usize,
    /// Emails queued.
    pub emails: usize,
    pub late: usize,
    /// Emails that could not be queued for what they hold (PostgreSQL refused a value):
    /// logged with the recipient and the reason; the run goes on with the others.
    pub failed: usize,
}

/// What a run would send, without sending or claiming anything.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub at: DateTime<Utc>,
    /// Reminders due and not sent yet, by recipient.
    pub reminders: Vec<Planned>,
    /// How many emails they would make, after each person's choices.
    pub emails: usize,
}

impl Scheduler {
    /// The reminders due at `now` that have not been claimed, grouped into the emails
    /// they make: one list per email.
    async fn due(
        &self,
        slot: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(usize, Vec<Vec<Planned>>), sqlx::Error> {
        let deadlines = deadlines::all(&self.pool, &self.public_url, self.report_due_days).await?;
        // Due before the previous scheduled run means missed by it; a run long after its
        // own time is a catch-up, and all it sends is late.
        let late_if_due_by = if now - slot > chrono::Duration::from_std(ON_TIME).unwrap_or_default()
        {
            Some(slot)
        } else {
            self.schedules.previous_before(slot)
        };
        let planned = plan(
            &deadlines,
            now,
            self.schedules.timezone,
            &self.settings,
            late_if_due_by,
        );
        let count = planned.len();
        let keys: Vec<String> = planned.iter().map(|p| p.key.clone()).collect();
        let sent: Vec<String> =
            sqlx::query_scalar("SELECT key FROM caunoi.reminders WHERE key = ANY($1)")
                .bind(&keys)
                .fetch_all(&self.pool)
                .await?;
        let choices = Choices::load(&self.pool).await?;
        let mut by_person: BTreeMap<String, Vec<Planned>> = BTreeMap::new();
        for reminder in planned {
            let email = reminder.deadline.recipient_email.to_lowercase();
            if sent.contains(&reminder.key) || !choices.wants(&email, reminder.deadline.rule) {
                continue;
            }
            by_person.entry(email).or_default().push(reminder);
        }
        let mut emails = Vec::new();
        for (email, reminders) in by_person {
            match choices.delivery(&email) {
                Delivery::Digest => emails.push(reminders),
                Delivery::Single => emails.extend(reminders.into_iter().map(|r| vec![r])),
            }
        }
        Ok((count, emails))
    }

    /// Runs the reminders of the scheduled time `slot`, as of `now` (the same moment, or
    /// later when catching up after downtime).
    pub async fn run(
        &self,
        slot: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<RunReport, RunError> {
        let span = info_span!("reminder_run", slot = %slot);
        async {
            sqlx::query(
                "INSERT INTO caunoi.reminder_runs (slot) VALUES ($1) ON CONFLICT DO NOTHING",
            )
            .bind(slot)
            .execute(&self.pool)
            .await?;
            let (planned, emails) = self.due(slot, now).await?;
            let correlation_id = format!("reminders:{}", slot.to_rfc3339());
            let mut report = RunReport {
                planned,
                ..RunReport::default()
            };
            // Someone who gets one email per reminder has their language read once.
            let mut langs: HashMap<String, Lang> = HashMap::new();
            for reminders in &emails {
                let refs: Vec<&Planned> = reminders.iter().collect();
                let email = &reminders[0].deadline.recipient_email;
                let lang = match langs.get(email) {
                    Some(lang) => *lang,
                    None => {
                        let lang = notifications::mail_lang(&self.store, email).await?;
                        langs.insert(email.clone(), lang);
                        lang
                    }
                };
                let claimed = match claim_and_queue(
                    &self.pool,
                    &refs,
                    slot,
                    now,
                    preferences_url(&self.public_url, &self.secret, email),
                    lang,
                    &correlation_id,
                )
                .await
                {
                    Ok(claimed) => claimed,
                    Err(error) if workflow::refused_for_what_it_holds(&error) => {
                        warn!(recipient = %email, %error, "a reminder email could not be queued; the run goes on");
                        report.failed += 1;
                        continue;
                    }
                    Err(error) => return Err(error.into()),
                };
                if claimed > 0 {
                    report.claimed += claimed;
                    report.emails += 1;
                    report.late += reminders.iter().filter(|r| r.late).count();
                }
            }
            sqlx::query(
                "UPDATE caunoi.reminder_runs SET finished_at = now(),
                    planned = greatest(planned, $2), claimed = claimed + $3
                 WHERE slot = $1",
            )
            .bind(slot)
            .bind(report.planned as i32)
            .bind(report.claimed as i32)
            .execute(&self.pool)
            .await?;
            info!(
                planned = report.planned,
                claimed = report.claimed,
                emails = report.emails,
                late = report.late,
                "reminder run done"
            );
            Ok(report)
        }
        .instrument(span)
        .await
    }

    /// What a run at `at` would send, to whom, without claiming or queueing anything.
    pub async fn preview(&self, at: DateTime<Utc>) -> Result<Preview, sqlx::Error> {
        let (_, emails) = self.due(at, at).await?;
        Ok(Preview {
            at,
            emails: emails.len(),
            reminders: emails.into_iter().flatten().collect(),
        })
    }

    /// The scheduled time before `now` when no run happened at it (the service was down),
    /// so that a start catches up once.
    pub async fn missed_slot(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
        let Some(previous) = self.schedules.previous_before(now) else {
            return Ok(None);
        };
        let ran: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM caunoi.reminder_runs WHERE slot = $1 AND finished_at IS NOT NULL)",
        )
        .bind(previous)
        .fetch_one(&self.pool)
        .await?;
        Ok((!ran).then_some(previous))
    }
}
