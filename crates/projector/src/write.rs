use std::collections::HashMap;

use eventstore::StoredEvent;
use sqlx::PgPool;
use uuid::Uuid;

use crate::ProjectorError;
use crate::generation::Generation;
use crate::programme_rows::{Failure, ProgrammeColumns, ProgrammeRow};

/// Writes a batch as one statement, so that it needs one round trip and commits whole or
/// not at all. The position moves from the one this writer expects to `new_position`;
/// when it no longer is the expected one (another projector wrote, or a rebuild retired
/// this generation) nothing at all is written. Returns whether the batch was written.
pub(crate) async fn write_batch(
    pool: &PgPool,
    generation: &Generation,
    new_position: i64,
    rows: &HashMap<Uuid, ProgrammeRow>,
    history: &[&StoredEvent],
    failures: &[Failure],
) -> Result<bool, ProjectorError> {
    let schema = &generation.schema;
    let mut p = ProgrammeColumns::default();
    rows.values().for_each(|row| p.push(row));
    let h = |f: fn(&StoredEvent) -> String| history.iter().map(|x| f(x)).collect::<Vec<_>>();
    let sequence: Vec<i64> = history.iter().map(|x| x.sequence as i64).collect();
    let event_id: Vec<Uuid> = history.iter().map(|x| x.envelope.event_id).collect();
    let programme_id: Vec<Uuid> = history.iter().map(|x| x.envelope.aggregate_id).collect();
    let version: Vec<i64> = history
        .iter()
        .map(|x| x.envelope.aggregate_version as i64)
        .collect();
    let schema_version: Vec<i32> = history
        .iter()
        .map(|x| x.envelope.schema_version as i32)
        .collect();
    let occurred_at: Vec<_> = history.iter().map(|x| x.envelope.occurred_at).collect();
    let causation_id: Vec<Option<String>> = history
        .iter()
        .map(|x| x.envelope.causation_id.clone())
        .collect();
    let failure_sequence: Vec<i64> = failures.iter().map(|f| f.sequence).collect();
    let failure_reason: Vec<String> = failures.iter().map(|f| f.reason.clone()).collect();

    // Data-modifying CTEs all run, so each insert is made conditional on the position
    // having moved. Only the generation that answers reads announces its progress.
    let moved: Option<(String, Option<String>)> = sqlx::query_as(&format!(
        "WITH moved AS (
            UPDATE caunoi.projections SET position = $3, updated_at = now()
            WHERE generation = $1 AND position = $2 AND status <> 'retired'
            RETURNING status
         ), history AS (
            INSERT INTO {schema}.programme_events (sequence, event_id, programme_id, version,
                event_type, schema_version, occurred_at, actor, correlation_id, causation_id, data)
            SELECT sequence, event_id, programme_id, version, event_type, schema_version,
                occurred_at, actor, correlation_id, causation_id, data::jsonb
            FROM UNNEST($4::bigint[], $5::uuid[], $6::uuid[], $7::bigint[], $8::text[],
                $9::int[], $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::text[])
                AS t(sequence, event_id, programme_id, version, event_type, schema_version,
                occurred_at, actor, correlation_id, causation_id, data)
            WHERE EXISTS (SELECT 1 FROM moved)
         ), programmes AS (
            INSERT INTO {schema}.programmes (id, version, status, kind, title, title_folded,
                host_organisation, organisations_folded, partners_folded, start_date, end_date,
                timezone, expected_delegation_size, drafted_at, updated_at, last_sequence, state)
            SELECT id, version, status, kind, title, title_folded, host_organisation,
                organisations_folded, partners_folded, start_date, end_date, timezone,
                expected_delegation_size, drafted_at, updated_at, last_sequence, state::jsonb
            FROM UNNEST($15::uuid[], $16::bigint[], $17::text[], $18::text[], $19::text[],
                $20::text[], $21::text[], $22::text[], $23::text[], $24::date[], $25::date[],
                $26::text[], $27::int[], $28::timestamptz[], $29::timestamptz[], $30::bigint[],
                $31::text[])
                AS t(id, version, status, kind, title, title_folded, host_organisation,
                organisations_folded, partners_folded, start_date, end_date, timezone,
                expected_delegation_size, drafted_at, updated_at, last_sequence, state)
            WHERE EXISTS (SELECT 1 FROM moved)
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
                kind = EXCLUDED.kind, title = EXCLUDED.title, title_folded = EXCLUDED.title_folded,
                host_organisation = EXCLUDED.host_organisation,
                organisations_folded = EXCLUDED.organisations_folded,
                partners_folded = EXCLUDED.partners_folded, start_date = EXCLUDED.start_date,
                end_date = EXCLUDED.end_date, timezone = EXCLUDED.timezone,
                expected_delegation_size = EXCLUDED.expected_delegation_size,
                updated_at = EXCLUDED.updated_at, last_sequence = EXCLUDED.last_sequence,
                state = EXCLUDED.state
         ), failures AS (
            INSERT INTO {schema}.projection_failures (sequence, reason)
            SELECT * FROM UNNEST($32::bigint[], $33::text[])
            WHERE EXISTS (SELECT 1 FROM moved)
            ON CONFLICT DO NOTHING
         )
         SELECT status,
            CASE WHEN status = 'active' THEN pg_notify('caunoi_projection', $3::text)::text END
         FROM moved"
    ))
    .bind(generation.generation)
    .bind(generation.position)
    .bind(new_position)
    .bind(&sequence)
    .bind(&event_id)
    .bind(&programme_id)
    .bind(&version)
    .bind(h(|x| x.envelope.event_type.clone()))
    .bind(&schema_version)
    .bind(&occurred_at)
    .bind(h(|x| x.envelope.actor.clone()))
    .bind(h(|x| x.envelope.correlation_id.clone()))
    .bind(&causation_id)
    .bind(h(|x| x.envelope.data.to_string()))
    .bind(&p.id)
    .bind(&p.version)
    .bind(&p.status)
    .bind(&p.kind)
    .bind(&p.title)
    .bind(&p.title_folded)
    .bind(&p.host_organisation)
    .bind(&p.organisations_folded)
    .bind(&p.partners_folded)
    .bind(&p.start_date)
    .bind(&p.end_date)
    .bind(&p.timezone)
    .bind(&p.expected_delegation_size)
    .bind(&p.drafted_at)
    .bind(&p.updated_at)
    .bind(&p.last_sequence)
    .bind(&p.state)
    .bind(&failure_sequence)
    .bind(&failure_reason)
    .fetch_optional(pool)
    .await?;
    Ok(moved.is_some())
}
