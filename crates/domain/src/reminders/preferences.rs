use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::rule::Rule;
use crate::error::{DomainError, FieldError, Problem};
use crate::{Aggregate, CommandContext, TaggedEvent};

/// How a person gets their reminders.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// One email per run listing everything due for them.
    #[default]
    Digest,
    /// One email per reminder.
    Single,
}

/// One person's choices about reminders, keyed by their email address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReminderPreferences {
    pub email: Option<String>,
    pub delivery: Delivery,
    pub opted_out: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PreferencesCommand {
    Set {
        email: String,
        delivery: Delivery,
        opted_out: Vec<Rule>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
pub enum PreferencesEvent {
    #[serde(rename = "ReminderPreferencesSet")]
    Set {
        email: String,
        delivery: Delivery,
        opted_out: Vec<Rule>,
    },
}

impl TaggedEvent for PreferencesEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        "ReminderPreferencesSet"
    }
}

/// Fixed namespace of preference ids (a random UUID, chosen once).
const NAMESPACE: Uuid = Uuid::from_u128(0x8d2e_51c4_7a09_4e6b_b3f1_09c7_2d64_a5e8);

/// The id of a person's preferences: derived from their address, in lower case.
pub fn preferences_id(email: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, email.trim().to_lowercase().as_bytes())
}

impl Aggregate for ReminderPreferences {
    const TYPE: &'static str = "reminder_preferences";
    const ENTITY: crate::Entity = crate::Entity::User;
    type Command = PreferencesCommand;
    type Event = PreferencesEvent;

    fn decide(
        &self,
        command: &PreferencesCommand,
        _context: &CommandContext,
    ) -> Result<Vec<PreferencesEvent>, DomainError> {
        let PreferencesCommand::Set {
            email,
            delivery,
            opted_out,
        } = command;
        let email = email.trim().to_lowercase();
        let mut problems = Vec::new();
        if !email_address::EmailAddress::is_valid(&email) {
            problems.push(FieldError::new("email", Problem::InvalidEmail));
        }
        for (index, rule) in opted_out.iter().enumerate() {
            if !rule.can_opt_out() {
                problems.push(FieldError::new(
                    format!("opted_out[{index}]"),
                    Problem::CannotOptOut,
                ));
            }
        }
        if !problems.is_empty() {
            return Err(DomainError::Invalid(problems));
        }
        let mut opted_out = opted_out.clone();
        opted_out.sort();
        opted_out.dedup();
        let unchanged = self.email.as_deref() == Some(email.as_str())
            && self.delivery == *delivery
            && self.opted_out == opted_out;
        if unchanged {
            return Ok(vec![]);
        }
        Ok(vec![PreferencesEvent::Set {
            email,
            delivery: *delivery,
            opted_out,
        }])
    }

    fn evolve(self, event: &PreferencesEvent) -> Self {
        let PreferencesEvent::Set {
            email,
            delivery,
            opted_out,
        } = event;
        ReminderPreferences {
            email: Some(email.clone()),
            delivery: *delivery,
            opted_out: opted_out.clone(),
        }
    }
}
