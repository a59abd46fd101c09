use domain::privacy::{ReadEvent, ReadLog};
use serde_json::json;

use super::{AggregateModel, Changed};
use crate::statement::Statement;

/// One row per read of members' personal data: who, when, which delegation, how. Rows are
/// only ever added, in the batch's transaction, so each read is written once.
pub(crate) struct ReadLogModel;

impl AggregateModel for ReadLogModel {
    type State = ReadLog;

    fn write(&self, schema: &str, changed: &[Changed<'_, ReadLog>]) -> Vec<Statement> {
        let mut rows = Vec::new();
        for change in changed {
            for stored in &change.events {
                let e = &stored.envelope;
                // An event this build cannot read is left to the folding, which parks it.
                let Some(Ok(ReadEvent::Read {
                    delegation_id,
                    view,
                })) = e.event_of::<ReadLog>()
                else {
                    continue;
                };
                rows.push(json!({
                    "sequence": stored.sequence,
                    "delegation_id": delegation_id,
                    "reader": e.actor,
                    "view": view.as_str(),
                    "read_at": e.occurred_at,
                    "correlation_id": e.correlation_id,
                }));
            }
        }
        if rows.is_empty() {
            return vec![];
        }
        vec![
            Statement::new(format!(
                "INSERT INTO {schema}.personal_data_reads
                 SELECT * FROM jsonb_to_recordset($1) AS t(sequence bigint, delegation_id uuid,
                    reader text, view text, read_at timestamptz, correlation_id text)"
            ))
            .bind(serde_json::Value::Array(rows)),
        ]
    }
}
