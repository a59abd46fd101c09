//! Approval links. A link's token is HMAC-SHA256 of its random link id under the server's
//! secret: 256 bits that no one can guess without the secret. Only the SHA-256 of the
//! token is stored (in the events); the token is worked out again from the link id when a
//! mail is sent, so no token is ever kept at rest.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// At least this many bytes of secret, so that tokens carry their full 256 bits.
pub const SECRET_BYTES: usize = 32;

/// Separates approval-link tokens from anything else the secret might ever sign.
const PURPOSE: &[u8] = b"caunoi approval link v1\0";

/// The server's secret for approval links. Every instance that issues links, sends mail
/// or shows link pages needs the same one.
#[derive(Clone)]
pub struct LinkSecret(Vec<u8>);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LinkSecretError {
    #[error("the link secret is neither base64 nor hex")]
    NotEncoded,
    #[error("the link secret has {0} bytes; it needs at least {SECRET_BYTES}")]
    TooShort(usize),
    #[error(
        "the link secret is an example or a pattern, not a random secret; make one with `openssl rand -hex 32`"
    )]
    NotRandom,
}

impl std::fmt::Debug for LinkSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSecret(***)")
    }
}

impl LinkSecret {
    /// Reads a secret written as hex or base64 (standard or URL-safe).
    pub fn parse(text: &str) -> Result<Self, LinkSecretError> {
        let text = text.trim();
        let bytes = hex::decode(text)
            .ok()
            .or_else(|| base64::engine::general_purpose::STANDARD.decode(text).ok())
            .or_else(|| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).ok())
            .ok_or(LinkSecretError::NotEncoded)?;
        if bytes.len() < SECRET_BYTES {
            return Err(LinkSecretError::TooShort(bytes.len()));
        }
        if !domain::values::looks_random(&bytes) {
            return Err(LinkSecretError::NotRandom);
        }
        Ok(Self(bytes))
    }

    /// A fresh random secret, and its hex form to keep.
    pub fn generate() -> (Self, String) {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        let text = hex::encode(&bytes);
        (Self(bytes), text)
    }

    /// The token of the link with this id.
    pub fn token(&self, link_id: Uuid) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts keys of any length");
        mac.update(PURPOSE);
        mac.update(link_id.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

impl LinkSecret {
    /// A signature of `data` for one `purpose` (e.g. a person's reminder-preferences page),
    /// so that a link can prove it was made by this server for that data.
    pub fn sign(&self, purpose: &str, data: &str) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts keys of any length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(data.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// Whether `signature` is `sign(purpose, data)`, compared in constant time.
    pub fn verify(&self, purpose: &str, data: &str, signature: &str) -> bool {
        let Ok(given) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts keys of any length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(data.as_bytes());
        mac.verify_slice(&given).is_ok()
    }
}

/// Separates sign-in tokens from the secret's other signatures.
const SIGN_IN_PURPOSE: &str = "caunoi sign-in link v1";

impl LinkSecret {
    /// The token of a sign-in link: HMAC-SHA256 of the link's random nonce, so that the
    /// queued mail keeps only the nonce and the database only the token's hash.
    pub fn sign_in_token(&self, nonce: &str) -> String {
        self.sign(SIGN_IN_PURPOSE, nonce)
    }
}

/// 256 random bits in hex: a sign-in link's nonce, or a session id.
pub fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The page where a person confirms signing in: `<base>/sign-in/<token>`.
pub fn sign_in_url(base_url: &str, token: &str) -> String {
    format!("{}/sign-in/{token}", base_url.trim_end_matches('/'))
}

/// What is stored of a token: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a string from a URL can be a token at all (43 URL-safe base64 characters),
/// checked before anything is looked up.
pub fn looks_like_token(text: &str) -> bool {
    text.len() == 43
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The page an approver opens: `<base>/approve/<round>/<token>`.
pub fn approval_url(base_url: &str, round_id: Uuid, token: &str) -> String {
    format!(
        "{}/approve/{round_id}/{token}",
        base_url.trim_end_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_256_bits_stable_per_link_and_differ_between_links_and_secrets() {
        let (secret, text) = LinkSecret::generate();
        let again = LinkSecret::parse(&text).unwrap();
        let link = Uuid::new_v4();
        let token = secret.token(link);
        assert!(looks_like_token(&token), "{token}");
        assert_eq!(URL_SAFE_NO_PAD.decode(&token).unwrap().len(), 32);
        assert_eq!(again.token(link), token);
        assert_ne!(secret.token(Uuid::new_v4()), token);
        assert_ne!(LinkSecret::generate().0.token(link), token);
    }

    #[test]
    fn only_the_hash_is_kept_and_it_does_not_reveal_the_token() {
        let (secret, _) = LinkSecret::generate();
        let token = secret.token(Uuid::new_v4());
        let hash = token_hash(&token);
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&token));
        assert_eq!(token_hash(&token), hash);
    }

    #[test]
    fn short_or_garbled_secrets_are_refused() {
        assert_eq!(
            LinkSecret::parse("abcd").unwrap_err(),
            LinkSecretError::TooShort(2)
        );
        assert_eq!(
            LinkSecret::parse("không phải bí mật!").unwrap_err(),
            LinkSecretError::NotEncoded
        );
        let varied: Vec<u8> = (0..48u8).map(|i| i.wrapping_mul(37)).collect();
        let base64 = base64::engine::general_purpose::STANDARD.encode(varied);
        assert!(LinkSecret::parse(&base64).is_ok());
    }

    #[test]
    fn example_secrets_are_refused() {
        for example in [
            "0".repeat(64),
            "0123456789abcdef".repeat(4),
            base64::engine::general_purpose::STANDARD.encode([7u8; 48]),
        ] {
            assert_eq!(
                LinkSecret::parse(&example).unwrap_err(),
                LinkSecretError::NotRandom,
                "{example}"
            );
        }
    }

    #[test]
    fn the_secret_never_shows_in_logs() {
        let (secret, text) = LinkSecret::generate();
        assert!(!format!("{secret:?}").contains(&text));
    }

    #[test]
    fn signatures_hold_for_their_purpose_and_data_only() {
        let (secret, _) = LinkSecret::generate();
        let signature = secret.sign("reminder-preferences", "hoa@example.vn");
        assert!(secret.verify("reminder-preferences", "hoa@example.vn", &signature));
        assert!(!secret.verify("reminder-preferences", "lan@example.vn", &signature));
        assert!(!secret.verify("other", "hoa@example.vn", &signature));
        assert!(!secret.verify("reminder-preferences", "hoa@example.vn", "forged"));
    }

    #[test]
    fn sign_in_tokens_are_token_shaped_and_differ_per_nonce() {
        let (secret, _) = LinkSecret::generate();
        let (a, b) = (random_hex(), random_hex());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(looks_like_token(&secret.sign_in_token(&a)));
        assert_ne!(secret.sign_in_token(&a), secret.sign_in_token(&b));
        assert_ne!(secret.sign_in_token(&a), secret.sign("other", &a));
    }

    #[test]
    fn anything_but_a_token_shape_is_rejected_early() {
        assert!(!looks_like_token("../../etc/passwd"));
        assert!(!looks_like_token(""));
        assert!(!looks_like_token(&"a".repeat(44)));
    }
}
