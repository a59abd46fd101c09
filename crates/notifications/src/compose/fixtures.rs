//! A round of approval for the composing tests, written once with Vietnamese data (for
//! the mails kept word for word) and once with plain ASCII data, so that any Vietnamese
//! left in an English mail can only come from its wording.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::approval::{
    Approver, DecisionRule, Person, RoundRecord, RoundStatus, SeatRecord, StagePlan, StageRecord,
    StageStatus,
};
use domain::programme::{Plan, PlanChanges, ProgrammeKind};
use domain::values::{BudgetLine, Contact, Currency, Partner, Schedule};
use uuid::Uuid;

use super::Composed;

/// The words a fixture's data is made of.
pub struct Data {
    pub title: &'static str,
    pub committee: &'static str,
    pub approver: &'static str,
    pub absent: &'static str,
    pub host: &'static str,
    pub partner: &'static str,
    pub venue: &'static str,
    pub objectives: &'static str,
    pub budget: &'static str,
    pub note: &'static str,
}

pub const VIETNAMESE: Data = Data {
    title: "Đoàn 27 thiếu nhi Lào Cai giao lưu tại Hà Khẩu",
    committee: "Ban Thường vụ Thành đoàn Lào Cai",
    approver: "Phạm Thị Thu",
    absent: "Lê Văn Hùng",
    host: "Thành đoàn Lào Cai",
    partner: "Đoàn Thanh niên huyện Hà Khẩu",
    venue: "Cửa khẩu quốc tế Lào Cai – Hà Khẩu",
    objectives: "Giao lưu thiếu nhi nhân Ngày Quốc tế Thiếu nhi 1/6",
    budget: "Xe đưa đón",
    note: "Đề nghị bổ sung danh sách đoàn.",
};

pub const ASCII: Data = Data {
    title: "Children's exchange in Hekou",
    committee: "Standing Committee of Lao Cai City Youth Union",
    approver: "Pham Thi Thu",
    absent: "Le Van Hung",
    host: "Lao Cai City Youth Union",
    partner: "Hekou County Youth League",
    venue: "Lao Cai - Hekou international border gate",
    objectives: "Children meet on International Children's Day",
    budget: "Coach hire",
    note: "Please add the delegation's list.",
};

pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 5, 20, 7, 30, 0).unwrap()
}

fn plan(d: &Data) -> Plan {
    let day = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    Plan {
        title: d.title.into(),
        kind: ProgrammeKind::Childrens,
        host_organisation: d.host.into(),
        host_organisation_id: None,
        co_organisers: vec![],
        partners: vec![Partner {
            name: d.partner.into(),
            country: "CN".into(),
            region: None,
        }],
        schedule: Schedule {
            start: day,
            end: day.succ_opt().unwrap(),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: Some(d.venue.into()),
        border_gate: None,
        objectives: d.objectives.into(),
        expected_delegation_size: 27,
        budget: vec![BudgetLine {
            label: d.budget.into(),
            amount: "15000000".parse().unwrap(),
            currency: Currency::Vnd,
        }],
        agreement_id: None,
        coordinator: Some(Contact {
            name: d.approver.into(),
            email: "thu@example.vn".into(),
        }),
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.into(),
        email: "thu@example.vn".into(),
    }
}

/// A second round whose plan changed, asking one committee with the approver standing
/// in for an absent member.
pub fn round(d: &Data) -> RoundRecord {
    let plan = plan(d);
    let mut before = plan.clone();
    before.expected_delegation_size = 25;
    before.objectives = "—".into();
    RoundRecord {
        id: Uuid::nil(),
        programme_id: Uuid::nil(),
        round: 2,
        status: RoundStatus::Open,
        stages: vec![StageRecord {
            plan: StagePlan {
                committee_id: Uuid::nil(),
                committee_name: d.committee.into(),
                rule: DecisionRule::All,
                advisory: false,
                approvers: vec![],
            },
            status: StageStatus::Open,
            seats: vec![seat(d)],
        }],
        changes: Some(PlanChanges::between(&before, &plan)),
        plan,
    }
}

/// The first round of a plan with neither venue nor budget, asking a committee for advice.
pub fn advisory_round(d: &Data) -> RoundRecord {
    let mut round = round(d);
    round.round = 1;
    round.changes = None;
    round.plan.venue = None;
    round.plan.budget = vec![];
    round.stages[0].plan.advisory = true;
    round.stages[0].seats[0].approver.on_behalf_of = None;
    round
}

pub fn seat(d: &Data) -> SeatRecord {
    SeatRecord {
        approver: Approver {
            member_id: Uuid::nil(),
            person: person(d.approver),
            chair: false,
            on_behalf_of: Some(person(d.absent)),
        },
        link: None,
        replaced_links: vec![],
        decision: None,
    }
}

pub fn approver(d: &Data) -> Person {
    person(d.approver)
}

pub fn absent(d: &Data) -> Person {
    person(d.absent)
}

/// A mail as one text, to compare with the copy kept in `golden/` (made before the mails
/// could be written in English).
pub fn snapshot(mail: &Composed) -> String {
    format!(
        "{}\n=== text ===\n{}\n=== html ===\n{}\n",
        mail.subject, mail.text, mail.html
    )
}

/// Every letter is plain ASCII, but for the service's name: with the ASCII data, any
/// other letter came from the wording. A whole page says it is in English.
pub fn assert_english(mail: &Composed) {
    for part in [&mail.subject, &mail.text, &mail.html] {
        let foreign: String = part
            .replace("Cầu Nối", "")
            .chars()
            .filter(|c| c.is_alphabetic() && !c.is_ascii())
            .collect();
        assert!(foreign.is_empty(), "{foreign:?} in:\n{part}");
    }
    assert!(!mail.html.contains("<html") || mail.html.contains("<html lang=\"en\">"));
}
