//! Who is asking, kept in PostgreSQL: sign-in links, sessions and API tokens. Only the
//! SHA-256 of a link's token, a session id or an API token is stored, so the tables
//! alone open nothing. These are short-lived credentials, not events: they live outside
//! the read models and are never replayed.

pub mod sessions;
pub mod tokens;

pub use sqlx::Error as IdentityError;
