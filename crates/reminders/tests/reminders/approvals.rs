//! Reminders of pending approvals, escalations, two schedulers, downtime and SMTP outages.

use std::collections::HashMap;

use chrono::Duration;
use domain::approval::ApprovalRound;
use domain::reminders::{Delivery, PreferencesCommand, ReminderPreferences, preferences_id};
use eventstore::CommandMeta;
use uuid::Uuid;
use workflow::links::token_hash;

use super::world::{BASE, MEMBERS, PLANNER, World, working_morning_after};

/// How many mails each address received among `mails`.
fn per_recipient(mails: &[testkit::ReceivedMail]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for mail in mails {
        for to in &mail.envelope_to {
            *counts.entry(to.clone()).or_insert(0) += 1;
        }
    }
    counts
}

#[tokio::test]
async fn a_pending_approval_is_reminded_at_eight_in_vietnam_with_the_approvers_own_link() {
    let world = World::start().await;
    let asked = testkit::scenario_clock().now();
    let programme = world
        .submit("Đoàn 27 thiếu nhi Lào Cai giao lưu tại Hà Khẩu nhân ngày 1/6")
        .await;
    let too_early = working_morning_after(asked, 1);
    let report = world.scheduler.run(too_early, too_early).await.unwrap();
    assert_eq!(report.claimed, 0, "not before two days");

    let slot = working_morning_after(asked, 2);
    let report = world.scheduler.run(slot, slot).await.unwrap();
    assert_eq!((report.claimed, report.emails, report.late), (3, 3, 0));
    let mails = world.reminders_received("Nhắc việc", 3).await;
    let round_id = domain::approval::round_id(programme, 1);
    let round = world.store.load::<ApprovalRound>(round_id).await.unwrap();
    let seats = &round.state.record().unwrap().stages[0].seats;
    for (name, email) in MEMBERS {
        let mail = mails
            .iter()
            .find(|m| m.envelope_to.iter().any(|to| to == email))
            .unwrap_or_else(|| panic!("no reminder to {email}"));
        let text = mail.text.as_deref().unwrap();
        assert!(text.contains(name), "addressed to the approver");
        assert!(text.contains("Chờ đồng chí cho ý kiến phê duyệt"));
        assert!(text.contains("Lý do gửi"), "says why it was sent");
        let start = text.find(&format!("{BASE}/approve/{round_id}/")).unwrap();
        let link: String = text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        let token = link.rsplit('/').next().unwrap();
        let seat = seats
            .iter()
            .find(|s| s.approver.person.email == email)
            .unwrap();
        assert_eq!(
            seat.link.as_ref().unwrap().token_hash,
            token_hash(token),
            "the reminder carries the approver's own working link"
        );
        let body = sqlx::query_scalar::<_, String>(
            "SELECT text_body FROM caunoi.mail_queue WHERE recipient_email = $1 AND kind = 'reminder'",
        )
        .bind(email)
        .fetch_one(&world.pool)
        .await
        .unwrap();
        assert!(!body.contains(token), "no token is stored");
    }

    let again = world.scheduler.run(slot, slot).await.unwrap();
    assert_eq!(again.claimed, 0, "the same run twice sends nothing more");
    world
        .wait_until(|| async {
            reminders::queries::recent(&world.pool, Some("sent"), None, 100)
                .await
                .unwrap()
                .len()
                == 3
        })
        .await;
}

#[tokio::test]
async fn an_approval_waiting_five_days_reaches_the_chair_and_the_planner_once() {
    let world = World::start().await;
    let asked = testkit::scenario_clock().now();
    world
        .submit("Tọa đàm đánh giá 1 năm thực hiện Biên bản ghi nhớ Lào Cai – Hà Khẩu")
        .await;
    let slot = working_morning_after(asked, 5);
    let report = world.scheduler.run(slot, slot).await.unwrap();
    // Three approvers reminded, the chair told of the two others, the planner of all three.
    assert_eq!(report.claimed, 3 + 2 + 3);
    assert_eq!(report.emails, 4, "one digest per person");
    let mails = world.reminders_received("Nhắc việc", 4).await;
    let planner = mails
        .iter()
        .find(|m| m.envelope_to.iter().any(|to| to == PLANNER))
        .unwrap();
    let text = planner.text.as_deref().unwrap();
    assert!(text.contains("Ý kiến phê duyệt đang chậm"));
    for (name, _) in MEMBERS {
        assert!(text.contains(name), "the planner hears who has not decided");
    }
    let chair = mails
        .iter()
        .find(|m| m.envelope_to.iter().any(|to| to == MEMBERS[0].1))
        .unwrap();
    assert!(
        chair
            .subject
            .as_deref()
            .unwrap()
            .starts_with("Nhắc việc Cầu Nối: 3 việc")
    );

    let escalations = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM caunoi.reminders WHERE rule = 'approval_escalation'",
        )
        .fetch_one(&world.pool)
        .await
        .unwrap()
    };
    assert_eq!(escalations().await, 5);
    let next = working_morning_after(slot, 3);
    world.scheduler.run(next, next).await.unwrap();
    assert_eq!(escalations().await, 5, "escalated once only");
}

#[tokio::test]
async fn two_schedulers_running_at_once_send_each_reminder_once() {
    let world = World::start().await;
    let asked = testkit::scenario_clock().now();
    world.submit("Giao lưu văn nghệ thanh niên biên giới").await;
    let slot = working_morning_after(asked, 2);
    let other = world.scheduler.clone();
    let (a, b) = tokio::join!(world.scheduler.run(slot, slot), other.run(slot, slot));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.claimed + b.claimed, 3);
    world.reminders_received("Nhắc việc", 3).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let counts = per_recipient(&world.received("Nhắc việc"));
    for (_, email) in MEMBERS {
        assert_eq!(counts.get(email), Some(&1), "{email}");
    }
}

#[tokio::test]
async fn after_three_days_down_each_person_gets_one_late_digest_not_three() {
    let world = World::start().await;
    let asked = testkit::scenario_clock().now();
    world
        .submit("Đoàn công tác Thành đoàn Lào Cai sang Hà Khẩu")
        .await;
    world
        .submit("Tiếp đoàn Đoàn Thanh niên huyện Hà Khẩu")
        .await;
    let first = working_morning_after(asked, 2);
    let report = world.scheduler.run(first, first).await.unwrap();
    assert_eq!((report.claimed, report.emails), (6, 3));
    world.reminders_received("Nhắc việc", 3).await;

    // Down for the next runs; back at 10:00 three working days later.
    let back_slot = working_morning_after(first, 4);
    let back = back_slot + Duration::hours(2);
    let missed = world.scheduler.missed_slot(back).await.unwrap();
    assert_eq!(missed, Some(back_slot));
    let catch_up = world.scheduler.run(back_slot, back).await.unwrap();
    // The three approvers, and the planner, whose approvals are now late enough to hear of.
    assert_eq!(catch_up.emails, 4, "one catch-up digest per person");
    assert_eq!(catch_up.late, catch_up.claimed);
    let mails = world.reminders_received("Nhắc việc", 7).await;
    let counts = per_recipient(&mails);
    for (_, email) in MEMBERS {
        assert_eq!(counts.get(email), Some(&2), "{email}");
    }
    assert_eq!(counts.get(PLANNER), Some(&1));
    let late = mails
        .iter()
        .filter(|m| m.text.as_deref().unwrap().contains("Nhắc muộn"))
        .count();
    assert_eq!(late, 4);
    assert_eq!(world.scheduler.missed_slot(back).await.unwrap(), None);
}

#[tokio::test]
async fn reminders_wait_out_an_smtp_outage_and_go_out_once() {
    let mut world = World::start().await;
    let asked = testkit::scenario_clock().now();
    world
        .submit("Hội nghị trực tuyến thanh niên khởi nghiệp")
        .await;
    world.smtp.stop().await;
    let slot = working_morning_after(asked, 2);
    let report = world.scheduler.run(slot, slot).await.unwrap();
    assert_eq!(report.claimed, 3);
    world
        .wait_until(|| async {
            let failing: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM caunoi.mail_queue
                 WHERE kind = 'reminder' AND status = 'pending' AND attempts > 0 AND last_error IS NOT NULL",
            )
            .fetch_one(&world.pool)
            .await
            .unwrap();
            failing == 3
        })
        .await;
    world.smtp.restart().await;
    world.reminders_received("Nhắc việc", 3).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(world.received("Nhắc việc").len(), 3);
}

#[tokio::test]
async fn single_emails_for_those_who_chose_them_and_a_digest_for_the_others() {
    let world = World::start().await;
    let meta = CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: MEMBERS[1].1.into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    };
    world
        .store
        .execute::<ReminderPreferences>(
            preferences_id(MEMBERS[1].1),
            None,
            &PreferencesCommand::Set {
                email: MEMBERS[1].1.into(),
                delivery: Delivery::Single,
                opted_out: vec![domain::reminders::Rule::TaskDue],
            },
            &meta,
        )
        .await
        .unwrap();
    let asked = testkit::scenario_clock().now();
    world.submit("Trao quà cho thiếu nhi xã biên giới").await;
    world
        .submit("Giao lưu bóng đá thanh niên hai bên cửa khẩu")
        .await;
    world
        .wait_until(|| async {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM caunoi.reminder_preferences")
                .fetch_one(&world.pool)
                .await
                .unwrap()
                == 1
        })
        .await;
    let slot = working_morning_after(asked, 2);
    let report = world.scheduler.run(slot, slot).await.unwrap();
    assert_eq!(report.claimed, 6);
    assert_eq!(
        report.emails, 4,
        "two single emails for Thu, a digest for each other"
    );
    let mails = world.reminders_received("Nhắc việc", 4).await;
    let counts = per_recipient(&mails);
    assert_eq!(counts.get(MEMBERS[1].1), Some(&2));
    assert_eq!(counts.get(MEMBERS[0].1), Some(&1));
}

#[tokio::test]
async fn an_email_the_database_refuses_is_counted_failed_and_the_run_goes_on() {
    let world = World::start().await;
    let asked = testkit::scenario_clock().now();
    world.submit("Giao lưu thanh niên hai bên cửa khẩu").await;
    // Some fault of the database's own, for one recipient only.
    sqlx::query(&format!(
        "CREATE FUNCTION refuse_one_recipient() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.recipient_email = '{}' THEN
             RAISE EXCEPTION 'không nhận thư này' USING ERRCODE = '22023';
           END IF;
           RETURN NEW;
         END $$",
        MEMBERS[1].1
    ))
    .execute(&world.pool)
    .await
    .unwrap();
    sqlx::query(
        "CREATE TRIGGER refuse_one_recipient BEFORE INSERT ON caunoi.mail_queue
         FOR EACH ROW EXECUTE FUNCTION refuse_one_recipient()",
    )
    .execute(&world.pool)
    .await
    .unwrap();
    let slot = working_morning_after(asked, 2);
    let report = world.scheduler.run(slot, slot).await.unwrap();
    assert_eq!((report.claimed, report.emails, report.failed), (2, 2, 1));
    let counts = per_recipient(&world.reminders_received("Nhắc việc", 2).await);
    assert_eq!(counts.get(MEMBERS[1].1), None);
    let claimed: i64 = sqlx::query_scalar("SELECT count(*) FROM caunoi.reminders")
        .fetch_one(&world.pool)
        .await
        .unwrap();
    assert_eq!(
        claimed, 2,
        "the refused reminder stays unclaimed, for the next run"
    );
}
