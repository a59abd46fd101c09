//! Events the read models cannot take are set aside ("parked") with the reason, so that
//! one event never stops the projection for everyone.
//!
//! When PostgreSQL refuses a batch for what it holds (a data exception, say a NUL in a
//! text written by an older version), the projector writes the events again one at a
//! time from the last committed position. The one refused alone is parked: the position
//! moves past it and a row in `parked_events` keeps its sequence, aggregate and reason.
//! Later events of the same aggregate are parked behind it, so that its order is kept.
//! `caunoi parked retry` rebuilds the read models, which applies every parked event again
//! in stream order (after a fix, they go in; if not, they are parked again).

use std::collections::HashMap;

use eventstore::StoredEvent;
use sqlx::PgPool;
use tracing::warn;
use uuid::Uuid;

use crate::ProjectorError;
use crate::generation::Generation;
use crate::statement::Statement;

/// What a parked event is known by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parkable {
    pub sequence: i64,
    pub aggregate_type: String,
    pub aggregate_id: Uuid,
    pub event_type: String,
}

impl Parkable {
    pub fn of(event: &StoredEvent) -> Self {
        Self {
            sequence: event.sequence as i64,
            aggregate_type: event.envelope.aggregate_type.clone(),
            aggregate_id: event.envelope.aggregate_id,
            event_type: event.envelope.event_type.clone(),
        }
    }
}

/// The aggregates with a parked event, and the sequence of the first one parked.
pub(crate) type ParkedAggregates = HashMap<(String, Uuid), i64>;

pub(crate) async fn load(
    pool: &PgPool,
    generation: &Generation,
) -> Result<ParkedAggregates, ProjectorError> {
    let rows: Vec<(String, Uuid, i64)> = sqlx::query_as(&format!(
        "SELECT aggregate_type, aggregate_id, min(sequence) FROM {}.parked_events
         GROUP BY aggregate_type, aggregate_id",
        generation.schema
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, id, first)| ((kind, id), first))
        .collect())
}

/// The reason as it is kept: one line of text whatever the error said.
fn plain(reason: &str) -> String {
    reason
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A row of `parked_events`, written with the batch that passes the event by.
pub(crate) fn parked_row(schema: &str, event: &Parkable, reason: &str) -> Statement {
    Statement::new(format!(
        "INSERT INTO {schema}.parked_events (sequence, aggregate_type, aggregate_id, event_type, reason)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING"
    ))
    .bind(event.sequence)
    .bind(event.aggregate_type.clone())
    .bind(event.aggregate_id)
    .bind(event.event_type.clone())
    .bind(plain(reason))
}

/// Parks `event`, the next one after the committed position, and moves the position past
/// it. Returns false, writing nothing, when the position is no longer the one before it
/// (another projector or a rebuild moved on).
pub(crate) async fn park(
    pool: &PgPool,
    generation: &Generation,
    event: &Parkable,
    reason: &str,
) -> Result<bool, ProjectorError> {
    let mut tx = pool.begin().await?;
    let moved: Option<(String,)> = sqlx::query_as(
        "UPDATE caunoi.projections SET position = $3, updated_at = now()
         WHERE generation = $1 AND position = $2 AND status <> 'retired'
         RETURNING status",
    )
    .bind(generation.generation)
    .bind(event.sequence - 1)
    .bind(event.sequence)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((status,)) = moved else {
        tx.rollback().await?;
        return Ok(false);
    };
    parked_row(&generation.schema, event, reason)
        .execute(&mut tx)
        .await?;
    if status == "active" {
        sqlx::query("SELECT pg_notify('caunoi_projection', $1::text)")
            .bind(event.sequence)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    metrics::counter!("caunoi_parked_events_total").increment(1);
    warn!(
        sequence = event.sequence,
        aggregate_type = %event.aggregate_type,
        aggregate_id = %event.aggregate_id,
        event_type = %event.event_type,
        reason,
        "event parked: the read models cannot take it; they go on with the others"
    );
    Ok(true)
}
