//! Turns an `OutgoingMail` into a MIME message.

use std::time::SystemTime;

use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use uuid::Uuid;

use crate::{MailError, OutgoingMail, Recipient};

const CORRELATION_ID: HeaderName = HeaderName::new_from_ascii_str("X-Correlation-Id");

/// lettre encodes non-ASCII subjects, names and header values (RFC 2047),
/// and line breaks in them too, so no value can inject a header.
pub(crate) fn build(
    mail: &OutgoingMail,
    from: &Mailbox,
    date: SystemTime,
) -> Result<Message, MailError> {
    let mut builder = Message::builder()
        .from(from.clone())
        .subject(mail.subject.as_str())
        .date(date)
        .message_id(Some(message_id(mail.id)))
        .raw_header(HeaderValue::new(
            CORRELATION_ID,
            mail.correlation_id.clone(),
        ));
    for recipient in &mail.to {
        builder = builder.to(mailbox(recipient)?);
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            mail.html.clone(),
        ))
        .map_err(|e| MailError::Invalid(e.to_string()))
}

pub(crate) fn message_id(id: Uuid) -> String {
    format!("<{id}@caunoi>")
}

pub(crate) fn mailbox(recipient: &Recipient) -> Result<Mailbox, MailError> {
    let email = recipient.email.parse().map_err(|e| {
        MailError::Invalid(format!(
            "{:?} is not an email address: {e}",
            recipient.email
        ))
    })?;
    let name = Some(recipient.name.trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned);
    Ok(Mailbox::new(name, email))
}
