//! A clinician's two-factor sign-in in the browser, in English and in Spanish: the set-up
//! that the first sign-in requires (QR code, key as text, first code), the recovery codes
//! shown once, then signing in again with a code from the app and with a recovery code.
//! axe checks every page.
//!
//! Like every browser test it runs once, on SQLite (see `patient.rs`).

use backcare_storage::{Email, Role};
use backcare_web::auth;
use backcare_web::infra::two_factor::code_at;
use fantoccini::Locator;
use time::Duration;

use super::{Browser, PASSWORD};

browser_tests!(
    clinician_two_factor_in_english,
    clinician_two_factor_in_spanish
);

/// The words of the journey in one language.
struct Words {
    lang: &'static str,
    title: &'static str,
    setup: &'static str,
    codes_title: &'static str,
    panel: &'static str,
    wrong: &'static str,
}

const EN: Words = Words {
    lang: "en",
    title: "Check it is you",
    setup: "Clinician accounts need a second step",
    codes_title: "Your recovery codes",
    panel: "My patients",
    wrong: "That code did not work",
};

const ES: Words = Words {
    lang: "es",
    title: "Compruebe que es usted",
    setup: "Las cuentas de profesionales necesitan un segundo paso",
    codes_title: "Sus códigos de recuperación",
    panel: "Mis pacientes",
    wrong: "Ese código no sirvió",
};

async fn clinician_two_factor_in_english(b: &mut Browser) {
    journey(b, &EN, "dr-2fa-en@example.org").await;
}

async fn clinician_two_factor_in_spanish(b: &mut Browser) {
    journey(b, &ES, "dr-2fa-es@example.org").await;
}

async fn journey(b: &mut Browser, w: &Words, email: &str) {
    // A clinician account made by an administrator, with no second step yet.
    let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
    b.store
        .create_user(
            &Email::parse(email).unwrap(),
            &hash,
            Role::Clinician,
            b.clock.now(),
        )
        .await
        .unwrap();
    b.use_language(w.lang).await;
    let n = |step: &str| format!("2fa-{}-{step}", w.lang);

    // The password is right: the set-up comes before any page of the clinic.
    b.visit("/login").await;
    b.fill("email", email).await;
    b.fill("password", PASSWORD).await;
    b.click_css("form[action='/login'] [type=submit]").await;
    b.wait_for_path("/login/two-factor").await;
    assert_eq!(b.h1().await, w.title);
    b.expect_text(w.setup).await;
    let qr = b
        .js("const q = document.querySelector('figure.qr [role=img]'); \
             return [q.getAttribute('aria-label'), !!q.querySelector('svg'), \
                     q.querySelector('svg').getBoundingClientRect().width]")
        .await;
    assert!(qr[0].as_str().is_some_and(|alt| alt.len() > 20), "{qr}");
    assert_eq!(qr[1], true, "the QR code is an inline SVG: {qr}");
    assert!(qr[2].as_f64().unwrap() >= 150.0, "big enough to scan: {qr}");
    b.check(&n("01-setup")).await;
    let secret = b
        .client
        .find(Locator::Css("code.secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace(' ', "");

    // A mistyped code: the form again, the field marked, the message read out.
    b.fill("code", "123 456").await;
    b.click_css("form[action='/login/two-factor'] [type=submit]")
        .await;
    b.expect_text(w.wrong).await;
    assert_eq!(
        b.js("return document.getElementById('code').getAttribute('aria-invalid')")
            .await,
        "true"
    );
    b.check(&n("02-wrong-code")).await;

    // The code the app shows: the recovery codes, once, then the panel.
    b.fill("code", &code_at(&secret, b.clock.now()).unwrap())
        .await;
    b.click_css("form[action='/login/two-factor'] [type=submit]")
        .await;
    b.expect_text(w.codes_title).await;
    let codes = b
        .js("return [...document.querySelectorAll('.recovery-codes code')].map(c => c.textContent)")
        .await;
    let codes: Vec<String> = codes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "{codes:?}");
    b.check(&n("03-recovery-codes")).await;
    b.click_css("main a.button").await;
    b.wait_for_path("/clinician").await;
    assert_eq!(b.h1().await, w.panel);

    // Next time: a code from the app, on the short form (no set-up, no QR code).
    b.log_out().await;
    b.clock.advance(Duration::seconds(30));
    b.visit("/login").await;
    b.fill("email", email).await;
    b.fill("password", PASSWORD).await;
    b.click_css("form[action='/login'] [type=submit]").await;
    b.wait_for_path("/login/two-factor").await;
    assert!(!b.text().await.contains(w.setup));
    assert_eq!(
        b.js("return document.querySelector('figure.qr')").await,
        serde_json::Value::Null
    );
    b.check(&n("04-code")).await;
    b.fill("code", &code_at(&secret, b.clock.now()).unwrap())
        .await;
    b.click_css("form[action='/login/two-factor'] [type=submit]")
        .await;
    b.wait_for_path("/clinician").await;

    // A lost phone: a recovery code, typed in capitals, works once.
    b.log_out().await;
    b.visit("/login").await;
    b.fill("email", email).await;
    b.fill("password", PASSWORD).await;
    b.click_css("form[action='/login'] [type=submit]").await;
    b.wait_for_path("/login/two-factor").await;
    b.fill("code", &codes[0].to_uppercase()).await;
    b.click_css("form[action='/login/two-factor'] [type=submit]")
        .await;
    b.wait_for_path("/clinician").await;
    b.visit("/account/two-factor").await;
    b.expect_text("9").await;
    b.check(&n("05-account")).await;
    // The other pages about signing in, checked the same way.
    b.visit("/account/sessions").await;
    b.check(&n("06-sessions")).await;
    b.visit("/account/email").await;
    b.check(&n("07-email")).await;
}
