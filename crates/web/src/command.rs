//! Running a command from a form, as the signed-in person.

use std::time::Duration;

use domain::Aggregate;
use eventstore::{CommandMeta, ExecuteError, Outcome};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::state::WebState;

/// Appends the command's events with the person as actor, then waits (briefly) until
/// the read models show them, so that the next page shows the change.
pub async fn run<A: Aggregate>(
    state: &WebState,
    user: &SignedIn,
    correlation_id: &str,
    id: Uuid,
    expected_version: Option<u64>,
    command: &A::Command,
) -> Result<Outcome<A>, ExecuteError> {
    let meta = CommandMeta {
        now: state.clock.now(),
        actor: user.email.clone(),
        correlation_id: correlation_id.to_string(),
        causation_id: Some(format!("http:{correlation_id}")),
    };
    let outcome = state
        .store
        .execute::<A>(id, expected_version, command, &meta)
        .await?;
    state
        .watch
        .wait_for(outcome.position, Duration::from_secs(2))
        .await;
    Ok(outcome)
}
