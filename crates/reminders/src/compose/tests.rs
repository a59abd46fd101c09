//! The reminder emails in Vietnamese are kept word for word (the copies in `golden/` were
//! made before the mails could be written in English); in English they hold no
//! Vietnamese wording.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::Lang;
use domain::reminders::{Deadline, Detail, Planned, Reason, Rule, Timing};

use super::{Composed, compose};

/// The names a reminder's data is made of, Vietnamese or plain ASCII.
struct Names {
    person: &'static str,
    committee: &'static str,
    late_approvers: [&'static str; 2],
    programme: &'static str,
    tasks: [&'static str; 3],
    agreement: &'static str,
}

const VIETNAMESE: Names = Names {
    person: "Phạm Thị Thu",
    committee: "Ban Thường vụ Thành đoàn Lào Cai",
    late_approvers: ["Lê Văn Hùng", "Giàng A Páo"],
    programme: "Đoàn 27 thiếu nhi Lào Cai giao lưu tại Hà Khẩu",
    tasks: [
        "Gửi danh sách đoàn (Đoàn 27 thiếu nhi)",
        "Đặt xe (Đoàn 27 thiếu nhi)",
        "Ký kế hoạch năm sau (Đoàn 27 thiếu nhi)",
    ],
    agreement: "Thỏa thuận Lào Cai – Hà Khẩu",
};

const ASCII: Names = Names {
    person: "Pham Thi Thu",
    committee: "Standing Committee of Lao Cai City Youth Union",
    late_approvers: ["Le Van Hung", "Giang A Pao"],
    programme: "Children's exchange in Hekou",
    tasks: [
        "Send the delegation's list (Children's exchange)",
        "Book the coach (Children's exchange)",
        "Sign next year's plan (Children's exchange)",
    ],
    agreement: "Lao Cai - Hekou agreement",
};

fn asked() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 5, 18, 1, 0, 0).unwrap()
}

fn planned(n: &Names, rule: Rule, title: &str, detail: Detail, reason: Reason) -> Planned {
    Planned {
        key: format!("{}:x", rule.as_str()),
        occurrence: "due-in-3d".into(),
        due_since: asked(),
        late: false,
        deadline: Deadline {
            rule,
            subject: "s".into(),
            recipient_name: n.person.into(),
            recipient_email: "thu@example.vn".into(),
            timing: Timing::Waiting { since: asked() },
            title: title.into(),
            detail,
            link: "https://caunoi.example.vn/programmes/1".into(),
            reason,
        },
    }
}

/// One reminder of every kind, one of them late.
fn every_kind(n: &Names) -> Vec<Planned> {
    let on = NaiveDate::from_ymd_opt(2027, 5, 25).unwrap();
    let committee = || n.committee.to_string();
    let not_decided = |approver: &str| Detail::NotDecided {
        approver: approver.into(),
        committee: committee(),
        since: asked(),
    };
    let mut all = vec![
        planned(
            n,
            Rule::ApprovalPending,
            n.programme,
            Detail::Asked {
                committee: committee(),
                since: asked(),
            },
            Reason::Approver {
                committee: committee(),
            },
        ),
        planned(
            n,
            Rule::ApprovalEscalation,
            n.programme,
            not_decided(n.late_approvers[0]),
            Reason::Chair {
                committee: committee(),
            },
        ),
        planned(
            n,
            Rule::ApprovalEscalation,
            n.programme,
            not_decided(n.late_approvers[1]),
            Reason::Submitter,
        ),
        planned(
            n,
            Rule::TaskDue,
            n.tasks[0],
            Detail::DoneBy { on },
            Reason::Owner,
        ),
        planned(
            n,
            Rule::TaskDue,
            n.tasks[1],
            Detail::DoneBy { on },
            Reason::Coordinator,
        ),
        planned(
            n,
            Rule::ReportDue,
            n.programme,
            Detail::ReportDue { on },
            Reason::Coordinator,
        ),
        planned(
            n,
            Rule::ActionItemDue,
            n.tasks[2],
            Detail::DoneBy { on },
            Reason::Owner,
        ),
        planned(
            n,
            Rule::AgreementReview,
            n.agreement,
            Detail::Review { on },
            Reason::AgreementCoordinator,
        ),
        planned(
            n,
            Rule::AgreementExpiry,
            n.agreement,
            Detail::Expires { on },
            Reason::AgreementCoordinator,
        ),
    ];
    all[3].late = true;
    all
}

fn mail(reminders: &[Planned], lang: Lang) -> Composed {
    let refs: Vec<&Planned> = reminders.iter().collect();
    compose(
        &refs,
        Utc.with_ymd_and_hms(2027, 5, 21, 1, 0, 0).unwrap(),
        "https://caunoi.example.vn/reminders/preferences/x/y".into(),
        lang,
    )
}

fn snapshot(mail: &Composed) -> String {
    format!(
        "{}\n=== text ===\n{}\n=== html ===\n{}\n",
        mail.subject, mail.text, mail.html
    )
}

/// Every letter is plain ASCII, but for the service's name: what is not came from the
/// wording.
fn assert_english(mail: &Composed) {
    for part in [&mail.subject, &mail.text, &mail.html] {
        let foreign: String = part
            .replace("Cầu Nối", "")
            .chars()
            .filter(|c| c.is_alphabetic() && !c.is_ascii())
            .collect();
        assert!(foreign.is_empty(), "{foreign:?} in:\n{part}");
    }
    assert!(mail.html.contains("<html lang=\"en\">"));
}

#[test]
fn a_digest_in_vietnamese_is_word_for_word_as_before() {
    let all = every_kind(&VIETNAMESE);
    assert_eq!(
        snapshot(&mail(&all, Lang::Vi)),
        include_str!("golden/digest.vi.txt")
    );
    assert_eq!(
        snapshot(&mail(&all[3..4], Lang::Vi)),
        include_str!("golden/single.vi.txt")
    );
}

#[test]
fn a_digest_in_english_says_everything_in_english() {
    let all = every_kind(&ASCII);
    let digest = mail(&all, Lang::En);
    assert_english(&digest);
    assert_eq!(
        digest.subject,
        "Cầu Nối reminders: 9 things need your attention"
    );
    for expected in [
        "Dear Pham Thi Thu,",
        "as of 08:00 on 21 May 2027 (Vietnam time)",
        "== Waiting for your approval ==",
        "Standing Committee of Lao Cai City Youth Union asked for your decision at 08:00 on 18 May 2027 (Vietnam time).",
        "Le Van Hung (Standing Committee of Lao Cai City Youth Union) has not decided yet",
        "Why you get this: You submitted this plan.",
        "Due by 25 May 2027.",
        "(Late: this reminder should have gone out earlier",
        "No longer in force after 25 May 2027.",
        "Open: https://caunoi.example.vn/programmes/1",
    ] {
        assert!(
            digest.text.contains(expected),
            "{expected}:\n{}",
            digest.text
        );
    }
    let single = mail(&all[3..4], Lang::En);
    assert_english(&single);
    assert_eq!(
        single.subject,
        "Reminder: Tasks and documents due – Send the delegation's list (Children's exchange)"
    );
}
