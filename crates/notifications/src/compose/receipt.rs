use askama::Template;
use chrono::{DateTime, Utc};
use domain::Lang;
use domain::approval::{Decision, Person, RoundRecord};
use domain::labels::format_time_in_vietnam;

use super::words::receipt::{ReceiptWords, receipt_words};
use super::words::{MailWords, mail_words};
use super::{Composed, render};

#[derive(Template)]
#[template(path = "decision_receipt.txt")]
struct ReceiptText<'a> {
    d: &'a Receipt,
}

#[derive(Template)]
#[template(path = "decision_receipt.html")]
struct ReceiptHtml<'a> {
    d: &'a Receipt,
}

struct Receipt {
    m: &'static MailWords,
    w: &'static ReceiptWords,
    name: String,
    on_behalf_of: Option<String>,
    committee: String,
    title: String,
    decision: &'static str,
    note: Option<String>,
    at: String,
}

/// Confirms to whoever decided that their decision was recorded, in `lang`.
pub fn decision_receipt(
    round: &RoundRecord,
    stage: usize,
    decision: &Decision,
    at: DateTime<Utc>,
    by: &Person,
    on_behalf_of: Option<&Person>,
    lang: Lang,
) -> Composed {
    let data = Receipt {
        m: mail_words(lang),
        w: receipt_words(lang),
        name: by.name.clone(),
        on_behalf_of: on_behalf_of.map(|p| p.name.clone()),
        committee: round
            .stages
            .get(stage)
            .map(|s| s.plan.committee_name.clone())
            .unwrap_or_default(),
        title: round.plan.title.clone(),
        decision: decision.label(lang),
        note: decision.note().map(String::from),
        at: format_time_in_vietnam(at, lang),
    };
    Composed {
        subject: format!("{}: {}", data.w.recorded, data.title),
        text: render(&ReceiptText { d: &data }),
        html: render(&ReceiptHtml { d: &data }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::fixtures::{
        ASCII, Data, VIETNAMESE, absent, approver, assert_english, at, round, snapshot,
    };

    /// A request for changes on behalf of an absent member, and a plain approval.
    fn both(d: &Data, lang: Lang) -> [Composed; 2] {
        let round = round(d);
        let changes = Decision::RequestChanges {
            comment: d.note.into(),
        };
        let approve = Decision::Approve { comment: None };
        [
            decision_receipt(
                &round,
                0,
                &changes,
                at(),
                &approver(d),
                Some(&absent(d)),
                lang,
            ),
            decision_receipt(&round, 0, &approve, at(), &approver(d), None, lang),
        ]
    }

    #[test]
    fn in_vietnamese_it_is_word_for_word_as_before() {
        let [changes, approve] = both(&VIETNAMESE, Lang::Vi);
        assert_eq!(
            snapshot(&changes),
            include_str!("golden/decision_receipt.vi.txt")
        );
        assert_eq!(
            snapshot(&approve),
            include_str!("golden/decision_receipt_plain.vi.txt")
        );
    }

    #[test]
    fn in_english_it_says_everything_in_english() {
        let [changes, approve] = both(&ASCII, Lang::En);
        assert_english(&changes);
        assert_english(&approve);
        assert_eq!(
            changes.subject,
            "Decision recorded: Children's exchange in Hekou"
        );
        assert!(changes.text.contains(
            "Your decision (on behalf of Le Van Hung) as a member of Standing Committee of Lao Cai City Youth Union on the programme \"Children's exchange in Hekou\" was recorded at 14:30 on 20 May 2027 (Vietnam time):"
        ), "{}", changes.text);
        assert!(changes.text.contains("Request changes"));
        assert!(approve.html.contains("<strong>Approve</strong>"));
    }
}
