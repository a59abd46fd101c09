//! The JSON API answers only a live session or API token, and only for what the person's
//! roles and organisations allow.

use domain::access::AccessRole;
use serde_json::{Value, json};

use super::coordinator::{accepted, approve};
use super::serve;

const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const ADMIN: &str = "admin@tinhdoancaobang.example.vn";

#[tokio::test]
async fn the_api_wants_a_session_and_works_with_one() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;

    let mut hoa = site.visitor();
    let refused = hoa.get("/api/organisations").await;
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(
        refused.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let error: Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(error["code"], "sign_in_required");
    let before = site.events().await;
    let post = hoa.post("/api/programmes", &[("title", "Thử")]).await;
    assert_eq!(post.status, 401, "{}", post.body);
    assert_eq!(site.events().await, before, "nothing stored");
    // The pages, sign-in included, stay reachable.
    assert_eq!(hoa.get("/sign-in").await.status, 200);

    hoa.sign_in(&site, PLANNER).await;
    let listed = hoa.get("/api/organisations").await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let listed: Value = serde_json::from_str(&listed.body).unwrap();
    assert!(
        listed.to_string().contains("Tỉnh Đoàn Cao Bằng"),
        "{listed}"
    );

    // Roles are for administrators of the organisation concerned.
    let refused = hoa.get("/api/users").await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused.body.contains(r#""code":"forbidden""#),
        "{}",
        refused.body
    );
    let lan = "lan@tinhdoancaobang.example.vn";
    let grant = json!({"name": "Hà Thị Lan", "organisation_id": host, "role": "coordinator"});
    let before = site.events().await;
    let refused = hoa
        .post_json(&format!("/api/users/{lan}/roles"), &grant)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(site.events().await, before, "nothing stored");
    site.grant(ADMIN, host, AccessRole::Administrator).await;
    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let granted = admin
        .post_json(&format!("/api/users/{lan}/roles"), &grant)
        .await;
    assert_eq!(granted.status, 200, "{}", granted.body);
    let listed = admin.get(&format!("/api/users?organisation={host}")).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert!(
        listed.body.contains(lan) && listed.body.contains(PLANNER),
        "{}",
        listed.body
    );
    let elsewhere = site
        .organisation("Tỉnh Đoàn Lào Cai", "an@tinhdoanlaocai.example.vn")
        .await;
    let refused = admin
        .get(&format!("/api/users?organisation={elsewhere}"))
        .await;
    assert_eq!(refused.status, 403, "another organisation's roles");
    let revoked = admin
        .delete(&format!("/api/users/{lan}/roles/{host}/coordinator"))
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);

    // A forged session, or one that ended, opens nothing.
    let mut forged = site.visitor();
    forged.cookies = vec![("caunoi_session".into(), "forged".into())];
    assert_eq!(forged.get("/api/organisations").await.status, 401);
    let session = hoa.cookies.clone();
    let csrf = super::people::Visitor::csrf(&hoa.get("/home").await.body);
    assert_eq!(hoa.post("/sign-out", &[("csrf", &csrf)]).await.status, 303);
    let mut replay = site.visitor();
    replay.cookies = session;
    assert_eq!(replay.get("/api/organisations").await.status, 401);
}

#[tokio::test]
async fn a_programme_and_its_delegation_are_for_their_organisation_only() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let coordinator = "vananh@thanhdoanlaocai.example.vn";
    site.grant(coordinator, host, AccessRole::Planner).await;
    site.grant(coordinator, host, AccessRole::Coordinator).await;
    site.grant(PLANNER, other, AccessRole::Planner).await;
    let mut own = site.visitor();
    own.sign_in(&site, coordinator).await;
    let programme = accepted(
        &mut own,
        "/api/programmes",
        json!({
            "title": "Giao lưu thiếu nhi biên giới nhân dịp Quốc tế thiếu nhi 1/6",
            "kind": "childrens",
            "host_organisation": "Thành đoàn Lào Cai",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN"}],
            "schedule": {"start": "2027-05-31", "end": "2027-06-01", "timezone": "Asia/Ho_Chi_Minh"},
            "objectives": "Giao lưu văn nghệ",
            "expected_delegation_size": 27,
            "coordinator": {"name": "Trương Thị Vân Anh", "email": coordinator}
        }),
    )
    .await;
    let programme_id: uuid::Uuid = programme["id"].as_str().unwrap().parse().unwrap();
    approve(&site, programme_id).await;
    let opened = accepted(
        &mut own,
        &format!("/api/programmes/{programme_id}/delegations"),
        json!({"name": "Đoàn thiếu nhi thành phố Lào Cai", "direction": "outgoing"}),
    )
    .await;
    let delegation = opened["id"].as_str().unwrap().to_string();
    let member = json!({
        "full_name": "Lê Minh Khôi", "role": "Thành viên", "gender": "male",
        "date_of_birth": "1995-03-04", "nationality": "VN",
        "document": {"kind": "passport", "number": "C7654321", "issued_on": "2017-08-01", "expires_on": "2030-08-01"}
    });
    accepted(
        &mut own,
        &format!("/api/delegations/{delegation}/members"),
        member.clone(),
    )
    .await;

    let mut stranger = site.visitor();
    stranger.sign_in(&site, PLANNER).await;
    for path in [
        format!("/api/programmes/{programme_id}"),
        format!("/api/programmes/{programme_id}/history"),
        format!("/api/programmes/{programme_id}/delegations"),
        format!("/api/delegations/{delegation}"),
        format!("/api/delegations/{delegation}/roster.csv"),
    ] {
        let refused = stranger.get(&path).await;
        assert_eq!(refused.status, 403, "{path}: {}", refused.body);
        let error: Value = serde_json::from_str(&refused.body).unwrap();
        assert_eq!(error["code"], "not_your_organisation", "{path}");
        assert!(!refused.body.contains("C7654321"), "{path}");
        let seen = own.get(&path).await;
        assert_eq!(seen.status, 200, "{path}: {}", seen.body);
    }
    let before = site.events().await;
    let refused = stranger
        .post_json(&format!("/api/delegations/{delegation}/members"), &member)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let refused = stranger
        .post_json(
            &format!("/api/programmes/{programme_id}/cancel"),
            &json!({"reason": "Không phải của tôi"}),
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(site.events().await, before, "nothing stored");
    // What does not exist is the API's to answer.
    let unknown = stranger
        .get(&format!("/api/programmes/{}", uuid::Uuid::now_v7()))
        .await;
    assert_eq!(unknown.status, 404, "{}", unknown.body);
}
