use async_nats::jetstream::consumer::{DeliverPolicy, pull::OrderedConfig};
use futures::{Stream, TryStreamExt};

use crate::{Envelope, EventStore, StoreError};

/// An event as read back from the stream, with its position in it.
#[derive(Debug, Clone)]
pub struct StoredEvent {
    pub sequence: u64,
    /// How many more events the server already holds for this reader: a reader can keep
    /// filling a batch while this is above zero, and write at once when it is zero.
    pub pending: u64,
    pub envelope: Envelope,
}

/// Reads a stored envelope. NUL characters, which no text of this service may hold and
/// PostgreSQL cannot keep, are taken out of its text on read (an older version may have
/// stored them), so that such an event still loads everywhere; nothing else is changed.
pub(crate) fn decode(sequence: u64, payload: &[u8]) -> Result<Envelope, StoreError> {
    let mut envelope: Envelope =
        serde_json::from_slice(payload).map_err(|e| StoreError::Corrupt {
            sequence,
            reason: e.to_string(),
        })?;
    // JSON can only carry a NUL escaped, so payloads without the escape (all but a rare
    // old event) skip the walk: replays read every event through here.
    let may_hold_nul = memchr::memmem::find(payload, br"\u0000").is_some();
    if may_hold_nul && domain::input::strip_nul(&mut envelope.data) {
        tracing::warn!(
            sequence,
            "a stored event held NUL characters; they were left out on read"
        );
    }
    Ok(envelope)
}

impl EventStore {
    /// Every event from `from_sequence` on, in stream order, then new ones as they arrive.
    /// A message that is not a valid envelope comes out as an `Err` with its sequence, so a
    /// reader can record it and go on.
    pub async fn read_all(
        &self,
        from_sequence: u64,
    ) -> Result<
        impl Stream<Item = Result<Result<StoredEvent, StoreError>, StoreError>> + use<>,
        StoreError,
    > {
        let stream = self.stream().await?;
        let consumer = stream
            .create_consumer(OrderedConfig {
                filter_subject: format!("{}.>", self.config.subject_prefix),
                deliver_policy: DeliverPolicy::ByStartSequence {
                    start_sequence: from_sequence.max(1),
                },
                ..Default::default()
            })
            .await
            .map_err(StoreError::nats)?;
        let messages = consumer.messages().await.map_err(StoreError::nats)?;
        Ok(messages
            .map_err(StoreError::nats)
            .and_then(|message| async move {
                let info = message.info().map_err(StoreError::nats)?;
                let (sequence, pending) = (info.stream_sequence, info.pending);
                Ok(
                    decode(sequence, &message.payload).map(|envelope| StoredEvent {
                        sequence,
                        pending,
                        envelope,
                    }),
                )
            }))
    }
}
