//! The follow-up report on the programme page: the host's leaders read it, send it back
//! with a comment or accept it (closing the programme); its action items are marked done
//! from beside them; others cannot.

use domain::access::AccessRole;

use super::follow_up::{PLANNER, followed_up};
use super::people::Visitor;
use super::serve;

const LEADER: &str = "bi@tinhdoancaobang.example.vn";

fn hidden(page: &str, form: &str, name: &str) -> String {
    let form_at = page
        .find(form)
        .unwrap_or_else(|| panic!("no {form}: {page}"));
    let marker = format!("name=\"{name}\" value=\"");
    let rest = &page[form_at..];
    let at = rest.find(&marker).unwrap() + marker.len();
    rest[at..at + rest[at..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn leaders_return_then_accept_a_report_and_its_items_are_marked_done_from_the_page() {
    let site = serve(None).await;
    let host = site.organisation("Tỉnh Đoàn Cao Bằng", LEADER).await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    site.grant(LEADER, host, AccessRole::Approver).await;
    let programme = followed_up(&site, host).await;
    let page = format!("/programmes/{programme}");

    let mut hoa = site.visitor();
    hoa.sign_in(&site, PLANNER).await;
    let shown = hoa.get(&page).await;
    assert!(
        shown.body.contains("Ký kết Biên bản ghi nhớ."),
        "{}",
        shown.body
    );
    assert!(
        !shown.body.contains("id=\"accept-report\""),
        "a planner does not review"
    );
    // The planner marks the action item done beside it.
    let csrf = Visitor::csrf(&shown.body);
    let version = hidden(&shown.body, "/status\" class=\"task-status\"", "version");
    let item_form = shown
        .body
        .split("action=\"")
        .find_map(|part| {
            let action = &part[..part.find('"')?];
            action.ends_with("/status").then(|| action.to_owned())
        })
        .unwrap();
    let done = hoa
        .post(
            &item_form,
            &[("csrf", &csrf), ("version", &version), ("status", "done")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let items = hoa.get("/action-items").await;
    assert!(
        !items.body.contains("sản phẩm OCOP"),
        "done items leave the list: {}",
        items.body
    );

    let mut bi = site.visitor();
    bi.sign_in(&site, LEADER).await;
    let shown = bi.get(&page).await;
    assert!(
        shown.body.contains("id=\"accept-report\""),
        "{}",
        shown.body
    );
    let csrf = Visitor::csrf(&shown.body);
    let version = hidden(&shown.body, "id=\"return-report\"", "version");
    let before = site.events().await;
    let empty = bi
        .post(
            &format!("{page}/follow-up/return"),
            &[("csrf", &csrf), ("version", &version), ("comment", "  ")],
        )
        .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert_eq!(
        site.events().await,
        before,
        "a return without a comment records nothing"
    );
    let returned = bi
        .post(
            &format!("{page}/follow-up/return"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("comment", "Đề nghị bổ sung số liệu đại biểu phía bạn."),
            ],
        )
        .await;
    assert_eq!(returned.status, 303, "{}", returned.body);
    let shown = bi.get(&page).await;
    assert!(
        shown
            .body
            .contains("Đề nghị bổ sung số liệu đại biểu phía bạn.")
    );
    assert!(
        !shown.body.contains("id=\"accept-report\""),
        "nothing to accept until resubmitted"
    );

    // The planner submits again; the leader accepts, and the programme is closed.
    let mut api = site.setup_api(host).await;
    let report = domain::followup::report_id_for(programme);
    let again = api
        .post_json(
            &format!("/api/follow-up-reports/{report}/submit"),
            &serde_json::json!({}),
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    let shown = bi.get(&page).await;
    let version = hidden(&shown.body, "id=\"accept-report\"", "version");
    let accepted = bi
        .post(
            &format!("{page}/follow-up/accept"),
            &[("csrf", &csrf), ("version", &version)],
        )
        .await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let shown = bi.get(&page).await;
    assert!(shown.body.contains("status-closed"), "{}", shown.body);

    // The planner may not accept, whatever they post.
    let own = hoa.get(&page).await;
    let refused = hoa
        .post(
            &format!("{page}/follow-up/accept"),
            &[("csrf", &Visitor::csrf(&own.body)), ("version", "9")],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
}
