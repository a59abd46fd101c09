use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use vault::{MasterKey, VaultError};

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
    /// Days after a programme's last day when its follow-up report falls due.
    pub report_due_days: u32,
    /// `text` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// A tracing filter such as `info` or `info,caunoi=debug`.
    pub log: String,
    /// An OpenTelemetry collector's OTLP/HTTP traces endpoint, such as
    /// `http://otel-collector:4318/v1/traces`. Unset: spans are not exported.
    pub otlp_endpoint: Option<String>,
    /// Where people reach Cầu Nối, for links in emails. Unset: `http://<http_addr>`.
    pub public_url: Option<String>,
    /// The secret of approval links (hex or base64, at least 32 bytes). Unset: one is
    /// made once and kept in `<data_dir>/secrets/link-secret`. Secrets are never printed
    /// (their `Debug` says `[REDACTED]`) and never written back out.
    #[serde(default, skip_serializing)]
    pub link_secret: Option<SecretString>,
    pub approval_link_ttl_hours: u64,
    /// The SMTP server. Unset: mail is kept in the outbox folder instead.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_tls: mailer::TlsMode,
    pub smtp_username: Option<String>,
    #[serde(default, skip_serializing)]
    pub smtp_password: Option<SecretString>,
    pub smtp_pool_size: u32,
    pub smtp_timeout_seconds: u64,
    pub mail_from_name: String,
    pub mail_from_email: String,
    /// Unset: `<data_dir>/outbox`.
    pub outbox_dir: Option<PathBuf>,
    /// The longest wait between two attempts to deliver a mail.
    pub mail_retry_max_seconds: u64,
    /// The timezone in which the reminder schedules are read.
    pub reminder_timezone: String,
    /// Cron expressions, seconds first: when reminders go out.
    pub reminder_schedules: Vec<String>,
    /// Each reminder rule: on or off, lead times, repeats.
    pub reminders: domain::reminders::Settings,
    /// Where `/metrics` (and `/healthz`) are served, apart from the public address so that
    /// only the operators' scraper reaches them, e.g. `127.0.0.1:9464`. Unset: not served.
    pub metrics_addr: Option<SocketAddr>,
    /// Behind a reverse proxy: the header it sets to the client's address
    /// (`X-Forwarded-For` or `X-Real-IP`), for the limits per client. Unset: the address the
    /// connection comes from. Set it only when a proxy always sets (or overwrites) it, or a
    /// client could name itself anyone.
    pub client_address_header: Option<String>,
    /// The master key of personal data: 32 bytes in base64. Unset: a key kept in the file
    /// `personal-data.key` under `data_dir`, made on first start.
    #[serde(default, skip_serializing)]
    pub personal_data_key: Option<SecretString>,
    /// Master keys being rotated away from, still used to read (see docs/logistics.md).
    #[serde(default, skip_serializing)]
    pub personal_data_previous_keys: Vec<SecretString>,
    /// Mark cookies `Secure` (set it behind TLS; `X-Forwarded-Proto: https` also does).
    pub secure_cookies: bool,
    /// How long an emailed sign-in link works.
    pub sign_in_link_minutes: u64,
    /// How long a session lasts.
    pub session_hours: u64,
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
            report_due_days: 15,
            log_format: LogFormat::Text,
            otlp_endpoint: None,
            log: "info,sqlx=warn,async_nats=warn".into(),
            public_url: None,
            link_secret: None,
            approval_link_ttl_hours: 7 * 24,
            smtp_host: None,
            smtp_port: 587,
            smtp_tls: mailer::TlsMode::StartTls,
            smtp_username: None,
            smtp_password: None,
            smtp_pool_size: 4,
            smtp_timeout_seconds: 30,
            mail_from_name: "Cầu Nối".into(),
            mail_from_email: "caunoi@localhost".into(),
            outbox_dir: None,
            mail_retry_max_seconds: 300,
            reminder_timezone: "Asia/Ho_Chi_Minh".into(),
            reminder_schedules: vec!["0 0 8 * * Mon-Fri".into()],
            reminders: domain::reminders::Settings::default(),
            metrics_addr: None,
            client_address_header: None,
            personal_data_key: None,
            personal_data_previous_keys: Vec::new(),
            secure_cookies: false,
            sign_in_link_minutes: 15,
            session_hours: 12,
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
            // A double underscore reaches into nested settings, e.g.
            // CAUNOI_REMINDERS__TASK_DUE__LEAD_DAYS=[7,3,1].
            .merge(Env::prefixed("CAUNOI_").ignore(&["CONFIG"]).split("__"))
            .extract()
            .map_err(Box::new)
    }

    /// The personal-data master key and the previous ones, from the settings or, when none
    /// is set, from the key file under the data folder.
    pub fn personal_data_keys(&self) -> Result<(MasterKey, Vec<MasterKey>), VaultError> {
        let current = match &self.personal_data_key {
            Some(key) => MasterKey::from_base64(key.expose_secret())?,
            None => MasterKey::load_or_create(&self.data_dir.join("personal-data.key"))?,
        };
        let previous = self
            .personal_data_previous_keys
            .iter()
            .map(|k| MasterKey::from_base64(k.expose_secret()))
            .collect::<Result<_, _>>()?;
        Ok((current, previous))
    }

    pub fn read_your_writes_timeout(&self) -> Duration {
        Duration::from_millis(self.read_your_writes_timeout_ms)
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.http_addr))
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.outbox_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("outbox"))
    }
}

#[cfg(test)]
mod tests {
    use super::Settings;

    /// The example settings shipped for a Debian server must stay readable as the settings
    /// change.
    #[test]
    fn the_example_settings_file_reads() {
        let example = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../deploy/systemd/caunoi.toml"
        );
        let settings = Settings::load(Some(std::path::Path::new(example))).unwrap();
        assert_eq!(settings.reminder_schedules, ["0 0 8 * * Mon-Fri"]);
        assert_eq!(settings.reminders.approval_pending.after_days, 2);
        assert_eq!(settings.smtp_tls, mailer::TlsMode::StartTls);
    }

    /// Secrets read from a settings file never show in a printout of the settings, and
    /// are not written back out with them.
    #[test]
    fn secrets_are_read_but_never_printed_or_written_out() {
        use secrecy::ExposeSecret;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("caunoi.toml");
        std::fs::write(
            &file,
            "smtp_password = \"mật-khẩu-thư\"\nlink_secret = \"bí-mật-đường-liên-kết\"\n",
        )
        .unwrap();
        let settings = Settings::load(Some(&file)).unwrap();
        assert_eq!(
            settings.smtp_password.as_ref().unwrap().expose_secret(),
            "mật-khẩu-thư"
        );
        let printed = format!("{settings:?}");
        let written = serde_json::to_string(&settings).unwrap();
        for secret in ["mật-khẩu-thư", "bí-mật-đường-liên-kết"] {
            assert!(!printed.contains(secret), "{printed}");
            assert!(!written.contains(secret), "{written}");
        }
    }
}
