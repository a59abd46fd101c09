use super::event::DirectoryEvent;
use super::{Directory, OrganisationRecord};

pub(super) fn evolve(state: Directory, event: &DirectoryEvent) -> Directory {
    match (state, event) {
        (
            Directory::New,
            DirectoryEvent::Registered {
                id,
                name,
                kind,
                province,
            },
        ) => Directory::Existing(OrganisationRecord {
            id: *id,
            name: name.clone(),
            kind: *kind,
            province: province.clone(),
            committees: Vec::new(),
            routes: Vec::new(),
        }),
        (Directory::Existing(mut record), event) => {
            apply(&mut record, event);
            Directory::Existing(record)
        }
        (state, _) => state,
    }
}

fn apply(record: &mut OrganisationRecord, event: &DirectoryEvent) {
    match event {
        DirectoryEvent::Registered { .. } => {}
        DirectoryEvent::CommitteeAdded { committee } => record.committees.push(committee.clone()),
        DirectoryEvent::MemberAdded {
            committee_id,
            member,
        } => {
            if let Some(c) = record.committees.iter_mut().find(|c| c.id == *committee_id) {
                c.members.push(member.clone());
            }
        }
        DirectoryEvent::MembershipEnded {
            committee_id,
            member_id,
            last_day,
        } => {
            let member = record
                .committees
                .iter_mut()
                .find(|c| c.id == *committee_id)
                .and_then(|c| c.members.iter_mut().find(|m| m.id == *member_id));
            if let Some(member) = member {
                member.serves_until = Some(*last_day);
            }
        }
        DirectoryEvent::SubstituteNamed {
            committee_id,
            substitution,
        } => {
            if let Some(c) = record.committees.iter_mut().find(|c| c.id == *committee_id) {
                c.substitutions.push(substitution.clone());
            }
        }
        DirectoryEvent::RouteDefined { route } => {
            record.routes.retain(|r| r.id != route.id);
            record.routes.push(route.clone());
        }
        DirectoryEvent::RouteRetired { route_id } => record.routes.retain(|r| r.id != *route_id),
    }
}
