//! A durable subscription to the event stream: a named follower that handles every event
//! once in stream order and remembers its position in PostgreSQL. Only one instance runs a
//! given subscription at a time (a PostgreSQL advisory lock); others wait to take over.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use eventstore::{EventStore, StoreError, StoredEvent};
use futures::future::{BoxFuture, Either};
use futures::stream::FuturesUnordered;
use futures::{FutureExt, StreamExt};
use leadership::Lead;
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use tracing::{Instrument, debug, info, info_span, warn};
use uuid::Uuid;

use lanes::Lanes;

mod lanes;

/// An infrastructure failure while handling an event: the event is handled again after a
/// pause. Business refusals are not errors here; a handler decides what they mean.
#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Other(String),
    /// The event can never be handled by this version (its data does not fit what the
    /// handler reads): it is recorded in `subscription_failures` and the follower goes on.
    #[error("{0}")]
    Unhandleable(String),
}

/// An event this build cannot read (an unknown type, a newer schema version, data that
/// does not fit) will never be handled by it: it is set aside with the reason.
impl From<domain::UpcastError> for HandlerError {
    fn from(error: domain::UpcastError) -> Self {
        HandlerError::Unhandleable(error.to_string())
    }
}

impl HandlerError {
    /// Whether handling the same event again would fail again: the event cannot be read,
    /// or PostgreSQL refused what it holds (a data exception, a constraint, a size limit).
    pub fn is_permanent(&self) -> bool {
        match self {
            HandlerError::Unhandleable(_) | HandlerError::Store(StoreError::Corrupt { .. }) => true,
            HandlerError::Database(error) => refused_for_what_it_holds(error),
            _ => false,
        }
    }
}

/// Acts on events. Handling must be idempotent: after a crash, the events since the last
/// saved position are handled again.
pub trait Handler: Send + Sync {
    fn handle(&self, event: &StoredEvent) -> impl Future<Output = Result<(), HandlerError>> + Send;

    /// Handles an event of an aggregate whose later event the subscription has already
    /// taken from the stream: the aggregate has moved on since. A handler that would ask
    /// the store whether anything followed the event can skip asking (a round trip per
    /// event while working through a backlog). By default, the same as `handle`.
    fn handle_followed(
        &self,
        event: &StoredEvent,
    ) -> impl Future<Output = Result<(), HandlerError>> + Send {
        self.handle(event)
    }
}

pub struct Subscription {
    name: &'static str,
    pool: PgPool,
    store: EventStore,
    max_backoff: Duration,
    /// How many aggregates' events are handled at once.
    lanes: usize,
}

/// An event's aggregate and sequence, and how handling it went.
type Handled = (Uuid, u64, Result<(), HandlerError>);

const FIRST_BACKOFF: Duration = Duration::from_millis(200);
/// How long without an event before checking that the stream has none for us.
const QUIET: Duration = Duration::from_secs(10);
/// How many events may be in hand per lane, waiting included.
const HELD_PER_LANE: usize = 4;
/// The position is saved at least this often, in events handled.
const SAVE_EVERY: i64 = 100;
/// How long the stream may have nothing at hand before the position is saved.
const SAVE_WHEN_IDLE: Duration = Duration::from_millis(20);
/// How long an event in hand may still take once the service is stopping.
const FINISH_ON_SHUTDOWN: Duration = Duration::from_secs(10);

impl Subscription {
    pub fn new(name: &'static str, pool: PgPool, store: EventStore) -> Self {
        Self {
            name,
            pool,
            store,
            max_backoff: Duration::from_secs(10),
            lanes: 1,
        }
    }

    /// Handles the events of up to `lanes` aggregates at once, each aggregate's in stream
    /// order; events of different aggregates may then be handled out of stream order, so
    /// only a handler that reads the state it acts on (not the order it was told things
    /// in) may ask for more than one.
    pub fn with_lanes(mut self, lanes: usize) -> Self {
        self.lanes = lanes.max(1);
        self
    }

    /// Handles events until `shutdown`. An event being handled is finished first, so
    /// stopping loses nothing; its position is saved after it.
    pub async fn run<H: Handler>(&self, handler: &H, shutdown: CancellationToken) {
        let span = info_span!("subscription", name = self.name);
        async {
            let mut backoff = FIRST_BACKOFF;
            while !shutdown.is_cancelled() {
                match self.lead(handler, &shutdown).await {
                    Ok(()) => backoff = FIRST_BACKOFF,
                    Err(error) => {
                        warn!(%error, retry_in = ?backoff, "subscription interrupted");
                        tokio::select! {
                            _ = shutdown.cancelled() => {}
                            _ = tokio::time::sleep(backoff) => {}
                        }
                        backoff = (backoff * 2).min(self.max_backoff);
                    }
                }
            }
            info!("subscription stopped");
        }
        .instrument(span)
        .await
    }

    /// Waits to be the one instance running this subscription, then follows the stream.
    async fn lead<H: Handler>(
        &self,
        handler: &H,
        shutdown: &CancellationToken,
    ) -> Result<(), HandlerError> {
        let role = format!("subscription:{}", self.name);
        let Some(lead) = Lead::take(&self.pool, &role, shutdown).await? else {
            return Ok(());
        };
        let result = self.follow(handler, shutdown).await;
        lead.release().await;
        result
    }

    /// Handles events: each aggregate's in stream order, up to [`Subscription::lanes`]
    /// aggregates at a time. The position (every event up to it handled) is saved every
    /// [`SAVE_EVERY`] events, as soon as the stream has nothing more at hand, and when the
    /// service stops: saving after each event cost one PostgreSQL commit (an fsync) per
    /// event and held the process to a few hundred events a second. After a crash the
    /// events since the last save are handled again, which handlers allow (they are
    /// idempotent).
    async fn follow<H: Handler>(
        &self,
        handler: &H,
        shutdown: &CancellationToken,
    ) -> Result<(), HandlerError> {
        let mut saved = self.position().await?;
        let mut lanes = Lanes::new(saved as u64);
        let mut handling: FuturesUnordered<BoxFuture<'_, Handled>> = FuturesUnordered::new();
        let result = self
            .take_and_handle(handler, shutdown, &mut lanes, &mut handling, &mut saved)
            .await;
        // The events in hand finish (each gets a little time once stopping); those
        // waiting behind them are left for the next start.
        while let Some((aggregate, sequence, handled)) = handling.next().await {
            if handled.is_ok() {
                lanes.finish(aggregate, sequence);
            }
        }
        let handled_up_to = lanes.handled_up_to() as i64;
        if handled_up_to > saved {
            let saving = self.save(saved, handled_up_to).await;
            if result.is_ok() {
                saving?;
            }
        }
        result
    }

    async fn take_and_handle<'a, H: Handler>(
        &'a self,
        handler: &'a H,
        shutdown: &'a CancellationToken,
        lanes: &mut Lanes,
        handling: &mut FuturesUnordered<BoxFuture<'a, Handled>>,
        saved: &mut i64,
    ) -> Result<(), HandlerError> {
        let handle = |event: StoredEvent, followed: bool| {
            async move {
                let handled = self
                    .handle_until_done(handler, &event, followed, shutdown)
                    .await;
                (event.envelope.aggregate_id, event.sequence, handled)
            }
            .boxed()
        };
        let mut events = Box::pin(self.store.read_all(*saved as u64 + 1).await?);
        loop {
            let unsaved = lanes.handled_up_to() as i64 > *saved;
            let wait = if unsaved { SAVE_WHEN_IDLE } else { QUIET };
            let room = handling.len() < self.lanes && lanes.held() < self.lanes * HELD_PER_LANE;
            tokio::select! {
                biased;
                _ = shutdown.cancelled() => return Ok(()),
                Some((aggregate, sequence, handled)) = handling.next(), if !handling.is_empty() => {
                    handled?;
                    if let Some(next) = lanes.finish(aggregate, sequence) {
                        let followed = lanes.followed(aggregate);
                        handling.push(handle(next, followed));
                    }
                }
                next = tokio::time::timeout(wait, events.next()), if room => match next {
                    Err(_quiet) if unsaved => {
                        let handled_up_to = lanes.handled_up_to() as i64;
                        self.save(*saved, handled_up_to).await?;
                        *saved = handled_up_to;
                    }
                    // Quiet is normal when nothing happens; quiet while the stream holds
                    // events beyond those taken means the reader stalled: read again.
                    Err(_quiet) => {
                        if handling.is_empty()
                            && self.store.last_sequence().await? > lanes.handled_up_to()
                        {
                            warn!(
                                position = *saved,
                                "no event arrived although the stream holds more; reading again"
                            );
                            return Err(HandlerError::Other("the stream reader stalled".into()));
                        }
                    }
                    Ok(None) => return Err(HandlerError::Other("the event stream ended".into())),
                    Ok(Some(read)) => match read? {
                        Ok(event) => {
                            if let Some(event) = lanes.take(event) {
                                handling.push(handle(event, false));
                            }
                        }
                        Err(StoreError::Corrupt { sequence, reason }) => {
                            warn!(sequence, %reason, "skipping an unreadable message");
                            lanes.pass(sequence);
                        }
                        Err(other) => return Err(other.into()),
                    },
                },
            }
            let handled_up_to = lanes.handled_up_to() as i64;
            if handled_up_to - *saved >= SAVE_EVERY {
                self.save(*saved, handled_up_to).await?;
                *saved = handled_up_to;
            }
        }
    }

    /// Retries an event whose handling failed for infrastructure reasons, until it is
    /// handled or the service stops (it is then handled again at the next start).
    /// `followed`: a later event of the same aggregate was already taken when the
    /// handling began.
    async fn handle_until_done<H: Handler>(
        &self,
        handler: &H,
        event: &StoredEvent,
        followed: bool,
        shutdown: &CancellationToken,
    ) -> Result<(), HandlerError> {
        let span = info_span!(
            "event",
            sequence = event.sequence,
            event_type = %event.envelope.event_type,
            correlation_id = %event.envelope.correlation_id
        );
        let mut backoff = FIRST_BACKOFF;
        loop {
            let handling = if followed {
                Either::Left(handler.handle_followed(event))
            } else {
                Either::Right(handler.handle(event))
            };
            // A panic while handling one event is that event's failure, never the process's.
            let handled = AssertUnwindSafe(handling)
                .catch_unwind()
                .map(|result| result.unwrap_or_else(|panic| Err(panicked(panic.as_ref()))))
                .instrument(span.clone());
            tokio::pin!(handled);
            let result = tokio::select! {
                result = &mut handled => result,
                // On shutdown the event in hand gets a little time to finish; after that it
                // is left, unsaved, to be handled again at the next start (handling is
                // idempotent), so that a hung request cannot hold the service up.
                _ = shutdown.cancelled() => {
                    match tokio::time::timeout(FINISH_ON_SHUTDOWN, &mut handled).await {
                        Ok(result) => result,
                        Err(_) => {
                            return Err(HandlerError::Other(
                                "stopped before the event in hand was handled".into(),
                            ));
                        }
                    }
                }
            };
            match result {
                Ok(()) => return Ok(()),
                Err(error) if error.is_permanent() => {
                    warn!(parent: &span, %error, "this event can never be handled; recorded as failed, going on");
                    return self.record_failure(event, &error).await;
                }
                Err(error) => {
                    warn!(parent: &span, %error, retry_in = ?backoff, "handling failed; will retry");
                    tokio::select! {
                        _ = shutdown.cancelled() => return Err(error),
                        _ = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(self.max_backoff);
                }
            }
        }
    }

    async fn record_failure(
        &self,
        event: &StoredEvent,
        error: &HandlerError,
    ) -> Result<(), HandlerError> {
        let reason: String = error
            .to_string()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        sqlx::query(
            "INSERT INTO caunoi.subscription_failures (subscription, sequence, event_type, reason)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(self.name)
        .bind(event.sequence as i64)
        .bind(event.envelope.event_type.replace('\0', ""))
        .bind(reason)
        .execute(&self.pool)
        .await?;
        metrics::counter!("caunoi_subscription_failures_total", "subscription" => self.name)
            .increment(1);
        Ok(())
    }

    async fn position(&self) -> Result<i64, HandlerError> {
        sqlx::query("INSERT INTO caunoi.subscriptions (name) VALUES ($1) ON CONFLICT DO NOTHING")
            .bind(self.name)
            .execute(&self.pool)
            .await?;
        Ok(
            sqlx::query_scalar("SELECT position FROM caunoi.subscriptions WHERE name = $1")
                .bind(self.name)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Moves the position on, but only from where this instance left it: had another
    /// instance moved it meanwhile, this one stops and looks again.
    async fn save(&self, from: i64, to: i64) -> Result<(), HandlerError> {
        let moved = sqlx::query(
            "UPDATE caunoi.subscriptions SET position = $3, updated_at = now()
             WHERE name = $1 AND position = $2",
        )
        .bind(self.name)
        .bind(from)
        .bind(to)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if moved == 1 {
            debug!(position = to, "saved");
            Ok(())
        } else {
            Err(HandlerError::Other(format!(
                "the position of subscription {} moved elsewhere",
                self.name
            )))
        }
    }
}

/// Whether PostgreSQL refused a statement for the values it held (SQLSTATE classes 22
/// data exception, 23 constraint, 54 limit): sending it again will fail again.
pub fn refused_for_what_it_holds(error: &sqlx::Error) -> bool {
    let code = error.as_database_error().and_then(|e| e.code());
    code.is_some_and(|c| ["22", "23", "54"].iter().any(|class| c.starts_with(class)))
}

/// A handler's panic as the failure of the event it was handling.
fn panicked(panic: &(dyn Any + Send)) -> HandlerError {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    HandlerError::Unhandleable(format!("handling panicked: {message}"))
}
