//! Privacy and consent in the browser: the privacy notice in both languages, and a patient
//! made without sign-up (`backcare user add`) who is asked to agree before the diary.
//!
//! Like every browser test it runs once, on SQLite (see `patient.rs`).

use backcare_storage::{Email, Role};
use backcare_web::auth;

use super::{Browser, PASSWORD};

browser_tests!(privacy_notice_from_the_footer, consent_before_the_diary);

/// The footer of every page links to the notice, which says who runs the server (here a
/// demo: the test server is started with the demo accounts).
async fn privacy_notice_from_the_footer(b: &mut Browser) {
    b.visit("/").await;
    b.expect_text("A demo server: do not put real health information in it")
        .await;
    b.click("Privacy").await;
    b.wait_for_path("/privacy").await;
    assert_eq!(b.h1().await, "Privacy notice");
    b.expect_text("This is a demo server.").await;
    b.check("01-privacy-en").await;
    b.use_language("es").await;
    b.visit("/privacy").await;
    assert_eq!(b.h1().await, "Aviso de privacidad");
    b.check("02-privacy-es").await;
}

/// A patient whose account an administrator made logs in and opens the diary: first the
/// consent page, whose box they tick, then the diary they asked for.
async fn consent_before_the_diary(b: &mut Browser) {
    let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
    let email = "made-by-admin@example.org";
    b.store
        .create_user(
            &Email::parse(email).unwrap(),
            &hash,
            Role::Patient,
            b.clock.now(),
        )
        .await
        .unwrap();
    b.log_in(email, PASSWORD).await;
    b.wait_for_path("/dashboard").await;
    b.visit("/diary").await;
    b.wait_for_path("/consent?next=%2Fdiary").await;
    assert_eq!(b.h1().await, "Before you go on");
    b.check("03-consent").await;
    b.click("Agree and go on").await;
    b.expect_text("Please tick this box.").await;
    b.check("04-consent-not-ticked").await;
    b.choose("consent").await;
    b.click("Agree and go on").await;
    b.wait_for_path("/diary").await;
    b.check("05-diary-after-consent").await;
}
