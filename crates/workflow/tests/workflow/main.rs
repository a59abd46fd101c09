//! The process managers against real NATS and PostgreSQL: durable subscriptions, and the
//! approval process driven event by event.

use chrono::NaiveDate;
use domain::programme::{Plan, Programme, ProgrammeCommand, ProgrammeKind};
use domain::values::{Contact, Partner, Schedule};
use eventstore::{CommandMeta, EventStore, StoreConfig};
use sqlx::PgPool;
use testkit::TestEnv;
use uuid::Uuid;

mod approvals;
mod subscription;

struct Setup {
    _env: TestEnv,
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
    Setup {
        _env: env,
        store,
        pool,
    }
}

fn meta() -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "hoa@tinhdoancaobang.vn".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

/// The seminar of the Lào Cai city Youth Union with the Hekou county Youth League.
fn seminar(host: Uuid) -> Plan {
    Plan {
        title: "Tọa đàm Phát huy tinh thần hữu nghị của tuổi trẻ".into(),
        kind: ProgrammeKind::Seminar,
        host_organisation: "Thành đoàn Lào Cai".into(),
        host_organisation_id: Some(host),
        co_organisers: vec![],
        partners: vec![Partner {
            name: "Đoàn Thanh niên huyện Hà Khẩu".into(),
            country: "CN".into(),
            region: Some("Vân Nam".into()),
        }],
        schedule: Schedule {
            start: NaiveDate::from_ymd_opt(2027, 3, 22).unwrap(),
            end: NaiveDate::from_ymd_opt(2027, 3, 22).unwrap(),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: Some("Thành phố Lào Cai".into()),
        border_gate: None,
        objectives: "Đánh giá một năm thực hiện biên bản ghi nhớ giai đoạn 2023–2027".into(),
        expected_delegation_size: 30,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Lò Thị Hồng".into(),
            email: "hong@thanhdoanlaocai.example.vn".into(),
        }),
    }
}

/// Drafts a programme; returns its id.
async fn draft(store: &EventStore, host: Uuid) -> Uuid {
    let id = Uuid::now_v7();
    let command = ProgrammeCommand::Draft {
        id,
        plan: seminar(host),
    };
    store
        .execute::<Programme>(id, None, &command, &meta())
        .await
        .unwrap();
    id
}
