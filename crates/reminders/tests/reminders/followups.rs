//! Reminders of follow-up reports, action items, agreement reviews and expiries.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use domain::agreement::{Agreement, AgreementCommand};
use domain::followup::{FollowUpReport, ProgrammeFacts, ReportCommand};
use domain::programme::Programme;
use serde_json::json;
use uuid::Uuid;

use super::world::{MEMBERS, PLANNER, World, meta};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 08:00 in Vietnam on that day.
fn morning(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Ho_Chi_Minh
        .with_ymd_and_hms(y, m, d, 8, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

async fn claimed(world: &World, rule: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT recipient_email, occurrence FROM caunoi.reminders WHERE rule = $1 ORDER BY key",
    )
    .bind(rule)
    .fetch_all(&world.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_report_not_written_is_overdue_and_action_items_are_reminded_to_their_owners() {
    let world = World::start().await;
    let ended = testkit::scenario_now()
        .with_timezone(&Ho_Chi_Minh)
        .date_naive()
        - chrono::Days::new(30);
    let programme = world
        .submit_on(
            "Đoàn 27 thiếu nhi Lào Cai sang Hà Khẩu dự Ngày Quốc tế Thiếu nhi",
            ended,
        )
        .await;
    world.approve(programme).await;
    let now = testkit::scenario_clock().now();
    let report = world.scheduler.run(now, now).await.unwrap();
    assert!(report.claimed >= 1);
    assert_eq!(
        claimed(&world, "report_due").await,
        [(PLANNER.to_string(), "overdue".to_string())],
        "due 15 days after the last day, 30 days ago: overdue, to the coordinator"
    );

    // The report is written with an action item; the report is no longer due, the item is.
    let record = world.store.load::<Programme>(programme).await.unwrap();
    let facts = ProgrammeFacts::of(record.state.record().unwrap());
    let item_due = testkit::scenario_now()
        .with_timezone(&Ho_Chi_Minh)
        .date_naive()
        + chrono::Days::new(20);
    let content = serde_json::from_value(json!({
        "outcomes": "Các em thiếu nhi giao lưu văn nghệ, tặng quà",
        "actual_attendance": 32,
        "action_items": [{
            "id": Uuid::now_v7(),
            "title": "Gửi ảnh và thư cảm ơn cho Đoàn Thanh niên huyện Hà Khẩu",
            "owner": {"name": MEMBERS[1].0, "email": MEMBERS[1].1},
            "due_on": item_due,
        }]
    }))
    .unwrap();
    let report_id = Uuid::now_v7();
    for command in [
        ReportCommand::Draft {
            id: report_id,
            programme: facts,
            due_after_days: 15,
            content,
        },
        ReportCommand::Submit,
    ] {
        world
            .store
            .execute::<FollowUpReport>(report_id, None, &command, &meta(PLANNER))
            .await
            .unwrap();
    }
    world
        .wait_until(|| async {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM caunoi.action_items WHERE report_status = 'submitted'",
            )
            .fetch_one(&world.pool)
            .await
            .unwrap()
                == 1
        })
        .await;
    let week_before = item_due - chrono::Days::new(7);
    let at = Ho_Chi_Minh
        .from_local_datetime(&week_before.and_hms_opt(8, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc);
    world.scheduler.run(at, at).await.unwrap();
    assert_eq!(
        claimed(&world, "action_item_due").await,
        [(MEMBERS[1].1.to_string(), "due-in-7d".to_string())]
    );
    assert_eq!(claimed(&world, "report_due").await.len(), 1, "not again");
    let mails = world.reminders_received("Nhắc việc", 2).await;
    let owner = mails
        .iter()
        .find(|m| {
            m.envelope_to.iter().any(|to| to == MEMBERS[1].1)
                && m.text.as_deref().unwrap().contains("Gửi ảnh và thư cảm ơn")
        })
        .expect("the owner is reminded of the item");
    assert!(
        owner
            .text
            .as_deref()
            .unwrap()
            .contains("Đồng chí là người phụ trách việc này")
    );
}

#[tokio::test]
async fn an_agreements_review_and_expiry_are_reminded_ninety_and_thirty_days_ahead() {
    let world = World::start().await;
    let id = Uuid::now_v7();
    let terms = serde_json::from_value(json!({
        "title": "Biên bản ghi nhớ hợp tác giữa Thành đoàn Lào Cai và Đoàn Thanh niên huyện Hà Khẩu giai đoạn 2026 – 2027",
        "parties": [
            {"name": "Thành đoàn Lào Cai", "country": "VN"},
            {"name": "Đoàn Thanh niên huyện Hà Khẩu", "country": "CN", "region": "Vân Nam"}
        ],
        "areas": ["Giao lưu thanh thiếu nhi"],
        "period": {"start": "2026-01-10", "end": "2027-12-31"},
        "review_cadence": {"every": 1, "unit": "year", "before_expiry_days": 30},
        "coordinator": {"name": "Nguyễn Thị Hoa", "email": PLANNER}
    }))
    .unwrap();
    for command in [
        AgreementCommand::Draft { id, terms },
        AgreementCommand::Sign {
            signed_on: day(2026, 1, 10),
            place: "Thành phố Lào Cai".into(),
        },
        AgreementCommand::Activate,
    ] {
        world
            .store
            .execute::<Agreement>(id, None, &command, &meta(PLANNER))
            .await
            .unwrap();
    }
    world
        .wait_until(|| async {
            sqlx::query_scalar::<_, Option<NaiveDate>>(
                "SELECT next_review_on FROM caunoi.agreements",
            )
            .fetch_optional(&world.pool)
            .await
            .unwrap()
            .flatten()
                == Some(day(2027, 1, 10))
        })
        .await;
    // Yearly from signing: the review of 10/01/2027, ninety days ahead (from 12/10/2026)
    // and thirty days ahead (from 11/12/2026).
    world
        .scheduler
        .run(morning(2026, 12, 10), morning(2026, 12, 10))
        .await
        .unwrap();
    assert_eq!(
        claimed(&world, "agreement_review").await,
        [(PLANNER.to_string(), "due-in-90d".to_string())]
    );
    world
        .scheduler
        .run(morning(2026, 12, 11), morning(2026, 12, 11))
        .await
        .unwrap();
    let reviews = claimed(&world, "agreement_review").await;
    assert_eq!(reviews.len(), 2);
    assert!(reviews.contains(&(PLANNER.to_string(), "due-in-30d".to_string())));
    // Expiry on 31/12/2027: ninety days ahead on 02/10/2027.
    world
        .scheduler
        .run(morning(2027, 10, 2), morning(2027, 10, 2))
        .await
        .unwrap();
    assert_eq!(
        claimed(&world, "agreement_expiry").await,
        [(PLANNER.to_string(), "due-in-90d".to_string())]
    );
    let mails = world.reminders_received("Nhắc việc", 3).await;
    assert!(mails.iter().any(|m| {
        m.text
            .as_deref()
            .unwrap()
            .contains("Sắp đến kỳ đánh giá thỏa thuận hợp tác")
    }));
}
