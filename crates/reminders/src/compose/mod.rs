//! The reminder emails: a digest per person per run, grouped by rule, or one email per
//! reminder for those who chose so, in the language the recipient reads. Each says why it
//! was sent and links to the thing.

mod words;

use askama::Template;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use domain::Lang;
use domain::labels::format_time_in_vietnam;
use domain::reminders::{Planned, Rule};
use workflow::links::LinkSecret;

use words::{ReminderWords, reminder_words};

/// What the preferences page signs: a person's address.
pub const PREFERENCES_PURPOSE: &str = "reminder-preferences";

pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

struct Item<'a> {
    title: &'a str,
    detail: String,
    reason: String,
    link: &'a str,
    late: bool,
}

struct Group<'a> {
    heading: &'static str,
    items: Vec<Item<'a>>,
}

/// What both parts say.
struct Reminders<'a> {
    w: &'static ReminderWords,
    name: &'a str,
    at: String,
    groups: Vec<Group<'a>>,
    any_late: bool,
    preferences: String,
}

#[derive(Template)]
#[template(path = "reminders.txt")]
struct Text<'a> {
    d: &'a Reminders<'a>,
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct Html<'a> {
    d: &'a Reminders<'a>,
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

/// One email for `reminders`, all for the same person, made at the run of `at`, in `lang`.
pub fn compose(
    reminders: &[&Planned],
    at: DateTime<Utc>,
    preferences: String,
    lang: Lang,
) -> Composed {
    let w = reminder_words(lang);
    let mut rules: Vec<Rule> = reminders.iter().map(|p| p.deadline.rule).collect();
    rules.sort();
    rules.dedup();
    let groups = rules
        .into_iter()
        .map(|rule| Group {
            heading: rule.label(lang),
            items: reminders
                .iter()
                .filter(|p| p.deadline.rule == rule)
                .map(|p| Item {
                    title: &p.deadline.title,
                    detail: p.deadline.detail.text(lang),
                    reason: p.deadline.reason.text(lang),
                    link: &p.deadline.link,
                    late: p.late,
                })
                .collect(),
        })
        .collect();
    let subject = match reminders {
        [single] => format!(
            "{}: {} – {}",
            w.subject_one,
            single.deadline.rule.label(lang),
            single.deadline.title
        ),
        many => (w.subject_many)(many.len()),
    };
    let data = Reminders {
        w,
        name: &reminders[0].deadline.recipient_name,
        at: format_time_in_vietnam(at, lang),
        groups,
        any_late: reminders.iter().any(|p| p.late),
        preferences,
    };
    Composed {
        subject,
        text: render(&Text { d: &data }),
        html: render(&Html { d: &data }),
    }
}

fn render(template: &impl Template) -> String {
    template
        .render()
        .expect("reminder templates only format plain values")
}

#[cfg(test)]
mod tests;
