//! What the Vietnamese documents say about a programme, from its plan, in one place so the
//! tờ trình, the kế hoạch and the quyết định say it the same way.

use docx_rs::Table;
use domain::Lang;
use domain::labels::{country_name, format_dates, format_money, zone_name};
use domain::programme::Plan;
use domain::values::{Currency, Schedule};

use crate::layout::{SMALL, TEXT_WIDTH, grid};

/// `20/5/2027 – 22/5/2027 (giờ Việt Nam)`: the days in the zone where it takes place.
pub fn dates(schedule: &Schedule) -> String {
    format!(
        "{} ({})",
        format_dates(schedule.start, schedule.end, Lang::Vi),
        zone_name(&schedule.timezone, Lang::Vi)
    )
}

/// The venue and the border gate, or a blank to fill.
pub fn place(plan: &Plan) -> String {
    let mut parts: Vec<String> = plan.venue.iter().cloned().collect();
    if let Some(gate) = &plan.border_gate {
        parts.push(format!("qua cửa khẩu {gate}"));
    }
    if parts.is_empty() {
        crate::layout::BLANK.into()
    } else {
        parts.join("; ")
    }
}

/// `Đoàn Thanh niên huyện Hà Khẩu (Vân Nam, Trung Quốc)`, one partner after another.
pub fn partners(plan: &Plan) -> String {
    plan.partners
        .iter()
        .map(|p| {
            let country = country_name(&p.country, Lang::Vi);
            match &p.region {
                Some(region) => format!("{} ({region}, {country})", p.name),
                None => format!("{} ({country})", p.name),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The host, then the co-organisers.
pub fn organisers(plan: &Plan) -> String {
    std::iter::once(plan.host_organisation.as_str())
        .chain(plan.co_organisers.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The budget as a table (STT, nội dung, số tiền) with a total per currency, or `None`
/// when the plan has no budget lines.
pub fn budget_table(plan: &Plan) -> Option<Table> {
    if plan.budget.is_empty() {
        return None;
    }
    let mut rows: Vec<Vec<String>> = plan
        .budget
        .iter()
        .enumerate()
        .map(|(i, line)| {
            vec![
                (i + 1).to_string(),
                line.label.clone(),
                format_money(line.amount, line.currency, Lang::Vi),
            ]
        })
        .collect();
    for currency in [Currency::Vnd, Currency::Cny, Currency::Usd] {
        let lines: Vec<_> = plan
            .budget
            .iter()
            .filter(|l| l.currency == currency)
            .collect();
        if !lines.is_empty() {
            let total = lines.iter().map(|l| l.amount).sum();
            rows.push(vec![
                String::new(),
                format!("Tổng cộng ({})", currency.code()),
                format_money(total, currency, Lang::Vi),
            ]);
        }
    }
    Some(grid(
        &["STT", "Nội dung", "Số tiền"],
        &rows,
        &[800, TEXT_WIDTH - 800 - 3_000, 3_000],
        SMALL,
    ))
}
