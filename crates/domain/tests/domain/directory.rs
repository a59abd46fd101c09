//! Organisations, their committees and approval routes.

use crate::harness;
use chrono::{NaiveDate, TimeZone, Utc};
use domain::approval::{Committee, DecisionRule, Member, Person, Role, Substitution};
use domain::directory::{
    Directory, DirectoryCommand, DirectoryEvent, OrganisationKind, Route, RouteStage,
};
use domain::programme::ProgrammeKind;
use domain::{Aggregate, CommandContext, DomainError, DomainEvent, Problem};
use uuid::Uuid;

fn context() -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2023, 4, 1, 0, 0, 0).unwrap(),
        actor: "admin@tinhdoancaobang.vn".into(),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn member(n: u128, name: &str, role: Role) -> Member {
    Member {
        id: Uuid::from_u128(n),
        person: Person {
            name: name.into(),
            email: format!("member{n}@tinhdoancaobang.vn"),
        },
        role,
        serves_from: day(2022, 10, 1),
        serves_until: None,
    }
}

const COMMITTEE: Uuid = Uuid::from_u128(100);

/// Tỉnh Đoàn Cao Bằng with its Standing Committee.
struct Given {
    state: Directory,
}

impl Given {
    fn cao_bang() -> Given {
        let mut given = Given {
            state: Directory::New,
        };
        given.ok(DirectoryCommand::Register {
            id: Uuid::from_u128(1),
            name: "Tỉnh Đoàn Cao Bằng".into(),
            kind: OrganisationKind::ProvincialYouthUnion,
            province: Some("Cao Bằng".into()),
        });
        given.ok(DirectoryCommand::AddCommittee {
            committee: Committee {
                id: COMMITTEE,
                name: "Ban Thường vụ Tỉnh Đoàn Cao Bằng".into(),
                rule: DecisionRule::Majority,
                members: vec![
                    member(1, "Bí thư Tỉnh Đoàn", Role::Chair),
                    member(2, "Phó Bí thư", Role::Member),
                    member(3, "Uỷ viên", Role::Member),
                ],
                substitutions: vec![],
            },
        });
        given
    }

    fn when(&self, command: DirectoryCommand) -> Result<Vec<DirectoryEvent>, DomainError> {
        harness::when(&self.state, &command, &context())
    }

    fn ok(&mut self, command: DirectoryCommand) {
        for event in self.when(command).expect("accepted") {
            self.state = self.state.clone().evolve(&event);
        }
    }

    fn problems(&self, command: DirectoryCommand) -> Vec<(String, Problem)> {
        match self.when(command) {
            Err(DomainError::Invalid(errors)) => {
                errors.into_iter().map(|e| (e.field, e.problem)).collect()
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }
}

#[test]
fn a_committee_has_one_chair_at_a_time() {
    let given = Given::cao_bang();
    let problems = given.problems(DirectoryCommand::AddMember {
        committee_id: COMMITTEE,
        member: member(4, "Bí thư thứ hai", Role::Chair),
    });
    assert_eq!(
        problems,
        [("member.role".to_string(), Problem::SecondChair)]
    );
}

#[test]
fn a_new_chair_can_follow_one_whose_term_ended() {
    let mut given = Given::cao_bang();
    given.ok(DirectoryCommand::EndMembership {
        committee_id: COMMITTEE,
        member_id: Uuid::from_u128(1),
        last_day: day(2023, 6, 30),
    });
    let mut successor = member(5, "Bí thư mới", Role::Chair);
    successor.serves_from = day(2023, 7, 1);
    given.ok(DirectoryCommand::AddMember {
        committee_id: COMMITTEE,
        member: successor,
    });
    let committee = given
        .state
        .record()
        .unwrap()
        .committee(COMMITTEE)
        .unwrap()
        .clone();
    let chairs = |on| {
        committee
            .approvers_on(on)
            .into_iter()
            .filter(|a| a.chair)
            .map(|a| a.person.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(chairs(day(2023, 6, 30)), ["Bí thư Tỉnh Đoàn"]);
    assert_eq!(chairs(day(2023, 7, 1)), ["Bí thư mới"]);
}

#[test]
fn memberships_and_substitutions_need_sensible_dates_and_known_members() {
    let given = Given::cao_bang();
    let problems = given.problems(DirectoryCommand::EndMembership {
        committee_id: COMMITTEE,
        member_id: Uuid::from_u128(2),
        last_day: day(2021, 1, 1),
    });
    assert_eq!(
        problems,
        [("last_day".to_string(), Problem::EndBeforeStart)]
    );
    let substitute = |member_id, from, until| DirectoryCommand::NameSubstitute {
        committee_id: COMMITTEE,
        substitution: Substitution {
            member_id,
            substitute: Person {
                name: "Chánh Văn phòng".into(),
                email: "vanphong@tinhdoancaobang.vn".into(),
            },
            from,
            until,
        },
    };
    let problems = given.problems(substitute(
        Uuid::from_u128(99),
        day(2023, 5, 1),
        day(2023, 4, 1),
    ));
    assert_eq!(
        problems,
        [
            ("substitution.member_id".to_string(), Problem::Unknown),
            ("substitution.until".to_string(), Problem::EndBeforeStart)
        ]
    );
    let mut given = given;
    given.ok(substitute(
        Uuid::from_u128(1),
        day(2023, 5, 1),
        day(2023, 5, 10),
    ));
    let problems = given.problems(substitute(
        Uuid::from_u128(1),
        day(2023, 5, 8),
        day(2023, 5, 20),
    ));
    assert_eq!(
        problems,
        [("substitution.from".to_string(), Problem::Duplicate)]
    );
    // The same substitution named twice (a repeated request) is one substitution.
    let problems = given.problems(substitute(
        Uuid::from_u128(1),
        day(2023, 5, 1),
        day(2023, 5, 10),
    ));
    assert_eq!(
        problems,
        [("substitution.from".to_string(), Problem::Duplicate)]
    );
    let unknown = given.when(DirectoryCommand::AddMember {
        committee_id: Uuid::nil(),
        member: member(7, "X", Role::Member),
    });
    assert!(matches!(unknown, Err(DomainError::Invalid(e)) if e[0].field == "committee_id"));
}

#[test]
fn a_route_needs_a_deciding_stage_and_the_most_specific_route_is_chosen() {
    let mut given = Given::cao_bang();
    let advisory_only = Route {
        id: Uuid::from_u128(200),
        name: "Chỉ xin ý kiến".into(),
        kinds: vec![],
        stages: vec![RouteStage {
            committee_id: COMMITTEE,
            organisation_id: None,
            advisory: true,
        }],
    };
    let problems = given.problems(DirectoryCommand::DefineRoute {
        route: advisory_only,
    });
    assert_eq!(
        problems,
        [("route.stages".to_string(), Problem::NeedsDecidingStage)]
    );

    let party_board = Uuid::from_u128(300);
    let foreign_affairs = Uuid::from_u128(400);
    let general = Route {
        id: Uuid::from_u128(201),
        name: "Quy trình chung".into(),
        kinds: vec![],
        stages: vec![RouteStage {
            committee_id: COMMITTEE,
            organisation_id: None,
            advisory: false,
        }],
    };
    let delegations = Route {
        id: Uuid::from_u128(202),
        name: "Đoàn ra, đoàn vào".into(),
        kinds: vec![ProgrammeKind::DelegationVisit, ProgrammeKind::Reception],
        stages: vec![
            RouteStage {
                committee_id: foreign_affairs,
                organisation_id: Some(Uuid::from_u128(401)),
                advisory: true,
            },
            RouteStage {
                committee_id: COMMITTEE,
                organisation_id: None,
                advisory: false,
            },
            RouteStage {
                committee_id: party_board,
                organisation_id: Some(Uuid::from_u128(301)),
                advisory: false,
            },
        ],
    };
    given.ok(DirectoryCommand::DefineRoute {
        route: general.clone(),
    });
    given.ok(DirectoryCommand::DefineRoute {
        route: delegations.clone(),
    });
    let record = given.state.record().unwrap();
    assert_eq!(
        record.route_for(ProgrammeKind::DelegationVisit),
        Some(&delegations)
    );
    assert_eq!(record.route_for(ProgrammeKind::Seminar), Some(&general));
    given.ok(DirectoryCommand::RetireRoute {
        route_id: delegations.id,
    });
    assert_eq!(
        given
            .state
            .record()
            .unwrap()
            .route_for(ProgrammeKind::Reception),
        Some(&general)
    );
}

#[test]
fn registering_twice_is_refused_and_events_survive_their_stored_form() {
    let given = Given::cao_bang();
    let again = given.when(DirectoryCommand::Register {
        id: Uuid::from_u128(1),
        name: "Tỉnh Đoàn Cao Bằng".into(),
        kind: OrganisationKind::ProvincialYouthUnion,
        province: None,
    });
    assert_eq!(
        again,
        Err(DomainError::AlreadyExists(domain::Entity::Organisation))
    );
    let events = Given {
        state: Directory::New,
    }
    .when(DirectoryCommand::Register {
        id: Uuid::from_u128(9),
        name: "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn".into(),
        kind: OrganisationKind::FriendshipAssociation,
        province: Some("Lạng Sơn".into()),
    })
    .unwrap();
    for event in events {
        let loaded = DirectoryEvent::from_stored(
            event.event_type(),
            event.schema_version(),
            event.to_data(),
        )
        .unwrap();
        assert_eq!(loaded, event);
    }
}

#[test]
fn every_directory_event_reads_back_under_its_own_type() {
    let committee = Given::cao_bang().state.record().unwrap().committees[0].clone();
    let events = vec![
        DirectoryEvent::CommitteeAdded {
            committee: committee.clone(),
        },
        DirectoryEvent::MemberAdded {
            committee_id: COMMITTEE,
            member: committee.members[0].clone(),
        },
        DirectoryEvent::MembershipEnded {
            committee_id: COMMITTEE,
            member_id: Uuid::from_u128(2),
            last_day: day(2024, 1, 1),
        },
        DirectoryEvent::SubstituteNamed {
            committee_id: COMMITTEE,
            substitution: Substitution {
                member_id: Uuid::from_u128(1),
                substitute: committee.members[1].person.clone(),
                from: day(2024, 1, 1),
                until: day(2024, 1, 5),
            },
        },
        DirectoryEvent::RouteDefined {
            route: Route {
                id: Uuid::nil(),
                name: "Chung".into(),
                kinds: vec![],
                stages: vec![RouteStage {
                    committee_id: COMMITTEE,
                    organisation_id: None,
                    advisory: false,
                }],
            },
        },
        DirectoryEvent::RouteRetired {
            route_id: Uuid::nil(),
        },
    ];
    for event in events {
        let loaded = DirectoryEvent::from_stored(
            event.event_type(),
            event.schema_version(),
            event.to_data(),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", event.event_type()));
        assert_eq!(loaded, event);
    }
}
