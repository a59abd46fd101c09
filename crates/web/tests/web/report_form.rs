//! The follow-up report form on the programme's pages: drafted, revised and submitted by
//! the host's coordinator (which marks the programme held and followed up); refused input
//! keeps what was typed and appends nothing; another organisation is refused.

use domain::access::AccessRole;
use serde_json::{Value, json};

use super::coordinator::{COORDINATOR, STRANGER, approved_programme};
use super::people::Visitor;
use super::{Site, serve};

fn plan(host: uuid::Uuid, start: &str, end: &str) -> Value {
    json!({
        "title": "Giao lưu thanh niên biên giới Lào Cai – Hà Khẩu",
        "kind": "reception",
        "host_organisation": "Thành đoàn Lào Cai",
        "host_organisation_id": host,
        "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
        "schedule": {"start": start, "end": end, "timezone": "Asia/Ho_Chi_Minh"},
        "objectives": "Giao lưu văn nghệ",
        "expected_delegation_size": 30,
        "coordinator": {"name": "Trương Thị Vân Anh", "email": COORDINATOR}
    })
}

/// The form's fields with a report's content and one action item in the first row.
fn report<'a>(csrf: &'a str, then: &'a str, owner: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        (
            "outcomes",
            "Ký kết kế hoạch giao lưu năm 2026 với Đoàn Thanh niên Hà Khẩu.",
        ),
        ("actual_attendance", "32"),
        ("attendance_note", "27 thiếu nhi và 5 cán bộ phụ trách"),
        ("lessons", "Chuẩn bị phiên dịch sớm hơn."),
        ("item0_id", ""),
        ("item0_title", "Gửi ảnh hoạt động cho phía bạn"),
        ("item0_owner_name", owner),
        (
            "item0_owner_email",
            if owner.is_empty() { "" } else { COORDINATOR },
        ),
        ("item0_due", "2026-12-31"),
        ("item1_id", ""),
        ("item1_title", ""),
        ("item1_owner_name", ""),
        ("item1_owner_email", ""),
        ("item1_due", ""),
        ("then", then),
    ]
}

/// The programme's page once the read model shows it approved (the approval was
/// appended straight to the store).
async fn approved_page(visitor: &mut Visitor, programme: uuid::Uuid) -> super::people::Answer {
    for _ in 0..50 {
        let page = visitor.get(&format!("/programmes/{programme}")).await;
        if page.body.contains("status-approved") {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the programme never showed as approved");
}

async fn setup() -> (Site, uuid::Uuid, Visitor) {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    (site, host, vananh)
}

#[tokio::test]
async fn a_coordinator_drafts_revises_and_submits_the_report_and_the_programme_is_followed_up() {
    let (site, host, mut vananh) = setup().await;
    let programme = approved_programme(&site, plan(host, "2025-11-20", "2025-11-21")).await;
    let page = approved_page(&mut vananh, programme).await;
    assert!(page.body.contains("Lập báo cáo kết quả"), "{}", page.body);
    assert!(page.body.contains("Chưa lập"), "{}", page.body);

    let path = format!("/programmes/{programme}/follow-up");
    let form = vananh.get(&path).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert_eq!(
        form.body.matches("_owner_email\" value=").count(),
        3,
        "three empty rows"
    );
    let csrf = Visitor::csrf(&form.body);
    let forged = vananh
        .post(&path, &report("", "save", "Trương Thị Vân Anh")[1..])
        .await;
    assert_eq!(forged.status, 403);

    let saved = vananh
        .post(&path, &report(&csrf, "save", "Trương Thị Vân Anh"))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = vananh.get(&format!("/programmes/{programme}")).await;
    assert!(page.body.contains("Đang soạn"), "{}", page.body);
    assert!(page.body.contains("Sửa báo cáo kết quả"), "{}", page.body);
    assert!(
        page.body.contains("06/12/2025"),
        "due 15 days later: {}",
        page.body
    );

    // Revising shows the report as saved: its item in the first row, then empty rows.
    let form = vananh.get(&path).await;
    assert!(form.body.contains("Gửi ảnh hoạt động cho phía bạn"));
    assert_eq!(form.body.matches("_owner_email\" value=").count(), 4);
    let version = form
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let item_id = form
        .body
        .split("name=\"item0_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    assert!(!item_id.is_empty());
    let mut fields = report(&csrf, "submit", "Trương Thị Vân Anh");
    fields.retain(|(k, _)| *k != "item0_id");
    fields.push(("item0_id", &item_id));
    fields.push(("version", &version));
    let submitted = vananh.post(&path, &fields).await;
    assert_eq!(submitted.status, 303, "{}", submitted.body);

    let api: Value = serde_json::from_str(
        &vananh
            .get(&format!("/api/programmes/{programme}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(api["status"], "followed_up", "{api}");
    let report: Value = serde_json::from_str(
        &vananh
            .get(&format!("/api/programmes/{programme}/follow-up"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(report["status"], "submitted", "{report}");
    assert_eq!(report["content"]["actual_attendance"], 32);
    let items = report["content"]["action_items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        1,
        "the item was kept, not added again: {report}"
    );
    assert_eq!(items[0]["id"], item_id.as_str());
    assert_eq!(items[0]["owner"]["email"], COORDINATOR);
    let page = vananh.get(&format!("/programmes/{programme}")).await;
    assert!(page.body.contains("Đã gửi"), "{}", page.body);
    assert!(!page.body.contains("Sửa báo cáo kết quả"), "{}", page.body);
}

#[tokio::test]
async fn refused_reports_keep_what_was_typed_and_append_nothing() {
    let (site, host, mut vananh) = setup().await;
    let ended = approved_programme(&site, plan(host, "2025-11-20", "2025-11-21")).await;
    let coming = approved_programme(&site, plan(host, "2099-05-02", "2099-05-03")).await;
    let form = vananh.get(&format!("/programmes/{ended}/follow-up")).await;
    let csrf = Visitor::csrf(&form.body);

    let before = site.events().await;
    let early = vananh
        .post(
            &format!("/programmes/{coming}/follow-up"),
            &report(&csrf, "save", "Trương Thị Vân Anh"),
        )
        .await;
    assert_eq!(early.status, 422, "{}", early.body);
    assert!(early.body.contains("03/05/2099"), "{}", early.body);
    assert!(early.body.contains("Ký kết kế hoạch giao lưu năm 2026"));
    assert!(early.body.contains("Gửi ảnh hoạt động cho phía bạn"));

    let no_owner = vananh
        .post(
            &format!("/programmes/{ended}/follow-up"),
            &report(&csrf, "submit", ""),
        )
        .await;
    assert_eq!(no_owner.status, 422, "{}", no_owner.body);
    assert!(
        no_owner.body.contains("id=\"item0-error\""),
        "{}",
        no_owner.body
    );
    assert!(!no_owner.body.contains("id=\"item1-error\""));
    assert!(no_owner.body.contains("27 thiếu nhi và 5 cán bộ phụ trách"));
    assert!(no_owner.body.contains("value=\"2026-12-31\""));

    let mut bad = report(&csrf, "save", "Trương Thị Vân Anh");
    bad.retain(|(k, _)| *k != "actual_attendance");
    bad.push(("actual_attendance", "ba mươi"));
    let not_a_number = vananh
        .post(&format!("/programmes/{ended}/follow-up"), &bad)
        .await;
    assert_eq!(not_a_number.status, 422);
    assert!(not_a_number.body.contains("id=\"actual_attendance-error\""));
    assert!(not_a_number.body.contains("value=\"ba mươi\""));
    assert_eq!(site.events().await, before, "nothing was appended");
}

#[tokio::test]
async fn another_organisation_cannot_open_or_post_the_report_form() {
    let (site, host, _) = setup().await;
    let other = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(STRANGER, other, AccessRole::Administrator).await;
    let programme = approved_programme(&site, plan(host, "2025-11-20", "2025-11-21")).await;
    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    let path = format!("/programmes/{programme}/follow-up");
    assert_eq!(an.get(&path).await.status, 403);
    let home = an.get("/home").await;
    let csrf = Visitor::csrf(&home.body);
    let before = site.events().await;
    let refused = an
        .post(&path, &report(&csrf, "submit", "Trương Thị Vân Anh"))
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(site.events().await, before);
}

#[tokio::test]
async fn the_form_takes_sides_spending_per_budget_line_and_gifts_in_vietnamese_numbers() {
    let (site, host, mut vananh) = setup().await;
    let mut budgeted = plan(host, "2025-11-20", "2025-11-21");
    budgeted["budget"] = json!([
        {"label": "Đi lại", "amount": "10000000", "currency": "VND"},
        {"label": "Quà lưu niệm", "amount": "2000", "currency": "CNY"}
    ]);
    let programme = approved_programme(&site, budgeted).await;
    approved_page(&mut vananh, programme).await;
    let path = format!("/programmes/{programme}/follow-up");
    let form = vananh.get(&path).await;
    assert_eq!(form.status, 200, "{}", form.body);
    // A row for each budget line of the plan, in its currency, then two empty ones.
    assert!(
        form.body
            .contains("<option value=\"1\" selected>Quà lưu niệm: 2.000,00 CNY</option>"),
        "{}",
        form.body
    );
    assert_eq!(form.body.matches("name=\"spend3_label\"").count(), 1);
    assert_eq!(form.body.matches("name=\"spend4_label\"").count(), 0);
    let csrf = Visitor::csrf(&form.body);
    let mut fields = report(&csrf, "save", "Trương Thị Vân Anh");
    fields.retain(|(k, _)| *k != "actual_attendance");
    fields.extend([
        ("actual_attendance", ""),
        ("vietnamese_side", "27"),
        ("partner_side", "5"),
        ("spend0_line", "0"),
        ("spend0_label", ""),
        ("spend0_amount", "9.500.000"),
        ("spend0_currency", "VND"),
        ("spend0_rate", ""),
        ("spend1_line", "1"),
        ("spend1_label", "Tranh thêu, sách ảnh"),
        ("spend1_amount", "1.800,50"),
        ("spend1_currency", "CNY"),
        ("spend1_rate", ""),
        ("spend2_line", ""),
        ("spend2_label", ""),
        ("spend2_amount", ""),
        ("spend2_currency", "VND"),
        ("spend2_rate", ""),
        ("gift0_direction", "given"),
        ("gift0_description", "Vật tư y tế trao tặng Hội Chữ thập đỏ"),
        ("gift0_quantity", "200 bộ đồ bảo hộ"),
        ("gift0_amount", "50.000.000"),
        ("gift0_currency", "VND"),
        ("gift0_rate", ""),
        ("gift1_direction", "received"),
        ("gift1_description", "Tranh thêu dân tộc"),
        ("gift1_quantity", ""),
        ("gift1_amount", "300"),
        ("gift1_currency", "CNY"),
        ("gift1_rate", "3450"),
    ]);
    let before = site.events().await;
    let refused = vananh.post(&path, &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"spend1-error\""),
        "the yuan need a rate: {}",
        refused.body
    );
    assert!(refused.body.contains("Cần ghi tỷ giá quy đổi từ CNY"));
    assert!(!refused.body.contains("id=\"spend0-error\""));
    assert!(refused.body.contains("value=\"1.800,50\""), "kept as typed");
    assert_eq!(site.events().await, before, "nothing was appended");

    fields.retain(|(k, _)| *k != "spend1_rate");
    fields.push(("spend1_rate", "3.450"));
    let saved = vananh.post(&path, &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let report: Value = serde_json::from_str(
        &vananh
            .get(&format!("/api/programmes/{programme}/follow-up"))
            .await
            .body,
    )
    .unwrap();
    let content = &report["content"];
    assert_eq!(
        content["actual_attendance"], 32,
        "both sides add up: {report}"
    );
    assert_eq!(content["vietnamese_side"], 27);
    assert_eq!(content["spending"][0]["budget_line"], 0);
    assert_eq!(content["spending"][1]["spent"]["amount"], "1800.5");
    assert_eq!(content["spending"][1]["spent"]["rate_to_vnd"], "3450");
    assert_eq!(content["gifts"][1]["direction"], "received");
    assert_eq!(report["money"]["spent_vnd"], 9_500_000 + 6_211_725);
    assert_eq!(report["money"]["budget_vnd"], 10_000_000 + 6_900_000);

    let page = vananh.get(&format!("/programmes/{programme}")).await;
    for shown in [
        "27 / 5",
        "Đi lại: 10.000.000 VND",
        "9.500.000 ₫",
        "1.800,50 ¥ (tỷ giá 3.450 ₫) ≈ 6.211.725 ₫",
        "Tặng đối tác: Vật tư y tế trao tặng Hội Chữ thập đỏ (200 bộ đồ bảo hộ)",
        "15.711.725 ₫",
        "16.900.000 ₫",
    ] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }
    // The form shows the report as saved.
    let form = vananh.get(&path).await;
    assert!(form.body.contains("value=\"1800.5\""), "{}", form.body);
    assert!(form.body.contains("<option value=\"received\" selected>"));
}
