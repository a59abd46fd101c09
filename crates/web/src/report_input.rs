//! A follow-up report as typed into its form: kept as text so that a refused form shows
//! exactly what was typed, read into the report's content with a message for each field
//! or action-item row that is wrong.

use domain::followup::{
    ActionItem, ActionStatus, Gift, GiftDirection, Money, ReportContent, Spending,
};
use domain::values::{BudgetLine, Contact, Currency};
use domain::{FieldError, Lang};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::form::Form;
use crate::plan_input::{Errors, Values, date};
use crate::words::words;

/// Empty action-item rows offered below the report's own items.
pub const EMPTY_ROWS: usize = 3;
/// More rows than a report may hold are not read.
const MAX_ROWS: usize = 100;
const TEXT_FIELDS: [&str; 3] = ["outcomes", "attendance_note", "lessons"];
/// The fields of the form besides its rows.
const FIELDS: [&str; 6] = [
    "outcomes",
    "actual_attendance",
    "vietnamese_side",
    "partner_side",
    "attendance_note",
    "lessons",
];
/// Empty spending and gift rows offered below those already there.
pub const EMPTY_MONEY_ROWS: usize = 2;

/// One action-item row of the form.
#[derive(Default)]
pub struct ItemRow {
    pub index: usize,
    /// The item's id when it is one of the report's own (its status and note are kept).
    pub id: String,
    pub title: String,
    pub owner_name: String,
    pub owner_email: String,
    pub due: String,
    pub error: Option<String>,
}

impl ItemRow {
    fn is_empty(&self) -> bool {
        [&self.title, &self.owner_name, &self.owner_email, &self.due]
            .iter()
            .all(|t| t.trim().is_empty())
    }
}

/// One spending row: under a budget line of the plan (its place, or empty for spending
/// the plan did not foresee), what, how much, in what, at what rate.
#[derive(Default)]
pub struct SpendRow {
    pub index: usize,
    pub line: String,
    pub label: String,
    pub amount: String,
    pub currency: String,
    pub rate: String,
    pub error: Option<String>,
}

/// One gift or donation row.
#[derive(Default)]
pub struct GiftRow {
    pub index: usize,
    pub direction: String,
    pub description: String,
    pub quantity: String,
    pub amount: String,
    pub currency: String,
    pub rate: String,
    pub error: Option<String>,
}

/// The typed report: its fields and its rows.
pub struct Typed {
    pub values: Values,
    pub rows: Vec<ItemRow>,
    pub spending: Vec<SpendRow>,
    pub gifts: Vec<GiftRow>,
}

/// What the spending and gift rows of the form became: the place of each row read, in
/// the order of the content's lists, so that a problem finds its row.
#[derive(Default)]
pub struct Used {
    pub items: Vec<usize>,
    pub spending: Vec<usize>,
    pub gifts: Vec<usize>,
}

/// A number as people type it: `1.234.567` or `1.234.567,50` in Vietnamese, `1,234,567.50`
/// in English, `3450.5` in either (a single point not followed by three digits is a
/// decimal point). `Err` when it is not a number.
pub fn parse_number(text: &str, lang: Lang) -> Result<Option<Decimal>, ()> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    let (thousands, decimal) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let plain = if text.contains(thousands) && text.contains(decimal) {
        text.replace(thousands, "").replace(decimal, ".")
    } else if text.contains(decimal) {
        text.replace(decimal, ".")
    } else if text.matches(thousands).count() == 1
        && text
            .split(thousands)
            .nth(1)
            .is_some_and(|tail| tail.len() != 3)
    {
        // 3450.5: a decimal point, whatever the language.
        text.replace(thousands, ".")
    } else {
        text.replace(thousands, "")
    };
    if !plain
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return Err(());
    }
    plain.parse::<Decimal>().map(Some).map_err(|_| ())
}

fn number_text(n: Decimal) -> String {
    n.normalize().to_string()
}

impl Typed {
    /// The form of a report, or of a new one; a report with no spending yet is offered a
    /// row for each line of the plan's `budget`.
    pub fn of(content: Option<&ReportContent>, budget: &[BudgetLine]) -> Typed {
        let mut values = Values::new();
        let mut rows = Vec::new();
        let mut spending: Vec<SpendRow> = Vec::new();
        let mut gifts: Vec<GiftRow> = Vec::new();
        if let Some(c) = content {
            for (name, side) in [
                ("vietnamese_side", c.vietnamese_side),
                ("partner_side", c.partner_side),
            ] {
                values.insert(name, side.map(|n| n.to_string()).unwrap_or_default());
            }
            spending = c
                .spending
                .iter()
                .map(|line| SpendRow {
                    line: line.budget_line.map(|n| n.to_string()).unwrap_or_default(),
                    label: line.label.clone(),
                    amount: number_text(line.spent.amount),
                    currency: line.spent.currency.code().into(),
                    rate: line.spent.rate_to_vnd.map(number_text).unwrap_or_default(),
                    ..SpendRow::default()
                })
                .collect();
            gifts = c
                .gifts
                .iter()
                .map(|gift| GiftRow {
                    direction: gift.direction.as_str().into(),
                    description: gift.description.clone(),
                    quantity: gift.quantity.clone().unwrap_or_default(),
                    amount: gift
                        .value
                        .as_ref()
                        .map(|v| number_text(v.amount))
                        .unwrap_or_default(),
                    currency: gift
                        .value
                        .as_ref()
                        .map_or(Currency::Vnd, |v| v.currency)
                        .code()
                        .into(),
                    rate: gift
                        .value
                        .as_ref()
                        .and_then(|v| v.rate_to_vnd)
                        .map(number_text)
                        .unwrap_or_default(),
                    ..GiftRow::default()
                })
                .collect();
            values.insert("outcomes", c.outcomes.clone());
            values.insert(
                "actual_attendance",
                c.actual_attendance
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            );
            values.insert(
                "attendance_note",
                c.attendance_note.clone().unwrap_or_default(),
            );
            values.insert("lessons", c.lessons.clone());
            rows = c
                .action_items
                .iter()
                .map(|item| ItemRow {
                    id: item.id.to_string(),
                    title: item.title.clone(),
                    owner_name: item
                        .owner
                        .as_ref()
                        .map(|o| o.name.clone())
                        .unwrap_or_default(),
                    owner_email: item
                        .owner
                        .as_ref()
                        .map(|o| o.email.clone())
                        .unwrap_or_default(),
                    due: item.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    ..ItemRow::default()
                })
                .collect();
        }
        rows.extend((0..EMPTY_ROWS).map(|_| ItemRow::default()));
        if spending.is_empty() {
            spending = budget
                .iter()
                .enumerate()
                .map(|(i, line)| SpendRow {
                    line: i.to_string(),
                    currency: line.currency.code().into(),
                    ..SpendRow::default()
                })
                .collect();
        }
        spending.extend((0..EMPTY_MONEY_ROWS).map(|_| SpendRow {
            currency: Currency::Vnd.code().into(),
            ..SpendRow::default()
        }));
        gifts.extend((0..EMPTY_MONEY_ROWS).map(|_| GiftRow {
            direction: GiftDirection::Given.as_str().into(),
            currency: Currency::Vnd.code().into(),
            ..GiftRow::default()
        }));
        numbered(values, rows, spending, gifts)
    }

    pub fn from_form(form: &Form) -> Typed {
        let values = FIELDS
            .into_iter()
            .map(|name| (name, form.get(name).to_string()))
            .collect();
        let rows = (0..MAX_ROWS)
            .map_while(|i| {
                let field = |name: &str| form.get(&format!("item{i}_{name}")).to_string();
                form.has(&format!("item{i}_title")).then(|| ItemRow {
                    id: field("id"),
                    title: field("title"),
                    owner_name: field("owner_name"),
                    owner_email: field("owner_email"),
                    due: field("due"),
                    ..ItemRow::default()
                })
            })
            .collect();
        let spending = (0..MAX_ROWS * 2)
            .map_while(|i| {
                let field = |name: &str| form.get(&format!("spend{i}_{name}")).to_string();
                form.has(&format!("spend{i}_label")).then(|| SpendRow {
                    line: field("line"),
                    label: field("label"),
                    amount: field("amount"),
                    currency: field("currency"),
                    rate: field("rate"),
                    ..SpendRow::default()
                })
            })
            .collect();
        let gifts = (0..MAX_ROWS)
            .map_while(|i| {
                let field = |name: &str| form.get(&format!("gift{i}_{name}")).to_string();
                form.has(&format!("gift{i}_description")).then(|| GiftRow {
                    direction: field("direction"),
                    description: field("description"),
                    quantity: field("quantity"),
                    amount: field("amount"),
                    currency: field("currency"),
                    rate: field("rate"),
                    ..GiftRow::default()
                })
            })
            .collect();
        numbered(values, rows, spending, gifts)
    }

    /// The content to store, or the form's messages. Rows left empty are left out; the
    /// report's own items keep their status, note and the day they were done.
    pub fn read(
        &mut self,
        current: Option<&ReportContent>,
        lang: Lang,
    ) -> Result<(ReportContent, Used), Errors> {
        let w = words(lang);
        let mut errors = Errors::new();
        for name in TEXT_FIELDS {
            let text = self.values.get(name).map_or("", String::as_str);
            if text.contains('<') || text.contains('>') {
                errors.insert(name, w.no_markup.into());
            }
        }
        let mut count = |name: &'static str| match self.values.get(name).map_or("", |t| t.trim()) {
            "" => None,
            text => text.parse::<u32>().ok().or_else(|| {
                errors.insert(name, w.not_a_number.into());
                None
            }),
        };
        let actual_attendance = count("actual_attendance");
        let vietnamese_side = count("vietnamese_side");
        let partner_side = count("partner_side");
        let (spending, used_spending, bad_spending) = self.read_spending(lang);
        let (gifts, used_gifts, bad_gifts) = self.read_gifts(lang);
        let mut items = Vec::new();
        let mut used = Vec::new();
        let mut bad_row = false;
        for row in self.rows.iter_mut().filter(|r| !r.is_empty()) {
            let texts = [&row.title, &row.owner_name, &row.owner_email];
            if texts.iter().any(|t| t.contains('<') || t.contains('>')) {
                row.error = Some(w.no_markup.into());
            }
            let due_on = date(&row.due);
            if due_on.is_none() && !row.due.trim().is_empty() {
                row.error.get_or_insert_with(|| w.not_a_date.into());
            }
            bad_row |= row.error.is_some();
            let id = Uuid::parse_str(&row.id).ok();
            let kept = current
                .zip(id)
                .and_then(|(c, id)| c.action_items.iter().find(|i| i.id == id));
            let (name, email) = (row.owner_name.trim(), row.owner_email.trim());
            items.push(ActionItem {
                id: id.unwrap_or_else(Uuid::now_v7),
                title: row.title.trim().to_string(),
                owner: (!name.is_empty() || !email.is_empty()).then(|| Contact {
                    name: name.to_string(),
                    email: email.to_string(),
                }),
                due_on,
                status: kept.map_or(ActionStatus::Open, |i| i.status),
                note: kept.and_then(|i| i.note.clone()),
                done_on: kept.and_then(|i| i.done_on),
            });
            used.push(row.index);
        }
        if !errors.is_empty() || bad_row || bad_spending || bad_gifts {
            return Err(errors);
        }
        let text = |name| self.values.get(name).map_or("", |t| t.trim()).to_string();
        let note = text("attendance_note");
        let content = ReportContent {
            outcomes: text("outcomes"),
            actual_attendance,
            vietnamese_side,
            partner_side,
            attendance_note: Some(note).filter(|n| !n.is_empty()),
            partners_met: current.map(|c| c.partners_met.clone()).unwrap_or_default(),
            media: current.map(|c| c.media.clone()).unwrap_or_default(),
            lessons: text("lessons"),
            action_items: items,
            spending,
            gifts,
        };
        Ok((
            content,
            Used {
                items: used,
                spending: used_spending,
                gifts: used_gifts,
            },
        ))
    }

    /// The spending rows not left empty, the place of each, and whether any is wrong.
    fn read_spending(&mut self, lang: Lang) -> (Vec<Spending>, Vec<usize>, bool) {
        let w = words(lang);
        let (mut lines, mut used, mut bad) = (Vec::new(), Vec::new(), false);
        for row in &mut self.spending {
            if [&row.label, &row.amount, &row.rate]
                .iter()
                .all(|t| t.trim().is_empty())
            {
                continue;
            }
            if row.label.contains('<') || row.label.contains('>') {
                row.error = Some(w.no_markup.into());
            }
            let money = money(&row.amount, &row.currency, &row.rate, lang);
            let line = match row.line.trim() {
                "" => None,
                n => n.parse::<u32>().ok(),
            };
            match money {
                Ok(Some(spent)) => lines.push(Spending {
                    budget_line: line,
                    label: row.label.trim().to_string(),
                    spent,
                }),
                Ok(None) => {
                    row.error
                        .get_or_insert_with(|| domain::Problem::Required.message(lang));
                }
                Err(()) => {
                    row.error.get_or_insert_with(|| w.not_a_number.into());
                }
            }
            bad |= row.error.is_some();
            used.push(row.index);
        }
        (lines, used, bad)
    }

    /// The gift rows not left empty, the place of each, and whether any is wrong.
    fn read_gifts(&mut self, lang: Lang) -> (Vec<Gift>, Vec<usize>, bool) {
        let w = words(lang);
        let (mut gifts, mut used, mut bad) = (Vec::new(), Vec::new(), false);
        for row in &mut self.gifts {
            if [&row.description, &row.quantity, &row.amount, &row.rate]
                .iter()
                .all(|t| t.trim().is_empty())
            {
                continue;
            }
            if [&row.description, &row.quantity]
                .iter()
                .any(|t| t.contains('<') || t.contains('>'))
            {
                row.error = Some(w.no_markup.into());
            }
            let value = money(&row.amount, &row.currency, &row.rate, lang);
            if value.is_err() {
                row.error.get_or_insert_with(|| w.not_a_number.into());
            }
            gifts.push(Gift {
                direction: GiftDirection::parse(&row.direction).unwrap_or(GiftDirection::Given),
                description: row.description.trim().to_string(),
                quantity: Some(row.quantity.trim().to_string()).filter(|q| !q.is_empty()),
                value: value.unwrap_or_default(),
            });
            bad |= row.error.is_some();
            used.push(row.index);
        }
        (gifts, used, bad)
    }

    /// Puts the domain's problems next to the fields and rows they concern; answers the
    /// ones that concern neither, as sentences.
    pub fn place(
        &mut self,
        errors: &mut Errors,
        problems: &[FieldError],
        used: &Used,
        lang: Lang,
    ) -> Vec<String> {
        let mut elsewhere = Vec::new();
        for problem in problems {
            let message = problem.problem.message(lang);
            let field = problem.field.as_str();
            let row_of = |prefix: &str, used: &[usize]| {
                field
                    .strip_prefix(prefix)
                    .and_then(|rest| rest.split(']').next())
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| used.get(n).copied())
            };
            let error = if let Some(index) = row_of("action_items[", &used.items) {
                self.rows.get_mut(index).map(|r| &mut r.error)
            } else if let Some(index) = row_of("spending[", &used.spending) {
                self.spending.get_mut(index).map(|r| &mut r.error)
            } else if let Some(index) = row_of("gifts[", &used.gifts) {
                self.gifts.get_mut(index).map(|r| &mut r.error)
            } else {
                None
            };
            if let Some(error) = error {
                error.get_or_insert(message);
                continue;
            }
            match FIELDS.into_iter().find(|name| field == *name) {
                Some(name) => {
                    errors.entry(name).or_insert(message);
                }
                None => elsewhere.push(message),
            }
        }
        elsewhere
    }
}

/// An amount with its currency and rate as typed; nothing when no amount is typed.
fn money(amount: &str, currency: &str, rate: &str, lang: Lang) -> Result<Option<Money>, ()> {
    let Some(amount) = parse_number(amount, lang)? else {
        return Ok(None);
    };
    Ok(Some(Money {
        amount,
        currency: Currency::parse(currency).unwrap_or(Currency::Vnd),
        rate_to_vnd: parse_number(rate, lang)?,
    }))
}

fn numbered(
    values: Values,
    mut rows: Vec<ItemRow>,
    mut spending: Vec<SpendRow>,
    mut gifts: Vec<GiftRow>,
) -> Typed {
    for (index, row) in rows.iter_mut().enumerate() {
        row.index = index;
    }
    for (index, row) in spending.iter_mut().enumerate() {
        row.index = index;
    }
    for (index, row) in gifts.iter_mut().enumerate() {
        row.index = index;
    }
    Typed {
        values,
        rows,
        spending,
        gifts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_each_language_writes_them() {
        let read = |text, lang| parse_number(text, lang).unwrap().map(|d| d.to_string());
        assert_eq!(read("1.234.567", Lang::Vi).as_deref(), Some("1234567"));
        assert_eq!(
            read("1.234.567,50", Lang::Vi).as_deref(),
            Some("1234567.50")
        );
        assert_eq!(read("3450,5", Lang::Vi).as_deref(), Some("3450.5"));
        assert_eq!(read("3450.5", Lang::Vi).as_deref(), Some("3450.5"));
        assert_eq!(read("15.000", Lang::Vi).as_deref(), Some("15000"));
        assert_eq!(
            read("1,234,567.50", Lang::En).as_deref(),
            Some("1234567.50")
        );
        assert_eq!(read("25 400", Lang::En).as_deref(), Some("25400"));
        assert_eq!(read("", Lang::Vi), None);
        assert!(parse_number("12 triệu", Lang::Vi).is_err());
    }
}
