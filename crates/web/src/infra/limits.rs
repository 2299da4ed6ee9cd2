//! Limits that slow an attacker without locking anyone out.
//!
//! - **Who is asking**: [`ClientAddr`], the socket peer; behind a reverse proxy named with
//!   `--trusted-proxy`, the right-most address in `X-Forwarded-For` that is not one of the
//!   trusted proxies. A header from anyone else is never read: a client could write any
//!   address in it and so escape every limit, or spend someone else's.
//! - **Per address**: a token bucket ([`governor`], GCRA) for the forms that guess or create
//!   (log-in, sign-up, password reset: [`LIMITED_FORMS`]) and another for `/fhir`. The
//!   route guard checks it before anything else, so a refused request costs no database
//!   work; the answer is 429 with `Retry-After` ([`too_many`]). IPv6 clients count per /64,
//!   the block one subscriber usually gets.
//! - **Per account** ([`FAILURES`], kept by the store): a client address gets five wrong
//!   passwords per email in 15 minutes, then only that address is refused until the oldest
//!   leaves the window; the owner elsewhere still logs in. Guesses spread over many
//!   addresses are slowed down instead ([`account_delay`]): a delay that grows with the
//!   account's failures from everywhere, never a refusal.
//!
//! The buckets run on the app's [`Clock`], so tests that move the clock refill them.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroU32;
use std::time::Duration as StdDuration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use backcare_storage::FailureLimit;
use governor::clock::Clock as GovernorClock;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use time::Duration;

use crate::infra::clock::Clock;
use crate::infra::fhir;
use crate::infra::pages;
use crate::infra::route::{Kind, Method, Route};

/// The POST forms that share the per-address bucket of [`Bucket::Forms`]: each guesses a
/// password or a code, creates something or sends an email. A new form of that kind adds its path
/// here.
pub const LIMITED_FORMS: &[&str] = &[
    "/login",
    "/login/two-factor",
    "/account/two-factor",
    "/account/email",
    "/signup",
    "/password/forgot",
    "/password/reset",
];

/// Wrong passwords one client address may try per email, and how long each counts.
pub const FAILURES: FailureLimit = FailureLimit {
    per_address: 5,
    window: Duration::minutes(15),
};

/// Failures of an account (from every address) that cost nothing; after them each
/// attempt waits [`DELAY_STEP`] more per failure, up to [`MAX_DELAY`].
pub const FREE_FAILURES: u64 = 5;
/// The extra wait per failure beyond [`FREE_FAILURES`].
pub const DELAY_STEP: StdDuration = StdDuration::from_millis(100);
/// The longest wait: long enough to slow a guesser's every try, short enough for the
/// owner to log in.
pub const MAX_DELAY: StdDuration = StdDuration::from_secs(2);

/// How long a log-in attempt for an account waits, given the account's failures within
/// [`FAILURES`]'s window before this attempt (from every address).
pub fn account_delay(failures_before: u64) -> StdDuration {
    let extra = failures_before.saturating_sub(FREE_FAILURES);
    DELAY_STEP
        .saturating_mul(u32::try_from(extra).unwrap_or(u32::MAX))
        .min(MAX_DELAY)
}

/// A bucket's size and how fast it refills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Requests allowed at once.
    pub burst: u32,
    /// One more request every this long.
    pub every: StdDuration,
}

/// The per-address limits of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitsConfig {
    /// For [`LIMITED_FORMS`]. Default: 10 at once, then one every 6 seconds (10 a minute).
    pub forms: Rate,
    /// For `/fhir`. Default: 60 at once, then 10 a second.
    pub fhir: Rate,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`). Empty: the
    /// socket peer is the client.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            forms: Rate {
                burst: 10,
                every: StdDuration::from_secs(6),
            },
            fhir: Rate {
                burst: 60,
                every: StdDuration::from_millis(100),
            },
            trusted_proxies: Vec::new(),
        }
    }
}

/// Which bucket a request spends from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// [`LIMITED_FORMS`].
    Forms,
    /// The FHIR API.
    Fhir,
}

/// The bucket of a route, if it has one.
pub fn bucket(route: &Route) -> Option<Bucket> {
    if route.kind == Kind::Fhir {
        Some(Bucket::Fhir)
    } else if route.method == Method::Post && LIMITED_FORMS.contains(&route.path) {
        Some(Bucket::Forms)
    } else {
        None
    }
}

/// The client a request is from (see the module documentation). The route guard puts it
/// in the request's extensions; handlers take it as an extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// What limits count by: an IPv4 address, or the /64 of an IPv6 one
    /// (`2001:db8:1:2::/64`).
    pub fn key(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                    format!("{prefix}/64")
                }
            },
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // The guard always inserts it; without a socket (a router called directly) every
        // request counts as one unknown client, which limits more, never less.
        Ok(parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .unwrap_or(ClientAddr(IpAddr::V6(Ipv6Addr::UNSPECIFIED))))
    }
}

/// The client of a request: the socket peer, or behind a trusted proxy the right-most
/// `X-Forwarded-For` entry that is not a trusted proxy.
pub fn client_addr(parts: &Parts, trusted: &[IpAddr]) -> ClientAddr {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED), |c| c.0.ip());
    ClientAddr(forwarded_client(peer, &parts.headers, trusted))
}

/// [`client_addr`] on its parts, for tests.
fn forwarded_client(peer: IpAddr, headers: &axum::http::HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|t| same_ip(t, ip));
    if !is_trusted(&peer) {
        return peer;
    }
    // Proxies append the address they saw on the right; anything to its left was written
    // by the client and proves nothing. Several headers count as one list, in order.
    let mut entries: Vec<&str> = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else {
            return peer;
        };
        entries.extend(text.split(','));
    }
    for entry in entries.iter().rev() {
        match parse_forwarded(entry.trim()) {
            Some(ip) if is_trusted(&ip) => continue,
            Some(ip) => return ip,
            // A trusted proxy wrote something we cannot read: count the proxy itself.
            None => return peer,
        }
    }
    peer
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5678`,
/// `[2001:db8::1]:443`).
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// Equal addresses, an IPv4 address and its IPv6-mapped form included.
fn same_ip(a: &IpAddr, b: &IpAddr) -> bool {
    a.to_canonical() == b.to_canonical()
}

/// The app's clock as governor's: nanoseconds since 1970.
#[derive(Debug, Clone)]
struct AppClock(Clock);

impl GovernorClock for AppClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        let nanos = self.0.now().unix_timestamp_nanos();
        Nanos::from(u64::try_from(nanos).unwrap_or(0))
    }
}

type Keyed = RateLimiter<String, DefaultKeyedStateStore<String>, AppClock, NoOpMiddleware<Nanos>>;

/// The per-address buckets of a server, and who its trusted proxies are.
#[derive(Debug)]
pub struct Limiter {
    forms: Keyed,
    fhir: Keyed,
    trusted: Vec<IpAddr>,
    clock: AppClock,
}

fn quota(rate: Rate) -> Quota {
    let burst = NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(rate.every)
        .unwrap_or_else(|| Quota::per_second(burst))
        .allow_burst(burst)
}

impl Limiter {
    /// Empty buckets for `config`, refilled by `clock`.
    pub fn new(config: &LimitsConfig, clock: Clock) -> Self {
        let clock = AppClock(clock);
        let keyed = |rate| {
            RateLimiter::new(
                quota(rate),
                DefaultKeyedStateStore::default(),
                clock.clone(),
            )
        };
        Self {
            forms: keyed(config.forms),
            fhir: keyed(config.fhir),
            trusted: config.trusted_proxies.clone(),
            clock,
        }
    }

    /// The trusted proxies.
    pub fn trusted_proxies(&self) -> &[IpAddr] {
        &self.trusted
    }

    /// Spends one request of `client` from `bucket`; `Err` says how long until the next
    /// one is allowed.
    pub fn check(&self, bucket: Bucket, client: &ClientAddr) -> Result<(), StdDuration> {
        let limiter = match bucket {
            Bucket::Forms => &self.forms,
            Bucket::Fhir => &self.fhir,
        };
        limiter
            .check_key(&client.key())
            .map_err(|not_until| not_until.wait_time_from(self.clock.now()))
    }

    /// Forgets the buckets that are full again (they hold nothing a fresh one would not),
    /// so the memory stays bounded by the addresses seen lately.
    pub fn forget_idle(&self) {
        for limiter in [&self.forms, &self.fhir] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// How many addresses the buckets remember.
    pub fn len(&self) -> usize {
        self.forms.len() + self.fhir.len()
    }

    /// Whether the buckets remember no address.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whole seconds to wait, rounded up, at least one: the `Retry-After` value.
pub fn retry_after_secs(wait: StdDuration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// How long to wait when the server is busy hashing passwords (its queue was full): a
/// moment, since hashes take a fraction of a second.
pub const BUSY_RETRY: StdDuration = StdDuration::from_secs(1);

/// Adds `Retry-After` to a response.
pub fn with_retry_after(mut response: Response, wait: StdDuration) -> Response {
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(retry_after_secs(wait)),
    );
    response
}

/// 429 for a request over its address's limit, in the route's kind: a plain page in the
/// person's language, an OperationOutcome on `/fhir`, a line of text for the JSON API.
pub fn too_many(parts: &Parts, kind: Kind, wait: StdDuration) -> Response {
    let status = StatusCode::TOO_MANY_REQUESTS;
    let response = match kind {
        Kind::Page => pages::message(parts, status, "limit-title", "limit-text"),
        Kind::Fhir => fhir::outcome(
            status,
            "throttled",
            format!(
                "too many requests from this address; try again in {} s",
                retry_after_secs(wait)
            ),
            None,
        ),
        Kind::Api => (status, "too many requests; try again later\n").into_response(),
    };
    with_retry_after(response, wait)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;

    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        headers
    }

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_proxy_forwards() {
        let proxy = ip("10.0.0.5");
        let trusted = [proxy, ip("10.0.0.6")];
        let check = |peer: &str, headers: &[&str], trusted: &[IpAddr], want: &str| {
            assert_eq!(
                forwarded_client(ip(peer), &xff(headers), trusted),
                ip(want),
                "peer {peer}, X-Forwarded-For {headers:?}"
            );
        };
        // No trusted proxy: the header is never read.
        check("203.0.113.9", &["198.51.100.1"], &[], "203.0.113.9");
        // A peer that is not the proxy: its header is a lie we ignore.
        check("203.0.113.9", &["198.51.100.1"], &trusted, "203.0.113.9");
        // Through the proxy: the right-most untrusted entry, not what the client wrote.
        check("10.0.0.5", &["198.51.100.1"], &trusted, "198.51.100.1");
        check(
            "10.0.0.5",
            &["6.6.6.6, 198.51.100.1"],
            &trusted,
            "198.51.100.1",
        );
        check(
            "10.0.0.5",
            &["6.6.6.6", "198.51.100.1, 10.0.0.6"],
            &trusted,
            "198.51.100.1",
        );
        check("10.0.0.5", &["[2001:db8::7]:443"], &trusted, "2001:db8::7");
        check("10.0.0.5", &["198.51.100.1:5678"], &trusted, "198.51.100.1");
        // Nothing readable, or only proxies: the proxy itself.
        check("10.0.0.5", &[], &trusted, "10.0.0.5");
        check("10.0.0.5", &["6.6.6.6, garbage"], &trusted, "10.0.0.5");
        check("10.0.0.5", &["10.0.0.6"], &trusted, "10.0.0.5");
        // The proxy as an IPv6-mapped peer is still the proxy.
        check(
            "::ffff:10.0.0.5",
            &["198.51.100.1"],
            &trusted,
            "198.51.100.1",
        );
    }

    #[test]
    fn ipv6_clients_count_per_64() {
        let key = |s: &str| ClientAddr(ip(s)).key();
        assert_eq!(key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff::1"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
        assert_eq!(key("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(key("192.0.2.1"), "192.0.2.1");
    }

    #[test]
    fn buckets_are_per_address_and_refill_with_the_clock() {
        let clock = Clock::shifted();
        let config = LimitsConfig {
            forms: Rate {
                burst: 3,
                every: StdDuration::from_secs(6),
            },
            ..LimitsConfig::default()
        };
        let limiter = Limiter::new(&config, clock.clone());
        let one = ClientAddr(ip("192.0.2.1"));
        let two = ClientAddr(ip("192.0.2.2"));
        for _ in 0..3 {
            assert!(limiter.check(Bucket::Forms, &one).is_ok());
        }
        let wait = limiter.check(Bucket::Forms, &one).unwrap_err();
        assert!(wait > StdDuration::from_secs(4) && wait <= StdDuration::from_secs(6));
        assert_eq!(retry_after_secs(wait), 6);
        assert!(
            limiter.check(Bucket::Forms, &two).is_ok(),
            "another address"
        );
        assert!(limiter.check(Bucket::Fhir, &one).is_ok(), "another bucket");
        assert!(clock.advance(Duration::seconds(6)));
        assert!(
            limiter.check(Bucket::Forms, &one).is_ok(),
            "one more after 6 s"
        );
        assert!(limiter.check(Bucket::Forms, &one).is_err());
        // Full buckets are forgotten; a bucket in use is kept.
        assert!(clock.advance(Duration::minutes(10)));
        assert!(limiter.check(Bucket::Forms, &two).is_ok());
        assert!(!limiter.is_empty());
        limiter.forget_idle();
        assert_eq!(limiter.len(), 1, "only the address just seen");
    }

    #[test]
    fn the_account_delay_grows_then_stops() {
        assert_eq!(account_delay(0), StdDuration::ZERO);
        assert_eq!(account_delay(FREE_FAILURES), StdDuration::ZERO);
        assert_eq!(account_delay(FREE_FAILURES + 3), 3 * DELAY_STEP);
        assert_eq!(account_delay(10_000), MAX_DELAY);
        assert_eq!(account_delay(u64::MAX), MAX_DELAY);
    }
}
