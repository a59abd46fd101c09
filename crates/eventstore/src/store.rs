use async_nats::jetstream::{self, stream};
use uuid::Uuid;

use crate::cache::StateCache;
use crate::{StoreConfig, StoreError};

/// A handle on the event stream. Cheap to clone; clones share one NATS connection.
#[derive(Clone)]
pub struct EventStore {
    pub(crate) jetstream: jetstream::Context,
    pub(crate) config: StoreConfig,
    pub(crate) cache: StateCache,
}

/// Events are never erased: deletes and purges are refused by the stream itself, and there
/// are no age or size limits.
fn stream_config(config: &StoreConfig) -> stream::Config {
    stream::Config {
        name: config.stream.clone(),
        description: Some("Cầu Nối domain events".into()),
        subjects: vec![format!("{}.>", config.subject_prefix)],
        storage: stream::StorageType::File,
        retention: stream::RetentionPolicy::Limits,
        num_replicas: config.replicas,
        duplicate_window: config.duplicate_window,
        deny_delete: true,
        deny_purge: true,
        allow_direct: true,
        ..Default::default()
    }
}

impl EventStore {
    /// Connects to the stream, creating it on first use. An existing stream keeps its
    /// settings; a mismatch in the ones that matter for safety is an error.
    pub async fn open(client: async_nats::Client, config: StoreConfig) -> Result<Self, StoreError> {
        let jetstream = jetstream::new(client);
        let wanted = stream_config(&config);
        let mut existing = jetstream
            .get_or_create_stream(wanted.clone())
            .await
            .map_err(StoreError::nats)?;
        let info = existing.info().await.map_err(StoreError::nats)?;
        if info.config.subjects != wanted.subjects {
            return Err(StoreError::StreamMismatch {
                stream: config.stream.clone(),
                detail: format!(
                    "subjects are {:?}, expected {:?}",
                    info.config.subjects, wanted.subjects
                ),
            });
        }
        if info.config.num_replicas != wanted.num_replicas {
            // An operator may change the replicas of a live stream (`nats stream edit
            // --replicas`); this start does not, so it only says so.
            tracing::warn!(
                stream = %config.stream,
                replicas = info.config.num_replicas,
                configured = wanted.num_replicas,
                "the event stream keeps another number of copies than configured"
            );
        }
        let cache = StateCache::new(config.cached_aggregates);
        Ok(Self {
            jetstream,
            config,
            cache,
        })
    }

    pub fn config(&self) -> &StoreConfig {
        &self.config
    }

    /// The subject that holds one aggregate's events.
    pub fn subject(&self, aggregate_type: &str, id: Uuid) -> String {
        format!("{}.{}.{}", self.config.subject_prefix, aggregate_type, id)
    }

    pub(crate) async fn stream(&self) -> Result<stream::Stream, StoreError> {
        self.jetstream
            .get_stream(&self.config.stream)
            .await
            .map_err(StoreError::nats)
    }

    /// When the event at `sequence` happened, if there is one there: how long a reader
    /// that has not reached it has kept people waiting.
    pub async fn occurred_at(
        &self,
        sequence: u64,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
        let stream = self.stream().await?;
        match stream.get_raw_message(sequence).await {
            Ok(message) => Ok(Some(
                crate::read_all::decode(sequence, &message.payload)?.occurred_at,
            )),
            Err(e)
                if e.kind()
                    == async_nats::jetstream::stream::RawMessageErrorKind::NoMessageFound =>
            {
                Ok(None)
            }
            Err(e) => Err(StoreError::nats(e)),
        }
    }

    /// The sequence of the newest event in the stream (0 when empty): how far a projection
    /// must get to be caught up.
    pub async fn last_sequence(&self) -> Result<u64, StoreError> {
        let stream = self.stream().await?;
        let info = stream.get_info().await.map_err(StoreError::nats)?;
        Ok(info.state.last_sequence)
    }
}
