//! The itinerary as an iCalendar file. Every time carries the timezone of where it happens
//! (`TZID=Asia/Ho_Chi_Minh` before the crossing, `Asia/Shanghai` after), and the file
//! defines each of those timezones in a VTIMEZONE, so that Outlook, Google Calendar and
//! phones show 08:45 in Hekou as 07:45 to someone reading it in Lào Cai.

use std::collections::BTreeSet;

use chrono::{NaiveDateTime, Offset, TimeZone as _};
use domain::delegation::{Moment, border_gate};
use ics::parameters::TzIDParam;
use ics::properties::{Description, DtEnd, DtStart, Location, Name, Summary, TzName};
use ics::{Event, ICalendar, Standard, TimeZone, escape_text};

use crate::roster::Roster;

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

fn starts(moment: &Moment) -> DtStart<'static> {
    let mut property = DtStart::new(local(moment.at));
    property.add(TzIDParam::new(moment.timezone.clone()));
    property
}

fn ends(moment: &Moment) -> DtEnd<'static> {
    let mut property = DtEnd::new(local(moment.at));
    property.add(TzIDParam::new(moment.timezone.clone()));
    property
}

/// `+0700` for `25200` seconds.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// The definition of a timezone as of `at`. Vietnam and China keep one offset all year
/// (no daylight saving), so one STANDARD rule is exact for them.
fn vtimezone(name: &str, at: NaiveDateTime) -> Option<TimeZone<'static>> {
    let tz: chrono_tz::Tz = name.parse().ok()?;
    let seconds = tz.offset_from_utc_datetime(&at).fix().local_minus_utc();
    let offset = offset_text(seconds);
    let mut rule = Standard::new("19700101T000000", offset.clone(), offset.clone());
    rule.push(TzName::new(format!("UTC{offset}")));
    Some(TimeZone::standard(name.to_string(), rule))
}

/// The travel legs and the day-by-day agenda of a delegation, as an `.ics` file.
pub fn itinerary_ics(roster: &Roster) -> String {
    let record = &roster.delegation.record;
    let stamp = roster
        .delegation
        .updated_at
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut calendar = ICalendar::new("2.0", "-//Cau Noi//Lich trinh doan//VI");
    calendar.push(Name::new(escape_text(record.name.clone())));
    // Outlook and Google Calendar name an imported calendar by this older property.
    calendar.push(ics::components::Property::new(
        "X-WR-CALNAME",
        escape_text(record.name.clone()),
    ));
    let mut zones = BTreeSet::new();
    let mut first: Option<NaiveDateTime> = None;
    let mut events = Vec::new();
    for leg in &record.legs {
        zones.insert(leg.departs.timezone.clone());
        zones.insert(leg.arrives.timezone.clone());
        first = Some(first.map_or(leg.departs.at, |f| f.min(leg.departs.at)));
        let gate = leg
            .border_gate
            .as_deref()
            .and_then(border_gate)
            .map(|g| format!(" (qua {})", g.name))
            .unwrap_or_default();
        let mut event = Event::new(format!("{}@caunoi", leg.id), stamp.clone());
        event.push(Summary::new(escape_text(format!(
            "Di chuyển: {} → {}{gate}",
            leg.from, leg.to
        ))));
        event.push(Location::new(escape_text(leg.from.clone())));
        event.push(starts(&leg.departs));
        event.push(ends(&leg.arrives));
        if let Some(notes) = &leg.notes {
            event.push(Description::new(escape_text(notes.clone())));
        }
        events.push(event);
    }
    for item in &record.agenda {
        zones.insert(item.timezone.clone());
        let start = item.starts_moment();
        first = Some(first.map_or(start.at, |f| f.min(start.at)));
        let mut description = Vec::new();
        if !item.responsible.is_empty() {
            description.push(format!("Phụ trách: {}", item.responsible.join(", ")));
        }
        if let Some(notes) = &item.notes {
            description.push(notes.clone());
        }
        let mut event = Event::new(format!("{}@caunoi", item.id), stamp.clone());
        event.push(Summary::new(escape_text(item.title.clone())));
        event.push(Location::new(escape_text(item.place.clone())));
        event.push(starts(&start));
        event.push(ends(&item.ends_moment()));
        if !description.is_empty() {
            event.push(Description::new(escape_text(description.join("\n"))));
        }
        events.push(event);
    }
    let at = first.unwrap_or_else(|| roster.programme.record.plan.schedule.start.into());
    for zone in &zones {
        if let Some(definition) = vtimezone(zone, at) {
            calendar.add_timezone(definition);
        }
    }
    for event in events {
        calendar.add_event(event);
    }
    calendar.to_string()
}
