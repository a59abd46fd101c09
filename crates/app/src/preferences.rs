//! A person's choices about reminders.

use domain::reminders::{Delivery, PreferencesCommand, ReminderPreferences, Rule, preferences_id};
use eventstore::{CommandMeta, ExecuteError};

use crate::{Commands, Ran};

impl Commands {
    /// Sets how `email` gets reminders and which they do without.
    pub async fn set_reminder_preferences(
        &self,
        meta: &CommandMeta,
        email: &str,
        expected_version: Option<u64>,
        delivery: Delivery,
        opted_out: Vec<Rule>,
    ) -> Result<Ran<ReminderPreferences>, ExecuteError> {
        let command = PreferencesCommand::Set {
            email: email.to_string(),
            delivery,
            opted_out,
        };
        self.run::<ReminderPreferences>(meta, preferences_id(email), expected_version, &command)
            .await
    }
}
