use super::event::DelegationEvent;
use super::items::{Item, ItemKind};
use super::{Delegation, DelegationRecord, MemberSlot};

/// Folds one event into the state; an event that does not fit the state (which `decide`
/// never produces) leaves it as it is.
pub(super) fn evolve(state: Delegation, event: &DelegationEvent) -> Delegation {
    match (state, event) {
        (
            Delegation::New,
            DelegationEvent::Opened {
                delegation_id,
                programme_id,
                name,
                direction,
            },
        ) => Delegation::Existing(DelegationRecord {
            id: *delegation_id,
            programme_id: *programme_id,
            name: name.clone(),
            direction: *direction,
            members: Vec::new(),
            legs: Vec::new(),
            stays: Vec::new(),
            interpreters: Vec::new(),
            gifts: Vec::new(),
            agenda: Vec::new(),
            tasks: Vec::new(),
        }),
        (Delegation::Existing(mut record), event) => {
            apply(&mut record, event);
            Delegation::Existing(record)
        }
        (state, _) => state,
    }
}

fn apply(record: &mut DelegationRecord, event: &DelegationEvent) {
    match event {
        DelegationEvent::Opened { .. } | DelegationEvent::MemberUpdated { .. } => {}
        DelegationEvent::MembersAdded { members } => {
            record.members.extend(members.iter().map(|m| MemberSlot {
                person_id: m.person_id,
                removed: false,
                forgotten: false,
            }));
        }
        DelegationEvent::MemberRemoved { person_id } => {
            if let Some(member) = slot(record, *person_id) {
                member.removed = true;
            }
            record
                .interpreters
                .retain(|i| i.member_id != Some(*person_id));
        }
        DelegationEvent::PersonForgotten { person_id } => {
            if let Some(member) = slot(record, *person_id) {
                member.forgotten = true;
            }
        }
        DelegationEvent::ItemSaved(item) => save(record, item.clone()),
        DelegationEvent::ItemRemoved { kind, id } => remove(record, *kind, *id),
        DelegationEvent::TaskStatusChanged { task_id, status } => {
            if let Some(task) = record.tasks.iter_mut().find(|t| t.id == *task_id) {
                task.status = *status;
            }
        }
        DelegationEvent::ChecklistPrefilled { tasks, .. } => {
            record.tasks.extend(tasks.iter().cloned());
        }
    }
}

/// Replaces the item with the same id in place, or adds it at the end.
fn upsert<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> uuid::Uuid) {
    match list.iter_mut().find(|existing| id(existing) == id(&item)) {
        Some(existing) => *existing = item,
        None => list.push(item),
    }
}

fn save(record: &mut DelegationRecord, item: Item) {
    match item {
        Item::TravelLeg(leg) => upsert(&mut record.legs, leg, |i| i.id),
        Item::Stay(stay) => upsert(&mut record.stays, stay, |i| i.id),
        Item::Interpreter(i) => upsert(&mut record.interpreters, i, |i| i.id),
        Item::Gift(gift) => upsert(&mut record.gifts, gift, |i| i.id),
        Item::Agenda(a) => upsert(&mut record.agenda, a, |i| i.id),
        Item::Task(t) => upsert(&mut record.tasks, t, |i| i.id),
    }
}

fn remove(record: &mut DelegationRecord, kind: ItemKind, id: uuid::Uuid) {
    match kind {
        ItemKind::TravelLeg => {
            record.legs.retain(|i| i.id != id);
            // A task that was due before this leg is now due on its own date only.
            for task in record.tasks.iter_mut().filter(|t| t.leg_id == Some(id)) {
                task.leg_id = None;
            }
        }
        ItemKind::Stay => record.stays.retain(|i| i.id != id),
        ItemKind::Interpreter => record.interpreters.retain(|i| i.id != id),
        ItemKind::Gift => record.gifts.retain(|i| i.id != id),
        ItemKind::Agenda => record.agenda.retain(|i| i.id != id),
        ItemKind::Task => record.tasks.retain(|i| i.id != id),
    }
}

fn slot(record: &mut DelegationRecord, person_id: uuid::Uuid) -> Option<&mut MemberSlot> {
    record.members.iter_mut().find(|m| m.person_id == person_id)
}
