//! The account journeys that go through real emails: signing up with a confirmed email, and
//! choosing a new password after forgetting it, in English and in Spanish (the language
//! chosen first, as the switch in the menu does). The server sends its letters to maildev
//! (`browser_tests!(with_mail: ...)`); the journeys read them through maildev's web API
//! (`b.inbox()`, shared with `mail.rs`) and open their links in the browser.
//!
//! Like every browser test they run once, on SQLite; `mail.rs` runs the same letters and
//! links over HTTP on both backends. Without maildev they FAIL, unless
//! `BACKCARE_SKIP_MAIL=1` (or `BACKCARE_SKIP_BROWSER=1`) asks to skip them.

use backcare_storage::{Email, Role};
use backcare_web::auth;

use super::{Browser, PASSWORD};
use crate::mail::address;

browser_tests!(
    with_mail:
    sign_up_with_email_confirmation_in_english,
    sign_up_with_email_confirmation_in_spanish,
    forgot_password_in_english,
    forgot_password_in_spanish,
);

/// The words a person reads and clicks on the way, in one language (from the Fluent files,
/// so a changed wording fails here and is looked at).
struct Words {
    lang: &'static str,
    signup_title: &'static str,
    email: &'static str,
    password: &'static str,
    create_account: &'static str,
    check_email: &'static str,
    verify_subject: &'static str,
    verified: &'static str,
    log_in: &'static str,
    login_failed: &'static str,
    dashboard_title: &'static str,
    link_bad: &'static str,
    verify_bad: &'static str,
    forgot: &'static str,
    send_link: &'static str,
    reset_subject: &'static str,
    reset_title: &'static str,
    new_password: &'static str,
    save_password: &'static str,
    password_short: &'static str,
    reset_done: &'static str,
    changed_subject: &'static str,
    reset_bad: &'static str,
}

const ENGLISH: Words = Words {
    lang: "en",
    signup_title: "Create your account",
    email: "Email address",
    password: "Password",
    create_account: "Create account",
    check_email: "Check your email",
    verify_subject: "Confirm your email for backcare",
    verified: "Thank you: your email is confirmed",
    log_in: "Log in",
    login_failed: "The email or password is not right. Please try again.",
    dashboard_title: "My page",
    link_bad: "This link does not work",
    verify_bad: "The link has been used already, or it is too old (a link to confirm your \
                 email works for two days).",
    forgot: "Forgot your password?",
    send_link: "Send me a link",
    reset_subject: "Choose a new password for backcare",
    reset_title: "Choose a new password",
    new_password: "New password (at least 10 characters)",
    save_password: "Save my new password",
    password_short: "Your password needs at least 10 characters.",
    reset_done: "Your password has been changed",
    changed_subject: "Your backcare password was changed",
    reset_bad: "The link has been used already, or it is too old (a link to choose a new \
                password works for one hour). You can ask for a new one.",
};

const SPANISH: Words = Words {
    lang: "es",
    signup_title: "Cree su cuenta",
    email: "Correo electrónico",
    password: "Contraseña",
    create_account: "Crear cuenta",
    check_email: "Mire su email",
    verify_subject: "Confirme su email para backcare",
    verified: "Gracias: su email está confirmado",
    log_in: "Entrar",
    login_failed: "El correo o la contraseña no son correctos. Inténtelo de nuevo.",
    dashboard_title: "Mi página",
    link_bad: "Este enlace no funciona",
    verify_bad: "El enlace ya se usó o es demasiado antiguo (un enlace para confirmar su \
                 email sirve durante dos días).",
    forgot: "¿Olvidó su contraseña?",
    send_link: "Enviarme un enlace",
    reset_subject: "Elija una contraseña nueva para backcare",
    reset_title: "Elija una contraseña nueva",
    new_password: "Contraseña nueva (al menos 10 caracteres)",
    save_password: "Guardar mi contraseña nueva",
    password_short: "Su contraseña necesita al menos 10 caracteres.",
    reset_done: "Su contraseña ha cambiado",
    changed_subject: "Su contraseña de backcare ha cambiado",
    reset_bad: "El enlace ya se usó o es demasiado antiguo (un enlace para elegir una \
                contraseña nueva sirve durante una hora). Puede pedir otro.",
};

async fn sign_up_with_email_confirmation_in_english(b: &mut Browser) {
    sign_up_with_email_confirmation(b, &ENGLISH).await;
}

async fn sign_up_with_email_confirmation_in_spanish(b: &mut Browser) {
    sign_up_with_email_confirmation(b, &SPANISH).await;
}

async fn forgot_password_in_english(b: &mut Browser) {
    forgot_password(b, &ENGLISH).await;
}

async fn forgot_password_in_spanish(b: &mut Browser) {
    forgot_password(b, &SPANISH).await;
}

/// The screenshot's name: `NN-what-LANG`.
fn shot(w: &Words, n: u8, what: &str) -> String {
    format!("{n:02}-{what}-{}", w.lang)
}

/// A new patient signs up, is told to check their email, opens the link in the letter,
/// sees the confirmation and logs in. The used link then says it no longer works.
async fn sign_up_with_email_confirmation(b: &mut Browser, w: &Words) {
    let email = address(&format!("browser-signup-{}", w.lang));
    b.use_language(w.lang).await;
    b.visit("/signup").await;
    expect_h1(b, w.signup_title).await;
    b.check(&shot(w, 1, "signup")).await;
    b.fill(w.email, &email).await;
    b.fill(w.password, PASSWORD).await;
    tick_consent_if_asked(b).await;
    b.click(w.create_account).await;
    b.wait_for_path("/signup/sent").await;
    expect_h1(b, w.check_email).await;
    b.check(&shot(w, 2, "signup-sent")).await;

    // The letter, in the page's language, with the link to confirm.
    let letters = b.inbox().wait_for(&email, 1).await;
    assert_eq!(letters.len(), 1, "{letters:?}");
    assert_eq!(letters[0].subject, w.verify_subject);
    assert!(
        letters[0].html.contains(&format!("lang=\"{}\"", w.lang)),
        "{}",
        letters[0].html
    );
    let link = letters[0].link(&b.base, "/verify-email?token=");
    let user = b
        .store
        .user_by_email(&Email::parse(&email).unwrap())
        .await
        .unwrap();
    assert_eq!(b.store.email_verified_at(user.id).await.unwrap(), None);

    b.visit(&link).await;
    expect_h1(b, w.verified).await;
    b.check(&shot(w, 3, "email-confirmed")).await;
    assert!(
        b.store.email_verified_at(user.id).await.unwrap().is_some(),
        "the link confirmed the email"
    );

    // On into the app, from the link on the page.
    b.click_css("main a[href='/login']").await;
    b.wait_for_path("/login").await;
    expect_h1(b, w.log_in).await;
    b.check(&shot(w, 4, "login")).await;
    b.fill(w.email, &email).await;
    b.fill(w.password, PASSWORD).await;
    b.click(w.log_in).await;
    b.wait_for_path("/dashboard").await;
    expect_h1(b, w.dashboard_title).await;
    b.expect_text(&email).await;
    b.check(&shot(w, 5, "dashboard")).await;

    // The link works once.
    b.log_out().await;
    b.visit(&link).await;
    expect_h1(b, w.link_bad).await;
    b.expect_text(w.verify_bad).await;
    b.check(&shot(w, 6, "confirm-link-used")).await;
}

/// Waits until the page's `<h1>` reads `text`. A form that answers on its own path (the
/// forgot-password form, say) gives no new path to wait for, and the old page's heading
/// can still be there when the click returns.
async fn expect_h1(b: &Browser, text: &str) {
    b.wait_until(
        &format!(
            "const h = document.querySelector('h1'); \
             return !!h && h.textContent.trim() === {text:?}"
        ),
        &format!("the heading {text:?}"),
    )
    .await;
}

/// Ticks the sign-up form's consent checkbox (`name="consent"`), by its label, when the
/// form has one.
async fn tick_consent_if_asked(b: &Browser) {
    let id = b
        .js("const c = document.querySelector(\"form[action='/signup'] \
             input[type=checkbox][name=consent]\"); return c ? c.id : null")
        .await;
    match id.as_str() {
        Some("") => panic!("the consent checkbox has no id, so no label can belong to it"),
        Some(id) => b.choose(id).await,
        None => {}
    }
}

/// A patient who forgot their password asks for a link from the log-in page, opens it,
/// chooses a new password (a short one first, refused) and logs in with it; the old one
/// no longer works, and the used link says so.
async fn forgot_password(b: &mut Browser, w: &Words) {
    let email = address(&format!("browser-forgot-{}", w.lang));
    // An account that has never logged in, so no language is kept with it yet: its letters
    // come in the language of the page that asks for them.
    let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
    b.store
        .create_user(
            &Email::parse(&email).unwrap(),
            &hash,
            Role::Patient,
            b.clock.now(),
        )
        .await
        .unwrap();
    let new_password = "a new password for my back";

    b.use_language(w.lang).await;
    b.visit("/login").await;
    b.check(&shot(w, 1, "login")).await;
    b.click(w.forgot).await;
    b.wait_for_path("/password/forgot").await;
    expect_h1(b, w.forgot).await;
    b.check(&shot(w, 2, "forgot")).await;
    b.fill(w.email, &email).await;
    b.click(w.send_link).await;
    b.wait_for_path("/password/forgot").await;
    expect_h1(b, w.check_email).await;
    b.check(&shot(w, 3, "forgot-sent")).await;

    let letters = b.inbox().wait_for(&email, 1).await;
    assert_eq!(letters[0].subject, w.reset_subject);
    let link = letters[0].link(&b.base, "/password/reset?token=");
    b.visit(&link).await;
    expect_h1(b, w.reset_title).await;
    b.check(&shot(w, 4, "reset")).await;
    b.fill(w.new_password, "too short").await;
    b.click(w.save_password).await;
    b.expect_text(w.password_short).await;
    b.check(&shot(w, 5, "reset-too-short")).await;
    b.fill(w.new_password, new_password).await;
    b.click(w.save_password).await;
    b.wait_for_path("/password/reset/done").await;
    expect_h1(b, w.reset_done).await;
    b.check(&shot(w, 6, "reset-done")).await;

    // The old password is refused; the new one works.
    b.click_css("main a[href='/login']").await;
    b.wait_for_path("/login").await;
    b.fill(w.email, &email).await;
    b.fill(w.password, PASSWORD).await;
    b.click(w.log_in).await;
    b.expect_text(w.login_failed).await;
    b.check(&shot(w, 7, "old-password-refused")).await;
    b.fill(w.password, new_password).await;
    b.click(w.log_in).await;
    b.wait_for_path("/dashboard").await;
    expect_h1(b, w.dashboard_title).await;
    b.check(&shot(w, 8, "dashboard")).await;
    let letters = b.inbox().wait_for(&email, 2).await;
    assert_eq!(letters[1].subject, w.changed_subject);

    // The used link shows the plain page that says so, and offers a new one.
    b.log_out().await;
    b.visit(&link).await;
    expect_h1(b, w.link_bad).await;
    b.expect_text(w.reset_bad).await;
    b.check(&shot(w, 9, "reset-link-used")).await;
}
