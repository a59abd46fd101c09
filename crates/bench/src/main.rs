//! `caunoi-bench`: measures Cầu Nối on real, durable servers started for the run, and puts
//! each figure beside the raw limit of the same servers measured in the same run.

mod commands;
mod process;
mod raw;
mod replay;
mod report;
mod servers;

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use eventstore::{EventStore, StoreConfig};

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
}

fn settings(database_url: String, stream: &str, nats_url: &str) -> Vec<(&'static str, String)> {
    vec![
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

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
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

    eprintln!(
        "commands: {} clients over {} programmes…",
        args.clients, args.programmes
    );
    let port = embedded::free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut env = settings(servers.database("commands").await?, "cmd", &nats_url);
    env.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{port}")));
    let service = Caunoi::start(&["serve", "api", "projector"], &env)?;
    wait_ready(&base).await?;
    let figures = commands::run(&base, args.programmes, args.clients, args.commands).await?;
    let service_rss = service.peak_rss_mib()?;
    service.terminate()?;
    lines.push(Line {
        name: format!("commands: throughput ({} commands)", figures.commands),
        value: format!("{:.0}/s", figures.throughput),
        against: format!(
            "{:.1}% of sequential publish",
            100.0 * figures.throughput / seq
        ),
        target: String::new(),
        met: None,
    });
    lines.push(Line {
        name: "commands: p50 latency".into(),
        value: ms(figures.p50),
        against: String::new(),
        target: String::new(),
        met: None,
    });
    lines.push(Line {
        name: "commands: p99 latency".into(),
        value: ms(figures.p99),
        against: format!(
            "{:.1}× one sequential publish",
            figures.p99.as_secs_f64() * seq
        ),
        target: "≤ 10 ms".into(),
        met: Some(figures.p99 <= Duration::from_millis(10)),
    });

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
        &settings(replay_url.clone(), "replay", &nats_url),
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
        target: "≥ 50% of insert".into(),
        met: Some(projection_rate >= 0.5 * insert),
    });

    eprintln!("rebuild…");
    let rebuild = Caunoi::start(&["rebuild"], &settings(replay_url, "replay", &nats_url))?;
    let (rebuild_time, rebuild_rss) = rebuild.wait_with_peak_rss().context("rebuild")?;
    lines.push(Line {
        name: format!("rebuild: {total} events"),
        value: format!("{:.1} s", rebuild_time.as_secs_f64()),
        against: format!("{:.0}/s", total as f64 / rebuild_time.as_secs_f64()),
        target: "≤ 20 s".into(),
        met: Some(rebuild_time <= Duration::from_secs(20)),
    });
    let peak = service_rss.max(projector_rss).max(rebuild_rss);
    lines.push(Line {
        name: "peak RSS (api+projector, projector, rebuild)".into(),
        value: format!("{peak:.0} MiB"),
        against: format!("{service_rss:.0} / {projector_rss:.0} / {rebuild_rss:.0} MiB"),
        target: "≤ 150 MB".into(),
        met: Some(peak * 1.048_576 <= 150.0),
    });
    pool.close().await;
    servers.stop().await?;
    report::print(&lines);
    Ok(())
}
