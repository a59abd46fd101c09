use std::path::PathBuf;

/// Why a local server could not be started or stopped.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "`{program}` is not installed: install the Debian package `{package}` (apt-get install {package})"
    )]
    ProgramMissing { program: String, package: String },

    #[error(
        "the `{user}` user cannot enter {}: give it search permission (chmod o+x) or choose a data folder elsewhere",
        dir.display()
    )]
    NotTraversable { dir: PathBuf, user: String },

    #[error(
        "PostgreSQL refuses to run as root and there is no `{user}` system user to run it as: install the Debian package `postgresql`"
    )]
    UserMissing { user: String },

    #[error("port {0} on 127.0.0.1 is already in use")]
    PortInUse(u16),

    #[error(
        "`{program}` failed to start ({reason}); last lines of {}:\n{log_tail}",
        log_file.display()
    )]
    StartFailed {
        program: String,
        reason: String,
        log_file: PathBuf,
        log_tail: String,
    },

    #[error("`{program} --version` printed no version number: {printed:?}")]
    UnknownVersion { program: String, printed: String },

    #[error("a password for a local server must be 16 to 128 ASCII letters and digits")]
    InvalidPassword,

    #[error("invalid database name {0:?}: use ASCII letters, digits, `_` or `-`")]
    InvalidDatabaseName(String),

    #[error("could not create database `{database}`")]
    CreateDatabase {
        database: String,
        #[source]
        source: sqlx::Error,
    },

    #[error("could not use {}", path.display())]
    Path {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl EmbeddedError {
    pub(crate) fn path(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Path { path, source }
    }
}
