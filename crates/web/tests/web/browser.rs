//! Browser tests: the real app in Debian's headless chromium, driven through chromedriver
//! (WebDriver, with fantoccini), with axe-core checking the accessibility of every page and a
//! screenshot of each under `target/screenshots/<test>/`.
//!
//! They need `chromium`, `chromium-driver` and axe-core (npm), which `scripts/browser`
//! installs; `./scripts/test` runs it and exports `BACKCARE_AXE_JS` (and
//! `BACKCARE_CHROMEDRIVER`, `BACKCARE_CHROMIUM`). Without them every browser test FAILS and
//! says so, unless `BACKCARE_SKIP_BROWSER=1` asks to skip them. By hand:
//!
//! ```sh
//! eval "$(scripts/browser)" && cargo test -p backcare-web browser
//! ```
//!
//! The whole journeys are in `browser/patient.rs` (sign-up to progress chart in English and
//! in Spanish, and the emergency stop), `browser/clinician.rs` (share code, record,
//! access log, revoking) and `browser/accounts.rs` (sign-up with a confirmed email and a
//! forgotten password, through the links of real letters); the short checks of single
//! pages are below.
//!
//! They run once, on SQLite, not on both backends like the HTTP tests: the pages are the
//! same whatever the database, and `main.rs` runs every page on PostgreSQL too. Each test
//! gets its own server (port 0, a fresh SQLite file, `--demo` seeding, so the demo patient
//! and clinician exist), its own chromedriver on a free port and its own chromium profile,
//! used by every person in the journey in turn (log out, log in) rather than one browser
//! each, to keep the suite quick on two cores. Everything is torn down when the test ends,
//! passed or failed; a failing test also leaves `FAILED.png`, the page as it was, beside
//! its screenshots.
//!
//! # Adding a journey (intake, result, plan, diary, clinician ...)
//!
//! 1. Write `async fn my_journey(b: &mut Browser)` below, in the words of a person using the
//!    page: `b.visit("/intake").await`, `b.fill("Your age", "42").await` (a field by its
//!    label's text, or by its `name`), `b.click("Next").await` (a button, or else a link, by
//!    its text), `b.wait_for_path("/result").await`, `b.expect_text("Self-care").await`.
//! 2. On every page the journey reaches, call `b.check("03-result").await`: it runs axe-core
//!    (failing on any serious or critical violation, with the rule, help and elements) and
//!    saves the screenshot `03-result.png`. Number the names so the folder reads in order.
//! 3. Sign in with `b.log_in(demo::PATIENT_EMAIL, demo::PASSWORD).await` (or the clinician),
//!    or sign up a fresh patient with `b.sign_up("someone@example.org").await`; switch the
//!    language with `b.use_language("es").await` to run the same journey in Spanish.
//! 4. Add its name to the `browser_tests!` list of its file (or to a
//!    `browser_tests!(with_mail: ...)` list, for a server that sends its letters to maildev,
//!    read with `b.inbox()`: see `mail.rs`). `b.js(...)` runs a script for anything else,
//!    and `b.client` is the raw fantoccini client.
//!
//! Wait for things, never sleep: `click` returns once the next page has loaded, and
//! `wait_for_path`/`expect_text` poll for at most [`WAIT`].

use std::future::Future;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use backcare_storage::Store;
use backcare_web::infra::mail::MailConfig;
use backcare_web::{Clock, Config, Server, demo};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::mail::Inbox;

/// How long to wait for a page, an element or a text before failing.
pub const WAIT: Duration = Duration::from_secs(10);

/// The password the tests give the patients they sign up.
const PASSWORD: &str = "a long enough password";

/// The chromium flags from the stack notes: headless, and no calls to Google's hosts on
/// this closed network (background networking, component updates, sync, QUIC).
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--lang=en-US",
    "--window-size=1024,768",
];

// ---------------------------------------------------------------------------------------
// Tests

/// Runs each named `async fn(&mut Browser)` as the test `browser::NAME::in_chromium`;
/// `browser_tests!(with_mail: ...)` on a server that sends its mail to maildev
/// (`b.inbox()`).
macro_rules! browser_tests {
    (with_mail: $($name:ident),* $(,)?) => {
        browser_tests!(@with run_with_mail: $($name),*);
    };
    (@with $run:ident: $($name:ident),*) => {$(
        mod $name {
            #[test]
            fn in_chromium() {
                crate::browser::$run(stringify!($name), |b| Box::pin(super::$name(b)));
            }
        }
    )*};
    ($($name:ident),* $(,)?) => {
        browser_tests!(@with run: $($name),*);
    };
}

// The journeys through the whole app, one file each (they use the macro above).
mod accounts;
mod clinician;
mod lforms;
mod offline;
mod patient;
mod privacy;
mod two_factor;

browser_tests!(
    public_pages_in_english,
    public_pages_in_spanish,
    sign_up_log_out_and_log_in_as_the_demo_accounts,
    language_switch,
    keyboard_skip_link,
    axe_catches_violations,
    search_and_read_an_article,
    diary_entry_with_a_mistake,
);

async fn public_pages_in_english(b: &mut Browser) {
    public_pages(
        b,
        "en",
        "Help for your back pain",
        "Create your account",
        "Log in",
    )
    .await;
    b.visit("/no/such/page").await;
    b.expect_text("Page not found").await;
    b.check("04-not-found-en").await;
}

async fn public_pages_in_spanish(b: &mut Browser) {
    b.use_language("es").await;
    public_pages(
        b,
        "es",
        "Ayuda para su dolor de espalda",
        "Cree su cuenta",
        "Entrar",
    )
    .await;
    b.visit("/no/such/page").await;
    b.expect_text("Página no encontrada").await;
    b.check("04-not-found-es").await;
}

/// Home, sign-up and log-in in `lang`, each with its `<h1>`.
async fn public_pages(b: &mut Browser, lang: &str, home: &str, signup: &str, login: &str) {
    for (n, path, h1) in [(1, "/", home), (2, "/signup", signup), (3, "/login", login)] {
        b.visit(path).await;
        assert_eq!(b.lang().await, lang, "<html lang> of {path}");
        assert_eq!(b.h1().await, h1, "<h1> of {path}");
        let name = path.trim_start_matches('/');
        let name = if name.is_empty() { "home" } else { name };
        b.check(&format!("0{n}-{name}-{lang}")).await;
    }
}

/// A visitor finds the search from the menu, searches, filters and opens an article, in
/// English and then in Spanish (typed without accents).
async fn search_and_read_an_article(b: &mut Browser) {
    b.visit("/").await;
    b.click("Learn").await;
    b.wait_for_path("/search").await;
    assert_eq!(b.h1().await, "Learn about back pain");
    b.check("01-search-en").await;
    b.fill("What do you want to know?", "sciatica").await;
    b.click("Search").await;
    b.expect_text("Results").await;
    b.check("02-results-en").await;
    b.click("\"Slipped\" (herniated) disc and sciatica").await;
    b.wait_for_path("/articles/slipped-disc-and-sciatica").await;
    assert_eq!(b.h1().await, "\"Slipped\" (herniated) disc and sciatica");
    b.check("03-article-en").await;

    b.use_language("es").await;
    b.visit("/search").await;
    b.fill("¿Qué quiere saber?", "ciatica").await;
    b.click("Buscar").await;
    b.expect_text("Resultados").await;
    b.check("04-results-es").await;
    b.click("Hernia de disco (\"disco desplazado\") y ciática")
        .await;
    b.wait_for_path("/articles/slipped-disc-and-sciatica").await;
    assert_eq!(b.lang().await, "es");
    b.check("05-article-es").await;
    b.visit("/search?q=").await;
    b.expect_text("la búsqueda está vacía").await;
    b.check("06-empty-search-es").await;
}

/// A new patient writes today's diary entry, mistypes the pain, fixes it and saves.
async fn diary_entry_with_a_mistake(b: &mut Browser) {
    b.sign_up("diary@example.org").await;
    b.click("My diary").await;
    b.wait_for_path("/diary").await;
    assert_eq!(b.h1().await, "My diary");
    b.check("01-diary-empty").await;
    b.fill("pain", "11").await;
    b.fill("Exercise sessions done", "1").await;
    b.fill("Minutes walked", "20").await;
    b.js("document.getElementById('flare-up-no').click(); return null")
        .await;
    b.fill("Notes (optional)", "Stiff in the morning").await;
    b.click("Save this day").await;
    b.expect_text("Pain must be a whole number from 0 to 10.")
        .await;
    b.check("02-diary-mistake").await;
    b.fill("pain", "3").await;
    b.click("Save this day").await;
    b.wait_for_path("/diary?saved=1").await;
    b.expect_text("Stiff in the morning").await;
    b.check("03-diary-saved").await;
}

async fn sign_up_log_out_and_log_in_as_the_demo_accounts(b: &mut Browser) {
    // A new patient signs up from the menu of the home page, with the keyboard-usable
    // fields (the home page's "Start now" is the check without an account: browser/patient.rs).
    b.visit("/").await;
    b.click("Sign up").await;
    b.wait_for_path("/signup").await;
    b.fill("Email address", "new-patient@example.org").await;
    b.fill("Password", PASSWORD).await;
    b.choose("consent").await;
    b.check("01-signup-filled").await;
    b.click("Create account").await;
    b.wait_for_path("/dashboard").await;
    b.expect_text("new-patient@example.org").await;
    b.check("02-dashboard-new-patient").await;

    // Log out from the account page.
    b.click("Account").await;
    b.wait_for_path("/account").await;
    b.check("03-account").await;
    b.click("Log out").await;
    b.wait_for_path("/").await;
    b.expect_text("Sign up").await;

    // A wrong password is refused, with the error shown and the page still accessible.
    b.visit("/login").await;
    b.fill("Email address", demo::PATIENT_EMAIL).await;
    b.fill("Password", "not the password").await;
    b.click("Log in").await;
    b.expect_text("The email or password is not right").await;
    b.check("04-login-failed").await;

    // The demo patient.
    b.log_in(demo::PATIENT_EMAIL, demo::PASSWORD).await;
    b.wait_for_path("/dashboard").await;
    b.expect_text(demo::PATIENT_EMAIL).await;
    b.check("05-dashboard-demo-patient").await;
    b.log_out().await;

    // The demo clinician, who sees the demo patient and opens their record.
    b.log_in(demo::CLINICIAN_EMAIL, demo::PASSWORD).await;
    b.wait_for_path("/clinician").await;
    b.check("06-clinician").await;
    // By name, with the email beside it.
    b.expect_text(demo::PATIENT_EMAIL).await;
    b.click("Alex Morgan").await;
    b.expect_text(demo::PATIENT_EMAIL).await;
    b.expect_text("born 1981-06-14").await;
    assert!(b.path().await.starts_with("/clinician/patients/"));
    b.check("07-patient-record").await;
    b.log_out().await;
}

async fn language_switch(b: &mut Browser) {
    b.visit("/login").await;
    assert_eq!(b.lang().await, "en");
    b.click("Español").await;
    b.wait_for_path("/login").await;
    assert_eq!(b.lang().await, "es", "the switch goes to Spanish");
    assert_eq!(b.h1().await, "Entrar", "and stays on the same page");
    b.check("01-login-es").await;
    // The choice is remembered on the next pages.
    b.click("Crear cuenta").await;
    b.wait_for_path("/signup").await;
    assert_eq!(b.h1().await, "Cree su cuenta");
    b.click("English").await;
    b.wait_for_path("/signup").await;
    assert_eq!(b.lang().await, "en");
    assert_eq!(b.h1().await, "Create your account");
    // Signed-in pages switch too.
    b.sign_up("switcher@example.org").await;
    b.click("Español").await;
    b.wait_for_path("/dashboard").await;
    assert_eq!(b.h1().await, "Mi página");
    b.check("02-dashboard-es").await;
    b.click("Cuenta").await;
    b.wait_for_path("/account").await;
    assert_eq!(b.h1().await, "Su cuenta");
    b.check("03-account-es").await;
}

async fn keyboard_skip_link(b: &mut Browser) {
    for path in ["/", "/signup", "/login"] {
        b.visit(path).await;
        // `press` waits until the page has painted: before that, chromium drops keys.
        b.press(Key::Tab).await;
        let focused = b.focused().await;
        assert!(
            focused.contains("class=\"skip\""),
            "on {path}, Tab from the top reaches the skip link first, not {focused}"
        );
        if path == "/" {
            b.screenshot("01-skip-link-focused").await;
        }
        b.press(Key::Enter).await;
        let focused = b.js("return document.activeElement.id").await;
        assert_eq!(
            focused,
            json!("main"),
            "on {path}, the skip link moves focus to <main>"
        );
        // The next Tab goes on from the start of the main content, not from the top.
        b.press(Key::Tab).await;
        let inside = b
            .js("return document.getElementById('main').contains(document.activeElement)")
            .await;
        assert_eq!(inside, json!(true), "on {path}, Tab goes on inside <main>");
    }
}

/// The harness itself: axe-core is really injected and run, and a page with known faults
/// is reported with rule, impact and the element.
async fn axe_catches_violations(b: &mut Browser) {
    b.visit("/").await;
    b.js(
        "const img = document.createElement('img'); img.src = 'data:,'; img.id = 'bad-img'; \
          document.getElementById('main').append(img); \
          const button = document.createElement('button'); button.id = 'bad-button'; \
          document.getElementById('main').append(button);",
    )
    .await;
    let found = b.axe_violations().await.join("\n");
    assert!(
        found.contains("image-alt (critical)") && found.contains("#bad-img"),
        "{found}"
    );
    assert!(
        found.contains("button-name (critical)") && found.contains("#bad-button"),
        "{found}"
    );
}

// ---------------------------------------------------------------------------------------
// Harness

type BrowserTest = for<'a> fn(&'a mut Browser) -> Pin<Box<dyn Future<Output = ()> + 'a>>;

/// What the browser tests need, found from the environment, or why they cannot run.
struct Tools {
    axe_js: String,
    chromedriver: PathBuf,
    chromium: PathBuf,
}

const HOW_TO_INSTALL: &str = "Install chromium, chromedriver and axe-core, and point the tests at them:\n\
     \n    eval \"$(scripts/browser)\"\n\n\
     (./scripts/test does this for you). To skip the browser tests on purpose, set \
     BACKCARE_SKIP_BROWSER=1.";

impl Tools {
    /// `None` if skipping was asked for; panics if something is missing.
    fn find() -> Option<Self> {
        if std::env::var("BACKCARE_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("BACKCARE_SKIP_BROWSER=1: browser test skipped");
            return None;
        }
        let path = |var: &str, default: &str| {
            std::env::var(var)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        let Ok(axe) = std::env::var("BACKCARE_AXE_JS") else {
            panic!("BACKCARE_AXE_JS is not set.\n{HOW_TO_INSTALL}");
        };
        let axe_js = std::fs::read_to_string(&axe).unwrap_or_else(|e| {
            panic!("cannot read BACKCARE_AXE_JS ({axe}): {e}\n{HOW_TO_INSTALL}")
        });
        let chromedriver = PathBuf::from(path("BACKCARE_CHROMEDRIVER", "/usr/bin/chromedriver"));
        let chromium = PathBuf::from(path("BACKCARE_CHROMIUM", "/usr/bin/chromium"));
        for (what, p) in [("chromedriver", &chromedriver), ("chromium", &chromium)] {
            assert!(
                p.is_file(),
                "{what} is not at {}.\n{HOW_TO_INSTALL}",
                p.display()
            );
        }
        Some(Self {
            axe_js,
            chromedriver,
            chromium,
        })
    }
}

/// Sets up the app, chromedriver and chromium, runs `test`, and tears everything down.
fn run(name: &str, test: BrowserTest) {
    run_on(name, test, false);
}

/// [`run`], with the app sending its mail to maildev (which must be running, unless
/// `BACKCARE_SKIP_MAIL=1` asks to skip: see `mail.rs`).
fn run_with_mail(name: &str, test: BrowserTest) {
    run_on(name, test, true);
}

fn run_on(name: &str, test: BrowserTest, mail: bool) {
    let Some(tools) = Tools::find() else {
        return;
    };
    let maildev = if mail {
        let Some(maildev) = crate::mail::maildev() else {
            return;
        };
        Some(maildev)
    } else {
        None
    };
    let started = Instant::now();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .to_owned();
    let work = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("browser_{name}_{}", std::process::id()));
    let shots = target.join("screenshots").join(name);
    for dir in [&work, &shots] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let outcome = runtime.block_on(async {
        let clock = Clock::shifted();
        let mail = maildev.as_ref().map(|m| m.mail_config());
        let (base, store, stop_server) = start_app(&work, clock.clone(), mail).await;
        let driver = Driver::start(&tools.chromedriver, &work);
        let client = driver.session(&tools.chromium, &work.join("profile")).await;
        let mut browser = Browser {
            client,
            base,
            store,
            clock,
            inbox: maildev.map(|m| m.inbox),
            axe_js: tools.axe_js,
            shots,
        };
        let outcome = CatchUnwind(Box::pin(test(&mut browser))).await;
        if outcome.is_err() {
            // Best effort: the page as it was when the test failed.
            if let Ok(png) = browser.client.screenshot().await {
                let _ = std::fs::write(browser.shots.join("FAILED.png"), png);
            }
            eprintln!(
                "failed on {}",
                browser
                    .client
                    .current_url()
                    .await
                    .map_or_else(|e| e.to_string(), |u| u.to_string())
            );
        }
        let _ = browser.client.close().await;
        drop(driver);
        let _ = stop_server.send(());
        outcome
    });
    drop(runtime);
    match outcome {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&work);
            eprintln!("{name}: {:.1} s", started.elapsed().as_secs_f64());
        }
        Err(panic) => resume_unwind(panic),
    }
}

/// Starts the app on port 0 over a fresh SQLite database in `dir`, with the demo accounts,
/// on `clock`, sending mail when given `mail`.
async fn start_app(
    dir: &Path,
    clock: Clock,
    mail: Option<MailConfig>,
) -> (String, Store, oneshot::Sender<()>) {
    let config = Config {
        bind: "127.0.0.1:0".parse().unwrap(),
        database_url: format!("sqlite://{}?mode=rwc", dir.join("web.db").display()),
        demo: true,
        secure_cookies: false,
        ..Config::default()
    };
    let mut server = Server::bind_with_clock(config, clock)
        .await
        .expect("the server starts");
    if let Some(mail) = mail {
        server = server
            .with_mailer(&mail)
            .expect("the mail settings are good");
    }
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

/// A chromedriver process on a free port, killed (with the chromium it started) on drop.
struct Driver {
    child: Child,
    addr: SocketAddr,
    /// Chromium's scratch folders (`TMPDIR`): drop kills chromium before it can remove
    /// them, so they go here rather than pile up in /tmp. Short, because chromium puts a
    /// socket in it and socket paths are limited to about 100 bytes.
    tmp: Option<tempfile::TempDir>,
}

impl Driver {
    fn start(chromedriver: &Path, dir: &Path) -> Self {
        let addr = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port");
        let log = std::fs::File::create(dir.join("chromedriver.log")).unwrap();
        let tmp = tempfile::Builder::new().prefix("bc-").tempdir().unwrap();
        let mut command = Command::new(chromedriver);
        command
            .arg(format!("--port={}", addr.port()))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .env("TMPDIR", tmp.path());
        // Its own process group, so that drop can end chromium's processes too.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromedriver.display()));
        let mut driver = Self {
            child,
            addr,
            tmp: Some(tmp),
        };
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect(addr).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!(
                    "chromedriver exited ({status}); see {}",
                    dir.join("chromedriver.log").display()
                );
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start in {WAIT:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        driver
    }

    /// A new headless chromium session with a fresh profile in `profile`.
    async fn session(&self, chromium: &Path, profile: &Path) -> Client {
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| (*a).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "prefs": { "intl": { "accept_languages": "en-US,en" } },
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://{}", self.addr))
            .await
            .unwrap_or_else(|e| panic!("cannot start a chromium session: {e}"))
    }
}

/// The DevTools sessions holding service workers offline (see [`Browser::go_offline`]).
#[must_use = "go_online switches the network back on"]
pub struct Offline {
    workers: Vec<Value>,
}

/// chromedriver's `POST /session/{id}/goog/cdp/execute`: a DevTools command on the page.
#[derive(Debug)]
struct Cdp {
    body: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::POST, Some(self.body.to_string()))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: chromedriver and any chromium left behind by a failed test.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Only now that nothing writes in it.
        drop(self.tmp.take());
    }
}

/// A future that turns a panic while polling `F` into an `Err`, so the harness can clean up.
struct CatchUnwind<F: Future>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = std::thread::Result<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The browser, as a person uses it

/// One person at one browser, on their own server.
pub struct Browser {
    /// The raw WebDriver client, for anything the helpers do not cover.
    pub client: Client,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The server's database, to set up what a journey does not do through the pages
    /// (clinician accounts, a patient's history).
    pub store: Store,
    /// The server's clock, which a test moves forward (`b.clock.advance(..)`) to give a
    /// patient a history instead of writing back-dated rows.
    pub clock: Clock,
    /// Where the server's letters arrive, when it sends mail.
    inbox: Option<Inbox>,
    axe_js: String,
    shots: PathBuf,
}

/// An XPath string literal for `s`, whatever quotes it holds.
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

impl Browser {
    /// maildev's inbox, where the server's letters arrive (only in the tests listed in
    /// `browser_tests!(with_mail: ...)`).
    pub fn inbox(&self) -> &Inbox {
        self.inbox
            .as_ref()
            .expect("this server sends no mail: list the test in browser_tests!(with_mail: ...)")
    }

    /// Opens `path` (e.g. `/signup`) and waits for it to load.
    pub async fn visit(&mut self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// The current path (and query), e.g. `/dashboard`.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits until the browser is at `path` (after a redirect, say).
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.path().await;
            if now == path {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "expected to be at {path}, still at {now} after {WAIT:?}; the page says:\n{}",
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The text of the page as shown (`innerText` of `<body>`).
    pub async fn text(&self) -> String {
        self.js("return document.body ? document.body.innerText : ''")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until the page shows `text`.
    pub async fn expect_text(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let shown = self.text().await;
            if shown.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the page at {} does not show {text:?} after {WAIT:?}; it says:\n{shown}",
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// `<html lang>`.
    pub async fn lang(&self) -> String {
        let lang = self.js("return document.documentElement.lang").await;
        lang.as_str().unwrap_or_default().to_owned()
    }

    /// The text of the page's `<h1>`.
    pub async fn h1(&self) -> String {
        let h1 = self.wait_for(Locator::Css("h1"), "an <h1>").await;
        h1.text().await.unwrap().trim().to_owned()
    }

    /// Waits for an element; `what` names it in the failure message.
    pub async fn wait_for(
        &self,
        locator: Locator<'_>,
        what: &str,
    ) -> fantoccini::elements::Element {
        match self.client.wait().at_most(WAIT).for_element(locator).await {
            Ok(element) => element,
            Err(e) => panic!(
                "no {what} on {} after {WAIT:?} ({e}); the page says:\n{}",
                self.path().await,
                self.text().await
            ),
        }
    }

    /// Types `value` into the field whose `<label>` reads `label` (or, failing that, whose
    /// `name` is `label`), replacing what was there.
    pub async fn fill(&self, label: &str, value: &str) {
        let l = xpath_literal(label);
        let xpath = format!(
            "//input[@id=//label[normalize-space()={l}]/@for] \
             | //textarea[@id=//label[normalize-space()={l}]/@for] \
             | //select[@id=//label[normalize-space()={l}]/@for] \
             | //label[normalize-space()={l}]//*[self::input or self::textarea or self::select] \
             | //*[(self::input or self::textarea or self::select) and @name={l}]"
        );
        let field = self
            .wait_for(Locator::XPath(&xpath), &format!("field labelled {label:?}"))
            .await;
        field.clear().await.unwrap();
        field
            .send_keys(value)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {label:?}: {e}"));
    }

    /// Clicks the button (or else the link) whose text is `text`, and waits for the page
    /// it leads to. Buttons win, so "Log in" is the form's button, not the menu link.
    pub async fn click(&self, text: &str) {
        let t = xpath_literal(text);
        let candidates = [
            format!("//button[normalize-space()={t}]"),
            format!("//input[(@type='submit' or @type='button') and @value={t}]"),
            format!("//a[normalize-space()={t}]"),
        ];
        for xpath in &candidates {
            if let Ok(element) = self.client.find(Locator::XPath(xpath)).await {
                element
                    .click()
                    .await
                    .unwrap_or_else(|e| panic!("cannot click {text:?}: {e}"));
                self.wait_for_load().await;
                return;
            }
        }
        panic!(
            "no button or link {text:?} on {}; the page says:\n{}",
            self.path().await,
            self.text().await
        );
    }

    /// Makes the window the size of a common phone (390 x 844 CSS pixels), for the pages
    /// people mostly open on one.
    pub async fn use_phone(&self) {
        self.resize(390, 844).await;
    }

    /// Makes the window the size it starts with, a small computer screen (1024 x 768).
    pub async fn use_desktop(&self) {
        self.resize(1024, 768).await;
    }

    async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("the window can be resized");
    }

    /// Waits until the document has finished loading.
    pub async fn wait_for_load(&self) {
        let deadline = Instant::now() + WAIT;
        while self.js("return document.readyState").await != json!("complete") {
            assert!(
                Instant::now() < deadline,
                "the page did not load in {WAIT:?}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until the page can take key presses: loaded, and its first contentful paint
    /// done. Chromium drops key presses sent to a new page before it has painted, without a
    /// trace, and on a busy machine `load` (all that `visit` and `click` wait for) can come
    /// well before that paint: measured here under load, a Tab right after opening a page
    /// left the focus on `<body>` 15 times in 200, and never in 200 after this wait.
    /// (`document.hasFocus()` cannot tell: headless chromium says `false` even when keys
    /// arrive.)
    pub async fn wait_until_painted(&self) {
        self.wait_until(
            "return document.readyState === 'complete' && performance \
             .getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint')",
            "the page's first contentful paint, before pressing a key",
        )
        .await;
    }

    /// Presses and releases one key (on whatever has the focus), once the page can take it.
    pub async fn press(&self, key: Key) {
        self.wait_until_painted().await;
        let key: char = key.into();
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(actions).await.unwrap();
        self.wait_for_load().await;
    }

    /// The opening tag of the focused element, e.g. `<a class="skip" href="#main">`.
    pub async fn focused(&self) -> String {
        let tag = self
            .js("const e = document.activeElement; \
                 return e ? e.outerHTML.slice(0, e.outerHTML.indexOf('>') + 1) : ''")
            .await;
        tag.as_str().unwrap_or_default().to_owned()
    }

    /// Types `text` on the keyboard, one key at a time, into whatever has the focus.
    pub async fn type_keys(&self, text: &str) {
        self.wait_until_painted().await;
        let mut actions = KeyActions::new("keyboard".into());
        for c in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(actions).await.unwrap();
    }

    /// Presses Tab until the element with `id` has the focus (at most 25 times), checking
    /// on the way that every element Tab reaches shows where the focus is.
    pub async fn tab_to(&self, id: &str) {
        for _ in 0..25 {
            self.press(Key::Tab).await;
            self.expect_focus_visible().await;
            if self.js("return document.activeElement.id").await == json!(id) {
                return;
            }
        }
        panic!(
            "Tab never reached #{id} on {}; the focus is on {}",
            self.path().await,
            self.focused().await
        );
    }

    /// Fails unless the focused element shows an outline while it matches `:focus-visible`
    /// (or `:focus-within`: Chromium puts the focus of a date field on the parts inside
    /// it, so the field itself never matches `:focus-visible`).
    pub async fn expect_focus_visible(&self) {
        let style = self
            .js(
                "const e = document.activeElement; const s = getComputedStyle(e); \
                 return [e.matches(':focus-visible') || e.matches(':focus-within'), \
                         s.outlineStyle, s.outlineWidth]",
            )
            .await;
        let shown = style[0] == json!(true)
            && !matches!(style[1].as_str(), None | Some("none" | ""))
            && !matches!(style[2].as_str(), None | Some("0px" | ""));
        assert!(
            shown,
            "the focus is not visible on {} (focus-visible, outline style, width: {style}) on {}",
            self.focused().await,
            self.path().await
        );
    }

    /// Clicks the `<label>` of the radio button or checkbox with `id`, and checks that it
    /// is now chosen (so the label really belongs to it).
    pub async fn choose(&self, id: &str) {
        let css = format!("label[for=\"{id}\"]");
        let label = self.wait_for(Locator::Css(&css), &css).await;
        label
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
        let chosen = self
            .js(&format!(
                "const e = document.getElementById({id:?}); return !!(e && e.checked)"
            ))
            .await;
        assert_eq!(chosen, json!(true), "clicking {css} did not choose #{id}");
    }

    /// On the session page: ticks the first exercise as done and sends the session.
    pub async fn do_the_first_exercise(&self) {
        let first = self
            .js("return document.querySelector('main input[name=done]').id")
            .await;
        self.choose(first.as_str().unwrap_or_default()).await;
        self.click_css("main form[action='/session'] button[type=submit]")
            .await;
    }

    /// Clicks the element matching `css` and waits for the page it leads to.
    pub async fn click_css(&self, css: &str) {
        let element = self.wait_for(Locator::Css(css), css).await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
        self.wait_for_load().await;
    }

    /// Waits until `script` (a function body) returns `true`; `what` says what for.
    pub async fn wait_until(&self, script: &str, what: &str) {
        let deadline = Instant::now() + WAIT;
        while self.js(script).await != json!(true) {
            assert!(
                Instant::now() < deadline,
                "waited {WAIT:?} for {what} at {}; the page says:\n{}",
                self.path().await,
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.wait_for_load().await;
    }

    /// Waits until the browser has left `path` (after submitting a form, say); returns the
    /// new path.
    pub async fn wait_to_leave(&self, path: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.path().await;
            if now != path {
                self.wait_for_load().await;
                return now;
            }
            assert!(
                Instant::now() < deadline,
                "still at {path} after {WAIT:?}; the page says:\n{}",
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Types a date into the `<input type="date">` labelled `label`, as a person does in
    /// this browser's locale (en-US: month, day, year), and checks the value it holds.
    pub async fn fill_date(&self, label: &str, day: time::Date) {
        let digits = format!(
            "{:02}{:02}{:04}",
            u8::from(day.month()),
            day.day(),
            day.year()
        );
        self.fill(label, &digits).await;
        let id = self
            .js(&format!(
                "const l = [...document.querySelectorAll('label')].find((l) => \
                 l.textContent.trim() === {label:?}); return l ? l.htmlFor : ''"
            ))
            .await;
        let value = self
            .js(&format!("return document.getElementById({id}).value"))
            .await;
        assert_eq!(
            value,
            json!(day.to_string()),
            "the date typed into {label:?}"
        );
    }

    /// How the first element in `<main>` looks: its tag, class, role and text.
    pub async fn first_in_main(&self) -> Value {
        self.js(
            "const e = document.querySelector('main').firstElementChild; \
             return e ? { tag: e.tagName.toLowerCase(), class: e.className, \
               role: e.getAttribute('role'), text: e.innerText } : null",
        )
        .await
    }

    /// The `<svg>` pictures matching `css` that are shown, with a size, on the page.
    pub async fn visible_svgs(&self, css: &str) -> usize {
        let n = self
            .js(&format!(
                "return [...document.querySelectorAll({css:?})].filter((e) => {{ \
                   const r = e.getBoundingClientRect(); \
                   return e.tagName.toLowerCase() === 'svg' && r.width > 20 && r.height > 20 \
                     && getComputedStyle(e).visibility !== 'hidden'; }}).length"
            ))
            .await;
        n.as_u64().unwrap_or(0) as usize
    }

    /// Switches the browser's network off through chromedriver's Chrome DevTools Protocol
    /// endpoint, as DevTools' "Offline" does: for the page (its requests and
    /// `navigator.onLine`) and for each service worker (its own requests), while the server
    /// runs on. [`Browser::go_online`] with what this returns switches it back on.
    pub async fn go_offline(&self) -> Offline {
        self.emulate(None, true).await;
        // A service worker is a target of its own: attach to it (chromedriver speaks to
        // the page only) and send it the same commands through the page's session. The
        // attachment holds the emulation, so it stays until `go_online`.
        let targets = self.cdp("Target.getTargets", json!({})).await;
        let mut workers = Vec::new();
        for worker in targets["targetInfos"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|t| t["type"] == "service_worker")
        {
            let attached = self
                .cdp(
                    "Target.attachToTarget",
                    json!({ "targetId": worker["targetId"], "flatten": false }),
                )
                .await;
            let session = attached["sessionId"].clone();
            self.emulate(Some(&session), true).await;
            workers.push(session);
        }
        Offline { workers }
    }

    /// Switches the network back on after [`Browser::go_offline`].
    pub async fn go_online(&self, offline: Offline) {
        for session in offline.workers {
            self.emulate(Some(&session), false).await;
            self.cdp("Target.detachFromTarget", json!({ "sessionId": session }))
                .await;
        }
        self.emulate(None, false).await;
    }

    /// Network on or off for the page (`None`) or an attached target's session.
    async fn emulate(&self, session: Option<&Value>, offline: bool) {
        let conditions = json!({
            "offline": offline,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": -1,
        });
        for (id, method, params) in [
            (1, "Network.enable", json!({})),
            (2, "Network.emulateNetworkConditions", conditions),
        ] {
            match session {
                None => {
                    self.cdp(method, params).await;
                }
                Some(session) => {
                    let message = json!({ "id": id, "method": method, "params": params });
                    self.cdp(
                        "Target.sendMessageToTarget",
                        json!({ "sessionId": session, "message": message.to_string() }),
                    )
                    .await;
                }
            }
        }
    }

    /// Runs one Chrome DevTools Protocol command on the page.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client
            .issue_cmd(Cdp {
                body: json!({ "cmd": cmd, "params": params }),
            })
            .await
            .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
    }

    /// Runs `script` (a function body; `return` a value) in the page.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Chooses the language for the rest of the visit, as the switch in the menu does.
    pub async fn use_language(&mut self, lang: &str) {
        self.visit(&format!("/lang/{lang}?next=/")).await;
        assert_eq!(self.lang().await, lang);
    }

    /// Signs up a new patient through the sign-up form (English pages) and waits for the
    /// dashboard.
    pub async fn sign_up(&mut self, email: &str) {
        self.visit("/signup").await;
        self.fill("email", email).await;
        self.fill("password", PASSWORD).await;
        self.choose("consent").await;
        self.submit_form("/signup").await;
        self.wait_for_path("/dashboard").await;
    }

    /// Logs in through the log-in form (in any language).
    pub async fn log_in(&mut self, email: &str, password: &str) {
        self.visit("/login").await;
        self.fill("email", email).await;
        self.fill("password", password).await;
        self.submit_form("/login").await;
        if self.path().await != "/login/two-factor" {
            return;
        }
        // Clinicians take a second step: the code of their secret (the demo clinician's,
        // or the one the tests give theirs) at the server's "now". Each code works once,
        // so a second sign-in within 30 seconds waits for the next code, as a person
        // would, by moving the server's clock on.
        let secret = if email == demo::CLINICIAN_EMAIL {
            demo::CLINICIAN_TWO_FACTOR_SECRET
        } else {
            crate::TWO_FACTOR_SECRET
        };
        for _ in 0..2 {
            let code = backcare_web::infra::two_factor::code_at(secret, self.clock.now()).unwrap();
            self.fill("code", &code).await;
            self.submit_form("/login/two-factor").await;
            if self.path().await != "/login/two-factor" {
                return;
            }
            self.clock.advance(time::Duration::seconds(30));
        }
        panic!("the second sign-in step refused the code of {email}");
    }

    /// Logs out with the button on the account page (in any language).
    pub async fn log_out(&mut self) {
        self.visit("/account").await;
        self.submit_form("/logout").await;
        self.wait_for_path("/").await;
    }

    /// Clicks the submit button of the form posting to `action`.
    async fn submit_form(&self, action: &str) {
        let css = format!("form[action='{action}'] [type=submit]");
        let button = self.wait_for(Locator::Css(&css), &css).await;
        // Mark this document: a click returns before the browser has left it, and a form
        // that answers on the same path (a wrong code) looks just like the page it left.
        self.js("document.documentElement.dataset.leaving = '1'; return true")
            .await;
        button.click().await.unwrap();
        self.wait_until(
            "return document.documentElement.dataset.leaving !== '1' \
             && document.readyState === 'complete'",
            &format!("the page the form {action} leads to"),
        )
        .await;
    }

    /// Runs axe-core on the page and saves a screenshot `name.png`: call it on every page.
    pub async fn check(&self, name: &str) {
        self.axe().await;
        self.screenshot(name).await;
    }

    /// Saves the page (all of it, not just the window) as `target/screenshots/<test>/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        // Make the window tall enough to show the whole page (up to 4000 px), then put it back.
        let sizes = self
            .js("return [document.documentElement.scrollHeight, \
                 window.outerHeight - window.innerHeight]")
            .await;
        let page = sizes[0].as_u64().unwrap_or(0);
        let frame = sizes[1].as_u64().unwrap_or(0);
        let (width, old_height) = self.client.get_window_size().await.unwrap();
        let tall = (page + frame).clamp(old_height, 4000);
        if tall != old_height {
            self.client
                .set_window_size(width as u32, tall as u32)
                .await
                .unwrap();
        }
        let png = self.client.screenshot().await.unwrap();
        if tall != old_height {
            self.client
                .set_window_size(width as u32, old_height as u32)
                .await
                .unwrap();
        }
        let path = self.shots.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Runs axe-core on the page. Fails the test, listing rule, impact, help and elements,
    /// if any violation is serious or critical; prints the lesser ones.
    pub async fn axe(&self) {
        let serious = self.axe_violations().await;
        assert!(
            serious.is_empty(),
            "axe-core found {} serious or critical accessibility violation(s) on {}:\n{}",
            serious.len(),
            self.path().await,
            serious.join("\n")
        );
    }

    /// Runs axe-core on the page; returns its serious and critical violations, one readable
    /// entry each, and prints the lesser ones.
    pub async fn axe_violations(&self) -> Vec<String> {
        let loaded = self.js("return typeof window.axe === 'object'").await;
        if loaded != json!(true) {
            self.client
                .execute(&self.axe_js, vec![])
                .await
                .unwrap_or_else(|e| panic!("cannot inject axe-core: {e}"));
        }
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] }).then(
                   (r) => done({ violations: r.violations.map((v) => ({
                     id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                     nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
                   })) }),
                   (e) => done({ error: String(e) }));",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("axe.run failed: {e}"));
        if let Some(error) = result.get("error") {
            panic!("axe.run failed: {error}");
        }
        let path = self.path().await;
        let mut serious = Vec::new();
        for v in result["violations"].as_array().into_iter().flatten() {
            let impact = v["impact"].as_str().unwrap_or("unknown");
            let mut line = format!(
                "- {} ({impact}): {} <{}>",
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                v["url"].as_str().unwrap_or("")
            );
            for node in v["nodes"].as_array().into_iter().flatten() {
                line.push_str(&format!(
                    "\n    at {}: {}",
                    node["target"].as_str().unwrap_or("?"),
                    node["summary"].as_str().unwrap_or("").replace('\n', " ")
                ));
            }
            if matches!(impact, "serious" | "critical") {
                serious.push(line);
            } else {
                eprintln!("axe on {path}, not failing the test:\n{line}");
            }
        }
        serious
    }
}

#[test]
fn xpath_literals_survive_quotes() {
    assert_eq!(xpath_literal("Log in"), "'Log in'");
    assert_eq!(xpath_literal("it's"), "\"it's\"");
    assert_eq!(
        xpath_literal("it's \"x\""),
        "concat('it', \"'\", 's \"x\"')"
    );
}
