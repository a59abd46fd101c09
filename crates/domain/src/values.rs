//! Value objects shared by aggregates, each able to check itself.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Problem};
use crate::text::char_len;

/// Programme dates are calendar days in the timezone where the programme takes place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// An IANA name such as `Asia/Ho_Chi_Minh` or `Asia/Shanghai`.
    pub timezone: String,
}

/// The earliest and latest years accepted: old enough for the multi-year records users
/// keep (2017 onwards in the source articles), and far enough ahead for planning.
pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2100;

/// Vietnam's timezone: where dates are read when nothing else says.
pub const VIETNAM: chrono_tz::Tz = chrono_tz::Asia::Ho_Chi_Minh;

impl Schedule {
    /// The calendar day `now` falls on where the programme takes place. The timezone was
    /// checked when the plan was saved; Vietnam's is the fallback for the impossible case.
    pub fn today(&self, now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
        let timezone = self.timezone.parse().unwrap_or(VIETNAM);
        now.with_timezone(&timezone).date_naive()
    }

    pub fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        use chrono::Datelike;
        for (name, date) in [("start", self.start), ("end", self.end)] {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
                errors.push(FieldError::new(
                    format!("{path}.{name}"),
                    Problem::OutOfRange {
                        min: FIRST_YEAR.into(),
                        max: LAST_YEAR.into(),
                    },
                ));
            }
        }
        if self.end < self.start {
            errors.push(FieldError::new(
                format!("{path}.end"),
                Problem::EndBeforeStart,
            ));
        }
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            errors.push(FieldError::new(
                format!("{path}.timezone"),
                Problem::UnknownTimezone,
            ));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Currency {
    #[serde(rename = "VND")]
    Vnd,
    #[serde(rename = "CNY")]
    Cny,
    #[serde(rename = "USD")]
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Vnd => "VND",
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }

    /// The sign people write after (or, in English, before) an amount: ₫, ¥, US$.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Vnd => "₫",
            Currency::Cny => "¥",
            Currency::Usd => "US$",
        }
    }

    pub const ALL: [Currency; 3] = [Currency::Vnd, Currency::Cny, Currency::Usd];

    pub fn parse(code: &str) -> Option<Currency> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Decimal places in everyday use: the đồng has no subunit in practice.
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::Vnd => 0,
            Currency::Cny | Currency::Usd => 2,
        }
    }
}

/// The largest amount accepted on one budget line, in whole units.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    pub label: String,
    /// Written as a decimal string so that no amount is ever rounded through a float; read
    /// from a string or a JSON number.
    pub amount: Decimal,
    pub currency: Currency,
}

impl BudgetLine {
    pub fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        check_text(&format!("{path}.label"), &self.label, 200, true, errors);
        check_amount(
            &format!("{path}.amount"),
            self.amount,
            self.currency,
            errors,
        );
    }
}

/// An amount is not negative, at most [`MAX_AMOUNT`], and has no more decimals than its
/// currency uses.
pub fn check_amount(path: &str, amount: Decimal, currency: Currency, errors: &mut Vec<FieldError>) {
    if amount.is_sign_negative() && !amount.is_zero() {
        errors.push(FieldError::new(path, Problem::Negative));
    } else if amount > Decimal::from(MAX_AMOUNT) {
        errors.push(FieldError::new(
            path,
            Problem::OutOfRange {
                min: 0,
                max: MAX_AMOUNT,
            },
        ));
    }
    if amount.normalize().scale() > currency.minor_units() {
        errors.push(FieldError::new(
            path,
            Problem::TooManyDecimals {
                currency: currency.code().into(),
                max: currency.minor_units(),
            },
        ));
    }
}

/// A partner organisation across the border, e.g. the Youth League of Guangxi.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    /// ISO 3166-1 alpha-2, e.g. `CN`.
    pub country: String,
    /// Province or region, e.g. `Quảng Tây` or `Vân Nam`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

impl Partner {
    pub fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        check_text(&format!("{path}.name"), &self.name, 200, true, errors);
        let country_ok =
            self.country.len() == 2 && self.country.chars().all(|c| c.is_ascii_uppercase());
        if !country_ok {
            errors.push(FieldError::new(
                format!("{path}.country"),
                Problem::InvalidCountry,
            ));
        }
        if let Some(region) = &self.region {
            check_text(&format!("{path}.region"), region, 200, false, errors);
        }
    }
}

/// A person to contact, such as the responsible coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub email: String,
}

impl Contact {
    pub fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        check_text(&format!("{path}.name"), &self.name, 200, true, errors);
        if !email_address::EmailAddress::is_valid(&self.email) || self.email.len() > 254 {
            errors.push(FieldError::new(
                format!("{path}.email"),
                Problem::InvalidEmail,
            ));
        }
    }
}

/// Checks a text field's presence and length in characters (not bytes, so Vietnamese
/// diacritics count once).
pub fn check_text(
    path: &str,
    value: &str,
    max: usize,
    required: bool,
    errors: &mut Vec<FieldError>,
) {
    if required && value.trim().is_empty() {
        errors.push(FieldError::new(path, Problem::Required));
    } else if char_len(value) > max {
        errors.push(FieldError::new(path, Problem::TooLong { max }));
    }
}

pub fn check_count<T>(path: &str, items: &[T], max: usize, errors: &mut Vec<FieldError>) {
    if items.len() > max {
        errors.push(FieldError::new(path, Problem::TooMany { max }));
    }
}

/// Whether a configured secret's `bytes` look random rather than like an example (all
/// zeros, a repeated pattern): 32 random bytes hold about 30 different values, and fewer
/// than 12 happens practically never.
pub fn looks_random(bytes: &[u8]) -> bool {
    let mut seen = [false; 256];
    for byte in bytes {
        seen[usize::from(*byte)] = true;
    }
    seen.iter().filter(|s| **s).count() >= 12
}
