//! Rust never drops statics, and a test process killed with SIGKILL runs no
//! code at all, so a separate shell process waits for the test process to end
//! and then stops its servers and removes their folder.

use std::path::Path;
use std::process::{Command, Stdio};

/// Pids come from pid files the servers write early in their startup, so a
/// server still starting when the test process dies is found too. A pid that
/// is not a plain number above 1 is ignored: `kill -1` would hit every process.
const SCRIPT: &str = r#"
parent=$1 dir=$2
shift 2
pid_in() {
    pid=$(head -n 1 "$1" 2>/dev/null)
    case $pid in ''|0|1|*[!0-9]*) ;; *) echo "$pid" ;; esac
}
while kill -0 "$parent" 2>/dev/null; do sleep 0.5; done
pids=
for server in "$@"; do
    pid=$(pid_in "${server#*:}")
    [ -n "$pid" ] && kill "-${server%%:*}" "$pid" 2>/dev/null && pids="$pids $pid"
done
for i in 1 2 3 4 5 6; do
    alive=
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=yes; done
    [ -z "$alive" ] && break
    sleep 0.5
done
for pid in $pids; do kill -KILL "$pid" 2>/dev/null; done
rm -rf "$dir"
"#;

/// How a server is asked to stop, and where it writes its pid.
pub(crate) enum Server<'a> {
    /// SIGTERM lets it flush JetStream.
    Nats(&'a Path),
    /// SIGINT is PostgreSQL's fast shutdown.
    Postgres(&'a Path),
}

impl Server<'_> {
    fn argument(&self) -> std::ffi::OsString {
        let (signal, pid_file) = match self {
            Server::Nats(file) => ("TERM:", file),
            Server::Postgres(file) => ("INT:", file),
        };
        let mut argument = std::ffi::OsString::from(signal);
        argument.push(pid_file.as_os_str());
        argument
    }
}

/// Starts the watchdog for the current process. Its own process group keeps
/// it alive through a Ctrl-C aimed at the test run, and null stdio keeps it
/// from holding the test's output pipes open.
pub(crate) fn spawn(dir: &Path, servers: &[Server<'_>]) -> std::io::Result<()> {
    use std::os::unix::process::CommandExt;

    Command::new("/bin/sh")
        .arg("-c")
        .arg(SCRIPT)
        .arg("testkit-watchdog")
        .arg(std::process::id().to_string())
        .arg(dir)
        .args(servers.iter().map(Server::argument))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map(drop)
}
