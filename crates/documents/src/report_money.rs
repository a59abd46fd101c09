//! The báo cáo kết quả's people and money: how many came on each side, what was spent under
//! each budget line of the plan against what it planned, and the gifts and donations given
//! and received, each amount in its currency with the rate used and counted in đồng. What
//! the report does not say reads "không rõ", never 0.

use docx_rs::{Docx, Paragraph};
use domain::Lang;
use domain::followup::{GiftDirection, Money, ReportContent, ReportRecord, Spending};
use domain::labels::{format_amount, format_money_in_vnd, format_rate, format_vnd, gift_direction};
use domain::values::{BudgetLine, Currency};

use crate::layout::{SMALL, TEXT_WIDTH, body, grid, labelled, section};

/// What the report leaves unknown.
const UNKNOWN: &str = "không rõ";

/// "Trong đó: phía Việt Nam 9 người; phía đối tác 5 người", or "không rõ" for each side.
pub fn sides(content: &ReportContent) -> Paragraph {
    // One side given with the total: the other is what the total leaves.
    let text = match content.attendance().and_then(|a| a.sides()) {
        Some((ours, theirs)) => {
            format!("phía Việt Nam {ours} người; phía đối tác {theirs} người")
        }
        None => format!("phía Việt Nam {UNKNOWN}; phía đối tác {UNKNOWN}"),
    };
    labelled("Trong đó", text)
}

/// Section II: the spending against the plan's budget, then the gifts.
pub fn money(docx: Docx, report: &ReportRecord) -> Docx {
    let docx = docx
        .add_paragraph(section("II. KINH PHÍ, QUÀ TẶNG"))
        .add_paragraph(section("1. Kinh phí thực chi"));
    let docx = spending(docx, report);
    let docx = docx.add_paragraph(section("2. Quà tặng, ủng hộ"));
    gifts(docx, &report.content)
}

/// An amount in đồng with the rate it was counted at: "3.450.500 ₫ (tỷ giá 3.450,5 ₫)".
fn in_dong(money: &Money) -> String {
    let Some(vnd) = money.in_vnd() else {
        return UNKNOWN.into();
    };
    let vnd = format_amount(vnd, Currency::Vnd, Lang::Vi);
    match money.rate_to_vnd {
        Some(rate) if money.currency != Currency::Vnd => {
            format!("{vnd} ({})", format_rate(rate, Lang::Vi))
        }
        _ => vnd,
    }
}

fn spent_row(label: String, planned: String, line: &Spending) -> [String; 4] {
    [
        label,
        planned,
        format_amount(line.spent.amount, line.spent.currency, Lang::Vi),
        in_dong(&line.spent),
    ]
}

/// Each budget line of the plan with what was spent under it (a line nothing was reported
/// under reads "không rõ"), then what the plan did not foresee, then the totals in đồng.
fn spending(docx: Docx, report: &ReportRecord) -> Docx {
    let content = &report.content;
    let budget: &[BudgetLine] = report.programme.budget.as_deref().unwrap_or_default();
    if budget.is_empty() && content.spending.is_empty() {
        return docx.add_paragraph(body("Báo cáo không nêu kinh phí thực chi."));
    }
    let mut rows: Vec<[String; 4]> = Vec::new();
    for (index, planned) in budget.iter().enumerate() {
        let under: Vec<&Spending> = content
            .spending
            .iter()
            .filter(|s| s.budget_line.and_then(|i| usize::try_from(i).ok()) == Some(index))
            .collect();
        let amount = format_amount(planned.amount, planned.currency, Lang::Vi);
        if under.is_empty() {
            rows.push([planned.label.clone(), amount, UNKNOWN.into(), String::new()]);
            continue;
        }
        for (n, line) in under.into_iter().enumerate() {
            let label = if line.label.is_empty() || line.label == planned.label {
                planned.label.clone()
            } else {
                format!("{} – {}", planned.label, line.label)
            };
            // The planned amount once, beside the first spending under its line.
            let planned_amount = if n == 0 {
                amount.clone()
            } else {
                String::new()
            };
            rows.push(spent_row(label, planned_amount, line));
        }
    }
    for line in content
        .spending
        .iter()
        .filter(|s| s.planned(budget).is_none())
    {
        rows.push(spent_row(line.label.clone(), "Ngoài dự toán".into(), line));
    }
    let totals = report.money_totals();
    let planned_total = match totals.budget_vnd {
        Some(vnd) => format_vnd(vnd, Lang::Vi),
        None if budget.is_empty() => String::new(),
        None => UNKNOWN.into(),
    };
    let spent_total = totals
        .spent_vnd
        .map_or_else(|| UNKNOWN.into(), |vnd| format_vnd(vnd, Lang::Vi));
    let mut rows: Vec<Vec<String>> = rows
        .into_iter()
        .enumerate()
        .map(|(i, cells)| std::iter::once((i + 1).to_string()).chain(cells).collect())
        .collect();
    rows.push(vec![
        String::new(),
        "Tổng cộng (quy đổi VNĐ)".into(),
        planned_total,
        String::new(),
        spent_total,
    ]);
    let widths = [
        700,
        2_600,
        1_900,
        1_900,
        TEXT_WIDTH - 700 - 2_600 - 1_900 - 1_900,
    ];
    docx.add_table(grid(
        &["STT", "Nội dung", "Dự toán", "Thực chi", "Quy đổi VNĐ"],
        &rows,
        &widths,
        SMALL,
    ))
}

/// The gifts given, then those received, each with its value and the rate used, and what
/// each direction comes to in đồng.
fn gifts(docx: Docx, content: &ReportContent) -> Docx {
    if content.gifts.is_empty() {
        return docx.add_paragraph(body("Báo cáo không nêu quà tặng, ủng hộ."));
    }
    let totals = content.money_totals(None);
    let mut rows = Vec::new();
    let mut number = 0;
    for direction in GiftDirection::ALL {
        let of_direction: Vec<_> = content
            .gifts
            .iter()
            .filter(|g| g.direction == direction)
            .collect();
        if of_direction.is_empty() {
            continue;
        }
        for gift in &of_direction {
            number += 1;
            rows.push(vec![
                number.to_string(),
                gift_direction(direction, Lang::Vi).to_owned(),
                gift.description.clone(),
                gift.quantity.clone().unwrap_or_default(),
                gift.value
                    .as_ref()
                    .map_or_else(|| UNKNOWN.into(), |v| format_money_in_vnd(v, Lang::Vi)),
            ]);
        }
        let total = match direction {
            GiftDirection::Given => totals.gifts_given_vnd,
            GiftDirection::Received => totals.gifts_received_vnd,
        };
        // A gift of unknown value is left out of the sum, which then says so.
        let label = if of_direction.iter().all(|g| g.value.is_some()) {
            "Tổng cộng (quy đổi VNĐ)"
        } else {
            "Cộng các khoản rõ giá trị (quy đổi VNĐ)"
        };
        rows.push(vec![
            String::new(),
            gift_direction(direction, Lang::Vi).to_owned(),
            label.into(),
            String::new(),
            total.map_or_else(|| UNKNOWN.into(), |vnd| format_vnd(vnd, Lang::Vi)),
        ]);
    }
    let widths = [
        700,
        1_700,
        3_000,
        1_600,
        TEXT_WIDTH - 700 - 1_700 - 3_000 - 1_600,
    ];
    docx.add_table(grid(
        &["STT", "Tặng / nhận", "Nội dung", "Số lượng", "Giá trị"],
        &rows,
        &widths,
        SMALL,
    ))
}
