//! Use cases of a programme that ask more than one command of the runner.

use domain::directory::Directory;
use domain::programme::{Programme, ProgrammeCommand};
use domain::{DomainError, FieldError, Problem};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::{Commands, Ran};

impl Commands {
    /// Submits a programme for approval. Its host organisation must be in the directory
    /// with an approval route for the programme's kind; otherwise the planner is told now
    /// (a refusal on `host_organisation_id`), not by a refusal mail later. The approval
    /// process checks again, since the directory can change meanwhile.
    pub async fn submit_programme(
        &self,
        meta: &CommandMeta,
        id: Uuid,
        expected_version: Option<u64>,
    ) -> Result<Ran<Programme>, ExecuteError> {
        self.check_route(id).await?;
        self.run::<Programme>(meta, id, expected_version, &ProgrammeCommand::Submit)
            .await
    }

    async fn check_route(&self, id: Uuid) -> Result<(), ExecuteError> {
        let programme = self.store.load::<Programme>(id).await?;
        let Some(plan) = programme.state.record().map(|r| &r.plan) else {
            return Ok(());
        };
        let Some(host) = plan.host_organisation_id else {
            return Ok(());
        };
        let directory = self.store.load::<Directory>(host).await?;
        let problem = match directory.state.record() {
            None => Problem::Unknown,
            Some(org) if org.route_for(plan.kind).is_none() => Problem::NoApprovalRoute,
            Some(_) => return Ok(()),
        };
        Err(DomainError::Invalid(vec![FieldError::new("host_organisation_id", problem)]).into())
    }
}
