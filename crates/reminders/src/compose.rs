//! The reminder emails: a digest per person per run, grouped by rule, or one email per
//! reminder for those who chose so. Each says why it was sent and links to the thing.

use askama::Template;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use domain::Lang;
use domain::labels::format_time_in_vietnam;
use domain::reminders::{Planned, Rule};
use workflow::links::LinkSecret;

/// What the preferences page signs: a person's address.
pub const PREFERENCES_PURPOSE: &str = "reminder-preferences";

pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

struct Group<'a> {
    heading: &'static str,
    items: Vec<&'a Planned>,
}

#[derive(Template)]
#[template(path = "reminders.txt")]
struct Text<'a> {
    name: &'a str,
    at: String,
    groups: Vec<Group<'a>>,
    any_late: bool,
    preferences: String,
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct Html<'a> {
    name: &'a str,
    at: String,
    groups: Vec<Group<'a>>,
    any_late: bool,
    preferences: String,
}

/// The page where this person chooses how they get reminders, signed for them.
pub fn preferences_url(public_url: &str, secret: &LinkSecret, email: &str) -> String {
    let email = email.to_lowercase();
    format!(
        "{}/reminders/preferences/{}/{}",
        public_url.trim_end_matches('/'),
        URL_SAFE_NO_PAD.encode(email.as_bytes()),
        secret.sign(PREFERENCES_PURPOSE, &email)
    )
}

/// One email for `reminders`, all for the same person, made at the run of `at`.
pub fn compose(reminders: &[&Planned], at: DateTime<Utc>, preferences: String) -> Composed {
    let first = reminders[0];
    let mut rules: Vec<Rule> = reminders.iter().map(|p| p.deadline.rule).collect();
    rules.sort();
    rules.dedup();
    let groups: Vec<Group<'_>> = rules
        .into_iter()
        .map(|rule| Group {
            heading: rule.label(Lang::Vi),
            items: reminders
                .iter()
                .copied()
                .filter(|p| p.deadline.rule == rule)
                .collect(),
        })
        .collect();
    let any_late = reminders.iter().any(|p| p.late);
    let subject = match reminders {
        [single] => format!(
            "Nhắc việc: {} – {}",
            single.deadline.rule.label(Lang::Vi),
            single.deadline.title
        ),
        many => format!("Nhắc việc Cầu Nối: {} việc cần đồng chí lưu ý", many.len()),
    };
    let at = format_time_in_vietnam(at, Lang::Vi);
    let name = first.deadline.recipient_name.as_str();
    let text = Text {
        name,
        at: at.clone(),
        groups: groups
            .iter()
            .map(|g| Group {
                heading: g.heading,
                items: g.items.clone(),
            })
            .collect(),
        any_late,
        preferences: preferences.clone(),
    }
    .render()
    .expect("reminder templates only format plain values");
    let html = Html {
        name,
        at,
        groups,
        any_late,
        preferences,
    }
    .render()
    .expect("reminder templates only format plain values");
    Composed {
        subject,
        text,
        html,
    }
}
