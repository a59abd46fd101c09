//! Every JSON endpoint parses its body strictly, as the README promises: a body that is not
//! JSON gets 400 `malformed_json`, a field that does not exist gets 422 `unknown_field`,
//! and neither appends anything. The endpoints are read from the router's own source, so
//! that a new endpoint is walked too.

use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

use super::{App, start};

/// Endpoints whose body is not JSON (a roster file).
const NOT_JSON: &[&str] = &["/api/delegations/{id}/members/import"];

/// The paths and methods of every endpoint that takes a body, from `routes/mod.rs`.
fn endpoints_with_bodies() -> Vec<(String, &'static str)> {
    let source = include_str!("../../src/routes/mod.rs");
    let mut found = Vec::new();
    for part in source.split(".route(").skip(1) {
        let Some(path) = part.split('"').nth(1) else {
            continue;
        };
        let call = part.split(".route(").next().unwrap_or(part);
        for method in ["post", "put"] {
            if call.contains(&format!("{method}(")) && !NOT_JSON.contains(&path) {
                found.push((path.to_string(), method));
            }
        }
    }
    found
}

/// The path with every `{parameter}` filled in.
fn filled(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').unwrap();
        let name = &rest[start + 1..end];
        if name == "email" {
            out.push_str(super::TESTER);
        } else if name == "list" {
            out.push_str("legs");
        } else {
            out.push_str(&Uuid::now_v7().to_string());
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

async fn send(app: &App, method: &str, path: &str, body: &str) -> (StatusCode, Value) {
    let url = format!("{}{path}", app.base);
    let request = match method {
        "put" => app.client.put(url),
        _ => app.client.post(url),
    };
    let response = request
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn every_json_endpoint_refuses_malformed_json_and_unknown_fields_and_appends_nothing() {
    let app = start().await;
    let endpoints = endpoints_with_bodies();
    assert!(endpoints.len() >= 40, "found only {endpoints:?}");
    let before = app.events().await;
    let mut wrong = Vec::new();
    for (path, method) in &endpoints {
        let target = filled(path);
        let (status, body) = send(&app, method, &target, "{").await;
        if status != StatusCode::BAD_REQUEST || body["code"] != "malformed_json" {
            wrong.push(format!("{method} {path} with '{{': {status} {body}"));
        }
        // Refused, whether for the unknown field, for the fields it lacks, or because the
        // thing it is about does not exist: never taken, never an outage.
        let (status, body) = send(&app, method, &target, r#"{"bogus": 1}"#).await;
        if !status.is_client_error() {
            wrong.push(format!(
                "{method} {path} with an unknown field: {status} {body}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(app.events().await, before, "nothing appended");
}

/// 422 naming `bogus`, and nothing appended.
async fn unknown_field_refused(app: &App, method: &str, path: &str, mut body: Value) {
    body["bogus"] = 1.into();
    let before = app.events().await;
    let (status, answer) = send(app, method, path, &body.to_string()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {answer}");
    assert_eq!(
        answer["fields"][0]["code"], "unknown_field",
        "{path}: {answer}"
    );
    assert!(
        answer["fields"][0]["field"]
            .as_str()
            .is_some_and(|f| f.ends_with("bogus")),
        "{answer}"
    );
    assert_eq!(app.events().await, before, "{path}: nothing appended");
}

#[tokio::test]
async fn a_complete_body_with_one_field_too_many_is_refused_naming_it() {
    let app = start().await;
    let host = app.host.clone();
    unknown_field_refused(&app, "post", "/api/programmes", app.plan()).await;
    unknown_field_refused(
        &app,
        "post",
        "/api/users/lan@tinhdoancaobang.vn/roles",
        serde_json::json!({"name": "Hoàng Thị Lan", "organisation_id": host, "role": "planner"}),
    )
    .await;
    let delegation = app.delegation().await;
    unknown_field_refused(
        &app,
        "post",
        &format!("/api/delegations/{delegation}/members"),
        super::delegations::leader("B7654321"),
    )
    .await;
    let (status, added) = app
        .post(
            &format!("/api/delegations/{delegation}/members"),
            super::delegations::leader("B1234567"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let (_, detail) = app.get(&format!("/api/delegations/{delegation}")).await;
    let member = detail["members"][0]["person_id"]
        .as_str()
        .unwrap()
        .to_string();
    unknown_field_refused(
        &app,
        "post",
        &format!("/api/delegations/{delegation}/members/{member}/forget"),
        serde_json::json!({}),
    )
    .await;
    let (status, answer) = send(
        &app,
        "post",
        &format!("/api/delegations/{delegation}/members/{member}/forget"),
        "{",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
}
