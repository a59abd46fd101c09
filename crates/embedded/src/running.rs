use std::path::Path;

use nix::errno::Errno;
use nix::sys::signal::kill;
use nix::unistd::Pid;

/// Whether the server whose pid file this is still runs: its first line names a live
/// process. Lets a command find the servers `caunoi up` started for the same data folder.
pub fn is_running(pid_file: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(pid_file) else {
        return false;
    };
    let Some(pid) = text
        .lines()
        .next()
        .and_then(|line| line.trim().parse::<i32>().ok())
    else {
        return false;
    };
    // Signal 0 checks without sending; EPERM means it lives under another user.
    pid > 0 && matches!(kill(Pid::from_raw(pid), None), Ok(()) | Err(Errno::EPERM))
}

#[cfg(test)]
mod tests {
    use super::is_running;

    #[test]
    fn a_pid_file_is_alive_only_while_its_process_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.pid");
        assert!(!is_running(&file));
        std::fs::write(&file, format!("{}\n/data\n", std::process::id())).unwrap();
        assert!(is_running(&file));
        std::fs::write(&file, "not a pid\n").unwrap();
        assert!(!is_running(&file));
    }
}
