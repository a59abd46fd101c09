//! Throwaway NATS and PostgreSQL servers for integration tests, shared by the
//! tests of one test binary, with a database and stream name per test.
//!
//! `NATS_URL` / `DATABASE_URL` select existing servers instead.

mod database_url;
mod env;
mod own_nats;
mod own_servers;
pub mod people;
mod scenario;
mod servers;
mod smtp;
mod watchdog;

pub use env::TestEnv;
pub use own_nats::TestNats;
pub use own_servers::{TestNatsCluster, TestPostgres};
pub use scenario::{scenario_clock, scenario_now};
pub use servers::{Servers, shared_servers};
pub use smtp::{MailAddress, ReceivedMail, SmtpServer};
