//! The scene of the approval benchmark: one Youth Union whose standing committee of
//! `members` decides every programme, and `programmes` programmes submitted to it over
//! HTTP. The approval process opens a round for each and issues a link to every member.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use domain::approval::{ApprovalRound, round_id};
use eventstore::EventStore;
use serde_json::{Value, json};
use tokio::sync::Semaphore;
use uuid::Uuid;
use workflow::links::{LinkSecret, approval_url};

use crate::commands::post;

/// Registers the organisation, its committee and a route for every kind; returns the
/// organisation's id.
pub async fn directory(
    client: &reqwest::Client,
    base: &str,
    members: usize,
    rule: &str,
) -> Result<String> {
    let org = post(
        client,
        &format!("{base}/api/organisations"),
        &json!({"name": "Tỉnh Đoàn Cao Bằng", "kind": "provincial_youth_union", "province": "Cao Bằng"}),
    )
    .await?;
    let id = org["id"]
        .as_str()
        .context("no organisation id")?
        .to_string();
    let people: Vec<Value> = (0..members)
        .map(|i| {
            json!({
                "name": format!("Ủy viên Ban Thường vụ số {}", i + 1),
                "email": format!("uyvien{}@tinhdoancaobang.example.vn", i + 1),
                "role": if i == 0 { "chair" } else { "member" },
                "serves_from": "2022-10-01"
            })
        })
        .collect();
    let committee = post(
        client,
        &format!("{base}/api/organisations/{id}/committees"),
        &json!({"name": "Ban Thường vụ Tỉnh Đoàn Cao Bằng", "rule": rule, "members": people}),
    )
    .await?;
    post(
        client,
        &format!("{base}/api/organisations/{id}/routes"),
        &json!({"name": "Quy trình chung", "stages": [{"committee_id": committee["created"]}]}),
    )
    .await?;
    Ok(id)
}

fn plan(n: usize, host: &str) -> Value {
    json!({
        "title": format!("Đoàn công tác số {n} sang Quảng Tây"),
        "kind": "delegation_visit",
        "host_organisation": "Tỉnh Đoàn Cao Bằng",
        "host_organisation_id": host,
        "partners": [{"name": "Đoàn Thanh niên Khu tự trị Quảng Tây", "country": "CN", "region": "Quảng Tây"}],
        "schedule": {"start": "2027-05-10", "end": "2027-05-12", "timezone": "Asia/Ho_Chi_Minh"},
        "border_gate": "Cửa khẩu Trà Lĩnh",
        "objectives": "Trao đổi kinh nghiệm công tác Đoàn và phong trào thanh niên",
        "expected_delegation_size": 20,
        "coordinator": {"name": "Nông Thị Hoa", "email": "hoa@tinhdoancaobang.example.vn"}
    })
}

/// Drafts and submits `count` programmes, `clients` at a time; returns their ids.
pub async fn submit(
    client: &reqwest::Client,
    base: &str,
    host: &str,
    count: usize,
    clients: usize,
) -> Result<Vec<Uuid>> {
    let permits = Arc::new(Semaphore::new(clients));
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..count {
        let (client, base, body) = (client.clone(), base.to_string(), plan(n, host));
        let permit = permits.clone().acquire_owned().await?;
        tasks.spawn(async move {
            let _permit = permit;
            let created = post(&client, &format!("{base}/api/programmes"), &body).await?;
            let id = created["id"]
                .as_str()
                .context("no programme id")?
                .to_string();
            post(
                &client,
                &format!("{base}/api/programmes/{id}/submit"),
                &json!({}),
            )
            .await?;
            anyhow::Ok(Uuid::parse_str(&id)?)
        });
    }
    let mut ids = Vec::with_capacity(count);
    while let Some(done) = tasks.join_next().await {
        ids.push(done??);
    }
    Ok(ids)
}

/// Waits until every seat of every round has its link, as the read model shows.
pub async fn links_issued(pool: &sqlx::PgPool, seats: i64, limit: Duration) -> Result<()> {
    let started = Instant::now();
    loop {
        let issued: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM caunoi.approval_seats WHERE link_issued_at IS NOT NULL",
        )
        .fetch_one(pool)
        .await
        .unwrap_or(0);
        if issued >= seats {
            return Ok(());
        }
        if started.elapsed() > limit {
            bail!("only {issued} of {seats} links were issued within {limit:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The links of the first `needed` seats of a programme's first round, as its approvers
/// find them in their mail: the token is worked out from the link id with the secret.
pub async fn links(
    store: &EventStore,
    secret: &LinkSecret,
    base: &str,
    programme: Uuid,
    needed: usize,
) -> Result<Vec<String>> {
    let round = round_id(programme, 1);
    let loaded = store.load::<ApprovalRound>(round).await?;
    let record = loaded.state.record().context("no approval round")?;
    let links: Vec<String> = record.stages[0]
        .seats
        .iter()
        .filter_map(|seat| seat.link.as_ref())
        .take(needed)
        .map(|link| approval_url(base, round, &secret.token(link.link_id)))
        .collect();
    if links.len() < needed {
        bail!(
            "programme {programme} has {} links, not {needed}",
            links.len()
        );
    }
    Ok(links)
}
