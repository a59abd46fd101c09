use anyhow::{Context, Result, bail};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use reminders::{Preview, Scheduler, Schedules};
use workflow::links::LinkSecret;

use crate::infra::Infrastructure;
use crate::settings::Settings;

/// The scheduler as the settings describe it; a wrong schedule or timezone stops the start
/// with the setting's name.
pub fn scheduler(
    settings: &Settings,
    infra: &Infrastructure,
    secret: &LinkSecret,
) -> Result<Scheduler> {
    let schedules = Schedules::parse(&settings.reminder_timezone, &settings.reminder_schedules)?;
    Ok(Scheduler {
        pool: infra.pool.clone(),
        store: infra.store.clone(),
        schedules,
        settings: settings.reminders.clone(),
        public_url: settings.public_url(),
        secret: secret.clone(),
        report_due_days: settings.report_due_days,
    })
}

/// Reads a time given on the command line: RFC 3339 (`2027-03-09T08:00:00+07:00`), or a
/// local time (`2027-03-09 08:00`) in the reminders' timezone.
pub fn parse_time(text: &str, settings: &Settings) -> Result<DateTime<Utc>> {
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Ok(moment.with_timezone(&Utc));
    }
    let timezone: chrono_tz::Tz = settings
        .reminder_timezone
        .parse()
        .map_err(|_| anyhow::anyhow!("setting reminder_timezone is not a timezone"))?;
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format)
            && let Some(moment) = timezone.from_local_datetime(&local).earliest()
        {
            return Ok(moment.with_timezone(&Utc));
        }
    }
    bail!(
        "{text:?} is not a time: write 2027-03-09 08:00 (in {}) or 2027-03-09T08:00:00+07:00",
        settings.reminder_timezone
    )
}

/// Prints what a run at `at` would send, to whom, grouped into emails.
pub fn print_preview(preview: &Preview, settings: &Settings) -> Result<()> {
    let timezone: chrono_tz::Tz = settings
        .reminder_timezone
        .parse()
        .context("setting reminder_timezone")?;
    println!(
        "Nhắc việc nếu chạy lúc {} ({}): {} nhắc việc, {} thư",
        preview.at.with_timezone(&timezone).format("%H:%M %d/%m/%Y"),
        settings.reminder_timezone,
        preview.reminders.len(),
        preview.emails
    );
    for reminder in &preview.reminders {
        let deadline = &reminder.deadline;
        println!(
            "- {} <{}> · {} · {} · {}{}",
            deadline.recipient_name,
            deadline.recipient_email,
            deadline.rule.as_str(),
            reminder.occurrence,
            deadline.title,
            if reminder.late {
                " · nhắc muộn"
            } else {
                ""
            }
        );
    }
    Ok(())
}
