//! What falls due, on the pages as the JSON API lists it: agreements whose review or end
//! is near on `/agreements`, follow-up reports on `/action-items`; and sending an open
//! approval stage's links again from the programme page.

use domain::access::AccessRole;
use serde_json::{Value, json};
use uuid::Uuid;

use super::coordinator::{accepted, approved_programme};
use super::people::Visitor;
use super::{Site, serve, serve_everything};

const APPROVER: &str = "bi@tinhdoancaobang.example.vn";
const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";
const COORDINATOR: &str = "lan@tinhdoancaobang.example.vn";
const OUTSIDER: &str = "an@tinhdoanlaocai.example.vn";

/// The part of `page` in the element with `id`, up to the end of its section; empty when
/// the page has none.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let Some(at) = page.find(&format!("id=\"{id}\"")) else {
        return "";
    };
    let rest = &page[at..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// A signed agreement of `organisation` in force from `start` to `end`, reviewed yearly
/// and 30 days before it ends; answers its id.
async fn signed_agreement(
    api: &mut Visitor,
    organisation: Uuid,
    title: &str,
    start: &str,
    end: &str,
) -> String {
    let agreement = accepted(
        api,
        "/api/agreements",
        json!({
            "title": title,
            "parties": [
                {"name": "Tỉnh Đoàn", "country": "VN", "organisation_id": organisation},
                {"name": "Đoàn Thanh niên Khu tự trị dân tộc Choang Quảng Tây", "country": "CN", "region": "Quảng Tây"}
            ],
            "areas": ["Chuyển đổi số"],
            "period": {"start": start, "end": end},
            "review_cadence": {"every": 1, "unit": "year", "before_expiry_days": 30},
            "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
        }),
    )
    .await;
    let id = agreement["id"].as_str().unwrap().to_string();
    accepted(
        api,
        &format!("/api/agreements/{id}/sign"),
        json!({"expected_version": 1, "signed_on": start, "place": "Cao Bằng"}),
    )
    .await;
    id
}

#[tokio::test]
async fn the_agreements_page_shows_the_reviews_due_and_the_agreements_ending_of_the_chosen_organisation()
 {
    // Today is 2 June 2026 in the scenario; the look-ahead reaches 2 July.
    let site = serve(None).await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", APPROVER).await;
    let other = site.organisation("Tỉnh Đoàn Lào Cai", OUTSIDER).await;
    let quiet = site.organisation("Tỉnh Đoàn Hà Giang", OUTSIDER).await;
    for organisation in [host, other, quiet] {
        site.grant(PLANNER, organisation, AccessRole::Planner).await;
    }
    let mut api = site.setup_api(host).await;
    let ending = signed_agreement(
        &mut api,
        host,
        "Thỏa thuận giao lưu thanh niên biên giới 2024 – 2026",
        "2024-06-15",
        "2026-06-20",
    )
    .await;
    let later = signed_agreement(
        &mut api,
        host,
        "Biên bản ghi nhớ về khởi nghiệp 2026 – 2029",
        "2026-05-01",
        "2029-04-30",
    )
    .await;
    let mut other_api = site.setup_api(other).await;
    let theirs = signed_agreement(
        &mut other_api,
        other,
        "Thỏa thuận của Lào Cai với Vân Nam",
        "2024-06-15",
        "2026-06-25",
    )
    .await;

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let page = hoa.get(&format!("/agreements?organisation={host}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let reviews = section(&page.body, "reviews-due");
    let expiring = section(&page.body, "expiring");
    assert!(reviews.contains("Sắp đến kỳ rà soát"), "{}", page.body);
    assert!(expiring.contains("Sắp hết hiệu lực"), "{}", page.body);
    for part in [reviews, expiring] {
        assert!(
            part.contains(&format!("href=\"/agreements/{ending}\"")),
            "{part}"
        );
        assert!(!part.contains(&later), "not due yet: {part}");
        assert!(!part.contains(&theirs), "another organisation's: {part}");
    }
    assert!(expiring.contains("20/06/2026"), "{expiring}");
    // Both are still in the register below.
    assert!(page.body.contains(&format!("href=\"/agreements/{later}\"")));

    let page = hoa.get(&format!("/agreements?organisation={other}")).await;
    let expiring = section(&page.body, "expiring");
    assert!(
        expiring.contains(&format!("href=\"/agreements/{theirs}\"")),
        "{}",
        page.body
    );
    assert!(!expiring.contains(&ending), "{expiring}");

    let page = hoa.get(&format!("/agreements?organisation={quiet}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(!page.body.contains("id=\"reviews-due\""), "{}", page.body);
    assert!(!page.body.contains("id=\"expiring\""), "{}", page.body);
}

fn plan(title: &str, host: Uuid, host_name: &str, start: &str, end: &str) -> Value {
    json!({
        "title": title,
        "kind": "reception",
        "host_organisation": host_name,
        "host_organisation_id": host,
        "partners": [{"name": "Đoàn Thanh niên Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
        "schedule": {"start": start, "end": end, "timezone": "Asia/Ho_Chi_Minh"},
        "objectives": "Tăng cường hữu nghị",
        "expected_delegation_size": 20,
        "coordinator": {"name": "Nông Thị Hoa", "email": PLANNER}
    })
}

#[tokio::test]
async fn the_action_items_page_shows_the_reports_falling_due_of_the_chosen_organisation() {
    let site = serve(None).await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", APPROVER).await;
    let other = site.organisation("Tỉnh Đoàn Lào Cai", OUTSIDER).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let name = "Tỉnh Đoàn Cao Bằng";
    // Ended on 20 May: its report is due on 4 June (15 days on), not yet overdue.
    let recent = approved_programme(
        &site,
        plan(
            "Giao lưu thanh niên tháng Năm",
            host,
            name,
            "2026-05-18",
            "2026-05-20",
        ),
    )
    .await;
    // Ended on 1 April: due on 16 April, overdue.
    let late = approved_programme(
        &site,
        plan(
            "Hội thảo khởi nghiệp tháng Tư",
            host,
            name,
            "2026-03-30",
            "2026-04-01",
        ),
    )
    .await;
    // Not ended yet.
    let coming = approved_programme(
        &site,
        plan(
            "Trại hè thanh niên biên giới",
            host,
            name,
            "2026-08-01",
            "2026-08-05",
        ),
    )
    .await;
    let theirs = approved_programme(
        &site,
        plan(
            "Giao lưu của Lào Cai",
            other,
            "Tỉnh Đoàn Lào Cai",
            "2026-05-10",
            "2026-05-12",
        ),
    )
    .await;

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let page = hoa.get(&format!("/action-items?organisation={host}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let due = section(&page.body, "reports-due");
    assert!(due.contains("Báo cáo kết quả sắp đến hạn"), "{}", page.body);
    for programme in [recent, late] {
        assert!(
            due.contains(&format!("href=\"/programmes/{programme}/follow-up\"")),
            "{due}"
        );
    }
    assert!(due.contains("04/06/2026"), "{due}");
    assert!(due.contains("16/04/2026"), "{due}");
    assert_eq!(
        due.matches("Đã quá hạn").count(),
        1,
        "only the late one: {due}"
    );
    assert!(!due.contains(&coming.to_string()), "not ended: {due}");
    assert!(
        !due.contains(&theirs.to_string()),
        "another organisation's: {due}"
    );
}

/// A programme of `host` submitted through the API, whose first stage's link the
/// approval process has mailed to the approver; answers its id and that link.
async fn submitted(site: &Site, host: Uuid) -> (Uuid, String) {
    let mut api = site.setup_api(host).await;
    let programme = accepted(
        &mut api,
        "/api/programmes",
        plan(
            "Đón đoàn Đoàn Thanh niên Quảng Tây thăm Cao Bằng",
            host,
            "Tỉnh Đoàn Cao Bằng",
            "2027-11-21",
            "2027-11-23",
        ),
    )
    .await;
    let id: Uuid = programme["id"].as_str().unwrap().parse().unwrap();
    accepted(&mut api, &format!("/api/programmes/{id}/submit"), json!({})).await;
    let link = site.mailed_link(APPROVER, "/approve/").await;
    (id, link)
}

/// The resend form's action on a programme page, when there is one.
fn resend_action(page: &str) -> Option<String> {
    let end = page.find("/resend\"")?;
    let start = page[..end].rfind("action=\"")? + "action=\"".len();
    Some(page[start..end + "/resend".len()].to_string())
}

#[tokio::test]
async fn a_planner_sends_the_undecided_approvers_a_new_link_from_the_programme_page() {
    let site = serve_everything().await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", APPROVER).await;
    site.grant(APPROVER, host, AccessRole::Approver).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let (id, first) = submitted(&site, host).await;

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let page = hoa.get(&format!("/programmes/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Gửi lại thư mời cho người chưa cho ý kiến"),
        "{}",
        page.body
    );
    let action = resend_action(&page.body).expect("the resend form");
    assert!(
        action.starts_with(&format!("/programmes/{id}/approvals/")),
        "{action}"
    );
    let seen = site.mails_to(APPROVER);
    let csrf = Visitor::csrf(&page.body);
    let sent = hoa.post(&action, &[("csrf", &csrf)]).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(sent.location(), format!("/programmes/{id}#approvals"));
    let again = site.mailed_link_after(APPROVER, "/approve/", seen).await;
    assert!(site.mails_to(APPROVER) > seen);
    assert_ne!(again, first, "a new link, not the old one again");

    // Without the form's token nothing is sent.
    let forged = hoa.post(&action, &[("csrf", "forged")]).await;
    assert_eq!(forged.status, 403, "{}", forged.body);
}

#[tokio::test]
async fn those_who_may_not_manage_the_programme_neither_see_nor_use_the_resend_button() {
    let site = serve_everything().await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", APPROVER).await;
    let other = site.organisation("Tỉnh Đoàn Lào Cai", OUTSIDER).await;
    site.grant(APPROVER, host, AccessRole::Approver).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    site.grant(OUTSIDER, other, AccessRole::Planner).await;
    let (id, _) = submitted(&site, host).await;

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let page = hoa.get(&format!("/programmes/{id}")).await;
    let action = resend_action(&page.body).expect("the resend form");
    let seen = site.mails_to(APPROVER);

    let mut lan = site.visitor();
    lan.sign_in(&site, COORDINATOR).await;
    let page = lan.get(&format!("/programmes/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(resend_action(&page.body).is_none(), "{}", page.body);
    let refused = lan
        .post(&action, &[("csrf", &Visitor::csrf(&page.body))])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    let mut an = site.visitor();
    an.sign_in(&site, OUTSIDER).await;
    let home = an.get("/home").await;
    let refused = an
        .post(&action, &[("csrf", &Visitor::csrf(&home.body))])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(site.mails_to(APPROVER), seen, "nothing was sent again");
}
