//! The coordinator's delegation page: the children's delegation Lào Cai sends to Hekou,
//! its roster with warnings, checklist, itinerary and exports, and the refusal of
//! another organisation.

use domain::access::AccessRole;
use domain::programme::{Programme, ProgrammeCommand, Verdict};
use eventstore::CommandMeta;
use serde_json::{Value, json};
use uuid::Uuid;

use super::people::Visitor;
use super::{Site, serve};

pub const COORDINATOR: &str = "vananh@thanhdoanlaocai.example.vn";
pub const STRANGER: &str = "an@tinhdoancaobang.example.vn";

fn meta() -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "approval-process".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

/// Drafts a programme through the API and has it approved, as the committees would.
pub async fn approved_programme(site: &Site, plan: Value) -> Uuid {
    let host: Uuid = plan["host_organisation_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let mut api = site.setup_api(host).await;
    let programme = accepted(&mut api, "/api/programmes", plan).await;
    let programme_id: Uuid = programme["id"].as_str().unwrap().parse().unwrap();
    approve(site, programme_id).await;
    programme_id
}

/// Submits a drafted programme and has it approved, as the committees would.
pub async fn approve(site: &Site, programme_id: Uuid) {
    let round_id = Uuid::now_v7();
    for command in [
        ProgrammeCommand::Submit,
        ProgrammeCommand::StartReview { round_id },
        ProgrammeCommand::RecordReview {
            round_id,
            verdict: Verdict::Approved,
        },
    ] {
        site.store
            .execute::<Programme>(programme_id, None, &command, &meta())
            .await
            .unwrap();
    }
}

/// Posts JSON to the API and answers the body, asserting it was accepted.
pub async fn accepted(api: &mut Visitor, path: &str, body: Value) -> Value {
    let answer = api.post_json(path, &body).await;
    assert!(
        answer.status == 200 || answer.status == 201,
        "{path}: {} {}",
        answer.status,
        answer.body
    );
    serde_json::from_str(&answer.body).unwrap()
}

/// An approved children's programme of `host` with its delegation: two members (one
/// whose passport runs out too soon), two tasks and a day of itinerary. Answers the
/// programme's and the delegation's ids.
pub async fn delegation(site: &Site, host: Uuid) -> (String, String) {
    let mut api = site.setup_api(host).await;
    let programme_id = approved_programme(
        site,
        json!({
            "title": "Giao lưu thiếu nhi biên giới nhân dịp Quốc tế thiếu nhi 1/6",
            "kind": "childrens",
            "host_organisation": "Thành đoàn Lào Cai",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
            "schedule": {"start": "2027-05-31", "end": "2027-06-01", "timezone": "Asia/Ho_Chi_Minh"},
            "border_gate": "Cửa khẩu quốc tế Lào Cai",
            "objectives": "Giao lưu văn nghệ",
            "expected_delegation_size": 27,
            "coordinator": {"name": "Trương Thị Vân Anh", "email": COORDINATOR}
        }),
    )
    .await;
    let opened = accepted(
        &mut api,
        &format!("/api/programmes/{programme_id}/delegations"),
        json!({"name": "Đoàn thiếu nhi thành phố Lào Cai", "direction": "outgoing"}),
    )
    .await;
    let id = opened["id"].as_str().unwrap().to_string();
    let members = format!("/api/delegations/{id}/members");
    accepted(
        &mut api,
        &members,
        json!({
            "full_name": "Trương Thị Vân Anh", "chinese_name": "张氏云英", "role": "Trưởng đoàn",
            "organisation": "Thành đoàn Lào Cai", "gender": "female", "date_of_birth": "1988-09-02",
            "nationality": "VN",
            "document": {"kind": "official_passport", "number": "B1234567", "issued_on": "2020-01-10", "expires_on": "2030-01-10"}
        }),
    )
    .await;
    accepted(
        &mut api,
        &members,
        json!({
            "full_name": "Lê Minh Khôi", "role": "Thành viên", "gender": "male",
            "date_of_birth": "1995-03-04", "nationality": "VN",
            "document": {"kind": "passport", "number": "C7654321", "issued_on": "2017-08-01", "expires_on": "2027-08-01"}
        }),
    )
    .await;
    for (title, status, due) in [
        (
            "Gửi danh sách đoàn cho Đồn Biên phòng",
            "in_progress",
            "2027-05-20",
        ),
        ("Xin giấy phép xuất cảnh", "done", "2027-05-10"),
    ] {
        accepted(
            &mut api,
            &format!("/api/delegations/{id}/checklist"),
            json!({"kind": "task", "title": title, "status": status, "due_on": due,
                   "owner": {"name": "Trương Thị Vân Anh", "email": COORDINATOR}}),
        )
        .await;
    }
    accepted(
        &mut api,
        &format!("/api/delegations/{id}/itinerary"),
        json!({"date": "2027-06-01", "starts": "09:00:00", "ends": "11:00:00", "timezone": "Asia/Shanghai",
               "title": "Giao lưu văn nghệ “Khăn hồng hữu nghị”", "place": "Quảng trường huyện Hà Khẩu",
               "responsible": ["Ban Tổ chức"]}),
    )
    .await;
    (programme_id.to_string(), id)
}

#[tokio::test]
async fn a_coordinator_sees_the_roster_warnings_checklist_itinerary_and_exports() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    site.grant(STRANGER, other, AccessRole::Coordinator).await;
    let (programme, id) = delegation(&site, host).await;

    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let programme_page = vananh.get(&format!("/programmes/{programme}")).await;
    assert!(
        programme_page.body.contains(&format!("/delegations/{id}")),
        "the programme page links its delegation: {}",
        programme_page.body
    );
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    for expected in [
        "Đoàn thiếu nhi thành phố Lào Cai",
        "Đoàn ra",
        "<td>1</td><td>Trương Thị Vân Anh <span lang=\"zh\">张氏云英</span>",
        "<td>Trưởng đoàn</td>",
        "<td>2</td><td>Lê Minh Khôi",
        "Đang làm <span class=\"count\">(1)</span>",
        "Đã xong <span class=\"count\">(1)</span>",
        "Chưa làm <span class=\"count\">(0)</span>",
        "Gửi danh sách đoàn cho Đồn Biên phòng",
        "Hạn: 20/05/2027",
        "Thứ Ba, 01/06/2027",
        "09:00–11:00 (giờ Bắc Kinh)",
        "Quảng trường huyện Hà Khẩu",
        &format!("/api/delegations/{id}/roster.xlsx"),
        &format!("/api/delegations/{id}/itinerary.ics"),
    ] {
        assert!(body.contains(expected), "{expected} in {body}");
    }
    // The warnings, as the JSON API words them.
    let api: Value = serde_json::from_str(
        &site
            .setup_api(host)
            .await
            .get(&format!("/api/delegations/{id}"))
            .await
            .body,
    )
    .unwrap();
    let warnings = api["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty(), "the passport running out raises one");
    for warning in warnings {
        let message = warning["message"].as_str().unwrap();
        assert!(body.contains(message), "{message} in {body}");
    }
    // Beside what it is about, and linked there from the list at the top.
    let expiring = warnings
        .iter()
        .find(|w| w["code"] == "document_expires_too_soon")
        .expect("Lê Minh Khôi's passport runs out too soon");
    let row = body
        .split("<tr id=\"member-")
        .find(|row| row.contains("Lê Minh Khôi"))
        .expect("his row has an anchor");
    let beside = format!(
        "<span class=\"warning\">⚠ {}</span>",
        expiring["message"].as_str().unwrap()
    );
    assert!(row.contains(&beside), "{beside} in {row}");
    let anchor = &row[..row.find('"').unwrap()];
    assert!(
        body.contains(&format!("<a href=\"#member-{anchor}\">")),
        "the list links to his row: {body}"
    );
    let english = vananh.get(&format!("/delegations/{id}?lang=en")).await;
    assert!(english.body.contains("In progress"), "{}", english.body);
    assert!(english.body.contains("Tuesday, 01/06/2027"));

    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    let refused = an.get(&format!("/delegations/{id}")).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(!refused.body.contains("Trương Thị Vân Anh"));
    let missing = vananh
        .get(&format!("/delegations/{}", Uuid::now_v7()))
        .await;
    assert_eq!(missing.status, 404);

    // The host's administrator sees who read the members' details, and how; the
    // stranger's refused read is not among them.
    let export = vananh
        .get(&format!("/api/delegations/{id}/roster.xlsx"))
        .await;
    assert_eq!(export.status, 200);
    const ADMIN: &str = "quantri@thanhdoanlaocai.example.vn";
    site.grant(ADMIN, host, AccessRole::Administrator).await;
    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let section = loop {
        let page = admin.get("/admin").await;
        assert_eq!(page.status, 200, "{}", page.body);
        let at = page
            .body
            .find("id=\"personal-data-reads\"")
            .expect("the reads section");
        let section = page.body[at..]
            .split("</section>")
            .next()
            .unwrap()
            .to_owned();
        if section.contains("tệp Excel") || std::time::Instant::now() > deadline {
            break section;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    for expected in [COORDINATOR, "trang đoàn", "API", "tệp Excel"] {
        assert!(section.contains(expected), "{expected} in {section}");
    }
    assert!(!section.contains(STRANGER), "{section}");
}

#[tokio::test]
async fn a_coordinator_changes_a_tasks_status_with_the_pages_form_and_nobody_else_can() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let approver = "duyet@thanhdoanlaocai.example.vn";
    site.grant(approver, host, AccessRole::Approver).await;
    let (_, id) = delegation(&site, host).await;
    let api: Value = serde_json::from_str(
        &site
            .setup_api(host)
            .await
            .get(&format!("/api/delegations/{id}"))
            .await
            .body,
    )
    .unwrap();
    let task = api["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["status"] == "in_progress")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/delegations/{id}/tasks/{task}/status");

    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(
        page.body.contains(&format!("action=\"{path}\"")),
        "{}",
        page.body
    );
    let csrf = Visitor::csrf(&page.body);
    // Refused forms show the page again, which records a read of the members' details;
    // the delegation itself must not change.
    let version = |site: &Site| {
        let store = site.store.clone();
        let id: Uuid = id.parse().unwrap();
        async move {
            store
                .load::<domain::delegation::Delegation>(id)
                .await
                .unwrap()
                .version
        }
    };
    let before = version(&site).await;
    let forged = vananh.post(&path, &[("status", "done")]).await;
    assert_eq!(forged.status, 403, "no CSRF token");
    let bad = vananh
        .post(&path, &[("csrf", &csrf), ("status", "finished")])
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("Tình trạng: "), "{}", bad.body);
    let elsewhere = format!("/delegations/{id}/tasks/{}/status", Uuid::now_v7());
    let unknown = vananh
        .post(&elsewhere, &[("csrf", &csrf), ("status", "done")])
        .await;
    assert_eq!(unknown.status, 422, "{}", unknown.body);
    assert!(
        unknown.body.contains("Không tìm thấy việc này"),
        "{}",
        unknown.body
    );
    assert_eq!(version(&site).await, before, "the delegation is unchanged");

    let done = vananh
        .post(&path, &[("csrf", &csrf), ("status", "done")])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = vananh.get(&format!("/delegations/{id}")).await;
    assert!(
        page.body
            .contains("Đang làm <span class=\"count\">(0)</span>")
            && page
                .body
                .contains("Đã xong <span class=\"count\">(2)</span>"),
        "{}",
        page.body
    );

    // An approver of the organisation does not see the members' personal data, and a
    // post is refused.
    let mut duyet = site.visitor();
    duyet.sign_in(&site, approver).await;
    let seen = duyet.get(&format!("/delegations/{id}")).await;
    assert_eq!(seen.status, 403);
    assert!(!seen.body.contains("Trương Thị Vân Anh"), "{}", seen.body);
    let csrf = Visitor::csrf(&duyet.get("/home").await.body);
    let refused = duyet
        .post(&path, &[("csrf", &csrf), ("status", "todo")])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}
