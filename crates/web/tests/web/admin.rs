//! The administrator's page: committees with members, rules and substitutes, approval
//! routes, users and roles, and the reminders sent; refused to anyone who does not
//! administer the organisation.

use chrono::NaiveDate;
use domain::access::AccessRole;
use domain::approval::{Person, Substitution};
use domain::directory::{Directory, DirectoryCommand};
use eventstore::CommandMeta;
use reminders::{Scheduler, Schedules};
use uuid::Uuid;

use super::follow_up::{PLANNER, followed_up};
use super::serve;

const ADMIN: &str = "quantri@tinhdoancaobang.example.vn";
const OTHER_ADMIN: &str = "quantri@tinhdoanlaocai.example.vn";

#[tokio::test]
async fn an_administrator_sees_committees_routes_roles_and_reminders_of_their_organisation() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "bi@tinhdoanlaocai.example.vn")
        .await;
    site.grant(ADMIN, host, AccessRole::Administrator).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    site.grant(OTHER_ADMIN, other, AccessRole::Administrator)
        .await;
    let directory = site.store.load::<Directory>(host).await.unwrap().state;
    let committee = &directory.record().unwrap().committees[0];
    let meta = CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: ADMIN.into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    };
    site.store
        .execute::<Directory>(
            host,
            None,
            &DirectoryCommand::NameSubstitute {
                committee_id: committee.id,
                substitution: Substitution {
                    member_id: committee.members[0].id,
                    substitute: Person {
                        name: "Hoàng Thị Mai".into(),
                        email: "mai@tinhdoancaobang.example.vn".into(),
                    },
                    from: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
                    until: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
                },
            },
            &meta,
        )
        .await
        .unwrap();
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
    // 08:00 in Vietnam on Wednesday 1 July 2026, the day after the item (due 30 June)
    // fell due: overdue whatever day the test runs.
    let overdue = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 7, 1, 1, 0, 0).unwrap();
    let report = scheduler.run(overdue, overdue).await.unwrap();
    assert!(report.emails > 0, "{report:?}");

    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let home = admin.get("/home").await;
    assert!(home.body.contains("href=\"/admin\""), "the menu offers it");
    let page = admin.get("/admin").await;
    assert_eq!(page.status, 200, "{}", page.body);
    for expected in [
        "Ban Thường vụ Tỉnh Đoàn Cao Bằng",
        "Cách quyết định: một thành viên đồng ý là đủ",
        "<strong>Nông Văn Bí</strong> <span class=\"badge\">Chủ trì</span>",
        "Nhiệm kỳ: 01/01/2022–nay",
        "Hoàng Thị Mai thay Nông Văn Bí <span class=\"muted\">(04/01/2027–15/01/2027)</span>",
        "<h3>Quy trình chung</h3>",
        "Mọi loại chương trình",
        "<span class=\"muted\">quantri@tinhdoancaobang.example.vn</span>",
        "<span class=\"badge\">Quản trị viên</span> <button type=\"submit\" class=\"link\" aria-label=\"Thu hồi: Quản trị viên, quantri@tinhdoancaobang.example.vn\">",
        "<span class=\"muted\">hoa@tinhdoancaobang.example.vn</span>",
        "<span class=\"badge\">Cán bộ lập kế hoạch</span>",
        "Tổ chức giao lưu doanh nhân trẻ về sản phẩm OCOP",
        "Không có sự kiện nào bị gác lại",
        "Việc cần làm tiếp theo đến hạn · hoa@tinhdoancaobang.example.vn",
        // The reminder rules in force (the default settings).
        "Giờ gửi (Asia/Ho_Chi_Minh): <code>0 0 8 * * Mon-Fri</code>",
        "<strong>Chờ đồng chí cho ý kiến phê duyệt</strong><br><span class=\"muted\">sau 2 ngày chờ, rồi cứ 2 ngày một lần</span>",
        "<strong>Ý kiến phê duyệt đang chậm</strong><br><span class=\"muted\">một lần, sau 5 ngày chờ</span>",
        "<strong>Nhiệm vụ, hồ sơ đến hạn</strong><br><span class=\"muted\">trước hạn 7, 3 và 1 ngày, và một lần khi quá hạn</span>",
        "<strong>Sắp đến kỳ đánh giá thỏa thuận hợp tác</strong><br><span class=\"muted\">trước hạn 90 và 30 ngày</span>",
    ] {
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
    }
    assert!(
        !page.body.contains("an@tinhdoanlaocai") && !page.body.contains(OTHER_ADMIN),
        "nobody of another organisation"
    );
    let english = admin.get("/admin?lang=en").await;
    assert!(english.body.contains("Approval routes"), "{}", english.body);
    assert!(
        english
            .body
            .contains("Tasks and documents due</strong><br><span class=\"muted\">7, 3 and 1 days before, and once when overdue"),
        "{}",
        english.body
    );

    let mut planner = site.visitor();
    planner.sign_in(&site, PLANNER).await;
    assert!(!planner.get("/home").await.body.contains("href=\"/admin\""));
    assert_eq!(planner.get("/admin").await.status, 403, "a planner only");
    let mut stranger = site.visitor();
    stranger.sign_in(&site, OTHER_ADMIN).await;
    let refused = stranger.get(&format!("/admin?organisation={host}")).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let own = stranger.get("/admin").await;
    assert!(!own.body.contains("Hoàng Thị Mai"), "{}", own.body);
}

/// Roles from the page: an administrator gives a newcomer a role (who can then sign in),
/// takes it away again, cannot take away the organisation's last administrator, and
/// cannot touch another organisation's roles.
#[tokio::test]
async fn an_administrator_gives_and_takes_roles_but_never_the_last_administrator() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "bi@tinhdoanlaocai.example.vn")
        .await;
    site.grant(ADMIN, host, AccessRole::Administrator).await;
    let newcomer = "tai@tinhdoancaobang.example.vn";
    let mut admin = site.visitor();
    admin.sign_in(&site, ADMIN).await;
    let page = admin.get("/admin").await;
    let csrf = super::people::Visitor::csrf(&page.body);
    let host_id = host.to_string();
    let given = admin
        .post(
            "/admin/roles/grant",
            &[
                ("csrf", &csrf),
                ("organisation", &host_id),
                ("email", "Tai@TinhDoanCaoBang.example.vn"),
                ("name", "Lương Văn Tài"),
                ("role", "coordinator"),
            ],
        )
        .await;
    assert_eq!(given.status, 303, "{}", given.body);
    let page = admin.get("/admin").await;
    assert!(page.body.contains("Lương Văn Tài"), "{}", page.body);
    assert!(
        page.body.contains(newcomer),
        "the address is kept in lower case"
    );
    let mut tai = site.visitor();
    tai.sign_in(&site, newcomer).await;

    let taken = admin
        .post(
            "/admin/roles/revoke",
            &[
                ("csrf", &csrf),
                ("organisation", &host_id),
                ("email", newcomer),
                ("role", "coordinator"),
            ],
        )
        .await;
    assert_eq!(taken.status, 303, "{}", taken.body);
    assert!(!admin.get("/admin").await.body.contains(newcomer));

    let before = site.events().await;
    let last = admin
        .post(
            "/admin/roles/revoke",
            &[
                ("csrf", &csrf),
                ("organisation", &host_id),
                ("email", ADMIN),
                ("role", "administrator"),
            ],
        )
        .await;
    assert_eq!(last.status, 409, "{}", last.body);
    assert!(
        last.body.contains("quản trị viên cuối cùng"),
        "{}",
        last.body
    );
    assert_eq!(site.events().await, before);

    let elsewhere = admin
        .post(
            "/admin/roles/grant",
            &[
                ("csrf", &csrf),
                ("organisation", &other.to_string()),
                ("email", "ke-la@example.vn"),
                ("name", "Người lạ"),
                ("role", "administrator"),
            ],
        )
        .await;
    assert_eq!(elsewhere.status, 403, "{}", elsewhere.body);
    assert_eq!(site.events().await, before);
}
