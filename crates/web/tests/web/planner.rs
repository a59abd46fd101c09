//! Signing in, the planner's forms, and what is refused: another organisation's
//! programme, and posts without a session or CSRF token.

use domain::access::AccessRole;
use domain::programme::{Programme, ProgrammeCommand};
use eventstore::CommandMeta;
use uuid::Uuid;

use super::people::Visitor;
use super::{conference, serve_everything};

const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";

#[tokio::test]
async fn a_planner_signs_in_by_link_drafts_submits_and_sees_only_their_organisations() {
    let site = serve_everything().await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "an@tinhdoanlaocai.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;

    let mut anonymous = site.visitor();
    assert_eq!(anonymous.get("/home").await.location(), "/sign-in");
    // An unknown address is told the same and gets nothing.
    let form = anonymous.get("/sign-in").await;
    let csrf = Visitor::csrf(&form.body);
    let told = anonymous
        .post("/sign-in", &[("csrf", &csrf), ("email", "la@example.vn")])
        .await;
    assert!(
        told.body.contains("Nếu địa chỉ này có trong Cầu Nối"),
        "{}",
        told.body
    );
    let refused = anonymous.post("/sign-in", &[("email", PLANNER)]).await;
    assert_eq!(refused.status, 403, "a sign-in post without its token");

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let link = site.mailed_link(PLANNER, "/sign-in/").await;
    assert_eq!(hoa.post(&link, &[]).await.status, 404, "a link works once");
    let home = hoa.get("/home").await;
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains("Tỉnh Đoàn Cao Bằng"));
    let csrf = Visitor::csrf(&home.body);

    // A bad form: a message next to each field, the typed text kept, nothing stored.
    let before = site.events().await;
    let long_title = "Đ".repeat(10_000);
    let host_id = host.to_string();
    let bad = hoa
        .post(
            "/programmes",
            &[
                ("csrf", &csrf),
                ("title", &long_title),
                ("kind", "reception"),
                ("host", &host_id),
                ("partner_region_0", "Quảng Tây"),
                ("budget_label_0", "Quà tặng đối tác"),
                ("budget_amount_0", "nhiều"),
                ("budget_currency_0", "CNY"),
                ("start", "2027-11-22"),
                ("end", "2027-11-21"),
                ("venue", "<script>alert(1)</script>"),
                ("size", "40"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("Không được dài quá 200 ký tự."), "title");
    assert!(
        bad.body.contains("id=\"partner_name_0-error\""),
        "a partner without a name"
    );
    assert!(
        bad.body.contains("id=\"budget_amount_0-error\""),
        "an amount that is no number"
    );
    assert!(
        bad.body.contains("value=\"nhiều\""),
        "the amount typed is kept"
    );
    assert!(bad.body.contains("id=\"end-error\""), "end before start");
    assert!(bad.body.contains("Không được chứa thẻ HTML"), "markup");
    assert!(bad.body.contains("alert(1)"), "the venue is kept");
    assert!(!bad.body.contains("<script>"), "never rendered as markup");
    assert!(bad.body.contains(&long_title), "the title is kept");
    assert_eq!(site.events().await, before, "nothing stored");

    let good = hoa
        .post(
            "/programmes",
            &[
                ("csrf", &csrf),
                (
                    "title",
                    "Giao lưu thanh niên biên giới Cao Bằng – Quảng Tây",
                ),
                ("kind", "reception"),
                ("host", &host_id),
                ("partner_name_0", "Đoàn Thanh niên Quảng Tây"),
                ("partner_country_0", "CN"),
                ("partner_region_0", "Quảng Tây"),
                ("budget_label_0", "Thiết bị hội nghị trực tuyến"),
                ("budget_amount_0", "15.000.000"),
                ("budget_currency_0", "VND"),
                ("budget_label_1", "Quà tặng đối tác"),
                ("budget_amount_1", "2500,50"),
                ("budget_currency_1", "CNY"),
                ("start", "2027-11-21"),
                ("end", "2027-11-23"),
                ("objectives", "Tăng cường hữu nghị"),
                ("size", "40"),
                ("coordinator_name", "Nông Thị Hoa"),
                ("coordinator_email", PLANNER),
            ],
        )
        .await;
    assert_eq!(good.status, 303, "{}", good.body);
    let page_path = good.location().to_string();
    let submit_path = format!("{page_path}/submit");
    let submitted = hoa.post(&submit_path, &[("csrf", &csrf)]).await;
    assert_eq!(submitted.status, 303, "{}", submitted.body);
    let page = hoa.get(&page_path).await;
    assert!(page.body.contains("Trình phê duyệt"), "{}", page.body);
    for shown in ["Quảng Tây, Trung Quốc", "15.000.000 VND", "2.500,50 CNY"] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }
    // The approval process starts the review: its part of the history is the service's.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let page = loop {
        let page = hoa.get(&page_path).await;
        if page.body.contains("Cầu Nối (tự động)") || std::time::Instant::now() > deadline
        {
            break page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(page.body.contains("Cầu Nối (tự động)"), "{}", page.body);
    assert!(
        !page.body.contains("phiên bản"),
        "no internal version numbers"
    );
    assert!(
        !page.body.contains("caunoi-"),
        "no names of the service's parts"
    );
    for written in [
        format!("Nông Thị Hoa · {PLANNER}"),
        "(giờ Việt Nam)".to_owned(),
        "Trung Quốc)".to_owned(),
    ] {
        assert!(page.body.contains(&written), "{written} in {}", page.body);
    }
    let calendar = hoa.get("/calendar?month=2027-11").await;
    assert!(
        calendar.body.contains("Giao lưu thanh niên biên giới"),
        "{}",
        calendar.body
    );
    assert!(calendar.body.contains("Tháng 11/2027"));
    let agenda = hoa.get("/calendar/agenda?month=2027-11").await;
    assert!(
        agenda.body.contains("Chủ Nhật, 21/11/2027"),
        "{}",
        agenda.body
    );

    // Another organisation's programme is refused with a page.
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
    let mut refused = None;
    for _ in 0..50 {
        let answer = hoa.get(&format!("/programmes/{foreign}")).await;
        if answer.status != 404 {
            refused = Some(answer);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let refused = refused.expect("the foreign programme reaches the read model");
    assert_eq!(refused.status, 403);
    assert!(
        refused.body.contains("thuộc một đơn vị khác"),
        "{}",
        refused.body
    );
    let before = site.events().await;
    let cancel = hoa
        .post(
            &format!("/programmes/{foreign}/cancel"),
            &[("csrf", &csrf), ("reason", "Không phải của tôi")],
        )
        .await;
    assert_eq!(cancel.status, 403);

    // Posts without the CSRF token, or without a session, change nothing.
    let no_token = hoa
        .post(&format!("{page_path}/cancel"), &[("reason", "Thử")])
        .await;
    assert_eq!(no_token.status, 403);
    assert!(
        no_token.body.contains("Biểu mẫu này đã cũ"),
        "{}",
        no_token.body
    );
    let no_session = site
        .visitor()
        .post(
            &format!("{page_path}/cancel"),
            &[("csrf", &csrf), ("reason", "Thử")],
        )
        .await;
    assert_eq!(no_session.status, 401);
    assert!(
        no_session.body.contains("chưa đăng nhập"),
        "{}",
        no_session.body
    );
    assert_eq!(site.events().await, before);

    // Signing out ends the session on the server too.
    let session = hoa.cookies.clone();
    assert_eq!(hoa.post("/sign-out", &[("csrf", &csrf)]).await.status, 303);
    let mut replay = site.visitor();
    replay.cookies = session;
    assert_eq!(replay.get("/home").await.location(), "/sign-in");
}

#[tokio::test]
async fn a_planner_withdraws_a_submitted_programme_with_a_reason_and_can_submit_it_again() {
    let site = serve_everything().await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let csrf = Visitor::csrf(&hoa.get("/home").await.body);
    let host_id = host.to_string();
    let drafted = hoa
        .post(
            "/programmes",
            &[
                ("csrf", &csrf),
                ("title", "Gặp mặt thanh niên hai bên cửa khẩu Tà Lùng"),
                ("kind", "reception"),
                ("host", &host_id),
                ("partner_name_0", "Đoàn Thanh niên Long Châu"),
                ("partner_country_0", "CN"),
                ("start", "2027-11-21"),
                ("end", "2027-11-22"),
                ("objectives", "Tăng cường hữu nghị"),
                ("size", "20"),
                ("coordinator_name", "Nông Thị Hoa"),
                ("coordinator_email", PLANNER),
            ],
        )
        .await;
    assert_eq!(drafted.status, 303, "{}", drafted.body);
    let page_path = drafted.location().to_string();
    let withdraw_path = format!("{page_path}/withdraw");
    let draft_page = hoa.get(&page_path).await;
    assert!(
        !draft_page.body.contains(&withdraw_path),
        "a draft has nothing to withdraw"
    );
    let refused = hoa
        .post(&withdraw_path, &[("csrf", &csrf), ("reason", "Thử")])
        .await;
    assert_eq!(refused.status, 422, "a draft is not withdrawn");

    let submitted = hoa
        .post(&format!("{page_path}/submit"), &[("csrf", &csrf)])
        .await;
    assert_eq!(submitted.status, 303, "{}", submitted.body);
    let page = hoa.get(&page_path).await;
    assert!(page.body.contains(&withdraw_path), "{}", page.body);
    assert!(page.body.contains("Rút lại tờ trình"));
    let form = hoa.get(&withdraw_path).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body
            .contains(&format!("<a href=\"{page_path}\">← Quay lại</a>")),
        "the way back names where it goes: {}",
        form.body
    );
    let version = form
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form carries the version")
        .to_string();

    let before = site.events().await;
    let no_reason = hoa
        .post(
            &withdraw_path,
            &[("csrf", &csrf), ("version", &version), ("reason", "  ")],
        )
        .await;
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    assert!(no_reason.body.contains("id=\"reason-error\""));
    assert_eq!(site.events().await, before, "nothing stored");

    // The approval process starts the review on its own, maybe between opening the form
    // and sending it; the page then says the programme changed, and the planner, as
    // asked, opens the form again and sends it once more.
    let mut withdrawn = None;
    for _ in 0..5 {
        let form = hoa.get(&withdraw_path).await;
        let version = form
            .body
            .split("name=\"version\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the form carries the version")
            .to_string();
        let sent = hoa
            .post(
                &withdraw_path,
                &[
                    ("csrf", &csrf),
                    ("version", &version),
                    ("reason", "Đối tác đề nghị đổi thời gian, trình lại sau"),
                ],
            )
            .await;
        let changed_meanwhile = sent.status == 422
            && sent
                .body
                .contains("Chương trình vừa được người khác thay đổi.");
        if !changed_meanwhile {
            withdrawn = Some(sent);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let withdrawn = withdrawn.expect("the withdrawal went through within five tries");
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.body);
    let page = hoa.get(&page_path).await;
    assert!(!page.body.contains(&withdraw_path), "{}", page.body);
    assert!(
        page.body.contains(&format!("{page_path}/submit")),
        "a withdrawn programme can be submitted again: {}",
        page.body
    );
    assert!(
        page.body
            .contains("Đối tác đề nghị đổi thời gian, trình lại sau"),
        "the reason is in the history"
    );
}
