//! What a programme actually cost and what was given and received: the spending under
//! each budget line of the plan, and the gifts and donations of both sides, each in its
//! own currency with the rate used to count it in đồng. Every sum is exact decimal
//! arithmetic; each amount is counted in whole đồng once, and totals add those up.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Problem};
use crate::values::{BudgetLine, Currency, check_amount, check_text};

/// The largest rate accepted, in đồng for one unit (a US dollar is about 26 000 đồng, a
/// yuan about 3 600).
pub const MAX_RATE: i64 = 100_000;
/// Decimal places a rate may have.
pub const RATE_DECIMALS: u32 = 4;
/// The largest sum in đồng one report may give for its spending, or for the gifts of one
/// direction: far beyond any exchange, and small enough for any number of reports to
/// add up in figures.
pub const MAX_REPORT_VND: i64 = 1_000_000_000_000_000;

/// An amount in its currency, with the rate used to count it in đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// Written as a decimal string, as budget lines are.
    pub amount: Decimal,
    pub currency: Currency,
    /// Đồng for one unit of the currency, as the accounts used it; none for the đồng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_to_vnd: Option<Decimal>,
}

impl Money {
    pub fn vnd(amount: i64) -> Money {
        Money {
            amount: Decimal::from(amount),
            currency: Currency::Vnd,
            rate_to_vnd: None,
        }
    }

    /// The đồng need no rate: one given for them is left out.
    pub fn normalised(&self) -> Money {
        Money {
            rate_to_vnd: match self.currency {
                Currency::Vnd => None,
                Currency::Cny | Currency::Usd => self.rate_to_vnd.map(|r| r.normalize()),
            },
            amount: self.amount.normalize(),
            ..self.clone()
        }
    }

    /// The amount in whole đồng (half a đồng rounds away from zero), or nothing when a
    /// foreign amount has no rate.
    pub fn in_vnd(&self) -> Option<Decimal> {
        let rate = match self.currency {
            Currency::Vnd => Decimal::ONE,
            Currency::Cny | Currency::Usd => self.rate_to_vnd?,
        };
        Some(
            self.amount
                .checked_mul(rate)?
                .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    pub fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        check_amount(
            &format!("{path}.amount"),
            self.amount,
            self.currency,
            errors,
        );
        match (self.currency, self.rate_to_vnd) {
            (Currency::Vnd, _) => {}
            (currency, None) => errors.push(FieldError::new(
                format!("{path}.rate_to_vnd"),
                Problem::RateRequired {
                    currency: currency.code().into(),
                },
            )),
            (_, Some(rate)) => {
                if rate <= Decimal::ZERO || rate > Decimal::from(MAX_RATE) {
                    errors.push(FieldError::new(
                        format!("{path}.rate_to_vnd"),
                        Problem::OutOfRange {
                            min: 0,
                            max: MAX_RATE,
                        },
                    ));
                } else if rate.normalize().scale() > RATE_DECIMALS {
                    errors.push(FieldError::new(
                        format!("{path}.rate_to_vnd"),
                        Problem::TooManyDecimals {
                            currency: Currency::Vnd.code().into(),
                            max: RATE_DECIMALS,
                        },
                    ));
                }
            }
        }
    }
}

/// What was spent under one budget line of the plan, or on something the plan did not
/// foresee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spending {
    /// The plan's budget line, by its place in the plan's list (the first is 0); none
    /// for spending the plan did not foresee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_line: Option<u32>,
    /// What it was spent on; may be left empty for a budget line of the plan, whose label
    /// then stands.
    #[serde(default)]
    pub label: String,
    pub spent: Money,
}

impl Spending {
    /// The plan's budget line it was spent under, from the plan's `budget`; none for
    /// spending the plan did not foresee.
    pub fn planned<'a>(&self, budget: &'a [BudgetLine]) -> Option<&'a BudgetLine> {
        budget.get(usize::try_from(self.budget_line?).ok()?)
    }
}

/// Whether a gift or donation went to the partner or came from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GiftDirection {
    Given,
    Received,
}

impl GiftDirection {
    pub const ALL: [GiftDirection; 2] = [GiftDirection::Given, GiftDirection::Received];

    pub fn as_str(self) -> &'static str {
        match self {
            GiftDirection::Given => "given",
            GiftDirection::Received => "received",
        }
    }

    pub fn parse(text: &str) -> Option<GiftDirection> {
        Self::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

/// A gift or a donation, e.g. the medical supplies donated to the Guangxi Red Cross in
/// 2020.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gift {
    pub direction: GiftDirection,
    pub description: String,
    /// How many or how much, in words: "500 bộ đồ bảo hộ", "2 tấn gạo".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<String>,
    /// What it was worth, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
}

/// The report's money counted in đồng. A sum is empty when the report gives nothing to
/// count (no spending, no gift of that direction with a value), so that a report written
/// before these were asked for reads as unknown, never as nothing spent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MoneyTotals {
    pub spent_vnd: Option<i64>,
    /// The plan's budget in đồng: its lines in đồng, and each line in another currency
    /// at the rate used for the spending under it. Empty when a line has no such rate, the
    /// plan has no budget lines, or the report was begun before it kept the plan's budget.
    pub budget_vnd: Option<i64>,
    pub gifts_given_vnd: Option<i64>,
    pub gifts_received_vnd: Option<i64>,
}

pub(super) fn sum_vnd<'a>(amounts: impl IntoIterator<Item = &'a Money>) -> Option<i64> {
    let mut total: Option<Decimal> = None;
    for money in amounts {
        let vnd = money.in_vnd()?;
        total = Some(total.unwrap_or_default().checked_add(vnd)?);
    }
    total.and_then(|t| i64::try_from(t).ok())
}

/// The plan's budget in đồng (see [`MoneyTotals::budget_vnd`]).
pub(super) fn budget_vnd(budget: &[BudgetLine], spending: &[Spending]) -> Option<i64> {
    if budget.is_empty() {
        return None;
    }
    let mut total = Decimal::ZERO;
    for (i, line) in budget.iter().enumerate() {
        let rate = match line.currency {
            Currency::Vnd => Decimal::ONE,
            currency => spending
                .iter()
                .filter(|s| s.budget_line == u32::try_from(i).ok())
                .filter(|s| s.spent.currency == currency)
                .find_map(|s| s.spent.rate_to_vnd)?,
        };
        let vnd = line
            .amount
            .checked_mul(rate)?
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        total = total.checked_add(vnd)?;
    }
    i64::try_from(total).ok()
}

pub(super) fn check_spending(
    spending: &[Spending],
    budget: Option<&[BudgetLine]>,
    errors: &mut Vec<FieldError>,
) {
    for (i, line) in spending.iter().enumerate() {
        let path = format!("spending[{i}]");
        check_text(
            &format!("{path}.label"),
            &line.label,
            200,
            line.budget_line.is_none(),
            errors,
        );
        if let Some(index) = line.budget_line
            && budget.is_none_or(|b| usize::try_from(index).is_ok_and(|i| i >= b.len()))
        {
            errors.push(FieldError::new(
                format!("{path}.budget_line"),
                Problem::NotInPlan,
            ));
        }
        line.spent.check(&format!("{path}.spent"), errors);
    }
    check_report_sum("spending", spending.iter().map(|s| &s.spent), errors);
}

pub(super) fn check_gifts(gifts: &[Gift], errors: &mut Vec<FieldError>) {
    for (i, gift) in gifts.iter().enumerate() {
        let path = format!("gifts[{i}]");
        check_text(
            &format!("{path}.description"),
            &gift.description,
            1000,
            true,
            errors,
        );
        if let Some(quantity) = &gift.quantity {
            check_text(&format!("{path}.quantity"), quantity, 200, false, errors);
        }
        if let Some(value) = &gift.value {
            value.check(&format!("{path}.value"), errors);
        }
    }
    for direction in GiftDirection::ALL {
        check_report_sum(
            "gifts",
            gifts
                .iter()
                .filter(|g| g.direction == direction)
                .filter_map(|g| g.value.as_ref()),
            errors,
        );
    }
}

/// A report's sum in đồng stays below [`MAX_REPORT_VND`]; checked only once every amount
/// is itself acceptable, so that one problem is not reported twice.
fn check_report_sum<'a>(
    path: &str,
    amounts: impl IntoIterator<Item = &'a Money>,
    errors: &mut Vec<FieldError>,
) {
    if errors.iter().any(|e| e.field.starts_with(path)) {
        return;
    }
    let mut total = Decimal::ZERO;
    for money in amounts {
        total = total.saturating_add(money.in_vnd().unwrap_or_default());
    }
    if total > Decimal::from(MAX_REPORT_VND) {
        errors.push(FieldError::new(
            path,
            Problem::OutOfRange {
                min: 0,
                max: MAX_REPORT_VND,
            },
        ));
    }
}
