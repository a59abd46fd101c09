//! An organisation's roles, as its administrators keep them: the one rule beyond the
//! access table is that an organisation never loses its last administrator, or nobody
//! could grant its roles again but from the console. The JSON API and the administrator's
//! page both ask here before revoking.

use domain::Lang;
use domain::access::AccessRole;

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
