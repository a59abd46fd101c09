//! The pure business rules of Cầu Nối.
//!
//! Every aggregate is a pair of functions: `decide(state, command)` turns a request into
//! events or a [`DomainError`], and `evolve(state, event)` folds an event into the state.
//! Nothing here performs I/O: the current time, the actor and every new id arrive with the
//! command, so the same inputs always give the same outputs.

pub mod access;
mod aggregate;
pub mod agreement;
pub mod approval;
pub mod delegation;
pub mod directory;
mod error;
pub mod followup;
pub mod i18n;
pub mod input;
pub mod labels;
pub mod privacy;
pub mod programme;
pub mod reminders;
mod text;
pub mod values;

pub use aggregate::{Aggregate, CommandContext, DomainEvent, TaggedEvent, UpcastError};
pub use error::{DomainError, Entity, EntityState, FieldError, LinkProblem, Problem};
pub use i18n::Lang;
