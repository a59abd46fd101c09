//! Running a command from a form, as the signed-in person.

use domain::Aggregate;
use eventstore::{CommandMeta, ExecuteError, Outcome};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::state::WebState;

/// Runs the command with the person as actor through the application's one command
/// runner, which waits until the read models show it, so that the next page shows the
/// change.
pub async fn run<A: Aggregate>(
    state: &WebState,
    user: &SignedIn,
    correlation_id: &str,
    id: Uuid,
    expected_version: Option<u64>,
    command: &A::Command,
) -> Result<Outcome<A>, ExecuteError> {
    let ran = state
        .commands
        .run::<A>(
            &meta(state, user, correlation_id),
            id,
            expected_version,
            command,
        )
        .await?;
    Ok(ran.outcome)
}

/// The person as actor of what a form asks for, now, as part of the request.
pub fn meta(state: &WebState, user: &SignedIn, correlation_id: &str) -> CommandMeta {
    CommandMeta {
        now: state.clock.now(),
        actor: user.email.clone(),
        correlation_id: correlation_id.to_string(),
        causation_id: Some(format!("http:{correlation_id}")),
    }
}
