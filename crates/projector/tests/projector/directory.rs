//! The directory read model, fed by the generic projection of aggregates.

use chrono::NaiveDate;
use domain::approval::{Committee, DecisionRule, Member, Person, Role};
use domain::directory::{Directory, DirectoryCommand, OrganisationKind, Route, RouteStage};
use domain::programme::ProgrammeKind;
use uuid::Uuid;

use super::{caught_up, meta, setup, start_projector};

const ORG: Uuid = Uuid::from_u128(0xCB);
const COMMITTEE: Uuid = Uuid::from_u128(0xCB01);

fn member(n: u128, name: &str, role: Role) -> Member {
    Member {
        id: Uuid::from_u128(n),
        person: Person {
            name: name.into(),
            email: format!("uyvien{n}@tinhdoancaobang.vn"),
        },
        role,
        serves_from: NaiveDate::from_ymd_opt(2022, 10, 1).unwrap(),
        serves_until: None,
    }
}

async fn register_cao_bang(store: &eventstore::EventStore) {
    let commands = [
        DirectoryCommand::Register {
            id: ORG,
            name: "Tỉnh Đoàn Cao Bằng".into(),
            kind: OrganisationKind::ProvincialYouthUnion,
            province: Some("Cao Bằng".into()),
        },
        DirectoryCommand::AddCommittee {
            committee: Committee {
                id: COMMITTEE,
                name: "Ban Thường vụ Tỉnh Đoàn Cao Bằng".into(),
                rule: DecisionRule::Majority,
                members: vec![
                    member(1, "Nông Văn Bí", Role::Chair),
                    member(2, "Hoàng Thị Lan", Role::Member),
                ],
                substitutions: vec![],
            },
        },
        DirectoryCommand::AddMember {
            committee_id: COMMITTEE,
            member: member(3, "Lương Văn Đức", Role::Member),
        },
        DirectoryCommand::DefineRoute {
            route: Route {
                id: Uuid::from_u128(0xCB10),
                name: "Đoàn ra, đoàn vào".into(),
                kinds: vec![ProgrammeKind::DelegationVisit, ProgrammeKind::Reception],
                stages: vec![RouteStage {
                    committee_id: COMMITTEE,
                    organisation_id: None,
                    advisory: false,
                }],
            },
        },
    ];
    for command in commands {
        store
            .execute::<Directory>(ORG, None, &command, &meta())
            .await
            .unwrap();
    }
}

type DirectoryRows = (
    Vec<(Uuid, String, String, i64)>,
    Vec<(Uuid, String, String, String)>,
    Vec<(String, Vec<String>)>,
);

async fn directory_rows(pool: &sqlx::PgPool) -> DirectoryRows {
    let organisations =
        sqlx::query_as("SELECT id, name, name_folded, version FROM caunoi.organisations")
            .fetch_all(pool)
            .await
            .unwrap();
    let members = sqlx::query_as(
        "SELECT member_id, name, email, role FROM caunoi.committee_members ORDER BY member_id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let routes = sqlx::query_as("SELECT name, kinds FROM caunoi.approval_routes")
        .fetch_all(pool)
        .await
        .unwrap();
    (organisations, members, routes)
}

#[tokio::test]
async fn organisations_committees_members_and_routes_are_projected_and_rebuilt_alike() {
    let s = setup().await;
    register_cao_bang(&s.store).await;
    let (token, handle) = start_projector(&s);
    caught_up(&s).await;
    let rows = directory_rows(&s.pool).await;
    assert_eq!(
        rows.0,
        [(
            ORG,
            "Tỉnh Đoàn Cao Bằng".to_string(),
            "tinh doan cao bang".to_string(),
            4
        )]
    );
    assert_eq!(rows.1.len(), 3);
    assert_eq!(rows.1[2].1, "Lương Văn Đức");
    assert_eq!(rows.1[0].3, "chair");
    assert_eq!(
        rows.2,
        [(
            "Đoàn ra, đoàn vào".to_string(),
            vec!["delegation_visit".to_string(), "reception".to_string()]
        )]
    );

    projector::rebuild(&s.pool, &s.store, |_| {}).await.unwrap();
    assert_eq!(directory_rows(&s.pool).await, rows);
    token.cancel();
    handle.await.unwrap();
}

#[tokio::test]
async fn read_models_built_with_other_tables_are_rebuilt_before_serving() {
    let s = setup().await;
    register_cao_bang(&s.store).await;
    let (token, handle) = start_projector(&s);
    caught_up(&s).await;
    token.cancel();
    handle.await.unwrap();
    let rows = directory_rows(&s.pool).await;
    assert!(projector::read_models_current(&s.pool).await.unwrap());

    // As if this generation had been built by an older version.
    sqlx::query("UPDATE caunoi.projections SET signature = 'older' WHERE status = 'active'")
        .execute(&s.pool)
        .await
        .unwrap();
    assert!(!projector::read_models_current(&s.pool).await.unwrap());
    projector::migrate(&s.pool).await.unwrap();
    assert!(
        !projector::read_models_current(&s.pool).await.unwrap(),
        "a generation holding events is not dropped by a migration"
    );
    let rebuilt = projector::upgrade_read_models(&s.pool, &s.store, |_| {})
        .await
        .unwrap();
    assert!(rebuilt);
    assert!(projector::read_models_current(&s.pool).await.unwrap());
    assert_eq!(directory_rows(&s.pool).await, rows);
    let again = projector::upgrade_read_models(&s.pool, &s.store, |_| {})
        .await
        .unwrap();
    assert!(!again, "nothing to do the second time");

    // As if built with the same tables by a version whose projection code differed.
    let signature: String =
        sqlx::query_scalar("SELECT signature FROM caunoi.projections WHERE status = 'active'")
            .fetch_one(&s.pool)
            .await
            .unwrap();
    let suffix = format!(":code:{}", projector::PROJECTION_CODE);
    assert!(signature.ends_with(&suffix), "{signature}");
    sqlx::query(
        "UPDATE caunoi.projections SET signature = regexp_replace(signature, ':code:.*$', ':code:older')
         WHERE status = 'active'",
    )
    .execute(&s.pool)
    .await
    .unwrap();
    assert!(!projector::read_models_current(&s.pool).await.unwrap());
    let rebuilt = projector::upgrade_read_models(&s.pool, &s.store, |_| {})
        .await
        .unwrap();
    assert!(rebuilt, "other projection code rebuilds the read models");
    assert_eq!(directory_rows(&s.pool).await, rows);
}
