//! The services behind the HTTP application, each run until its shutdown token is
//! cancelled. `caunoi serve` runs them, and so do the tests that need them, so that a test
//! follows the stream under the same subscription names and with the same parts.

use clock::Clock;
use eventstore::EventStore;
use mailer::Mailer;
use notifications::{MailEnqueuer, MailQueue, MailSender, SenderSettings};
use projector::{Projector, ProjectorConfig};
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use workflow::Subscription;
use workflow::approvals::{ApprovalProcess, ApprovalSettings};

/// Projects the stream into the read models.
pub async fn projector(
    pool: PgPool,
    store: EventStore,
    config: ProjectorConfig,
    shutdown: CancellationToken,
) {
    Projector::new(pool, store, config).run(shutdown).await;
}

/// How many programmes' approval events are handled at once. Each step of the approval
/// process reads the state it acts on, so steps of different programmes may overlap; under
/// a burst of decisions one at a time let the deciding vote wait seconds for its outcome.
/// The steps wait on the store far more than they compute (through a backlog the machine
/// stood idle 40% of the time with 16), so lanes are cheap: with 64 the bench's backlog
/// went from 3,400–3,800 to 4,400 events a second; 128 gained little more.
const APPROVAL_LANES: usize = 64;

/// Opens approval rounds, sends links as stages open, records outcomes.
pub async fn approvals(
    pool: PgPool,
    store: EventStore,
    settings: ApprovalSettings,
    clock: Clock,
    shutdown: CancellationToken,
) {
    let process = ApprovalProcess::new(store.clone(), settings, clock);
    Subscription::new("approvals", pool, store)
        .with_lanes(APPROVAL_LANES)
        .run(&process, shutdown)
        .await;
}

/// Queues the mails events call for, and delivers the queue through `mailer`.
pub async fn mail(
    pool: PgPool,
    store: EventStore,
    mailer: Mailer,
    settings: SenderSettings,
    shutdown: CancellationToken,
) {
    let queue = MailQueue::new(pool.clone());
    let enqueuer = MailEnqueuer::new(store.clone(), queue.clone());
    let following = Subscription::new("mail-queue", pool, store);
    let sender = MailSender::new(queue, mailer, settings);
    tokio::join!(
        following.run(&enqueuer, shutdown.clone()),
        sender.run(shutdown)
    );
}
