//! What operators rely on: readiness that turns false when the read models fall behind,
//! and logs a collector can read.

use std::time::{Duration, Instant};

use eventstore::{EventStore, StoreConfig};
use serde_json::Value;
use testkit::TestEnv;

use super::{BINARY, Caunoi, free_port, seed, server_env, wait_ready};

async fn readiness(client: &reqwest::Client, base: &str) -> (u16, Value) {
    let response = client.get(format!("{base}/readyz")).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn readiness_fails_while_the_read_models_are_too_far_behind() {
    let env = TestEnv::new().await;
    let http = free_port();
    let base = format!("http://127.0.0.1:{http}");
    let mut settings = server_env(&env);
    settings.extend([
        ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
        ("CAUNOI_READY_MAX_LAG", "100".into()),
    ]);
    // The API alone: nothing projects.
    let api = Caunoi::start(&["serve", "api"], &settings);
    wait_ready(&base).await;
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    seed(&store, 48).await;
    let client = reqwest::Client::new();
    let (status, body) = readiness(&client, &base).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["ready"], false);
    assert_eq!(body["projection_lag"], 144);
    assert_eq!(body["max_lag"], 100);
    assert_eq!(
        (body["nats"].clone(), body["postgres"].clone()),
        (true.into(), true.into())
    );

    let projector = Caunoi::start(&["serve", "projector"], &settings);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (status, body) = readiness(&client, &base).await;
        if status == 200 {
            assert_eq!(body["ready"], true);
            break;
        }
        assert!(Instant::now() < deadline, "never ready again: {body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(projector.terminate().success());
    assert!(api.terminate().success());
}

#[tokio::test]
async fn json_logs_are_one_object_per_line() {
    let env = TestEnv::new().await;
    let output = std::process::Command::new(BINARY)
        .arg("migrate")
        .envs(server_env(&env).iter().map(|(k, v)| (*k, v.as_str())))
        .env("CAUNOI_LOG_FORMAT", "json")
        .env("CAUNOI_LOG", "info")
        .output()
        .unwrap();
    assert!(output.status.success());
    let logs = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<Value> = logs
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert!(!lines.is_empty(), "migrate logs something");
    for line in &lines {
        assert!(
            line["timestamp"].is_string() && line["level"].is_string(),
            "{line}"
        );
    }
    assert!(
        lines
            .iter()
            .any(|line| line["message"] == "migrations applied; read models are current"),
        "{logs}"
    );
}
