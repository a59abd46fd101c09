//! `caunoi import-history` as an office brings in its past: the Lạng Sơn Friendship
//! Association's delegations since 2017 from the example file, on a running service with
//! every process (approvals, mail, reminders). They count in the figures at once, and
//! nothing follows them: no approval round, no mail, no reminder. Importing the file again
//! appends nothing.

use std::process::Output;
use std::time::{Duration, Instant};

use eventstore::{EventStore, StoreConfig};
use serde_json::Value;
use sqlx::PgPool;
use testkit::{SmtpServer, TestEnv};

use super::{
    Caunoi, caunoi_command, client_with_token, free_port, position, server_env, wait_ready,
};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../deploy/examples");
const HOST: &str = "hoi-huu-nghi-viet-trung-lang-son";

fn run(env: &TestEnv, args: &[&str]) -> Output {
    let here = std::env::current_dir().unwrap();
    caunoi_command(&here, args, &server_env(env))
        .output()
        .expect("run caunoi")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Waits until the read models and every follower (the approval process, the mail
/// queue) have handled the whole stream.
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

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn the_lang_son_history_counts_in_figures_once_and_sets_nothing_off() {
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
        (
            "CAUNOI_MAIL_FROM_EMAIL",
            "caunoi@huunghilangson.example.vn".into(),
        ),
        // Reminders run only when the test asks for a run.
        (
            "CAUNOI_REMINDER_SCHEDULES",
            r#"["0 0 8 1 1 * 2099"]"#.into(),
        ),
    ]);
    // Its data folder (the personal-data key) is a throwaway one, not the work tree.
    let data = tempfile::tempdir().unwrap();
    let service = Caunoi::start_in(data.path(), &["up"], &settings);
    wait_ready(&base).await;

    // The directory first: the association with its standing committee and its approval
    // route, which a programme submitted live would go through.
    let directory = run(&env, &["import", &format!("{EXAMPLES}/directory.yaml")]);
    assert!(directory.status.success(), "{}", text(&directory.stderr));
    let association = importer::ids::organisation(HOST);
    testkit::people::grant(
        &store,
        "lam@huunghilangson.example.vn",
        "Hà Văn Lâm",
        association,
        &[domain::access::AccessRole::Planner],
    )
    .await;
    let client = client_with_token(
        &testkit::people::api_token(&pool, "lam@huunghilangson.example.vn").await,
    );
    let before = settled(&pool, &store).await;

    let file = format!("{EXAMPLES}/lich-su-lang-son.csv");
    let checked = run(&env, &["import-history", "--dry-run", &file]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(
        text(&checked.stdout).contains("10 mới / new, 0 không đổi / unchanged"),
        "{}",
        text(&checked.stdout)
    );
    assert_eq!(
        store.last_sequence().await.unwrap(),
        before,
        "a dry run appends nothing"
    );

    let imported = run(
        &env,
        &[
            "import-history",
            "--actor",
            "lam@huunghilangson.example.vn",
            &file,
        ],
    );
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    assert!(
        text(&imported.stdout).contains("Đã ghi 10 sự kiện"),
        "{}",
        text(&imported.stdout)
    );
    let after = settled(&pool, &store).await;
    assert_eq!(
        after,
        before + 10,
        "one event per past programme, and no other"
    );

    // Closed, with their attendance, in the read model.
    let (closed, attendance): (i64, i64) = sqlx::query_as(
        "SELECT count(*), sum(recorded_attendance)::bigint FROM caunoi.programmes
         WHERE status = 'closed' AND state->'plan'->>'host_organisation_id' = $1",
    )
    .bind(association.to_string())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((closed, attendance), (10, 946));

    // The figures count them, by the attendance recorded.
    let figures: Value = client
        .get(format!(
            "{base}/api/figures?from=2017&to=2023&organisation={association}"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(figures["totals"]["programmes"], 10, "{figures}");
    assert_eq!(figures["totals"]["delegations"], 10, "{figures}");
    assert_eq!(figures["totals"]["delegates"], 946, "{figures}");
    let year = |y: &str| {
        figures["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == y)
            .cloned()
            .unwrap()
    };
    assert_eq!(year("2019")["programmes"], 3);
    assert_eq!(year("2019")["delegates"], 85 + 60 + 35);
    assert_eq!(year("2021")["programmes"], 0);

    // Nothing is due: no report falls due for them.
    let due: Value = client
        .get(format!("{base}/api/follow-up-reports/due?as_of=2026-06-02"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(due["items"].as_array().map(Vec::len), Some(0), "{due}");

    // The same file again: nothing new.
    let again = run(&env, &["import-history", &file]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("0 mới / new, 10 không đổi / unchanged"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(store.last_sequence().await.unwrap(), after);

    // A reminder run at the scenario's moment finds nothing to send for them.
    let at = testkit::scenario_now().to_rfc3339();
    let reminders = Caunoi::start_in(data.path(), &["reminders", "run", "--at", &at], &settings);
    assert!(reminders.wait().success());
    assert_eq!(
        settled(&pool, &store).await,
        after,
        "no approval round, no event"
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM caunoi.reminders").await,
        0
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM caunoi.mail_queue").await,
        0
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(smtp.messages().is_empty(), "no mail at all");
    assert!(service.terminate().success());
}

#[tokio::test]
async fn a_history_file_with_mistakes_reports_each_at_its_row_and_appends_nothing() {
    let env = TestEnv::new().await;
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    let directory = run(&env, &["import", &format!("{EXAMPLES}/directory.yaml")]);
    assert!(directory.status.success(), "{}", text(&directory.stderr));
    let before = store.last_sequence().await.unwrap();

    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("lich-su.csv");
    std::fs::write(
        &file,
        format!(
            "key,host,title,kind,start,end,partners,delegation_size,attendance\n\
             2018-a,{HOST},Giao lưu A,cultural,30/02/2018,2018-03-01,Bằng Tường,10,20\n\
             2018-a,{HOST},Giao lưu A lần hai,cultural,2018-04-01,2018-04-02,Bằng Tường,10,20\n\
             2018-c,hoi-huu-nghi-cao-bang,Giao lưu C,cultural,2018-05-01,2018-05-02,Bằng Tường,10,20\n\
             2018-d,{HOST},Giao lưu D,cultural,2018-06-01,2018-06-02,Bằng Tường,10,20\n"
        ),
    )
    .unwrap();
    let output = run(&env, &["import-history", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    let name = file.display().to_string();
    for wanted in [
        format!("{name}:2: start: Ngày phải có dạng NNNN-TT-NN hoặc NN/TT/NNNN"),
        format!("{name}:3: key: Khóa (hoặc email) này đã dùng ở dòng 2."),
        format!("{name}:4: host: Không tìm thấy tổ chức “hoi-huu-nghi-cao-bang”"),
        "No organisation “hoi-huu-nghi-cao-bang” in the directory".to_string(),
        "3 lỗi; không ghi nhận chương trình nào. / 3 problems; nothing was appended.".into(),
    ] {
        assert!(stderr.contains(&wanted), "{wanted}: {stderr}");
    }
    assert_eq!(
        store.last_sequence().await.unwrap(),
        before,
        "the right row is not recorded either"
    );
}
