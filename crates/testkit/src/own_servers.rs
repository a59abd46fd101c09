//! Servers of a test's own, for tests that crash or restart them: a three-node NATS
//! cluster and a PostgreSQL. Each lives in a temporary folder; dropping the handle kills
//! the servers and removes the folder, and a watchdog does the same if the test process
//! dies without unwinding.

use std::ops::{Deref, DerefMut};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use embedded::{NatsCluster, PostgresOptions, PostgresProcess};
use tempfile::TempDir;

use crate::watchdog::{self, Server};

/// How many times a cluster is started on new ports before its test fails.
const START_ATTEMPTS: u32 = 3;

/// A NATS JetStream cluster of three on 127.0.0.1, all of whose methods
/// ([`NatsCluster::kill`], [`NatsCluster::restart`], …) it offers.
pub struct TestNatsCluster {
    // Dropped first: the servers go before their folder.
    cluster: NatsCluster,
    _dir: TempDir,
}

impl TestNatsCluster {
    /// # Panics
    /// When the servers cannot be started.
    pub async fn start() -> Self {
        // The six ports are free when chosen, but another test starting a server at the
        // same moment may bind one first; the servers then exit with "address already in
        // use". Starting again on new ports, in a new folder, is all it takes.
        let mut attempt = 1;
        let (cluster, dir) = loop {
            let dir = own_dir("caunoi-nats-cluster-");
            match NatsCluster::start(dir.path(), 3).await {
                Ok(cluster) => break (cluster, dir),
                Err(e) if attempt < START_ATTEMPTS && e.to_string().contains("already in use") => {
                    eprintln!("NATS cluster: a port was taken meanwhile, starting again: {e}");
                    attempt += 1;
                }
                Err(e) => panic!("NATS cluster: {e}"),
            }
        };
        let pid_files: Vec<_> = cluster
            .store_dirs()
            .iter()
            .map(|store| embedded::nats_pid_file(store))
            .collect();
        let servers: Vec<_> = pid_files.iter().map(|file| Server::Nats(file)).collect();
        watchdog::spawn(dir.path(), &servers)
            .unwrap_or_else(|e| panic!("NATS cluster watchdog: {e}"));
        Self { cluster, _dir: dir }
    }
}

impl Deref for TestNatsCluster {
    type Target = NatsCluster;

    fn deref(&self) -> &NatsCluster {
        &self.cluster
    }
}

impl DerefMut for TestNatsCluster {
    fn deref_mut(&mut self) -> &mut NatsCluster {
        &mut self.cluster
    }
}

/// A PostgreSQL of one test's own, with a database `caunoi`, that the test may stop and
/// start again on the same port and data.
pub struct TestPostgres {
    process: Option<PostgresProcess>,
    options: PostgresOptions,
    _dir: TempDir,
}

impl TestPostgres {
    /// # Panics
    /// When the server cannot be started.
    pub async fn start() -> Self {
        let dir = own_dir("caunoi-postgres-");
        let options = PostgresOptions {
            data_dir: dir.path().join("data"),
            port: embedded::free_port().unwrap_or_else(|e| panic!("free port: {e}")),
            log_file: dir.path().join("postgres.log"),
            database: "caunoi".to_owned(),
            durable: false,
            password: None,
        };
        let process = start_postgres(&options).await;
        watchdog::spawn(
            dir.path(),
            &[Server::Postgres(&embedded::postgres_pid_file(
                &options.data_dir,
            ))],
        )
        .unwrap_or_else(|e| panic!("PostgreSQL watchdog: {e}"));
        Self {
            process: Some(process),
            options,
            _dir: dir,
        }
    }

    /// The `caunoi` database.
    pub fn url(&self) -> String {
        format!(
            "postgres://caunoi@127.0.0.1:{}/{}",
            self.options.port, self.options.database
        )
    }

    /// The server's data folder, for tests that look at what PostgreSQL keeps on disk.
    pub fn data_dir(&self) -> &Path {
        &self.options.data_dir
    }

    /// Stops the server (fast shutdown: clients are disconnected) and leaves it down.
    ///
    /// # Panics
    /// When it does not stop.
    pub async fn stop(&mut self) {
        if let Some(process) = self.process.take() {
            process
                .stop()
                .await
                .unwrap_or_else(|e| panic!("stopping PostgreSQL: {e}"));
        }
    }

    /// Starts the server again on its port and data.
    ///
    /// # Panics
    /// When it does not start.
    pub async fn start_again(&mut self) {
        self.stop().await;
        self.process = Some(start_postgres(&self.options).await);
    }
}

async fn start_postgres(options: &PostgresOptions) -> PostgresProcess {
    PostgresProcess::start(options.clone())
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL: {e}"))
}

/// When tests run as root, PostgreSQL runs as the postgres user, who must be able to
/// enter this folder whatever the umask.
pub(crate) fn own_dir(prefix: &str) -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .unwrap_or_else(|e| panic!("temporary folder: {e}"));
    set_reachable(dir.path());
    dir
}

fn set_reachable(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
