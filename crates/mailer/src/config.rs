use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A person and their address; `name` may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub name: String,
    pub email: String,
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain text; only for a relay on the same host or network.
    None,
    /// Plain connection upgraded with STARTTLS, which the server must offer
    /// (usually port 587).
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    /// Both or neither of `username` and `password`.
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: Recipient,
    /// Most connections kept open at once; at least 1.
    pub pool_size: u32,
    /// Limit on connecting and on each SMTP command.
    pub timeout: Duration,
}

/// Written by hand so that the password never reaches a log.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .field("pool_size", &self.pool_size)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Where mail goes.
#[derive(Debug, Clone)]
pub enum MailerConfig {
    Smtp(SmtpSettings),
    /// No SMTP server: each message becomes a file in `dir`.
    Outbox {
        dir: PathBuf,
        from: Recipient,
    },
}
