use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// When reminders go out: cron expressions (seconds first, e.g. `0 0 8 * * Mon-Fri` for
/// 08:00 on working days), read in one timezone.
#[derive(Debug, Clone)]
pub struct Schedules {
    pub timezone: Tz,
    schedules: Vec<cron::Schedule>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ScheduleError {
    #[error(
        "setting reminder_timezone: {0:?} is not a timezone; use an IANA name such as Asia/Ho_Chi_Minh"
    )]
    Timezone(String),
    #[error(
        "setting reminder_schedules: {expression:?} is not a cron expression ({reason}); write six fields, seconds first, e.g. \"0 0 8 * * Mon-Fri\""
    )]
    Expression { expression: String, reason: String },
    #[error("setting reminder_schedules: at least one schedule is needed")]
    Empty,
}

impl Schedules {
    pub fn parse(timezone: &str, expressions: &[String]) -> Result<Self, ScheduleError> {
        let timezone: Tz = timezone
            .parse()
            .map_err(|_| ScheduleError::Timezone(timezone.to_string()))?;
        if expressions.is_empty() {
            return Err(ScheduleError::Empty);
        }
        let schedules = expressions
            .iter()
            .map(|expression| {
                cron::Schedule::from_str(expression).map_err(|e| ScheduleError::Expression {
                    expression: expression.clone(),
                    reason: e.to_string(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            timezone,
            schedules,
        })
    }

    /// The first scheduled time after `moment`.
    pub fn next_after(&self, moment: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = moment.with_timezone(&self.timezone);
        self.schedules
            .iter()
            .filter_map(|s| s.after(&local).next())
            .min()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The last scheduled time before `moment`.
    pub fn previous_before(&self, moment: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = moment.with_timezone(&self.timezone);
        self.schedules
            .iter()
            .filter_map(|s| s.after(&local).next_back())
            .max()
            .map(|t| t.with_timezone(&Utc))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::Asia::Ho_Chi_Minh;

    use super::*;

    fn vn(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Ho_Chi_Minh
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn eight_on_working_days_means_eight_in_vietnam() {
        let schedules =
            Schedules::parse("Asia/Ho_Chi_Minh", &["0 0 8 * * Mon-Fri".into()]).unwrap();
        // Friday 5 March 2027, 09:00 in Vietnam: next is Monday 8 March, 08:00.
        assert_eq!(
            schedules.next_after(vn(2027, 3, 5, 9)),
            Some(vn(2027, 3, 8, 8))
        );
        assert_eq!(
            schedules.previous_before(vn(2027, 3, 8, 7)),
            Some(vn(2027, 3, 5, 8))
        );
        assert_eq!(
            schedules.next_after(vn(2027, 3, 8, 8)),
            Some(vn(2027, 3, 9, 8)),
            "strictly after"
        );
    }

    #[test]
    fn bad_settings_name_the_setting() {
        let bad = Schedules::parse("Asia/Hanoi", &["0 0 8 * * Mon-Fri".into()]).unwrap_err();
        assert!(bad.to_string().contains("reminder_timezone"));
        let bad = Schedules::parse("Asia/Ho_Chi_Minh", &["every morning".into()]).unwrap_err();
        assert!(bad.to_string().contains("reminder_schedules"));
        assert_eq!(
            Schedules::parse("Asia/Ho_Chi_Minh", &[]).unwrap_err(),
            ScheduleError::Empty
        );
    }
}
