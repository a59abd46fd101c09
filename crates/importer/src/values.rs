//! Values as written in the file, read into the domain's types. A value that cannot be
//! read is a problem at its place; the caller goes on with a stand-in so that the rest of
//! the file is still checked.

use chrono::NaiveDate;
use domain::Problem;
use serde::de::DeserializeOwned;

use super::problem::{Issue, Located};
use super::spec::Text;

pub const ORGANISATION_KINDS: &[&str] = &[
    "provincial_youth_union",
    "city_youth_union",
    "district_youth_union",
    "friendship_association",
    "party_committee",
    "government_agency",
];
pub const RULES: &[&str] = &["all", "majority", "any_one", "chair"];
pub const ROLES: &[&str] = &["chair", "member"];
pub const PROGRAMME_KINDS: &[&str] = &[
    "delegation_visit",
    "reception",
    "online_conference",
    "seminar",
    "mou_signing",
    "cultural",
    "childrens",
    "trade_promotion",
    "other",
];

/// One of the snake_case names the domain gives a kind, rule or role.
pub fn choice<T: DeserializeOwned>(
    text: &Text,
    allowed: &'static [&'static str],
    problems: &mut Vec<Located>,
) -> Option<T> {
    let value = text.value.trim();
    let known = allowed
        .contains(&value)
        .then(|| serde_json::from_value(serde_json::Value::String(value.into())).ok())
        .flatten();
    if known.is_none() {
        problems.push(Located::new(&text.at, Issue::NotOneOf(allowed)));
    }
    known
}

pub fn date(text: &Text, problems: &mut Vec<Located>) -> Option<NaiveDate> {
    let parsed = NaiveDate::parse_from_str(text.value.trim(), "%Y-%m-%d").ok();
    if parsed.is_none() {
        problems.push(Located::new(&text.at, Issue::Domain(Problem::NotADate)));
    }
    parsed
}

/// Keys are what ids are made from, so they stay plain: lower-case letters without
/// diacritics, digits and single hyphens, e.g. `tinh-doan-cao-bang`.
pub fn is_key(text: &str) -> bool {
    (1..=100).contains(&text.len())
        && text.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

pub fn key(text: &Text, problems: &mut Vec<Located>) -> String {
    let key = text.value.trim();
    if !is_key(key) {
        problems.push(Located::new(&text.at, Issue::NotAKey));
    }
    key.to_string()
}

/// The key a name stands for when the file gives none: `Tỉnh Đoàn Cao Bằng` →
/// `tinh-doan-cao-bang`.
pub fn key_from_name(name: &str) -> String {
    let plain = deunicode::deunicode(name).to_lowercase();
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use domain::directory::OrganisationKind;
    use domain::programme::ProgrammeKind;

    use super::*;
    use crate::spec::Spot;

    fn text(value: &str) -> Text {
        Text {
            value: value.into(),
            at: Spot::new(3, "kind"),
        }
    }

    #[test]
    fn names_are_read_as_the_domain_writes_them() {
        let mut problems = Vec::new();
        let kind: Option<OrganisationKind> = choice(
            &text("friendship_association"),
            ORGANISATION_KINDS,
            &mut problems,
        );
        assert_eq!(kind, Some(OrganisationKind::FriendshipAssociation));
        for name in PROGRAMME_KINDS {
            let kind: Option<ProgrammeKind> = choice(&text(name), PROGRAMME_KINDS, &mut problems);
            assert!(kind.is_some(), "{name}");
        }
        assert_eq!(PROGRAMME_KINDS.len(), ProgrammeKind::ALL.len());
        assert!(problems.is_empty());
        let unknown: Option<ProgrammeKind> =
            choice(&text("hoi_nghi"), PROGRAMME_KINDS, &mut problems);
        assert_eq!(unknown, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at.line, 3);
    }

    #[test]
    fn keys_are_plain_and_names_give_keys_without_diacritics() {
        assert!(is_key("tinh-doan-cao-bang"));
        assert!(!is_key("Tỉnh-đoàn"));
        assert!(!is_key("a--b"));
        assert!(!is_key("-a"));
        assert!(!is_key("a/b"));
        assert_eq!(key_from_name("Tỉnh Đoàn Cao Bằng"), "tinh-doan-cao-bang");
        assert_eq!(
            key_from_name("Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn"),
            "hoi-huu-nghi-viet-trung-tinh-lang-son"
        );
    }

    #[test]
    fn dates_are_written_year_first() {
        let mut problems = Vec::new();
        assert_eq!(
            date(&text("2022-10-01"), &mut problems),
            NaiveDate::from_ymd_opt(2022, 10, 1)
        );
        assert_eq!(date(&text("01/10/2022"), &mut problems), None);
        assert_eq!(problems.len(), 1);
    }
}
