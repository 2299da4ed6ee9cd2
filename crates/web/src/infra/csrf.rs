//! Cross-site request forgery protection: a token bound to the session, and a check that
//! the request comes from this site.
//!
//! **The token.** Every form carries it in a hidden field named [`FIELD`] (templates write
//! `{% include "csrf_field.html" %}` in every form; a script may send the header [`HEADER`]
//! instead). What it must be depends on who is asking:
//!
//! - a signed-in visitor: [`for_session`] of their session token, a SHA-256 of the secret
//!   token that only their browser holds (behind a label, so it is not the stored session
//!   hash). Nobody without that session can make it, so a token taken from another session,
//!   or planted in this browser's cookie by a sibling site, is refused. It changes whenever
//!   the session does: log-in, sign-up and a password change start a new session, so the
//!   token of the anonymous form that logged in is worthless afterwards. Nothing to
//!   configure, and it survives a restart of the server.
//! - an anonymous visitor (log-in and sign-up forms): a random pre-session token in a cookie
//!   (double submit: a page on another site can neither read our cookie nor set a
//!   `__Host-` one).
//!
//! [`issue_token`] keeps the cookie holding the visitor's current token (`HttpOnly`,
//! `SameSite=Lax`, and `__Host-`/`Secure` over HTTPS), so that scripts and tests read it from
//! one place; when a response starts or ends a session it sets the next token at once (a
//! fresh random one after log-out). The route guard calls [`verify`] on every POST before
//! anything else.
//!
//! **This site.** As a second line, [`verify`] checks what the browser says about where the
//! form came from. `Sec-Fetch-Site` (sent by every current browser, and not something a page
//! can set) must be `same-origin` or `none` (typed or bookmarked); without it, `Origin` must
//! name this site: the `Host` the request was sent to (or the `X-Forwarded-Host` of a proxy
//! in front; a page on another site cannot add headers to a form, and a script that tries
//! is stopped by the browser, since we never answer CORS), over `https` when cookies are
//! secure. `Origin: null` is refused. A request with **neither header** is accepted on the
//! token alone: forgery needs a victim's browser, and browsers send `Origin` with every
//! POST, so such a request comes from a program (curl, the tests' clients) that holds the
//! cookie itself.
//!
//! **Text we cannot store.** Every POSTed form passes here, so this is also where a NUL
//! character in any field is refused (400 and a plain page): PostgreSQL cannot store it,
//! and no person types one.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::AsHeaderName;
use axum::http::request::Parts;
use axum::http::{HeaderName, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::infra::auth::session_cookie_name;
use crate::infra::pages;
use crate::infra::security::{CookieSpec, MAX_BODY, constant_time_eq, cookie, hex, random_hex};

/// The name of the hidden form field.
pub const FIELD: &str = "csrf";
/// The header a script may send instead of the form field.
pub const HEADER: &str = "x-csrf-token";

/// The cookie's name: `__Host-backcare-csrf` when cookies are secure, else `backcare_csrf`.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-backcare-csrf"
    } else {
        "backcare_csrf"
    }
}

/// This visitor's CSRF token, for the hidden field of every form.
#[derive(Debug, Clone)]
pub struct CsrfToken {
    /// The token (64 hex characters).
    pub value: String,
    /// Whether the request's cookie did not hold it yet (so the response sets it).
    pub fresh: bool,
}

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The CSRF token of the session whose (secret) token is `session`.
pub fn for_session(session: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(b"backcare csrf token v1\0");
    hash.update(session.as_bytes());
    hex(&hash.finalize())
}

/// The token this request's forms must carry: the session's, or the pre-session cookie's.
fn expected(parts: &Parts, secure: bool) -> Option<String> {
    match cookie(parts, session_cookie_name(secure)).filter(|t| well_formed(t)) {
        Some(session) => Some(for_session(session)),
        None => cookie(parts, cookie_name(secure))
            .filter(|t| well_formed(t))
            .map(str::to_owned),
    }
}

/// What a response does to the session: `Some(Some(token))` starts one, `Some(None)` ends
/// it (the cookie is deleted), `None` leaves it alone.
fn session_change(response: &Response, secure: bool) -> Option<Option<String>> {
    let name = session_cookie_name(secure);
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.split_once('='))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| Some(v.trim().to_owned()).filter(|t| well_formed(t)))
}

/// Middleware: puts the visitor's token in the request's extensions for templates, and
/// keeps the cookie holding the current one (renewed with the session).
pub async fn issue_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let secure = state.secure_cookies;
    let name = cookie_name(secure);
    let (parts, body) = request.into_parts();
    let value = expected(&parts, secure).unwrap_or_else(|| random_hex(32));
    let token = CsrfToken {
        fresh: cookie(&parts, name) != Some(value.as_str()),
        value,
    };
    request = Request::from_parts(parts, body);
    request.extensions_mut().insert(token.clone());
    let mut response = next.run(request).await;
    let set = match session_change(&response, secure) {
        Some(Some(session)) => Some(for_session(&session)),
        Some(None) => Some(random_hex(32)),
        None => token.fresh.then_some(token.value),
    };
    if let Some(value) = set {
        let spec = CookieSpec {
            name,
            value: &value,
            max_age: None,
            http_only: true,
            secure,
        };
        response
            .headers_mut()
            .append(header::SET_COOKIE, spec.header());
    }
    response
}

/// Why a POST was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No token, or not this session's (or this visitor's) token: 403.
    BadToken,
    /// The browser says the form came from another site: 403.
    OtherSite,
    /// The body is larger than [`MAX_BODY`]: 413.
    TooLarge,
    /// A field holds a NUL character: 400.
    NulCharacter,
}

impl Refusal {
    /// The plain page that answers it, in the visitor's language.
    pub fn response(self, parts: &Parts) -> Response {
        let (status, title, text) = match self {
            Refusal::BadToken => (StatusCode::FORBIDDEN, "csrf-title", "csrf-text"),
            Refusal::OtherSite => (StatusCode::FORBIDDEN, "csrf-title", "csrf-other-site-text"),
            Refusal::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large-title",
                "too-large-text",
            ),
            Refusal::NulCharacter => (StatusCode::BAD_REQUEST, "nul-title", "nul-text"),
        };
        pages::message(parts, status, title, text)
    }
}

fn header_str(parts: &Parts, name: impl AsHeaderName) -> Option<&str> {
    parts.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Whether the browser says the request comes from this site (see the module
/// documentation).
fn from_this_site(parts: &Parts, secure: bool) -> bool {
    if let Some(site) = parts.headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    match parts.headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => origin
            .to_str()
            .is_ok_and(|origin| origin_is_this_site(origin, parts, secure)),
    }
}

/// Whether `origin` (`scheme://host[:port]`) names the host the request was sent to.
fn origin_is_this_site(origin: &str, parts: &Parts, secure: bool) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let default_port = match scheme {
        "https" => ":443",
        "http" if !secure => ":80",
        _ => return false,
    };
    let normal = |host: &str| {
        let host = host.trim().to_ascii_lowercase();
        host.strip_suffix(default_port)
            .map_or_else(|| host.clone(), str::to_owned)
    };
    let origin = normal(authority);
    let forwarded = HeaderName::from_static("x-forwarded-host");
    [
        header_str(parts, header::HOST),
        header_str(parts, &forwarded).and_then(|v| v.split(',').next()),
        parts.uri.authority().map(|a| a.as_str()),
    ]
    .into_iter()
    .flatten()
    .any(|host| !host.is_empty() && normal(host) == origin)
}

/// Whether the body is a form (or has no type at all, like an empty POST).
fn is_form(parts: &Parts) -> bool {
    header_str(parts, header::CONTENT_TYPE).is_none_or(|t| {
        t.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    })
}

/// Checks a state-changing request: that it comes from this site, that the `x-csrf-token`
/// header or the form field [`FIELD`] holds this session's (or this visitor's) token, and
/// that no field holds a NUL character. Reads the (size-limited) body and hands it back for
/// the handler.
pub async fn verify(parts: &Parts, body: Body, secure: bool) -> Result<Body, Refusal> {
    if !from_this_site(parts, secure) {
        return Err(Refusal::OtherSite);
    }
    let expected = expected(parts, secure).ok_or(Refusal::BadToken)?;
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| Refusal::TooLarge)?;
    let fields: Vec<(String, String)> = if is_form(parts) {
        serde_urlencoded::from_bytes(&bytes).map_err(|_| Refusal::BadToken)?
    } else {
        Vec::new()
    };
    let sent = header_str(parts, HEADER)
        .or_else(|| {
            fields
                .iter()
                .find(|(k, _)| k == FIELD)
                .map(|(_, v)| v.as_str())
        })
        .ok_or(Refusal::BadToken)?;
    if !constant_time_eq(sent, &expected) {
        return Err(Refusal::BadToken);
    }
    if fields
        .iter()
        .any(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        return Err(Refusal::NulCharacter);
    }
    Ok(Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(headers: &[(&str, &str)]) -> Parts {
        let mut request = axum::http::Request::builder().uri("/login");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn the_browser_must_say_this_site() {
        let host = ("host", "care.example:8080");
        for (headers, secure, ok) in [
            // Neither header: not a browser, the token decides.
            (vec![host], false, true),
            (vec![host, ("sec-fetch-site", "same-origin")], false, true),
            (vec![host, ("sec-fetch-site", "none")], false, true),
            (vec![host, ("sec-fetch-site", "same-site")], false, false),
            (vec![host, ("sec-fetch-site", "cross-site")], false, false),
            (
                vec![host, ("origin", "http://care.example:8080")],
                false,
                true,
            ),
            (
                vec![host, ("origin", "HTTP://Care.Example:8080")],
                false,
                false,
            ),
            (
                vec![host, ("origin", "http://Care.Example:8080")],
                false,
                true,
            ),
            (
                vec![host, ("origin", "https://care.example:8080")],
                true,
                true,
            ),
            (
                vec![host, ("origin", "http://care.example:8080")],
                true,
                false,
            ),
            (vec![host, ("origin", "https://evil.example")], false, false),
            (
                vec![host, ("origin", "http://care.example:8081")],
                false,
                false,
            ),
            (vec![host, ("origin", "http://care.example")], false, false),
            (vec![host, ("origin", "null")], false, false),
            (vec![host, ("origin", "")], false, false),
            (
                vec![
                    ("host", "care.example"),
                    ("origin", "https://care.example:443"),
                ],
                true,
                true,
            ),
            (
                vec![
                    ("host", "care.example:80"),
                    ("origin", "http://care.example"),
                ],
                false,
                true,
            ),
            // Behind a proxy that sends its own Host.
            (
                vec![
                    ("host", "127.0.0.1:8080"),
                    ("x-forwarded-host", "care.example"),
                    ("origin", "https://care.example"),
                ],
                true,
                true,
            ),
            // Fetch metadata decides when it is there.
            (
                vec![
                    host,
                    ("sec-fetch-site", "cross-site"),
                    ("origin", "http://care.example:8080"),
                ],
                false,
                false,
            ),
        ] {
            assert_eq!(from_this_site(&parts(&headers), secure), ok, "{headers:?}");
        }
    }

    #[test]
    fn session_tokens_are_bound_to_the_session() {
        let (a, b) = (random_hex(32), random_hex(32));
        assert_eq!(for_session(&a), for_session(&a));
        assert_ne!(for_session(&a), for_session(&b));
        assert!(well_formed(&for_session(&a)));
        assert_ne!(
            for_session(&a),
            crate::infra::auth::token_hash(&a).as_str(),
            "not the stored session hash"
        );
        let session = format!("backcare_session={a}; backcare_csrf={b}");
        assert_eq!(
            expected(&parts(&[("cookie", &session)]), false),
            Some(for_session(&a)),
            "a signed-in visitor's cookie token does not count"
        );
        let anonymous = format!("backcare_csrf={b}");
        assert_eq!(expected(&parts(&[("cookie", &anonymous)]), false), Some(b));
        assert_eq!(expected(&parts(&[]), false), None);
    }

    async fn verify_form(headers: &[(&str, &str)], body: &str) -> Result<(), Refusal> {
        verify(&parts(headers), Body::from(body.to_owned()), false)
            .await
            .map(|_| ())
    }

    #[tokio::test]
    async fn a_nul_character_in_any_field_is_refused_after_the_token() {
        let token = random_hex(32);
        let jar = format!("backcare_csrf={token}");
        let cookie = ("cookie", jar.as_str());
        let ok = format!("csrf={token}&notes=fine");
        assert_eq!(verify_form(&[cookie], &ok).await, Ok(()));
        for body in [
            format!("csrf={token}&notes=a%00b"),
            format!("csrf={token}&notes=a\0b"),
            format!("csrf={token}&no%00tes=x"),
        ] {
            assert_eq!(
                verify_form(&[cookie], &body).await,
                Err(Refusal::NulCharacter),
                "{body}"
            );
        }
        assert_eq!(
            verify_form(&[cookie], "csrf=0&notes=a%00b").await,
            Err(Refusal::BadToken),
            "no token, no answer about the text"
        );
    }
}
