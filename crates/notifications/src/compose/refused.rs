use askama::Template;
use domain::Lang;

use super::words::refused::{RefusedWords, refused_words};
use super::words::{MailWords, mail_words};
use super::{Composed, render};

#[derive(Template)]
#[template(path = "submission_refused.txt")]
struct RefusedText<'a> {
    d: &'a Refused<'a>,
}

#[derive(Template)]
#[template(path = "submission_refused.html")]
struct RefusedHtml<'a> {
    d: &'a Refused<'a>,
}

struct Refused<'a> {
    m: &'static MailWords,
    w: &'static RefusedWords,
    name: &'a str,
    title: &'a str,
    reason: &'a str,
}

/// Tells the planner that no approval round could start, and why, in `lang`. The reason
/// is quoted as the approval process recorded it.
pub fn submission_refused(title: &str, reason: &str, name: &str, lang: Lang) -> Composed {
    let data = Refused {
        m: mail_words(lang),
        w: refused_words(lang),
        name,
        title,
        reason,
    };
    Composed {
        subject: format!("{}: {title}", data.w.not_sent),
        text: render(&RefusedText { d: &data }),
        html: render(&RefusedHtml { d: &data }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::fixtures::{ASCII, VIETNAMESE, assert_english, snapshot};

    #[test]
    fn in_vietnamese_it_is_word_for_word_as_before() {
        let d = &VIETNAMESE;
        assert_eq!(
            snapshot(&submission_refused(d.title, d.note, d.approver, Lang::Vi)),
            include_str!("golden/submission_refused.vi.txt")
        );
    }

    #[test]
    fn in_english_it_says_everything_in_english() {
        let d = &ASCII;
        let mail = submission_refused(d.title, d.note, d.approver, Lang::En);
        assert_english(&mail);
        assert_eq!(
            mail.subject,
            "Not sent for approval: Children's exchange in Hekou"
        );
        assert!(mail.text.contains(
            "The plan \"Children's exchange in Hekou\" was returned without being sent for approval:"
        ));
    }
}
