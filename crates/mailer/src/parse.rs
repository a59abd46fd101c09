//! Reading a stored message back, decoded.

use chrono::{DateTime, Utc};
use mail_parser::{Address, MessageParser, PartType};

/// A stored message, decoded for showing to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMail {
    pub subject: String,
    /// `Name <address>`.
    pub from: String,
    /// `Name <address>`, comma-separated.
    pub to: String,
    pub date: DateTime<Utc>,
    pub text: String,
    /// As sent, links included.
    pub html: Option<String>,
}

impl ParsedMail {
    /// `None` when `raw` is not a message with a date.
    pub(crate) fn parse(raw: &[u8]) -> Option<Self> {
        let message = MessageParser::default().parse(raw)?;
        let date = DateTime::from_timestamp(message.date()?.to_timestamp(), 0)?;
        Some(Self {
            subject: message.subject().unwrap_or_default().to_owned(),
            from: addresses(message.from()),
            to: addresses(message.to()),
            date,
            text: message
                .text_bodies()
                .find_map(|part| match &part.body {
                    PartType::Text(text) => Some(text.to_string()),
                    _ => None,
                })
                .unwrap_or_default(),
            html: message.html_bodies().find_map(|part| match &part.body {
                PartType::Html(html) => Some(html.to_string()),
                _ => None,
            }),
        })
    }
}

fn addresses(header: Option<&Address<'_>>) -> String {
    header
        .into_iter()
        .flat_map(Address::iter)
        .map(|address| match (address.name(), address.address()) {
            (Some(name), Some(email)) => format!("{name} <{email}>"),
            (name, email) => name.or(email).unwrap_or_default().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
