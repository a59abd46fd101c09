//! The programme after approval and around it: withdrawing, refused submissions,
//! preparation, holding, follow-up and closing.

use chrono::{TimeZone, Utc};
use domain::programme::{Programme, ProgrammeCommand, ProgrammeEvent, Status, Verdict};
use domain::{Aggregate, CommandContext, DomainError, Problem};
use uuid::Uuid;

use crate::fixtures::conference_plan;
use crate::harness;

fn at(y: i32, m: u32, d: u32, h: u32) -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap(),
        actor: "hoa@tinhdoancaobang.vn".into(),
    }
}

/// Runs commands in order, all at one moment, and returns the state.
fn run(commands: &[ProgrammeCommand], context: &CommandContext) -> Result<Programme, DomainError> {
    let mut state = Programme::New;
    for command in commands {
        for event in harness::when(&state, command, context)? {
            state = state.evolve(&event);
        }
    }
    Ok(state)
}

fn status(state: &Programme) -> Status {
    state.record().unwrap().status
}

fn approved() -> Vec<ProgrammeCommand> {
    let round_id = Uuid::from_u128(1);
    vec![
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
    ]
}

#[test]
fn the_planner_and_submitter_are_remembered() {
    let state = run(&approved(), &at(2023, 4, 10, 2)).unwrap();
    let record = state.record().unwrap();
    assert_eq!(record.planner.as_deref(), Some("hoa@tinhdoancaobang.vn"));
    assert_eq!(
        record.submitted_by.as_deref(),
        Some("hoa@tinhdoancaobang.vn")
    );
    assert_eq!(record.review_round_id, Some(Uuid::from_u128(1)));
}

#[test]
fn a_submitted_plan_can_be_withdrawn_with_a_reason_and_goes_back_to_draft() {
    let mut commands = approved();
    commands.truncate(3);
    let context = at(2023, 4, 10, 2);
    let without_reason = [
        commands.clone(),
        vec![ProgrammeCommand::Withdraw { reason: " ".into() }],
    ]
    .concat();
    assert!(matches!(
        run(&without_reason, &context),
        Err(DomainError::Invalid(_))
    ));
    commands.push(ProgrammeCommand::Withdraw {
        reason: "Chờ ý kiến của Sở Ngoại vụ".into(),
    });
    let state = run(&commands, &context).unwrap();
    assert_eq!(status(&state), Status::Draft);
    commands.push(ProgrammeCommand::Withdraw {
        reason: "again".into(),
    });
    assert!(matches!(
        run(&commands, &context),
        Err(DomainError::NotAllowed {
            command: "withdraw",
            status: Status::Draft
        })
    ));
}

#[test]
fn a_refused_submission_names_its_round_and_returns_the_plan() {
    let mut commands = approved();
    commands.truncate(2);
    let context = at(2023, 4, 10, 2);
    let wrong_round = [
        commands.clone(),
        vec![ProgrammeCommand::RefuseSubmission {
            round: 2,
            reason: "Chưa có quy trình phê duyệt".into(),
        }],
    ]
    .concat();
    assert!(matches!(
        run(&wrong_round, &context),
        Err(DomainError::NotAllowed { .. })
    ));
    commands.push(ProgrammeCommand::RefuseSubmission {
        round: 1,
        reason: "Chưa có quy trình phê duyệt".into(),
    });
    let state = run(&commands, &context).unwrap();
    assert_eq!(status(&state), Status::Draft);
    assert_eq!(state.record().unwrap().submissions, 1);
}

#[test]
fn an_approved_programme_is_prepared_held_followed_up_and_closed() {
    let report = Uuid::from_u128(77);
    let mut commands = approved();
    commands.extend([
        ProgrammeCommand::BeginPreparation,
        ProgrammeCommand::BeginPreparation,
    ]);
    let state = run(&commands, &at(2023, 11, 1, 2)).unwrap();
    assert_eq!(status(&state), Status::InPreparation, "twice is harmless");

    // 21/11/2023 starts at 17:00 UTC on the 20th in Vietnam.
    commands.push(ProgrammeCommand::MarkHeld);
    let too_early = run(&commands, &at(2023, 11, 20, 16)).unwrap_err();
    assert_eq!(
        too_early,
        DomainError::Invalid(vec![domain::FieldError::new(
            "schedule.start",
            Problem::NotYet
        )])
    );
    assert_eq!(
        status(&run(&commands, &at(2023, 11, 20, 17)).unwrap()),
        Status::Held
    );
    commands.push(ProgrammeCommand::Close { report_id: report });
    assert!(matches!(
        run(&commands, &at(2023, 12, 1, 2)),
        Err(DomainError::NotAllowed {
            command: "close",
            status: Status::Held
        })
    ));
    commands.pop();
    commands.extend([
        ProgrammeCommand::RecordFollowUp { report_id: report },
        ProgrammeCommand::Close { report_id: report },
    ]);
    let state = run(&commands, &at(2023, 12, 1, 2)).unwrap();
    assert_eq!(status(&state), Status::Closed);
    assert_eq!(state.record().unwrap().follow_up_report_id, Some(report));
    commands.push(ProgrammeCommand::Cancel {
        reason: "late".into(),
    });
    assert!(run(&commands, &at(2023, 12, 2, 2)).is_err());
}

#[test]
fn lifecycle_events_survive_their_stored_form() {
    use domain::DomainEvent;
    let report = Uuid::from_u128(5);
    let mut commands = approved();
    commands.extend([
        ProgrammeCommand::BeginPreparation,
        ProgrammeCommand::MarkHeld,
        ProgrammeCommand::RecordFollowUp { report_id: report },
        ProgrammeCommand::Close { report_id: report },
    ]);
    let context = at(2023, 12, 1, 2);
    let mut state = Programme::New;
    let mut log: Vec<ProgrammeEvent> = Vec::new();
    for command in &commands {
        for event in harness::when(&state, command, &context).unwrap() {
            state = state.evolve(&event);
            log.push(event);
        }
    }
    for event in &log {
        let back = ProgrammeEvent::from_stored(
            event.event_type(),
            event.schema_version(),
            event.to_data(),
        )
        .unwrap();
        assert_eq!(&back, event);
    }
}

#[test]
fn events_written_before_planners_were_recorded_still_load() {
    use domain::DomainEvent;
    let old = serde_json::json!({ "round": 1 });
    let loaded = ProgrammeEvent::from_stored("ProgrammeSubmitted", 1, old).unwrap();
    let ProgrammeEvent::Submitted(submitted) = loaded else {
        panic!("a submission");
    };
    assert_eq!(submitted.submitted_by, None);
}
