//! The programme and delegation pages link the official documents (docs/documents.md),
//! and the links work in the browser that signed in, for its own organisation only; the
//! follow-up report links its báo cáo kết quả where it is shown and where it is written.

use domain::access::AccessRole;
use serde_json::json;

use super::coordinator::{COORDINATOR, STRANGER, accepted, approved_programme, delegation};
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

/// The paragraph of the page that links the báo cáo kết quả, or nothing.
fn report_link(body: &str) -> Option<&str> {
    let start = body.find("id=\"report-document\"")?;
    let paragraph = &body[start..];
    Some(&paragraph[..paragraph.find("</p>")?])
}

#[tokio::test]
async fn the_report_links_its_document_where_it_is_shown_and_written() {
    let site = serve(None).await;
    let host = site
        .organisation("Thành đoàn Lào Cai", "bi@thanhdoanlaocai.example.vn")
        .await;
    site.grant(COORDINATOR, host, AccessRole::Coordinator).await;
    let programme = approved_programme(
        &site,
        json!({
            "title": "Giao lưu thanh niên biên giới Lào Cai – Hà Khẩu",
            "kind": "reception",
            "host_organisation": "Thành đoàn Lào Cai",
            "host_organisation_id": host,
            "partners": [{"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}],
            "schedule": {"start": "2025-11-20", "end": "2025-11-21", "timezone": "Asia/Ho_Chi_Minh"},
            "objectives": "Giao lưu văn nghệ",
            "expected_delegation_size": 30,
            "coordinator": {"name": "Trương Thị Vân Anh", "email": COORDINATOR}
        }),
    )
    .await;
    let mut vananh = site.visitor();
    vananh.sign_in(&site, COORDINATOR).await;
    let form = format!("/programmes/{programme}/follow-up");
    let page = vananh.get(&form).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(report_link(&page.body).is_none(), "nothing saved yet");

    let mut api = site.setup_api(host).await;
    accepted(
        &mut api,
        &format!("/api/programmes/{programme}/follow-up"),
        json!({
            "outcomes": "Ký kết kế hoạch giao lưu năm 2026.",
            "actual_attendance": 32, "vietnamese_side": 27, "partner_side": 5,
            "gifts": [{"direction": "given", "description": "Tranh sơn mài Sa Pa",
                       "value": {"amount": "6000000", "currency": "VND"}}]
        }),
    )
    .await;
    let link = format!("/api/programmes/{programme}/documents/report");
    // The programme's page shows the report (once the read model has the programme).
    let mut shown = None;
    for _ in 0..50 {
        let page = vananh.get(&format!("/programmes/{programme}")).await;
        if let Some(found) = report_link(&page.body) {
            shown = Some(found.to_owned());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let shown = shown.expect("the programme page links the report's document");
    let written = vananh.get(&form).await;
    let written = report_link(&written.body).expect("the form links the saved report's document");
    for paragraph in [shown.as_str(), written] {
        assert!(
            paragraph.contains(&format!("href=\"{link}\"")),
            "{paragraph}"
        );
        assert!(
            paragraph.contains(&format!("href=\"{link}?format=pdf\"")),
            "{paragraph}"
        );
        assert!(
            paragraph.contains("Tải văn bản Báo cáo kết quả"),
            "{paragraph}"
        );
    }
    assert!(written.contains("theo bản đã lưu"), "{written}");
    let english = vananh
        .get(&format!("/programmes/{programme}?lang=en"))
        .await;
    let english = report_link(&english.body).expect("the link in English");
    assert!(
        english.contains("Download the report of results"),
        "{english}"
    );

    // The document is written from the read model, which may still be catching up.
    for _ in 0..50 {
        let answer = vananh.get(&link).await;
        if answer.status == 200 {
            assert_eq!(answer.headers["content-type"], DOCX);
            return;
        }
        assert_eq!(answer.status, 404, "{}", answer.body);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the report's document never came");
}
