//! Approval by link, through the real path: programmes submitted over HTTP, rounds opened
//! and links issued by the approval process, and every decision a POST of the link's form,
//! as an approver's phone sends it. Measures decisions per second and how long after the
//! deciding vote the programme shows as approved in the read model.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use eventstore::EventStore;
use hdrhistogram::Histogram;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use workflow::links::LinkSecret;

use crate::access::Access;
use crate::approvals_setup as setup;

pub struct ApprovalScene<'a> {
    pub base: &'a str,
    /// Who registers the committee and submits the programmes.
    pub access: &'a Access,
    pub pool: &'a sqlx::PgPool,
    pub store: &'a EventStore,
    pub secret: &'a LinkSecret,
    pub programmes: usize,
    pub members: usize,
    /// `majority` or `all`.
    pub rule: &'a str,
    pub clients: usize,
}

pub struct ApprovalFigures {
    pub decisions: usize,
    pub needed: usize,
    pub setup: Duration,
    pub per_second: f64,
    pub post_p99: Duration,
    pub visible_p50: Duration,
    pub visible_p99: Duration,
    /// From the last decision of the run until every programme shows as approved.
    pub last_to_all_visible: Duration,
}

/// One approver's decision: the programme's index and the link.
pub struct Vote {
    programme: usize,
    link: String,
}

/// Programmes submitted and their rounds open, with the votes that decide them.
pub struct Prepared {
    pub ids: Vec<Uuid>,
    /// Seat by seat across the programmes, so that clients mostly decide different
    /// rounds, as approvers do.
    pub votes: Vec<Vote>,
    /// Votes that decide one programme.
    pub needed: usize,
    pub setup: Duration,
}

/// Registers the committee, submits the programmes and waits for the approval process to
/// open their rounds and issue every link.
pub async fn prepare(scene: &ApprovalScene<'_>) -> Result<Prepared> {
    let planner = scene
        .access
        .client_builder()?
        .pool_max_idle_per_host(scene.clients)
        .build()?;
    let started = Instant::now();
    let host = setup::directory(&planner, scene.base, scene.members, scene.rule).await?;
    let ids = setup::submit(&planner, scene.base, &host, scene.programmes, scene.clients).await?;
    let seats = (scene.programmes * scene.members) as i64;
    setup::links_issued(scene.pool, seats, Duration::from_secs(600)).await?;
    let needed = match scene.rule {
        "all" => scene.members,
        _ => scene.members / 2 + 1,
    };
    let mut by_programme = Vec::with_capacity(ids.len());
    for id in &ids {
        by_programme.push(setup::links(scene.store, scene.secret, scene.base, *id, needed).await?);
    }
    let mut votes = Vec::with_capacity(ids.len() * needed);
    for seat in 0..needed {
        for (programme, links) in by_programme.iter().enumerate() {
            votes.push(Vote {
                programme,
                link: links[seat].clone(),
            });
        }
    }
    let took = started.elapsed();
    eprintln!(
        "approvals: {} rounds open with {seats} links after {:.1} s; deciding…",
        ids.len(),
        took.as_secs_f64()
    );
    Ok(Prepared {
        ids,
        votes,
        needed,
        setup: took,
    })
}

/// Approvers are not signed in: the link is their only credential.
pub fn approver_client(clients: usize) -> Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()?)
}

pub async fn run(scene: ApprovalScene<'_>) -> Result<ApprovalFigures> {
    let approver = approver_client(scene.clients)?;
    let Prepared {
        ids,
        votes,
        needed,
        setup: setup_time,
    } = prepare(&scene).await?;

    let seen: Seen = Arc::default();
    let stop = CancellationToken::new();
    let watcher = tokio::spawn(watch_approved(
        scene.pool.clone(),
        seen.clone(),
        stop.clone(),
    ));
    let (elapsed, post_p99, decided_at) =
        decide_all(&approver, votes, ids.len(), needed, scene.clients).await?;
    let last_decision = decided_at.iter().max().copied().context("no decisions")?;
    eprintln!(
        "approvals: {} decisions in {:.1} s; waiting for the approvals to show…",
        ids.len() * needed,
        elapsed.as_secs_f64()
    );
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut last_report = Instant::now();
    let seen = loop {
        let snapshot = seen.lock().expect("not poisoned").clone();
        if snapshot.len() >= ids.len() {
            break snapshot;
        }
        if watcher.is_finished() || Instant::now() > deadline {
            bail!(
                "only {} of {} programmes became approved",
                snapshot.len(),
                ids.len()
            );
        }
        if last_report.elapsed() >= Duration::from_secs(10) {
            last_report = Instant::now();
            report_lag(scene.pool, scene.store, snapshot.len(), ids.len()).await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    stop.cancel();
    watcher.await?;
    let mut visible = Histogram::<u64>::new(3)?;
    for (index, id) in ids.iter().enumerate() {
        let at = seen.get(id).context("an approval was not seen")?;
        visible.record(at.saturating_duration_since(decided_at[index]).as_micros() as u64)?;
    }
    let all_visible = seen.values().max().copied().context("nothing seen")?;
    Ok(ApprovalFigures {
        decisions: ids.len() * needed,
        needed,
        setup: setup_time,
        per_second: (ids.len() * needed) as f64 / elapsed.as_secs_f64(),
        post_p99,
        visible_p50: Duration::from_micros(visible.value_at_quantile(0.5)),
        visible_p99: Duration::from_micros(visible.value_at_quantile(0.99)),
        last_to_all_visible: all_visible.saturating_duration_since(last_decision),
    })
}

/// How far the approval process has got through the stream, while approvals are awaited.
async fn report_lag(pool: &sqlx::PgPool, store: &EventStore, approved: usize, of: usize) {
    let handled: i64 =
        sqlx::query_scalar("SELECT position FROM caunoi.subscriptions WHERE name = 'approvals'")
            .fetch_one(pool)
            .await
            .unwrap_or(0);
    let last = store.last_sequence().await.unwrap_or(0);
    eprintln!(
        "approvals: {approved}/{of} approved; the approval process has handled {handled} of {last} events"
    );
}

/// When each programme was first seen approved in the read model.
type Seen = Arc<Mutex<HashMap<Uuid, Instant>>>;

async fn watch_approved(pool: sqlx::PgPool, seen: Seen, stop: CancellationToken) {
    while !stop.is_cancelled() {
        let approved: Vec<Uuid> =
            sqlx::query_scalar("SELECT id FROM caunoi.programmes WHERE status = 'approved'")
                .fetch_all(&pool)
                .await
                .unwrap_or_default();
        let now = Instant::now();
        {
            let mut seen = seen.lock().expect("not poisoned");
            for id in approved {
                seen.entry(id).or_insert(now);
            }
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Posts every vote, `clients` at a time. Returns the time taken, the p99 of one POST,
/// and for each programme when its deciding vote (the `needed`-th) was answered.
pub async fn decide_all(
    client: &reqwest::Client,
    votes: Vec<Vote>,
    programmes: usize,
    needed: usize,
    clients: usize,
) -> Result<(Duration, Duration, Vec<Instant>)> {
    let queue = Arc::new(Mutex::new(votes.into_iter()));
    let progress = Arc::new(Mutex::new((
        vec![0usize; programmes],
        vec![None; programmes],
    )));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..clients {
        let (client, queue, progress) = (client.clone(), queue.clone(), progress.clone());
        tasks.spawn(async move {
            let mut latencies = Histogram::<u64>::new(3)?;
            loop {
                let Some(vote) = queue.lock().expect("not poisoned").next() else {
                    break;
                };
                let sent = Instant::now();
                let response = client
                    .post(&vote.link)
                    .form(&[("choice", "approve"), ("note", "")])
                    .send()
                    .await?;
                let status = response.status();
                if !status.is_success() {
                    bail!(
                        "{} answered {status}: {}",
                        vote.link,
                        response.text().await?
                    );
                }
                let answered = Instant::now();
                latencies.record(answered.duration_since(sent).as_micros() as u64)?;
                let mut progress = progress.lock().expect("not poisoned");
                progress.0[vote.programme] += 1;
                if progress.0[vote.programme] == needed {
                    progress.1[vote.programme] = Some(answered);
                }
            }
            anyhow::Ok(latencies)
        });
    }
    let mut all = Histogram::<u64>::new(3)?;
    while let Some(done) = tasks.join_next().await {
        all.add(done??)?;
    }
    let elapsed = started.elapsed();
    let decided = Arc::try_unwrap(progress)
        .map_err(|_| anyhow::anyhow!("a client still holds the progress"))?
        .into_inner()
        .expect("not poisoned")
        .1
        .into_iter()
        .map(|at| at.context("a programme did not get all its votes"))
        .collect::<Result<Vec<_>>>()?;
    Ok((
        elapsed,
        Duration::from_micros(all.value_at_quantile(0.99)),
        decided,
    ))
}
