use std::collections::HashSet;

use uuid::Uuid;

use super::command::{DelegationCommand, NewMember};
use super::event::{DelegationEvent, MemberEntry};
use super::items::{Item, Task, TaskStatus};
use super::template::checklist_template;
use super::{Delegation, DelegationRecord, MAX_ROSTER};
use crate::CommandContext;
use crate::error::{DomainError, Entity, FieldError, Problem};
use crate::programme::Status;
use crate::text::clean;
use crate::values::check_text;

pub(super) fn decide(
    state: &Delegation,
    command: &DelegationCommand,
    context: &CommandContext,
) -> Result<Vec<DelegationEvent>, DomainError> {
    let record = match (state, command) {
        (
            Delegation::New,
            DelegationCommand::Open {
                id,
                programme,
                name,
                direction,
            },
        ) => {
            // Logistics are prepared for a programme the committees approved.
            if !matches!(programme.status, Status::Approved | Status::InPreparation) {
                return Err(DomainError::NotAllowed {
                    command: command.name(),
                    status: programme.status,
                });
            }
            let name = clean(name);
            let mut problems = Vec::new();
            check_text("name", &name, 200, true, &mut problems);
            reject_if_any(problems)?;
            return Ok(vec![DelegationEvent::Opened {
                delegation_id: *id,
                programme_id: programme.id,
                name,
                direction: *direction,
            }]);
        }
        (Delegation::Existing(_), DelegationCommand::Open { .. }) => {
            return Err(DomainError::AlreadyExists(Entity::Delegation));
        }
        (Delegation::New, _) => return Err(DomainError::NotFound(Entity::Delegation)),
        (Delegation::Existing(record), _) => record,
    };
    match command {
        DelegationCommand::Open { .. } => unreachable!("handled above"),
        DelegationCommand::AddMembers { members } => add_members(record, members, context),
        DelegationCommand::UpdateMember { member } => {
            let mut problems = Vec::new();
            match record.member(member.person_id) {
                None => problems.push(FieldError::new("person_id", Problem::Unknown)),
                Some(slot) if slot.forgotten => {
                    problems.push(FieldError::new("person_id", Problem::Forgotten))
                }
                Some(slot) if slot.removed => {
                    problems.push(FieldError::new("person_id", Problem::Unknown))
                }
                Some(_) => {}
            }
            member
                .details
                .normalised()
                .check("details", context.now, &mut problems);
            reject_if_any(problems)?;
            Ok(vec![DelegationEvent::MemberUpdated {
                member: entry(member),
            }])
        }
        DelegationCommand::RemoveMember { person_id } => {
            match record.member(*person_id) {
                Some(slot) if !slot.removed => {}
                _ => return Err(unknown("person_id")),
            }
            Ok(vec![DelegationEvent::MemberRemoved {
                person_id: *person_id,
            }])
        }
        DelegationCommand::ForgetPerson { person_id } => match record.member(*person_id) {
            None => Err(unknown("person_id")),
            // Forgetting twice changes nothing: the key is gone already.
            Some(slot) if slot.forgotten => Ok(vec![]),
            Some(_) => Ok(vec![DelegationEvent::PersonForgotten {
                person_id: *person_id,
            }]),
        },
        DelegationCommand::SaveItem { item } => save_item(record, item),
        DelegationCommand::RemoveItem { kind, id } => {
            if record.item(*kind, *id).is_none() {
                return Err(unknown("id"));
            }
            Ok(vec![DelegationEvent::ItemRemoved {
                kind: *kind,
                id: *id,
            }])
        }
        DelegationCommand::SetTaskStatus { task_id, status } => {
            let Some(task) = record.tasks.iter().find(|t| t.id == *task_id) else {
                return Err(unknown("task_id"));
            };
            if task.status == *status {
                return Ok(vec![]);
            }
            Ok(vec![DelegationEvent::TaskStatusChanged {
                task_id: *task_id,
                status: *status,
            }])
        }
        DelegationCommand::PrefillChecklist {
            kind,
            owner,
            programme_start,
        } => {
            let mut problems = Vec::new();
            owner.check("owner", &mut problems);
            reject_if_any(problems)?;
            let departure = record.departure_day().unwrap_or(*programme_start);
            let crossing = record.crossing_leg();
            let tasks: Vec<Task> = checklist_template(*kind)
                .iter()
                .map(|entry| {
                    let (leg, from) = match crossing {
                        Some(leg) if entry.before_crossing => (Some(leg.id), leg.departs.at.date()),
                        _ => (None, departure),
                    };
                    Task {
                        id: entry.task_id(record.id),
                        kind: entry.kind,
                        title: entry.title.to_string(),
                        owner: crate::values::Contact {
                            name: clean(&owner.name),
                            email: clean(&owner.email),
                        },
                        due_on: from - chrono::Days::new(entry.days_before.into()),
                        status: TaskStatus::Todo,
                        leg_id: leg,
                        notes: None,
                    }
                })
                .filter(|task| record.item(super::ItemKind::Task, task.id).is_none())
                .collect();
            if tasks.is_empty() {
                return Ok(vec![]);
            }
            Ok(vec![DelegationEvent::ChecklistPrefilled {
                template: *kind,
                tasks,
            }])
        }
    }
}

fn entry(member: &NewMember) -> MemberEntry {
    MemberEntry {
        person_id: member.person_id,
        sealed: member.sealed.clone(),
    }
}

fn add_members(
    record: &DelegationRecord,
    members: &[NewMember],
    context: &CommandContext,
) -> Result<Vec<DelegationEvent>, DomainError> {
    let mut problems = Vec::new();
    if members.is_empty() {
        problems.push(FieldError::new("members", Problem::Required));
    }
    let on_roster = record.roster().count();
    if on_roster + members.len() > MAX_ROSTER {
        problems.push(FieldError::new(
            "members",
            Problem::TooMany {
                max: MAX_ROSTER - on_roster,
            },
        ));
        // Checking thousands of members one by one would only bury that one message.
        return Err(DomainError::Invalid(problems));
    }
    let known: HashSet<Uuid> = record.members.iter().map(|m| m.person_id).collect();
    let mut ids = HashSet::new();
    let mut documents = HashSet::new();
    for (i, member) in members.iter().enumerate() {
        let path = format!("members[{i}]");
        if known.contains(&member.person_id) || !ids.insert(member.person_id) {
            problems.push(FieldError::new(
                format!("{path}.person_id"),
                Problem::Duplicate,
            ));
        }
        let details = member.details.normalised();
        details.check(&format!("{path}.details"), context.now, &mut problems);
        if let Some(document) = &details.document
            && !document.number.is_empty()
            && !documents.insert(document.number.clone())
        {
            problems.push(FieldError::new(
                format!("{path}.details.document.number"),
                Problem::Duplicate,
            ));
        }
    }
    reject_if_any(problems)?;
    Ok(vec![DelegationEvent::MembersAdded {
        members: members.iter().map(entry).collect(),
    }])
}

fn save_item(record: &DelegationRecord, item: &Item) -> Result<Vec<DelegationEvent>, DomainError> {
    let item = item.normalised();
    let mut problems = item.problems();
    if let Some(kind) = record.kind_of(item.id())
        && kind != item.kind()
    {
        problems.push(FieldError::new("item.id", Problem::Duplicate));
    }
    match &item {
        Item::Task(task) => {
            if let Some(leg) = task.leg_id
                && !record.legs.iter().any(|l| l.id == leg)
            {
                problems.push(FieldError::new("item.leg_id", Problem::Unknown));
            }
        }
        Item::Interpreter(interpreter) => {
            if let Some(member) = interpreter.member_id
                && !record
                    .member(member)
                    .is_some_and(|m| !m.removed && !m.forgotten)
            {
                problems.push(FieldError::new("item.member_id", Problem::Unknown));
            }
        }
        _ => {}
    }
    reject_if_any(problems)?;
    if record.item(item.kind(), item.id()).as_ref() == Some(&item) {
        // Saving an unchanged form is not an event.
        return Ok(vec![]);
    }
    Ok(vec![DelegationEvent::ItemSaved(item)])
}

fn unknown(field: &str) -> DomainError {
    DomainError::Invalid(vec![FieldError::new(field, Problem::Unknown)])
}

fn reject_if_any(problems: Vec<FieldError>) -> Result<(), DomainError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Invalid(problems))
    }
}
