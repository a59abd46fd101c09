//! `caunoi`: the one binary that runs every Cầu Nối service, alone or all together.

mod infra;
mod serve;
mod settings;
mod shutdown;
mod telemetry;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tracing::info;

use crate::infra::Infrastructure;
use crate::serve::Service;
use crate::settings::Settings;

#[derive(Parser)]
#[command(
    name = "caunoi",
    version,
    about = "Cầu Nối: planning cross-border exchange programmes"
)]
struct Cli {
    /// A TOML file of settings; the environment overrides it.
    #[arg(long, global = true, env = "CAUNOI_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every service in one process. Without NATS_URL and DATABASE_URL, starts its own
    /// NATS and PostgreSQL under the data folder and stops them on exit.
    Up,
    /// Run only the named services, e.g. `caunoi serve api` on one host and
    /// `caunoi serve projector` on another.
    Serve {
        #[arg(required = true, value_enum)]
        services: Vec<Service>,
    },
    /// Apply the database migrations and exit.
    Migrate,
    /// Replay every event into fresh read models, then switch reads over to them.
    Rebuild,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load(cli.config.as_deref()).context("reading settings")?;
    telemetry::init(&settings);
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(run(cli.command, settings))
}

async fn run(command: Command, settings: Settings) -> Result<()> {
    let shutdown = shutdown::on_signal();
    let infra = Infrastructure::start(&settings).await?;
    let result = match command {
        Command::Up => {
            serve::run(
                &settings,
                &infra,
                &[Service::Api, Service::Projector],
                shutdown,
            )
            .await
        }
        Command::Serve { services } => serve::run(&settings, &infra, &services, shutdown).await,
        Command::Migrate => projector::migrate(&infra.pool)
            .await
            .context("applying migrations")
            .map(|()| info!("migrations applied")),
        Command::Rebuild => rebuild(&infra).await,
    };
    let stopped = infra.stop().await;
    result.and(stopped)
}

async fn rebuild(infra: &Infrastructure) -> Result<()> {
    projector::migrate(&infra.pool)
        .await
        .context("applying migrations")?;
    let mut last_report = std::time::Instant::now();
    let generation = projector::rebuild(&infra.projection_pool, &infra.store, |p| {
        if last_report.elapsed().as_secs() >= 1 || p.position >= p.target {
            last_report = std::time::Instant::now();
            let percent = if p.target > 0 {
                100.0 * p.position as f64 / p.target as f64
            } else {
                100.0
            };
            eprintln!(
                "rebuild: {}/{} events ({percent:.0}%), {:.0} events/s",
                p.position, p.target, p.events_per_second
            );
        }
    })
    .await?;
    info!(
        generation,
        "rebuild finished; reads now use the new read models"
    );
    Ok(())
}
