use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::DomainError;

/// What every command carries besides its own fields. Time comes in from outside so that
/// `decide` stays deterministic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandContext {
    pub now: DateTime<Utc>,
    pub actor: String,
}

/// An event-sourced aggregate: its state is the left fold of its events with `evolve`.
pub trait Aggregate: Default + Clone + Send + Sync + 'static {
    /// The name used in event envelopes and NATS subjects, e.g. `programme`.
    const TYPE: &'static str;
    /// What people call it, for messages such as "someone else changed this …".
    const ENTITY: crate::Entity;
    type Command: Send + Sync;
    type Event: DomainEvent + Clone + Send + Sync;
    /// Whether every event of a command after its first follows from the state the first
    /// left (the aggregate can settle itself). Then a writer that got in between a
    /// command's events has not undone it: the command happened with its first event, and
    /// the rest is worked out again by whoever settles the aggregate.
    const FOLLOW_UPS_ARE_DERIVED: bool = false;

    fn decide(
        &self,
        command: &Self::Command,
        context: &CommandContext,
    ) -> Result<Vec<Self::Event>, DomainError>;

    fn evolve(self, event: &Self::Event) -> Self;

    /// `decide`, then the rules every text and date must keep whatever the field (see
    /// [`crate::input`]). Every writer decides through this one.
    fn decide_checked(
        &self,
        command: &Self::Command,
        context: &CommandContext,
    ) -> Result<Vec<Self::Event>, DomainError> {
        let events = self.decide(command, context)?;
        let mut problems: Vec<_> = events
            .iter()
            .flat_map(|event| crate::input::check_values(&event.to_data()))
            .collect();
        if problems.is_empty() {
            return Ok(events);
        }
        problems.dedup();
        Err(DomainError::Invalid(problems))
    }

    /// A command's name for metrics and logs, e.g. `submit`.
    fn command_name(_command: &Self::Command) -> &'static str {
        "command"
    }
}

/// How an event is written to and read back from the log. Reading goes through
/// `from_stored`, which upcasts older schema versions so that old events always load.
pub trait DomainEvent: Sized {
    fn event_type(&self) -> &'static str;
    fn schema_version(&self) -> u32;
    fn to_data(&self) -> Value;
    fn from_stored(event_type: &str, schema_version: u32, data: Value)
    -> Result<Self, UpcastError>;
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UpcastError {
    #[error(
        "event {event_type} has schema version {found}, newer than the {supported} this build reads"
    )]
    FromTheFuture {
        event_type: String,
        found: u32,
        supported: u32,
    },
    #[error("event {event_type} v{schema_version} does not match its schema: {reason}")]
    Malformed {
        event_type: String,
        schema_version: u32,
        reason: String,
    },
}

/// An event enum that serde writes as `{"type": …, "data": …}`, with each variant renamed
/// to its event type. Its stored form keeps only the data: the type travels in the
/// envelope. This is the one way every aggregate's events are written and read back.
pub trait TaggedEvent: serde::Serialize + DeserializeOwned {
    /// The schema version this build writes for every event of the enum.
    const CURRENT_VERSION: u32;
    fn tag(&self) -> &'static str;

    /// Rewrites the data of an event stored at an older schema version into the current
    /// shape, before it is parsed. By default nothing is rewritten; an event enum whose
    /// shape changed overrides it (the follow-up report's version 2 does), and its old
    /// fixtures under `tests/fixtures/events` keep loading.
    fn upcast(_event_type: &str, _schema_version: u32, data: Value) -> Result<Value, UpcastError> {
        Ok(data)
    }
}

impl<T: TaggedEvent> DomainEvent for T {
    fn event_type(&self) -> &'static str {
        self.tag()
    }

    fn schema_version(&self) -> u32 {
        T::CURRENT_VERSION
    }

    fn to_data(&self) -> Value {
        let mut tagged =
            serde_json::to_value(self).expect("events are plain data and always serialise");
        tagged["data"].take()
    }

    fn from_stored(
        event_type: &str,
        schema_version: u32,
        data: Value,
    ) -> Result<Self, UpcastError> {
        if schema_version > T::CURRENT_VERSION {
            return Err(UpcastError::FromTheFuture {
                event_type: event_type.to_string(),
                found: schema_version,
                supported: T::CURRENT_VERSION,
            });
        }
        let data = if schema_version < T::CURRENT_VERSION {
            T::upcast(event_type, schema_version, data)?
        } else {
            data
        };
        let tagged = serde_json::json!({ "type": event_type, "data": data });
        // An event type this build does not know is refused here too, with serde's
        // "unknown variant" naming the types it does know.
        serde_json::from_value(tagged).map_err(|e| UpcastError::Malformed {
            event_type: event_type.to_string(),
            schema_version,
            reason: e.to_string(),
        })
    }
}
