//! The projector against real NATS and PostgreSQL.

use std::time::Duration;

use chrono::NaiveDate;
use domain::programme::{Plan, PlanPatch, Programme, ProgrammeCommand, ProgrammeKind, Status};
use domain::values::{Contact, Partner, Schedule};
use eventstore::{CommandMeta, EventStore, StoreConfig};
use projector::queries::{self, ListFilter};
use projector::{ProjectionWatch, Projector, ProjectorConfig};
use sqlx::PgPool;
use testkit::TestEnv;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

mod columns;
mod delegation;
mod directory;
mod followups;
mod history;
mod parked;

struct Setup {
    env: TestEnv,
    store: EventStore,
    pool: PgPool,
}

async fn setup() -> Setup {
    let env = TestEnv::new().await;
    let store = EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .unwrap();
    let pool = env.pool().await;
    projector::migrate(&pool).await.unwrap();
    Setup { env, store, pool }
}

fn meta() -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "planner@example.vn".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn plan(title: &str, host: &str, partner: &str, start: NaiveDate) -> Plan {
    Plan {
        title: title.into(),
        kind: ProgrammeKind::DelegationVisit,
        host_organisation: host.into(),
        host_organisation_id: Some(Uuid::from_u128(0x1a0)),
        co_organisers: vec![],
        partners: vec![Partner {
            name: partner.into(),
            country: "CN".into(),
            region: None,
        }],
        schedule: Schedule {
            start,
            end: start + chrono::Duration::days(2),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: None,
        border_gate: Some("Cửa khẩu Hữu Nghị".into()),
        objectives: "Trao đổi kinh nghiệm công tác thanh niên".into(),
        expected_delegation_size: 20,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Hoàng Văn Nam".into(),
            email: "nam@example.vn".into(),
        }),
    }
}

async fn draft(store: &EventStore, plan: Plan) -> Uuid {
    let id = Uuid::now_v7();
    store
        .execute::<Programme>(id, None, &ProgrammeCommand::Draft { id, plan }, &meta())
        .await
        .unwrap();
    id
}

fn start_projector(s: &Setup) -> (CancellationToken, tokio::task::JoinHandle<()>) {
    let token = CancellationToken::new();
    let projector = Projector::new(s.pool.clone(), s.store.clone(), ProjectorConfig::default());
    let stop = token.clone();
    let handle = tokio::spawn(async move { projector.run(stop).await });
    (token, handle)
}

async fn caught_up(s: &Setup) {
    let target = s.store.last_sequence().await.unwrap() as i64;
    for _ in 0..200 {
        if queries::position(&s.pool).await.unwrap() >= target {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the projection did not reach {target}");
}

fn all() -> ListFilter {
    ListFilter {
        limit: 100,
        ..ListFilter::default()
    }
}

async fn titles(pool: &PgPool, filter: ListFilter) -> Vec<String> {
    let mut titles: Vec<String> = queries::list(pool, &filter)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.title)
        .collect();
    titles.sort();
    titles
}

#[tokio::test]
async fn the_list_filters_by_status_organisation_dates_and_title_with_or_without_diacritics() {
    let s = setup().await;
    let lao_cai = draft(
        &s.store,
        plan(
            "Tọa đàm đánh giá 1 năm Biên bản ghi nhớ",
            "Thành đoàn Lào Cai",
            "Đoàn Thanh niên huyện Hà Khẩu",
            date(2024, 3, 22),
        ),
    )
    .await;
    draft(
        &s.store,
        plan(
            "Hội nghị trực tuyến bốn tỉnh biên giới",
            "Tỉnh Đoàn Cao Bằng",
            "Đoàn Thanh niên Quảng Tây",
            date(2023, 11, 21),
        ),
    )
    .await;
    draft(
        &s.store,
        plan(
            "Tổng kết công tác năm 2021",
            "Hội Hữu nghị Việt – Trung tỉnh Cao Bằng",
            "Hội Hữu nghị Trung – Việt Quảng Tây",
            date(2022, 1, 13),
        ),
    )
    .await;
    s.store
        .execute::<Programme>(lao_cai, None, &ProgrammeCommand::Submit, &meta())
        .await
        .unwrap();
    let (token, handle) = start_projector(&s);
    caught_up(&s).await;

    assert_eq!(queries::list(&s.pool, &all()).await.unwrap().total, 3);
    let submitted = ListFilter {
        status: Some(Status::Submitted),
        ..all()
    };
    assert_eq!(
        titles(&s.pool, submitted).await,
        ["Tọa đàm đánh giá 1 năm Biên bản ghi nhớ"]
    );
    let cao_bang = ListFilter {
        organisation: Some("cao bang".into()),
        ..all()
    };
    assert_eq!(
        titles(&s.pool, cao_bang).await,
        [
            "Hội nghị trực tuyến bốn tỉnh biên giới",
            "Tổng kết công tác năm 2021"
        ]
    );
    let partner = ListFilter {
        organisation: Some("Quảng Tây".into()),
        ..all()
    };
    assert_eq!(queries::list(&s.pool, &partner).await.unwrap().total, 2);
    let in_2023 = ListFilter {
        from: Some(date(2023, 1, 1)),
        to: Some(date(2023, 12, 31)),
        ..all()
    };
    assert_eq!(
        titles(&s.pool, in_2023).await,
        ["Hội nghị trực tuyến bốn tỉnh biên giới"]
    );
    for query in ["tong ket", "Tổng kết", "TONG KET 2021"] {
        let search = ListFilter {
            search: Some(query.into()),
            ..all()
        };
        assert_eq!(
            titles(&s.pool, search).await,
            ["Tổng kết công tác năm 2021"],
            "{query}"
        );
    }
    let wildcard = ListFilter {
        search: Some("%".into()),
        ..all()
    };
    assert_eq!(
        queries::list(&s.pool, &wildcard).await.unwrap().total,
        0,
        "% is literal"
    );

    let detail = queries::detail(&s.pool, lao_cai).await.unwrap().unwrap();
    assert_eq!(detail.version, 2);
    assert_eq!(detail.record.status, Status::Submitted);
    let history = queries::history(&s.pool, lao_cai).await.unwrap();
    let types: Vec<&str> = history.iter().map(|h| h.event_type.as_str()).collect();
    assert_eq!(types, ["ProgrammeDrafted", "ProgrammeSubmitted"]);
    token.cancel();
    handle.await.unwrap();
}

#[tokio::test]
async fn two_projectors_at_once_apply_each_event_exactly_once() {
    let s = setup().await;
    let mut ids = Vec::new();
    for i in 0..20 {
        let id = draft(
            &s.store,
            plan(
                &format!("Chương trình {i}"),
                "Tỉnh Đoàn Lạng Sơn",
                "Quảng Tây",
                date(2024, 1, 1),
            ),
        )
        .await;
        ids.push(id);
    }
    let (a, ha) = start_projector(&s);
    let (b, hb) = start_projector(&s);
    for (i, id) in ids.iter().enumerate() {
        let patch = PlanPatch {
            title: Some(format!("Chương trình số {i}")),
            ..PlanPatch::default()
        };
        s.store
            .execute::<Programme>(
                *id,
                Some(1),
                &ProgrammeCommand::Revise {
                    patch,
                    reason: None,
                },
                &meta(),
            )
            .await
            .unwrap();
    }
    caught_up(&s).await;
    let (events, distinct): (i64, i64) =
        sqlx::query_as("SELECT count(*), count(DISTINCT event_id) FROM caunoi.programme_events")
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert_eq!((events, distinct), (40, 40));
    let versions: Vec<i64> = sqlx::query_scalar("SELECT version FROM caunoi.programmes")
        .fetch_all(&s.pool)
        .await
        .unwrap();
    assert!(versions.iter().all(|v| *v == 2), "{versions:?}");
    let failures: i64 = sqlx::query_scalar("SELECT count(*) FROM caunoi.projection_failures")
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(failures, 0);
    a.cancel();
    b.cancel();
    ha.await.unwrap();
    hb.await.unwrap();
}

#[tokio::test]
async fn an_unreadable_message_is_recorded_and_the_projection_goes_on() {
    let s = setup().await;
    let js = async_nats::jetstream::new(s.env.nats().await);
    let subject = format!("{}.programme.{}", s.env.subject_prefix, Uuid::now_v7());
    js.publish(subject, "không phải JSON".into())
        .await
        .unwrap()
        .await
        .unwrap();
    draft(
        &s.store,
        plan(
            "Giao lưu văn hóa",
            "Tỉnh Đoàn Hà Giang",
            "Vân Nam",
            date(2024, 5, 1),
        ),
    )
    .await;
    let (token, handle) = start_projector(&s);
    caught_up(&s).await;
    let failures: Vec<(i64, String)> =
        sqlx::query_as("SELECT sequence, reason FROM caunoi.projection_failures")
            .fetch_all(&s.pool)
            .await
            .unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].0, 1);
    assert_eq!(queries::list(&s.pool, &all()).await.unwrap().total, 1);
    token.cancel();
    handle.await.unwrap();
}

async fn snapshot(
    pool: &PgPool,
) -> (
    Vec<(Uuid, i64, String, serde_json::Value)>,
    Vec<(i64, Uuid)>,
) {
    let programmes =
        sqlx::query_as("SELECT id, version, status, state FROM caunoi.programmes ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap();
    let events =
        sqlx::query_as("SELECT sequence, event_id FROM caunoi.programme_events ORDER BY sequence")
            .fetch_all(pool)
            .await
            .unwrap();
    (programmes, events)
}

#[tokio::test]
async fn a_rebuild_gives_the_same_read_model_and_reads_go_on_during_it() {
    let s = setup().await;
    for i in 0..30 {
        let id = draft(
            &s.store,
            plan(
                &format!("Đoàn công tác {i}"),
                "Tỉnh Đoàn Quảng Ninh",
                "Quảng Tây",
                date(2023, 1, 1),
            ),
        )
        .await;
        if i % 3 == 0 {
            s.store
                .execute::<Programme>(id, None, &ProgrammeCommand::Submit, &meta())
                .await
                .unwrap();
        }
    }
    let (token, handle) = start_projector(&s);
    caught_up(&s).await;
    let before = snapshot(&s.pool).await;

    let reader_pool = s.pool.clone();
    let reads = tokio::spawn(async move {
        let mut answered = 0;
        for _ in 0..50 {
            let page = queries::list(&reader_pool, &all())
                .await
                .expect("reads work during a rebuild");
            assert_eq!(page.total, 30);
            answered += 1;
        }
        answered
    });
    let mut reports = 0;
    let generation = projector::rebuild(&s.pool, &s.store, |_| reports += 1)
        .await
        .unwrap();
    assert_eq!(generation, 2);
    assert!(reports > 0, "a rebuild reports its progress");
    assert_eq!(reads.await.unwrap(), 50);
    assert_eq!(snapshot(&s.pool).await, before);

    // The live projector follows the new generation after the switch.
    let id = draft(
        &s.store,
        plan(
            "Sau khi dựng lại",
            "Tỉnh Đoàn Quảng Ninh",
            "Quảng Tây",
            date(2025, 1, 1),
        ),
    )
    .await;
    caught_up(&s).await;
    assert!(queries::detail(&s.pool, id).await.unwrap().is_some());
    token.cancel();
    handle.await.unwrap();
}

#[tokio::test]
async fn the_watch_tells_when_a_position_is_visible() {
    let s = setup().await;
    let token = CancellationToken::new();
    let watch = ProjectionWatch::start(s.pool.clone(), token.clone());
    let id = draft(
        &s.store,
        plan(
            "Tiếp đoàn Quảng Tây",
            "Tỉnh Đoàn Lạng Sơn",
            "Quảng Tây",
            date(2024, 9, 9),
        ),
    )
    .await;
    assert!(
        !watch.wait_for(1, Duration::from_millis(300)).await,
        "nothing projects yet"
    );
    let (stop, handle) = start_projector(&s);
    assert!(watch.wait_for(1, Duration::from_secs(5)).await);
    assert!(queries::detail(&s.pool, id).await.unwrap().is_some());
    stop.cancel();
    token.cancel();
    handle.await.unwrap();
}

#[tokio::test]
async fn migrating_again_changes_nothing() {
    let s = setup().await;
    draft(
        &s.store,
        plan(
            "Trước khi khởi động lại",
            "Tỉnh Đoàn Cao Bằng",
            "Quảng Tây",
            date(2024, 1, 1),
        ),
    )
    .await;
    let (token, handle) = start_projector(&s);
    caught_up(&s).await;
    token.cancel();
    handle.await.unwrap();
    // A restart migrates again, from a fresh connection.
    let fresh = s.env.pool().await;
    projector::migrate(&fresh)
        .await
        .expect("a second migration run is a no-op");
    projector::migrate(&fresh).await.expect("and so is a third");
    assert_eq!(queries::list(&fresh, &all()).await.unwrap().total, 1);
}

#[tokio::test]
async fn instances_starting_together_on_a_fresh_database_all_migrate() {
    // The race is narrow: several fresh databases, each migrated by eight instances at once.
    for _ in 0..4 {
        let env = TestEnv::new().await;
        // Each instance has its own pool, as separate processes would.
        let mut pools = Vec::new();
        for _ in 0..8 {
            pools.push(env.pool().await);
        }
        let runs = pools.iter().map(projector::migrate);
        for (instance, result) in futures::future::join_all(runs)
            .await
            .into_iter()
            .enumerate()
        {
            result.unwrap_or_else(|e| panic!("instance {instance} could not migrate: {e}"));
        }
        assert!(projector::read_models_current(&pools[0]).await.unwrap());
    }
}
