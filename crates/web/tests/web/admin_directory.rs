//! An administrator keeps the standing committees and approval routes from the page: a
//! member with the day their service begins, a substitute for a window of dates, a
//! membership ended, a new committee, a route defined from it and one retired; mistakes
//! are named and append nothing, and nobody else may.

use domain::access::AccessRole;

use super::people::{Answer, Visitor};
use super::{Site, serve};

const ADMIN: &str = "quantri@tinhdoancaobang.example.vn";
const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";

/// The first form action on the page that ends with `suffix`.
fn action(page: &str, suffix: &str) -> String {
    page.split("action=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|action| action.ends_with(suffix))
        .unwrap_or_else(|| panic!("no form posting to …{suffix} in {page}"))
        .to_owned()
}

async fn posted(admin: &mut Visitor, path: &str, form: &[(&str, &str)]) -> String {
    let answer: Answer = admin.post(path, form).await;
    assert_eq!(answer.status, 303, "{path}: {}", answer.body);
    let back = answer.location().to_owned();
    assert!(back.starts_with("/admin?organisation="), "{back}");
    admin.get(&back).await.body
}

async fn admin_of(site: &Site) -> (Visitor, String, String) {
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(ADMIN, host, AccessRole::Administrator).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let mut admin = site.visitor();
    admin.sign_in(site, ADMIN).await;
    let page = admin.get("/admin").await.body;
    let csrf = Visitor::csrf(&page);
    (admin, page, csrf)
}

#[tokio::test]
async fn an_administrator_keeps_committees_and_routes_from_the_page() {
    let site = serve(None).await;
    let (mut admin, page, csrf) = admin_of(&site).await;

    let members = action(&page, "/members");
    let page = posted(
        &mut admin,
        &members,
        &[
            ("csrf", &csrf),
            ("member_name", "Hoàng Thị Hạnh"),
            ("member_email", "hanh@tinhdoancaobang.example.vn"),
            ("member_role", "member"),
            ("member_from", "2026-01-01"),
        ],
    )
    .await;
    assert!(page.contains("Hoàng Thị Hạnh"), "{page}");
    assert!(
        page.contains("01/01/2026–nay") || page.contains("01/01/2026–"),
        "{page}"
    );

    let substitutes = action(&page, "/substitutes");
    let bi = page
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("\">Nông Văn Bí<"))
        .map(|o| o[..o.find('"').unwrap()].to_owned())
        .expect("the chair can be stood in for");
    let page = posted(
        &mut admin,
        &substitutes,
        &[
            ("csrf", &csrf),
            ("stands_in_for", &bi),
            ("substitute_name", "Lý Văn Tùng"),
            ("substitute_email", "tung@tinhdoancaobang.example.vn"),
            ("substitute_from", "01/07/2027"),
            ("substitute_until", "2027-07-31"),
        ],
    )
    .await;
    assert!(page.contains("Lý Văn Tùng"), "{page}");
    assert!(page.contains("01/07/2027–31/07/2027"), "{page}");

    let end = action(&page, "/end");
    let page = posted(
        &mut admin,
        &end,
        &[("csrf", &csrf), ("last_day", "2027-06-30")],
    )
    .await;
    assert!(page.contains("–30/06/2027"), "{page}");

    let committees = action(&page, "/committees");
    let page = posted(
        &mut admin,
        &committees,
        &[
            ("csrf", &csrf),
            ("committee_name", "Thường trực Tỉnh Đoàn Cao Bằng"),
            ("rule", "majority"),
            ("chair_name", "Đàm Văn Khánh"),
            ("chair_email", "khanh@tinhdoancaobang.example.vn"),
            ("chair_from", "2025-10-01"),
        ],
    )
    .await;
    assert!(page.contains("Thường trực Tỉnh Đoàn Cao Bằng"), "{page}");
    assert!(page.contains("Đàm Văn Khánh"), "{page}");

    let standing = page
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("\">Thường trực Tỉnh Đoàn Cao Bằng<"))
        .map(|o| o[..o.find('"').unwrap()].to_owned())
        .expect("the new committee can be a stage");
    let routes = action(&page, "/routes");
    let page = posted(
        &mut admin,
        &routes,
        &[
            ("csrf", &csrf),
            ("route_name", "Quy trình đón đoàn vào"),
            ("kind_reception", "1"),
            ("stage_0", &standing),
            ("stage_1", ""),
            ("stage_2", ""),
        ],
    )
    .await;
    assert!(page.contains("Quy trình đón đoàn vào"), "{page}");

    let retire = action(&page, "/retire");
    let page = posted(&mut admin, &retire, &[("csrf", &csrf)]).await;
    assert!(
        page.matches("/retire\"").count() == 1,
        "one of the two routes is left: {page}"
    );
}

#[tokio::test]
async fn mistakes_are_named_and_nobody_else_may_change_the_directory() {
    let site = serve(None).await;
    let (mut admin, page, csrf) = admin_of(&site).await;
    let members = action(&page, "/members");
    let before = site.events().await;

    let no_day = admin
        .post(
            &members,
            &[
                ("csrf", &csrf),
                ("member_name", "Hoàng Thị Hạnh"),
                ("member_email", "hanh@tinhdoancaobang.example.vn"),
                ("member_role", "member"),
                ("member_from", "31/02/2026"),
            ],
        )
        .await;
    assert_eq!(no_day.status, 422, "{}", no_day.body);
    assert!(
        no_day
            .body
            .contains("Bắt đầu từ ngày: không phải là ngày (ngày/tháng/năm)"),
        "{}",
        no_day.body
    );
    let bad_address = admin
        .post(
            &members,
            &[
                ("csrf", &csrf),
                ("member_name", "Hoàng Thị Hạnh"),
                ("member_email", "không phải địa chỉ"),
                ("member_role", "member"),
                ("member_from", "2026-01-01"),
            ],
        )
        .await;
    assert_eq!(bad_address.status, 422, "{}", bad_address.body);
    assert!(bad_address.body.contains("Chưa thay đổi được danh mục"));
    let forged = admin
        .post(&members, &[("member_name", "Hoàng Thị Hạnh")])
        .await;
    assert_eq!(forged.status, 403);

    let mut planner = site.visitor();
    planner.sign_in(&site, PLANNER).await;
    let home = planner.get("/home").await;
    let refused = planner
        .post(
            &members,
            &[
                ("csrf", &Visitor::csrf(&home.body)),
                ("member_name", "Kẻ Lạ"),
                ("member_email", "la@example.vn"),
                ("member_role", "chair"),
                ("member_from", "2026-01-01"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(site.events().await, before, "nothing was appended");
}
