//! Account emails against a real SMTP server: maildev (npm), started by `scripts/maildev`,
//! which prints `BACKCARE_TEST_SMTP_PORT` (where the server under test sends) and
//! `BACKCARE_TEST_MAILDEV_URL` (maildev's web API, where these tests read what arrived with
//! `GET /api/email`). The tests follow the links in the letters with the HTTP client, on
//! SQLite and PostgreSQL like every web test; the browser journeys (`browser/accounts.rs`)
//! read the same inbox through [`maildev`], [`Inbox`] and [`Letter::link`].
//!
//! A missing variable FAILS these tests, unless `BACKCARE_SKIP_MAIL=1` asks to skip them on
//! purpose. One maildev inbox serves every test at once, so each test writes to addresses
//! of its own ([`address`]) and reads only the letters sent to them.

use std::time::Duration;

use backcare_storage::{Email, Language, MailPurpose, Role, Store, UserId};
use backcare_web::infra::mail::{MAX_RESETS_PER_HOUR, MailConfig, TlsMode};
use backcare_web::infra::privacy::PRIVACY_NOTICE_VERSION;
use backcare_web::{Clock, Server, auth};
use serde_json::Value;
use tokio::sync::oneshot;

use crate::client::Client;
use crate::{PASSWORD, TestApp, log_in};

const HOW_TO_START: &str = "Start maildev and export its settings:\n\n    \
     eval \"$(scripts/maildev)\"\n\n(./scripts/test does this for you). To skip the email \
     tests on purpose, set BACKCARE_SKIP_MAIL=1.";

/// The maildev that `scripts/maildev` started.
pub struct Maildev {
    /// Where a server under test sends its mail.
    pub smtp_port: u16,
    /// What arrived.
    pub inbox: Inbox,
}

/// The maildev named by the environment, or `None` when skipping was asked for; panics,
/// saying how to start it, when it is not named.
pub fn maildev() -> Option<Maildev> {
    if std::env::var("BACKCARE_SKIP_MAIL").as_deref() == Ok("1") {
        eprintln!("email test skipped: BACKCARE_SKIP_MAIL=1");
        return None;
    }
    let var = |name: &str| match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v.trim().to_owned(),
        _ => panic!("{name} is not set.\n{HOW_TO_START}"),
    };
    let port = var("BACKCARE_TEST_SMTP_PORT");
    let smtp_port = port
        .parse()
        .unwrap_or_else(|_| panic!("BACKCARE_TEST_SMTP_PORT is not a port: {port:?}"));
    Some(Maildev {
        smtp_port,
        inbox: Inbox {
            url: var("BACKCARE_TEST_MAILDEV_URL"),
        },
    })
}

impl Maildev {
    /// The settings that make a server send its mail here (links to the server's own
    /// address).
    pub fn mail_config(&self) -> MailConfig {
        MailConfig {
            host: "127.0.0.1".into(),
            port: self.smtp_port,
            tls: TlsMode::None,
            user: None,
            password: None,
            from: "backcare <noreply@backcare.test>".into(),
        }
    }
}

/// maildev's web API: the letters delivered so far.
#[derive(Clone)]
pub struct Inbox {
    url: String,
}

impl Inbox {
    /// The letters maildev holds for `to`, oldest first.
    pub async fn letters(&self, to: &str) -> Vec<Letter> {
        let r = Client::new(&self.url, false).get("/api/email").await;
        assert_eq!(r.status, 200, "maildev's API: {}", r.body);
        let all: Vec<Value> = serde_json::from_str(&r.body).expect("maildev answers JSON");
        all.into_iter()
            .filter(|m| {
                m["to"]
                    .as_array()
                    .is_some_and(|list| list.iter().any(|a| a["address"].as_str() == Some(to)))
            })
            .map(|m| Letter {
                subject: m["subject"].as_str().unwrap_or_default().to_owned(),
                text: m["text"].as_str().unwrap_or_default().to_owned(),
                html: m["html"].as_str().unwrap_or_default().to_owned(),
            })
            .collect()
    }

    /// Waits (up to 15 s) until `to` has received `n` letters, and returns them.
    pub async fn wait_for(&self, to: &str, n: usize) -> Vec<Letter> {
        for _ in 0..150 {
            let letters = self.letters(to).await;
            if letters.len() >= n {
                return letters;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let got = self.letters(to).await;
        panic!(
            "{to} received {} letters, not {n}: {:?}",
            got.len(),
            got.iter().map(|l| &l.subject).collect::<Vec<_>>()
        );
    }
}

/// One delivered letter.
#[derive(Debug)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Letter {
    /// The path of the link to `path_prefix` (e.g. `/password/reset?token=`) on the server
    /// at `base`, checking that it is a full link to that server in both the text and the
    /// HTML.
    pub fn link(&self, base: &str, path_prefix: &str) -> String {
        let full = format!("{base}{path_prefix}");
        let start = self
            .text
            .find(&full)
            .unwrap_or_else(|| panic!("no {full} link in: {}", self.text));
        let url: String = self.text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        // In HTML an `&` of a query is written `&amp;`.
        assert!(
            self.html
                .contains(&format!("href=\"{}\"", url.replace('&', "&amp;"))),
            "the HTML part links to {url}: {}",
            self.html
        );
        url[base.len()..].to_owned()
    }
}

/// A running server that sends mail to maildev.
struct MailApp {
    base: String,
    store: Store,
    clock: Clock,
    inbox: Inbox,
    _shutdown: oneshot::Sender<()>,
}

impl MailApp {
    fn client(&self) -> Client {
        Client::new(&self.base, false)
    }

    async fn create_user(&self, email: &str, language: Option<Language>) -> UserId {
        let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
        let email = Email::parse(email).unwrap();
        let id = self
            .store
            .create_user(&email, &hash, Role::Patient, self.clock.now())
            .await
            .unwrap()
            .id;
        if let Some(language) = language {
            self.store.set_language(id, language).await.unwrap();
        }
        id
    }

    /// The path of the link to `path_prefix` in `letter`, a link to this server.
    fn link(&self, letter: &Letter, path_prefix: &str) -> String {
        letter.link(&self.base, path_prefix)
    }
}

async fn start(database_url: &str, maildev: &Maildev) -> MailApp {
    let clock = Clock::shifted();
    let server = Server::bind_with_clock(crate::test_config(database_url, false), clock.clone())
        .await
        .expect("the server starts")
        .with_mailer(&maildev.mail_config())
        .expect("the mail settings are good");
    assert!(server.mail_enabled());
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
    MailApp {
        base,
        store,
        clock,
        inbox: maildev.inbox.clone(),
        _shutdown: tx,
    }
}

type MailTest = fn(MailApp) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

fn on_sqlite(name: &str, test: MailTest) {
    if let Some(maildev) = maildev() {
        crate::with_sqlite(name, |url| async move {
            test(start(&url, &maildev).await).await
        });
    }
}

fn on_postgres(name: &str, test: MailTest) {
    if let Some(maildev) = maildev() {
        crate::with_postgres(name, move |url| async move {
            test(start(&url, &maildev).await).await;
        });
    }
}

/// Like `on_both_backends!`, with a server that sends mail to maildev.
macro_rules! with_mail_on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                super::on_sqlite(stringify!($name), |app| Box::pin(super::$name(app)));
            }
            #[test]
            fn postgres() {
                super::on_postgres(stringify!($name), |app| Box::pin(super::$name(app)));
            }
        }
    )*};
}

with_mail_on_both_backends!(
    forgot_password_sends_a_link_that_works_once_for_an_hour,
    reset_letters_stop_at_the_cap_until_the_hour_has_passed,
    sign_up_answers_the_same_and_the_email_says_the_rest,
    an_email_change_tells_the_old_address_and_asks_the_new_one,
    with_mail_on_the_check_answers_go_only_to_a_new_account,
);
on_both_backends!(without_smtp_the_pages_point_to_an_administrator);

/// A fresh address for this run, so that parallel tests (and earlier runs against the same
/// maildev) never read each other's letters.
pub fn address(name: &str) -> String {
    format!("{}@example.org", crate::unique(name).replace('_', "-"))
}

async fn forgot_password_sends_a_link_that_works_once_for_an_hour(app: MailApp) {
    let ann = address("ann");
    let nobody = address("nobody");
    let id = app.create_user(&ann, Some(Language::En)).await;
    // Ann is signed in on another device, which the reset must sign out.
    let mut laptop = app.client();
    assert_eq!(log_in(&mut laptop, &ann, PASSWORD).await.status, 303);

    // The forgot form answers the same for an account and for no account.
    let mut phone = app.client();
    let form = phone.get("/password/forgot").await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("action=\"/password/forgot\""),
        "{}",
        form.body
    );
    let known = phone.post("/password/forgot", &[("email", &ann)]).await;
    let unknown = phone.post("/password/forgot", &[("email", &nobody)]).await;
    assert_eq!(known.status, 200, "{}", known.body);
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    assert!(known.body.contains("Check your email"), "{}", known.body);
    let bad = phone
        .post("/password/forgot", &[("email", "not an email")])
        .await;
    assert_eq!(bad.status, 422);

    let letters = app.inbox.wait_for(&ann, 1).await;
    assert_eq!(letters[0].subject, "Choose a new password for backcare");
    assert!(letters[0].text.contains("one hour"), "{}", letters[0].text);
    let link = app.link(&letters[0], "/password/reset?token=");
    let token = link.split("token=").nth(1).unwrap();
    assert_eq!(token.len(), 64, "32 random bytes as hex");
    let hash = auth::token_hash(token);
    assert!(
        app.store
            .mail_token_user(&hash, backcare_storage::MailPurpose::Reset, app.clock.now())
            .await
            .is_ok(),
        "only the token's hash is stored, and it is the link's"
    );

    // The link opens the form; a short password is refused next to its field.
    let page = phone.get(&link).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Choose a new password"), "{}", page.body);
    let short = phone
        .post(
            "/password/reset",
            &[("token", token), ("password", "short")],
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(short.body.contains("at least 10"), "{}", short.body);
    let new_password = "a brand new password";
    let done = phone
        .post(
            "/password/reset",
            &[("token", token), ("password", new_password)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), "/password/reset/done");

    // Every session ended; the old password no longer works, the new one does.
    let r = laptop.get("/account").await;
    assert_eq!(r.status, 303);
    assert!(r.location().starts_with("/login"), "{}", r.location());
    assert_eq!(log_in(&mut app.client(), &ann, PASSWORD).await.status, 422);
    assert_eq!(
        log_in(&mut app.client(), &ann, new_password).await.status,
        303
    );

    // The link works once.
    let again = phone
        .post(
            "/password/reset",
            &[("token", token), ("password", "yet another password")],
        )
        .await;
    assert_eq!(again.status, 422);
    assert!(
        again.body.contains("This link does not work"),
        "{}",
        again.body
    );
    assert!(
        phone
            .get(&link)
            .await
            .body
            .contains("This link does not work")
    );

    // The owner is told; nobody@ got nothing.
    let letters = app.inbox.wait_for(&ann, 2).await;
    assert_eq!(letters[1].subject, "Your backcare password was changed");
    assert!(app.inbox.letters(&nobody).await.is_empty());

    // A new link stops working after one hour of the app's clock.
    phone.post("/password/forgot", &[("email", &ann)]).await;
    let letters = app.inbox.wait_for(&ann, 3).await;
    let link = app.link(&letters[2], "/password/reset?token=");
    assert!(
        phone
            .get(&link)
            .await
            .body
            .contains("Choose a new password")
    );
    app.clock.advance(time::Duration::minutes(61));
    let late = phone.get(&link).await;
    assert!(
        late.body.contains("This link does not work"),
        "{}",
        late.body
    );

    // A password changed on the account page also sends a notice, in the language the
    // person last logged in with (Spanish here).
    assert_eq!(app.store.language(id).await.unwrap(), Some(Language::En));
    let mut me = app.client();
    me.accept_language = Some("es".into());
    assert_eq!(log_in(&mut me, &ann, new_password).await.status, 303);
    me.get("/account").await;
    let r = me
        .post(
            "/account/password",
            &[("current", new_password), ("new", "the third password")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let letters = app.inbox.wait_for(&ann, 4).await;
    assert_eq!(letters[3].subject, "Su contraseña de backcare ha cambiado");
    assert!(letters[3].html.contains("<p>"), "{}", letters[3].html);
    assert_eq!(app.store.language(id).await.unwrap(), Some(Language::Es));
}

/// More reset requests than the cap within an hour send only the cap's letters (the page
/// answers the same every time); once the hour has passed on the app's clock, one more
/// request sends one more letter.
async fn reset_letters_stop_at_the_cap_until_the_hour_has_passed(app: MailApp) {
    let cal = address("cal");
    let id = app.create_user(&cal, Some(Language::En)).await;
    let cap = usize::try_from(MAX_RESETS_PER_HOUR).unwrap();
    // A letter is only ever sent with a token made for it just before, so the tokens made
    // are the letters sent, counted without waiting on maildev.
    let since = app.clock.now() - time::Duration::days(1);
    let issued = || async {
        app.store
            .mail_tokens_since(id, MailPurpose::Reset, since)
            .await
            .unwrap()
    };
    let mut c = app.client();
    c.get("/password/forgot").await;
    let first = ask_for_reset(&mut c, &cal).await;
    for _ in 1..cap + 2 {
        assert_eq!(
            ask_for_reset(&mut c, &cal).await,
            first,
            "the same answer over the cap"
        );
    }
    assert_eq!(issued().await, MAX_RESETS_PER_HOUR);
    app.inbox.wait_for(&cal, cap).await;

    // Still within the hour: nothing more.
    app.clock.advance(time::Duration::minutes(59));
    assert_eq!(ask_for_reset(&mut c, &cal).await, first);
    assert_eq!(issued().await, MAX_RESETS_PER_HOUR, "59 minutes later");

    // After the hour: one more letter, the one whose link works now.
    app.clock.advance(time::Duration::minutes(2));
    ask_for_reset(&mut c, &cal).await;
    assert_eq!(issued().await, MAX_RESETS_PER_HOUR + 1, "61 minutes later");
    let letters = app.inbox.wait_for(&cal, cap + 1).await;
    assert_eq!(letters.len(), cap + 1, "{letters:?}");
    for (n, letter) in letters.iter().enumerate() {
        assert_eq!(letter.subject, "Choose a new password for backcare");
        let link = app.link(letter, "/password/reset?token=");
        let page = app.client().get(&link).await;
        let works = page.body.contains("Choose a new password");
        assert_eq!(
            works,
            n == cap,
            "letter {n} of {}: {}",
            letters.len(),
            page.body
        );
    }
}

/// Sends the forgot-password form for `email`; the page's body (always "check your email").
async fn ask_for_reset(c: &mut Client, email: &str) -> String {
    let r = c.post("/password/forgot", &[("email", email)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Check your email"), "{}", r.body);
    r.body
}

async fn sign_up_answers_the_same_and_the_email_says_the_rest(app: MailApp) {
    let bea = address("bea");
    let sign_up = |lang: &'static str| {
        let mut c = app.client();
        c.accept_language = Some(lang.into());
        let bea = bea.clone();
        async move {
            c.get("/signup").await;
            let r = c
                .post(
                    "/signup",
                    &[("email", &bea), ("password", PASSWORD), ("consent", "yes")],
                )
                .await;
            (c, r)
        }
    };
    // Without the privacy notice's box ticked nothing happens, with mail on too: the form
    // again with the message next to the box, no account and no letter.
    let mut c = app.client();
    c.get("/signup").await;
    let r = c
        .post("/signup", &[("email", &bea), ("password", PASSWORD)])
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains(r#"id="consent-error""#), "{}", r.body);
    let no_one = app.store.user_by_email(&Email::parse(&bea).unwrap()).await;
    assert!(
        matches!(no_one, Err(backcare_storage::Error::NotFound)),
        "{no_one:?}"
    );
    // Bea signs up in Spanish; then someone tries her email again, in English.
    let (_, first) = sign_up("es").await;
    let (_, second) = sign_up("en").await;
    for r in [&first, &second] {
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(r.location(), "/signup/sent");
        assert_eq!(
            r.set_cookie(auth::session_cookie_name(false)),
            None,
            "nobody is signed in by the answer"
        );
    }
    assert_eq!(
        (first.status, first.location(), &first.body),
        (second.status, second.location(), &second.body),
        "one answer whether or not the email is taken"
    );
    let sent = app.client().get("/signup/sent").await;
    assert_eq!(sent.status, 200);
    assert!(sent.body.contains("Check your email"), "{}", sent.body);

    // The letters say the rest, both in the account's language (Spanish).
    let letters = app.inbox.wait_for(&bea, 2).await;
    assert_eq!(letters.len(), 2, "{letters:?}");
    let verify = letters
        .iter()
        .find(|l| l.subject == "Confirme su email para backcare")
        .unwrap_or_else(|| panic!("{letters:?}"));
    let taken = letters
        .iter()
        .find(|l| l.subject == "Alguien intentó registrarse con su email")
        .unwrap_or_else(|| panic!("{letters:?}"));
    assert!(
        taken
            .text
            .contains(&format!("{}/password/forgot", app.base))
    );

    // The account works before the email is confirmed; the link confirms it, once.
    let user = app
        .store
        .user_by_email(&Email::parse(&bea).unwrap())
        .await
        .unwrap();
    assert_eq!(app.store.email_verified_at(user.id).await.unwrap(), None);
    // It keeps the agreement its sign-up form gave, once (the second try changed nothing).
    let consents = app.store.consents(user.id).await.unwrap();
    let versions: Vec<_> = consents.iter().map(|c| c.notice_version.as_str()).collect();
    assert_eq!(versions, [PRIVACY_NOTICE_VERSION]);
    assert_eq!(log_in(&mut app.client(), &bea, PASSWORD).await.status, 303);
    let link = app.link(verify, "/verify-email?token=");
    let mut c = app.client();
    let r = c.get(&link).await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("your email is confirmed"), "{}", r.body);
    assert!(
        app.store
            .email_verified_at(user.id)
            .await
            .unwrap()
            .is_some()
    );
    let r = c.get(&link).await;
    assert!(r.body.contains("This link does not work"), "{}", r.body);
}

async fn an_email_change_tells_the_old_address_and_asks_the_new_one(app: MailApp) {
    let old = address("change-old");
    let new = address("change-new");
    let id = app.create_user(&old, None).await;
    // Someone who uses the site in Spanish: the letters come in Spanish.
    let mut c = app.client();
    c.accept_language = Some("es".into());
    log_in(&mut c, &old, PASSWORD).await;
    let page = c.get("/account/email").await;
    assert!(page.body.contains("Enviaremos un enlace"), "{}", page.body);
    let r = c
        .post("/account/email", &[("email", &new), ("current", PASSWORD)])
        .await;
    assert_eq!(
        (r.status, r.location()),
        (303, "/account/email?changed=1"),
        "{}",
        r.body
    );
    assert!(
        c.get(r.location())
            .await
            .body
            .contains("Le enviamos un enlace")
    );
    // The old address hears of it, in the account's language, naming the new address.
    let told = app.inbox.wait_for(&old, 1).await;
    assert_eq!(
        told[0].subject,
        "Se cambió el correo de su cuenta de backcare"
    );
    assert!(told[0].text.contains(&new), "{}", told[0].text);
    // The new address gets a link that confirms it.
    let confirm = app.inbox.wait_for(&new, 1).await;
    assert_eq!(confirm[0].subject, "Confirme su nuevo correo para backcare");
    assert_eq!(app.store.email_verified_at(id).await.unwrap(), None);
    let link = app.link(&confirm[0], "/verify-email?token=");
    assert_eq!(c.get(&link).await.status, 200);
    assert!(app.store.email_verified_at(id).await.unwrap().is_some());
    // From now on the new address logs in, the old one does not.
    assert_eq!(
        log_in(&mut app.client(), &new, PASSWORD).await.location(),
        "/dashboard"
    );
    assert_eq!(log_in(&mut app.client(), &old, PASSWORD).await.status, 422);
}

async fn without_smtp_the_pages_point_to_an_administrator(app: TestApp) {
    let mut c = app.client();
    let login = c.get("/login").await;
    assert!(
        login.body.contains("href=\"/password/forgot\""),
        "{}",
        login.body
    );
    for lang in ["en", "es"] {
        c.accept_language = Some(lang.into());
        let r = c.get("/password/forgot").await;
        assert_eq!(r.status, 200);
        assert!(
            r.body.contains("backcare user reset-password"),
            "{lang}: {}",
            r.body
        );
        assert!(
            !r.body.contains("action=\"/password/forgot\""),
            "no form to fill in vain"
        );
    }
    let r = c
        .post("/password/forgot", &[("email", "ann@example.org")])
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("backcare user reset-password"));
}

/// Signing up from the check's result with mail on: the new account keeps the answers as
/// its intake draft; someone who then uses the same (taken) address gets the same answer
/// page, and their answers go nowhere, never into the owner's account.
async fn with_mail_on_the_check_answers_go_only_to_a_new_account(app: MailApp) {
    let answers = |age: i64| {
        let mut intake = backcare_core::Intake::default();
        let q = backcare_core::questions::find("age").unwrap();
        backcare_core::questions::apply(
            &mut intake,
            q,
            &backcare_core::questions::AnswerValue::Number(age),
        )
        .unwrap();
        backcare_core::record::encode_intake_draft(&intake)
            .unwrap()
            .to_string()
    };
    let cy = address("cy");
    for age in [52, 30] {
        let mut c = app.client();
        c.get("/check").await;
        let r = c
            .post(
                "/signup",
                &[
                    ("email", &cy),
                    ("password", PASSWORD),
                    ("consent", "yes"),
                    ("answers", &answers(age)),
                ],
            )
            .await;
        assert_eq!(
            (r.status, r.location()),
            (303, "/signup/sent"),
            "{}",
            r.body
        );
    }
    let owner = app
        .store
        .user_by_email(&Email::parse(&cy).unwrap())
        .await
        .unwrap();
    let draft = app
        .store
        .intake_draft(owner.id)
        .await
        .unwrap()
        .expect("kept");
    let intake = backcare_core::record::decode_intake_draft(&draft).unwrap();
    assert_eq!(
        intake.age.map(|a| a.get()),
        Some(52),
        "the first sign-up's answers, not the second's"
    );
}
