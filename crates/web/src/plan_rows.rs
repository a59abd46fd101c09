//! The plan's partners and budget lines as rows of real inputs (name, country, region;
//! item, amount, currency) instead of one line of text each: kept as typed, so that a
//! refused form shows them again, and read into the plan's values with a message beside
//! each wrong cell.

use std::str::FromStr;

use domain::Lang;
use domain::labels::{NAMED_COUNTRIES, country_name};
use domain::programme::Plan;
use domain::values::{BudgetLine, Currency, Partner};
use rust_decimal::Decimal;

use crate::form::Form;
use crate::form_page::Field;
use crate::plan_input::{Errors, Values};
use crate::words::words;

/// Rows offered for partners and for budget lines.
pub const PARTNER_ROWS: usize = 8;
pub const BUDGET_ROWS: usize = 10;

const PARTNER_NAME: [&str; PARTNER_ROWS] = [
    "partner_name_0",
    "partner_name_1",
    "partner_name_2",
    "partner_name_3",
    "partner_name_4",
    "partner_name_5",
    "partner_name_6",
    "partner_name_7",
];
const PARTNER_COUNTRY: [&str; PARTNER_ROWS] = [
    "partner_country_0",
    "partner_country_1",
    "partner_country_2",
    "partner_country_3",
    "partner_country_4",
    "partner_country_5",
    "partner_country_6",
    "partner_country_7",
];
const PARTNER_REGION: [&str; PARTNER_ROWS] = [
    "partner_region_0",
    "partner_region_1",
    "partner_region_2",
    "partner_region_3",
    "partner_region_4",
    "partner_region_5",
    "partner_region_6",
    "partner_region_7",
];
const BUDGET_LABEL: [&str; BUDGET_ROWS] = [
    "budget_label_0",
    "budget_label_1",
    "budget_label_2",
    "budget_label_3",
    "budget_label_4",
    "budget_label_5",
    "budget_label_6",
    "budget_label_7",
    "budget_label_8",
    "budget_label_9",
];
const BUDGET_AMOUNT: [&str; BUDGET_ROWS] = [
    "budget_amount_0",
    "budget_amount_1",
    "budget_amount_2",
    "budget_amount_3",
    "budget_amount_4",
    "budget_amount_5",
    "budget_amount_6",
    "budget_amount_7",
    "budget_amount_8",
    "budget_amount_9",
];
const BUDGET_CURRENCY: [&str; BUDGET_ROWS] = [
    "budget_currency_0",
    "budget_currency_1",
    "budget_currency_2",
    "budget_currency_3",
    "budget_currency_4",
    "budget_currency_5",
    "budget_currency_6",
    "budget_currency_7",
    "budget_currency_8",
    "budget_currency_9",
];

const CURRENCIES: [Currency; 3] = [Currency::Vnd, Currency::Cny, Currency::Usd];

/// Every cell's name, for reading a posted form.
pub fn cell_names() -> impl Iterator<Item = &'static str> {
    PARTNER_NAME
        .into_iter()
        .chain(PARTNER_COUNTRY)
        .chain(PARTNER_REGION)
        .chain(BUDGET_LABEL)
        .chain(BUDGET_AMOUNT)
        .chain(BUDGET_CURRENCY)
}

pub fn from_form(form: &Form, values: &mut Values) {
    for name in cell_names() {
        values.insert(name, form.get(name).to_string());
    }
}

/// Whether the form can show all of the plan's partners and budget lines; when it cannot,
/// revising from the page leaves them as they are.
pub fn fits(plan: &Plan) -> bool {
    plan.partners.len() <= PARTNER_ROWS && plan.budget.len() <= BUDGET_ROWS
}

/// The plan's rows as the form shows them, amounts written the way `lang` reads them back.
pub fn from_plan(plan: &Plan, lang: Lang, values: &mut Values) {
    for (i, partner) in plan.partners.iter().take(PARTNER_ROWS).enumerate() {
        values.insert(PARTNER_NAME[i], partner.name.clone());
        values.insert(PARTNER_COUNTRY[i], partner.country.clone());
        values.insert(
            PARTNER_REGION[i],
            partner.region.clone().unwrap_or_default(),
        );
    }
    for (i, line) in plan.budget.iter().take(BUDGET_ROWS).enumerate() {
        values.insert(BUDGET_LABEL[i], line.label.clone());
        let amount = line.amount.to_string();
        let amount = match lang {
            Lang::Vi => amount.replace('.', ","),
            Lang::En => amount,
        };
        values.insert(BUDGET_AMOUNT[i], amount);
        values.insert(BUDGET_CURRENCY[i], line.currency.code().to_owned());
    }
}

/// The cell a domain problem's path names, e.g. `partners[1].name` or `budget[0].amount`.
pub fn cell_of(path: &str) -> Option<&'static str> {
    let (list, rest) = path.split_once('[')?;
    let (index, field) = rest.split_once(']')?;
    let index: usize = index.parse().ok()?;
    let field = field.trim_start_matches('.');
    let cells: &[&'static str] = match (list, field) {
        ("partners", "country") => &PARTNER_COUNTRY,
        ("partners", "region") => &PARTNER_REGION,
        ("partners", _) => &PARTNER_NAME,
        ("budget", "amount") => &BUDGET_AMOUNT,
        ("budget", "currency") => &BUDGET_CURRENCY,
        ("budget", _) => &BUDGET_LABEL,
        _ => return None,
    };
    cells.get(index).copied()
}

fn typed<'a>(values: &'a Values, name: &str) -> &'a str {
    values.get(name).map_or("", |v| v.trim())
}

/// The partners typed, a row left empty left out.
pub fn partners(values: &Values, lang: Lang, errors: &mut Errors) -> Vec<Partner> {
    let w = words(lang);
    let mut partners = Vec::new();
    for i in 0..PARTNER_ROWS {
        let (name, country, region) = (
            typed(values, PARTNER_NAME[i]),
            typed(values, PARTNER_COUNTRY[i]),
            typed(values, PARTNER_REGION[i]),
        );
        if name.is_empty() && region.is_empty() {
            continue;
        }
        if name.is_empty() {
            errors.insert(PARTNER_NAME[i], w.partner_needs_name.into());
        }
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
            errors.insert(PARTNER_COUNTRY[i], w.partner_needs_country.into());
        }
        partners.push(Partner {
            name: name.to_owned(),
            country: country.to_uppercase(),
            region: Some(region.to_owned()).filter(|r| !r.is_empty()),
        });
    }
    partners
}

/// The budget lines typed, a row left empty left out.
pub fn budget(values: &Values, lang: Lang, errors: &mut Errors) -> Vec<BudgetLine> {
    let w = words(lang);
    let mut lines = Vec::new();
    for i in 0..BUDGET_ROWS {
        let (label, amount) = (
            typed(values, BUDGET_LABEL[i]),
            typed(values, BUDGET_AMOUNT[i]),
        );
        if label.is_empty() && amount.is_empty() {
            continue;
        }
        if label.is_empty() {
            errors.insert(BUDGET_LABEL[i], w.budget_needs_label.into());
        }
        let amount = Decimal::from_str(&plain_amount(amount, lang)).unwrap_or_else(|_| {
            errors.insert(BUDGET_AMOUNT[i], w.not_a_number.into());
            Decimal::ZERO
        });
        let currency = CURRENCIES
            .into_iter()
            .find(|c| c.code() == typed(values, BUDGET_CURRENCY[i]))
            .unwrap_or_else(|| {
                errors.insert(BUDGET_CURRENCY[i], w.budget_needs_currency.into());
                Currency::Vnd
            });
        lines.push(BudgetLine {
            label: label.to_owned(),
            amount,
            currency,
        });
    }
    lines
}

/// How many rows to show: those filled in (or wrong), then two empty ones, at least three
/// and at most `limit`. Without a script the form cannot add rows; saving and editing
/// again offers two more.
fn shown(values: &Values, errors: &Errors, cells: &[&[&'static str]], limit: usize) -> usize {
    let used = (0..limit)
        .filter(|&i| {
            cells.iter().any(|column| {
                !typed(values, column[i]).is_empty() || errors.contains_key(column[i])
            })
        })
        .max()
        .map_or(0, |last| last + 1);
    (used + 2).clamp(3, limit)
}

/// An amount as people write it, as a plain decimal: in Vietnamese 15.000.000 (dots or
/// spaces group thousands) and 2500,50 (a comma marks decimals); in English 15,000,000 and
/// 2500.50.
pub fn plain_amount(typed: &str, lang: Lang) -> String {
    let (group, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    typed
        .chars()
        .filter(|c| *c != group && !matches!(c, ' ' | '\u{a0}'))
        .map(|c| if c == decimal { '.' } else { c })
        .collect()
}

/// The partners' rows as form fields.
pub fn partner_rows(values: &Values, errors: &Errors, lang: Lang) -> Vec<Vec<Field>> {
    let w = words(lang);
    // The country alone says nothing: an empty row keeps its first choice.
    let rows = shown(
        values,
        errors,
        &[&PARTNER_NAME, &PARTNER_REGION],
        PARTNER_ROWS,
    );
    (0..rows)
        .map(|i| {
            let chosen = typed(values, PARTNER_COUNTRY[i]).to_uppercase();
            let mut countries: Vec<(String, String)> = NAMED_COUNTRIES
                .iter()
                .map(|code| ((*code).to_owned(), country_name(code, lang)))
                .collect();
            if !chosen.is_empty() && !NAMED_COUNTRIES.contains(&chosen.as_str()) {
                countries.push((chosen.clone(), chosen.clone()));
            }
            if chosen.is_empty() {
                countries.insert(0, (String::new(), String::new()));
            }
            vec![
                Field::new(PARTNER_NAME[i], w.partner_name, "text", values, errors),
                Field::new(
                    PARTNER_COUNTRY[i],
                    w.partner_country,
                    "select",
                    values,
                    errors,
                )
                .options(countries),
                Field::new(PARTNER_REGION[i], w.partner_region, "text", values, errors),
            ]
        })
        .collect()
}

/// The budget's rows as form fields.
pub fn budget_rows(values: &Values, errors: &Errors, lang: Lang) -> Vec<Vec<Field>> {
    let w = words(lang);
    let rows = shown(
        values,
        errors,
        &[&BUDGET_LABEL, &BUDGET_AMOUNT],
        BUDGET_ROWS,
    );
    (0..rows)
        .map(|i| {
            let currencies = CURRENCIES
                .iter()
                .map(|c| (c.code().to_owned(), c.code().to_owned()))
                .collect();
            vec![
                Field::new(BUDGET_LABEL[i], w.budget_label, "text", values, errors),
                Field::new(BUDGET_AMOUNT[i], w.budget_amount, "text", values, errors),
                Field::new(
                    BUDGET_CURRENCY[i],
                    w.budget_currency,
                    "select",
                    values,
                    errors,
                )
                .options(currencies),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(cells: &[(&'static str, &str)]) -> Values {
        cells.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
    }

    #[test]
    fn amounts_are_read_as_people_write_them_and_empty_rows_are_left_out() {
        let mut errors = Errors::new();
        let lines = budget(
            &values(&[
                ("budget_label_0", "Thiết bị hội nghị trực tuyến"),
                ("budget_amount_0", "15.000.000"),
                ("budget_currency_0", "VND"),
                ("budget_label_2", "Quà tặng đối tác"),
                ("budget_amount_2", "2500,50"),
                ("budget_currency_2", "CNY"),
            ]),
            Lang::Vi,
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].amount, Decimal::new(15_000_000, 0));
        assert_eq!(lines[1].amount, Decimal::new(250_050, 2));
        assert_eq!(lines[1].currency, Currency::Cny);
    }

    #[test]
    fn each_language_writes_amounts_its_own_way() {
        assert_eq!(plain_amount("15.000.000", Lang::Vi), "15000000");
        assert_eq!(plain_amount("2 500,50", Lang::Vi), "2500.50");
        assert_eq!(plain_amount("15,000,000", Lang::En), "15000000");
        assert_eq!(plain_amount("2,500.50", Lang::En), "2500.50");
    }

    /// A plan's amounts shown on the edit form read back as the same amounts.
    #[test]
    fn amounts_shown_for_editing_read_back_unchanged() {
        let line = BudgetLine {
            label: "Quà tặng đối tác".into(),
            amount: Decimal::new(250_050, 2),
            currency: Currency::Cny,
        };
        let plan = Plan {
            budget: vec![line.clone()],
            ..serde_json::from_value(serde_json::json!({
                "title": "Giao lưu", "kind": "reception", "host_organisation": "Tỉnh Đoàn Cao Bằng",
                "partners": [], "schedule": {"start": "2027-11-21", "end": "2027-11-21", "timezone": "Asia/Ho_Chi_Minh"},
                "objectives": "", "expected_delegation_size": 1
            }))
            .unwrap()
        };
        for lang in [Lang::Vi, Lang::En] {
            let mut shown = Values::new();
            from_plan(&plan, lang, &mut shown);
            let mut errors = Errors::new();
            assert_eq!(
                budget(&shown, lang, &mut errors),
                vec![line.clone()],
                "{lang:?}"
            );
            assert!(errors.is_empty());
        }
    }

    #[test]
    fn a_wrong_cell_gets_its_own_message() {
        let mut errors = Errors::new();
        budget(
            &values(&[("budget_label_1", "Ăn ở"), ("budget_amount_1", "nhiều")]),
            Lang::Vi,
            &mut errors,
        );
        assert!(errors.contains_key("budget_amount_1"));
        assert!(errors.contains_key("budget_currency_1"));
        let mut errors = Errors::new();
        partners(
            &values(&[("partner_region_0", "Quảng Tây")]),
            Lang::Vi,
            &mut errors,
        );
        assert!(errors.contains_key("partner_name_0"));
        assert!(errors.contains_key("partner_country_0"));
        assert_eq!(cell_of("partners[1].country"), Some("partner_country_1"));
        assert_eq!(cell_of("budget[0].amount"), Some("budget_amount_0"));
        assert_eq!(cell_of("budget[99].amount"), None);
    }

    #[test]
    fn two_empty_rows_follow_the_last_one_used() {
        let none = Values::new();
        assert_eq!(budget_rows(&none, &Errors::new(), Lang::Vi).len(), 3);
        let four = values(&[("budget_label_3", "Ăn ở")]);
        assert_eq!(budget_rows(&four, &Errors::new(), Lang::Vi).len(), 6);
        let all = values(&[("partner_name_7", "Đoàn Thanh niên Bách Sắc")]);
        assert_eq!(
            partner_rows(&all, &Errors::new(), Lang::Vi).len(),
            PARTNER_ROWS
        );
    }
}
