//! The embedded PostgreSQL lets in only its own role, with a password: other users of the
//! machine reach 127.0.0.1 too, and would otherwise be trusted.

use std::path::Path;
use std::process::Stdio;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use crate::EmbeddedError;
use crate::initdb::SUPERUSER;
use crate::process::LogFile;
use crate::run_as::RunAs;

const HBA_FILE: &str = "pg_hba.conf";

/// Sets the role's password with the server stopped, in single-user mode, so that it is
/// never sent over a connection nor written to a log, and holds whatever the folder was
/// made with (older folders trusted every local connection).
pub(crate) async fn set_password(
    program: &Path,
    data_dir: &Path,
    log_file: &Path,
    run_as: Option<&RunAs>,
    password: &str,
) -> Result<(), EmbeddedError> {
    let (log, stdout, stderr) = LogFile::open(log_file)?;
    let mut command = Command::new(program);
    command
        .arg("--single")
        .arg("-D")
        .arg(data_dir)
        // A failing statement is logged with its text by default; this one holds the
        // password, so no statement is ever logged here.
        .args([
            "-c",
            "password_encryption=scram-sha-256",
            "-c",
            "log_min_error_statement=panic",
            "postgres",
        ])
        .current_dir(data_dir)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(stderr)
        .kill_on_drop(true);
    if let Some(user) = run_as {
        user.apply(&mut command);
    }
    let mut child = command.spawn().map_err(EmbeddedError::path(program))?;
    if let Some(mut stdin) = child.stdin.take() {
        // The password is letters and digits only (`password::validate`): no quoting.
        let statement = format!("ALTER ROLE {SUPERUSER} PASSWORD '{password}'\n");
        stdin.write_all(statement.as_bytes()).await?;
    }
    let status = child.wait().await?;
    if status.success() {
        Ok(())
    } else {
        Err(log.start_failed("postgres --single", &format!("exited with {status}")))
    }
}

/// Replaces the access rules: the role, with its password over SCRAM, on the loopback
/// addresses and the folder's own socket; nobody else.
pub(crate) fn require_password(data_dir: &Path) -> Result<(), EmbeddedError> {
    let path = data_dir.join(HBA_FILE);
    let rules = format!(
        "# Written by Cầu Nối at each start of its embedded PostgreSQL; changes are lost.\n\
         local all {SUPERUSER} scram-sha-256\n\
         host all {SUPERUSER} 127.0.0.1/32 scram-sha-256\n\
         host all {SUPERUSER} ::1/128 scram-sha-256\n"
    );
    // initdb made the file, owned by the server's user; writing keeps owner and mode.
    std::fs::write(&path, rules).map_err(EmbeddedError::path(path))
}
