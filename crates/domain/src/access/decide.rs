use super::{AccessCommand, AccessEvent, UserAccount};
use crate::error::{DomainError, Entity, FieldError, Problem};
use crate::values::check_text;

pub(super) fn decide(
    state: &UserAccount,
    command: &AccessCommand,
) -> Result<Vec<AccessEvent>, DomainError> {
    match command {
        AccessCommand::Grant {
            email,
            name,
            organisation_id,
            role,
        } => {
            let email = email.trim().to_lowercase();
            let mut problems = Vec::new();
            if !email_address::EmailAddress::is_valid(&email) {
                problems.push(FieldError::new("email", Problem::InvalidEmail));
            }
            if state.email.as_ref().is_some_and(|known| *known != email) {
                problems.push(FieldError::new("email", Problem::Unknown));
            }
            check_text("name", name, 200, true, &mut problems);
            if !problems.is_empty() {
                return Err(DomainError::Invalid(problems));
            }
            if state.has(*organisation_id, *role) {
                return Ok(vec![]);
            }
            Ok(vec![AccessEvent::Granted {
                email,
                name: name.trim().to_string(),
                organisation_id: *organisation_id,
                role: *role,
            }])
        }
        AccessCommand::Revoke {
            organisation_id,
            role,
        } => {
            if state.email.is_none() {
                return Err(DomainError::NotFound(Entity::User));
            }
            if !state.has(*organisation_id, *role) {
                return Ok(vec![]);
            }
            Ok(vec![AccessEvent::Revoked {
                organisation_id: *organisation_id,
                role: *role,
            }])
        }
        AccessCommand::ChooseLanguage { lang } => {
            if !state.is_active() {
                return Err(DomainError::NotFound(Entity::User));
            }
            if state.lang == Some(*lang) {
                return Ok(vec![]);
            }
            Ok(vec![AccessEvent::LanguageChosen { lang: *lang }])
        }
    }
}
