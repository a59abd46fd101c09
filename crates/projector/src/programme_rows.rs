use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use domain::programme::{Programme, ProgrammeEvent, ProgrammeRecord};
use domain::{Aggregate, DomainEvent};
use eventstore::StoredEvent;
use uuid::Uuid;

use crate::fold;

/// One row of the programme list, as the projection keeps it.
#[derive(Debug, Clone)]
pub(crate) struct ProgrammeRow {
    pub record: ProgrammeRecord,
    pub version: i64,
    pub drafted_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_sequence: i64,
}

/// An event that could not be applied, and why.
pub(crate) struct Failure {
    pub sequence: i64,
    pub reason: String,
}

/// Folds a batch of events into the rows they touch. Rows not yet in `rows` are new
/// programmes. Returns the events that were applied, in order, and those that were not.
pub(crate) fn apply<'a>(
    rows: &mut HashMap<Uuid, ProgrammeRow>,
    events: impl IntoIterator<Item = &'a StoredEvent>,
) -> (Vec<&'a StoredEvent>, Vec<Failure>) {
    let mut applied = Vec::new();
    let mut failures = Vec::new();
    for stored in events {
        match apply_one(rows, stored) {
            Ok(()) => applied.push(stored),
            Err(reason) => failures.push(Failure {
                sequence: stored.sequence as i64,
                reason,
            }),
        }
    }
    (applied, failures)
}

fn apply_one(rows: &mut HashMap<Uuid, ProgrammeRow>, stored: &StoredEvent) -> Result<(), String> {
    let envelope = &stored.envelope;
    let event = ProgrammeEvent::from_stored(
        &envelope.event_type,
        envelope.schema_version,
        envelope.data.clone(),
    )
    .map_err(|e| e.to_string())?;
    let id = envelope.aggregate_id;
    let version = envelope.aggregate_version as i64;
    let current = rows.get(&id);
    // Each aggregate's versions must follow on one by one. A copy of an event published
    // again later (outside JetStream's duplicate window) repeats a version and is refused
    // here, so no event can change the read model twice.
    let expected = current.map_or(1, |row| row.version + 1);
    if version != expected {
        return Err(format!(
            "programme {id}: event version {version} arrived when {expected} was expected"
        ));
    }
    let state = current.map_or(Programme::New, |row| {
        Programme::Existing(row.record.clone())
    });
    let Programme::Existing(record) = state.evolve(&event) else {
        return Err(format!(
            "programme {id}: {} does not apply to a programme that was never drafted",
            event.event_type()
        ));
    };
    let drafted_at = current.map_or(envelope.occurred_at, |row| row.drafted_at);
    rows.insert(
        id,
        ProgrammeRow {
            record,
            version,
            drafted_at,
            updated_at: envelope.occurred_at,
            last_sequence: stored.sequence as i64,
        },
    );
    Ok(())
}

/// The columns of `programmes`, one vector per column, ready for an `UNNEST` insert.
#[derive(Default)]
pub(crate) struct ProgrammeColumns {
    pub id: Vec<Uuid>,
    pub version: Vec<i64>,
    pub status: Vec<String>,
    pub kind: Vec<String>,
    pub title: Vec<String>,
    pub title_folded: Vec<String>,
    pub host_organisation: Vec<String>,
    pub organisations_folded: Vec<String>,
    pub partners_folded: Vec<String>,
    pub start_date: Vec<NaiveDate>,
    pub end_date: Vec<NaiveDate>,
    pub timezone: Vec<String>,
    pub expected_delegation_size: Vec<i32>,
    /// The attendance of a programme recorded from history; none for any other.
    pub recorded_attendance: Vec<Option<i32>>,
    pub drafted_at: Vec<DateTime<Utc>>,
    pub updated_at: Vec<DateTime<Utc>>,
    pub last_sequence: Vec<i64>,
    pub state: Vec<String>,
}

impl ProgrammeColumns {
    pub fn push(&mut self, row: &ProgrammeRow) {
        let plan = &row.record.plan;
        let organisations: Vec<&str> = std::iter::once(plan.host_organisation.as_str())
            .chain(plan.co_organisers.iter().map(String::as_str))
            .collect();
        let partners: Vec<&str> = plan.partners.iter().map(|p| p.name.as_str()).collect();
        self.id.push(row.record.id);
        self.version.push(row.version);
        self.status.push(row.record.status.as_str().into());
        self.kind.push(plan.kind.as_str().into());
        self.title.push(plan.title.clone());
        self.title_folded.push(fold(&plan.title));
        self.host_organisation.push(plan.host_organisation.clone());
        self.organisations_folded
            .push(fold(&organisations.join(" | ")));
        self.partners_folded.push(fold(&partners.join(" | ")));
        self.start_date.push(plan.schedule.start);
        self.end_date.push(plan.schedule.end);
        self.timezone.push(plan.schedule.timezone.clone());
        self.expected_delegation_size
            .push(plan.expected_delegation_size as i32);
        self.recorded_attendance.push(
            row.record
                .history
                .as_ref()
                .map(|history| history.attendance.total as i32),
        );
        self.drafted_at.push(row.drafted_at);
        self.updated_at.push(row.updated_at);
        self.last_sequence.push(row.last_sequence);
        self.state.push(
            serde_json::to_string(&row.record).expect("a programme record always serialises"),
        );
    }
}
