//! Sends email: over SMTP when a server is configured, otherwise into an
//! outbox folder of `.eml` files that a person can read.
//!
//! Every message is multipart/alternative (plain text and HTML) in UTF-8, and
//! carries `Message-ID: <id@caunoi>` so that a receiver can spot a message
//! sent twice after a retry.

mod backoff;
mod config;
mod error;
mod mail;
mod mailer;
mod message;
mod outbox;
mod parse;
mod smtp;

pub use backoff::Backoff;
pub use config::{MailerConfig, Recipient, SmtpSettings, TlsMode};
pub use error::MailError;
pub use mail::OutgoingMail;
pub use mailer::Mailer;
pub use outbox::{Outbox, OutboxEntry};
pub use parse::ParsedMail;
