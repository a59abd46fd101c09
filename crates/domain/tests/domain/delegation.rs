//! Delegations: roster, logistics, checklist, and the warnings shown with the roster. The
//! data follows the children's delegation Lào Cai sent to Hekou for Children's Day.

use crate::harness;
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use domain::delegation::{
    AgendaItem, Delegation, DelegationCommand, DelegationEvent, Direction, Document, DocumentKind,
    Gender, Gift, GiftDirection, GiftKind, Guardian, Interpreter, InterpreterSide, Item, ItemKind,
    Moment, NewMember, PersonalDetails, ProgrammeFacts, ProgrammeWindow, RosterEntry, Sealed, Stay,
    Task, TaskKind, TaskStatus, TravelLeg, TravelMode, Warning, warnings,
};
use domain::programme::{ProgrammeKind, Status};
use domain::values::{Contact, Currency};
use domain::{Aggregate, CommandContext, DomainError, DomainEvent, Problem};
use rust_decimal::Decimal;
use uuid::Uuid;

const DELEGATION: Uuid = Uuid::from_u128(0xD0);
const PROGRAMME: Uuid = Uuid::from_u128(0x1C);
const CROSSING: Uuid = Uuid::from_u128(0x1E6);
const RETURN: Uuid = Uuid::from_u128(0x1E7);

fn context() -> CommandContext {
    CommandContext {
        now: Utc.with_ymd_and_hms(2024, 5, 1, 2, 0, 0).unwrap(),
        actor: "vananh@thanhdoanlaocai.vn".into(),
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, timezone: &str) -> Moment {
    Moment {
        at: day(y, m, d).and_hms_opt(h, min, 0).unwrap(),
        timezone: timezone.into(),
    }
}

fn child(name: &str, passport: &str) -> PersonalDetails {
    PersonalDetails {
        full_name: name.into(),
        chinese_name: None,
        role: "Học sinh".into(),
        organisation: Some("Trường Tiểu học Kim Tân".into()),
        gender: Gender::Female,
        date_of_birth: day(2013, 4, 12),
        nationality: "VN".into(),
        document: Some(Document {
            kind: DocumentKind::BorderPass,
            number: passport.into(),
            issued_on: Some(day(2024, 3, 1)),
            expires_on: day(2024, 9, 30),
        }),
        phone: None,
        email: None,
        dietary_notes: None,
        medical_notes: Some("Dị ứng hải sản".into()),
        guardian: Some(Guardian {
            full_name: "Trần Văn Bình".into(),
            relationship: Some("Bố".into()),
            phone: Some("0912 345 678".into()),
        }),
        parental_consent: true,
    }
}

fn leader() -> PersonalDetails {
    PersonalDetails {
        full_name: "Trương Thị Vân Anh".into(),
        chinese_name: Some("张氏云英".into()),
        role: "Trưởng đoàn".into(),
        organisation: Some("Thành đoàn Lào Cai".into()),
        gender: Gender::Female,
        date_of_birth: day(1988, 9, 2),
        nationality: "VN".into(),
        document: Some(Document {
            kind: DocumentKind::OfficialPassport,
            number: "B1234567".into(),
            issued_on: Some(day(2020, 1, 10)),
            expires_on: day(2030, 1, 10),
        }),
        phone: Some("+84 912 000 111".into()),
        email: Some("vananh@thanhdoanlaocai.vn".into()),
        dietary_notes: None,
        medical_notes: None,
        guardian: None,
        parental_consent: false,
    }
}

fn member(n: u128, details: PersonalDetails) -> NewMember {
    NewMember {
        person_id: Uuid::from_u128(n),
        details,
        sealed: Sealed(format!("c2VhbGVk{n}")),
    }
}

fn crossing() -> TravelLeg {
    TravelLeg {
        id: CROSSING,
        from: "Thành phố Lào Cai".into(),
        to: "Huyện Hà Khẩu, Vân Nam".into(),
        mode: TravelMode::OnFoot,
        departs: at(2024, 5, 31, 7, 30, "Asia/Ho_Chi_Minh"),
        arrives: at(2024, 5, 31, 8, 45, "Asia/Shanghai"),
        border_gate: Some("lao_cai".into()),
        notes: None,
    }
}

fn way_back() -> TravelLeg {
    TravelLeg {
        id: RETURN,
        from: "Huyện Hà Khẩu, Vân Nam".into(),
        to: "Thành phố Lào Cai".into(),
        mode: TravelMode::OnFoot,
        departs: at(2024, 6, 1, 16, 0, "Asia/Shanghai"),
        arrives: at(2024, 6, 1, 15, 30, "Asia/Ho_Chi_Minh"),
        border_gate: Some("lao_cai".into()),
        notes: None,
    }
}

fn coordinator() -> Contact {
    Contact {
        name: "Trương Thị Vân Anh".into(),
        email: "vananh@thanhdoanlaocai.vn".into(),
    }
}

fn performance() -> AgendaItem {
    AgendaItem {
        id: Uuid::from_u128(0xA1),
        date: day(2024, 6, 1),
        starts: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        ends: Some(NaiveTime::from_hms_opt(11, 0, 0).unwrap()),
        timezone: "Asia/Shanghai".into(),
        title: "Giao lưu văn nghệ nhân dịp Quốc tế thiếu nhi 1/6".into(),
        place: "Quảng trường huyện Hà Khẩu".into(),
        responsible: vec!["Ban Tổ chức".into(), "Huyện đoàn Hà Khẩu".into()],
        notes: None,
    }
}

struct Given {
    state: Delegation,
}

impl Given {
    fn opened() -> Given {
        let mut given = Given {
            state: Delegation::New,
        };
        given.ok(DelegationCommand::Open {
            id: DELEGATION,
            programme: ProgrammeFacts {
                id: PROGRAMME,
                status: Status::Approved,
            },
            name: "Đoàn thiếu nhi thành phố Lào Cai".into(),
            direction: Direction::Outgoing,
        });
        given
    }

    fn with_roster() -> Given {
        let mut given = Given::opened();
        given.ok(DelegationCommand::AddMembers {
            members: vec![
                member(1, leader()),
                member(2, child("Nguyễn Thị Minh Khai", "LC123456")),
            ],
        });
        given.ok(DelegationCommand::SaveItem {
            item: Item::TravelLeg(crossing()),
        });
        given.ok(DelegationCommand::SaveItem {
            item: Item::TravelLeg(way_back()),
        });
        given
    }

    fn when(&self, command: DelegationCommand) -> Result<Vec<DelegationEvent>, DomainError> {
        harness::when(&self.state, &command, &context())
    }

    fn ok(&mut self, command: DelegationCommand) -> Vec<DelegationEvent> {
        let events = self.when(command).expect("accepted");
        for event in &events {
            self.state = self.state.clone().evolve(event);
        }
        events
    }

    fn problems(&self, command: DelegationCommand) -> Vec<(String, Problem)> {
        match self.when(command) {
            Err(DomainError::Invalid(errors)) => {
                errors.into_iter().map(|e| (e.field, e.problem)).collect()
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    fn record(&self) -> &domain::delegation::DelegationRecord {
        self.state.record().unwrap()
    }
}

#[test]
fn a_delegation_is_opened_only_for_an_approved_programme() {
    let refused = harness::when(
        &Delegation::New,
        &DelegationCommand::Open {
            id: DELEGATION,
            programme: ProgrammeFacts {
                id: PROGRAMME,
                status: Status::Submitted,
            },
            name: "Đoàn thiếu nhi".into(),
            direction: Direction::Outgoing,
        },
        &context(),
    );
    assert!(matches!(
        refused,
        Err(DomainError::NotAllowed {
            status: Status::Submitted,
            ..
        })
    ));
    let given = Given::opened();
    assert_eq!(given.record().programme_id, PROGRAMME);
    assert_eq!(
        given.when(DelegationCommand::RemoveMember {
            person_id: Uuid::from_u128(1)
        }),
        Err(DomainError::Invalid(vec![domain::FieldError::new(
            "person_id",
            Problem::Unknown
        )]))
    );
}

#[test]
fn every_kind_of_change_is_an_event_that_reads_back() {
    let mut given = Given::with_roster();
    let mut events = Vec::new();
    let mut changed_leader = leader();
    changed_leader.phone = Some("0203 3820 123".into());
    events.extend(given.ok(DelegationCommand::UpdateMember {
        member: member(1, changed_leader),
    }));
    let items = [
        Item::Stay(Stay {
            id: Uuid::from_u128(0x57),
            name: "Khách sạn Hà Khẩu".into(),
            address: Some("Hà Khẩu, Vân Nam".into()),
            check_in: day(2024, 5, 31),
            check_out: day(2024, 6, 1),
            rooms: Some(14),
            phone: None,
            notes: None,
        }),
        Item::Interpreter(Interpreter {
            id: Uuid::from_u128(0x1A),
            side: InterpreterSide::Partner,
            member_id: None,
            provided_by: Some("Huyện đoàn Hà Khẩu".into()),
            languages: vec!["zh".into(), "vi".into()],
            notes: None,
        }),
        Item::Gift(Gift {
            id: Uuid::from_u128(0x61),
            kind: GiftKind::Gift,
            direction: GiftDirection::Given,
            item: "Tranh thêu thổ cẩm".into(),
            quantity: 2,
            recipient: "Huyện đoàn Hà Khẩu".into(),
            value: Some(Decimal::from(1_500_000)),
            currency: Some(Currency::Vnd),
            notes: None,
        }),
        Item::Agenda(performance()),
        Item::Task(Task {
            id: Uuid::from_u128(0x7A),
            kind: TaskKind::Document,
            title: "Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu quốc tế Lào Cai".into(),
            owner: coordinator(),
            due_on: day(2024, 5, 26),
            status: TaskStatus::Todo,
            leg_id: Some(CROSSING),
            notes: None,
        }),
    ];
    for item in items {
        events.extend(given.ok(DelegationCommand::SaveItem { item }));
    }
    events.extend(given.ok(DelegationCommand::SetTaskStatus {
        task_id: Uuid::from_u128(0x7A),
        status: TaskStatus::Done,
    }));
    events.extend(given.ok(DelegationCommand::PrefillChecklist {
        kind: ProgrammeKind::Childrens,
        owner: coordinator(),
        programme_start: day(2024, 5, 31),
    }));
    events.extend(given.ok(DelegationCommand::RemoveItem {
        kind: ItemKind::Gift,
        id: Uuid::from_u128(0x61),
    }));
    events.extend(given.ok(DelegationCommand::RemoveMember {
        person_id: Uuid::from_u128(2),
    }));
    events.extend(given.ok(DelegationCommand::ForgetPerson {
        person_id: Uuid::from_u128(2),
    }));
    let types: Vec<&str> = events.iter().map(|e| e.event_type()).collect();
    for expected in [
        "DelegationMemberUpdated",
        "DelegationItemSaved",
        "DelegationTaskStatusChanged",
        "DelegationChecklistPrefilled",
        "DelegationItemRemoved",
        "DelegationMemberRemoved",
        "DelegationPersonForgotten",
    ] {
        assert!(
            types.contains(&expected),
            "{expected} missing from {types:?}"
        );
    }
    let record = given.record();
    assert_eq!(record.stays.len(), 1);
    assert_eq!(record.interpreters.len(), 1);
    assert!(record.gifts.is_empty());
    assert_eq!(record.agenda.len(), 1);
    assert_eq!(record.roster().count(), 1);
    assert!(record.member(Uuid::from_u128(2)).unwrap().forgotten);
    // The opening and the first members are events too.
    let first = Given::opened();
    let mut all = vec![DelegationEvent::Opened {
        delegation_id: DELEGATION,
        programme_id: PROGRAMME,
        name: first.record().name.clone(),
        direction: Direction::Outgoing,
    }];
    all.extend(
        first
            .when(DelegationCommand::AddMembers {
                members: vec![member(1, leader())],
            })
            .unwrap(),
    );
    all.extend(events);
    for event in all {
        let data = event.to_data();
        assert!(
            data.get("type").is_none(),
            "the type travels in the envelope"
        );
        let loaded =
            DelegationEvent::from_stored(event.event_type(), event.schema_version(), data).unwrap();
        assert_eq!(loaded, event);
    }
}

#[test]
fn events_hold_members_sealed_and_never_their_details() {
    let given = Given::opened();
    let events = given
        .when(DelegationCommand::AddMembers {
            members: vec![member(1, leader())],
        })
        .unwrap();
    let text = events[0].to_data().to_string();
    assert!(!text.contains("B1234567"));
    assert!(!text.contains("Trương"));
    assert!(text.contains("c2VhbGVk1"));
    // Nor can a log line show them by accident.
    assert_eq!(format!("{:?}", leader()), "PersonalDetails(<hidden>)");
}

#[test]
fn bad_personal_data_is_refused_field_by_field() {
    let given = Given::opened();
    let mut unborn = child("Lê Văn Tương Lai", "LC654321");
    unborn.date_of_birth = day(2030, 1, 1);
    let mut expired = leader();
    if let Some(document) = expired.document.as_mut() {
        document.expires_on = day(2019, 12, 31);
    }
    let mut malformed = child("Hoàng Thị Mai", "12-34");
    malformed.nationality = "Việt Nam".into();
    malformed.phone = Some("gọi cô giáo".into());
    let problems = given.problems(DelegationCommand::AddMembers {
        members: vec![member(1, unborn), member(2, expired), member(3, malformed)],
    });
    assert_eq!(
        problems,
        [
            (
                "members[0].details.date_of_birth".to_string(),
                Problem::InTheFuture
            ),
            (
                "members[1].details.document.expires_on".to_string(),
                Problem::ExpiresBeforeIssued
            ),
            (
                "members[2].details.nationality".to_string(),
                Problem::InvalidCountry
            ),
            (
                "members[2].details.document.number".to_string(),
                Problem::InvalidDocumentNumber
            ),
            (
                "members[2].details.phone".to_string(),
                Problem::InvalidPhone
            ),
        ]
    );
}

#[test]
fn the_same_document_twice_and_rosters_over_two_thousand_are_refused() {
    let given = Given::opened();
    let problems = given.problems(DelegationCommand::AddMembers {
        members: vec![
            member(1, child("Nguyễn Thị Minh Khai", "LC123456")),
            member(2, child("Nguyễn Văn Nam", "lc 123456")),
        ],
    });
    assert_eq!(
        problems,
        [(
            "members[1].details.document.number".to_string(),
            Problem::Duplicate
        )]
    );
    let many: Vec<NewMember> = (0..2001)
        .map(|n| member(1000 + n, child("Học sinh", &format!("LC{n:06}"))))
        .collect();
    assert_eq!(
        given.problems(DelegationCommand::AddMembers { members: many }),
        [("members".to_string(), Problem::TooMany { max: 2000 })]
    );
}

#[test]
fn travel_needs_a_known_border_gate_and_an_arrival_after_departure() {
    let given = Given::opened();
    let mut leg = crossing();
    leg.border_gate = Some("Cửa khẩu Lào Cai".into());
    leg.arrives = at(2024, 5, 31, 8, 15, "Asia/Shanghai");
    assert_eq!(
        given.problems(DelegationCommand::SaveItem {
            item: Item::TravelLeg(leg)
        }),
        [
            ("item.arrives".to_string(), Problem::EndBeforeStart),
            ("item.border_gate".to_string(), Problem::UnknownBorderGate),
        ]
    );
    // 07:30 in Lào Cai is 08:30 in Hekou: arriving at 08:45 local time there is fine.
    let mut given = Given::opened();
    given.ok(DelegationCommand::SaveItem {
        item: Item::TravelLeg(TravelLeg {
            border_gate: Some(" LAO_CAI ".into()),
            ..crossing()
        }),
    });
    assert_eq!(
        given.record().legs[0].border_gate.as_deref(),
        Some("lao_cai")
    );
}

#[test]
fn items_must_point_at_what_exists() {
    let given = Given::with_roster();
    let task = Task {
        id: Uuid::from_u128(0x7B),
        kind: TaskKind::Task,
        title: "Mua bảo hiểm".into(),
        owner: coordinator(),
        due_on: day(2024, 5, 20),
        status: TaskStatus::Todo,
        leg_id: Some(Uuid::from_u128(0xBAD)),
        notes: None,
    };
    assert_eq!(
        given.problems(DelegationCommand::SaveItem {
            item: Item::Task(task)
        }),
        [("item.leg_id".to_string(), Problem::Unknown)]
    );
    let interpreter = Interpreter {
        id: CROSSING,
        side: InterpreterSide::Ours,
        member_id: Some(Uuid::from_u128(99)),
        provided_by: None,
        languages: vec!["vi".into(), "zh".into()],
        notes: None,
    };
    assert_eq!(
        given.problems(DelegationCommand::SaveItem {
            item: Item::Interpreter(interpreter)
        }),
        [
            ("item.id".to_string(), Problem::Duplicate),
            ("item.member_id".to_string(), Problem::Unknown),
        ]
    );
}

#[test]
fn a_forgotten_person_cannot_be_changed_and_forgetting_twice_changes_nothing() {
    let mut given = Given::with_roster();
    given.ok(DelegationCommand::ForgetPerson {
        person_id: Uuid::from_u128(2),
    });
    assert_eq!(
        given.when(DelegationCommand::ForgetPerson {
            person_id: Uuid::from_u128(2)
        }),
        Ok(vec![])
    );
    assert_eq!(
        given.problems(DelegationCommand::UpdateMember {
            member: member(2, child("Nguyễn Thị Minh Khai", "LC123456"))
        }),
        [("person_id".to_string(), Problem::Forgotten)]
    );
    // The forgotten member keeps their place on the roster, redacted.
    assert_eq!(given.record().roster().count(), 2);
}

#[test]
fn the_template_falls_due_before_the_crossing_and_is_added_once() {
    let mut given = Given::with_roster();
    assert!(
        given
            .record()
            .lacks_template_tasks(ProgrammeKind::Childrens)
    );
    let events = given.ok(DelegationCommand::PrefillChecklist {
        kind: ProgrammeKind::Childrens,
        owner: coordinator(),
        programme_start: day(2024, 5, 31),
    });
    assert_eq!(events.len(), 1);
    let tasks = &given.record().tasks;
    let list = tasks
        .iter()
        .find(|t| t.title.contains("Đồn Biên phòng"))
        .unwrap();
    assert_eq!(list.due_on, day(2024, 5, 26));
    assert_eq!(list.leg_id, Some(CROSSING));
    let consent = tasks.iter().find(|t| t.title.contains("cha mẹ")).unwrap();
    assert_eq!(consent.due_on, day(2024, 5, 17));
    assert_eq!(consent.owner, coordinator());
    assert_eq!(
        given.when(DelegationCommand::PrefillChecklist {
            kind: ProgrammeKind::Childrens,
            owner: coordinator(),
            programme_start: day(2024, 5, 31),
        }),
        Ok(vec![])
    );
    assert!(
        !given
            .record()
            .lacks_template_tasks(ProgrammeKind::Childrens)
    );
    // Another kind's template has entries this one lacks.
    assert!(
        given
            .record()
            .lacks_template_tasks(ProgrammeKind::OnlineConference)
    );
}

fn window(approved_size: u32) -> ProgrammeWindow {
    ProgrammeWindow {
        start: day(2024, 5, 31),
        end: day(2024, 6, 1),
        approved_size,
    }
}

#[test]
fn each_warning_is_raised_and_worded() {
    let mut given = Given::with_roster();
    let mut early = performance();
    early.id = Uuid::from_u128(0xA0);
    early.date = day(2024, 5, 29);
    given.ok(DelegationCommand::SaveItem {
        item: Item::Agenda(early),
    });
    given.ok(DelegationCommand::SaveItem {
        item: Item::Task(Task {
            id: Uuid::from_u128(0x7C),
            kind: TaskKind::Document,
            title: "Gửi danh sách đoàn cho Đồn Biên phòng".into(),
            owner: coordinator(),
            due_on: day(2024, 6, 2),
            status: TaskStatus::Todo,
            leg_id: Some(CROSSING),
            notes: None,
        }),
    });
    let expiring = child("Nguyễn Thị Minh Khai", "LC123456");
    let mut alone = child("Phạm Văn Hùng", "LC222222");
    alone.guardian = None;
    alone.parental_consent = false;
    let mut undocumented = leader();
    undocumented.document = None;
    let details = [leader(), expiring, alone, undocumented];
    let roster: Vec<RosterEntry<'_>> = details
        .iter()
        .enumerate()
        .map(|(i, d)| RosterEntry {
            person_id: Uuid::from_u128(i as u128 + 1),
            position: i + 1,
            details: Some(d),
        })
        .chain(std::iter::once(RosterEntry {
            person_id: Uuid::from_u128(9),
            position: 5,
            details: None,
        }))
        .collect();
    let found = warnings(given.record(), &roster, &window(4));
    let codes: Vec<String> = found
        .iter()
        .map(|w| {
            serde_json::to_value(w).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        codes,
        [
            "document_expires_too_soon",
            "document_expires_too_soon",
            "minor_without_guardian",
            "minor_without_consent",
            "document_missing",
            "over_approved_size",
            "agenda_outside_programme",
            "task_due_after_departure",
        ]
    );
    assert_eq!(
        found[0],
        Warning::DocumentExpiresTooSoon {
            person_id: Uuid::from_u128(2),
            position: 2,
            expires_on: day(2024, 9, 30),
            return_day: day(2024, 6, 1),
        }
    );
    assert_eq!(
        found[0].message(domain::Lang::Vi),
        "Thành viên số 2: hộ chiếu/giấy thông hành hết hạn ngày 30/09/2024, chưa đủ 6 tháng sau ngày về 01/06/2024."
    );
    assert_eq!(
        found[5].message(domain::Lang::En),
        "The delegation has 5 members, more than the 4 approved."
    );
    assert!(
        found
            .iter()
            .all(|w| !w.message(domain::Lang::Vi).contains("Nguyễn"))
    );
    // A roster in order raises nothing.
    let fine = [leader()];
    let clean_roster = [RosterEntry {
        person_id: Uuid::from_u128(1),
        position: 1,
        details: Some(&fine[0]),
    }];
    let mut tidy = Given::with_roster();
    tidy.ok(DelegationCommand::SaveItem {
        item: Item::Agenda(performance()),
    });
    assert_eq!(warnings(tidy.record(), &clean_roster, &window(27)), []);
}
