//! The coordinator adds the delegation's travel (across the border, each end in its own
//! zone), a stay, a gift, an itinerary entry and a checklist task from its page, removes
//! one, and is told in words what to correct; nobody else may change them.

use domain::access::AccessRole;
use domain::delegation::Delegation;
use uuid::Uuid;

use super::coordinator::{COORDINATOR, STRANGER, delegation};
use super::people::Visitor;
use super::{Site, serve};

async fn version(site: &Site, id: &str) -> u64 {
    let id: Uuid = id.parse().unwrap();
    site.store.load::<Delegation>(id).await.unwrap().version
}

/// Posts a form and follows it back to the page, asserting it was accepted.
async fn added(visitor: &mut Visitor, id: &str, list: &str, form: &[(&str, &str)]) -> String {
    let path = format!("/delegations/{id}/items/{list}");
    let answer = visitor.post(&path, form).await;
    assert_eq!(answer.status, 303, "{path}: {}", answer.body);
    assert!(
        answer
            .location()
            .starts_with(&format!("/delegations/{id}#")),
        "{}",
        answer.location()
    );
    let page = visitor.get(&format!("/delegations/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.body
}

#[tokio::test]
async fn a_coordinator_keeps_the_delegations_logistics_on_its_page() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let (_, id) = delegation(&site, host).await;
    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    for expected in [
        "Chưa có chặng di chuyển nào.",
        "Thêm chặng di chuyển",
        "<option value=\"Asia/Shanghai\">giờ Bắc Kinh</option>",
        "Cửa khẩu quốc tế Lào Cai (Lào Cai)",
    ] {
        assert!(page.body.contains(expected), "{expected} in {}", page.body);
    }
    let csrf = Visitor::csrf(&page.body);

    let body = added(
        &mut vananh,
        &id,
        "travel-legs",
        &[
            ("csrf", &csrf),
            ("leg_from", "Thành phố Lào Cai"),
            ("leg_to", "Huyện Hà Khẩu"),
            ("leg_mode", "on_foot"),
            ("leg_departs_date", "2027-05-31"),
            ("leg_departs_time", "07:30"),
            ("leg_departs_zone", "Asia/Ho_Chi_Minh"),
            ("leg_arrives_date", "31/05/2027"),
            ("leg_arrives_time", "08:45"),
            ("leg_arrives_zone", "Asia/Shanghai"),
            ("leg_gate", "lao_cai"),
        ],
    )
    .await;
    for expected in [
        "Thành phố Lào Cai → Huyện Hà Khẩu",
        "Đi bộ qua cửa khẩu",
        "31/05/2027 07:30 (giờ Việt Nam)",
        "31/05/2027 08:45 (giờ Bắc Kinh)",
        "Cửa khẩu: Cửa khẩu quốc tế Lào Cai",
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    let body = added(
        &mut vananh,
        &id,
        "gifts",
        &[
            ("csrf", &csrf),
            ("gift_kind", "donation"),
            ("gift_direction", "given"),
            ("gift_item", "Vật tư y tế"),
            ("gift_quantity", "20"),
            ("gift_recipient", "Hội Chữ thập đỏ huyện Hà Khẩu"),
            ("gift_value", "15.000.000"),
            ("gift_currency", "VND"),
        ],
    )
    .await;
    for expected in [
        "Ủng hộ, tài trợ · Tặng",
        "20 × Vật tư y tế",
        "15.000.000 VND",
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    let body = added(
        &mut vananh,
        &id,
        "stays",
        &[
            ("csrf", &csrf),
            ("stay_name", "Khách sạn Hà Khẩu"),
            ("stay_check_in", "2027-05-31"),
            ("stay_check_out", "2027-06-01"),
            ("stay_rooms", "14"),
        ],
    )
    .await;
    assert!(
        body.contains("Khách sạn Hà Khẩu</strong> · 31/05/2027 – 01/06/2027"),
        "{body}"
    );
    let body = added(
        &mut vananh,
        &id,
        "itinerary",
        &[
            ("csrf", &csrf),
            ("agenda_date", "2027-05-31"),
            ("agenda_starts", "15:00"),
            ("agenda_zone", "Asia/Shanghai"),
            ("agenda_title", "Thăm Cung Thiếu nhi Hà Khẩu"),
            ("agenda_place", "Cung Thiếu nhi huyện Hà Khẩu"),
            ("agenda_responsible", "Ban Tổ chức, đ/c Vân Anh"),
        ],
    )
    .await;
    for expected in [
        "Thứ Hai, 31/05/2027",
        "15:00 (giờ Bắc Kinh)",
        "Phụ trách: Ban Tổ chức, đ/c Vân Anh",
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    let body = added(
        &mut vananh,
        &id,
        "checklist",
        &[
            ("csrf", &csrf),
            ("task_kind", "document"),
            (
                "task_title",
                "Công văn đề nghị Đồn Biên phòng cửa khẩu hỗ trợ",
            ),
            ("task_owner_name", "Trương Thị Vân Anh"),
            ("task_owner_email", COORDINATOR),
            ("task_due", "2027-05-25"),
        ],
    )
    .await;
    assert!(
        body.contains("Chưa làm <span class=\"count\">(1)</span>"),
        "{body}"
    );
    let stored = site
        .store
        .load::<Delegation>(id.parse().unwrap())
        .await
        .unwrap();
    let record = stored.state.record().unwrap();
    assert_eq!(
        (
            record.legs.len(),
            record.stays.len(),
            record.gifts.len(),
            record.agenda.len(),
            record.tasks.len()
        ),
        (1, 1, 1, 2, 3),
        "each form added one item through the same command as the API"
    );

    let gift = record.gifts[0].id;
    let removed = vananh
        .post(
            &format!("/delegations/{id}/items/gifts/{gift}/remove"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(
        page.body.contains("Chưa có quà tặng hay ủng hộ nào."),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_refused_form_says_which_field_to_correct_keeps_what_was_typed_and_changes_nothing() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let (_, id) = delegation(&site, host).await;
    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    let csrf = Visitor::csrf(&page.body);
    let before = version(&site, &id).await;
    let path = format!("/delegations/{id}/items/travel-legs");

    // Arriving in Hekou at 07:00 Beijing time is 06:00 in Vietnam: before leaving.
    let backwards = vananh
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("leg_from", "Thành phố Lào Cai"),
                ("leg_to", "Huyện Hà Khẩu"),
                ("leg_mode", "coach"),
                ("leg_departs_date", "2027-05-31"),
                ("leg_departs_time", "07:30"),
                ("leg_departs_zone", "Asia/Ho_Chi_Minh"),
                ("leg_arrives_date", "2027-05-31"),
                ("leg_arrives_time", "07:00"),
                ("leg_arrives_zone", "Asia/Shanghai"),
            ],
        )
        .await;
    assert_eq!(backwards.status, 422, "{}", backwards.body);
    assert!(
        backwards.body.contains("Chưa lưu được. Đến nơi: "),
        "{}",
        backwards.body
    );
    assert!(
        backwards.body.contains("value=\"Thành phố Lào Cai\""),
        "what was typed is kept: {}",
        backwards.body
    );
    assert!(backwards.body.contains("<details open>"));

    let impossible = vananh
        .post(
            &format!("/delegations/{id}/items/stays"),
            &[
                ("csrf", &csrf),
                ("stay_name", "Khách sạn Hà Khẩu"),
                ("stay_check_in", "31/02/2027"),
                ("stay_check_out", "2027-06-01"),
                ("stay_rooms", "mười bốn"),
            ],
        )
        .await;
    assert_eq!(impossible.status, 422, "{}", impossible.body);
    for expected in [
        "Ngày nhận phòng: không phải là ngày (ngày/tháng/năm)",
        "Số phòng: ",
    ] {
        assert!(
            impossible.body.contains(expected),
            "{expected} in {}",
            impossible.body
        );
    }
    let unknown_list = vananh
        .post(
            &format!("/delegations/{id}/items/visas"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(unknown_list.status, 404);
    let forged = vananh
        .post(&path, &[("leg_from", "Thành phố Lào Cai")])
        .await;
    assert_eq!(forged.status, 403, "no CSRF token");
    assert_eq!(version(&site, &id).await, before, "nothing was appended");
}

#[tokio::test]
async fn only_the_hosts_coordinators_planners_and_administrators_change_the_logistics() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(STRANGER, other, AccessRole::Coordinator).await;
    let approver = "duyet@thanhdoanlaocai.example.vn";
    site.grant(approver, host, AccessRole::Approver).await;
    let (_, id) = delegation(&site, host).await;
    let before = version(&site, &id).await;
    let gift = [
        ("gift_kind", "gift"),
        ("gift_direction", "given"),
        ("gift_item", "Tranh thêu"),
        ("gift_quantity", "1"),
        ("gift_recipient", "Đoàn Thanh niên huyện Hà Khẩu"),
    ];
    for (email, status) in [(STRANGER, 403), (approver, 403)] {
        let mut visitor = site.visitor();
        visitor.sign_in(&site, email).await;
        let home = visitor.get("/home").await;
        let csrf = Visitor::csrf(&home.body);
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(gift);
        let answer = visitor
            .post(&format!("/delegations/{id}/items/gifts"), &form)
            .await;
        assert_eq!(answer.status, status, "{email}: {}", answer.body);
        let page = visitor.get(&format!("/delegations/{id}")).await;
        assert!(
            !page.body.contains("Thêm quà tặng hoặc ủng hộ"),
            "{email} is offered no form"
        );
    }
    let mut anonymous = site.visitor();
    let answer = anonymous
        .post(&format!("/delegations/{id}/items/gifts"), &gift)
        .await;
    assert_eq!(
        answer.status, 401,
        "a post without a session: {}",
        answer.body
    );
    assert_eq!(version(&site, &id).await, before, "nothing was appended");
}

#[tokio::test]
async fn a_coordinator_names_the_interpreters_of_each_side() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let (_, id) = delegation(&site, host).await;
    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(page.body.contains("Chưa có phiên dịch."), "{}", page.body);
    let csrf = Visitor::csrf(&page.body);
    let body = added(
        &mut vananh,
        &id,
        "interpreters",
        &[
            ("csrf", &csrf),
            ("interpreter_side", "partner"),
            ("interpreter_provided_by", "Đoàn Thanh niên huyện Hà Khẩu"),
            ("interpreter_lang_vi", "1"),
            ("interpreter_lang_zh", "1"),
        ],
    )
    .await;
    for expected in [
        "<strong>Đoàn Thanh niên huyện Hà Khẩu</strong> · Phía bạn bố trí",
        "Tiếng Việt – Tiếng Trung",
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    let before = version(&site, &id).await;
    let nobody = vananh
        .post(
            &format!("/delegations/{id}/items/interpreters"),
            &[
                ("csrf", &csrf),
                ("interpreter_side", "ours"),
                ("interpreter_lang_vi", "1"),
            ],
        )
        .await;
    assert_eq!(nobody.status, 422, "{}", nobody.body);
    for expected in ["Thành viên trong đoàn: ", "Ngôn ngữ: "] {
        assert!(
            nobody.body.contains(expected),
            "{expected} in {}",
            nobody.body
        );
    }
    assert_eq!(version(&site, &id).await, before, "nothing was appended");
}
