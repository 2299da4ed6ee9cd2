//! Security headers, request limits, request logging and ids, and cookie helpers.
//!
//! Every response gets the headers in [`SECURITY_HEADERS`] (a strict Content-Security-Policy:
//! no inline scripts or styles, no framing, forms only to this site) and, unless the handler
//! set its own, `Cache-Control: no-store`, so pages with health data are never cached.
//!
//! The request log has the method, the route *pattern* (`/clinician/patients/{user}`, not
//! the id), the status and the time taken: never query strings, bodies, cookies or other
//! headers, so no secret or health data reaches the logs. The probes ([`PROBES`]), asked
//! every few seconds by a supervisor, log at debug level while they answer 200. Each line
//! carries the request's id (`x-request-id`: a reverse proxy's, when it is a short plain
//! token, else one of ours), which the response also carries, so an operator can match a
//! person's report or a proxy's log to the server's line.
//!
//! Compression and BREACH: a compressed page that holds a secret (the CSRF token) and text
//! an attacker chose (a search) can leak the secret through its size, if another site
//! makes the browser send many such requests. Requests a browser says come from another
//! site (`Sec-Fetch-Site: cross-site` or `same-site`) are answered uncompressed
//! ([`no_compression_across_sites`]).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap, StatusCode, Version};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;
use tower_http::request_id::{MakeRequestId, RequestId};

/// The largest request body accepted (forms are small; 64 KiB leaves room for the intake).
pub const MAX_BODY: usize = 64 * 1024;

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
                       script-src 'self'; form-action 'self'; frame-ancestors 'none'; \
                       base-uri 'none'";

/// The headers set on every response.
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
];

/// Middleware: adds [`SECURITY_HEADERS`] and a default `Cache-Control: no-store`.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// The health and readiness probes (routes of `crate::routes`), whose successful answers
/// are logged at debug level only: at info they would bury the real requests.
pub const PROBES: [&str; 2] = ["/healthz", "/readyz"];

/// Middleware: logs one line per request, without any secret or personal data.
pub async fn log_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", |p| p.as_str())
        .to_owned();
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    crate::infra::metrics::record_request(method.as_str(), &route, response.status(), seconds);
    let status = response.status().as_u16();
    let ms = seconds * 1000.0;
    if PROBES.contains(&route.as_str()) && response.status().is_success() {
        tracing::debug!(%method, route, status, ms, id, "request");
    } else {
        tracing::info!(%method, route, status, ms, id, "request");
    }
    response
}

/// The header of request ids.
pub const REQUEST_ID: &str = "x-request-id";

/// Makes the ids of requests that come without one: 16 random hex digits.
#[derive(Debug, Clone, Copy)]
pub struct MakeId;

impl MakeRequestId for MakeId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&random_hex(8))
            .ok()
            .map(RequestId::new)
    }
}

/// Middleware: drops an incoming request id that is not a short plain token (at most 64
/// letters, digits, `-`, `_` or `.`), so a client cannot write what it likes into the log;
/// [`MakeId`] then gives the request one of ours.
pub async fn check_request_id(mut request: Request, next: Next) -> Response {
    let plain = |v: &HeaderValue| {
        (1..=64).contains(&v.len())
            && v.as_bytes()
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(b))
    };
    if request.headers().get(REQUEST_ID).is_some_and(|v| !plain(v)) {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

/// Middleware: a request another site made the browser send is answered uncompressed
/// (BREACH; see the module documentation).
pub async fn no_compression_across_sites(mut request: Request, next: Next) -> Response {
    let other_site = request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|site| site != "same-origin" && site != "none");
    if other_site {
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    next.run(request).await
}

/// Which responses are compressed: HTML pages and JSON (FHIR included). Images are
/// compressed already; the compression layer also skips bodies too small to gain.
pub fn compressible(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| {
            let essence = essence.trim();
            essence == "text/html" || essence == "application/json" || essence.ends_with("+json")
        })
}

/// Middleware: at most as many requests at once as the semaphore has permits; the others
/// wait their turn, within the request timeout (503 after it). The probes never wait: a
/// busy server is still alive, and a supervisor must not restart it for being busy.
pub async fn limit_in_flight(
    State(permits): State<Arc<Semaphore>>,
    request: Request,
    next: Next,
) -> Response {
    let probe = request
        .extensions()
        .get::<MatchedPath>()
        .is_some_and(|p| PROBES.contains(&p.as_str()));
    if probe {
        return next.run(request).await;
    }
    // The semaphore is never closed, so acquiring only fails if it were.
    let _permit = permits.acquire().await;
    next.run(request).await
}

/// The value of the cookie `name` in the request, if any.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A cookie's settings, turned into a `Set-Cookie` header by [`CookieSpec::header`].
#[derive(Debug, Clone, Copy)]
pub struct CookieSpec<'a> {
    /// Its name (with the `__Host-` prefix when secure).
    pub name: &'a str,
    /// Its value (must be a plain token: no `;`, `,`, spaces or quotes).
    pub value: &'a str,
    /// Lifetime in seconds; `Some(0)` deletes it, `None` makes a browser-session cookie.
    pub max_age: Option<i64>,
    /// Hidden from JavaScript.
    pub http_only: bool,
    /// Sent over HTTPS only.
    pub secure: bool,
}

impl CookieSpec<'_> {
    /// The `Set-Cookie` header value: always `Path=/` and `SameSite=Lax`.
    pub fn header(&self) -> HeaderValue {
        let mut s = format!("{}={}; Path=/; SameSite=Lax", self.name, self.value);
        if let Some(age) = self.max_age {
            s.push_str(&format!("; Max-Age={age}"));
        }
        if self.http_only {
            s.push_str("; HttpOnly");
        }
        if self.secure {
            s.push_str("; Secure");
        }
        HeaderValue::from_str(&s).expect("cookie names and values are plain tokens")
    }
}

/// Compares two strings in time that depends only on their lengths (for secret tokens).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `n` random bytes from the operating system, as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).expect("the operating system's random number generator failed");
    hex(&bytes)
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_several_headers() {
        let (parts, ()) = axum::http::Request::builder()
            .header("cookie", "a=1; lang=es")
            .header("cookie", "b=2")
            .body(())
            .unwrap()
            .into_parts();
        assert_eq!(cookie(&parts, "lang"), Some("es"));
        assert_eq!(cookie(&parts, "b"), Some("2"));
        assert_eq!(cookie(&parts, "c"), None);
    }

    #[test]
    fn secure_cookies_have_every_flag() {
        let spec = CookieSpec {
            name: "__Host-x",
            value: "v",
            max_age: Some(60),
            http_only: true,
            secure: true,
        };
        assert_eq!(
            spec.header(),
            "__Host-x=v; Path=/; SameSite=Lax; Max-Age=60; HttpOnly; Secure"
        );
    }

    #[test]
    fn tokens_compare_and_are_random() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
        let (a, b) = (random_hex(32), random_hex(32));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
