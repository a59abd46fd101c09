use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{OrganisationKind, Route};
use crate::TaggedEvent;
use crate::approval::{Committee, Member, Substitution};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
pub enum DirectoryEvent {
    #[serde(rename = "OrganisationRegistered")]
    Registered {
        id: Uuid,
        name: String,
        kind: OrganisationKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        province: Option<String>,
    },
    #[serde(rename = "CommitteeAdded")]
    CommitteeAdded { committee: Committee },
    #[serde(rename = "CommitteeMemberAdded")]
    MemberAdded { committee_id: Uuid, member: Member },
    #[serde(rename = "CommitteeMembershipEnded")]
    MembershipEnded {
        committee_id: Uuid,
        member_id: Uuid,
        last_day: NaiveDate,
    },
    #[serde(rename = "CommitteeSubstituteNamed")]
    SubstituteNamed {
        committee_id: Uuid,
        substitution: Substitution,
    },
    #[serde(rename = "ApprovalRouteDefined")]
    RouteDefined { route: Route },
    #[serde(rename = "ApprovalRouteRetired")]
    RouteRetired { route_id: Uuid },
}

impl TaggedEvent for DirectoryEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        match self {
            DirectoryEvent::Registered { .. } => "OrganisationRegistered",
            DirectoryEvent::CommitteeAdded { .. } => "CommitteeAdded",
            DirectoryEvent::MemberAdded { .. } => "CommitteeMemberAdded",
            DirectoryEvent::MembershipEnded { .. } => "CommitteeMembershipEnded",
            DirectoryEvent::SubstituteNamed { .. } => "CommitteeSubstituteNamed",
            DirectoryEvent::RouteDefined { .. } => "ApprovalRouteDefined",
            DirectoryEvent::RouteRetired { .. } => "ApprovalRouteRetired",
        }
    }
}
