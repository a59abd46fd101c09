use std::path::{Path, PathBuf};

use crate::EmbeddedError;

/// Debian installs server binaries in sbin folders, which are often missing from
/// a normal user's PATH, so they are searched after PATH.
const SBIN_DIRS: [&str; 3] = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

/// Debian keeps PostgreSQL's server binaries out of PATH, one folder per major
/// version.
const POSTGRES_VERSIONS_DIR: &str = "/usr/lib/postgresql";

/// Finds `program` on PATH or in the sbin folders; the error names the Debian
/// `package` that provides it.
pub fn find_program(program: &str, package: &str) -> Result<PathBuf, EmbeddedError> {
    let path_dirs = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    path_dirs
        .iter()
        .map(PathBuf::as_path)
        .chain(SBIN_DIRS.iter().map(Path::new))
        .map(|dir| dir.join(program))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(|| missing(program, package))
}

/// The folder holding both `postgres` and `initdb`, which must come from the
/// same PostgreSQL version: the newest Debian version folder, else
/// `pg_config --bindir`, else wherever PATH finds `postgres`.
pub(crate) async fn postgres_bin_dir() -> Result<PathBuf, EmbeddedError> {
    let mut candidates = debian_postgres_bin_dirs();
    candidates.extend(pg_config_bin_dir().await);
    if let Ok(postgres) = find_program("postgres", "postgresql") {
        candidates.extend(postgres.parent().map(Path::to_path_buf));
    }
    candidates
        .into_iter()
        .find(|dir| is_executable(&dir.join("postgres")) && is_executable(&dir.join("initdb")))
        .ok_or_else(|| missing("postgres", "postgresql"))
}

fn missing(program: &str, package: &str) -> EmbeddedError {
    EmbeddedError::ProgramMissing {
        program: program.to_owned(),
        package: package.to_owned(),
    }
}

/// Version folders newest first; names that are not a version number sort last.
fn debian_postgres_bin_dirs() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(POSTGRES_VERSIONS_DIR) else {
        return Vec::new();
    };
    let mut versions: Vec<(f64, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| {
            let version = entry.file_name().to_string_lossy().parse().unwrap_or(-1.0);
            (version, entry.path().join("bin"))
        })
        .collect();
    versions.sort_by(|a, b| b.0.total_cmp(&a.0));
    versions.into_iter().map(|(_, dir)| dir).collect()
}

async fn pg_config_bin_dir() -> Option<PathBuf> {
    let output = tokio::process::Command::new("pg_config")
        .arg("--bindir")
        .output()
        .await
        .ok()?;
    let dir = String::from_utf8(output.stdout).ok()?;
    output.status.success().then(|| PathBuf::from(dir.trim()))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}
