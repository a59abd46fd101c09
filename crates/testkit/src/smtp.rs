//! A real SMTP server for tests: aiosmtpd (Debian package `python3-aiosmtpd`)
//! stores every message it accepts in a Maildir, read back with mail-parser.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime};

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use mailer::{Mailer, MailerConfig, Recipient, SmtpSettings, TlsMode};
use tempfile::TempDir;
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// Debian's python, which has the Debian package's modules; a `python3`
/// earlier on PATH (pyenv) may not.
const PYTHON: &str = "/usr/bin/python3";
const STARTUP_LIMIT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(25);

/// Waits for the test process to end, whatever the way: when it dies, even
/// by SIGKILL, the kernel closes the pipe on this script's stdin and `read`
/// returns. It then kills the server whose pid is in `$1` and removes `$2`.
/// The pid file exists only while the server is our unreaped child, so a
/// pid read from it cannot belong to another process. A pid that is not a
/// plain number above 1 is ignored: `kill -1` would hit every process.
const WATCHDOG: &str = r#"
read _
pid=$(head -n 1 "$1" 2>/dev/null)
case $pid in ''|0|1|*[!0-9]*) ;; *) kill -KILL "$pid" 2>/dev/null ;; esac
rm -rf "$2"
"#;

/// An SMTP server on 127.0.0.1 that accepts every message, without TLS or
/// authentication.
///
/// The server is a direct child, killed on drop, so `stop` can kill and
/// reap it before returning and a failed start shows as its exit. It cannot
/// notice by itself that the test process died, so a small shell watchdog,
/// whose stdin is a pipe from this process, does that. (Wrapping the server
/// in that shell instead would not do: killing the shell on drop would
/// leave the server running.)
pub struct SmtpServer {
    port: u16,
    size_limit: Option<usize>,
    dir: TempDir,
    server: Option<Child>,
    _watchdog: Child,
}

/// One message the server received.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// Without the angle brackets.
    pub message_id: Option<String>,
    pub subject: Option<String>,
    pub from: Vec<MailAddress>,
    pub to: Vec<MailAddress>,
    /// The addresses given in `RCPT TO`.
    pub envelope_to: Vec<String>,
    /// Of the whole message, e.g. `multipart/alternative`.
    pub content_type: Option<String>,
    /// The first `text/plain` part, decoded.
    pub text: Option<String>,
    /// The first `text/html` part, decoded.
    pub html: Option<String>,
    /// Every header of the message as received, value trimmed and not
    /// decoded.
    pub headers: Vec<(String, String)>,
}

/// A decoded address of a `From` or `To` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailAddress {
    pub name: Option<String>,
    pub email: String,
}

impl ReceivedMail {
    /// The first header of this name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

impl SmtpServer {
    /// Starts a server on a free port and waits until it accepts
    /// connections.
    ///
    /// # Panics
    /// When aiosmtpd is missing (the message names the Debian package) or
    /// the server does not start.
    pub async fn start() -> Self {
        Self::start_with(None).await
    }

    /// Like [`SmtpServer::start`], but the server refuses (552) a message
    /// of more than `max_bytes`.
    pub async fn start_with_size_limit(max_bytes: usize) -> Self {
        Self::start_with(Some(max_bytes)).await
    }

    async fn start_with(size_limit: Option<usize>) -> Self {
        let installed = Command::new(PYTHON)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .await
            .is_ok_and(|status| status.success());
        assert!(
            installed,
            "the SMTP test server needs aiosmtpd for {PYTHON}: install the Debian package \
             python3-aiosmtpd (apt-get install python3-aiosmtpd)"
        );
        let dir = tempfile::Builder::new()
            .prefix("caunoi-smtp-")
            .tempdir()
            .unwrap_or_else(|e| panic!("SMTP test server folder: {e}"));
        let watchdog = watchdog(dir.path());
        let port = embedded::free_port().unwrap_or_else(|e| panic!("free port: {e}"));
        let server = spawn(dir.path(), port, size_limit).await;
        Self {
            port,
            size_limit,
            dir,
            server: Some(server),
            _watchdog: watchdog,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The settings of a mailer that sends to this server over plain SMTP, from `from`.
    pub fn settings(&self, from: Recipient) -> SmtpSettings {
        SmtpSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            tls: TlsMode::None,
            username: None,
            password: None,
            from,
            pool_size: 2,
            timeout: Duration::from_secs(5),
        }
    }

    /// A mailer that sends to this server, from `from`.
    pub fn mailer(&self, from: Recipient) -> Mailer {
        Mailer::new(MailerConfig::Smtp(self.settings(from)))
            .expect("a mailer for the test SMTP server")
    }

    /// Every message received so far, oldest first.
    ///
    /// # Panics
    /// When the Maildir cannot be read.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut files = Vec::new();
        // Python writes each message under tmp/ and then renames it into
        // new/, so the files read here are whole.
        for folder in ["new", "cur"] {
            let entries = match std::fs::read_dir(maildir(self.dir.path()).join(folder)) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("reading the Maildir: {e}"),
            };
            for entry in entries {
                let path = entry
                    .unwrap_or_else(|e| panic!("reading the Maildir: {e}"))
                    .path();
                files.push((modified(&path), path));
            }
        }
        files.sort();
        files.iter().map(|(_, path)| received(path)).collect()
    }

    /// Waits until at least `count` messages have arrived and returns all of
    /// them.
    ///
    /// # Panics
    /// After `timeout`, listing the subjects received so far.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if Instant::now() >= deadline {
                let subjects: Vec<_> = messages.iter().map(|m| &m.subject).collect();
                panic!(
                    "expected {count} messages within {timeout:?}, got {}: {subjects:?}",
                    messages.len()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Kills the server, as in an outage; the messages stay.
    pub async fn stop(&mut self) {
        if let Some(mut server) = self.server.take() {
            forget_pid(self.dir.path());
            server
                .kill()
                .await
                .unwrap_or_else(|e| panic!("stopping the SMTP test server: {e}"));
        }
    }

    /// Starts the server again on the same port, with the same messages.
    pub async fn restart(&mut self) {
        self.stop().await;
        self.server = Some(spawn(self.dir.path(), self.port, self.size_limit).await);
    }
}

impl Drop for SmtpServer {
    /// The server is killed and reaped as its handle drops, after which its
    /// pid may be reused: the watchdog must not find it.
    fn drop(&mut self) {
        forget_pid(self.dir.path());
    }
}

fn watchdog(dir: &Path) -> Child {
    Command::new("/bin/sh")
        .arg("-c")
        .arg(WATCHDOG)
        .arg("testkit-smtp-watchdog")
        .arg(pid_file(dir))
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Outlives a Ctrl-C aimed at the test run, to clean up after it.
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("SMTP test server watchdog: {e}"))
}

async fn spawn(dir: &Path, port: u16, size_limit: Option<usize>) -> Child {
    let log_path = dir.join("aiosmtpd.log");
    let log = File::options()
        .create(true)
        .append(true)
        .open(&log_path)
        .unwrap_or_else(|e| panic!("{}: {e}", log_path.display()));
    let stderr = log
        .try_clone()
        .unwrap_or_else(|e| panic!("{}: {e}", log_path.display()));
    let mut command = Command::new(PYTHON);
    command
        .args(["-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"));
    if let Some(max_bytes) = size_limit {
        command.arg("-s").arg(max_bytes.to_string());
    }
    let mut server = command
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir(dir))
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(stderr)
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("starting aiosmtpd: {e}"));
    if let Some(pid) = server.id() {
        std::fs::write(pid_file(dir), pid.to_string())
            .unwrap_or_else(|e| panic!("SMTP test server pid file: {e}"));
    }
    let deadline = Instant::now() + STARTUP_LIMIT;
    loop {
        // A port that accepts while the server has exited belongs to
        // someone else.
        let problem = match server.try_wait() {
            Ok(Some(status)) => Some(format!("exited ({status})")),
            Ok(None) if TcpStream::connect(("127.0.0.1", port)).await.is_ok() => return server,
            Ok(None) if Instant::now() >= deadline => {
                Some(format!("did not listen within {STARTUP_LIMIT:?}"))
            }
            Ok(None) => None,
            Err(e) => Some(format!("could not be watched ({e})")),
        };
        if let Some(problem) = problem {
            forget_pid(dir);
            panic!(
                "aiosmtpd on port {port} {problem}; its log:\n{}",
                log_text(&log_path)
            );
        }
        tokio::time::sleep(POLL).await;
    }
}

fn maildir(dir: &Path) -> PathBuf {
    dir.join("maildir")
}

fn pid_file(dir: &Path) -> PathBuf {
    dir.join("aiosmtpd.pid")
}

fn forget_pid(dir: &Path) {
    // Missing already when the server never started.
    let _ = std::fs::remove_file(pid_file(dir));
}

fn log_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| format!("(no log: {e})"))
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn received(path: &Path) -> ReceivedMail {
    let raw = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let message = MessageParser::default()
        .parse(&raw)
        .unwrap_or_else(|| panic!("{}: not a message", path.display()));
    let headers: Vec<(String, String)> = message
        .headers_raw()
        .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
        .collect();
    let envelope_to = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("X-RcptTo"))
        .map(|(_, value)| value.split(", ").map(str::to_owned).collect())
        .unwrap_or_default();
    ReceivedMail {
        message_id: message.message_id().map(str::to_owned),
        subject: message.subject().map(str::to_owned),
        from: addresses(message.from()),
        to: addresses(message.to()),
        envelope_to,
        content_type: message
            .content_type()
            .map(|content_type| match content_type.subtype() {
                Some(subtype) => format!("{}/{subtype}", content_type.ctype()),
                None => content_type.ctype().to_owned(),
            }),
        text: message.text_bodies().find_map(|part| match &part.body {
            PartType::Text(text) => Some(text.to_string()),
            _ => None,
        }),
        html: message.html_bodies().find_map(|part| match &part.body {
            PartType::Html(html) => Some(html.to_string()),
            _ => None,
        }),
        headers,
    }
}

fn addresses(header: Option<&Address<'_>>) -> Vec<MailAddress> {
    header
        .into_iter()
        .flat_map(Address::iter)
        .map(|address| MailAddress {
            name: address.name().map(str::to_owned),
            email: address.address().unwrap_or_default().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::os::unix::process::ExitStatusExt;
    use std::time::Duration;

    use tokio::process::Command;

    use super::{pid_file, watchdog};

    #[tokio::test]
    async fn the_watchdog_acts_when_its_pipe_closes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut server = Command::new("sleep")
            .arg("60")
            .kill_on_drop(true)
            .spawn()
            .expect("sleep");
        let pid = server.id().expect("pid");
        std::fs::write(pid_file(dir.path()), pid.to_string()).expect("pid file");

        drop(watchdog(dir.path()));

        let status = tokio::time::timeout(Duration::from_secs(5), server.wait())
            .await
            .expect("killed in time")
            .expect("wait");
        assert_eq!(status.signal(), Some(9), "{status}");
        for _ in 0..100 {
            if !dir.path().exists() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the watchdog left {}", dir.path().display());
    }
}
