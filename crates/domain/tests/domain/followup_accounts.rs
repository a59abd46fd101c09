//! A follow-up report's attendance by side, its spending per budget line and its gifts and
//! donations, counted in đồng exactly; and reports written before they were asked for.

use domain::followup::{
    FollowUpReport, Gift, GiftDirection, Money, MoneyTotals, ProgrammeFacts, ReportCommand,
    ReportContent, ReportEvent, Spending, report_id_for,
};
use domain::programme::Attendance;
use domain::values::{BudgetLine, Currency};
use domain::{Aggregate, DomainError, DomainEvent, Problem};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

use crate::followup::{approved_conference, content, on};
use crate::harness::{given, when};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn money(amount: &str, currency: Currency, rate: Option<&str>) -> Money {
    Money {
        amount: dec(amount),
        currency,
        rate_to_vnd: rate.map(dec),
    }
}

/// The conference's facts, its plan's budget being the conference equipment in đồng and
/// souvenir gifts bought in yuan.
fn facts() -> ProgrammeFacts {
    let programme = approved_conference();
    ProgrammeFacts {
        budget: Some(vec![
            BudgetLine {
                label: "Thiết bị hội nghị trực tuyến".into(),
                amount: Decimal::from(15_000_000),
                currency: Currency::Vnd,
            },
            BudgetLine {
                label: "Quà lưu niệm".into(),
                amount: Decimal::from(20_000),
                currency: Currency::Cny,
            },
        ]),
        ..ProgrammeFacts::of(programme.record().unwrap())
    }
}

fn draft(content: ReportContent) -> ReportCommand {
    let facts = facts();
    ReportCommand::Draft {
        id: report_id_for(facts.programme_id),
        programme: facts,
        due_after_days: 15,
        content,
    }
}

fn full_content() -> ReportContent {
    ReportContent {
        vietnamese_side: Some(40),
        partner_side: Some(12),
        spending: vec![
            Spending {
                budget_line: Some(0),
                label: String::new(),
                spent: money("14250000", Currency::Vnd, None),
            },
            Spending {
                budget_line: Some(1),
                label: "Quà lưu niệm cho đoàn Quảng Tây".into(),
                spent: money("18500.50", Currency::Cny, Some("3450.5")),
            },
            Spending {
                budget_line: None,
                label: "Thuê đường truyền dự phòng".into(),
                spent: money("120", Currency::Usd, Some("25400.25")),
            },
        ],
        gifts: vec![
            Gift {
                direction: GiftDirection::Given,
                description: "Vật tư y tế trao tặng Hội Chữ thập đỏ Quảng Tây".into(),
                quantity: Some("5.000 khẩu trang, 200 bộ đồ bảo hộ".into()),
                value: Some(Money::vnd(500_000_000)),
            },
            Gift {
                direction: GiftDirection::Received,
                description: "Tranh thêu dân tộc Choang".into(),
                quantity: None,
                value: Some(money("3000", Currency::Cny, Some("3450"))),
            },
            Gift {
                direction: GiftDirection::Received,
                description: "Sách giới thiệu Quảng Tây".into(),
                quantity: Some("20 cuốn".into()),
                value: None,
            },
        ],
        ..content()
    }
}

fn problems(result: Result<Vec<ReportEvent>, DomainError>) -> Vec<(String, Problem)> {
    match result {
        Err(DomainError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.field, e.problem)).collect()
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn a_report_gives_attendance_by_side_spending_per_budget_line_and_gifts_counted_in_dong() {
    // Given the conference, ended
    // When its report gives both sides, three spending lines and three gifts
    let events = when(
        &FollowUpReport::New,
        &draft(full_content()),
        &on(2023, 11, 22),
    )
    .unwrap();
    // Then the draft keeps them, and counts them in whole đồng
    let report: FollowUpReport = given(&events);
    let record = report.record().unwrap();
    assert_eq!(
        record.content.attendance(),
        Some(Attendance {
            total: 52,
            vietnamese_side: Some(40),
            partner_side: Some(12),
        })
    );
    assert_eq!(
        record.money_totals(),
        MoneyTotals {
            // 14 250 000 + 18 500,50 × 3 450,5 (63 835 975,25) + 120 × 25 400,25
            spent_vnd: Some(14_250_000 + 63_835_975 + 3_048_030),
            // 15 000 000 + 20 000 × 3 450,5, the rate used for the gifts' line
            budget_vnd: Some(15_000_000 + 69_010_000),
            gifts_given_vnd: Some(500_000_000),
            // the book, with no value, counts nothing
            gifts_received_vnd: Some(10_350_000),
        }
    );
}

#[test]
fn both_sides_without_a_total_give_the_total_and_one_side_gives_the_other() {
    let both = ReportContent {
        actual_attendance: None,
        vietnamese_side: Some(27),
        partner_side: Some(5),
        ..content()
    };
    let events = when(&FollowUpReport::New, &draft(both), &on(2023, 11, 22)).unwrap();
    let report: FollowUpReport = given(&events);
    assert_eq!(report.record().unwrap().content.actual_attendance, Some(32));

    let one = Attendance {
        total: 32,
        vietnamese_side: Some(27),
        partner_side: None,
    };
    assert_eq!(one.sides(), Some((27, 5)));
    let none = Attendance {
        total: 32,
        vietnamese_side: None,
        partner_side: None,
    };
    assert_eq!(none.sides(), None, "unknown, not 0 and 0");
}

#[test]
fn wrong_sides_amounts_rates_budget_lines_and_texts_are_refused_by_field() {
    let mut bad = full_content();
    bad.partner_side = Some(13);
    bad.spending[0].budget_line = Some(7);
    bad.spending[1].spent.rate_to_vnd = None;
    bad.spending[2].spent.amount = dec("-5");
    bad.spending.push(Spending {
        budget_line: None,
        label: String::new(),
        spent: money("10.5", Currency::Vnd, None),
    });
    bad.spending.push(Spending {
        budget_line: None,
        label: "Tỷ giá nhầm".into(),
        spent: money("10", Currency::Usd, Some("0")),
    });
    bad.spending.push(Spending {
        budget_line: None,
        label: "Tỷ giá quá lớn".into(),
        spent: money("10", Currency::Cny, Some("3450.123456")),
    });
    bad.gifts[0].description = " ".into();
    bad.gifts[1].quantity = Some("x".repeat(201));
    let found = problems(when(&FollowUpReport::New, &draft(bad), &on(2023, 11, 22)));
    let expected = [
        ("partner_side", Problem::SidesNotTotal { total: 52 }),
        ("spending[0].budget_line", Problem::NotInPlan),
        (
            "spending[1].spent.rate_to_vnd",
            Problem::RateRequired {
                currency: "CNY".into(),
            },
        ),
        ("spending[2].spent.amount", Problem::Negative),
        ("spending[3].label", Problem::Required),
        (
            "spending[3].spent.amount",
            Problem::TooManyDecimals {
                currency: "VND".into(),
                max: 0,
            },
        ),
        (
            "spending[4].spent.rate_to_vnd",
            Problem::OutOfRange {
                min: 0,
                max: 100_000,
            },
        ),
        (
            "spending[5].spent.rate_to_vnd",
            Problem::TooManyDecimals {
                currency: "VND".into(),
                max: 4,
            },
        ),
        ("gifts[0].description", Problem::Required),
        ("gifts[1].quantity", Problem::TooLong { max: 200 }),
    ];
    for (field, problem) in &expected {
        assert!(
            found.iter().any(|(f, p)| f == field && p == problem),
            "{field}: {problem:?} not in {found:?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
}

#[test]
fn a_side_without_a_total_or_absurd_sums_are_refused() {
    let side_only = ReportContent {
        actual_attendance: None,
        vietnamese_side: Some(27),
        ..content()
    };
    let found = problems(when(
        &FollowUpReport::New,
        &draft(side_only),
        &on(2023, 11, 22),
    ));
    assert_eq!(
        found,
        vec![("actual_attendance".to_string(), Problem::Required)]
    );

    let huge = ReportContent {
        gifts: (0..3)
            .map(|_| Gift {
                direction: GiftDirection::Given,
                description: "Tặng phẩm".into(),
                quantity: None,
                value: Some(money("999999999999999", Currency::Usd, Some("26000"))),
            })
            .collect(),
        ..content()
    };
    let found = problems(when(&FollowUpReport::New, &draft(huge), &on(2023, 11, 22)));
    assert_eq!(
        found,
        vec![(
            "gifts".to_string(),
            Problem::OutOfRange {
                min: 0,
                max: 1_000_000_000_000_000,
            }
        )]
    );
}

#[test]
fn a_control_character_in_a_gift_is_refused_on_the_event() {
    let mut bad = full_content();
    bad.gifts[0].quantity = Some("5\u{7}000".into());
    let error = FollowUpReport::New
        .decide_checked(&draft(bad), &on(2023, 11, 22))
        .unwrap_err();
    let DomainError::Invalid(errors) = error else {
        panic!("{error:?}")
    };
    assert!(
        errors
            .iter()
            .any(|e| e.field.contains("quantity") && e.problem == Problem::ControlCharacter),
        "{errors:?}"
    );
}

#[test]
fn a_report_stored_at_version_1_loads_with_sides_and_money_unknown() {
    let stored = json!({
        "report_id": "26bccafe-0cca-598f-b078-a4ded4ac861f",
        "due_on": "2023-12-06",
        "programme": {
            "programme_id": "00000000-0000-0000-0000-000000000009",
            "title": "Hội nghị trực tuyến",
            "status": "approved",
            "schedule": {"start": "2023-11-21", "end": "2023-11-21", "timezone": "Asia/Ho_Chi_Minh"},
            "expected_delegation_size": 40
        },
        "content": {"outcomes": "Ký kết", "actual_attendance": 52, "attendance_note": null,
                    "partners_met": [], "media": [], "lessons": "", "action_items": []}
    });
    let event = ReportEvent::from_stored("FollowUpReportDrafted", 1, stored).unwrap();
    let report: FollowUpReport = given(&[event]);
    let record = report.record().unwrap();
    assert_eq!(record.content.actual_attendance, Some(52));
    assert_eq!(record.content.attendance().unwrap().sides(), None);
    assert_eq!(record.programme.budget, None);
    assert_eq!(record.money_totals(), MoneyTotals::default());

    // Revising it: its spending cannot name a line of a budget it never kept, and may
    // still give what was spent beside the plan.
    let mut revised = full_content();
    revised.spending[0].budget_line = None;
    revised.spending[0].label = "Thiết bị hội nghị trực tuyến".into();
    let found = problems(when(
        &report,
        &ReportCommand::Revise {
            content: revised.clone(),
        },
        &on(2023, 11, 23),
    ));
    assert_eq!(
        found,
        vec![("spending[1].budget_line".to_string(), Problem::NotInPlan)]
    );
    revised.spending[1].budget_line = None;
    let events = when(
        &report,
        &ReportCommand::Revise { content: revised },
        &on(2023, 11, 23),
    )
    .unwrap();
    let record = report.evolve(&events[0]);
    let totals = record.record().unwrap().money_totals();
    assert_eq!(totals.budget_vnd, None, "the budget stays unknown");
    assert_eq!(totals.spent_vnd, Some(81_134_005));
}

fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![
        Just(Currency::Vnd),
        Just(Currency::Cny),
        Just(Currency::Usd)
    ]
}

prop_compose! {
    fn spending_line()(
        currency in currency(),
        units in 0i64..1_000_000_000,
        cents in 0i64..100,
        rate_units in 1i64..60_000,
        rate_fraction in 0i64..10_000,
    ) -> Spending {
        let amount = match currency {
            Currency::Vnd => Decimal::from(units),
            Currency::Cny | Currency::Usd => Decimal::new(units * 100 + cents, 2),
        };
        Spending {
            budget_line: None,
            label: "Chi phí".into(),
            spent: Money {
                amount,
                currency,
                rate_to_vnd: Some(Decimal::new(rate_units * 10_000 + rate_fraction, 4)),
            },
        }
    }
}

proptest! {
    /// The đồng spent are the sum of each line counted in whole đồng, whatever the order
    /// of the lines, and each line is its amount times its rate within half a đồng.
    #[test]
    fn spending_in_dong_is_the_sum_of_its_lines(lines in prop::collection::vec(spending_line(), 1..20)) {
        let content = ReportContent { spending: lines.clone(), ..content() }.normalised();
        let mut total = 0i64;
        for line in &content.spending {
            let vnd = line.spent.in_vnd().unwrap();
            let exact = line.spent.amount * line.spent.rate_to_vnd.unwrap_or(Decimal::ONE);
            prop_assert!((vnd - exact).abs() <= Decimal::new(5, 1));
            total += i64::try_from(vnd).unwrap();
        }
        prop_assert_eq!(content.money_totals(None).spent_vnd, Some(total));
        let mut reversed = content.clone();
        reversed.spending.reverse();
        prop_assert_eq!(reversed.money_totals(None).spent_vnd, Some(total));
        prop_assert!(content.problems(None).is_empty(), "{:?}", content.problems(None));
    }

    /// Sides that are accepted add up to the total; known sides always do.
    #[test]
    fn accepted_sides_add_up_to_the_total(
        total in proptest::option::of(0u32..200),
        ours in proptest::option::of(0u32..200),
        theirs in proptest::option::of(0u32..200),
    ) {
        let content = ReportContent {
            actual_attendance: total,
            vietnamese_side: ours,
            partner_side: theirs,
            ..content()
        }
        .normalised();
        if content.problems(None).is_empty()
            && let Some(attendance) = content.attendance()
            && let Some((v, p)) = attendance.sides()
        {
            prop_assert_eq!(v + p, attendance.total);
        }
    }
}
