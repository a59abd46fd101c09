//! The delegation read model: rosters written member by member, sealed text only, and the
//! same rows after a rebuild.

use chrono::NaiveDate;
use domain::delegation::{
    Delegation, DelegationCommand, Direction, Document, DocumentKind, Gender, Item, NewMember,
    PersonalDetails, ProgrammeFacts, Sealed, Task, TaskKind, TaskStatus,
};
use domain::programme::Status;
use domain::values::Contact;
use uuid::Uuid;

use super::{caught_up, meta, setup, start_projector};

const DELEGATION: Uuid = Uuid::from_u128(0xD0);

fn member(n: u128, sealed: &str) -> NewMember {
    NewMember {
        person_id: Uuid::from_u128(n),
        details: PersonalDetails {
            full_name: format!("Hoàng Văn Thành {n}"),
            chinese_name: None,
            role: "Đoàn viên".into(),
            organisation: None,
            gender: Gender::Male,
            date_of_birth: NaiveDate::from_ymd_opt(1990, 8, 15).unwrap(),
            nationality: "VN".into(),
            document: Some(Document {
                kind: DocumentKind::Passport,
                number: format!("C{n:07}"),
                issued_on: None,
                expires_on: NaiveDate::from_ymd_opt(2030, 2, 1).unwrap(),
            }),
            phone: None,
            email: None,
            dietary_notes: None,
            medical_notes: None,
            guardian: None,
            parental_consent: false,
        },
        sealed: Sealed(sealed.into()),
    }
}

type MemberRows = Vec<(Uuid, i32, Option<String>, bool, bool)>;

async fn member_rows(pool: &sqlx::PgPool) -> MemberRows {
    sqlx::query_as(
        "SELECT person_id, position, sealed, removed, forgotten FROM caunoi.delegation_members
         ORDER BY position",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_roster_keeps_sealed_text_until_a_member_is_forgotten_and_rebuilds_the_same() {
    let s = setup().await;
    let commands = [
        DelegationCommand::Open {
            id: DELEGATION,
            programme: ProgrammeFacts {
                id: Uuid::from_u128(0x1C),
                status: Status::Approved,
            },
            name: "Đoàn đại biểu Hội Hữu nghị tỉnh Lạng Sơn".into(),
            direction: Direction::Outgoing,
        },
        DelegationCommand::AddMembers {
            members: vec![
                member(1, "c2VhbGVkMQ"),
                member(2, "c2VhbGVkMg"),
                member(3, "c2VhbGVkMw"),
            ],
        },
        DelegationCommand::UpdateMember {
            member: member(2, "c2VhbGVkMmI"),
        },
        DelegationCommand::RemoveMember {
            person_id: Uuid::from_u128(3),
        },
        DelegationCommand::ForgetPerson {
            person_id: Uuid::from_u128(1),
        },
        DelegationCommand::SaveItem {
            item: Item::Task(Task {
                id: Uuid::from_u128(0x7A),
                kind: TaskKind::Document,
                title: "Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu Hữu Nghị".into(),
                owner: Contact {
                    name: "Hoàng Thị Mai".into(),
                    email: "Mai@Example.vn".into(),
                },
                due_on: NaiveDate::from_ymd_opt(2025, 5, 5).unwrap(),
                status: TaskStatus::Todo,
                leg_id: None,
                notes: None,
            }),
        },
    ];
    // The first three land in separate batches, the rest together.
    let (token, handle) = start_projector(&s);
    for (i, command) in commands.iter().enumerate() {
        s.store
            .execute::<Delegation>(DELEGATION, None, command, &meta())
            .await
            .unwrap();
        if i < 3 {
            caught_up(&s).await;
        }
    }
    caught_up(&s).await;
    let expected: MemberRows = vec![
        (Uuid::from_u128(1), 1, None, false, true),
        (
            Uuid::from_u128(2),
            2,
            Some("c2VhbGVkMmI".into()),
            false,
            false,
        ),
        (
            Uuid::from_u128(3),
            3,
            Some("c2VhbGVkMw".into()),
            true,
            false,
        ),
    ];
    assert_eq!(member_rows(&s.pool).await, expected);
    let roster = projector::delegation_queries::members(&s.pool, DELEGATION)
        .await
        .unwrap();
    assert_eq!(
        roster.len(),
        2,
        "a member taken off the roster is not on it"
    );
    let delegation = projector::delegation_queries::delegation(&s.pool, DELEGATION)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(delegation.version, 6);
    assert_eq!(delegation.record.tasks.len(), 1);
    assert!(
        delegation
            .record
            .member(Uuid::from_u128(1))
            .unwrap()
            .forgotten
    );
    let tasks =
        projector::delegation_queries::open_tasks(&s.pool, None, Some("mai@example.vn"), None)
            .await
            .unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(
        tasks[0].delegation_name,
        "Đoàn đại biểu Hội Hữu nghị tỉnh Lạng Sơn"
    );
    let history = projector::delegation_queries::history(&s.pool, DELEGATION)
        .await
        .unwrap();
    assert_eq!(history.len(), 6);

    projector::rebuild(&s.pool, &s.store, |_| {}).await.unwrap();
    assert_eq!(member_rows(&s.pool).await, expected);
    token.cancel();
    handle.await.unwrap();
}
