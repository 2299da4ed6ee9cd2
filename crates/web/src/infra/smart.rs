//! SMART backend services (SMART App Launch v2, "Backend Services"): a registered system
//! proves who it is with a JWT it signed (a client assertion, RFC 7523) and gets a
//! short-lived, read-only access token for its clinician's panel.
//!
//! This module checks what comes in: a client's key set when it is registered
//! ([`parse_jwks`]), an assertion against that key set ([`verify`]: RS384 or ES384, `kid`,
//! `iss` and `sub` the client id, `aud` this server's token address, `exp` in the next five
//! minutes, a `jti`), and the scopes asked for ([`granted_scope`]). Whether a `jti` was
//! used before is the store's to say ([`backcare_storage::Store::exchange_client_assertion`]).
//! Every refusal is an OAuth error ([`Refusal`]) whose description says what was wrong.
//! Times come from the app's clock, never the system's: `jsonwebtoken` checks the
//! signature and the names, this module the times.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use backcare_storage::ClientId;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

/// The token endpoint's address, as assertions must name it in `aud`.
pub fn token_url(site: &crate::infra::site::PublicUrl) -> String {
    format!("{}/auth/token", site.fhir_base())
}

/// How long an access token issued to a client works.
pub const TOKEN_LIFETIME: Duration = Duration::minutes(5);

/// How far ahead an assertion's `exp` may be (the SMART limit).
pub const MAX_ASSERTION_LIFETIME: Duration = Duration::minutes(5);

/// The `client_assertion_type` of a signed JWT (RFC 7523).
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The signing algorithms accepted, as SMART asks servers to support.
pub const ALGORITHMS: [&str; 2] = ["RS384", "ES384"];

/// Why a token request is refused: an OAuth error (RFC 6749 §5.2) and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The request lacks a parameter or has a bad one.
    InvalidRequest(String),
    /// The client, its assertion or its signature does not check out.
    InvalidClient(String),
    /// Only `client_credentials` is served.
    UnsupportedGrantType(String),
    /// The scopes ask for nothing this server grants.
    InvalidScope(String),
}

impl Refusal {
    fn parts(&self) -> (StatusCode, &'static str, &str) {
        match self {
            Refusal::InvalidRequest(d) => (StatusCode::BAD_REQUEST, "invalid_request", d),
            Refusal::InvalidClient(d) => (StatusCode::UNAUTHORIZED, "invalid_client", d),
            Refusal::UnsupportedGrantType(d) => {
                (StatusCode::BAD_REQUEST, "unsupported_grant_type", d)
            }
            Refusal::InvalidScope(d) => (StatusCode::BAD_REQUEST, "invalid_scope", d),
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let (status, error, description) = self.parts();
        let body = serde_json::json!({ "error": error, "error_description": description });
        json_no_store(status, &body)
    }
}

/// JSON that no cache keeps (what a token endpoint answers, RFC 6749 §5.1).
pub fn json_no_store(status: StatusCode, body: &serde_json::Value) -> Response {
    let mut response = crate::infra::fhir::plain_json(status, body);
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

fn client(why: impl Into<String>) -> Refusal {
    Refusal::InvalidClient(why.into())
}

/// The algorithm a key is for: RS384 for an RSA key, ES384 for a P-384 key; `None` for
/// any other key.
fn algorithm_of(key: &Jwk) -> Option<Algorithm> {
    let alg = match &key.algorithm {
        AlgorithmParameters::RSA(_) => Algorithm::RS384,
        AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P384 => {
            Algorithm::ES384
        }
        _ => return None,
    };
    let declared = key.common.key_algorithm;
    let fits = match declared {
        None => true,
        Some(KeyAlgorithm::RS384) => alg == Algorithm::RS384,
        Some(KeyAlgorithm::ES384) => alg == Algorithm::ES384,
        Some(_) => false,
    };
    fits.then_some(alg)
}

/// Checks a client's key set as it is registered: JSON Web Keys with a `kid` each, RSA
/// (RS384) or EC P-384 (ES384), public only. The error says what is wrong, in words.
pub fn parse_jwks(text: &str) -> Result<JwkSet, String> {
    let raw: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the key set is not JSON: {e}"))?;
    let set: JwkSet = serde_json::from_value(raw.clone())
        .map_err(|e| format!("the key set is not a JSON Web Key Set ({{\"keys\": [...]}}): {e}"))?;
    if set.keys.is_empty() {
        return Err("the key set has no keys".into());
    }
    for (i, key) in set.keys.iter().enumerate() {
        let name = key
            .common
            .key_id
            .clone()
            .ok_or_else(|| format!("key {} has no kid: every key needs one", i + 1))?;
        if raw["keys"][i].get("d").is_some() {
            return Err(format!(
                "key {name} holds a private part (d): register only the public keys"
            ));
        }
        if algorithm_of(key).is_none() {
            return Err(format!(
                "key {name} is neither an RSA key for RS384 nor an EC P-384 key for ES384"
            ));
        }
        DecodingKey::from_jwk(key).map_err(|e| format!("key {name} cannot be used: {e}"))?;
    }
    if set.keys.iter().enumerate().any(|(i, k)| {
        set.keys[..i]
            .iter()
            .any(|o| o.common.key_id == k.common.key_id)
    }) {
        return Err("two keys have the same kid".into());
    }
    Ok(set)
}

/// The claims read besides those `jsonwebtoken` checks (`iss`, `sub`, `aud`).
#[derive(Deserialize)]
struct Claims {
    exp: i64,
    #[serde(default)]
    jti: Option<String>,
}

/// The client an assertion says it comes from (its `iss`), before anything is checked:
/// the key set to check it with is that client's.
pub fn claimed_client(assertion: &str) -> Result<ClientId, Refusal> {
    #[derive(Deserialize)]
    struct Issuer {
        iss: Option<String>,
    }
    let mut unchecked = Validation::new(Algorithm::RS384);
    unchecked.insecure_disable_signature_validation();
    unchecked.validate_exp = false;
    unchecked.validate_aud = false;
    unchecked.required_spec_claims.clear();
    let read =
        jsonwebtoken::decode::<Issuer>(assertion, &DecodingKey::from_secret(&[]), &unchecked)
            .map_err(|e| client(format!("the client assertion is not a JWT: {e}")))?;
    let iss = read
        .claims
        .iss
        .ok_or_else(|| client("the client assertion has no iss (the client id)"))?;
    ClientId::parse(&iss).ok_or_else(|| client(format!("there is no client {iss:?}")))
}

/// A checked assertion: its `jti` and when it expires (until then its `jti` is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    /// Its id, used once.
    pub jti: String,
    /// Its `exp`.
    pub expires: OffsetDateTime,
}

/// Checks `assertion` of client `id` against its `keys`: the header's algorithm and key,
/// the signature, `iss` = `sub` = the client id, `aud` = `token_url`, `exp` after `now` and
/// at most [`MAX_ASSERTION_LIFETIME`] later, and a `jti`.
pub fn verify(
    assertion: &str,
    keys: &JwkSet,
    id: &ClientId,
    token_url: &str,
    now: OffsetDateTime,
) -> Result<Assertion, Refusal> {
    let head = jsonwebtoken::decode_header(assertion)
        .map_err(|e| client(format!("the client assertion is not a JWT: {e}")))?;
    let alg = match head.alg {
        Algorithm::RS384 | Algorithm::ES384 => head.alg,
        other => {
            return Err(client(format!(
                "the assertion is signed with {other:?}; RS384 or ES384 is needed"
            )));
        }
    };
    let kid = head
        .kid
        .ok_or_else(|| client("the assertion's header names no key (kid)"))?;
    let key = keys
        .find(&kid)
        .ok_or_else(|| client(format!("the client has no key with kid {kid:?}")))?;
    if algorithm_of(key) != Some(alg) {
        return Err(client(format!("key {kid:?} is not a key for {alg:?}")));
    }
    let decoding = DecodingKey::from_jwk(key)
        .map_err(|e| client(format!("key {kid:?} cannot be used: {e}")))?;
    let mut validation = Validation::new(alg);
    // The app's clock decides the times, below.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.leeway = 0;
    validation.set_required_spec_claims(&["exp", "iss", "sub", "aud"]);
    validation.set_audience(&[token_url]);
    validation.set_issuer(&[id.as_str()]);
    validation.sub = Some(id.as_str().to_owned());
    let read = jsonwebtoken::decode::<Claims>(assertion, &decoding, &validation).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind;
        client(match e.kind() {
            ErrorKind::InvalidSignature => {
                "the signature does not match the client's key".to_owned()
            }
            ErrorKind::InvalidAudience => format!("aud must be {token_url}"),
            ErrorKind::InvalidIssuer => "iss must be the client id".to_owned(),
            ErrorKind::InvalidSubject => "sub must be the client id".to_owned(),
            ErrorKind::MissingRequiredClaim(claim) => {
                format!("the client assertion has no {claim}")
            }
            _ => format!("the client assertion cannot be read: {e}"),
        })
    })?;
    let expires = OffsetDateTime::from_unix_timestamp(read.claims.exp)
        .map_err(|_| client("exp is not a time"))?;
    if expires <= now {
        return Err(client(format!(
            "the client assertion expired {} seconds ago: sign a new one",
            (now - expires).whole_seconds()
        )));
    }
    if expires > now + MAX_ASSERTION_LIFETIME {
        return Err(client(format!(
            "exp is more than {} minutes away",
            MAX_ASSERTION_LIFETIME.whole_minutes()
        )));
    }
    let jti = read
        .claims
        .jti
        .filter(|j| !j.is_empty() && j.len() <= 255)
        .ok_or_else(|| client("the client assertion needs a jti of 1 to 255 characters"))?;
    Ok(Assertion { jti, expires })
}

/// The scope granted for the scopes asked (`scope`, separated by spaces): read access to
/// every resource type of the panel, written as asked (`system/*.read` in SMART v1 style,
/// `system/*.rs` in v2 style). Scopes that are not `system/` ones are ignored; one for a
/// single resource type is refused (a token reads the whole panel, so it would grant more
/// than asked), and so is a request that asks no reading.
pub fn granted_scope(scope: &str) -> Result<&'static str, Refusal> {
    let refused = |why: String| Err(Refusal::InvalidScope(why));
    let mut granted = None;
    for asked in scope.split_whitespace() {
        let Some(rest) = asked.strip_prefix("system/") else {
            continue;
        };
        let Some(("*", perms)) = rest.split_once('.') else {
            return refused(format!(
                "{asked}: backcare grants access to every resource type of the panel at once \
                 (system/*.read or system/*.rs)"
            ));
        };
        let v2 = !perms.is_empty() && perms.chars().all(|c| "cruds".contains(c));
        let reads = match perms {
            "read" | "*" => Some("system/*.read"),
            _ if v2 && (perms.contains('r') || perms.contains('s')) => Some("system/*.rs"),
            "write" => None,
            _ if v2 => None,
            _ => return refused(format!("{asked}: {perms} is not a SMART permission")),
        };
        granted = granted.or(reads);
    }
    match granted {
        Some(g) => Ok(g),
        None => {
            refused("backcare grants read access only: ask for system/*.read or system/*.rs".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_scopes_are_granted_as_asked_and_others_refused() {
        for (asked, granted) in [
            ("system/*.read", "system/*.read"),
            ("system/*.rs", "system/*.rs"),
            ("system/*.cruds", "system/*.rs"),
            ("system/*.*", "system/*.read"),
            ("launch system/*.r openid", "system/*.rs"),
            ("system/*.write system/*.read", "system/*.read"),
        ] {
            assert_eq!(granted_scope(asked), Ok(granted), "{asked}");
        }
        for asked in [
            "",
            "openid",
            "system/*.write",
            "system/*.cud",
            "system/Observation.read",
            "system/*.view",
        ] {
            assert!(
                matches!(granted_scope(asked), Err(Refusal::InvalidScope(_))),
                "{asked}"
            );
        }
    }

    #[test]
    fn key_sets_need_public_rs384_or_es384_keys_with_kids() {
        let rsa = r#"{"kty":"RSA","kid":"a","alg":"RS384","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","e":"AQAB"}"#;
        assert!(parse_jwks(&format!(r#"{{"keys":[{rsa}]}}"#)).is_ok());
        for (text, needle) in [
            ("nope", "not JSON"),
            ("[]", "not a JSON Web Key Set"),
            (r#"{"keys":[]}"#, "no keys"),
            (
                &format!(r#"{{"keys":[{}]}}"#, rsa.replace(r#""kid":"a","#, "")),
                "no kid",
            ),
            (
                &format!(
                    r#"{{"keys":[{}]}}"#,
                    rsa.replace(r#""e":"AQAB""#, r#""e":"AQAB","d":"AQAB""#)
                ),
                "private part",
            ),
            (
                &format!(r#"{{"keys":[{}]}}"#, rsa.replace("RS384", "RS256")),
                "neither",
            ),
            (&format!(r#"{{"keys":[{rsa},{rsa}]}}"#), "same kid"),
        ] {
            let e = parse_jwks(text).unwrap_err();
            assert!(e.contains(needle), "{needle:?} not in {e:?}");
        }
    }
}
