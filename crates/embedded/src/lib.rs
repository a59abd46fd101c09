//! Runs a local nats-server and PostgreSQL as child processes, for `caunoi up`
//! without external servers and for tests.

mod error;
mod initdb;
mod nats;
mod nats_cluster;
mod nats_probe;
mod pg_admin;
mod ports;
mod postgres;
mod process;
mod programs;
mod run_as;

pub use error::EmbeddedError;
pub use nats::{NatsOptions, NatsProcess, nats_pid_file};
pub use nats_cluster::NatsCluster;
pub use ports::{free_port, port_is_free};
pub use postgres::{PostgresOptions, PostgresProcess, postgres_pid_file};
pub use programs::find_program;
