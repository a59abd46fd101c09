//! Programmes recorded from history: closed in the list, their recorded attendance counted
//! in the figures, and no report falling due for them.

use domain::programme::{
    Attendance, HistorySource, Plan, Programme, ProgrammeCommand, ProgrammeKind, Verdict,
};
use projector::followup_queries::{self as fq, FigureFilter, Grouping};
use uuid::Uuid;

use super::{caught_up, date, meta, plan, setup, start_projector};

const LANG_SON: Uuid = Uuid::from_u128(0x15);

fn past(title: &str, kind: ProgrammeKind, start: chrono::NaiveDate, size: u32) -> Plan {
    Plan {
        kind,
        host_organisation_id: Some(LANG_SON),
        expected_delegation_size: size,
        coordinator: None,
        objectives: String::new(),
        ..plan(
            title,
            "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn",
            "Hội Hữu nghị đối ngoại nhân dân Khu tự trị dân tộc Choang Quảng Tây",
            start,
        )
    }
}

fn record(id: Uuid, plan: Plan, total: u32, key: &str) -> ProgrammeCommand {
    ProgrammeCommand::RecordFromHistory {
        id,
        plan,
        attendance: Attendance {
            total,
            vietnamese_side: None,
            partner_side: None,
        },
        outcomes: "Giao lưu văn nghệ và trao đổi kế hoạch năm sau.".into(),
        source: HistorySource {
            file: "lich-su-lang-son.csv".into(),
            key: key.into(),
        },
    }
}

fn with_vietnamese_side(command: ProgrammeCommand, side: u32) -> ProgrammeCommand {
    match command {
        ProgrammeCommand::RecordFromHistory {
            id,
            plan,
            attendance,
            outcomes,
            source,
        } => ProgrammeCommand::RecordFromHistory {
            id,
            plan,
            attendance: Attendance {
                vietnamese_side: Some(side),
                ..attendance
            },
            outcomes,
            source,
        },
        other => other,
    }
}

#[tokio::test]
async fn programmes_recorded_from_history_are_closed_counted_by_their_attendance_and_never_due() {
    let s = setup().await;
    let (token, handle) = start_projector(&s);
    let spring = Uuid::from_u128(0x2017);
    let online = Uuid::from_u128(0x2019);
    s.store
        .execute::<Programme>(
            spring,
            Some(0),
            // The records say 100 came from Lạng Sơn: the other 20 were the partner's.
            &with_vietnamese_side(
                record(
                    spring,
                    past(
                        "Giao lưu văn nghệ mừng Xuân Đinh Dậu",
                        ProgrammeKind::Cultural,
                        date(2017, 2, 10),
                        40,
                    ),
                    120,
                    "2017-giao-luu-xuan",
                ),
                100,
            ),
            &meta(),
        )
        .await
        .unwrap();
    s.store
        .execute::<Programme>(
            online,
            Some(0),
            &record(
                online,
                past(
                    "Tọa đàm trực tuyến hữu nghị nhân dân Lạng Sơn – Quảng Tây",
                    ProgrammeKind::OnlineConference,
                    date(2019, 12, 5),
                    25,
                ),
                60,
                "2019-toa-dam-truc-tuyen",
            ),
            &meta(),
        )
        .await
        .unwrap();
    // A programme run live, held in 2019 with no report yet: counted by its plan, and
    // its report due.
    let live = Uuid::now_v7();
    let round_id = Uuid::now_v7();
    for command in [
        ProgrammeCommand::Draft {
            id: live,
            plan: Plan {
                host_organisation_id: Some(LANG_SON),
                expected_delegation_size: 20,
                ..plan(
                    "Đón đoàn Hội Hữu nghị Quảng Tây",
                    "Hội Hữu nghị Việt – Trung tỉnh Lạng Sơn",
                    "Hội Hữu nghị đối ngoại nhân dân Khu tự trị dân tộc Choang Quảng Tây",
                    date(2019, 9, 14),
                )
            },
        },
        ProgrammeCommand::Submit,
        ProgrammeCommand::StartReview { round_id },
        ProgrammeCommand::RecordReview {
            round_id,
            verdict: Verdict::Approved,
        },
        ProgrammeCommand::MarkHeld,
    ] {
        s.store
            .execute::<Programme>(live, None, &command, &meta())
            .await
            .unwrap();
    }
    caught_up(&s).await;

    let mut rows: Vec<(Uuid, String, i32, Option<i32>)> = sqlx::query_as(
        "SELECT id, status, expected_delegation_size, recorded_attendance
         FROM caunoi.programmes ORDER BY start_date",
    )
    .fetch_all(&s.pool)
    .await
    .unwrap();
    rows.sort_by_key(|r| r.0 != spring);
    assert_eq!(rows[0], (spring, "closed".into(), 40, Some(120)));
    assert!(rows.contains(&(online, "closed".into(), 25, Some(60))));
    assert!(rows.contains(&(live, "held".into(), 20, None)));

    let filter = FigureFilter {
        hosts_among: Some(vec![LANG_SON]),
        ..FigureFilter::years(2017, 2023)
    };
    let years = fq::figures(&s.pool, &filter, Grouping::Year).await.unwrap();
    let year = |y: &str| years.iter().find(|r| r.key == y).unwrap().clone();
    assert_eq!(
        (year("2017").programmes, year("2017").delegates),
        (1, 120),
        "the attendance recorded, not the delegation planned"
    );
    assert_eq!(
        (
            year("2017").vietnamese_side,
            year("2017").partner_side,
            year("2017").side_unknown
        ),
        (Some(100), Some(20), 0),
        "the sides the record gives, the partner's being what the total leaves"
    );
    assert_eq!(
        (year("2019").vietnamese_side, year("2019").side_unknown),
        (None, 60 + 20),
        "no record of 2019 gives its sides: unknown, not 0"
    );
    let nineteen = year("2019");
    assert_eq!(
        (
            nineteen.programmes,
            nineteen.delegations,
            nineteen.delegates
        ),
        (2, 1, 60 + 20),
        "an online conference is no delegation"
    );

    let review = fq::annual_review(&s.pool, LANG_SON, 2019)
        .await
        .unwrap()
        .expect("Lạng Sơn hosted programmes in 2019");
    let attendance = |id: Uuid| {
        review
            .programmes
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.actual_attendance)
    };
    assert_eq!(
        (attendance(online), attendance(live)),
        (Some(Some(60)), Some(None)),
        "the annual review shows the attendance recorded, and none where no report came"
    );

    let due = fq::reports_due(&s.pool, date(2026, 6, 2), 15, false, None)
        .await
        .unwrap();
    let due: Vec<Uuid> = due.into_iter().map(|d| d.programme_id).collect();
    assert_eq!(due, [live], "no report falls due for history");

    token.cancel();
    handle.await.unwrap();
}
