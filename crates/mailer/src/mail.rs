use uuid::Uuid;

use crate::Recipient;

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Idempotency key: the outbox stores an id once, and SMTP receivers see
    /// it in `Message-ID: <id@caunoi>`.
    pub id: Uuid,
    pub to: Vec<Recipient>,
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// Sent as the `X-Correlation-Id` header, to trace a mail back to the
    /// request that caused it.
    pub correlation_id: String,
}
