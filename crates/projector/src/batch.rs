use std::collections::{HashMap, HashSet};

use eventstore::StoredEvent;
use sqlx::PgPool;
use sqlx::types::Json;
use tracing::warn;
use uuid::Uuid;

use crate::ProjectorError;
use crate::generation::{self, Generation};
use crate::programme_rows::{self, Failure, ProgrammeColumns, ProgrammeRow};

/// One message from the stream: an event, or something that is not a readable envelope.
pub(crate) enum Item {
    Event(StoredEvent),
    Unreadable { sequence: u64, reason: String },
}

impl Item {
    pub fn sequence(&self) -> u64 {
        match self {
            Item::Event(e) => e.sequence,
            Item::Unreadable { sequence, .. } => *sequence,
        }
    }
}

pub(crate) enum BatchOutcome {
    /// The generation now stands at this position.
    Applied(i64),
    /// A rebuild replaced this generation; the caller must find the new active one.
    Retired,
}

/// Applies a batch to one generation in a single transaction, together with the new
/// position. Events at or below the stored position were applied before (by an earlier
/// run or another projector) and are skipped, which makes replays and restarts harmless.
pub(crate) async fn apply_batch(
    pool: &PgPool,
    target: &Generation,
    items: &[Item],
) -> Result<BatchOutcome, ProjectorError> {
    let mut tx = pool.begin().await?;
    let (position, status) = generation::lock(&mut tx, target.generation).await?;
    if status == "retired" {
        return Ok(BatchOutcome::Retired);
    }
    let fresh: Vec<&Item> = items
        .iter()
        .filter(|item| item.sequence() as i64 > position)
        .collect();
    let Some(last) = fresh.last() else {
        return Ok(BatchOutcome::Applied(position));
    };
    let new_position = last.sequence() as i64;
    let schema = &target.schema;

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

    let event_ids: Vec<Uuid> = programme_events
        .iter()
        .map(|e| e.envelope.event_id)
        .collect();
    let seen: HashSet<Uuid> = sqlx::query_scalar(&format!(
        "SELECT event_id FROM {schema}.programme_events WHERE event_id = ANY($1)"
    ))
    .bind(&event_ids)
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();
    programme_events.retain(|e| !seen.contains(&e.envelope.event_id));

    let ids: Vec<Uuid> = programme_events
        .iter()
        .map(|e| e.envelope.aggregate_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut rows = load_rows(&mut tx, schema, &ids).await?;
    let (applied, mut refused) = programme_rows::apply(&mut rows, programme_events);
    failures.append(&mut refused);
    for failure in &failures {
        warn!(sequence = failure.sequence, reason = %failure.reason, "event not projected");
    }

    upsert_programmes(&mut tx, schema, rows.values()).await?;
    insert_history(&mut tx, schema, &applied).await?;
    insert_failures(&mut tx, schema, &failures).await?;
    sqlx::query(
        "UPDATE caunoi.projections SET position = $2, updated_at = now() WHERE generation = $1",
    )
    .bind(target.generation)
    .bind(new_position)
    .execute(&mut *tx)
    .await?;
    // Only the generation that answers reads announces progress: a rebuild's building
    // generation must not make readers believe their write is visible.
    if status == "active" {
        sqlx::query("SELECT pg_notify('caunoi_projection', $1)")
            .bind(new_position.to_string())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(BatchOutcome::Applied(new_position))
}

async fn load_rows(
    tx: &mut sqlx::PgConnection,
    schema: &str,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, ProgrammeRow>, ProjectorError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
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
    .bind(ids)
    .fetch_all(&mut *tx)
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

async fn upsert_programmes<'a>(
    tx: &mut sqlx::PgConnection,
    schema: &str,
    rows: impl Iterator<Item = &'a ProgrammeRow>,
) -> Result<(), ProjectorError> {
    let mut c = ProgrammeColumns::default();
    rows.for_each(|row| c.push(row));
    if c.id.is_empty() {
        return Ok(());
    }
    sqlx::query(&format!(
        "INSERT INTO {schema}.programmes (id, version, status, kind, title, title_folded,
            host_organisation, organisations_folded, partners_folded, start_date, end_date,
            timezone, expected_delegation_size, drafted_at, updated_at, last_sequence, state)
         SELECT id, version, status, kind, title, title_folded, host_organisation,
            organisations_folded, partners_folded, start_date, end_date, timezone,
            expected_delegation_size, drafted_at, updated_at, last_sequence, state::jsonb
         FROM UNNEST($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::date[], $11::date[], $12::text[],
            $13::int[], $14::timestamptz[], $15::timestamptz[], $16::bigint[], $17::text[])
            AS t(id, version, status, kind, title, title_folded, host_organisation,
            organisations_folded, partners_folded, start_date, end_date, timezone,
            expected_delegation_size, drafted_at, updated_at, last_sequence, state)
         ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
            kind = EXCLUDED.kind, title = EXCLUDED.title, title_folded = EXCLUDED.title_folded,
            host_organisation = EXCLUDED.host_organisation,
            organisations_folded = EXCLUDED.organisations_folded,
            partners_folded = EXCLUDED.partners_folded, start_date = EXCLUDED.start_date,
            end_date = EXCLUDED.end_date, timezone = EXCLUDED.timezone,
            expected_delegation_size = EXCLUDED.expected_delegation_size,
            updated_at = EXCLUDED.updated_at, last_sequence = EXCLUDED.last_sequence,
            state = EXCLUDED.state"
    ))
    .bind(&c.id)
    .bind(&c.version)
    .bind(&c.status)
    .bind(&c.kind)
    .bind(&c.title)
    .bind(&c.title_folded)
    .bind(&c.host_organisation)
    .bind(&c.organisations_folded)
    .bind(&c.partners_folded)
    .bind(&c.start_date)
    .bind(&c.end_date)
    .bind(&c.timezone)
    .bind(&c.expected_delegation_size)
    .bind(&c.drafted_at)
    .bind(&c.updated_at)
    .bind(&c.last_sequence)
    .bind(&c.state)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn insert_history(
    tx: &mut sqlx::PgConnection,
    schema: &str,
    events: &[&StoredEvent],
) -> Result<(), ProjectorError> {
    if events.is_empty() {
        return Ok(());
    }
    let e = |f: fn(&StoredEvent) -> String| events.iter().map(|x| f(x)).collect::<Vec<_>>();
    let sequence: Vec<i64> = events.iter().map(|x| x.sequence as i64).collect();
    let event_id: Vec<Uuid> = events.iter().map(|x| x.envelope.event_id).collect();
    let programme_id: Vec<Uuid> = events.iter().map(|x| x.envelope.aggregate_id).collect();
    let version: Vec<i64> = events
        .iter()
        .map(|x| x.envelope.aggregate_version as i64)
        .collect();
    let schema_version: Vec<i32> = events
        .iter()
        .map(|x| x.envelope.schema_version as i32)
        .collect();
    let occurred_at: Vec<_> = events.iter().map(|x| x.envelope.occurred_at).collect();
    let causation_id: Vec<Option<String>> = events
        .iter()
        .map(|x| x.envelope.causation_id.clone())
        .collect();
    sqlx::query(&format!(
        "INSERT INTO {schema}.programme_events (sequence, event_id, programme_id, version,
            event_type, schema_version, occurred_at, actor, correlation_id, causation_id, data)
         SELECT sequence, event_id, programme_id, version, event_type, schema_version,
            occurred_at, actor, correlation_id, causation_id, data::jsonb
         FROM UNNEST($1::bigint[], $2::uuid[], $3::uuid[], $4::bigint[], $5::text[],
            $6::int[], $7::timestamptz[], $8::text[], $9::text[], $10::text[], $11::text[])
            AS t(sequence, event_id, programme_id, version, event_type, schema_version,
            occurred_at, actor, correlation_id, causation_id, data)"
    ))
    .bind(&sequence)
    .bind(&event_id)
    .bind(&programme_id)
    .bind(&version)
    .bind(e(|x| x.envelope.event_type.clone()))
    .bind(&schema_version)
    .bind(&occurred_at)
    .bind(e(|x| x.envelope.actor.clone()))
    .bind(e(|x| x.envelope.correlation_id.clone()))
    .bind(&causation_id)
    .bind(e(|x| x.envelope.data.to_string()))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn insert_failures(
    tx: &mut sqlx::PgConnection,
    schema: &str,
    failures: &[Failure],
) -> Result<(), ProjectorError> {
    if failures.is_empty() {
        return Ok(());
    }
    let sequence: Vec<i64> = failures.iter().map(|f| f.sequence).collect();
    let reason: Vec<String> = failures.iter().map(|f| f.reason.clone()).collect();
    sqlx::query(&format!(
        "INSERT INTO {schema}.projection_failures (sequence, reason)
         SELECT * FROM UNNEST($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING"
    ))
    .bind(&sequence)
    .bind(&reason)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
