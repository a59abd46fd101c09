use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Direction;
use super::items::{Item, ItemKind, Task, TaskStatus};
use super::person::Sealed;
use crate::programme::ProgrammeKind;
use crate::{Lang, TaggedEvent};

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

/// What a delegation's event says, as a line of its history, from its stored type alone:
/// the history keeps no payload, since members' events carry sealed personal data. A type
/// this build does not know (a newer one) still shows as a change.
pub fn history_label(event_type: &str, lang: Lang) -> &'static str {
    let vi = lang == Lang::Vi;
    match (event_type, vi) {
        ("DelegationOpened", true) => "Lập đoàn",
        ("DelegationOpened", false) => "Delegation opened",
        ("DelegationMembersAdded", true) => "Thêm thành viên",
        ("DelegationMembersAdded", false) => "Members added",
        ("DelegationMemberUpdated", true) => "Sửa thông tin thành viên",
        ("DelegationMemberUpdated", false) => "Member's details changed",
        ("DelegationMemberRemoved", true) => "Rút tên thành viên",
        ("DelegationMemberRemoved", false) => "Member taken off the roster",
        ("DelegationPersonForgotten", true) => "Xóa vĩnh viễn thông tin cá nhân",
        ("DelegationPersonForgotten", false) => "Personal data erased for good",
        ("DelegationItemSaved", true) => "Cập nhật hậu cần, lịch trình hoặc việc cần làm",
        ("DelegationItemSaved", false) => "Logistics, itinerary or checklist updated",
        ("DelegationItemRemoved", true) => "Bỏ một mục hậu cần, lịch trình hoặc việc cần làm",
        ("DelegationItemRemoved", false) => "Logistics, itinerary or checklist entry removed",
        ("DelegationTaskStatusChanged", true) => "Đổi trạng thái việc cần làm",
        ("DelegationTaskStatusChanged", false) => "Task status changed",
        ("DelegationChecklistPrefilled", true) => "Điền sẵn việc cần làm theo mẫu",
        ("DelegationChecklistPrefilled", false) => "Checklist filled from the standard tasks",
        (_, true) => "Thay đổi khác",
        (_, false) => "Other change",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_delegation_event_has_its_own_line_in_the_history() {
        let some = [
            DelegationEvent::MemberRemoved {
                person_id: Uuid::nil(),
            },
            DelegationEvent::PersonForgotten {
                person_id: Uuid::nil(),
            },
            DelegationEvent::MembersAdded { members: vec![] },
            DelegationEvent::TaskStatusChanged {
                task_id: Uuid::nil(),
                status: TaskStatus::Done,
            },
        ];
        for event in some {
            for lang in [Lang::Vi, Lang::En] {
                assert_ne!(
                    history_label(event.tag(), lang),
                    history_label("DelegationSomethingNewer", lang),
                    "{}",
                    event.tag()
                );
            }
        }
        assert_eq!(
            history_label("DelegationSomethingNewer", Lang::Vi),
            "Thay đổi khác"
        );
    }
}
