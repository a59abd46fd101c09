//! The reminder rules in force, in words an administrator reads: when each rule fires.

use domain::Lang;
use domain::reminders::{Rule, RuleSettings};

use http_common::ReminderRules;

pub struct RuleView {
    pub label: &'static str,
    pub timing: String,
}

pub fn rule_views(rules: &ReminderRules, off: &str, lang: Lang) -> Vec<RuleView> {
    Rule::ALL
        .into_iter()
        .map(|rule| RuleView {
            label: rule.label(lang),
            timing: timing(rules.rules.of(rule), off, lang),
        })
        .collect()
}

fn timing(settings: &RuleSettings, off: &str, lang: Lang) -> String {
    if !settings.enabled {
        return off.to_owned();
    }
    if settings.lead_days.is_empty() {
        return waiting(settings, lang);
    }
    let days = list(&settings.lead_days, lang);
    match (lang, settings.overdue) {
        (Lang::Vi, false) => format!("trước hạn {days} ngày"),
        (Lang::Vi, true) => format!("trước hạn {days} ngày, và một lần khi quá hạn"),
        (Lang::En, false) => format!("{days} days before"),
        (Lang::En, true) => format!("{days} days before, and once when overdue"),
    }
}

/// Rules about something waiting (an approval) count from when it began to wait.
fn waiting(settings: &RuleSettings, lang: Lang) -> String {
    let (after, repeat) = (settings.after_days, settings.repeat_days);
    match (lang, repeat) {
        (Lang::Vi, 0) => format!("một lần, sau {after} ngày chờ"),
        (Lang::Vi, _) => format!("sau {after} ngày chờ, rồi cứ {repeat} ngày một lần"),
        (Lang::En, 0) => format!("once, after {after} days waiting"),
        (Lang::En, _) => format!("after {after} days waiting, then every {repeat} days"),
    }
}

/// 7, 3 và 1 / 7, 3 and 1.
fn list(days: &[u32], lang: Lang) -> String {
    let and = match lang {
        Lang::Vi => " và ",
        Lang::En => " and ",
    };
    let words: Vec<String> = days.iter().map(u32::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}{and}{last}", rest.join(", ")),
        _ => words.concat(),
    }
}
