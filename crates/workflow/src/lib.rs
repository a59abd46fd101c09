//! Cầu Nối's process managers. Each follows the event stream through a [`Subscription`]
//! and turns some events into commands on other aggregates; the rules about what to do
//! stay in the domain.

pub mod approvals;
pub mod links;
mod subscription;

pub use subscription::{Handler, HandlerError, Subscription, refused_for_what_it_holds};
