//! Failures under load, on real processes: a single NATS server or one of a cluster crashes,
//! PostgreSQL restarts, one of two projectors and reminder schedulers dies. Each test checks that no
//! acknowledged event is lost, that the read models end equal to a rebuild, and reports
//! the longest time during which no command succeeded.

mod load;
mod nats_crash;
mod nats_node_loss;
mod postgres_restart;
mod two_of_each;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use eventstore::EventStore;
use futures::TryStreamExt;
use sqlx::PgPool;
use uuid::Uuid;

use super::{Caunoi, position};

/// CI machines have two cores shared by every test: bounds are generous.
const CATCH_UP: Duration = Duration::from_secs(120);

/// Fewest commands a load must have had acknowledged to show that it ran: on a quiet
/// machine a failure test sees several hundred, on two cores busy with other tests some
/// dozens, which still put the failure between acknowledged commands.
const MIN_ACKNOWLEDGED: usize = 20;

/// The ids of every event in the stream. Right after a server of the cluster comes back,
/// the stream may still be catching it up and a read can time out: the whole read is tried
/// again until `CATCH_UP` has passed, so that only a lost event fails the test.
async fn stored_event_ids(store: &EventStore) -> HashSet<Uuid> {
    let deadline = Instant::now() + CATCH_UP;
    loop {
        match read_event_ids(store).await {
            Ok(ids) => return ids,
            Err(error) if Instant::now() < deadline => {
                eprintln!("reading the stream failed ({error}); reading it again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(error) => panic!("the stream could not be read within {CATCH_UP:?}: {error}"),
        }
    }
}

async fn read_event_ids(store: &EventStore) -> Result<HashSet<Uuid>, eventstore::StoreError> {
    let last = store.last_sequence().await?;
    let mut ids = HashSet::new();
    if last == 0 {
        return Ok(ids);
    }
    let mut events = std::pin::pin!(store.read_all(1).await?);
    while let Some(event) = events.try_next().await? {
        // An event that cannot be read is a failure of its own, not a slow cluster.
        let event = event.unwrap_or_else(|e| panic!("a stored event cannot be read: {e}"));
        ids.insert(event.envelope.event_id);
        if event.sequence >= last {
            break;
        }
    }
    Ok(ids)
}

/// Every event a successful answer said was appended is in the stream, and the load ran.
async fn assert_every_acknowledged_event_kept(tally: &load::Tally, store: &EventStore) {
    let stored = stored_event_ids(store).await;
    let lost = tally.acked.iter().filter(|id| !stored.contains(id)).count();
    assert_eq!(lost, 0, "{lost} acknowledged events are missing");
    assert!(
        tally.acked.len() > MIN_ACKNOWLEDGED,
        "the load ran: {}",
        tally.acked.len()
    );
}

/// Waits until the read models include every event in the stream.
async fn wait_caught_up(pool: &PgPool, store: &EventStore) {
    let last = store.last_sequence().await.unwrap() as i64;
    let deadline = Instant::now() + CATCH_UP;
    loop {
        let reached = position(pool).await;
        if reached >= last {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the projection stayed at {reached} of {last}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Every table of the active read-model generation: name, rows, and a digest of the rows
/// (without the moment a failure was recorded, which a rebuild cannot repeat).
async fn read_models(pool: &PgPool) -> Vec<(String, i64, String)> {
    let schema: String =
        sqlx::query_scalar("SELECT schema_name FROM caunoi.projections WHERE status = 'active'")
            .fetch_one(pool)
            .await
            .unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = $1 ORDER BY table_name",
    )
    .bind(&schema)
    .fetch_all(pool)
    .await
    .unwrap();
    let mut digests = Vec::new();
    for table in tables {
        let (rows, digest): (i64, Option<String>) = sqlx::query_as(&format!(
            "SELECT count(*), md5(string_agg(r, E'\\n' ORDER BY r))
             FROM (SELECT (to_jsonb(t) - 'recorded_at')::text AS r FROM \"{schema}\".\"{table}\" t) rows"
        ))
        .fetch_one(pool)
        .await
        .unwrap();
        digests.push((table, rows, digest.unwrap_or_default()));
    }
    digests
}

/// Stops the services, rebuilds the read models from the stream with `caunoi rebuild`,
/// and checks that the rebuild equals what the services had projected.
async fn assert_equal_to_a_rebuild(
    pool: &PgPool,
    services: Vec<Caunoi>,
    settings: &[(&'static str, String)],
) {
    for service in services {
        assert!(service.terminate().success(), "a service stopped uncleanly");
    }
    let projected = read_models(pool).await;
    assert!(
        projected.iter().any(|(_, rows, _)| *rows > 0),
        "something was projected"
    );
    let rebuild = Caunoi::start(&["rebuild"], settings);
    assert!(rebuild.wait().success(), "caunoi rebuild failed");
    assert_eq!(
        read_models(pool).await,
        projected,
        "the read models equal a rebuild from the stream"
    );
}
