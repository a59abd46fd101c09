use std::collections::{HashMap, HashSet};

use eventstore::StoredEvent;
use sqlx::PgPool;
use sqlx::types::Json;
use tokio::task::JoinHandle;
use tracing::warn;
use uuid::Uuid;

use crate::ProjectorError;
use crate::generation::Generation;
use crate::models::{ModelRunner, StoredState, runners};
use crate::park::{self, Parkable, ParkedAggregates};
use crate::programme_rows::{self, Failure, ProgrammeRow};
use crate::statement::Statement;
use crate::write::PreparedBatch;

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

/// How many programme rows, and states of other aggregates, a projector keeps in memory
/// between batches.
const CACHED_ROWS: usize = 20_000;

/// A generation being written, with what this writer knows of it: the position it last
/// wrote, and the rows and states it last wrote.
pub(crate) struct Target {
    pub generation: Generation,
    rows: quick_cache::unsync::Cache<Uuid, ProgrammeRow>,
    states: quick_cache::unsync::Cache<(&'static str, Uuid), StoredState>,
}

impl Target {
    pub fn new(generation: Generation) -> Self {
        Self {
            generation,
            rows: quick_cache::unsync::Cache::new(CACHED_ROWS),
            states: quick_cache::unsync::Cache::new(CACHED_ROWS),
        }
    }

    fn forget(&mut self) {
        self.rows.clear();
        self.states.clear();
    }
}

/// Writes batches to one generation, with one write in flight while the next batch is
/// prepared, so that decoding and folding overlap with PostgreSQL's work.
///
/// Each write moves the position from the one this writer expects, so a write on stale
/// knowledge changes nothing and is reported as `Moved`; every later write then fails the
/// same way, and the caller starts again from what the database says.
pub(crate) struct Writer {
    pool: PgPool,
    /// Its position is the one after the last batch handed over, written or in flight.
    pub target: Target,
    in_flight: Option<JoinHandle<Result<bool, ProjectorError>>>,
    /// The events of the write in flight, or of the last one written; kept when a write
    /// fails, so that an event PostgreSQL refuses alone can be named and parked.
    written_events: Vec<Parkable>,
    /// Aggregates with a parked event: their later events are parked behind it.
    parked: ParkedAggregates,
    models: Vec<Box<dyn ModelRunner>>,
}

impl Writer {
    pub fn new(pool: PgPool, generation: Generation) -> Self {
        Self {
            pool,
            target: Target::new(generation),
            in_flight: None,
            written_events: Vec::new(),
            parked: ParkedAggregates::new(),
            models: runners(),
        }
    }

    /// A writer that knows the generation's parked aggregates.
    pub async fn open(pool: PgPool, generation: Generation) -> Result<Self, ProjectorError> {
        let parked = park::load(&pool, &generation).await?;
        let mut writer = Self::new(pool, generation);
        writer.parked = parked;
        Ok(writer)
    }

    /// The one event of the last write, when PostgreSQL refused a write of that event
    /// alone: that event is at fault.
    pub fn refused_alone(&self) -> Option<&Parkable> {
        match self.written_events.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    pub fn is_writing(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Waits for the write in flight, if any. Safe to cancel: the write goes on and can
    /// be waited for again.
    pub async fn flush(&mut self) -> Result<BatchOutcome, ProjectorError> {
        let Some(write) = self.in_flight.as_mut() else {
            return Ok(BatchOutcome::Applied);
        };
        let written = write.await;
        self.in_flight = None;
        if written?? {
            Ok(BatchOutcome::Applied)
        } else {
            self.target.forget();
            Ok(BatchOutcome::Moved)
        }
    }

    /// Folds a batch into rows and starts writing it, together with the new position.
    /// Events at or below the position were applied before and are skipped, which makes
    /// replays and restarts harmless.
    pub async fn push(&mut self, items: &[Item]) -> Result<BatchOutcome, ProjectorError> {
        let position = self.target.generation.position;
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
        let mut other_events: HashMap<&str, Vec<&StoredEvent>> = HashMap::new();
        let mut parked_behind: Vec<Statement> = Vec::new();
        for item in &fresh {
            match item {
                Item::Unreadable { sequence, reason } => failures.push(Failure {
                    sequence: *sequence as i64,
                    reason: reason.clone(),
                }),
                Item::Event(event) if self.parked_aggregate(event).is_some() => {
                    let first = self.parked_aggregate(event).unwrap_or_default();
                    parked_behind.push(park::parked_row(
                        &self.target.generation.schema,
                        &Parkable::of(event),
                        &format!(
                            "set aside behind event {first} of the same {}, which is parked",
                            event.envelope.aggregate_type
                        ),
                    ));
                }
                Item::Event(event) if event.envelope.aggregate_type == "programme" => {
                    programme_events.push(event)
                }
                Item::Event(event) => other_events
                    .entry(event.envelope.aggregate_type.as_str())
                    .or_default()
                    .push(event),
            }
        }

        let (mut rows, missing) = remembered_rows(&self.target, &programme_events);
        let (mut states, missing_states) = self.remembered_states(&other_events);
        if !missing.is_empty() || !missing_states.is_empty() {
            // What is not in memory must come from the database, and must not be read
            // before the write in flight (which may hold it) has committed.
            if let BatchOutcome::Moved = self.flush().await? {
                return Ok(BatchOutcome::Moved);
            }
            let schema = &self.target.generation.schema;
            rows.extend(load_rows(&self.pool, schema, missing).await?);
            for (aggregate_type, ids) in missing_states {
                let loaded = load_states(&self.pool, schema, aggregate_type, ids).await?;
                states.entry(aggregate_type).or_default().extend(loaded);
            }
        }
        let (applied, mut refused) = programme_rows::apply(&mut rows, programme_events);
        failures.append(&mut refused);
        let mut statements = Vec::new();
        for model in &self.models {
            let aggregate_type = model.aggregate_type();
            let Some(events) = other_events.get(aggregate_type) else {
                continue;
            };
            let known = states.entry(aggregate_type).or_default();
            statements.extend(model.fold(
                &self.target.generation.schema,
                known,
                events,
                &mut failures,
            ));
        }
        if !parked_behind.is_empty() {
            metrics::counter!("caunoi_parked_events_total").increment(parked_behind.len() as u64);
            statements.append(&mut parked_behind);
        }
        // Aggregates without a read model only move the position on.
        for failure in &failures {
            warn!(sequence = failure.sequence, reason = %failure.reason, "event not projected");
        }
        let prepared = PreparedBatch::new(
            &self.target.generation,
            new_position,
            &rows,
            &applied,
            &failures,
            statements,
        );
        if let BatchOutcome::Moved = self.flush().await? {
            return Ok(BatchOutcome::Moved);
        }
        metrics::counter!("caunoi_projected_events_total").increment(fresh.len() as u64);
        if !failures.is_empty() {
            metrics::counter!("caunoi_projection_failures_total").increment(failures.len() as u64);
        }
        self.written_events = fresh
            .iter()
            .filter_map(|item| match item {
                Item::Event(event) => Some(Parkable::of(event)),
                Item::Unreadable { .. } => None,
            })
            .collect();
        self.in_flight = Some(tokio::spawn(prepared.write(self.pool.clone())));
        self.target.generation.position = new_position;
        for (id, row) in rows {
            self.target.rows.insert(id, row);
        }
        for (aggregate_type, known) in states {
            for (id, state) in known {
                self.target.states.insert((aggregate_type, id), state);
            }
        }
        Ok(BatchOutcome::Applied)
    }

    /// The first parked event of `event`'s aggregate, if it has one.
    fn parked_aggregate(&self, event: &StoredEvent) -> Option<i64> {
        let envelope = &event.envelope;
        self.parked
            .get(&(envelope.aggregate_type.clone(), envelope.aggregate_id))
            .copied()
    }

    /// The states this writer remembers of the aggregates a batch touches, by type, and
    /// the ids of those it must read from the database.
    #[expect(
        clippy::type_complexity,
        reason = "two maps by aggregate type, named in the docs"
    )]
    fn remembered_states(
        &self,
        events: &HashMap<&str, Vec<&StoredEvent>>,
    ) -> (
        HashMap<&'static str, HashMap<Uuid, StoredState>>,
        HashMap<&'static str, Vec<Uuid>>,
    ) {
        let mut states: HashMap<&'static str, HashMap<Uuid, StoredState>> = HashMap::new();
        let mut missing: HashMap<&'static str, Vec<Uuid>> = HashMap::new();
        for model in &self.models {
            let aggregate_type = model.aggregate_type();
            let Some(events) = events.get(aggregate_type) else {
                continue;
            };
            let mut seen = HashSet::new();
            for event in events {
                let id = event.envelope.aggregate_id;
                if !seen.insert(id) {
                    continue;
                }
                match self.target.states.get(&(aggregate_type, id)) {
                    Some(state) => {
                        states
                            .entry(aggregate_type)
                            .or_default()
                            .insert(id, state.clone());
                    }
                    None if event.envelope.aggregate_version > 1 => {
                        missing.entry(aggregate_type).or_default().push(id)
                    }
                    None => {}
                }
            }
        }
        (states, missing)
    }
}

async fn load_states(
    pool: &PgPool,
    schema: &str,
    aggregate_type: &str,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, StoredState>, ProjectorError> {
    type Row = (
        Uuid,
        i64,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
        i64,
        String,
    );
    let found: Vec<Row> = sqlx::query_as(&format!(
        "SELECT id, version, created_at, updated_at, last_sequence, state::text
         FROM {schema}.aggregates WHERE aggregate_type = $1 AND id = ANY($2)"
    ))
    .bind(aggregate_type)
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    Ok(found
        .into_iter()
        .map(
            |(id, version, created_at, updated_at, last_sequence, state)| {
                (
                    id,
                    StoredState {
                        version,
                        created_at,
                        updated_at,
                        last_sequence,
                        state,
                    },
                )
            },
        )
        .collect())
}

/// The rows of the programmes a batch touches that this writer remembers, and the ids of
/// those it must read from the database. A programme whose first event here is its draft
/// has no row yet, so needs neither.
fn remembered_rows(
    target: &Target,
    events: &[&StoredEvent],
) -> (HashMap<Uuid, ProgrammeRow>, Vec<Uuid>) {
    let mut rows = HashMap::new();
    let mut missing = Vec::new();
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
            None if event.envelope.aggregate_version > 1 => missing.push(id),
            None => {}
        }
    }
    (rows, missing)
}

async fn load_rows(
    pool: &PgPool,
    schema: &str,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, ProgrammeRow>, ProjectorError> {
    type Row = (
        Json<domain::programme::ProgrammeRecord>,
        i64,
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
        i64,
    );
    let found: Vec<Row> = sqlx::query_as(&format!(
        "SELECT state, version, drafted_at, updated_at, last_sequence
         FROM {schema}.programmes WHERE id = ANY($1)"
    ))
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    Ok(found
        .into_iter()
        .map(
            |(Json(record), version, drafted_at, updated_at, last_sequence)| {
                (
                    record.id,
                    ProgrammeRow {
                        record,
                        version,
                        drafted_at,
                        updated_at,
                        last_sequence,
                    },
                )
            },
        )
        .collect())
}
