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

mod client;

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, Ordering};

use backcare_storage::{Email, Role, Store, TokenHash, UserId};
use backcare_web::routes::{Access, Kind, Method, ROUTES};
use backcare_web::{Config, Server, auth};
use client::{Client, Resp};
use sqlx::{Connection, Executor};
use tokio::sync::oneshot;

// ---------------------------------------------------------------------------------------
// Harness

/// A running server on a fresh database.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The server's database, to set up what the web pages cannot yet (clinicians, links).
    pub store: Store,
    database_url: String,
    shutdown: Vec<oneshot::Sender<()>>,
}

impl TestApp {
    /// A new visitor with an empty cookie jar.
    fn client(&self) -> Client {
        Client::new(&self.base, false)
    }

    /// Another server on the same database, with secure (`__Host-`) cookies.
    async fn spawn_secure(&mut self) -> Client {
        let (base, _, tx) = start(&self.database_url, true).await;
        self.shutdown.push(tx);
        Client::new(&base, true)
    }

    /// Makes an account directly in the store (clinicians cannot sign up).
    async fn create_user(&self, email: &str, role: Role) -> UserId {
        let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
        let email = Email::parse(email).unwrap();
        self.store
            .create_user(&email, &hash, role, time::OffsetDateTime::now_utc())
            .await
            .unwrap()
            .id
    }

    /// Links a patient to a clinician through a share code, as the web pages will.
    async fn link(&self, patient: UserId, clinician: UserId) {
        let now = time::OffsetDateTime::now_utc();
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

async fn start(database_url: &str, secure: bool) -> (String, Store, oneshot::Sender<()>) {
    let server = Server::bind(Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: database_url.to_owned(),
        demo: false,
        secure_cookies: secure,
    })
    .await
    .expect("the server starts");
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
    let (base, store, tx) = start(&database_url, false).await;
    let app = TestApp {
        base,
        store,
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

fn on_sqlite(name: &str, test: TestFn) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(unique(name));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("web.db").display());
    runtime().block_on(spawn_and_run(url, test));
    std::fs::remove_dir_all(&dir).unwrap();
}

fn on_postgres(name: &str, test: TestFn) {
    let Some(admin_url) = postgres_url() else {
        return;
    };
    runtime().block_on(async {
        let db = unique(name);
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .unwrap_or_else(|e| {
                panic!("cannot connect to BACKCARE_TEST_POSTGRES_URL: {e}\n{HOW_TO_START}")
            });
        // The name is made of letters, digits and `_` only, so it needs no quoting.
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
            .await
            .unwrap();
        let outcome = tokio::spawn(spawn_and_run(with_database(&admin_url, &db), test)).await;
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {db} WITH (FORCE)"
            )))
            .await
            .unwrap();
        admin.close().await.unwrap();
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

const HOW_TO_START: &str = "Start a throwaway PostgreSQL server and export its URL:\n\
     \n    export BACKCARE_TEST_POSTGRES_URL=$(scripts/postgres)\n\n\
     (./scripts/test does this for you). To skip the PostgreSQL tests on purpose, set \
     BACKCARE_SKIP_POSTGRES=1.";

fn postgres_url() -> Option<String> {
    match std::env::var("BACKCARE_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_owned()),
        _ if std::env::var("BACKCARE_SKIP_POSTGRES").as_deref() == Ok("1") => None,
        _ => panic!("BACKCARE_TEST_POSTGRES_URL is not set.\n{HOW_TO_START}"),
    }
}

/// `url` with its database name replaced by `db`.
fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    format!("{}/{db}{query}", &base[..host_end])
}

/// Runs each named async test on SQLite (`NAME::sqlite`) and PostgreSQL (`NAME::postgres`).
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                crate::on_sqlite(stringify!($name), |app| Box::pin(crate::$name(app)));
            }
            #[test]
            fn postgres() {
                crate::on_postgres(stringify!($name), |app| Box::pin(crate::$name(app)));
            }
        }
    )*};
}

on_both_backends!(
    sign_up_logs_in,
    sign_up_errors_keep_the_email_but_never_the_password,
    log_in_and_log_out,
    a_wrong_password_is_refused,
    log_in_is_rate_limited_after_five_failures,
    password_change,
    posts_without_the_right_csrf_token_are_refused,
    session_cookie_flags_and_only_the_hash_is_stored,
    security_headers_on_every_response,
    language_switch,
    friendly_not_found_page,
    authorization_matrix,
    demo_seed,
);

// ---------------------------------------------------------------------------------------
// Helpers

const PASSWORD: &str = "a long enough password";

async fn sign_up(client: &mut Client, email: &str) -> Resp {
    client.get("/signup").await;
    client
        .post("/signup", &[("email", email), ("password", PASSWORD)])
        .await
}

async fn log_in(client: &mut Client, email: &str, password: &str) -> Resp {
    client.get("/login").await;
    client
        .post("/login", &[("email", email), ("password", password)])
        .await
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

async fn log_in_is_rate_limited_after_five_failures(app: TestApp) {
    sign_up(&mut app.client(), "di@example.org").await;
    let mut c = app.client();
    for _ in 0..5 {
        assert_eq!(
            log_in(&mut c, "di@example.org", "wrong password!")
                .await
                .status,
            422
        );
    }
    // Now even the right password is refused, with a clear message.
    let r = log_in(&mut c, "di@example.org", PASSWORD).await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("please wait 15 minutes"), "{}", r.body);
    assert!(c.session().is_none());
    // Other emails are not affected.
    sign_up(&mut app.client(), "ed@example.org").await;
    assert_eq!(log_in(&mut c, "ed@example.org", PASSWORD).await.status, 303);
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
        assert_eq!(r.status, 403, "POST {}", route.path);
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
    let now = time::OffsetDateTime::now_utc();
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
    ("GET", "/lang/{lang}", Access::Anyone),
    ("GET", "/signup", Access::Anonymous),
    ("POST", "/signup", Access::Anonymous),
    ("GET", "/login", Access::Anonymous),
    ("POST", "/login", Access::Anonymous),
    ("POST", "/logout", Access::SignedIn),
    ("GET", "/account", Access::SignedIn),
    ("POST", "/account/password", Access::SignedIn),
    ("GET", "/api/users/{user}/export", Access::Owner),
    ("GET", "/dashboard", Access::Patient),
    ("GET", "/clinician", Access::Clinician),
    ("GET", "/clinician/patients/{user}", Access::LinkedClinician),
];

/// The path with its parameters filled in: `{user}` is `subject`, `{lang}` is `es`.
fn concrete(path: &str, subject: UserId) -> String {
    path.replace("{user}", &subject.0.to_string())
        .replace("{lang}", "es")
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
    }
}

fn observed(r: &Resp, kind: Kind, home: &str) -> Outcome {
    match r.status {
        401 if kind == Kind::Api => Outcome::LogIn,
        303 if r.location().starts_with("/login") => Outcome::LogIn,
        303 if r.location() == home => Outcome::Home,
        403 => Outcome::Forbidden,
        404 => Outcome::NotFound,
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

    let mut checked = 0;
    for (who, client, home) in [
        (Who::Anonymous, &mut anon, "(no start page)"),
        (Who::PatientA, &mut a, "/dashboard"),
        (Who::PatientB, &mut b, "/dashboard"),
        (Who::LinkedClinician, &mut lc, "/clinician"),
        (Who::UnlinkedClinician, &mut uc, "/clinician"),
    ] {
        // Log-out last, so the visitor stays who they are for the other routes.
        let mut routes: Vec<_> = ROUTES.iter().collect();
        routes.sort_by_key(|r| r.path == "/logout");
        for route in routes {
            let path = concrete(route.path, patient_a);
            let r = match route.method {
                Method::Get => client.get(&path).await,
                Method::Post => client.post(&path, &[]).await,
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
    let log = app.store.access_log(patient_a).await.unwrap();
    assert_eq!(log.len(), 1, "one look during the walk: {log:?}");
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
    let now = time::OffsetDateTime::now_utc();
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
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:55432/postgres", "x"),
        "postgres://postgres@127.0.0.1:55432/x"
    );
    assert_eq!(
        with_database("postgres://u:p@h/db?sslmode=disable", "x"),
        "postgres://u:p@h/x?sslmode=disable"
    );
}
