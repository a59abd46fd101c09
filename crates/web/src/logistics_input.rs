//! Reads a delegation page's logistics form (a travel leg, a stay, a gift, an itinerary
//! entry, a checklist task) into the same `Item` that `POST /api/delegations/{id}/{list}`
//! takes. What cannot be read as typed (a date, a time, a number) is named here; the
//! rest (lengths, a zone, a gate, an end before a start) is the domain's to refuse.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use domain::Lang;
use domain::delegation::{
    AgendaItem, Gift, GiftDirection, GiftKind, Interpreter, InterpreterSide, Item, ItemKind,
    Moment, Stay, Task, TaskKind, TaskStatus, TravelLeg, TravelMode,
};
use domain::values::{Contact, Currency};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::form::Form;
use crate::logistics_words::{LogisticsWords, logistics_words};
use crate::plan_rows::plain_amount;

/// The lists a coordinator adds to from the delegation page, as their paths name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    TravelLegs,
    Stays,
    Interpreters,
    Gifts,
    Itinerary,
    Checklist,
}

impl List {
    pub fn from_segment(segment: &str) -> Option<List> {
        Some(match segment {
            "travel-legs" => List::TravelLegs,
            "stays" => List::Stays,
            "interpreters" => List::Interpreters,
            "gifts" => List::Gifts,
            "itinerary" => List::Itinerary,
            "checklist" => List::Checklist,
            _ => return None,
        })
    }

    /// The page's section, where the browser lands after the change.
    pub fn anchor(self) -> &'static str {
        match self {
            List::TravelLegs => "travel",
            List::Stays => "stays",
            List::Interpreters => "interpreters",
            List::Gifts => "gifts",
            List::Itinerary => "itinerary",
            List::Checklist => "checklist",
        }
    }

    pub fn kind(self) -> ItemKind {
        match self {
            List::TravelLegs => ItemKind::TravelLeg,
            List::Stays => ItemKind::Stay,
            List::Interpreters => ItemKind::Interpreter,
            List::Gifts => ItemKind::Gift,
            List::Itinerary => ItemKind::Agenda,
            List::Checklist => ItemKind::Task,
        }
    }
}

/// Collects what could not be read, each as "label: why".
struct Reader<'a> {
    form: &'a Form,
    words: &'static LogisticsWords,
    lang: Lang,
    problems: Vec<String>,
}

impl Reader<'_> {
    fn text(&self, name: &str) -> String {
        self.form.get(name).trim().to_owned()
    }

    fn optional(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|t| !t.is_empty())
    }

    fn refuse(&mut self, label: &str, why: &str) {
        self.problems.push(format!("{label}: {why}"));
    }

    /// `2027-03-01` as a date field sends it, or `01/03/2027` as people write it.
    fn date(&mut self, name: &str, label: &str) -> NaiveDate {
        let typed = self.text(name);
        NaiveDate::parse_from_str(&typed, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(&typed, "%d/%m/%Y"))
            .unwrap_or_else(|_| {
                self.refuse(label, self.words.not_a_date);
                NaiveDate::MIN
            })
    }

    fn time(&mut self, name: &str, label: &str) -> NaiveTime {
        self.optional_time(name, label).unwrap_or_else(|| {
            if self.text(name).is_empty() {
                self.refuse(label, self.words.not_a_time);
            }
            NaiveTime::MIN
        })
    }

    fn optional_time(&mut self, name: &str, label: &str) -> Option<NaiveTime> {
        let typed = self.text(name);
        if typed.is_empty() {
            return None;
        }
        let time = NaiveTime::parse_from_str(&typed, "%H:%M").ok();
        if time.is_none() {
            self.refuse(label, self.words.not_a_time);
        }
        time
    }

    fn moment(&mut self, prefix: &str, label: &str) -> Moment {
        let date = self.date(&format!("{prefix}_date"), label);
        let time = self.time(&format!("{prefix}_time"), label);
        Moment {
            at: NaiveDateTime::new(date, time),
            timezone: self.text(&format!("{prefix}_zone")),
        }
    }

    fn whole(&mut self, name: &str, label: &str) -> Option<u32> {
        let typed = self.text(name);
        if typed.is_empty() {
            return None;
        }
        let number = typed.parse().ok();
        if number.is_none() {
            self.refuse(label, crate::words::words(self.lang).not_a_number);
        }
        number
    }

    fn amount(&mut self, name: &str, label: &str) -> Option<Decimal> {
        let typed = self.text(name);
        if typed.is_empty() {
            return None;
        }
        let amount = Decimal::from_str(&plain_amount(&typed, self.lang)).ok();
        if amount.is_none() {
            self.refuse(label, self.words.not_an_amount);
        }
        amount
    }

    /// One of `choices` by its form value; anything else is refused.
    fn choice<T: Copy>(&mut self, name: &str, label: &str, choices: &[(&str, T)]) -> T {
        let typed = self.text(name);
        match choices.iter().find(|(value, _)| *value == typed) {
            Some((_, choice)) => *choice,
            None => {
                self.refuse(label, self.words.choose_one);
                choices[0].1
            }
        }
    }
}

pub const TRAVEL_MODES: [(&str, TravelMode); 6] = [
    ("coach", TravelMode::Coach),
    ("car", TravelMode::Car),
    ("train", TravelMode::Train),
    ("plane", TravelMode::Plane),
    ("boat", TravelMode::Boat),
    ("on_foot", TravelMode::OnFoot),
];
pub const INTERPRETER_SIDES: [(&str, InterpreterSide); 3] = [
    ("partner", InterpreterSide::Partner),
    ("ours", InterpreterSide::Ours),
    ("hired", InterpreterSide::Hired),
];
/// The languages an interpreter between the two sides works in, as ISO 639-1 codes.
pub const LANGUAGES: [&str; 3] = ["vi", "zh", "en"];
pub const GIFT_KINDS: [(&str, GiftKind); 2] =
    [("gift", GiftKind::Gift), ("donation", GiftKind::Donation)];
pub const GIFT_DIRECTIONS: [(&str, GiftDirection); 2] = [
    ("given", GiftDirection::Given),
    ("received", GiftDirection::Received),
];
pub const TASK_KINDS: [(&str, TaskKind); 2] =
    [("document", TaskKind::Document), ("task", TaskKind::Task)];
const CURRENCIES: [(&str, Option<Currency>); 4] = [
    ("", None),
    ("VND", Some(Currency::Vnd)),
    ("CNY", Some(Currency::Cny)),
    ("USD", Some(Currency::Usd)),
];

/// The item the form describes, under `id`, or every reason it cannot be read.
pub fn read(list: List, form: &Form, lang: Lang, id: Uuid) -> Result<Item, Vec<String>> {
    let w = logistics_words(lang);
    let mut r = Reader {
        form,
        words: w,
        lang,
        problems: Vec::new(),
    };
    let item = match list {
        List::TravelLegs => Item::TravelLeg(TravelLeg {
            id,
            from: r.text("leg_from"),
            to: r.text("leg_to"),
            mode: r.choice("leg_mode", w.mode, &TRAVEL_MODES),
            departs: r.moment("leg_departs", w.departs),
            arrives: r.moment("leg_arrives", w.arrives),
            border_gate: r.optional("leg_gate"),
            notes: r.optional("leg_notes"),
        }),
        List::Stays => Item::Stay(Stay {
            id,
            name: r.text("stay_name"),
            address: r.optional("stay_address"),
            check_in: r.date("stay_check_in", w.check_in),
            check_out: r.date("stay_check_out", w.check_out),
            rooms: r.whole("stay_rooms", w.rooms),
            phone: r.optional("stay_phone"),
            notes: r.optional("stay_notes"),
        }),
        List::Interpreters => {
            let side = r.choice("interpreter_side", w.interpreter_side, &INTERPRETER_SIDES);
            let ours = side == InterpreterSide::Ours;
            Item::Interpreter(Interpreter {
                id,
                side,
                // Only the side's own field counts: a member chosen earlier and left in the
                // form must not be kept for an interpreter of the partners.
                member_id: r
                    .optional("interpreter_member")
                    .filter(|_| ours)
                    .and_then(|member| Uuid::parse_str(&member).ok()),
                provided_by: r.optional("interpreter_provided_by").filter(|_| !ours),
                languages: LANGUAGES
                    .iter()
                    .filter(|code| form.has(&format!("interpreter_lang_{code}")))
                    .map(|code| (*code).to_owned())
                    .collect(),
                notes: r.optional("interpreter_notes"),
            })
        }
        List::Gifts => Item::Gift(Gift {
            id,
            kind: r.choice("gift_kind", w.gift_kind, &GIFT_KINDS),
            direction: r.choice("gift_direction", w.gift_direction, &GIFT_DIRECTIONS),
            item: r.text("gift_item"),
            quantity: r.whole("gift_quantity", w.quantity).unwrap_or(1),
            recipient: r.text("gift_recipient"),
            value: r.amount("gift_value", w.value),
            currency: r.choice("gift_currency", w.currency, &CURRENCIES),
            notes: r.optional("gift_notes"),
        }),
        List::Itinerary => Item::Agenda(AgendaItem {
            id,
            date: r.date("agenda_date", w.day),
            starts: r.time("agenda_starts", w.starts),
            ends: r.optional_time("agenda_ends", w.ends),
            timezone: r.text("agenda_zone"),
            title: r.text("agenda_title"),
            place: r.text("agenda_place"),
            responsible: r
                .text("agenda_responsible")
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
                .collect(),
            notes: r.optional("agenda_notes"),
        }),
        List::Checklist => Item::Task(Task {
            id,
            kind: r.choice("task_kind", w.task_kind, &TASK_KINDS),
            title: r.text("task_title"),
            owner: Contact {
                name: r.text("task_owner_name"),
                email: r.text("task_owner_email"),
            },
            due_on: r.date("task_due", w.due_on),
            status: TaskStatus::Todo,
            leg_id: r
                .optional("task_leg")
                .and_then(|leg| Uuid::parse_str(&leg).ok()),
            notes: r.optional("task_notes"),
        }),
    };
    if r.problems.is_empty() {
        Ok(item)
    } else {
        Err(r.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Form {
        Form::of(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn a_border_crossing_is_read_with_each_end_in_its_own_zone() {
        let typed = form(&[
            ("leg_from", "Lào Cai"),
            ("leg_to", "Hà Khẩu"),
            ("leg_mode", "on_foot"),
            ("leg_departs_date", "15/07/2027"),
            ("leg_departs_time", "07:30"),
            ("leg_departs_zone", "Asia/Ho_Chi_Minh"),
            ("leg_arrives_date", "2027-07-15"),
            ("leg_arrives_time", "08:45"),
            ("leg_arrives_zone", "Asia/Shanghai"),
            ("leg_gate", "lao_cai"),
        ]);
        let Ok(Item::TravelLeg(leg)) = read(List::TravelLegs, &typed, Lang::Vi, Uuid::nil()) else {
            panic!("the leg is read");
        };
        assert_eq!(leg.mode, TravelMode::OnFoot);
        assert_eq!(leg.departs.at.to_string(), "2027-07-15 07:30:00");
        assert_eq!(leg.arrives.timezone, "Asia/Shanghai");
        assert_eq!(leg.border_gate.as_deref(), Some("lao_cai"));
        assert_eq!(leg.notes, None);
    }

    #[test]
    fn what_cannot_be_read_is_named_in_the_persons_words() {
        let typed = form(&[
            ("gift_kind", "donation"),
            ("gift_direction", "given"),
            ("gift_item", "Vật tư y tế"),
            ("gift_quantity", "mười"),
            ("gift_recipient", "Hội Chữ thập đỏ Quảng Tây"),
            ("gift_value", "hai triệu"),
        ]);
        let problems = read(List::Gifts, &typed, Lang::Vi, Uuid::nil()).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("Số lượng: "), "{problems:?}");
        assert!(problems[1].starts_with("Trị giá: "), "{problems:?}");
    }

    #[test]
    fn amounts_are_read_as_the_language_writes_them() {
        let typed = form(&[
            ("gift_kind", "gift"),
            ("gift_direction", "received"),
            ("gift_item", "Tranh thêu"),
            ("gift_quantity", "2"),
            ("gift_recipient", "Đoàn Thanh niên huyện Hà Khẩu"),
            ("gift_value", "1.500.000,50"),
            ("gift_currency", "VND"),
        ]);
        let Ok(Item::Gift(gift)) = read(List::Gifts, &typed, Lang::Vi, Uuid::nil()) else {
            panic!("the gift is read");
        };
        assert_eq!(gift.value, Some(Decimal::new(150_000_050, 2)));
        assert_eq!(gift.currency, Some(Currency::Vnd));
    }

    #[test]
    fn an_itinerary_entry_without_an_end_and_with_two_people_responsible() {
        let typed = form(&[
            ("agenda_date", "2027-07-15"),
            ("agenda_starts", "09:00"),
            ("agenda_zone", "Asia/Shanghai"),
            ("agenda_title", "Giao lưu văn nghệ"),
            ("agenda_place", "Cung Thiếu nhi Hà Khẩu"),
            ("agenda_responsible", "Ban Tổ chức, đ/c Vân Anh ,"),
        ]);
        let Ok(Item::Agenda(entry)) = read(List::Itinerary, &typed, Lang::Vi, Uuid::nil()) else {
            panic!("the entry is read");
        };
        assert_eq!(entry.ends, None);
        assert_eq!(entry.responsible, ["Ban Tổ chức", "đ/c Vân Anh"]);
    }

    #[test]
    fn a_day_no_calendar_has_is_refused() {
        let typed = form(&[
            ("task_kind", "document"),
            ("task_title", "Công văn gửi Bộ đội Biên phòng"),
            ("task_owner_name", "Nông Thị Hoa"),
            ("task_owner_email", "hoa@tinhdoancaobang.example.vn"),
            ("task_due", "31/02/2027"),
        ]);
        let problems = read(List::Checklist, &typed, Lang::En, Uuid::nil()).unwrap_err();
        assert_eq!(problems, ["Due date: not a date (dd/mm/yyyy)"]);
    }

    #[test]
    fn an_interpreter_of_the_partners_keeps_only_what_their_side_needs() {
        let typed = form(&[
            ("interpreter_side", "partner"),
            ("interpreter_member", "0190b1f2-0000-7000-8000-000000000001"),
            ("interpreter_provided_by", "Đoàn Thanh niên huyện Hà Khẩu"),
            ("interpreter_lang_vi", "1"),
            ("interpreter_lang_zh", "1"),
        ]);
        let Ok(Item::Interpreter(interpreter)) =
            read(List::Interpreters, &typed, Lang::Vi, Uuid::nil())
        else {
            panic!("the interpreter is read");
        };
        assert_eq!(interpreter.side, InterpreterSide::Partner);
        assert_eq!(interpreter.member_id, None);
        assert_eq!(
            interpreter.provided_by.as_deref(),
            Some("Đoàn Thanh niên huyện Hà Khẩu")
        );
        assert_eq!(interpreter.languages, ["vi", "zh"]);
    }
}
