//! With `require_sign_in`, the JSON API shows or changes one programme, or one delegation
//! with its members' personal data, only for people the pages would show it to.

use projector::{ProjectorError, delegation_queries, queries};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::state::WebState;

/// A path about one programme or one delegation.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Programme(Uuid),
    Delegation(Uuid),
}

/// `/api/programmes/{id}…` and `/api/delegations/{id}…`; lists and other paths are not
/// about one programme.
pub fn scope_of(path: &str) -> Option<Scope> {
    let mut segments = path.strip_prefix("/api/")?.split('/');
    let (kind, id) = (segments.next()?, Uuid::parse_str(segments.next()?).ok()?);
    match kind {
        "programmes" => Some(Scope::Programme(id)),
        "delegations" => Some(Scope::Delegation(id)),
        _ => None,
    }
}

/// Whether the person may reach what the path is about. Something that does not exist is
/// left to the API, which answers 404.
pub async fn allowed(
    state: &WebState,
    user: &SignedIn,
    scope: Scope,
) -> Result<bool, ProjectorError> {
    let programme_id = match scope {
        Scope::Programme(id) => id,
        Scope::Delegation(id) => match delegation_queries::delegation(&state.pool, id).await? {
            Some(row) => row.record.programme_id,
            None => return Ok(true),
        },
    };
    let Some(detail) = queries::detail(&state.pool, programme_id).await? else {
        return Ok(true);
    };
    let plan = &detail.record.plan;
    Ok(user
        .sees(
            plan.host_organisation_id,
            &plan.host_organisation,
            &plan.co_organisers,
        )
        .is_some())
}
