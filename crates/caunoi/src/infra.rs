use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use embedded::{EmbeddedError, NatsOptions, NatsProcess, PostgresOptions, PostgresProcess};
use eventstore::{EventStore, StoreConfig};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use tracing::{info, warn};

use crate::settings::Settings;

/// A projector writes one batch at a time, and a rebuild reads a little beside it.
const PROJECTION_CONNECTIONS: u32 = 3;

/// The connections every service needs, and the embedded servers started for them when no
/// URLs were configured.
pub struct Infrastructure {
    pub nats: async_nats::Client,
    pub store: EventStore,
    /// For reads, migrations and anything that must be durable at once.
    pub pool: PgPool,
    /// For writing read models only (see `projector::projection_pool`).
    pub projection_pool: PgPool,
    embedded_nats: Option<NatsProcess>,
    embedded_postgres: Option<PostgresProcess>,
}

/// PostgreSQL runs as the `postgres` user when we are root, and that user must be able to
/// reach the data folder. When it cannot (a project under /root, say), the cluster lives in
/// a folder of its own under /var/lib/caunoi instead.
fn postgres_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("postgres")
}

fn fallback_postgres_dir(data_dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let name: String = absolute
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    PathBuf::from("/var/lib/caunoi").join(name.trim_matches('_'))
}

async fn start_embedded_postgres(settings: &Settings) -> Result<PostgresProcess> {
    let logs = settings.data_dir.join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;
    let options = |data_dir: PathBuf| PostgresOptions {
        data_dir,
        port: settings.embedded_postgres_port,
        log_file: logs.join("postgres.log"),
        database: "caunoi".into(),
        durable: true,
    };
    match PostgresProcess::start(options(postgres_dir(&settings.data_dir))).await {
        Err(EmbeddedError::NotTraversable { dir, user }) => {
            let fallback = fallback_postgres_dir(&settings.data_dir);
            warn!(
                unreachable = %dir.display(),
                %user,
                using = %fallback.display(),
                "the PostgreSQL user cannot reach the data folder; keeping the database elsewhere"
            );
            Ok(PostgresProcess::start(options(fallback)).await?)
        }
        other => Ok(other?),
    }
}

impl Infrastructure {
    pub async fn start(settings: &Settings) -> Result<Self> {
        let mut embedded_nats = None;
        let nats_url = match &settings.nats_url {
            Some(url) => url.clone(),
            None => {
                let logs = settings.data_dir.join("logs");
                std::fs::create_dir_all(&logs)?;
                let process = NatsProcess::start(NatsOptions {
                    store_dir: settings.data_dir.join("nats"),
                    port: settings.embedded_nats_port,
                    log_file: logs.join("nats.log"),
                })
                .await
                .context("starting the embedded NATS server")?;
                info!(url = %process.url(), "embedded NATS with JetStream started");
                let url = process.url();
                embedded_nats = Some(process);
                url
            }
        };
        let mut embedded_postgres = None;
        let database_url = match &settings.database_url {
            Some(url) => url.clone(),
            None => {
                let process = start_embedded_postgres(settings)
                    .await
                    .context("starting the embedded PostgreSQL")?;
                info!(url = %process.url(), "embedded PostgreSQL started");
                let url = process.url();
                embedded_postgres = Some(process);
                url
            }
        };
        let nats = async_nats::ConnectOptions::new()
            .name("caunoi")
            .retry_on_initial_connect()
            .connection_timeout(Duration::from_secs(5))
            .connect(server_list(&nats_url))
            .await
            .with_context(|| format!("connecting to NATS at {nats_url}"))?;
        let store = tokio::time::timeout(
            Duration::from_secs(30),
            EventStore::open(
                nats.clone(),
                StoreConfig {
                    stream: settings.stream.clone(),
                    subject_prefix: settings.subject_prefix.clone(),
                    replicas: settings.stream_replicas,
                    ..StoreConfig::default()
                },
            ),
        )
        .await
        .with_context(|| format!("NATS at {nats_url} did not answer within 30 s"))?
        .context("opening the event stream (is JetStream enabled on the server?)")?;
        let pool = PgPoolOptions::new()
            .max_connections(settings.database_max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .connect(&database_url)
            .await
            .with_context(|| format!("connecting to PostgreSQL at {}", redact(&database_url)))?;
        let projection_pool = projector::projection_pool(&database_url, PROJECTION_CONNECTIONS)
            .await
            .with_context(|| format!("connecting to PostgreSQL at {}", redact(&database_url)))?;
        Ok(Self {
            nats,
            store,
            pool,
            projection_pool,
            embedded_nats,
            embedded_postgres,
        })
    }

    /// The key store of personal data, with the configured master keys.
    pub fn vault(&self, settings: &Settings) -> Result<vault::Vault> {
        let (current, previous) = settings
            .personal_data_keys()
            .context("reading the personal-data master key")?;
        Ok(vault::Vault::new(self.pool.clone(), current, previous))
    }

    /// Closes connections, then stops the embedded servers, PostgreSQL last so that every
    /// committed write is flushed.
    pub async fn stop(self) -> Result<()> {
        self.pool.close().await;
        self.projection_pool.close().await;
        self.nats.flush().await.ok();
        if let Some(nats) = self.embedded_nats {
            nats.stop()
                .await
                .context("stopping the embedded NATS server")?;
        }
        if let Some(postgres) = self.embedded_postgres {
            postgres
                .stop()
                .await
                .context("stopping the embedded PostgreSQL")?;
        }
        Ok(())
    }
}

/// `NATS_URL` may list several servers of a cluster, comma-separated; the client takes
/// them as a list (a single string is read as one URL) and moves to another when one fails.
fn server_list(urls: &str) -> Vec<&str> {
    urls.split(',')
        .map(str::trim)
        .filter(|url| !url.is_empty())
        .collect()
}

/// Hides a password in a database URL before it reaches a log or an error message.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Only fails for URLs that cannot have a password, which this one has.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{redact, server_list};

    #[test]
    fn a_nats_url_may_list_the_servers_of_a_cluster() {
        assert_eq!(
            server_list("nats://nats-1:4222, nats://nats-2:4222,nats://nats-3:4222"),
            [
                "nats://nats-1:4222",
                "nats://nats-2:4222",
                "nats://nats-3:4222"
            ]
        );
        assert_eq!(
            server_list("nats://127.0.0.1:4222"),
            ["nats://127.0.0.1:4222"]
        );
    }

    #[test]
    fn passwords_never_reach_logs() {
        assert_eq!(
            redact("postgres://caunoi:s3cret@db.internal:5432/caunoi"),
            "postgres://caunoi:***@db.internal:5432/caunoi"
        );
        assert_eq!(
            redact("postgres://caunoi@127.0.0.1:15432/caunoi"),
            "postgres://caunoi@127.0.0.1:15432/caunoi"
        );
    }
}
