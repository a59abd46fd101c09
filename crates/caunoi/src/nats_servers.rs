//! `NATS_URL` as people write it: one server or a cluster's servers, comma-separated, with
//! the credentials in the URL as the nats CLI and other NATS clients take them
//! (`nats://user:password@host:4222`, or `nats://token@host:4222`). The Rust client reads
//! no credentials from a URL, so they are taken out here and given to it as options.

use anyhow::{Context, Result, bail};
use percent_encoding::percent_decode_str;

#[derive(Debug, PartialEq, Eq)]
enum Credentials {
    UserAndPassword(String, String),
    Token(String),
}

#[derive(Debug)]
pub struct NatsServers {
    /// Without credentials.
    pub addresses: Vec<String>,
    credentials: Option<Credentials>,
}

impl NatsServers {
    pub fn parse(urls: &str) -> Result<Self> {
        let mut addresses = Vec::new();
        let mut credentials = None;
        for text in urls.split(',').map(str::trim).filter(|url| !url.is_empty()) {
            // Only a URL with credentials is rewritten: `host:4222` without a scheme is a
            // valid server for the client, though not a valid URL.
            if !text.contains('@') {
                addresses.push(text.to_owned());
                continue;
            }
            let mut url = url::Url::parse(text).with_context(|| {
                format!("NATS_URL holds a server that is not a URL: {}", shown(text))
            })?;
            let found = credentials_of(&url)?;
            match (&credentials, found) {
                (None, found) => credentials = found,
                (Some(known), Some(found)) if *known != found => {
                    bail!("the servers of NATS_URL name different credentials; a cluster has one")
                }
                _ => {}
            }
            // Cannot fail for a nats:// URL, which has a host.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            addresses.push(url.to_string().trim_end_matches('/').to_owned());
        }
        if addresses.is_empty() {
            bail!("NATS_URL names no server");
        }
        Ok(Self {
            addresses,
            credentials,
        })
    }

    pub fn options(&self) -> async_nats::ConnectOptions {
        match &self.credentials {
            Some(Credentials::UserAndPassword(user, password)) => {
                async_nats::ConnectOptions::with_user_and_password(user.clone(), password.clone())
            }
            Some(Credentials::Token(token)) => {
                async_nats::ConnectOptions::with_token(token.clone())
            }
            None => async_nats::ConnectOptions::new(),
        }
    }

    /// The servers for logs and error messages: never the credentials.
    pub fn shown(&self) -> String {
        self.addresses.join(",")
    }
}

fn credentials_of(url: &url::Url) -> Result<Option<Credentials>> {
    let decode = |text: &str| {
        percent_decode_str(text)
            .decode_utf8()
            .map(|text| text.into_owned())
            .context("the credentials in NATS_URL are not UTF-8 once decoded")
    };
    let user = decode(url.username())?;
    Ok(match url.password() {
        Some(password) => Some(Credentials::UserAndPassword(user, decode(password)?)),
        None if user.is_empty() => None,
        None => Some(Credentials::Token(user)),
    })
}

/// A server of NATS_URL for an error message, its credentials hidden.
fn shown(text: &str) -> String {
    match text.rsplit_once('@') {
        Some((_, host)) => format!("…@{host}"),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Credentials, NatsServers};

    #[test]
    fn a_nats_url_may_list_the_servers_of_a_cluster() {
        let servers =
            NatsServers::parse("nats://nats-1:4222, nats://nats-2:4222,nats://nats-3:4222")
                .unwrap();
        assert_eq!(
            servers.addresses,
            [
                "nats://nats-1:4222",
                "nats://nats-2:4222",
                "nats://nats-3:4222"
            ]
        );
        assert_eq!(servers.credentials, None);
        assert_eq!(
            NatsServers::parse("127.0.0.1:4222").unwrap().addresses,
            ["127.0.0.1:4222"]
        );
        assert!(NatsServers::parse(" , ").is_err());
    }

    #[test]
    fn credentials_are_taken_out_of_the_urls_and_never_shown() {
        let servers = NatsServers::parse(
            "nats://caunoi:m%E1%BA%ADt%40kh%E1%BA%A9u@nats-1:4222,nats://caunoi:m%E1%BA%ADt%40kh%E1%BA%A9u@nats-2:4222",
        )
        .unwrap();
        assert_eq!(
            servers.addresses,
            ["nats://nats-1:4222", "nats://nats-2:4222"]
        );
        assert_eq!(
            servers.credentials,
            Some(Credentials::UserAndPassword(
                "caunoi".into(),
                "mật@khẩu".into()
            ))
        );
        assert_eq!(servers.shown(), "nats://nats-1:4222,nats://nats-2:4222");

        let token = NatsServers::parse("nats://s3cr3t@127.0.0.1:4222").unwrap();
        assert_eq!(token.credentials, Some(Credentials::Token("s3cr3t".into())));

        let mixed = NatsServers::parse("nats://a:b@nats-1:4222,nats://a:c@nats-2:4222");
        assert!(mixed.is_err());
        let error = NatsServers::parse("nats://a:hidden@[bad").unwrap_err();
        assert!(!format!("{error:#}").contains("hidden"), "{error:#}");
    }
}
