//! The directory of one organisation: who it is, its standing committees and their
//! members, and the approval routes its programmes follow. Administrators keep it; every
//! change is an event.

mod command;
mod decide;
mod event;
mod evolve;

pub use command::DirectoryCommand;
pub use event::DirectoryEvent;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::approval::Committee;
use crate::programme::ProgrammeKind;
use crate::{Aggregate, CommandContext, DomainError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// Tỉnh Đoàn
    ProvincialYouthUnion,
    /// Thành đoàn
    CityYouthUnion,
    /// Huyện đoàn
    DistrictYouthUnion,
    /// Hội Hữu nghị Việt – Trung
    FriendshipAssociation,
    /// Tỉnh ủy, Thành ủy
    PartyCommittee,
    /// Sở Ngoại vụ, Bộ đội Biên phòng, Sở Giáo dục…
    GovernmentAgency,
}

/// The committees a programme passes, in order. A route applies to the programme kinds it
/// lists, or to every kind when it lists none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Route {
    pub id: Uuid,
    pub name: String,
    #[serde(default)]
    pub kinds: Vec<ProgrammeKind>,
    pub stages: Vec<RouteStage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RouteStage {
    pub committee_id: Uuid,
    /// The organisation the committee belongs to, when it is another one, such as the
    /// provincial party committee's standing board; unset for the route's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_id: Option<Uuid>,
    #[serde(default)]
    pub advisory: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Directory {
    #[default]
    New,
    Existing(OrganisationRecord),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrganisationRecord {
    pub id: Uuid,
    pub name: String,
    pub kind: OrganisationKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    pub committees: Vec<Committee>,
    pub routes: Vec<Route>,
}

impl OrganisationRecord {
    pub fn committee(&self, id: Uuid) -> Option<&Committee> {
        self.committees.iter().find(|c| c.id == id)
    }

    /// The route for a programme of this kind: one that names the kind wins over one
    /// that applies to every kind.
    pub fn route_for(&self, kind: ProgrammeKind) -> Option<&Route> {
        self.routes
            .iter()
            .find(|r| r.kinds.contains(&kind))
            .or_else(|| self.routes.iter().find(|r| r.kinds.is_empty()))
    }
}

impl Directory {
    pub fn record(&self) -> Option<&OrganisationRecord> {
        match self {
            Directory::New => None,
            Directory::Existing(record) => Some(record),
        }
    }
}

impl Aggregate for Directory {
    const TYPE: &'static str = "organisation";
    const ENTITY: crate::Entity = crate::Entity::Organisation;
    type Command = DirectoryCommand;
    type Event = DirectoryEvent;

    fn decide(
        &self,
        command: &DirectoryCommand,
        _context: &CommandContext,
    ) -> Result<Vec<DirectoryEvent>, DomainError> {
        decide::decide(self, command)
    }

    fn evolve(self, event: &DirectoryEvent) -> Self {
        evolve::evolve(self, event)
    }

    fn command_name(command: &DirectoryCommand) -> &'static str {
        match command {
            DirectoryCommand::Register { .. } => "register",
            DirectoryCommand::AddCommittee { .. } => "add_committee",
            DirectoryCommand::AddMember { .. } => "add_member",
            DirectoryCommand::EndMembership { .. } => "end_membership",
            DirectoryCommand::NameSubstitute { .. } => "name_substitute",
            DirectoryCommand::DefineRoute { .. } => "define_route",
            DirectoryCommand::RetireRoute { .. } => "retire_route",
        }
    }
}
