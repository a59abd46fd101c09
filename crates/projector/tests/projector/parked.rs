//! Events the read models cannot take are parked with the reason; everything else goes on,
//! a rebuild finishes, and a retry after the cause is removed applies them.

use domain::programme::{Programme, ProgrammeCommand};
use domain::{Aggregate, CommandContext};
use eventstore::Envelope;
use projector::queries;
use uuid::Uuid;

use super::{Setup, all, caught_up, date, draft, meta, plan, setup, start_projector, titles};

/// Publishes a programme's draft straight to the stream, as an older version or another
/// client could have; `poison` spoils its envelope.
async fn publish_draft(s: &Setup, id: Uuid, version: u64, poison: impl FnOnce(&mut Envelope)) {
    let plan = plan(
        "Đoàn công tác",
        "Tỉnh Đoàn Lạng Sơn",
        "Quảng Tây",
        date(2024, 6, 1),
    );
    let context = CommandContext {
        now: testkit::scenario_now(),
        actor: "planner@example.vn".into(),
    };
    let events = Programme::New
        .decide(&ProgrammeCommand::Draft { id, plan }, &context)
        .unwrap();
    let mut envelope = Envelope::new::<Programme>(id, version, &events[0], &meta());
    poison(&mut envelope);
    let js = async_nats::jetstream::new(s.env.nats().await);
    let subject = format!("{}.programme.{id}", s.env.subject_prefix);
    js.publish(subject, serde_json::to_vec(&envelope).unwrap().into())
        .await
        .unwrap()
        .await
        .unwrap();
}

async fn parked(s: &Setup) -> Vec<(i64, Uuid, String)> {
    queries::parked_events(&s.pool)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.sequence, p.aggregate_id, p.reason))
        .collect()
}

#[tokio::test]
async fn a_poisoned_event_is_parked_with_its_aggregates_later_events_and_the_rest_goes_on() {
    let s = setup().await;
    let (token, handle) = start_projector(&s);
    draft(
        &s.store,
        plan(
            "Hội nghị trực tuyến",
            "Tỉnh Đoàn Cao Bằng",
            "Quảng Tây",
            date(2023, 11, 21),
        ),
    )
    .await;
    caught_up(&s).await;
    let poisoned = Uuid::now_v7();
    // A moment PostgreSQL cannot keep (it ends at 4713 BC).
    let ancient = |e: &mut Envelope| {
        e.occurred_at =
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, -5000, 1, 1, 0, 0, 0).unwrap();
    };
    publish_draft(&s, poisoned, 1, ancient).await;
    // A later event of the same programme must wait behind the first, to keep its order.
    publish_draft(&s, poisoned, 2, |_| {}).await;
    draft(
        &s.store,
        plan(
            "Tọa đàm 1 năm MOU",
            "Thành đoàn Lào Cai",
            "Vân Nam",
            date(2024, 3, 22),
        ),
    )
    .await;
    caught_up(&s).await;
    assert_eq!(
        titles(&s.pool, all()).await,
        ["Hội nghị trực tuyến", "Tọa đàm 1 năm MOU"],
        "the read models keep following"
    );
    let found = parked(&s).await;
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (2, poisoned));
    assert!(
        found[0].2.contains("out of range"),
        "the reason PostgreSQL gave: {}",
        found[0].2
    );
    assert_eq!((found[1].0, found[1].1), (3, poisoned));
    assert!(found[1].2.contains("behind event 2"), "{}", found[1].2);
    token.cancel();
    handle.await.unwrap();

    // A rebuild sets them aside the same way, and finishes.
    projector::rebuild(&s.pool, &s.store, |_| {}).await.unwrap();
    assert_eq!(
        titles(&s.pool, all()).await,
        ["Hội nghị trực tuyến", "Tọa đàm 1 năm MOU"]
    );
    let again: Vec<(i64, Uuid)> = parked(&s).await.into_iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(again, [(2, poisoned), (3, poisoned)]);
}

#[tokio::test]
async fn after_the_cause_is_removed_a_retry_applies_the_parked_event() {
    let s = setup().await;
    // Some fault of the read models' own: here a rule that refuses one title.
    let schema: String =
        sqlx::query_scalar("SELECT schema_name FROM caunoi.projections WHERE status = 'active'")
            .fetch_one(&s.pool)
            .await
            .unwrap();
    sqlx::query(
        "CREATE FUNCTION refuse_one_title() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF NEW.title = 'Trao quà cho thiếu nhi' THEN
             RAISE EXCEPTION 'không nhận tiêu đề này' USING ERRCODE = '22023';
           END IF;
           RETURN NEW;
         END $$",
    )
    .execute(&s.pool)
    .await
    .unwrap();
    sqlx::query(&format!(
        "CREATE TRIGGER refuse_one_title BEFORE INSERT ON {schema}.programmes
         FOR EACH ROW EXECUTE FUNCTION refuse_one_title()"
    ))
    .execute(&s.pool)
    .await
    .unwrap();
    let refused = draft(
        &s.store,
        plan(
            "Trao quà cho thiếu nhi",
            "Thành đoàn Lào Cai",
            "Vân Nam",
            date(2024, 6, 1),
        ),
    )
    .await;
    draft(
        &s.store,
        plan(
            "Giao lưu bóng đá",
            "Thành đoàn Lào Cai",
            "Vân Nam",
            date(2024, 7, 1),
        ),
    )
    .await;
    let (token, handle) = start_projector(&s);
    caught_up(&s).await;
    assert_eq!(titles(&s.pool, all()).await, ["Giao lưu bóng đá"]);
    let found = parked(&s).await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, refused);
    assert!(
        found[0].2.contains("không nhận tiêu đề này"),
        "{}",
        found[0].2
    );
    token.cancel();
    handle.await.unwrap();

    sqlx::query("DROP FUNCTION refuse_one_title() CASCADE")
        .execute(&s.pool)
        .await
        .unwrap();
    // `caunoi parked retry` is a rebuild: every event again, in stream order.
    projector::rebuild(&s.pool, &s.store, |_| {}).await.unwrap();
    assert_eq!(
        titles(&s.pool, all()).await,
        ["Giao lưu bóng đá", "Trao quà cho thiếu nhi"]
    );
    assert!(parked(&s).await.is_empty());
}

#[tokio::test]
async fn a_nul_stored_by_an_older_version_is_left_out_on_read_and_the_event_applies() {
    let s = setup().await;
    let (token, handle) = start_projector(&s);
    let id = Uuid::now_v7();
    publish_draft(&s, id, 1, |e| {
        e.data["plan"]["title"] = "Đoàn công tác\u{0}".into();
    })
    .await;
    caught_up(&s).await;
    assert_eq!(titles(&s.pool, all()).await, ["Đoàn công tác"]);
    assert!(parked(&s).await.is_empty());
    let loaded = s.store.load::<Programme>(id).await.unwrap();
    assert_eq!(loaded.state.record().unwrap().plan.title, "Đoàn công tác");
    token.cancel();
    handle.await.unwrap();
}
