//! The follow-up pages: the agreements register, the action items of the organisation's
//! programmes, and the yearly figures with their chart; another organisation is refused.

use domain::access::AccessRole;
use serde_json::json;

use super::coordinator::{accepted, approved_programme};
use super::{Site, serve};
use uuid::Uuid;

pub const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const STRANGER: &str = "an@tinhdoanlaocai.example.vn";

/// An agreement of `host`, signed, and a programme of `host` held and reported on with
/// one action item owned by the planner; answers the programme's id.
pub async fn followed_up(site: &Site, host: Uuid) -> Uuid {
    let mut api = site.setup_api(host).await;
    let agreement = accepted(
        &mut api,
        "/api/agreements",
        json!({
            "title": "Biên bản ghi nhớ hợp tác với Đoàn Thanh niên Quảng Tây giai đoạn 2023 – 2026",
            "parties": [
                {"name": "Tỉnh Đoàn Cao Bằng", "country": "VN", "organisation_id": host},
                {"name": "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây", "country": "CN", "region": "Quảng Tây"}
            ],
            "areas": ["Chuyển đổi số"],
            "period": {"start": "2023-11-21", "end": "2026-11-20"},
            "review_cadence": {"every": 1, "unit": "year", "before_expiry_days": 30},
            "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
        }),
    )
    .await;
    let id = agreement["id"].as_str().unwrap();
    accepted(
        &mut api,
        &format!("/api/agreements/{id}/sign"),
        json!({"expected_version": 1, "signed_on": "2023-11-21", "place": "Cao Bằng"}),
    )
    .await;
    let programme = approved_programme(
        site,
        json!({
            "title": "Hội nghị trực tuyến Đoàn Thanh niên 4 tỉnh biên giới và Quảng Tây",
            "kind": "reception",
            "host_organisation": "Tỉnh Đoàn Cao Bằng",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
            "schedule": {"start": "2025-11-21", "end": "2025-11-21", "timezone": "Asia/Ho_Chi_Minh"},
            "objectives": "Ký kết",
            "expected_delegation_size": 40,
            "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
        }),
    )
    .await;
    let report = accepted(
        &mut api,
        &format!("/api/programmes/{programme}/follow-up"),
        json!({
            "outcomes": "Ký kết Biên bản ghi nhớ.",
            "actual_attendance": 52,
            "partners_met": ["Đoàn Thanh niên Quảng Tây"],
            "action_items": [{
                "title": "Tổ chức giao lưu doanh nhân trẻ về sản phẩm OCOP",
                "owner": {"name": "Nông Thị Hoa", "email": PLANNER},
                "due_on": "2026-06-30"
            }]
        }),
    )
    .await;
    let report = report["id"].as_str().unwrap();
    accepted(
        &mut api,
        &format!("/api/follow-up-reports/{report}/submit"),
        json!({}),
    )
    .await;

    programme
}

#[tokio::test]
async fn the_follow_up_pages_show_agreements_action_items_and_figures_of_ones_organisation() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    let other = site
        .organisation("Tỉnh Đoàn Lào Cai", "bi@tinhdoanlaocai.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    site.grant(STRANGER, other, AccessRole::Planner).await;
    let programme = followed_up(&site, host).await;

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let home = hoa.get("/home").await;
    for link in ["/agreements", "/action-items", "/figures"] {
        assert!(home.body.contains(&format!("href=\"{link}\"")), "{link}");
    }
    let agreements = hoa.get("/agreements").await;
    assert_eq!(agreements.status, 200, "{}", agreements.body);
    for expected in [
        "Biên bản ghi nhớ hợp tác với Đoàn Thanh niên Quảng Tây",
        "Đang có hiệu lực",
        "Ngày ký: 21/11/2023",
        "Hết hiệu lực: 20/11/2026",
        "Kỳ rà soát tới: 21/11/2024",
    ] {
        assert!(
            agreements.body.contains(expected),
            "{expected}: {}",
            agreements.body
        );
    }
    let items = hoa.get("/action-items").await;
    assert_eq!(items.status, 200, "{}", items.body);
    for expected in [
        "Tổ chức giao lưu doanh nhân trẻ về sản phẩm OCOP",
        "Chưa thực hiện",
        "Hạn: 30/06/2026",
        &format!("/programmes/{programme}"),
    ] {
        assert!(items.body.contains(expected), "{expected}: {}", items.body);
    }
    let figures = hoa.get("/figures").await;
    assert_eq!(figures.status, 200, "{}", figures.body);
    assert!(figures.body.contains("<svg"), "{}", figures.body);
    assert!(
        figures.body.contains(
            "<tr><td>2025</td><td>1</td><td>1</td><td>52</td>\
                 <td></td><td></td><td></td><td><a href="
        ),
        "{}",
        figures.body
    );
    // Each year's printable review, and the figures for Excel, are a click away.
    let review = format!("/organisations/{host}/annual-review/2025");
    assert!(figures.body.contains(&review), "{}", figures.body);
    let printed = hoa.get(&review).await;
    assert_eq!(printed.status, 200, "{}", printed.body);
    assert!(printed.body.contains("2025"), "{}", printed.body);
    // Through the helper that undoes both escapes of `&`: with `&#38;` left in, the
    // query was cut at `#` and only the organisation was asked for.
    let csv = link(&figures.body, "figures-csv");
    let table = hoa.get(&csv).await;
    assert_eq!(table.status, 200, "{csv}: {}", table.body);
    assert!(table.body.contains("2025"), "{}", table.body);
    let english = hoa.get("/figures?lang=en").await;
    assert!(english.body.contains("Delegates by year"));

    let mut an = site.visitor();
    an.sign_in(&site, STRANGER).await;
    let theirs = an.get("/agreements").await;
    assert!(
        !theirs.body.contains("Quảng Tây giai đoạn"),
        "{}",
        theirs.body
    );
    let none = an.get("/action-items").await;
    assert!(!none.body.contains("OCOP"), "{}", none.body);
    for page in ["/agreements", "/action-items", "/figures"] {
        let refused = an.get(&format!("{page}?organisation={host}")).await;
        assert_eq!(refused.status, 403, "{page}: {}", refused.body);
    }
}

/// The `href` of the link with this id, as a path to ask for.
fn link(body: &str, id: &str) -> String {
    body.split(&format!("id=\"{id}\""))
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("a link {id}: {body}"))
        .replace("&amp;", "&")
        .replace("&#38;", "&")
}

#[tokio::test]
async fn the_figures_page_shows_any_period_and_its_links_carry_it() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let other = site
        .organisation("Tỉnh Đoàn Hà Giang", "bi@tinhdoanhagiang.example.vn")
        .await;
    site.grant(PLANNER, other, AccessRole::Planner).await;
    // Held on 21/11/2025, 52 delegates; the scenario's today is 2 June 2026.
    followed_up(&site, host).await;
    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;

    // By default the ten years up to this one, in two date fields a phone can pick from.
    let default = hoa.get("/figures").await;
    assert_eq!(default.status, 200, "{}", default.body);
    for expected in [
        "type=\"date\" id=\"period-from\" name=\"from\" value=\"2017-01-01\"",
        "type=\"date\" id=\"period-to\" name=\"to\" value=\"2026-12-31\"",
        "<tr><td>2017</td>",
    ] {
        assert!(
            default.body.contains(expected),
            "{expected}: {}",
            default.body
        );
    }
    assert_eq!(
        link(&default.body, "figures-csv"),
        format!("/api/figures.csv?organisation={host}&from=2017&to=2026")
    );

    // Up to the day before the programme: nothing; from its first day: counted.
    let before = hoa.get("/figures?from=2025-01-01&to=2025-11-20").await;
    assert!(
        before
            .body
            .contains("<tr><td>2025</td><td>0</td><td>0</td><td>0</td>"),
        "{}",
        before.body
    );
    let from_it = hoa.get("/figures?from=2025-11-21&to=2026-06-30").await;
    assert!(
        from_it
            .body
            .contains("<tr><td>2025</td><td>1</td><td>1</td><td>52</td>"),
        "{}",
        from_it.body
    );
    assert!(from_it.body.contains("<tr><td>2026</td><td>0</td>"));
    assert!(!from_it.body.contains("<tr><td>2024</td>"));
    assert!(from_it.body.contains("value=\"2025-11-21\""));
    assert!(
        from_it
            .body
            .contains("Số đại biểu theo năm, từ 21/11/2025 đến 30/06/2026"),
        "{}",
        from_it.body
    );
    let csv = link(&from_it.body, "figures-csv");
    assert_eq!(
        csv,
        format!("/api/figures.csv?organisation={host}&from=2025-11-21&to=2026-06-30")
    );
    // Her other organisation's figures are one link away, over the same period.
    let unescaped = from_it.body.replace("&#38;", "&").replace("&amp;", "&");
    assert!(
        unescaped.contains(&format!(
            "href=\"/figures?from=2025-11-21&to=2026-06-30&organisation={other}\""
        )),
        "{}",
        from_it.body
    );
    let table = hoa.get(&csv).await;
    assert_eq!(table.status, 200, "{csv}: {}", table.body);
    assert!(
        table
            .body
            .ends_with("Tổng cộng (Từ 21/11/2025 đến 30/06/2026),1,1,52,,,52,,,,\n"),
        "{}",
        table.body
    );
    let svg = link(&from_it.body, "figures-svg");
    assert_eq!(
        svg,
        format!("/api/figures.svg?organisation={host}&from=2025-11-21&to=2026-06-30")
    );
    let chart = hoa.get(&svg).await;
    assert_eq!(chart.status, 200, "{svg}: {}", chart.body);
    assert!(chart.body.starts_with("<svg"), "{}", chart.body);

    // A day nobody could mean is said, and the ten years are shown instead.
    let wrong = hoa.get("/figures?from=2025-02-30&to=2025-12-31").await;
    assert_eq!(wrong.status, 200, "{}", wrong.body);
    assert!(
        wrong
            .body
            .contains("Từ ngày: Ngày phải có dạng NNNN-TT-NN, ví dụ 2023-11-21."),
        "{}",
        wrong.body
    );
    assert!(wrong.body.contains("value=\"2017-01-01\""));

    // The printable review of the year draws its chart inline.
    let review = hoa
        .get(&format!("/organisations/{host}/annual-review/2025"))
        .await;
    assert_eq!(review.status, 200, "{}", review.body);
    assert!(review.body.contains("<svg"), "{}", review.body);
    assert!(review.body.contains(">T11: 52<"), "{}", review.body);
}
