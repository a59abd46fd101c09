//! One member at a time from the delegation page: a child added with the form, refused
//! forms that keep what was typed and record nothing, a passport changed with the version
//! the form was opened at, a member taken off the roster with their history kept, the
//! standard checklist filled in, everyone else refused, and the forms on a phone.

use domain::access::AccessRole;
use domain::delegation::Delegation;
use serde_json::Value;
use uuid::Uuid;

use super::browser::{Browser, PAGE_BUDGET};
use super::coordinator::{COORDINATOR, STRANGER, delegation};
use super::people::{Answer, Visitor};
use super::{Site, serve};

/// A Lào Cai organisation with its coordinator signed in, and its children's delegation.
async fn signed_in_coordinator() -> (Site, Uuid, String, Visitor) {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let (_, id) = delegation(&site, host).await;
    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    (site, host, id, vananh)
}

async fn version(site: &Site, id: &str) -> u64 {
    site.store
        .load::<Delegation>(id.parse().unwrap())
        .await
        .unwrap()
        .version
}

/// The id of the member at `index` in the order they were added.
async fn person(site: &Site, id: &str, index: usize) -> Uuid {
    let stored = site
        .store
        .load::<Delegation>(id.parse().unwrap())
        .await
        .unwrap();
    stored.state.record().unwrap().members[index].person_id
}

/// A child of the delegation as the form takes her, with `changes` typed over it.
fn child<'a>(csrf: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("csrf", csrf),
        ("full_name", "Hoàng Thị Lan"),
        ("chinese_name", "黄氏兰"),
        ("role", "Học sinh"),
        ("organisation", "Trường Tiểu học Kim Tân"),
        ("gender", "female"),
        ("date_of_birth", "02/09/2015"),
        ("nationality", "VN"),
        ("document_kind", "border_pass"),
        ("document_number", "LC000123"),
        ("document_issued_on", ""),
        ("document_expires_on", "01/03/2029"),
        ("phone", ""),
        ("email", ""),
        ("dietary_notes", "Không ăn được lạc"),
        ("medical_notes", ""),
        ("guardian_full_name", "Hoàng Văn Phụ"),
        ("guardian_relationship", "Bố"),
        ("guardian_phone", "0912 345 678"),
        ("parental_consent", "yes"),
    ];
    for (name, value) in changes {
        let field = fields.iter_mut().find(|(n, _)| n == name).unwrap();
        field.1 = value;
    }
    fields
}

fn assert_contains(answer: &Answer, expected: &[&str]) {
    for text in expected {
        assert!(answer.body.contains(text), "{text} in {}", answer.body);
    }
}

#[tokio::test]
async fn a_coordinator_adds_a_child_with_the_form_and_finds_her_on_the_roster() {
    let (site, _, id, mut vananh) = signed_in_coordinator().await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    let new = format!("/delegations/{id}/members/new");
    assert!(
        page.body.contains(&format!("href=\"{new}\"")),
        "{}",
        page.body
    );
    let form = vananh.get(&new).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert_contains(
        &form,
        &[
            "Thêm một thành viên",
            "Người giám hộ",
            "Ngày/tháng/năm, ví dụ 02/09/2015.",
            "name=\"nationality\" value=\"VN\"",
        ],
    );
    let csrf = Visitor::csrf(&form.body);

    let added = vananh.post(&new, &child(&csrf, &[])).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let lan = person(&site, &id, 2).await;
    assert_eq!(added.location(), format!("/delegations/{id}#member-{lan}"));
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert_contains(
        &page,
        &[
            "3 thành viên",
            &format!(
                "<tr id=\"member-{lan}\"><td>3</td><td>Hoàng Thị Lan <span lang=\"zh\">黄氏兰</span>"
            ),
            &format!("href=\"/delegations/{id}/members/{lan}/edit\""),
            &format!("action=\"/delegations/{id}/members/{lan}/remove\""),
            &format!("href=\"/delegations/{id}/members/{lan}/forget\""),
        ],
    );

    // A child without a guardian is added, as over the API, and warned about beside her.
    let alone = child(
        &csrf,
        &[
            ("full_name", "Lò Thị Mai"),
            ("document_number", "LC000124"),
            ("guardian_full_name", ""),
            ("guardian_relationship", ""),
            ("guardian_phone", ""),
        ],
    );
    let added = vananh.post(&new, &alone).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert_contains(
        &page,
        &["Thành viên số 4 chưa đủ 18 tuổi nhưng chưa có người giám hộ."],
    );
}

#[tokio::test]
async fn a_refused_member_form_keeps_what_was_typed_says_why_beside_each_field_and_records_nothing()
{
    let (site, _, id, mut vananh) = signed_in_coordinator().await;
    let new = format!("/delegations/{id}/members/new");
    let csrf = Visitor::csrf(&vananh.get(&new).await.body);
    let before = site.events().await;

    let no_calendar = vananh
        .post(&new, &child(&csrf, &[("date_of_birth", "31/02/2015")]))
        .await;
    assert_eq!(no_calendar.status, 422, "{}", no_calendar.body);
    assert_contains(
        &no_calendar,
        &[
            "Chưa lưu: xin sửa các trường được đánh dấu bên dưới.",
            "id=\"date_of_birth-error\">Ngày không đúng; viết theo dạng ngày/tháng/năm",
            "value=\"31/02/2015\"",
            "value=\"Hoàng Thị Lan\"",
            "value=\"LC000123\"",
        ],
    );

    // Whatever is wrong is said at once: the domain's checks beside the form's own.
    let unborn = child(
        &csrf,
        &[
            ("date_of_birth", "02/09/2031"),
            ("guardian_full_name", ""),
            ("document_number", "12"),
            ("email", "lan@"),
        ],
    );
    let refused = vananh.post(&new, &unborn).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_contains(
        &refused,
        &[
            "id=\"date_of_birth-error\">",
            "id=\"guardian_full_name-error\">Trường này là bắt buộc.",
            "id=\"document_number-error\">",
            "id=\"email-error\">Địa chỉ email không hợp lệ.",
            "value=\"Bố\"",
        ],
    );
    let without_expiry = vananh
        .post(&new, &child(&csrf, &[("document_expires_on", "")]))
        .await;
    assert_eq!(without_expiry.status, 422);
    assert_contains(
        &without_expiry,
        &["id=\"document_expires_on-error\">Trường này là bắt buộc."],
    );
    let markup = vananh
        .post(&new, &child(&csrf, &[("role", "<b>Học sinh</b>")]))
        .await;
    assert_eq!(markup.status, 422);
    assert_contains(&markup, &["id=\"role-error\">Không được chứa thẻ HTML"]);
    let forged = vananh.post(&new, &child("not-the-token", &[])).await;
    assert_eq!(forged.status, 403);
    assert_eq!(site.events().await, before, "nothing was recorded");
}

#[tokio::test]
async fn a_members_passport_and_role_change_with_the_version_the_form_was_opened_at() {
    let (site, _, id, mut vananh) = signed_in_coordinator().await;
    let khoi = person(&site, &id, 1).await;
    let edit = format!("/delegations/{id}/members/{khoi}/edit");
    let before = site.events().await;
    let form = vananh.get(&edit).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        site.events().await > before,
        "opening the details is a recorded read"
    );
    let opened_at = version(&site, &id).await;
    assert_contains(
        &form,
        &[
            "Sửa thông tin thành viên",
            "value=\"Lê Minh Khôi\"",
            "value=\"C7654321\"",
            "value=\"04/03/1995\"",
            "value=\"01/08/2027\"",
            "<option value=\"male\" selected>",
            &format!("name=\"version\" value=\"{opened_at}\""),
        ],
    );
    let csrf = Visitor::csrf(&form.body);
    let opened_at = opened_at.to_string();
    let khoi_now = |passport: &'static str, role: &'static str| {
        [
            ("full_name", "Lê Minh Khôi"),
            ("role", role),
            ("gender", "male"),
            ("date_of_birth", "04/03/1995"),
            ("nationality", "VN"),
            ("document_kind", "passport"),
            ("document_number", passport),
            ("document_issued_on", "01/08/2025"),
            ("document_expires_on", "01/08/2035"),
            ("parental_consent", "no"),
        ]
    };
    let mut fields = vec![("csrf", csrf.as_str()), ("version", opened_at.as_str())];
    fields.extend(khoi_now("C7654322", "Phó trưởng đoàn"));
    let saved = vananh.post(&edit, &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.location(), format!("/delegations/{id}#member-{khoi}"));
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert_contains(&page, &["Phó trưởng đoàn"]);
    let again = vananh.get(&edit).await;
    assert_contains(&again, &["value=\"C7654322\"", "value=\"01/08/2035\""]);

    // The same form sent again is stale: the delegation changed since it was opened.
    let changed = version(&site, &id).await;
    let mut stale = vec![("csrf", csrf.as_str()), ("version", opened_at.as_str())];
    stale.extend(khoi_now("C7654323", "Thành viên"));
    let refused = vananh.post(&edit, &stale).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_contains(
        &refused,
        &[
            "Đoàn vừa được người khác thay đổi.",
            "value=\"C7654323\"",
            &format!("name=\"version\" value=\"{opened_at}\""),
        ],
    );
    assert_eq!(version(&site, &id).await, changed, "nothing was saved");

    let unknown = vananh
        .get(&format!(
            "/delegations/{id}/members/{}/edit",
            Uuid::now_v7()
        ))
        .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn a_member_taken_off_the_roster_leaves_the_list_and_stays_in_the_history() {
    let (site, host, id, mut vananh) = signed_in_coordinator().await;
    let khoi = person(&site, &id, 1).await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    let csrf = Visitor::csrf(&page.body);
    let remove = format!("/delegations/{id}/members/{khoi}/remove");
    let forged = vananh.post(&remove, &[]).await;
    assert_eq!(forged.status, 403);

    let removed = vananh.post(&remove, &[("csrf", &csrf)]).await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert_eq!(removed.location(), format!("/delegations/{id}#roster"));
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert_contains(&page, &["1 thành viên", "Trương Thị Vân Anh"]);
    assert!(!page.body.contains("Lê Minh Khôi"), "{}", page.body);

    let mut api = site.setup_api(host).await;
    let history: Value = serde_json::from_str(
        &api.get(&format!("/api/delegations/{id}/history"))
            .await
            .body,
    )
    .unwrap();
    let types: Vec<&str> = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"DelegationMembersAdded"), "{types:?}");
    assert_eq!(types.last(), Some(&"DelegationMemberRemoved"), "{types:?}");
    let stored = site
        .store
        .load::<Delegation>(id.parse().unwrap())
        .await
        .unwrap();
    let slot = stored
        .state
        .record()
        .unwrap()
        .member(khoi)
        .copied()
        .unwrap();
    assert!(slot.removed && !slot.forgotten, "removed, not forgotten");

    let again = vananh.post(&remove, &[("csrf", &csrf)]).await;
    assert_eq!(again.status, 422, "{}", again.body);
    assert_contains(
        &again,
        &["Không tìm thấy thành viên này trong danh sách đoàn."],
    );
}

#[tokio::test]
async fn the_standard_checklist_is_filled_in_once_from_the_page() {
    let (site, _, id, mut vananh) = signed_in_coordinator().await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    let prefill = format!("/delegations/{id}/checklist/prefill");
    assert_contains(
        &page,
        &[
            &format!("action=\"{prefill}\""),
            "Người phụ trách các việc này: Trương Thị Vân Anh",
        ],
    );
    let csrf = Visitor::csrf(&page.body);
    let before = version(&site, &id).await;
    let forged = vananh.post(&prefill, &[]).await;
    assert_eq!(forged.status, 403);
    assert_eq!(version(&site, &id).await, before);

    let filled = vananh.post(&prefill, &[("csrf", &csrf)]).await;
    assert_eq!(filled.status, 303, "{}", filled.body);
    assert_eq!(filled.location(), format!("/delegations/{id}#checklist"));
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert_contains(
        &page,
        &[
            "Giấy đồng ý của cha mẹ cho các em tham gia",
            "Chưa làm <span class=\"count\">(9)</span>",
        ],
    );
    assert!(
        !page.body.contains(&format!("action=\"{prefill}\"")),
        "nothing left to fill in: {}",
        page.body
    );
}

#[tokio::test]
async fn only_those_who_run_the_delegation_may_use_the_member_forms() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    let elsewhere = site
        .organisation("Tỉnh Đoàn Cao Bằng", "duyet@tinhdoancaobang.example.vn")
        .await;
    let approver = "duyet@thanhdoanlaocai.example.vn";
    let planner = "kehoach@thanhdoanlaocai.example.vn";
    site.grant(approver, host, AccessRole::Approver).await;
    site.grant(planner, host, AccessRole::Planner).await;
    site.grant(STRANGER, elsewhere, AccessRole::Coordinator)
        .await;
    let (_, id) = delegation(&site, host).await;
    let khoi = person(&site, &id, 1).await;
    let before = site.events().await;
    for email in [approver, planner, STRANGER] {
        let mut visitor = site.visitor();
        visitor.sign_in(&site, email).await;
        let csrf = Visitor::csrf(&visitor.get("/home").await.body);
        for path in [
            format!("/delegations/{id}/members/new"),
            format!("/delegations/{id}/members/{khoi}/edit"),
        ] {
            let answer = visitor.get(&path).await;
            assert_eq!(answer.status, 403, "{email} GET {path}: {}", answer.body);
        }
        for path in [
            format!("/delegations/{id}/members/new"),
            format!("/delegations/{id}/members/{khoi}/edit"),
            format!("/delegations/{id}/members/{khoi}/remove"),
            format!("/delegations/{id}/checklist/prefill"),
        ] {
            let answer = visitor.post(&path, &child(&csrf, &[])).await;
            assert_eq!(answer.status, 403, "{email} POST {path}: {}", answer.body);
        }
    }
    assert_eq!(site.events().await, before, "nothing was recorded");
}

#[tokio::test]
async fn in_a_browser_the_member_form_and_the_roster_fit_a_phone() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let (_, id) = delegation(&site, host).await;
    let mut browser = Browser::start().await;
    let base = site.base.clone();
    browser.open(&format!("{base}/sign-in")).await;
    browser.fill("email", COORDINATOR).await;
    browser.press("main form button").await;
    let link = site.mailed_link(COORDINATOR, "/sign-in/").await;
    browser.open(&link).await;
    browser.press("main form button").await;

    browser.open(&format!("{base}/delegations/{id}")).await;
    browser.screenshots("delegation-member-actions").await;
    browser
        .press(&format!("a[href=\"/delegations/{id}/members/new\"]"))
        .await;
    for (field, value) in [
        ("full_name", "Hoàng Thị Lan"),
        ("role", "Học sinh"),
        ("date_of_birth", "31/02/2015"),
        ("guardian_full_name", "Hoàng Văn Phụ"),
    ] {
        browser.fill(field, value).await;
    }
    browser.choose("gender", "female").await;
    browser.choose("parental_consent", "yes").await;
    browser.press("main form button").await;
    let refused = browser.text("#date_of_birth-error").await;
    assert!(refused.starts_with("Ngày không đúng"), "{refused}");
    let weight = browser.weight().await;
    assert!(weight < PAGE_BUDGET, "the form weighs {weight} bytes");
    let low = browser.low_contrast().await;
    assert!(low.is_empty(), "text below 4.5:1: {low:#?}");
    browser.screenshots("member-form-refused").await;

    browser.fill("date_of_birth", "02/09/2015").await;
    browser.press("main form button").await;
    assert!(
        browser.url().await.contains("#member-"),
        "{}",
        browser.url().await
    );
    let roster = browser.text("#roster").await;
    assert!(roster.contains("Hoàng Thị Lan"), "{roster}");
}
