//! Read models of aggregates other than programmes. The projector keeps each aggregate's
//! folded state in `aggregates`; a model turns the states a batch changed into rows of
//! its own tables, written in the batch's transaction.

mod agreements;
mod approvals;
mod delegation;
mod directory;
mod fold;
mod follow_ups;
mod preferences;
mod users;

use chrono::{DateTime, Utc};
use domain::Aggregate;
use eventstore::StoredEvent;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::statement::Statement;

pub(crate) use fold::{ModelRunner, StoredState, runners};

/// One aggregate as a batch left it.
pub struct Changed<'a, S> {
    pub id: Uuid,
    pub state: &'a S,
    /// How many events the aggregate has.
    pub version: i64,
    /// When its first event happened.
    pub created_at: DateTime<Utc>,
    /// When its newest event happened.
    pub updated_at: DateTime<Utc>,
    /// This batch's events of the aggregate, oldest first, for models that keep a
    /// timeline.
    pub events: Vec<&'a StoredEvent>,
}

/// A read model fed by the events of one aggregate type.
pub trait AggregateModel: Send + Sync + 'static {
    type State: Aggregate + Serialize + DeserializeOwned;

    /// Statements that make this model's rows, in the generation's `schema`, show the
    /// `changed` aggregates as they now are. They run after the batch's position moved, in
    /// the same transaction, so they must be safe to run for an aggregate seen before
    /// (typically: delete its rows, insert them again).
    fn write(&self, schema: &str, changed: &[Changed<'_, Self::State>]) -> Vec<Statement>;
}

/// Statements that replace the rows of some aggregates in one table: delete those whose
/// `key` column is one of `ids`, then insert `rows`, JSON objects whose fields are the
/// columns declared in `columns` (e.g. `"id uuid, name text"`).
pub fn replace_rows(
    schema: &str,
    table: &str,
    key: &str,
    ids: &[Uuid],
    columns: &str,
    rows: Vec<serde_json::Value>,
) -> Vec<Statement> {
    let names: Vec<&str> = columns
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .collect();
    let mut statements = vec![
        Statement::new(format!(
            "DELETE FROM {schema}.{table} WHERE {key} = ANY($1)"
        ))
        .bind(ids.to_vec()),
    ];
    if !rows.is_empty() {
        statements.push(
            Statement::new(format!(
                "INSERT INTO {schema}.{table} ({names}) SELECT {names}
                 FROM jsonb_to_recordset($1) AS t({columns})",
                names = names.join(", ")
            ))
            .bind(serde_json::Value::Array(rows)),
        );
    }
    statements
}
