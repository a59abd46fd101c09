//! The coordinator's, follow-up and administrator's pages in a real headless Chromium:
//! each checked for contrast, weight and sideways scrolling, with screenshots at phone
//! and desktop widths in `test-artifacts/screenshots/`.

use domain::access::AccessRole;

use super::browser::{Browser, PAGE_BUDGET};
use super::coordinator::{COORDINATOR, delegation};
use super::follow_up::followed_up;
use super::serve;

#[tokio::test]
async fn in_a_browser_the_coordinator_follow_up_and_administrator_pages_read_well() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    for role in [AccessRole::Coordinator, AccessRole::Administrator] {
        site.grant(COORDINATOR, host, role).await;
    }
    let (_, delegation) = delegation(&site, host).await;
    followed_up(&site, host).await;
    let mut api = site.setup_api(host).await;
    let register: serde_json::Value =
        serde_json::from_str(&api.get("/api/agreements").await.body).unwrap();
    let agreement = register["items"][0]["id"].as_str().unwrap().to_owned();
    let mut browser = Browser::start().await;
    let base = site.base.clone();
    browser.open(&format!("{base}/sign-in")).await;
    browser.fill("email", COORDINATOR).await;
    browser.press("main form button").await;
    let link = site.mailed_link(COORDINATOR, "/sign-in/").await;
    browser.open(&link).await;
    browser.press("main form button").await;
    assert!(browser.url().await.ends_with("/home"));

    let mut weights = Vec::new();
    for (name, path, shows) in [
        (
            "delegation",
            format!("/delegations/{delegation}"),
            "Trương Thị Vân Anh",
        ),
        (
            "agreements",
            "/agreements".to_string(),
            "Biên bản ghi nhớ hợp tác",
        ),
        (
            "agreement",
            format!("/agreements/{agreement}"),
            "Quảng Tây, Trung Quốc",
        ),
        ("action-items", "/action-items".to_string(), "sản phẩm OCOP"),
        ("figures", "/figures".to_string(), "2025"),
        ("admin", "/admin".to_string(), "Quy trình chung"),
    ] {
        browser.open(&format!("{base}{path}")).await;
        let main = browser.text("main").await;
        assert!(main.contains(shows), "{name}: {main}");
        let low = browser.low_contrast().await;
        assert!(low.is_empty(), "{name} has text below 4.5:1: {low:#?}");
        let weight = browser.weight().await;
        assert!(
            weight < PAGE_BUDGET,
            "{name} weighs {weight} bytes, over {PAGE_BUDGET}"
        );
        weights.push((name, weight));
        browser.screenshots(name).await;
    }
    eprintln!("page weights (bytes): {weights:?}");
}
