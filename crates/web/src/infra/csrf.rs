//! Cross-site request forgery protection by double submit.
//!
//! Every visitor gets a random token in a cookie ([`issue_token`]; `HttpOnly`, `SameSite=Lax`,
//! and `__Host-`/`Secure` over HTTPS). Every form carries the same token in a hidden field
//! named [`FIELD`] (templates write `{% include "csrf_field.html" %}` in every form). The
//! route guard calls [`verify`] on every POST before anything else: a missing or different token is refused with 403 and a friendly page.
//! A page on another site cannot read our cookie, so it cannot forge the field; the
//! `__Host-` prefix stops a sibling subdomain from planting a cookie of its own.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::infra::security::{CookieSpec, MAX_BODY, constant_time_eq, cookie, random_hex};

/// The name of the hidden form field (and of the `x-csrf-token` header alternative).
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
    /// Whether it was made for this request (the request carried no token cookie).
    pub fresh: bool,
}

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Middleware: makes sure every visitor has a CSRF token cookie, and puts the token in the
/// request's extensions for templates.
pub async fn issue_token(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let name = cookie_name(state.secure_cookies);
    let (parts, body) = request.into_parts();
    let token = match cookie(&parts, name).filter(|t| well_formed(t)) {
        Some(t) => CsrfToken {
            value: t.to_owned(),
            fresh: false,
        },
        None => CsrfToken {
            value: random_hex(32),
            fresh: true,
        },
    };
    request = Request::from_parts(parts, body);
    request.extensions_mut().insert(token.clone());
    let mut response = next.run(request).await;
    if token.fresh {
        let spec = CookieSpec {
            name,
            value: &token.value,
            max_age: None,
            http_only: true,
            secure: state.secure_cookies,
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
    /// No token, or not the visitor's token: 403.
    BadToken,
    /// The body is larger than [`MAX_BODY`]: 413.
    TooLarge,
}

/// Checks the CSRF token of a state-changing request: the `x-csrf-token` header or the form
/// field [`FIELD`] must equal the visitor's cookie. Reads the (size-limited) body and hands
/// it back for the handler.
pub async fn verify(parts: &Parts, body: Body, secure: bool) -> Result<Body, Refusal> {
    let expected = cookie(parts, cookie_name(secure))
        .filter(|t| well_formed(t))
        .ok_or(Refusal::BadToken)?;
    if let Some(sent) = parts.headers.get(HEADER).and_then(|v| v.to_str().ok()) {
        return if constant_time_eq(sent, expected) {
            Ok(body)
        } else {
            Err(Refusal::BadToken)
        };
    }
    let bytes = to_bytes(body, MAX_BODY)
        .await
        .map_err(|_| Refusal::TooLarge)?;
    let fields: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&bytes).map_err(|_| Refusal::BadToken)?;
    let sent = fields
        .iter()
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.as_str())
        .ok_or(Refusal::BadToken)?;
    if constant_time_eq(sent, expected) {
        Ok(Body::from(bytes))
    } else {
        Err(Refusal::BadToken)
    }
}
