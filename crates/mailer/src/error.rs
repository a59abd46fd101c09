/// Why a mail was not sent; `is_transient` says whether trying again later
/// may succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// The mail or the configuration is wrong (a bad address, no recipient):
    /// retrying will not help.
    #[error("invalid mail: {0}")]
    Invalid(String),

    /// The server could not be reached, timed out or answered 4xx, or the
    /// outbox could not be written: retry later.
    #[error("mail not sent for now: {0}")]
    Transient(String),

    /// The server refused for good (5xx, or it lacks something this mail
    /// needs), or a stored message cannot be read: retrying will not help.
    #[error("mail refused: {0}")]
    Permanent(String),
}

impl MailError {
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Transient(_))
    }
}

/// Only replies and client-side refusals are final. A client error means
/// the server lacks what this mail needs (SMTPUTF8, STARTTLS, an
/// authentication mechanism). Everything else, TLS failures included, is
/// about reaching the server, which may work later.
impl From<lettre::transport::smtp::Error> for MailError {
    fn from(error: lettre::transport::smtp::Error) -> Self {
        let message = describe(&error);
        if error.is_permanent() || error.is_client() {
            Self::Permanent(message)
        } else {
            Self::Transient(message)
        }
    }
}

/// lettre's `Display` leaves out the cause ("Connection error" without
/// "connection refused"), so the chain of sources is appended.
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !message.contains(&cause_text) {
            message.push_str(": ");
            message.push_str(&cause_text);
        }
        source = cause.source();
    }
    message
}
