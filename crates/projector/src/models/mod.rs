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
mod reads;
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

/// A read-model table as a model writes it: its name, the column that names the
/// aggregate a row belongs to, and its columns with their types (`"id uuid, name text"`),
/// the one list the rows' fields and the insert follow. `tests/projector/columns.rs`
/// checks each list against the table the migrations make.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub key: &'static str,
    pub columns: &'static str,
}

impl Table {
    /// The columns' names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.columns
            .split(',')
            .filter_map(|c| c.split_whitespace().next())
            .collect()
    }

    /// Each column's name and declared type.
    pub fn typed(&self) -> Vec<(&'static str, String)> {
        self.columns
            .split(',')
            .filter_map(|c| {
                let mut words = c.split_whitespace();
                Some((words.next()?, words.collect::<Vec<_>>().join(" ")))
            })
            .collect()
    }
}

/// Every table the aggregate models write through [`replace_rows`].
pub const TABLES: &[&Table] = &[
    &agreements::AGREEMENTS,
    &agreements::AGREEMENT_REVIEWS,
    &approvals::APPROVAL_ROUNDS,
    &approvals::APPROVAL_SEATS,
    &delegation::DELEGATIONS,
    &delegation::TRAVEL_LEGS,
    &delegation::ITINERARY_ITEMS,
    &delegation::GIFTS,
    &delegation::CHECKLIST_ITEMS,
    &directory::ORGANISATIONS,
    &directory::COMMITTEES,
    &directory::COMMITTEE_MEMBERS,
    &directory::APPROVAL_ROUTES,
    &follow_ups::FOLLOW_UP_REPORTS,
    &follow_ups::ACTION_ITEMS,
    &users::USER_ROLES,
];

/// A batch's rows for one table, serialised as they are pushed: a batch can change a
/// thousand approval rounds, and holding all their rows as JSON trees at once took
/// hundreds of megabytes.
pub struct Rows {
    table: &'static Table,
    /// A JSON array of objects whose fields are exactly the table's columns.
    json: String,
    count: usize,
}

impl Rows {
    pub fn new(table: &'static Table) -> Self {
        Self {
            table,
            json: String::from("["),
            count: 0,
        }
    }

    pub fn push(&mut self, row: serde_json::Value) {
        if cfg!(debug_assertions) {
            let names = self.table.names();
            let fields: Vec<&str> = row
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            // A field the list lacks would be dropped, and a column the row lacks left
            // empty, without a word: a programming error, caught by any test that projects.
            assert!(
                fields.len() == names.len() && names.iter().all(|n| fields.contains(n)),
                "the rows of {} hold {fields:?}, its columns are {names:?}",
                self.table.name
            );
        }
        if self.count > 0 {
            self.json.push(',');
        }
        self.json.push_str(&row.to_string());
        self.count += 1;
    }
}

impl Extend<serde_json::Value> for Rows {
    fn extend<I: IntoIterator<Item = serde_json::Value>>(&mut self, rows: I) {
        rows.into_iter().for_each(|row| self.push(row));
    }
}

/// Statements that replace the rows of some aggregates in one table: delete those whose
/// key is one of `ids`, then insert `rows`.
pub fn replace_rows(schema: &str, ids: &[Uuid], rows: Rows) -> Vec<Statement> {
    let table = rows.table;
    let names = table.names();
    let mut statements = vec![
        Statement::new(format!(
            "DELETE FROM {schema}.{} WHERE {} = ANY($1)",
            table.name, table.key
        ))
        .bind(ids.to_vec()),
    ];
    if rows.count > 0 {
        let mut json = rows.json;
        json.push(']');
        statements.push(
            Statement::new(format!(
                "INSERT INTO {schema}.{table} ({names}) SELECT {names}
                 FROM jsonb_to_recordset($1::text::jsonb) AS t({columns})",
                table = table.name,
                names = names.join(", "),
                columns = table.columns,
            ))
            .bind(json),
        );
    }
    statements
}
