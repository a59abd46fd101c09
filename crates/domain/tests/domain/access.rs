//! People's accounts and their roles per organisation.

use crate::harness;
use chrono::{TimeZone, Utc};
use domain::access::{AccessCommand, AccessEvent, AccessRole, UserAccount, account_id};
use domain::{CommandContext, DomainError, DomainEvent, Entity, Problem};
use uuid::Uuid;

const YOUTH_UNION: Uuid = Uuid::from_u128(0x1a0);
const FRIENDSHIP: Uuid = Uuid::from_u128(0x1b0);

fn context() -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2027, 3, 1, 8, 0, 0).unwrap(),
        actor: "admin@tinhdoancaobang.vn".into(),
    }
}

fn grant(email: &str, organisation_id: Uuid, role: AccessRole) -> AccessCommand {
    AccessCommand::Grant {
        email: email.into(),
        name: "Nông Thị Hoa".into(),
        organisation_id,
        role,
    }
}

fn given(events: &[AccessEvent]) -> UserAccount {
    harness::given(events)
}

fn when(state: &UserAccount, command: &AccessCommand) -> Result<Vec<AccessEvent>, DomainError> {
    harness::when(state, command, &context())
}

fn granted(organisation_id: Uuid, role: AccessRole) -> AccessEvent {
    AccessEvent::Granted {
        email: "hoa@tinhdoancaobang.vn".into(),
        name: "Nông Thị Hoa".into(),
        organisation_id,
        role,
    }
}

#[test]
fn a_first_role_makes_the_account_with_the_address_in_lower_case() {
    let events = when(
        &given(&[]),
        &grant(" Hoa@TinhDoanCaoBang.vn ", YOUTH_UNION, AccessRole::Planner),
    )
    .unwrap();
    assert_eq!(events, vec![granted(YOUTH_UNION, AccessRole::Planner)]);
    let account = given(&events);
    assert!(account.is_active());
    assert_eq!(account.organisations(), vec![YOUTH_UNION]);
    assert_eq!(
        account_id("HOA@tinhdoancaobang.vn"),
        account_id("hoa@tinhdoancaobang.vn")
    );
}

#[test]
fn roles_are_held_per_organisation_and_granting_one_again_changes_nothing() {
    let state = given(&[granted(YOUTH_UNION, AccessRole::Planner)]);
    let same = grant("hoa@tinhdoancaobang.vn", YOUTH_UNION, AccessRole::Planner);
    assert_eq!(when(&state, &same).unwrap(), vec![]);
    let other = grant(
        "hoa@tinhdoancaobang.vn",
        FRIENDSHIP,
        AccessRole::Administrator,
    );
    let state = given(&[
        granted(YOUTH_UNION, AccessRole::Planner),
        when(&state, &other).unwrap().remove(0),
    ]);
    assert!(state.has(FRIENDSHIP, AccessRole::Administrator));
    assert!(!state.has(YOUTH_UNION, AccessRole::Administrator));
    assert_eq!(state.organisations(), vec![YOUTH_UNION, FRIENDSHIP]);
}

#[test]
fn revoking_the_last_role_leaves_an_account_that_cannot_sign_in() {
    let state = given(&[granted(YOUTH_UNION, AccessRole::Planner)]);
    let revoke = AccessCommand::Revoke {
        organisation_id: YOUTH_UNION,
        role: AccessRole::Planner,
    };
    let events = when(&state, &revoke).unwrap();
    assert_eq!(
        events,
        vec![AccessEvent::Revoked {
            organisation_id: YOUTH_UNION,
            role: AccessRole::Planner
        }]
    );
    let state = given(&[granted(YOUTH_UNION, AccessRole::Planner), events[0].clone()]);
    assert!(!state.is_active());
    assert_eq!(
        when(&state, &revoke).unwrap(),
        vec![],
        "nothing left to revoke"
    );
}

#[test]
fn revoking_from_nobody_is_not_found() {
    let revoke = AccessCommand::Revoke {
        organisation_id: YOUTH_UNION,
        role: AccessRole::Planner,
    };
    assert_eq!(
        when(&given(&[]), &revoke),
        Err(DomainError::NotFound(Entity::User))
    );
}

#[test]
fn a_bad_address_or_empty_name_is_refused_with_both_fields_named() {
    let command = AccessCommand::Grant {
        email: "không phải email".into(),
        name: "  ".into(),
        organisation_id: YOUTH_UNION,
        role: AccessRole::Planner,
    };
    let Err(DomainError::Invalid(problems)) = when(&given(&[]), &command) else {
        panic!("expected a refusal");
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["email", "name"]);
    assert_eq!(problems[0].problem, Problem::InvalidEmail);
}

#[test]
fn an_account_keeps_its_address() {
    let state = given(&[granted(YOUTH_UNION, AccessRole::Planner)]);
    let command = grant("lan@tinhdoancaobang.vn", FRIENDSHIP, AccessRole::Planner);
    assert!(matches!(
        when(&state, &command),
        Err(DomainError::Invalid(_))
    ));
}

#[test]
fn role_events_read_back_as_written() {
    for event in [
        granted(YOUTH_UNION, AccessRole::Coordinator),
        AccessEvent::Revoked {
            organisation_id: YOUTH_UNION,
            role: AccessRole::Approver,
        },
    ] {
        let back =
            AccessEvent::from_stored(event.event_type(), event.schema_version(), event.to_data())
                .unwrap();
        assert_eq!(back, event);
    }
    for role in AccessRole::ALL {
        assert_eq!(AccessRole::parse(role.as_str()), Some(role));
    }
}

#[test]
fn a_person_chooses_the_language_of_their_pages_once_and_for_every_browser() {
    let account = given(&[granted(YOUTH_UNION, AccessRole::Planner)]);
    assert_eq!(account.lang, None, "Vietnamese until they choose");
    let choose = AccessCommand::ChooseLanguage {
        lang: domain::Lang::En,
    };
    let events = when(&account, &choose).unwrap();
    assert_eq!(
        events,
        vec![AccessEvent::LanguageChosen {
            lang: domain::Lang::En
        }]
    );
    let account = given(&[granted(YOUTH_UNION, AccessRole::Planner), events[0].clone()]);
    assert_eq!(account.lang, Some(domain::Lang::En));
    assert_eq!(
        when(&account, &choose).unwrap(),
        vec![],
        "choosing it again changes nothing"
    );
    assert_eq!(
        when(&given(&[]), &choose),
        Err(DomainError::NotFound(Entity::User)),
        "nobody without an account"
    );
}
