//! Programmes recorded from history: past exchanges brought in once, closed at once, with
//! no approval, report or reminder replayed.

use chrono::{DateTime, TimeZone, Utc};
use domain::programme::{
    Attendance, HistorySource, Plan, PlanPatch, Programme, ProgrammeCommand, ProgrammeEvent,
    ProgrammeKind, Status,
};
use domain::values::{Partner, Schedule};
use domain::{Aggregate, CommandContext, DomainError, Entity, Lang, Problem};
use proptest::prelude::*;
use uuid::Uuid;

use crate::fixtures::date;
use crate::harness;

const ID: Uuid = Uuid::from_u128(0x15_2017);
const LANG_SON: Uuid = Uuid::from_u128(0x15);

/// 10:00 in Vietnam on 2 June 2026.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 2, 3, 0, 0).unwrap()
}

fn context() -> CommandContext {
    CommandContext {
        now: now(),
        actor: "admin@huunghilangson.example.vn".into(),
    }
}

/// The Lạng Sơn Friendship Association's delegation to Guangxi for the Spring Festival of
/// 2018, as its records tell it.
fn past_plan() -> Plan {
    Plan {
        title: "Đoàn Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn chúc Tết Hội Hữu nghị Quảng Tây"
            .into(),
        kind: ProgrammeKind::DelegationVisit,
        host_organisation: "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn".into(),
        host_organisation_id: Some(LANG_SON),
        co_organisers: vec![],
        partners: vec![Partner {
            name: "Hội Hữu nghị đối ngoại nhân dân Khu tự trị dân tộc Choang Quảng Tây".into(),
            country: "CN".into(),
            region: Some("Quảng Tây".into()),
        }],
        schedule: Schedule {
            start: date(2018, 2, 7),
            end: date(2018, 2, 9),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: Some("Thành phố Nam Ninh".into()),
        border_gate: Some("huu_nghi".into()),
        objectives: String::new(),
        expected_delegation_size: 12,
        budget: vec![],
        agreement_id: None,
        coordinator: None,
    }
}

fn attendance() -> Attendance {
    Attendance {
        total: 24,
        vietnamese_side: Some(12),
        partner_side: Some(12),
    }
}

fn source() -> HistorySource {
    HistorySource {
        file: "lich-su-lang-son.csv".into(),
        key: "2018-chuc-tet-quang-tay".into(),
    }
}

fn record(plan: Plan, attendance: Attendance) -> ProgrammeCommand {
    ProgrammeCommand::RecordFromHistory {
        id: ID,
        plan,
        attendance,
        outcomes: "Trao đổi kế hoạch giao lưu năm 2018; thăm Khu công nghiệp Bằng Tường.".into(),
        source: source(),
    }
}

fn when(state: &Programme, command: ProgrammeCommand) -> Result<Vec<ProgrammeEvent>, DomainError> {
    harness::when(state, &command, &context())
}

fn recorded() -> Vec<ProgrammeEvent> {
    when(&Programme::New, record(past_plan(), attendance())).unwrap()
}

fn fields(result: Result<Vec<ProgrammeEvent>, DomainError>) -> Vec<(String, Problem)> {
    match result {
        Err(DomainError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.field, e.problem)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_past_programme_is_recorded_closed_with_its_attendance_and_where_it_came_from() {
    let events = recorded();
    assert_eq!(events.len(), 1);
    let ProgrammeEvent::RecordedFromHistory(event) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(event.programme_id, ID);
    assert_eq!(event.imported_by, "admin@huunghilangson.example.vn");
    assert_eq!(event.source, source());

    let state: Programme = harness::given(&events);
    let record = state.record().unwrap();
    assert_eq!(record.status, Status::Closed);
    assert_eq!(record.plan, past_plan());
    assert_eq!(record.submissions, 0);
    assert_eq!(record.review_round_id, None);
    assert_eq!(record.follow_up_report_id, None);
    let history = record.history.as_ref().unwrap();
    assert_eq!(history.attendance.total, 24);
    assert_eq!(history.source.key, "2018-chuc-tet-quang-tay");
    assert_eq!(
        events[0].label(Lang::Vi),
        "Ghi nhận từ tư liệu lịch sử",
        "the programme page's history names it"
    );
}

#[test]
fn the_same_record_again_appends_nothing_whoever_imports_it_from_whichever_file() {
    let state: Programme = harness::given(&recorded());
    assert_eq!(when(&state, record(past_plan(), attendance())), Ok(vec![]));
    let renamed = ProgrammeCommand::RecordFromHistory {
        id: ID,
        plan: past_plan(),
        attendance: attendance(),
        outcomes: " Trao đổi kế hoạch giao lưu năm 2018; thăm Khu công nghiệp Bằng Tường. ".into(),
        source: HistorySource {
            file: "ban-sao/lich-su.yaml".into(),
            key: "2018-chuc-tet-quang-tay".into(),
        },
    };
    let someone_else = CommandContext {
        now: now() + chrono::Duration::days(400),
        actor: "caunoi-import".into(),
    };
    assert_eq!(state.decide(&renamed, &someone_else), Ok(vec![]));
}

#[test]
fn another_record_under_the_same_id_is_refused_and_says_why_in_both_languages() {
    let state: Programme = harness::given(&recorded());
    let mut more = attendance();
    more.total = 30;
    more.partner_side = Some(18);
    let refused = fields(when(&state, record(past_plan(), more)));
    assert_eq!(refused, [("id".to_string(), Problem::RecordedDifferently)]);
    let vi = Problem::RecordedDifferently.message(Lang::Vi);
    let en = Problem::RecordedDifferently.message(Lang::En);
    assert!(vi.contains("nội dung khác"), "{vi}");
    assert!(en.contains("already recorded with other details"), "{en}");

    let mut retitled = past_plan();
    retitled.title = "Đoàn chúc Tết".into();
    assert!(matches!(
        when(&state, record(retitled, attendance())),
        Err(DomainError::Invalid(_))
    ));
}

#[test]
fn history_is_only_for_a_programme_that_does_not_exist_yet() {
    let drafted = harness::when(
        &Programme::New,
        &ProgrammeCommand::Draft {
            id: ID,
            plan: past_plan(),
        },
        &context(),
    )
    .unwrap();
    let state: Programme = harness::given(&drafted);
    assert_eq!(
        when(&state, record(past_plan(), attendance())),
        Err(DomainError::AlreadyExists(Entity::Programme))
    );
}

#[test]
fn a_programme_whose_last_day_is_not_over_is_not_history() {
    // Its last day is today in Vietnam: not over yet.
    let mut today = past_plan();
    today.schedule.start = date(2026, 6, 1);
    today.schedule.end = date(2026, 6, 2);
    assert_eq!(
        fields(when(&Programme::New, record(today.clone(), attendance()))),
        [("schedule.end".to_string(), Problem::NotOver)]
    );
    // It ended yesterday: history.
    today.schedule.end = date(2026, 6, 1);
    assert!(when(&Programme::New, record(today, attendance())).is_ok());

    let mut ahead = past_plan();
    ahead.schedule.start = date(2027, 1, 1);
    ahead.schedule.end = date(2027, 1, 3);
    assert!(
        fields(when(&Programme::New, record(ahead, attendance())))
            .contains(&("schedule.end".to_string(), Problem::NotOver))
    );
}

#[test]
fn every_problem_of_a_record_is_reported_at_once() {
    let mut plan = past_plan();
    plan.title = String::new();
    plan.host_organisation_id = None;
    plan.partners.clear();
    let attendance = Attendance {
        total: 20,
        vietnamese_side: Some(15),
        partner_side: Some(8),
    };
    let found = fields(when(&Programme::New, record(plan, attendance)));
    let names: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        names,
        [
            "title",
            "partners",
            "host_organisation_id",
            "attendance.partner_side"
        ]
    );
    assert_eq!(found[3].1, Problem::SidesNotTotal { total: 20 });

    let too_many_here = Attendance {
        total: 10,
        vietnamese_side: Some(11),
        partner_side: None,
    };
    assert_eq!(
        fields(when(&Programme::New, record(past_plan(), too_many_here))),
        [(
            "attendance.vietnamese_side".to_string(),
            Problem::OutOfRange { min: 0, max: 10 }
        )]
    );
}

#[test]
fn a_recorded_programme_takes_no_lifecycle_command() {
    let state: Programme = harness::given(&recorded());
    for command in [
        ProgrammeCommand::Submit,
        ProgrammeCommand::MarkHeld,
        ProgrammeCommand::BeginPreparation,
        ProgrammeCommand::Cancel {
            reason: "Nhập nhầm".into(),
        },
        ProgrammeCommand::Revise {
            patch: PlanPatch {
                expected_delegation_size: Some(30),
                ..PlanPatch::default()
            },
            reason: Some("Sửa số liệu".into()),
        },
    ] {
        assert!(
            matches!(
                when(&state, command.clone()),
                Err(DomainError::NotAllowed {
                    status: Status::Closed,
                    ..
                })
            ),
            "{command:?}"
        );
    }
}

proptest! {
    /// Whatever the past programme, recording it closes it, recording it again appends
    /// nothing, and any other attendance under its id is refused.
    #[test]
    fn recording_is_idempotent_and_never_overwrites(
        start_days_ago in 1i64..3000,
        length in 0i64..10,
        total in 0u32..2000,
        ours in proptest::option::of(0u32..2000),
    ) {
        let mut plan = past_plan();
        let today = date(2026, 6, 2);
        let end = today - chrono::Duration::days(start_days_ago);
        plan.schedule.end = end;
        plan.schedule.start = end - chrono::Duration::days(length);
        let ours = ours.map(|n| n.min(total));
        let attendance = Attendance {
            total,
            vietnamese_side: ours,
            partner_side: ours.map(|n| total - n),
        };
        let events = Programme::New
            .decide(&record(plan.clone(), attendance.clone()), &context())
            .unwrap();
        let state: Programme = harness::given(&events);
        prop_assert_eq!(state.record().unwrap().status, Status::Closed);
        prop_assert_eq!(
            state.decide(&record(plan.clone(), attendance.clone()), &context()),
            Ok(vec![])
        );
        let other = Attendance { total: total + 1, vietnamese_side: None, partner_side: None };
        prop_assert!(state.decide(&record(plan, other), &context()).is_err());
    }
}
