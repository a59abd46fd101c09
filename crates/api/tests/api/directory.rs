//! Organisations, committees, members, substitutes and routes over HTTP.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{App, start};

/// Registers Tỉnh Đoàn Cao Bằng with its standing committee and a route for every kind;
/// returns the organisation's id.
pub(super) async fn register_host(app: &App) -> String {
    let (status, org) = app
        .post(
            "/api/organisations",
            json!({"name": "Tỉnh Đoàn Cao Bằng", "kind": "provincial_youth_union", "province": "Cao Bằng"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{org}");
    let id = org["id"].as_str().unwrap().to_string();
    let committee = add_committee(app, &id, "Ban Thường vụ Tỉnh Đoàn Cao Bằng").await;
    let (status, route) = app
        .post(
            &format!("/api/organisations/{id}/routes"),
            json!({"name": "Quy trình chung", "stages": [{"committee_id": committee}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{route}");
    id
}

async fn add_committee(app: &App, org: &str, name: &str) -> String {
    let (status, body) = app
        .post(
            &format!("/api/organisations/{org}/committees"),
            json!({
                "name": name,
                "rule": "majority",
                "members": [
                    {"name": "Nông Văn Bí", "email": "bi@tinhdoancaobang.vn", "role": "chair", "serves_from": "2022-10-01"},
                    {"name": "Hoàng Thị Lan", "email": "lan@tinhdoancaobang.vn", "role": "member", "serves_from": "2022-10-01"}
                ]
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["created"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn an_organisation_is_kept_with_its_committees_members_substitutes_and_routes() {
    let app = start().await;
    let (status, party) = app
        .post(
            "/api/organisations",
            json!({"name": "Tỉnh ủy Cao Bằng", "kind": "party_committee"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let party_id = party["id"].as_str().unwrap();
    let board = add_committee(&app, party_id, "Thường trực Tỉnh ủy Cao Bằng").await;
    let (status, added) = app
        .post(
            &format!("/api/organisations/{party_id}/committees/{board}/members"),
            json!({"name": "Lương Văn Đức", "email": "duc@caobang.gov.vn", "role": "member",
                   "serves_from": "2023-01-01", "serves_until": "2027-12-31"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let member = added["created"].as_str().unwrap();
    let (status, substitute) = app
        .post(
            &format!("/api/organisations/{party_id}/committees/{board}/substitutes"),
            json!({"member_id": member, "name": "Đàm Thị Mai", "email": "mai@caobang.gov.vn",
                   "from": "2024-03-01", "until": "2024-03-15"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{substitute}");

    // A route of the Youth Union through the party committee's standing board.
    let host = &app.host;
    let (_, detail) = app.get(&format!("/api/organisations/{host}")).await;
    let own = detail["committees"][0]["id"].as_str().unwrap();
    let (status, route) = app
        .post(
            &format!("/api/organisations/{host}/routes"),
            json!({"name": "Đoàn ra, đoàn vào", "kinds": ["delegation_visit", "reception"],
                   "stages": [{"committee_id": own},
                              {"committee_id": board, "organisation_id": party_id}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{route}");

    let (status, list) = app.get("/api/organisations?q=tinh%20uy").await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Tỉnh ủy Cao Bằng"], "found without diacritics");
    let (_, party) = app.get(&format!("/api/organisations/{party_id}")).await;
    let members = party["committees"][0]["members"].as_array().unwrap();
    assert_eq!(members.len(), 3);
    assert_eq!(
        party["committees"][0]["substitutions"][0]["substitute"]["name"],
        "Đàm Thị Mai"
    );
    let (_, host_detail) = app.get(&format!("/api/organisations/{host}")).await;
    assert_eq!(host_detail["routes"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn bad_directory_input_is_refused_with_the_field_and_appends_nothing() {
    let app = start().await;
    let host = app.host.clone();
    let before = app.events().await;
    let cases: Vec<(String, Value, &str)> = vec![
        (
            "/api/organisations".into(),
            json!({"name": "", "kind": "provincial_youth_union"}),
            "name",
        ),
        (
            "/api/organisations".into(),
            json!({"name": "X", "kind": "space_agency"}),
            "kind",
        ),
        (
            format!("/api/organisations/{host}/committees"),
            json!({"name": "Ban", "rule": "chair", "members": [
                {"name": "A", "email": "a@x.vn", "role": "chair", "serves_from": "2022-01-01"},
                {"name": "B", "email": "b@x.vn", "role": "chair", "serves_from": "2023-01-01"}]}),
            "committee.members",
        ),
        (
            format!("/api/organisations/{host}/committees"),
            json!({"name": "Ban", "rule": "all", "members": [
                {"name": "A", "email": "không-phải-email", "role": "member", "serves_from": "2022-01-01",
                 "serves_until": "2021-01-01"}]}),
            "committee.members[0].person.email",
        ),
        (
            format!("/api/organisations/{host}/routes"),
            json!({"name": "Sai", "stages": [{"committee_id": "01a20369-0000-7000-8000-000000000000"}]}),
            "stages[0].committee_id",
        ),
    ];
    for (path, body, field) in cases {
        let (status, answer) = app.post(&path, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {answer}");
        let fields: Vec<&str> = answer["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{path}: {answer}");
        assert!(answer["message"].as_str().unwrap().chars().count() > 10);
    }
    let (status, _) = app
        .post(
            "/api/organisations/01a20369-0000-7000-8000-000000000000/committees",
            json!({"name": "Ban", "rule": "all"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.events().await, before, "nothing was appended");
}

#[tokio::test]
async fn a_plan_whose_host_has_no_route_for_its_kind_is_not_submitted() {
    let app = start().await;
    let (_, org) = app
        .post(
            "/api/organisations",
            json!({"name": "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn", "kind": "friendship_association"}),
        )
        .await;
    let mut plan = app.plan();
    plan["host_organisation_id"] = org["id"].clone();
    let (status, created) = app.post("/api/programmes", plan).await;
    assert_eq!(status, StatusCode::CREATED);
    let id = created["id"].as_str().unwrap();
    let before = app.events().await;
    let (status, answer) = app
        .post(&format!("/api/programmes/{id}/submit"), json!({}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["fields"][0]["field"], "host_organisation_id");
    assert_eq!(answer["fields"][0]["code"], "no_approval_route");
    assert_eq!(app.events().await, before);
}
