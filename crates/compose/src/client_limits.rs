//! Limits per client address, in front of what an attacker would repeat: requests that
//! send mail (sign-in links, renewed approval links) and guesses of credentials (API
//! tokens, the tokens of emailed links). Limits per person (three sign-in links per address
//! per quarter hour, one renewal per expired link) are the use cases' own; these stop one
//! machine from working through many addresses or many guesses.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request};
use axum::http::{HeaderName, Method};
use governor::{DefaultKeyedRateLimiter, Quota};

/// Mail-sending requests per client: thirty at once, then one every 30 s (thirty per
/// quarter hour). A provincial office signs in from one address in the morning, so the
/// allowance is an office's, not a person's; each address has its own limit of three.
const MAIL_BURST: u32 = 30;
const MAIL_EVERY: Duration = Duration::from_secs(30);
/// Failed tokens and links per client: twenty at once, then one every 45 s (twenty per
/// quarter hour). The failure past them blocks the client: its tokens and links are not
/// even checked for the next 45 s, so that a guess that happens to be right tells nothing.
const FAILURE_BURST: u32 = 20;
const FAILURE_EVERY: Duration = Duration::from_secs(45);
/// Clients remembered before the forgotten ones are swept out.
const SWEEP_ABOVE: usize = 10_000;

/// Routes that send mail to an address the request names.
pub const MAIL_ROUTES: [(&str, &str); 2] = [
    ("POST", "/sign-in"),
    ("POST", "/approve/{round}/{token}/renew"),
];

/// Routes whose path carries the credential: a refusal there is a failed guess.
pub const LINK_ROUTES: [&str; 4] = [
    "/sign-in/{token}",
    "/approve/{round}/{token}",
    "/approve/{round}/{token}/renew",
    "/reminders/preferences/{email}/{signature}",
];

/// Who a request comes from, as far as limits go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Client(IpAddr);

pub struct ClientLimits {
    mail: DefaultKeyedRateLimiter<Client>,
    failures: DefaultKeyedRateLimiter<Client>,
    /// Clients that used up their failures, until when.
    blocked: Mutex<HashMap<Client, Instant>>,
    address_header: Option<HeaderName>,
}

impl ClientLimits {
    /// `address_header`: the header a reverse proxy in front sets to the client's address
    /// (`X-Forwarded-For`, whose last entry is the one the proxy added, or `X-Real-IP`).
    /// Without it, the address the connection comes from.
    pub fn new(address_header: Option<HeaderName>) -> Self {
        Self {
            mail: DefaultKeyedRateLimiter::keyed(quota(MAIL_EVERY, MAIL_BURST)),
            failures: DefaultKeyedRateLimiter::keyed(quota(FAILURE_EVERY, FAILURE_BURST)),
            blocked: Mutex::new(HashMap::new()),
            address_header,
        }
    }

    pub fn client_of(&self, request: &Request) -> Client {
        let from_header = self.address_header.as_ref().and_then(|name| {
            request
                .headers()
                .get(name)?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()?
                .trim()
                .parse::<IpAddr>()
                .ok()
        });
        let from_connection = || {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|info| info.0.ip())
        };
        // A server built without connection info (some tests) puts everyone together.
        let address = from_header
            .or_else(from_connection)
            .unwrap_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED));
        Client(network_of(address))
    }

    /// Whether this request may send mail now; each call counts.
    pub fn may_send_mail(&self, client: Client) -> bool {
        self.sweep();
        self.mail.check_key(&client).is_ok()
    }

    /// Whether this client may present a credential now.
    pub fn may_try(&self, client: Client) -> bool {
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        match blocked.get(&client) {
            Some(until) if *until > Instant::now() => false,
            Some(_) => {
                blocked.remove(&client);
                true
            }
            None => true,
        }
    }

    /// Counts a failed credential; the one that uses up the client's allowance blocks it.
    pub fn failed(&self, client: Client) {
        self.sweep();
        if self.failures.check_key(&client).is_err() {
            tracing::warn!(client = %client.0, "too many failed tokens or links from one client; refusing its credentials for a while");
            let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
            blocked.insert(client, Instant::now() + FAILURE_EVERY);
        }
    }

    fn sweep(&self) {
        if self.mail.len() > SWEEP_ABOVE {
            self.mail.retain_recent();
        }
        if self.failures.len() > SWEEP_ABOVE {
            self.failures.retain_recent();
        }
        let mut blocked = self.blocked.lock().unwrap_or_else(|e| e.into_inner());
        if blocked.len() > SWEEP_ABOVE {
            let now = Instant::now();
            blocked.retain(|_, until| *until > now);
        }
    }
}

pub fn sends_mail(method: &Method, path: &str) -> bool {
    MAIL_ROUTES
        .iter()
        .any(|(m, p)| method.as_str() == *m && path == *p)
}

pub fn carries_link(path: &str) -> bool {
    LINK_ROUTES.contains(&path)
}

fn quota(every: Duration, burst: u32) -> Quota {
    Quota::with_period(every)
        .expect("a period above zero")
        .allow_burst(NonZeroU32::new(burst).expect("a burst above zero"))
}

/// One IPv6 client usually holds a whole /64, so that is what counts as one.
fn network_of(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(Ipv6Addr::from(segments))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn request(forwarded: &str) -> Request {
        Request::builder()
            .header("x-forwarded-for", forwarded)
            .body(Body::empty())
            .unwrap()
    }

    #[test]
    fn the_proxys_entry_names_the_client_and_a_v6_network_counts_as_one() {
        let limits = ClientLimits::new(Some(HeaderName::from_static("x-forwarded-for")));
        let spoofed = limits.client_of(&request("198.51.100.1, 203.0.113.7"));
        assert_eq!(spoofed, limits.client_of(&request("203.0.113.7")));
        assert_eq!(
            limits.client_of(&request("2001:db8:1:2::1")),
            limits.client_of(&request("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            limits.client_of(&request("2001:db8:1:2::1")),
            limits.client_of(&request("2001:db8:1:3::1"))
        );
        let ignored = ClientLimits::new(None);
        assert_eq!(
            ignored.client_of(&request("203.0.113.7")),
            ignored.client_of(&request("198.51.100.1"))
        );
    }

    #[test]
    fn a_client_that_used_up_its_failures_may_not_try_while_others_may() {
        let limits = ClientLimits::new(Some(HeaderName::from_static("x-forwarded-for")));
        let guesser = limits.client_of(&request("203.0.113.7"));
        let other = limits.client_of(&request("198.51.100.1"));
        for _ in 0..FAILURE_BURST {
            assert!(limits.may_try(guesser));
            limits.failed(guesser);
        }
        assert!(
            limits.may_try(guesser),
            "the allowance is used, not exceeded"
        );
        limits.failed(guesser);
        assert!(!limits.may_try(guesser));
        assert!(limits.may_try(other));
    }

    #[test]
    fn the_limited_routes_are_open_routes_of_the_rules() {
        use crate::rules::{Guard, ROUTES};
        let open = |method: &str, path: &str| {
            ROUTES
                .iter()
                .any(|(m, p, guard)| *m == method && *p == path && *guard == Guard::Open)
        };
        for (method, path) in MAIL_ROUTES {
            assert!(open(method, path), "{method} {path}");
        }
        for path in LINK_ROUTES {
            assert!(open("GET", path) || open("POST", path), "{path}");
        }
    }

    #[test]
    fn mail_requests_are_limited_per_client() {
        let limits = ClientLimits::new(Some(HeaderName::from_static("x-forwarded-for")));
        let sender = limits.client_of(&request("203.0.113.7"));
        for _ in 0..MAIL_BURST {
            assert!(limits.may_send_mail(sender));
        }
        assert!(!limits.may_send_mail(sender));
        assert!(limits.may_send_mail(limits.client_of(&request("198.51.100.1"))));
    }
}
