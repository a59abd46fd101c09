use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use nix::sys::signal::Signal;

use crate::process::ServerChild;
use crate::{EmbeddedError, nats_probe, nats_version, password, ports, programs};

const READY_TIMEOUT: Duration = Duration::from_secs(15);
const STOP_GRACE: Duration = Duration::from_secs(10);
const PID_FILE: &str = "nats-server.pid";
const CONFIG_FILE: &str = "nats-server.conf";

/// The largest message the server accepts. NATS's default of 1 MiB is too small for one
/// event that adds a whole roster of 2,000 members, each sealed with their own key; 8 MiB
/// is the most NATS advises.
pub const MAX_PAYLOAD: &str = "8MB";

/// The one user of a server started with a password.
pub const NATS_USER: &str = "caunoi";

#[derive(Debug, Clone)]
pub struct NatsOptions {
    /// JetStream data lives here.
    pub store_dir: PathBuf,
    pub port: u16,
    /// nats-server's output is appended here.
    pub log_file: PathBuf,
    /// When set, only a client that gives the user [`NATS_USER`] and this password is let
    /// in, so that other users of the machine cannot read or write the events.
    pub password: Option<String>,
    /// Whether each write is on disk (fsync) before JetStream acknowledges it, so that a
    /// power cut loses no acknowledged event. It costs write speed; a server of a cluster
    /// relies on its replicas instead. nats-server 2.9 cannot do it: the server starts
    /// with its own schedule and a warning says so.
    pub durable: bool,
}

/// How one server of a cluster finds the others.
#[derive(Debug, Clone)]
pub(crate) struct ClusterMembership {
    /// JetStream in a cluster needs a name per server.
    pub(crate) server_name: String,
    pub(crate) cluster_name: String,
    pub(crate) cluster_port: u16,
    /// The cluster ports of the other servers.
    pub(crate) routes: Vec<u16>,
}

/// A nats-server with JetStream listening on 127.0.0.1; killed if dropped
/// without [`NatsProcess::stop`].
#[derive(Debug)]
pub struct NatsProcess {
    child: ServerChild,
    port: u16,
    password: Option<String>,
}

impl NatsProcess {
    /// Starts nats-server and returns once its JetStream API answers.
    pub async fn start(options: NatsOptions) -> Result<Self, EmbeddedError> {
        let mut process = Self::spawn(&options, None)?;
        process.wait_ready(READY_TIMEOUT).await?;
        Ok(process)
    }

    /// Starts the server without waiting: a server of a cluster answers only once
    /// enough of the others are up.
    pub(crate) fn spawn(
        options: &NatsOptions,
        cluster: Option<&ClusterMembership>,
    ) -> Result<Self, EmbeddedError> {
        if let Some(password) = &options.password {
            password::validate(password)?;
        }
        let program = programs::find_program("nats-server", "nats-server")?;
        ports::ensure_free(options.port)?;
        if let Some(cluster) = cluster {
            ports::ensure_free(cluster.cluster_port)?;
        }
        std::fs::create_dir_all(&options.store_dir)
            .map_err(EmbeddedError::path(&options.store_dir))?;
        // The server runs inside its store folder, so a relative path would point
        // somewhere else from there.
        let store_dir = options
            .store_dir
            .canonicalize()
            .map_err(EmbeddedError::path(&options.store_dir))?;
        let port = options.port.to_string();
        let pid_file = nats_pid_file(&store_dir);
        // Settings that have no command-line flag go in a configuration file.
        let config = store_dir.join(CONFIG_FILE);
        let sync_every_write = options.durable && can_sync_every_write(&program)?;
        write_private(
            &config,
            &config_text(cluster, options.password.as_deref(), sync_every_write),
        )?;
        let args = [
            OsStr::new("-c"),
            config.as_os_str(),
            OsStr::new("-a"),
            OsStr::new("127.0.0.1"),
            OsStr::new("-p"),
            OsStr::new(&port),
            OsStr::new("-js"),
            OsStr::new("-sd"),
            store_dir.as_os_str(),
            OsStr::new("-P"),
            pid_file.as_os_str(),
        ];
        let child = ServerChild::spawn(&program, args, &store_dir, &options.log_file, None)?;
        Ok(Self {
            child,
            port: options.port,
            password: options.password.clone(),
        })
    }

    pub(crate) async fn wait_ready(&mut self, timeout: Duration) -> Result<(), EmbeddedError> {
        let port = self.port;
        let password = self.password.as_deref();
        self.child
            .wait_ready(timeout, || nats_probe::jetstream_answers(port, password))
            .await?;
        tracing::info!(port, pid = self.child.pid(), "nats-server ready");
        Ok(())
    }

    /// Waits until a stream kept on `replicas` servers can be placed: in a new cluster,
    /// some time after every server answers.
    pub(crate) async fn wait_placement(
        &mut self,
        replicas: usize,
        timeout: Duration,
    ) -> Result<(), EmbeddedError> {
        let port = self.port;
        self.child
            .wait_ready(timeout, || {
                nats_probe::places_replicated_stream(port, replicas)
            })
            .await
    }

    /// The server's URL, with the user and password when there is one: keep it out of logs.
    pub fn url(&self) -> String {
        nats_url(self.port, self.password.as_deref())
    }

    pub fn pid(&self) -> u32 {
        self.child.pid()
    }

    /// SIGTERM lets nats-server flush JetStream; SIGKILL after 10 s.
    pub async fn stop(self) -> Result<(), EmbeddedError> {
        self.child.stop(Signal::SIGTERM, STOP_GRACE).await
    }

    /// SIGKILL, as in a crash: nothing is flushed.
    pub async fn kill(self) -> Result<(), EmbeddedError> {
        self.child.stop(Signal::SIGKILL, STOP_GRACE).await
    }
}

fn can_sync_every_write(program: &Path) -> Result<bool, EmbeddedError> {
    let version = nats_version::installed(program)?;
    let can = nats_version::syncs_every_write(&version);
    if !can {
        tracing::warn!(
            %version,
            "this nats-server cannot sync each write to disk before acknowledging it (2.10 and later can): a power cut may lose events acknowledged in the last two minutes"
        );
    }
    Ok(can)
}

fn config_text(
    cluster: Option<&ClusterMembership>,
    password: Option<&str>,
    sync_every_write: bool,
) -> String {
    let mut text = format!("max_payload: {MAX_PAYLOAD}\n");
    if sync_every_write {
        text.push_str("jetstream {\n  sync_interval: always\n}\n");
    }
    if let Some(password) = password {
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "authorization {{\n  user: {NATS_USER}\n  password: \"{password}\"\n}}\n"
        );
    }
    if let Some(cluster) = cluster {
        let routes: Vec<String> = cluster
            .routes
            .iter()
            .map(|port| format!("nats-route://127.0.0.1:{port}"))
            .collect();
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "server_name: {}\ncluster {{\n  name: {}\n  listen: 127.0.0.1:{}\n  routes: [{}]\n}}\n",
            cluster.server_name,
            cluster.cluster_name,
            cluster.cluster_port,
            routes.join(", ")
        );
    }
    text
}

/// The URL of a server on this machine, as `caunoi` and other clients (the nats CLI) take
/// it.
pub fn nats_url(port: u16, password: Option<&str>) -> String {
    match password {
        Some(password) => format!("nats://{NATS_USER}:{password}@127.0.0.1:{port}"),
        None => format!("nats://127.0.0.1:{port}"),
    }
}

/// The configuration may hold the password: readable by its owner only, also when an older
/// version left it readable by all.
fn write_private(path: &Path, text: &str) -> Result<(), EmbeddedError> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(EmbeddedError::path(path)(e)),
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(EmbeddedError::path(path))
}

/// Where nats-server writes its pid, so that a supervisor outside this
/// process can find the server even while it is still starting.
pub fn nats_pid_file(store_dir: &Path) -> PathBuf {
    store_dir.join(PID_FILE)
}
