//! `caunoi demo` on a running service with every process: each story of the articles is
//! there as the articles tell it (Lạng Sơn since 2017, the Lào Cai – Hà Khẩu MOU and its
//! review after one year, the 27 children's delegation, the conference of 21/11/2023),
//! nothing is sent or reminded, and running it again appends nothing.
//!
//! Lạng Sơn: the article (Tiền Phong, 14/12/2023) gives "10 đoàn với gần 1.000 lượt đại
//! biểu" from 2017 to 6/2023; the example file has 946 delegate-visits, which is what is
//! checked.

use std::process::Output;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use domain::agreement::{Agreement, AgreementStatus};
use eventstore::{EventStore, StoreConfig};
use sqlx::PgPool;
use testkit::{SmtpServer, TestEnv};
use uuid::Uuid;

use super::{Caunoi, caunoi_command, free_port, position, server_env, wait_ready};

/// The demo's namespace of ids, as `caunoi demo` has it: the ids must never change, or a
/// second run would load the stories again.
const NAMESPACE: Uuid = Uuid::from_u128(0x5d1c_2a07_93e4_4b5e_a0f1_6c8e_2b7d_4f19);
const MOU: &str = "agreement/thanh-doan-lao-cai/ha-khau/2023-2027";

fn demo(env: &TestEnv) -> Output {
    let here = std::env::current_dir().unwrap();
    caunoi_command(&here, &["demo"], &server_env(env))
        .output()
        .expect("run caunoi demo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Waits until the read models and the followers (approvals, mail queue) have handled
/// the whole stream.
async fn settled(pool: &PgPool, store: &EventStore) -> u64 {
    let last = store.last_sequence().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let followers: Vec<i64> = sqlx::query_scalar(
            "SELECT position FROM caunoi.subscriptions WHERE name IN ('approvals', 'mail-queue')",
        )
        .fetch_all(pool)
        .await
        .unwrap_or_default();
        if position(pool).await >= last as i64
            && followers.len() == 2
            && followers.iter().all(|p| *p >= last as i64)
        {
            return last;
        }
        assert!(
            Instant::now() < deadline,
            "not caught up with {last}: {followers:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn demo_loads_the_stories_of_the_articles_once_and_sends_nothing() {
    let env = TestEnv::new().await;
    let smtp = SmtpServer::start().await;
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    let pool = env.pool().await;
    let http = free_port();
    let base = format!("http://127.0.0.1:{http}");
    let mut settings = server_env(&env);
    settings.extend([
        ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
        ("CAUNOI_PUBLIC_URL", base.clone()),
        ("CAUNOI_SMTP_HOST", "127.0.0.1".into()),
        ("CAUNOI_SMTP_PORT", smtp.port().to_string()),
        ("CAUNOI_SMTP_TLS", "none".into()),
        ("CAUNOI_MAIL_FROM_EMAIL", "caunoi@demo.example.vn".into()),
        (
            "CAUNOI_REMINDER_SCHEDULES",
            r#"["0 0 8 1 1 * 2099"]"#.into(),
        ),
    ]);
    let data = tempfile::tempdir().unwrap();
    let service = Caunoi::start_in(data.path(), &["up"], &settings);
    wait_ready(&base).await;

    let first = demo(&env);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let after = settled(&pool, &store).await;
    assert!(after > 0, "{}", text(&first.stdout));

    // Lạng Sơn since 2017: 10 delegations to 6/2023, 946 delegate-visits, all closed.
    let lang_son = importer::ids::organisation("hoi-huu-nghi-viet-trung-lang-son");
    let (closed, attendance, first_day, last_day): (i64, i64, String, String) = sqlx::query_as(
        "SELECT count(*), sum(recorded_attendance)::bigint,
                min(state->'plan'->'schedule'->>'start'), max(state->'plan'->'schedule'->>'end')
         FROM caunoi.programmes
         WHERE status = 'closed' AND state->'plan'->>'host_organisation_id' = $1",
    )
    .bind(lang_son.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((closed, attendance), (10, 946));
    assert!(first_day.starts_with("2017-"), "{first_day}");
    assert!(last_day.as_str() <= "2023-06-30", "{last_day}");

    // The MOU of Thành đoàn Lào Cai and Hà Khẩu, 2023–2027, reviewed once, on 22/3/2024.
    let mou = store
        .load::<Agreement>(Uuid::new_v5(&NAMESPACE, MOU.as_bytes()))
        .await
        .unwrap();
    let record = mou.state.record().expect("the MOU is stored");
    assert_eq!(record.status, AgreementStatus::Active);
    assert_eq!(record.terms.period.start.to_string(), "2023-01-01");
    assert_eq!(record.terms.period.end.to_string(), "2027-12-31");
    assert_eq!(
        record.terms.parties[0].organisation_id,
        Some(importer::ids::organisation("thanh-doan-lao-cai"))
    );
    assert_eq!(
        record.terms.parties[1].name,
        "Đoàn Thanh niên huyện Hà Khẩu"
    );
    let signed_on = record.signing.as_ref().expect("signed").signed_on;
    assert_eq!(record.reviews.len(), 1);
    let held_on = record.reviews[0].held_on.expect("held");
    assert_eq!(held_on, NaiveDate::from_ymd_opt(2024, 3, 22).unwrap());
    assert_eq!(
        held_on,
        signed_on
            .checked_add_months(chrono::Months::new(12))
            .unwrap(),
        "one year after signing"
    );
    assert!(
        record.reviews[0]
            .findings
            .as_deref()
            .unwrap_or("")
            .contains("27 đại biểu thiếu nhi")
    );

    // The 27 children of Lào Cai in Hà Khẩu on 1/6/2023, under the MOU, on China's time;
    // and the conference of the four provinces with Guangxi on 21/11/2023.
    let (size, timezone, day, agreement): (String, String, String, String) = sqlx::query_as(
        "SELECT state->'plan'->>'expected_delegation_size', state->'plan'->'schedule'->>'timezone',
                state->'plan'->'schedule'->>'start', state->'plan'->>'agreement_id'
         FROM caunoi.programmes
         WHERE status = 'closed' AND state->'plan'->>'kind' = 'childrens'
           AND state->'plan'->>'host_organisation_id' = $1",
    )
    .bind(importer::ids::organisation("thanh-doan-lao-cai").to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (size.as_str(), timezone.as_str(), day.as_str()),
        ("27", "Asia/Shanghai", "2023-06-01")
    );
    assert_eq!(
        agreement,
        Uuid::new_v5(&NAMESPACE, MOU.as_bytes()).to_string()
    );
    let conference: (String, String) = sqlx::query_as(
        "SELECT state->'plan'->'schedule'->>'start', state->'plan'->'schedule'->>'timezone'
         FROM caunoi.programmes
         WHERE status = 'closed' AND state->'plan'->>'kind' = 'online_conference'
           AND state->'plan'->>'host_organisation_id' = $1",
    )
    .bind(importer::ids::organisation("tinh-doan-cao-bang").to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        conference,
        ("2023-11-21".to_string(), "Asia/Ho_Chi_Minh".to_string())
    );

    // The second run appends nothing.
    let second = demo(&env);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(
        text(&second.stdout).contains("0 mới / new, 10 không đổi / unchanged"),
        "{}",
        text(&second.stdout)
    );
    assert!(
        text(&second.stdout).contains("0 mới / new, 2 không đổi / unchanged"),
        "{}",
        text(&second.stdout)
    );
    assert_eq!(store.last_sequence().await.unwrap(), after);

    // A reminder run now finds nothing to send: nothing of the past is waiting.
    let at = chrono::Utc::now().to_rfc3339();
    let reminders = Caunoi::start_in(data.path(), &["reminders", "run", "--at", &at], &settings);
    assert!(reminders.wait().success());
    let reminded: i64 = sqlx::query_scalar("SELECT count(*) FROM caunoi.reminders")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(reminded, 0);

    // Nothing was sent or queued: no approval round, no mail.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let queued: i64 = sqlx::query_scalar("SELECT count(*) FROM caunoi.mail_queue")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(queued, 0);
    assert!(smtp.messages().is_empty(), "no mail at all");
    assert!(service.terminate().success());
}
