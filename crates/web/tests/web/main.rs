//! The web app's integration tests, written once as async functions over a running server
//! ([`TestApp`]) and run against SQLite (a fresh file per test) and PostgreSQL (a fresh
//! database per test on the server named by `BACKCARE_TEST_POSTGRES_URL`, dropped
//! afterwards), like `crates/storage/tests/story`.
//!
//! The PostgreSQL runs FAIL when that variable is unset, unless `BACKCARE_SKIP_POSTGRES=1`
//! says to skip them. `./scripts/test` starts a throwaway server with `scripts/postgres`.
//!
//! The HTTP client is hyper-util's (already in the tree under axum, so it adds almost
//! nothing to the build) with a tiny cookie jar ([`client::Client`]); it never follows
//! redirects, so tests see every 303.

mod browser;
mod client;

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};

use backcare_storage::testing::{ScratchDatabase, postgres_url};
use backcare_storage::{Email, Role, Store, TokenHash, UserId};
use backcare_web::routes::{Access, Kind, Method, ROUTES};
use backcare_web::{Clock, Config, LimitsConfig, Rate, Server, auth};
use client::{Client, Resp};
use tokio::sync::oneshot;

// ---------------------------------------------------------------------------------------
// Harness

/// A running server on a fresh database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The server's database, to set up what the web pages cannot yet (clinicians, links).
    pub store: Store,
    /// The server's clock: the system clock plus a shift the test moves forward
    /// (`app.clock.advance(Duration::days(14))`) instead of back-dating rows.
    pub clock: Clock,
    database_url: String,
    shutdown: Vec<oneshot::Sender<()>>,
}

impl TestApp {
    /// A new visitor with an empty cookie jar.
    fn client(&self) -> Client {
        let mut client = Client::new(&self.base, false);
        client.clock = Some(self.clock.clone());
        client
    }

    /// Another server on the same database, with secure (`__Host-`) cookies.
    async fn spawn_secure(&mut self) -> Client {
        let (base, _, tx) = start(&self.database_url, true, self.clock.clone()).await;
        self.shutdown.push(tx);
        let mut client = Client::new(&base, true);
        client.clock = Some(self.clock.clone());
        client
    }

    /// Another server on the same database and clock with these per-address `limits`;
    /// its base URL.
    async fn spawn_with_limits(&mut self, limits: LimitsConfig) -> String {
        let config = Config {
            limits,
            ..test_config(&self.database_url, false)
        };
        let (base, _, tx) = start_config(config, self.clock.clone()).await;
        self.shutdown.push(tx);
        base
    }

    /// Makes an account directly in the store (clinicians cannot sign up). A clinician's
    /// second sign-in step is already set up, with [`TWO_FACTOR_SECRET`], which [`log_in`]
    /// makes codes from (`two_factor.rs` tests the set-up itself, with
    /// [`TestApp::create_user_without_two_factor`]).
    async fn create_user(&self, email: &str, role: Role) -> UserId {
        let id = self.create_user_without_two_factor(email, role).await;
        if role == Role::Clinician {
            let now = self.clock.now();
            self.store
                .start_two_factor(id, TWO_FACTOR_SECRET, now)
                .await
                .unwrap();
            self.store
                .confirm_two_factor(id, 0, &[], now)
                .await
                .unwrap();
        }
        id
    }

    /// Makes an account directly in the store, with no second sign-in step.
    async fn create_user_without_two_factor(&self, email: &str, role: Role) -> UserId {
        let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
        let email = Email::parse(email).unwrap();
        self.store
            .create_user(&email, &hash, role, self.clock.now())
            .await
            .unwrap()
            .id
    }

    /// Links a patient to a clinician through a share code, as the web pages will.
    async fn link(&self, patient: UserId, clinician: UserId) {
        let now = self.clock.now();
        let code = auth::token_hash("test-share-code-0123456789");
        self.store
            .create_share_code(clinician, &code, now, now + time::Duration::hours(1))
            .await
            .unwrap();
        self.store
            .redeem_share_code(patient, &code, now)
            .await
            .unwrap();
    }
}

/// The page has one script, the same-origin one every page loads after it is shown
/// (`static/app.js`: offline use, nothing the page needs), and no inline script: what the
/// page says and does is in its HTML.
fn assert_only_the_page_script(html: &str) {
    let scripts: Vec<&str> = html
        .match_indices("<script")
        .map(|(at, _)| &html[at..at + html[at..].find("</script>").unwrap_or(0)])
        .collect();
    assert_eq!(scripts.len(), 1, "one script: {scripts:?}");
    let tag = scripts[0];
    assert!(
        tag.starts_with(r#"<script src="/static/app.js?v="#) && tag.ends_with(r#"" defer>"#),
        "the page script, deferred, with nothing inline: {tag}"
    );
}

/// The configuration of a test server on `database_url` (port 0: a free port).
fn test_config(database_url: &str, secure: bool) -> Config {
    Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: database_url.to_owned(),
        demo: false,
        secure_cookies: secure,
        // Every test visitor comes from 127.0.0.1: per-address buckets wide enough that only
        // the tests of the limits (`limits.rs`, on servers of their own) meet them.
        limits: LimitsConfig {
            forms: Rate {
                burst: 100_000,
                every: std::time::Duration::from_millis(1),
            },
            fhir: Rate {
                burst: 100_000,
                every: std::time::Duration::from_millis(1),
            },
            trusted_proxies: Vec::new(),
        },
        operator: None,
    }
}

async fn start(
    database_url: &str,
    secure: bool,
    clock: Clock,
) -> (String, Store, oneshot::Sender<()>) {
    start_config(test_config(database_url, secure), clock).await
}

async fn start_config(config: Config, clock: Clock) -> (String, Store, oneshot::Sender<()>) {
    let server = Server::bind_with_clock(config, clock)
        .await
        .expect("the server starts");
    run_in_background(server)
}

/// Runs a bound `server` in the background until the sender is used or dropped: its base
/// URL, its store and that sender.
fn run_in_background(server: Server) -> (String, Store, oneshot::Sender<()>) {
    let base = format!("http://{}", server.local_addr());
    let store = server.store().clone();
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        server
            .run_until(async {
                let _ = rx.await;
            })
            .await
            .unwrap();
    });
    (base, store, tx)
}

/// Starts a server on `database_url` and runs `test` against it.
async fn spawn_and_run(database_url: String, test: TestFn) {
    let clock = Clock::shifted();
    let (base, store, tx) = start(&database_url, false, clock.clone()).await;
    let app = TestApp {
        base,
        store,
        clock,
        database_url,
        shutdown: vec![tx],
    };
    test(app).await;
}

type TestFn = fn(TestApp) -> Pin<Box<dyn Future<Output = ()> + Send>>;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(name: &str) -> String {
    format!(
        "web_{name}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A new empty directory under the target dir, removed when dropped (a failing test too).
fn scratch_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("web_{name}_"))
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
}

/// Runs `run` with the URL of a fresh SQLite file under the target dir, removed after.
fn with_sqlite<F: Future<Output = ()>>(name: &str, run: impl FnOnce(String) -> F) {
    let dir = scratch_dir(name);
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("web.db").display());
    runtime().block_on(run(url));
}

/// Runs `run` on a task of its own with the URL of a scratch PostgreSQL database, dropped
/// afterwards even when the test panics (the panic is carried on). Nothing when the
/// PostgreSQL tests are skipped on purpose.
fn with_postgres<F>(name: &str, run: impl FnOnce(String) -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let Some(admin_url) = postgres_url() else {
        return;
    };
    runtime().block_on(async {
        let scratch = ScratchDatabase::create(&admin_url, &unique(name)).await;
        let outcome = tokio::spawn(run(scratch.url().to_owned())).await;
        scratch.drop().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

fn on_sqlite(name: &str, test: TestFn) {
    with_sqlite(name, |url| spawn_and_run(url, test));
}

fn on_postgres(name: &str, test: TestFn) {
    with_postgres(name, |url| spawn_and_run(url, test));
}

/// Runs each named async test of the calling module on SQLite (`NAME::sqlite`) and
/// PostgreSQL (`NAME::postgres`).
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                crate::on_sqlite(stringify!($name), |app| Box::pin(super::$name(app)));
            }
            #[test]
            fn postgres() {
                crate::on_postgres(stringify!($name), |app| Box::pin(super::$name(app)));
            }
        }
    )*};
}

// The tests of one area each, run on both backends like those below.
mod account_email;
mod care;
mod check;
mod clinic;
mod clock;
mod consent;
mod fhir;
mod hardening;
mod layers;
mod limits;
mod mail;
mod offline;
mod people;
mod privacy;
mod records;
mod reminders;
mod service;
mod sessions;
mod skipped;
mod token_matrix;
mod two_factor;

on_both_backends!(
    sign_up_logs_in,
    sign_up_errors_keep_the_email_but_never_the_password,
    log_in_and_log_out,
    a_wrong_password_is_refused,
    wrong_passwords_refuse_the_guesser_but_never_lock_the_owner_out,
    password_change,
    posts_without_the_right_csrf_token_are_refused,
    session_cookie_flags_and_only_the_hash_is_stored,
    security_headers_on_every_response,
    language_switch,
    friendly_not_found_page,
    authorization_matrix,
    demo_seed,
    intake_wizard_to_the_result,
    emergency_answer_stops_the_wizard,
    back_keeps_the_answers_and_follow_ups_appear,
    a_bad_number_is_shown_again_with_its_message,
    a_patient_cannot_see_another_patients_result,
    plan_shows_exercises_with_pictures_and_none_in_an_emergency,
    article_pages_in_both_languages,
    search_finds_articles_without_accents,
    a_bad_search_shows_its_message,
    diary_saves_and_updates_a_day,
    diary_rejects_bad_values_next_to_their_fields,
);

// ---------------------------------------------------------------------------------------
// Helpers

const PASSWORD: &str = "a long enough password";

/// The text of `examples/<name>` at the workspace's root, read when the test runs: an
/// `include_str!` of it would reach outside this crate, which a packaged crate cannot.
fn example_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the example {}: {e}", path.display()))
}

async fn sign_up(client: &mut Client, email: &str) -> Resp {
    client.get("/signup").await;
    client
        .post(
            "/signup",
            &[("email", email), ("password", PASSWORD), ("consent", "yes")],
        )
        .await
}

/// The second-step secret of the clinicians the tests make ([`TestApp::create_user`]).
const TWO_FACTOR_SECRET: &str = "TESTCLINICIANSECRETKEYABCDEFGH23";

/// Logs in; for an account with a second step (every clinician) it also types the code
/// of [`TWO_FACTOR_SECRET`] (or the demo clinician's) at the server's "now". A code works
/// once: when this 30-second step's code was used already, it waits for the next code, as
/// a person would, by moving the server's clock on.
async fn log_in(client: &mut Client, email: &str, password: &str) -> Resp {
    client.get("/login").await;
    let r = client
        .post("/login", &[("email", email), ("password", password)])
        .await;
    if r.status != 303 || r.location() != "/login/two-factor" {
        return r;
    }
    let secret = if email == backcare_web::demo::CLINICIAN_EMAIL {
        backcare_web::demo::CLINICIAN_TWO_FACTOR_SECRET
    } else {
        TWO_FACTOR_SECRET
    };
    let clock = client
        .clock
        .clone()
        .expect("a client made by TestApp knows the server's clock");
    client.get("/login/two-factor").await;
    let code = backcare_web::infra::two_factor::code_at(secret, clock.now()).unwrap();
    let r = client.post("/login/two-factor", &[("code", &code)]).await;
    if r.status != 422 {
        return r;
    }
    clock.advance(time::Duration::seconds(30));
    let code = backcare_web::infra::two_factor::code_at(secret, clock.now()).unwrap();
    client.post("/login/two-factor", &[("code", &code)]).await
}

// ---------------------------------------------------------------------------------------
// Tests

async fn sign_up_logs_in(app: TestApp) {
    let mut ann = app.client();
    let r = sign_up(&mut ann, "Ann@Example.org").await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/dashboard");
    assert!(ann.session().is_some(), "a session cookie is set");
    let page = ann.get("/dashboard").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("ann@example.org"), "{}", page.body);
    // Signed-in users are sent from the anonymous pages to their own page.
    assert_eq!(ann.get("/signup").await.location(), "/dashboard");
    // The same email cannot sign up twice.
    let mut again = app.client();
    let r = sign_up(&mut again, "ann@example.org").await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("There is already an account with this email")
    );
}

async fn sign_up_errors_keep_the_email_but_never_the_password(app: TestApp) {
    let mut c = app.client();
    c.get("/signup").await;
    let r = c
        .post(
            "/signup",
            &[("email", "not-an-email"), ("password", "short-pw")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("This does not look like an email address"));
    assert!(
        r.body
            .contains("Your password needs at least 10 characters")
    );
    assert!(
        r.body.contains(r#"value="not-an-email""#),
        "the email is kept"
    );
    assert!(
        !r.body.contains("short-pw"),
        "the password is never sent back"
    );
    assert!(r.body.contains(r#"aria-describedby="email-error""#));
    assert!(
        r.body
            .contains(r#"aria-describedby="password-hint password-error""#)
    );
    assert!(r.body.contains(r#"id="password-error""#));
    // In Spanish too, and the input is escaped.
    c.get("/lang/es").await;
    let r = c
        .post("/signup", &[("email", "<b>x"), ("password", "")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Esto no parece un correo electrónico"));
    assert!(r.body.contains("Escriba su contraseña"));
    assert!(
        !r.body.contains("<b>x") && r.body.contains("&#60;b&#62;x"),
        "escaped"
    );
}

async fn log_in_and_log_out(app: TestApp) {
    sign_up(&mut app.client(), "bo@example.org").await;
    let mut bo = app.client();
    let r = log_in(&mut bo, "BO@example.org", PASSWORD).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/dashboard");
    assert_eq!(bo.get("/dashboard").await.status, 200);
    // `next` brings the visitor back to the page they wanted, but only on this site.
    let mut c = app.client();
    let r = c.get("/account").await;
    assert_eq!(r.location(), "/login?next=%2Faccount");
    c.get("/login?next=/account").await;
    let r = c
        .post(
            "/login",
            &[
                ("email", "bo@example.org"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/account");
    let mut d = app.client();
    d.get("/login").await;
    let r = d
        .post(
            "/login",
            &[
                ("email", "bo@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/dashboard");
    // Log out: the cookie is deleted and the session is gone on the server too.
    let token = bo.session().unwrap();
    let r = bo.post("/logout", &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/");
    assert!(bo.session().is_none(), "the cookie is deleted");
    bo.set_session(&token);
    assert_eq!(
        bo.get("/dashboard").await.location(),
        "/login?next=%2Fdashboard"
    );
    // Other sessions are untouched.
    assert_eq!(c.get("/account").await.status, 200);
}

async fn a_wrong_password_is_refused(app: TestApp) {
    sign_up(&mut app.client(), "cy@example.org").await;
    let mut c = app.client();
    let r = log_in(&mut c, "cy@example.org", "not the password").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("The email or password is not right"));
    assert!(r.body.contains(r#"value="cy@example.org""#));
    assert!(!r.body.contains("not the password"));
    assert!(c.session().is_none());
    // An unknown email gets the very same answer.
    let r = log_in(&mut c, "nobody@example.org", "not the password").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("The email or password is not right"));
}

async fn wrong_passwords_refuse_the_guesser_but_never_lock_the_owner_out(app: TestApp) {
    sign_up(&mut app.client(), "di@example.org").await;
    let guesser_ip = std::net::IpAddr::from([127, 0, 0, 2]);
    let mut guesser = app.client().connecting_from(guesser_ip);
    for _ in 0..5 {
        assert_eq!(
            log_in(&mut guesser, "di@example.org", "wrong password!")
                .await
                .status,
            422
        );
    }
    // From the guesser's address even the right password is refused now, with a clear
    // message and how long to wait.
    let r = log_in(&mut guesser, "di@example.org", PASSWORD).await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("please wait 15 min"), "{}", r.body);
    let retry: u64 = r.header("retry-after").parse().unwrap();
    assert!((890..=900).contains(&retry), "Retry-After {retry}");
    assert!(guesser.session().is_none());
    // The owner, from their own address, logs in at once.
    let mut owner = app.client();
    let r = log_in(&mut owner, "di@example.org", PASSWORD).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(owner.session().is_some());
    // Other emails are not affected, from the guesser's address either.
    sign_up(&mut app.client(), "ed@example.org").await;
    assert_eq!(
        log_in(&mut guesser, "ed@example.org", PASSWORD)
            .await
            .status,
        303
    );
    // A quarter of an hour later the guesser's address may try again.
    let mut later = app.client().connecting_from(guesser_ip);
    assert!(app.clock.advance(time::Duration::minutes(15)));
    assert_eq!(
        log_in(&mut later, "di@example.org", PASSWORD).await.status,
        303
    );
}

async fn password_change(app: TestApp) {
    let mut here = app.client();
    sign_up(&mut here, "fa@example.org").await;
    let mut elsewhere = app.client();
    log_in(&mut elsewhere, "fa@example.org", PASSWORD).await;
    here.get("/account").await;
    let r = here
        .post(
            "/account/password",
            &[("current", "wrong password"), ("new", "short")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("This is not your current password"));
    assert!(
        r.body
            .contains("Your password needs at least 10 characters")
    );
    assert!(r.body.contains(r#"aria-describedby="current-error""#));
    let r = here
        .post(
            "/account/password",
            &[("current", PASSWORD), ("new", "a brand new password")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/account?changed=1");
    let page = here.get("/account?changed=1").await;
    assert_eq!(page.status, 200, "this browser stays logged in");
    assert!(page.body.contains("Your password has been changed"));
    assert_eq!(
        elsewhere.get("/account").await.status,
        303,
        "other sessions end"
    );
    let mut c = app.client();
    assert_eq!(log_in(&mut c, "fa@example.org", PASSWORD).await.status, 422);
    assert_eq!(
        log_in(&mut c, "fa@example.org", "a brand new password")
            .await
            .status,
        303
    );
}

async fn posts_without_the_right_csrf_token_are_refused(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "gu@example.org").await;
    // Missing field.
    let r = c
        .post_raw("/account/password", "current=x&new=y", None)
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("This form has expired"), "{}", r.body);
    // Wrong token (well-formed, but not this visitor's).
    let wrong = "0".repeat(64);
    let r = c.post_raw("/logout", &format!("csrf={wrong}"), None).await;
    assert_eq!(r.status, 403);
    let r = c.post_raw("/logout", "", Some(&wrong)).await;
    assert_eq!(r.status, 403, "wrong header token");
    assert_eq!(c.get("/dashboard").await.status, 200, "still logged in");
    // No cookie at all (a forged cross-site form): refused even with a field.
    let mut stranger = app.client();
    let r = stranger
        .post_raw(
            "/login",
            &format!("csrf={wrong}&email=gu%40example.org&password=x"),
            None,
        )
        .await;
    assert_eq!(r.status, 403);
    // Every POST route refuses a missing token, even for anonymous visitors.
    for route in ROUTES.iter().filter(|r| r.method == Method::Post) {
        let mut fresh = app.client();
        fresh.get("/").await;
        let r = fresh
            .post_raw(&concrete(route.path, UserId(1)), "", None)
            .await;
        // API routes take no cookies, so no CSRF token either: without a bearer token they
        // refuse with 401 before anything runs, and the token endpoint without an assertion
        // with 400.
        let want = match route.access {
            Access::Token => 401,
            Access::Client => 400,
            _ => 403,
        };
        assert_eq!(r.status, want, "POST {}", route.path);
    }
    // The right token in the header works too (for future scripts).
    let token = c.csrf();
    assert_eq!(c.post_raw("/logout", "", Some(&token)).await.status, 303);
}

async fn session_cookie_flags_and_only_the_hash_is_stored(mut app: TestApp) {
    let mut c = app.client();
    let r = sign_up(&mut c, "ho@example.org").await;
    let set = r.set_cookie("backcare_session").expect("session cookie");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Path=/"),
        "{set}"
    );
    assert!(set.contains("Max-Age=1209600"), "{set}");
    assert!(
        !set.contains("Secure"),
        "plain http for local testing: {set}"
    );
    let token = c.session().unwrap();
    assert_eq!(token.len(), 64, "32 random bytes as hex");
    let now = app.clock.now();
    assert!(
        app.store
            .session(&auth::token_hash(&token), now)
            .await
            .is_ok()
    );
    assert!(
        app.store
            .session(&TokenHash::new(token.clone()).unwrap(), now)
            .await
            .is_err(),
        "the token itself is not stored"
    );

    let mut s = app.spawn_secure().await;
    let r = s.get("/login").await;
    let csrf = r.set_cookie("__Host-backcare-csrf").expect("csrf cookie");
    assert!(
        csrf.contains("Secure") && csrf.contains("HttpOnly") && csrf.contains("Path=/"),
        "{csrf}"
    );
    let r = s
        .post(
            "/login",
            &[("email", "ho@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let set = r
        .set_cookie("__Host-backcare")
        .expect("secure session cookie");
    for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(flag), "{flag} missing: {set}");
    }
    assert!(
        !set.contains("Domain"),
        "__Host- cookies have no Domain: {set}"
    );
    assert_eq!(s.get("/dashboard").await.status, 200);
    let r = s.get("/lang/es").await;
    assert!(r.set_cookie("lang").unwrap().contains("Secure"));
}

fn assert_security_headers(r: &Resp, what: &str) {
    for (name, value) in backcare_web::security::SECURITY_HEADERS {
        assert_eq!(r.header(name), value, "{name} on {what}");
    }
    assert!(
        r.header("content-security-policy")
            .contains("frame-ancestors 'none'")
    );
    if r.header("content-type").starts_with("text/html") {
        assert_eq!(r.header("cache-control"), "no-store", "{what}");
    }
}

async fn security_headers_on_every_response(app: TestApp) {
    let mut anon = app.client();
    let mut ann = app.client();
    sign_up(&mut ann, "io@example.org").await;
    for c in [&mut anon, &mut ann] {
        for route in ROUTES.iter().filter(|r| r.method == Method::Get) {
            let path = concrete(route.path, UserId(1));
            let r = c.get(&path).await;
            assert_security_headers(&r, &path);
            // A page's title is text: markup there shows in the browser's tab as written.
            if let (Some(a), Some(b)) = (r.body.find("<title>"), r.body.find("</title>")) {
                let title = &r.body[a + "<title>".len()..b];
                assert!(!title.contains('<'), "{path}: <title>{title}</title>");
            }
        }
        let r = c.get("/no/such/page").await;
        assert_security_headers(&r, "404");
        let r = c.post_raw("/", "", None).await;
        assert_security_headers(&r, "405");
    }
    let r = anon
        .post_raw("/login", &"x".repeat(100_000), Some(&anon.csrf()))
        .await;
    assert!(r.status == 413 || r.status == 403, "{}", r.status);
    assert_security_headers(&r, "too large");
    let page = anon.get("/").await;
    let href = page
        .body
        .split("href=\"/static/app.css")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let css = anon.get(&format!("/static/app.css{href}")).await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    assert_eq!(
        css.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_security_headers(&css, "css");
}

async fn language_switch(app: TestApp) {
    let mut c = app.client();
    c.accept_language = Some("es-ES,es;q=0.9,en;q=0.5".into());
    let r = c.get("/").await;
    assert!(r.body.contains(r#"<html lang="es">"#));
    assert!(r.body.contains("Ayuda para su dolor de espalda"));
    assert!(r.body.contains("no hace diagnósticos"));
    assert!(
        r.body.contains(r#"href="/lang/en?next=%2F""#),
        "the switch returns here"
    );
    let r = c.get("/lang/en?next=/login").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/login");
    assert!(r.set_cookie("lang").unwrap().starts_with("lang=en;"));
    let r = c.get("/login").await;
    assert!(
        r.body.contains(r#"<html lang="en">"#),
        "the cookie beats Accept-Language"
    );
    assert!(r.body.contains("it does not diagnose"));
    // Only local paths, and only languages we speak.
    assert_eq!(c.get("/lang/es?next=//evil.example").await.location(), "/");
    assert_eq!(
        c.get("/lang/es?next=https://evil.example").await.location(),
        "/"
    );
    assert_eq!(c.get("/lang/fr").await.status, 404);
}

async fn friendly_not_found_page(app: TestApp) {
    let mut c = app.client();
    let r = c.get("/no/such/page").await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").starts_with("text/html"));
    assert!(r.body.contains("Page not found") && r.body.contains(r#"href="/""#));
    c.accept_language = Some("es".into());
    let r = c.get("/no/such/page").await;
    assert!(r.body.contains("Página no encontrada"));
    // Ids that are not numbers do not exist either.
    let mut clin = app.client();
    app.create_user("doc@example.org", Role::Clinician).await;
    log_in(&mut clin, "doc@example.org", PASSWORD).await;
    assert_eq!(clin.get("/clinician/patients/abc").await.status, 404);
}

/// Every route of the table and who may use it: the second, reviewed copy of the table.
/// Adding a route to `ROUTES` without adding it here fails `authorization_matrix`.
const EXPECTED: &[(&str, &str, Access)] = &[
    ("GET", "/", Access::Anyone),
    ("GET", "/static/app.css", Access::Anyone),
    ("GET", "/static/session.js", Access::Anyone),
    ("GET", "/static/handout.css", Access::Anyone),
    ("GET", "/manifest.webmanifest", Access::Anyone),
    ("GET", "/sw.js", Access::Anyone),
    ("GET", "/static/app.js", Access::Anyone),
    ("GET", "/static/icon.svg", Access::Anyone),
    ("GET", "/offline", Access::Anyone),
    ("GET", "/lang/{lang}", Access::Anyone),
    ("GET", "/search", Access::Anyone),
    ("GET", "/articles/{article}", Access::Anyone),
    ("GET", "/privacy", Access::Anyone),
    ("GET", "/healthz", Access::Anyone),
    ("GET", "/readyz", Access::Anyone),
    ("GET", "/check", Access::Anyone),
    ("POST", "/check", Access::Anyone),
    ("GET", "/signup", Access::Anonymous),
    ("POST", "/signup", Access::Anonymous),
    ("GET", "/login", Access::Anonymous),
    ("POST", "/login", Access::Anonymous),
    ("GET", "/login/two-factor", Access::Anonymous),
    ("POST", "/login/two-factor", Access::Anonymous),
    ("POST", "/logout", Access::SignedIn),
    ("GET", "/account", Access::SignedIn),
    ("POST", "/account/password", Access::SignedIn),
    ("POST", "/account/time-zone", Access::SignedIn),
    ("GET", "/account/details", Access::SignedIn),
    ("POST", "/account/details", Access::SignedIn),
    ("GET", "/account/email", Access::SignedIn),
    ("POST", "/account/email", Access::SignedIn),
    ("GET", "/account/two-factor", Access::SignedIn),
    ("POST", "/account/two-factor", Access::SignedIn),
    ("GET", "/api/users/{user}/export", Access::Owner),
    ("GET", "/account/export", Access::SignedIn),
    ("GET", "/account/sessions", Access::SignedIn),
    ("POST", "/account/sessions/others", Access::SignedIn),
    ("GET", "/account/reminders", Access::Patient),
    ("POST", "/account/reminders", Access::Patient),
    ("POST", "/account/reminders/confirm-email", Access::Patient),
    ("GET", "/reminders/stop", Access::Anyone),
    ("GET", "/account/delete", Access::SignedIn),
    ("POST", "/account/delete", Access::SignedIn),
    ("GET", "/account/deleted", Access::Anyone),
    ("GET", "/password/forgot", Access::Anonymous),
    ("POST", "/password/forgot", Access::Anonymous),
    ("GET", "/password/reset", Access::Anyone),
    ("POST", "/password/reset", Access::Anyone),
    ("GET", "/password/reset/done", Access::Anyone),
    ("GET", "/verify-email", Access::Anyone),
    ("GET", "/signup/sent", Access::Anonymous),
    ("GET", "/dashboard", Access::Patient),
    ("POST", "/seen", Access::Patient),
    ("GET", "/consent", Access::Patient),
    ("POST", "/consent", Access::Patient),
    ("GET", "/intake/{step}", Access::Patient),
    ("POST", "/intake/{step}", Access::Patient),
    ("GET", "/result", Access::Patient),
    ("GET", "/result/{id}", Access::Patient),
    ("GET", "/result/{id}/answer", Access::Patient),
    ("POST", "/result/{id}/answer", Access::Patient),
    ("GET", "/session", Access::Patient),
    ("POST", "/session", Access::Patient),
    ("GET", "/plan", Access::Patient),
    ("GET", "/plan/print", Access::Patient),
    ("GET", "/diary", Access::Patient),
    ("POST", "/diary", Access::Patient),
    ("GET", "/progress", Access::Patient),
    ("GET", "/reassess", Access::Patient),
    ("GET", "/reassess/{instrument}", Access::Patient),
    ("POST", "/reassess/{instrument}", Access::Patient),
    ("GET", "/sharing", Access::Patient),
    ("POST", "/sharing/redeem", Access::Patient),
    ("POST", "/sharing/revoke", Access::Patient),
    ("GET", "/sharing/log", Access::Patient),
    ("GET", "/clinician", Access::Clinician),
    ("POST", "/clinician/share-codes", Access::Clinician),
    ("GET", "/clinician/patients/{user}", Access::LinkedClinician),
    (
        "POST",
        "/clinician/patients/{user}/notes",
        Access::LinkedClinician,
    ),
    (
        "POST",
        "/clinician/patients/{user}/schedules",
        Access::LinkedClinician,
    ),
    (
        "POST",
        "/clinician/patients/{user}/plan",
        Access::LinkedClinician,
    ),
    (
        "GET",
        "/clinician/patients/{user}/library",
        Access::LinkedClinician,
    ),
    (
        "POST",
        "/clinician/patients/{user}/templates",
        Access::LinkedClinician,
    ),
    (
        "POST",
        "/clinician/templates/{template}/delete",
        Access::Clinician,
    ),
    ("GET", "/fhir/metadata", Access::Anyone),
    ("GET", "/.well-known/smart-configuration", Access::Anyone),
    (
        "GET",
        "/fhir/.well-known/smart-configuration",
        Access::Anyone,
    ),
    ("POST", "/fhir/auth/token", Access::Client),
    ("GET", "/fhir/Questionnaire", Access::Anyone),
    ("GET", "/fhir/Questionnaire/{questionnaire}", Access::Anyone),
    ("POST", "/fhir/QuestionnaireResponse", Access::Token),
    ("GET", "/fhir/QuestionnaireResponse", Access::Token),
    (
        "GET",
        "/fhir/QuestionnaireResponse/{resource}",
        Access::Token,
    ),
    ("POST", "/fhir/Observation", Access::Token),
    ("GET", "/fhir/Observation", Access::Token),
    ("GET", "/fhir/Observation/{resource}", Access::Token),
    ("GET", "/fhir/Patient", Access::Token),
    ("GET", "/fhir/Patient/$export", Access::Token),
    ("GET", "/fhir/Patient/{patient}", Access::Token),
    ("GET", "/fhir/Practitioner/{resource}", Access::Token),
    ("GET", "/fhir/CarePlan/{resource}", Access::Token),
    ("GET", "/fhir/CarePlan/{resource}/_history", Access::Token),
    ("GET", "/fhir/Patient/{patient}/$everything", Access::Token),
    ("GET", "/fhir/Group", Access::Token),
    ("GET", "/fhir/Group/{resource}", Access::Token),
    ("GET", "/fhir/Group/{resource}/$export", Access::Token),
    ("GET", "/fhir/bulk-status/{export}", Access::Token),
    ("DELETE", "/fhir/bulk-status/{export}", Access::Token),
    ("GET", "/fhir/bulk-files/{export}/{file}", Access::Token),
];

/// The path with its parameters filled in: `{user}` is `subject`, `{lang}` is `es`,
/// `{step}` is `1`, `{article}` is a real article, `{instrument}` is `startback` and `{id}`
/// (one of the visitor's own records) is `1`.
fn concrete(path: &str, subject: UserId) -> String {
    concrete_own(path, subject, 1)
}

/// [`concrete`] with `{id}` set to `own`, the id of one of the visitor's own records.
fn concrete_own(path: &str, subject: UserId, own: i64) -> String {
    path.replace("{user}", &subject.0.to_string())
        .replace("{lang}", "es")
        .replace("{step}", "1")
        .replace("{article}", "slipped-disc-and-sciatica")
        .replace("{instrument}", "startback")
        .replace("{id}", &own.to_string())
        .replace("{questionnaire}", "intake-en")
        .replace("{resource}", "qr-1")
        .replace("{patient}", &subject.0.to_string())
        .replace("{template}", "1")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    PatientA,
    PatientB,
    LinkedClinician,
    UnlinkedClinician,
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// The handler ran.
    Allowed,
    /// 303 to `/login...` (pages) or 401 (API).
    LogIn,
    /// 303 to the visitor's own start page.
    Home,
    Forbidden,
    NotFound,
}

fn expected(access: Access, who: Who) -> Outcome {
    use Outcome::*;
    use Who::*;
    match (access, who) {
        (Access::Anyone, _) => Allowed,
        // The token endpoint takes everyone to its handler, which wants a signed assertion.
        (Access::Client, _) => Allowed,
        (Access::Anonymous, Anonymous) => Allowed,
        (Access::Anonymous, _) => Home,
        (_, Anonymous) => LogIn,
        (Access::SignedIn, _) => Allowed,
        (Access::Patient, PatientA | PatientB) => Allowed,
        (Access::Patient, _) => Forbidden,
        (Access::Clinician, LinkedClinician | UnlinkedClinician) => Allowed,
        (Access::Clinician, _) => Forbidden,
        // The subject of every `{user}` route in the walk is patient A.
        (Access::LinkedClinician, LinkedClinician) => Allowed,
        (Access::LinkedClinician, UnlinkedClinician) => NotFound,
        (Access::LinkedClinician, _) => Forbidden,
        (Access::Owner, PatientA) => Allowed,
        (Access::Owner, _) => NotFound,
        // Cookies never reach the FHIR API: only a bearer token does.
        (Access::Token, _) => LogIn,
    }
}

fn observed(r: &Resp, kind: Kind, home: &str) -> Outcome {
    match r.status {
        401 if kind == Kind::Api => Outcome::LogIn,
        401 if kind == Kind::Fhir && r.header("www-authenticate").starts_with("Bearer") => {
            Outcome::LogIn
        }
        303 if r.location().starts_with("/login") => Outcome::LogIn,
        303 if r.location() == home => Outcome::Home,
        403 => Outcome::Forbidden,
        404 => Outcome::NotFound,
        // The token endpoint's own refusal of a request without an assertion.
        400 if kind == Kind::Fhir && r.body.contains(r#""error":"invalid_request""#) => {
            Outcome::Allowed
        }
        s if s < 400 || s == 422 => Outcome::Allowed,
        s => panic!("unexpected status {s}: {}", r.body),
    }
}

async fn authorization_matrix(app: TestApp) {
    // The table and the test's copy list the same routes with the same access.
    let table: Vec<(&str, &str, Access)> = ROUTES
        .iter()
        .map(|r| (r.method.as_str(), r.path, r.access))
        .collect();
    assert_eq!(
        table, EXPECTED,
        "routes::ROUTES changed: add the new route to EXPECTED in tests/web/main.rs, with \
         who may use it"
    );

    let mut a = app.client();
    sign_up(&mut a, "pat-a@example.org").await;
    let mut b = app.client();
    sign_up(&mut b, "pat-b@example.org").await;
    let patient_a = app
        .store
        .user_by_email(&Email::parse("pat-a@example.org").unwrap())
        .await
        .unwrap()
        .id;
    let patient_b = app
        .store
        .user_by_email(&Email::parse("pat-b@example.org").unwrap())
        .await
        .unwrap()
        .id;
    let linked = app.create_user("linked@example.org", Role::Clinician).await;
    app.create_user("unlinked@example.org", Role::Clinician)
        .await;
    app.link(patient_a, linked).await;
    let mut lc = app.client();
    assert_eq!(
        log_in(&mut lc, "linked@example.org", PASSWORD)
            .await
            .location(),
        "/clinician"
    );
    let mut uc = app.client();
    log_in(&mut uc, "unlinked@example.org", PASSWORD).await;
    let mut anon = app.client();
    anon.get("/").await;
    // Each patient has a saved assessment; `{id}` routes are walked with the visitor's own.
    let a_result = save_assessment(&app, patient_a).await;
    let b_result = save_assessment(&app, patient_b).await;

    let mut checked = 0;
    for (who, client, home, own) in [
        (Who::Anonymous, &mut anon, "(no start page)", a_result),
        (Who::PatientA, &mut a, "/dashboard", a_result),
        (Who::PatientB, &mut b, "/dashboard", b_result),
        (Who::LinkedClinician, &mut lc, "/clinician", a_result),
        (Who::UnlinkedClinician, &mut uc, "/clinician", a_result),
    ] {
        // Log-out last, so the visitor stays who they are for the other routes.
        let mut routes: Vec<_> = ROUTES.iter().collect();
        routes.sort_by_key(|r| r.path == "/logout");
        for route in routes {
            let path = concrete_own(route.path, patient_a, own);
            let r = match route.method {
                Method::Get => client.get(&path).await,
                Method::Post => client.post(&path, &[]).await,
                Method::Delete => client.delete(&path).await,
            };
            let want = expected(route.access, who);
            let got = observed(&r, route.kind, home);
            assert_eq!(
                got,
                want,
                "{who:?} {} {path}: status {}",
                route.method.as_str(),
                r.status
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 5 * ROUTES.len());

    // Beyond the walk: a linked clinician sees only their own patients, and every look is
    // in the patient's access log.
    let mut lc = app.client();
    log_in(&mut lc, "linked@example.org", PASSWORD).await;
    assert_eq!(
        lc.get(&format!("/clinician/patients/{}", patient_b.0))
            .await
            .status,
        404
    );
    assert_eq!(lc.get("/clinician/patients/999999").await.status, 404);
    let page = lc.get("/clinician").await;
    assert!(page.body.contains("pat-a@example.org") && !page.body.contains("pat-b@example.org"));
    // Each route on a patient's record (reading it, or writing a note, a schedule or a plan
    // version on it, which shows the record again when refused) is one entry.
    let on_a_record = ROUTES
        .iter()
        .filter(|r| r.path.starts_with("/clinician/patients/{user}"))
        .count();
    assert!(on_a_record >= 4);
    let log = app.store.access_log(patient_a).await.unwrap();
    assert_eq!(
        log.len(),
        on_a_record,
        "one entry a route during the walk: {log:?}"
    );
    assert!(app.store.access_log(patient_b).await.unwrap().is_empty());
    // The export is the owner's data only, as JSON, without secrets.
    let mut a = app.client();
    log_in(&mut a, "pat-a@example.org", PASSWORD).await;
    let r = a.get(&format!("/api/users/{}/export", patient_a.0)).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["account"]["email"], "pat-a@example.org");
    assert!(!r.body.contains("argon2"));
}

async fn demo_seed(app: TestApp) {
    let now = app.clock.now();
    let accounts = backcare_web::demo::seed(&app.store, now).await.unwrap();
    backcare_web::demo::seed(&app.store, now)
        .await
        .expect("seeding twice is fine");
    assert_eq!(accounts.len(), 2);
    let patient = app
        .store
        .user_by_email(&Email::parse(backcare_web::demo::PATIENT_EMAIL).unwrap())
        .await
        .unwrap();
    assert_eq!(app.store.assessments(patient.id).await.unwrap().len(), 3);
    let diary = app
        .store
        .diary(
            patient.id,
            (now - time::Duration::days(40)).date(),
            now.date(),
        )
        .await
        .unwrap();
    assert_eq!(diary.len(), 28);
    assert_eq!(
        app.store.linked_clinicians(patient.id).await.unwrap().len(),
        1
    );
    for account in &accounts {
        let mut c = app.client();
        let r = log_in(&mut c, account.email, account.password).await;
        assert_eq!(r.status, 303, "{}", account.email);
    }
    let mut clin = app.client();
    log_in(
        &mut clin,
        backcare_web::demo::CLINICIAN_EMAIL,
        backcare_web::demo::PASSWORD,
    )
    .await;
    let r = clin
        .get(&format!("/clinician/patients/{}", patient.id.0))
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(backcare_web::demo::PATIENT_EMAIL));
    // Who is who: the demo patient by name and date of birth, the clinician by name and
    // profession, as the patient sees them.
    assert!(
        r.body.contains(r#"<h1 id="triage-title">Alex Morgan: "#),
        "{}",
        r.body
    );
    assert!(r.body.contains("born 1981-06-14"));
    // The demo patient's plan names who tailored it, and the record can tailor it.
    assert!(r.body.contains(&format!(
        r#"action="/clinician/patients/{}/plan""#,
        patient.id.0
    )));
    let mut pat = app.client();
    log_in(
        &mut pat,
        backcare_web::demo::PATIENT_EMAIL,
        backcare_web::demo::PASSWORD,
    )
    .await;
    let plan = pat.get("/plan").await;
    assert!(
        plan.body
            .contains("Tailored by Sam Rivera, physiotherapist on "),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("From your clinician:"), "{}", plan.body);
    let links = app.store.linked_clinicians(patient.id).await.unwrap();
    assert_eq!(
        links[0].profile.profession,
        Some(backcare_storage::Profession::Physiotherapist)
    );
}

// ---------------------------------------------------------------------------------------
// Intake, result and plan

/// Saves an ordinary (self-care) assessment for `user` straight into the store; its id.
async fn save_assessment(app: &TestApp, user: UserId) -> i64 {
    let intake: backcare_core::Intake = serde_json::from_value(serde_json::json!({
        "language": "en",
        "age": 40,
    }))
    .unwrap();
    let result = backcare_core::assess(&intake);
    app.store
        .save_assessment(
            user,
            &serde_json::to_value(&intake).unwrap(),
            &serde_json::to_value(&result).unwrap(),
            app.clock.now(),
        )
        .await
        .unwrap()
        .0
}

/// The id of the user with this email.
async fn user_id(app: &TestApp, email: &str) -> UserId {
    app.store
        .user_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .id
}

/// "No" to every yes/no question on a step page (the ordinary answers of a person
/// without warning signs), plus `extra`.
fn no_to_everything(body: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = body
        .split("<input type=\"radio\"")
        .skip(1)
        .filter_map(|input| {
            let input = input.split('>').next()?;
            let name = input.split("name=\"").nth(1)?.split('"').next()?;
            let value = input.split("value=\"").nth(1)?.split('"').next()?;
            // Yes/no questions answer "no"; STarT Back statements "false" (disagree).
            (value == "no" || value == "false").then(|| (name.to_owned(), value.to_owned()))
        })
        .collect();
    fields.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    fields
}

async fn post_owned(c: &mut Client, path: &str, fields: &[(String, String)]) -> Resp {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    c.post(path, &borrowed).await
}

/// Posts a wizard step. When safety questions left empty are asked once more
/// (`?ask=`), the page says so and the same answers are sent again with those questions
/// still empty, which is accepted as "not answered". The last response.
pub(crate) async fn post_step(c: &mut Client, step: usize, fields: &[(String, String)]) -> Resp {
    let path = format!("/intake/{step}");
    let r = post_owned(c, &path, fields).await;
    let Some(ids) = r.location().strip_prefix(&format!("{path}?ask=")) else {
        return r;
    };
    let ids = ids.split('&').next().unwrap_or_default().to_owned();
    let again = c.get(r.location()).await;
    assert!(
        again.body.contains("This question matters for your safety")
            || again
                .body
                .contains("Esta pregunta es importante para su seguridad"),
        "step {step} asks once more: {}",
        again.body
    );
    let mut fields = fields.to_vec();
    fields.push(("asked".into(), ids));
    post_owned(c, &path, &fields).await
}

/// [`post_step`] with borrowed fields.
async fn post_step_with(c: &mut Client, step: usize, fields: &[(&str, &str)]) -> Resp {
    let owned: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    post_step(c, step, &owned).await
}

/// Walks the whole wizard with ordinary answers; returns the result page's path.
async fn walk_the_wizard(c: &mut Client) -> String {
    let mut step = 1;
    let mut guard = 0;
    loop {
        guard += 1;
        assert!(guard < 30, "the wizard does not end");
        let page = c.get(&format!("/intake/{step}")).await;
        assert_eq!(page.status, 200, "step {step}: {}", page.body);
        assert!(
            page.body.contains(&format!("Step {step} of 8")),
            "progress on step {step}"
        );
        let extra: &[(&str, &str)] = match step {
            1 => &[("leg_weakness", "none")],
            2 => &[("age", "40"), ("sex", "male")],
            3 => &[
                ("onset", "gradual"),
                ("course", "better"),
                ("leg_symptoms", "none"),
            ],
            7 => &[
                ("pain.now", "3"),
                ("pain.average", "3"),
                ("pain.worst", "5"),
            ],
            8 => &[("start_back.bothersomeness", "slightly")],
            _ => &[],
        };
        let mut fields = no_to_everything(&page.body, extra);
        fields.push(("action".into(), "next".into()));
        let r = post_step(c, step, &fields).await;
        assert_eq!(r.status, 303, "step {step}: {}", r.body);
        let to = r.location().to_owned();
        if to.starts_with("/result/") {
            return to;
        }
        if to == format!("/intake/{step}?more=1") {
            continue; // follow-up questions on the same step
        }
        assert_eq!(to, format!("/intake/{}", step + 1));
        step += 1;
    }
}

async fn intake_wizard_to_the_result(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "wiz@example.org").await;
    let dashboard = c.get("/dashboard").await;
    assert!(dashboard.body.contains(r#"href="/intake/1""#));
    let first = c.get("/intake/1").await;
    assert!(first.body.contains("<fieldset") && first.body.contains("<legend>"));
    assert!(first.body.contains("Warning signs"));
    assert!(
        first
            .body
            .contains(r#"<label for="q-bladder-change-yes">Yes</label>"#),
        "every radio button has a label"
    );
    assert!(
        !first.body.contains(r#"value="back""#),
        "no Back on the first step"
    );
    let result = walk_the_wizard(&mut c).await;
    let user = user_id(&app, "wiz@example.org").await;
    assert_eq!(app.store.assessments(user).await.unwrap().len(), 1);
    assert_eq!(
        app.store.intake_draft(user).await.unwrap(),
        None,
        "the draft is gone once the assessment is saved"
    );
    let page = c.get(&result).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    let banner = body
        .find(r#"class="triage triage-"#)
        .expect("triage banner");
    let main = body.find("<main").unwrap();
    let main_text = &body[main..banner];
    assert!(
        !main_text.contains("<h1") && !main_text.contains("<h2"),
        "the triage banner is the first thing in the page"
    );
    for heading in [
        "The pattern of your pain",
        "Risk group and scores",
        "Why",
        "Next steps",
    ] {
        let at = body
            .find(&format!("<h2>{heading}</h2>"))
            .unwrap_or_else(|| panic!("{heading} missing"));
        assert!(at > banner, "{heading} after the banner");
    }
    assert!(body.contains("STarT Back"), "the risk group is shown");
    assert!(body.contains("does not diagnose"));
    // No billing codes for the patient (they are the clinician's and FHIR's), and each
    // rule and source only in a "where this comes from" disclosure.
    assert!(
        !body.contains("Suggested codes") && !body.contains("M54."),
        "{body}"
    );
    let mut rest = body.as_str();
    while let Some(at) = rest.find("Rule ") {
        let before = &rest[..at];
        assert!(
            before
                .rfind("<details")
                .is_some_and(|d| before.rfind("</details>").is_none_or(|e| e < d)),
            "a rule id outside its disclosure: {}",
            &rest[at.saturating_sub(200)..at + 40]
        );
        rest = &rest[at + 5..];
    }
    assert!(body.contains("Where this comes from"));
    // The latest result is at /result too, and in Spanish on request.
    let latest = c.get("/result").await;
    assert_eq!(latest.status, 200);
    assert!(latest.body.contains(r#"class="triage triage-"#));
    c.get("/lang/es").await;
    let es = c.get(&result).await;
    assert!(es.body.contains("Próximos pasos"));
    // The result itself stays as it was given, in the language it was given in.
    assert!(es.body.contains("does not diagnose") && !es.body.contains("No hace diagnósticos"));
}

async fn emergency_answer_stops_the_wizard(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "sos@example.org").await;
    c.get("/intake/1").await;
    let r = c
        .post(
            "/intake/1",
            &[("bladder_change", "yes"), ("action", "next")],
        )
        .await;
    assert_eq!(r.status, 303);
    let page = c.get(r.location()).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    let alert = body.find(r#"role="alert""#).expect("an alert");
    assert!(
        body[..alert].find("<h1").is_none(),
        "the advice comes first"
    );
    assert!(body.contains("Emergency: get help now"));
    assert!(body.contains("Call your emergency number"));
    assert!(!body.contains("<form method=\"post\" action=\"/intake/"));
    // The later steps are not shown: every step is the emergency advice now.
    for step in [2, 5, 8] {
        let later = c.get(&format!("/intake/{step}")).await;
        assert!(
            later.body.contains("Emergency: get help now"),
            "step {step}"
        );
        assert!(!later.body.contains(&format!("Step {step} of 8")));
    }
    // It is saved, so the result (and a linked clinician) see it.
    let user = user_id(&app, "sos@example.org").await;
    assert_eq!(app.store.assessments(user).await.unwrap().len(), 1);
    let result = c.get("/result").await;
    let banner = result.body.find("triage-emergency").unwrap();
    assert!(result.body[..banner].find("<h2").is_none());
    // Nothing competes with the advice: no reassuring back-pain pattern, no list of the
    // questions the stop left unasked, no "answer again in a few weeks".
    assert!(result.body.contains("Your answers show a warning sign"));
    for absent in [
        "Non-specific back pain",
        "Not answered or not sure",
        "Answer the questions again",
    ] {
        assert!(
            !result.body.contains(absent),
            "{absent} on the emergency result"
        );
    }
    // A mistaken answer can be changed.
    let change = c.get("/intake/1?change=1").await;
    assert!(change.body.contains("Step 1 of 8"));
    let r = post_step_with(
        &mut c,
        1,
        &[
            ("bladder_change", "no"),
            ("change", "1"),
            ("action", "next"),
        ],
    )
    .await;
    assert_eq!(r.location(), "/intake/2");
    assert!(c.get("/intake/2").await.body.contains("Step 2 of 8"));
}

async fn back_keeps_the_answers_and_follow_ups_appear(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "back@example.org").await;
    c.get("/intake/1").await;
    let r = post_step_with(&mut c, 1, &[("bladder_change", "no"), ("action", "next")]).await;
    assert_eq!(r.location(), "/intake/2");
    // Pregnancy waits for the answer about sex: a man is not asked at all, a woman is
    // asked as a follow-up on the same step.
    let step2 = c.get("/intake/2").await;
    assert!(!step2.body.contains(r#"name="pregnant""#));
    let r = c
        .post(
            "/intake/2",
            &[("age", "31"), ("sex", "male"), ("action", "next")],
        )
        .await;
    assert_eq!(r.location(), "/intake/3");
    assert!(!c.get("/intake/2").await.body.contains(r#"name="pregnant""#));
    let r = c
        .post(
            "/intake/2",
            &[("age", "31"), ("sex", "female"), ("action", "next")],
        )
        .await;
    assert_eq!(r.location(), "/intake/2?more=1");
    let more = c.get("/intake/2?more=1").await;
    assert!(more.body.contains(r#"name="pregnant""#));
    assert!(!more.body.contains(r#"name="pregnancy_weeks""#));
    // Choosing "pregnant: yes" adds the weeks question on the same step.
    let r = c
        .post(
            "/intake/2",
            &[
                ("age", "31"),
                ("sex", "female"),
                ("pregnant", "yes"),
                ("more", "1"),
                ("action", "next"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/intake/2?more=1");
    let step2 = c.get("/intake/2?more=1").await;
    assert!(step2.body.contains(r#"name="pregnancy_weeks""#));
    assert!(step2.body.contains("Your answer added a question"));
    let r = c
        .post(
            "/intake/2",
            &[
                ("age", "31"),
                ("sex", "female"),
                ("pregnant", "no"),
                ("more", "1"),
                ("action", "next"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/intake/3");
    // Back from step 3 to 2 and 1: the answers are still there.
    let r = c.post("/intake/3", &[("action", "back")]).await;
    assert_eq!(r.location(), "/intake/2");
    let step2 = c.get("/intake/2").await;
    assert!(step2.body.contains(r#"value="31""#), "age kept");
    assert!(
        step2
            .body
            .contains(r#"id="q-sex-female" name="sex" value="female" checked"#)
    );
    assert!(
        step2
            .body
            .contains(r#"id="q-pregnant-no" name="pregnant" value="no" checked"#),
        "once sex is answered, pregnancy is on the step with it"
    );
    assert!(
        !step2.body.contains(r#"name="pregnancy_weeks""#),
        "no longer applies"
    );
    let r = c
        .post(
            "/intake/2",
            &[("action", "back"), ("age", "31"), ("sex", "female")],
        )
        .await;
    assert_eq!(r.location(), "/intake/1");
    let step1 = c.get("/intake/1").await;
    assert!(
        step1
            .body
            .contains(r#"id="q-bladder-change-no" name="bladder_change" value="no" checked"#)
    );
    // Progress is kept on the server, for the next visit too.
    let mut later = app.client();
    log_in(&mut later, "back@example.org", PASSWORD).await;
    assert!(later.get("/intake/2").await.body.contains(r#"value="31""#));
    // Not answering (twice, for safety questions) is a skip: the answer is cleared.
    let r = post_step_with(&mut c, 1, &[("action", "next")]).await;
    assert_eq!(r.location(), "/intake/2");
    assert!(!c.get("/intake/1").await.body.contains(" checked"));
}

async fn a_bad_number_is_shown_again_with_its_message(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "num@example.org").await;
    c.get("/intake/2").await;
    let r = c
        .post("/intake/2", &[("age", "forty"), ("action", "next")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Please type a whole number"));
    assert!(r.body.contains(r#"id="q-age-error""#));
    assert!(
        r.body
            .contains(r#"aria-describedby="q-age-hint q-age-error" aria-invalid="true""#)
    );
    assert!(
        r.body.contains(r#"value="forty""#),
        "what was typed is kept"
    );
    assert!(
        r.body.contains(r##"href="#q-age""##),
        "the summary links to the field"
    );
    let r = c
        .post("/intake/2", &[("age", "300"), ("action", "next")])
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("Please type a number from 0 to 120"),
        "{}",
        r.body
    );
    let user = user_id(&app, "num@example.org").await;
    assert_eq!(
        app.store.intake_draft(user).await.unwrap(),
        None,
        "nothing saved"
    );
    c.get("/lang/es").await;
    let r = c.post("/intake/2", &[("age", "-1")]).await;
    assert!(r.body.contains("Escriba un número de 0 a 120"));
}

async fn a_patient_cannot_see_another_patients_result(app: TestApp) {
    let mut a = app.client();
    sign_up(&mut a, "res-a@example.org").await;
    let mut b = app.client();
    sign_up(&mut b, "res-b@example.org").await;
    let none = b.get("/result").await;
    assert_eq!(none.status, 200);
    assert!(
        none.body
            .contains("You have not answered the questions yet")
    );
    let id = save_assessment(&app, user_id(&app, "res-a@example.org").await).await;
    assert_eq!(a.get(&format!("/result/{id}")).await.status, 200);
    assert_eq!(b.get(&format!("/result/{id}")).await.status, 404);
    assert_eq!(b.get("/result/not-a-number").await.status, 404);
    assert!(
        b.get("/result")
            .await
            .body
            .contains("You have not answered the questions yet")
    );
    assert_eq!(a.get("/intake/11").await.status, 404);
    assert_eq!(a.get("/intake/0").await.status, 404);
}

async fn plan_shows_exercises_with_pictures_and_none_in_an_emergency(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "plan@example.org").await;
    let before = c.get("/plan").await;
    assert!(
        before
            .body
            .contains("You have not answered the questions yet")
    );
    walk_the_wizard(&mut c).await;
    let page = c.get("/plan").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(body.contains("Your exercises"), "{body}");
    let exercises = body.matches(r#"<article class="card exercise">"#).count();
    assert!(exercises >= 2, "{exercises} exercises");
    // Each exercise: the movement playing (16 frames), and the still pictures of its start
    // and end for people who ask for less motion.
    assert_eq!(
        body.matches("<svg").count(),
        2 * exercises,
        "two pictures each"
    );
    assert_eq!(
        body.matches(r#"class="figure-moving""#).count(),
        exercises,
        "one moving each"
    );
    assert_eq!(body.matches(r#"<g class="frame f"#).count(), 16 * exercises);
    assert!(body.contains("Stop if") && body.contains("How much"));
    assert!(body.contains("minutes of walking a day"));
    assert!(body.contains(r#"<a href="/articles/"#), "articles to read");
    let links: Vec<String> = body
        .split(r#"<a href="/articles/"#)
        .skip(1)
        .map(|rest| format!("/articles/{}", &rest[..rest.find('"').unwrap()]))
        .collect();
    assert!(!links.is_empty());
    for link in &links {
        let article = c.get(link).await;
        assert_eq!(article.status, 200, "{link}");
        assert!(article.body.contains("<article lang=\"en\">"), "{link}");
    }
    assert_only_the_page_script(body);
    // The print view is the handout, with its styles as a file (the CSP forbids inline ones).
    let print = c.get("/plan/print").await;
    assert_eq!(print.status, 200);
    assert!(!print.body.contains("<style"));
    assert!(print.body.contains(r#"href="/static/handout.css""#));
    assert_eq!(print.body.matches("<svg").count(), exercises);
    let css = c.get("/static/handout.css").await;
    assert!(css.header("content-type").starts_with("text/css"));
    assert!(
        css.body.contains("@media print") || css.body.contains("@page"),
        "{}",
        css.body
    );

    let mut sos = app.client();
    sign_up(&mut sos, "plan-sos@example.org").await;
    sos.get("/intake/1").await;
    sos.post("/intake/1", &[("bladder_change", "yes")]).await;
    let page = sos.get("/plan").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Emergency: get help now"));
    // The banner has the emergency's colours, and only the emergency's advice is listed
    // (the stop left the other questions unasked, not "unsure").
    assert!(page.body.contains(r#"class="triage triage-emergency""#));
    assert_eq!(
        page.body.matches(r#"<li class="reason">"#).count(),
        1,
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("will wait until a clinician has seen you")
    );
    assert!(!page.body.contains("<svg") && !page.body.contains("Your exercises"));
}

async fn article_pages_in_both_languages(app: TestApp) {
    let mut c = app.client();
    let r = c.get("/articles/slipped-disc-and-sciatica").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("text/html"));
    assert!(r.body.contains(r#"<article lang="en">"#), "{}", r.body);
    assert!(r.body.contains("Sciatica") || r.body.contains("sciatica"));
    assert!(
        r.body.contains(r#"<a href="/search">Learn</a>"#),
        "nav link"
    );
    assert_only_the_page_script(&r.body);
    assert_security_headers(&r, "article");

    c.accept_language = Some("es".into());
    let r = c.get("/articles/slipped-disc-and-sciatica").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(r#"<article lang="es">"#), "{}", r.body);
    assert!(r.body.contains("ciática"));
    assert!(
        r.body.contains(r#"<a href="/search">Aprender</a>"#),
        "nav link"
    );

    let r = c.get("/articles/no-such-article").await;
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Página no encontrada"));
    c.accept_language = None;
    let r = c.get("/articles/no-such-article").await;
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Page not found"));
}

async fn search_finds_articles_without_accents(app: TestApp) {
    let mut c = app.client();
    let form = c.get("/search").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains(r#"<label for="q">"#));
    assert!(
        form.body
            .contains(r#"<input type="search" id="q" name="q""#)
    );
    assert!(form.body.contains(r#"<select id="topic" name="topic">"#));
    // Before searching, every topic with its articles, to browse.
    assert!(form.body.contains("Browse by topic"));
    assert!(
        form.body
            .contains(r#"href="/articles/red-flags-when-to-get-help""#)
    );
    assert!(
        form.body.matches(r#"<section class="topic""#).count() >= 10,
        "{}",
        form.body
    );
    // A worry in everyday words finds the warning signs first.
    let heart = c.get("/search?q=is+it+my+heart").await;
    let first = heart
        .body
        .find(r#"<h3><a href="/articles/"#)
        .expect("results");
    assert!(
        heart.body[first..].starts_with(r#"<h3><a href="/articles/red-flags-when-to-get-help""#),
        "{}",
        heart.body
    );
    assert!(
        !form.body.contains(r#"class="error""#),
        "no message before a search"
    );

    c.accept_language = Some("es".into());
    let r = c.get("/search?q=ciatica").await;
    assert_eq!(r.status, 200);
    assert!(
        r.body
            .contains(r#"<a href="/articles/slipped-disc-and-sciatica">"#),
        "{}",
        r.body
    );
    assert!(r.body.contains("<b>"), "highlighted snippet");
    assert!(r.body.contains(r#"value="ciatica""#), "the words are kept");
    // The topic filter narrows the results and stays selected.
    let r = c.get("/search?q=ciatica&topic=sleep").await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains(r#"<option value="sleep" selected>"#));
    // Whatever is typed is escaped.
    let r = c
        .get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+ciatica")
        .await;
    assert!(!r.body.contains("<script>alert"), "{}", r.body);
}

async fn a_bad_search_shows_its_message(app: TestApp) {
    let mut c = app.client();
    for (path, lang, text) in [
        ("/search?q=", "en", "the search is empty"),
        ("/search?q=+++", "es", "la búsqueda está vacía"),
        ("/search?q=the", "en", "only very common words"),
        (
            "/search?q=back&topic=nonsense",
            "en",
            "This topic does not exist",
        ),
        (
            "/search?q=espalda&topic=nonsense",
            "es",
            "Este tema no existe",
        ),
    ] {
        c.accept_language = Some(lang.into());
        let r = c.get(path).await;
        assert!(r.status == 200 || r.status == 422, "{path}: {}", r.status);
        assert!(r.body.contains(text), "{path}: {}", r.body);
        assert!(r.body.contains(r#"aria-invalid="true""#), "{path}");
    }
    let long = format!("/search?q={}", "a".repeat(300));
    let r = c.get(&long).await;
    assert!(r.status == 200 || r.status == 422, "{}", r.status);
}

fn diary_fields<'a>(
    day: &'a str,
    pain: &'a str,
    flare_up: &'a str,
    notes: &'a str,
) -> [(&'a str, &'a str); 6] {
    [
        ("day", day),
        ("pain", pain),
        ("sessions", "2"),
        ("minutes", "30"),
        ("flare_up", flare_up),
        ("notes", notes),
    ]
}

async fn diary_saves_and_updates_a_day(app: TestApp) {
    let mut a = app.client();
    sign_up(&mut a, "diary-a@example.org").await;
    // Two days on: the day of sign-up is an earlier day the diary may hold.
    let first = app.clock.now().date().to_string();
    app.clock.advance(time::Duration::days(2));
    let today = app.clock.now().date().to_string();
    let form = a.get("/diary").await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains(&format!(r#"value="{today}""#)),
        "today by default"
    );
    assert!(form.body.contains(r#"name="csrf""#));
    for label in [
        "for=\"day\"",
        "for=\"pain\"",
        "for=\"sessions\"",
        "for=\"minutes\"",
        "for=\"notes\"",
    ] {
        assert!(form.body.contains(label), "{label}");
    }
    assert!(form.body.contains("No entries yet"));

    let r = a
        .post("/diary", &diary_fields(&first, "6", "yes", "Bad <night>"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/diary?saved=1");
    let r = a
        .post("/diary", &diary_fields(&today, "3", "no", "Walked to work"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = a.get("/diary?saved=1").await;
    assert!(page.body.contains("Saved."));
    assert!(
        page.body.contains("Bad &#60;night&#62;"),
        "notes are escaped"
    );
    assert!(page.body.contains("Walked to work"));
    // The same day again replaces it.
    let r = a
        .post(
            "/diary",
            &diary_fields(&first, "4", "no", "Better after all"),
        )
        .await;
    assert_eq!(r.status, 303);
    let id = user_id(&app, "diary-a@example.org").await;
    let from = time::Date::from_calendar_date(2026, time::Month::January, 1).unwrap();
    let to = app.clock.now().date() + time::Duration::days(1);
    let entries = app.store.diary(id, from, to).await.unwrap();
    let jan = entries
        .iter()
        .filter(|e| e.day.to_string() == first)
        .collect::<Vec<_>>();
    assert_eq!(jan.len(), 1, "{entries:?}");
    assert_eq!((jan[0].pain, jan[0].flare_up), (4, false));
    assert_eq!(jan[0].notes, "Better after all");
    let page = a.get("/diary").await;
    assert!(page.body.contains("Better after all") && !page.body.contains("Bad &#60;night&#62;"));
    // Today's entry fills the form.
    assert!(
        page.body.contains(">Walked to work</textarea>"),
        "{}",
        page.body
    );

    // Another patient sees only their own (empty) diary; clinicians cannot open it.
    let mut b = app.client();
    sign_up(&mut b, "diary-b@example.org").await;
    let page = b.get("/diary").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("No entries yet"));
    assert!(!page.body.contains("Better after all") && !page.body.contains("Walked to work"));
    app.create_user("diary-doc@example.org", Role::Clinician)
        .await;
    let mut doc = app.client();
    log_in(&mut doc, "diary-doc@example.org", PASSWORD).await;
    assert_eq!(doc.get("/diary").await.status, 403);
}

async fn diary_rejects_bad_values_next_to_their_fields(app: TestApp) {
    let mut a = app.client();
    sign_up(&mut a, "diary-bad@example.org").await;
    a.get("/diary").await;
    // A day the diary takes: only the value under test is wrong.
    let today = app.clock.today(None).to_string();
    let r = a
        .post("/diary", &diary_fields(&today, "11", "yes", "kept"))
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains(
            r#"<p class="error" id="pain-error">Pain must be a whole number from 0 to 10.</p>"#
        ),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains(r#"aria-invalid="true" aria-describedby="pain-hint pain-error""#)
    );
    assert!(
        r.body.contains(r#"value="11""#) && r.body.contains(">kept</textarea>"),
        "values kept"
    );
    for (fields, message) in [
        (
            diary_fields("2026-02-30", "3", "no", ""),
            "Please enter a date",
        ),
        (
            diary_fields("2999-01-01", "3", "no", ""),
            "This date is in the future",
        ),
        (
            diary_fields(&today, "-1", "no", ""),
            "Pain must be a whole number",
        ),
        (
            diary_fields(&today, "three", "no", ""),
            "Pain must be a whole number",
        ),
        (
            diary_fields(&today, "3", "maybe", ""),
            "Please choose yes or no",
        ),
    ] {
        let r = a.post("/diary", &fields).await;
        assert_eq!(r.status, 422, "{fields:?}");
        assert!(r.body.contains(message), "{fields:?}: {}", r.body);
    }
    let long = "x".repeat(501);
    let r = a
        .post("/diary", &diary_fields(&today, "3", "no", &long))
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Your notes can have at most"));
    a.accept_language = Some("es".into());
    let r = a
        .post("/diary", &diary_fields(&today, "12", "no", ""))
        .await;
    assert!(
        r.body
            .contains("El dolor debe ser un número entero de 0 a 10.")
    );
    let id = user_id(&app, "diary-bad@example.org").await;
    let from = time::Date::from_calendar_date(2000, time::Month::January, 1).unwrap();
    let to = time::Date::from_calendar_date(3000, time::Month::January, 1).unwrap();
    assert!(
        app.store.diary(id, from, to).await.unwrap().is_empty(),
        "nothing saved"
    );
}
