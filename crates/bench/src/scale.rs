//! Scaling out on a three-node NATS cluster: command throughput through one API instance
//! and through two (load spread across both), then a steady load while the stream's
//! leader is killed and restarted, with the projection lag and the longest time during
//! which no command succeeded.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use embedded::NatsCluster;
use eventstore::{EventStore, StoreConfig};
use serde_json::json;

use crate::access::Access;
use crate::commands::{self, post};
use crate::process::Caunoi;
use crate::report::Line;
use crate::servers::Servers;
use crate::{position, wait_ready};

const STREAM: &str = "SCALE";
const PREFIX: &str = "scale.events";

pub struct ScaleArgs {
    pub programmes: usize,
    pub clients: usize,
    pub commands: usize,
}

pub async fn run(dir: &std::path::Path, servers: &Servers, args: &ScaleArgs) -> Result<Vec<Line>> {
    let mut cluster = NatsCluster::start(&dir.join("nats-cluster"), 3)
        .await
        .context("starting the NATS cluster")?;
    let database = servers.database("scale").await?;
    let env = |port: u16| {
        vec![
            ("NATS_URL", cluster.url()),
            ("DATABASE_URL", database.clone()),
            ("CAUNOI_STREAM", STREAM.to_owned()),
            ("CAUNOI_SUBJECT_PREFIX", PREFIX.to_owned()),
            ("CAUNOI_STREAM_REPLICAS", "3".to_owned()),
            ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{port}")),
        ]
    };
    let (first, second) = (embedded::free_port()?, embedded::free_port()?);
    let bases = [
        format!("http://127.0.0.1:{first}"),
        format!("http://127.0.0.1:{second}"),
    ];
    let with_projector = Caunoi::start(&["serve", "api", "projector"], &env(first))?;
    wait_ready(&bases[0]).await?;
    let access = Access::grant(&env(first))?;
    let api_only = Caunoi::start(&["serve", "api"], &env(second))?;
    wait_ready(&bases[1]).await?;

    eprintln!("scale: commands through one API instance, then two…");
    let one = commands::run(
        &bases[..1],
        &access,
        args.programmes,
        args.clients,
        args.commands,
    )
    .await?;
    let two = commands::run(
        &bases,
        &access,
        args.programmes,
        args.clients,
        args.commands,
    )
    .await?;

    eprintln!("scale: a steady load while the stream leader is killed and restarted…");
    let nats = async_nats::connect(cluster.urls()).await?;
    let store = EventStore::open(
        nats.clone(),
        StoreConfig {
            replicas: 3,
            ..StoreConfig::on_stream(STREAM, PREFIX)
        },
    )
    .await?;
    let pool = sqlx::PgPool::connect(&database).await?;
    let loss = node_loss(&mut cluster, &nats, &store, &pool, &bases, &access).await?;
    api_only.terminate()?;
    with_projector.terminate()?;
    pool.close().await;
    cluster.stop().await?;

    let throughput = |figures: &commands::CommandFigures, instances: &str| Line {
        name: format!("scale: throughput, {instances} (R3 cluster)"),
        value: format!("{:.0}/s", figures.throughput),
        against: format!(
            "p50 {:.1} ms, p99 {:.1} ms",
            ms(figures.p50),
            ms(figures.p99)
        ),
        target: String::new(),
        met: None,
    };
    Ok(vec![
        throughput(&one, "1 API instance"),
        throughput(&two, "2 API instances"),
        Line {
            name: "scale: leader lost, longest pause in commands".into(),
            value: format!("{:.2} s", loss.longest_pause.as_secs_f64()),
            against: format!("{} commands ok, {} failed", loss.acked, loss.failed),
            target: "< 15 s".into(),
            met: Some(loss.longest_pause < Duration::from_secs(15)),
        },
        Line {
            name: "scale: leader lost, largest projection lag".into(),
            value: format!("{} events", loss.max_lag),
            against: format!(
                "caught up {:.2} s after the load",
                loss.catch_up.as_secs_f64()
            ),
            target: String::new(),
            met: None,
        },
    ])
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

struct Loss {
    longest_pause: Duration,
    acked: usize,
    failed: usize,
    max_lag: u64,
    catch_up: Duration,
}

/// Twelve seconds of revisions from 16 clients over both instances; the stream leader is
/// killed after 3 s and restarted after 9 s. The lag is sampled every 100 ms.
async fn node_loss(
    cluster: &mut NatsCluster,
    nats: &async_nats::Client,
    store: &EventStore,
    pool: &sqlx::PgPool,
    bases: &[String],
    access: &Access,
) -> Result<Loss> {
    let client = access
        .client_builder()?
        .timeout(Duration::from_secs(20))
        .build()?;
    let mut ids = Vec::new();
    for n in 0..64 {
        let created = post(
            &client,
            &format!("{}/api/programmes", bases[n % 2]),
            &commands::plan(n, access.organisation),
        )
        .await?;
        ids.push(created["id"].as_str().context("no id")?.to_owned());
    }
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for c in 0..16 {
        let (client, stop) = (client.clone(), stop.clone());
        let base = bases[c % bases.len()].clone();
        let ids: Vec<String> = ids.iter().skip(c).step_by(16).cloned().collect();
        workers.spawn(async move {
            let (mut done_at, mut failed, mut k) = (Vec::new(), 0, 0);
            while !stop.load(Ordering::Relaxed) {
                let id = &ids[k % ids.len()];
                k += 1;
                let body = json!({"changes": {"title": format!("Đoàn công tác {c}-{k}")}});
                match post(
                    &client,
                    &format!("{base}/api/programmes/{id}/revise"),
                    &body,
                )
                .await
                {
                    Ok(_) => done_at.push(started.elapsed()),
                    Err(_) => {
                        failed += 1;
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            }
            (done_at, failed)
        });
    }
    let jetstream = async_nats::jetstream::new(nats.clone());
    let leader = jetstream
        .get_stream(STREAM)
        .await?
        .info()
        .await?
        .cluster
        .as_ref()
        .and_then(|c| c.leader.clone())
        .context("the stream has no leader")?;
    let leader = cluster.index_of(&leader).context("an unknown leader")?;
    let mut max_lag = 0;
    let until = |seconds: u64| started + Duration::from_secs(seconds);
    while Instant::now() < until(3) {
        max_lag = max_lag.max(lag(store, pool).await.unwrap_or(0));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    cluster.kill(leader).await?;
    while Instant::now() < until(9) {
        max_lag = max_lag.max(lag(store, pool).await.unwrap_or(0));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    cluster.restart(leader).await?;
    while Instant::now() < until(12) {
        max_lag = max_lag.max(lag(store, pool).await.unwrap_or(0));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let (mut done_at, mut failed) = (Vec::new(), 0);
    while let Some(worker) = workers.join_next().await {
        let (times, failures) = worker?;
        done_at.extend(times);
        failed += failures;
    }
    let stopped = Instant::now();
    loop {
        let now = lag(store, pool).await;
        max_lag = max_lag.max(now.unwrap_or(0));
        if now == Some(0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let catch_up = stopped.elapsed();
    done_at.sort();
    let longest_pause = done_at
        .windows(2)
        .map(|pair| pair[1] - pair[0])
        .max()
        .unwrap_or_default();
    Ok(Loss {
        longest_pause,
        acked: done_at.len(),
        failed,
        max_lag,
        catch_up,
    })
}

/// Events in the stream that the read model does not include yet; `None` while the
/// stream does not answer (a leader being elected).
async fn lag(store: &EventStore, pool: &sqlx::PgPool) -> Option<u64> {
    let last = tokio::time::timeout(Duration::from_millis(500), store.last_sequence())
        .await
        .ok()?
        .ok()?;
    Some(last.saturating_sub(position(pool).await.max(0) as u64))
}
