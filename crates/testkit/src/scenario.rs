//! The instant a test's scenario happens at, so that no expectation depends on the day
//! the tests run.

use std::sync::OnceLock;

use chrono::{DateTime, TimeZone, Utc};
use clock::Clock;

/// Tuesday 2 June 2026, 10:00 in Vietnam (03:00 UTC): a working day in mid-week, so that
/// "one working day later" is the next day, and far from any month's or year's end.
pub fn scenario_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 2, 3, 0, 0).unwrap()
}

/// The clock of this test binary's scenarios: it read [`scenario_now`] when first asked,
/// and moves on with real time, so that the events of one test stay in order and every
/// service of every test tells the same time.
pub fn scenario_clock() -> Clock {
    static CLOCK: OnceLock<Clock> = OnceLock::new();
    CLOCK
        .get_or_init(|| Clock::starting_at(scenario_now()))
        .clone()
}
