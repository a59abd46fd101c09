//! The logistics of a delegation other than its people: travel, where it stays, its
//! interpreters, gifts and donations, the day-by-day itinerary and the checklist. None of
//! it is personal: people responsible and task owners are named as officials at work, like
//! a programme's coordinator.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::border_gate::border_gate;
use crate::error::{FieldError, Problem};
use crate::values::{Contact, Currency, check_count, check_text};

/// A local date and time where something happens, with that place's timezone: a coach
/// leaving Lào Cai at 07:30 (UTC+7) reaches Hekou at 08:45 (UTC+8) fifteen minutes later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    pub at: NaiveDateTime,
    /// An IANA name such as `Asia/Ho_Chi_Minh` or `Asia/Shanghai`.
    pub timezone: String,
}

impl Moment {
    pub fn tz(&self) -> Option<chrono_tz::Tz> {
        self.timezone.parse().ok()
    }

    /// The instant, when the timezone is known (always, once checked).
    pub fn instant(&self) -> Option<DateTime<Utc>> {
        let tz = self.tz()?;
        tz.from_local_datetime(&self.at)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    fn check(&self, path: &str, errors: &mut Vec<FieldError>) {
        if self.tz().is_none() {
            errors.push(FieldError::new(
                format!("{path}.timezone"),
                Problem::UnknownTimezone,
            ));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TravelMode {
    Coach,
    Car,
    Train,
    Plane,
    Boat,
    /// Crossing the border on foot, as children's delegations often do.
    OnFoot,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TravelLeg {
    pub id: Uuid,
    pub from: String,
    pub to: String,
    pub mode: TravelMode,
    pub departs: Moment,
    pub arrives: Moment,
    /// The code of the border gate crossed on this leg (see `border_gate`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border_gate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stay {
    pub id: Uuid,
    /// The hotel or guest house.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    pub check_in: NaiveDate,
    pub check_out: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rooms: Option<u32>,
    /// The front desk, not a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterpreterSide {
    /// Travels with the delegation: they are on the roster.
    Ours,
    /// Provided by the partners.
    Partner,
    /// Hired for the occasion.
    Hired,
}

/// An interpreter's assignment. One who travels with the delegation is a member of the
/// roster (`member_id`), where their personal data is kept and protected; otherwise only
/// the organisation that provides them is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interpreter {
    pub id: Uuid,
    pub side: InterpreterSide,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provided_by: Option<String>,
    /// ISO 639-1 codes, e.g. `["vi", "zh"]`.
    pub languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GiftKind {
    /// Quà lưu niệm
    Gift,
    /// Ủng hộ, tài trợ: e.g. medical supplies for the Guangxi Red Cross.
    Donation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GiftDirection {
    Given,
    Received,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gift {
    pub id: Uuid,
    pub kind: GiftKind,
    pub direction: GiftDirection,
    pub item: String,
    pub quantity: u32,
    /// Who receives it (or gave it, for a gift received): an organisation.
    pub recipient: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One entry of the day-by-day itinerary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub id: Uuid,
    pub date: NaiveDate,
    pub starts: NaiveTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<NaiveTime>,
    /// Where it takes place: `Asia/Shanghai` once across the border.
    pub timezone: String,
    pub title: String,
    pub place: String,
    /// People or teams responsible, e.g. `Ban Tổ chức`, `đ/c Trương Thị Vân Anh`.
    #[serde(default)]
    pub responsible: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl AgendaItem {
    pub fn starts_moment(&self) -> Moment {
        Moment {
            at: self.date.and_time(self.starts),
            timezone: self.timezone.clone(),
        }
    }

    /// Without an end, an item lasts an hour on calendars.
    pub fn ends_moment(&self) -> Moment {
        let ends = match self.ends {
            Some(ends) => self.date.and_time(ends),
            None => self.date.and_time(self.starts) + chrono::Duration::hours(1),
        };
        Moment {
            at: ends,
            timezone: self.timezone.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// A paper to obtain or send: an invitation letter, the list for the border guard.
    Document,
    Task,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Todo,
    InProgress,
    Done,
    /// Decided not to be needed for this delegation.
    NotNeeded,
}

impl TaskStatus {
    /// Done or dropped: no reminder is due.
    pub fn is_closed(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::NotNeeded)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Todo => "todo",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::NotNeeded => "not_needed",
        }
    }
}

/// A document or task on the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: Uuid,
    pub kind: TaskKind,
    pub title: String,
    pub owner: Contact,
    pub due_on: NaiveDate,
    #[serde(default = "todo")]
    pub status: TaskStatus,
    /// The travel leg it must be done before, e.g. sending the list to the border guard
    /// before the crossing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leg_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

fn todo() -> TaskStatus {
    TaskStatus::Todo
}

/// Anything of a delegation's logistics that is added, changed and removed by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", content = "item", rename_all = "snake_case")]
pub enum Item {
    TravelLeg(TravelLeg),
    Stay(Stay),
    Interpreter(Interpreter),
    Gift(Gift),
    Agenda(AgendaItem),
    Task(Task),
}

/// Which list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    TravelLeg,
    Stay,
    Interpreter,
    Gift,
    Agenda,
    Task,
}

const MAX_TEXT: usize = 300;
const MAX_NOTES: usize = 2000;

fn check_notes(path: &str, notes: &Option<String>, errors: &mut Vec<FieldError>) {
    if let Some(notes) = notes {
        check_text(&format!("{path}.notes"), notes, MAX_NOTES, false, errors);
    }
}

impl Item {
    pub fn id(&self) -> Uuid {
        match self {
            Item::TravelLeg(i) => i.id,
            Item::Stay(i) => i.id,
            Item::Interpreter(i) => i.id,
            Item::Gift(i) => i.id,
            Item::Agenda(i) => i.id,
            Item::Task(i) => i.id,
        }
    }

    pub fn kind(&self) -> ItemKind {
        match self {
            Item::TravelLeg(_) => ItemKind::TravelLeg,
            Item::Stay(_) => ItemKind::Stay,
            Item::Interpreter(_) => ItemKind::Interpreter,
            Item::Gift(_) => ItemKind::Gift,
            Item::Agenda(_) => ItemKind::Agenda,
            Item::Task(_) => ItemKind::Task,
        }
    }

    /// Trims what people typed; border gate codes and languages in lower case.
    pub fn normalised(&self) -> Item {
        let trim = |s: &str| s.trim().to_string();
        let trim_opt = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
        };
        match self {
            Item::TravelLeg(leg) => Item::TravelLeg(TravelLeg {
                from: trim(&leg.from),
                to: trim(&leg.to),
                border_gate: trim_opt(&leg.border_gate).map(|g| g.to_lowercase()),
                notes: trim_opt(&leg.notes),
                ..leg.clone()
            }),
            Item::Stay(stay) => Item::Stay(Stay {
                name: trim(&stay.name),
                address: trim_opt(&stay.address),
                phone: trim_opt(&stay.phone),
                notes: trim_opt(&stay.notes),
                ..stay.clone()
            }),
            Item::Interpreter(i) => Item::Interpreter(Interpreter {
                provided_by: trim_opt(&i.provided_by),
                languages: i.languages.iter().map(|l| trim(l).to_lowercase()).collect(),
                notes: trim_opt(&i.notes),
                ..i.clone()
            }),
            Item::Gift(gift) => Item::Gift(Gift {
                item: trim(&gift.item),
                recipient: trim(&gift.recipient),
                notes: trim_opt(&gift.notes),
                ..gift.clone()
            }),
            Item::Agenda(a) => Item::Agenda(AgendaItem {
                title: trim(&a.title),
                place: trim(&a.place),
                timezone: trim(&a.timezone),
                responsible: a
                    .responsible
                    .iter()
                    .map(|r| trim(r))
                    .filter(|r| !r.is_empty())
                    .collect(),
                notes: trim_opt(&a.notes),
                ..a.clone()
            }),
            Item::Task(t) => Item::Task(Task {
                title: trim(&t.title),
                owner: Contact {
                    name: trim(&t.owner.name),
                    email: trim(&t.owner.email),
                },
                notes: trim_opt(&t.notes),
                ..t.clone()
            }),
        }
    }

    /// Problems of the item on its own, under `item.…`. Checks against the rest of the
    /// delegation (does the leg exist?) are made by `decide`.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let e = &mut errors;
        match self {
            Item::TravelLeg(leg) => {
                check_text("item.from", &leg.from, MAX_TEXT, true, e);
                check_text("item.to", &leg.to, MAX_TEXT, true, e);
                leg.departs.check("item.departs", e);
                leg.arrives.check("item.arrives", e);
                if let (Some(departs), Some(arrives)) =
                    (leg.departs.instant(), leg.arrives.instant())
                    && arrives < departs
                {
                    e.push(FieldError::new("item.arrives", Problem::EndBeforeStart));
                }
                if let Some(code) = &leg.border_gate
                    && border_gate(code).is_none()
                {
                    e.push(FieldError::new(
                        "item.border_gate",
                        Problem::UnknownBorderGate,
                    ));
                }
                check_notes("item", &leg.notes, e);
            }
            Item::Stay(stay) => {
                check_text("item.name", &stay.name, MAX_TEXT, true, e);
                if let Some(address) = &stay.address {
                    check_text("item.address", address, MAX_TEXT, false, e);
                }
                if stay.check_out < stay.check_in {
                    e.push(FieldError::new("item.check_out", Problem::EndBeforeStart));
                }
                if stay.rooms == Some(0) {
                    e.push(FieldError::new(
                        "item.rooms",
                        Problem::OutOfRange { min: 1, max: 2000 },
                    ));
                }
                if let Some(phone) = &stay.phone {
                    check_text("item.phone", phone, 30, false, e);
                }
                check_notes("item", &stay.notes, e);
            }
            Item::Interpreter(i) => {
                if i.languages.len() < 2 {
                    e.push(FieldError::new("item.languages", Problem::Required));
                }
                check_count("item.languages", &i.languages, 5, e);
                for (n, language) in i.languages.iter().enumerate() {
                    let ok = (2..=3).contains(&language.len())
                        && language.chars().all(|c| c.is_ascii_lowercase());
                    if !ok {
                        e.push(FieldError::new(
                            format!("item.languages[{n}]"),
                            Problem::Unknown,
                        ));
                    }
                }
                match (i.side, &i.member_id, &i.provided_by) {
                    (InterpreterSide::Ours, None, _) => {
                        e.push(FieldError::new("item.member_id", Problem::Required));
                    }
                    (InterpreterSide::Partner | InterpreterSide::Hired, _, None) => {
                        e.push(FieldError::new("item.provided_by", Problem::Required));
                    }
                    _ => {}
                }
                if let Some(by) = &i.provided_by {
                    check_text("item.provided_by", by, MAX_TEXT, true, e);
                }
                check_notes("item", &i.notes, e);
            }
            Item::Gift(gift) => {
                check_text("item.item", &gift.item, MAX_TEXT, true, e);
                check_text("item.recipient", &gift.recipient, MAX_TEXT, true, e);
                if gift.quantity == 0 {
                    e.push(FieldError::new(
                        "item.quantity",
                        Problem::OutOfRange {
                            min: 1,
                            max: u32::MAX.into(),
                        },
                    ));
                }
                match (gift.value, gift.currency) {
                    (Some(value), Some(currency)) => {
                        if value.is_sign_negative() && !value.is_zero() {
                            e.push(FieldError::new("item.value", Problem::Negative));
                        } else if value.normalize().scale() > currency.minor_units() {
                            e.push(FieldError::new(
                                "item.value",
                                Problem::TooManyDecimals {
                                    currency: currency.code().into(),
                                    max: currency.minor_units(),
                                },
                            ));
                        }
                    }
                    (Some(_), None) => e.push(FieldError::new("item.currency", Problem::Required)),
                    (None, _) => {}
                }
                check_notes("item", &gift.notes, e);
            }
            Item::Agenda(a) => {
                check_text("item.title", &a.title, MAX_TEXT, true, e);
                check_text("item.place", &a.place, MAX_TEXT, true, e);
                if a.timezone.parse::<chrono_tz::Tz>().is_err() {
                    e.push(FieldError::new("item.timezone", Problem::UnknownTimezone));
                }
                if a.ends.is_some_and(|ends| ends < a.starts) {
                    e.push(FieldError::new("item.ends", Problem::EndBeforeStart));
                }
                check_count("item.responsible", &a.responsible, 10, e);
                for (n, who) in a.responsible.iter().enumerate() {
                    check_text(&format!("item.responsible[{n}]"), who, 200, true, e);
                }
                check_notes("item", &a.notes, e);
            }
            Item::Task(t) => {
                check_text("item.title", &t.title, MAX_TEXT, true, e);
                t.owner.check("item.owner", e);
                check_notes("item", &t.notes, e);
            }
        }
        errors
    }
}
