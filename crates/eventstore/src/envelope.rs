use chrono::{DateTime, Utc};
use domain::{Aggregate, DomainEvent, UpcastError};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// One stored event with everything needed to read it without the code that wrote it.
/// This JSON is what any NATS client sees on the stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// A UUIDv7, also sent as `Nats-Msg-Id` so that a retried publish is stored once.
    pub event_id: Uuid,
    pub aggregate_type: String,
    pub aggregate_id: Uuid,
    /// 1 for the aggregate's first event, then 2, 3, …
    pub aggregate_version: u64,
    pub event_type: String,
    pub schema_version: u32,
    pub occurred_at: DateTime<Utc>,
    /// Who asked: an email address or a service name.
    pub actor: String,
    /// Shared by everything that one request caused, from HTTP to event to email.
    pub correlation_id: String,
    /// The event or request that directly caused this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causation_id: Option<String>,
    pub data: Value,
}

impl Envelope {
    /// Wraps one event of aggregate `A` for the log, with a fresh UUIDv7 as its id.
    pub fn new<A: Aggregate>(id: Uuid, version: u64, event: &A::Event, meta: &CommandMeta) -> Self {
        Envelope {
            event_id: Uuid::now_v7(),
            aggregate_type: A::TYPE.to_string(),
            aggregate_id: id,
            aggregate_version: version,
            event_type: event.event_type().to_string(),
            schema_version: event.schema_version(),
            occurred_at: meta.now,
            actor: meta.actor.clone(),
            correlation_id: meta.correlation_id.clone(),
            causation_id: meta.causation_id.clone(),
            data: event.to_data(),
        }
    }

    /// The event as aggregate `A`'s event type, upcast from its stored version: `None` when
    /// it belongs to another aggregate, an error when this build cannot read it (an
    /// unknown type, a newer version, data that does not fit). Every reader of the stream
    /// decodes through this, so that an upcaster reaches all of them.
    pub fn event_of<A: Aggregate>(&self) -> Option<Result<A::Event, UpcastError>> {
        (self.aggregate_type == A::TYPE).then(|| {
            A::Event::from_stored(&self.event_type, self.schema_version, self.data.clone())
        })
    }
}

/// Who is asking, when, and as part of what, for the envelopes a command produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandMeta {
    pub now: DateTime<Utc>,
    pub actor: String,
    pub correlation_id: String,
    pub causation_id: Option<String>,
}
