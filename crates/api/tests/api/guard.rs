//! The guard in front of every route, tried as an attacker would: no credentials, a forged,
//! expired or revoked token, a person of another organisation, a role that does not allow
//! the action, and a request sent from another site. Each refusal appends nothing.

use chrono::{Duration, Utc};
use compose::rules::{Guard, ROUTES};
use domain::access::AccessRole;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{App, client_of, start};

/// `path` with each `{parameter}` filled in: an address for `{email}`, an id otherwise.
fn concrete(path: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').expect("a closed parameter") + open;
        out.push_str(&rest[..open]);
        out.push_str(match &rest[open + 1..close] {
            "email" => "hoa@example.vn",
            _ => "0193a5c0-0000-7000-8000-000000000001",
        });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A person holding `role` in a new organisation of their own, or in `organisation`;
/// their client, acting through an API token.
async fn person(
    app: &App,
    email: &str,
    role: AccessRole,
    organisation: Option<Uuid>,
) -> reqwest::Client {
    let organisation = match organisation {
        Some(id) => id,
        None => testkit::people::organisation(&app.store, "Tỉnh Đoàn Điện Biên").await,
    };
    person_in(app, email, role, organisation).await
}

/// A person holding `role` in `organisation`; their client.
async fn person_in(
    app: &App,
    email: &str,
    role: AccessRole,
    organisation: Uuid,
) -> reqwest::Client {
    testkit::people::grant(&app.store, email, "Sùng Mí Chá", organisation, &[role]).await;
    client_of(&testkit::people::bearer(&app.pool, email).await)
}

async fn answer(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn every_guarded_route_refuses_anyone_not_signed_in() {
    let app = start().await;
    let before = app.events().await;
    let anonymous = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    let mut tried = 0;
    for (method, path, guard) in ROUTES {
        if *guard == Guard::Open {
            continue;
        }
        let url = format!("{}{}", app.base, concrete(path));
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = anonymous
            .request(method.clone(), &url)
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let status = response.status();
        if path.starts_with("/api/") {
            let body: Value = response.json().await.unwrap_or(Value::Null);
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}: {body}");
            assert_eq!(body["code"], "sign_in_required", "{method} {path}");
        } else if method == reqwest::Method::GET {
            assert_eq!(status, StatusCode::SEE_OTHER, "{method} {path}");
            assert_eq!(
                response.headers()["location"],
                "/sign-in",
                "{method} {path}"
            );
        } else {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
        }
        tried += 1;
    }
    assert!(tried > 80, "every guarded route was tried: {tried}");
    assert_eq!(
        app.events().await,
        before,
        "no refused request appended anything"
    );
}

#[tokio::test]
async fn forged_expired_and_revoked_tokens_are_refused() {
    let app = start().await;
    let forged = client_of(&format!("Bearer caunoi_{}", "ab".repeat(32)));
    let (status, body) = answer(
        forged
            .get(format!("{}/api/programmes", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::UNAUTHORIZED, json!("sign_in_required"))
    );

    let expired = identity::tokens::create(
        &app.pool,
        Uuid::now_v7(),
        super::TESTER,
        "hết hạn",
        Utc::now() - Duration::minutes(1),
    )
    .await
    .unwrap();
    let (status, _) = answer(
        client_of(&format!("Bearer {}", expired.secret))
            .get(format!("{}/api/programmes", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "an expired token");

    let (status, made) = app
        .post("/api/tokens", json!({"label": "báo cáo đêm", "days": 30}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let own = client_of(&format!("Bearer {}", made["token"].as_str().unwrap()));
    let (status, _) = answer(
        own.get(format!("{}/api/programmes", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the new token works");
    let (status, body) = app
        .post(
            &format!("/api/tokens/{}/revoke", made["id"].as_str().unwrap()),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = answer(
        own.get(format!("{}/api/programmes", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a revoked token");
}

#[tokio::test]
async fn a_person_of_another_organisation_neither_sees_nor_changes_a_programme() {
    let app = start().await;
    let id = app.create().await;
    // Điện Biên neither hosts nor co-organises it.
    let outsider = person(
        &app,
        "lo.vt@tinhdoandienbien.example.vn",
        AccessRole::Administrator,
        None,
    )
    .await;
    let before = app.events().await;
    for (method, path) in [
        ("GET", format!("/api/programmes/{id}")),
        ("GET", format!("/api/programmes/{id}/history")),
        ("POST", format!("/api/programmes/{id}/submit")),
        ("POST", format!("/api/programmes/{id}/cancel")),
        ("POST", format!("/api/programmes/{id}/delegations")),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let (status, body) = answer(
            outsider
                .request(method.clone(), format!("{}{path}", app.base))
                .json(&json!({"reason": "thử", "name": "Đoàn", "direction": "outgoing"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {body}");
        assert_eq!(body["code"], "not_your_organisation", "{method} {path}");
    }
    assert_eq!(app.events().await, before, "nothing was appended");

    // Drafting for an organisation one holds no role in is refused by the use case.
    let (status, body) = answer(
        outsider
            .post(format!("{}/api/programmes", app.base))
            .json(&app.plan())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["fields"][0]["field"], "host_organisation_id", "{body}");
    assert_eq!(body["fields"][0]["code"], "not_your_organisation", "{body}");
    assert_eq!(app.events().await, before, "nothing was appended");
}

#[tokio::test]
async fn a_role_that_does_not_allow_the_action_is_refused() {
    let app = start().await;
    let id = app.create().await;
    let host = Uuid::parse_str(&app.host).unwrap();
    let approver = person(&app, "lan@example.vn", AccessRole::Approver, Some(host)).await;
    let before = app.events().await;
    let (status, _) = answer(
        approver
            .get(format!("{}/api/programmes/{id}", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "an approver of the host sees the programme"
    );
    for (path, body) in [
        (format!("/api/programmes/{id}/submit"), json!({})),
        (
            "/api/organisations".to_owned(),
            json!({"name": "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn", "kind": "friendship_association"}),
        ),
        (
            "/api/users/lan@example.vn/roles".to_owned(),
            json!({"organisation_id": app.host, "role": "administrator"}),
        ),
    ] {
        let (status, answered) = answer(
            approver
                .post(format!("{}{path}", app.base))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {answered}");
    }
    assert_eq!(app.events().await, before, "nothing was appended");
}

#[tokio::test]
async fn a_change_sent_from_another_site_is_refused_even_with_credentials() {
    let app = start().await;
    let id = app.create().await;
    let before = app.events().await;
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let (status, body) = answer(
            app.client
                .post(format!("{}/api/programmes/{id}/submit", app.base))
                .header(header, value)
                .json(&json!({}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{header}: {body}");
        assert_eq!(body["code"], "cross_site_request", "{header}");
    }
    assert_eq!(app.events().await, before, "nothing was appended");
    let (status, _) = app
        .post(&format!("/api/programmes/{id}/submit"), json!({}))
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the same request from no site at all is taken"
    );
}

#[tokio::test]
async fn the_programme_list_shows_only_programmes_of_ones_own_organisations() {
    let app = start().await;
    let id = app.create().await;
    let titles = |client: reqwest::Client| {
        let url = format!("{}/api/programmes", app.base);
        async move {
            let (status, body) = answer(client.get(url).send().await.unwrap()).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(
                body["total"].as_u64().unwrap() as usize,
                body["items"].as_array().unwrap().len()
            );
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        titles(app.client.clone()).await,
        vec![id.clone()],
        "the host's administrator"
    );

    let outsider = person(
        &app,
        "lo.vt@tinhdoandienbien.example.vn",
        AccessRole::Planner,
        None,
    )
    .await;
    assert!(
        titles(outsider).await.is_empty(),
        "Điện Biên has no part in it"
    );

    // Named as a co-organiser (by name, without diacritics or case mattering).
    let ha_giang = testkit::people::organisation(&app.store, "TỈNH ĐOÀN HÀ GIANG").await;
    let co_organiser = person_in(
        &app,
        "cha.sm@tinhdoanhagiang.example.vn",
        AccessRole::Coordinator,
        ha_giang,
    )
    .await;
    assert_eq!(titles(co_organiser).await, vec![id], "a co-organiser");

    // A longer name that contains a co-organiser's is another organisation.
    let district =
        testkit::people::organisation(&app.store, "Tỉnh Đoàn Hà Giang (huyện Mèo Vạc)").await;
    let other = person_in(&app, "meovac@example.vn", AccessRole::Planner, district).await;
    assert!(
        titles(other).await.is_empty(),
        "a name that only contains a co-organiser's"
    );
}

#[tokio::test]
async fn lists_of_agreements_mail_and_decisions_show_only_ones_own() {
    let app = start().await;
    let (status, drafted) = app
        .post("/api/agreements", super::followups::mou(&app.host))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{drafted}");
    let outsider = person(
        &app,
        "lo.vt@tinhdoandienbien.example.vn",
        AccessRole::Administrator,
        None,
    )
    .await;
    let get = |client: &reqwest::Client, path: &str| {
        let request = client.get(format!("{}{path}", app.base));
        async move { answer(request.send().await.unwrap()).await }
    };
    let (_, own) = get(&app.client, "/api/agreements").await;
    assert_eq!(own["total"], 1, "a party sees its agreement: {own}");
    let (status, others) = get(&outsider, "/api/agreements").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        others["total"], 0,
        "another organisation's agreement: {others}"
    );
    let (_, expiring) = get(&outsider, "/api/agreements/expiring?until=2100-01-01").await;
    assert_eq!(expiring["items"], json!([]), "{expiring}");

    for path in [
        "/api/approvals/pending?email=hoa@example.vn",
        "/api/reminders?email=hoa@example.vn",
    ] {
        let (status, body) = get(&outsider, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {body}");
        assert_eq!(body["code"], "forbidden");
    }
    for path in ["/api/approvals/pending", "/api/reminders"] {
        let (status, body) = get(&outsider, path).await;
        assert_eq!(status, StatusCode::OK, "{path}: one's own, {body}");
        assert_eq!(body["items"], json!([]));
    }
    let (status, _) = get(&app.client, "/api/approvals/pending?email=HOA@example.vn").await;
    assert_eq!(status, StatusCode::OK, "one's own address, in any case");
}

#[tokio::test]
async fn the_checklist_board_shows_only_the_tasks_of_ones_own_organisations() {
    let app = start().await;
    let id = app.delegation().await;
    let (status, body) = app
        .post(
            &format!("/api/delegations/{id}/checklist/prefill"),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let board = |client: reqwest::Client| {
        let request = client.get(format!("{}/api/checklist?today=2020-01-01", app.base));
        async move { answer(request.send().await.unwrap()).await }
    };
    let count = |body: &Value| {
        ["overdue", "due_soon", "later"]
            .iter()
            .map(|column| body[column].as_array().map_or(0, Vec::len))
            .sum::<usize>()
    };
    let (status, own) = board(app.client.clone()).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    assert!(count(&own) > 0, "the host's own tasks: {own}");
    let outsider = person(
        &app,
        "lo.vt@tinhdoandienbien.example.vn",
        AccessRole::Coordinator,
        None,
    )
    .await;
    let (status, theirs) = board(outsider).await;
    assert_eq!(status, StatusCode::OK, "{theirs}");
    assert_eq!(count(&theirs), 0, "another organisation's tasks: {theirs}");
    assert_eq!(theirs["by_owner"], json!([]), "nor their owners: {theirs}");
}

/// Noting each use of a token was a write and a commit on the same row for every request
/// of a script; it is noted once a minute, and the requests in between only read.
#[tokio::test]
async fn a_token_in_steady_use_is_noted_once_a_minute_and_the_requests_between_only_read() {
    let app = start().await;
    let made = identity::tokens::create(
        &app.pool,
        Uuid::now_v7(),
        super::TESTER,
        "báo cáo tuần",
        Utc::now() + Duration::days(30),
    )
    .await
    .unwrap();
    let row = || async {
        sqlx::query_as::<_, (String, Option<chrono::DateTime<Utc>>)>(
            "SELECT xmin::text, last_used_at FROM caunoi.api_tokens WHERE id = $1",
        )
        .bind(made.id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    assert_eq!(row().await.1, None, "not used yet");
    let email = identity::tokens::authenticate(&app.pool, &made.secret)
        .await
        .unwrap();
    assert_eq!(email.as_deref(), Some(super::TESTER));
    let (version, first_use) = row().await;
    assert!(first_use.is_some(), "the first use is noted");

    for _ in 0..3 {
        let email = identity::tokens::authenticate(&app.pool, &made.secret)
            .await
            .unwrap();
        assert_eq!(email.as_deref(), Some(super::TESTER));
    }
    assert_eq!(row().await, (version.clone(), first_use), "nothing written");

    sqlx::query(
        "UPDATE caunoi.api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1",
    )
    .bind(made.id)
    .execute(&app.pool)
    .await
    .unwrap();
    let aged = row().await.1.unwrap();
    identity::tokens::authenticate(&app.pool, &made.secret)
        .await
        .unwrap();
    assert!(
        row().await.1.unwrap() > aged,
        "a use a minute later is noted"
    );
}
