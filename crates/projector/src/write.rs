use std::collections::HashMap;

use chrono::{DateTime, Utc};
use eventstore::StoredEvent;
use sqlx::PgPool;
use uuid::Uuid;

use crate::ProjectorError;
use crate::generation::Generation;
use crate::programme_rows::{Failure, ProgrammeColumns, ProgrammeRow};
use crate::statement::Statement;

/// The history columns of a batch, one vector per column, ready for an `UNNEST` insert.
struct HistoryColumns {
    sequence: Vec<i64>,
    event_id: Vec<Uuid>,
    programme_id: Vec<Uuid>,
    version: Vec<i64>,
    event_type: Vec<String>,
    schema_version: Vec<i32>,
    occurred_at: Vec<DateTime<Utc>>,
    actor: Vec<String>,
    correlation_id: Vec<String>,
    causation_id: Vec<Option<String>>,
    data: Vec<String>,
}

impl HistoryColumns {
    fn new(history: &[&StoredEvent]) -> Self {
        let e = || history.iter().map(|x| &x.envelope);
        Self {
            sequence: history.iter().map(|x| x.sequence as i64).collect(),
            event_id: e().map(|x| x.event_id).collect(),
            programme_id: e().map(|x| x.aggregate_id).collect(),
            version: e().map(|x| x.aggregate_version as i64).collect(),
            event_type: e().map(|x| x.event_type.clone()).collect(),
            schema_version: e().map(|x| x.schema_version as i32).collect(),
            occurred_at: e().map(|x| x.occurred_at).collect(),
            actor: e().map(|x| x.actor.clone()).collect(),
            correlation_id: e().map(|x| x.correlation_id.clone()).collect(),
            causation_id: e().map(|x| x.causation_id.clone()).collect(),
            data: e().map(|x| x.data.to_string()).collect(),
        }
    }
}

/// A batch turned into columns, owning everything it needs, so that it can be written
/// while the next batch is being prepared.
pub(crate) struct PreparedBatch {
    generation: i64,
    schema: String,
    expected_position: i64,
    new_position: i64,
    programmes: ProgrammeColumns,
    history: HistoryColumns,
    failure_sequence: Vec<i64>,
    failure_reason: Vec<String>,
    /// Rows of the other read models, written after the position moved.
    models: Vec<Statement>,
}

impl PreparedBatch {
    pub fn new(
        generation: &Generation,
        new_position: i64,
        rows: &HashMap<Uuid, ProgrammeRow>,
        history: &[&StoredEvent],
        failures: &[Failure],
        models: Vec<Statement>,
    ) -> Self {
        let mut programmes = ProgrammeColumns::default();
        rows.values().for_each(|row| programmes.push(row));
        Self {
            generation: generation.generation,
            schema: generation.schema.clone(),
            expected_position: generation.position,
            new_position,
            programmes,
            history: HistoryColumns::new(history),
            failure_sequence: failures.iter().map(|f| f.sequence).collect(),
            failure_reason: failures.iter().map(|f| f.reason.clone()).collect(),
            models,
        }
    }

    /// Writes the batch, whole or not at all. The position moves from the one this writer
    /// expected to the batch's last sequence; when it no longer is the expected one
    /// (another projector wrote, or a rebuild retired this generation) nothing at all is
    /// written. Returns whether the batch was written.
    ///
    /// Programme rows, history and the position go in one statement, so that a batch of
    /// programme events needs one round trip. Rows of other read models follow in the same
    /// transaction, only when the position moved.
    pub async fn write(mut self, pool: PgPool) -> Result<bool, ProjectorError> {
        let models = std::mem::take(&mut self.models);
        if models.is_empty() {
            let mut connection = pool.acquire().await?;
            return self.write_programmes(&mut connection).await;
        }
        let mut tx = pool.begin().await?;
        if !self.write_programmes(&mut tx).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        for statement in models {
            statement.execute(&mut tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn write_programmes(
        &self,
        connection: &mut sqlx::PgConnection,
    ) -> Result<bool, ProjectorError> {
        let schema = &self.schema;
        let (p, h) = (&self.programmes, &self.history);
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
                    timezone, expected_delegation_size, drafted_at, updated_at, last_sequence, state,
                    recorded_attendance)
                SELECT id, version, status, kind, title, title_folded, host_organisation,
                    organisations_folded, partners_folded, start_date, end_date, timezone,
                    expected_delegation_size, drafted_at, updated_at, last_sequence, state::jsonb,
                    recorded_attendance
                FROM UNNEST($15::uuid[], $16::bigint[], $17::text[], $18::text[], $19::text[],
                    $20::text[], $21::text[], $22::text[], $23::text[], $24::date[], $25::date[],
                    $26::text[], $27::int[], $28::timestamptz[], $29::timestamptz[], $30::bigint[],
                    $31::text[], $34::int[])
                    AS t(id, version, status, kind, title, title_folded, host_organisation,
                    organisations_folded, partners_folded, start_date, end_date, timezone,
                    expected_delegation_size, drafted_at, updated_at, last_sequence, state,
                    recorded_attendance)
                WHERE EXISTS (SELECT 1 FROM moved)
                ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status,
                    kind = EXCLUDED.kind, title = EXCLUDED.title, title_folded = EXCLUDED.title_folded,
                    host_organisation = EXCLUDED.host_organisation,
                    organisations_folded = EXCLUDED.organisations_folded,
                    partners_folded = EXCLUDED.partners_folded, start_date = EXCLUDED.start_date,
                    end_date = EXCLUDED.end_date, timezone = EXCLUDED.timezone,
                    expected_delegation_size = EXCLUDED.expected_delegation_size,
                    recorded_attendance = EXCLUDED.recorded_attendance,
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
        .bind(self.generation)
        .bind(self.expected_position)
        .bind(self.new_position)
        .bind(&h.sequence)
        .bind(&h.event_id)
        .bind(&h.programme_id)
        .bind(&h.version)
        .bind(&h.event_type)
        .bind(&h.schema_version)
        .bind(&h.occurred_at)
        .bind(&h.actor)
        .bind(&h.correlation_id)
        .bind(&h.causation_id)
        .bind(&h.data)
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
        .bind(&self.failure_sequence)
        .bind(&self.failure_reason)
        .bind(&p.recorded_attendance)
        .fetch_optional(connection)
        .await?;
        Ok(moved.is_some())
    }
}
