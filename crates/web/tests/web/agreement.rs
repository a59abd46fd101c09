//! An agreement's own page, where the reminders of its reviews lead: the MOU of Cao Bằng
//! and Guangxi for 2023–2027 signed, put into force and reviewed after one year (on
//! 22/3/2024), all from the page's forms; wrong input comes back with its message and
//! records nothing; another organisation's people do not see it.

use domain::access::AccessRole;
use serde_json::json;

use super::coordinator::accepted;
use super::people::Visitor;
use super::serve;

const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const STRANGER: &str = "an@tinhdoanlaocai.example.vn";

fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} on the page: {page}"));
    let rest = &page[at + marker.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[tokio::test]
async fn an_agreement_is_signed_put_into_force_and_reviewed_from_its_page() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "bi@tinhdoanlaocai.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    site.grant(STRANGER, other, AccessRole::Planner).await;
    let mut api = site.setup_api(host).await;
    let drafted = accepted(
        &mut api,
        "/api/agreements",
        json!({
            "title": "Biên bản ghi nhớ hợp tác giữa Tỉnh Đoàn Cao Bằng và Đoàn Thanh niên Quảng Tây giai đoạn 2023 – 2027",
            "parties": [
                {"name": "Tỉnh Đoàn Cao Bằng", "country": "VN", "organisation_id": host},
                {"name": "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây", "country": "CN", "region": "Quảng Tây"}
            ],
            "areas": ["Chuyển đổi số", "Sản phẩm OCOP"],
            "period": {"start": "2023-11-21", "end": "2027-11-20"},
            "review_cadence": {"every": 1, "unit": "year", "before_expiry_days": 30},
            "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
        }),
    )
    .await;
    let id = drafted["id"].as_str().unwrap().to_owned();
    let page = format!("/agreements/{id}");

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let register = hoa.get("/agreements").await;
    assert!(
        register.body.contains(&format!("href=\"{page}\"")),
        "{}",
        register.body
    );
    let shown = hoa.get(&page).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    for expected in [
        "giai đoạn 2023 – 2027",
        "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây",
        "Quảng Tây, Trung Quốc",
        "21/11/2023 – 20/11/2027",
        "Chuyển đổi số; Sản phẩm OCOP",
        "Ghi nhận ký kết",
    ] {
        assert!(shown.body.contains(expected), "{expected}: {}", shown.body);
    }

    // A signing without its place comes back with the message, and nothing is recorded.
    let form = hoa.get(&format!("{page}/sign")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = Visitor::csrf(&form.body);
    let version = hidden(&form.body, "version");
    let before = site.events().await;
    let wrong = hoa
        .post(
            &format!("{page}/sign"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("signed_on", "2023-11-21"),
                ("place", ""),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(wrong.body.contains("aria-invalid"), "{}", wrong.body);
    assert_eq!(site.events().await, before);
    let signed = hoa
        .post(
            &format!("{page}/sign"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("signed_on", "2023-11-21"),
                ("place", "Cao Bằng"),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    assert_eq!(signed.location(), page);

    let shown = hoa.get(&page).await;
    assert!(
        shown.body.contains("21/11/2023 tại Cao Bằng"),
        "{}",
        shown.body
    );
    let activated = hoa
        .post(
            &format!("{page}/activate"),
            &[
                ("csrf", &csrf),
                ("version", &hidden(&shown.body, "version")),
            ],
        )
        .await;
    assert_eq!(activated.status, 303, "{}", activated.body);

    let shown = hoa.get(&page).await;
    let opened = hoa
        .post(
            &format!("{page}/reviews"),
            &[
                ("csrf", &csrf),
                ("version", &hidden(&shown.body, "version")),
            ],
        )
        .await;
    assert_eq!(opened.status, 303, "{}", opened.body);
    let shown = hoa.get(&page).await;
    // A review open already: a refusal of the business, on a page of its own, 422.
    let again = hoa
        .post(&format!("{page}/reviews"), &[("csrf", &csrf)])
        .await;
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(again.body.contains("<h1>"), "{}", again.body);
    assert!(shown.body.contains("Đến hạn: 21/11/2024"), "{}", shown.body);
    let complete = shown
        .body
        .split("href=\"")
        .find_map(|part| {
            let link = &part[..part.find('"')?];
            link.ends_with("/complete").then(|| link.to_owned())
        })
        .unwrap_or_else(|| panic!("a link to record the review: {}", shown.body));
    let form = hoa.get(&complete).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let reviewed = hoa
        .post(
            &complete,
            &[
                ("csrf", &csrf),
                ("version", &hidden(&form.body, "version")),
                ("held_on", "2024-03-22"),
                (
                    "findings",
                    "Sau một năm, hai bên đã tổ chức 3 hoạt động giao lưu thanh niên.\nThống nhất tiếp tục hợp tác về chuyển đổi số.",
                ),
            ],
        )
        .await;
    assert_eq!(reviewed.status, 303, "{}", reviewed.body);
    let shown = hoa.get(&page).await;
    for expected in [
        "Đã rà soát ngày 22/03/2024",
        "tổ chức 3 hoạt động giao lưu thanh niên.\nThống nhất",
        "Chấm dứt thỏa thuận",
    ] {
        assert!(shown.body.contains(expected), "{expected}: {}", shown.body);
    }

    // A stale version is refused with words, not lost.
    let stale = hoa
        .post(
            &format!("{page}/terminate"),
            &[
                ("csrf", &csrf),
                ("version", "1"),
                ("terminated_on", "2024-04-01"),
                ("reason", "Thử"),
            ],
        )
        .await;
    assert_eq!(stale.status, 422, "{}", stale.body);

    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    assert_eq!(an.get(&page).await.status, 403);
    let forged = an
        .post(
            &format!("{page}/terminate"),
            &[("terminated_on", "2024-04-01"), ("reason", "x")],
        )
        .await;
    assert_eq!(forged.status, 403);
}
