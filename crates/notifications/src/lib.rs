//! Mail of Cầu Nối. Commands only append events; the [`MailEnqueuer`] follows the stream
//! and queues the emails events call for, each under a key so that an event handled twice
//! queues its mail once; the [`MailSender`] delivers queued mail, retrying with backoff
//! while the SMTP server is unreachable. Every mail is written in its recipient's language.

mod compose;
mod enqueue;
mod language;
mod queue;
mod sender;

pub use compose::{fill_links, link_placeholder, sign_in_mail};
pub use enqueue::MailEnqueuer;
pub use language::{account_mail_lang, mail_lang};
pub use queue::{MailQueue, NewMail, QueuedMail};
pub use sender::{MailSender, SenderSettings};
