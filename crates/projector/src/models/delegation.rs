use std::collections::HashMap;

use domain::DomainEvent;
use domain::delegation::{Delegation, DelegationEvent, DelegationRecord, MemberSlot, Sealed};
use serde_json::json;
use uuid::Uuid;

use super::{AggregateModel, Changed, Rows, Table, replace_rows};
use crate::statement::Statement;

/// The `delegations` table, as its rows are written.
pub(crate) const DELEGATIONS: Table = Table {
    name: "delegations",
    key: "id",
    columns: "id uuid, programme_id uuid, name text, direction text, members integer, \
             version bigint, updated_at timestamptz",
};

/// The `travel_legs` table, as its rows are written.
pub(crate) const TRAVEL_LEGS: Table = Table {
    name: "travel_legs",
    key: "delegation_id",
    columns: "delegation_id uuid, id uuid, departs_at timestamptz, departs_timezone text, \
             arrives_at timestamptz, arrives_timezone text, border_gate text, mode text",
};

/// The `itinerary_items` table, as its rows are written.
pub(crate) const ITINERARY_ITEMS: Table = Table {
    name: "itinerary_items",
    key: "delegation_id",
    columns: "delegation_id uuid, id uuid, date date, starts_at timestamptz, timezone text, \
             title text, place text",
};

/// The `gifts` table, as its rows are written.
pub(crate) const GIFTS: Table = Table {
    name: "gifts",
    key: "delegation_id",
    columns: "delegation_id uuid, id uuid, kind text, direction text, item text, \
             quantity integer, recipient text, value numeric, currency text",
};

/// The `checklist_items` table, as its rows are written.
pub(crate) const CHECKLIST_ITEMS: Table = Table {
    name: "checklist_items",
    key: "delegation_id",
    columns: "delegation_id uuid, programme_id uuid, id uuid, kind text, title text, \
             owner_name text, owner_email text, due_on date, status text, leg_id uuid, \
             updated_at timestamptz",
};

/// Delegations with their roster (sealed), travel, itinerary, gifts and checklist.
pub(crate) struct DelegationModel;

impl AggregateModel for DelegationModel {
    type State = Delegation;

    fn write(&self, schema: &str, changed: &[Changed<'_, Delegation>]) -> Vec<Statement> {
        let ids: Vec<Uuid> = changed.iter().map(|c| c.id).collect();
        let (mut delegations, mut legs, mut agenda, mut gifts, mut tasks, mut history) = (
            Rows::new(&DELEGATIONS),
            Rows::new(&TRAVEL_LEGS),
            Rows::new(&ITINERARY_ITEMS),
            Rows::new(&GIFTS),
            Rows::new(&CHECKLIST_ITEMS),
            vec![],
        );
        let mut statements = Vec::new();
        for change in changed {
            let Some(record) = change.state.record() else {
                continue;
            };
            delegations.push(json!({
                "id": record.id,
                "programme_id": record.programme_id,
                "name": record.name,
                "direction": record.direction,
                "members": record.roster().count(),
                "version": change.version,
                "updated_at": change.updated_at,
            }));
            for leg in &record.legs {
                legs.push(json!({
                    "delegation_id": record.id,
                    "id": leg.id,
                    "departs_at": leg.departs.instant(),
                    "departs_timezone": leg.departs.timezone,
                    "arrives_at": leg.arrives.instant(),
                    "arrives_timezone": leg.arrives.timezone,
                    "border_gate": leg.border_gate,
                    "mode": leg.mode,
                }));
            }
            for item in &record.agenda {
                agenda.push(json!({
                    "delegation_id": record.id,
                    "id": item.id,
                    "date": item.date,
                    "starts_at": item.starts_moment().instant(),
                    "timezone": item.timezone,
                    "title": item.title,
                    "place": item.place,
                }));
            }
            for gift in &record.gifts {
                gifts.push(json!({
                    "delegation_id": record.id,
                    "id": gift.id,
                    "kind": gift.kind,
                    "direction": gift.direction,
                    "item": gift.item,
                    "quantity": gift.quantity,
                    "recipient": gift.recipient,
                    "value": gift.value,
                    "currency": gift.currency,
                }));
            }
            for task in &record.tasks {
                tasks.push(json!({
                    "delegation_id": record.id,
                    "programme_id": record.programme_id,
                    "id": task.id,
                    "kind": task.kind,
                    "title": task.title,
                    "owner_name": task.owner.name,
                    "owner_email": task.owner.email,
                    "due_on": task.due_on,
                    "status": task.status,
                    "leg_id": task.leg_id,
                    "updated_at": change.updated_at,
                }));
            }
            for stored in &change.events {
                let e = &stored.envelope;
                history.push(json!({
                    "sequence": stored.sequence,
                    "delegation_id": change.id,
                    "version": e.aggregate_version,
                    "event_type": e.event_type,
                    "occurred_at": e.occurred_at,
                    "actor": e.actor,
                    "correlation_id": e.correlation_id,
                }));
            }
            statements.extend(member_rows(schema, record, change));
        }
        statements.extend(replace_rows(schema, &ids, delegations));
        statements.extend(replace_rows(schema, &ids, legs));
        statements.extend(replace_rows(schema, &ids, agenda));
        statements.extend(replace_rows(schema, &ids, gifts));
        statements.extend(replace_rows(schema, &ids, tasks));
        if !history.is_empty() {
            statements.push(
                Statement::new(format!(
                    "INSERT INTO {schema}.delegation_events
                     SELECT * FROM jsonb_to_recordset($1) AS t(sequence bigint,
                        delegation_id uuid, version bigint, event_type text,
                        occurred_at timestamptz, actor text, correlation_id text)"
                ))
                .bind(serde_json::Value::Array(history)),
            );
        }
        statements
    }
}

/// Rosters can hold thousands of members, so only the members this batch's events touch
/// are written: their newest sealed details, and their flags as the state now has them. A
/// forgotten member keeps no sealed text.
fn member_rows(
    schema: &str,
    record: &DelegationRecord,
    change: &Changed<'_, Delegation>,
) -> Vec<Statement> {
    let mut sealed: HashMap<Uuid, Sealed> = HashMap::new();
    let mut touched: Vec<Uuid> = Vec::new();
    for stored in &change.events {
        let e = &stored.envelope;
        // The fold has applied this event, so it reads.
        let Ok(event) =
            DelegationEvent::from_stored(&e.event_type, e.schema_version, e.data.clone())
        else {
            continue;
        };
        match event {
            DelegationEvent::MembersAdded { members } => {
                for member in members {
                    touched.push(member.person_id);
                    sealed.insert(member.person_id, member.sealed);
                }
            }
            DelegationEvent::MemberUpdated { member } => {
                touched.push(member.person_id);
                sealed.insert(member.person_id, member.sealed);
            }
            DelegationEvent::MemberRemoved { person_id }
            | DelegationEvent::PersonForgotten { person_id } => touched.push(person_id),
            _ => {}
        }
    }
    if touched.is_empty() {
        return Vec::new();
    }
    let positions: HashMap<Uuid, (usize, &MemberSlot)> = record
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.person_id, (i + 1, m)))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let (mut full, mut flags) = (MemberColumns::default(), MemberColumns::default());
    for id in touched {
        let Some((position, slot)) = positions.get(&id) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        let text = sealed.remove(&id).map(|s| s.0);
        let target = if text.is_some() {
            &mut full
        } else {
            &mut flags
        };
        target.push(id, *position, text.filter(|_| !slot.forgotten), slot);
    }
    let mut statements = Vec::new();
    if !full.ids.is_empty() {
        statements.push(full.bind(
            Statement::new(format!(
                "INSERT INTO {schema}.delegation_members AS m
                    (delegation_id, person_id, position, sealed, removed, forgotten)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::int[], $4::text[], $5::bool[],
                    $6::bool[])
                 ON CONFLICT (delegation_id, person_id) DO UPDATE SET
                    position = EXCLUDED.position, sealed = EXCLUDED.sealed,
                    removed = EXCLUDED.removed, forgotten = EXCLUDED.forgotten"
            )),
            record.id,
        ));
    }
    if !flags.ids.is_empty() {
        statements.push(flags.bind(
            Statement::new(format!(
                "UPDATE {schema}.delegation_members AS m SET position = u.position,
                    removed = u.removed, forgotten = u.forgotten,
                    sealed = CASE WHEN u.forgotten THEN NULL ELSE m.sealed END
                 FROM UNNEST($2::uuid[], $3::int[], $4::text[], $5::bool[], $6::bool[])
                    AS u(person_id, position, sealed, removed, forgotten)
                 WHERE m.delegation_id = $1 AND m.person_id = u.person_id"
            )),
            record.id,
        ));
    }
    statements
}

/// Members' rows as parallel arrays, for one `UNNEST`.
#[derive(Default)]
struct MemberColumns {
    ids: Vec<Uuid>,
    positions: Vec<i32>,
    sealed: Vec<Option<String>>,
    removed: Vec<bool>,
    forgotten: Vec<bool>,
}

impl MemberColumns {
    fn push(&mut self, id: Uuid, position: usize, sealed: Option<String>, slot: &MemberSlot) {
        self.ids.push(id);
        self.positions.push(position as i32);
        self.sealed.push(sealed);
        self.removed.push(slot.removed);
        self.forgotten.push(slot.forgotten);
    }

    fn bind(self, statement: Statement, delegation_id: Uuid) -> Statement {
        statement
            .bind(delegation_id)
            .bind(self.ids)
            .bind(self.positions)
            .bind(self.sealed)
            .bind(self.removed)
            .bind(self.forgotten)
    }
}
