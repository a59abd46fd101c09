//! Committees, their members and substitutes: new ones are added; ones already there
//! must match the file, except that a member's last day may be set.

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::approval::{Committee, DecisionRule, Member, Person, Role, Substitution};
use domain::directory::{DirectoryCommand, DirectoryEvent};
use uuid::Uuid;

use super::{Origin, Planner, label};
use crate::ids;
use crate::problem::Issue;
use crate::spec::{CommitteeSpec, MemberSpec, OrganisationSpec, SubstituteSpec};
use crate::values::{self, ROLES, RULES};

impl Planner {
    pub(super) fn committees(&mut self, org_key: &str, org: Uuid, spec: &OrganisationSpec) {
        let mut seen = HashMap::new();
        for committee in &spec.committees {
            let Some(key) = self.unique_key(&committee.key, &mut seen) else {
                continue;
            };
            let id = ids::committee(org_key, &key);
            self.committee(org_key, &key, org, id, committee);
            for substitute in &committee.substitutes {
                self.substitute(org_key, &key, org, id, substitute);
            }
        }
    }

    fn committee(&mut self, org_key: &str, key: &str, org: Uuid, id: Uuid, spec: &CommitteeSpec) {
        let rule: Option<DecisionRule> = values::choice(&spec.rule, RULES, self.problems());
        let mut members = Vec::new();
        let mut emails = HashMap::new();
        for member in &spec.members {
            let email = member.email.value.to_lowercase();
            if let Some(&first_line) = emails.get(&email) {
                self.problem(&member.email.at, Issue::KeyTwice { first_line });
                continue;
            }
            emails.insert(email.clone(), member.email.at.line);
            let id = ids::member(org_key, key, &email);
            members.push((self.member_of(id, member), member));
        }
        let existing = self.state(org).and_then(|r| r.committee(id)).cloned();
        let Some(existing) = existing else {
            self.add_committee(org, id, spec, rule, members);
            return;
        };
        self.same(&spec.name.at, &existing.name, &spec.name.value);
        if let Some(rule) = rule {
            self.same(&spec.rule.at, &label(existing.rule), &label(rule));
        }
        self.plan.tally.committees.unchanged += 1;
        for (member, spec) in members {
            self.member(org, id, member, spec);
        }
    }

    /// The member as the file says; a stand-in for a value that cannot be read (already
    /// reported) so that the rest is still checked.
    fn member_of(&mut self, id: Uuid, spec: &MemberSpec) -> Member {
        let role: Option<Role> = values::choice(&spec.role, ROLES, self.problems());
        let serves_from = values::date(&spec.serves_from, self.problems());
        let serves_until = spec
            .serves_until
            .as_ref()
            .and_then(|until| values::date(until, self.problems()));
        Member {
            id,
            person: Person {
                name: spec.name.value.clone(),
                email: spec.email.value.clone(),
            },
            role: role.unwrap_or(Role::Member),
            serves_from: serves_from.unwrap_or(NaiveDate::MIN),
            serves_until,
        }
    }

    fn add_committee(
        &mut self,
        org: Uuid,
        id: Uuid,
        spec: &CommitteeSpec,
        rule: Option<DecisionRule>,
        members: Vec<(Member, &MemberSpec)>,
    ) {
        let mut origin = Origin::new(&spec.key.at).with("committee.name", &spec.name.at);
        // A second chair is reported at the role of the last chair named.
        if let Some((_, chair)) = members.iter().rev().find(|(m, _)| m.role == Role::Chair) {
            origin = origin.with("committee.members", &chair.role.at);
        }
        for (i, (_, member)) in members.iter().enumerate() {
            let path = format!("committee.members[{i}]");
            origin = member_fields(origin, &path, member);
        }
        self.plan.tally.committees.new += 1;
        self.plan.tally.members.new += members.len();
        let committee = Committee {
            id,
            name: spec.name.value.clone(),
            rule: rule.unwrap_or(DecisionRule::All),
            members: members.into_iter().map(|(m, _)| m).collect(),
            substitutions: Vec::new(),
        };
        let command = DirectoryCommand::AddCommittee {
            committee: committee.clone(),
        };
        if !self.try_step(org, command, &origin) {
            self.assume(org, DirectoryEvent::CommitteeAdded { committee });
        }
    }

    fn member(&mut self, org: Uuid, committee_id: Uuid, member: Member, spec: &MemberSpec) {
        let current = self
            .state(org)
            .and_then(|r| r.committee(committee_id))
            .and_then(|c| c.members.iter().find(|m| m.id == member.id))
            .cloned();
        let Some(current) = current else {
            let origin = member_fields(Origin::new(&spec.at), "member", spec);
            let command = DirectoryCommand::AddMember {
                committee_id,
                member,
            };
            self.try_step(org, command, &origin);
            self.plan.tally.members.new += 1;
            return;
        };
        let problems_before = self.plan.problems.len();
        self.same(&spec.name.at, &current.person.name, &member.person.name);
        self.same(
            &spec.email.at,
            &current.person.email.to_lowercase(),
            &member.person.email.to_lowercase(),
        );
        self.same(&spec.role.at, &label(current.role), &label(member.role));
        self.same(
            &spec.serves_from.at,
            &current.serves_from.to_string(),
            &member.serves_from.to_string(),
        );
        if self.plan.problems.len() > problems_before {
            return;
        }
        match (current.serves_until, member.serves_until) {
            (before, after) if before == after => self.plan.tally.members.unchanged += 1,
            (_, Some(last_day)) => {
                let until = spec.serves_until.as_ref().map_or(&spec.at, |u| &u.at);
                let origin = Origin::new(until);
                let command = DirectoryCommand::EndMembership {
                    committee_id,
                    member_id: member.id,
                    last_day,
                };
                self.try_step(org, command, &origin);
                self.plan.tally.members.changed += 1;
            }
            (Some(before), None) => self.problem(
                &spec.at,
                Issue::Differs {
                    existing: format!("serves_until: {before}"),
                },
            ),
            (None, None) => unreachable!("equal, handled above"),
        }
    }

    fn substitute(
        &mut self,
        org_key: &str,
        committee_key: &str,
        org: Uuid,
        committee_id: Uuid,
        spec: &SubstituteSpec,
    ) {
        let member_id = ids::member(org_key, committee_key, &spec.member.value);
        let committee = self.state(org).and_then(|r| r.committee(committee_id));
        if !committee.is_some_and(|c| c.members.iter().any(|m| m.id == member_id)) {
            let issue = Issue::UnknownMember(spec.member.value.clone());
            self.problem(&spec.member.at, issue);
            return;
        }
        let from = values::date(&spec.from, self.problems());
        let until = values::date(&spec.until, self.problems());
        let (Some(from), Some(until)) = (from, until) else {
            return;
        };
        let substitution = Substitution {
            member_id,
            substitute: Person {
                name: spec.name.value.clone(),
                email: spec.email.value.clone(),
            },
            from,
            until,
        };
        let known = self
            .state(org)
            .and_then(|r| r.committee(committee_id))
            .is_some_and(|c| c.substitutions.contains(&substitution));
        if known {
            self.plan.tally.substitutes.unchanged += 1;
            return;
        }
        let origin = Origin::new(&spec.at)
            .with("substitution.member_id", &spec.member.at)
            .with("substitution.substitute.name", &spec.name.at)
            .with("substitution.substitute.email", &spec.email.at)
            .with("substitution.from", &spec.from.at)
            .with("substitution.until", &spec.until.at);
        let command = DirectoryCommand::NameSubstitute {
            committee_id,
            substitution,
        };
        self.try_step(org, command, &origin);
        self.plan.tally.substitutes.new += 1;
    }
}

/// Where the domain's paths into a member (`<path>.person.email`, …) are in the file.
fn member_fields(origin: Origin, path: &str, spec: &MemberSpec) -> Origin {
    let until = spec.serves_until.as_ref().map_or(&spec.at, |u| &u.at);
    origin
        .with(path, &spec.at)
        .with(format!("{path}.person.name"), &spec.name.at)
        .with(format!("{path}.person.email"), &spec.email.at)
        .with(format!("{path}.role"), &spec.role.at)
        .with(format!("{path}.serves_until"), until)
}
