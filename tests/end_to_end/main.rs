//! The `caunoi` binary as users run it: real processes, real signals, real servers.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use domain::programme::{Plan, PlanPatch, Programme, ProgrammeCommand, ProgrammeKind};
use domain::values::{Contact, Partner, Schedule};
use eventstore::{CommandMeta, EventStore, StoreConfig};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use serde_json::{Value, json};
use sqlx::{Connection as _, PgPool};
use testkit::TestEnv;
use uuid::Uuid;

mod approvals;
mod demo;
mod failures;
mod history;
mod import;
mod operations;
mod reminders;
mod world;

const BINARY: &str = env!("CARGO_BIN_EXE_caunoi");

/// A `caunoi` process that is killed if the test fails before stopping it.
struct Caunoi {
    child: Child,
}

impl Caunoi {
    fn start(args: &[&str], env: &[(&str, String)]) -> Caunoi {
        Caunoi::start_in(&std::env::current_dir().unwrap(), args, env)
    }

    fn start_in(folder: &std::path::Path, args: &[&str], env: &[(&str, String)]) -> Caunoi {
        let mut command = caunoi_command(folder, args, env);
        command.stdout(Stdio::null()).stderr(Stdio::inherit());
        Caunoi {
            child: command.spawn().expect("start caunoi"),
        }
    }

    fn signal(&self, signal: Signal) {
        kill(Pid::from_raw(self.child.id() as i32), signal).expect("signal caunoi");
    }

    /// Sends SIGTERM and waits for a clean exit.
    fn terminate(mut self) -> std::process::ExitStatus {
        self.signal(Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "caunoi did not stop within 30 s of SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait(mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }
}

impl Drop for Caunoi {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Settings for a `caunoi` on the test's own servers. The link secret is given, so that
/// nothing is written into a data folder.
fn server_env(env: &TestEnv) -> Vec<(&'static str, String)> {
    vec![
        ("NATS_URL", env.nats_url.clone()),
        ("DATABASE_URL", env.database_url.clone()),
        ("CAUNOI_STREAM", env.stream.clone()),
        ("CAUNOI_SUBJECT_PREFIX", env.subject_prefix.clone()),
        (
            "CAUNOI_LINK_SECRET",
            workflow::links::LinkSecret::generate().1,
        ),
    ]
}

/// A client acting as an administrator of an office, through an API token: what a script
/// given a token by `caunoi api-token create` is.
async fn administrator(env: &TestEnv) -> reqwest::Client {
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    let office = testkit::people::organisation(&store, "Văn phòng Hội Hữu nghị").await;
    testkit::people::grant(
        &store,
        "lam@example.vn",
        "Vi Văn Lâm",
        office,
        &[domain::access::AccessRole::Administrator],
    )
    .await;
    let token = testkit::people::api_token(&env.pool().await, "lam@example.vn").await;
    client_with_token(&token)
}

/// Registers an organisation with a one-stage route over HTTP; returns its id.
async fn register_host(client: &reqwest::Client, base: &str) -> String {
    let post = |path: String, body: Value| {
        let request = client.post(format!("{base}{path}")).json(&body);
        async move {
            let answer: Value = request.send().await.unwrap().json().await.unwrap();
            answer
        }
    };
    let org = post(
        "/api/organisations".into(),
        json!({"name": "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn", "kind": "friendship_association"}),
    )
    .await;
    let id = org["id"].as_str().unwrap().to_string();
    let committee = post(
        format!("/api/organisations/{id}/committees"),
        json!({"name": "Ban Thường vụ Hội", "rule": "any_one", "members": [
            {"name": "Vi Văn Lâm", "email": "lam@example.vn", "role": "chair", "serves_from": "2022-01-01"}]}),
    )
    .await;
    post(
        format!("/api/organisations/{id}/routes"),
        json!({"name": "Quy trình chung", "stages": [{"committee_id": committee["created"]}]}),
    )
    .await;
    id
}

fn free_port() -> u16 {
    embedded::free_port().unwrap()
}

async fn wait_ready(base: &str) {
    let client = reqwest::Client::new();
    // Generous: on a loaded two-core machine several processes migrate at once.
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Ok(response) = client.get(format!("{base}/readyz")).send().await
            && response.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{base} did not become ready");
}

fn plan(title: String) -> Plan {
    Plan {
        title,
        kind: ProgrammeKind::Reception,
        host_organisation: "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn".into(),
        host_organisation_id: Some(uuid::Uuid::from_u128(0x1a0)),
        co_organisers: vec![],
        partners: vec![Partner {
            name: "Hội Hữu nghị đối ngoại Quảng Tây".into(),
            country: "CN".into(),
            region: Some("Quảng Tây".into()),
        }],
        schedule: Schedule {
            start: NaiveDate::from_ymd_opt(2023, 6, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2023, 6, 3).unwrap(),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: None,
        border_gate: Some("Cửa khẩu quốc tế Hữu Nghị".into()),
        objectives: "Đón đoàn đại biểu".into(),
        expected_delegation_size: 100,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Vi Văn Lâm".into(),
            email: "lam@example.vn".into(),
        }),
    }
}

/// `caunoi <args>` in `folder` with only `env` for settings: the machine's own `NATS_URL`
/// and `DATABASE_URL` never leak in.
fn caunoi_command(folder: &Path, args: &[&str], env: &[(&str, String)]) -> Command {
    let mut command = Command::new(BINARY);
    command
        .current_dir(folder)
        .args(args)
        .env_remove("NATS_URL")
        .env_remove("DATABASE_URL")
        .env("CAUNOI_LOG", "warn");
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// Runs `caunoi <args>` to its end in `folder`, with only `env` for settings, and expects
/// it to succeed.
fn run_caunoi(folder: &Path, args: &[&str], env: &[(&str, String)]) -> std::process::Output {
    let output = caunoi_command(folder, args, env)
        .output()
        .expect("run caunoi");
    assert!(
        output.status.success(),
        "caunoi {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A client whose every request carries `token`.
fn client_with_token(token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap()
}

/// The README's first steps on a fresh install: `up` with no configuration, then, beside
/// it, the directory imported, the first administrator named with a sign-in link, and an
/// API token; nothing answers anyone without one.
#[tokio::test]
async fn up_with_no_configuration_runs_on_its_own_servers_and_stops_cleanly() {
    let data = tempfile::tempdir().unwrap();
    // The embedded PostgreSQL may run as another user, who must reach the folder.
    std::fs::set_permissions(
        data.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let (http, nats, postgres) = (free_port(), free_port(), free_port());
    // As in the README: no data folder set, so `caunoi-data` under where it starts.
    let env = vec![
        ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
        ("CAUNOI_EMBEDDED_NATS_PORT", nats.to_string()),
        ("CAUNOI_EMBEDDED_POSTGRES_PORT", postgres.to_string()),
    ];
    let base = format!("http://127.0.0.1:{http}");
    let up = Caunoi::start_in(data.path(), &["up"], &env);
    wait_ready(&base).await;

    // The same settings as `up`, as a shared configuration file would give them: the
    // commands find the servers `up` runs for the same data folder, and their passwords.
    let beside = env.clone();

    // Other users of the machine get into neither server without the passwords under
    // caunoi-data/secrets/, which `embedded-urls` prints for psql and the nats CLI.
    assert!(
        async_nats::ConnectOptions::new()
            .max_reconnects(1)
            .connect(format!("nats://127.0.0.1:{nats}"))
            .await
            .is_err(),
        "NATS let in a client without the password"
    );
    assert!(
        sqlx::PgConnection::connect(&format!("postgres://caunoi@127.0.0.1:{postgres}/caunoi"))
            .await
            .is_err(),
        "PostgreSQL let in a client without the password"
    );
    let urls = run_caunoi(data.path(), &["embedded-urls"], &beside);
    let urls = String::from_utf8(urls.stdout).unwrap();
    let database_url = urls
        .lines()
        .find_map(|line| line.strip_prefix("export DATABASE_URL='"))
        .and_then(|rest| rest.strip_suffix('\''))
        .unwrap_or_else(|| panic!("no DATABASE_URL in {urls}"));
    let mut psql_like = sqlx::PgConnection::connect(database_url).await.unwrap();
    let one: i32 = sqlx::query_scalar("SELECT 1")
        .fetch_one(&mut psql_like)
        .await
        .unwrap();
    assert_eq!(one, 1);
    sqlx::Connection::close(psql_like).await.unwrap();

    let directory =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/examples/directory.yaml");
    run_caunoi(
        data.path(),
        &["import", directory.to_str().unwrap()],
        &beside,
    );
    let granted = run_caunoi(
        data.path(),
        &[
            "grant-role",
            "--email",
            "hoa@example.vn",
            "--name",
            "Nông Thị Hoa",
            "--organisation",
            "tinh-doan-cao-bang",
            "--role",
            "administrator",
        ],
        &beside,
    );
    let granted = String::from_utf8_lossy(&granted.stdout);
    assert!(
        granted.contains(&format!("{base}/sign-in/")),
        "a one-time sign-in link for the first administrator: {granted}"
    );
    let made = run_caunoi(
        data.path(),
        &[
            "api-token",
            "create",
            "--email",
            "hoa@example.vn",
            "--label",
            "README",
        ],
        &beside,
    );
    let token = String::from_utf8(made.stdout).unwrap().trim().to_owned();
    assert!(token.starts_with("caunoi_"), "a token: {token}");

    let body =
        serde_json::to_value(plan("Đón đoàn Quảng Tây qua cửa khẩu Hữu Nghị".into())).unwrap();
    let anonymous = reqwest::Client::new()
        .post(format!("{base}/api/programmes"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), reqwest::StatusCode::UNAUTHORIZED);
    let refusal: Value = anonymous.json().await.unwrap();
    assert_eq!(refusal["code"], "sign_in_required");

    let client = client_with_token(&token);
    let mut body = body;
    body["host_organisation_id"] = json!(importer::ids::organisation("tinh-doan-cao-bang"));
    body["host_organisation"] = json!("Tỉnh Đoàn Cao Bằng");
    let created = client
        .post(format!("{base}/api/programmes"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), reqwest::StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    assert!(up.terminate().success(), "SIGTERM ends caunoi with success");
    assert!(data.path().join("caunoi-data/nats").is_dir());
    assert!(data.path().join("caunoi-data/logs/postgres.log").is_file());
    for port in [http, nats, postgres] {
        assert!(
            embedded::port_is_free(port),
            "port {port} is released on exit"
        );
    }

    // Started again on the same folder, everything is still there, the token too.
    let again = Caunoi::start_in(data.path(), &["up"], &env);
    wait_ready(&base).await;
    let detail: Value = client
        .get(format!("{base}/api/programmes/{id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        detail["plan"]["title"],
        "Đón đoàn Quảng Tây qua cửa khẩu Hữu Nghị"
    );
    assert!(again.terminate().success());
}

async fn seed(store: &EventStore, programmes: usize) {
    let mut tasks = tokio::task::JoinSet::new();
    let per_task = programmes / 16;
    for task in 0..16 {
        let store = store.clone();
        tasks.spawn(async move {
            for i in 0..per_task {
                let id = Uuid::now_v7();
                let meta = CommandMeta {
                    now: Utc::now(),
                    actor: "seed@example.vn".into(),
                    correlation_id: Uuid::now_v7().to_string(),
                    causation_id: None,
                };
                let draft = ProgrammeCommand::Draft {
                    id,
                    plan: plan(format!("Đoàn {task}-{i}")),
                };
                store
                    .execute::<Programme>(id, None, &draft, &meta)
                    .await
                    .unwrap();
                let patch = PlanPatch {
                    title: Some(format!("Đoàn số {task}-{i}")),
                    ..PlanPatch::default()
                };
                let revise = ProgrammeCommand::Revise {
                    patch,
                    reason: None,
                };
                store
                    .execute::<Programme>(id, Some(1), &revise, &meta)
                    .await
                    .unwrap();
                store
                    .execute::<Programme>(id, Some(2), &ProgrammeCommand::Submit, &meta)
                    .await
                    .unwrap();
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap();
    }
}

/// How far the projection has got; 0 until the projector has created its tables.
async fn position(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT position FROM caunoi.projections WHERE status = 'active'")
        .fetch_optional(pool)
        .await
        .ok()
        .flatten()
        .unwrap_or(0)
}

type Snapshot = (Vec<(Uuid, i64, String, Value)>, Vec<(i64, Uuid, i64)>);

async fn snapshot(pool: &PgPool) -> Snapshot {
    let programmes =
        sqlx::query_as("SELECT id, version, status, state FROM caunoi.programmes ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap();
    let events = sqlx::query_as(
        "SELECT sequence, event_id, version FROM caunoi.programme_events ORDER BY sequence",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    (programmes, events)
}

#[tokio::test]
async fn a_projector_killed_mid_replay_resumes_to_the_same_state_as_a_rebuild() {
    let env = TestEnv::new().await;
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    seed(&store, 3200).await;
    let last = store.last_sequence().await.unwrap() as i64;
    assert_eq!(last, 9600);
    let pool = env.pool().await;
    let mut settings = server_env(&env);
    settings.push(("CAUNOI_PROJECTOR_BATCH_SIZE", "100".into()));

    let projector = Caunoi::start(&["serve", "projector"], &settings);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let reached = position(&pool).await;
        if reached > 0 {
            assert!(
                reached < last,
                "the replay must still be running when it is killed"
            );
            break;
        }
        assert!(Instant::now() < deadline, "the projector never started");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    projector.signal(Signal::SIGKILL);
    let killed_at = position(&pool).await;
    drop(projector);

    let projector = Caunoi::start(&["serve", "projector"], &settings);
    let deadline = Instant::now() + Duration::from_secs(120);
    while position(&pool).await < last {
        assert!(
            Instant::now() < deadline,
            "the projector did not catch up after a restart"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(projector.terminate().success());
    assert!(killed_at < last);
    let resumed = snapshot(&pool).await;
    assert_eq!(
        resumed.1.len(),
        9600,
        "every event is in the history exactly once"
    );

    let rebuild = Caunoi::start(&["rebuild"], &server_env(&env));
    assert!(rebuild.wait().success());
    assert_eq!(
        snapshot(&pool).await,
        resumed,
        "the resumed read model equals a rebuild"
    );
    let generation: i64 =
        sqlx::query_scalar("SELECT generation FROM caunoi.projections WHERE status = 'active'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(generation, 2);
}

#[tokio::test]
async fn serve_api_answers_and_a_nats_client_sees_the_events() {
    let env = TestEnv::new().await;
    let http = free_port();
    let mut settings = server_env(&env);
    settings.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")));
    let base = format!("http://127.0.0.1:{http}");
    let metrics_port = free_port();
    settings.push(("CAUNOI_METRICS_ADDR", format!("127.0.0.1:{metrics_port}")));
    let api = Caunoi::start(&["serve", "api", "projector"], &settings);
    wait_ready(&base).await;
    let client = administrator(&env).await;
    let mut body = serde_json::to_value(plan("Tiếp đoàn Hội Hữu nghị Quảng Tây".into())).unwrap();
    body["host_organisation_id"] = json!(register_host(&client, &base).await);
    let created: Value = client
        .post(format!("{base}/api/programmes"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let submitted = client
        .post(format!("{base}/api/programmes/{id}/submit"))
        .json(&json!({"expected_version": 1}))
        .send()
        .await
        .unwrap();
    assert!(submitted.status().is_success());
    let public_metrics = reqwest::get(format!("{base}/metrics")).await.unwrap();
    assert_eq!(
        public_metrics.status(),
        reqwest::StatusCode::NOT_FOUND,
        "metrics are not on the public address"
    );
    let metrics = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{metrics_port}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for expected in [
        r#"caunoi_commands_total{aggregate="programme",command="submit",outcome="appended"} 1"#,
        "caunoi_projection_lag_events",
        "caunoi_projection_lag_seconds",
        r#"caunoi_http_requests_total{method="POST",route="/api/programmes/{id}/submit",status="200"} 1"#,
        "caunoi_command_duration_seconds",
    ] {
        assert!(metrics.contains(expected), "{expected} in\n{metrics}");
    }

    let js = async_nats::jetstream::new(env.nats().await);
    let stream = js.get_stream(&env.stream).await.unwrap();
    let last = stream
        .get_last_raw_message_by_subject(&format!("{}.programme.{id}", env.subject_prefix))
        .await
        .unwrap();
    let envelope: Value = serde_json::from_slice(&last.payload).unwrap();
    assert_eq!(envelope["event_type"], "ProgrammeSubmitted");
    assert_eq!(envelope["aggregate_version"], 2);
    assert!(api.terminate().success());
}
