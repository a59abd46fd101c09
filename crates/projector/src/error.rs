use eventstore::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ProjectorError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("event store: {0}")]
    Store(#[from] StoreError),
    #[error("a projection write stopped unexpectedly: {0}")]
    WriteTask(#[from] tokio::task::JoinError),
    #[error("another rebuild is already running")]
    RebuildRunning,
    #[error("something else wrote to the generation being rebuilt")]
    RebuildInterfered,
    #[error("no active read-model generation; run `caunoi migrate`")]
    NoActiveGeneration,
}

impl ProjectorError {
    /// Whether PostgreSQL refused a write for what it held (a data exception, a
    /// constraint, a value too large), rather than being unreachable: writing the same
    /// events again will fail again, so the one at fault must be set aside.
    pub fn is_refused_data(&self) -> bool {
        match self {
            ProjectorError::Database(sqlx::Error::Database(error)) => {
                error.code().is_some_and(|code| {
                    ["22", "23", "54"]
                        .iter()
                        .any(|class| code.starts_with(class))
                })
            }
            ProjectorError::Database(sqlx::Error::Encode(_)) => true,
            _ => false,
        }
    }
}
