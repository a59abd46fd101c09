//! A delegation's travel, stays, and gifts and donations as its page shows them, with the
//! choices its forms offer (modes, zones in words, border gates, the legs a task can be
//! tied to), and what a refused form had typed.

use domain::Lang;
use domain::delegation::{BORDER_GATES, DelegationRecord, Moment, border_gate};
use domain::labels::{format_date, format_money, zone_name};
use uuid::Uuid;

use crate::form::Form;
use crate::logistics_input::{
    GIFT_DIRECTIONS, GIFT_KINDS, INTERPRETER_SIDES, LANGUAGES, TASK_KINDS, TRAVEL_MODES,
};
use crate::logistics_words::{
    LogisticsWords, gift_direction, gift_kind, interpreter_side, language_name, logistics_words,
    task_kind, travel_mode,
};

/// The zones a delegation between Vietnam and China meets, first the two sides'.
const ZONES: [&str; 4] = [
    "Asia/Ho_Chi_Minh",
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Vientiane",
];

pub struct LegView {
    pub id: Uuid,
    pub route: String,
    pub mode: &'static str,
    pub departs: String,
    pub arrives: String,
    pub gate: Option<String>,
    pub notes: Option<String>,
}

pub struct StayView {
    pub id: Uuid,
    pub name: String,
    pub dates: String,
    pub details: String,
}

pub struct InterpreterView {
    pub id: Uuid,
    pub side: &'static str,
    pub who: String,
    pub languages: String,
}

pub struct GiftView {
    pub id: Uuid,
    pub heading: String,
    pub item: String,
    pub recipient: String,
    pub value: Option<String>,
}

/// A form that was refused: which section, why, and what was typed, so that the person
/// corrects it instead of typing it again.
pub struct Refused {
    pub anchor: &'static str,
    pub message: String,
    pub typed: Form,
}

pub struct Logistics {
    pub l: &'static LogisticsWords,
    pub legs: Vec<LegView>,
    pub stays: Vec<StayView>,
    pub gifts: Vec<GiftView>,
    pub interpreters: Vec<InterpreterView>,
    pub interpreter_sides: Vec<(&'static str, &'static str)>,
    pub languages: Vec<(&'static str, String)>,
    /// The roster's members whose details are readable: id and name.
    pub members: Vec<(String, String)>,
    pub modes: Vec<(&'static str, &'static str)>,
    pub zones: Vec<(&'static str, String)>,
    pub gates: Vec<(&'static str, String)>,
    pub gift_kinds: Vec<(&'static str, &'static str)>,
    pub gift_directions: Vec<(&'static str, &'static str)>,
    pub task_kinds: Vec<(&'static str, &'static str)>,
    /// Each leg's id (as the form sends it) and route.
    pub leg_choices: Vec<(String, String)>,
    pub refused: Option<Refused>,
}

impl Logistics {
    /// `members`: the roster's readable members, id and name, for the interpreter form.
    pub fn of(
        record: &DelegationRecord,
        members: Vec<(Uuid, String)>,
        lang: Lang,
        refused: Option<Refused>,
    ) -> Logistics {
        let name_of = |id: Uuid| {
            members
                .iter()
                .find(|(member, _)| *member == id)
                .map(|(_, name)| name.clone())
        };
        let mut legs: Vec<_> = record.legs.iter().collect();
        legs.sort_by_key(|leg| leg.departs.instant());
        let mut stays: Vec<_> = record.stays.iter().collect();
        stays.sort_by_key(|stay| stay.check_in);
        Logistics {
            l: logistics_words(lang),
            leg_choices: legs
                .iter()
                .map(|leg| (leg.id.to_string(), format!("{} → {}", leg.from, leg.to)))
                .collect(),
            legs: legs
                .into_iter()
                .map(|leg| LegView {
                    id: leg.id,
                    route: format!("{} → {}", leg.from, leg.to),
                    mode: travel_mode(leg.mode, lang),
                    departs: moment(&leg.departs, lang),
                    arrives: moment(&leg.arrives, lang),
                    gate: leg.border_gate.as_deref().map(|code| {
                        border_gate(code).map_or_else(|| code.to_owned(), |g| g.name.to_owned())
                    }),
                    notes: leg.notes.clone(),
                })
                .collect(),
            stays: stays
                .into_iter()
                .map(|stay| StayView {
                    id: stay.id,
                    name: stay.name.clone(),
                    dates: format!(
                        "{} – {}",
                        format_date(stay.check_in, lang),
                        format_date(stay.check_out, lang)
                    ),
                    details: [
                        stay.address.clone(),
                        stay.rooms
                            .map(|r| format!("{} {r}", logistics_words(lang).rooms)),
                        stay.phone.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
                })
                .collect(),
            gifts: record
                .gifts
                .iter()
                .map(|gift| GiftView {
                    id: gift.id,
                    heading: format!(
                        "{} · {}",
                        gift_kind(gift.kind, lang),
                        gift_direction(gift.direction, lang)
                    ),
                    item: format!("{} × {}", gift.quantity, gift.item),
                    recipient: gift.recipient.clone(),
                    value: gift
                        .value
                        .zip(gift.currency)
                        .map(|(value, currency)| format_money(value, currency, lang)),
                })
                .collect(),
            interpreters: record
                .interpreters
                .iter()
                .map(|i| InterpreterView {
                    id: i.id,
                    side: interpreter_side(i.side, lang),
                    who: i
                        .member_id
                        .and_then(name_of)
                        .or_else(|| i.provided_by.clone())
                        .unwrap_or_default(),
                    languages: i
                        .languages
                        .iter()
                        .map(|code| language_name(code, lang))
                        .collect::<Vec<_>>()
                        .join(" – "),
                })
                .collect(),
            interpreter_sides: INTERPRETER_SIDES
                .iter()
                .map(|(value, side)| (*value, interpreter_side(*side, lang)))
                .collect(),
            languages: LANGUAGES
                .iter()
                .map(|code| (*code, language_name(code, lang)))
                .collect(),
            members: members
                .iter()
                .map(|(id, name)| (id.to_string(), name.clone()))
                .collect(),
            modes: TRAVEL_MODES
                .iter()
                .map(|(value, mode)| (*value, travel_mode(*mode, lang)))
                .collect(),
            zones: ZONES.iter().map(|z| (*z, zone_name(z, lang))).collect(),
            gates: BORDER_GATES
                .iter()
                .map(|g| (g.code, format!("{} ({})", g.name, g.province)))
                .collect(),
            gift_kinds: GIFT_KINDS
                .iter()
                .map(|(value, kind)| (*value, gift_kind(*kind, lang)))
                .collect(),
            gift_directions: GIFT_DIRECTIONS
                .iter()
                .map(|(value, direction)| (*value, gift_direction(*direction, lang)))
                .collect(),
            task_kinds: TASK_KINDS
                .iter()
                .map(|(value, kind)| (*value, task_kind(*kind, lang)))
                .collect(),
            refused,
        }
    }

    /// What the refused form had in `name`, or "" on a fresh page.
    pub fn typed(&self, name: &str) -> &str {
        self.refused.as_ref().map_or("", |r| r.typed.get(name))
    }

    /// Whether a box was ticked in the refused form.
    pub fn ticked(&self, name: &str) -> bool {
        self.refused.as_ref().is_some_and(|r| r.typed.has(name))
    }

    /// Whether a select shows `value` chosen: the typed one, else the first (`fallback`).
    pub fn chosen(&self, name: &str, value: &str, fallback: &str) -> bool {
        match self.typed(name) {
            "" => value == fallback,
            typed => typed == value,
        }
    }

    /// The refusal to show in section `anchor`, if it was that section's form.
    pub fn refusal(&self, anchor: &str) -> Option<&str> {
        self.refused
            .as_ref()
            .filter(|r| r.anchor == anchor)
            .map(|r| r.message.as_str())
    }
}

/// "15/07/2027 07:30 (giờ Việt Nam)": each end of a leg in its own zone.
fn moment(moment: &Moment, lang: Lang) -> String {
    format!(
        "{} {} ({})",
        format_date(moment.at.date(), lang),
        moment.at.format("%H:%M"),
        zone_name(&moment.timezone, lang)
    )
}
