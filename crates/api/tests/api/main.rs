//! The HTTP API, served on a real socket, against real NATS and PostgreSQL.

#![expect(
    clippy::disallowed_methods,
    reason = "tests seed the event store directly, as another service would"
)]

use std::time::Duration;

use domain::access::AccessRole;
use eventstore::{EventStore, StoreConfig};
use projector::{ProjectionWatch, ProjectorConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};
use testkit::TestEnv;
use tokio_util::sync::CancellationToken;

mod client_limits;
mod delegation_members;
mod delegations;
mod directory;
mod documents;
mod expiry;
mod followups;
mod guard;
mod input;
mod rule_walk;
mod strict_bodies;
mod users;

struct App {
    base: String,
    client: reqwest::Client,
    store: EventStore,
    /// A registered host organisation with an approval route, so that plans can be
    /// submitted.
    host: String,
    pool: sqlx::PgPool,
    nats: async_nats::Client,
    /// Holds the test's own database and stream for as long as the app runs.
    env: TestEnv,
    shutdown: CancellationToken,
}

impl Drop for App {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

async fn start() -> App {
    let env = TestEnv::new().await;
    let nats = env.nats().await;
    let store = EventStore::open(
        nats.clone(),
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    let pool = env.pool().await;
    projector::migrate(&pool).await.unwrap();
    let shutdown = CancellationToken::new();
    tokio::spawn(compose::services::projector(
        pool.clone(),
        store.clone(),
        ProjectorConfig::default(),
        shutdown.clone(),
    ));
    // Composed as `caunoi serve api` composes it.
    let http = compose::http_app(compose::HttpParts {
        store: store.clone(),
        pool: pool.clone(),
        nats: nats.clone(),
        watch: ProjectionWatch::start(pool.clone(), shutdown.clone()),
        vault: vault::Vault::new(pool.clone(), vault::MasterKey::generate(), vec![]),
        approvals: workflow::approvals::ApprovalSettings {
            secret: workflow::links::LinkSecret::generate().0,
            link_ttl: Duration::from_secs(7 * 24 * 3600),
        },
        outbox: None,
        api: compose::ApiConfig::default(),
        sign_in: compose::SignInSettings::default(),
        reminder_rules: compose::ReminderRules::default(),
        clock: testkit::scenario_clock(),
        // The limits per client tell clients apart by this header, as behind a proxy.
        client_address_header: Some(reqwest::header::HeaderName::from_static("x-forwarded-for")),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let token = shutdown.clone();
    tokio::spawn(async move {
        axum::serve(listener, http)
            .with_graceful_shutdown(async move { token.cancelled().await })
            .await
    });
    // The tests act as an administrator of the central office, who registers the host
    // (and so becomes its administrator too).
    testkit::people::grant(
        &store,
        TESTER,
        "Nông Thị Hoa",
        testkit::people::organisation(&store, "Văn phòng Trung ương Đoàn").await,
        &[AccessRole::Administrator],
    )
    .await;
    // The children's programmes of the delegation tests are hosted by Thành đoàn Lào Cai,
    // named by this id.
    testkit::people::grant(
        &store,
        TESTER,
        "Nông Thị Hoa",
        uuid::Uuid::parse_str(delegations::LAO_CAI).unwrap(),
        &[AccessRole::Administrator],
    )
    .await;
    let mut app = App {
        base,
        client: client_of(&testkit::people::bearer(&pool, TESTER).await),
        store,
        host: String::new(),
        pool,
        nats,
        env,
        shutdown,
    };
    app.host = directory::register_host(&app).await;
    app
}

/// The person the tests act as, through an API token.
const TESTER: &str = "hoa@example.vn";

/// A client sending `authorization` with every request.
fn client_of(authorization: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        authorization.parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

/// A plan hosted by `host` (an organisation id).
fn plan_for(host: &str) -> Value {
    json!({
        "title": "Hội nghị trực tuyến Đoàn Thanh niên 4 tỉnh biên giới Việt Nam và Quảng Tây",
        "kind": "online_conference",
        "host_organisation": "Tỉnh Đoàn Cao Bằng",
        "host_organisation_id": host,
        "co_organisers": ["Tỉnh Đoàn Hà Giang", "Tỉnh Đoàn Lạng Sơn", "Tỉnh Đoàn Quảng Ninh"],
        "partners": [{"name": "Đoàn Thanh niên Khu tự trị Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
        "schedule": {"start": "2023-11-21", "end": "2023-11-21", "timezone": "Asia/Ho_Chi_Minh"},
        "objectives": "Ký kết Biên bản ghi nhớ hợp tác giai đoạn 2023–2026",
        "expected_delegation_size": 40,
        "budget": [{"label": "Thiết bị trực tuyến", "amount": "15000000", "currency": "VND"}],
        "coordinator": {"name": "Nông Thị Hoa", "email": "hoa@example.vn"}
    })
}

impl App {
    fn plan(&self) -> Value {
        plan_for(&self.host)
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn create(&self) -> String {
        let (status, body) = self.post("/api/programmes", self.plan()).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_str().unwrap().to_string()
    }

    async fn events(&self) -> u64 {
        self.store.last_sequence().await.unwrap()
    }
}

#[tokio::test]
async fn create_revise_submit_leaves_three_events_visible_at_once() {
    let app = start().await;
    let id = app.create().await;
    let (status, revised) = app
        .post(
            &format!("/api/programmes/{id}/revise"),
            json!({"expected_version": 1, "changes": {"venue": "Hội trường Tỉnh Đoàn Cao Bằng"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{revised}");
    assert_eq!(revised["version"], 2);
    assert_eq!(revised["visible"], true);
    // Read-your-writes: the very next read shows the change.
    let (_, detail) = app.get(&format!("/api/programmes/{id}")).await;
    assert_eq!(detail["plan"]["venue"], "Hội trường Tỉnh Đoàn Cao Bằng");

    let (status, submitted) = app
        .post(
            &format!("/api/programmes/{id}/submit"),
            json!({"expected_version": 2}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{submitted}");
    let (_, detail) = app.get(&format!("/api/programmes/{id}")).await;
    assert_eq!(detail["status"], "submitted");
    assert_eq!(detail["version"], 3);

    let (_, history) = app.get(&format!("/api/programmes/{id}/history")).await;
    let types: Vec<&str> = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["ProgrammeDrafted", "ProgrammeRevised", "ProgrammeSubmitted"]
    );
    let revision = &history["events"][1]["data"]["changes"]["venue"];
    assert_eq!(
        revision,
        &json!({"from": null, "to": "Hội trường Tỉnh Đoàn Cao Bằng"})
    );

    let (_, list) = app
        .get("/api/programmes?status=submitted&q=hoi%20nghi%20truc%20tuyen")
        .await;
    assert_eq!(list["total"], 1);
}

#[tokio::test]
async fn a_stale_revision_gets_409_and_changes_nothing() {
    let app = start().await;
    let id = app.create().await;
    let before = app.events().await;
    let path = format!("/api/programmes/{id}/revise");
    let (a, b) = tokio::join!(
        app.post(
            &path,
            json!({"expected_version": 1, "changes": {"expected_delegation_size": 50}})
        ),
        app.post(
            &path,
            json!({"expected_version": 1, "changes": {"expected_delegation_size": 60}})
        ),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let conflict = if a.0 == StatusCode::CONFLICT {
        a.1
    } else {
        b.1
    };
    assert_eq!(conflict["code"], "version_conflict");
    assert_eq!(app.events().await, before + 1, "one revision only");

    // The refusal is worded in the language the request asked for, however deep in the
    // handler it was converted.
    let (status, english) = raw_post(
        &app,
        &path,
        "application/json",
        br#"{"expected_version": 1, "changes": {"expected_delegation_size": 70}}"#.to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        english["message"]
            .as_str()
            .unwrap()
            .starts_with("Someone else changed this programme: you edited version 1"),
        "{english}"
    );
}

#[tokio::test]
async fn fifty_concurrent_submits_over_http_give_one_submitted_event() {
    let app = start().await;
    let id = app.create().await;
    let path = format!("/api/programmes/{id}/submit");
    let requests = (0..50).map(|_| app.post(&path, json!({})));
    let results = futures::future::join_all(requests).await;
    let ok = results.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(ok, 1, "{results:?}");
    for (status, body) in results.iter().filter(|(s, _)| *s != StatusCode::OK) {
        assert!(
            *status == StatusCode::CONFLICT || *status == StatusCode::SERVICE_UNAVAILABLE,
            "{status} {body}"
        );
    }
    let (_, history) = app.get(&format!("/api/programmes/{id}/history")).await;
    let submitted = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_type"] == "ProgrammeSubmitted")
        .count();
    assert_eq!(submitted, 1);
}

async fn raw_post(app: &App, path: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let response = app
        .client
        .post(format!("{}{path}", app.base))
        .header("content-type", content_type)
        .header("accept-language", "en")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

struct Case {
    name: &'static str,
    path: String,
    body: Vec<u8>,
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
}

fn case(
    name: &'static str,
    path: impl Into<String>,
    body: Vec<u8>,
    status: StatusCode,
    code: &'static str,
    field: Option<&'static str>,
) -> Case {
    Case {
        name,
        path: path.into(),
        body,
        status,
        code,
        field,
    }
}

#[tokio::test]
async fn bad_input_gets_a_clear_error_and_appends_nothing() {
    let app = start().await;
    let id = app.create().await;
    let before = app.events().await;
    let with = |f: &dyn Fn(&mut Value)| {
        let mut p = app.plan();
        f(&mut p);
        serde_json::to_vec(&p).unwrap()
    };
    let cases = vec![
        case(
            "malformed JSON",
            "/api/programmes",
            b"{\"title\": \"x\",".to_vec(),
            StatusCode::BAD_REQUEST,
            "malformed_json",
            None,
        ),
        case(
            "trailing garbage",
            "/api/programmes",
            [serde_json::to_vec(&app.plan()).unwrap(), b"}".to_vec()].concat(),
            StatusCode::BAD_REQUEST,
            "malformed_json",
            None,
        ),
        case(
            "unknown field",
            "/api/programmes",
            with(&|p| p["budjet"] = json!([])),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json_shape",
            Some("budjet"),
        ),
        case(
            "nested unknown field",
            "/api/programmes",
            with(&|p| p["schedule"]["tz"] = json!("UTC")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json_shape",
            Some("schedule.tz"),
        ),
        case(
            "wrong type",
            "/api/programmes",
            with(&|p| p["expected_delegation_size"] = json!("forty")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json_shape",
            Some("expected_delegation_size"),
        ),
        case(
            "missing field",
            "/api/programmes",
            with(&|p| {
                p.as_object_mut().unwrap().remove("title");
            }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json_shape",
            Some("title"),
        ),
        case(
            "impossible date",
            "/api/programmes",
            with(&|p| p["schedule"]["start"] = json!("2023-02-30")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json_shape",
            Some("schedule.start"),
        ),
        case(
            "end before start",
            "/api/programmes",
            with(&|p| p["schedule"]["end"] = json!("2023-11-01")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("schedule.end"),
        ),
        case(
            "unknown timezone",
            "/api/programmes",
            with(&|p| p["schedule"]["timezone"] = json!("Asia/Saigon_City")),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("schedule.timezone"),
        ),
        case(
            "negative amount",
            "/api/programmes",
            with(&|p| p["budget"][0]["amount"] = json!(-1)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("budget[0].amount"),
        ),
        case(
            "no partner",
            "/api/programmes",
            with(&|p| p["partners"] = json!([])),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            Some("partners"),
        ),
        case(
            "2 MiB body",
            "/api/programmes",
            with(&|p| p["objectives"] = json!("a".repeat(2 * 1024 * 1024))),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            None,
        ),
        case(
            "unknown id",
            format!("/api/programmes/{}/submit", uuid::Uuid::now_v7()),
            b"{}".to_vec(),
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        ),
        case(
            "not an id",
            "/api/programmes/abc/submit",
            b"{}".to_vec(),
            StatusCode::NOT_FOUND,
            "not_found",
            None,
        ),
        case(
            "missing reason",
            format!("/api/programmes/{id}/cancel"),
            b"{}".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_json_shape",
            Some("reason"),
        ),
    ];
    for Case {
        name,
        path,
        body,
        status,
        code,
        field,
    } in cases
    {
        let (got, error) = raw_post(&app, &path, "application/json", body).await;
        assert_eq!(got, status, "{name}: {error}");
        assert_eq!(error["code"], code, "{name}: {error}");
        assert!(
            !error["message"].as_str().unwrap_or("").is_empty(),
            "{name}: a message for people"
        );
        if let Some(field) = field {
            let fields: Vec<&str> = error["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["field"].as_str().unwrap())
                .collect();
            assert!(fields.contains(&field), "{name}: {fields:?}");
        }
    }
    let (status, error) = raw_post(&app, "/api/programmes", "text/plain", b"hello".to_vec()).await;
    assert_eq!(
        (status, error["code"].as_str()),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Some("unsupported_media_type")
        )
    );
    let (status, error) = app
        .get(&format!("/api/programmes/{}", uuid::Uuid::now_v7()))
        .await;
    assert_eq!(
        (status, error["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, error) = app
        .get("/api/programmes?status=flying&from=21/11/2023")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["fields"].as_array().unwrap().len(), 2);
    assert_eq!(app.events().await, before, "nothing was appended");
}

#[tokio::test]
async fn errors_speak_vietnamese_by_default_and_english_when_asked() {
    let app = start().await;
    let mut bad = app.plan();
    bad["schedule"]["end"] = json!("2023-11-20");
    let (_, vi) = app.post("/api/programmes", bad.clone()).await;
    assert_eq!(
        vi["fields"][0]["message"],
        "Ngày kết thúc không được trước ngày bắt đầu."
    );
    let response = app
        .client
        .post(format!("{}/api/programmes", app.base))
        .header("accept-language", "en-US,en;q=0.9")
        .json(&bad)
        .send()
        .await
        .unwrap();
    let en: Value = response.json().await.unwrap();
    assert_eq!(
        en["fields"][0]["message"],
        "The end date cannot be before the start date."
    );
}

/// The events name the person behind the token, whoever the request claims to be.
#[tokio::test]
async fn the_correlation_id_travels_from_the_request_into_the_event() {
    let app = start().await;
    let response = app
        .client
        .post(format!("{}/api/programmes", app.base))
        .header("x-correlation-id", "req-2023-11-21-cao-bang")
        .header("x-actor", "attacker@evil.example")
        .json(&app.plan())
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["x-correlation-id"],
        "req-2023-11-21-cao-bang"
    );
    let body: Value = response.json().await.unwrap();
    let id = body["id"].as_str().unwrap();
    let (_, history) = app.get(&format!("/api/programmes/{id}/history")).await;
    assert_eq!(
        history["events"][0]["correlation_id"],
        "req-2023-11-21-cao-bang"
    );
    assert_eq!(history["events"][0]["actor"], "hoa@example.vn");
}

#[tokio::test]
async fn health_and_readiness_report_the_servers_and_the_lag() {
    let app = start().await;
    let (status, _) = app.get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    app.create().await;
    let mut ready = Value::Null;
    for _ in 0..40 {
        let (status, body) = app.get("/readyz").await;
        ready = body;
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(ready["ready"], true, "{ready}");
    assert_eq!(ready["projection_lag"], 0);
}
