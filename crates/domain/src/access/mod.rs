//! Who may use the pages, and in which organisations: a person's account, keyed by their
//! email address, with their roles per organisation. Administrators grant and revoke
//! roles; every change is an event. (Sign-in links and sessions are not events: they are
//! short-lived infrastructure state kept in PostgreSQL.)

mod decide;
mod event;

pub use event::AccessEvent;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Aggregate, CommandContext, DomainError};

/// What a person may do for one organisation.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AccessRole {
    /// Drafts, revises and submits programmes.
    Planner,
    /// Prepares approved programmes: delegations, itineraries, checklists.
    Coordinator,
    /// Decides on programmes (also through emailed links).
    Approver,
    /// Keeps the directory and grants roles.
    Administrator,
}

impl AccessRole {
    pub const ALL: [AccessRole; 4] = [
        AccessRole::Planner,
        AccessRole::Coordinator,
        AccessRole::Approver,
        AccessRole::Administrator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccessRole::Planner => "planner",
            AccessRole::Coordinator => "coordinator",
            AccessRole::Approver => "approver",
            AccessRole::Administrator => "administrator",
        }
    }

    pub fn parse(text: &str) -> Option<AccessRole> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// One role in one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Grant {
    pub organisation_id: Uuid,
    pub role: AccessRole,
}

/// A person's account. `email` is unset until their first role is granted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UserAccount {
    pub email: Option<String>,
    pub name: String,
    pub grants: Vec<Grant>,
    /// The language they chose for the pages; unset until they choose one.
    #[serde(default)]
    pub lang: Option<crate::Lang>,
}

impl UserAccount {
    /// Whether the person holds any role at all, i.e. may sign in.
    pub fn is_active(&self) -> bool {
        !self.grants.is_empty()
    }

    /// The organisations the person holds any role in, each once.
    pub fn organisations(&self) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = self.grants.iter().map(|g| g.organisation_id).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    pub fn has(&self, organisation_id: Uuid, role: AccessRole) -> bool {
        self.grants
            .iter()
            .any(|g| g.organisation_id == organisation_id && g.role == role)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum AccessCommand {
    /// Gives a role; the account is made with the first one. Granting a role held already
    /// changes nothing.
    Grant {
        email: String,
        name: String,
        organisation_id: Uuid,
        role: AccessRole,
    },
    Revoke {
        organisation_id: Uuid,
        role: AccessRole,
    },
    /// Remembers the language the person reads the pages in.
    ChooseLanguage { lang: crate::Lang },
}

/// Fixed namespace of account ids (a random UUID, chosen once).
const NAMESPACE: Uuid = Uuid::from_u128(0x3f6a_9b1e_52c7_4d08_a9e4_71b2_c05d_e813);

/// The id of a person's account: derived from their address, in lower case.
pub fn account_id(email: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, email.trim().to_lowercase().as_bytes())
}

impl Aggregate for UserAccount {
    const TYPE: &'static str = "user_account";
    const ENTITY: crate::Entity = crate::Entity::User;
    type Command = AccessCommand;
    type Event = AccessEvent;

    fn decide(
        &self,
        command: &AccessCommand,
        _context: &CommandContext,
    ) -> Result<Vec<AccessEvent>, DomainError> {
        decide::decide(self, command)
    }

    fn evolve(mut self, event: &AccessEvent) -> Self {
        match event {
            AccessEvent::Granted {
                email,
                name,
                organisation_id,
                role,
            } => {
                self.email = Some(email.clone());
                self.name = name.clone();
                self.grants.push(Grant {
                    organisation_id: *organisation_id,
                    role: *role,
                });
            }
            AccessEvent::Revoked {
                organisation_id,
                role,
            } => self
                .grants
                .retain(|g| !(g.organisation_id == *organisation_id && g.role == *role)),
            AccessEvent::LanguageChosen { lang } => self.lang = Some(*lang),
        }
        self
    }

    fn command_name(command: &AccessCommand) -> &'static str {
        match command {
            AccessCommand::Grant { .. } => "grant_role",
            AccessCommand::Revoke { .. } => "revoke_role",
            AccessCommand::ChooseLanguage { .. } => "choose_language",
        }
    }
}
