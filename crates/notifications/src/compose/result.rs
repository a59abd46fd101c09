use askama::Template;
use domain::Lang;
use domain::approval::{RoundOutcome, RoundRecord};

use super::words::result::{ResultWords, result_words};
use super::words::{MailWords, mail_words};
use super::{Composed, render};

#[derive(Template)]
#[template(path = "round_result.txt")]
struct ResultText<'a> {
    d: &'a RoundResult,
}

#[derive(Template)]
#[template(path = "round_result.html")]
struct ResultHtml<'a> {
    d: &'a RoundResult,
}

struct RoundResult {
    m: &'static MailWords,
    w: &'static ResultWords,
    name: String,
    title: String,
    headline: &'static str,
    committee: Option<String>,
    note: Option<String>,
    next_step: &'static str,
}

/// Tells the planner and the coordinator how the round ended, in `lang`.
pub fn round_result(
    round: &RoundRecord,
    outcome: &RoundOutcome,
    name: &str,
    lang: Lang,
) -> Composed {
    let w = result_words(lang);
    let (said, stage, note) = match outcome {
        RoundOutcome::Approved => (&w.approved, None, None),
        RoundOutcome::ChangesRequested { stage, comment } => {
            (&w.changes_requested, Some(*stage), Some(comment.clone()))
        }
        RoundOutcome::Declined { stage, reason } => {
            (&w.declined, Some(*stage), Some(reason.clone()))
        }
    };
    let data = RoundResult {
        m: mail_words(lang),
        w,
        name: name.to_string(),
        title: round.plan.title.clone(),
        headline: said.headline,
        committee: stage
            .and_then(|s| round.stages.get(s))
            .map(|s| s.plan.committee_name.clone()),
        note,
        next_step: said.next_step,
    };
    Composed {
        subject: format!("{}: {}", said.subject, data.title),
        text: render(&ResultText { d: &data }),
        html: render(&ResultHtml { d: &data }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::fixtures::{ASCII, Data, VIETNAMESE, assert_english, round, snapshot};

    fn every_outcome(d: &Data, lang: Lang) -> [Composed; 3] {
        let round = round(d);
        [
            RoundOutcome::Approved,
            RoundOutcome::ChangesRequested {
                stage: 0,
                comment: d.note.into(),
            },
            RoundOutcome::Declined {
                stage: 0,
                reason: d.note.into(),
            },
        ]
        .map(|outcome| round_result(&round, &outcome, d.approver, lang))
    }

    #[test]
    fn in_vietnamese_it_is_word_for_word_as_before() {
        let [approved, changes, declined] = every_outcome(&VIETNAMESE, Lang::Vi);
        assert_eq!(
            snapshot(&approved),
            include_str!("golden/round_result_approved.vi.txt")
        );
        assert_eq!(
            snapshot(&changes),
            include_str!("golden/round_result_changes.vi.txt")
        );
        assert_eq!(
            snapshot(&declined),
            include_str!("golden/round_result_declined.vi.txt")
        );
    }

    #[test]
    fn in_english_it_says_everything_in_english() {
        let mails = every_outcome(&ASCII, Lang::En);
        for mail in &mails {
            assert_english(mail);
        }
        let [approved, changes, declined] = mails;
        assert_eq!(approved.subject, "Approved: Children's exchange in Hekou");
        assert!(
            approved
                .text
                .contains("The programme \"Children's exchange in Hekou\" has been approved.")
        );
        assert!(changes.text.contains(
            "needs changes before it is submitted again (as decided by Standing Committee of Lao Cai City Youth Union)."
        ));
        assert!(declined.subject.starts_with("Not approved: "));
    }
}
