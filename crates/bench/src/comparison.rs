//! Commands against the peer at equal durability, in one run: Cầu Nối on a NATS server
//! that syncs every write and on one left at its default schedule, and the peer
//! (cqrs-es + postgres-es with its view) with `synchronous_commit` on and off, on the
//! same PostgreSQL server.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use embedded::{NatsOptions, NatsProcess, free_port};

use crate::access::Access;
use crate::commands::{self, CommandFigures};
use crate::process::Caunoi;
use crate::report::Line;
use crate::servers::Servers;
use crate::{Args, ms, peer, settings, wait_ready};

/// How much faster than the peer Cầu Nối's commands should be at equal durability.
const TARGET_RATIO: f64 = 2.0;

/// One durability: the NATS server Cầu Nối writes to, and the peer's setting.
struct Durability<'a> {
    name: &'a str,
    nats_url: String,
    synchronous_commit: bool,
}

/// The figures of both durabilities, and the peak memory of the `caunoi` processes.
pub async fn run(args: &Args, servers: &Servers, dir: &Path) -> Result<(Vec<Line>, f64)> {
    let version = async_nats::connect(servers.nats.url())
        .await?
        .server_info()
        .version;
    let syncs = syncs_every_write(&version);
    let lazy_nats = NatsProcess::start(NatsOptions {
        store_dir: dir.join("nats-lazy"),
        port: free_port()?,
        log_file: dir.join("nats-lazy.log"),
        password: None,
        durable: false,
    })
    .await
    .context("starting the second nats-server")?;
    let durabilities = [
        Durability {
            name: if syncs {
                "fsync"
            } else {
                "fsync (NATS < 2.10 cannot: its own schedule)"
            },
            nats_url: servers.nats.url(),
            synchronous_commit: true,
        },
        Durability {
            name: "lazy",
            nats_url: lazy_nats.url(),
            synchronous_commit: false,
        },
    ];
    let mut lines = vec![Line {
        name: format!("nats-server {version}"),
        value: String::new(),
        against: String::new(),
        target: String::new(),
        met: None,
    }];
    let mut peak_rss = 0.0_f64;
    for (n, durability) in durabilities.iter().enumerate() {
        eprintln!(
            "commands at {} durability: the peer, then Cầu Nối; {} clients over {} programmes…",
            durability.name, args.clients, args.programmes
        );
        let peer_database = servers.database(&format!("peer_{n}")).await?;
        let peer = peer::run(
            &peer_database,
            durability.synchronous_commit,
            args.programmes,
            args.clients,
            args.commands,
        )
        .await?;
        let (caunoi, rss) = caunoi_commands(args, servers, &durability.nats_url, n).await?;
        peak_rss = peak_rss.max(rss);
        lines.extend(figure_lines(durability, &peer, &caunoi));
    }
    lazy_nats.stop().await?;
    Ok((lines, peak_rss))
}

fn syncs_every_write(version: &str) -> bool {
    let mut parts = version
        .split('.')
        .map(|part| part.parse::<u64>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (2, 10)
}

/// `caunoi serve api projector` on a fresh stream and database, revised over HTTP.
async fn caunoi_commands(
    args: &Args,
    servers: &Servers,
    nats_url: &str,
    n: usize,
) -> Result<(CommandFigures, f64)> {
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let database = servers.database(&format!("commands_{n}")).await?;
    let mut env = settings(servers, database, &format!("cmd{n}"), nats_url);
    env.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{port}")));
    let service = Caunoi::start(&["serve", "api", "projector"], &env)?;
    wait_ready(&base).await?;
    let access = Access::grant(&env)?;
    let figures = commands::run(
        std::slice::from_ref(&base),
        &access,
        args.programmes,
        args.clients,
        args.commands,
    )
    .await?;
    let rss = service.peak_rss_mib()?;
    service.terminate()?;
    Ok((figures, rss))
}

fn figure_lines(
    durability: &Durability<'_>,
    peer: &CommandFigures,
    caunoi: &CommandFigures,
) -> Vec<Line> {
    let ratio = caunoi.throughput / peer.throughput;
    let commit = if durability.synchronous_commit {
        "on"
    } else {
        "off"
    };
    vec![
        Line {
            name: format!(
                "peer, {}: cqrs-es + view, sync commit {commit}",
                durability.name
            ),
            value: format!("{:.0}/s", peer.throughput),
            against: format!("p50 {}, p99 {}", ms(peer.p50), ms(peer.p99)),
            target: String::new(),
            met: None,
        },
        Line {
            name: format!(
                "commands, {}: throughput ({})",
                durability.name, caunoi.commands
            ),
            value: format!("{:.0}/s", caunoi.throughput),
            against: format!("{ratio:.2}× the peer"),
            target: format!("≥ {TARGET_RATIO}× the peer"),
            met: Some(ratio >= TARGET_RATIO),
        },
        Line {
            name: format!("commands, {}: p99 latency", durability.name),
            value: ms(caunoi.p99),
            against: format!("p50 {}", ms(caunoi.p50)),
            target: "p99 ≤ 10 ms".into(),
            met: Some(caunoi.p99 <= Duration::from_millis(10)),
        },
    ]
}
