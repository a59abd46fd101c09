//! Filling a delegation's checklist from the standard tasks of its programme's kind: the
//! use case that reads the programme for its kind, start and coordinator.

use domain::delegation::{Delegation, DelegationCommand};
use domain::programme::Programme;
use domain::values::Contact;
use domain::{DomainError, Entity, FieldError, Problem};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::{Commands, Ran};

impl Commands {
    /// Adds the tasks of the template for the programme's kind that the checklist lacks,
    /// owned by `owner`, or by the programme's coordinator when none is given (refused,
    /// naming `owner`, when the programme has none either).
    pub async fn prefill_checklist(
        &self,
        meta: &CommandMeta,
        delegation_id: Uuid,
        expected_version: Option<u64>,
        owner: Option<Contact>,
    ) -> Result<Ran<Delegation>, ExecuteError> {
        let delegation = self.store.load::<Delegation>(delegation_id).await?;
        let programme_id = delegation
            .state
            .record()
            .ok_or(DomainError::NotFound(Entity::Delegation))?
            .programme_id;
        let programme = self.store.load::<Programme>(programme_id).await?;
        let plan = &programme
            .state
            .record()
            .ok_or(DomainError::NotFound(Entity::Programme))?
            .plan;
        let owner = owner.or_else(|| plan.coordinator.clone()).ok_or_else(|| {
            DomainError::Invalid(vec![FieldError::new("owner", Problem::Required)])
        })?;
        let command = DelegationCommand::PrefillChecklist {
            kind: plan.kind,
            owner,
            programme_start: plan.schedule.start,
        };
        self.run::<Delegation>(meta, delegation_id, expected_version, &command)
            .await
    }
}
