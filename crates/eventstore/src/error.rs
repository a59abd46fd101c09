use domain::DomainError;

/// Infrastructure failures: NATS unreachable, a stream misconfigured, a stored event that
/// cannot be read. Never a business rejection.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("NATS request failed: {0}")]
    Nats(String),
    #[error("stored event at sequence {sequence} cannot be read: {reason}")]
    Corrupt { sequence: u64, reason: String },
    #[error("the event stream {stream} is configured differently: {detail}")]
    StreamMismatch { stream: String, detail: String },
}

impl StoreError {
    pub(crate) fn nats(error: impl std::fmt::Display) -> Self {
        StoreError::Nats(error.to_string())
    }
}

/// Why a command did not produce events.
#[derive(Debug, thiserror::Error)]
pub enum ExecuteError {
    #[error(transparent)]
    Rejected(#[from] DomainError),
    /// The client edited version `expected`, but the aggregate is now at `actual`.
    #[error("the {} changed: you edited version {expected}, it is now at version {actual}", entity.label(domain::Lang::En))]
    VersionConflict {
        entity: domain::Entity,
        expected: u64,
        actual: u64,
    },
    /// Other writers kept winning the race; the caller may try again.
    #[error("too many concurrent changes; try again")]
    Contention,
    #[error(transparent)]
    Store(#[from] StoreError),
}
