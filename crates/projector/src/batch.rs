use std::collections::{HashMap, HashSet};

use eventstore::StoredEvent;
use sqlx::PgPool;
use sqlx::types::Json;
use tracing::warn;
use uuid::Uuid;

use crate::ProjectorError;
use crate::generation::Generation;
use crate::programme_rows::{self, Failure, ProgrammeRow};
use crate::write::write_batch;

/// One message from the stream: an event, or something that is not a readable envelope.
pub(crate) enum Item {
    Event(StoredEvent),
    Unreadable { sequence: u64, reason: String },
}

impl Item {
    /// Whether the server holds more messages right behind this one. After an unreadable
    /// message we cannot tell, so we assume so.
    pub fn more_pending(&self) -> bool {
        match self {
            Item::Event(e) => e.pending > 0,
            Item::Unreadable { .. } => true,
        }
    }

    pub fn sequence(&self) -> u64 {
        match self {
            Item::Event(e) => e.sequence,
            Item::Unreadable { sequence, .. } => *sequence,
        }
    }
}

pub(crate) enum BatchOutcome {
    /// The batch is in; the target knows its new position.
    Applied,
    /// Someone else moved this generation on (another projector, or a rebuild that retired
    /// it): nothing was written, and the caller must look again where things stand.
    Moved,
}

/// How many programme rows a projector keeps in memory between batches.
const CACHED_ROWS: usize = 20_000;

/// A generation being written, with what this writer knows of it: the position it last
/// wrote, and the rows it last wrote. That knowledge is only trusted because every write
/// states the position it expects, so a write on stale knowledge changes nothing.
pub(crate) struct Target {
    pub generation: Generation,
    rows: quick_cache::unsync::Cache<Uuid, ProgrammeRow>,
}

impl Target {
    pub fn new(generation: Generation) -> Self {
        Self {
            generation,
            rows: quick_cache::unsync::Cache::new(CACHED_ROWS),
        }
    }
}

/// Applies a batch to one generation in a single statement, together with the new
/// position, on condition that the position is still the one this writer last saw. Events
/// at or below that position were applied before and are skipped, which makes replays and
/// restarts harmless; a lost race writes nothing.
pub(crate) async fn apply_batch(
    pool: &PgPool,
    target: &mut Target,
    items: &[Item],
) -> Result<BatchOutcome, ProjectorError> {
    let position = target.generation.position;
    let fresh: Vec<&Item> = items
        .iter()
        .filter(|item| item.sequence() as i64 > position)
        .collect();
    let Some(last) = fresh.last() else {
        return Ok(BatchOutcome::Applied);
    };
    let new_position = last.sequence() as i64;

    let mut failures: Vec<Failure> = Vec::new();
    let mut programme_events: Vec<&StoredEvent> = Vec::new();
    for item in &fresh {
        match item {
            Item::Unreadable { sequence, reason } => failures.push(Failure {
                sequence: *sequence as i64,
                reason: reason.clone(),
            }),
            Item::Event(event) if event.envelope.aggregate_type == "programme" => {
                programme_events.push(event)
            }
            // Aggregates without a read model yet only move the position on.
            Item::Event(_) => {}
        }
    }

    let mut rows = rows_for(pool, target, &programme_events).await?;
    let (applied, mut refused) = programme_rows::apply(&mut rows, programme_events);
    failures.append(&mut refused);
    for failure in &failures {
        warn!(sequence = failure.sequence, reason = %failure.reason, "event not projected");
    }
    let written = write_batch(
        pool,
        &target.generation,
        new_position,
        &rows,
        &applied,
        &failures,
    )
    .await?;
    if !written {
        target.rows.clear();
        return Ok(BatchOutcome::Moved);
    }
    target.generation.position = new_position;
    for (id, row) in rows {
        target.rows.insert(id, row);
    }
    Ok(BatchOutcome::Applied)
}

/// The current rows of the programmes a batch touches: from memory when this writer
/// wrote them last, from the database otherwise. A programme whose first event here is
/// its draft has no row yet, so needs no lookup.
async fn rows_for(
    pool: &PgPool,
    target: &Target,
    events: &[&StoredEvent],
) -> Result<HashMap<Uuid, ProgrammeRow>, ProjectorError> {
    let mut rows = HashMap::new();
    let mut missing = HashSet::new();
    let mut seen = HashSet::new();
    for event in events {
        let id = event.envelope.aggregate_id;
        if !seen.insert(id) {
            continue;
        }
        match target.rows.get(&id) {
            Some(row) => {
                rows.insert(id, row.clone());
            }
            None if event.envelope.aggregate_version > 1 => {
                missing.insert(id);
            }
            None => {}
        }
    }
    if missing.is_empty() {
        return Ok(rows);
    }
    let ids: Vec<Uuid> = missing.into_iter().collect();
    type Row = (
        Json<domain::programme::ProgrammeRecord>,
        i64,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
        i64,
    );
    let found: Vec<Row> = sqlx::query_as(&format!(
        "SELECT state, version, drafted_at, updated_at, last_sequence
         FROM {}.programmes WHERE id = ANY($1)",
        target.generation.schema
    ))
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    for (Json(record), version, drafted_at, updated_at, last_sequence) in found {
        rows.insert(
            record.id,
            ProgrammeRow {
                record,
                version,
                drafted_at,
                updated_at,
                last_sequence,
            },
        );
    }
    Ok(rows)
}
