//! Reminders: which reminder is due for which deadline, worked out from the clock alone, so
//! that a run after days of downtime sends the one reminder that matters now (marked
//! late), never a flood of copies; and each person's choices about them.

mod plan;
mod preferences;
mod rule;
mod wording;

pub use plan::{Deadline, Planned, Timing, plan};
pub use preferences::{
    Delivery, PreferencesCommand, PreferencesEvent, ReminderPreferences, preferences_id,
};
pub use rule::{Rule, RuleSettings, Settings};
pub use wording::{Detail, Reason};
