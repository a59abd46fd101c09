use std::time::Duration;

use clock::Clock;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use crate::run::Scheduler;

/// Runs the scheduler until `shutdown`: first the run missed while the service was down,
/// if any (once, whatever the downtime), then every scheduled time. A run in progress is
/// finished first; each email's reminders are claimed and queued in one transaction, so
/// stopping anywhere loses nothing.
pub async fn serve(scheduler: Scheduler, clock: Clock, shutdown: CancellationToken) {
    let mut backoff = Duration::from_secs(1);
    loop {
        match scheduler.missed_slot(clock.now()).await {
            Ok(Some(slot)) => {
                info!(%slot, "catching up the run missed while the scheduler was down");
                if let Err(error) = scheduler.run(slot, clock.now()).await {
                    warn!(%error, "the catch-up run failed; retrying");
                    if pause(&shutdown, backoff).await {
                        return;
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(60));
                    continue;
                }
            }
            Ok(None) => {}
            Err(error) => {
                warn!(%error, "the reminder runs could not be read; retrying");
                if pause(&shutdown, backoff).await {
                    return;
                }
                backoff = (backoff * 2).min(Duration::from_secs(60));
                continue;
            }
        }
        backoff = Duration::from_secs(1);
        let Some(next) = scheduler.schedules.next_after(clock.now()) else {
            warn!("the reminder schedules have no future time; the scheduler waits for shutdown");
            shutdown.cancelled().await;
            return;
        };
        info!(next = %next, "next reminder run");
        let wait = (next - clock.now()).to_std().unwrap_or_default();
        if pause(&shutdown, wait).await {
            info!("reminder scheduler stopped");
            return;
        }
        // A failed run is left for the catch-up at the top of the loop.
        if let Err(error) = scheduler.run(next, clock.now()).await {
            warn!(%error, slot = %next, "a reminder run failed; it will be caught up");
        }
    }
}

/// Waits `duration`; true if the service is stopping instead.
async fn pause(shutdown: &CancellationToken, duration: Duration) -> bool {
    tokio::select! {
        _ = shutdown.cancelled() => true,
        _ = tokio::time::sleep(duration) => false,
    }
}
