//! Approval links in queued mail. A queued mail holds a placeholder naming the round and
//! the link id; the sender puts the real link in its place, so that no token is ever
//! stored.

use uuid::Uuid;
use workflow::links::{LinkSecret, approval_url, sign_in_url};

const OPEN: &str = "{{approval-link:";
const CLOSE: &str = "}}";
/// Two hyphenated UUIDs and the colon between them.
const IDS: usize = 36 + 1 + 36;

/// Stands for the approval link of `link` in `round`.
pub fn link_placeholder(round: Uuid, link: Uuid) -> String {
    format!("{OPEN}{round}:{link}{CLOSE}")
}

const SIGN_IN_OPEN: &str = "{{sign-in-link:";
/// A nonce of 256 bits in hex.
const NONCE: usize = 64;

/// Stands for the sign-in link made from `nonce`.
pub fn sign_in_placeholder(nonce: &str) -> String {
    format!("{SIGN_IN_OPEN}{nonce}{CLOSE}")
}

/// Puts every approval and sign-in link of a mail's body in place.
pub fn fill_links(body: &str, public_url: &str, secret: &LinkSecret) -> String {
    fill_sign_in_links(
        &fill_approval_links(body, public_url, secret),
        public_url,
        secret,
    )
}

fn fill_sign_in_links(body: &str, public_url: &str, secret: &LinkSecret) -> String {
    let mut filled = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find(SIGN_IN_OPEN) {
        filled.push_str(&rest[..start]);
        let after = &rest[start + SIGN_IN_OPEN.len()..];
        let nonce = after
            .get(..NONCE)
            .filter(|n| n.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| after[NONCE..].starts_with(CLOSE));
        match nonce {
            Some(nonce) => {
                filled.push_str(&sign_in_url(public_url, &secret.sign_in_token(nonce)));
                rest = &after[NONCE + CLOSE.len()..];
            }
            None => {
                filled.push_str(SIGN_IN_OPEN);
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

fn fill_approval_links(body: &str, public_url: &str, secret: &LinkSecret) -> String {
    let mut filled = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find(OPEN) {
        filled.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let ids = after.get(..IDS).and_then(|ids| {
            let (round, link) = ids.split_once(':')?;
            Some((Uuid::parse_str(round).ok()?, Uuid::parse_str(link).ok()?))
        });
        match ids.filter(|_| after[IDS..].starts_with(CLOSE)) {
            Some((round, link)) => {
                filled.push_str(&approval_url(public_url, round, &secret.token(link)));
                rest = &after[IDS + CLOSE.len()..];
            }
            None => {
                filled.push_str(OPEN);
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_becomes_its_own_link_and_nothing_else_changes() {
        let (secret, _) = LinkSecret::generate();
        let (round, first, second) = (Uuid::now_v7(), Uuid::new_v4(), Uuid::new_v4());
        let body = format!(
            "Xem: {} và {} {{{{approval-link:không-phải}}}}",
            link_placeholder(round, first),
            link_placeholder(round, second)
        );
        let filled = fill_links(&body, "https://caunoi.example.vn/", &secret);
        let expected = format!(
            "Xem: https://caunoi.example.vn/approve/{round}/{} và https://caunoi.example.vn/approve/{round}/{} {{{{approval-link:không-phải}}}}",
            secret.token(first),
            secret.token(second)
        );
        assert_eq!(filled, expected);
    }

    #[test]
    fn a_sign_in_placeholder_becomes_the_link_of_its_nonce() {
        let (secret, _) = LinkSecret::generate();
        let nonce = workflow::links::random_hex();
        let body = format!(
            "Mở: {} {{{{sign-in-link:xyz}}}}",
            sign_in_placeholder(&nonce)
        );
        let filled = fill_links(&body, "https://caunoi.example.vn", &secret);
        assert_eq!(
            filled,
            format!(
                "Mở: https://caunoi.example.vn/sign-in/{} {{{{sign-in-link:xyz}}}}",
                secret.sign_in_token(&nonce)
            )
        );
    }
}
