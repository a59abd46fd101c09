//! The event store of Cầu Nối, on NATS JetStream.
//!
//! One stream holds every event. Each aggregate has its own subject,
//! `<prefix>.<aggregate type>.<id>`, so that its events can be read alone and appended with
//! `Nats-Expected-Last-Subject-Sequence`: of two concurrent writers only one can win.

mod cache;
mod config;
mod envelope;
mod error;
mod execute;
mod load;
mod read_all;
mod store;

pub use config::StoreConfig;
pub use envelope::{CommandMeta, Envelope};
pub use error::{ExecuteError, StoreError};
pub use execute::Outcome;
pub use load::Loaded;
pub use read_all::StoredEvent;
pub use store::EventStore;
