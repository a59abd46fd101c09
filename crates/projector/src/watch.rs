use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tracing::debug;

/// Tells how far the active read model has got, so that a request can wait until its own
/// write is visible (read-your-writes). Fed by the projector's `NOTIFY`, with polling as
/// a fallback when notifications are missed.
#[derive(Clone)]
pub struct ProjectionWatch {
    position: watch::Receiver<i64>,
}

const POLL_EVERY: Duration = Duration::from_millis(250);

impl ProjectionWatch {
    pub fn start(pool: PgPool, shutdown: CancellationToken) -> Self {
        let (sender, position) = watch::channel(0);
        tokio::spawn(async move {
            let mut listener = None;
            while !shutdown.is_cancelled() {
                if listener.is_none() {
                    listener = match PgListener::connect_with(&pool).await {
                        Ok(mut l) => l.listen("caunoi_projection").await.ok().map(|_| l),
                        Err(error) => {
                            debug!(%error, "projection listener unavailable; polling");
                            None
                        }
                    };
                }
                let notified = match listener.as_mut() {
                    Some(l) => tokio::select! {
                        _ = shutdown.cancelled() => break,
                        n = tokio::time::timeout(POLL_EVERY, l.recv()) => n,
                    },
                    None => {
                        tokio::time::sleep(POLL_EVERY).await;
                        Ok(Err(sqlx::Error::PoolClosed))
                    }
                };
                let seen = match notified {
                    Ok(Ok(n)) => n.payload().parse().ok(),
                    Ok(Err(_)) => {
                        listener = None;
                        crate::queries::position(&pool).await.ok()
                    }
                    Err(_timeout) => crate::queries::position(&pool).await.ok(),
                };
                if let Some(seen) = seen {
                    sender.send_if_modified(|p| {
                        // A rebuild's switch-over can only move forward, but a NOTIFY from a
                        // retired generation may arrive late; never go back.
                        let newer = seen > *p;
                        if newer {
                            *p = seen;
                        }
                        newer
                    });
                }
            }
        });
        Self { position }
    }

    pub fn position(&self) -> i64 {
        *self.position.borrow()
    }

    /// Waits until the read model includes `position`; false if `timeout` ran out first.
    pub async fn wait_for(&self, position: u64, timeout: Duration) -> bool {
        let mut receiver = self.position.clone();
        tokio::time::timeout(timeout, receiver.wait_for(|p| *p >= position as i64))
            .await
            .is_ok_and(|r| r.is_ok())
    }
}
