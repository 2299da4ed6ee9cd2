//! The FHIR side of the infrastructure: answers as FHIR JSON, OperationOutcomes for every
//! refusal and error, and the guard of bearer-token routes ([`authorize_token`]), which
//! runs instead of the cookie guard for [`crate::infra::route::Access::Token`].

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

/// The media type of every answer, and the one a request body must have (plain
/// `application/json` is accepted too).
pub const FHIR_JSON: &str = "application/fhir+json";

/// The caller of an API route: the token it presented, checked and live.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub ApiToken);

impl<S: Send + Sync> FromRequestParts<S> for ApiCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        parts.extensions.get::<ApiCaller>().cloned().ok_or_else(|| {
            tracing::error!("a handler asked for an API caller on a route without a token");
            outcome(
                StatusCode::INTERNAL_SERVER_ERROR,
                "exception",
                "server error",
                None,
            )
        })
    }
}

// ---------------------------------------------------------------------------------------
// Answers and errors.

/// A resource as FHIR JSON with `status`.
pub fn fhir<T: Serialize>(status: StatusCode, resource: &T) -> Response {
    match serde_json::to_string(resource) {
        Ok(text) => raw(status, text),
        Err(e) => {
            tracing::error!(error = %e, "a FHIR resource did not serialise");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
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

/// An OperationOutcome with one error: `code` is FHIR's issue type (`invalid`,
/// `not-found`, ...), `expression` where the problem is (FHIRPath).
pub fn outcome(
    status: StatusCode,
    code: &str,
    diagnostics: impl Into<String>,
    expression: Option<&str>,
) -> Response {
    let issue = Issue {
        severity: IssueSeverity::Error,
        code: Code::new(code).unwrap_or_else(|_| Code::new("exception").expect("valid")),
        diagnostics: Some(diagnostics.into()),
        expression: expression.map(str::to_owned).into_iter().collect(),
    };
    let body = OperationOutcome {
        resource_type: Tag::new(),
        issue: vec![issue],
    };
    let mut response = fhir(status, &body);
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"backcare\""),
        );
    }
    response
}

/// A storage failure as a 500 OperationOutcome (the details go to the log only).
pub fn internal(e: &backcare_storage::Error) -> Response {
    tracing::error!(error = %e, "storage failed in the FHIR API");
    outcome(
        StatusCode::INTERNAL_SERVER_ERROR,
        "exception",
        "the server could not complete the request",
        None,
    )
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
        Ok(found) => {
            request.extensions_mut().insert(ApiCaller(found));
            next.run(request).await
        }
        Err(backcare_storage::Error::NotFound) => {
            unauthorized("the token is unknown, expired or revoked")
        }
        Err(e) => internal(&e),
    }
}
