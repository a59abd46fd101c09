//! Agreements end by themselves: the day after an agreement's last day, it is recorded as
//! expired, so that registers, figures and reminders stop counting it as in force. Runs
//! beside the reminder scheduler, at start and then every hour; several instances doing it
//! at once is harmless, as an agreement already expired refuses to expire again.

use std::time::Duration;

use chrono::{DateTime, Days, Utc};
use clock::Clock;
use domain::agreement::{Agreement, AgreementCommand};
use domain::values::VIETNAM;
use eventstore::{CommandMeta, ExecuteError};
use projector::followup_queries;
use sqlx::PgPool;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

/// The actor of what the service does by itself.
pub const ACTOR: &str = "caunoi-agreements";
const EVERY: Duration = Duration::from_secs(3600);

/// Records as expired every agreement still in force whose last day, in Vietnam, is
/// before `now`'s day; answers how many. One that cannot be expired now (changed in the
/// meantime) is left for the next run.
pub async fn expire_ended(
    commands: &app::Commands,
    pool: &PgPool,
    now: DateTime<Utc>,
) -> Result<usize, projector::ProjectorError> {
    let today = now.with_timezone(&VIETNAM).date_naive();
    let Some(yesterday) = today.checked_sub_days(Days::new(1)) else {
        return Ok(0);
    };
    let ended = followup_queries::expiring(pool, yesterday, None).await?;
    let mut expired = 0;
    for agreement in ended {
        let meta = CommandMeta {
            now,
            actor: ACTOR.into(),
            correlation_id: format!("expiry:{}:{today}", agreement.id),
            causation_id: None,
        };
        match commands
            .run::<Agreement>(&meta, agreement.id, None, &AgreementCommand::Expire)
            .await
        {
            Ok(_) => {
                info!(agreement = %agreement.id, expires_on = %agreement.expires_on, "agreement expired");
                expired += 1;
            }
            Err(ExecuteError::Rejected(_) | ExecuteError::VersionConflict { .. }) => {}
            Err(error) => {
                warn!(agreement = %agreement.id, %error, "an agreement could not be expired now")
            }
        }
    }
    Ok(expired)
}

/// Expires ended agreements at start and every hour until `shutdown`.
pub async fn serve(
    commands: app::Commands,
    pool: PgPool,
    clock: Clock,
    shutdown: CancellationToken,
) {
    loop {
        if let Err(error) = expire_ended(&commands, &pool, clock.now()).await {
            warn!(%error, "ended agreements could not be looked up; trying again later");
        }
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(EVERY) => {}
        }
    }
}
