//! Agreements end by themselves: the day after the last one, the expiry service records an
//! agreement in force as expired; one whose last day is today stays in force, and a second
//! run changes nothing.

use std::time::Duration;

use projector::ProjectionWatch;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{App, start};

/// An agreement of the app's host for `period`, signed and in force.
async fn in_force(app: &App, start: &str, end: &str) -> String {
    let mut body = super::followups::mou(&app.host);
    body["period"] = json!({"start": start, "end": end});
    let (status, drafted) = app.post("/api/agreements", body).await;
    assert_eq!(status, StatusCode::CREATED, "{drafted}");
    let id = drafted["id"].as_str().unwrap().to_owned();
    let (status, signed) = app
        .post(
            &format!("/api/agreements/{id}/sign"),
            json!({"signed_on": start, "place": "Cao Bằng"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    let (status, active) = app
        .post(&format!("/api/agreements/{id}/activate"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{active}");
    id
}

async fn status(app: &App, id: &str) -> Value {
    app.get(&format!("/api/agreements/{id}")).await.1["status"].clone()
}

#[tokio::test]
async fn an_agreement_past_its_last_day_expires_by_itself_and_only_then() {
    let app = start().await;
    // The scenario's today is 2 June 2026 in Vietnam.
    let ended = in_force(&app, "2025-06-01", "2026-06-01").await;
    let last_day_today = in_force(&app, "2025-06-03", "2026-06-02").await;
    assert_eq!(status(&app, &ended).await, "active");

    let shutdown = tokio_util::sync::CancellationToken::new();
    let commands = app::Commands::new(
        app.store.clone(),
        ProjectionWatch::start(app.pool.clone(), shutdown.clone()),
        Duration::ZERO,
    );
    let now = testkit::scenario_now();
    let expired = compose::expiry::expire_ended(&commands, &app.pool, now)
        .await
        .unwrap();
    assert_eq!(expired, 1);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while status(&app, &ended).await != "expired" {
        assert!(std::time::Instant::now() < deadline, "never shown expired");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status(&app, &last_day_today).await, "active");
    let again = compose::expiry::expire_ended(&commands, &app.pool, now)
        .await
        .unwrap();
    assert_eq!(again, 0, "nothing more to expire");
    shutdown.cancel();
}
