//! The reminder scheduler against real NATS, PostgreSQL and SMTP, with the approval
//! process, projector and mailer running, and a clock the tests set.

mod approvals;
mod followups;
mod languages;
mod tasks;
mod world;
