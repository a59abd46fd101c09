//! How a follow-up report's sides, spending and gifts read on the programme page: a line
//! for each, money in Vietnamese style (1.234.567 ₫, 2.500,50 ¥ with the rate used), and
//! the totals in đồng. What the report does not say is not shown, never as 0.

use domain::Lang;
use domain::followup::ReportRecord;
use domain::labels::{format_budget_line, format_money_in_vnd, format_vnd, gift_direction};

use crate::report_words::report_words;

/// A line of the report's money: what it is, and how much.
pub struct MoneyLine {
    pub label: String,
    pub value: String,
}

pub fn lines(record: &ReportRecord, lang: Lang) -> Vec<MoneyLine> {
    let r = report_words(lang);
    let content = &record.content;
    let mut lines = Vec::new();
    if let Some((ours, theirs)) = content.attendance().and_then(|a| a.sides()) {
        lines.push(MoneyLine {
            label: format!("{} / {}", r.vietnamese_side, r.partner_side),
            value: format!("{ours} / {theirs}"),
        });
    }
    let budget = record.programme.budget.as_deref().unwrap_or_default();
    for line in &content.spending {
        let label = match (line.planned(budget), line.label.is_empty()) {
            (Some(planned), true) => format_budget_line(planned, lang),
            (Some(planned), false) => {
                format!("{} ({})", line.label, format_budget_line(planned, lang))
            }
            (None, _) => format!("{} ({})", line.label, r.outside_budget),
        };
        lines.push(MoneyLine {
            label: format!("{}: {label}", r.spending_row),
            value: format_money_in_vnd(&line.spent, lang),
        });
    }
    for gift in &content.gifts {
        let mut label = format!(
            "{}: {}",
            gift_direction(gift.direction, lang),
            gift.description
        );
        if let Some(quantity) = &gift.quantity {
            label.push_str(&format!(" ({quantity})"));
        }
        lines.push(MoneyLine {
            label,
            value: gift
                .value
                .as_ref()
                .map(|v| format_money_in_vnd(v, lang))
                .unwrap_or_default(),
        });
    }
    let totals = record.money_totals();
    for (amount, label) in [
        (totals.spent_vnd, r.total_spent),
        (totals.budget_vnd, r.total_budget),
        (totals.gifts_given_vnd, r.gifts_given),
        (totals.gifts_received_vnd, r.gifts_received),
    ] {
        if let Some(amount) = amount {
            lines.push(MoneyLine {
                label: label.into(),
                value: format_vnd(amount, lang),
            });
        }
    }
    lines
}
