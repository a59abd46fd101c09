//! The SMTP transport for one `SmtpSettings`.

use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::{MailError, SmtpSettings, TlsMode};

pub(crate) type SmtpTransport = AsyncSmtpTransport<Tokio1Executor>;

/// Certificates are checked against the Mozilla roots built into the
/// binary (webpki-roots), so no system TLS library is needed.
pub(crate) fn transport(settings: &SmtpSettings) -> Result<SmtpTransport, MailError> {
    if settings.pool_size == 0 {
        return Err(MailError::Invalid(
            "pool_size must be at least 1".to_owned(),
        ));
    }
    let tls = match settings.tls {
        TlsMode::None => Tls::None,
        TlsMode::StartTls => Tls::Required(tls_parameters(&settings.host)?),
        TlsMode::Tls => Tls::Wrapper(tls_parameters(&settings.host)?),
    };
    let builder = SmtpTransport::builder_dangerous(&settings.host)
        .port(settings.port)
        .tls(tls)
        .timeout(Some(settings.timeout))
        .pool_config(PoolConfig::new().max_size(settings.pool_size));
    let builder = match (&settings.username, &settings.password) {
        (Some(username), Some(password)) => {
            builder.credentials(Credentials::new(username.clone(), password.clone()))
        }
        (None, None) => builder,
        _ => {
            return Err(MailError::Invalid(
                "give both an SMTP username and a password, or neither".to_owned(),
            ));
        }
    };
    Ok(builder.build())
}

fn tls_parameters(host: &str) -> Result<TlsParameters, MailError> {
    TlsParameters::new(host.to_owned())
        .map_err(|e| MailError::Invalid(format!("TLS settings for {host}: {e}")))
}

/// No TLS server runs in the tests, so for the TLS modes this checks only
/// that a transport is built; `tests/mailer.rs` sends over plain SMTP.
#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::transport;
    use crate::{MailError, Recipient, SmtpSettings, TlsMode};

    fn settings(tls: TlsMode) -> SmtpSettings {
        SmtpSettings {
            host: "smtp.example.vn".to_owned(),
            port: 587,
            tls,
            username: Some("caunoi".to_owned()),
            password: Some("bí mật".to_owned()),
            from: Recipient {
                name: "Cầu Nối".to_owned(),
                email: "caunoi@example.vn".to_owned(),
            },
            pool_size: 4,
            timeout: Duration::from_secs(10),
        }
    }

    #[tokio::test]
    async fn every_tls_mode_builds_a_transport() {
        for tls in [TlsMode::None, TlsMode::StartTls, TlsMode::Tls] {
            assert!(transport(&settings(tls)).is_ok(), "{tls:?}");
        }
    }

    #[tokio::test]
    async fn bad_settings_are_invalid() {
        let no_pool = SmtpSettings {
            pool_size: 0,
            ..settings(TlsMode::StartTls)
        };
        let half_credentials = SmtpSettings {
            password: None,
            ..settings(TlsMode::StartTls)
        };
        for bad in [no_pool, half_credentials] {
            assert!(matches!(transport(&bad), Err(MailError::Invalid(_))));
        }
    }

    #[test]
    fn tls_modes_have_lowercase_names() {
        let names = serde_json::to_string(&[TlsMode::None, TlsMode::StartTls, TlsMode::Tls]);
        assert_eq!(names.ok().as_deref(), Some(r#"["none","starttls","tls"]"#));
        let parsed: Result<TlsMode, _> = serde_json::from_str(r#""starttls""#);
        assert_eq!(parsed.ok(), Some(TlsMode::StartTls));
    }

    #[test]
    fn debug_hides_the_password() {
        let shown = format!("{:?}", settings(TlsMode::Tls));
        assert!(!shown.contains("bí mật"), "{shown}");
    }
}
