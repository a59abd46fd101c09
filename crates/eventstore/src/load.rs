use async_nats::jetstream::consumer::{DeliverPolicy, pull::OrderedConfig};
use async_nats::jetstream::stream::LastRawMessageErrorKind;
use domain::{Aggregate, DomainEvent};
use futures::StreamExt;
use tracing::debug;
use uuid::Uuid;

use crate::read_all::decode;
use crate::{Envelope, EventStore, StoreError};

/// An aggregate as its events left it.
#[derive(Debug, Clone)]
pub struct Loaded<A> {
    pub state: A,
    /// How many events the aggregate has (0 when it does not exist yet).
    pub version: u64,
    /// The stream sequence of its newest event (0 when none): the expectation for the next
    /// append.
    pub last_sequence: u64,
}

impl<A> Loaded<A> {
    pub fn new_aggregate() -> Self
    where
        A: Default,
    {
        Self {
            state: A::default(),
            version: 0,
            last_sequence: 0,
        }
    }
}

impl EventStore {
    /// Reads every event of one aggregate, oldest first.
    ///
    /// The newest event is fetched first, directly: for an aggregate that does not exist
    /// yet, or has a single event (every new programme), that is all there is, and no
    /// consumer needs to be made on the server.
    pub async fn load_envelopes<A: Aggregate>(
        &self,
        id: Uuid,
    ) -> Result<Vec<(u64, Envelope)>, StoreError> {
        let stream = self.stream().await?;
        let subject = self.subject(A::TYPE, id);
        match stream.get_last_raw_message_by_subject(&subject).await {
            Err(e) if e.kind() == LastRawMessageErrorKind::NoMessageFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::nats(e)),
            Ok(last) => {
                let envelope = decode(last.sequence, &last.payload)?;
                if envelope.aggregate_version == 1 {
                    return Ok(vec![(last.sequence, envelope)]);
                }
            }
        }
        let consumer = stream
            .create_consumer(OrderedConfig {
                filter_subject: subject,
                deliver_policy: DeliverPolicy::All,
                ..Default::default()
            })
            .await
            .map_err(StoreError::nats)?;
        let consumer_name = consumer.cached_info().name.clone();
        let mut remaining = consumer.cached_info().num_pending;
        let mut envelopes = Vec::with_capacity(remaining as usize);
        if remaining == 0 {
            return Ok(envelopes);
        }
        let mut messages = consumer.messages().await.map_err(StoreError::nats)?;
        while remaining > 0 {
            let message = messages
                .next()
                .await
                .ok_or_else(|| StoreError::Nats("event stream ended while loading".into()))?
                .map_err(StoreError::nats)?;
            let info = message.info().map_err(StoreError::nats)?;
            let sequence = info.stream_sequence;
            remaining = info.pending;
            envelopes.push((sequence, decode(sequence, &message.payload)?));
        }
        // The server would drop the consumer after a while anyway; under a stream of
        // commands that would pile up thousands of them.
        drop(messages);
        let name = consumer_name;
        tokio::spawn(async move {
            if let Err(error) = stream.delete_consumer(&name).await {
                debug!(%error, consumer = %name, "could not delete a reading consumer");
            }
        });
        Ok(envelopes)
    }

    /// The version of an aggregate's newest event (0 when it has none), read with one
    /// direct get: enough to tell whether anything happened after a given event.
    pub async fn last_version<A: Aggregate>(&self, id: Uuid) -> Result<u64, StoreError> {
        let stream = self.stream().await?;
        match stream
            .get_last_raw_message_by_subject(&self.subject(A::TYPE, id))
            .await
        {
            Ok(last) => Ok(decode(last.sequence, &last.payload)?.aggregate_version),
            Err(e) if e.kind() == LastRawMessageErrorKind::NoMessageFound => Ok(0),
            Err(e) => Err(StoreError::nats(e)),
        }
    }

    /// Folds an aggregate from its events.
    pub async fn load<A: Aggregate>(&self, id: Uuid) -> Result<Loaded<A>, StoreError> {
        let mut loaded = Loaded::<A>::new_aggregate();
        for (sequence, envelope) in self.load_envelopes::<A>(id).await? {
            let event =
                A::Event::from_stored(&envelope.event_type, envelope.schema_version, envelope.data)
                    .map_err(|e| StoreError::Corrupt {
                        sequence,
                        reason: e.to_string(),
                    })?;
            loaded.state = loaded.state.evolve(&event);
            loaded.version = envelope.aggregate_version;
            loaded.last_sequence = sequence;
        }
        Ok(loaded)
    }
}
