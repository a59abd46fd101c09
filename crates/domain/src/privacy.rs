//! Who read members' personal data, when, and how: every opening of a delegation's sealed
//! details (the page, the API, a roster export) is an event, as Vietnam's personal-data decree
//! (13/2023/NĐ-CP) expects, so that the organisation's administrators can see the log.
//!
//! One log per delegation and day (in Vietnam), so that a log never grows without end: the
//! reader is the event's actor and the time its `occurred_at`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{DomainError, FieldError, Problem};
use crate::values::VIETNAM;
use crate::{Aggregate, CommandContext, TaggedEvent};

/// Where the personal data was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadView {
    /// The delegation's page.
    Page,
    /// `GET /api/delegations/{id}`.
    Api,
    RosterCsv,
    RosterXlsx,
}

impl ReadView {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadView::Page => "page",
            ReadView::Api => "api",
            ReadView::RosterCsv => "roster_csv",
            ReadView::RosterXlsx => "roster_xlsx",
        }
    }
}

/// One day's reads of one delegation's personal data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadLog {
    pub delegation_id: Option<Uuid>,
    pub reads: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReadCommand {
    Record { delegation_id: Uuid, view: ReadView },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", content = "data")]
pub enum ReadEvent {
    #[serde(rename = "PersonalDataRead")]
    Read { delegation_id: Uuid, view: ReadView },
}

impl TaggedEvent for ReadEvent {
    const CURRENT_VERSION: u32 = 1;

    fn tag(&self) -> &'static str {
        "PersonalDataRead"
    }
}

/// Fixed namespace of read-log ids (a random UUID, chosen once).
const NAMESPACE: Uuid = Uuid::from_u128(0x5e0b_9a41_c2d7_4f38_8b16_e4a0_73d9_2c5f);

/// The log of `delegation_id`'s reads on `day` (in Vietnam).
pub fn read_log_id(delegation_id: Uuid, day: NaiveDate) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{delegation_id}/{day}").as_bytes())
}

/// The log a read at `context.now` goes to.
pub fn read_log_for(delegation_id: Uuid, context: &CommandContext) -> Uuid {
    read_log_id(
        delegation_id,
        context.now.with_timezone(&VIETNAM).date_naive(),
    )
}

impl Aggregate for ReadLog {
    const TYPE: &'static str = "personal_data_reads";
    const ENTITY: crate::Entity = crate::Entity::Delegation;
    type Command = ReadCommand;
    type Event = ReadEvent;

    fn decide(
        &self,
        command: &ReadCommand,
        context: &CommandContext,
    ) -> Result<Vec<ReadEvent>, DomainError> {
        let ReadCommand::Record {
            delegation_id,
            view,
        } = command;
        // A read nobody can be named for is not recorded as anybody's.
        if context.actor.trim().is_empty() {
            return Err(DomainError::Invalid(vec![FieldError::new(
                "actor",
                Problem::Required,
            )]));
        }
        if self
            .delegation_id
            .is_some_and(|known| known != *delegation_id)
        {
            return Err(DomainError::Invalid(vec![FieldError::new(
                "delegation_id",
                Problem::Unknown,
            )]));
        }
        Ok(vec![ReadEvent::Read {
            delegation_id: *delegation_id,
            view: *view,
        }])
    }

    fn evolve(self, event: &ReadEvent) -> Self {
        let ReadEvent::Read { delegation_id, .. } = event;
        ReadLog {
            delegation_id: Some(*delegation_id),
            reads: self.reads.saturating_add(1),
        }
    }

    fn command_name(_command: &ReadCommand) -> &'static str {
        "record_read"
    }
}
