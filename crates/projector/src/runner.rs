use std::time::Duration;

use eventstore::{EventStore, StoreError, StoredEvent};
use futures::{FutureExt, Stream, StreamExt};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use leadership::Lead;

use crate::ProjectorError;
use crate::batch::{BatchOutcome, Item, Writer};
use crate::generation;

/// How long without an event before checking that the stream has none for us.
const QUIET: Duration = Duration::from_secs(10);

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

/// Waits for one message, then fills a batch behind it (see [`fill_batch`]).
pub(crate) async fn next_batch<S>(
    events: &mut S,
    limit: usize,
) -> Result<Option<Vec<Item>>, StoreError>
where
    S: Stream<Item = Result<Result<StoredEvent, StoreError>, StoreError>> + Unpin,
{
    match events.next().await {
        Some(first) => Ok(Some(fill_batch(events, to_item(first)?, limit).await?)),
        None => Ok(None),
    }
}

/// Keeps taking messages that have already arrived or that the server says are pending,
/// up to `limit`: a quiet stream gets each event written at once (no lingering, so
/// commands see their change quickly), a busy one or a replay gets large batches.
///
/// Not safe to cancel (taken messages would be lost), so never race it in a `select!`.
pub(crate) async fn fill_batch<S>(
    events: &mut S,
    first: Item,
    limit: usize,
) -> Result<Vec<Item>, StoreError>
where
    S: Stream<Item = Result<Result<StoredEvent, StoreError>, StoreError>> + Unpin,
{
    let mut batch = vec![first];
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
    Ok(batch)
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
        let mut careful = Careful::default();
        while !shutdown.is_cancelled() {
            match self.lead(&shutdown, &mut careful).await {
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

    /// Waits to be the active projector (others stand by, taking over within a second),
    /// then follows the active generation. Even were two to write at once, each batch
    /// moves the position by compare-and-set, so an event is never applied twice.
    async fn lead(
        &self,
        shutdown: &CancellationToken,
        careful: &mut Careful,
    ) -> Result<(), ProjectorError> {
        let Some(lead) = Lead::take(&self.pool, "projector", shutdown).await? else {
            return Ok(());
        };
        let mut writer =
            Writer::open(self.pool.clone(), generation::active(&self.pool).await?).await?;
        let followed = self.follow_active(shutdown, &mut writer, careful).await;
        let result = match followed {
            Err(error) if error.is_refused_data() => {
                careful
                    .after_refusal(&self.pool, &self.store, &writer, &error)
                    .await
            }
            other => other,
        };
        lead.release().await;
        result
    }

    /// Follows the active generation until shutdown or until a rebuild retires it.
    async fn follow_active(
        &self,
        shutdown: &CancellationToken,
        writer: &mut Writer,
        careful: &mut Careful,
    ) -> Result<(), ProjectorError> {
        let generation = &writer.target.generation;
        info!(
            generation = generation.generation,
            position = generation.position,
            "projecting"
        );
        let mut events = Box::pin(self.store.read_all(generation.position as u64 + 1).await?);
        loop {
            // Biased: while events keep coming, the next batch is prepared as the previous
            // one is written. Only when the stream is quiet do we wait for the write alone,
            // to learn at once whether it went in: a write refused because a rebuild
            // retired this generation must send us to the new one even if no event comes.
            let outcome = tokio::select! {
                biased;
                _ = shutdown.cancelled() => {
                    writer.flush().await?;
                    return Ok(());
                }
                first = events.next() => match first {
                    Some(first) => {
                        let limit = careful.batch_size(writer, self.config.batch_size);
                        let batch = fill_batch(&mut events, to_item(first)?, limit).await?;
                        writer.push(&batch).await?
                    }
                    None => writer.flush().await?,
                },
                outcome = writer.flush(), if writer.is_writing() => outcome?,
                // Quiet is normal when nothing happens; quiet while the stream holds events
                // beyond the position means the reader stalled: read again from there.
                _ = tokio::time::sleep(QUIET), if !writer.is_writing() => {
                    let position = writer.target.generation.position as u64;
                    if self.store.last_sequence().await? > position {
                        warn!(position, "no event arrived although the stream holds more; reading again");
                        return Ok(());
                    }
                    continue;
                }
            };
            if let BatchOutcome::Moved = outcome {
                info!(
                    generation = writer.target.generation.generation,
                    "the read model moved on elsewhere (a rebuild or another projector); looking again"
                );
                return Ok(());
            }
        }
    }
}

/// After PostgreSQL refused a batch for what it held, the events up to the stream's end as
/// it was then are written one at a time, so that the one at fault is found and parked
/// (see `crate::park`) and every other event goes in.
#[derive(Debug, Default)]
pub(crate) struct Careful {
    until: Option<i64>,
}

impl Careful {
    pub fn batch_size(&mut self, writer: &Writer, usual: usize) -> usize {
        match self.until {
            Some(until) if writer.target.generation.position < until => 1,
            _ => {
                self.until = None;
                usual
            }
        }
    }

    /// Parks the event refused alone, or else goes one event at a time from the committed
    /// position; the caller then reads again from what the database says.
    pub async fn after_refusal(
        &mut self,
        pool: &PgPool,
        store: &EventStore,
        writer: &Writer,
        error: &ProjectorError,
    ) -> Result<(), ProjectorError> {
        let committed = generation::position_of(pool, &writer.target.generation).await?;
        match writer.refused_alone() {
            Some(event) if event.sequence == committed + 1 => {
                let generation = crate::generation::Generation {
                    position: committed,
                    ..writer.target.generation.clone()
                };
                crate::park::park(pool, &generation, event, &error.to_string()).await?;
            }
            _ => {
                warn!(%error, "PostgreSQL refused a batch for what it holds; writing one event at a time to find the one at fault");
                self.until = Some(store.last_sequence().await? as i64);
            }
        }
        Ok(())
    }
}
