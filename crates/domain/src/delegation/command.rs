use chrono::NaiveDate;
use uuid::Uuid;

use super::Direction;
use super::items::{Item, ItemKind, TaskStatus};
use super::person::{PersonalDetails, Sealed};
use crate::programme::{ProgrammeKind, Status};
use crate::values::Contact;

/// A member to add or to change: their details in plain form, to be checked, and the same
/// details sealed with their own key, which is all the event keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMember {
    pub person_id: Uuid,
    pub details: PersonalDetails,
    pub sealed: Sealed,
}

/// What the delegation needs to know of its programme when it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgrammeFacts {
    pub id: Uuid,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DelegationCommand {
    Open {
        id: Uuid,
        programme: ProgrammeFacts,
        name: String,
        direction: Direction,
    },
    /// One member from a form, or a whole roster from an upload: all or nothing.
    AddMembers {
        members: Vec<NewMember>,
    },
    UpdateMember {
        member: NewMember,
    },
    /// Takes a member off the roster; their sealed data stays until they are forgotten.
    RemoveMember {
        person_id: Uuid,
    },
    /// The person's key has been deleted: they show as redacted from now on.
    ForgetPerson {
        person_id: Uuid,
    },
    /// Adds an item, or replaces the item with the same id.
    SaveItem {
        item: Item,
    },
    RemoveItem {
        kind: ItemKind,
        id: Uuid,
    },
    SetTaskStatus {
        task_id: Uuid,
        status: TaskStatus,
    },
    /// Adds the template's tasks for this kind of programme that are not on the checklist
    /// yet, owned by `owner`, falling due before the first departure (or the programme's
    /// start when no travel is planned yet).
    PrefillChecklist {
        kind: ProgrammeKind,
        owner: Contact,
        programme_start: NaiveDate,
    },
}

impl DelegationCommand {
    pub fn name(&self) -> &'static str {
        match self {
            DelegationCommand::Open { .. } => "open_delegation",
            DelegationCommand::AddMembers { .. } => "add_members",
            DelegationCommand::UpdateMember { .. } => "update_member",
            DelegationCommand::RemoveMember { .. } => "remove_member",
            DelegationCommand::ForgetPerson { .. } => "forget_person",
            DelegationCommand::SaveItem { .. } => "save_item",
            DelegationCommand::RemoveItem { .. } => "remove_item",
            DelegationCommand::SetTaskStatus { .. } => "set_task_status",
            DelegationCommand::PrefillChecklist { .. } => "prefill_checklist",
        }
    }
}
