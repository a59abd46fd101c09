use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, SubsecRound, Utc};
use domain::{Aggregate, DomainEvent};
use eventstore::StoredEvent;
use uuid::Uuid;

use super::{AggregateModel, Changed};
use crate::programme_rows::Failure;
use crate::statement::Statement;

/// An aggregate's folded state as kept in `aggregates`.
#[derive(Debug, Clone)]
pub(crate) struct StoredState {
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub last_sequence: i64,
    /// The state as JSON text. A projector remembers thousands of these between batches;
    /// as a `serde_json::Value` tree each took several times the size of its text.
    pub state: String,
}

/// What the batch writer needs of a model, whatever its aggregate type.
pub(crate) trait ModelRunner: Send + Sync {
    fn aggregate_type(&self) -> &'static str;

    /// Folds `events` (all of this runner's type, in stream order) into `states`, which
    /// holds every aggregate they touch that existed before. Returns the statements that
    /// write the new states and the model's rows; events that cannot be applied go to
    /// `failures` and change nothing.
    fn fold(
        &self,
        schema: &str,
        states: &mut HashMap<Uuid, StoredState>,
        events: &[&StoredEvent],
        failures: &mut Vec<Failure>,
    ) -> Vec<Statement>;
}

struct Runner<M>(M);

impl<M: AggregateModel> ModelRunner for Runner<M> {
    fn aggregate_type(&self) -> &'static str {
        M::State::TYPE
    }

    fn fold(
        &self,
        schema: &str,
        states: &mut HashMap<Uuid, StoredState>,
        events: &[&StoredEvent],
        failures: &mut Vec<Failure>,
    ) -> Vec<Statement> {
        let mut folded: HashMap<Uuid, (M::State, StoredState)> = HashMap::new();
        let mut order: Vec<Uuid> = Vec::new();
        let mut applied: Vec<&StoredEvent> = Vec::new();
        for stored in events {
            match apply::<M::State>(states, &mut folded, stored) {
                Ok(id) => {
                    applied.push(stored);
                    if !order.contains(&id) {
                        order.push(id);
                    }
                }
                Err(reason) => failures.push(Failure {
                    sequence: stored.sequence as i64,
                    reason,
                }),
            }
        }
        if order.is_empty() {
            return Vec::new();
        }
        // Once per aggregate and batch, not per event: an approval round takes a dozen
        // events in one batch.
        for (state, stored) in folded.values_mut() {
            stored.state =
                serde_json::to_string(&*state).expect("aggregate states always serialise");
        }
        let mut statements = vec![upsert_states(schema, M::State::TYPE, &order, &folded)];
        for id in &order {
            let (_, stored) = &folded[id];
            states.insert(*id, stored.clone());
        }
        let changed: Vec<Changed<'_, M::State>> = order
            .iter()
            .map(|id| {
                let (state, stored) = &folded[id];
                Changed {
                    id: *id,
                    state,
                    version: stored.version,
                    created_at: stored.created_at,
                    updated_at: stored.updated_at,
                    events: applied
                        .iter()
                        .filter(|e| e.envelope.aggregate_id == *id)
                        .copied()
                        .collect(),
                }
            })
            .collect();
        statements.extend(self.0.write(schema, &changed));
        statements
    }
}

/// Applies one event, refusing it unless its version follows the aggregate's last one (so
/// that no event can change a read model twice, even if published again).
fn apply<A: Aggregate + serde::Serialize + serde::de::DeserializeOwned>(
    states: &HashMap<Uuid, StoredState>,
    folded: &mut HashMap<Uuid, (A, StoredState)>,
    stored: &StoredEvent,
) -> Result<Uuid, String> {
    let envelope = &stored.envelope;
    let id = envelope.aggregate_id;
    let event = A::Event::from_stored(
        &envelope.event_type,
        envelope.schema_version,
        envelope.data.clone(),
    )
    .map_err(|e| e.to_string())?;
    let (state, meta) = match folded.entry(id) {
        Entry::Occupied(entry) => entry.into_mut(),
        Entry::Vacant(entry) => entry.insert(match states.get(&id) {
            Some(stored) => (
                serde_json::from_str(&stored.state).map_err(|e| {
                    format!("{} {id}: its stored state cannot be read: {e}", A::TYPE)
                })?,
                stored.clone(),
            ),
            None => (
                A::default(),
                StoredState {
                    version: 0,
                    created_at: as_stored(envelope.occurred_at),
                    updated_at: as_stored(envelope.occurred_at),
                    last_sequence: 0,
                    state: String::new(),
                },
            ),
        }),
    };
    let version = envelope.aggregate_version as i64;
    if version != meta.version + 1 {
        return Err(format!(
            "{} {id}: event version {version} arrived when {} was expected",
            A::TYPE,
            meta.version + 1
        ));
    }
    *state = std::mem::take(state).evolve(&event);
    meta.version = version;
    meta.updated_at = as_stored(envelope.occurred_at);
    meta.last_sequence = stored.sequence as i64;
    Ok(id)
}

/// A time as `aggregates` keeps it: to the microsecond, cut rather than rounded, as the
/// driver binds it. Models also write these times through JSON, which PostgreSQL rounds;
/// a state read back from `aggregates` must give the same rows as one folded from the
/// events, or a projector that resumes from the table would differ from a rebuild.
fn as_stored(time: DateTime<Utc>) -> DateTime<Utc> {
    time.trunc_subsecs(6)
}

fn upsert_states<A>(
    schema: &str,
    aggregate_type: &str,
    order: &[Uuid],
    folded: &HashMap<Uuid, (A, StoredState)>,
) -> Statement {
    let rows = order.iter().map(|id| &folded[id].1);
    Statement::new(format!(
        "INSERT INTO {schema}.aggregates (aggregate_type, id, version, created_at, updated_at,
            last_sequence, state)
         SELECT $1, * FROM UNNEST($2::uuid[], $3::bigint[], $4::timestamptz[],
            $5::timestamptz[], $6::bigint[], $7::text[]::jsonb[])
         ON CONFLICT (aggregate_type, id) DO UPDATE SET version = EXCLUDED.version,
            updated_at = EXCLUDED.updated_at, last_sequence = EXCLUDED.last_sequence,
            state = EXCLUDED.state"
    ))
    .bind(aggregate_type.to_string())
    .bind(order.to_vec())
    .bind(rows.clone().map(|r| r.version).collect::<Vec<_>>())
    .bind(rows.clone().map(|r| r.created_at).collect::<Vec<_>>())
    .bind(rows.clone().map(|r| r.updated_at).collect::<Vec<_>>())
    .bind(rows.clone().map(|r| r.last_sequence).collect::<Vec<_>>())
    .bind(rows.map(|r| r.state.clone()).collect::<Vec<_>>())
}

/// Every read model of an aggregate other than programmes.
pub(crate) fn runners() -> Vec<Box<dyn ModelRunner>> {
    vec![
        Box::new(Runner(super::directory::DirectoryModel)),
        Box::new(Runner(super::approvals::ApprovalModel)),
        Box::new(Runner(super::preferences::PreferencesModel)),
        Box::new(Runner(super::agreements::AgreementModel)),
        Box::new(Runner(super::follow_ups::FollowUpModel)),
        Box::new(Runner(super::delegation::DelegationModel)),
        Box::new(Runner(super::users::UserRolesModel)),
        Box::new(Runner(super::reads::ReadLogModel)),
    ]
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Timelike};

    use super::*;

    #[test]
    fn times_are_kept_to_the_microsecond_cut_not_rounded() {
        let event_time = Utc
            .with_ymd_and_hms(2026, 11, 22, 18, 8, 49)
            .unwrap()
            .with_nanosecond(694_073_600)
            .unwrap();
        assert_eq!(as_stored(event_time).nanosecond(), 694_073_000);
        assert_eq!(as_stored(as_stored(event_time)), as_stored(event_time));
    }
}
