//! One machine working through guesses or addresses is stopped, and only that machine:
//! clients are told apart by the proxy's `X-Forwarded-For`, as the test app is set up.

use reqwest::StatusCode;
use serde_json::Value;

use super::start;

const GUESSER: &str = "203.0.113.7";
const NEIGHBOUR: &str = "198.51.100.9";

fn from(client: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", client.parse().unwrap());
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_client_guessing_api_tokens_is_stopped_and_then_not_even_checked() {
    let app = start().await;
    let token = testkit::people::api_token(&app.pool, "hoa@example.vn").await;
    let programmes = format!("{}/api/programmes", app.base);
    let mut refused = 0;
    for guess in 0..40 {
        let answer = from(GUESSER)
            .get(&programmes)
            .bearer_auth(format!("caunoi_{guess:064}"))
            .send()
            .await
            .unwrap();
        match answer.status() {
            StatusCode::UNAUTHORIZED => refused += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                let body: Value = answer.json().await.unwrap();
                assert_eq!(body["code"], "too_many_attempts");
                break;
            }
            other => panic!("a guess answered {other}"),
        }
    }
    assert_eq!(
        refused, 21,
        "twenty failures are allowed; the one past them is answered and blocks the client"
    );
    // Even the right token is not checked for the guesser, so a lucky guess tells nothing.
    let right = from(GUESSER)
        .get(&programmes)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS);
    let neighbour = from(NEIGHBOUR)
        .get(&programmes)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(neighbour.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_client_trying_forged_approval_links_is_stopped() {
    let app = start().await;
    let link = |n: usize| {
        format!(
            "{}/approve/0193a5c0-0000-7000-8000-000000000001/forged{n:040}",
            app.base
        )
    };
    for n in 0..21 {
        let answer = from(GUESSER).get(link(n)).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "guess {n}");
    }
    let stopped = from(GUESSER).get(link(21)).send().await.unwrap();
    assert_eq!(stopped.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = stopped.text().await.unwrap();
    assert!(page.contains("Xin đợi một lát"), "{page}");
    let neighbour = from(NEIGHBOUR).get(link(22)).send().await.unwrap();
    assert_eq!(neighbour.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_client_asking_for_many_sign_in_mails_is_stopped() {
    let app = start().await;
    let sign_in = format!("{}/sign-in", app.base);
    for n in 0..30 {
        let answer = from(GUESSER)
            .post(&sign_in)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("email=nguoi{n}%40example.vn"))
            .send()
            .await
            .unwrap();
        assert_ne!(
            answer.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "request {n}"
        );
    }
    let stopped = from(GUESSER)
        .post(&sign_in)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=nguoi30%40example.vn")
        .send()
        .await
        .unwrap();
    assert_eq!(stopped.status(), StatusCode::TOO_MANY_REQUESTS);
    let neighbour = from(NEIGHBOUR)
        .post(&sign_in)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=nguoi31%40example.vn")
        .send()
        .await
        .unwrap();
    assert_ne!(neighbour.status(), StatusCode::TOO_MANY_REQUESTS);
}
