//! The programme aggregate.

use chrono::{TimeZone, Utc};
use domain::programme::{
    Change, PlanPatch, Programme, ProgrammeCommand, ProgrammeEvent, ProgrammeKind, Status, Verdict,
};
use domain::values::{BudgetLine, Currency, Schedule};
use domain::{Aggregate, CommandContext, DomainError, DomainEvent, Lang, Problem};
use proptest::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::fixtures::{conference_plan, date};
use crate::harness;

fn context() -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2023, 4, 10, 2, 0, 0).unwrap(),
        actor: "planner@tinhdoancaobang.vn".into(),
    }
}

fn given(events: &[ProgrammeEvent]) -> Programme {
    harness::given(events)
}

fn when(state: &Programme, command: ProgrammeCommand) -> Result<Vec<ProgrammeEvent>, DomainError> {
    harness::when(state, &command, &context())
}

fn drafted() -> Vec<ProgrammeEvent> {
    let draft = ProgrammeCommand::Draft {
        id: Uuid::nil(),
        plan: conference_plan(),
    };
    when(&Programme::New, draft).unwrap()
}

fn submitted() -> Vec<ProgrammeEvent> {
    let mut events = drafted();
    events.extend(when(&given(&events), ProgrammeCommand::Submit).unwrap());
    events
}

fn status_of(events: &[ProgrammeEvent]) -> Status {
    given(events).record().unwrap().status
}

fn field_problems(result: Result<Vec<ProgrammeEvent>, DomainError>) -> Vec<(String, Problem)> {
    match result {
        Err(DomainError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.field, e.problem)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn drafting_a_valid_plan_gives_one_drafted_event() {
    let events = drafted();
    assert_eq!(events.len(), 1);
    assert!(matches!(&events[0], ProgrammeEvent::Drafted(e) if e.plan == conference_plan()));
    assert_eq!(status_of(&events), Status::Draft);
}

#[test]
fn drafting_trims_what_people_typed() {
    let mut plan = conference_plan();
    plan.title = "  Tọa đàm đánh giá 1 năm  ".into();
    plan.partners[0].country = "cn".into();
    let events = when(
        &Programme::New,
        ProgrammeCommand::Draft {
            id: Uuid::nil(),
            plan,
        },
    )
    .unwrap();
    let state = given(&events);
    let record = state.record().unwrap();
    assert_eq!(record.plan.title, "Tọa đàm đánh giá 1 năm");
    assert_eq!(record.plan.partners[0].country, "CN");
}

#[test]
fn drafting_twice_is_refused() {
    let state = given(&drafted());
    let again = ProgrammeCommand::Draft {
        id: Uuid::nil(),
        plan: conference_plan(),
    };
    assert_eq!(
        when(&state, again),
        Err(DomainError::AlreadyExists(domain::Entity::Programme))
    );
}

#[test]
fn every_invalid_field_is_reported_at_once() {
    let mut plan = conference_plan();
    plan.title = "".into();
    plan.schedule.end = date(2023, 11, 20);
    plan.schedule.timezone = "Asia/Hanoi_City".into();
    plan.expected_delegation_size = 2001;
    plan.budget[0].amount = Decimal::from(-5);
    plan.partners.clear();
    let problems = field_problems(when(
        &Programme::New,
        ProgrammeCommand::Draft {
            id: Uuid::nil(),
            plan,
        },
    ));
    let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "title",
            "partners",
            "schedule.end",
            "schedule.timezone",
            "expected_delegation_size",
            "budget[0].amount"
        ]
    );
    assert_eq!(problems[2].1, Problem::EndBeforeStart);
    assert_eq!(problems[5].1, Problem::Negative);
}

#[test]
fn title_length_counts_characters_not_bytes() {
    let mut plan = conference_plan();
    plan.title = "Đ".repeat(200);
    assert!(
        when(
            &Programme::New,
            ProgrammeCommand::Draft {
                id: Uuid::nil(),
                plan: plan.clone()
            }
        )
        .is_ok()
    );
    plan.title.push('ệ');
    let problems = field_problems(when(
        &Programme::New,
        ProgrammeCommand::Draft {
            id: Uuid::nil(),
            plan,
        },
    ));
    assert_eq!(
        problems,
        [("title".to_string(), Problem::TooLong { max: 200 })]
    );
}

#[test]
fn delegation_size_bounds_are_one_and_two_thousand() {
    for (size, ok) in [(0, false), (1, true), (2000, true), (2001, false)] {
        let mut plan = conference_plan();
        plan.expected_delegation_size = size;
        let result = when(
            &Programme::New,
            ProgrammeCommand::Draft {
                id: Uuid::nil(),
                plan,
            },
        );
        assert_eq!(result.is_ok(), ok, "size {size}");
    }
}

#[test]
fn amounts_respect_the_currency_decimals() {
    let mut plan = conference_plan();
    plan.budget.push(BudgetLine {
        label: "Quà lưu niệm".into(),
        amount: "1200.50".parse().unwrap(),
        currency: Currency::Cny,
    });
    assert!(
        when(
            &Programme::New,
            ProgrammeCommand::Draft {
                id: Uuid::nil(),
                plan: plan.clone()
            }
        )
        .is_ok()
    );
    plan.budget[0].amount = "100.5".parse().unwrap();
    let problems = field_problems(when(
        &Programme::New,
        ProgrammeCommand::Draft {
            id: Uuid::nil(),
            plan,
        },
    ));
    assert_eq!(
        problems,
        [(
            "budget[0].amount".to_string(),
            Problem::TooManyDecimals {
                currency: "VND".into(),
                max: 0
            }
        )]
    );
}

#[test]
fn revising_records_only_changed_fields_with_old_values() {
    let state = given(&drafted());
    let patch = PlanPatch {
        title: Some("Hội nghị trực tuyến 4 tỉnh – Quảng Tây".into()),
        expected_delegation_size: Some(40),
        venue: Some(None),
        ..PlanPatch::default()
    };
    let events = when(
        &state,
        ProgrammeCommand::Revise {
            patch,
            reason: None,
        },
    )
    .unwrap();
    let [ProgrammeEvent::Revised(revised)] = events.as_slice() else {
        panic!("expected one revision, got {events:?}");
    };
    assert_eq!(revised.changes.changed_fields(), ["title", "venue"]);
    assert_eq!(
        revised.changes.venue,
        Some(Change {
            from: Some("Hội trường Tỉnh Đoàn Cao Bằng".into()),
            to: None
        })
    );
    assert_eq!(
        revised.changes.title.as_ref().unwrap().from,
        conference_plan().title
    );
}

#[test]
fn revising_nothing_appends_nothing() {
    let state = given(&drafted());
    let patch = PlanPatch {
        title: Some(format!("  {}  ", conference_plan().title)),
        ..PlanPatch::default()
    };
    assert_eq!(
        when(
            &state,
            ProgrammeCommand::Revise {
                patch,
                reason: None
            }
        ),
        Ok(vec![])
    );
}

#[test]
fn revising_into_an_invalid_plan_is_refused() {
    let state = given(&drafted());
    let patch = PlanPatch {
        schedule: Some(Schedule {
            start: date(2023, 11, 21),
            end: date(2023, 11, 1),
            timezone: "Asia/Ho_Chi_Minh".into(),
        }),
        ..PlanPatch::default()
    };
    let problems = field_problems(when(
        &state,
        ProgrammeCommand::Revise {
            patch,
            reason: None,
        },
    ));
    assert_eq!(
        problems,
        [("schedule.end".to_string(), Problem::EndBeforeStart)]
    );
}

#[test]
fn revising_a_submitted_plan_needs_a_reason_and_returns_it_to_draft() {
    let state = given(&submitted());
    let patch = PlanPatch {
        kind: Some(ProgrammeKind::MouSigning),
        ..PlanPatch::default()
    };
    let problems = field_problems(when(
        &state,
        ProgrammeCommand::Revise {
            patch: patch.clone(),
            reason: None,
        },
    ));
    assert_eq!(problems, [("reason".to_string(), Problem::Required)]);

    let reason = Some("Thường trực Tỉnh ủy đồng ý chuyển sang hội nghị trực tuyến".into());
    let events = when(&state, ProgrammeCommand::Revise { patch, reason }).unwrap();
    let mut history = submitted();
    history.extend(events);
    assert_eq!(status_of(&history), Status::Draft);
}

#[test]
fn submitting_twice_is_refused_with_the_status() {
    let state = given(&submitted());
    assert_eq!(
        when(&state, ProgrammeCommand::Submit),
        Err(DomainError::NotAllowed {
            command: "submit",
            status: Status::Submitted
        })
    );
}

#[test]
fn submitting_needs_objectives_and_a_coordinator() {
    let mut plan = conference_plan();
    plan.objectives = String::new();
    plan.coordinator = None;
    let events = when(
        &Programme::New,
        ProgrammeCommand::Draft {
            id: Uuid::nil(),
            plan,
        },
    )
    .unwrap();
    let problems = field_problems(when(&given(&events), ProgrammeCommand::Submit));
    assert_eq!(
        problems,
        [
            ("objectives".to_string(), Problem::RequiredForSubmission),
            ("coordinator".to_string(), Problem::RequiredForSubmission)
        ]
    );
}

#[test]
fn postponing_moves_the_dates_later_and_waits_for_resubmission() {
    let state = given(&submitted());
    let later = Schedule {
        start: date(2023, 12, 5),
        end: date(2023, 12, 6),
        timezone: "Asia/Ho_Chi_Minh".into(),
    };
    let events = when(
        &state,
        ProgrammeCommand::Postpone {
            schedule: later.clone(),
            reason: "Trùng lịch kỳ họp".into(),
        },
    )
    .unwrap();
    let mut history = submitted();
    history.extend(events);
    let record = given(&history).record().unwrap().clone();
    assert_eq!(record.status, Status::Postponed);
    assert_eq!(record.plan.schedule, later);
    assert_eq!(record.postponements, 1);

    let resubmitted = when(&given(&history), ProgrammeCommand::Submit).unwrap();
    assert!(matches!(resubmitted.as_slice(), [ProgrammeEvent::Submitted(s)] if s.round == 2));
}

#[test]
fn postponing_to_an_earlier_date_or_without_reason_is_refused() {
    let state = given(&submitted());
    let earlier = Schedule {
        start: date(2023, 11, 1),
        end: date(2023, 11, 2),
        timezone: "Asia/Ho_Chi_Minh".into(),
    };
    let problems = field_problems(when(
        &state,
        ProgrammeCommand::Postpone {
            schedule: earlier,
            reason: " ".into(),
        },
    ));
    assert_eq!(
        problems,
        [
            ("schedule.start".to_string(), Problem::NotLater),
            ("reason".to_string(), Problem::Required)
        ]
    );
}

#[test]
fn a_draft_is_revised_not_postponed() {
    let state = given(&drafted());
    let schedule = conference_plan().schedule;
    assert!(matches!(
        when(
            &state,
            ProgrammeCommand::Postpone {
                schedule,
                reason: "x".into()
            }
        ),
        Err(DomainError::NotAllowed {
            command: "postpone",
            status: Status::Draft
        })
    ));
}

#[test]
fn cancelling_keeps_the_reason_and_ends_the_programme() {
    let mut history = submitted();
    history.extend(
        when(
            &given(&history),
            ProgrammeCommand::Cancel {
                reason: "Đối tác đề nghị lùi sang năm sau".into(),
            },
        )
        .unwrap(),
    );
    let state = given(&history);
    assert_eq!(state.record().unwrap().status, Status::Cancelled);
    for command in [
        ProgrammeCommand::Submit,
        ProgrammeCommand::Cancel {
            reason: "again".into(),
        },
        ProgrammeCommand::Revise {
            patch: PlanPatch::default(),
            reason: Some("x".into()),
        },
    ] {
        assert!(matches!(
            when(&state, command),
            Err(DomainError::NotAllowed { .. })
        ));
    }
}

#[test]
fn commands_on_a_programme_that_does_not_exist_are_refused() {
    assert_eq!(
        when(&Programme::New, ProgrammeCommand::Submit),
        Err(DomainError::NotFound(domain::Entity::Programme))
    );
}

#[test]
fn rejections_are_worded_in_vietnamese_and_english() {
    let error = DomainError::NotAllowed {
        command: "submit",
        status: Status::Submitted,
    };
    assert_eq!(
        error.message(Lang::Vi),
        "Không thể trình duyệt khi chương trình đang ở trạng thái “đã trình duyệt”."
    );
    assert_eq!(
        error.message(Lang::En),
        "Cannot submit a programme that is submitted."
    );
    assert_eq!(
        Problem::EndBeforeStart.message(Lang::Vi),
        "Ngày kết thúc không được trước ngày bắt đầu."
    );
}

#[test]
fn accept_language_picks_the_preferred_supported_language() {
    assert_eq!(Lang::from_accept_language(None), Lang::Vi);
    assert_eq!(Lang::from_accept_language(Some("en-GB,en;q=0.9")), Lang::En);
    assert_eq!(
        Lang::from_accept_language(Some("zh-CN,en;q=0.5,vi;q=0.8")),
        Lang::Vi
    );
    assert_eq!(Lang::from_accept_language(Some("fr")), Lang::Vi);
}

#[test]
fn stored_events_from_a_newer_build_are_refused_clearly() {
    let data = serde_json::json!({"round": 1});
    let error = ProgrammeEvent::from_stored("ProgrammeSubmitted", 9, data).unwrap_err();
    assert!(error.to_string().contains("schema version 9"), "{error}");
    let unknown = ProgrammeEvent::from_stored("ProgrammeTeleported", 1, serde_json::json!({}));
    assert!(unknown.is_err());
}

fn review(round_id: Uuid, verdict: Verdict) -> ProgrammeCommand {
    ProgrammeCommand::RecordReview { round_id, verdict }
}

#[test]
fn a_review_moves_a_submitted_programme_to_its_verdict() {
    let round = Uuid::from_u128(7);
    let mut history = submitted();
    assert!(matches!(
        when(&given(&history), review(round, Verdict::Approved)),
        Err(DomainError::NotAllowed {
            command: "record_review",
            status: Status::Submitted
        })
    ));
    history.extend(
        when(
            &given(&history),
            ProgrammeCommand::StartReview { round_id: round },
        )
        .unwrap(),
    );
    assert_eq!(status_of(&history), Status::UnderReview);
    let mut approved = history.clone();
    approved.extend(when(&given(&approved), review(round, Verdict::Approved)).unwrap());
    assert_eq!(status_of(&approved), Status::Approved);

    let mut declined = history.clone();
    declined.extend(
        when(
            &given(&declined),
            review(
                round,
                Verdict::Declined {
                    reason: "Không phù hợp".into(),
                },
            ),
        )
        .unwrap(),
    );
    assert_eq!(status_of(&declined), Status::Rejected);
    assert!(matches!(
        when(&given(&declined), ProgrammeCommand::Submit),
        Err(DomainError::NotAllowed { .. })
    ));
}

#[test]
fn changes_requested_go_back_to_the_planner_who_revises_and_resubmits() {
    let round = Uuid::from_u128(8);
    let mut history = submitted();
    history.extend(
        when(
            &given(&history),
            ProgrammeCommand::StartReview { round_id: round },
        )
        .unwrap(),
    );
    let comment = "Đề nghị chuyển thành hội nghị trực tuyến 4 tỉnh".to_string();
    history.extend(
        when(
            &given(&history),
            review(
                round,
                Verdict::ChangesRequested {
                    comment: comment.clone(),
                },
            ),
        )
        .unwrap(),
    );
    assert_eq!(status_of(&history), Status::ChangesRequested);
    let patch = PlanPatch {
        kind: Some(ProgrammeKind::OnlineConference),
        ..PlanPatch::default()
    };
    history.extend(
        when(
            &given(&history),
            ProgrammeCommand::Revise {
                patch,
                reason: None,
            },
        )
        .unwrap(),
    );
    assert_eq!(
        status_of(&history),
        Status::ChangesRequested,
        "no reason needed: it came back to them"
    );
    let resubmitted = when(&given(&history), ProgrammeCommand::Submit).unwrap();
    assert!(matches!(resubmitted.as_slice(), [ProgrammeEvent::Submitted(s)] if s.round == 2));
    for event in &history {
        let loaded = ProgrammeEvent::from_stored(
            event.event_type(),
            event.schema_version(),
            event.to_data(),
        )
        .unwrap();
        assert_eq!(&loaded, event);
    }
}

// ---- property tests -------------------------------------------------------------------

fn arb_schedule() -> impl Strategy<Value = Schedule> {
    (
        0i64..800,
        0i64..10,
        prop::sample::select(vec!["Asia/Ho_Chi_Minh", "Asia/Shanghai", "Mars/Olympus"]),
    )
        .prop_map(|(offset, length, tz)| {
            let start = date(2023, 1, 1) + chrono::Duration::days(offset);
            Schedule {
                start,
                // Sometimes the end comes before the start, to exercise the refusal.
                end: start + chrono::Duration::days(length - 2),
                timezone: tz.into(),
            }
        })
}

fn arb_command() -> impl Strategy<Value = ProgrammeCommand> {
    let titles = prop::sample::select(vec![
        "Tọa đàm đánh giá 1 năm thực hiện Biên bản ghi nhớ",
        "Đoàn đại biểu thiếu nhi sang Hà Khẩu",
        "",
        "  Giao lưu văn hóa  ",
    ]);
    prop_oneof![
        (arb_schedule(), 0u32..2100).prop_map(|(schedule, size)| {
            let mut plan = conference_plan();
            plan.schedule = schedule;
            plan.expected_delegation_size = size;
            ProgrammeCommand::Draft {
                id: Uuid::nil(),
                plan,
            }
        }),
        (
            proptest::option::of(titles),
            proptest::option::of(0u32..2100),
            any::<bool>()
        )
            .prop_map(|(title, size, with_reason)| ProgrammeCommand::Revise {
                patch: PlanPatch {
                    title: title.map(str::to_string),
                    expected_delegation_size: size,
                    ..PlanPatch::default()
                },
                reason: with_reason.then(|| "Điều chỉnh theo ý kiến Ban Thường vụ".into()),
            }),
        Just(ProgrammeCommand::Submit),
        (arb_schedule(), prop::sample::select(vec!["", "Trùng lịch"])).prop_map(
            |(schedule, reason)| {
                ProgrammeCommand::Postpone {
                    schedule,
                    reason: reason.into(),
                }
            }
        ),
        prop::sample::select(vec!["", "Hủy theo đề nghị của đối tác"]).prop_map(|reason| {
            ProgrammeCommand::Cancel {
                reason: reason.into(),
            }
        }),
    ]
}

proptest! {
    /// Any sequence of commands gives the same state as folding its accepted events, a
    /// rejected command yields no event and leaves the state alone, and every accepted
    /// event survives the trip through its stored form.
    #[test]
    fn state_is_the_fold_of_accepted_events(commands in prop::collection::vec(arb_command(), 1..30)) {
        let mut state = Programme::default();
        let mut log = Vec::new();
        for command in &commands {
            let before = state.clone();
            match harness::when(&state, command, &context()) {
                Ok(events) => {
                    for event in events {
                        let stored = event.to_data();
                        let loaded = ProgrammeEvent::from_stored(event.event_type(), event.schema_version(), stored).unwrap();
                        prop_assert_eq!(&loaded, &event);
                        state = state.evolve(&event);
                        log.push(loaded);
                    }
                }
                Err(_) => prop_assert_eq!(&state, &before),
            }
            if let Some(record) = state.record() {
                prop_assert!(record.plan.problems().is_empty(), "state holds an invalid plan: {:?}", record.plan);
            }
        }
        prop_assert_eq!(given(&log), state);
    }
}
