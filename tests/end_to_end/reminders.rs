//! The reminder scheduler as operators run it: settings checked at start, and runs killed
//! at random moments that still send every reminder once.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{Datelike, Days, TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use nix::sys::signal::Signal;
use serde_json::json;

use super::world::{STANDING, World};
use super::{Caunoi, free_port, server_env};

/// 08:00 in Vietnam on the first working day at least `days` from now.
fn working_morning(days: u64) -> chrono::DateTime<Utc> {
    let now = Utc::now();
    let mut day = now.with_timezone(&Ho_Chi_Minh).date_naive() + Days::new(days);
    loop {
        let morning = Ho_Chi_Minh
            .from_local_datetime(&day.and_hms_opt(8, 0, 0).unwrap())
            .unwrap()
            .with_timezone(&Utc);
        if day.weekday().number_from_monday() <= 5
            && morning >= now + chrono::Duration::days(days as i64)
        {
            return morning;
        }
        day = day + Days::new(1);
    }
}

#[tokio::test]
async fn a_schedule_or_timezone_that_does_not_parse_stops_the_start_naming_the_setting() {
    let env = testkit::TestEnv::new().await;
    for (key, value, named) in [
        (
            "CAUNOI_REMINDER_SCHEDULES",
            r#"["mỗi sáng"]"#,
            "reminder_schedules",
        ),
        (
            "CAUNOI_REMINDER_TIMEZONE",
            "Asia/Hanoi",
            "reminder_timezone",
        ),
    ] {
        let mut settings = server_env(&env);
        settings.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{}", free_port())));
        settings.push((key, value.into()));
        let output = std::process::Command::new(super::BINARY)
            .arg("up")
            .envs(settings.iter().map(|(k, v)| (*k, v.as_str())))
            .env_remove("CAUNOI_LOG")
            .output()
            .unwrap();
        assert!(!output.status.success(), "{key}={value} must not start");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(named), "{key}: {said}");
    }
    let ran: Option<i64> = sqlx::query_scalar("SELECT count(*) FROM caunoi.programmes")
        .fetch_optional(&env.pool().await)
        .await
        .ok()
        .flatten();
    assert_eq!(
        ran, None,
        "nothing was set up: the read models do not even exist"
    );
}

#[tokio::test]
async fn runs_killed_at_random_moments_still_send_every_reminder_once() {
    let world = World::start().await;
    world.route(json!([world.standing_stage()])).await;
    let mut programmes = Vec::new();
    for _ in 0..3 {
        programmes.push(world.submit_conference().await);
    }
    for (_, email) in STANDING {
        world.mails(email, "Đề nghị phê duyệt:", 3).await;
    }
    let at = working_morning(2).to_rfc3339();
    let http = free_port();
    let settings = world.settings(http);
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    for attempt in 0..6u64 {
        let run = Caunoi::start(&["reminders", "run", "--at", &at], &settings);
        let pause = (seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(attempt * 1442695040888963407)
            >> 33)
            % 1500;
        tokio::time::sleep(Duration::from_millis(pause)).await;
        run.signal(Signal::SIGKILL);
        run.wait();
    }
    let last = Caunoi::start(&["reminders", "run", "--at", &at], &settings);
    assert!(last.wait().success());

    let mut reminders: HashMap<String, usize> = HashMap::new();
    for (_, email) in STANDING {
        let mails = world.mails(email, "Nhắc việc", 1).await;
        reminders.insert(email.to_string(), mails.len());
        let text = mails[0].text.as_deref().unwrap();
        assert_eq!(
            text.matches("Hội nghị trực tuyến Đoàn Thanh niên").count(),
            3,
            "one digest lists all three programmes"
        );
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    for (_, email) in STANDING {
        let all = world.mails(email, "Nhắc việc", 1).await;
        assert_eq!(all.len(), 1, "{email} got one reminder email");
    }
    let claimed: i64 = sqlx::query_scalar("SELECT count(*) FROM caunoi.reminders")
        .fetch_one(&world.env.pool().await)
        .await
        .unwrap();
    assert_eq!(
        claimed, 15,
        "five approvers, three programmes, each reminded once"
    );
}
