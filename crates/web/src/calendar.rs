//! The calendar of a person's programmes: a month grid and an agenda, in Vietnam's time,
//! with dates written the Vietnamese way.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Months, NaiveDate};
use domain::Lang;
use domain::labels::format_date;
use serde::Deserialize;

use crate::auth::{Nav, SignedIn};
use crate::listing::{Item, today, visible};
use crate::pages;
use crate::pages::PageError;
use crate::render::page;
use crate::state::WebState;
use crate::texts::{Texts, texts};
use crate::words::{Words, words};

#[derive(Deserialize)]
pub struct MonthParam {
    month: Option<String>,
}

struct Day {
    number: u32,
    in_month: bool,
    today: bool,
    items: Vec<Item>,
}

struct AgendaDay {
    heading: String,
    items: Vec<Item>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct MonthPage {
    t: &'static Texts,
    w: &'static Words,
    nav: Nav,
    month: String,
    month_label: String,
    previous: String,
    next: String,
    weeks: Vec<Vec<Day>>,
}

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage {
    t: &'static Texts,
    w: &'static Words,
    nav: Nav,
    month: String,
    month_label: String,
    previous: String,
    next: String,
    days: Vec<AgendaDay>,
}

/// The first day of the asked month (`2027-11`), else of this month in Vietnam.
fn first_of(param: &MonthParam, today: NaiveDate) -> NaiveDate {
    param
        .month
        .as_deref()
        .and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
        .unwrap_or_else(|| today.with_day(1).expect("every month has a first day"))
}

pub fn month_label(first: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tháng {}/{}", first.month(), first.year()),
        Lang::En => first.format("%B %Y").to_string(),
    }
}

fn key(first: NaiveDate) -> String {
    first.format("%Y-%m").to_string()
}

fn on(items: &[Item], day: NaiveDate) -> Vec<Item> {
    items
        .iter()
        .filter(|i| i.start <= day && day <= i.end)
        .cloned()
        .collect()
}

async fn month_items(
    state: &WebState,
    user: &SignedIn,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Item>, Response> {
    Ok(visible(state, user)
        .await
        .map_err(|e| pages::unavailable(user.lang, &e))?
        .into_iter()
        .filter(|i| i.start <= last && i.end >= first && i.status != "cancelled")
        .collect())
}

pub async fn month(
    State(state): State<WebState>,
    user: SignedIn,
    Query(param): Query<MonthParam>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let first = first_of(&param, today(&state.clock));
    let last = first + Months::new(1) - chrono::Days::new(1);
    let items = month_items(&state, &user, first, last).await?;
    let today = today(&state.clock);
    // Weeks start on Monday, as Vietnamese calendars do.
    let mut day = first - chrono::Days::new(u64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    while day <= last {
        let mut week = Vec::new();
        for _ in 0..7 {
            week.push(Day {
                number: day.day(),
                in_month: day.month() == first.month(),
                today: day == today,
                items: if day.month() == first.month() {
                    on(&items, day)
                } else {
                    vec![]
                },
            });
            day = day.succ_opt().expect("dates far from the end of time");
        }
        weeks.push(week);
    }
    Ok(page(
        StatusCode::OK,
        &MonthPage {
            t: texts(lang),
            w: words(lang),
            nav: user.nav(),
            month: key(first),
            month_label: month_label(first, lang),
            previous: key(first - Months::new(1)),
            next: key(first + Months::new(1)),
            weeks,
        },
    ))
}

pub async fn agenda(
    State(state): State<WebState>,
    user: SignedIn,
    Query(param): Query<MonthParam>,
) -> Result<Response, PageError> {
    let lang = user.lang;
    let w = words(lang);
    let first = first_of(&param, today(&state.clock));
    let last = first + Months::new(1) - chrono::Days::new(1);
    let items = month_items(&state, &user, first, last).await?;
    let days = first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter_map(|d| {
            let on_day = on(&items, d);
            (!on_day.is_empty()).then(|| AgendaDay {
                heading: format!(
                    "{}, {}",
                    w.weekday_names[d.weekday().num_days_from_monday() as usize],
                    format_date(d, lang)
                ),
                items: on_day,
            })
        })
        .collect();
    Ok(page(
        StatusCode::OK,
        &AgendaPage {
            t: texts(lang),
            w,
            nav: user.nav(),
            month: key(first),
            month_label: month_label(first, lang),
            previous: key(first - Months::new(1)),
            next: key(first + Months::new(1)),
            days,
        },
    ))
}
