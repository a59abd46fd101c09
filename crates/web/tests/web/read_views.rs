//! The read views the JSON API had before the pages: a delegation's history on its page,
//! the checklist across delegations, and the reminders sent to me.

use std::time::{Duration, Instant};

use domain::access::AccessRole;
use reminders::{Scheduler, Schedules};

use super::coordinator::{COORDINATOR, STRANGER, delegation};
use super::follow_up::{PLANNER, followed_up};
use super::people::Visitor;
use super::serve;

/// The part of `path`'s page from the element with `id` to the end of its section,
/// once it contains `until` (or after a few seconds, for the assertions to say why).
async fn section(visitor: &mut Visitor, path: &str, id: &str, until: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let page = visitor.get(path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let at = page
            .body
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} in {}", page.body));
        let part = page.body[at..]
            .split("</section>")
            .next()
            .unwrap()
            .to_owned();
        if part.contains(until) || Instant::now() > deadline {
            return part;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_delegation_page_shows_its_history_in_words_and_vietnam_time() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    site.grant(STRANGER, other, AccessRole::Coordinator).await;
    let (_, id) = delegation(&site, host).await;

    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let path = format!("/delegations/{id}");
    let history = section(&mut vananh, &path, "history", "Cập nhật hậu cần").await;
    for expected in [
        "<h2>Diễn biến</h2>",
        "<strong>Lập đoàn</strong>",
        "<strong>Thêm thành viên</strong>",
        "<strong>Cập nhật hậu cần, lịch trình hoặc việc cần làm</strong>",
        "(giờ Việt Nam)",
        "thiet-lap@caunoi.example.vn",
    ] {
        assert!(history.contains(expected), "{expected} in {history}");
    }
    assert!(!history.contains("DelegationOpened"), "{history}");
    assert!(!history.contains(&id), "no ids: {history}");
    assert_eq!(
        history.matches("<li>").count(),
        6,
        "opened, two members, two tasks, a day of itinerary: {history}"
    );
    let english = section(&mut vananh, &format!("{path}?lang=en"), "history", "").await;
    assert!(english.contains("Delegation opened"), "{english}");
    assert!(english.contains("(Vietnam time)"), "{english}");

    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    let refused = an.get(&path).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(!refused.body.contains("Lập đoàn"));
}

#[tokio::test]
async fn the_checklist_lists_open_tasks_of_my_delegations_and_only_for_those_who_run_them() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    site.grant(STRANGER, other, AccessRole::Coordinator).await;
    const PLANNER_HERE: &str = "kehoach@thanhdoanlaocai.example.vn";
    site.grant(PLANNER_HERE, host, AccessRole::Planner).await;
    let (_, id) = delegation(&site, host).await;

    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let home = vananh.get("/home").await;
    assert!(
        home.body.contains("href=\"/checklist\""),
        "the menu offers it"
    );
    let page = vananh.get("/checklist").await;
    assert_eq!(page.status, 200, "{}", page.body);
    for expected in [
        "<h1>Việc cần làm của các đoàn</h1>",
        "Quá hạn",
        "Đến hạn trong 7 ngày tới",
        "<strong>Gửi danh sách đoàn cho Đồn Biên phòng</strong> <span class=\"status status-in_progress\">Đang làm</span>",
        &format!("<a href=\"/delegations/{id}\">Đoàn thiếu nhi thành phố Lào Cai</a>"),
        "Giao lưu thiếu nhi biên giới nhân dịp Quốc tế thiếu nhi 1/6",
        "Người phụ trách: Trương Thị Vân Anh",
        "Hạn: 20/05/2027",
    ] {
        assert!(page.body.contains(expected), "{expected} in {}", page.body);
    }
    assert!(
        !page.body.contains("Xin giấy phép xuất cảnh"),
        "a task done is not open"
    );
    let english = vananh.get("/checklist?lang=en").await;
    assert!(english.body.contains("Checklist across delegations"));

    // Another organisation's coordinator sees none of it.
    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    let theirs = an.get("/checklist").await;
    assert_eq!(theirs.status, 200, "{}", theirs.body);
    assert!(
        !theirs.body.contains("Gửi danh sách đoàn"),
        "{}",
        theirs.body
    );
    assert!(!theirs.body.contains(&id));

    // A planner does not run delegations: refused, and not offered.
    let mut planner = site.visitor();
    planner.sign_in(&site, PLANNER_HERE).await;
    assert!(
        !planner
            .get("/home")
            .await
            .body
            .contains("href=\"/checklist\"")
    );
    let refused = planner.get("/checklist").await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(!refused.body.contains("Gửi danh sách đoàn"));
}

#[tokio::test]
async fn reminders_sent_to_me_are_listed_for_me_and_nobody_else() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "bi@tinhdoanlaocai.example.vn")
        .await;
    const COLLEAGUE: &str = "dieuphoi@tinhdoancaobang.example.vn";
    const OUTSIDER: &str = "quantri@tinhdoanlaocai.example.vn";
    site.grant(PLANNER, host, AccessRole::Planner).await;
    site.grant(COLLEAGUE, host, AccessRole::Coordinator).await;
    site.grant(OUTSIDER, other, AccessRole::Administrator).await;
    // The planner's overdue action item is reminded in one run of the scheduler.
    followed_up(&site, host).await;
    let scheduler = Scheduler {
        pool: site._env.pool().await,
        store: site.store.clone(),
        schedules: Schedules::parse("Asia/Ho_Chi_Minh", &["0 0 8 * * Mon-Fri".into()]).unwrap(),
        settings: domain::reminders::Settings::default(),
        public_url: site.base.clone(),
        secret: site.secret.clone(),
        report_due_days: 15,
    };
    let overdue = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 7, 1, 1, 0, 0).unwrap();
    let report = scheduler.run(overdue, overdue).await.unwrap();
    assert!(report.emails > 0, "{report:?}");

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    assert!(hoa.get("/home").await.body.contains("href=\"/reminders\""));
    let page = hoa.get("/reminders").await;
    assert_eq!(page.status, 200, "{}", page.body);
    for expected in [
        "<h1>Nhắc việc đã gửi cho tôi</h1>",
        "Việc cần làm tiếp theo đến hạn",
        "(giờ Việt Nam)",
    ] {
        assert!(page.body.contains(expected), "{expected} in {}", page.body);
    }
    assert!(page.body.contains("id=\"reminders\""), "{}", page.body);
    // Their own choices are a click away, on the same signed page as the mails' link.
    let choices = page
        .body
        .split("id=\"reminder-choices\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the person's reminder choices")
        .to_string();
    assert!(choices.starts_with("/reminders/preferences/"), "{choices}");
    let form = hoa.get(&choices).await;
    assert_eq!(form.status, 200, "{}", form.body);

    for someone in [COLLEAGUE, OUTSIDER] {
        let mut visitor = site.visitor();
        visitor.sign_in(&site, someone).await;
        let theirs = visitor.get("/reminders").await;
        assert_eq!(theirs.status, 200, "{}", theirs.body);
        assert!(
            theirs.body.contains("Chưa có thư nhắc việc nào."),
            "{someone}: {}",
            theirs.body
        );
        assert!(!theirs.body.contains("Việc cần làm tiếp theo đến hạn"));
    }
}
