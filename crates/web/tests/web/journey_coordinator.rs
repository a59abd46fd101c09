//! The coordinator's journey in a real headless Chromium, at desktop width with
//! screenshots of the delegation page at phone and desktop widths: open the delegation
//! from the approved programme, upload 30 children with their guardians from an Excel
//! workbook, see the warning of a child whose parents' consent is missing and clear it,
//! add the border crossing, a day of the itinerary and a gift, and find the exports.

use domain::access::AccessRole;
use serde_json::json;

use super::browser::{Browser, PAGE_BUDGET};
use super::coordinator::{COORDINATOR, approved_programme};
use super::serve;

/// 30 children of Lào Cai, each with a guardian, as an office's workbook holds them.
fn children_workbook() -> Vec<u8> {
    let heading = [
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Quốc tịch",
        "Chức vụ",
        "Tên tiếng Trung (中文姓名)",
        "Loại giấy tờ",
        "Số hộ chiếu/giấy thông hành",
        "Ngày hết hạn",
        "Người giám hộ",
        "Quan hệ với người giám hộ",
        "Điện thoại người giám hộ",
        "Cha mẹ đồng ý",
    ];
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, text) in heading.iter().enumerate() {
        sheet.write_string(0, column as u16, *text).unwrap();
    }
    for n in 1..=30u32 {
        let row = [
            format!("Vàng Thị Mỷ {n}"),
            if n % 2 == 0 { "Nam" } else { "Nữ" }.to_owned(),
            format!("{:02}/09/2014", n % 28 + 1),
            "Việt Nam".to_owned(),
            "Thiếu nhi".to_owned(),
            "王氏美".to_owned(),
            "Giấy thông hành".to_owned(),
            format!("LC{n:06}"),
            "01/03/2029".to_owned(),
            format!("Vàng Văn Páo {n}"),
            "Bố".to_owned(),
            "0912 000 111".to_owned(),
            // The last child's consent has not come in yet.
            if n == 30 { "Không" } else { "Có" }.to_owned(),
        ];
        for (column, text) in row.iter().enumerate() {
            sheet.write_string(n, column as u16, text).unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[tokio::test]
async fn in_a_browser_a_coordinator_prepares_a_childrens_delegation() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let programme = approved_programme(
        &site,
        json!({
            "title": "Giao lưu thiếu nhi biên giới nhân dịp Quốc tế thiếu nhi 1/6",
            "kind": "childrens",
            "host_organisation": "Thành đoàn Lào Cai",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
            "schedule": {"start": "2027-05-31", "end": "2027-06-01", "timezone": "Asia/Ho_Chi_Minh"},
            "border_gate": "Cửa khẩu quốc tế Lào Cai",
            "objectives": "Giao lưu văn nghệ",
            "expected_delegation_size": 30,
            "coordinator": {"name": "Trương Thị Vân Anh", "email": COORDINATOR}
        }),
    )
    .await;
    let folder = tempfile::tempdir().unwrap();
    let workbook = folder.path().join("danh-sach-doan.xlsx");
    std::fs::write(&workbook, children_workbook()).unwrap();

    let mut browser = Browser::start().await;
    let base = site.base.clone();
    browser.open(&format!("{base}/sign-in")).await;
    browser.fill("email", COORDINATOR).await;
    browser.press("main form button").await;
    let link = site.mailed_link(COORDINATOR, "/sign-in/").await;
    browser.open(&link).await;
    browser.press("main form button").await;

    browser
        .open(&format!("{base}/programmes/{programme}"))
        .await;
    browser
        .fill("name", "Đoàn thiếu nhi thành phố Lào Cai")
        .await;
    browser.choose("direction", "outgoing").await;
    browser.press("#open-delegation button").await;
    assert!(browser.url().await.contains("/delegations/"));

    browser
        .find("#roster details summary")
        .await
        .click()
        .await
        .unwrap();
    browser
        .find("input[name=\"file\"]")
        .await
        .send_keys(workbook.to_str().unwrap())
        .await
        .unwrap();
    browser.press("#roster form button").await;
    let roster = browser.text("#roster").await;
    assert!(roster.contains("Vàng Thị Mỷ 30"), "{roster}");
    assert!(browser.text("main").await.contains("30 thành viên"));
    // The missing consent is said at the top and beside the child; once her parents'
    // consent is recorded, the warning is gone.
    let warnings = browser.text("#warnings").await;
    assert!(!warnings.contains("Không có cảnh báo."), "{warnings}");
    let flagged = browser.text("#roster tbody tr:last-child").await;
    assert!(
        flagged.contains("Vàng Thị Mỷ 30") && flagged.contains("⚠"),
        "{flagged}"
    );
    browser
        .press("#roster a[aria-label$=\": Vàng Thị Mỷ 30\"]")
        .await;
    browser.choose("parental_consent", "yes").await;
    browser.press("main form button[type=submit]").await;
    let warnings = browser.text("#warnings").await;
    assert!(warnings.contains("Không có cảnh báo."), "{warnings}");

    browser
        .find("#travel details summary")
        .await
        .click()
        .await
        .unwrap();
    for (field, value) in [
        ("leg_from", "Thành phố Lào Cai"),
        ("leg_to", "Huyện Hà Khẩu, Vân Nam"),
        ("leg_departs_date", "2027-05-31"),
        ("leg_departs_time", "07:30"),
        ("leg_arrives_date", "2027-05-31"),
        ("leg_arrives_time", "08:45"),
    ] {
        browser.fill(field, value).await;
    }
    browser.choose("leg_mode", "on_foot").await;
    browser.choose("leg_arrives_zone", "Asia/Shanghai").await;
    browser.choose("leg_gate", "lao_cai").await;
    browser.press("#travel form button").await;
    let travel = browser.text("#travel").await;
    for expected in [
        "07:30 (giờ Việt Nam)",
        "08:45 (giờ Bắc Kinh)",
        "Cửa khẩu quốc tế Lào Cai",
    ] {
        assert!(travel.contains(expected), "{expected} in {travel}");
    }

    browser
        .find("#itinerary details summary")
        .await
        .click()
        .await
        .unwrap();
    for (field, value) in [
        ("agenda_date", "2027-06-01"),
        ("agenda_starts", "09:00"),
        ("agenda_ends", "11:00"),
        ("agenda_title", "Giao lưu văn nghệ “Khăn hồng hữu nghị”"),
        ("agenda_place", "Quảng trường huyện Hà Khẩu"),
        ("agenda_responsible", "Ban Tổ chức"),
    ] {
        browser.fill(field, value).await;
    }
    browser.choose("agenda_zone", "Asia/Shanghai").await;
    browser.press("#itinerary form button").await;
    let itinerary = browser.text("#itinerary").await;
    assert!(
        itinerary.contains("09:00–11:00 (giờ Bắc Kinh)"),
        "{itinerary}"
    );

    browser
        .find("#gifts details summary")
        .await
        .click()
        .await
        .unwrap();
    browser.choose("gift_kind", "gift").await;
    for (field, value) in [
        ("gift_item", "Tranh thêu thổ cẩm"),
        ("gift_quantity", "2"),
        ("gift_recipient", "Đoàn Thanh niên huyện Hà Khẩu"),
        ("gift_value", "1.500.000"),
    ] {
        browser.fill(field, value).await;
    }
    browser.choose("gift_currency", "VND").await;
    browser.press("#gifts form button").await;
    let gifts = browser.text("#gifts").await;
    assert!(gifts.contains("1.500.000 VND"), "{gifts}");

    let exports = browser.text("#exports").await;
    assert!(exports.contains("Danh sách đoàn (Excel)"), "{exports}");
    let low = browser.low_contrast().await;
    assert!(low.is_empty(), "text below 4.5:1: {low:#?}");
    let weight = browser.weight().await;
    assert!(weight < PAGE_BUDGET, "the page weighs {weight} bytes");
    browser.screenshots("coordinator-delegation-prepared").await;
}
