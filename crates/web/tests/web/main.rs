//! The pages served in-process, composed as the binary composes them, against a real
//! event store.

#![expect(
    clippy::disallowed_methods,
    reason = "tests seed the event store directly, as another service would"
)]

use std::time::Duration;

use chrono::NaiveDate;
use domain::approval::{
    ApprovalCommand, ApprovalRound, Approver, DecisionRule, IssuedLink, Person, StagePlan,
};
use domain::programme::{Plan, ProgrammeKind};
use domain::values::{Contact, Partner, Schedule};
use eventstore::{CommandMeta, EventStore, StoreConfig};
use mailer::Outbox;
use mailer::{Backoff, Recipient};
use notifications::SenderSettings;
use projector::{ProjectionWatch, ProjectorConfig};
use reqwest::header::HeaderMap;
use testkit::SmtpServer;
use testkit::TestEnv;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use workflow::approvals::ApprovalSettings;
use workflow::links::{LinkSecret, approval_url, token_hash};

mod admin;
mod admin_directory;
mod admin_history;
mod admin_import;
mod agreement;
mod api_session;
mod browser;
mod coordinator;
mod delegation_open;
mod documents;
mod falling_due;
mod follow_up;
mod journey;
mod journey_admin;
mod journey_coordinator;
mod journey_follow_up;
mod journey_pages;
mod language;
mod links;
mod logistics;
mod members;
mod outbox;
mod pending;
mod people;
mod planner;
mod read_views;
mod report_form;
mod report_review;
mod roster_upload;
mod tokens;

struct Site {
    base: String,
    client: reqwest::Client,
    store: EventStore,
    pool: sqlx::PgPool,
    secret: LinkSecret,
    smtp: SmtpServer,
    _env: TestEnv,
    shutdown: CancellationToken,
}

impl Drop for Site {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// The pages as the binary serves them, with the projector and the mailer running, mail
/// going to a real SMTP server.
async fn serve(outbox: Option<Outbox>) -> Site {
    serve_with(outbox, false).await
}

/// As `serve`, with the approval process too (which issues its own approval links).
async fn serve_everything() -> Site {
    serve_with(None, true).await
}

async fn serve_with(outbox: Option<Outbox>, approvals_process: bool) -> Site {
    let env = TestEnv::new().await;
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    let pool = env.pool().await;
    projector::migrate(&pool).await.unwrap();
    let secret = LinkSecret::generate().0;
    let approvals = ApprovalSettings {
        secret: secret.clone(),
        link_ttl: Duration::from_secs(7 * 24 * 3600),
    };
    let shutdown = CancellationToken::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let smtp = SmtpServer::start().await;
    background(&store, &pool, &approvals, &smtp, &base, &shutdown);
    if approvals_process {
        tokio::spawn(compose::services::approvals(
            pool.clone(),
            store.clone(),
            approvals.clone(),
            testkit::scenario_clock(),
            shutdown.clone(),
        ));
    }
    // Composed as `caunoi serve api` composes them.
    let app = compose::http_app(compose::HttpParts {
        store: store.clone(),
        pool: pool.clone(),
        nats: env.nats().await,
        watch: ProjectionWatch::start(pool.clone(), shutdown.clone()),
        vault: vault::Vault::new(pool.clone(), vault::MasterKey::generate(), vec![]),
        approvals,
        outbox,
        api: compose::ApiConfig::default(),
        sign_in: compose::SignInSettings::default(),
        reminder_rules: compose::ReminderRules::default(),
        clock: testkit::scenario_clock(),
        client_address_header: None,
    });
    let token = shutdown.clone();
    tokio::spawn(async move {
        // As `caunoi serve` serves it: with the connection's address, for the limits.
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(async move { token.cancelled().await })
        .await
    });
    Site {
        base,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        store,
        pool,
        secret,
        smtp,
        _env: env,
        shutdown,
    }
}

/// The services behind the pages, as `caunoi up` runs them.
fn background(
    store: &EventStore,
    pool: &sqlx::PgPool,
    approvals: &ApprovalSettings,
    smtp: &SmtpServer,
    base: &str,
    shutdown: &CancellationToken,
) {
    tokio::spawn(compose::services::projector(
        pool.clone(),
        store.clone(),
        ProjectorConfig::default(),
        shutdown.clone(),
    ));
    let mailer = smtp.mailer(Recipient {
        name: "Cầu Nối".into(),
        email: "caunoi@example.vn".into(),
    });
    let sending = SenderSettings {
        public_url: base.to_string(),
        secret: approvals.secret.clone(),
        backoff: Backoff {
            first: Duration::from_millis(100),
            max: Duration::from_millis(400),
        },
        batch: 10,
        parallel: 2,
    };
    tokio::spawn(compose::services::mail(
        pool.clone(),
        store.clone(),
        mailer,
        sending,
        shutdown.clone(),
    ));
}

impl Site {
    async fn get(&self, path: &str, accept_language: Option<&str>) -> (u16, HeaderMap, String) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(lang) = accept_language {
            request = request.header("accept-language", lang);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (status, headers, response.text().await.unwrap())
    }

    async fn events(&self) -> u64 {
        self.store.last_sequence().await.unwrap()
    }

    /// Opens a round of the joint online conference before the Youth Union's standing
    /// committee, and issues a link to its chair; returns the link's path.
    async fn round_with_link(&self) -> String {
        let meta = CommandMeta {
            now: testkit::scenario_clock().now(),
            actor: "caunoi-approvals".into(),
            correlation_id: Uuid::now_v7().to_string(),
            causation_id: None,
        };
        let (round, member) = (Uuid::now_v7(), Uuid::now_v7());
        let open = ApprovalCommand::Open {
            id: round,
            programme_id: Uuid::now_v7(),
            round: 1,
            stages: vec![StagePlan {
                committee_id: Uuid::now_v7(),
                committee_name: "Ban Thường vụ Tỉnh Đoàn Cao Bằng".into(),
                rule: DecisionRule::Majority,
                advisory: false,
                approvers: vec![Approver {
                    member_id: member,
                    person: Person {
                        name: "Nông Văn Bí".into(),
                        email: "bi@tinhdoancaobang.example.vn".into(),
                    },
                    chair: true,
                    on_behalf_of: None,
                }],
            }],
            first_stage: 0,
            plan: Box::new(conference()),
            changes: None,
        };
        self.store
            .execute::<ApprovalRound>(round, None, &open, &meta)
            .await
            .unwrap();
        let link_id = Uuid::new_v4();
        let token = self.secret.token(link_id);
        let issue = ApprovalCommand::IssueLinks {
            stage: 0,
            links: vec![IssuedLink {
                link_id,
                member_id: member,
                token_hash: token_hash(&token),
                issued_at: testkit::scenario_clock().now(),
                expires_at: testkit::scenario_clock().now() + chrono::Duration::days(7),
            }],
        };
        self.store
            .execute::<ApprovalRound>(round, None, &issue, &meta)
            .await
            .unwrap();
        approval_url("", round, &token)
    }
}

fn conference() -> Plan {
    Plan {
        title: "Hội nghị trực tuyến Đoàn Thanh niên 4 tỉnh biên giới và Quảng Tây".into(),
        kind: ProgrammeKind::OnlineConference,
        host_organisation: "Tỉnh Đoàn Cao Bằng".into(),
        host_organisation_id: None,
        co_organisers: vec![
            "Tỉnh Đoàn Hà Giang".into(),
            "Tỉnh Đoàn Lạng Sơn".into(),
            "Tỉnh Đoàn Quảng Ninh".into(),
        ],
        partners: vec![Partner {
            name: "Đoàn Thanh niên Khu tự trị Quảng Tây".into(),
            country: "CN".into(),
            region: Some("Quảng Tây".into()),
        }],
        schedule: Schedule {
            start: NaiveDate::from_ymd_opt(2027, 11, 21).unwrap(),
            end: NaiveDate::from_ymd_opt(2027, 11, 21).unwrap(),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: Some("Hội trường Tỉnh Đoàn Cao Bằng".into()),
        border_gate: None,
        objectives: "Ký kết Biên bản ghi nhớ hợp tác giai đoạn 2023–2026".into(),
        expected_delegation_size: 40,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Nông Thị Hoa".into(),
            email: "hoa@tinhdoancaobang.example.vn".into(),
        }),
    }
}

/// Every page is protected the same way.
fn assert_protected(headers: &HeaderMap) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let policy = header("content-security-policy");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert_eq!(header("referrer-policy"), "no-referrer");
    assert_eq!(header("x-frame-options"), "DENY");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("cache-control"), "no-store");
}

#[tokio::test]
async fn an_unknown_path_is_a_page_for_people_and_json_under_the_api() {
    let site = serve(None).await;
    let (status, headers, page) = site.get("/phe-duyet/cu", None).await;
    assert_eq!(status, 404);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.contains("Không tìm thấy trang"), "{page}");
    assert!(page.contains("id=\"back-home\""), "a way back: {page}");
    assert_protected(&headers);
    let (_, _, page) = site.get("/phe-duyet/cu?lang=en", None).await;
    assert!(page.contains("Page not found"), "{page}");
    let (_, _, page) = site.get("/phe-duyet/cu", Some("en-GB,en;q=0.9")).await;
    assert!(
        page.contains("Không tìm thấy trang"),
        "a browser set to English still gets Vietnamese: {page}"
    );

    let (status, headers, body) = site.get("/api/khong-co", None).await;
    assert_eq!(status, 404);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert!(body.contains("no_such_endpoint"), "{body}");
}

/// The icon beside the title: named by every page, and where browsers look by themselves.
#[tokio::test]
async fn the_icon_is_served_to_anyone_and_named_by_the_pages() {
    let site = serve(None).await;
    let (status, headers, icon) = site.get("/static/favicon.svg", None).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/svg+xml");
    assert!(icon.starts_with("<svg"), "{icon}");
    let (status, headers, _) = site.get("/favicon.ico", None).await;
    assert_eq!(status, 308);
    assert_eq!(headers["location"], "/static/favicon.svg");
    let (_, _, page) = site.get("/sign-in", None).await;
    assert!(
        page.contains("rel=\"icon\" href=\"/static/favicon.svg\""),
        "{page}"
    );
}
