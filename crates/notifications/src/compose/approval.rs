use askama::Template;
use chrono::{DateTime, Utc};
use domain::Lang;
use domain::approval::{Decision, Person, RoundOutcome, RoundRecord, SeatRecord};
use domain::labels::format_time_in_vietnam;

use super::{Summary, field_label, link_placeholder};

/// A mail's subject and its two parts.
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

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

/// Asks one approver to decide, with their personal link (filled in when sent).
pub fn approval_request(
    round: &RoundRecord,
    stage: usize,
    seat: &SeatRecord,
    link_id: uuid::Uuid,
    expires_at: DateTime<Utc>,
) -> Composed {
    let stage = &round.stages[stage];
    let mut changed: Vec<&'static str> = round
        .changes
        .as_ref()
        .map(|c| c.changed_fields().into_iter().map(field_label).collect())
        .unwrap_or_default();
    changed.dedup();
    let data = Request {
        name: seat.approver.person.name.clone(),
        on_behalf_of: seat.approver.on_behalf_of.as_ref().map(|p| p.name.clone()),
        committee: stage.plan.committee_name.clone(),
        advisory: stage.plan.advisory,
        round: round.round,
        summary: Summary::of(&round.plan),
        changed,
        link: link_placeholder(round.id, link_id),
        expires: format_time_in_vietnam(expires_at, Lang::Vi),
    };
    let subject = if data.advisory {
        format!("Xin ý kiến: {}", data.summary.title)
    } else {
        format!("Đề nghị phê duyệt: {}", data.summary.title)
    };
    Composed {
        subject,
        text: render(&RequestText { d: &data }),
        html: render(&RequestHtml { d: &data }),
    }
}

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
    name: String,
    on_behalf_of: Option<String>,
    committee: String,
    title: String,
    decision: &'static str,
    note: Option<String>,
    at: String,
}

/// Confirms to whoever decided that their decision was recorded.
pub fn decision_receipt(
    round: &RoundRecord,
    stage: usize,
    decision: &Decision,
    at: DateTime<Utc>,
    by: &Person,
    on_behalf_of: Option<&Person>,
) -> Composed {
    let data = Receipt {
        name: by.name.clone(),
        on_behalf_of: on_behalf_of.map(|p| p.name.clone()),
        committee: round
            .stages
            .get(stage)
            .map(|s| s.plan.committee_name.clone())
            .unwrap_or_default(),
        title: round.plan.title.clone(),
        decision: decision.label(Lang::Vi),
        note: decision.note().map(String::from),
        at: format_time_in_vietnam(at, Lang::Vi),
    };
    Composed {
        subject: format!("Đã ghi nhận ý kiến: {}", data.title),
        text: render(&ReceiptText { d: &data }),
        html: render(&ReceiptHtml { d: &data }),
    }
}

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
    name: String,
    title: String,
    headline: &'static str,
    committee: Option<String>,
    note: Option<String>,
    next_step: &'static str,
}

/// Tells the planner and the coordinator how the round ended.
pub fn round_result(round: &RoundRecord, outcome: &RoundOutcome, name: &str) -> Composed {
    let (headline, stage, note, next_step) = match outcome {
        RoundOutcome::Approved => (
            "đã được phê duyệt",
            None,
            None,
            "Có thể bắt đầu chuẩn bị đoàn và các thủ tục.",
        ),
        RoundOutcome::ChangesRequested { stage, comment } => (
            "cần chỉnh sửa trước khi trình lại",
            Some(*stage),
            Some(comment.clone()),
            "Hãy chỉnh sửa kế hoạch theo ý kiến trên rồi trình lại; các bước đã phê duyệt trước đó được giữ nếu những nội dung chính không đổi.",
        ),
        RoundOutcome::Declined { stage, reason } => (
            "không được phê duyệt",
            Some(*stage),
            Some(reason.clone()),
            "Chương trình dừng tại đây.",
        ),
    };
    let data = RoundResult {
        name: name.to_string(),
        title: round.plan.title.clone(),
        headline,
        committee: stage
            .and_then(|s| round.stages.get(s))
            .map(|s| s.plan.committee_name.clone()),
        note,
        next_step,
    };
    let subject = match outcome {
        RoundOutcome::Approved => format!("Đã phê duyệt: {}", data.title),
        RoundOutcome::ChangesRequested { .. } => format!("Cần chỉnh sửa: {}", data.title),
        RoundOutcome::Declined { .. } => format!("Không được phê duyệt: {}", data.title),
    };
    Composed {
        subject,
        text: render(&ResultText { d: &data }),
        html: render(&ResultHtml { d: &data }),
    }
}

pub(super) fn render(template: &impl Template) -> String {
    template
        .render()
        .expect("mail templates only format plain values")
}
