//! What operators rely on: readiness that turns false when the read models fall behind,
//! logs a collector can read, and spans exported to an OpenTelemetry collector.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;

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

/// What a collector received: each request's content type and body.
type Received = Arc<Mutex<Vec<(String, Bytes)>>>;

/// An OTLP/HTTP traces endpoint that keeps what it is sent, on a free port.
async fn collector() -> (String, Received) {
    let received = Received::default();
    let app = Router::new()
        .route(
            "/v1/traces",
            post(
                |State(received): State<Received>, headers: HeaderMap, body: Bytes| async move {
                    let content_type = headers
                        .get("content-type")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_owned();
                    received.lock().unwrap().push((content_type, body));
                },
            ),
        )
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1/traces", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

// Several threads: the collector must answer while the test waits for caunoi to stop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spans_reach_an_opentelemetry_collector_with_the_correlation_id() {
    let env = TestEnv::new().await;
    let (endpoint, received) = collector().await;
    let http = free_port();
    let base = format!("http://127.0.0.1:{http}");
    let mut settings = server_env(&env);
    settings.extend([
        ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
        ("CAUNOI_OTLP_ENDPOINT", endpoint),
        // Spans are exported as far as the log filter lets them through.
        ("CAUNOI_LOG", "warn,http_common=info".into()),
    ]);
    let api = Caunoi::start(&["serve", "api"], &settings);
    wait_ready(&base).await;
    let correlation_id = format!("otel-{}", uuid::Uuid::new_v4());
    let response = super::administrator(&env)
        .await
        .get(format!("{base}/api/programmes"))
        .header("X-Correlation-Id", &correlation_id)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // Stopping sends the spans still buffered.
    assert!(api.terminate().success());

    let received = received.lock().unwrap();
    assert!(!received.is_empty(), "the collector got no spans");
    assert!(
        received
            .iter()
            .all(|(content_type, _)| content_type == "application/x-protobuf"),
        "OTLP over HTTP is protobuf"
    );
    // Protobuf keeps strings as they are, so the request's span is found by its id.
    let needle = correlation_id.as_bytes();
    assert!(
        received
            .iter()
            .any(|(_, body)| body.windows(needle.len()).any(|w| w == needle)),
        "no exported span carries the correlation id {correlation_id}"
    );
}
