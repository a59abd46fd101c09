use async_nats::jetstream::ErrorCode;
use async_nats::jetstream::context::DeleteStreamErrorKind;
use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection, PgConnection, PgPool};
use uuid::Uuid;

use crate::database_url::with_database;
use crate::servers::try_shared_servers;

/// Tests run in parallel; a few connections each keep the total under
/// PostgreSQL's default limit of 100.
const POOL_SIZE: u32 = 4;

/// One test's own database, JetStream stream name and subject prefix on the
/// shared servers.
///
/// On throwaway servers nothing needs cleaning up: they are removed when the
/// test process ends. On servers given by `NATS_URL` / `DATABASE_URL`, end the
/// test with [`TestEnv::cleanup`].
#[derive(Debug, Clone)]
pub struct TestEnv {
    pub nats_url: String,
    pub database_url: String,
    pub stream: String,
    pub subject_prefix: String,
    pub admin_database_url: String,
    pub database: String,
}

impl TestEnv {
    /// Creates the database `t_<uuid>`; the stream is only named here
    /// (`T_<UUID>`, subjects `t<uuid>.events.>`), the code under test creates it.
    ///
    /// # Panics
    /// When the servers cannot be started or the database not created.
    pub async fn new() -> Self {
        // Starting the servers blocks for seconds the first time; it must not
        // stall this test's runtime.
        let servers = tokio::task::spawn_blocking(try_shared_servers)
            .await
            .unwrap_or_else(|e| panic!("testkit server thread: {e}"))
            .unwrap_or_else(|message| panic!("{message}"));
        let id = Uuid::now_v7().simple().to_string();
        let database = format!("t_{id}");
        let database_url =
            with_database(&servers.postgres_admin_url, &database).unwrap_or_else(|e| panic!("{e}"));
        admin_sql(
            &servers.postgres_admin_url,
            &format!(
                "CREATE DATABASE \"{database}\"{}",
                servers.create_database_options
            ),
        )
        .await;
        Self {
            nats_url: servers.nats_url.clone(),
            database_url,
            stream: format!("T_{}", id.to_uppercase()),
            subject_prefix: format!("t{id}.events"),
            admin_database_url: servers.postgres_admin_url.clone(),
            database,
        }
    }

    /// # Panics
    /// When NATS cannot be reached.
    pub async fn nats(&self) -> async_nats::Client {
        async_nats::connect(&self.nats_url)
            .await
            .unwrap_or_else(|e| panic!("connect to NATS: {e}"))
    }

    /// # Panics
    /// When this test's database cannot be reached.
    pub async fn pool(&self) -> PgPool {
        PgPoolOptions::new()
            .max_connections(POOL_SIZE)
            .connect(&self.database_url)
            .await
            .unwrap_or_else(|e| panic!("connect to database {}: {e}", self.database))
    }

    /// Deletes this test's stream and database, disconnecting anyone still
    /// using it. Call it at the end of a test when running against servers
    /// given by `NATS_URL` / `DATABASE_URL`.
    ///
    /// # Panics
    /// When the servers refuse.
    pub async fn cleanup(self) {
        let jetstream = async_nats::jetstream::new(self.nats().await);
        if let Err(e) = jetstream.delete_stream(&self.stream).await {
            let missing = matches!(
                e.kind(),
                DeleteStreamErrorKind::JetStream(js) if js.error_code() == ErrorCode::STREAM_NOT_FOUND
            );
            assert!(missing, "delete stream {}: {e}", self.stream);
        }
        admin_sql(
            &self.admin_database_url,
            &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.database),
        )
        .await;
    }
}

/// Runs one statement that takes no parameters, such as CREATE DATABASE.
/// Messages leave out the URL, which may hold a password.
async fn admin_sql(admin_url: &str, statement: &str) {
    let mut connection = PgConnection::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("connect to the admin database: {e}"));
    sqlx::raw_sql(statement)
        .execute(&mut connection)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
    connection
        .close()
        .await
        .unwrap_or_else(|e| panic!("close the admin connection: {e}"));
}
