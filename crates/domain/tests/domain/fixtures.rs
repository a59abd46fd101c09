//! Data shaped like the source articles, shared by the tests of several aggregates.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::NaiveDate;
use domain::programme::{Plan, ProgrammeKind};
use domain::values::{BudgetLine, Contact, Currency, Partner, Schedule};
use rust_decimal::Decimal;
use uuid::Uuid;

/// A new id at each call, taken from a counter rather than the clock.
pub fn fresh_id() -> Uuid {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    Uuid::from_u128(0xF1D0_0000_0000 + u128::from(NEXT.fetch_add(1, Ordering::Relaxed)))
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The joint online conference of four provinces with Guangxi, from the source articles.
pub fn conference_plan() -> Plan {
    Plan {
        title: "Hội nghị trực tuyến giữa Đoàn Thanh niên 4 tỉnh biên giới và Khu tự trị Quảng Tây"
            .into(),
        kind: ProgrammeKind::OnlineConference,
        host_organisation: "Tỉnh Đoàn Cao Bằng".into(),
        host_organisation_id: Some(Uuid::from_u128(0xCB)),
        co_organisers: vec![
            "Tỉnh Đoàn Hà Giang".into(),
            "Tỉnh Đoàn Lạng Sơn".into(),
            "Tỉnh Đoàn Quảng Ninh".into(),
        ],
        partners: vec![Partner {
            name: "Đoàn Thanh niên Cộng sản Khu tự trị dân tộc Choang Quảng Tây".into(),
            country: "CN".into(),
            region: Some("Quảng Tây".into()),
        }],
        schedule: Schedule {
            start: date(2023, 11, 21),
            end: date(2023, 11, 21),
            timezone: "Asia/Ho_Chi_Minh".into(),
        },
        venue: Some("Hội trường Tỉnh Đoàn Cao Bằng".into()),
        border_gate: None,
        objectives: "Ký kết Biên bản ghi nhớ hợp tác giai đoạn 2023–2026".into(),
        expected_delegation_size: 40,
        budget: vec![BudgetLine {
            label: "Thiết bị hội nghị trực tuyến".into(),
            amount: Decimal::from(15_000_000),
            currency: Currency::Vnd,
        }],
        agreement_id: None,
        coordinator: Some(Contact {
            name: "Nông Thị Hoa".into(),
            email: "hoa@tinhdoancaobang.vn".into(),
        }),
    }
}
