//! A single nats-server of a test's own, durable as `caunoi up` starts it, that the test
//! may crash (SIGKILL) and start again on the same port and data.

use embedded::{NatsOptions, NatsProcess};
use tempfile::TempDir;

use crate::own_servers::own_dir;
use crate::watchdog::{self, Server};

pub struct TestNats {
    process: Option<NatsProcess>,
    options: NatsOptions,
    _dir: TempDir,
}

impl TestNats {
    /// Starts a server that syncs every write to disk before acknowledging it, where the
    /// installed nats-server can (2.10 and later).
    ///
    /// # Panics
    /// When the server cannot be started.
    pub async fn start_durable() -> Self {
        let dir = own_dir("caunoi-nats-");
        let options = NatsOptions {
            store_dir: dir.path().join("nats"),
            port: embedded::free_port().unwrap_or_else(|e| panic!("free port: {e}")),
            log_file: dir.path().join("nats.log"),
            password: None,
            durable: true,
        };
        let process = start_nats(&options).await;
        watchdog::spawn(
            dir.path(),
            &[Server::Nats(&embedded::nats_pid_file(&options.store_dir))],
        )
        .unwrap_or_else(|e| panic!("NATS watchdog: {e}"));
        Self {
            process: Some(process),
            options,
            _dir: dir,
        }
    }

    pub fn url(&self) -> String {
        embedded::nats_url(self.options.port, None)
    }

    /// Crashes the server with SIGKILL, as a power cut would stop it: nothing is flushed
    /// on the way out.
    ///
    /// # Panics
    /// When it does not die.
    pub async fn kill(&mut self) {
        if let Some(process) = self.process.take() {
            process
                .kill()
                .await
                .unwrap_or_else(|e| panic!("killing nats-server: {e}"));
            // A crash leaves the pid file behind, naming a pid the system may reuse.
            let pid_file = embedded::nats_pid_file(&self.options.store_dir);
            std::fs::remove_file(&pid_file)
                .unwrap_or_else(|e| panic!("{}: {e}", pid_file.display()));
        }
    }

    /// Starts the server again on its port and data.
    ///
    /// # Panics
    /// When it does not start.
    pub async fn start_again(&mut self) {
        self.kill().await;
        self.process = Some(start_nats(&self.options).await);
    }
}

async fn start_nats(options: &NatsOptions) -> NatsProcess {
    NatsProcess::start(options.clone())
        .await
        .unwrap_or_else(|e| panic!("nats-server: {e}"))
}
