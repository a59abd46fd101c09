//! "Waiting for my decision": an approver who signs in finds what waits for them, with
//! their own link to the same page as the email's; others find nothing of theirs there.

use domain::access::AccessRole;
use serde_json::json;

use super::coordinator::accepted;
use super::serve_everything;

const APPROVER: &str = "bi@tinhdoancaobang.example.vn";
const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const TITLE: &str = "Đón đoàn Đoàn Thanh niên Quảng Tây thăm Cao Bằng";

#[tokio::test]
async fn an_approver_signed_in_sees_what_waits_for_their_decision_with_their_own_link() {
    let site = serve_everything().await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", APPROVER).await;
    site.grant(APPROVER, host, AccessRole::Approver).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let mut api = site.setup_api(host).await;
    let programme = accepted(
        &mut api,
        "/api/programmes",
        json!({
            "title": TITLE,
            "kind": "reception",
            "host_organisation": "Tỉnh Đoàn Cao Bằng",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
            "schedule": {"start": "2027-11-21", "end": "2027-11-23", "timezone": "Asia/Ho_Chi_Minh"},
            "objectives": "Tăng cường hữu nghị",
            "expected_delegation_size": 20,
            "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
        }),
    )
    .await;
    let id = programme["id"].as_str().unwrap();
    accepted(&mut api, &format!("/api/programmes/{id}/submit"), json!({})).await;
    let mailed = site.mailed_link(APPROVER, "/approve/").await;
    let mailed_path = &mailed[mailed.find("/approve/").unwrap()..];

    let mut bi = site.visitor();
    bi.sign_in(&site, APPROVER).await;
    let home = bi.get("/home").await;
    assert!(home.body.contains("href=\"/approvals\""), "{}", home.body);
    let waiting = bi.get("/approvals").await;
    assert_eq!(waiting.status, 200, "{}", waiting.body);
    for expected in [
        TITLE,
        "21/11/2027 – 23/11/2027",
        "Ban Thường vụ Tỉnh Đoàn Cao Bằng",
        &format!("href=\"{mailed_path}\""),
        "Xem và cho ý kiến",
    ] {
        assert!(
            waiting.body.contains(expected),
            "{expected}: {}",
            waiting.body
        );
    }
    let decision_page = bi.get(mailed_path).await;
    assert_eq!(decision_page.status, 200, "{}", decision_page.body);
    assert!(decision_page.body.contains(TITLE));

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let none = hoa.get("/approvals").await;
    assert_eq!(none.status, 200);
    assert!(
        none.body.contains("id=\"nothing-pending\""),
        "{}",
        none.body
    );
    assert!(!none.body.contains("/approve/"), "{}", none.body);
}
