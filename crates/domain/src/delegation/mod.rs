//! A delegation: the group an approved programme sends across the border or receives,
//! with its roster, travel, accommodation, interpreters, gifts, itinerary and checklist.
//!
//! Members' personal data is checked here in plain form but kept only sealed, each person
//! with their own key held outside the log: deleting that key forgets the person.

mod border_gate;
mod command;
mod decide;
mod event;
mod evolve;
mod items;
mod person;
mod template;
mod warnings;

pub use border_gate::{BORDER_GATES, BorderGate, border_gate};
pub use command::{DelegationCommand, NewMember, ProgrammeFacts};
pub use event::{DelegationEvent, MemberEntry, history_label};
pub use items::{
    AgendaItem, Gift, GiftDirection, GiftKind, Interpreter, InterpreterSide, Item, ItemKind,
    Moment, Stay, Task, TaskKind, TaskStatus, TravelLeg, TravelMode,
};
pub use person::{ADULT_AGE, Document, DocumentKind, Gender, Guardian, PersonalDetails, Sealed};
pub use template::{TemplateEntry, checklist_template};
pub use warnings::{ProgrammeWindow, RosterEntry, Warning, warnings};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Aggregate, CommandContext, DomainError};

/// The most members a roster can hold: the largest delegation a programme may plan
/// (`expected_delegation_size` goes up to 2,000).
pub const MAX_ROSTER: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Đoàn ra: our delegation goes across the border.
    Outgoing,
    /// Đoàn vào: we receive the partners' delegation.
    Incoming,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
#[expect(
    clippy::large_enum_variant,
    reason = "one state per aggregate in memory; boxing would only add noise"
)]
pub enum Delegation {
    #[default]
    New,
    Existing(DelegationRecord),
}

/// A member's place on the roster. Their details are sealed in the events only. Flags
/// that are false are left out of the stored state, which is written again after every
/// event of rosters that can hold thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MemberSlot {
    pub person_id: Uuid,
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub forgotten: bool,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DelegationRecord {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub name: String,
    pub direction: Direction,
    pub members: Vec<MemberSlot>,
    pub legs: Vec<TravelLeg>,
    pub stays: Vec<Stay>,
    pub interpreters: Vec<Interpreter>,
    pub gifts: Vec<Gift>,
    pub agenda: Vec<AgendaItem>,
    pub tasks: Vec<Task>,
}

impl DelegationRecord {
    pub fn member(&self, person_id: Uuid) -> Option<&MemberSlot> {
        self.members.iter().find(|m| m.person_id == person_id)
    }

    /// Members on the roster, in the order they were added.
    pub fn roster(&self) -> impl Iterator<Item = &MemberSlot> {
        self.members.iter().filter(|m| !m.removed)
    }

    /// The first leg, by when it leaves.
    pub fn first_leg(&self) -> Option<&TravelLeg> {
        self.legs.iter().min_by_key(|l| l.departs.instant())
    }

    /// The first leg that crosses a border gate.
    pub fn crossing_leg(&self) -> Option<&TravelLeg> {
        self.legs
            .iter()
            .filter(|l| l.border_gate.is_some())
            .min_by_key(|l| l.departs.instant())
    }

    /// The local day the delegation sets off, when travel is planned.
    pub fn departure_day(&self) -> Option<NaiveDate> {
        self.first_leg().map(|l| l.departs.at.date())
    }

    /// The local day the delegation is back, when travel is planned.
    pub fn return_day(&self) -> Option<NaiveDate> {
        self.legs
            .iter()
            .max_by_key(|l| l.arrives.instant())
            .map(|l| l.arrives.at.date())
    }

    pub fn item(&self, kind: ItemKind, id: Uuid) -> Option<Item> {
        match kind {
            ItemKind::TravelLeg => self
                .legs
                .iter()
                .find(|i| i.id == id)
                .cloned()
                .map(Item::TravelLeg),
            ItemKind::Stay => self
                .stays
                .iter()
                .find(|i| i.id == id)
                .cloned()
                .map(Item::Stay),
            ItemKind::Interpreter => self
                .interpreters
                .iter()
                .find(|i| i.id == id)
                .cloned()
                .map(Item::Interpreter),
            ItemKind::Gift => self
                .gifts
                .iter()
                .find(|i| i.id == id)
                .cloned()
                .map(Item::Gift),
            ItemKind::Agenda => self
                .agenda
                .iter()
                .find(|i| i.id == id)
                .cloned()
                .map(Item::Agenda),
            ItemKind::Task => self
                .tasks
                .iter()
                .find(|i| i.id == id)
                .cloned()
                .map(Item::Task),
        }
    }

    /// Whether prefilling the checklist with the template of `kind` would add a task: one
    /// of its entries is not on the checklist (never added, or taken off since).
    pub fn lacks_template_tasks(&self, kind: crate::programme::ProgrammeKind) -> bool {
        checklist_template(kind)
            .iter()
            .any(|entry| self.item(ItemKind::Task, entry.task_id(self.id)).is_none())
    }

    /// The kind of item that uses this id, if any.
    pub fn kind_of(&self, id: Uuid) -> Option<ItemKind> {
        [
            ItemKind::TravelLeg,
            ItemKind::Stay,
            ItemKind::Interpreter,
            ItemKind::Gift,
            ItemKind::Agenda,
            ItemKind::Task,
        ]
        .into_iter()
        .find(|kind| self.item(*kind, id).is_some())
    }
}

impl Delegation {
    pub fn record(&self) -> Option<&DelegationRecord> {
        match self {
            Delegation::New => None,
            Delegation::Existing(record) => Some(record),
        }
    }
}

impl Aggregate for Delegation {
    const TYPE: &'static str = "delegation";
    const ENTITY: crate::Entity = crate::Entity::Delegation;
    type Command = DelegationCommand;
    type Event = DelegationEvent;

    fn decide(
        &self,
        command: &DelegationCommand,
        context: &CommandContext,
    ) -> Result<Vec<DelegationEvent>, DomainError> {
        decide::decide(self, command, context)
    }

    fn evolve(self, event: &DelegationEvent) -> Self {
        evolve::evolve(self, event)
    }
}
