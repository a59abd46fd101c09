//! A follow-up report as typed into its form: kept as text so that a refused form shows
//! exactly what was typed, read into the report's content with a message for each field
//! or action-item row that is wrong.

use domain::followup::{ActionItem, ActionStatus, ReportContent};
use domain::values::Contact;
use domain::{FieldError, Lang};
use uuid::Uuid;

use crate::form::Form;
use crate::plan_input::{Errors, Values, date};
use crate::words::words;

/// Empty action-item rows offered below the report's own items.
pub const EMPTY_ROWS: usize = 3;
/// More rows than a report may hold are not read.
const MAX_ROWS: usize = 100;
const TEXT_FIELDS: [&str; 3] = ["outcomes", "attendance_note", "lessons"];

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

/// The typed report: its fields and its rows.
pub struct Typed {
    pub values: Values,
    pub rows: Vec<ItemRow>,
}

impl Typed {
    pub fn of(content: Option<&ReportContent>) -> Typed {
        let mut values = Values::new();
        let mut rows = Vec::new();
        if let Some(c) = content {
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
        numbered(values, rows)
    }

    pub fn from_form(form: &Form) -> Typed {
        let values = [
            "outcomes",
            "actual_attendance",
            "attendance_note",
            "lessons",
        ]
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
        numbered(values, rows)
    }

    /// The content to store, or the form's messages. Rows left empty are left out; the
    /// report's own items keep their status, note and the day they were done.
    pub fn read(
        &mut self,
        current: Option<&ReportContent>,
        lang: Lang,
    ) -> Result<(ReportContent, Vec<usize>), Errors> {
        let w = words(lang);
        let mut errors = Errors::new();
        for name in TEXT_FIELDS {
            let text = self.values.get(name).map_or("", String::as_str);
            if text.contains('<') || text.contains('>') {
                errors.insert(name, w.no_markup.into());
            }
        }
        let attendance = self
            .values
            .get("actual_attendance")
            .map_or("", |t| t.trim());
        let actual_attendance = match attendance {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.insert("actual_attendance", w.not_a_number.into());
                    None
                }
            },
        };
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
        if !errors.is_empty() || bad_row {
            return Err(errors);
        }
        let text = |name| self.values.get(name).map_or("", |t| t.trim()).to_string();
        let note = text("attendance_note");
        let content = ReportContent {
            outcomes: text("outcomes"),
            actual_attendance,
            attendance_note: Some(note).filter(|n| !n.is_empty()),
            partners_met: current.map(|c| c.partners_met.clone()).unwrap_or_default(),
            media: current.map(|c| c.media.clone()).unwrap_or_default(),
            lessons: text("lessons"),
            action_items: items,
        };
        Ok((content, used))
    }

    /// Puts the domain's problems next to the fields and rows they concern; answers the
    /// ones that concern neither, as sentences.
    pub fn place(
        &mut self,
        errors: &mut Errors,
        problems: &[FieldError],
        used: &[usize],
        lang: Lang,
    ) -> Vec<String> {
        let mut elsewhere = Vec::new();
        for problem in problems {
            let message = problem.problem.message(lang);
            let field = problem.field.as_str();
            if let Some(rest) = field.strip_prefix("action_items[") {
                let row = rest
                    .split(']')
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .and_then(|n| used.get(n))
                    .and_then(|index| self.rows.get_mut(*index));
                if let Some(row) = row {
                    row.error.get_or_insert(message);
                    continue;
                }
            }
            match [
                "outcomes",
                "actual_attendance",
                "attendance_note",
                "lessons",
            ]
            .into_iter()
            .find(|name| field == *name)
            {
                Some(name) => {
                    errors.entry(name).or_insert(message);
                }
                None => elsewhere.push(message),
            }
        }
        elsewhere
    }
}

fn numbered(values: Values, mut rows: Vec<ItemRow>) -> Typed {
    for (index, row) in rows.iter_mut().enumerate() {
        row.index = index;
    }
    Typed { values, rows }
}
