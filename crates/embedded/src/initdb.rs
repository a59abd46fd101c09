use std::path::Path;
use std::process::Stdio;

use tokio::process::Command;

use crate::EmbeddedError;
use crate::process::LogFile;
use crate::run_as::RunAs;

/// The superuser initdb creates; trusted on 127.0.0.1 only.
pub(crate) const SUPERUSER: &str = "caunoi";

/// C.UTF-8 sorts by code point and handles any UTF-8 text.
const PREFERRED_LOCALE: &str = "--locale=C.UTF-8";
/// For systems without C.UTF-8: the C locale sorts the same way.
const FALLBACK_LOCALE: &str = "--no-locale";

pub(crate) struct Initdb<'a> {
    pub(crate) program: &'a Path,
    pub(crate) data_dir: &'a Path,
    pub(crate) log_file: &'a Path,
    pub(crate) run_as: Option<&'a RunAs>,
    /// `false` skips initdb's final fsync.
    pub(crate) durable: bool,
}

struct Failure {
    error: EmbeddedError,
    locale_missing: bool,
}

impl Initdb<'_> {
    pub(crate) async fn run(&self) -> Result<(), EmbeddedError> {
        match self.run_with(PREFERRED_LOCALE).await {
            Err(Failure {
                locale_missing: true,
                ..
            }) => self.run_with(FALLBACK_LOCALE).await,
            other => other,
        }
        .map_err(|failure| failure.error)
    }

    async fn run_with(&self, locale: &str) -> Result<(), Failure> {
        let failed = |error| Failure {
            error,
            locale_missing: false,
        };
        let (log, stdout, stderr) = LogFile::open(self.log_file).map_err(failed)?;
        let mut command = Command::new(self.program);
        command
            .arg("-D")
            .arg(self.data_dir)
            .args(["-U", SUPERUSER, "-A", "trust", "-E", "UTF8", locale])
            .args((!self.durable).then_some("--no-sync"))
            .current_dir(self.data_dir)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .kill_on_drop(true);
        if let Some(user) = self.run_as {
            user.apply(&mut command);
        }
        let status = command
            .status()
            .await
            .map_err(|e| failed(EmbeddedError::path(self.program)(e)))?;
        if status.success() {
            tracing::info!(data_dir = %self.data_dir.display(), locale, "initialised PostgreSQL data folder");
            return Ok(());
        }
        Err(Failure {
            error: log.start_failed("initdb", &format!("exited with {status}")),
            locale_missing: log.tail().contains("locale"),
        })
    }
}
