//! Approval routes: a route that is new is defined, one that is already there as the
//! file says is left alone, and one that differs is replaced by the file's.

use std::collections::HashMap;

use domain::directory::{DirectoryCommand, Route, RouteStage};
use domain::programme::ProgrammeKind;
use uuid::Uuid;

use super::{Origin, Planner};
use crate::ids;
use crate::problem::Issue;
use crate::spec::{OrganisationSpec, RouteSpec, Text};
use crate::values::{self, PROGRAMME_KINDS};

impl Planner {
    pub(super) fn routes(&mut self, org_key: &str, org: Uuid, spec: &OrganisationSpec) {
        let mut seen = HashMap::new();
        for route in &spec.routes {
            if let Some(key) = self.unique_key(&route.key, &mut seen) {
                self.route(org_key, org, ids::route(org_key, &key), route);
            }
        }
    }

    fn route(&mut self, org_key: &str, org: Uuid, id: Uuid, spec: &RouteSpec) {
        let kinds: Vec<ProgrammeKind> = spec
            .kinds
            .iter()
            .filter_map(|kind| values::choice(kind, PROGRAMME_KINDS, self.problems()))
            .collect();
        let mut stages = Vec::with_capacity(spec.stages.len());
        for stage in &spec.stages {
            match self.stage(org_key, org, &stage.committee) {
                Ok((committee_id, organisation_id)) => stages.push(RouteStage {
                    committee_id,
                    organisation_id,
                    advisory: stage.advisory,
                }),
                Err(issue) => self.problem(&stage.committee.at, issue),
            }
        }
        let route = Route {
            id,
            name: spec.name.value.clone(),
            kinds,
            stages,
        };
        let current = self
            .state(org)
            .and_then(|r| r.routes.iter().find(|r| r.id == id))
            .cloned();
        match current {
            Some(current) if current == route => {
                self.plan.tally.routes.unchanged += 1;
                return;
            }
            Some(_) => self.plan.tally.routes.changed += 1,
            None => self.plan.tally.routes.new += 1,
        }
        let origin = Origin::new(&spec.key.at)
            .with("route.name", &spec.name.at)
            .with("route.stages", &spec.key.at);
        self.try_step(org, DirectoryCommand::DefineRoute { route }, &origin);
    }

    /// The committee a stage names: `committee-key` of the route's own organisation, or
    /// `organisation-key/committee-key`. It must be in the file or in the directory.
    fn stage(
        &self,
        org_key: &str,
        org: Uuid,
        reference: &Text,
    ) -> Result<(Uuid, Option<Uuid>), Issue> {
        let (owner_key, committee_key) = reference
            .value
            .split_once('/')
            .unwrap_or((org_key, reference.value.as_str()));
        if !values::is_key(owner_key) || !values::is_key(committee_key) {
            return Err(Issue::NotAKey);
        }
        let owner = ids::organisation(owner_key);
        let committee = ids::committee(owner_key, committee_key);
        if self
            .state(owner)
            .is_none_or(|record| record.committee(committee).is_none())
        {
            return Err(Issue::UnknownCommittee(reference.value.clone()));
        }
        Ok((committee, (owner != org).then_some(owner)))
    }
}
