use askama::Template;

use super::approval::{Composed, render};

#[derive(Template)]
#[template(path = "submission_refused.txt")]
struct RefusedText<'a> {
    name: &'a str,
    title: &'a str,
    reason: &'a str,
}

#[derive(Template)]
#[template(path = "submission_refused.html")]
struct RefusedHtml<'a> {
    name: &'a str,
    title: &'a str,
    reason: &'a str,
}

/// Tells the planner that no approval round could start, and why.
pub fn submission_refused(title: &str, reason: &str, name: &str) -> Composed {
    Composed {
        subject: format!("Chưa thể trình duyệt: {title}"),
        text: render(&RefusedText {
            name,
            title,
            reason,
        }),
        html: render(&RefusedHtml {
            name,
            title,
            reason,
        }),
    }
}
