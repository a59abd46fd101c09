use std::time::Duration;

use eventstore::{EventStore, StoreConfig};
use testkit::{TestEnv, TestNats};

use super::load::{Load, Planner};
use super::{assert_equal_to_a_rebuild, assert_every_acknowledged_event_kept, wait_caught_up};
use crate::{Caunoi, free_port, server_env, wait_ready};

/// A single durable server, as `caunoi up` runs one, crashes under load: every event it
/// acknowledged is on disk, so every one is there when it starts again.
#[tokio::test]
async fn a_single_durable_nats_crashed_under_load_keeps_every_acknowledged_event() {
    let env = TestEnv::new().await;
    let mut nats = TestNats::start_durable().await;
    let http = free_port();
    let base = format!("http://127.0.0.1:{http}");
    let mut settings = server_env(&env);
    settings.retain(|(key, _)| *key != "NATS_URL");
    settings.extend([
        ("NATS_URL", nats.url()),
        ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
    ]);
    let caunoi = Caunoi::start(&["serve", "api", "projector"], &settings);
    wait_ready(&base).await;
    let config = StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone());
    let store = EventStore::open(async_nats::connect(nats.url()).await.unwrap(), config)
        .await
        .unwrap();

    let planner = Planner::make(&store, &env.pool().await).await;
    let load = Load::start(std::slice::from_ref(&base), 8, &planner);
    tokio::time::sleep(Duration::from_secs(3)).await;
    nats.kill().await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    nats.start_again().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let tally = load.finish().await;
    println!(
        "single NATS killed and restarted: {} commands acknowledged, {} failed, longest pause {:?}",
        tally.done_at.len(),
        tally.failed,
        tally.longest_pause()
    );

    assert_every_acknowledged_event_kept(&tally, &store).await;
    let pool = env.pool().await;
    wait_caught_up(&pool, &store).await;
    assert_equal_to_a_rebuild(&pool, vec![caunoi], &settings).await;
}
