//! Turns an `OutgoingMail` into a MIME message.

use std::time::SystemTime;

use lettre::Message;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use uuid::Uuid;

use crate::{MailError, OutgoingMail, Recipient};

const CORRELATION_ID: HeaderName = HeaderName::new_from_ascii_str("X-Correlation-Id");

/// lettre encodes non-ASCII subjects, names and header values (RFC 2047). A line break
/// or another control character in a header value is refused here: lettre cannot encode
/// it and would panic while writing the message, so such a mail is refused for good
/// instead (and marked failed in the queue) and never stops the sender.
pub(crate) fn build(
    mail: &OutgoingMail,
    from: &Mailbox,
    date: SystemTime,
) -> Result<Message, MailError> {
    one_line("subject", &mail.subject)?;
    one_line("correlation id", &mail.correlation_id)?;
    let message = compose(mail, from, date)?;
    // Should lettre still fail to write a header, that mail is refused, not the process.
    let written = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| message.formatted()));
    match written {
        Ok(_) => Ok(message),
        Err(_) => Err(MailError::Invalid(format!(
            "mail {} could not be written as a message",
            mail.id
        ))),
    }
}

fn compose(mail: &OutgoingMail, from: &Mailbox, date: SystemTime) -> Result<Message, MailError> {
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
    one_line("recipient name", &recipient.name)?;
    let name = Some(recipient.name.trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned);
    Ok(Mailbox::new(name, email))
}

/// Refuses a header value with a line break or another control character.
fn one_line(what: &str, value: &str) -> Result<(), MailError> {
    if value.chars().any(char::is_control) {
        return Err(MailError::Invalid(format!(
            "the {what} {value:?} holds a line break or a control character, which a mail header cannot carry"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(name: &str, subject: &str) -> OutgoingMail {
        OutgoingMail {
            id: Uuid::nil(),
            to: vec![Recipient {
                name: name.into(),
                email: "lan@example.vn".into(),
            }],
            subject: subject.into(),
            text: "Nội dung".into(),
            html: "<p>Nội dung</p>".into(),
            correlation_id: "test".into(),
        }
    }

    fn from() -> Mailbox {
        "Cầu Nối <caunoi@example.vn>".parse().unwrap()
    }

    #[test]
    fn a_line_break_in_a_name_or_subject_is_a_refused_mail_not_a_panic() {
        for (name, subject) in [
            ("Lan\r\nBcc: x@example.com", "Nhắc việc"),
            ("Lan", "Nhắc việc\r\nBcc: x@example.com"),
            ("Lan\u{0}", "Nhắc việc"),
        ] {
            let built = build(&mail(name, subject), &from(), SystemTime::UNIX_EPOCH);
            assert!(
                matches!(built, Err(MailError::Invalid(_))),
                "{name:?} {subject:?}"
            );
        }
    }

    #[test]
    fn vietnamese_names_and_subjects_are_written() {
        let built = build(
            &mail("Nông Thị Hoa", "Đề nghị phê duyệt: Đoàn 27 thiếu nhi"),
            &from(),
            SystemTime::UNIX_EPOCH,
        )
        .unwrap();
        let text = String::from_utf8(built.formatted()).unwrap();
        assert!(!text.contains("Bcc"));
        assert!(text.contains("lan@example.vn"));
    }
}
