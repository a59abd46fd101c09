use std::time::Duration;

use futures::StreamExt;

use mailer::{Backoff, MailError, Mailer, OutgoingMail, Recipient};
use sqlx::postgres::PgListener;
use tokio_util::sync::CancellationToken;
use tracing::{Instrument, debug, info, info_span, warn};
use workflow::links::LinkSecret;

use crate::compose::fill_links;
use crate::queue::{MailQueue, QueuedMail};

#[derive(Debug, Clone)]
pub struct SenderSettings {
    /// Where people reach Cầu Nối, for the links in mails.
    pub public_url: String,
    pub secret: LinkSecret,
    /// Waits between attempts while a mail cannot be delivered.
    pub backoff: Backoff,
    /// Mails sent per round trip to the queue.
    pub batch: i64,
    /// Mails being sent at the same time (the SMTP pool's size is a good choice).
    pub parallel: usize,
}

/// Delivers queued mail. Several senders can run at once: each mail is claimed by one.
pub struct MailSender {
    queue: MailQueue,
    mailer: Mailer,
    settings: SenderSettings,
}

/// How long a claimed mail stays with its sender; a sender that dies mid-send gives it
/// back after this.
const LEASE: Duration = Duration::from_secs(120);
/// Looks at the queue at least this often, even without a notification.
const POLL: Duration = Duration::from_secs(2);

impl MailSender {
    pub fn new(queue: MailQueue, mailer: Mailer, settings: SenderSettings) -> Self {
        Self {
            queue,
            mailer,
            settings,
        }
    }

    /// Sends until `shutdown`; a mail being sent is finished first.
    pub async fn run(&self, shutdown: CancellationToken) {
        let mut listener = None;
        while !shutdown.is_cancelled() {
            match self.send_due().await {
                Ok(sent) if sent > 0 => continue,
                Ok(_) => {}
                Err(error) => warn!(%error, "the mail queue could not be read; retrying"),
            }
            if listener.is_none() {
                listener = self.listen().await;
            }
            let wait = async {
                match listener.as_mut() {
                    Some(l) => {
                        if tokio::time::timeout(POLL, l.recv())
                            .await
                            .is_ok_and(|r| r.is_err())
                        {
                            listener = None;
                        }
                    }
                    None => tokio::time::sleep(POLL).await,
                }
            };
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = wait => {}
            }
        }
        info!("mail sender stopped");
    }

    /// Hears of newly queued mail at once; without it, the queue is polled.
    async fn listen(&self) -> Option<PgListener> {
        let mut listener = PgListener::connect_with(self.queue.pool()).await.ok()?;
        listener.listen("caunoi_mail").await.ok()?;
        Some(listener)
    }

    /// Sends what is due now; returns how many mails it tried.
    pub async fn send_due(&self) -> Result<usize, sqlx::Error> {
        let mails = self.queue.claim(self.settings.batch, LEASE).await?;
        let tried = mails.len();
        // As many at once as the SMTP pool has connections: one slow exchange does not
        // hold up the others.
        let mut sending = futures::stream::iter(mails)
            .map(|mail| self.send_one(mail))
            .buffer_unordered(self.settings.parallel.max(1));
        while let Some(sent) = sending.next().await {
            sent?;
        }
        Ok(tried)
    }

    async fn send_one(&self, mail: QueuedMail) -> Result<(), sqlx::Error> {
        let span = info_span!(
            "mail",
            id = %mail.id,
            kind = %mail.kind,
            correlation_id = %mail.correlation_id,
            attempt = mail.attempts
        );
        async {
            let outgoing = self.outgoing(&mail);
            match self.mailer.send(&outgoing).await {
                Ok(()) => {
                    info!("mail sent");
                    metrics::counter!("caunoi_emails_sent_total", "kind" => mail.kind.clone())
                        .increment(1);
                    self.queue.mark_sent(mail.id).await
                }
                Err(MailError::Transient(error)) => {
                    metrics::counter!("caunoi_emails_retried_total", "kind" => mail.kind.clone())
                        .increment(1);
                    let delay = self.settings.backoff.delay(mail.attempts.max(1) as u32);
                    warn!(%error, retry_in = ?delay, "mail not delivered for now; will retry");
                    self.queue.retry_later(mail.id, delay, &error).await
                }
                Err(error) => {
                    warn!(%error, "mail cannot be delivered");
                    metrics::counter!("caunoi_emails_failed_total", "kind" => mail.kind.clone())
                        .increment(1);
                    self.queue.mark_failed(mail.id, &error.to_string()).await
                }
            }
        }
        .instrument(span)
        .await
    }

    /// The mail as it goes out, with its approval links (worked out from the link ids) in
    /// place.
    fn outgoing(&self, mail: &QueuedMail) -> OutgoingMail {
        let fill = |body: &str| fill_links(body, &self.settings.public_url, &self.settings.secret);
        debug!("mail prepared");
        OutgoingMail {
            id: mail.id,
            to: vec![Recipient {
                name: mail.recipient_name.clone(),
                email: mail.recipient_email.clone(),
            }],
            subject: mail.subject.clone(),
            text: fill(&mail.text_body),
            html: fill(&mail.html_body),
            correlation_id: mail.correlation_id.clone(),
        }
    }
}
