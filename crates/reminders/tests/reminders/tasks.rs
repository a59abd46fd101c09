//! Reminders of logistics tasks: 7, 3 and 1 days ahead and overdue, to the owner and the
//! coordinator.

use chrono::{TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use domain::delegation::{
    Delegation, DelegationCommand, Direction, Item, ProgrammeFacts, Task, TaskKind, TaskStatus,
};
use domain::programme::Status;
use domain::values::Contact;
use uuid::Uuid;

use super::world::{MEMBERS, PLANNER, World, meta};

#[tokio::test]
async fn a_task_is_reminded_to_its_owner_and_the_coordinator_by_the_day_in_vietnam() {
    let world = World::start().await;
    let programme = world
        .submit("Đoàn 27 thiếu nhi Lào Cai sang Hà Khẩu dự Ngày Quốc tế Thiếu nhi")
        .await;
    world.approve(programme).await;
    let delegation = Uuid::now_v7();
    let due_on = chrono::NaiveDate::from_ymd_opt(2027, 5, 25).unwrap();
    for command in [
        DelegationCommand::Open {
            id: delegation,
            programme: ProgrammeFacts {
                id: programme,
                status: Status::Approved,
            },
            name: "Đoàn thiếu nhi thành phố Lào Cai".into(),
            direction: Direction::Outgoing,
        },
        DelegationCommand::SaveItem {
            item: Item::Task(Task {
                id: Uuid::now_v7(),
                kind: TaskKind::Document,
                title: "Gửi danh sách đoàn cho Đồn Biên phòng cửa khẩu quốc tế Lào Cai".into(),
                owner: Contact {
                    name: MEMBERS[2].0.into(),
                    email: MEMBERS[2].1.into(),
                },
                due_on,
                status: TaskStatus::Todo,
                leg_id: None,
                notes: None,
            }),
        },
    ] {
        world
            .store
            .execute::<Delegation>(delegation, None, &command, &meta(PLANNER))
            .await
            .unwrap();
    }
    world
        .wait_until(|| async {
            sqlx::query_scalar::<_, i64>("SELECT count(*) FROM caunoi.checklist_items")
                .fetch_one(&world.pool)
                .await
                .unwrap()
                == 1
        })
        .await;
    let at = |d: u32, h: u32| {
        Ho_Chi_Minh
            .with_ymd_and_hms(2027, 5, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    let occurrences = || async {
        sqlx::query_as::<_, (String, String)>(
            "SELECT recipient_email, occurrence FROM caunoi.reminders WHERE rule = 'task_due'
             ORDER BY claimed_at, recipient_email",
        )
        .fetch_all(&world.pool)
        .await
        .unwrap()
    };
    // 06:30 on 18/05 in Vietnam is still 17/05 in UTC; Vietnam's day counts.
    world.scheduler.run(at(17, 23), at(17, 23)).await.unwrap();
    assert!(occurrences().await.is_empty());
    world.scheduler.run(at(18, 6), at(18, 6)).await.unwrap();
    for (day, occurrence) in [(22, "due-in-3d"), (24, "due-in-1d"), (26, "overdue")] {
        world.scheduler.run(at(day, 8), at(day, 8)).await.unwrap();
        let seen = occurrences().await;
        assert!(
            seen.contains(&(MEMBERS[2].1.to_string(), occurrence.to_string())),
            "{occurrence}: {seen:?}"
        );
    }
    let seen = occurrences().await;
    assert_eq!(
        seen.len(),
        8,
        "owner and coordinator, four times each: {seen:?}"
    );
    assert!(seen.contains(&(MEMBERS[2].1.to_string(), "due-in-7d".to_string())));
    assert!(seen.contains(&(PLANNER.to_string(), "overdue".to_string())));
}
