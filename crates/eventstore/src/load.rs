use std::time::Duration;

use async_nats::jetstream::consumer::{DeliverPolicy, pull::OrderedConfig};
use async_nats::jetstream::stream::LastRawMessageErrorKind;
use domain::{Aggregate, DomainEvent};
use futures::StreamExt;
use tracing::{debug, warn};
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

/// How long one read of an aggregate's newest event may go unanswered before it is asked
/// again, and how often.
const READ_WAIT: Duration = Duration::from_secs(2);
const READ_ATTEMPTS: u32 = 4;

/// An aggregate's newest event, as its stream sequence and envelope.
type Newest = Option<(u64, Envelope)>;

impl EventStore {
    /// Reads every event of one aggregate, oldest first.
    pub async fn load_envelopes<A: Aggregate>(
        &self,
        id: Uuid,
    ) -> Result<Vec<(u64, Envelope)>, StoreError> {
        let newest = self.newest::<A>(id).await?;
        self.envelopes_until::<A>(id, newest).await
    }

    /// The newest event of an aggregate, fetched directly: one request, no consumer.
    ///
    /// Any server holding the stream may answer. Just after a server of a cluster is
    /// lost, a request can still be routed to it and go unanswered: it is asked again
    /// after [`READ_WAIT`] rather than after the client's whole request timeout.
    async fn newest<A: Aggregate>(&self, id: Uuid) -> Result<Newest, StoreError> {
        let stream = self.stream().await?;
        let subject = self.subject(A::TYPE, id);
        for attempt in 1..=READ_ATTEMPTS {
            let Ok(answer) =
                tokio::time::timeout(READ_WAIT, stream.get_last_raw_message_by_subject(&subject))
                    .await
            else {
                warn!(attempt, %subject, "a read of the stream went unanswered; asking again");
                continue;
            };
            return match answer {
                Ok(last) => Ok(Some((last.sequence, decode(last.sequence, &last.payload)?))),
                Err(e) if e.kind() == LastRawMessageErrorKind::NoMessageFound => Ok(None),
                Err(e) => Err(StoreError::nats(e)),
            };
        }
        Err(StoreError::Nats(format!(
            "no server answered a read of {subject}"
        )))
    }

    /// Every event of the aggregate, given its newest. For an aggregate that does not exist
    /// yet, or has a single event (every new programme), that is all there is, and no
    /// consumer needs to be made on the server.
    async fn envelopes_until<A: Aggregate>(
        &self,
        id: Uuid,
        newest: Newest,
    ) -> Result<Vec<(u64, Envelope)>, StoreError> {
        match newest {
            None => return Ok(Vec::new()),
            Some((sequence, envelope)) if envelope.aggregate_version == 1 => {
                return Ok(vec![(sequence, envelope)]);
            }
            Some(_) => {}
        }
        let stream = self.stream().await?;
        let consumer = stream
            .create_consumer(OrderedConfig {
                filter_subject: self.subject(A::TYPE, id),
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
        Ok(self
            .newest::<A>(id)
            .await?
            .map_or(0, |(_, envelope)| envelope.aggregate_version))
    }

    /// Folds an aggregate from its events.
    ///
    /// The newest event is fetched first. When the state cache holds the aggregate as of
    /// that very event, nothing was appended since and the cached state is the answer:
    /// reading the whole history needs a consumer made and deleted on the server, and
    /// commands read the person's account, the organisation and the programme each time.
    pub async fn load<A: Aggregate>(&self, id: Uuid) -> Result<Loaded<A>, StoreError> {
        let newest = self.newest::<A>(id).await?;
        if let Some((sequence, _)) = &newest
            && let Some(cached) = self.cache.get::<A>(id)
            && cached.last_sequence == *sequence
        {
            return Ok(cached);
        }
        let mut loaded = Loaded::<A>::new_aggregate();
        for (sequence, envelope) in self.envelopes_until::<A>(id, newest).await? {
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
        if loaded.version > 0 {
            self.cache.put(id, loaded.clone());
        }
        Ok(loaded)
    }
}
