//! A printable one-page itinerary: no external resources, readable on a phone, and on
//! A4 paper.

use askama::Template;
use chrono::{NaiveDate, Offset, TimeZone};
use domain::delegation::{AgendaItem, Moment, border_gate};

use crate::LogisticsError;
use crate::labels;
use crate::roster::Roster;

struct Leg {
    route: String,
    mode: &'static str,
    departs: String,
    arrives: String,
    gate: String,
}

struct Entry {
    time: String,
    title: String,
    place: String,
    responsible: String,
    notes: String,
}

struct Day {
    date: String,
    entries: Vec<Entry>,
}

struct Stay {
    name: String,
    dates: String,
    address: String,
}

#[derive(Template)]
#[template(path = "itinerary.html")]
struct ItineraryPage {
    delegation: String,
    programme: String,
    dates: String,
    legs: Vec<Leg>,
    days: Vec<Day>,
    stays: Vec<Stay>,
}

/// `07:30 (UTC+7)`: the local time and the offset of the place, so that a reader on the
/// other side of the border knows which clock it is.
fn clock(moment: &Moment) -> String {
    let offset = moment
        .tz()
        .map(|tz| tz.offset_from_local_datetime(&moment.at).earliest())
        .and_then(|o| o.map(|o| o.fix().local_minus_utc() / 3600))
        .map(|hours| format!(" (UTC{hours:+})"))
        .unwrap_or_default();
    format!("{}{offset}", moment.at.format("%H:%M"))
}

fn mode(mode: domain::delegation::TravelMode) -> &'static str {
    use domain::delegation::TravelMode::*;
    match mode {
        Coach => "Xe khách",
        Car => "Ô tô",
        Train => "Tàu hỏa",
        Plane => "Máy bay",
        Boat => "Tàu thủy",
        OnFoot => "Đi bộ",
    }
}

fn entry(item: &AgendaItem) -> Entry {
    let start = item.starts_moment();
    let time = match item.ends {
        Some(ends) => format!(
            "{}–{}",
            item.starts.format("%H:%M"),
            clock(&Moment {
                at: item.date.and_time(ends),
                ..start.clone()
            })
        ),
        None => clock(&start),
    };
    Entry {
        time,
        title: item.title.clone(),
        place: item.place.clone(),
        responsible: item.responsible.join(", "),
        notes: item.notes.clone().unwrap_or_default(),
    }
}

pub fn itinerary_html(roster: &Roster) -> Result<String, LogisticsError> {
    let record = &roster.delegation.record;
    let plan = &roster.programme.record.plan;
    let mut legs: Vec<_> = record.legs.iter().collect();
    legs.sort_by_key(|l| l.departs.instant());
    let mut agenda: Vec<_> = record.agenda.iter().collect();
    agenda.sort_by_key(|a| a.starts_moment().instant());
    let mut days: Vec<Day> = Vec::new();
    let mut current: Option<NaiveDate> = None;
    for item in agenda {
        if current != Some(item.date) {
            current = Some(item.date);
            days.push(Day {
                date: format!("{} {}", weekday(item.date), labels::date(item.date)),
                entries: Vec::new(),
            });
        }
        if let Some(day) = days.last_mut() {
            day.entries.push(entry(item));
        }
    }
    let page = ItineraryPage {
        delegation: record.name.clone(),
        programme: plan.title.clone(),
        dates: format!(
            "{} – {}",
            labels::date(plan.schedule.start),
            labels::date(plan.schedule.end)
        ),
        legs: legs
            .into_iter()
            .map(|l| Leg {
                route: format!("{} → {}", l.from, l.to),
                mode: mode(l.mode),
                departs: format!(
                    "{} {}",
                    labels::date(l.departs.at.date()),
                    clock(&l.departs)
                ),
                arrives: format!(
                    "{} {}",
                    labels::date(l.arrives.at.date()),
                    clock(&l.arrives)
                ),
                gate: l
                    .border_gate
                    .as_deref()
                    .and_then(border_gate)
                    .map(|g| format!("{} – {} ({})", g.name, g.facing_vi, g.facing_zh))
                    .unwrap_or_default(),
            })
            .collect(),
        days,
        stays: record
            .stays
            .iter()
            .map(|s| Stay {
                name: s.name.clone(),
                dates: format!(
                    "{} – {}",
                    labels::date(s.check_in),
                    labels::date(s.check_out)
                ),
                address: s.address.clone().unwrap_or_default(),
            })
            .collect(),
    };
    page.render()
        .map_err(|e| LogisticsError::Page(e.to_string()))
}

fn weekday(date: NaiveDate) -> &'static str {
    use chrono::Datelike;
    match date.weekday() {
        chrono::Weekday::Mon => "Thứ Hai",
        chrono::Weekday::Tue => "Thứ Ba",
        chrono::Weekday::Wed => "Thứ Tư",
        chrono::Weekday::Thu => "Thứ Năm",
        chrono::Weekday::Fri => "Thứ Sáu",
        chrono::Weekday::Sat => "Thứ Bảy",
        chrono::Weekday::Sun => "Chủ Nhật",
    }
}
