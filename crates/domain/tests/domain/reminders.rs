//! Which reminder is due when, in Vietnam's time, and people's choices about them.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use domain::reminders::{
    Deadline, Delivery, Detail, PreferencesCommand, PreferencesEvent, Reason, ReminderPreferences,
    Rule, Settings, Timing, plan,
};
use domain::{Aggregate, CommandContext, DomainError, DomainEvent, Problem};
use proptest::prelude::*;

/// A moment given in Vietnam's time.
fn vn(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Ho_Chi_Minh
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}
use crate::harness;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn task_due(on: NaiveDate) -> Deadline {
    Deadline {
        rule: Rule::TaskDue,
        subject: "task-1".into(),
        recipient_name: "Nông Thị Hoa".into(),
        recipient_email: "Hoa@TinhDoanCaoBang.vn".into(),
        timing: Timing::Due { on },
        title: "Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu Hữu Nghị".into(),
        detail: Detail::DoneBy { on },
        link: "https://caunoi.example.vn/programmes/1".into(),
        reason: Reason::Owner,
    }
}

fn pending(since: DateTime<Utc>, rule: Rule) -> Deadline {
    Deadline {
        rule,
        timing: Timing::Waiting { since },
        ..task_due(day(2027, 1, 1))
    }
}

fn occurrences(deadline: &Deadline, now: DateTime<Utc>) -> Vec<String> {
    plan(
        std::slice::from_ref(deadline),
        now,
        Ho_Chi_Minh,
        &Settings::default(),
        None,
    )
    .into_iter()
    .map(|p| p.occurrence)
    .collect()
}

#[test]
fn a_task_is_reminded_seven_three_and_one_days_ahead_by_the_day_in_vietnam() {
    let task = task_due(day(2027, 3, 10));
    assert!(occurrences(&task, vn(2027, 3, 2, 23, 59)).is_empty());
    // 06:30 on the 3rd in Vietnam is still the 2nd in UTC: Vietnam's day counts.
    assert_eq!(occurrences(&task, vn(2027, 3, 3, 6, 30)), ["due-in-7d"]);
    assert_eq!(occurrences(&task, vn(2027, 3, 6, 8, 0)), ["due-in-7d"]);
    assert_eq!(occurrences(&task, vn(2027, 3, 7, 8, 0)), ["due-in-3d"]);
    assert_eq!(occurrences(&task, vn(2027, 3, 9, 8, 0)), ["due-in-1d"]);
    assert_eq!(occurrences(&task, vn(2027, 3, 10, 8, 0)), ["due-in-1d"]);
    assert_eq!(occurrences(&task, vn(2027, 3, 11, 8, 0)), ["overdue"]);
    assert_eq!(occurrences(&task, vn(2027, 4, 11, 8, 0)), ["overdue"]);
}

#[test]
fn keys_name_rule_subject_recipient_and_occurrence_whatever_the_case_of_the_address() {
    let planned = plan(
        &[task_due(day(2027, 3, 10))],
        vn(2027, 3, 9, 8, 0),
        Ho_Chi_Minh,
        &Settings::default(),
        None,
    );
    assert_eq!(
        planned[0].key,
        "task_due:task-1:hoa@tinhdoancaobang.vn:due-in-1d"
    );
}

#[test]
fn a_pending_approval_is_reminded_after_two_days_then_every_two_and_escalated_once() {
    let asked = vn(2027, 3, 1, 9, 15);
    let approver = pending(asked, Rule::ApprovalPending);
    assert!(occurrences(&approver, asked + Duration::hours(47)).is_empty());
    assert_eq!(
        occurrences(&approver, asked + Duration::days(2)),
        ["after-2d"]
    );
    assert_eq!(
        occurrences(&approver, asked + Duration::days(3)),
        ["after-2d"]
    );
    assert_eq!(
        occurrences(&approver, asked + Duration::days(5)),
        ["after-4d"]
    );
    let chair = pending(asked, Rule::ApprovalEscalation);
    assert!(occurrences(&chair, asked + Duration::days(4)).is_empty());
    assert_eq!(occurrences(&chair, asked + Duration::days(5)), ["after-5d"]);
    assert_eq!(
        occurrences(&chair, asked + Duration::days(30)),
        ["after-5d"]
    );
}

#[test]
fn after_three_days_down_only_the_reminder_that_matters_now_goes_out_marked_late() {
    let task = task_due(day(2027, 3, 10));
    // Down from the 6th to the 9th at 10:00; the runs at 08:00 were missed.
    let now = vn(2027, 3, 9, 10, 0);
    let missed = vn(2027, 3, 9, 8, 0);
    let planned = plan(
        &[task],
        now,
        Ho_Chi_Minh,
        &Settings::default(),
        Some(missed),
    );
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0].occurrence, "due-in-1d");
    assert!(planned[0].late);
    // On time, it is not late.
    let on_time = plan(
        &[task_due(day(2027, 3, 10))],
        vn(2027, 3, 9, 8, 0),
        Ho_Chi_Minh,
        &Settings::default(),
        Some(vn(2027, 3, 8, 8, 0)),
    );
    assert!(!on_time[0].late);
}

#[test]
fn a_rule_turned_off_reminds_nobody() {
    let mut settings = Settings::default();
    settings.task_due.enabled = false;
    let planned = plan(
        &[task_due(day(2027, 3, 10))],
        vn(2027, 3, 9, 8, 0),
        Ho_Chi_Minh,
        &settings,
        None,
    );
    assert!(planned.is_empty());
}

fn set(email: &str, delivery: Delivery, opted_out: Vec<Rule>) -> PreferencesCommand {
    PreferencesCommand::Set {
        email: email.into(),
        delivery,
        opted_out,
    }
}

fn context() -> CommandContext {
    CommandContext {
        now: vn(2027, 3, 1, 8, 0),
        actor: "hoa@tinhdoancaobang.vn".into(),
    }
}

#[test]
fn anyone_may_take_single_emails_or_opt_out_except_from_approvals() {
    let state = ReminderPreferences::default();
    let events = harness::when(
        &state,
        &set(
            " Hoa@TinhDoanCaoBang.vn ",
            Delivery::Single,
            vec![Rule::TaskDue, Rule::AgreementReview, Rule::TaskDue],
        ),
        &context(),
    )
    .unwrap();
    let state = events.iter().fold(state, |s, e| s.evolve(e));
    assert_eq!(state.email.as_deref(), Some("hoa@tinhdoancaobang.vn"));
    assert_eq!(state.opted_out, [Rule::TaskDue, Rule::AgreementReview]);
    let same = harness::when(
        &state,
        &set(
            "hoa@tinhdoancaobang.vn",
            Delivery::Single,
            vec![Rule::AgreementReview, Rule::TaskDue],
        ),
        &context(),
    );
    assert_eq!(same, Ok(vec![]), "the same choices again change nothing");
    let refused = harness::when(
        &state,
        &set(
            "hoa@tinhdoancaobang.vn",
            Delivery::Digest,
            vec![Rule::ApprovalPending],
        ),
        &context(),
    );
    assert_eq!(
        refused,
        Err(DomainError::Invalid(vec![domain::FieldError::new(
            "opted_out[0]",
            Problem::CannotOptOut
        )]))
    );
    for event in &events {
        let back = PreferencesEvent::from_stored(
            event.event_type(),
            event.schema_version(),
            event.to_data(),
        )
        .unwrap();
        assert_eq!(&back, event);
    }
}

proptest! {
    /// Whenever a run happens, what it plans became due before it; and as time goes on a
    /// deadline's reminders only move forward, so none is planned again once passed.
    #[test]
    fn reminders_move_forward_with_time(
        due_in in -20i64..120,
        hours in prop::collection::vec(0i64..24 * 40, 1..30),
    ) {
        let start = vn(2027, 3, 1, 0, 0);
        let deadlines = [
            task_due(start.with_timezone(&Ho_Chi_Minh).date_naive() + Duration::days(due_in)),
            pending(start, Rule::ApprovalPending),
        ];
        let mut moments: Vec<DateTime<Utc>> = hours.iter().map(|h| start + Duration::hours(*h)).collect();
        moments.sort();
        let mut last_seen: Vec<Option<DateTime<Utc>>> = vec![None; deadlines.len()];
        for now in moments {
            for (index, deadline) in deadlines.iter().enumerate() {
                let planned = plan(std::slice::from_ref(deadline), now, Ho_Chi_Minh, &Settings::default(), None);
                prop_assert!(planned.len() <= 1);
                if let Some(p) = planned.first() {
                    prop_assert!(p.due_since <= now);
                    if let Some(previous) = last_seen[index] {
                        prop_assert!(p.due_since >= previous);
                    }
                    last_seen[index] = Some(p.due_since);
                }
            }
        }
    }
}
