use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::{OrganisationKind, Route};
use crate::aggregate::{from_untagged, untagged_data};
use crate::approval::{Committee, Member, Substitution};
use crate::{DomainEvent, UpcastError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

const CURRENT_VERSION: u32 = 1;

impl DomainEvent for DirectoryEvent {
    fn event_type(&self) -> &'static str {
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

    fn schema_version(&self) -> u32 {
        CURRENT_VERSION
    }

    fn to_data(&self) -> Value {
        untagged_data(self)
    }

    fn from_stored(
        event_type: &str,
        schema_version: u32,
        data: Value,
    ) -> Result<Self, UpcastError> {
        from_untagged(event_type, schema_version, CURRENT_VERSION, data)
    }
}
