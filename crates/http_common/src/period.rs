//! A period of figures as people write its ends, shared by the JSON API and the pages: a
//! year (`2017`, from 1 January or to 31 December), a month (`6/2023` as the articles
//! write "từ năm 2017 đến tháng 6/2023", or `2023-06` as a phone's month input sends it:
//! from its first or to its last day), a date as the API writes it (`2023-06-30`, also
//! what a phone's date input sends) or as Vietnamese write it (`30/06/2023`).

use chrono::{Datelike, NaiveDate};
use domain::labels::format_date;
use domain::values::{FIRST_YEAR, LAST_YEAR};
use domain::{Lang, Problem};

/// Which end of the period a year alone stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// 1 January of the year.
    First,
    /// 31 December of the year.
    Last,
}

/// One end of a period: the day, and whether it was written as a year alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    pub year_only: bool,
}

fn digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Reads one end of a period. A year outside the calendar's years is out of range
/// (as years always were); a day nobody could mean (month 13, 31/02) is not a date; a
/// date in a year outside the calendar's years is a date out of range.
pub fn read_day(text: &str, end: End) -> Result<Day, Problem> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let year = text
            .parse::<i64>()
            .ok()
            .filter(|y| (i64::from(FIRST_YEAR)..=i64::from(LAST_YEAR)).contains(y))
            .ok_or(Problem::OutOfRange {
                min: FIRST_YEAR.into(),
                max: LAST_YEAR.into(),
            })? as i32;
        let date = match end {
            End::First => NaiveDate::from_ymd_opt(year, 1, 1),
            End::Last => NaiveDate::from_ymd_opt(year, 12, 31),
        }
        .ok_or(Problem::NotADate)?;
        return Ok(Day {
            date,
            year_only: true,
        });
    }
    let parts: Vec<&str> = if text.contains('-') {
        text.split('-').collect()
    } else {
        text.split('/').rev().collect()
    };
    let (year, month, day) = match parts[..] {
        [year, month, day] => (year, month, Some(day)),
        [year, month] => (year, month, None),
        _ => return Err(Problem::NotADate),
    };
    let (Some(year), Some(month)) = (digits(year, 4..=4), digits(month, 1..=2)) else {
        return Err(Problem::NotADate);
    };
    let date = match day {
        Some(day) => {
            digits(day, 1..=2).and_then(|day| NaiveDate::from_ymd_opt(year as i32, month, day))
        }
        None => month_end(year as i32, month, end),
    }
    .ok_or(Problem::NotADate)?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(Problem::DateOutOfRange {
            min: FIRST_YEAR,
            max: LAST_YEAR,
        });
    }
    Ok(Day {
        date,
        year_only: false,
    })
}

/// The first or the last day of a month written alone.
fn month_end(year: i32, month: u32, end: End) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    match end {
        End::First => Some(first),
        End::Last => first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt()),
    }
}

/// Whether the period is made of whole calendar years, 1 January to 31 December.
pub fn whole_years(from: NaiveDate, to: NaiveDate) -> bool {
    (from.month(), from.day()) == (1, 1) && (to.month(), to.day()) == (12, 31)
}

/// The period for people: "Từ 01/01/2017 đến 30/06/2023", "From 1 Jan 2017 to 30 Jun 2023".
pub fn period_label(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    let (from, to) = (format_date(from, lang), format_date(to, lang));
    match lang {
        Lang::Vi => format!("Từ {from} đến {to}"),
        Lang::En => format!("From {from} to {to}"),
    }
}

/// The period after a comma, as in a chart's title: "2023", "2017–2023" for whole years,
/// otherwise "từ 01/01/2017 đến 30/06/2023".
pub fn period_phrase(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    if !whole_years(from, to) {
        let label = period_label(from, to, lang);
        let mut letters = label.chars();
        letters
            .next()
            .map(|first| first.to_lowercase().chain(letters).collect())
            .unwrap_or(label)
    } else if from.year() == to.year() {
        from.year().to_string()
    } else {
        format!("{}–{}", from.year(), to.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn years_dates_and_vietnamese_dates_are_read() {
        assert_eq!(
            read_day("2017", End::First),
            Ok(Day {
                date: day(2017, 1, 1),
                year_only: true
            })
        );
        assert_eq!(read_day("2023", End::Last).unwrap().date, day(2023, 12, 31));
        for text in ["2023-06-30", "30/06/2023", " 30/6/2023 ", "2023-6-30"] {
            assert_eq!(
                read_day(text, End::First),
                Ok(Day {
                    date: day(2023, 6, 30),
                    year_only: false
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn a_month_alone_runs_from_its_first_to_its_last_day() {
        for (text, from, to) in [
            ("6/2023", day(2023, 6, 1), day(2023, 6, 30)),
            ("06/2023", day(2023, 6, 1), day(2023, 6, 30)),
            ("2023-06", day(2023, 6, 1), day(2023, 6, 30)),
            ("2/2024", day(2024, 2, 1), day(2024, 2, 29)),
            ("12/2023", day(2023, 12, 1), day(2023, 12, 31)),
        ] {
            assert_eq!(read_day(text, End::First).unwrap().date, from, "{text}");
            assert_eq!(read_day(text, End::Last).unwrap().date, to, "{text}");
        }
        assert_eq!(
            read_day("6/2101", End::Last),
            Err(Problem::DateOutOfRange {
                min: 1990,
                max: 2100
            })
        );
    }

    #[test]
    fn days_nobody_could_mean_are_refused() {
        for text in [
            "2023-02-30",
            "31/02/2023",
            "2023-13-01",
            "01/13/2023",
            "2023-00",
            "13/2023",
            "/2023",
            "6/",
            "2023-06-30-1",
            "23-06-30",
            "30.06.2023",
            "hôm nay",
            "",
        ] {
            assert_eq!(read_day(text, End::First), Err(Problem::NotADate), "{text}");
        }
        assert_eq!(
            read_day("1989", End::First),
            Err(Problem::OutOfRange {
                min: 1990,
                max: 2100
            })
        );
        assert_eq!(
            read_day("2101-01-01", End::Last),
            Err(Problem::DateOutOfRange {
                min: 1990,
                max: 2100
            })
        );
    }

    #[test]
    fn a_period_is_said_in_the_language_of_the_reader() {
        assert_eq!(
            period_label(day(2017, 1, 1), day(2023, 6, 30), Lang::Vi),
            "Từ 01/01/2017 đến 30/06/2023"
        );
        assert_eq!(
            period_label(day(2017, 1, 1), day(2023, 6, 30), Lang::En),
            "From 1 Jan 2017 to 30 Jun 2023"
        );
        assert_eq!(
            period_phrase(day(2017, 1, 1), day(2023, 6, 30), Lang::Vi),
            "từ 01/01/2017 đến 30/06/2023"
        );
        assert_eq!(
            period_phrase(day(2017, 1, 1), day(2023, 12, 31), Lang::En),
            "2017–2023"
        );
        assert_eq!(
            period_phrase(day(2023, 1, 1), day(2023, 12, 31), Lang::Vi),
            "2023"
        );
        assert!(whole_years(day(2017, 1, 1), day(2023, 12, 31)));
        assert!(!whole_years(day(2017, 1, 1), day(2023, 6, 30)));
    }
}
