use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::{Executor, PgPool};

use crate::ProjectorError;

/// Connections for writing read models. They commit without waiting for the WAL to reach
/// disk: read models are derived from the stream, and a batch commits together with the
/// position it moves to, so a PostgreSQL crash can only take the projection back a moment,
/// and the projector then applies those events again. Nothing that is not derived may be
/// written through this pool.
pub async fn projection_pool(
    database_url: &str,
    max_connections: u32,
) -> Result<PgPool, ProjectorError> {
    Ok(PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|connection, _| {
            Box::pin(async move {
                connection.execute("SET synchronous_commit = off").await?;
                Ok(())
            })
        })
        .connect(database_url)
        .await?)
}
