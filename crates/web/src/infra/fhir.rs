//! The FHIR side of the infrastructure: answers as FHIR JSON, OperationOutcomes for every
//! refusal and error, and the guard of bearer-token routes ([`authorize_token`]), which
//! runs instead of the cookie guard for [`crate::infra::route::Access::Token`].
//!
//! A failure on the server's side is an [`AppError`] here as in every handler: the route's
//! guard ([`crate::infra::error::finish`]) logs it and answers with the 500
//! OperationOutcome. A FHIR handler also stops early with refusals of its own (400, 403,
//! 404, 422...), so it returns a [`FhirError`], which holds either.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use backcare_fhir::types::{Code, Issue, IssueSeverity, OperationOutcome, Tag};
use backcare_storage::ApiToken;
use serde::Serialize;

use crate::AppState;
use crate::infra::auth::{Decision, token_hash};
use crate::infra::error::AppError;

/// The media type of every answer, and the one a request body must have (plain
/// `application/json` is accepted too).
pub const FHIR_JSON: &str = "application/fhir+json";

/// The caller of an API route: the token it presented, checked and live.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub ApiToken);

impl<S: Send + Sync> FromRequestParts<S> for ApiCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts.extensions.get::<ApiCaller>().cloned().ok_or_else(|| {
            AppError::Internal(
                "a handler asked for an API caller on a route without a token".to_owned(),
            )
        })
    }
}

/// Why a FHIR handler stopped early: a refusal already answered with its OperationOutcome,
/// or a failure on the server's side, answered by the route's guard. `?` makes either from
/// a refusal, an [`AppError`] or a storage error.
#[derive(Debug)]
pub enum FhirError {
    /// A refusal (4xx), as it is to be sent.
    Refused(Response),
    /// The server failed.
    Failed(AppError),
}

impl From<Response> for FhirError {
    fn from(r: Response) -> Self {
        FhirError::Refused(r)
    }
}

impl From<AppError> for FhirError {
    fn from(e: AppError) -> Self {
        FhirError::Failed(e)
    }
}

impl From<backcare_storage::Error> for FhirError {
    fn from(e: backcare_storage::Error) -> Self {
        FhirError::Failed(e.into())
    }
}

impl IntoResponse for FhirError {
    fn into_response(self) -> Response {
        match self {
            FhirError::Refused(r) => r,
            FhirError::Failed(e) => e.into_response(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Answers and errors.

/// A resource as FHIR JSON with `status`.
pub fn fhir<T: Serialize>(status: StatusCode, resource: &T) -> Response {
    match serde_json::to_string(resource) {
        Ok(text) => raw(status, text),
        Err(e) => {
            AppError::Internal(format!("a FHIR resource did not serialise: {e}")).into_response()
        }
    }
}

/// Plain JSON (not a FHIR resource: a Bulk Data manifest, SMART discovery, an OAuth
/// answer) with `status`.
pub fn plain_json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            text,
        )
            .into_response(),
        Err(e) => {
            AppError::Internal(format!("a JSON answer did not serialise: {e}")).into_response()
        }
    }
}

/// JSON text as it is, as FHIR JSON.
pub fn raw(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON))],
        text,
    )
        .into_response()
}

/// One issue of an OperationOutcome: `code` is FHIR's issue type (`invalid`, `not-found`,
/// `processing`...; every caller passes one of the spec's).
pub fn issue(severity: IssueSeverity, code: &str, diagnostics: impl Into<String>) -> Issue {
    Issue {
        severity,
        code: Code::new(code).unwrap_or_else(|_| Code::new("exception").expect("valid")),
        diagnostics: Some(diagnostics.into()),
        expression: Vec::new(),
    }
}

/// An OperationOutcome of `issues`.
pub fn operation_outcome(issues: Vec<Issue>) -> OperationOutcome {
    OperationOutcome {
        resource_type: Tag::new(),
        issue: issues,
    }
}

/// An OperationOutcome with one error: `code` is FHIR's issue type (`invalid`,
/// `not-found`, ...), `expression` where the problem is (FHIRPath).
pub fn outcome(
    status: StatusCode,
    code: &str,
    diagnostics: impl Into<String>,
    expression: Option<&str>,
) -> Response {
    let mut issue = issue(IssueSeverity::Error, code, diagnostics);
    issue.expression = expression.map(str::to_owned).into_iter().collect();
    let mut response = fhir(status, &operation_outcome(vec![issue]));
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"backcare\""),
        );
    }
    response
}

/// An instant as FHIR writes one (`2026-12-01T10:00:00Z`), or a date (its midnight UTC).
pub fn instant(text: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
        .ok()
        .or_else(|| {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            time::Date::parse(text.trim(), &format)
                .ok()
                .map(|d| d.midnight().assume_utc())
        })
}

/// A storage answer with "not found" as a 404 OperationOutcome naming `what`, and any other
/// failure as the server's.
// The refusal is the finished answer, as everywhere in the FHIR handlers: boxing it would
// only add noise.
#[allow(clippy::result_large_err)]
pub fn or_not_found<T>(
    read: Result<T, backcare_storage::Error>,
    what: &str,
) -> Result<T, FhirError> {
    match read {
        Err(backcare_storage::Error::NotFound) => Err(not_found(what).into()),
        other => Ok(other?),
    }
}

/// True for a path under `/fhir`, where every answer is FHIR.
pub fn is_fhir_path(path: &str) -> bool {
    path == "/fhir" || path.starts_with("/fhir/")
}

/// 404 for a path under `/fhir` that names nothing served (an unknown resource type,
/// interaction or operation): an OperationOutcome saying what is served.
pub fn unknown_path(path: &str) -> Response {
    outcome(
        StatusCode::NOT_FOUND,
        "not-found",
        format!("{path} is not served here; GET /fhir/metadata lists what is"),
        None,
    )
}

/// Middleware: a method a `/fhir` path does not take is 405 with an OperationOutcome (and
/// the `Allow` header the router set), not the router's empty answer.
pub async fn method_not_allowed(request: Request, next: Next) -> Response {
    let fhir_path = is_fhir_path(request.uri().path());
    let method = request.method().clone();
    let response = next.run(request).await;
    if !fhir_path || response.status() != StatusCode::METHOD_NOT_ALLOWED {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut answer = outcome(
        StatusCode::METHOD_NOT_ALLOWED,
        "not-supported",
        format!(
            "{method} is not supported on this path{}",
            allow
                .as_ref()
                .and_then(|a| a.to_str().ok())
                .map(|a| format!("; it takes {a}"))
                .unwrap_or_default()
        ),
        None,
    );
    if let Some(allow) = allow {
        answer.headers_mut().insert(header::ALLOW, allow);
    }
    answer
}

/// 404: `what` was not found, or the caller may not see it (the two look the same).
pub fn not_found(what: &str) -> Response {
    outcome(
        StatusCode::NOT_FOUND,
        "not-found",
        format!("{what} was not found, or this token may not see it"),
        None,
    )
}

/// How the cookie guard's refusals look on a FHIR route.
pub fn refusal(decision: &Decision) -> Response {
    match decision {
        Decision::Forbidden => outcome(StatusCode::FORBIDDEN, "forbidden", "not allowed", None),
        Decision::NotFound => not_found("the resource"),
        _ => unauthorized("send a bearer token: Authorization: Bearer TOKEN"),
    }
}

/// 401 with `WWW-Authenticate: Bearer`, saying `why`.
pub fn unauthorized(why: &str) -> Response {
    outcome(StatusCode::UNAUTHORIZED, "login", why, None)
}

// ---------------------------------------------------------------------------------------
// Formats.

/// Whether a media type (an `Accept` entry or a `_format` value, parameters dropped) lets
/// us answer with JSON: FHIR's and plain JSON, their `_format` short form, and wildcards.
fn takes_json(media: &str) -> bool {
    let media = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        media.as_str(),
        "json" | "application/json" | "application/fhir+json" | "application/*" | "*/*"
    )
}

/// 406 when the request asks for a format other than JSON: `_format` (which FHIR lets
/// override `Accept`) that is not a JSON one, or else an `Accept` header none of whose
/// entries takes JSON (so `application/fhir+xml` alone is refused, and a browser's `*/*`
/// is not). No `Accept` at all means anything will do.
pub fn unacceptable_format(parts: &Parts) -> Option<Response> {
    let format = parts
        .uri
        .query()
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "_format"))
        .map(|(_, v)| v);
    let asked = match format {
        Some(format) => (!takes_json(&format)).then_some(format),
        None => {
            let accept: Vec<&str> = parts
                .headers
                .get_all(header::ACCEPT)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter(|m| !m.trim().is_empty())
                .collect();
            (!accept.is_empty() && !accept.iter().any(|m| takes_json(m))).then(|| accept.join(","))
        }
    }?;
    Some(outcome(
        StatusCode::NOT_ACCEPTABLE,
        "not-supported",
        format!(
            "this server answers in FHIR JSON only (application/fhir+json), not {}",
            asked.trim()
        ),
        None,
    ))
}

// ---------------------------------------------------------------------------------------
// The guard.

/// The guard of [`crate::routes::Access::Token`] routes: a live bearer token, or 401. Runs
/// instead of the cookie guard, so a session cookie alone is never enough.
pub async fn authorize_token(state: &AppState, mut request: Request, next: Next) -> Response {
    let Some(value) = request.headers().get(header::AUTHORIZATION) else {
        return unauthorized("send a bearer token: Authorization: Bearer TOKEN");
    };
    let token = value.to_str().ok().and_then(|v| {
        let (scheme, token) = v.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    let Some(token) = token.filter(|t| !t.is_empty() && t.len() <= 200) else {
        return unauthorized("the Authorization header must be: Bearer TOKEN");
    };
    let now = state.clock.now();
    match state.store.use_api_token(&token_hash(token), now).await {
        // A backend client's token reads; cancelling its own export is no change to
        // anyone's record.
        Ok(found) if found.read_only && request.method() == axum::http::Method::POST => outcome(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this access token may only read (its scope is system/*.read)",
            None,
        ),
        Ok(found) => {
            request.extensions_mut().insert(ApiCaller(found));
            next.run(request).await
        }
        Err(backcare_storage::Error::NotFound) => {
            unauthorized("the token is unknown, expired or revoked")
        }
        // Answered as an OperationOutcome by the route's guard.
        Err(e) => AppError::from(e).into_response(),
    }
}
