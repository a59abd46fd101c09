//! API tokens as a person makes them for their own scripts: what a label and a lifetime
//! may be. The JSON API, the token page and `caunoi api-token create` all ask here;
//! `identity` keeps the tokens.

use chrono::{DateTime, Days, Utc};
use domain::{FieldError, Problem};

/// The longest a token may live: a year, so that forgotten tokens end on their own.
pub const MAX_DAYS: u64 = 366;
/// The default lifetime offered.
pub const DEFAULT_DAYS: u64 = 90;
const LABEL_MAX: usize = 100;

/// A token that may be made: its label, trimmed, and when it stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    pub label: String,
    pub expires_at: DateTime<Utc>,
}

/// Checks what a person asked for; every problem at once.
pub fn check(label: &str, days: u64, now: DateTime<Utc>) -> Result<NewToken, Vec<FieldError>> {
    let label = label.trim();
    let mut problems = Vec::new();
    if label.is_empty() {
        problems.push(FieldError::new("label", Problem::Required));
    } else if label.chars().any(char::is_control) {
        problems.push(FieldError::new("label", Problem::ControlCharacter));
    } else if label.chars().count() > LABEL_MAX {
        problems.push(FieldError::new(
            "label",
            Problem::TooLong { max: LABEL_MAX },
        ));
    }
    if !(1..=MAX_DAYS).contains(&days) {
        problems.push(FieldError::new(
            "days",
            Problem::OutOfRange {
                min: 1,
                max: MAX_DAYS as i64,
            },
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(NewToken {
        label: label.to_owned(),
        expires_at: now + Days::new(days),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap()
    }

    #[test]
    fn a_label_and_days_make_a_token_that_ends_that_many_days_later() {
        let made = check("  báo cáo đêm ", 30, now()).unwrap();
        assert_eq!(made.label, "báo cáo đêm");
        assert_eq!(
            made.expires_at,
            Utc.with_ymd_and_hms(2027, 1, 30, 23, 30, 0).unwrap()
        );
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let problems = check(" ", 0, now()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["label", "days"]);
        assert!(check("a\nb", 1, now()).is_err(), "a line break");
        assert!(check(&"x".repeat(101), 1, now()).is_err(), "too long");
        assert!(check("x", MAX_DAYS + 1, now()).is_err(), "more than a year");
        assert!(
            check(&"đ".repeat(100), MAX_DAYS, now()).is_ok(),
            "100 letters, a year"
        );
    }
}
