//! The follow-up journey in a real headless Chromium: the coordinator writes and submits
//! the report of a programme that has ended, the host's leader accepts it, the action item
//! is marked done, and the partnership agreement is registered, signed (in force at once,
//! its period having begun) and reviewed, all from the pages. Screenshots at phone and desktop widths in
//! `test-artifacts/screenshots/`.

use domain::access::AccessRole;
use serde_json::json;

use super::browser::Browser;
use super::coordinator::{COORDINATOR, approved_programme};
use super::{Site, serve};

const LEADER: &str = "bi@thanhdoanlaocai.example.vn";
const AGREEMENT: &str = "Biên bản ghi nhớ hợp tác giữa Thành đoàn Lào Cai và Đoàn Thanh niên huyện Hà Khẩu giai đoạn 2026 – 2028";

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

#[tokio::test]
async fn in_a_browser_a_report_is_accepted_its_item_done_and_the_agreement_registered_and_reviewed()
{
    let site = serve(None).await;
    let host = site.organisation("Thành đoàn Lào Cai", LEADER).await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    site.grant(LEADER, host, AccessRole::Approver).await;
    let programme = approved_programme(
        &site,
        json!({
            "title": "Giao lưu thanh niên biên giới Lào Cai – Hà Khẩu",
            "kind": "reception",
            "host_organisation": "Thành đoàn Lào Cai",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
            "schedule": {"start": "2025-11-20", "end": "2025-11-21", "timezone": "Asia/Ho_Chi_Minh"},
            "objectives": "Giao lưu văn nghệ, thể thao",
            "expected_delegation_size": 30,
            "coordinator": {"name": "Trương Thị Vân Anh", "email": COORDINATOR}
        }),
    )
    .await;
    let base = site.base.clone();
    let page = format!("{base}/programmes/{programme}");
    let mut browser = Browser::start().await;

    // The coordinator writes the report and submits it.
    sign_in(&browser, &site, COORDINATOR).await;
    browser.open(&format!("{page}/follow-up")).await;
    browser
        .fill(
            "outcomes",
            "Hai bên thống nhất kế hoạch giao lưu năm 2026 và trao tặng 200 suất quà cho thiếu nhi.",
        )
        .await;
    browser.fill("actual_attendance", "64").await;
    browser
        .fill(
            "attendance_note",
            "32 đại biểu phía Việt Nam, 32 đại biểu phía bạn",
        )
        .await;
    browser
        .fill("lessons", "Cần chuẩn bị phiên dịch sớm hơn.")
        .await;
    browser
        .fill("item0_title", "Gửi ảnh và phóng sự cho phía bạn")
        .await;
    browser.fill("item0_owner_name", "Trương Thị Vân Anh").await;
    browser.fill("item0_owner_email", COORDINATOR).await;
    browser.fill("item0_due", "2026-06-30").await;
    browser.press("button[value=submit]").await;
    browser
        .reload_until("#report-status.status-submitted")
        .await;
    browser
        .screenshots("journey-follow-up-report-submitted")
        .await;

    // The host's leader accepts it: the programme is closed.
    sign_in(&browser, &site, LEADER).await;
    browser.open(&page).await;
    browser.press("#accept-report button[type=submit]").await;
    browser.reload_until(".status-closed#status").await;

    // The coordinator marks the action item done beside it.
    sign_in(&browser, &site, COORDINATOR).await;
    browser.open(&page).await;
    browser.choose_at("form.task-status select", "done").await;
    browser.press("form.task-status button[type=submit]").await;
    browser.open(&format!("{base}/action-items")).await;
    assert!(
        !browser
            .text("main")
            .await
            .contains("Gửi ảnh và phóng sự cho phía bạn"),
        "a done item leaves the list"
    );

    // The agreement: registered, signed, in force, and reviewed.
    browser.open(&format!("{base}/agreements")).await;
    browser.press("main a[href=\"/agreements/new\"]").await;
    browser.fill("title", AGREEMENT).await;
    browser
        .fill("partner_name", "Đoàn Thanh niên huyện Hà Khẩu")
        .await;
    browser.choose("partner_country", "CN").await;
    browser.fill("partner_region", "Vân Nam").await;
    browser
        .fill("areas", "Giao lưu thanh thiếu nhi\nChuyển đổi số")
        .await;
    browser.fill("start", "2026-01-01").await;
    browser.fill("end", "2028-12-31").await;
    browser.fill("review_every", "1").await;
    browser.choose("review_unit", "year").await;
    browser.fill("coordinator_name", "Trương Thị Vân Anh").await;
    browser.fill("coordinator_email", COORDINATOR).await;
    browser.press("main form button[type=submit]").await;
    assert_eq!(browser.text("h1").await, AGREEMENT);
    let agreement = browser.url().await;
    browser.press("main a[href$=\"/sign\"]").await;
    browser.fill("signed_on", "2026-01-05").await;
    browser.fill("place", "Thành phố Lào Cai").await;
    browser.press("main form button[type=submit]").await;
    // Signed after its period began, it is in force at once.
    assert!(browser.text("main").await.contains("Đang có hiệu lực"));
    browser
        .press("main form[action$=\"/reviews\"] button")
        .await;
    browser
        .press("main a[href*=\"/reviews/\"][href$=\"/complete\"]")
        .await;
    browser.fill("held_on", "2026-05-20").await;
    browser
        .fill(
            "findings",
            "Hai bên hoàn thành 3/4 nội dung; bổ sung giao lưu trực tuyến trong năm 2026.",
        )
        .await;
    browser.press("main form button[type=submit]").await;
    assert_eq!(browser.url().await, agreement);
    let shown = browser.text("main").await;
    assert!(shown.contains("bổ sung giao lưu trực tuyến"), "{shown}");
    browser.screenshots("journey-follow-up-agreement").await;
    assert!(
        browser.low_contrast().await.is_empty(),
        "{:?}",
        browser.low_contrast().await
    );
}
