use domain::access::UserAccount;
use serde_json::json;

use super::{AggregateModel, Changed, Rows, Table, replace_rows};
use crate::statement::Statement;

/// The `user_roles` table, as its rows are written.
pub(crate) const USER_ROLES: Table = Table {
    name: "user_roles",
    key: "user_id",
    columns: "user_id uuid, email text, name text, organisation_id uuid, role text, \
             updated_at timestamptz",
};

/// People's roles, a row per role held in an organisation.
pub(crate) struct UserRolesModel;

impl AggregateModel for UserRolesModel {
    type State = UserAccount;

    fn write(&self, schema: &str, changed: &[Changed<'_, UserAccount>]) -> Vec<Statement> {
        let ids: Vec<_> = changed.iter().map(|c| c.id).collect();
        let mut rows = Rows::new(&USER_ROLES);
        for change in changed {
            let Some(email) = &change.state.email else {
                continue;
            };
            for grant in &change.state.grants {
                rows.push(json!({
                    "user_id": change.id,
                    "email": email,
                    "name": change.state.name,
                    "organisation_id": grant.organisation_id,
                    "role": grant.role,
                    "updated_at": change.updated_at,
                }));
            }
        }
        replace_rows(schema, &ids, rows)
    }
}
