//! Spawning a server with its output in a log file, waiting for it to become
//! ready, and stopping it.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use tokio::process::{Child, Command};
use tokio::time::Instant;

use crate::EmbeddedError;
use crate::run_as::RunAs;

const LOG_TAIL_LINES: usize = 20;
const POLL_INTERVAL: Duration = Duration::from_millis(100);
/// A probe whose question went unheard must not use up the whole timeout.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// A running server whose output is appended to a log file.
#[derive(Debug)]
pub(crate) struct ServerChild {
    child: Child,
    pid: u32,
    program: String,
    log: LogFile,
}

impl ServerChild {
    pub(crate) fn spawn<I, S>(
        program: &Path,
        args: I,
        working_dir: &Path,
        log_file: &Path,
        run_as: Option<&RunAs>,
    ) -> Result<Self, EmbeddedError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let name = program_name(program);
        let (log, stdout, stderr) = LogFile::open(log_file)?;
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(working_dir)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            // A server left behind by a forgotten handle would keep the port
            // and the data folder locked.
            .kill_on_drop(true);
        if let Some(user) = run_as {
            user.apply(&mut command);
        }
        let child = command.spawn().map_err(EmbeddedError::path(program))?;
        let pid = child
            .id()
            .ok_or_else(|| log.start_failed(&name, "exited at once"))?;
        tracing::debug!(program = %name, pid, "spawned");
        Ok(Self {
            child,
            pid,
            program: name,
            log,
        })
    }

    pub(crate) fn pid(&self) -> u32 {
        self.pid
    }

    /// Polls `probe` until it succeeds, the server exits, or `timeout` passes;
    /// the last probe's error goes into the failure message.
    pub(crate) async fn wait_ready<F, Fut>(
        &mut self,
        timeout: Duration,
        mut probe: F,
    ) -> Result<(), EmbeddedError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<(), String>>,
    {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Err(self.start_failed(&format!("exited with {status}")));
            }
            let probe_deadline = deadline.min(Instant::now() + PROBE_TIMEOUT);
            let error = match tokio::time::timeout_at(probe_deadline, probe()).await {
                Ok(Ok(())) => return Ok(()),
                Ok(Err(error)) => error,
                Err(_) => "no answer".to_owned(),
            };
            if Instant::now() >= deadline {
                self.kill_now().await;
                return Err(
                    self.start_failed(&format!("not ready after {} s: {error}", timeout.as_secs()))
                );
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Sends `signal`, waits up to `grace` for the server to exit, then kills it.
    pub(crate) async fn stop(
        mut self,
        signal: Signal,
        grace: Duration,
    ) -> Result<(), EmbeddedError> {
        if self.child.try_wait()?.is_none() {
            send(self.pid, signal);
            match tokio::time::timeout(grace, self.child.wait()).await {
                Ok(status) => {
                    tracing::info!(program = %self.program, pid = self.pid, status = %status?, "stopped");
                }
                Err(_) => {
                    tracing::warn!(
                        program = %self.program,
                        pid = self.pid,
                        "still running {} s after {signal}, killing it",
                        grace.as_secs()
                    );
                    self.kill_now().await;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn start_failed(&self, reason: &str) -> EmbeddedError {
        self.log.start_failed(&self.program, reason)
    }

    async fn kill_now(&mut self) {
        // Failure means the process is already gone, which is the goal.
        let _ = self.child.kill().await;
    }
}

fn send(pid: u32, signal: Signal) {
    let Ok(raw) = i32::try_from(pid) else { return };
    // Failure means the process already exited; waiting on it follows.
    if let Err(error) = kill(Pid::from_raw(raw), signal) {
        tracing::debug!(pid, %error, "could not signal");
    }
}

fn program_name(program: &Path) -> String {
    program
        .file_name()
        .unwrap_or(program.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// A log file shared by several runs; only this run's part is shown on failure.
#[derive(Debug)]
pub(crate) struct LogFile {
    path: PathBuf,
    start: u64,
}

impl LogFile {
    pub(crate) fn open(path: &Path) -> Result<(Self, File, File), EmbeddedError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(EmbeddedError::path(parent))?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(EmbeddedError::path(path))?;
        let start = file.metadata()?.len();
        let second = file.try_clone()?;
        let log = Self {
            path: path.to_path_buf(),
            start,
        };
        Ok((log, file, second))
    }

    pub(crate) fn start_failed(&self, program: &str, reason: &str) -> EmbeddedError {
        EmbeddedError::StartFailed {
            program: program.to_owned(),
            reason: reason.to_owned(),
            log_file: self.path.clone(),
            log_tail: self.tail(),
        }
    }

    pub(crate) fn tail(&self) -> String {
        let mut bytes = Vec::new();
        let read = File::open(&self.path).and_then(|mut file| {
            file.seek(SeekFrom::Start(self.start))?;
            file.read_to_end(&mut bytes)
        });
        if let Err(error) = read {
            return format!("(could not read the log: {error})");
        }
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n")
    }
}
