//! PostgreSQL read models of Cầu Nối, projected from the event stream.
//!
//! Each batch of events and the projection's stream position are written in one
//! transaction, so after any crash the projection resumes exactly where its last commit
//! left it, and every event changes the read model exactly once.

pub mod approval_queries;
mod batch;
pub mod delegation_queries;
pub mod directory_queries;
mod error;
mod fold;
pub mod followup_queries;
mod generation;
mod migrate;
pub mod models;
mod park;
mod pool;
mod programme_rows;
pub mod queries;
pub mod read_log_queries;
mod rebuild;
mod runner;
mod signature;
mod statement;
mod upgrade;
pub mod user_queries;
mod watch;
mod write;

pub use error::ProjectorError;
pub use fold::fold;
pub use migrate::migrate;
pub use pool::projection_pool;
pub use rebuild::{RebuildProgress, rebuild};
pub use runner::{Projector, ProjectorConfig};
pub use signature::PROJECTION_CODE;
pub use statement::Statement;
pub use upgrade::{read_models_current, upgrade_read_models};
pub use watch::ProjectionWatch;
