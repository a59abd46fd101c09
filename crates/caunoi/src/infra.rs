use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use embedded::{EmbeddedError, NatsOptions, NatsProcess, PostgresOptions, PostgresProcess};
use eventstore::{EventStore, StoreConfig};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use tracing::{info, warn};

use crate::nats_servers::NatsServers;
use crate::secrets::{self, EmbeddedServer};
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

async fn start_embedded_postgres(settings: &Settings, password: &str) -> Result<PostgresProcess> {
    let logs = settings.data_dir.join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;
    let options = |data_dir: PathBuf| PostgresOptions {
        data_dir,
        port: settings.embedded_postgres_port,
        log_file: logs.join("postgres.log"),
        database: "caunoi".into(),
        durable: true,
        password: Some(password.to_owned()),
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

/// The embedded PostgreSQL of this data folder: the one `caunoi up` already runs (for a
/// command run beside it), or a new one. Returns its URL, and the process when it is ours.
async fn embedded_postgres(settings: &Settings) -> Result<(String, Option<PostgresProcess>)> {
    let password = secrets::embedded_password(settings, EmbeddedServer::Postgres)?;
    let port = settings.embedded_postgres_port;
    let running = [
        postgres_dir(&settings.data_dir),
        fallback_postgres_dir(&settings.data_dir),
    ]
    .iter()
    .any(|dir| embedded::is_running(&embedded::postgres_pid_file(dir)));
    if running && !embedded::port_is_free(port) {
        info!(
            port,
            "using the embedded PostgreSQL already running for this data folder"
        );
        return Ok((
            embedded::postgres_url(port, "caunoi", Some(&password)),
            None,
        ));
    }
    let process = start_embedded_postgres(settings, &password)
        .await
        .context("starting the embedded PostgreSQL")?;
    info!(port, "embedded PostgreSQL started");
    Ok((process.url(), Some(process)))
}

/// The embedded NATS of this data folder, found or started as for PostgreSQL.
async fn embedded_nats(settings: &Settings) -> Result<(String, Option<NatsProcess>)> {
    let password = secrets::embedded_password(settings, EmbeddedServer::Nats)?;
    let port = settings.embedded_nats_port;
    let store_dir = settings.data_dir.join("nats");
    if embedded::is_running(&embedded::nats_pid_file(&store_dir)) && !embedded::port_is_free(port) {
        info!(
            port,
            "using the embedded NATS already running for this data folder"
        );
        return Ok((embedded::nats_url(port, Some(&password)), None));
    }
    let logs = settings.data_dir.join("logs");
    std::fs::create_dir_all(&logs)?;
    let process = NatsProcess::start(NatsOptions {
        store_dir,
        port,
        log_file: logs.join("nats.log"),
        password: Some(password),
        durable: true,
    })
    .await
    .context("starting the embedded NATS server")?;
    info!(port, "embedded NATS with JetStream started");
    Ok((process.url(), Some(process)))
}

impl Infrastructure {
    pub async fn start(settings: &Settings) -> Result<Self> {
        let (nats_url, embedded_nats) = match &settings.nats_url {
            Some(url) => (url.clone(), None),
            None => embedded_nats(settings).await?,
        };
        let (database_url, embedded_postgres) = match &settings.database_url {
            Some(url) => (url.clone(), None),
            None => embedded_postgres(settings).await?,
        };
        let servers = NatsServers::parse(&nats_url)?;
        let nats = servers
            .options()
            .name("caunoi")
            .retry_on_initial_connect()
            .connection_timeout(Duration::from_secs(5))
            .connect(servers.addresses.as_slice())
            .await
            .with_context(|| format!("connecting to NATS at {}", servers.shown()))?;
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
        .with_context(|| format!("NATS at {} did not answer within 30 s", servers.shown()))?
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

/// For `caunoi embedded-urls`: the embedded servers' URLs with their passwords, as shell
/// exports. The passwords are letters and digits, so single quotes suffice.
pub fn print_embedded_urls(settings: &Settings) -> Result<()> {
    let nats = secrets::embedded_password(settings, EmbeddedServer::Nats)?;
    let postgres = secrets::embedded_password(settings, EmbeddedServer::Postgres)?;
    println!(
        "export NATS_URL='{}'",
        embedded::nats_url(settings.embedded_nats_port, Some(&nats))
    );
    println!(
        "export DATABASE_URL='{}'",
        embedded::postgres_url(settings.embedded_postgres_port, "caunoi", Some(&postgres))
    );
    Ok(())
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
    use super::redact;

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
