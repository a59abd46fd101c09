//! The programme and delegation pages link the official documents (docs/documents.md),
//! and the links work in the browser that signed in, for its own organisation only.

use domain::access::AccessRole;

use super::coordinator::{COORDINATOR, STRANGER, delegation};
use super::serve;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[tokio::test]
async fn the_pages_link_the_documents_and_the_links_work_in_the_browser() {
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
    let page = vananh.get(&format!("/programmes/{programme}")).await;
    for kind in ["proposal", "plan", "reply-letter-zh"] {
        let link = format!("/api/programmes/{programme}/documents/{kind}");
        assert!(page.body.contains(&link), "{link} in {}", page.body);
        assert!(
            page.body.contains(&format!("{link}?format=pdf")),
            "{link} as PDF"
        );
    }
    assert!(
        !page.body.contains("/documents/report"),
        "no report begun, no report to download"
    );
    let page = vananh.get(&format!("/delegations/{id}")).await;
    for kind in ["decision", "delegation-list-zh", "itinerary-zh"] {
        let link = format!("/api/delegations/{id}/documents/{kind}");
        assert!(page.body.contains(&link), "{link} in {}", page.body);
    }

    let decision = format!("/api/delegations/{id}/documents/decision");
    let answer = vananh.get(&decision).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.headers["content-type"], DOCX);

    let mut stranger = site.visitor();
    stranger.sign_in(&site, STRANGER).await;
    assert_eq!(stranger.get(&decision).await.status, 403);
    let proposal = format!("/api/programmes/{programme}/documents/proposal");
    assert_eq!(stranger.get(&proposal).await.status, 403);
}
