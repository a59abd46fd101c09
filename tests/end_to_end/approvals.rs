//! Approvals as people live them: links in real emails, opened and decided over HTTP.

use std::collections::HashSet;

use chrono::Utc;
use reqwest::StatusCode;
use serde_json::json;

use super::world::{ADVISER, BOARD, STANDING, World, parts};

#[tokio::test]
async fn approvers_decide_by_link_and_the_programme_is_approved_stage_by_stage() {
    let world = World::start().await;
    world
        .route(json!([world.standing_stage(), world.board_stage()]))
        .await;
    let programme = world.submit_conference().await;
    world.status_becomes(&programme, "under_review").await;
    for (_, email) in STANDING {
        let asked = world.mails(email, "Đề nghị phê duyệt:", 1).await;
        let text = asked[0].text.as_deref().unwrap_or_default();
        assert!(
            text.contains(
                "Kinh phí: Thiết bị hội nghị trực tuyến: 15.000.000 VND; Quà tặng đối tác: 2.500,50 CNY"
            ),
            "the approver sees what it costs: {text}"
        );
    }
    assert!(
        world.smtp.messages().iter().all(|m| !m
            .envelope_to
            .iter()
            .any(|to| BOARD.iter().any(|(_, b)| b == to))),
        "the second stage is not asked before the first approves"
    );

    // A mail scanner fetching every link in every mail changes nothing.
    let before = world.settled().await;
    for mail in world.smtp.messages() {
        for link in mail.text.iter().flat_map(|t| t.split_whitespace()) {
            if link.starts_with("http") {
                let (status, page) = world.open(link).await;
                assert_eq!(status, StatusCode::OK, "{link}");
                assert!(page.contains("Xác nhận ý kiến"));
            }
        }
    }
    assert_eq!(world.settled().await, before, "GETs appended nothing");

    for (_, email) in &STANDING[..3] {
        let link = world.link(email).await;
        let (status, page) = world.decide(&link, "approve", "").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Đã ghi nhận ý kiến"));
    }
    // Three of five is a majority: the stage is decided and the board is asked.
    let late = world.link(STANDING[3].1).await;
    let (status, page) = world.open(&late).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("đã có quyết định"), "{page}");
    for (_, email) in BOARD {
        world.mails(email, "Đề nghị phê duyệt:", 1).await;
    }
    let deputy = world.link(BOARD[1].1).await;
    world.decide(&deputy, "approve", "").await;
    world.settled().await;
    let detail = world.get(&format!("/api/programmes/{programme}")).await;
    assert_eq!(detail["status"], "under_review", "only the chair decides");
    let chair = world.link(BOARD[0].1).await;
    let (status, _) = world.decide(&chair, "approve", "").await;
    assert_eq!(status, StatusCode::OK);
    world.status_becomes(&programme, "approved").await;

    // Everyone who decided has a receipt; the planner hears the outcome.
    for (_, email) in STANDING[..3].iter().chain(&BOARD) {
        world.mails(email, "Đã ghi nhận ý kiến:", 1).await;
    }
    let outcome = world
        .mails("hoa@tinhdoancaobang.vn", "Đã phê duyệt:", 1)
        .await;
    assert!(
        outcome[0]
            .text
            .as_deref()
            .unwrap()
            .contains("đã được phê duyệt")
    );
    let progress = world
        .get(&format!("/api/programmes/{programme}/approvals"))
        .await;
    let decided = progress["seats"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["decision"] == "approve")
        .count();
    assert_eq!(decided, 5);
    assert_eq!(progress["rounds"][0]["status"], "approved");
}

#[tokio::test]
async fn changes_requested_then_resubmitted_resume_at_the_stage_that_asked() {
    let world = World::start().await;
    world
        .route(json!([world.standing_stage(), world.board_stage()]))
        .await;
    let programme = world.submit_conference().await;
    for (_, email) in &STANDING[..3] {
        let link = world.link(email).await;
        world.decide(&link, "approve", "").await;
    }
    let chair = world.link(BOARD[0].1).await;
    let (status, _) = world.decide(&chair, "request_changes", "").await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a comment is needed"
    );
    let (status, _) = world
        .decide(
            &chair,
            "request_changes",
            "Đề nghị tổ chức tại Nhà văn hóa Thanh niên tỉnh.",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    world.status_becomes(&programme, "changes_requested").await;
    let sent_back = world
        .mails("hoa@tinhdoancaobang.vn", "Cần chỉnh sửa:", 1)
        .await;
    assert!(
        sent_back[0]
            .text
            .as_deref()
            .unwrap()
            .contains("Nhà văn hóa Thanh niên tỉnh")
    );

    let (status, answer) = world
        .post(
            &format!("/api/programmes/{programme}/revise"),
            json!({"changes": {"venue": "Nhà văn hóa Thanh niên tỉnh Cao Bằng"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let requests_before = world.smtp.messages().len();
    world
        .post(&format!("/api/programmes/{programme}/submit"), json!({}))
        .await;
    world.status_becomes(&programme, "under_review").await;
    world.mails(BOARD[0].1, "Đề nghị phê duyệt:", 2).await;
    world.settled().await;
    let new_requests: Vec<_> = world.smtp.messages()[requests_before..]
        .iter()
        .filter(|m| {
            m.subject
                .as_deref()
                .unwrap()
                .starts_with("Đề nghị phê duyệt")
        })
        .flat_map(|m| m.envelope_to.clone())
        .collect();
    let board: HashSet<String> = BOARD.iter().map(|(_, e)| e.to_string()).collect();
    assert!(
        new_requests.iter().all(|to| board.contains(to)),
        "the standing committee's approval is kept: {new_requests:?}"
    );
    let chair = world.link(BOARD[0].1).await;
    let (_, page) = world.open(&chair).await;
    assert!(page.contains("Những gì đã thay đổi"), "the change is shown");
    assert!(page.contains("Nhà văn hóa Thanh niên tỉnh Cao Bằng"));
    world.decide(&chair, "approve", "").await;
    world.status_becomes(&programme, "approved").await;
}

#[tokio::test]
async fn a_decline_rejects_the_programme_with_the_reasons() {
    let world = World::start().await;
    world.route(json!([world.standing_stage()])).await;
    let programme = world.submit_conference().await;
    for (_, email) in &STANDING[..3] {
        let link = world.link(email).await;
        let (status, _) = world
            .decide(
                &link,
                "decline",
                "Chưa phù hợp với chương trình công tác năm",
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    world.status_becomes(&programme, "rejected").await;
    let mail = world
        .mails("hoa@tinhdoancaobang.vn", "Không được phê duyệt:", 1)
        .await;
    assert!(mail[0].text.as_deref().unwrap().contains("Chưa phù hợp"));
}

#[tokio::test]
async fn a_substitute_is_asked_and_decides_on_the_members_behalf() {
    let world = World::start().await;
    let detail = world
        .get(&format!("/api/organisations/{}", world.party))
        .await;
    let secretary = detail["committees"][0]["members"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let today = Utc::now().date_naive();
    let (status, answer) = world
        .post(
            &format!(
                "/api/organisations/{}/committees/{}/substitutes",
                world.party, world.board
            ),
            json!({"member_id": secretary, "name": "Hoàng Văn Tuấn", "email": "tuan@caobang.gov.vn",
                   "from": today - chrono::Days::new(1), "until": today + chrono::Days::new(10)}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    world.route(json!([world.board_stage()])).await;
    let programme = world.submit_conference().await;
    let asked = world
        .mails("tuan@caobang.gov.vn", "Đề nghị phê duyệt:", 1)
        .await;
    assert!(
        asked[0]
            .text
            .as_deref()
            .unwrap()
            .contains("thay mặt đồng chí Trần Hồng Minh")
    );
    let link = world.link("tuan@caobang.gov.vn").await;
    world.decide(&link, "approve", "").await;
    world.status_becomes(&programme, "approved").await;
    let progress = world
        .get(&format!("/api/programmes/{programme}/approvals"))
        .await;
    let seat = progress["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["chair"] == true)
        .unwrap()
        .clone();
    assert_eq!(seat["approver_name"], "Hoàng Văn Tuấn");
    assert_eq!(seat["on_behalf_of_name"], "Trần Hồng Minh");
    assert_eq!(seat["decision"], "approve");
    let receipt = world
        .mails("tuan@caobang.gov.vn", "Đã ghi nhận ý kiến:", 1)
        .await;
    assert!(
        receipt[0]
            .text
            .as_deref()
            .unwrap()
            .contains("thay mặt đồng chí Trần Hồng Minh")
    );
}

#[tokio::test]
async fn an_advisory_stage_is_asked_alongside_and_does_not_block() {
    let world = World::start().await;
    let one_approver = world
        .get(&format!("/api/organisations/{}", world.union))
        .await;
    assert!(one_approver["committees"].as_array().is_some());
    world
        .route(json!([world.advisory_stage(), world.board_stage()]))
        .await;
    let programme = world.submit_conference().await;
    let advice = world.mails(ADVISER.1, "Xin ý kiến:", 1).await;
    assert!(
        advice[0]
            .text
            .as_deref()
            .unwrap()
            .contains("không mang tính quyết định")
    );
    world.mails(BOARD[0].1, "Đề nghị phê duyệt:", 1).await;
    let adviser = world.link(ADVISER.1).await;
    world
        .decide(
            &adviser,
            "request_changes",
            "Lưu ý thủ tục cho đại biểu nước ngoài tham dự trực tuyến",
        )
        .await;
    world.settled().await;
    let detail = world.get(&format!("/api/programmes/{programme}")).await;
    assert_eq!(
        detail["status"], "under_review",
        "advice does not send it back"
    );
    let chair = world.link(BOARD[0].1).await;
    world.decide(&chair, "approve", "").await;
    world.status_becomes(&programme, "approved").await;
}

#[tokio::test]
async fn forged_expired_reused_foreign_and_closed_links_get_clear_pages_and_append_nothing() {
    let world = World::start().await;
    world.route(json!([world.standing_stage()])).await;
    let first = world.submit_conference().await;
    world.status_becomes(&first, "under_review").await;
    let lan = world.link(STANDING[1].1).await;
    let (round, token) = parts(&lan);
    let before = world.settled().await;

    let forged = format!("{}/approve/{round}/{}", world.base, "A".repeat(43));
    let garbage = format!("{}/approve/{round}/<script>alert(1)</script>", world.base);
    let no_round = format!("{}/approve/{}/{token}", world.base, uuid::Uuid::now_v7());
    for link in [&forged, &garbage, &no_round] {
        let (status, page) = world.open(link).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{link}");
        assert!(
            page.contains("không hợp lệ") || page.contains("Không tìm thấy trang"),
            "{page}"
        );
        assert!(
            !page.contains("<script>alert"),
            "nothing is echoed unescaped"
        );
        let (status, _) = world.decide(link, "approve", "").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    assert_eq!(world.events().await, before, "refused links append nothing");

    // Another approver's token on another round's address is unknown there.
    let second = world.submit_conference().await;
    world.status_becomes(&second, "under_review").await;
    world.mails(STANDING[1].1, "Đề nghị phê duyệt:", 2).await;
    let newest = world.link(STANDING[1].1).await;
    let (other_round, _) = parts(&newest);
    assert_ne!(other_round, round);
    let foreign = format!("{}/approve/{other_round}/{token}", world.base);
    let quiet = world.settled().await;
    let (status, _) = world.decide(&foreign, "approve", "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Used once, then refused.
    let (status, _) = world.decide(&lan, "approve", "").await;
    assert_eq!(status, StatusCode::OK);
    let after_use = world.settled().await;
    assert!(after_use > quiet);
    for response in [
        world.open(&lan).await,
        world.decide(&lan, "decline", "x").await,
    ] {
        assert_eq!(response.0, StatusCode::CONFLICT);
        assert!(response.1.contains("đã được ghi nhận"), "{}", response.1);
    }
    assert_eq!(world.settled().await, after_use);

    // An expired link explains itself and offers a new one, sent by email.
    let members = world
        .get(&format!("/api/programmes/{first}/approvals"))
        .await;
    let mai = members["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["approver_email"] == STANDING[3].1)
        .unwrap()["member_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let expired = world
        .issue_link_expiring(round, 0, mai, Utc::now() - chrono::Duration::hours(1))
        .await;
    let issued = world.settled().await;
    let (status, page) = world.open(&expired).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("hết hạn") && page.contains("Gửi cho tôi đường liên kết mới"));
    let (status, _) = world.decide(&expired, "approve", "").await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(world.settled().await, issued);
    let renewed = world
        .client
        .post(format!("{expired}/renew"))
        .send()
        .await
        .unwrap();
    assert_eq!(renewed.status(), StatusCode::OK);
    let fresh = loop {
        let link = world.link(STANDING[3].1).await;
        if link != expired && parts(&link).0 == round && world.open(&link).await.0 == StatusCode::OK
        {
            break link;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };

    // Two more approvals decide the stage; the remaining link is for a closed stage.
    world.decide(&fresh, "approve", "").await;
    let bi = world.link(STANDING[0].1).await;
    let bi_first = world
        .mails(STANDING[0].1, "Đề nghị phê duyệt:", 1)
        .await
        .into_iter()
        .find_map(|m| {
            let text = m.text?;
            text.split_whitespace()
                .find(|w| w.contains(&round.to_string()))
                .map(String::from)
        })
        .unwrap_or(bi);
    world.decide(&bi_first, "approve", "").await;
    world.status_becomes(&first, "approved").await;
    let son = world
        .mails(STANDING[4].1, "Đề nghị phê duyệt:", 1)
        .await
        .into_iter()
        .find_map(|m| {
            m.text?
                .split_whitespace()
                .find(|w| w.contains(&round.to_string()))
                .map(String::from)
        })
        .unwrap();
    let closed = world.settled().await;
    let (status, page) = world.decide(&son, "approve", "").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        page.contains("kết thúc") || page.contains("đã có quyết định"),
        "{page}"
    );
    assert_eq!(world.settled().await, closed);
}

#[tokio::test]
async fn two_approvers_of_an_any_one_committee_deciding_at_once_are_recorded_once() {
    let world = World::start().await;
    let pair = [
        ("Nông Văn Bí", "bi@tinhdoancaobang.vn"),
        ("Hoàng Thị Lan", "lan@tinhdoancaobang.vn"),
    ];
    let members: Vec<_> = pair
        .iter()
        .map(|(name, email)| json!({"name": name, "email": email, "role": "member", "serves_from": "2022-10-01"}))
        .collect();
    let (_, committee) = world
        .post(
            &format!("/api/organisations/{}/committees", world.union),
            json!({"name": "Thường trực Tỉnh Đoàn", "rule": "any_one", "members": members}),
        )
        .await;
    world
        .route(json!([{"committee_id": committee["created"]}]))
        .await;
    let programme = world.submit_conference().await;
    let a = world.link(pair[0].1).await;
    let b = world.link(pair[1].1).await;
    let (first, second) = tokio::join!(
        world.decide(&a, "approve", ""),
        world.decide(&b, "approve", "")
    );
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let refused = if first.0 == StatusCode::CONFLICT {
        first.1
    } else {
        second.1
    };
    assert!(
        refused.contains("đã có quyết định") || refused.contains("đã kết thúc"),
        "the other is told it was decided: {refused}"
    );
    world.settled().await;
    let progress = world
        .get(&format!("/api/programmes/{programme}/approvals"))
        .await;
    let decisions = progress["seats"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| !s["decision"].is_null())
        .count();
    assert_eq!(decisions, 1, "exactly one decision is recorded");
}

#[tokio::test]
async fn mail_waits_out_an_smtp_outage_and_a_restart_and_goes_out_once() {
    let mut world = World::start().await;
    world.route(json!([world.standing_stage()])).await;
    world.smtp.stop().await;
    let programme = world.submit_conference().await;
    world.status_becomes(&programme, "under_review").await;
    // The requests are queued and tried while the server is down.
    let pool = world.env.pool().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let tried: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM caunoi.mail_queue WHERE status = 'pending' AND attempts > 0",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if tried >= 5 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "mail was not tried");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    world.restart_caunoi().await;
    world.smtp.restart().await;
    for (_, email) in STANDING {
        world.mails(email, "Đề nghị phê duyệt:", 1).await;
    }
    world.settled().await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let requests: Vec<_> = world
        .smtp
        .messages()
        .into_iter()
        .filter(|m| {
            m.subject
                .as_deref()
                .unwrap()
                .starts_with("Đề nghị phê duyệt")
        })
        .collect();
    assert_eq!(requests.len(), 5, "each request once");
    let ids: HashSet<_> = requests.iter().map(|m| m.message_id.clone()).collect();
    assert_eq!(ids.len(), 5);
    let correlation = requests[0].header("X-Correlation-Id").unwrap();
    assert!(
        !correlation.is_empty(),
        "the request's correlation id travels to the mail"
    );
}

/// A planner who submits a plan that names someone else as its coordinator hears the
/// outcome greeted by the name on their account, not by their bare address.
#[tokio::test]
async fn a_planner_who_is_not_the_coordinator_is_greeted_by_name() {
    let world = World::start().await;
    world.route(json!([world.standing_stage()])).await;
    let programme = world
        .submit_coordinated_by(
            "Giao lưu thanh niên biên giới Cao Bằng – Bách Sắc",
            "Lương Văn Tài",
            "tai@tinhdoancaobang.vn",
        )
        .await;
    world.status_becomes(&programme, "under_review").await;
    for (_, email) in &STANDING[..3] {
        let link = world.link(email).await;
        let (status, page) = world.decide(&link, "approve", "").await;
        assert_eq!(status, StatusCode::OK, "{page}");
    }
    world.status_becomes(&programme, "approved").await;
    let planner = world
        .mails("hoa@tinhdoancaobang.vn", "Đã phê duyệt:", 1)
        .await;
    let text = planner[0].text.as_deref().unwrap();
    assert!(
        text.starts_with("Kính gửi đồng chí Nông Thị Hoa,"),
        "{text}"
    );
    let coordinator = world
        .mails("tai@tinhdoancaobang.vn", "Đã phê duyệt:", 1)
        .await;
    assert!(
        coordinator[0]
            .text
            .as_deref()
            .unwrap()
            .starts_with("Kính gửi đồng chí Lương Văn Tài,")
    );
}
