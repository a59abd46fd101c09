//! Runs a local nats-server and PostgreSQL as child processes, for `caunoi up`
//! without external servers and for tests.

mod error;
mod initdb;
mod nats;
mod nats_cluster;
mod nats_probe;
mod nats_version;
mod password;
mod pg_admin;
mod pg_password;
mod ports;
mod postgres;
mod process;
mod programs;
mod run_as;
mod running;

pub use error::EmbeddedError;
pub use nats::{NATS_USER, NatsOptions, NatsProcess, nats_pid_file, nats_url};
pub use nats_cluster::NatsCluster;
pub use ports::{free_port, port_is_free};
pub use postgres::{
    POSTGRES_USER, PostgresOptions, PostgresProcess, postgres_pid_file, postgres_url,
};
pub use programs::find_program;
pub use running::is_running;
