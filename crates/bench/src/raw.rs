//! The raw limits of the servers themselves, measured in the same run.

use std::time::Instant;

use anyhow::Result;
use async_nats::jetstream::{self, stream};
use futures::StreamExt;
use futures::stream::FuturesUnordered;

use crate::report::rate;

const PAYLOAD: usize = 900;

async fn bench_stream(nats: &async_nats::Client, name: &str) -> Result<jetstream::Context> {
    let js = jetstream::new(nats.clone());
    js.create_stream(stream::Config {
        name: name.into(),
        subjects: vec![format!("{}.>", name.to_lowercase())],
        storage: stream::StorageType::File,
        ..Default::default()
    })
    .await?;
    Ok(js)
}

/// Publishes one message at a time, waiting for each acknowledgement.
pub async fn publish_sequential(nats: &async_nats::Client, count: usize) -> Result<f64> {
    let js = bench_stream(nats, "RAWSEQ").await?;
    let payload = vec![b'x'; PAYLOAD];
    let started = Instant::now();
    for i in 0..count {
        js.publish(format!("rawseq.{}", i % 1000), payload.clone().into())
            .await?
            .await?;
    }
    Ok(rate(count, started))
}

/// Keeps up to `window` publishes in flight at once.
pub async fn publish_pipelined(
    nats: &async_nats::Client,
    count: usize,
    window: usize,
) -> Result<f64> {
    let js = bench_stream(nats, "RAWPIPE").await?;
    let payload = vec![b'x'; PAYLOAD];
    let started = Instant::now();
    let mut in_flight = FuturesUnordered::new();
    for i in 0..count {
        if in_flight.len() >= window
            && let Some(ack) = in_flight.next().await
        {
            let _: async_nats::jetstream::publish::PublishAck = ack?;
        }
        let ack = js
            .publish(format!("rawpipe.{}", i % 1000), payload.clone().into())
            .await?;
        in_flight.push(ack.into_future());
    }
    while let Some(ack) = in_flight.next().await {
        ack?;
    }
    Ok(rate(count, started))
}

/// Inserts rows as wide as an event's history row, a transaction per batch.
pub async fn batched_insert(database_url: &str, count: usize, batch: usize) -> Result<f64> {
    let pool = sqlx::PgPool::connect(database_url).await?;
    sqlx::query(
        "CREATE TABLE raw_insert (sequence bigint PRIMARY KEY, id uuid NOT NULL, kind text NOT NULL, data jsonb NOT NULL)",
    )
    .execute(&pool)
    .await?;
    let data = serde_json::json!({ "padding": "x".repeat(PAYLOAD - 100) }).to_string();
    let started = Instant::now();
    for chunk in (0..count as i64).collect::<Vec<_>>().chunks(batch) {
        let ids: Vec<uuid::Uuid> = chunk.iter().map(|_| uuid::Uuid::now_v7()).collect();
        let kinds = vec!["raw-row".to_string(); chunk.len()];
        let datas = vec![data.clone(); chunk.len()];
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO raw_insert SELECT s, i, k, d::jsonb FROM UNNEST($1::bigint[], $2::uuid[], $3::text[], $4::text[]) AS t(s, i, k, d)",
        )
        .bind(chunk)
        .bind(&ids)
        .bind(&kinds)
        .bind(&datas)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    pool.close().await;
    Ok(rate(count, started))
}
