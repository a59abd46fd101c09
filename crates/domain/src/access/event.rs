use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AccessRole;
use crate::{Lang, TaggedEvent};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
pub enum AccessEvent {
    /// Also carries the person's address and name as given with this grant.
    #[serde(rename = "UserRoleGranted")]
    Granted {
        email: String,
        name: String,
        organisation_id: Uuid,
        role: AccessRole,
    },
    #[serde(rename = "UserRoleRevoked")]
    Revoked {
        organisation_id: Uuid,
        role: AccessRole,
    },
    /// The language the person reads the pages in, wherever they sign in.
    #[serde(rename = "UserLanguageChosen")]
    LanguageChosen { lang: Lang },
}

impl TaggedEvent for AccessEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        match self {
            AccessEvent::Granted { .. } => "UserRoleGranted",
            AccessEvent::Revoked { .. } => "UserRoleRevoked",
            AccessEvent::LanguageChosen { .. } => "UserLanguageChosen",
        }
    }
}
