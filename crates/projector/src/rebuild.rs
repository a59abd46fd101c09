use std::time::Instant;

use eventstore::EventStore;
use sqlx::PgPool;
use tracing::info;

use crate::ProjectorError;
use crate::batch::{BatchOutcome, Writer};
use crate::generation::{self, Generation};
use crate::runner::{Careful, next_batch};

/// A rebuild's progress, reported as it goes so that a long replay is never silent.
#[derive(Debug, Clone, Copy)]
pub struct RebuildProgress {
    pub position: i64,
    pub target: i64,
    pub events_per_second: f64,
}

/// Only one rebuild at a time; the key is arbitrary but fixed.
const REBUILD_LOCK: i64 = 0x6361_756e_6f69;
const BATCH: usize = 2000;

/// Replays the whole stream into a fresh generation while the current one keeps answering
/// reads, then switches the views over once the new one has caught up. Returns the new
/// generation number.
pub async fn rebuild(
    pool: &PgPool,
    store: &EventStore,
    mut progress: impl FnMut(RebuildProgress),
) -> Result<i64, ProjectorError> {
    let mut lock = pool.acquire().await?;
    let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(REBUILD_LOCK)
        .fetch_one(&mut *lock)
        .await?;
    if !locked {
        return Err(ProjectorError::RebuildRunning);
    }
    let result = replay_and_switch(pool, store, &mut progress).await;
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(REBUILD_LOCK)
        .execute(&mut *lock)
        .await?;
    result
}

async fn replay_and_switch(
    pool: &PgPool,
    store: &EventStore,
    progress: &mut impl FnMut(RebuildProgress),
) -> Result<i64, ProjectorError> {
    let mut fresh = Writer::open(pool.clone(), generation::create_next(pool).await?).await?;
    info!(
        generation = fresh.target.generation.generation,
        "rebuilding read models"
    );
    let started = Instant::now();
    let mut target = store.last_sequence().await? as i64;
    loop {
        catch_up(pool, store, &mut fresh, target, started, progress).await?;
        if let Some(old) = try_switch(pool, &fresh.target.generation).await? {
            sqlx::query(&format!("DROP SCHEMA IF EXISTS {} CASCADE", old.schema))
                .execute(pool)
                .await?;
            let new = &fresh.target.generation;
            info!(
                generation = new.generation,
                position = new.position,
                "switched to rebuilt read models"
            );
            return Ok(new.generation);
        }
        // The live projector moved on while we caught up; go again to where it is now.
        target = generation::active(pool).await?.position;
    }
}

/// Replays up to `target`. An event the read models cannot take is parked as the live
/// projector parks it (see `crate::park`), and the replay goes on.
async fn catch_up(
    pool: &PgPool,
    store: &EventStore,
    fresh: &mut Writer,
    target: i64,
    started: Instant,
    progress: &mut impl FnMut(RebuildProgress),
) -> Result<(), ProjectorError> {
    let mut careful = Careful::default();
    loop {
        match replay(store, fresh, target, started, progress, &mut careful).await {
            Err(error) if error.is_refused_data() => {
                careful.after_refusal(pool, store, fresh, &error).await?;
                let mut generation = fresh.target.generation.clone();
                generation.position = generation::position_of(pool, &generation).await?;
                *fresh = Writer::open(pool.clone(), generation).await?;
            }
            other => return other,
        }
    }
}

async fn replay(
    store: &EventStore,
    fresh: &mut Writer,
    target: i64,
    started: Instant,
    progress: &mut impl FnMut(RebuildProgress),
    careful: &mut Careful,
) -> Result<(), ProjectorError> {
    if fresh.target.generation.position >= target {
        return Ok(());
    }
    let mut events = Box::pin(
        store
            .read_all(fresh.target.generation.position as u64 + 1)
            .await?,
    );
    while fresh.target.generation.position < target {
        let limit = careful.batch_size(fresh, BATCH);
        let Some(batch) = next_batch(&mut events, limit).await? else {
            break;
        };
        if let BatchOutcome::Moved = fresh.push(&batch).await? {
            return Err(ProjectorError::RebuildInterfered);
        }
        let seconds = started.elapsed().as_secs_f64().max(1e-3);
        let position = fresh.target.generation.position;
        progress(RebuildProgress {
            position,
            target,
            events_per_second: position as f64 / seconds,
        });
    }
    // The switch-over compares committed positions: the last write must be in.
    match fresh.flush().await? {
        BatchOutcome::Applied => Ok(()),
        BatchOutcome::Moved => Err(ProjectorError::RebuildInterfered),
    }
}

/// Switches the views when the fresh generation has everything the active one has. Holding
/// the active row's lock keeps the live projector from committing in between.
async fn try_switch(
    pool: &PgPool,
    fresh: &Generation,
) -> Result<Option<Generation>, ProjectorError> {
    let mut tx = pool.begin().await?;
    let old: (i64, String, i64) = sqlx::query_as(
        "SELECT generation, schema_name, position FROM caunoi.projections
         WHERE status = 'active' FOR UPDATE",
    )
    .fetch_one(&mut *tx)
    .await?;
    let (position, _) = generation::lock(&mut tx, fresh.generation).await?;
    if position < old.2 {
        return Ok(None);
    }
    sqlx::query("UPDATE caunoi.projections SET status = 'retired', updated_at = now() WHERE generation = $1")
        .bind(old.0)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE caunoi.projections SET status = 'active', activated_at = now(), updated_at = now()
         WHERE generation = $1",
    )
    .bind(fresh.generation)
    .execute(&mut *tx)
    .await?;
    sqlx::query("SELECT caunoi.point_views_at($1)")
        .bind(&fresh.schema)
        .execute(&mut *tx)
        .await?;
    sqlx::query("SELECT pg_notify('caunoi_projection', $1)")
        .bind(position.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(Generation {
        generation: old.0,
        schema: old.1,
        position: old.2,
    }))
}
