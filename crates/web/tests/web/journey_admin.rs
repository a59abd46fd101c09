//! The administrator's and the approver's journeys in a real headless Chromium: the
//! administrator adds a committee, a member and a substitute, defines a route for
//! children's exchanges with it and grants its chair the approver's role; the chair then
//! signs in, finds the programme in "waiting for my decision" and decides it there.
//! Screenshots at phone and desktop widths in `test-artifacts/screenshots/`.

use domain::access::AccessRole;
use serde_json::{Value, json};

use super::browser::Browser;
use super::coordinator::accepted;
use super::people::Visitor;
use super::{Site, serve_everything};

const ADMIN: &str = "quan@huunghilangson.example.vn";
const CHAIR: &str = "thanh@huunghilangson.example.vn";
const TITLE: &str = "Giao lưu thiếu nhi Lạng Sơn – Sùng Tả dịp Tết Trung thu";

async fn sign_in(browser: &Browser, site: &Site, email: &str) {
    let base = &site.base;
    browser.client.delete_all_cookies().await.unwrap();
    browser.open(&format!("{base}/sign-in")).await;
    browser.fill("email", email).await;
    // Not the link of an earlier sign-in, which may be the newest until this one arrives.
    let seen = site.mails_to(email);
    browser.press("main form button").await;
    let link = site.mailed_link_after(email, "/sign-in/", seen).await;
    browser.open(&link).await;
    browser.press("main form button").await;
    assert!(browser.url().await.ends_with("/home"));
}

/// The committee named `name` as the API shows the organisation.
async fn committee(api: &mut Visitor, host: &str, name: &str) -> Value {
    let detail: Value =
        serde_json::from_str(&api.get(&format!("/api/organisations/{host}")).await.body).unwrap();
    detail["committees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no committee {name} in {detail}"))
        .clone()
}

#[tokio::test]
async fn in_a_browser_an_administrator_sets_up_a_route_and_its_approver_decides_from_their_list() {
    let site = serve_everything().await;
    let host = site
        .organisation(
            "Hội Hữu nghị Việt Nam – Trung Quốc tỉnh Lạng Sơn",
            "bi@huunghilangson.example.vn",
        )
        .await;
    site.grant(ADMIN, host, AccessRole::Administrator).await;
    let mut api = site.setup_api(host).await;
    let host_id = host.to_string();
    let base = site.base.clone();
    let mut browser = Browser::start().await;
    sign_in(&browser, &site, ADMIN).await;

    // A committee with its chair.
    browser.open(&format!("{base}/admin")).await;
    browser.unfold().await;
    browser.fill("committee_name", "Thường trực Hội").await;
    browser.choose("rule", "chair").await;
    browser.fill("chair_name", "Lương Văn Thành").await;
    browser.fill("chair_email", CHAIR).await;
    browser.fill("chair_from", "2026-01-01").await;
    browser.press("#add-committee button[type=submit]").await;
    let committees = browser.text("#committees").await;
    assert!(committees.contains("Thường trực Hội"), "{committees}");
    assert!(committees.contains("Lương Văn Thành"), "{committees}");
    let standing = committee(&mut api, &host_id, "Thường trực Hội").await;
    let id = standing["id"].as_str().unwrap().to_owned();
    let chair = standing["members"][0]["id"].as_str().unwrap().to_owned();

    // A member, and a substitute for the chair while she is away.
    browser.unfold().await;
    browser
        .fill_at(&format!("#member-name-{id}"), "Hoàng Thị Mai")
        .await;
    browser
        .fill_at(
            &format!("#member-email-{id}"),
            "mai@huunghilangson.example.vn",
        )
        .await;
    browser
        .choose_at(&format!("#member-role-{id}"), "member")
        .await;
    browser
        .fill_at(&format!("#member-from-{id}"), "2026-01-01")
        .await;
    browser
        .press(&format!(
            "form[action$=\"/committees/{id}/members\"] button[type=submit]"
        ))
        .await;
    assert!(browser.text("#committees").await.contains("Hoàng Thị Mai"));
    browser.unfold().await;
    browser
        .choose_at(&format!("#stands-in-for-{id}"), &chair)
        .await;
    browser
        .fill_at(&format!("#substitute-name-{id}"), "Vi Văn Hùng")
        .await;
    browser
        .fill_at(
            &format!("#substitute-email-{id}"),
            "hung@huunghilangson.example.vn",
        )
        .await;
    browser
        .fill_at(&format!("#substitute-from-{id}"), "2027-07-01")
        .await;
    browser
        .fill_at(&format!("#substitute-until-{id}"), "2027-07-31")
        .await;
    browser
        .press(&format!(
            "form[action$=\"/committees/{id}/substitutes\"] button[type=submit]"
        ))
        .await;
    let standing = committee(&mut api, &host_id, "Thường trực Hội").await;
    assert_eq!(
        standing["substitutions"][0]["substitute"]["name"], "Vi Văn Hùng",
        "{standing}"
    );

    // Children's exchanges go to the new committee.
    browser.unfold().await;
    browser
        .fill("route_name", "Quy trình giao lưu thiếu nhi")
        .await;
    browser.click("#kind-childrens").await;
    browser.choose("stage_0", &id).await;
    browser.press("#define-route button[type=submit]").await;
    let routes = browser.text("#routes").await;
    assert!(routes.contains("Quy trình giao lưu thiếu nhi"), "{routes}");
    assert!(routes.contains("Thường trực Hội"), "{routes}");

    // The chair may sign in as an approver.
    browser.fill_at("#grant-email", CHAIR).await;
    browser.fill_at("#grant-name", "Lương Văn Thành").await;
    browser.choose_at("#grant-role-choice", "approver").await;
    browser.press("#grant-role button[type=submit]").await;
    let users = browser.text("#users").await;
    assert!(users.contains(CHAIR), "{users}");
    browser.screenshots("journey-admin-directory").await;
    assert!(
        browser.low_contrast().await.is_empty(),
        "{:?}",
        browser.low_contrast().await
    );

    // A children's exchange is submitted: it waits for the chair.
    let programme = accepted(
        &mut api,
        "/api/programmes",
        json!({
            "title": TITLE,
            "kind": "childrens",
            "host_organisation": "Hội Hữu nghị Việt Nam – Trung Quốc tỉnh Lạng Sơn",
            "host_organisation_id": host,
            "partners": [{"name": "Hội Hữu nghị Sùng Tả", "country": "CN", "region": "Quảng Tây"}],
            "schedule": {"start": "2027-09-14", "end": "2027-09-15", "timezone": "Asia/Ho_Chi_Minh"},
            "border_gate": "Cửa khẩu Hữu Nghị",
            "objectives": "Vui Tết Trung thu cùng thiếu nhi hai bên biên giới",
            "expected_delegation_size": 30,
            "coordinator": {"name": "Nguyễn Văn Quân", "email": ADMIN}
        }),
    )
    .await;
    let programme = programme["id"].as_str().unwrap().to_owned();
    accepted(
        &mut api,
        &format!("/api/programmes/{programme}/submit"),
        json!({}),
    )
    .await;
    site.mailed_link(CHAIR, "/approve/").await;

    sign_in(&browser, &site, CHAIR).await;
    browser.open(&format!("{base}/approvals")).await;
    let waiting = browser.text("main").await;
    assert!(waiting.contains(TITLE), "{waiting}");
    assert!(waiting.contains("Thường trực Hội"), "{waiting}");
    browser.screenshots("journey-approvals-waiting").await;
    browser.press("main a[href^=\"/approve/\"]").await;
    assert!(browser.text("main").await.contains(TITLE));
    browser.click("input[value=approve]").await;
    browser
        .fill(
            "note",
            "Đồng ý, lưu ý an toàn cho các cháu khi qua cửa khẩu",
        )
        .await;
    browser.press("main form button[type=submit]").await;
    assert!(browser.text("main").await.contains("Đã ghi nhận ý kiến"));
    browser.open(&format!("{base}/approvals")).await;
    browser.reload_until("#nothing-pending").await;
    browser
        .open(&format!("{base}/programmes/{programme}"))
        .await;
    browser.reload_until(".status-approved#status").await;
    let timeline = browser.text("#approvals").await;
    assert!(
        timeline.contains("lưu ý an toàn cho các cháu"),
        "the comment is kept: {timeline}"
    );
}
