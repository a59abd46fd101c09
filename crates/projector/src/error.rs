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
