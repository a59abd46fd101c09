//! Ids derived from the keys in the file (UUIDv5 under a namespace of Cầu Nối's own), so
//! that importing the same file twice names the same organisations, committees, members
//! and routes, and an extended file only adds what is new.

use uuid::Uuid;

/// Never change: every imported id depends on it.
const NAMESPACE: Uuid = Uuid::from_u128(0xb07279da_5794_49e4_899a_bacd083aa1ca);

fn derived(name: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

pub fn organisation(org: &str) -> Uuid {
    derived(&format!("organisation/{org}"))
}

pub fn committee(org: &str, committee: &str) -> Uuid {
    derived(&format!("committee/{org}/{committee}"))
}

/// A member is known within their committee by their email address, in lower case.
pub fn member(org: &str, committee: &str, email: &str) -> Uuid {
    derived(&format!(
        "member/{org}/{committee}/{}",
        email.trim().to_lowercase()
    ))
}

pub fn route(org: &str, route: &str) -> Uuid {
    derived(&format!("route/{org}/{route}"))
}

/// A programme recorded from history, by its host organisation's id and its row's key:
/// the same row names the same programme whichever way the file names the host.
pub fn past_programme(host: Uuid, key: &str) -> Uuid {
    derived(&format!("programme/{host}/{key}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_keys_always_give_the_same_ids_and_different_keys_different_ones() {
        assert_eq!(
            organisation("tinh-doan-cao-bang"),
            organisation("tinh-doan-cao-bang")
        );
        assert_ne!(
            committee("tinh-doan-cao-bang", "btv"),
            committee("tinh-doan-ha-giang", "btv")
        );
        assert_eq!(
            member("tinh-doan-cao-bang", "btv", " Bi@Example.vn"),
            member("tinh-doan-cao-bang", "btv", "bi@example.vn")
        );
        // Written down once in docs/import.md, so that an id can be worked out by hand.
        assert_eq!(
            organisation("tinh-doan-cao-bang").to_string(),
            Uuid::new_v5(&NAMESPACE, b"organisation/tinh-doan-cao-bang").to_string()
        );
        assert_eq!(organisation("x").get_version_num(), 5);
        let host = organisation("hoi-huu-nghi-viet-trung-lang-son");
        assert_eq!(
            past_programme(host, "2018-chuc-tet"),
            Uuid::new_v5(
                &NAMESPACE,
                format!("programme/{host}/2018-chuc-tet").as_bytes()
            )
        );
        assert_ne!(
            past_programme(host, "2018-chuc-tet"),
            past_programme(organisation("tinh-doan-lang-son"), "2018-chuc-tet")
        );
    }
}
