use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use embedded::{
    EmbeddedError, NatsCluster, NatsOptions, NatsProcess, PostgresOptions, PostgresProcess,
    find_program, free_port,
};
use nix::errno::Errno;
use nix::sys::signal::kill;
use nix::unistd::{Pid, geteuid};
use sqlx::{Connection, PgConnection};
use tempfile::TempDir;

const PLACE: &str = "Tỉnh Đoàn Cao Bằng";

/// When the tests run as root, PostgreSQL runs as the postgres user, who must
/// be able to enter the folder whatever the umask.
fn temp_dir_with_mode(mode: u32) -> TempDir {
    let dir = TempDir::with_prefix("embedded-test-").expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(mode))
        .expect("chmod temp dir");
    dir
}

fn reachable_temp_dir() -> TempDir {
    temp_dir_with_mode(0o755)
}

fn is_gone(pid: u32) -> bool {
    let pid = Pid::from_raw(i32::try_from(pid).expect("pid fits i32"));
    kill(pid, None) == Err(Errno::ESRCH)
}

fn postgres_options(dir: &Path, durable: bool) -> PostgresOptions {
    PostgresOptions {
        data_dir: dir.join("postgres"),
        port: free_port().expect("free port"),
        log_file: dir.join("postgres.log"),
        database: "caunoi".to_owned(),
        durable,
        password: None,
    }
}

#[tokio::test]
async fn nats_starts_answers_jetstream_and_stops() {
    let dir = reachable_temp_dir();
    let nats = NatsProcess::start(NatsOptions {
        store_dir: dir.path().join("nats"),
        port: free_port().expect("free port"),
        log_file: dir.path().join("nats.log"),
        password: None,
        durable: false,
    })
    .await
    .expect("nats-server starts");

    // Not query_account: async-nats 0.51 expects account fields that
    // nats-server 2.9 does not send.
    let client = async_nats::connect(nats.url()).await.expect("connect");
    async_nats::jetstream::new(client)
        .get_or_create_stream(async_nats::jetstream::stream::Config {
            name: "PROBE".to_owned(),
            subjects: vec!["probe.>".to_owned()],
            ..Default::default()
        })
        .await
        .expect("JetStream answers");

    let pid = nats.pid();
    nats.stop().await.expect("stop");
    assert!(is_gone(pid), "nats-server {pid} still exists");
}

#[tokio::test]
async fn postgres_keeps_data_across_a_restart() {
    let dir = reachable_temp_dir();
    let postgres = PostgresProcess::start(postgres_options(dir.path(), false))
        .await
        .expect("PostgreSQL starts");
    let mut connection = PgConnection::connect(&postgres.url())
        .await
        .expect("connect");
    sqlx::raw_sql("CREATE TABLE places (name text NOT NULL)")
        .execute(&mut connection)
        .await
        .expect("create table");
    sqlx::query("INSERT INTO places (name) VALUES ($1)")
        .bind(PLACE)
        .execute(&mut connection)
        .await
        .expect("insert");
    connection.close().await.expect("close");
    let pid = postgres.pid();
    postgres.stop().await.expect("stop");
    assert!(is_gone(pid), "postgres {pid} still exists");

    let postgres = PostgresProcess::start(postgres_options(dir.path(), true))
        .await
        .expect("PostgreSQL restarts");
    let mut connection = PgConnection::connect(&postgres.url())
        .await
        .expect("connect after restart");
    let name: String = sqlx::query_scalar("SELECT name FROM places")
        .fetch_one(&mut connection)
        .await
        .expect("row survives the restart");
    assert_eq!(name, PLACE);
    connection.close().await.expect("close");
    postgres.stop().await.expect("stop again");
}

#[tokio::test]
async fn port_in_use_is_refused() {
    let dir = reachable_temp_dir();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let result = NatsProcess::start(NatsOptions {
        store_dir: dir.path().join("nats"),
        port,
        log_file: dir.path().join("nats.log"),
        password: None,
        durable: false,
    })
    .await;
    assert!(
        matches!(result, Err(EmbeddedError::PortInUse(p)) if p == port),
        "{result:?}"
    );
}

#[tokio::test]
async fn unreachable_data_dir_is_named_when_root() {
    if !geteuid().is_root() {
        return;
    }
    let dir = temp_dir_with_mode(0o700);
    let result = PostgresProcess::start(postgres_options(dir.path(), false)).await;
    match result {
        Err(EmbeddedError::NotTraversable { dir: named, user }) => {
            assert_eq!(named, dir.path().canonicalize().expect("canonical"));
            assert_eq!(user, "postgres");
        }
        other => panic!("expected NotTraversable, got {other:?}"),
    }
}

#[test]
fn missing_program_names_the_debian_package() {
    let error = find_program("caunoi-no-such-server", "caunoi-no-such-package")
        .expect_err("program should be missing");
    assert_eq!(
        error.to_string(),
        "`caunoi-no-such-server` is not installed: install the Debian package \
         `caunoi-no-such-package` (apt-get install caunoi-no-such-package)"
    );
}

/// `caunoi up` passes paths relative to where it was started (`caunoi-data/nats` by
/// default); they must mean the same to the server as to us.
#[tokio::test]
async fn nats_starts_from_a_relative_store_folder() {
    let here = std::env::current_dir().expect("current folder");
    let dir = tempfile::tempdir_in(&here).expect("temp folder here");
    let relative = dir
        .path()
        .strip_prefix(&here)
        .expect("inside the current folder");
    let nats = NatsProcess::start(NatsOptions {
        store_dir: relative.join("data").join("nats"),
        port: free_port().expect("free port"),
        log_file: relative.join("logs").join("nats.log"),
        password: None,
        durable: true,
    })
    .await
    .expect("nats-server starts from a relative folder");
    assert!(dir.path().join("data/nats/nats-server.pid").exists());
    nats.stop().await.expect("stop");
}

/// A durable server fsyncs every write before acknowledging it where the installed
/// nats-server can (2.10 and later), and still starts where it cannot (Debian's 2.9).
#[tokio::test]
async fn a_durable_nats_syncs_every_write_where_the_server_can() {
    let dir = reachable_temp_dir();
    let nats = NatsProcess::start(NatsOptions {
        store_dir: dir.path().join("nats"),
        port: free_port().expect("free port"),
        log_file: dir.path().join("nats.log"),
        password: None,
        durable: true,
    })
    .await
    .expect("a durable nats-server starts");
    let log = std::fs::read_to_string(dir.path().join("nats.log")).expect("the log");
    let version = log
        .lines()
        .find_map(|line| line.split("Version:").nth(1))
        .map(str::trim)
        .expect("the server logs its version");
    let minor: u32 = version
        .split('.')
        .nth(1)
        .and_then(|minor| minor.parse().ok())
        .expect("a version like 2.9.10");
    let config =
        std::fs::read_to_string(dir.path().join("nats/nats-server.conf")).expect("the config");
    assert_eq!(
        config.contains("sync_interval: always"),
        minor >= 10,
        "nats-server {version} was given:\n{config}"
    );
    let client = async_nats::connect(nats.url()).await.expect("connect");
    let jetstream = async_nats::jetstream::new(client);
    jetstream
        .create_stream(async_nats::jetstream::stream::Config {
            name: "DURABLE".to_owned(),
            subjects: vec!["durable.>".to_owned()],
            ..Default::default()
        })
        .await
        .expect("a stream");
    jetstream
        .publish("durable.1", PLACE.into())
        .await
        .expect("publish")
        .await
        .expect("acknowledged");
    nats.stop().await.expect("stop");
}

/// A stream kept on three servers goes on taking messages while one of them is down, and
/// the one brought back has them all.
#[tokio::test]
async fn a_cluster_keeps_a_replicated_stream_through_the_loss_of_one_server() {
    use async_nats::jetstream::stream::Config;

    // The six ports are free when chosen, but another test starting a server at the same
    // moment may bind one first; the servers then exit with "address already in use".
    // Starting again on new ports, in a new folder, is all it takes.
    let mut attempt = 1;
    let (_dir, mut cluster) = loop {
        let dir = reachable_temp_dir();
        match NatsCluster::start(dir.path(), 3).await {
            Ok(cluster) => break (dir, cluster),
            Err(e) if attempt < 3 && e.to_string().contains("already in use") => attempt += 1,
            Err(e) => panic!("the cluster starts: {e}"),
        }
    };
    assert_eq!(cluster.url().split(',').count(), 3);
    let client = async_nats::connect(cluster.urls()).await.expect("connect");
    let jetstream = async_nats::jetstream::new(client);
    let mut stream = jetstream
        .create_stream(Config {
            name: "PLACES".to_owned(),
            subjects: vec!["places.>".to_owned()],
            num_replicas: 3,
            ..Default::default()
        })
        .await
        .expect("a stream of three replicas");
    // While a leader is being elected the stream does not answer; a publish is retried
    // under the same message id, which the stream stores once.
    let publish = |n: u32| {
        let jetstream = jetstream.clone();
        async move {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
            loop {
                let mut headers = async_nats::HeaderMap::new();
                headers.insert("Nats-Msg-Id", n.to_string().as_str());
                let attempt = async {
                    jetstream
                        .publish_with_headers(format!("places.{n}"), headers, PLACE.into())
                        .await?
                        .await
                        .map_err(async_nats::Error::from)
                };
                match attempt.await {
                    Ok(_) => return,
                    Err(e) => assert!(
                        std::time::Instant::now() < deadline,
                        "message {n} not acknowledged: {e}"
                    ),
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    };
    publish(1).await;
    let leader = stream
        .info()
        .await
        .expect("stream info")
        .cluster
        .as_ref()
        .and_then(|c| c.leader.clone())
        .expect("the stream has a leader");
    let index = cluster.index_of(&leader).expect("the leader is ours");
    let pid_file = embedded::nats_pid_file(cluster.store_dir(index));
    let pid: u32 = std::fs::read_to_string(&pid_file)
        .expect("pid file")
        .trim()
        .parse()
        .expect("a pid");
    cluster.kill(index).await.expect("kill the leader");
    assert!(is_gone(pid), "the killed server {pid} is gone");
    for n in 2..=5 {
        publish(n).await;
    }
    cluster.restart(index).await.expect("restart");

    // The restarted server alone, asked directly, has every message once it caught up.
    let only = async_nats::connect(cluster.node_url(index))
        .await
        .expect("connect to the restarted server");
    let mut stream = async_nats::jetstream::new(only)
        .get_stream("PLACES")
        .await
        .expect("the stream");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let info = stream.info().await.expect("stream info");
        let replicas = info.cluster.as_ref().map_or(0, |c| c.replicas.len());
        if info.state.messages == 5 && replicas == 2 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the stream did not recover: {:?}",
            info.state
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    cluster.stop().await.expect("stop");
}

const PASSWORD: &str = "0123456789abcdefABCDEF0123456789";

/// Other users of the machine reach 127.0.0.1 too: a NATS started with a password lets in
/// only a client that gives it, and its configuration file is its owner's only.
#[tokio::test]
async fn nats_with_a_password_refuses_anyone_without_it() {
    let dir = reachable_temp_dir();
    let port = free_port().expect("free port");
    let nats = NatsProcess::start(NatsOptions {
        store_dir: dir.path().join("nats"),
        port,
        log_file: dir.path().join("nats.log"),
        password: Some(PASSWORD.to_owned()),
        durable: true,
    })
    .await
    .expect("nats-server starts");

    let anonymous = async_nats::ConnectOptions::new()
        .max_reconnects(1)
        .connect(format!("nats://127.0.0.1:{port}"))
        .await;
    assert!(anonymous.is_err(), "a client without the password got in");
    let wrong = async_nats::ConnectOptions::with_user_and_password(
        embedded::NATS_USER.into(),
        "wrong-password".into(),
    )
    .max_reconnects(1)
    .connect(format!("nats://127.0.0.1:{port}"))
    .await;
    assert!(wrong.is_err(), "a client with a wrong password got in");
    let client = async_nats::ConnectOptions::with_user_and_password(
        embedded::NATS_USER.into(),
        PASSWORD.into(),
    )
    .connect(format!("nats://127.0.0.1:{port}"))
    .await
    .expect("the password lets in");
    client.flush().await.expect("flush");
    assert!(
        nats.url().contains(PASSWORD),
        "the URL carries the password"
    );

    let config = std::fs::metadata(dir.path().join("nats").join("nats-server.conf")).unwrap();
    assert_eq!(
        config.permissions().mode() & 0o077,
        0,
        "config readable by others"
    );
    nats.stop().await.expect("stop");
}

/// A folder made before passwords (every local connection trusted) is moved over at the
/// next start: without the password nobody gets in, with it the data is all there, and the
/// password is in no log.
#[tokio::test]
async fn postgres_with_a_password_refuses_anyone_without_it_also_in_an_older_folder() {
    let dir = reachable_temp_dir();
    let mut options = postgres_options(dir.path(), false);
    let port = options.port;
    let trusting = PostgresProcess::start(options.clone())
        .await
        .expect("PostgreSQL starts");
    let mut connection = PgConnection::connect(&trusting.url())
        .await
        .expect("connect");
    sqlx::raw_sql(
        "CREATE TABLE places (name text NOT NULL); INSERT INTO places VALUES ('Cao Bằng')",
    )
    .execute(&mut connection)
    .await
    .expect("write");
    connection.close().await.expect("close");
    trusting.stop().await.expect("stop");

    options.password = Some(PASSWORD.to_owned());
    let postgres = PostgresProcess::start(options.clone())
        .await
        .expect("PostgreSQL starts with a password");

    for without in [
        format!("postgres://caunoi@127.0.0.1:{port}/caunoi"),
        format!("postgres://caunoi:wrong@127.0.0.1:{port}/caunoi"),
        format!("postgres://postgres@127.0.0.1:{port}/caunoi"),
    ] {
        assert!(
            PgConnection::connect(&without).await.is_err(),
            "{without} got in"
        );
    }
    let mut connection = PgConnection::connect(&postgres.url())
        .await
        .expect("the password lets in");
    let name: String = sqlx::query_scalar("SELECT name FROM places")
        .fetch_one(&mut connection)
        .await
        .expect("the data is kept");
    assert_eq!(name, "Cao Bằng");
    connection.close().await.expect("close");
    postgres.stop().await.expect("stop");

    let log = std::fs::read_to_string(&options.log_file).unwrap();
    assert!(!log.contains(PASSWORD), "the password reached the log");
}

#[tokio::test]
async fn a_password_that_would_need_quoting_is_refused() {
    let dir = reachable_temp_dir();
    let mut options = postgres_options(dir.path(), false);
    options.password = Some("0123456789abcdef' OR '1'='1".to_owned());
    assert!(matches!(
        PostgresProcess::start(options).await,
        Err(EmbeddedError::InvalidPassword)
    ));
}
