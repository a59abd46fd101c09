//! How fast the approval process works through a backlog. Rounds are opened with the
//! process running; it is then stopped, approvers decide every programme, and it is
//! started again and timed until it has handled every event that waited and every
//! programme shows as approved. This is the process's own pace, not held back by how fast
//! approvers click, as the approval run's figures are.

use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use eventstore::{EventStore, StoreConfig};

use crate::access::Access;
use crate::approvals::{self, ApprovalScene, Prepared};
use crate::process::Caunoi;
use crate::servers::Servers;
use crate::{Args, settings, wait_ready};

pub struct BacklogFigures {
    /// Events the process handled after its restart: the decisions that waited, and what
    /// it appended and read back itself.
    pub events: i64,
    /// From the restart, the process's start included.
    pub elapsed: Duration,
    pub per_second: f64,
}

/// The backlog run on its own database and stream: the API and the projector in one
/// `caunoi`, the approval process in another, so that it can be stopped and started.
pub async fn measure(
    args: &Args,
    servers: &Servers,
    nats: &async_nats::Client,
    nats_url: &str,
) -> Result<BacklogFigures> {
    let database = servers.database("backlog").await?;
    let port = embedded::free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let (secret, secret_text) = workflow::links::LinkSecret::generate();
    let mut env = settings(servers, database.clone(), "bklg", nats_url);
    env.push(("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{port}")));
    env.push(("CAUNOI_PUBLIC_URL", base.clone()));
    env.push(("CAUNOI_LINK_SECRET", secret_text));
    let service = Caunoi::start(&["serve", "api", "projector"], &env)?;
    let start_process = || Caunoi::start(&["serve", "approvals"], &env);
    let process = start_process()?;
    wait_ready(&base).await?;
    let access = Access::grant(&env)?;
    let store =
        EventStore::open(nats.clone(), StoreConfig::on_stream("BKLG", "bklg.events")).await?;
    let pool = sqlx::PgPool::connect(&database).await?;
    let figures = run(
        ApprovalScene {
            base: &base,
            access: &access,
            pool: &pool,
            store: &store,
            secret: &secret,
            programmes: args.approval_programmes,
            members: args.approval_members,
            rule: &args.approval_rule,
            clients: args.approval_clients,
        },
        process,
        start_process,
    )
    .await;
    service.terminate()?;
    pool.close().await;
    figures
}

/// `start_process` starts `caunoi serve approvals` against the scene's stream and
/// database; it is running when this is called.
async fn run(
    scene: ApprovalScene<'_>,
    process: Caunoi,
    start_process: impl Fn() -> Result<Caunoi>,
) -> Result<BacklogFigures> {
    let approver = approvals::approver_client(scene.clients)?;
    let Prepared {
        ids, votes, needed, ..
    } = approvals::prepare(&scene).await?;
    process.terminate()?;
    approvals::decide_all(&approver, votes, ids.len(), needed, scene.clients).await?;
    let from = handled(scene.pool).await?;
    let waiting = scene.store.last_sequence().await? as i64 - from;
    eprintln!("approval backlog: {waiting} events wait; starting the approval process…");
    let started = Instant::now();
    let process = start_process()?;
    let deadline = started + Duration::from_secs(600);
    loop {
        let approved: i64 =
            sqlx::query_scalar("SELECT count(*) FROM caunoi.programmes WHERE status = 'approved'")
                .fetch_one(scene.pool)
                .await?;
        let position = handled(scene.pool).await?;
        let end = scene.store.last_sequence().await? as i64;
        if approved as usize >= ids.len() && position >= end {
            let elapsed = started.elapsed();
            process.terminate()?;
            let events = position - from;
            return Ok(BacklogFigures {
                events,
                elapsed,
                per_second: events as f64 / elapsed.as_secs_f64(),
            });
        }
        if Instant::now() > deadline {
            bail!(
                "the approval process did not catch up: {approved} approved, at {position} of {end}"
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The position the approval process saved: every event up to it is handled.
async fn handled(pool: &sqlx::PgPool) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT position FROM caunoi.subscriptions WHERE name = 'approvals'")
            .fetch_optional(pool)
            .await?
            .unwrap_or(0),
    )
}
