use async_nats::jetstream::{self, stream};
use sqlx::{Connection, PgConnection};
use testkit::{TestEnv, shared_servers};

const PLACE: &str = "Tỉnh Đoàn Cao Bằng";

#[tokio::test]
async fn concurrent_envs_are_isolated() {
    let (first, second) = tokio::join!(TestEnv::new(), TestEnv::new());
    assert_ne!(first.database, second.database);
    assert_ne!(first.database_url, second.database_url);
    assert_ne!(first.stream, second.stream);
    assert_ne!(first.subject_prefix, second.subject_prefix);
    assert_eq!(first.nats_url, second.nats_url);
    assert_eq!(first.admin_database_url, second.admin_database_url);
    assert!(
        first
            .database_url
            .ends_with(&format!("/{}", first.database))
    );
}

#[tokio::test]
async fn jetstream_round_trip() {
    let env = TestEnv::new().await;
    let jetstream = jetstream::new(env.nats().await);
    let stream = jetstream
        .get_or_create_stream(stream::Config {
            name: env.stream.clone(),
            subjects: vec![format!("{}.>", env.subject_prefix)],
            ..Default::default()
        })
        .await
        .expect("create stream");
    let ack = jetstream
        .publish(format!("{}.place", env.subject_prefix), PLACE.into())
        .await
        .expect("publish")
        .await
        .expect("ack");
    let message = stream
        .get_raw_message(ack.sequence)
        .await
        .expect("read back");
    assert_eq!(message.payload, PLACE.as_bytes());
}

#[tokio::test]
async fn postgres_round_trips_vietnamese() {
    let env = TestEnv::new().await;
    let pool = env.pool().await;
    sqlx::raw_sql("CREATE TABLE places (name text NOT NULL)")
        .execute(&pool)
        .await
        .expect("create table");
    sqlx::query("INSERT INTO places (name) VALUES ($1)")
        .bind(PLACE)
        .execute(&pool)
        .await
        .expect("insert");
    let name: String = sqlx::query_scalar("SELECT name FROM places")
        .fetch_one(&pool)
        .await
        .expect("select");
    assert_eq!(name, PLACE);
}

#[tokio::test]
async fn cleanup_removes_database_and_stream() {
    let env = TestEnv::new().await;
    let jetstream = jetstream::new(env.nats().await);
    jetstream
        .get_or_create_stream(stream::Config {
            name: env.stream.clone(),
            subjects: vec![format!("{}.>", env.subject_prefix)],
            ..Default::default()
        })
        .await
        .expect("create stream");
    let _open_pool = env.pool().await;
    let (stream_name, database, admin_url) = (
        env.stream.clone(),
        env.database.clone(),
        env.admin_database_url.clone(),
    );

    env.cleanup().await;

    assert!(jetstream.get_stream(&stream_name).await.is_err());
    let mut admin = PgConnection::connect(&admin_url).await.expect("admin");
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&database)
            .fetch_one(&mut admin)
            .await
            .expect("query");
    assert!(!exists, "{database} still exists");
}

#[tokio::test]
async fn throwaway_servers_report_their_pids() {
    let servers = shared_servers();
    if std::env::var_os("NATS_URL").is_none() {
        assert!(servers.nats_pid.is_some());
    }
    if std::env::var_os("DATABASE_URL").is_none() {
        assert!(servers.postgres_pid.is_some());
    }
}

#[tokio::test]
async fn an_own_postgres_keeps_its_data_when_started_again() {
    let mut postgres = testkit::TestPostgres::start().await;
    let mut connection = PgConnection::connect(&postgres.url())
        .await
        .expect("connect");
    sqlx::raw_sql("CREATE TABLE places (name text)")
        .execute(&mut connection)
        .await
        .expect("create");
    sqlx::query("INSERT INTO places VALUES ($1)")
        .bind(PLACE)
        .execute(&mut connection)
        .await
        .expect("insert");
    connection.close().await.expect("close");
    postgres.stop().await;
    assert!(PgConnection::connect(&postgres.url()).await.is_err());
    postgres.start_again().await;
    let mut connection = PgConnection::connect(&postgres.url()).await.expect("again");
    let name: String = sqlx::query_scalar("SELECT name FROM places")
        .fetch_one(&mut connection)
        .await
        .expect("select");
    assert_eq!(name, PLACE);
}

#[tokio::test]
async fn a_dropped_cluster_leaves_no_server_behind() {
    let cluster = testkit::TestNatsCluster::start().await;
    let pids: Vec<i32> = cluster
        .store_dirs()
        .iter()
        .map(|dir| {
            std::fs::read_to_string(embedded::nats_pid_file(dir))
                .expect("pid file")
                .trim()
                .parse()
                .expect("pid")
        })
        .collect();
    let folder = cluster.store_dirs()[0].parent().expect("folder").to_owned();
    drop(cluster);
    // Killed on drop; reaped by the runtime shortly after.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    for pid in pids {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        assert!(
            status.is_empty() || status.contains("State:\tZ"),
            "nats-server {pid} still runs"
        );
    }
    assert!(!folder.exists(), "the cluster's folder is removed");
}
