use askama::Template;
use chrono::{DateTime, Utc};
use domain::Lang;
use domain::approval::{RoundRecord, SeatRecord};
use domain::labels::format_time_in_vietnam;

use super::summary::{Summary, field_label};
use super::words::request::{RequestWords, request_words};
use super::words::{MailWords, mail_words};
use super::{Composed, link_placeholder, render};

#[derive(Template)]
#[template(path = "approval_request.txt")]
struct RequestText<'a> {
    d: &'a Request,
}

#[derive(Template)]
#[template(path = "approval_request.html")]
struct RequestHtml<'a> {
    d: &'a Request,
}

struct Request {
    m: &'static MailWords,
    w: &'static RequestWords,
    name: String,
    on_behalf_of: Option<String>,
    committee: String,
    advisory: bool,
    round: u32,
    summary: Summary,
    changed: Vec<&'static str>,
    link: String,
    expires: String,
}

/// Asks one approver to decide, with their personal link (filled in when sent), in
/// `lang`.
pub fn approval_request(
    round: &RoundRecord,
    stage: usize,
    seat: &SeatRecord,
    link_id: uuid::Uuid,
    expires_at: DateTime<Utc>,
    lang: Lang,
) -> Composed {
    let stage = &round.stages[stage];
    let mut changed: Vec<&'static str> = round
        .changes
        .as_ref()
        .map(|c| {
            c.changed_fields()
                .into_iter()
                .map(|field| field_label(field, lang))
                .collect()
        })
        .unwrap_or_default();
    changed.dedup();
    let w = request_words(lang);
    let data = Request {
        m: mail_words(lang),
        w,
        name: seat.approver.person.name.clone(),
        on_behalf_of: seat.approver.on_behalf_of.as_ref().map(|p| p.name.clone()),
        committee: stage.plan.committee_name.clone(),
        advisory: stage.plan.advisory,
        round: round.round,
        summary: Summary::of(&round.plan, lang),
        changed,
        link: link_placeholder(round.id, link_id),
        expires: format_time_in_vietnam(expires_at, lang),
    };
    let asked = if data.advisory { w.advice } else { w.approval };
    Composed {
        subject: format!("{asked}: {}", data.summary.title),
        text: render(&RequestText { d: &data }),
        html: render(&RequestHtml { d: &data }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::fixtures::{
        ASCII, Data, VIETNAMESE, advisory_round, assert_english, at, round, snapshot,
    };

    fn mail(round: &RoundRecord, lang: Lang) -> Composed {
        approval_request(
            round,
            0,
            &round.stages[0].seats[0],
            uuid::Uuid::nil(),
            at(),
            lang,
        )
    }

    fn both(d: &Data, lang: Lang) -> [Composed; 2] {
        [mail(&round(d), lang), mail(&advisory_round(d), lang)]
    }

    #[test]
    fn in_vietnamese_it_is_word_for_word_as_before() {
        let [full, advisory] = both(&VIETNAMESE, Lang::Vi);
        assert_eq!(
            snapshot(&full),
            include_str!("golden/approval_request.vi.txt")
        );
        assert_eq!(
            snapshot(&advisory),
            include_str!("golden/approval_request_advisory.vi.txt")
        );
    }

    #[test]
    fn in_english_it_says_everything_in_english() {
        let [full, advisory] = both(&ASCII, Lang::En);
        assert_english(&full);
        assert_english(&advisory);
        assert_eq!(
            full.subject,
            "Approval requested: Children's exchange in Hekou"
        );
        for expected in [
            "Dear Pham Thi Thu,",
            "You are asked to decide on behalf of Le Van Hung while Le Van Hung is away.",
            "(submission 2)",
            "Kind: children's exchange",
            "Dates: 1 Jun 2027 – 2 Jun 2027",
            "Delegation size: 27 people",
            "Budget: Coach hire: 15,000,000 VND",
            "expires at 14:30 on 20 May 2027 (Vietnam time).",
        ] {
            assert!(full.text.contains(expected), "{expected}:\n{}", full.text);
        }
        assert!(
            full.html
                .contains("<strong>on behalf of Le Van Hung</strong> while")
        );
        assert!(advisory.subject.starts_with("Advice requested: "));
    }
}
