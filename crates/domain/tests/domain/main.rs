//! Given/when/then tests and property tests of the domain: one test binary, a module per
//! aggregate.

mod access;
mod agreement;
mod approval;
mod delegation;
mod directory;
mod event_fixtures;
mod fixtures;
mod followup;
mod followup_accounts;
mod harness;
mod history;
mod lifecycle;
mod privacy;
mod programme;
mod reminders;
