use std::time::{Duration, Instant};

use nix::sys::signal::Signal;
use serde_json::json;

use super::assert_equal_to_a_rebuild;
use crate::world::{STANDING, World};
use crate::{Caunoi, free_port};

const PROGRAMMES: usize = 6;

/// A reminder scheduler every second, and approvers reminded as soon as they are asked.
fn helper_settings(world: &World) -> Vec<(&'static str, String)> {
    let mut settings = world.settings(free_port());
    settings.extend([
        ("CAUNOI_REMINDER_SCHEDULES", r#"["* * * * * *"]"#.into()),
        ("CAUNOI_REMINDERS__APPROVAL_PENDING__AFTER_DAYS", "0".into()),
    ]);
    settings
}

fn helper(world: &World) -> Caunoi {
    Caunoi::start(
        &["serve", "projector", "reminders"],
        &helper_settings(world),
    )
}

#[tokio::test]
async fn with_two_projectors_and_schedulers_one_of_each_killed_nothing_is_doubled_or_lost() {
    let (mut world, first) =
        World::start_with(&["serve", "api", "approvals", "mailer"], helper).await;
    // The first helper is the active projector by now; the second stands by.
    let second = helper(&world);
    world.route(json!([world.standing_stage()])).await;
    let titles: Vec<String> = (0..PROGRAMMES)
        .map(|i| {
            format!(
                "Hội nghị giao lưu thanh niên biên giới, đợt {}",
                ["một", "hai", "ba", "bốn", "năm", "sáu"][i]
            )
        })
        .collect();
    let mut first = Some(first);
    for (i, title) in titles.iter().enumerate() {
        world.submit_titled(title).await;
        if i == PROGRAMMES / 2 {
            // Mid-run: links are being issued and reminders claimed for them.
            let killed = first.take().unwrap();
            killed.signal(Signal::SIGKILL);
            killed.wait();
        }
    }

    let pool = world.env.pool().await;
    let expected = (STANDING.len() * PROGRAMMES) as i64;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (claimed, unsent): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM caunoi.reminders),
                    (SELECT count(*) FROM caunoi.mail_queue WHERE status <> 'sent')",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if claimed >= expected && unsent == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{claimed} of {expected} reminders claimed, {unsent} mails unsent"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // More runs come every second; none may remind anyone again.
    tokio::time::sleep(Duration::from_secs(3)).await;
    for (_, email) in STANDING {
        let reminders = world.mails(email, "Nhắc việc", 1).await;
        for title in &titles {
            let times: usize = reminders
                .iter()
                .map(|mail| {
                    mail.text
                        .as_deref()
                        .unwrap_or_default()
                        .matches(title.as_str())
                        .count()
                })
                .sum();
            assert_eq!(times, 1, "{email} was reminded of “{title}” {times} times");
        }
    }
    let claimed: i64 = sqlx::query_scalar("SELECT count(*) FROM caunoi.reminders")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        claimed, expected,
        "each approver reminded once per programme"
    );

    let settings = world.settings(free_port());
    let api = world.caunoi.take().unwrap();
    assert_equal_to_a_rebuild(&pool, vec![second, api], &settings).await;
}
