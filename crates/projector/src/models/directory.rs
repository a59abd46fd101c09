use domain::directory::Directory;
use serde_json::json;

use super::{AggregateModel, Changed, Rows, Table, replace_rows};
use crate::fold;
use crate::statement::Statement;

/// The `organisations` table, as its rows are written.
pub(crate) const ORGANISATIONS: Table = Table {
    name: "organisations",
    key: "id",
    columns: "id uuid, name text, name_folded text, kind text, province text, version bigint, \
             updated_at timestamptz, state jsonb",
};

/// The `committees` table, as its rows are written.
pub(crate) const COMMITTEES: Table = Table {
    name: "committees",
    key: "organisation_id",
    columns: "id uuid, organisation_id uuid, name text, rule text",
};

/// The `committee_members` table, as its rows are written.
pub(crate) const COMMITTEE_MEMBERS: Table = Table {
    name: "committee_members",
    key: "organisation_id",
    columns: "organisation_id uuid, committee_id uuid, member_id uuid, name text, email text, \
             role text, serves_from date, serves_until date",
};

/// The `approval_routes` table, as its rows are written.
pub(crate) const APPROVAL_ROUTES: Table = Table {
    name: "approval_routes",
    key: "organisation_id",
    columns: "id uuid, organisation_id uuid, name text, kinds text[], stages jsonb",
};

/// Organisations with their committees, members and approval routes.
pub(crate) struct DirectoryModel;

impl AggregateModel for DirectoryModel {
    type State = Directory;

    fn write(&self, schema: &str, changed: &[Changed<'_, Directory>]) -> Vec<Statement> {
        let ids: Vec<_> = changed.iter().map(|c| c.id).collect();
        let (mut organisations, mut committees, mut members, mut routes) = (
            Rows::new(&ORGANISATIONS),
            Rows::new(&COMMITTEES),
            Rows::new(&COMMITTEE_MEMBERS),
            Rows::new(&APPROVAL_ROUTES),
        );
        for change in changed {
            let Some(org) = change.state.record() else {
                continue;
            };
            organisations.push(json!({
                "id": org.id,
                "name": org.name,
                "name_folded": fold(&org.name),
                "kind": org.kind,
                "province": org.province,
                "version": change.version,
                "updated_at": change.updated_at,
                "state": org,
            }));
            for committee in &org.committees {
                committees.push(json!({
                    "id": committee.id,
                    "organisation_id": org.id,
                    "name": committee.name,
                    "rule": committee.rule,
                }));
                for member in &committee.members {
                    members.push(json!({
                        "organisation_id": org.id,
                        "committee_id": committee.id,
                        "member_id": member.id,
                        "name": member.person.name,
                        "email": member.person.email,
                        "role": member.role,
                        "serves_from": member.serves_from,
                        "serves_until": member.serves_until,
                    }));
                }
            }
            for route in &org.routes {
                routes.push(json!({
                    "id": route.id,
                    "organisation_id": org.id,
                    "name": route.name,
                    "kinds": route.kinds,
                    "stages": route.stages,
                }));
            }
        }
        let mut statements = replace_rows(schema, &ids, organisations);
        statements.extend(replace_rows(schema, &ids, committees));
        statements.extend(replace_rows(schema, &ids, members));
        statements.extend(replace_rows(schema, &ids, routes));
        statements
    }
}
