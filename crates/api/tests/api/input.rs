//! Text and dates no field may hold, refused at the door with the field named, whatever
//! the endpoint; and exports a spreadsheet opens without running anything.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{App, start};

/// The problem codes of a 422 answer, by field.
fn problems(body: &Value) -> Vec<(String, String)> {
    body["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no fields in {body}"))
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn refused(app: &App, path: &str, body: Value) -> Vec<(String, String)> {
    let before = app.events().await;
    let (status, answer) = app.post(path, body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {answer}");
    assert_eq!(answer["code"], "validation_failed", "{answer}");
    assert!(
        answer["fields"][0]["message"].as_str().unwrap().len() > 10,
        "a message for people: {answer}"
    );
    assert_eq!(app.events().await, before, "{path}: nothing appended");
    problems(&answer)
}

#[tokio::test]
async fn a_nul_a_line_break_in_a_name_or_a_year_no_one_means_gets_422_and_appends_nothing() {
    let app = start().await;
    assert_eq!(
        refused(
            &app,
            "/api/organisations",
            json!({"name": "Org\u{0}Nul", "kind": "provincial_youth_union"})
        )
        .await,
        [("name".to_string(), "control_character".to_string())]
    );

    let host = app.host.clone();
    let (_, detail) = app.get(&format!("/api/organisations/{host}")).await;
    let committee = detail["committees"][0]["id"].as_str().unwrap().to_string();
    let members = format!("/api/organisations/{host}/committees/{committee}/members");
    let found = refused(
        &app,
        &members,
        json!({"name": "Lan\r\nBcc: x@example.com", "email": "lan2@tinhdoancaobang.vn",
               "role": "member", "serves_from": "2022-10-01"}),
    )
    .await;
    assert!(
        found.iter().all(|(_, code)| code == "line_break") && !found.is_empty(),
        "{found:?}"
    );
    for year in ["0000-01-01", "+10000-01-01", "-0001-01-01"] {
        let found = refused(
            &app,
            &members,
            json!({"name": "Hoàng Văn Tuấn", "email": "tuan@tinhdoancaobang.vn",
                   "role": "member", "serves_from": year}),
        )
        .await;
        assert!(
            found.iter().any(|(_, code)| code == "date_out_of_range"),
            "{year}: {found:?}"
        );
    }

    let mut plan = app.plan();
    plan["title"] = json!("Đoàn công tác\u{0}");
    plan["objectives"] = json!("Giao lưu văn nghệ\nTrao quà cho thiếu nhi");
    assert_eq!(
        refused(&app, "/api/programmes", plan).await,
        [("title".to_string(), "control_character".to_string())],
        "line breaks stay welcome in the objectives"
    );
}

#[tokio::test]
async fn a_nul_in_a_query_parameter_is_the_clients_mistake_named_not_an_outage() {
    let app = start().await;
    for (path, parameter) in [
        ("/api/programmes?q=%00", "q"),
        ("/api/organisations?q=a%00b", "q"),
        ("/api/action-items?owner=%00", "owner"),
        ("/api/programmes?partner=x%0d%0a", "partner"),
    ] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(body["code"], "invalid_query_parameter", "{body}");
        assert_eq!(body["fields"][0]["field"], parameter, "{body}");
    }
    let (status, _) = app.get("/api/programmes?q=H%C3%A0%20Kh%E1%BA%A9u").await;
    assert_eq!(status, StatusCode::OK, "Vietnamese searches still work");
}

#[tokio::test]
async fn a_delegates_personal_data_meets_the_same_rules_before_it_is_sealed() {
    let app = start().await;
    let delegation = app.delegation().await;
    let mut member = super::delegations::leader("B2345678");
    member["full_name"] = json!("Lan\r\nBcc: x@example.com");
    member["date_of_birth"] = json!("0000-01-01");
    let found = refused(
        &app,
        &format!("/api/delegations/{delegation}/members"),
        member,
    )
    .await;
    let codes: Vec<&str> = found.iter().map(|(_, code)| code.as_str()).collect();
    assert!(codes.contains(&"line_break"), "{found:?}");
    assert!(codes.contains(&"date_out_of_range"), "{found:?}");
}
