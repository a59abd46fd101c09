use std::time::Duration;

/// Where and how events are kept. The defaults suit a single server; a cluster raises
/// `replicas` to 3 (see the operations guide).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreConfig {
    /// The JetStream stream that holds every event.
    pub stream: String,
    /// Every subject starts with this; an aggregate's subject is `<prefix>.<type>.<id>`.
    pub subject_prefix: String,
    /// How many servers keep a copy of each event (1 for one server, 3 for a cluster).
    pub replicas: usize,
    /// How often a command is decided again after losing a race to another writer.
    pub max_attempts: u32,
    /// How long JetStream remembers event ids to drop a retried publish.
    pub duplicate_window: Duration,
    /// How many aggregates' latest states are kept in memory to skip reads.
    pub cached_aggregates: usize,
}

impl StoreConfig {
    /// The defaults, on another stream and subject prefix (tests, benchmarks, tenants).
    pub fn on_stream(stream: impl Into<String>, subject_prefix: impl Into<String>) -> Self {
        Self {
            stream: stream.into(),
            subject_prefix: subject_prefix.into(),
            ..Self::default()
        }
    }
}

impl Default for StoreConfig {
    fn default() -> Self {
        Self {
            stream: "CAUNOI_EVENTS".into(),
            subject_prefix: "caunoi.events".into(),
            replicas: 1,
            max_attempts: 5,
            duplicate_window: Duration::from_secs(120),
            cached_aggregates: 10_000,
        }
    }
}
