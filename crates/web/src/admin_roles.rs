//! Giving and taking away roles from the administrator's page, for the organisations the
//! person keeps the roles of: the same commands as `POST /api/users/{email}/roles` and
//! `DELETE …`, and the same rule that an organisation keeps at least one administrator
//! (`app::roles`).

use app::access::Action;
use app::roles::RevokeError;
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::access::AccessRole;
use http_common::CorrelationId;
use projector::user_queries;
use uuid::Uuid;

use crate::admin_words::admin_words;
use crate::auth::SignedIn;
use crate::command::meta;
use crate::form::Form;
use crate::pages::{self, PageError};
use crate::state::WebState;
use crate::words::words;

/// The organisation, role and address a posted form names, once its token is checked and
/// the person keeps that organisation's roles.
fn read(
    state: &WebState,
    user: &SignedIn,
    body: &str,
) -> Result<(Form, Uuid, AccessRole, String), Box<Response>> {
    let lang = user.lang;
    let form = Form::parse(body);
    if let Some(refused) = user.refuse_forged(&state.approvals.secret, &form) {
        return Err(Box::new(refused));
    }
    let organisation = Uuid::parse_str(form.get("organisation"))
        .ok()
        .filter(|id| user.actor.organisations_for(Action::KeepRoles).contains(id))
        .ok_or_else(|| Box::new(pages::forbidden(lang, words(lang).forbidden_role)))?;
    let role = AccessRole::parse(form.get("role")).ok_or_else(|| {
        Box::new(not_changed(
            user,
            StatusCode::UNPROCESSABLE_ENTITY,
            words(lang).stale,
        ))
    })?;
    let email = form.get("email").trim().to_lowercase();
    Ok((form, organisation, role, email))
}

fn not_changed(user: &SignedIn, status: StatusCode, message: &str) -> Response {
    pages::message(
        status,
        user.lang,
        admin_words(user.lang).role_not_changed,
        message,
    )
}

fn back_to_roles(organisation: Uuid) -> Response {
    Redirect::to(&format!("/admin?organisation={organisation}#users")).into_response()
}

/// The page saying why a change was not made.
fn refused(user: &SignedIn, error: &eventstore::ExecuteError) -> Response {
    pages::command_refused(user.lang, admin_words(user.lang).role_not_changed, error)
}

pub async fn grant(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    body: String,
) -> Result<Response, PageError> {
    let (form, organisation, role, email) = match read(&state, &user, &body) {
        Ok(read) => read,
        Err(refused) => return Ok(*refused),
    };
    let granted = state
        .commands
        .grant_role(
            &meta(&state, &user, &correlation.0),
            &email,
            form.get("name"),
            organisation,
            role,
        )
        .await;
    Ok(match granted {
        Ok(_) => back_to_roles(organisation),
        Err(error) => refused(&user, &error),
    })
}

pub async fn revoke(
    State(state): State<WebState>,
    user: SignedIn,
    Extension(correlation): Extension<CorrelationId>,
    body: String,
) -> Result<Response, PageError> {
    let (_, organisation, role, email) = match read(&state, &user, &body) {
        Ok(read) => read,
        Err(refused) => return Ok(*refused),
    };
    let administrators = user_queries::administrators(&state.pool, organisation).await?;
    let revoked = state
        .commands
        .revoke_role(
            &meta(&state, &user, &correlation.0),
            &email,
            organisation,
            role,
            &administrators,
        )
        .await;
    Ok(match revoked {
        Ok(_) => back_to_roles(organisation),
        Err(RevokeError::LastAdministrator(last)) => {
            not_changed(&user, StatusCode::CONFLICT, last.message(user.lang))
        }
        Err(RevokeError::Command(error)) => refused(&user, &error),
    })
}
