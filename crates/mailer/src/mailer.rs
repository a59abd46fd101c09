use chrono::Utc;
use lettre::AsyncTransport;
use lettre::message::Mailbox;

use crate::smtp::{self, SmtpTransport};
use crate::{MailError, MailerConfig, Outbox, OutgoingMail, message};

/// Sends mail where the configuration says. Clones share the SMTP
/// connection pool.
#[derive(Debug, Clone)]
pub struct Mailer {
    from: Mailbox,
    delivery: Delivery,
}

#[derive(Debug, Clone)]
enum Delivery {
    Smtp(SmtpTransport),
    Outbox(Outbox),
}

impl Mailer {
    /// Checks the configuration; connects only when sending.
    ///
    /// # Panics
    /// For SMTP, outside a Tokio runtime: the connection pool starts a
    /// cleanup task.
    pub fn new(config: MailerConfig) -> Result<Self, MailError> {
        match config {
            MailerConfig::Smtp(settings) => Ok(Self {
                from: message::mailbox(&settings.from)?,
                delivery: Delivery::Smtp(smtp::transport(&settings)?),
            }),
            MailerConfig::Outbox { dir, from } => Ok(Self {
                from: message::mailbox(&from)?,
                delivery: Delivery::Outbox(Outbox::new(dir)),
            }),
        }
    }

    /// Sends `mail`, or stores it in the outbox unless a mail with the same
    /// id is already there. Over SMTP a retried mail may arrive twice; its
    /// Message-ID is the same both times.
    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let now = Utc::now();
        let message = message::build(mail, &self.from, now.into())?;
        match &self.delivery {
            Delivery::Smtp(transport) => {
                transport.send(message).await?;
                Ok(())
            }
            Delivery::Outbox(outbox) => {
                let outbox = outbox.clone();
                let id = mail.id;
                tokio::task::spawn_blocking(move || outbox.store(id, now, &message.formatted()))
                    .await
                    .map_err(|e| MailError::Transient(format!("outbox writer stopped: {e}")))?
            }
        }
    }

    /// The outbox, when mail goes there.
    pub fn outbox(&self) -> Option<&Outbox> {
        match &self.delivery {
            Delivery::Smtp(_) => None,
            Delivery::Outbox(outbox) => Some(outbox),
        }
    }
}
