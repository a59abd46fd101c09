use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Every setting, with its default. Read from the defaults, then an optional TOML file,
/// then the environment (`CAUNOI_<NAME>`, plus plain `NATS_URL` and `DATABASE_URL`), each
/// overriding the one before. The README lists them all.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// NATS server with JetStream. Unset: start one under `data_dir`.
    pub nats_url: Option<String>,
    /// PostgreSQL. Unset: start one under `data_dir`.
    pub database_url: Option<String>,
    pub http_addr: SocketAddr,
    /// Where the embedded NATS and PostgreSQL keep their data, and their logs.
    pub data_dir: PathBuf,
    pub embedded_nats_port: u16,
    pub embedded_postgres_port: u16,
    pub stream: String,
    pub subject_prefix: String,
    pub stream_replicas: usize,
    pub read_your_writes_timeout_ms: u64,
    pub ready_max_lag: u64,
    pub projector_batch_size: usize,
    pub database_max_connections: u32,
    /// `text` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// A tracing filter such as `info` or `info,caunoi=debug`.
    pub log: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            nats_url: None,
            database_url: None,
            http_addr: ([127, 0, 0, 1], 8080).into(),
            data_dir: PathBuf::from("caunoi-data"),
            embedded_nats_port: 14222,
            embedded_postgres_port: 15432,
            stream: "CAUNOI_EVENTS".into(),
            subject_prefix: "caunoi.events".into(),
            stream_replicas: 1,
            read_your_writes_timeout_ms: 2000,
            ready_max_lag: 1000,
            projector_batch_size: 2000,
            database_max_connections: 10,
            log_format: LogFormat::Text,
            log: "info,sqlx=warn,async_nats=warn".into(),
        }
    }
}

impl Settings {
    pub fn load(file: Option<&Path>) -> Result<Settings, Box<figment::Error>> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment
            .merge(Env::raw().only(&["NATS_URL", "DATABASE_URL"]))
            .merge(Env::prefixed("CAUNOI_").ignore(&["CONFIG"]))
            .extract()
            .map_err(Box::new)
    }

    pub fn read_your_writes_timeout(&self) -> Duration {
        Duration::from_millis(self.read_your_writes_timeout_ms)
    }
}
