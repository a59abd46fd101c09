//! `caunoi`: the one binary that runs every Cầu Nối service, alone or all together.

mod api_token;
mod grant_role;
mod import;
mod infra;
mod mail;
mod nats_servers;
mod parked;
mod prometheus;
mod reminder_commands;
mod secrets;
mod serve;
mod settings;
mod shutdown;
mod telemetry;

use std::path::PathBuf;
use std::process::ExitCode;

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
    /// Reminders: see what a run would send, or run one now.
    Reminders {
        #[command(subcommand)]
        command: RemindersCommand,
    },
    /// Wrap every person's data key again under the current personal-data master key
    /// (`personal_data_key`), reading old ones with `personal_data_previous_keys`.
    RewrapPersonalDataKeys,
    /// Import organisations, committees, members, substitutes and approval routes from a
    /// YAML or CSV file; nothing is appended unless the whole file is right (exit code 2
    /// when it is not). See docs/import.md.
    Import(import::ImportArgs),
    /// Record past programmes (a CSV, XLSX or YAML file) as history: closed at once, with
    /// no approval, report or reminder; nothing is appended unless the whole file is right
    /// (exit code 2 when it is not), and importing it again changes nothing. See
    /// docs/import.md.
    ImportHistory(import::history::ImportHistoryArgs),
    /// Load the stories of the articles Cầu Nối was built from (the example directory,
    /// Lạng Sơn's delegations since 2017, the Lào Cai – Hà Khẩu MOU and its review) into
    /// the event store, so that a new installation has something to show. Running it
    /// again changes nothing. See README, "Demo data".
    Demo,
    /// Give a person a role in an organisation, e.g. the first administrator:
    /// `caunoi grant-role --email a@b.vn --name "Nguyễn Văn A" --organisation <id>
    /// --role administrator`. Prints a one-time sign-in link for them; later they sign
    /// in at /sign-in.
    GrantRole(grant_role::RoleArgs),
    /// Take a role away again.
    RevokeRole(grant_role::RoleArgs),
    /// API tokens for scripts and other machine clients (`Authorization: Bearer …`).
    ApiToken {
        #[command(subcommand)]
        command: api_token::ApiTokenCommand,
    },
    /// Print NATS_URL and DATABASE_URL of this data folder's embedded servers, passwords
    /// included, as shell exports: `eval "$(caunoi embedded-urls)"`, then psql or the nats
    /// CLI. Starts nothing; the passwords are those under `<data folder>/secrets/`.
    EmbeddedUrls,
    /// Events the read models set aside because they cannot take them.
    Parked {
        #[command(subcommand)]
        command: parked::ParkedCommand,
    },
}

#[derive(Subcommand)]
enum RemindersCommand {
    /// Shows what a run at the given time would send, to whom, without sending.
    Preview {
        /// `2027-03-09 08:00` (in the reminders' timezone) or RFC 3339; default: now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Runs the reminders of the given time now: claims and queues them (the mailer
    /// sends them). Reminders already sent are not sent again.
    Run {
        #[arg(long)]
        at: Option<String>,
    },
}

fn main() -> Result<ExitCode> {
    let cli = Cli::parse();
    let settings = Settings::load(cli.config.as_deref()).context("reading settings")?;
    let telemetry = telemetry::init(&settings)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let result = runtime.block_on(run(cli.command, settings));
    telemetry.shutdown();
    result
}

async fn run(command: Command, settings: Settings) -> Result<ExitCode> {
    // The file is read and checked before any server is started or reached.
    if let Command::Import(args) = &command {
        return import::run(&settings, args).await;
    }
    if let Command::ImportHistory(args) = &command {
        return import::history::run(&settings, args).await;
    }
    if let Command::Demo = &command {
        return import::demo::run(&settings).await;
    }
    if let Command::EmbeddedUrls = &command {
        return infra::print_embedded_urls(&settings).map(|()| ExitCode::SUCCESS);
    }
    let shutdown = shutdown::on_signal();
    let infra = Infrastructure::start(&settings).await?;
    let result = match command {
        Command::Up => serve::run(&settings, &infra, &Service::ALL, shutdown).await,
        Command::Serve { services } => serve::run(&settings, &infra, &services, shutdown).await,
        Command::Migrate => migrate(&infra)
            .await
            .map(|()| info!("migrations applied; read models are current")),
        Command::Rebuild => rebuild(&infra).await,
        Command::Reminders { command } => run_reminders(command, &settings, &infra).await,
        Command::RewrapPersonalDataKeys => rewrap(&settings, &infra).await,
        Command::Import(_) | Command::ImportHistory(_) | Command::Demo | Command::EmbeddedUrls => {
            unreachable!("these run without servers, above")
        }
        Command::GrantRole(args) => grant_role::run(&settings, &infra, args, true).await,
        Command::RevokeRole(args) => grant_role::run(&settings, &infra, args, false).await,
        Command::ApiToken { command } => api_token::run(command, &infra).await,
        Command::Parked { command } => parked::run(command, &infra).await,
    };
    let stopped = infra.stop().await;
    result.and(stopped).map(|()| ExitCode::SUCCESS)
}

/// Applies the migrations, then rebuilds the read models if the migrations changed their
/// tables, so that a new version never serves from tables it does not know.
pub(crate) async fn migrate(infra: &Infrastructure) -> Result<()> {
    projector::migrate(&infra.pool)
        .await
        .context("applying migrations")?;
    projector::upgrade_read_models(&infra.projection_pool, &infra.store, rebuild_progress())
        .await
        .context("rebuilding the read models for this version")?;
    Ok(())
}

/// Reports a rebuild's progress about once a second, so that a long replay is never
/// silent.
fn rebuild_progress() -> impl FnMut(projector::RebuildProgress) {
    let mut last_report = std::time::Instant::now();
    move |p| {
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
    }
}

async fn run_reminders(
    command: RemindersCommand,
    settings: &Settings,
    infra: &Infrastructure,
) -> Result<()> {
    migrate(infra).await?;
    let secret = secrets::link_secret(settings)?;
    let scheduler = reminder_commands::scheduler(settings, infra, &secret)?;
    let at = |given: Option<String>| match given {
        Some(text) => reminder_commands::parse_time(&text, settings),
        None => Ok(chrono::Utc::now()),
    };
    match command {
        RemindersCommand::Preview { at: given } => {
            let preview = scheduler.preview(at(given)?).await?;
            reminder_commands::print_preview(&preview, settings)
        }
        RemindersCommand::Run { at: given } => {
            let at = at(given)?;
            let report = scheduler.run(at, at).await?;
            println!(
                "{} nhắc việc đến hạn, {} được gửi trong {} thư ({} nhắc muộn)",
                report.planned, report.claimed, report.emails, report.late
            );
            Ok(())
        }
    }
}

pub(crate) async fn rebuild(infra: &Infrastructure) -> Result<()> {
    projector::migrate(&infra.pool)
        .await
        .context("applying migrations")?;
    let generation =
        projector::rebuild(&infra.projection_pool, &infra.store, rebuild_progress()).await?;
    info!(
        generation,
        "rebuild finished; reads now use the new read models"
    );
    Ok(())
}

async fn rewrap(settings: &Settings, infra: &Infrastructure) -> Result<()> {
    projector::migrate(&infra.pool)
        .await
        .context("applying migrations")?;
    let vault = infra.vault(settings)?;
    let count = vault
        .rewrap()
        .await
        .context("re-wrapping personal-data keys")?;
    info!(
        keys = count,
        master_key_id = vault.master_key_id(),
        "every personal-data key is wrapped under the current master key"
    );
    Ok(())
}
