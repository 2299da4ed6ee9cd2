//! Who is asking, and may they: passwords, sessions and the route guard.
//!
//! - **Passwords** are parsed into [`Password`] (10 to 200 characters) and hashed with
//!   argon2id (argon2 0.6 defaults: m=19456 KiB, t=2, p=1). Each hash takes 19 MiB for
//!   its run, so requests hash through [`Hashing`]: at most one hash per core at a time
//!   (four at most) on threads of its own, and a short queue; a request that finds the
//!   queue full is answered 429 at once, so a flood of log-ins cannot grow the memory.
//! - **Sessions**: a random 32-byte token lives only in the visitor's cookie
//!   (`__Host-backcare` over HTTPS: `HttpOnly; Secure; SameSite=Lax; Path=/`, or
//!   `backcare_session` for local http); the database keeps only its SHA-256
//!   ([`backcare_storage::TokenHash`]), so a copy of the database lets nobody log in. A
//!   session ends after [`SESSION_LIFETIME`], or sooner when unused for its role's idle
//!   limit ([`CLINICIAN_IDLE_LIMIT`], [`PATIENT_IDLE_LIMIT`]); the first request after the
//!   log-in gives it a [`crate::infra::device`] label for the sessions page.
//! - **The guard** [`authorize`] wraps every route of [`crate::routes::ROUTES`]: it checks
//!   the CSRF token of every POST, loads the session, enforces the route's [`Access`] and
//!   then hands the signed-in user to the handler as a [`Viewer`]. Before all that it finds
//!   the client's address and spends from its bucket ([`crate::infra::limits`]).
//!   Routes with [`Access::Token`] (the FHIR API) take a bearer token instead of a session,
//!   checked by [`crate::infra::fhir::authorize_token`], with no CSRF check (no cookies).

use std::sync::{Arc, LazyLock};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash as Phc;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{FromRequestParts, OptionalFromRequestParts, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::{Email, PasswordHash, Role, TokenHash, UserId};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, SemaphorePermit};

use crate::AppState;
use crate::infra::pages;
use crate::infra::route::{Access, Kind, Method, Route};
use crate::infra::security::{CookieSpec, cookie, hex, random_hex};
use crate::infra::{csrf, device, error, limits};

/// The fewest characters a password may have.
pub const MIN_PASSWORD: usize = 10;
/// The most characters a password may have (argon2 is slow on purpose; this bounds it).
pub const MAX_PASSWORD: usize = 200;
/// How long a session lasts.
pub const SESSION_LIFETIME: Duration = Duration::days(14);
/// A session also ends sooner when it goes unused: after 12 hours for a clinician (staff who
/// open many people's records, as OWASP ASVS level 2 asks) and 3 days for a patient (who
/// comes back about once a day to their plan). The store decides it on every read, in SQL,
/// so these live there ([`backcare_storage::Role::idle_limit`]).
pub use backcare_storage::{CLINICIAN_IDLE_LIMIT, PATIENT_IDLE_LIMIT};

/// A password that meets the rules: 10 to 200 characters. `Debug` does not print it.
#[derive(Clone)]
pub struct Password(String);

/// Why a password was refused. [`PasswordError::message_key`] gives the Fluent key of
/// the message shown next to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    /// Nothing was typed.
    #[error("the password is empty")]
    Empty,
    /// Fewer than [`MIN_PASSWORD`] characters.
    #[error("the password needs at least 10 characters")]
    TooShort,
    /// More than [`MAX_PASSWORD`] characters.
    #[error("the password can have at most 200 characters")]
    TooLong,
}

impl PasswordError {
    /// The Fluent key of the message for people.
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordError::Empty => "error-password-empty",
            PasswordError::TooShort => "error-password-short",
            PasswordError::TooLong => "error-password-long",
        }
    }
}

impl Password {
    /// Parses a new password (spaces count: a sentence is a good password).
    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let n = raw.chars().count();
        if n == 0 {
            Err(PasswordError::Empty)
        } else if n < MIN_PASSWORD {
            Err(PasswordError::TooShort)
        } else if n > MAX_PASSWORD {
            Err(PasswordError::TooLong)
        } else {
            Ok(Self(raw.to_owned()))
        }
    }

    /// The password itself, to hash.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

/// Parses an email address from a form, or gives the Fluent key of the message to show.
pub fn parse_email(raw: &str) -> Result<Email, &'static str> {
    if raw.trim().is_empty() {
        return Err("error-email-empty");
    }
    Email::parse(raw).map_err(|_| "error-email-invalid")
}

/// Hashing failed (only if the system's random number generator fails).
#[derive(Debug, thiserror::Error)]
#[error("could not hash the password: {0}")]
pub struct HashError(String);

/// Hashes a password with argon2id and a random salt. Slow on purpose (tens of
/// milliseconds): call it off the async threads, e.g. in `spawn_blocking`.
pub fn hash_password(password: &Password) -> Result<PasswordHash, HashError> {
    let phc = Argon2::default()
        .hash_password(password.expose().as_bytes())
        .map_err(|e| HashError(e.to_string()))?;
    PasswordHash::new(phc.to_string()).map_err(|e| HashError(e.to_string()))
}

/// Whether `password` matches `hash`. Slow on purpose, like [`hash_password`].
pub fn verify_password(password: &str, hash: &PasswordHash) -> bool {
    Phc::new(hash.as_str()).is_ok_and(|phc| {
        Argon2::default()
            .verify_password(password.as_bytes(), &phc)
            .is_ok()
    })
}

/// A hash to verify against when the email is unknown, so that a wrong email takes as long
/// as a wrong password and does not reveal which accounts exist.
static DUMMY_HASH: LazyLock<Option<PasswordHash>> = LazyLock::new(|| {
    Password::parse(&random_hex(16))
        .ok()
        .and_then(|p| hash_password(&p).ok())
});

/// [`hash_password`] on the blocking pool.
pub async fn hash_password_async(password: Password) -> Result<PasswordHash, HashError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| HashError(e.to_string()))?
}

/// [`verify_password`] on the blocking pool; `None` verifies against a dummy hash (and
/// fails), to take the same time as a real check.
pub async fn verify_password_async(password: String, hash: Option<PasswordHash>) -> bool {
    tokio::task::spawn_blocking(move || verify_or_dummy(&password, hash.as_ref()))
        .await
        .unwrap_or(false)
}

/// [`verify_password`], or with `None` the same work against a dummy hash (and `false`).
fn verify_or_dummy(password: &str, hash: Option<&PasswordHash>) -> bool {
    match hash {
        Some(hash) => verify_password(password, hash),
        None => {
            if let Some(dummy) = DUMMY_HASH.as_ref() {
                verify_password(password, dummy);
            }
            false
        }
    }
}

/// A hash or check to run on a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

/// The threads that run every hash of a [`Hashing`], one per hash allowed at once. Their
/// own threads, not tokio's blocking pool: each keeps reusing the 19 MiB its last hash
/// freed, where a hash on whichever pool thread is free left memory behind that the
/// allocator kept (measured: the peak grew with every burst of log-ins). The threads end
/// when the last clone of their [`Hashing`] is dropped.
#[derive(Debug)]
struct Workers {
    jobs: std::sync::Mutex<std::sync::mpsc::Sender<Job>>,
}

impl Workers {
    fn start(count: usize) -> Self {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for _ in 0..count {
            let queue = Arc::clone(&queue);
            std::thread::spawn(move || {
                loop {
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            });
        }
        Self {
            jobs: std::sync::Mutex::new(jobs),
        }
    }

    /// Runs `f` on a hashing thread; `None` if the threads are gone.
    async fn run<R: Send + 'static>(&self, f: impl FnOnce() -> R + Send + 'static) -> Option<R> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(f());
        });
        self.jobs.lock().ok()?.send(job).ok()?;
        rx.await.ok()
    }
}

/// Hashes waiting per running one. Short on purpose: a long queue only makes a flood's
/// clients wait longer; a client told 429 tries again a second later.
pub const QUEUE_PER_CORE: usize = 2;
/// The most hashes at once, however many cores: each holds 19 MiB while it runs.
pub const MAX_PARALLEL: usize = 4;

/// Bounds the argon2 work of the server: `parallel` hashes at a time, and at most `queue`
/// more waiting for their turn. Cheap to clone (clones share the bounds).
#[derive(Debug, Clone)]
pub struct Hashing {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
    workers: Arc<Workers>,
}

/// The hashing queue is full: answer 429 and let the client try again shortly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many passwords are being checked at once")]
pub struct Busy;

/// A place in the hashing queue, taken by [`Hashing::admit`] before any other work on a
/// request, used by one hash or check.
#[derive(Debug)]
pub struct HashTicket {
    _admitted: OwnedSemaphorePermit,
    running: Arc<Semaphore>,
    workers: Arc<Workers>,
}

impl Hashing {
    /// `parallel` hashes at a time (at least one) and `queue` waiting.
    pub fn new(parallel: usize, queue: usize) -> Self {
        let parallel = parallel.max(1);
        Self {
            running: Arc::new(Semaphore::new(parallel)),
            admitted: Arc::new(Semaphore::new(parallel + queue)),
            workers: Arc::new(Workers::start(parallel)),
        }
    }

    /// One hash per core (at most [`MAX_PARALLEL`]), [`QUEUE_PER_CORE`] waiting for each.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let parallel = cores.min(MAX_PARALLEL);
        Self::new(parallel, parallel * QUEUE_PER_CORE)
    }

    /// A place in the queue, or [`Busy`] when it is full.
    pub fn admit(&self) -> Result<HashTicket, Busy> {
        let admitted = Arc::clone(&self.admitted)
            .try_acquire_owned()
            .map_err(|_| {
                crate::infra::metrics::limited("hashing");
                Busy
            })?;
        Ok(HashTicket {
            _admitted: admitted,
            running: Arc::clone(&self.running),
            workers: Arc::clone(&self.workers),
        })
    }
}

impl HashTicket {
    /// [`hash_password`] when its turn comes.
    pub async fn hash(self, password: Password) -> Result<PasswordHash, HashError> {
        let _turn = self.turn().await;
        self.workers
            .run(move || hash_password(&password))
            .await
            .unwrap_or_else(|| Err(HashError("the hashing threads stopped".into())))
    }

    /// [`verify_password`] when its turn comes; `None` checks against a dummy hash and
    /// fails, taking the same time, so an unknown email looks like a wrong password.
    pub async fn verify(self, password: String, hash: Option<PasswordHash>) -> bool {
        let _turn = self.turn().await;
        self.workers
            .run(move || verify_or_dummy(&password, hash.as_ref()))
            .await
            .unwrap_or(false)
    }

    async fn turn(&self) -> Option<SemaphorePermit<'_>> {
        // The semaphore is never closed, so this waits for a permit.
        self.running.acquire().await.ok()
    }
}

/// The session cookie's name: `__Host-backcare` when cookies are secure, else
/// `backcare_session`.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-backcare"
    } else {
        "backcare_session"
    }
}

/// The stored form of a session token: hex SHA-256.
pub fn token_hash(token: &str) -> TokenHash {
    TokenHash::new(hex(&Sha256::digest(token.as_bytes())))
        .expect("a hex SHA-256 is a valid token hash")
}

/// Starts a session for `user` and returns the `Set-Cookie` header that gives the browser
/// its token.
pub async fn start_session(
    state: &AppState,
    user: UserId,
    now: OffsetDateTime,
) -> Result<HeaderValue, backcare_storage::Error> {
    let token = random_hex(32);
    state
        .store
        .create_session(&token_hash(&token), user, now, now + SESSION_LIFETIME)
        .await?;
    Ok(CookieSpec {
        name: session_cookie_name(state.secure_cookies),
        value: &token,
        max_age: Some(SESSION_LIFETIME.whole_seconds()),
        http_only: true,
        secure: state.secure_cookies,
    }
    .header())
}

/// The `Set-Cookie` header that deletes the session cookie.
pub fn end_session_cookie(secure: bool) -> HeaderValue {
    CookieSpec {
        name: session_cookie_name(secure),
        value: "",
        max_age: Some(0),
        http_only: true,
        secure,
    }
    .header()
}

/// The signed-in user of a request. Handlers take it as an extractor (`viewer: Viewer`, or
/// `Option<Viewer>` on routes open to anonymous visitors); the guard has already checked
/// the route's access, so a handler only needs it to know *who*.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The user's id.
    pub id: UserId,
    /// Their email.
    pub email: Email,
    /// Patient or clinician.
    pub role: Role,
    session: TokenHash,
}

impl Viewer {
    /// The hash of this request's session token (to log out).
    pub fn session(&self) -> &TokenHash {
        &self.session
    }

    /// The page a user of this role starts from.
    pub fn home(&self) -> &'static str {
        match self.role {
            Role::Patient => "/dashboard",
            Role::Clinician => "/clinician",
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, StatusCode> {
        // Only routes whose access requires a signed-in user may ask for one.
        parts.extensions.get::<Viewer>().cloned().ok_or_else(|| {
            tracing::error!("a handler asked for a Viewer on a route open to anonymous visitors");
            StatusCode::INTERNAL_SERVER_ERROR
        })
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Viewer>().cloned())
    }
}

/// The signed-in user of a request, from its session cookie, or `None`.
pub async fn load_viewer(
    state: &AppState,
    parts: &Parts,
    now: OffsetDateTime,
) -> Result<Option<Viewer>, backcare_storage::Error> {
    let Some(token) = cookie(parts, session_cookie_name(state.secure_cookies)) else {
        return Ok(None);
    };
    if token.len() != 64 {
        return Ok(None);
    }
    let hash = token_hash(token);
    match state.store.session(&hash, now).await {
        Ok(session) => {
            if session.device.is_none()
                && let Some(device) = parts
                    .headers
                    .get(header::USER_AGENT)
                    .and_then(|v| v.to_str().ok())
                    .and_then(device::label)
            {
                // The browser that first uses a session after the log-in names it.
                state.store.set_session_device(&hash, &device).await?;
            }
            Ok(Some(Viewer {
                id: session.user.id,
                email: session.user.email,
                role: session.user.role,
                session: hash,
            }))
        }
        Err(backcare_storage::Error::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The state of the guard of one route.
#[derive(Debug, Clone)]
pub struct Guard {
    pub(crate) state: AppState,
    pub(crate) route: &'static Route,
}

/// What the guard decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Not signed in: log in first (pages) or 401 (API).
    LogIn,
    /// Signed in, but this page is for anonymous visitors: go to this start page.
    GoHome(&'static str),
    /// Signed in with the wrong role: 403.
    Forbidden,
    /// Not yours, or not linked to you: 404, so ids do not reveal who exists.
    NotFound,
}

/// Decides whether `viewer` may use a route with `access` about `subject` (the `{user}` of
/// the path). Only [`Access::LinkedClinician`] reads the database.
pub async fn decide(
    store: &backcare_storage::Store,
    access: Access,
    viewer: Option<&Viewer>,
    subject: Option<UserId>,
) -> Result<Decision, backcare_storage::Error> {
    use Decision::*;
    let Some(viewer) = viewer else {
        return Ok(match access {
            Access::Anyone | Access::Anonymous => Allow,
            _ => LogIn,
        });
    };
    Ok(match (access, viewer.role) {
        (Access::Anyone | Access::SignedIn, _) => Allow,
        (Access::Anonymous, _) => GoHome(viewer.home()),
        (Access::Patient, Role::Patient) | (Access::Clinician, Role::Clinician) => Allow,
        (Access::Patient | Access::Clinician, _) => Forbidden,
        (Access::LinkedClinician, Role::Patient) => Forbidden,
        (Access::LinkedClinician, Role::Clinician) => match subject {
            Some(patient) if store.may_see(viewer.id, patient).await? => Allow,
            _ => NotFound,
        },
        (Access::Owner, _) if subject == Some(viewer.id) => Allow,
        (Access::Owner, _) => NotFound,
        // A session is never enough: API routes take a bearer token ([`authorize`]).
        (Access::Token, _) => LogIn,
        // Never reached: [`authorize`] hands these to their handler first.
        (Access::Client, _) => Allow,
    })
}

/// The `{user}` path parameter, if the route has one and it is a number.
async fn subject(parts: &mut Parts) -> Option<UserId> {
    let params = RawPathParams::from_request_parts(parts, &()).await.ok()?;
    let (_, value) = params.iter().find(|(name, _)| *name == "user")?;
    value.parse().ok().map(UserId)
}

/// The answer when the guard itself cannot reach the store: the route's error answer
/// ([`error::finish`]), logged like a handler's.
fn guard_failed(route: &Route, parts: &Parts, e: backcare_storage::Error) -> Response {
    let ctx = pages::Ctx::from_parts(parts);
    error::finish(route, Some(ctx), error::AppError::from(e).into_response())
}

/// Middleware on every route: CSRF check for POSTs, session, access decision. See the
/// module documentation.
pub async fn authorize(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let Guard { state, route } = guard;
    // The client and its per-address limit first: a refused request costs nothing more.
    let (mut parts, body) = request.into_parts();
    let client = limits::client_addr(&parts, state.limits.trusted_proxies());
    if let Some(bucket) = limits::bucket(route)
        && let Err(wait) = state.limits.check(bucket, &client)
    {
        tracing::warn!(route = route.path, "per-address limit reached");
        crate::infra::metrics::limited("address");
        return limits::too_many(&parts, route.kind, wait);
    }
    // Before any token or session work: the answer would be JSON whatever it is.
    if route.kind == Kind::Fhir
        && let Some(refused) = crate::infra::fhir::unacceptable_format(&parts)
    {
        return refused;
    }
    parts.extensions.insert(client);
    let request = Request::from_parts(parts, body);
    if route.access == Access::Token {
        // Bearer tokens, not cookies: no session and no CSRF check.
        let response = crate::infra::fhir::authorize_token(&state, request, next).await;
        return error::finish(route, None, response);
    }
    if route.access == Access::Client {
        // A signed assertion in the request, checked by the handler; cookies count for
        // nothing, so there is nothing for a CSRF check to protect.
        let response = next.run(request).await;
        return error::finish(route, None, response);
    }
    let now = state.clock.now();
    let (mut parts, mut body) = request.into_parts();
    if route.method == Method::Post {
        match csrf::verify(&parts, body, state.secure_cookies).await {
            Ok(checked) => body = checked,
            Err(refusal) => return refusal.response(&parts),
        }
    }
    let viewer = match load_viewer(&state, &parts, now).await {
        Ok(v) => v,
        Err(e) => return guard_failed(route, &parts, e),
    };
    let subject = subject(&mut parts).await;
    let decision = match decide(&state.store, route.access, viewer.as_ref(), subject).await {
        Ok(d) => d,
        Err(e) => return guard_failed(route, &parts, e),
    };
    if let Some(viewer) = viewer {
        parts.extensions.insert(viewer);
    }
    match (decision, route.kind) {
        (Decision::Allow, _) => {
            // Taken now: the handler consumes the request, and an error page needs it.
            let ctx = (route.kind == Kind::Page).then(|| pages::Ctx::from_parts(&parts));
            let response = next.run(Request::from_parts(parts, body)).await;
            error::finish(route, ctx, response)
        }
        (refused, Kind::Fhir) => crate::infra::fhir::refusal(&refused),
        (Decision::LogIn, Kind::Page) => {
            let wanted = parts.uri.path();
            if route.method == Method::Get && wanted != "/" {
                let next: String =
                    serde_urlencoded::to_string([("next", wanted)]).unwrap_or_default();
                Redirect::to(&format!("/login?{next}")).into_response()
            } else {
                Redirect::to("/login").into_response()
            }
        }
        (Decision::GoHome(home), _) => Redirect::to(home).into_response(),
        (Decision::LogIn, Kind::Api) => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Cookie")],
            "log in first\n",
        )
            .into_response(),
        (Decision::Forbidden, Kind::Page) => pages::message(
            &parts,
            StatusCode::FORBIDDEN,
            "forbidden-title",
            "forbidden-text",
        ),
        (Decision::NotFound, Kind::Page) => pages::message(
            &parts,
            StatusCode::NOT_FOUND,
            "not-found-title",
            "not-found-text",
        ),
        (Decision::Forbidden, Kind::Api) => (StatusCode::FORBIDDEN, "forbidden\n").into_response(),
        (Decision::NotFound, Kind::Api) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_have_a_length_range() {
        assert_eq!(Password::parse("").unwrap_err(), PasswordError::Empty);
        assert_eq!(
            Password::parse("123456789").unwrap_err(),
            PasswordError::TooShort
        );
        assert!(Password::parse("1234567890").is_ok());
        assert!(
            Password::parse("ñandú ñandú").is_ok(),
            "characters, not bytes"
        );
        assert_eq!(
            Password::parse(&"x".repeat(201)).unwrap_err(),
            PasswordError::TooLong
        );
        assert_eq!(
            format!("{:?}", Password::parse("secret-secret").unwrap()),
            "Password(..)"
        );
    }

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let pw = Password::parse("correct horse battery").unwrap();
        let hash = hash_password(&pw).unwrap();
        assert!(hash.as_str().starts_with("$argon2id$"), "{hash:?}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong horse battery", &hash));
    }

    #[test]
    fn hashing_runs_a_bounded_number_and_refuses_the_rest() {
        let hashing = Hashing::new(2, 3);
        let tickets: Vec<HashTicket> = (0..5).map(|_| hashing.admit().unwrap()).collect();
        assert_eq!(
            hashing.admit().unwrap_err(),
            Busy,
            "two running and three waiting"
        );
        drop(tickets);
        assert!(
            hashing.admit().is_ok(),
            "a place is free again when a check ends"
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let pw = Password::parse("correct horse battery").unwrap();
            let hash = hashing.admit().unwrap().hash(pw).await.unwrap();
            let ticket = hashing.admit().unwrap();
            assert!(
                ticket
                    .verify("correct horse battery".into(), Some(hash))
                    .await
            );
            let ticket = hashing.admit().unwrap();
            assert!(!ticket.verify("correct horse battery".into(), None).await);
        });
        assert_eq!(
            hashing.admitted.available_permits(),
            5,
            "every place given back"
        );
        assert_eq!(hashing.running.available_permits(), 2);
    }

    #[test]
    fn emails_give_message_keys() {
        assert_eq!(parse_email(" ").unwrap_err(), "error-email-empty");
        assert_eq!(parse_email("ann").unwrap_err(), "error-email-invalid");
        assert_eq!(
            parse_email("Ann@Example.org").unwrap().as_str(),
            "ann@example.org"
        );
    }

    #[test]
    fn token_hashes_are_hex_sha256() {
        assert_eq!(
            token_hash("abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
