//! A planner and an approver in a real headless Chromium: sign-in by emailed link, the
//! programme forms, the list and the calendar, a decision by emailed link changing the
//! approval timeline, and another organisation's programme refused. Screenshots of each
//! main page at phone and desktop widths go to `test-artifacts/screenshots/`.

use domain::access::AccessRole;
use domain::programme::{Programme, ProgrammeCommand};
use eventstore::CommandMeta;
use uuid::Uuid;

use super::browser::{Browser, PAGE_BUDGET};
use super::{conference, serve_everything};

const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const APPROVER: &str = "bi@tinhdoancaobang.example.vn";
const TITLE: &str = "Giao lưu thanh niên biên giới Cao Bằng – Quảng Tây";

/// Checks what the page weighs and the contrast of its text, and saves its screenshots.
async fn record(browser: &mut Browser, name: &str, weights: &mut Vec<(String, u64)>) {
    let low = browser.low_contrast().await;
    assert!(low.is_empty(), "{name} has text below 4.5:1: {low:#?}");
    let weight = browser.weight().await;
    assert!(
        weight < PAGE_BUDGET,
        "{name} weighs {weight} bytes, over {PAGE_BUDGET}"
    );
    weights.push((name.to_string(), weight));
    browser.screenshots(name).await;
}

#[tokio::test]
async fn in_a_browser_a_planner_signs_in_drafts_submits_and_sees_the_approvers_decision() {
    let site = serve_everything().await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", APPROVER).await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "an@tinhdoanlaocai.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let mut browser = Browser::start().await;
    let mut weights = Vec::new();
    let base = site.base.clone();

    // Signing in: the emailed link opens a page whose button signs in.
    browser.open(&format!("{base}/home")).await;
    assert!(browser.url().await.ends_with("/sign-in"));
    record(&mut browser, "sign-in", &mut weights).await;
    browser.fill("email", PLANNER).await;
    browser.press("main form button").await;
    let notice = browser.text(".notice").await;
    assert!(notice.contains("Nếu địa chỉ này"), "{notice}");
    let link = site.mailed_link(PLANNER, "/sign-in/").await;
    browser.open(&link).await;
    record(&mut browser, "sign-in-confirm", &mut weights).await;
    browser.press("main form button").await;
    assert!(browser.url().await.ends_with("/home"));
    assert!(browser.text("h1").await.contains("Nông Thị Hoa"));
    record(&mut browser, "dashboard", &mut weights).await;

    // A refused form keeps what was typed and says what is wrong next to each field.
    browser.press("nav a[href=\"/programmes/new\"]").await;
    browser.fill("title", TITLE).await;
    browser.fill("start", "2027-11-22").await;
    browser.fill("end", "2027-11-21").await;
    browser.fill("venue", "<b>Hội trường</b>").await;
    browser.fill("size", "40").await;
    browser.press("main form button[type=submit]").await;
    assert!(browser.text("#end-error").await.len() > 5);
    assert!(
        browser.text("#partners-error").await.len() > 5,
        "a programme needs a partner"
    );
    assert!(browser.text("#venue-error").await.contains("thẻ HTML"));
    let kept = browser.find("#title").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some(TITLE));
    record(&mut browser, "programme-form-errors", &mut weights).await;

    browser.choose("kind", "reception").await;
    browser.choose("host", &host.to_string()).await;
    browser
        .fill("partner_name_0", "Đoàn Thanh niên Quảng Tây")
        .await;
    browser.choose("partner_country_0", "CN").await;
    browser.fill("partner_region_0", "Quảng Tây").await;
    browser
        .fill("budget_label_0", "Thiết bị hội nghị trực tuyến")
        .await;
    browser.fill("budget_amount_0", "15.000.000").await;
    browser.fill("start", "2027-11-21").await;
    browser.fill("end", "2027-11-23").await;
    browser.fill("venue", "Hội trường Tỉnh Đoàn Cao Bằng").await;
    browser.fill("objectives", "Tăng cường hữu nghị").await;
    browser.fill("coordinator_name", "Nông Thị Hoa").await;
    browser.fill("coordinator_email", PLANNER).await;
    browser.press("main form button[type=submit]").await;
    assert_eq!(browser.text("h1").await, TITLE);
    let programme = browser.url().await;
    browser
        .press(".actions form[action$=\"/submit\"] button")
        .await;
    let open = browser.reload_until("#approvals .stage-open").await;
    assert!(
        open.text()
            .await
            .unwrap()
            .contains("Ban Thường vụ Tỉnh Đoàn Cao Bằng")
    );
    record(&mut browser, "programme-under-review", &mut weights).await;

    // The list and the calendar show it.
    browser.open(&format!("{base}/home")).await;
    assert!(browser.text("#all-programmes").await.contains(TITLE));
    browser
        .open(&format!("{base}/calendar?month=2027-11"))
        .await;
    assert!(browser.text(".month").await.contains(TITLE));
    record(&mut browser, "calendar-month", &mut weights).await;
    browser
        .open(&format!("{base}/calendar/agenda?month=2027-11"))
        .await;
    assert!(browser.text("main").await.contains("Chủ Nhật, 21/11/2027"));
    record(&mut browser, "agenda", &mut weights).await;

    // The approver decides through the emailed link; the planner's timeline follows.
    let approval = site.mailed_link(APPROVER, "/approve/").await;
    browser.open(&approval).await;
    assert!(browser.text("main").await.contains(TITLE));
    record(&mut browser, "approval-link", &mut weights).await;
    browser
        .find("input[value=approve]")
        .await
        .click()
        .await
        .unwrap();
    browser.press("main form button[type=submit]").await;
    assert!(browser.text("main").await.contains("Đã ghi nhận ý kiến"));
    browser.open(&programme).await;
    let approved = browser.reload_until("#approvals .stage-approved").await;
    assert!(approved.text().await.unwrap().contains("Nông Văn Bí"));
    browser.reload_until(".status-approved#status").await;
    record(&mut browser, "programme-approved", &mut weights).await;

    // Another organisation's programme is a 403 page.
    let foreign = Uuid::now_v7();
    let mut plan = conference();
    plan.host_organisation = "Tỉnh Đoàn Lào Cai".into();
    plan.host_organisation_id = Some(other);
    plan.co_organisers = vec![];
    let meta = CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "an@tinhdoanlaocai.example.vn".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    };
    site.store
        .execute::<Programme>(
            foreign,
            None,
            &ProgrammeCommand::Draft { id: foreign, plan },
            &meta,
        )
        .await
        .unwrap();
    browser.open(&format!("{base}/programmes/{foreign}")).await;
    let mut refused = browser.text("main").await;
    for _ in 0..50 {
        if refused.contains("thuộc một đơn vị khác") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        browser.client.refresh().await.unwrap();
        refused = browser.text("main").await;
    }
    assert!(refused.contains("thuộc một đơn vị khác"), "{refused}");
    record(&mut browser, "forbidden", &mut weights).await;
    eprintln!("page weights (bytes): {weights:?}");
}
