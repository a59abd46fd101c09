//! The page an approver opens from their email.

use super::{assert_protected, serve};

const COMMENT: &str = "Đồng ý, đề nghị chuẩn bị kỹ phần phiên dịch.";

#[tokio::test]
async fn opening_a_link_shows_the_plan_records_nothing_and_speaks_the_approvers_language() {
    let site = serve(None).await;
    let path = site.round_with_link().await;
    let before = site.events().await;

    let (status, headers, page) = site.get(&path, None).await;
    assert_eq!(status, 200, "{page}");
    assert_protected(&headers);
    assert!(page.contains("Xác nhận ý kiến"), "{page}");
    assert!(page.contains("Hội nghị trực tuyến Đoàn Thanh niên 4 tỉnh biên giới và Quảng Tây"));
    assert!(page.contains("Ban Thường vụ Tỉnh Đoàn Cao Bằng"));
    let (_, _, english) = site.get(&format!("{path}?lang=en"), None).await;
    assert!(english.contains("Confirm my decision"), "{english}");
    let (_, _, browser) = site.get(&path, Some("en-US,en;q=0.8")).await;
    assert!(
        browser.contains("Xác nhận ý kiến"),
        "Vietnamese whatever the browser prefers: {browser}"
    );
    let (_, _, chosen) = site.get(&format!("{path}?lang=vi"), Some("en")).await;
    assert!(
        chosen.contains("Xác nhận ý kiến"),
        "?lang wins over the browser"
    );
    assert_eq!(site.events().await, before, "GETs append nothing");

    // Only the deliberate press of the button records the decision.
    let response = site
        .client
        .post(format!("{}{path}", site.base))
        .form(&[("choice", "approve"), ("note", COMMENT)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_protected(response.headers());
    let recorded = response.text().await.unwrap();
    assert!(recorded.contains("Đã ghi nhận ý kiến"), "{recorded}");
    // A comment typed with an approval is kept, not thrown away.
    assert!(recorded.contains(COMMENT), "{recorded}");
    assert!(site.events().await > before);

    // The only member's approval decided the round: the link now says it was recorded.
    let (status, _, page) = site.get(&path, None).await;
    assert_eq!(status, 409);
    assert!(page.contains("đã được ghi nhận"), "{page}");
}

#[tokio::test]
async fn a_forged_link_is_not_found_and_appends_nothing() {
    let site = serve(None).await;
    let path = site.round_with_link().await;
    let before = site.events().await;
    let forged = format!("{}{}", &path[..path.len() - 4], "AAAA");
    let (status, headers, page) = site.get(&forged, None).await;
    assert_eq!(status, 404);
    assert_protected(&headers);
    assert!(page.contains("Đường liên kết này không hợp lệ"), "{page}");
    assert_eq!(site.events().await, before);
}

/// axum answers a body it cannot read in plain English; the approver gets the page's
/// language and words instead, and nothing is recorded.
#[tokio::test]
async fn a_decision_that_cannot_be_read_is_answered_in_words_and_records_nothing() {
    let site = serve(None).await;
    let path = site.round_with_link().await;
    let before = site.events().await;
    let url = format!("{}{path}", site.base);
    let wrong_type = site
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .body("choice=approve")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status().as_u16(), 415);
    let page = wrong_type.text().await.unwrap();
    assert!(page.contains("Không đọc được ý kiến gửi lên"), "{page}");
    assert!(page.contains("<html lang=\"vi\">"), "{page}");

    let long = format!("choice=approve&note={}", "a".repeat(3 * 1024 * 1024));
    let too_large = site
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(long)
        .send()
        .await
        .unwrap();
    assert_eq!(too_large.status().as_u16(), 413);
    let page = too_large.text().await.unwrap();
    assert!(page.contains("Ý kiến gửi lên quá dài"), "{page}");
    assert_eq!(site.events().await, before);
}
