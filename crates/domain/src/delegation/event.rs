use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Direction;
use super::items::{Item, ItemKind, Task, TaskStatus};
use super::person::Sealed;
use crate::TaggedEvent;
use crate::programme::ProgrammeKind;

/// A member as the log keeps them: an id and their details sealed with their own key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MemberEntry {
    pub person_id: Uuid,
    pub sealed: Sealed,
}

/// Facts about a delegation. Like every event, their stored form is a contract. No event
/// holds personal data in plain form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
pub enum DelegationEvent {
    #[serde(rename = "DelegationOpened")]
    Opened {
        delegation_id: Uuid,
        programme_id: Uuid,
        name: String,
        direction: Direction,
    },
    #[serde(rename = "DelegationMembersAdded")]
    MembersAdded { members: Vec<MemberEntry> },
    #[serde(rename = "DelegationMemberUpdated")]
    MemberUpdated { member: MemberEntry },
    #[serde(rename = "DelegationMemberRemoved")]
    MemberRemoved { person_id: Uuid },
    #[serde(rename = "DelegationPersonForgotten")]
    PersonForgotten { person_id: Uuid },
    #[serde(rename = "DelegationItemSaved")]
    ItemSaved(Item),
    #[serde(rename = "DelegationItemRemoved")]
    ItemRemoved { kind: ItemKind, id: Uuid },
    #[serde(rename = "DelegationTaskStatusChanged")]
    TaskStatusChanged { task_id: Uuid, status: TaskStatus },
    #[serde(rename = "DelegationChecklistPrefilled")]
    ChecklistPrefilled {
        template: ProgrammeKind,
        tasks: Vec<Task>,
    },
}

impl TaggedEvent for DelegationEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        match self {
            DelegationEvent::Opened { .. } => "DelegationOpened",
            DelegationEvent::MembersAdded { .. } => "DelegationMembersAdded",
            DelegationEvent::MemberUpdated { .. } => "DelegationMemberUpdated",
            DelegationEvent::MemberRemoved { .. } => "DelegationMemberRemoved",
            DelegationEvent::PersonForgotten { .. } => "DelegationPersonForgotten",
            DelegationEvent::ItemSaved(_) => "DelegationItemSaved",
            DelegationEvent::ItemRemoved { .. } => "DelegationItemRemoved",
            DelegationEvent::TaskStatusChanged { .. } => "DelegationTaskStatusChanged",
            DelegationEvent::ChecklistPrefilled { .. } => "DelegationChecklistPrefilled",
        }
    }
}
