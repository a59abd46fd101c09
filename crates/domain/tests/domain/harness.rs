//! The given/when/then harness every aggregate's tests use: `given` folds earlier events
//! into a state, `when` decides a command on it. Every event a test's `when` produces can
//! also be kept as a stored-form fixture (see `event_fixtures`).

use domain::{Aggregate, CommandContext, DomainError};

use crate::event_fixtures;

/// The state that `events` leave, from a new aggregate.
pub fn given<'a, A: Aggregate>(events: impl IntoIterator<Item = &'a A::Event>) -> A {
    events
        .into_iter()
        .fold(A::default(), |state, event| state.evolve(event))
}

/// What `command` decides on `state` at `context`.
pub fn when<A: Aggregate>(
    state: &A,
    command: &A::Command,
    context: &CommandContext,
) -> Result<Vec<A::Event>, DomainError> {
    let result = state.decide(command, context);
    if let Ok(events) = &result {
        event_fixtures::keep::<A>(events);
    }
    result
}
