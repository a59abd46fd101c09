use super::command::DirectoryCommand;
use super::event::DirectoryEvent;
use super::{Directory, OrganisationRecord, Route};
use crate::approval::{Committee, Member, Person, Role, Substitution};
use crate::error::{DomainError, Entity, FieldError, Problem};
use crate::values::check_text;

pub(super) fn decide(
    state: &Directory,
    command: &DirectoryCommand,
) -> Result<Vec<DirectoryEvent>, DomainError> {
    let record = match (state, command) {
        (
            Directory::New,
            DirectoryCommand::Register {
                id,
                name,
                kind,
                province,
            },
        ) => {
            let mut problems = Vec::new();
            check_text("name", name, 200, true, &mut problems);
            if let Some(province) = province {
                check_text("province", province, 100, false, &mut problems);
            }
            reject_if_any(problems)?;
            return Ok(vec![DirectoryEvent::Registered {
                id: *id,
                name: name.trim().to_string(),
                kind: *kind,
                province: province
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from),
            }]);
        }
        (Directory::Existing(_), DirectoryCommand::Register { .. }) => {
            return Err(DomainError::AlreadyExists(Entity::Organisation));
        }
        (Directory::New, _) => return Err(DomainError::NotFound(Entity::Organisation)),
        (Directory::Existing(record), _) => record,
    };
    let mut problems = Vec::new();
    let event = match command {
        DirectoryCommand::Register { .. } => unreachable!("handled above"),
        DirectoryCommand::AddCommittee { committee } => {
            if record.committee(committee.id).is_some() {
                problems.push(FieldError::new("committee.id", Problem::Duplicate));
            }
            check_committee("committee", committee, &mut problems);
            DirectoryEvent::CommitteeAdded {
                committee: committee.clone(),
            }
        }
        DirectoryCommand::AddMember {
            committee_id,
            member,
        } => {
            let committee = existing_committee(record, *committee_id)?;
            if committee.members.iter().any(|m| m.id == member.id) {
                problems.push(FieldError::new("member.id", Problem::Duplicate));
            }
            check_member("member", member, &mut problems);
            let mut members = committee.members.clone();
            members.push(member.clone());
            check_one_chair("member.role", &members, &mut problems);
            DirectoryEvent::MemberAdded {
                committee_id: *committee_id,
                member: member.clone(),
            }
        }
        DirectoryCommand::EndMembership {
            committee_id,
            member_id,
            last_day,
        } => {
            let committee = existing_committee(record, *committee_id)?;
            match committee.members.iter().find(|m| m.id == *member_id) {
                None => problems.push(FieldError::new("member_id", Problem::Unknown)),
                Some(member) if *last_day < member.serves_from => {
                    problems.push(FieldError::new("last_day", Problem::EndBeforeStart))
                }
                Some(_) => {}
            }
            DirectoryEvent::MembershipEnded {
                committee_id: *committee_id,
                member_id: *member_id,
                last_day: *last_day,
            }
        }
        DirectoryCommand::NameSubstitute {
            committee_id,
            substitution,
        } => {
            let committee = existing_committee(record, *committee_id)?;
            check_substitution(committee, substitution, &mut problems);
            // The overlap check passes over an identical entry (it is how a committee's
            // own list is checked), so naming the same substitution again is caught here.
            if committee.substitutions.contains(substitution) {
                problems.push(FieldError::new("substitution.from", Problem::Duplicate));
            }
            DirectoryEvent::SubstituteNamed {
                committee_id: *committee_id,
                substitution: substitution.clone(),
            }
        }
        DirectoryCommand::DefineRoute { route } => {
            check_route(route, &mut problems);
            DirectoryEvent::RouteDefined {
                route: route.clone(),
            }
        }
        DirectoryCommand::RetireRoute { route_id } => {
            if !record.routes.iter().any(|r| r.id == *route_id) {
                problems.push(FieldError::new("route_id", Problem::Unknown));
            }
            DirectoryEvent::RouteRetired {
                route_id: *route_id,
            }
        }
    };
    reject_if_any(problems)?;
    Ok(vec![event])
}

fn reject_if_any(problems: Vec<FieldError>) -> Result<(), DomainError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Invalid(problems))
    }
}

fn existing_committee(
    record: &OrganisationRecord,
    id: uuid::Uuid,
) -> Result<&Committee, DomainError> {
    record.committee(id).ok_or_else(|| {
        DomainError::Invalid(vec![FieldError::new("committee_id", Problem::Unknown)])
    })
}

fn check_person(path: &str, person: &Person, problems: &mut Vec<FieldError>) {
    check_text(&format!("{path}.name"), &person.name, 200, true, problems);
    if !email_address::EmailAddress::is_valid(&person.email) || person.email.len() > 254 {
        problems.push(FieldError::new(
            format!("{path}.email"),
            Problem::InvalidEmail,
        ));
    }
}

fn check_member(path: &str, member: &Member, problems: &mut Vec<FieldError>) {
    check_person(&format!("{path}.person"), &member.person, problems);
    if member
        .serves_until
        .is_some_and(|until| until < member.serves_from)
    {
        problems.push(FieldError::new(
            format!("{path}.serves_until"),
            Problem::EndBeforeStart,
        ));
    }
}

/// Two chairs whose terms overlap would make the chair rule ambiguous.
fn check_one_chair(path: &str, members: &[Member], problems: &mut Vec<FieldError>) {
    let chairs: Vec<&Member> = members.iter().filter(|m| m.role == Role::Chair).collect();
    let overlap = chairs.iter().enumerate().any(|(i, a)| {
        chairs[i + 1..].iter().any(|b| {
            let a_ends = a.serves_until.unwrap_or(chrono::NaiveDate::MAX);
            let b_ends = b.serves_until.unwrap_or(chrono::NaiveDate::MAX);
            a.serves_from <= b_ends && b.serves_from <= a_ends
        })
    });
    if overlap {
        problems.push(FieldError::new(path, Problem::SecondChair));
    }
}

fn check_committee(path: &str, committee: &Committee, problems: &mut Vec<FieldError>) {
    check_text(
        &format!("{path}.name"),
        &committee.name,
        200,
        true,
        problems,
    );
    for (i, member) in committee.members.iter().enumerate() {
        check_member(&format!("{path}.members[{i}]"), member, problems);
        if committee.members[..i].iter().any(|m| m.id == member.id) {
            problems.push(FieldError::new(
                format!("{path}.members[{i}].id"),
                Problem::Duplicate,
            ));
        }
    }
    check_one_chair(&format!("{path}.members"), &committee.members, problems);
    for substitution in &committee.substitutions {
        check_substitution(committee, substitution, problems);
    }
}

fn check_substitution(committee: &Committee, s: &Substitution, problems: &mut Vec<FieldError>) {
    if !committee.members.iter().any(|m| m.id == s.member_id) {
        problems.push(FieldError::new("substitution.member_id", Problem::Unknown));
    }
    check_person("substitution.substitute", &s.substitute, problems);
    if s.until < s.from {
        problems.push(FieldError::new(
            "substitution.until",
            Problem::EndBeforeStart,
        ));
    }
    let overlaps = committee.substitutions.iter().any(|other| {
        other != s
            && other.member_id == s.member_id
            && other.from <= s.until
            && s.from <= other.until
    });
    if overlaps {
        problems.push(FieldError::new("substitution.from", Problem::Duplicate));
    }
}

fn check_route(route: &Route, problems: &mut Vec<FieldError>) {
    check_text("route.name", &route.name, 200, true, problems);
    if route.stages.is_empty() {
        problems.push(FieldError::new("route.stages", Problem::Required));
    } else if route.stages.iter().all(|s| s.advisory) {
        problems.push(FieldError::new("route.stages", Problem::NeedsDecidingStage));
    }
}
