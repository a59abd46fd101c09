//! A coordinator opens the delegation from the approved programme's page and lands on it;
//! the programme is then being prepared; a planner is not offered the form, and a
//! nameless delegation is refused with nothing recorded.

use domain::access::AccessRole;
use serde_json::json;

use super::coordinator::{COORDINATOR, approved_programme};
use super::people::Visitor;
use super::serve;

const PLANNER: &str = "hung@thanhdoanlaocai.example.vn";

#[tokio::test]
async fn a_coordinator_opens_the_delegation_from_the_programme_page() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let programme = approved_programme(
        &site,
        json!({
            "title": "Giao lưu thiếu nhi biên giới nhân dịp Quốc tế thiếu nhi 1/6",
            "kind": "childrens",
            "host_organisation": "Thành đoàn Lào Cai",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
            "schedule": {"start": "2027-05-31", "end": "2027-06-01", "timezone": "Asia/Ho_Chi_Minh"},
            "objectives": "Giao lưu văn nghệ",
            "expected_delegation_size": 27,
            "coordinator": {"name": "Trương Thị Vân Anh", "email": COORDINATOR}
        }),
    )
    .await;
    let page = format!("/programmes/{programme}");

    let mut hung = site.visitor();
    hung.sign_in(&site, PLANNER).await;
    assert!(
        !hung
            .get(&page)
            .await
            .body
            .contains("id=\"open-delegation\"")
    );

    let mut van_anh = site.visitor();
    van_anh.sign_in(&site, COORDINATOR).await;
    let shown = van_anh.get(&page).await;
    assert!(
        shown.body.contains("id=\"open-delegation\""),
        "{}",
        shown.body
    );
    let csrf = Visitor::csrf(&shown.body);
    let before = site.events().await;
    let nameless = van_anh
        .post(
            &format!("{page}/delegations"),
            &[("csrf", &csrf), ("name", " "), ("direction", "outgoing")],
        )
        .await;
    assert_eq!(nameless.status, 422, "{}", nameless.body);
    assert_eq!(
        site.events().await,
        before,
        "nothing recorded, the programme unmoved"
    );
    let opened = van_anh
        .post(
            &format!("{page}/delegations"),
            &[
                ("csrf", &csrf),
                ("name", "Đoàn thiếu nhi tỉnh Lào Cai sang Hà Khẩu"),
                ("direction", "outgoing"),
            ],
        )
        .await;
    assert_eq!(opened.status, 303, "{}", opened.body);
    assert!(
        opened.location().starts_with("/delegations/"),
        "{}",
        opened.location()
    );
    let delegation = van_anh.get(opened.location()).await;
    assert_eq!(delegation.status, 200, "{}", delegation.body);
    assert!(
        delegation
            .body
            .contains("Đoàn thiếu nhi tỉnh Lào Cai sang Hà Khẩu")
    );
    assert!(delegation.body.contains("Đoàn ra"));
    let shown = van_anh.get(&page).await;
    assert!(
        shown.body.contains("status-in_preparation"),
        "{}",
        shown.body
    );
}
