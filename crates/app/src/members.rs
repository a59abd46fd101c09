//! Adding members to a delegation's roster, changing one, taking one off and forgetting
//! one: the use cases that keep each person's details sealed with a key of their own, so
//! that forgetting the person (deleting the key) makes every event that holds their
//! details unreadable.

use domain::delegation::{Delegation, DelegationCommand, NewMember, PersonalDetails};
use domain::{DomainError, Entity, FieldError, Problem};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;
use vault::{DataKey, Vault, VaultError};

use crate::{Commands, Ran};

/// Room left in a NATS message for the envelope around an event's data.
const ENVELOPE_ROOM: usize = 4096;

/// Why members were not added, or a member not changed or forgotten.
#[derive(Debug, thiserror::Error)]
pub enum MembersError {
    /// One event holds the whole upload, and the event server takes at most `limit`
    /// bytes in one message: the person should split the file.
    #[error("the roster is too large for one event (the event server takes {limit} bytes)")]
    TooLarge { limit: usize },
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Command(#[from] ExecuteError),
}

impl Commands {
    /// Seals each member with a new key of their own, keeps the keys, then appends one
    /// event for them all. `max_event_bytes` is the event server's largest message. When
    /// the command is refused nothing was appended, and the keys made for it are deleted
    /// again.
    pub async fn add_members(
        &self,
        vault: &Vault,
        max_event_bytes: usize,
        meta: &CommandMeta,
        delegation_id: Uuid,
        expected_version: Option<u64>,
        members: Vec<PersonalDetails>,
    ) -> Result<Ran<Delegation>, MembersError> {
        let mut keys = Vec::with_capacity(members.len());
        let mut new_members = Vec::with_capacity(members.len());
        for details in members {
            let details = details.normalised();
            let person_id = Uuid::now_v7();
            let key = DataKey::generate();
            let sealed = key.seal(person_id, &details);
            keys.push((person_id, key));
            new_members.push(NewMember {
                person_id,
                details,
                sealed,
            });
        }
        let event_size: usize = new_members
            .iter()
            .map(|m| m.sealed.0.len() + 64)
            .sum::<usize>()
            + ENVELOPE_ROOM;
        if event_size > max_event_bytes {
            return Err(MembersError::TooLarge {
                limit: max_event_bytes,
            });
        }
        let ids: Vec<Uuid> = keys.iter().map(|(id, _)| *id).collect();
        vault.store(&keys).await?;
        let command = DelegationCommand::AddMembers {
            members: new_members,
        };
        match self
            .run::<Delegation>(meta, delegation_id, expected_version, &command)
            .await
        {
            Ok(ran) => Ok(ran),
            Err(error) => {
                // Refusals append nothing: their keys would only ever open nothing. After
                // an infrastructure failure the event may have been stored, so the keys
                // stay.
                if !matches!(error, ExecuteError::Store(_)) {
                    let _ = vault.forget(&ids).await;
                }
                Err(error.into())
            }
        }
    }

    /// Replaces a member's details, sealed again with the member's own key. A person
    /// without a key was never added, or was forgotten: refused, saying which.
    pub async fn update_member(
        &self,
        vault: &Vault,
        meta: &CommandMeta,
        delegation_id: Uuid,
        person_id: Uuid,
        expected_version: Option<u64>,
        details: PersonalDetails,
    ) -> Result<Ran<Delegation>, MembersError> {
        let keys = vault.keys(&[person_id]).await?;
        let Some(key) = keys.get(&person_id) else {
            let loaded = self
                .store
                .load::<Delegation>(delegation_id)
                .await
                .map_err(ExecuteError::from)?;
            let Some(record) = loaded.state.record() else {
                return Err(refused(DomainError::NotFound(Entity::Delegation)));
            };
            let problem = match record.member(person_id) {
                Some(slot) if slot.forgotten => Problem::Forgotten,
                _ => Problem::Unknown,
            };
            return Err(refused(DomainError::Invalid(vec![FieldError::new(
                "person_id",
                problem,
            )])));
        };
        let details = details.normalised();
        let sealed = key.seal(person_id, &details);
        let command = DelegationCommand::UpdateMember {
            member: NewMember {
                person_id,
                details,
                sealed,
            },
        };
        Ok(self
            .run::<Delegation>(meta, delegation_id, expected_version, &command)
            .await?)
    }

    /// Takes a member off the roster. Their sealed details and their key stay, so the
    /// delegation's history still names them, until they are forgotten.
    pub async fn remove_member(
        &self,
        meta: &CommandMeta,
        delegation_id: Uuid,
        person_id: Uuid,
        expected_version: Option<u64>,
    ) -> Result<Ran<Delegation>, ExecuteError> {
        self.run::<Delegation>(
            meta,
            delegation_id,
            expected_version,
            &DelegationCommand::RemoveMember { person_id },
        )
        .await
    }

    /// Forgets a member of the delegation for good: deletes their key (so that every
    /// event holding their details can no longer be opened), records the forget, and asks
    /// PostgreSQL to push the deleted key out of its files.
    pub async fn forget_member(
        &self,
        vault: &Vault,
        meta: &CommandMeta,
        delegation_id: Uuid,
        person_id: Uuid,
    ) -> Result<Ran<Delegation>, MembersError> {
        let loaded = self
            .store
            .load::<Delegation>(delegation_id)
            .await
            .map_err(ExecuteError::from)?;
        let Some(record) = loaded.state.record() else {
            return Err(refused(DomainError::NotFound(Entity::Delegation)));
        };
        // Only a member of this delegation may be forgotten through it.
        if record.member(person_id).is_none() {
            return Err(refused(DomainError::Invalid(vec![FieldError::new(
                "person_id",
                Problem::Unknown,
            )])));
        }
        vault.forget(&[person_id]).await?;
        let ran = self
            .run::<Delegation>(
                meta,
                delegation_id,
                None,
                &DelegationCommand::ForgetPerson { person_id },
            )
            .await?;
        // The key is already deleted and the forget recorded; a server that does not let
        // us push it out of its files is the operator's to fix, not a reason to fail.
        if let Err(error) = vault.scrub_forgotten_keys().await {
            tracing::warn!(%error, "a forgotten key may stay in PostgreSQL's files for a while");
        }
        Ok(ran)
    }
}

fn refused(error: DomainError) -> MembersError {
    MembersError::Command(ExecuteError::Rejected(error))
}
