use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::sys::signal::Signal;
use sqlx::postgres::{PgConnectOptions, PgSslMode};

use crate::initdb::{Initdb, SUPERUSER};
use crate::process::ServerChild;
use crate::run_as::RunAs;
use crate::{EmbeddedError, password, pg_admin, pg_password, ports, programs};

/// Crash recovery after an unclean stop can take a while on a big data folder.
const READY_TIMEOUT: Duration = Duration::from_secs(60);
const STOP_GRACE: Duration = Duration::from_secs(20);
const ADMIN_DATABASE: &str = "postgres";
/// Linux limits a unix socket path to 107 bytes.
const MAX_SOCKET_PATH: usize = 107;

/// The role the server is made with, and the only one it lets in.
pub const POSTGRES_USER: &str = SUPERUSER;

#[derive(Debug, Clone)]
pub struct PostgresOptions {
    pub data_dir: PathBuf,
    pub port: u16,
    /// The server's output (and initdb's) is appended here.
    pub log_file: PathBuf,
    /// Created on start when missing.
    pub database: String,
    /// `false` turns off fsync and friends: much faster, but a crash of the
    /// machine can lose or corrupt data. Meant for tests.
    pub durable: bool,
    /// When set, the role [`POSTGRES_USER`] must give this password (SCRAM) and no other
    /// role is let in; set at each start. `None` trusts every connection to 127.0.0.1, for
    /// tests.
    pub password: Option<String>,
}

/// A PostgreSQL server listening on 127.0.0.1 for the `caunoi` superuser, with its
/// password or trusted; killed if dropped without [`PostgresProcess::stop`].
#[derive(Debug)]
pub struct PostgresProcess {
    child: ServerChild,
    port: u16,
    database: String,
    password: Option<String>,
}

impl PostgresProcess {
    /// Initialises `data_dir` if needed, starts the server, waits until it
    /// accepts connections and creates `database` if missing.
    pub async fn start(options: PostgresOptions) -> Result<Self, EmbeddedError> {
        pg_admin::validate_database_name(&options.database)?;
        if let Some(password) = &options.password {
            password::validate(password)?;
        }
        let bin_dir = programs::postgres_bin_dir().await?;
        ports::ensure_free(options.port)?;
        let run_as = RunAs::for_postgres()?;
        let data_dir = prepare_data_dir(&options.data_dir, run_as.as_ref())?;
        if !data_dir.join("PG_VERSION").exists() {
            Initdb {
                program: &bin_dir.join("initdb"),
                data_dir: &data_dir,
                log_file: &options.log_file,
                run_as: run_as.as_ref(),
                durable: options.durable,
            }
            .run()
            .await?;
        }
        if let Some(password) = &options.password {
            pg_password::set_password(
                &bin_dir.join("postgres"),
                &data_dir,
                &options.log_file,
                run_as.as_ref(),
                password,
            )
            .await?;
            pg_password::require_password(&data_dir)?;
        }
        let args = server_args(&data_dir, options.port, options.durable);
        let mut child = ServerChild::spawn(
            &bin_dir.join("postgres"),
            args,
            &data_dir,
            &options.log_file,
            run_as.as_ref(),
        )?;
        let admin = connect_options(options.port, ADMIN_DATABASE, options.password.as_deref());
        child
            .wait_ready(READY_TIMEOUT, || pg_admin::accepts_connections(&admin))
            .await?;
        pg_admin::create_database_if_missing(&admin, &options.database).await?;
        tracing::info!(port = options.port, pid = child.pid(), "PostgreSQL ready");
        Ok(Self {
            child,
            port: options.port,
            database: options.database,
            password: options.password,
        })
    }

    /// The database's URL, with the password when there is one: keep it out of logs.
    pub fn url(&self) -> String {
        postgres_url(self.port, &self.database, self.password.as_deref())
    }

    /// The same server's `postgres` database, for creating and dropping
    /// databases.
    pub fn admin_url(&self) -> String {
        postgres_url(self.port, ADMIN_DATABASE, self.password.as_deref())
    }

    pub fn pid(&self) -> u32 {
        self.child.pid()
    }

    /// SIGINT is PostgreSQL's fast shutdown: it disconnects clients and
    /// checkpoints; SIGKILL after 20 s.
    pub async fn stop(self) -> Result<(), EmbeddedError> {
        self.child.stop(Signal::SIGINT, STOP_GRACE).await
    }
}

/// Where the running postmaster's pid is the first line, so that a supervisor
/// outside this process can find the server even while it is still starting.
pub fn postgres_pid_file(data_dir: &Path) -> PathBuf {
    data_dir.join("postmaster.pid")
}

/// The URL of a database of a server on this machine, as `caunoi` and other clients
/// (psql) take it.
pub fn postgres_url(port: u16, database: &str, password: Option<&str>) -> String {
    match password {
        Some(password) => {
            format!("postgres://{SUPERUSER}:{password}@127.0.0.1:{port}/{database}")
        }
        None => format!("postgres://{SUPERUSER}@127.0.0.1:{port}/{database}"),
    }
}

fn connect_options(port: u16, database: &str, password: Option<&str>) -> PgConnectOptions {
    let options = match password {
        Some(password) => PgConnectOptions::new_without_pgpass().password(password),
        None => PgConnectOptions::new_without_pgpass(),
    };
    options
        .host("127.0.0.1")
        .port(port)
        .username(SUPERUSER)
        .database(database)
        // The server is started without TLS; a PGSSLMODE from the environment
        // must not make connecting fail.
        .ssl_mode(PgSslMode::Disable)
}

/// Returns the absolute data folder, owned by the user the server runs as.
fn prepare_data_dir(data_dir: &Path, run_as: Option<&RunAs>) -> Result<PathBuf, EmbeddedError> {
    std::fs::create_dir_all(data_dir).map_err(EmbeddedError::path(data_dir))?;
    let data_dir = data_dir
        .canonicalize()
        .map_err(EmbeddedError::path(data_dir))?;
    if let Some(user) = run_as {
        user.ensure_can_reach(&data_dir)?;
        user.chown(&data_dir)?;
    }
    Ok(data_dir)
}

fn server_args(data_dir: &Path, port: u16, durable: bool) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec![
        "-D".into(),
        data_dir.into(),
        "-p".into(),
        port.to_string().into(),
        "-h".into(),
        "127.0.0.1".into(),
        "-k".into(),
        socket_dir(data_dir, port).into(),
        // A used log segment is deleted instead of renamed for reuse, so that what it held
        // (a forgotten person's key) leaves the folder at the next checkpoint.
        "-c".into(),
        "wal_recycle=off".into(),
    ];
    if !durable {
        for setting in [
            "fsync=off",
            "synchronous_commit=off",
            "full_page_writes=off",
        ] {
            args.extend(["-c".into(), setting.into()]);
        }
    }
    args
}

/// The unix socket goes in the data folder so it never clashes with a system
/// PostgreSQL; when that path is too long for a socket, unix sockets are
/// turned off (clients use TCP anyway) instead of failing to start.
fn socket_dir(data_dir: &Path, port: u16) -> &OsStr {
    let socket = data_dir.join(format!(".s.PGSQL.{port}"));
    if socket.as_os_str().len() <= MAX_SOCKET_PATH {
        data_dir.as_os_str()
    } else {
        OsStr::new("")
    }
}
