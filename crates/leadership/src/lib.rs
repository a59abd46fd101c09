//! One active instance of a service at a time. The active one holds a PostgreSQL advisory
//! lock on a connection of its own, outside the service's pool so that holding it takes
//! nothing from the work; when it stops, or its connection drops, the lock is released and
//! a standby takes it within a second.

use std::time::Duration;

use sqlx::{Connection, PgConnection, PgPool};
use tokio_util::sync::CancellationToken;
use tracing::info;

/// How often a standby tries to take over.
const STANDBY_POLL: Duration = Duration::from_secs(1);

/// The lock of a named role, held while this instance is the active one.
pub struct Lead {
    name: String,
    connection: PgConnection,
}

impl Lead {
    /// Waits until this instance holds the role `name`; `None` if `shutdown` came first.
    pub async fn take(
        pool: &PgPool,
        name: &str,
        shutdown: &CancellationToken,
    ) -> Result<Option<Lead>, sqlx::Error> {
        let mut announced = false;
        loop {
            let mut connection = PgConnection::connect_with(&pool.connect_options()).await?;
            let locked: bool =
                sqlx::query_scalar("SELECT pg_try_advisory_lock(hashtextextended($1, 0))")
                    .bind(name)
                    .fetch_one(&mut connection)
                    .await?;
            if locked {
                info!(role = name, "this instance is the active one");
                return Ok(Some(Lead {
                    name: name.to_string(),
                    connection,
                }));
            }
            connection.close().await.ok();
            if !announced {
                info!(role = name, "another instance is active; standing by");
                announced = true;
            }
            tokio::select! {
                _ = shutdown.cancelled() => return Ok(None),
                _ = tokio::time::sleep(STANDBY_POLL) => {}
            }
        }
    }

    /// Gives the role up for another instance.
    pub async fn release(mut self) {
        sqlx::query("SELECT pg_advisory_unlock(hashtextextended($1, 0))")
            .bind(&self.name)
            .execute(&mut self.connection)
            .await
            .ok();
        self.connection.close().await.ok();
    }
}
