//! Opening a delegation: the use case that moves an approved programme on to being
//! prepared and opens the delegation it sends or receives.

use domain::delegation::{Delegation, DelegationCommand, Direction, ProgrammeFacts};
use domain::programme::{Programme, ProgrammeCommand, Status};
use domain::{Aggregate, CommandContext, DomainError, Entity};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::{Commands, Ran};

impl Commands {
    /// Opens a delegation of the programme under a new id. The delegation is checked
    /// before the programme moves on, so bad input leaves the programme as it was; an
    /// approved programme is then marked as being prepared (doing that again changes
    /// nothing, so a retry after a failure in between is safe).
    pub async fn open_delegation(
        &self,
        meta: &CommandMeta,
        programme_id: Uuid,
        name: String,
        direction: Direction,
    ) -> Result<(Uuid, Ran<Delegation>), ExecuteError> {
        let programme = self.store.load::<Programme>(programme_id).await?;
        let status = programme
            .state
            .record()
            .ok_or(DomainError::NotFound(Entity::Programme))?
            .status;
        let id = Uuid::now_v7();
        let command = DelegationCommand::Open {
            id,
            programme: ProgrammeFacts {
                id: programme_id,
                status,
            },
            name,
            direction,
        };
        let context = CommandContext {
            now: meta.now,
            actor: meta.actor.clone(),
        };
        Delegation::New.decide_checked(&command, &context)?;
        if status == Status::Approved {
            self.append::<Programme>(
                meta,
                programme_id,
                None,
                &ProgrammeCommand::BeginPreparation,
            )
            .await?;
        }
        let ran = self.run::<Delegation>(meta, id, None, &command).await?;
        Ok((id, ran))
    }
}
