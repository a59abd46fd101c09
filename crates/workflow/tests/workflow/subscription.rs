//! A durable subscription: each event once, in order, from where it left off, and one
//! instance at a time.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eventstore::StoredEvent;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use workflow::{Handler, HandlerError, Subscription};

use super::{draft, setup};

/// Notes the sequence of every event it is given.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<u64>>>,
}

impl Recorder {
    fn seen(&self) -> Vec<u64> {
        self.seen.lock().unwrap().clone()
    }

    async fn until(&self, count: usize) -> Vec<u64> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let seen = self.seen();
            if seen.len() >= count {
                return seen;
            }
            assert!(Instant::now() < deadline, "handled only {seen:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Handler for Recorder {
    async fn handle(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        self.seen.lock().unwrap().push(event.sequence);
        Ok(())
    }
}

fn running(
    subscription: Subscription,
    handler: Recorder,
) -> (CancellationToken, tokio::task::JoinHandle<()>) {
    let token = CancellationToken::new();
    let stop = token.clone();
    let task = tokio::spawn(async move { subscription.run(&handler, stop).await });
    (token, task)
}

async fn stop(running: (CancellationToken, tokio::task::JoinHandle<()>)) {
    running.0.cancel();
    tokio::time::timeout(Duration::from_secs(10), running.1)
        .await
        .expect("a subscription stops when told")
        .unwrap();
}

#[tokio::test]
async fn each_event_is_handled_once_in_order_and_a_restart_resumes_where_it_stopped() {
    let s = setup().await;
    let host = Uuid::now_v7();
    for _ in 0..5 {
        draft(&s.store, host).await;
    }
    let first = Recorder::default();
    let run = running(
        Subscription::new("mail-queue", s.pool.clone(), s.store.clone()),
        first.clone(),
    );
    assert_eq!(first.until(5).await, vec![1, 2, 3, 4, 5]);
    stop(run).await;
    let position: i64 =
        sqlx::query_scalar("SELECT position FROM caunoi.subscriptions WHERE name = 'mail-queue'")
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert_eq!(position, 5);

    for _ in 0..3 {
        draft(&s.store, host).await;
    }
    let second = Recorder::default();
    let run = running(
        Subscription::new("mail-queue", s.pool.clone(), s.store.clone()),
        second.clone(),
    );
    assert_eq!(second.until(3).await, vec![6, 7, 8]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(second.seen(), vec![6, 7, 8], "nothing is handled twice");
    assert_eq!(first.seen().len(), 5);
    stop(run).await;
}

#[tokio::test]
async fn of_two_instances_one_handles_and_the_other_takes_over_when_it_stops() {
    let s = setup().await;
    let host = Uuid::now_v7();
    let (a, b) = (Recorder::default(), Recorder::default());
    let run_a = running(
        Subscription::new("approvals", s.pool.clone(), s.store.clone()),
        a.clone(),
    );
    // The first has taken the lead before the second starts.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let run_b = running(
        Subscription::new("approvals", s.pool.clone(), s.store.clone()),
        b.clone(),
    );
    for _ in 0..4 {
        draft(&s.store, host).await;
    }
    assert_eq!(a.until(4).await, vec![1, 2, 3, 4]);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(b.seen().is_empty(), "the standby handled {:?}", b.seen());

    stop(run_a).await;
    for _ in 0..2 {
        draft(&s.store, host).await;
    }
    assert_eq!(
        b.until(2).await,
        vec![5, 6],
        "it takes over from the saved position"
    );
    assert_eq!(a.seen().len(), 4);
    stop(run_b).await;
}

/// Cannot handle the second event, panics on the third; handles the others.
struct FailsOnTwoAndThree(Recorder);

impl Handler for FailsOnTwoAndThree {
    async fn handle(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        match event.sequence {
            2 => Err(HandlerError::Unhandleable(
                "unexpected event data: missing field `round`".into(),
            )),
            3 => panic!("a bug met by one event"),
            _ => self.0.handle(event).await,
        }
    }
}

#[tokio::test]
async fn an_event_that_can_never_be_handled_is_recorded_and_the_follower_goes_on() {
    let s = setup().await;
    let host = Uuid::now_v7();
    for _ in 0..4 {
        draft(&s.store, host).await;
    }
    let recorder = Recorder::default();
    let handler = FailsOnTwoAndThree(recorder.clone());
    let token = CancellationToken::new();
    let stop_token = token.clone();
    let subscription = Subscription::new("approvals", s.pool.clone(), s.store.clone());
    let task = tokio::spawn(async move { subscription.run(&handler, stop_token).await });
    assert_eq!(recorder.until(2).await, vec![1, 4]);
    let failures: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT subscription, sequence, reason FROM caunoi.subscription_failures ORDER BY sequence",
    )
    .fetch_all(&s.pool)
    .await
    .unwrap();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert_eq!((failures[0].0.as_str(), failures[0].1), ("approvals", 2));
    assert!(failures[0].2.contains("missing field"), "{}", failures[0].2);
    assert_eq!(failures[1].1, 3);
    assert!(
        failures[1].2.contains("a bug met by one event"),
        "{}",
        failures[1].2
    );
    stop((token, task)).await;
}

async fn saved_position(pool: &sqlx::PgPool, name: &str) -> i64 {
    sqlx::query_scalar("SELECT position FROM caunoi.subscriptions WHERE name = $1")
        .bind(name)
        .fetch_optional(pool)
        .await
        .unwrap()
        .unwrap_or(0)
}

/// The position is saved in batches, not after every event; a follower that dies without
/// stopping must still not hand its successor events it had handled long before.
#[tokio::test]
async fn the_position_is_saved_once_the_stream_has_nothing_more_at_hand_even_without_a_stop() {
    let s = setup().await;
    let host = Uuid::now_v7();
    for _ in 0..150 {
        draft(&s.store, host).await;
    }
    let first = Recorder::default();
    let run = running(
        Subscription::new("mail-queue", s.pool.clone(), s.store.clone()),
        first.clone(),
    );
    assert_eq!(first.until(150).await, (1..=150).collect::<Vec<u64>>());
    let deadline = Instant::now() + Duration::from_secs(5);
    while saved_position(&s.pool, "mail-queue").await < 150 {
        assert!(Instant::now() < deadline, "the position was not saved");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Killed, not stopped: nothing more is saved.
    run.1.abort();
    let _ = run.1.await;

    draft(&s.store, host).await;
    let second = Recorder::default();
    let run = running(
        Subscription::new("mail-queue", s.pool.clone(), s.store.clone()),
        second.clone(),
    );
    assert_eq!(second.until(1).await, vec![151]);
    stop(run).await;
}

/// Takes its time over one event, and notes the order in which it finished each, and
/// which it was told were followed by a later event of their aggregate.
struct SlowOn {
    sequence: u64,
    recorder: Recorder,
    followed: Recorder,
}

impl Handler for SlowOn {
    async fn handle(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        if event.sequence == self.sequence {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        self.recorder.handle(event).await
    }

    async fn handle_followed(&self, event: &StoredEvent) -> Result<(), HandlerError> {
        self.followed.handle(event).await?;
        self.handle(event).await
    }
}

#[tokio::test]
async fn with_lanes_other_programmes_go_ahead_of_a_slow_event_while_its_own_programme_waits() {
    let s = setup().await;
    let host = Uuid::now_v7();
    let slow = draft(&s.store, host).await; // 1
    draft(&s.store, host).await; // 2
    s.store
        .execute::<domain::programme::Programme>(
            slow,
            None,
            &domain::programme::ProgrammeCommand::Submit,
            &super::meta(),
        )
        .await
        .unwrap(); // 3, the slow programme's second event
    draft(&s.store, host).await; // 4
    s.store
        .execute::<domain::programme::Programme>(
            slow,
            None,
            &domain::programme::ProgrammeCommand::Withdraw {
                reason: "Sửa lại kinh phí.".into(),
            },
            &super::meta(),
        )
        .await
        .unwrap(); // 5, its third
    let recorder = Recorder::default();
    let followed = Recorder::default();
    let handler = SlowOn {
        sequence: 1,
        recorder: recorder.clone(),
        followed: followed.clone(),
    };
    let token = CancellationToken::new();
    let stop_token = token.clone();
    let subscription =
        Subscription::new("approvals", s.pool.clone(), s.store.clone()).with_lanes(4);
    let task = tokio::spawn(async move { subscription.run(&handler, stop_token).await });
    let seen = recorder.until(5).await;
    let at = |sequence: u64| seen.iter().position(|s| *s == sequence).unwrap();
    assert!(
        at(2) < at(1) && at(4) < at(1),
        "others went ahead: {seen:?}"
    );
    assert!(
        at(1) < at(3) && at(3) < at(5),
        "its own later events waited: {seen:?}"
    );
    assert_eq!(
        followed.seen(),
        vec![3],
        "3 was handed over with 5 waiting behind it; 5 had nothing after it"
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while saved_position(&s.pool, "approvals").await < 5 {
        assert!(Instant::now() < deadline, "the position was not saved");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop((token, task)).await;
}
