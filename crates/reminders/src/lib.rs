//! The reminder scheduler. At each time of its cron schedules (read in local time), it
//! reads the deadlines from the read models, works out the reminders due (the domain's
//! `plan`), claims each by its key and queues its email in one transaction, and the mailer
//! delivers them. A reminder is therefore never sent twice, even by two schedulers at once,
//! and never lost: a crash before the commit leaves it unclaimed for the next run.

mod claim;
mod compose;
mod deadlines;
mod preferences;
pub mod queries;
mod run;
mod schedule;
mod service;

pub use compose::{PREFERENCES_PURPOSE, preferences_url};
pub use run::{Preview, RunError, RunReport, Scheduler};
pub use schedule::{ScheduleError, Schedules};
pub use service::serve;
