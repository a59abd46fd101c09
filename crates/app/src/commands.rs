//! The one command runner.

use std::time::Duration;

use domain::Aggregate;
use eventstore::{CommandMeta, EventStore, ExecuteError, Outcome};
use projector::ProjectionWatch;
use uuid::Uuid;

/// Runs commands on any aggregate for a person or a service, then waits until the read
/// models show them ("read your writes"), so that the next page or read shows the change.
/// Cheap to clone.
#[derive(Clone)]
pub struct Commands {
    pub(crate) store: EventStore,
    watch: ProjectionWatch,
    /// How long a command waits for the read models before answering anyway.
    read_your_writes: Duration,
}

/// What a command did, and whether the read models already show it.
pub struct Ran<A> {
    pub outcome: Outcome<A>,
    /// False when the read models had not caught up within the configured wait: the
    /// change is stored, and reads show it shortly.
    pub visible: bool,
}

impl Commands {
    pub fn new(store: EventStore, watch: ProjectionWatch, read_your_writes: Duration) -> Self {
        Self {
            store,
            watch,
            read_your_writes,
        }
    }

    /// Decides `command` on aggregate `id` and appends its events, refusing it if the
    /// aggregate is no longer at `expected_version`; then waits until reads show it.
    pub async fn run<A: Aggregate>(
        &self,
        meta: &CommandMeta,
        id: Uuid,
        expected_version: Option<u64>,
        command: &A::Command,
    ) -> Result<Ran<A>, ExecuteError> {
        let outcome = self.append(meta, id, expected_version, command).await?;
        let visible = self.visible(outcome.position).await;
        Ok(Ran { outcome, visible })
    }

    /// Like [`Commands::run`], without waiting for the read models: for a use case that
    /// runs several commands and waits once after the last, or that answers from the
    /// command's own outcome.
    pub async fn append<A: Aggregate>(
        &self,
        meta: &CommandMeta,
        id: Uuid,
        expected_version: Option<u64>,
        command: &A::Command,
    ) -> Result<Outcome<A>, ExecuteError> {
        self.store
            .execute::<A>(id, expected_version, command, meta)
            .await
    }

    /// Waits, up to the configured time, until the read models show stream `position`.
    pub async fn visible(&self, position: u64) -> bool {
        self.watch.wait_for(position, self.read_your_writes).await
    }
}
