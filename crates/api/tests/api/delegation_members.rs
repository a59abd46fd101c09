//! One member at a time over HTTP, through the application's use cases that the pages
//! share: a passport changed with the version it was read at, a member taken off the
//! roster, a forgotten or unknown person refused, and the standard checklist filled in.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::App;
use super::delegations::leader;
use super::start;

impl App {
    async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .client
            .put(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// The field and code of each refused field.
fn fields(body: &Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_string();
            (text("field"), text("code"))
        })
        .collect()
}

#[tokio::test]
async fn a_member_is_changed_taken_off_and_once_forgotten_no_longer_changed() {
    let app = start().await;
    let id = app.delegation().await;
    let base = format!("/api/delegations/{id}");
    for passport in ["B1234567", "C7654321"] {
        let (status, body) = app.post(&format!("{base}/members"), leader(passport)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (_, delegation) = app.get(&base).await;
    let person = |i: usize| {
        delegation["members"][i]["person_id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (first, second) = (person(0), person(1));
    let read_at = delegation["version"].as_u64().unwrap();

    let mut changed = leader("B7654321");
    changed["role"] = "Phó trưởng đoàn".into();
    changed["expected_version"] = read_at.into();
    let (status, body) = app
        .put(&format!("{base}/members/{first}"), changed.clone())
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["appended"][0]["event_type"], "DelegationMemberUpdated");
    let (_, delegation) = app.get(&base).await;
    let details = &delegation["members"][0]["details"];
    assert_eq!(details["document"]["number"], "B7654321");
    assert_eq!(details["role"], "Phó trưởng đoàn");
    let (status, body) = app.put(&format!("{base}/members/{first}"), changed).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "version_conflict");

    let remove = format!("{base}/members/{second}/remove");
    let (status, body) = app.post(&remove, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, delegation) = app.get(&base).await;
    assert_eq!(delegation["members"].as_array().unwrap().len(), 1);
    let (status, body) = app.post(&remove, json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), [("person_id".into(), "unknown".into())]);

    let (status, _) = app
        .post(&format!("{base}/members/{first}/forget"), json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = app
        .put(&format!("{base}/members/{first}"), leader("B1234567"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), [("person_id".into(), "forgotten".into())]);
    let nobody = uuid::Uuid::now_v7();
    let (status, body) = app
        .put(&format!("{base}/members/{nobody}"), leader("B1234567"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), [("person_id".into(), "unknown".into())]);
    let (status, body) = app
        .put(
            &format!("/api/delegations/{nobody}/members/{nobody}"),
            leader("B1234567"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn the_checklist_is_filled_in_for_the_programmes_coordinator_once() {
    let app = start().await;
    let id = app.delegation().await;
    let base = format!("/api/delegations/{id}");
    let prefill = format!("{base}/checklist/prefill");
    let (status, body) = app.post(&prefill, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["appended"][0]["event_type"],
        "DelegationChecklistPrefilled"
    );
    let (_, delegation) = app.get(&base).await;
    let tasks = delegation["checklist"].as_array().unwrap();
    assert_eq!(tasks.len(), 9, "the children's template");
    assert!(
        tasks
            .iter()
            .all(|t| t["owner"]["name"] == "Trương Thị Vân Anh")
    );
    let (status, body) = app.post(&prefill, json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["appended"], json!([]), "nothing is added twice");
    let (status, body) = app
        .post(&prefill, json!({"owner": {"name": "", "email": "nam@"}}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}
