//! 行程安排: the day-by-day programme, every time moved to China's (Asia/Shanghai), since
//! the partner plans in it and the two sides are an hour apart.

use chrono::{NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use domain::delegation::AgendaItem;
use domain::programme::Plan;

use super::words::{self, ITINERARY_HEADINGS, NO_ITEMS, TIMES_IN_BEIJING};
use super::{centred, title};
use crate::DocumentError;
use crate::layout::{SMALL, TEXT_WIDTH, grid, pack, page};

const CHINA: Tz = chrono_tz::Asia::Shanghai;

/// A wall-clock time where the item takes place, as it reads in China. An unknown zone is
/// taken as Vietnam's, where the plan is made; a time that does not exist there (no
/// such gap in either country) stays as written.
fn in_china(at: NaiveDateTime, zone: &str) -> NaiveDateTime {
    let zone: Tz = zone.parse().unwrap_or(domain::values::VIETNAM);
    zone.from_local_datetime(&at)
        .earliest()
        .map(|local| local.with_timezone(&CHINA).naive_local())
        .unwrap_or(at)
}

fn time(at: NaiveTime) -> String {
    at.format("%H:%M").to_string()
}

pub fn itinerary_zh(
    plan: &Plan,
    delegation_name: &str,
    agenda: &[AgendaItem],
) -> Result<Vec<u8>, DocumentError> {
    let mut items: Vec<&AgendaItem> = agenda.iter().collect();
    items.sort_by_key(|i| in_china(i.date.and_time(i.starts), &i.timezone));
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            let starts = in_china(item.date.and_time(item.starts), &item.timezone);
            let span = match item.ends {
                Some(ends) => {
                    let ends = in_china(item.date.and_time(ends), &item.timezone);
                    format!("{}—{}", time(starts.time()), time(ends.time()))
                }
                None => time(starts.time()),
            };
            vec![
                words::date(starts.date()),
                span,
                item.title.clone(),
                item.place.clone(),
                item.responsible.join("、"),
            ]
        })
        .collect();
    let mut docx = page()
        .add_paragraph(title(&format!("{delegation_name} {}", words::ITINERARY)))
        .add_paragraph(centred(format!(
            "“{}” · {}",
            plan.title,
            words::dates(plan.schedule.start, plan.schedule.end)
        )))
        .add_paragraph(centred(TIMES_IN_BEIJING))
        .add_paragraph(centred(""));
    docx = if rows.is_empty() {
        docx.add_paragraph(centred(NO_ITEMS))
    } else {
        let widths = [
            2_200,
            1_700,
            2_500,
            1_800,
            TEXT_WIDTH - 2_200 - 1_700 - 2_500 - 1_800,
        ];
        docx.add_table(grid(&ITINERARY_HEADINGS, &rows, &widths, SMALL))
    };
    pack(docx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn vietnam_time_moves_an_hour_on() {
        let at = NaiveDate::from_ymd_opt(2027, 5, 20)
            .unwrap()
            .and_hms_opt(23, 30, 0)
            .unwrap();
        let china = in_china(at, "Asia/Ho_Chi_Minh");
        assert_eq!(china.to_string(), "2027-05-21 00:30:00");
        assert_eq!(in_china(at, "Asia/Shanghai"), at);
    }
}
