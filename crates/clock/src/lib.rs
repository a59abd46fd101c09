//! The time Cầu Nối's services act at.
//!
//! The domain never reads a clock: the time comes in with each command. The services
//! that make commands (the API, the pages, the approval process, the reminder scheduler)
//! ask a `Clock` instead of the system, so that a test can fix the instant a scenario
//! happens at and its expectations never depend on the day it runs.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};

/// Where "now" comes from. Cheap to clone; every clone tells the same time.
#[derive(Clone)]
pub struct Clock(Arc<Source>);

enum Source {
    System,
    /// Starts at a chosen instant and moves on with real time, so that what happens in
    /// order still happens in order (sessions expire, links age) from a known start.
    From {
        start: DateTime<Utc>,
        since: Instant,
    },
}

impl Clock {
    /// The machine's clock, for production.
    pub fn system() -> Clock {
        Clock(Arc::new(Source::System))
    }

    /// A clock that reads `start` now, and moves on with real time from there.
    pub fn starting_at(start: DateTime<Utc>) -> Clock {
        Clock(Arc::new(Source::From {
            start,
            since: Instant::now(),
        }))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match &*self.0 {
            Source::System => Utc::now(),
            Source::From { start, since } => {
                *start + chrono::Duration::from_std(since.elapsed()).unwrap_or_default()
            }
        }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.0 {
            Source::System => f.write_str("Clock::system"),
            Source::From { start, .. } => write!(f, "Clock::starting_at({start})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_clock_started_at_an_instant_reads_it_and_then_moves_on() {
        let start = Utc.with_ymd_and_hms(2026, 12, 5, 0, 0, 0).unwrap();
        let clock = Clock::starting_at(start);
        let first = clock.now();
        assert!(first >= start && first - start < chrono::Duration::seconds(5));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let later = clock.clone().now();
        assert!(later > first, "clones share the same moving time");
    }
}
