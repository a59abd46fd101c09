use std::time::Duration;

use eventstore::{EventStore, StoreError, StoredEvent};
use futures::{FutureExt, Stream, StreamExt};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::ProjectorError;
use crate::batch::{BatchOutcome, Item, Target, apply_batch};
use crate::generation;

/// The longest wait for a message the server said was pending, before writing what we have.
const PENDING_WAIT: Duration = Duration::from_millis(100);

#[derive(Debug, Clone)]
pub struct ProjectorConfig {
    /// The most events written in one transaction.
    pub batch_size: usize,
    /// The longest wait before retrying after NATS or PostgreSQL failed.
    pub max_backoff: Duration,
}

impl Default for ProjectorConfig {
    fn default() -> Self {
        Self {
            batch_size: 2000,
            max_backoff: Duration::from_secs(5),
        }
    }
}

/// Keeps the active read-model generation up to date with the stream.
pub struct Projector {
    pool: PgPool,
    store: EventStore,
    config: ProjectorConfig,
}

pub(crate) fn to_item(
    read: Result<Result<StoredEvent, StoreError>, StoreError>,
) -> Result<Item, StoreError> {
    match read {
        Ok(Ok(event)) => Ok(Item::Event(event)),
        Ok(Err(StoreError::Corrupt { sequence, reason })) => {
            Ok(Item::Unreadable { sequence, reason })
        }
        Ok(Err(other)) | Err(other) => Err(other),
    }
}

/// Waits for one message, then keeps taking messages that have already arrived or that the
/// server says are pending, up to `limit`: a quiet stream gets each event written at once
/// (no lingering, so commands see their change quickly), a busy one or a replay gets large
/// batches.
pub(crate) async fn next_batch<S>(
    events: &mut S,
    limit: usize,
) -> Result<Option<Vec<Item>>, StoreError>
where
    S: Stream<Item = Result<Result<StoredEvent, StoreError>, StoreError>> + Unpin,
{
    let Some(first) = events.next().await else {
        return Ok(None);
    };
    let mut batch = vec![to_item(first)?];
    while batch.len() < limit {
        // Messages already received take no waiting; under steady load they pile up while
        // the previous batch commits, and go into this one together.
        let read = match events.next().now_or_never() {
            Some(read) => read,
            None if batch.last().is_some_and(Item::more_pending) => {
                match tokio::time::timeout(PENDING_WAIT, events.next()).await {
                    Ok(read) => read,
                    Err(_) => break,
                }
            }
            None => break,
        };
        match read {
            Some(read) => batch.push(to_item(read)?),
            None => break,
        }
    }
    Ok(Some(batch))
}

impl Projector {
    pub fn new(pool: PgPool, store: EventStore, config: ProjectorConfig) -> Self {
        Self {
            pool,
            store,
            config,
        }
    }

    /// Runs until `shutdown` is cancelled. A batch in flight is committed or rolled back
    /// whole, so stopping at any moment loses nothing. Failures of NATS or PostgreSQL are
    /// retried with backoff: the projection waits and then catches up.
    pub async fn run(&self, shutdown: CancellationToken) {
        let mut backoff = Duration::from_millis(100);
        while !shutdown.is_cancelled() {
            match self.follow_active(&shutdown).await {
                Ok(()) => backoff = Duration::from_millis(100),
                Err(error) => {
                    warn!(%error, retry_in = ?backoff, "projection interrupted");
                    tokio::select! {
                        _ = shutdown.cancelled() => {}
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(self.config.max_backoff);
                }
            }
        }
        info!("projector stopped");
    }

    /// Follows the active generation until shutdown or until a rebuild retires it.
    async fn follow_active(&self, shutdown: &CancellationToken) -> Result<(), ProjectorError> {
        let mut target = Target::new(generation::active(&self.pool).await?);
        let generation = &target.generation;
        info!(
            generation = generation.generation,
            position = generation.position,
            "projecting"
        );
        let mut events = Box::pin(self.store.read_all(generation.position as u64 + 1).await?);
        loop {
            let batch = tokio::select! {
                _ = shutdown.cancelled() => return Ok(()),
                batch = next_batch(&mut events, self.config.batch_size) => batch?,
            };
            let Some(batch) = batch else {
                return Ok(());
            };
            if let BatchOutcome::Moved = apply_batch(&self.pool, &mut target, &batch).await? {
                info!(
                    generation = target.generation.generation,
                    "the read model moved on elsewhere (a rebuild or another projector); looking again"
                );
                return Ok(());
            }
        }
    }
}
