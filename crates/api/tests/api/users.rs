//! People's roles over the API: grant, list, revoke, and the refusals, each with its code.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::App;

const HOA: &str = "hoa@tinhdoancaobang.example.vn";

impl App {
    async fn delete(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .delete(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

#[tokio::test]
async fn roles_are_granted_listed_and_revoked_over_the_api() {
    let app = super::start().await;
    let host = app.host.clone();
    let path = format!("/api/users/{HOA}/roles");

    let (status, body) = app
        .post(
            &path,
            json!({"name": "Nông Thị Hoa", "organisation_id": host, "role": "planner"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["appended"], json!(["UserRoleGranted"]), "{body}");
    assert_eq!(body["visible"], true);
    // A second role needs no name: the account keeps it.
    let (status, body) = app
        .post(
            &path,
            json!({"organisation_id": host, "role": "administrator"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["name"], "Nông Thị Hoa");
    // Granting a role held already changes nothing.
    let (_, again) = app
        .post(&path, json!({"organisation_id": host, "role": "planner"}))
        .await;
    assert_eq!(again["appended"], json!([]), "{again}");

    let (status, listed) = app.get(&format!("/api/users?organisation={host}")).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let person = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email"] == HOA)
        .unwrap();
    let roles: Vec<&str> = person["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["administrator", "planner"]);
    assert_eq!(
        person["roles"][0]["organisation_name"],
        "Tỉnh Đoàn Cao Bằng"
    );

    let (status, body) = app.delete(&format!("{path}/{host}/planner")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["roles"].as_array().unwrap().len(), 1, "{body}");
    let (_, listed) = app.get("/api/users").await;
    let hoa = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email"] == HOA)
        .unwrap();
    assert_eq!(hoa["roles"].as_array().unwrap().len(), 1);

    // An organisation keeps at least one administrator: the tester, once Hoa is not one.
    let (status, body) = app.delete(&format!("{path}/{host}/administrator")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let before = app.events().await;
    let (status, body) = app
        .delete(&format!(
            "/api/users/{}/roles/{host}/administrator",
            super::TESTER
        ))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "last_administrator");
    assert_eq!(app.events().await, before);
}

#[tokio::test]
async fn bad_role_requests_get_clear_codes_and_change_nothing() {
    let app = super::start().await;
    let host = app.host.clone();
    let before = app.events().await;
    let path = format!("/api/users/{HOA}/roles");

    let (status, body) = app
        .post(
            &path,
            json!({"name": "Nông Thị Hoa", "organisation_id": host, "role": "king"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let unknown = uuid::Uuid::now_v7();
    let (status, body) = app
        .post(
            &path,
            json!({"name": "Nông Thị Hoa", "organisation_id": unknown, "role": "planner"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["code"], "not_found");
    let (status, body) = app
        .post(
            "/api/users/not-an-address/roles",
            json!({"name": "Nông Thị Hoa", "organisation_id": host, "role": "planner"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(body["fields"][0]["field"], "email", "{body}");
    let (status, body) = app
        .post(&path, json!({"organisation_id": host, "role": "planner"}))
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a first role needs a name: {body}"
    );
    assert_eq!(body["fields"][0]["field"], "name", "{body}");

    let (status, body) = app.delete(&format!("{path}/{host}/king")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "role", "{body}");
    let (status, body) = app.delete(&format!("{path}/{host}/planner")).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "nobody has this address: {body}"
    );
    let (status, body) = app.get("/api/users?organisation=khong-phai-id").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(app.events().await, before, "nothing stored");
}
