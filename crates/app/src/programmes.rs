//! Use cases of a programme that ask more than one command of the runner.

use domain::directory::Directory;
use domain::programme::{Plan, PlanPatch, Programme, ProgrammeCommand};
use domain::{DomainError, FieldError, Problem};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::access::{Action, Actor, Subject};
use crate::{Commands, Ran};

impl Commands {
    /// Drafts a new programme from `plan`, under a new id, for a host organisation the
    /// person plans for (a refusal on `host_organisation_id` otherwise).
    pub async fn draft_programme(
        &self,
        meta: &CommandMeta,
        actor: &Actor,
        plan: Plan,
    ) -> Result<(Uuid, Ran<Programme>), ExecuteError> {
        if !actor.may(Action::PlanProgramme, &Subject::of_plan(&plan)) {
            return Err(DomainError::Invalid(vec![FieldError::new(
                "host_organisation_id",
                Problem::NotYourOrganisation,
            )])
            .into());
        }
        let id = Uuid::now_v7();
        let ran = self
            .run::<Programme>(meta, id, None, &ProgrammeCommand::Draft { id, plan })
            .await?;
        Ok((id, ran))
    }

    /// Changes the parts of a programme's plan that `patch` names.
    pub async fn revise_programme(
        &self,
        meta: &CommandMeta,
        id: Uuid,
        expected_version: Option<u64>,
        patch: PlanPatch,
        reason: Option<String>,
    ) -> Result<Ran<Programme>, ExecuteError> {
        let command = ProgrammeCommand::Revise { patch, reason };
        self.run::<Programme>(meta, id, expected_version, &command)
            .await
    }

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
