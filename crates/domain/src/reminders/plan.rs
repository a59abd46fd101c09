use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::rule::{Rule, Settings};
use super::wording::{Detail, Reason};

/// When a deadline's clock runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "timing", rename_all = "snake_case")]
pub enum Timing {
    /// Something waiting since then (an approval asked for).
    Waiting { since: DateTime<Utc> },
    /// Something due on that day, where the reminders are read.
    Due { on: NaiveDate },
}

/// One deadline of one person, as the read models show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Deadline {
    pub rule: Rule,
    /// What it is about, stable over time (e.g. a task's id), so that its reminders can
    /// be told apart and never sent twice.
    pub subject: String,
    pub recipient_name: String,
    pub recipient_email: String,
    pub timing: Timing,
    /// What the reminder names, e.g. the programme's title and the task.
    pub title: String,
    /// A line about the deadline, worded in the recipient's language by the mail.
    pub detail: Detail,
    /// Where to go to act on it: a page, or an approval-link placeholder.
    pub link: String,
    /// Why this person gets it.
    pub reason: Reason,
}

/// A reminder due at a run: the deadline, which of its reminders it is, and whether it
/// should have gone out at an earlier run that did not happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Planned {
    /// `<rule>:<subject>:<email>:<occurrence>`: one reminder, whoever sends it.
    pub key: String,
    pub occurrence: String,
    /// When this reminder became due.
    pub due_since: DateTime<Utc>,
    pub late: bool,
    pub deadline: Deadline,
}

/// The reminders due at `now` for these deadlines: for each deadline, only its most
/// recent occurrence (the one that matters now); whether it was already sent is for the
/// caller to check by its key. `previous_run` is the scheduled run before this one: an
/// occurrence that was already due then, and goes out only now, is late.
pub fn plan(
    deadlines: &[Deadline],
    now: DateTime<Utc>,
    timezone: Tz,
    settings: &Settings,
    previous_run: Option<DateTime<Utc>>,
) -> Vec<Planned> {
    deadlines
        .iter()
        .filter_map(|deadline| {
            let rule = settings.of(deadline.rule);
            if !rule.enabled {
                return None;
            }
            let (occurrence, due_since) = match deadline.timing {
                Timing::Waiting { since } => {
                    waiting_occurrence(since, now, rule.after_days, rule.repeat_days)?
                }
                Timing::Due { on } => {
                    due_occurrence(on, now, timezone, &rule.lead_days, rule.overdue)?
                }
            };
            let key = format!(
                "{}:{}:{}:{occurrence}",
                deadline.rule.as_str(),
                deadline.subject,
                deadline.recipient_email.to_lowercase()
            );
            Some(Planned {
                key,
                occurrence,
                due_since,
                late: previous_run.is_some_and(|previous| due_since <= previous),
                deadline: deadline.clone(),
            })
        })
        .collect()
}

/// Waiting since `since`: the first reminder after `after` days, then every `repeat`
/// days. Returns the latest one reached, named by its number.
fn waiting_occurrence(
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    after: u32,
    repeat: u32,
) -> Option<(String, DateTime<Utc>)> {
    let first = since + Duration::days(after.into());
    if now < first {
        return None;
    }
    let n = if repeat == 0 {
        0
    } else {
        (now - first).num_days() / i64::from(repeat)
    };
    let due_since = first + Duration::days(n * i64::from(repeat));
    Some((
        format!("after-{}d", after as i64 + n * i64::from(repeat)),
        due_since,
    ))
}

/// Due on `on`: the nearest lead time reached (7, then 3, then 1 days before), or
/// overdue from the day after.
fn due_occurrence(
    on: NaiveDate,
    now: DateTime<Utc>,
    timezone: Tz,
    lead_days: &[u32],
    overdue: bool,
) -> Option<(String, DateTime<Utc>)> {
    let today = now.with_timezone(&timezone).date_naive();
    let start_of = |day: NaiveDate| {
        timezone
            .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight exists"))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now)
    };
    let days_left = (on - today).num_days();
    if days_left < 0 {
        return overdue.then(|| ("overdue".to_string(), start_of(on + Duration::days(1))));
    }
    let lead = lead_days
        .iter()
        .copied()
        .filter(|lead| i64::from(*lead) >= days_left)
        .min()?;
    Some((
        format!("due-in-{lead}d"),
        start_of(on - Duration::days(lead.into())),
    ))
}
