//! Works out the commands that bring the directory up to what the file says, and checks
//! each with the domain's own `decide`, on the organisations as they stand (loaded from
//! the event store) and as the commands before it leave them. Nothing is appended here:
//! the plan is appended only when it has no problem at all.

mod committees;
mod routes;

use std::collections::HashMap;

use domain::directory::{Directory, DirectoryCommand, DirectoryEvent, OrganisationKind};
use domain::{Aggregate, CommandContext, DomainError};
use uuid::Uuid;

use super::ids;
use super::problem::{Issue, Located};
use super::spec::{OrganisationSpec, Spot, Text};
use super::values::{self, ORGANISATION_KINDS};

/// One command for one organisation, in the order they are to be appended.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub organisation: Uuid,
    pub command: DirectoryCommand,
}

/// How many of one kind of entry are new, already there as the file says, or changed
/// (a member's last day set, a route replaced).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub new: usize,
    pub unchanged: usize,
    pub changed: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub organisations: Count,
    pub committees: Count,
    pub members: Count,
    pub substitutes: Count,
    pub routes: Count,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub problems: Vec<Located>,
    pub tally: Tally,
}

/// Every organisation the file names, its own and those its routes refer to: they are
/// loaded before planning.
pub fn organisations_named(orgs: &[OrganisationSpec]) -> Vec<Uuid> {
    let mut keys: Vec<&str> = orgs.iter().map(|o| o.key.value.as_str()).collect();
    for stage in orgs.iter().flat_map(|o| &o.routes).flat_map(|r| &r.stages) {
        if let Some((owner, _)) = stage.committee.value.split_once('/') {
            keys.push(owner);
        }
    }
    let mut ids: Vec<Uuid> = keys
        .into_iter()
        .filter(|k| values::is_key(k))
        .map(ids::organisation)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The plan for `orgs`, given the organisations as they stand (absent ones are new).
pub fn plan(
    orgs: &[OrganisationSpec],
    existing: HashMap<Uuid, Directory>,
    context: CommandContext,
) -> Plan {
    let mut planner = Planner {
        states: existing,
        context,
        plan: Plan::default(),
    };
    let mut seen = HashMap::new();
    let mut accepted = Vec::new();
    for org in orgs {
        if let Some((key, id)) = planner.organisation(org, &mut seen) {
            planner.committees(&key, id, org);
            accepted.push((key, id, org));
        }
    }
    // Routes come last, so that they can name any committee of the file.
    for (key, id, org) in accepted {
        planner.routes(&key, id, org);
    }
    planner.plan
}

/// Where a command's fields come from in the file. The domain names a refused field by
/// its path in the command (`committee.members[2].person.email`); the longest path
/// listed here that leads to it gives the line and field to report.
pub(super) struct Origin {
    at: Spot,
    fields: Vec<(String, Spot)>,
}

impl Origin {
    fn new(at: &Spot) -> Self {
        Self {
            at: at.clone(),
            fields: Vec::new(),
        }
    }

    fn with(mut self, path: impl Into<String>, at: &Spot) -> Self {
        self.fields.push((path.into(), at.clone()));
        self
    }

    fn locate(&self, field: &str) -> &Spot {
        self.fields
            .iter()
            .filter(|(path, _)| {
                field == path
                    || field
                        .strip_prefix(path.as_str())
                        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
            })
            .max_by_key(|(path, _)| path.len())
            .map_or(&self.at, |(_, at)| at)
    }
}

pub(super) struct Planner {
    states: HashMap<Uuid, Directory>,
    context: CommandContext,
    plan: Plan,
}

impl Planner {
    fn problem(&mut self, at: &Spot, issue: Issue) {
        self.plan.problems.push(Located::new(at, issue));
    }

    /// Problems found while reading values go straight into the plan.
    fn problems(&mut self) -> &mut Vec<Located> {
        &mut self.plan.problems
    }

    /// A key, once per scope: a second use is a problem, and `None`.
    fn unique_key(&mut self, key: &Text, seen: &mut HashMap<String, u64>) -> Option<String> {
        let value = values::key(key, self.problems());
        if let Some(&first_line) = seen.get(&value) {
            self.problem(&key.at, Issue::KeyTwice { first_line });
            return None;
        }
        seen.insert(value.clone(), key.at.line);
        Some(value)
    }

    fn state(&self, org: Uuid) -> Option<&domain::directory::OrganisationRecord> {
        self.states.get(&org).and_then(Directory::record)
    }

    /// Checks `command` with the domain on the organisation as it now stands; when
    /// accepted, it becomes a step and its events are folded in.
    fn try_step(&mut self, org: Uuid, command: DirectoryCommand, origin: &Origin) -> bool {
        let state = self.states.entry(org).or_default();
        match state.decide_checked(&command, &self.context) {
            Ok(events) => {
                for event in &events {
                    *state = std::mem::take(state).evolve(event);
                }
                self.plan.steps.push(Step {
                    organisation: org,
                    command,
                });
                true
            }
            Err(DomainError::Invalid(fields)) => {
                for field in fields {
                    let at = origin.locate(&field.field).clone();
                    self.problem(&at, Issue::Domain(field.problem));
                }
                false
            }
            Err(refusal) => {
                self.problem(&origin.at, Issue::Refused(refusal));
                false
            }
        }
    }

    /// After a refused registration or committee, goes on as if it had been accepted,
    /// so that the problems further down the file are found too. Nothing is appended
    /// while there is any problem, so this stand-in never reaches the directory.
    fn assume(&mut self, org: Uuid, event: DirectoryEvent) {
        let state = self.states.entry(org).or_default();
        *state = std::mem::take(state).evolve(&event);
    }

    /// Reports `file` where it differs from what the directory holds.
    fn same(&mut self, at: &Spot, existing: &str, file: &str) {
        if existing != file {
            self.problem(
                at,
                Issue::Differs {
                    existing: existing.to_string(),
                },
            );
        }
    }

    fn organisation(
        &mut self,
        spec: &OrganisationSpec,
        seen: &mut HashMap<String, u64>,
    ) -> Option<(String, Uuid)> {
        let key = self.unique_key(&spec.key, seen)?;
        let id = ids::organisation(&key);
        let kind: Option<OrganisationKind> =
            values::choice(&spec.kind, ORGANISATION_KINDS, self.problems());
        let name = spec.name.value.clone();
        let province = spec.province.as_ref().map(|p| p.value.clone());
        let province_at = spec.province.as_ref().map_or(&spec.key.at, |p| &p.at);
        match self.state(id).cloned() {
            Some(record) => {
                self.same(&spec.name.at, &record.name, &name);
                if let Some(kind) = kind {
                    self.same(&spec.kind.at, &label(record.kind), &label(kind));
                }
                self.same(
                    province_at,
                    record.province.as_deref().unwrap_or_default(),
                    province.as_deref().unwrap_or_default(),
                );
                self.plan.tally.organisations.unchanged += 1;
            }
            None => {
                // A stand-in for an unknown kind, already reported, so that the rest of
                // the organisation is checked too.
                let kind = kind.unwrap_or(OrganisationKind::GovernmentAgency);
                let origin = Origin::new(&spec.key.at)
                    .with("name", &spec.name.at)
                    .with("province", province_at);
                let command = DirectoryCommand::Register {
                    id,
                    name: name.clone(),
                    kind,
                    province: province.clone(),
                };
                if !self.try_step(id, command, &origin) {
                    self.assume(
                        id,
                        DirectoryEvent::Registered {
                            id,
                            name,
                            kind,
                            province,
                        },
                    );
                }
                self.plan.tally.organisations.new += 1;
            }
        }
        Some((key, id))
    }
}

/// The name the file uses for a kind, rule or role.
pub(super) fn label(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
