//! The HTTP edge that Cầu Nối's JSON API (`api`) and its pages (`web`) share, so that
//! neither depends on the other: every request's correlation id and tracing span, who is
//! asking and in which language, the JSON error every `/api/` answer uses, panics turned
//! into 500s, control characters refused in query strings, the bar chart drawn on both,
//! and how both read the period of the figures.

pub mod chart;
pub mod error;
mod panics;
pub mod period;
mod query_guard;
pub mod request_meta;
mod state;

pub use chart::{Bar, bar_chart};
pub use error::{ApiError, FieldMessage};
pub use panics::catch_panics;
pub use query_guard::refuse_control_characters;
pub use request_meta::{CorrelationId, RequestMeta, correlate, lang_of};
pub use state::{ApiConfig, HttpState, ReminderRules, SignInSettings};
