//! `caunoi-bench`: measures Cầu Nối on real, durable servers started for the run, and puts
//! each figure beside the raw limit of the same servers measured in the same run.

mod access;
mod approval_backlog;
mod approvals;
mod approvals_setup;
mod commands;
mod comparison;
mod delegation;
mod figures;
mod peer;
mod process;
mod raw;
mod reminders;
mod replay;
mod report;
mod scale;
mod servers;

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use eventstore::{EventStore, StoreConfig};

use crate::access::Access;
use crate::process::Caunoi;
use crate::report::Line;
use crate::servers::Servers;

#[derive(Parser)]
#[command(about = "Benchmarks of Cầu Nối against real NATS and PostgreSQL")]
struct Args {
    /// Events replayed by the projector and by the rebuild (four per programme).
    #[arg(long, default_value_t = 200_000)]
    replay_events: usize,
    /// Commands sent over HTTP in the latency run.
    #[arg(long, default_value_t = 16_000)]
    commands: usize,
    #[arg(long, default_value_t = 16)]
    clients: usize,
    #[arg(long, default_value_t = 1_000)]
    programmes: usize,
    /// Held programmes over ten years behind the yearly figures.
    #[arg(long, default_value_t = 5_000)]
    figure_programmes: usize,
    /// Measure only the yearly figures (and the raw limits).
    #[arg(long)]
    only_yearly_figures: bool,
    /// Members uploaded at once to one delegation, then opened and exported.
    #[arg(long, default_value_t = 2_000)]
    roster: usize,
    /// Members added one by one, each by its own request, to another delegation.
    #[arg(long, default_value_t = 2_000)]
    roster_one_by_one: usize,
    /// Programmes decided by link in the approval run.
    #[arg(long, default_value_t = 1_000)]
    approval_programmes: usize,
    /// Members of the standing committee that decides them.
    #[arg(long, default_value_t = 15)]
    approval_members: usize,
    /// The committee's rule: `majority` (8 of 15 decide) or `all` (every member).
    #[arg(long, default_value = "majority", value_parser = ["majority", "all"])]
    approval_rule: String,
    /// Approvers deciding at the same time.
    #[arg(long, default_value_t = 16)]
    approval_clients: usize,
    /// Programmes, each with a delegation of 100 open tasks, behind the reminder run.
    #[arg(long, default_value_t = 1_000)]
    reminder_programmes: usize,
    /// Emails handed to a local SMTP server by the mail sender.
    #[arg(long, default_value_t = 1_000)]
    reminder_emails: usize,
    /// Measure only the reminder figures (and the raw limits).
    #[arg(long)]
    only_reminders: bool,
    /// Measure only the approvals by link (and the raw limits).
    #[arg(long)]
    only_approvals: bool,
    /// Measure only the commands against the peer at both durabilities (and the raw limits).
    #[arg(long)]
    only_commands: bool,
    /// Measure only the scaling figures on a three-node NATS cluster (and the raw limits).
    #[arg(long)]
    only_scale: bool,
}

/// How one `caunoi` of the run reaches its servers, with a data folder of its own beside
/// theirs: without one, the service would keep its personal-data key in the folder the
/// bench was started from.
fn settings(
    servers: &Servers,
    database_url: String,
    stream: &str,
    nats_url: &str,
) -> Vec<(&'static str, String)> {
    vec![
        (
            "CAUNOI_DATA_DIR",
            servers
                .folder
                .join(format!("caunoi-{stream}"))
                .display()
                .to_string(),
        ),
        ("NATS_URL", nats_url.to_string()),
        ("DATABASE_URL", database_url),
        ("CAUNOI_STREAM", stream.to_uppercase()),
        ("CAUNOI_SUBJECT_PREFIX", format!("{stream}.events")),
    ]
}

async fn position(pool: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar("SELECT position FROM caunoi.projections WHERE status = 'active'")
        .fetch_optional(pool)
        .await
        .ok()
        .flatten()
        .unwrap_or(0)
}

async fn wait_ready(base: &str) -> Result<()> {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(r) = client.get(format!("{base}/readyz")).send().await
            && r.status().is_success()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("{base} did not become ready")
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The approval run on its own database and stream, with the API, the projector and the
/// approval process in one `caunoi` (mail is left out: it is not on the decision's path).
/// Returns its figures and the service's peak memory.
async fn approvals_run(
    args: &Args,
    servers: &Servers,
    nats: &async_nats::Client,
    nats_url: &str,
) -> Result<(approvals::ApprovalFigures, f64)> {
    let database = servers.database("approvals").await?;
    let port = embedded::free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let (secret, secret_text) = workflow::links::LinkSecret::generate();
    let mut env = settings(servers, database.clone(), "appr", nats_url);
    env.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{port}")));
    env.push(("CAUNOI_PUBLIC_URL", base.clone()));
    env.push(("CAUNOI_LINK_SECRET", secret_text));
    let service = Caunoi::start(&["serve", "api", "projector", "approvals"], &env)?;
    wait_ready(&base).await?;
    let access = Access::grant(&env)?;
    let store =
        EventStore::open(nats.clone(), StoreConfig::on_stream("APPR", "appr.events")).await?;
    let pool = sqlx::PgPool::connect(&database).await?;
    let figures = approvals::run(approvals::ApprovalScene {
        base: &base,
        access: &access,
        pool: &pool,
        store: &store,
        secret: &secret,
        programmes: args.approval_programmes,
        members: args.approval_members,
        rule: &args.approval_rule,
        clients: args.approval_clients,
    })
    .await?;
    let rss = service.peak_rss_mib()?;
    service.terminate()?;
    pool.close().await;
    Ok((figures, rss))
}

/// The approval run's figures as report lines, with the service's peak memory.
async fn approval_figures(
    args: &Args,
    servers: &Servers,
    nats: &async_nats::Client,
    nats_url: &str,
) -> Result<(Vec<Line>, f64)> {
    eprintln!(
        "approvals: {} programmes, a committee of {} deciding by {}…",
        args.approval_programmes, args.approval_members, args.approval_rule
    );
    let (approval, approvals_rss) = approvals_run(args, servers, nats, nats_url).await?;
    eprintln!(
        "approval backlog: the same, with the approval process stopped while approvers decide…"
    );
    let backlog = approval_backlog::measure(args, servers, nats, nats_url).await?;
    let lines = vec![
        Line {
            name: format!(
                "approvals: decisions by link ({}, {} of {})",
                approval.decisions, approval.needed, args.approval_members
            ),
            value: format!("{:.0}/s", approval.per_second),
            against: format!("p99 of one POST {}", ms(approval.post_p99)),
            target: String::new(),
            met: None,
        },
        Line {
            name: "approvals: deciding vote → approved, p50".into(),
            value: ms(approval.visible_p50),
            against: "read model, via the approval process".into(),
            target: String::new(),
            met: None,
        },
        Line {
            name: "approvals: deciding vote → approved, p99".into(),
            value: ms(approval.visible_p99),
            against: String::new(),
            target: "≤ 1000 ms".into(),
            met: Some(approval.visible_p99 <= Duration::from_secs(1)),
        },
        Line {
            name: "approvals: last decision → all approved".into(),
            value: ms(approval.last_to_all_visible),
            against: format!("setup {:.1} s", approval.setup.as_secs_f64()),
            target: String::new(),
            met: None,
        },
        Line {
            name: "approval process: a backlog worked through".into(),
            value: format!("{:.0} events/s", backlog.per_second),
            against: format!(
                "{} events in {:.1} s, its start included",
                backlog.events,
                backlog.elapsed.as_secs_f64()
            ),
            target: "≥ 5000 events/s".into(),
            met: Some(backlog.per_second >= 5000.0),
        },
    ];
    Ok((lines, approvals_rss))
}

/// The reminder figures on their own database and stream: a scheduler run over the
/// deadlines of seeded programmes (projected by a `caunoi serve projector`), and the mail
/// sender handing emails to a local SMTP server.
async fn reminder_figures(
    args: &Args,
    servers: &Servers,
    nats: &async_nats::Client,
    nats_url: &str,
) -> Result<Vec<Line>> {
    let url = servers.database("reminders").await?;
    let store = EventStore::open(nats.clone(), StoreConfig::on_stream("RMD", "rmd.events")).await?;
    let total = reminders::seed(&store, nats, args.reminder_programmes, 100).await? as i64;
    let service = Caunoi::start(
        &["serve", "projector"],
        &settings(servers, url.clone(), "rmd", nats_url),
    )?;
    let pool = sqlx::PgPool::connect(&url).await?;
    while position(&pool).await < total {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    service.terminate()?;
    let evaluation = reminders::evaluate(&pool, &store).await?;
    let sent = reminders::send(&pool, args.reminder_emails).await?;
    pool.close().await;
    Ok(vec![
        Line {
            name: format!(
                "reminders: a run over {} open deadlines",
                args.reminder_programmes * 100
            ),
            value: ms(evaluation.took),
            against: format!(
                "{} reminders due, {} emails",
                evaluation.deadlines, evaluation.emails
            ),
            target: "< 2 s".into(),
            met: Some(evaluation.took < Duration::from_secs(2)),
        },
        Line {
            name: format!(
                "reminders: {} emails to a local SMTP server",
                args.reminder_emails
            ),
            value: format!("{:.1} s", sent.as_secs_f64()),
            against: format!(
                "{:.0} emails/s",
                args.reminder_emails as f64 / sent.as_secs_f64()
            ),
            target: "< 30 s".into(),
            met: Some(sent < Duration::from_secs(30)),
        },
    ])
}

/// Times the yearly figures over ten years of held programmes, served by the API.
async fn yearly_figures(
    servers: &Servers,
    nats: &async_nats::Client,
    nats_url: &str,
    programmes: usize,
) -> Result<Line> {
    eprintln!("figures: seeding {programmes} held programmes over ten years…");
    let url = servers.database("figures").await?;
    let store = EventStore::open(nats.clone(), StoreConfig::on_stream("FIG", "fig.events")).await?;
    let total = figures::seed(&store, nats, programmes).await? as i64;
    let port = embedded::free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut env = settings(servers, url.clone(), "fig", nats_url);
    env.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{port}")));
    let service = Caunoi::start(&["serve", "api", "projector"], &env)?;
    let pool = sqlx::PgPool::connect(&url).await?;
    while position(&pool).await < total {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    wait_ready(&base).await?;
    let access = Access::grant(&env)?;
    let timings = figures::time_yearly(&base, &access, 50).await?;
    service.terminate()?;
    pool.close().await;
    if timings.programmes != programmes as i64 {
        bail!(
            "the yearly figures counted {} programmes, {programmes} were seeded",
            timings.programmes
        );
    }
    Ok(Line {
        name: format!(
            "figures: yearly, {} years, {programmes} programmes",
            figures::YEARS
        ),
        value: format!("{} p50", ms(timings.p50)),
        against: format!("max {} over 50 requests", ms(timings.max)),
        target: "< 200 ms".into(),
        met: Some(timings.max < Duration::from_millis(200)),
    })
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    // Dropping the run stops its servers and `caunoi` processes and removes its folder.
    tokio::select! {
        done = bench(args) => done,
        _ = tokio::signal::ctrl_c() => bail!("interrupted; the servers of the run were stopped"),
        _ = terminate.recv() => bail!("terminated; the servers of the run were stopped"),
    }
}

async fn bench(args: Args) -> Result<()> {
    process::caunoi_binary()?;
    let dir = tempfile::tempdir()?;
    std::fs::set_permissions(
        dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )?;
    let servers = Servers::start(dir.path()).await?;
    let nats_url = servers.nats.url();
    let nats = async_nats::connect(&nats_url).await?;
    let mut lines = Vec::new();

    eprintln!("raw limits: JetStream publish, PostgreSQL batched insert…");
    let seq = raw::publish_sequential(&nats, 5_000).await?;
    let pipelined = raw::publish_pipelined(&nats, 100_000, 256).await?;
    let insert =
        raw::batched_insert(&servers.database("raw").await?, args.replay_events, 1000).await?;
    for (name, value) in [
        ("raw: JetStream publish+ack, sequential", seq),
        ("raw: JetStream publish+ack, pipelined", pipelined),
        ("raw: PostgreSQL batched insert (rows)", insert),
    ] {
        lines.push(Line {
            name: name.into(),
            value: format!("{value:.0}/s"),
            against: String::new(),
            target: String::new(),
            met: None,
        });
    }

    if args.only_approvals {
        let (approvals, rss) = approval_figures(&args, &servers, &nats, &nats_url).await?;
        lines.extend(approvals);
        lines.push(Line {
            name: "peak RSS (api+projector+approvals)".into(),
            value: format!("{rss:.0} MiB"),
            against: String::new(),
            target: "≤ 150 MB".into(),
            met: Some(rss * 1.048_576 <= 150.0),
        });
        servers.stop().await?;
        report::print(&lines);
        return Ok(());
    }
    if args.only_commands {
        lines.extend(comparison::run(&args, &servers, dir.path()).await?.0);
        servers.stop().await?;
        report::print(&lines);
        return Ok(());
    }
    if args.only_reminders {
        lines.extend(reminder_figures(&args, &servers, &nats, &nats_url).await?);
        servers.stop().await?;
        report::print(&lines);
        return Ok(());
    }
    let scale_args = scale::ScaleArgs {
        programmes: args.programmes,
        clients: args.clients,
        commands: args.commands,
    };
    if args.only_scale {
        lines.extend(scale::run(dir.path(), &servers, &scale_args).await?);
        servers.stop().await?;
        report::print(&lines);
        return Ok(());
    }
    lines.push(yearly_figures(&servers, &nats, &nats_url, args.figure_programmes).await?);
    if args.only_yearly_figures {
        servers.stop().await?;
        report::print(&lines);
        return Ok(());
    }

    let (comparison, service_rss) = comparison::run(&args, &servers, dir.path()).await?;
    lines.extend(comparison);

    eprintln!(
        "delegation: a roster of {} members, and {} added one by one…",
        args.roster, args.roster_one_by_one
    );
    let port = embedded::free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut env = settings(
        &servers,
        servers.database("delegation").await?,
        "dlg",
        &nats_url,
    );
    env.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{port}")));
    let service = Caunoi::start(&["serve", "api", "projector"], &env)?;
    wait_ready(&base).await?;
    let access = Access::grant(&env)?;
    let store = EventStore::open(nats.clone(), StoreConfig::on_stream("DLG", "dlg.events")).await?;
    let roster =
        delegation::run(&base, &access, &store, args.roster, args.roster_one_by_one).await?;
    service.terminate()?;
    lines.push(Line {
        name: format!("roster: upload of {} members (CSV)", roster.members),
        value: format!("{:.2} s", roster.import.as_secs_f64()),
        against: format!(
            "{:.0} members/s, read-your-writes included",
            roster.members as f64 / roster.import.as_secs_f64()
        ),
        target: "seconds".into(),
        met: Some(roster.import <= Duration::from_secs(10)),
    });
    lines.push(Line {
        name: format!("roster: {} members added one by one", roster.singles),
        value: format!("{:.1} s", roster.singles_total.as_secs_f64()),
        against: format!(
            "p50 {}, p99 {}",
            ms(roster.single_p50),
            ms(roster.single_p99)
        ),
        target: String::new(),
        met: None,
    });
    lines.push(Line {
        name: format!("roster: open {} members + warnings", roster.members),
        value: ms(roster.roster),
        against: String::new(),
        target: String::new(),
        met: None,
    });
    for (export, took, bytes) in &roster.exports {
        lines.push(Line {
            name: format!("export: {export} of {} members", roster.members),
            value: ms(*took),
            against: format!("{} KiB", bytes / 1024),
            target: "seconds".into(),
            met: Some(*took <= Duration::from_secs(10)),
        });
    }

    let (approval_lines, approvals_rss) =
        approval_figures(&args, &servers, &nats, &nats_url).await?;
    lines.extend(approval_lines);

    eprintln!(
        "reminders: {} programmes with 100 open tasks each, {} emails…",
        args.reminder_programmes, args.reminder_emails
    );
    lines.extend(reminder_figures(&args, &servers, &nats, &nats_url).await?);

    lines.extend(scale::run(dir.path(), &servers, &scale_args).await?);

    eprintln!("replay: seeding {} events…", args.replay_events);
    let replay_url = servers.database("replay").await?;
    let store = EventStore::open(
        nats.clone(),
        StoreConfig::on_stream("REPLAY", "replay.events"),
    )
    .await?;
    replay::seed(&store, &nats, args.replay_events / 4).await?;
    let total = store.last_sequence().await? as i64;
    let pool = sqlx::PgPool::connect(&replay_url).await?;
    eprintln!("replay: projecting {total} events…");
    let started = Instant::now();
    let projector = Caunoi::start(
        &["serve", "projector"],
        &settings(&servers, replay_url.clone(), "replay", &nats_url),
    )?;
    while position(&pool).await < total {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let projection_rate = total as f64 / started.elapsed().as_secs_f64();
    let projector_rss = projector.peak_rss_mib()?;
    projector.terminate()?;
    lines.push(Line {
        name: format!("projection: replay of {total} events"),
        value: format!("{projection_rate:.0}/s"),
        against: format!("{:.0}% of batched insert", 100.0 * projection_rate / insert),
        target: "≥ 60% of insert".into(),
        met: Some(projection_rate >= 0.6 * insert),
    });

    eprintln!("rebuild…");
    let rebuild = Caunoi::start(
        &["rebuild"],
        &settings(&servers, replay_url, "replay", &nats_url),
    )?;
    let (rebuild_time, rebuild_rss) = rebuild.wait_with_peak_rss().context("rebuild")?;
    lines.push(Line {
        name: format!("rebuild: {total} events"),
        value: format!("{:.1} s", rebuild_time.as_secs_f64()),
        against: format!("{:.0}/s", total as f64 / rebuild_time.as_secs_f64()),
        target: "≤ 20 s".into(),
        met: Some(rebuild_time <= Duration::from_secs(20)),
    });
    let peak = service_rss
        .max(projector_rss)
        .max(rebuild_rss)
        .max(approvals_rss);
    lines.push(Line {
        name: "peak RSS (api+projector, projector, rebuild, approvals)".into(),
        value: format!("{peak:.0} MiB"),
        against: format!(
            "{service_rss:.0} / {projector_rss:.0} / {rebuild_rss:.0} / {approvals_rss:.0} MiB"
        ),
        target: "≤ 150 MB".into(),
        met: Some(peak * 1.048_576 <= 150.0),
    });
    pool.close().await;
    servers.stop().await?;
    report::print(&lines);
    Ok(())
}
