//! A steady stream of commands through the HTTP API: workers each draft a programme and
//! revise it again and again, one request at a time, and keep what was acknowledged. They
//! act as a planner of the host organisation, through an API token.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use domain::access::AccessRole;
use eventstore::EventStore;
use serde_json::{Value, json};
use sqlx::PgPool;
use tokio::task::JoinSet;
use uuid::Uuid;

use super::super::plan;

/// A command that has not answered by then counts as failed (and is not acknowledged).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// A worker starts a new programme after this many revisions.
const REVISIONS_PER_PROGRAMME: u32 = 20;

/// What the workers were told succeeded.
#[derive(Default)]
pub(super) struct Tally {
    /// Ids of every event that a successful answer said was appended.
    pub acked: Vec<Uuid>,
    /// When each successful answer came, from the start of the load.
    pub done_at: Vec<Duration>,
    /// Answers that were errors, or none at all.
    pub failed: usize,
}

impl Tally {
    /// The longest time during which no command succeeded.
    pub fn longest_pause(&self) -> Duration {
        let mut times = self.done_at.clone();
        times.sort();
        times
            .windows(2)
            .map(|pair| pair[1] - pair[0])
            .max()
            .unwrap_or_default()
    }

    fn merge(&mut self, other: Tally) {
        self.acked.extend(other.acked);
        self.done_at.extend(other.done_at);
        self.failed += other.failed;
    }
}

pub(super) struct Load {
    stop: Arc<AtomicBool>,
    workers: JoinSet<Tally>,
}

/// Who the workers act as: a planner of the organisation that hosts their programmes.
#[derive(Clone)]
pub(super) struct Planner {
    organisation: Uuid,
    token: String,
}

impl Planner {
    /// Registers an organisation, makes a planner of it and gives them a token kept in
    /// `pool`, the database the API instances read.
    pub async fn make(store: &EventStore, pool: &PgPool) -> Planner {
        let organisation =
            testkit::people::organisation(store, "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn").await;
        testkit::people::grant(
            store,
            "lam@example.vn",
            "Vi Văn Lâm",
            organisation,
            &[AccessRole::Planner],
        )
        .await;
        let token = testkit::people::api_token(pool, "lam@example.vn").await;
        Planner {
            organisation,
            token,
        }
    }
}

impl Load {
    /// Starts `workers` workers acting as `planner`, spread over the API instances at
    /// `bases`.
    pub fn start(bases: &[String], workers: usize, planner: &Planner) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let mut set = JoinSet::new();
        for worker in 0..workers {
            let base = bases[worker % bases.len()].clone();
            let stop = stop.clone();
            set.spawn(work(base, worker, planner.clone(), stop, started));
        }
        Load { stop, workers: set }
    }

    /// Stops the workers after their current command and adds up what they saw.
    pub async fn finish(mut self) -> Tally {
        self.stop.store(true, Ordering::Relaxed);
        let mut tally = Tally::default();
        while let Some(done) = self.workers.join_next().await {
            tally.merge(done.expect("a load worker panicked"));
        }
        tally
    }
}

async fn work(
    base: String,
    worker: usize,
    planner: Planner,
    stop: Arc<AtomicBool>,
    started: Instant,
) -> Tally {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {}", planner.token).parse().unwrap(),
    );
    let client = reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .default_headers(headers)
        .build()
        .unwrap();
    let mut draft = plan(format!("Đoàn giao lưu số {worker}"));
    draft.host_organisation_id = Some(planner.organisation);
    let mut tally = Tally::default();
    let mut programme: Option<String> = None;
    let mut revisions = 0;
    while !stop.load(Ordering::Relaxed) {
        let request = match &programme {
            None => client
                .post(format!("{base}/api/programmes"))
                .json(&serde_json::to_value(&draft).unwrap()),
            Some(id) => client
                .post(format!("{base}/api/programmes/{id}/revise"))
                .json(&json!({"changes": {"title": format!("Đoàn giao lưu số {worker}, lần sửa {revisions}")}})),
        };
        match answer(request).await {
            Some(body) => {
                tally.done_at.push(started.elapsed());
                tally.acked.extend(
                    body["appended"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|event| event["event_id"].as_str().unwrap().parse::<Uuid>().unwrap()),
                );
                revisions += 1;
                if programme.is_none() {
                    programme = Some(body["id"].as_str().unwrap().to_owned());
                } else if revisions % REVISIONS_PER_PROGRAMME == 0 {
                    programme = None;
                }
            }
            None => {
                tally.failed += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    tally
}

/// The body of a successful answer; `None` for an error, a timeout or a cut connection.
async fn answer(request: reqwest::RequestBuilder) -> Option<Value> {
    let response = request.send().await.ok()?;
    if !response.status().is_success() {
        return None;
    }
    response.json().await.ok()
}
