use chrono::NaiveDate;
use uuid::Uuid;

use super::{OrganisationKind, Route};
use crate::approval::{Committee, Member, Substitution};

#[derive(Debug, Clone, PartialEq)]
pub enum DirectoryCommand {
    Register {
        id: Uuid,
        name: String,
        kind: OrganisationKind,
        province: Option<String>,
    },
    AddCommittee {
        committee: Committee,
    },
    AddMember {
        committee_id: Uuid,
        member: Member,
    },
    /// The member's last day on the committee.
    EndMembership {
        committee_id: Uuid,
        member_id: Uuid,
        last_day: NaiveDate,
    },
    NameSubstitute {
        committee_id: Uuid,
        substitution: Substitution,
    },
    /// Adds a route, or replaces the route with the same id.
    DefineRoute {
        route: Route,
    },
    RetireRoute {
        route_id: Uuid,
    },
}
