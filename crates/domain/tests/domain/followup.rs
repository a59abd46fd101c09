//! Follow-up reports: from draft to acceptance, the programme steps they call for, and
//! action items that live on after the report.

use chrono::{DateTime, TimeZone, Utc};
use domain::followup::{
    ActionItem, ActionStatus, FollowUpReport, MediaLink, ProgrammeFacts, ReportCommand,
    ReportContent, ReportEvent, ReportStatus, programme_steps, report_id_for,
};
use domain::programme::{Programme, ProgrammeCommand, Status, Verdict};
use domain::values::Contact;
use domain::{Aggregate, CommandContext, DomainError, DomainEvent, EntityState, Problem};
use uuid::Uuid;

use crate::fixtures::{conference_plan, date};
use crate::harness;

fn at(now: DateTime<Utc>) -> CommandContext {
    CommandContext {
        now,
        actor: "hoa@tinhdoancaobang.vn".into(),
    }
}

pub(crate) fn on(y: i32, m: u32, d: u32) -> CommandContext {
    at(Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap())
}

/// The online conference of 21/11/2023, approved.
pub(crate) fn approved_conference() -> Programme {
    let round_id = Uuid::from_u128(1);
    let commands = [
        ProgrammeCommand::Draft {
            id: Uuid::from_u128(9),
            plan: conference_plan(),
        },
        ProgrammeCommand::Submit,
        ProgrammeCommand::StartReview { round_id },
        ProgrammeCommand::RecordReview {
            round_id,
            verdict: Verdict::Approved,
        },
    ];
    let mut state = Programme::New;
    for command in &commands {
        for event in harness::when(&state, command, &on(2023, 10, 1)).unwrap() {
            state = state.evolve(&event);
        }
    }
    state
}

fn item(n: u128, owner: Option<Contact>) -> ActionItem {
    ActionItem {
        id: Uuid::from_u128(n),
        title: "Tổ chức giao lưu doanh nhân trẻ hai bên về sản phẩm OCOP".into(),
        owner,
        due_on: Some(date(2024, 6, 30)),
        status: ActionStatus::Open,
        note: None,
        done_on: None,
    }
}

fn hoa() -> Option<Contact> {
    Some(Contact {
        name: "Nông Thị Hoa".into(),
        email: "hoa@tinhdoancaobang.vn".into(),
    })
}

pub(crate) fn content() -> ReportContent {
    ReportContent {
        outcomes: "Ký kết Biên bản ghi nhớ hợp tác giai đoạn 2023 – 2026 giữa 4 tỉnh và Quảng Tây."
            .into(),
        actual_attendance: Some(52),
        attendance_note: Some("Đại biểu tại 5 điểm cầu".into()),
        partners_met: vec!["Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây".into()],
        media: vec![MediaLink {
            title: "Tiếp nối tình hữu nghị truyền thống, cùng xây đắp tương lai tươi đẹp".into(),
            url: "https://tinhdoan.caobang.gov.vn/tin-tuc".into(),
        }],
        lessons: "Cần chuẩn bị đường truyền dự phòng cho hội nghị trực tuyến.".into(),
        action_items: vec![item(1, hoa())],
        ..ReportContent::default()
    }
}

fn draft_command(programme: &Programme, body: ReportContent) -> ReportCommand {
    let record = programme.record().unwrap();
    ReportCommand::Draft {
        id: report_id_for(record.id),
        programme: ProgrammeFacts::of(record),
        due_after_days: 15,
        content: body,
    }
}

fn apply(state: FollowUpReport, events: Vec<ReportEvent>) -> FollowUpReport {
    events.iter().fold(state, |s, e| s.evolve(e))
}

#[test]
fn a_report_is_drafted_submitted_returned_resubmitted_and_accepted() {
    let programme = approved_conference();
    let mut log = Vec::new();
    let events = harness::when(
        &FollowUpReport::New,
        &draft_command(&programme, content()),
        &on(2023, 11, 21),
    )
    .unwrap();
    log.extend(events.clone());
    let mut report = apply(FollowUpReport::New, events);
    let record = report.record().unwrap();
    assert_eq!(record.status, ReportStatus::Draft);
    assert_eq!(record.due_on, date(2023, 12, 6), "15 days after the end");
    assert_eq!(
        record.reported_attendance(),
        None,
        "a draft does not count yet"
    );

    for (command, status) in [
        (ReportCommand::Submit, ReportStatus::Submitted),
        (
            ReportCommand::Return {
                comment: "Bổ sung số đại biểu phía Quảng Tây".into(),
            },
            ReportStatus::Returned,
        ),
        (
            ReportCommand::Revise {
                content: ReportContent {
                    actual_attendance: Some(60),
                    ..content()
                },
            },
            ReportStatus::Returned,
        ),
        (ReportCommand::Submit, ReportStatus::Submitted),
        (ReportCommand::Accept, ReportStatus::Accepted),
    ] {
        let events = harness::when(&report, &command, &on(2023, 11, 25)).unwrap();
        log.extend(events.clone());
        report = apply(report, events);
        assert_eq!(report.record().unwrap().status, status, "{command:?}");
    }
    let record = report.record().unwrap();
    assert_eq!(record.submissions, 2);
    assert_eq!(record.reported_attendance(), Some(60));
    assert_eq!(
        harness::when(&report, &ReportCommand::Accept, &on(2023, 11, 26)),
        Ok(vec![]),
        "accepting again changes nothing"
    );
    assert_eq!(
        harness::when(
            &report,
            &ReportCommand::Revise { content: content() },
            &on(2023, 11, 26)
        ),
        Err(DomainError::NotAllowedIn {
            command: "revise_report",
            state: EntityState::Report(ReportStatus::Accepted)
        })
    );
    for event in &log {
        let back =
            ReportEvent::from_stored(event.event_type(), event.schema_version(), event.to_data())
                .unwrap();
        assert_eq!(&back, event);
    }
}

#[test]
fn action_items_move_on_after_the_report_is_accepted() {
    let programme = approved_conference();
    let mut report = FollowUpReport::New;
    for (command, day) in [
        (draft_command(&programme, content()), 21),
        (ReportCommand::Submit, 22),
        (ReportCommand::Accept, 23),
    ] {
        let events = harness::when(&report, &command, &on(2023, 11, day)).unwrap();
        report = apply(report, events);
    }
    let update = |status| ReportCommand::UpdateActionItem {
        item_id: Uuid::from_u128(1),
        status,
        note: Some("Đã liên hệ Hội Doanh nhân trẻ Quảng Tây".into()),
    };
    let events =
        harness::when(&report, &update(ActionStatus::InProgress), &on(2024, 2, 1)).unwrap();
    report = apply(report, events);
    let events = harness::when(&report, &update(ActionStatus::Done), &on(2024, 5, 20)).unwrap();
    let ReportEvent::ActionItemUpdated { .. } = &events[0] else {
        panic!("{events:?}");
    };
    let back = ReportEvent::from_stored(
        events[0].event_type(),
        events[0].schema_version(),
        events[0].to_data(),
    )
    .unwrap();
    assert_eq!(back, events[0]);
    report = apply(report, events);
    let item = &report.record().unwrap().content.action_items[0];
    assert_eq!(item.status, ActionStatus::Done);
    assert_eq!(item.done_on, Some(date(2024, 5, 20)));
    assert_eq!(
        harness::when(&report, &update(ActionStatus::Done), &on(2024, 5, 21)),
        Ok(vec![])
    );
    assert!(matches!(
        harness::when(
            &report,
            &ReportCommand::UpdateActionItem {
                item_id: Uuid::from_u128(99),
                status: ActionStatus::Done,
                note: None
            },
            &on(2024, 5, 21)
        ),
        Err(DomainError::Invalid(_))
    ));
}

#[test]
fn a_report_before_the_programme_ends_or_without_owners_is_refused() {
    let programme = approved_conference();
    // 21/11/2023 begins at 17:00 UTC on the 20th in Vietnam.
    let early = harness::when(
        &FollowUpReport::New,
        &draft_command(&programme, content()),
        &at(Utc.with_ymd_and_hms(2023, 11, 20, 16, 59, 0).unwrap()),
    );
    assert_eq!(
        early,
        Err(DomainError::Invalid(vec![domain::FieldError::new(
            "programme.schedule.end",
            Problem::NotEnded {
                end: date(2023, 11, 21)
            }
        )]))
    );
    let no_owner = ReportContent {
        action_items: vec![item(1, hoa()), item(2, None)],
        ..content()
    };
    let refused = harness::when(
        &FollowUpReport::New,
        &draft_command(&programme, no_owner),
        &on(2023, 11, 22),
    );
    assert_eq!(
        refused,
        Err(DomainError::Invalid(vec![domain::FieldError::new(
            "action_items[1].owner",
            Problem::Required
        )]))
    );
    let mut draft = Programme::New;
    for event in harness::when(
        &draft,
        &ProgrammeCommand::Draft {
            id: Uuid::from_u128(3),
            plan: conference_plan(),
        },
        &on(2023, 10, 1),
    )
    .unwrap()
    {
        draft = draft.evolve(&event);
    }
    assert_eq!(
        harness::when(
            &FollowUpReport::New,
            &draft_command(&draft, content()),
            &on(2023, 12, 1)
        ),
        Err(DomainError::NotAllowed {
            command: "draft_report",
            status: Status::Draft
        })
    );
}

#[test]
fn a_report_cannot_be_submitted_without_outcomes_and_attendance() {
    let programme = approved_conference();
    let events = harness::when(
        &FollowUpReport::New,
        &draft_command(&programme, ReportContent::default()),
        &on(2023, 11, 22),
    )
    .unwrap();
    let report = apply(FollowUpReport::New, events);
    let problems = match harness::when(&report, &ReportCommand::Submit, &on(2023, 11, 22)) {
        Err(DomainError::Invalid(errors)) => {
            errors.into_iter().map(|e| e.field).collect::<Vec<_>>()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(problems, ["outcomes", "actual_attendance"]);
}

#[test]
fn the_programme_is_marked_held_followed_up_and_closed_as_its_report_moves_on() {
    let programme = approved_conference();
    let events = harness::when(
        &FollowUpReport::New,
        &draft_command(&programme, content()),
        &on(2023, 11, 22),
    )
    .unwrap();
    let mut report = apply(FollowUpReport::New, events);
    let report_id = report.record().unwrap().id;
    assert_eq!(report_id, report_id_for(Uuid::from_u128(9)));
    assert_eq!(
        programme_steps(programme.record().unwrap(), report.record().unwrap()),
        Ok(vec![])
    );
    report = apply(
        report.clone(),
        harness::when(&report, &ReportCommand::Submit, &on(2023, 11, 22)).unwrap(),
    );
    let steps = programme_steps(programme.record().unwrap(), report.record().unwrap()).unwrap();
    assert_eq!(
        steps,
        [
            ProgrammeCommand::MarkHeld,
            ProgrammeCommand::RecordFollowUp { report_id }
        ]
    );
    let mut programme = programme;
    for step in &steps {
        for event in harness::when(&programme, step, &on(2023, 11, 22)).unwrap() {
            programme = programme.evolve(&event);
        }
    }
    assert_eq!(programme.record().unwrap().status, Status::FollowedUp);
    report = apply(
        report.clone(),
        harness::when(&report, &ReportCommand::Accept, &on(2023, 11, 23)).unwrap(),
    );
    assert_eq!(
        programme_steps(programme.record().unwrap(), report.record().unwrap()),
        Ok(vec![ProgrammeCommand::Close { report_id }])
    );
}
