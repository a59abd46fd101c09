use std::time::Duration;

use eventstore::{EventStore, StoreConfig};
use testkit::{TestEnv, TestPostgres};

use super::load::{Load, Planner};
use super::{MIN_ACKNOWLEDGED, assert_equal_to_a_rebuild, stored_event_ids, wait_caught_up};
use crate::{Caunoi, free_port, server_env, wait_ready};

#[tokio::test]
async fn a_postgres_restart_under_load_is_waited_out_and_caught_up() {
    let env = TestEnv::new().await;
    let mut postgres = TestPostgres::start().await;
    let http = free_port();
    let base = format!("http://127.0.0.1:{http}");
    let mut settings = server_env(&env);
    settings.retain(|(key, _)| *key != "DATABASE_URL");
    settings.extend([
        ("DATABASE_URL", postgres.url()),
        ("CAUNOI_HTTP_ADDR", format!("127.0.0.1:{http}")),
    ]);
    let caunoi = Caunoi::start(&["serve", "api", "projector"], &settings);
    wait_ready(&base).await;
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();

    let planner = Planner::make(
        &store,
        &sqlx::PgPool::connect(&postgres.url()).await.unwrap(),
    )
    .await;
    // The planner's organisation and role are events too, but no programme's.
    let before_load = stored_event_ids(&store).await.len();
    let load = Load::start(std::slice::from_ref(&base), 8, &planner);
    tokio::time::sleep(Duration::from_secs(3)).await;
    postgres.stop().await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    postgres.start_again().await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let tally = load.finish().await;
    println!(
        "PostgreSQL restarted: {} commands acknowledged, {} failed, longest pause {:?}",
        tally.done_at.len(),
        tally.failed,
        tally.longest_pause()
    );

    let stored = stored_event_ids(&store).await;
    assert!(
        tally.acked.len() > MIN_ACKNOWLEDGED,
        "the load ran: {}",
        tally.acked.len()
    );
    assert!(
        tally.acked.iter().all(|id| stored.contains(id)),
        "every acknowledged event is in the stream"
    );
    let pool = sqlx::PgPool::connect(&postgres.url()).await.unwrap();
    wait_caught_up(&pool, &store).await;
    let history: i64 = sqlx::query_scalar("SELECT count(*) FROM caunoi.programme_events")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        history as usize,
        stored.len() - before_load,
        "every event is in the read model's history exactly once"
    );
    assert_equal_to_a_rebuild(&pool, vec![caunoi], &settings).await;
}
