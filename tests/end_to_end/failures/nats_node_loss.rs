use std::time::Duration;

use eventstore::{EventStore, StoreConfig};
use testkit::{TestEnv, TestNatsCluster};

use super::load::{Load, Planner};
use super::{assert_equal_to_a_rebuild, assert_every_acknowledged_event_kept, wait_caught_up};
use crate::{Caunoi, free_port, server_env, wait_ready};

/// Generous for a two-core machine; the figure measured is printed.
const LONGEST_PAUSE_ALLOWED: Duration = Duration::from_secs(15);

#[tokio::test]
async fn losing_the_stream_leader_loses_no_acknowledged_event() {
    let env = TestEnv::new().await;
    let mut cluster = TestNatsCluster::start().await;
    let http = free_port();
    let base = format!("http://127.0.0.1:{http}");
    let mut settings = server_env(&env);
    settings.retain(|(key, _)| *key != "NATS_URL");
    settings.extend([
        ("NATS_URL", cluster.url()),
        ("CAUNOI_STREAM_REPLICAS", "3".into()),
        ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
    ]);
    let caunoi = Caunoi::start(&["serve", "api", "projector"], &settings);
    wait_ready(&base).await;
    let config = StoreConfig {
        replicas: 3,
        ..StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone())
    };
    let nats = async_nats::connect(cluster.urls()).await.unwrap();
    let store = EventStore::open(nats.clone(), config).await.unwrap();
    let jetstream = async_nats::jetstream::new(nats);
    let mut stream = jetstream.get_stream(&env.stream).await.unwrap();
    let info = stream.info().await.unwrap();
    assert_eq!(
        info.config.num_replicas, 3,
        "the stream is kept on all three"
    );
    let leader = info
        .cluster
        .as_ref()
        .and_then(|c| c.leader.clone())
        .expect("the stream has a leader");
    let leader = cluster.index_of(&leader).expect("a server of ours leads");

    let planner = Planner::make(&store, &env.pool().await).await;
    let load = Load::start(std::slice::from_ref(&base), 8, &planner);
    tokio::time::sleep(Duration::from_secs(3)).await;
    cluster.kill(leader).await.unwrap();
    tokio::time::sleep(Duration::from_secs(6)).await;
    cluster.restart(leader).await.unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let tally = load.finish().await;
    println!(
        "NATS stream leader killed and restarted: {} commands acknowledged, {} failed, longest pause {:?}",
        tally.done_at.len(),
        tally.failed,
        tally.longest_pause()
    );

    assert_every_acknowledged_event_kept(&tally, &store).await;
    assert!(
        tally.longest_pause() < LONGEST_PAUSE_ALLOWED,
        "commands stopped for {:?}",
        tally.longest_pause()
    );
    let pool = env.pool().await;
    wait_caught_up(&pool, &store).await;
    assert_equal_to_a_rebuild(&pool, vec![caunoi], &settings).await;
}
