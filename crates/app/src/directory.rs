//! Use cases of the directory that ask more than one command of the runner.

use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use domain::directory::{Directory, DirectoryCommand};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::access::Actor;
use crate::{Commands, Ran};

impl Commands {
    /// Registers an organisation (`command` is its `Register`). The administrator who
    /// registers it becomes its first administrator, so that someone may keep its
    /// committees and routes; nobody else gains anything.
    pub async fn register_organisation(
        &self,
        meta: &CommandMeta,
        actor: &Actor,
        id: Uuid,
        command: &DirectoryCommand,
    ) -> Result<Ran<Directory>, ExecuteError> {
        let ran = self.run::<Directory>(meta, id, None, command).await?;
        let grant = AccessCommand::Grant {
            email: actor.email.clone(),
            name: actor.name.clone(),
            organisation_id: id,
            role: AccessRole::Administrator,
        };
        self.run::<UserAccount>(meta, account_id(&actor.email), None, &grant)
            .await?;
        Ok(ran)
    }
}
