use domain::followup::FollowUpReport;
use serde_json::json;

use super::{AggregateModel, Changed, Rows, Table, replace_rows};
use crate::statement::Statement;

/// The `follow_up_reports` table, as its rows are written.
pub(crate) const FOLLOW_UP_REPORTS: Table = Table {
    name: "follow_up_reports",
    key: "id",
    columns: "id uuid, programme_id uuid, programme_title text, status text, due_on date, \
             submitted_at timestamptz, accepted_at timestamptz, planned_attendance integer, \
             actual_attendance integer, counted_attendance integer, vietnamese_side integer, \
             partner_side integer, spent_vnd bigint, budget_vnd bigint, gifts_given_vnd bigint, \
             gifts_received_vnd bigint, coordinator_name text, \
             coordinator_email text, agreement_id uuid, host_organisation_id uuid, \
             open_action_items integer, version bigint, updated_at timestamptz, state jsonb",
};

/// The `action_items` table, as its rows are written.
pub(crate) const ACTION_ITEMS: Table = Table {
    name: "action_items",
    key: "report_id",
    columns: "id uuid, report_id uuid, report_status text, programme_id uuid, \
             programme_title text, title text, owner_name text, owner_email text, \
             due_on date, status text, note text, done_on date, agreement_id uuid, \
             host_organisation_id uuid",
};

/// Follow-up reports, and their action items as one list across programmes.
pub(crate) struct FollowUpModel;

impl AggregateModel for FollowUpModel {
    type State = FollowUpReport;

    fn write(&self, schema: &str, changed: &[Changed<'_, FollowUpReport>]) -> Vec<Statement> {
        let ids: Vec<_> = changed.iter().map(|c| c.id).collect();
        let (mut reports, mut items) = (Rows::new(&FOLLOW_UP_REPORTS), Rows::new(&ACTION_ITEMS));
        for change in changed {
            let Some(report) = change.state.record() else {
                continue;
            };
            let programme = &report.programme;
            let coordinator = programme.coordinator.as_ref();
            let action_items = &report.content.action_items;
            // Sides and money count as attendance does: once the report is handed in.
            let counted = report.counted_content();
            let sides = counted.and_then(|c| c.attendance()).and_then(|a| a.sides());
            let money = counted.map(|_| report.money_totals()).unwrap_or_default();
            reports.push(json!({
                "id": report.id,
                "programme_id": programme.programme_id,
                "programme_title": programme.title,
                "status": report.status.as_str(),
                "due_on": report.due_on,
                "submitted_at": report.submitted_at,
                "accepted_at": report.accepted_at,
                "planned_attendance": programme.expected_delegation_size,
                "actual_attendance": report.content.actual_attendance,
                "counted_attendance": report.reported_attendance(),
                "vietnamese_side": sides.map(|(ours, _)| ours),
                "partner_side": sides.map(|(_, theirs)| theirs),
                "spent_vnd": money.spent_vnd,
                "budget_vnd": money.budget_vnd,
                "gifts_given_vnd": money.gifts_given_vnd,
                "gifts_received_vnd": money.gifts_received_vnd,
                "coordinator_name": coordinator.map(|c| &c.name),
                "coordinator_email": coordinator.map(|c| &c.email),
                "agreement_id": programme.agreement_id,
                "host_organisation_id": programme.host_organisation_id,
                "open_action_items": action_items.iter().filter(|i| i.status.is_open()).count(),
                "version": change.version,
                "updated_at": change.updated_at,
                "state": report,
            }));
            for item in action_items {
                // Every stored item has an owner and a due date: the domain refuses any
                // other.
                let (Some(owner), Some(due_on)) = (&item.owner, item.due_on) else {
                    continue;
                };
                items.push(json!({
                    "id": item.id,
                    "report_id": report.id,
                    "report_status": report.status.as_str(),
                    "programme_id": programme.programme_id,
                    "programme_title": programme.title,
                    "title": item.title,
                    "owner_name": owner.name,
                    "owner_email": owner.email,
                    "due_on": due_on,
                    "status": item.status.as_str(),
                    "note": item.note,
                    "done_on": item.done_on,
                    "agreement_id": programme.agreement_id,
                    "host_organisation_id": programme.host_organisation_id,
                }));
            }
        }
        let mut statements = replace_rows(schema, &ids, reports);
        statements.extend(replace_rows(schema, &ids, items));
        statements
    }
}
