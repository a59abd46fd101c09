//! The event store against a real NATS server with JetStream.

use std::sync::Arc;

use chrono::NaiveDate;
use domain::Entity;
use domain::programme::{Plan, PlanPatch, Programme, ProgrammeCommand, ProgrammeKind, Status};
use domain::values::{Contact, Partner, Schedule};
use eventstore::{CommandMeta, Envelope, EventStore, ExecuteError, StoreConfig};
use testkit::TestEnv;
use uuid::Uuid;

fn plan() -> Plan {
    Plan {
        title: "Đoàn đại biểu thiếu nhi Lào Cai sang Hà Khẩu dịp 1/6".into(),
        kind: ProgrammeKind::Childrens,
        host_organisation: "Thành đoàn Lào Cai".into(),
        host_organisation_id: Some(Uuid::from_u128(0x1ac)),
        co_organisers: vec![],
        partners: vec![Partner {
            name: "Đoàn Thanh niên huyện Hà Khẩu".into(),
            country: "CN".into(),
            region: Some("Vân Nam".into()),
        }],
        schedule: Schedule {
            start: NaiveDate::from_ymd_opt(2023, 6, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2023, 6, 1).unwrap(),
            timezone: "Asia/Shanghai".into(),
        },
        venue: None,
        border_gate: Some("Cửa khẩu quốc tế Lào Cai – Hà Khẩu".into()),
        objectives: "Giao lưu thiếu nhi nhân Ngày Quốc tế Thiếu nhi".into(),
        expected_delegation_size: 27,
        budget: vec![],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Lê Thu Trang".into(),
            email: "trang@thanhdoanlaocai.vn".into(),
        }),
    }
}

fn meta() -> CommandMeta {
    CommandMeta {
        now: testkit::scenario_clock().now(),
        actor: "trang@thanhdoanlaocai.vn".into(),
        correlation_id: Uuid::now_v7().to_string(),
        causation_id: None,
    }
}

async fn open(env: &TestEnv) -> EventStore {
    EventStore::open(
        env.nats().await,
        StoreConfig::on_stream(env.stream.clone(), env.subject_prefix.clone()),
    )
    .await
    .expect("open the event store")
}

async fn drafted(store: &EventStore) -> Uuid {
    let id = Uuid::now_v7();
    store
        .execute::<Programme>(
            id,
            None,
            &ProgrammeCommand::Draft { id, plan: plan() },
            &meta(),
        )
        .await
        .expect("draft");
    id
}

fn revise_title(title: &str) -> ProgrammeCommand {
    ProgrammeCommand::Revise {
        patch: PlanPatch {
            title: Some(title.into()),
            ..PlanPatch::default()
        },
        reason: None,
    }
}

#[tokio::test]
async fn events_are_stored_with_their_envelope_and_read_back_in_order() {
    let env = TestEnv::new().await;
    let store = open(&env).await;
    let id = drafted(&store).await;
    store
        .execute::<Programme>(
            id,
            Some(1),
            &revise_title("Đoàn thiếu nhi sang Hà Khẩu"),
            &meta(),
        )
        .await
        .unwrap();
    let outcome = store
        .execute::<Programme>(id, Some(2), &ProgrammeCommand::Submit, &meta())
        .await
        .unwrap();
    assert_eq!(outcome.version, 3);
    assert_eq!(outcome.state.record().unwrap().status, Status::Submitted);

    let envelopes = store.load_envelopes::<Programme>(id).await.unwrap();
    let types: Vec<&str> = envelopes
        .iter()
        .map(|(_, e)| e.event_type.as_str())
        .collect();
    assert_eq!(
        types,
        ["ProgrammeDrafted", "ProgrammeRevised", "ProgrammeSubmitted"]
    );
    let versions: Vec<u64> = envelopes.iter().map(|(_, e)| e.aggregate_version).collect();
    assert_eq!(versions, [1, 2, 3]);
    let first = &envelopes[0].1;
    assert_eq!(first.aggregate_type, "programme");
    assert_eq!(first.aggregate_id, id);
    assert_eq!(first.schema_version, 1);
    assert_eq!(first.event_id.get_version_num(), 7, "event ids are UUIDv7");

    // Any NATS client can read the same events: the payload is the envelope as JSON, and
    // the event id travels as Nats-Msg-Id.
    let js = async_nats::jetstream::new(env.nats().await);
    let stream = js.get_stream(&env.stream).await.unwrap();
    let raw = stream.get_raw_message(envelopes[1].0).await.unwrap();
    assert_eq!(
        raw.subject.as_str(),
        format!("{}.programme.{id}", env.subject_prefix)
    );
    let envelope: Envelope = serde_json::from_slice(&raw.payload).unwrap();
    assert_eq!(envelope, envelopes[1].1);
    assert_eq!(
        raw.headers
            .get("Nats-Msg-Id")
            .map(|v| v.as_str().to_string()),
        Some(envelope.event_id.to_string())
    );
}

#[tokio::test]
async fn of_two_revisions_of_the_same_version_exactly_one_wins() {
    let env = TestEnv::new().await;
    let store = open(&env).await;
    let id = drafted(&store).await;
    let (plan_a, plan_b, meta) = (
        revise_title("Phương án A"),
        revise_title("Phương án B"),
        meta(),
    );
    let (a, b) = tokio::join!(
        store.execute::<Programme>(id, Some(1), &plan_a, &meta),
        store.execute::<Programme>(id, Some(1), &plan_b, &meta),
    );
    let results = [a, b];
    let wins = results.iter().filter(|r| r.is_ok()).count();
    let conflicts = results
        .iter()
        .filter(|r| {
            matches!(
                r,
                Err(ExecuteError::VersionConflict {
                    entity: Entity::Programme,
                    expected: 1,
                    actual: 2
                })
            )
        })
        .count();
    assert_eq!((wins, conflicts), (1, 1), "{results:?}");
    assert_eq!(store.load::<Programme>(id).await.unwrap().version, 2);
}

#[tokio::test]
async fn fifty_concurrent_submits_give_exactly_one_submitted_event() {
    let env = TestEnv::new().await;
    let store = Arc::new(open(&env).await);
    let id = drafted(&store).await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let store = store.clone();
        tasks.spawn(async move {
            store
                .execute::<Programme>(id, None, &ProgrammeCommand::Submit, &meta())
                .await
        });
    }
    let mut accepted = 0;
    while let Some(result) = tasks.join_next().await {
        match result.unwrap() {
            Ok(outcome) if !outcome.appended.is_empty() => accepted += 1,
            Ok(_) => panic!("a submit cannot be a no-op"),
            Err(ExecuteError::Rejected(domain::DomainError::NotAllowed { .. }))
            | Err(ExecuteError::Contention) => {}
            Err(other) => panic!("unexpected failure: {other}"),
        }
    }
    assert_eq!(accepted, 1);
    let submitted = store
        .load_envelopes::<Programme>(id)
        .await
        .unwrap()
        .into_iter()
        .filter(|(_, e)| e.event_type == "ProgrammeSubmitted")
        .count();
    assert_eq!(submitted, 1);
}

#[tokio::test]
async fn a_rejected_command_appends_nothing() {
    let env = TestEnv::new().await;
    let store = open(&env).await;
    let id = drafted(&store).await;
    let before = store.last_sequence().await.unwrap();
    let mut bad = plan();
    bad.schedule.end = NaiveDate::from_ymd_opt(2023, 5, 1).unwrap();
    let refused = store
        .execute::<Programme>(
            id,
            None,
            &ProgrammeCommand::Revise {
                patch: PlanPatch {
                    schedule: Some(bad.schedule),
                    ..PlanPatch::default()
                },
                reason: None,
            },
            &meta(),
        )
        .await;
    assert!(
        matches!(refused, Err(ExecuteError::Rejected(_))),
        "{refused:?}"
    );
    let unknown = Uuid::now_v7();
    let missing = store
        .execute::<Programme>(unknown, None, &ProgrammeCommand::Submit, &meta())
        .await;
    assert!(matches!(
        missing,
        Err(ExecuteError::Rejected(domain::DomainError::NotFound(
            domain::Entity::Programme
        )))
    ));
    assert_eq!(store.last_sequence().await.unwrap(), before);
}

#[tokio::test]
async fn a_repeated_publish_with_the_same_event_id_is_stored_once() {
    let env = TestEnv::new().await;
    let _store = open(&env).await;
    let js = async_nats::jetstream::new(env.nats().await);
    let subject = format!("{}.programme.{}", env.subject_prefix, Uuid::now_v7());
    let event_id = Uuid::now_v7().to_string();
    let mut acks = Vec::new();
    for _ in 0..2 {
        let mut headers = async_nats::HeaderMap::new();
        headers.insert("Nats-Msg-Id", event_id.as_str());
        let ack = js
            .publish_with_headers(subject.clone(), headers, "{}".into())
            .await
            .unwrap()
            .await
            .unwrap();
        acks.push(ack);
    }
    assert!(!acks[0].duplicate);
    assert!(
        acks[1].duplicate,
        "the second copy is recognised as a duplicate"
    );
    assert_eq!(acks[0].sequence, acks[1].sequence);
}

#[tokio::test]
async fn the_stream_refuses_to_delete_events() {
    let env = TestEnv::new().await;
    let store = open(&env).await;
    drafted(&store).await;
    let js = async_nats::jetstream::new(env.nats().await);
    let stream = js.get_stream(&env.stream).await.unwrap();
    assert!(
        stream.delete_message(1).await.is_err(),
        "deletes are denied"
    );
    assert_eq!(store.last_sequence().await.unwrap(), 1);
}

#[tokio::test]
async fn a_second_instance_with_an_outdated_memory_still_decides_on_the_latest_state() {
    let env = TestEnv::new().await;
    let first = open(&env).await;
    let second = open(&env).await;
    let id = drafted(&first).await;
    // The second instance revises; the first still remembers version 1.
    second
        .execute::<Programme>(id, Some(1), &revise_title("Sửa ở máy chủ thứ hai"), &meta())
        .await
        .unwrap();
    // A client that saw version 2 must not get a false conflict from the first instance.
    let outcome = first
        .execute::<Programme>(id, Some(2), &ProgrammeCommand::Submit, &meta())
        .await
        .expect("the first instance reads the stream again instead of trusting its memory");
    assert_eq!(outcome.version, 3);
    // The second instance now remembers version 2: its cancel is decided on version 3.
    let cancel = ProgrammeCommand::Cancel {
        reason: "Đối tác hoãn".into(),
    };
    let outcome = second
        .execute::<Programme>(id, None, &cancel, &meta())
        .await
        .unwrap();
    assert_eq!(outcome.version, 4);
    let envelopes = first.load_envelopes::<Programme>(id).await.unwrap();
    let versions: Vec<u64> = envelopes.iter().map(|(_, e)| e.aggregate_version).collect();
    assert_eq!(versions, [1, 2, 3, 4]);
    // A refusal worked out on a stale memory is checked against the stream first.
    let refused = first
        .execute::<Programme>(id, None, &ProgrammeCommand::Submit, &meta())
        .await;
    assert!(matches!(
        refused,
        Err(ExecuteError::Rejected(domain::DomainError::NotAllowed {
            status: Status::Cancelled,
            ..
        }))
    ));
}

#[tokio::test]
async fn reading_an_aggregate_leaves_no_consumer_behind() {
    let env = TestEnv::new().await;
    let store = open(&env).await;
    let id = drafted(&store).await;
    store
        .execute::<Programme>(id, Some(1), &ProgrammeCommand::Submit, &meta())
        .await
        .unwrap();
    for _ in 0..5 {
        assert_eq!(store.load::<Programme>(id).await.unwrap().version, 2);
    }
    assert_eq!(
        store
            .load::<Programme>(Uuid::now_v7())
            .await
            .unwrap()
            .version,
        0
    );
    let js = async_nats::jetstream::new(env.nats().await);
    let mut consumers = usize::MAX;
    for _ in 0..40 {
        let info = js
            .get_stream(&env.stream)
            .await
            .unwrap()
            .get_info()
            .await
            .unwrap();
        consumers = info.state.consumer_count;
        if consumers == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        consumers, 0,
        "reading consumers are deleted, not left to time out"
    );
}

/// Loads answer from memory only while the stream's newest event is the one remembered:
/// a change made through another instance is always seen.
#[tokio::test]
async fn a_remembered_aggregate_is_read_again_once_another_instance_changed_it() {
    let env = TestEnv::new().await;
    let first = open(&env).await;
    let second = open(&env).await;
    let id = drafted(&first).await;
    first
        .execute::<Programme>(id, Some(1), &revise_title("Lần sửa thứ nhất"), &meta())
        .await
        .unwrap();
    let remembered = first.load::<Programme>(id).await.unwrap();
    assert_eq!(remembered.version, 2);
    assert_eq!(first.load::<Programme>(id).await.unwrap().version, 2);

    second
        .execute::<Programme>(id, Some(2), &revise_title("Sửa ở máy chủ thứ hai"), &meta())
        .await
        .unwrap();
    let loaded = first.load::<Programme>(id).await.unwrap();
    assert_eq!(loaded.version, 3);
    assert!(loaded.last_sequence > remembered.last_sequence);
    assert_eq!(
        loaded.state.record().unwrap().plan.title,
        "Sửa ở máy chủ thứ hai"
    );
}
