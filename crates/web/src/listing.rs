//! The programmes a person may see, as the lists and the calendar show them.

use chrono::NaiveDate;
use domain::Lang;
use domain::labels::format_dates;
use domain::programme::Status;
use projector::ProjectorError;
use projector::queries::{self, OrganisedProgramme};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::state::WebState;

/// One programme in a list.
#[derive(Clone)]
pub struct Item {
    pub id: Uuid,
    pub title: String,
    pub dates: String,
    pub host: String,
    pub status: String,
    pub status_label: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Item {
    fn of(row: OrganisedProgramme, lang: Lang) -> Item {
        let s = row.summary;
        let status = Status::parse(&s.status);
        Item {
            id: s.id,
            dates: format_dates(s.start_date, s.end_date, lang),
            title: s.title,
            host: s.host_organisation,
            status_label: status.map_or("", |st| st.label(lang)),
            status: s.status,
            start: s.start_date,
            end: s.end_date,
        }
    }
}

/// Every programme of the person's organisations, by start date.
pub async fn visible(state: &WebState, user: &SignedIn) -> Result<Vec<Item>, ProjectorError> {
    let (ids, names) = user.keys();
    Ok(queries::organised_by(&state.pool, &ids, &names)
        .await?
        .into_iter()
        .filter(|row| user.sees_row(row))
        .map(|row| Item::of(row, user.lang))
        .collect())
}

/// Today in Vietnam, where the organisations keep their calendars.
pub fn today(clock: &clock::Clock) -> NaiveDate {
    clock
        .now()
        .with_timezone(&domain::values::VIETNAM)
        .date_naive()
}
