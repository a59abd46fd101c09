//! Given/when/then tests and property tests of the domain: one test binary, a module per
//! aggregate.

mod access;
mod agreement;
mod approval;
mod delegation;
mod directory;
mod fixtures;
mod followup;
mod lifecycle;
mod programme;
mod reminders;
