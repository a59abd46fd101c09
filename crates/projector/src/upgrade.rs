use std::time::Duration;

use eventstore::EventStore;
use sqlx::PgPool;
use tracing::info;

use crate::{ProjectorError, RebuildProgress, rebuild, signature};

/// Whether the active read models were built with the read-model parts the migrations
/// now define.
pub async fn read_models_current(pool: &PgPool) -> Result<bool, ProjectorError> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT signature IS NOT DISTINCT FROM {}
         FROM caunoi.projections WHERE status = 'active'",
        signature::current(1)
    ))
    .bind(signature::PROJECTION_CODE)
    .fetch_optional(pool)
    .await?
    .unwrap_or(false))
}

/// Rebuilds the read models when a migration changed their tables, so that every service
/// reads and writes the shape this build knows. Returns whether it rebuilt.
pub async fn upgrade_read_models(
    pool: &PgPool,
    store: &EventStore,
    progress: impl FnMut(RebuildProgress),
) -> Result<bool, ProjectorError> {
    if read_models_current(pool).await? {
        return Ok(false);
    }
    info!("the read models' tables changed with this version; rebuilding them from the events");
    match rebuild(pool, store, progress).await {
        Ok(_) => Ok(true),
        // Another instance started at the same moment is doing it: wait for it.
        Err(ProjectorError::RebuildRunning) => {
            while !read_models_current(pool).await? {
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Ok(true)
        }
        Err(error) => Err(error),
    }
}
