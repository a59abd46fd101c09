//! One NATS and one PostgreSQL server per test process, started by the first
//! test that needs them.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{OnceLock, mpsc};

use embedded::{NatsOptions, NatsProcess, PostgresOptions, PostgresProcess};
use sqlx::{Connection, PgConnection};

use crate::watchdog::Server;
use crate::{database_url, watchdog};

/// Where the shared servers listen; the pids are `None` for servers given by
/// `NATS_URL` / `DATABASE_URL`, which testkit neither started nor may kill.
#[derive(Debug, Clone)]
pub struct Servers {
    pub nats_url: String,
    pub postgres_admin_url: String,
    pub nats_pid: Option<u32>,
    pub postgres_pid: Option<u32>,
    /// Appended to CREATE DATABASE.
    pub(crate) create_database_options: &'static str,
}

/// The failure is kept too, so that every test reports it instead of each
/// trying to start servers again.
static SERVERS: OnceLock<Result<Servers, String>> = OnceLock::new();

/// The shared servers, started on first use; that first call blocks for a
/// few seconds.
///
/// # Panics
/// When a server cannot be started; the message says why.
pub fn shared_servers() -> &'static Servers {
    match try_shared_servers() {
        Ok(servers) => servers,
        Err(message) => panic!("{message}"),
    }
}

pub(crate) fn try_shared_servers() -> Result<&'static Servers, String> {
    SERVERS
        .get_or_init(start_on_own_thread)
        .as_ref()
        .map_err(|e| format!("testkit could not start its servers: {e}"))
}

/// Each `#[tokio::test]` has its own runtime, which ends with the test; the
/// server handles live on a thread whose runtime lasts as long as the process.
fn start_on_own_thread() -> Result<Servers, String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("testkit-servers".to_owned())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    // The receiver waits for exactly one message.
                    let _ = sender.send(Err(format!("tokio runtime: {e}")));
                    return;
                }
            };
            runtime.block_on(async move {
                match Running::start().await {
                    Ok(running) => {
                        let _ = sender.send(Ok(running.servers.clone()));
                        let _kept_until_exit = running;
                        std::future::pending::<()>().await;
                    }
                    Err(e) => {
                        let _ = sender.send(Err(e));
                    }
                }
            });
        })
        .map_err(|e| format!("server thread: {e}"))?;
    receiver
        .recv()
        .map_err(|_| "the server thread ended without an answer".to_owned())?
}

/// Handles of the servers testkit started; dropping them would kill them.
struct Running {
    servers: Servers,
    _nats: Option<NatsProcess>,
    _postgres: Option<PostgresProcess>,
}

impl Running {
    async fn start() -> Result<Self, String> {
        // Created even when both servers are external: simpler than
        // tracking whether anything needs it, and the watchdog removes it.
        let dir = throwaway_dir().map_err(|e| format!("throwaway folder: {e}"))?;
        let ((nats_url, nats), (postgres_admin_url, postgres)) =
            tokio::try_join!(nats(&dir), postgres(&dir))?;
        let create_database_options = match postgres {
            Some(_) => create_database_options(&postgres_admin_url).await?,
            None => "",
        };
        Ok(Self {
            servers: Servers {
                nats_url,
                postgres_admin_url,
                nats_pid: nats.as_ref().map(NatsProcess::pid),
                postgres_pid: postgres.as_ref().map(PostgresProcess::pid),
                create_database_options,
            },
            _nats: nats,
            _postgres: postgres,
        })
    }
}

fn external(variable: &str) -> Option<String> {
    std::env::var(variable).ok().filter(|url| !url.is_empty())
}

async fn nats(dir: &Path) -> Result<(String, Option<NatsProcess>), String> {
    if let Some(url) = external("NATS_URL") {
        return Ok((url, None));
    }
    let nats = NatsProcess::start(NatsOptions {
        store_dir: nats_dir(dir),
        port: embedded::free_port().map_err(|e| e.to_string())?,
        log_file: dir.join("nats.log"),
        password: None,
        // Tests crash no machine: syncing each write would only slow them.
        durable: false,
    })
    .await
    .map_err(|e| e.to_string())?;
    Ok((nats.url(), Some(nats)))
}

async fn postgres(dir: &Path) -> Result<(String, Option<PostgresProcess>), String> {
    if let Some(url) = external("DATABASE_URL") {
        return Ok((database_url::with_database(&url, "postgres")?, None));
    }
    let postgres = PostgresProcess::start(PostgresOptions {
        data_dir: postgres_dir(dir),
        port: embedded::free_port().map_err(|e| e.to_string())?,
        log_file: dir.join("postgres.log"),
        database: "caunoi".to_owned(),
        durable: false,
        password: None,
    })
    .await
    .map_err(|e| e.to_string())?;
    Ok((postgres.admin_url(), Some(postgres)))
}

/// Copying the tiny template's files is several times faster than the
/// WAL-logged copy PostgreSQL 15 made the default; the checkpoints it costs
/// are cheap with fsync off, so it is used on the throwaway server only.
async fn create_database_options(admin_url: &str) -> Result<&'static str, String> {
    let failed = |e: sqlx::Error| format!("PostgreSQL version: {e}");
    let mut connection = PgConnection::connect(admin_url).await.map_err(failed)?;
    let version: String = sqlx::query_scalar("SHOW server_version_num")
        .fetch_one(&mut connection)
        .await
        .map_err(failed)?;
    connection.close().await.map_err(failed)?;
    let has_strategy = version.parse::<u32>().is_ok_and(|v| v >= 150_000);
    Ok(if has_strategy {
        " STRATEGY = FILE_COPY"
    } else {
        ""
    })
}

fn nats_dir(dir: &Path) -> PathBuf {
    dir.join("nats")
}

fn postgres_dir(dir: &Path) -> PathBuf {
    dir.join("postgres")
}

/// Removed by the watchdog after the process ends, since the servers may
/// write to it until then.
fn throwaway_dir() -> std::io::Result<PathBuf> {
    let dir = tempfile::Builder::new()
        .prefix("caunoi-testkit-")
        .tempdir()?;
    // When tests run as root, PostgreSQL runs as the postgres user, who must
    // be able to enter this folder whatever the umask.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))?;
    watchdog::spawn(
        dir.path(),
        &[
            Server::Nats(&embedded::nats_pid_file(&nats_dir(dir.path()))),
            Server::Postgres(&embedded::postgres_pid_file(&postgres_dir(dir.path()))),
        ],
    )?;
    Ok(dir.keep())
}
