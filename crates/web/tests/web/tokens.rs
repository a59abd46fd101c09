//! The token page: a signed-in person makes a token, sees it once, uses it with the API,
//! sees when it was last used, and revokes it.

use domain::access::AccessRole;

use super::people::Visitor;
use super::serve;

const PLANNER: &str = "hoa@tinhdoancaobang.example.vn";

#[tokio::test]
async fn a_person_makes_uses_and_revokes_a_token_on_the_page() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(PLANNER, host, AccessRole::Planner).await;
    let mut hoa = site.visitor();
    assert_eq!(
        hoa.get("/tokens").await.location(),
        "/sign-in",
        "signed-in people only"
    );
    hoa.sign_in(&site, PLANNER).await;

    let page = hoa.get("/tokens").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Khoá API"), "{}", page.body);
    let csrf = Visitor::csrf(&page.body);

    // Refused input is named, and what was typed stays.
    let refused = hoa
        .post(
            "/tokens",
            &[("csrf", &csrf), ("label", "báo cáo đêm"), ("days", "9999")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"token-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"báo cáo đêm\""),
        "{}",
        refused.body
    );
    let forged = hoa
        .post(
            "/tokens",
            &[("csrf", "giả"), ("label", "x"), ("days", "30")],
        )
        .await;
    assert_eq!(forged.status, 403, "a form without the page's CSRF token");

    let made = hoa
        .post(
            "/tokens",
            &[("csrf", &csrf), ("label", "báo cáo đêm"), ("days", "30")],
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let at = made.body.find("caunoi_").expect("the token is shown once");
    let token = made.body[at..at + "caunoi_".len() + 64].to_owned();

    let mut script = site.visitor();
    script.bearer = Some(format!("Bearer {token}"));
    assert_eq!(
        script.get("/api/programmes").await.status,
        200,
        "the token works"
    );

    let listed = hoa.get("/tokens").await;
    assert!(listed.body.contains("báo cáo đêm"), "{}", listed.body);
    assert!(
        !listed.body.contains(&token),
        "the list never shows the token again"
    );
    assert!(!listed.body.contains("chưa dùng"), "its last use is shown");
    let revoke_at = listed.body.find("/revoke\"").expect("a revoke button");
    let action_start = listed.body[..revoke_at].rfind("/tokens/").unwrap();
    let revoke = format!("{}/revoke", &listed.body[action_start..revoke_at]);
    let done = hoa.post(&revoke, &[("csrf", &csrf)]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        script.get("/api/programmes").await.status,
        401,
        "a revoked token"
    );
    assert!(hoa.get("/tokens").await.body.contains("Đã thu hồi"));

    // Nobody revokes another person's token.
    let again = hoa.post(&revoke, &[("csrf", &csrf)]).await;
    assert_eq!(again.status, 404, "{}", again.body);
}
