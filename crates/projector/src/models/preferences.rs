use domain::reminders::ReminderPreferences;
use serde_json::json;

use super::{AggregateModel, Changed};
use crate::statement::Statement;

/// Each person's reminder choices, by email.
pub(crate) struct PreferencesModel;

impl AggregateModel for PreferencesModel {
    type State = ReminderPreferences;

    fn write(&self, schema: &str, changed: &[Changed<'_, ReminderPreferences>]) -> Vec<Statement> {
        let rows: Vec<_> = changed
            .iter()
            .filter_map(|c| {
                Some(json!({
                    "email": c.state.email.as_ref()?,
                    "delivery": c.state.delivery,
                    "opted_out": c.state.opted_out,
                    "updated_at": c.updated_at,
                }))
            })
            .collect();
        if rows.is_empty() {
            return vec![];
        }
        vec![
            Statement::new(format!(
                "INSERT INTO {schema}.reminder_preferences (email, delivery, opted_out, updated_at)
                 SELECT email, delivery, opted_out, updated_at FROM jsonb_to_recordset($1)
                    AS t(email text, delivery text, opted_out text[], updated_at timestamptz)
                 ON CONFLICT (email) DO UPDATE SET delivery = EXCLUDED.delivery,
                    opted_out = EXCLUDED.opted_out, updated_at = EXCLUDED.updated_at"
            ))
            .bind(serde_json::Value::Array(rows)),
        ]
    }
}
