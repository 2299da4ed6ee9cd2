//! SMART backend services (SMART App Launch v2): where a system finds the token endpoint,
//! and the endpoint that trades its signed assertion for a short-lived access token
//! (`docs/fhir.md`; the checks are in [`crate::infra::smart`]).
//!
//! A client registered with `backcare client add --jwks FILE --clinician EMAIL` acts for
//! that clinician's panel. `POST /fhir/auth/token` takes `grant_type=client_credentials`,
//! `client_assertion_type` (JWT bearer), `client_assertion` and `scope`; the token it
//! issues reads what a panel token reads, for five minutes, and cannot write.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::infra::auth::token_hash;
use crate::infra::error::AppError;
use crate::infra::fhir::plain_json;
use crate::infra::security::random_hex;
use crate::infra::smart::{
    self, ALGORITHMS, JWT_BEARER, Refusal, TOKEN_LIFETIME, json_no_store, token_url,
};

/// `GET /.well-known/smart-configuration` (and under `/fhir`, where SMART clients look
/// first): what a backend services client needs to get a token.
pub async fn smart_configuration(State(state): State<AppState>) -> Response {
    let body = serde_json::json!({
        "token_endpoint": token_url(&state.public_url),
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ALGORITHMS,
        "grant_types_supported": ["client_credentials"],
        "scopes_supported": ["system/*.read", "system/*.rs"],
        "capabilities": ["client-confidential-asymmetric"],
    });
    plain_json(StatusCode::OK, &body)
}

/// One form field, if given once (a field given twice is a bad request).
fn field<'a>(form: &'a [(String, String)], name: &str) -> Result<Option<&'a str>, Refusal> {
    let mut found = form
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str());
    let first = found.next();
    if found.next().is_some() {
        return Err(Refusal::InvalidRequest(format!("{name} is given twice")));
    }
    Ok(first)
}

fn required<'a>(form: &'a [(String, String)], name: &str) -> Result<&'a str, Refusal> {
    field(form, name)?
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Refusal::InvalidRequest(format!("{name} is missing")))
}

/// `POST /fhir/auth/token`: a signed client assertion for an access token.
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return Err(Refusal::InvalidRequest(
            "send the request as a form (Content-Type: application/x-www-form-urlencoded)".into(),
        )
        .into_response());
    }
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).map_err(|e| {
        Refusal::InvalidRequest(format!("the form cannot be read: {e}")).into_response()
    })?;
    issue(&state, &form).await.map_err(|e| match e {
        Failure::Refused(r) => r.into_response(),
        Failure::Failed(e) => e.into_response(),
    })
}

/// Why no token was issued: the client's fault, or the server's.
enum Failure {
    Refused(Refusal),
    Failed(AppError),
}

impl From<Refusal> for Failure {
    fn from(r: Refusal) -> Self {
        Failure::Refused(r)
    }
}

impl From<backcare_storage::Error> for Failure {
    fn from(e: backcare_storage::Error) -> Self {
        Failure::Failed(e.into())
    }
}

async fn issue(state: &AppState, form: &[(String, String)]) -> Result<Response, Failure> {
    match required(form, "grant_type")? {
        "client_credentials" => {}
        other => {
            return Err(Refusal::UnsupportedGrantType(format!(
                "grant_type {other:?} is not served; client_credentials is"
            ))
            .into());
        }
    }
    if required(form, "client_assertion_type")? != JWT_BEARER {
        return Err(
            Refusal::InvalidRequest(format!("client_assertion_type must be {JWT_BEARER}")).into(),
        );
    }
    let assertion = required(form, "client_assertion")?;
    let scope = smart::granted_scope(required(form, "scope")?)?;
    let id = smart::claimed_client(assertion)?;
    let client = match state.store.api_client(&id).await {
        Err(backcare_storage::Error::NotFound) => {
            return Err(
                Refusal::InvalidClient(format!("there is no client {}", id.as_str())).into(),
            );
        }
        found => found?,
    };
    let keys = smart::parse_jwks(&client.jwks).map_err(|e| {
        Failure::Failed(AppError::Internal(format!(
            "the key set of client {} cannot be read: {e}",
            id.as_str()
        )))
    })?;
    let now = state.clock.now();
    let checked = smart::verify(assertion, &keys, &id, &token_url(&state.public_url), now)?;
    let secret = random_hex(32);
    let issued = match state
        .store
        .exchange_client_assertion(
            &id,
            &checked.jti,
            checked.expires,
            &token_hash(&secret),
            now,
            now + TOKEN_LIFETIME,
        )
        .await
    {
        Err(backcare_storage::Error::Conflict(_)) => {
            return Err(Refusal::InvalidClient(format!(
                "this assertion was used before (jti {:?}): sign a new one for each request",
                checked.jti
            ))
            .into());
        }
        Err(backcare_storage::Error::NotFound) => {
            return Err(
                Refusal::InvalidClient(format!("there is no client {}", id.as_str())).into(),
            );
        }
        issued => issued?,
    };
    tracing::info!(
        client = id.as_str(),
        token = issued.id.0,
        "a backend client got a token"
    );
    Ok(json_no_store(
        StatusCode::OK,
        &serde_json::json!({
            "access_token": secret,
            "token_type": "bearer",
            "expires_in": TOKEN_LIFETIME.whole_seconds(),
            "scope": scope,
        }),
    ))
}
