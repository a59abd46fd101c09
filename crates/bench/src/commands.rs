//! Command latency over HTTP: many planners editing many programmes at once.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use hdrhistogram::Histogram;
use serde_json::{Value, json};
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::access::Access;

pub struct CommandFigures {
    pub throughput: f64,
    pub p50: Duration,
    pub p99: Duration,
    pub commands: usize,
}

pub fn plan(n: usize, host: Uuid) -> Value {
    json!({
        "title": format!("Đoàn công tác số {n} sang Quảng Tây"),
        "kind": "delegation_visit",
        "host_organisation": "Tỉnh Đoàn Lạng Sơn",
        "host_organisation_id": host,
        "partners": [{"name": "Đoàn Thanh niên Khu tự trị Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
        "schedule": {"start": "2027-05-10", "end": "2027-05-12", "timezone": "Asia/Ho_Chi_Minh"},
        "border_gate": "Cửa khẩu quốc tế Hữu Nghị",
        "objectives": "Trao đổi kinh nghiệm công tác thanh niên",
        "expected_delegation_size": 30,
        "budget": [{"label": "Quà lưu niệm", "amount": "5000000", "currency": "VND"}],
        "coordinator": {"name": "Hoàng Thị Mai", "email": "mai@example.vn"}
    })
}

pub(crate) async fn post(client: &reqwest::Client, url: &str, body: &Value) -> Result<Value> {
    let response = client.post(url).json(body).send().await?;
    let status = response.status();
    let body: Value = response.json().await?;
    if !status.is_success() {
        bail!("{url} answered {status}: {body}");
    }
    Ok(body)
}

/// Drafts `programmes` programmes, then has `clients` clients revise them round-robin
/// until `commands` commands have been answered; client `c` talks to the API instance
/// `bases[c % bases.len()]`, as the person of `access`.
pub async fn run(
    bases: &[String],
    access: &Access,
    programmes: usize,
    clients: usize,
    commands: usize,
) -> Result<CommandFigures> {
    let client = access
        .client_builder()?
        .pool_max_idle_per_host(clients)
        .build()?;
    let mut ids = Vec::with_capacity(programmes);
    for n in 0..programmes {
        let base = &bases[n % bases.len()];
        let created = post(
            &client,
            &format!("{base}/api/programmes"),
            &plan(n, access.organisation),
        )
        .await?;
        ids.push(created["id"].as_str().context("no id")?.to_string());
    }
    let ids = Arc::new(ids);
    let per_client = commands / clients;
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for c in 0..clients {
        let (client, ids) = (client.clone(), ids.clone());
        let base = bases[c % bases.len()].clone();
        tasks.spawn(async move {
            let mut latencies = Histogram::<u64>::new(3)?;
            for k in 0..per_client {
                let id = &ids[(c + k * clients) % ids.len()];
                let body =
                    json!({"changes": {"title": format!("Đoàn công tác {c}-{k} sang Quảng Tây")}});
                let sent = Instant::now();
                post(
                    &client,
                    &format!("{base}/api/programmes/{id}/revise"),
                    &body,
                )
                .await?;
                latencies.record(sent.elapsed().as_micros() as u64)?;
            }
            anyhow::Ok(latencies)
        });
    }
    figures(tasks, started, per_client * clients).await
}

/// The figures of `commands` commands sent since `started` by clients that each return
/// the histogram of their latencies, in microseconds.
pub async fn figures(
    mut clients: JoinSet<Result<Histogram<u64>>>,
    started: Instant,
    commands: usize,
) -> Result<CommandFigures> {
    let mut all = Histogram::<u64>::new(3)?;
    while let Some(done) = clients.join_next().await {
        all.add(done??)?;
    }
    Ok(CommandFigures {
        throughput: commands as f64 / started.elapsed().as_secs_f64(),
        p50: Duration::from_micros(all.value_at_quantile(0.5)),
        p99: Duration::from_micros(all.value_at_quantile(0.99)),
        commands,
    })
}
