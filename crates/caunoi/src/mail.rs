use std::time::Duration;

use anyhow::{Context, Result, bail};
use mailer::{Backoff, MailerConfig, Recipient, SmtpSettings};
use secrecy::ExposeSecret;

use crate::settings::Settings;

/// Where mail goes: the configured SMTP server, or the outbox folder.
pub fn mailer_config(settings: &Settings) -> Result<MailerConfig> {
    let from = Recipient {
        name: settings.mail_from_name.clone(),
        email: settings.mail_from_email.clone(),
    };
    if !settings.mail_from_email.contains('@') {
        bail!(
            "setting mail_from_email (CAUNOI_MAIL_FROM_EMAIL) must be an email address, not {:?}",
            settings.mail_from_email
        );
    }
    let Some(host) = settings.smtp_host.clone().filter(|h| !h.trim().is_empty()) else {
        return Ok(MailerConfig::Outbox {
            dir: settings.outbox_dir(),
            from,
        });
    };
    if settings.smtp_pool_size == 0 {
        bail!("setting smtp_pool_size (CAUNOI_SMTP_POOL_SIZE) must be at least 1");
    }
    Ok(MailerConfig::Smtp(SmtpSettings {
        host,
        port: settings.smtp_port,
        tls: settings.smtp_tls,
        username: settings.smtp_username.clone(),
        password: settings
            .smtp_password
            .as_ref()
            .map(|p| p.expose_secret().to_string()),
        from,
        pool_size: settings.smtp_pool_size,
        timeout: Duration::from_secs(settings.smtp_timeout_seconds.max(1)),
    }))
}

pub fn retry_backoff(settings: &Settings) -> Backoff {
    Backoff {
        first: Duration::from_secs(1),
        max: Duration::from_secs(settings.mail_retry_max_seconds.max(1)),
    }
}

/// Builds the mailer, naming the settings when they are wrong.
pub fn mailer(settings: &Settings) -> Result<mailer::Mailer> {
    mailer::Mailer::new(mailer_config(settings)?)
        .context("the mail settings (smtp_* and mail_from_*) are not usable")
}
