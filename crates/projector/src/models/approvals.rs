use domain::approval::{ApprovalRound, Decision, StageStatus};
use serde_json::{Value, json};

use super::{AggregateModel, Changed, Rows, Table, replace_rows};
use crate::statement::Statement;

/// The `approval_rounds` table, as its rows are written.
pub(crate) const APPROVAL_ROUNDS: Table = Table {
    name: "approval_rounds",
    key: "id",
    columns: "id uuid, programme_id uuid, round integer, status text, first_stage integer, \
             opened_at timestamptz, updated_at timestamptz, version bigint, state jsonb",
};

/// The `approval_seats` table, as its rows are written.
pub(crate) const APPROVAL_SEATS: Table = Table {
    name: "approval_seats",
    key: "round_id",
    columns: "round_id uuid, programme_id uuid, round integer, round_status text, stage integer, \
             committee_id uuid, committee_name text, rule text, advisory boolean, \
             stage_status text, member_id uuid, chair boolean, approver_name text, \
             approver_email text, on_behalf_of_name text, on_behalf_of_email text, \
             link_id uuid, link_issued_at timestamptz, link_expires_at timestamptz, decision text, \
             comment text, decided_at timestamptz",
};

/// Approval rounds: their stages and seats (the approvers' inboxes, each programme's
/// approval progress) and a timeline of what happened.
pub(crate) struct ApprovalModel;

impl AggregateModel for ApprovalModel {
    type State = ApprovalRound;

    fn write(&self, schema: &str, changed: &[Changed<'_, ApprovalRound>]) -> Vec<Statement> {
        let ids: Vec<_> = changed.iter().map(|c| c.id).collect();
        let (mut rounds, mut seats, mut timeline) = (
            Rows::new(&APPROVAL_ROUNDS),
            Rows::new(&APPROVAL_SEATS),
            vec![],
        );
        for change in changed {
            let Some(round) = change.state.record() else {
                continue;
            };
            rounds.push(json!({
                "id": round.id,
                "programme_id": round.programme_id,
                "round": round.round,
                "status": round.status,
                "first_stage": round
                    .stages
                    .iter()
                    .take_while(|s| s.status == StageStatus::CarriedOver)
                    .count(),
                "opened_at": change.created_at,
                "updated_at": change.updated_at,
                "version": change.version,
                "state": round,
            }));
            for (index, stage) in round.stages.iter().enumerate() {
                for seat in &stage.seats {
                    let (decision, comment) = match seat.decision.as_ref().map(|d| &d.decision) {
                        None => (Value::Null, Value::Null),
                        Some(Decision::Approve { comment }) => (json!("approve"), json!(comment)),
                        Some(Decision::RequestChanges { comment }) => {
                            (json!("request_changes"), json!(comment))
                        }
                        Some(Decision::Decline { reason }) => (json!("decline"), json!(reason)),
                    };
                    seats.push(json!({
                        "round_id": round.id,
                        "programme_id": round.programme_id,
                        "round": round.round,
                        "round_status": round.status,
                        "stage": index,
                        "committee_id": stage.plan.committee_id,
                        "committee_name": stage.plan.committee_name,
                        "rule": stage.plan.rule,
                        "advisory": stage.plan.advisory,
                        "stage_status": stage.status,
                        "member_id": seat.approver.member_id,
                        "chair": seat.approver.chair,
                        "approver_name": seat.approver.person.name,
                        "approver_email": seat.approver.person.email,
                        "on_behalf_of_name": seat.approver.on_behalf_of.as_ref().map(|p| &p.name),
                        "on_behalf_of_email": seat.approver.on_behalf_of.as_ref().map(|p| &p.email),
                        "link_id": seat.link.as_ref().map(|l| l.link_id),
                        "link_issued_at": seat.link.as_ref().map(|l| l.issued_at),
                        "link_expires_at": seat.link.as_ref().map(|l| l.expires_at),
                        "decision": decision,
                        "comment": comment,
                        "decided_at": seat.decision.as_ref().map(|d| d.at),
                    }));
                }
            }
            for event in &change.events {
                let envelope = &event.envelope;
                timeline.push(json!({
                    "sequence": event.sequence,
                    "round_id": round.id,
                    "programme_id": round.programme_id,
                    "occurred_at": envelope.occurred_at,
                    "event_type": envelope.event_type,
                    "actor": envelope.actor,
                    "data": envelope.data,
                }));
            }
        }
        let mut statements = replace_rows(schema, &ids, rounds);
        statements.extend(replace_rows(schema, &ids, seats));
        if !timeline.is_empty() {
            statements.push(
                Statement::new(format!(
                    "INSERT INTO {schema}.approval_timeline
                        (sequence, round_id, programme_id, occurred_at, event_type, actor, data)
                     SELECT sequence, round_id, programme_id, occurred_at, event_type, actor, data
                     FROM jsonb_to_recordset($1) AS t(sequence bigint, round_id uuid,
                        programme_id uuid, occurred_at timestamptz, event_type text, actor text,
                        data jsonb)
                     ON CONFLICT (sequence) DO NOTHING"
                ))
                .bind(Value::Array(timeline)),
            );
        }
        statements
    }
}
