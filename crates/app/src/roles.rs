//! An organisation's roles, as its administrators keep them: the one rule beyond the
//! access table is that an organisation never loses its last administrator, or nobody
//! could grant its roles again but from the console. Granting and revoking are written
//! here once, for the JSON API and the administrator's page.

use domain::Lang;
use domain::access::{AccessCommand, AccessRole, UserAccount, account_id};
use eventstore::{CommandMeta, ExecuteError};
use uuid::Uuid;

use crate::{Commands, Ran};

/// Taking this role away would leave the organisation without an administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastAdministrator;

impl LastAdministrator {
    pub fn message(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => {
                "Đây là quản trị viên cuối cùng của đơn vị; hãy giao vai trò quản trị viên cho người khác trước khi thu hồi."
            }
            Lang::En => {
                "This is the organisation's last administrator; make someone else an administrator before taking the role away."
            }
        }
    }
}

/// Whether `email` may lose `role` in an organisation whose administrators are now
/// `administrators` (their addresses).
pub fn check_revoke(
    role: AccessRole,
    email: &str,
    administrators: &[String],
) -> Result<(), LastAdministrator> {
    let others = administrators
        .iter()
        .filter(|a| !a.trim().eq_ignore_ascii_case(email.trim()))
        .count();
    let holds = administrators.len() > others;
    if role == AccessRole::Administrator && holds && others == 0 {
        Err(LastAdministrator)
    } else {
        Ok(())
    }
}

/// Why a role was not taken away.
#[derive(Debug, thiserror::Error)]
pub enum RevokeError {
    #[error("the organisation's last administrator keeps the role")]
    LastAdministrator(LastAdministrator),
    #[error(transparent)]
    Command(#[from] ExecuteError),
}

impl Commands {
    /// Gives `email` a role in an organisation. `name` is needed for a person's first
    /// role; left empty, the account's name is kept.
    pub async fn grant_role(
        &self,
        meta: &CommandMeta,
        email: &str,
        name: &str,
        organisation_id: Uuid,
        role: AccessRole,
    ) -> Result<Ran<UserAccount>, ExecuteError> {
        let account = account_id(email);
        let mut name = name.trim().to_owned();
        if name.is_empty() {
            name = self.store.load::<UserAccount>(account).await?.state.name;
        }
        let command = AccessCommand::Grant {
            email: email.to_owned(),
            name,
            organisation_id,
            role,
        };
        self.run::<UserAccount>(meta, account, None, &command).await
    }

    /// Takes a role away from `email`, unless it would leave the organisation without an
    /// administrator; `administrators` are the organisation's now (their addresses).
    pub async fn revoke_role(
        &self,
        meta: &CommandMeta,
        email: &str,
        organisation_id: Uuid,
        role: AccessRole,
        administrators: &[String],
    ) -> Result<Ran<UserAccount>, RevokeError> {
        check_revoke(role, email, administrators).map_err(RevokeError::LastAdministrator)?;
        let command = AccessCommand::Revoke {
            organisation_id,
            role,
        };
        Ok(self
            .run::<UserAccount>(meta, account_id(email), None, &command)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admins(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn the_last_administrator_keeps_the_role_and_others_may_go() {
        let one = admins(&["hoa@tinhdoancaobang.vn"]);
        assert_eq!(
            check_revoke(AccessRole::Administrator, "Hoa@TinhDoanCaoBang.vn", &one),
            Err(LastAdministrator)
        );
        assert_eq!(
            check_revoke(AccessRole::Planner, "hoa@tinhdoancaobang.vn", &one),
            Ok(())
        );
        let two = admins(&["hoa@tinhdoancaobang.vn", "bi@tinhdoancaobang.vn"]);
        assert_eq!(
            check_revoke(AccessRole::Administrator, "hoa@tinhdoancaobang.vn", &two),
            Ok(())
        );
        // Revoking a role someone does not hold changes nothing, so it is not refused.
        assert_eq!(
            check_revoke(AccessRole::Administrator, "an@example.vn", &one),
            Ok(())
        );
    }
}
