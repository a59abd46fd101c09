//! A signed-in person chooses the language of the pages with the header's button: it is
//! remembered on their account, so that every browser they sign in from follows it.

use domain::Lang;
use domain::access::{AccessRole, UserAccount, account_id};

use super::people::Visitor;
use super::serve;

const HOA: &str = "hoa@tinhdoancaobang.example.vn";

#[tokio::test]
async fn the_language_chosen_follows_the_person_to_another_browser() {
    let site = serve(None).await;
    let host = site
        .organisation("Tỉnh Đoàn Cao Bằng", "bi@tinhdoancaobang.example.vn")
        .await;
    site.grant(HOA, host, AccessRole::Planner).await;
    let mut hoa = site.visitor();
    hoa.sign_in(&site, HOA).await;
    let home = hoa.get("/calendar?month=2027-11&lang=vi").await;
    assert!(home.body.contains("<html lang=\"vi\">"), "{}", home.body);
    assert!(home.body.contains("action=\"/language\""), "{}", home.body);
    assert!(
        home.body
            .contains("name=\"back\" value=\"/calendar?month=2027-11\""),
        "the page to come back to, without its lang=: {}",
        home.body
    );
    let csrf = Visitor::csrf(&home.body);

    let forged = hoa.post("/language", &[("lang", "en")]).await;
    assert_eq!(forged.status, 403);
    let chosen = hoa
        .post(
            "/language",
            &[
                ("csrf", &csrf),
                ("lang", "en"),
                ("back", "/calendar?month=2027-11"),
            ],
        )
        .await;
    assert_eq!(chosen.status, 303, "{}", chosen.body);
    assert_eq!(chosen.location(), "/calendar?month=2027-11");
    let english = hoa.get("/home").await;
    assert!(
        english.body.contains("<html lang=\"en\">"),
        "{}",
        english.body
    );
    let account = site
        .store
        .load::<UserAccount>(account_id(HOA))
        .await
        .unwrap();
    assert_eq!(account.state.lang, Some(Lang::En));

    let elsewhere = hoa
        .post(
            "/language",
            &[
                ("csrf", &csrf),
                ("lang", "en"),
                ("back", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(elsewhere.location(), "/home", "never another site");

    let mut phone = site.visitor();
    phone.sign_in(&site, HOA).await;
    let home = phone.get("/home").await;
    assert!(
        home.body.contains("<html lang=\"en\">"),
        "another browser follows the choice: {}",
        home.body
    );
}
