//! Two-factor sign-in over HTTP, on both databases: a clinician's forced set-up, codes and
//! recovery codes that work once, the limit on wrong codes, a patient turning it on and off.

use backcare_storage::{Email, Role};
use backcare_web::infra::two_factor::{MAX_CODE_FAILURES, RECOVERY_CODES, code_at};
use time::Duration;

use crate::client::{Client, Resp};
use crate::{PASSWORD, TWO_FACTOR_SECRET, TestApp, log_in};

on_both_backends!(
    a_clinician_sets_up_the_second_step_before_any_session,
    codes_and_recovery_codes_work_once,
    wrong_codes_send_the_person_back_to_the_password,
    a_patient_turns_it_on_and_off,
);

/// Email and password right: the answer sends to the second step, with no session.
async fn password_step(c: &mut Client, email: &str, next: &str) {
    c.get(&format!("/login?next={next}")).await;
    let r = c
        .post(
            "/login",
            &[("email", email), ("password", PASSWORD), ("next", next)],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (303, "/login/two-factor"),
        "{}",
        r.body
    );
    assert_eq!(c.session(), None, "no session before the second step");
}

/// The secret as the set-up page shows it, in groups of four.
fn secret_on(page: &Resp) -> String {
    let marker = "<code class=\"secret\">";
    let start = page.body.find(marker).expect("the secret is shown") + marker.len();
    let end = start + page.body[start..].find("</code>").unwrap();
    page.body[start..end].replace(' ', "")
}

/// The recovery codes on the page shown after set-up.
fn recovery_codes_on(page: &Resp) -> Vec<String> {
    page.body
        .split("<li><code>")
        .skip(1)
        .map(|s| s[..s.find("</code>").unwrap()].to_owned())
        .collect()
}

async fn a_clinician_sets_up_the_second_step_before_any_session(app: TestApp) {
    app.create_user_without_two_factor("new-doc@example.org", Role::Clinician)
        .await;
    let mut c = app.client();
    password_step(&mut c, "new-doc@example.org", "/clinician").await;
    // Without the second step, nothing of a clinician's is reachable.
    assert_eq!(
        c.get("/clinician").await.location(),
        "/login?next=%2Fclinician"
    );
    let setup = c.get("/login/two-factor").await;
    assert_eq!(setup.status, 200);
    assert!(setup.body.contains("<svg"), "a QR code: {}", setup.body);
    assert!(setup.body.contains("Get an authenticator app"));
    let secret = secret_on(&setup);
    assert_eq!(secret.len(), 32, "{secret}");
    // The page shown again during set-up keeps the same secret.
    assert_eq!(secret_on(&c.get("/login/two-factor").await), secret);
    // A wrong code: the set-up again, with a message.
    let r = c.post("/login/two-factor", &[("code", "000000")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("That code did not work"), "{}", r.body);
    assert!(r.body.contains("aria-invalid=\"true\""));
    assert_eq!(secret_on(&r), secret);
    // The right code: the recovery codes, once, and the session starts.
    let code = code_at(&secret, app.clock.now()).unwrap();
    let done = c.post("/login/two-factor", &[("code", &code)]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let codes = recovery_codes_on(&done);
    assert_eq!(codes.len(), RECOVERY_CODES, "{}", done.body);
    assert!(
        done.body.contains("href=\"/clinician\""),
        "continue goes to `next`"
    );
    assert!(c.session().is_some());
    assert_eq!(c.get("/clinician").await.status, 200);
    let page = c.get("/account/two-factor").await;
    assert!(page.body.contains("It is on."), "{}", page.body);
    assert!(page.body.contains("Recovery codes you have not used: 10"));
    assert!(
        !page.body.contains(&secret),
        "the secret is never shown again"
    );
    assert!(!page.body.contains("Turn off"), "clinicians keep it on");
    // Nor can a clinician turn it off by posting the form anyway.
    let code = code_at(&secret, app.clock.now() + Duration::seconds(30)).unwrap();
    let r = c
        .post("/account/two-factor", &[("action", "off"), ("code", &code)])
        .await;
    assert_eq!(r.status, 403);
    let doc = Email::parse("new-doc@example.org").unwrap();
    let doc = app.store.user_by_email(&doc).await.unwrap().id;
    let factor = app.store.two_factor(doc).await.unwrap().unwrap();
    assert!(factor.confirmed_at.is_some());
    // No half-done sign-in: the second step's page sends back to the log-in form.
    let mut stranger = app.client();
    let r = stranger.get("/login/two-factor").await;
    assert!(r.body.contains("This sign-in step has ended"), "{}", r.body);
    assert!(r.body.contains("href=\"/login\""));
    let r = stranger
        .post("/login/two-factor", &[("code", "123456")])
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(stranger.session(), None);
    // The Spanish page.
    let mut es = app.client();
    es.accept_language = Some("es".into());
    password_step(&mut es, "new-doc@example.org", "/clinician").await;
    let page = es.get("/login/two-factor").await;
    assert!(
        page.body.contains("Compruebe que es usted"),
        "{}",
        page.body
    );
}

async fn codes_and_recovery_codes_work_once(app: TestApp) {
    let doc = app.create_user("doc2@example.org", Role::Clinician).await;
    let codes = ["abcde-fghjk", "mnpqr-stuvw"];
    let hashes: Vec<_> = codes
        .iter()
        .map(|c| backcare_web::infra::two_factor::recovery_hash(c).unwrap())
        .collect();
    // Give the clinician two known recovery codes (set-up makes random ones).
    app.store.delete_two_factor(doc).await.unwrap();
    let now = app.clock.now();
    app.store
        .start_two_factor(doc, TWO_FACTOR_SECRET, now)
        .await
        .unwrap();
    app.store
        .confirm_two_factor(doc, 0, &hashes, now)
        .await
        .unwrap();

    let mut c = app.client();
    password_step(&mut c, "doc2@example.org", "").await;
    let page = c.get("/login/two-factor").await;
    assert!(page.body.contains("Check it is you"), "{}", page.body);
    assert!(!page.body.contains("<svg"), "no set-up once it is on");
    // A recovery code, typed loosely, works once.
    let r = c
        .post("/login/two-factor", &[("code", " ABCDE FGHJK ")])
        .await;
    assert_eq!((r.status, r.location()), (303, "/clinician"), "{}", r.body);
    assert!(c.session().is_some());
    let mut again = app.client();
    password_step(&mut again, "doc2@example.org", "").await;
    let r = again
        .post("/login/two-factor", &[("code", "abcde-fghjk")])
        .await;
    assert_eq!(r.status, 422, "a used recovery code");
    // The app's code works, and the same code a second time does not.
    let code = code_at(TWO_FACTOR_SECRET, app.clock.now()).unwrap();
    let r = again.post("/login/two-factor", &[("code", &code)]).await;
    assert_eq!((r.status, r.location()), (303, "/clinician"));
    let mut third = app.client();
    password_step(&mut third, "doc2@example.org", "").await;
    let r = third.post("/login/two-factor", &[("code", &code)]).await;
    assert_eq!(r.status, 422, "a code used once is refused");
    // The next code works; the old one still does not.
    app.clock.advance(Duration::seconds(30));
    let next = code_at(TWO_FACTOR_SECRET, app.clock.now()).unwrap();
    let r = third.post("/login/two-factor", &[("code", &next)]).await;
    assert_eq!(r.location(), "/clinician");
    let page = third.get("/account/two-factor").await;
    assert!(
        page.body.contains("Recovery codes you have not used: 1"),
        "{}",
        page.body
    );
    // A half-done sign-in expires.
    let mut slow = app.client();
    password_step(&mut slow, "doc2@example.org", "").await;
    app.clock.advance(Duration::minutes(11));
    let code = code_at(TWO_FACTOR_SECRET, app.clock.now()).unwrap();
    let r = slow.post("/login/two-factor", &[("code", &code)]).await;
    assert!(r.body.contains("This sign-in step has ended"), "{}", r.body);
    assert_eq!(slow.session(), None);
}

async fn wrong_codes_send_the_person_back_to_the_password(app: TestApp) {
    app.create_user("doc3@example.org", Role::Clinician).await;
    let mut c = app.client();
    password_step(&mut c, "doc3@example.org", "").await;
    for n in 1..MAX_CODE_FAILURES {
        let r = c.post("/login/two-factor", &[("code", "111111")]).await;
        assert_eq!(r.status, 422, "wrong code {n}");
    }
    let r = c.post("/login/two-factor", &[("code", "not a code")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Please sign in again"), "{}", r.body);
    // Even the right code does nothing now: the password comes first again.
    let code = code_at(TWO_FACTOR_SECRET, app.clock.now()).unwrap();
    let r = c.post("/login/two-factor", &[("code", &code)]).await;
    assert!(r.body.contains("This sign-in step has ended"), "{}", r.body);
    assert_eq!(c.session(), None);
    // Starting again works.
    let r = log_in(&mut c, "doc3@example.org", PASSWORD).await;
    assert_eq!(r.location(), "/clinician");
}

async fn a_patient_turns_it_on_and_off(app: TestApp) {
    let mut c = app.client();
    crate::sign_up(&mut c, "pat2fa@example.org").await;
    let page = c.get("/account/two-factor").await;
    assert!(page.body.contains("It is off."), "{}", page.body);
    assert!(
        c.get("/account")
            .await
            .body
            .contains("href=\"/account/two-factor\"")
    );
    let r = c.post("/account/two-factor", &[("action", "start")]).await;
    assert_eq!(r.location(), "/account/two-factor");
    let setup = c.get("/account/two-factor").await;
    assert!(setup.body.contains("<svg"), "{}", setup.body);
    let secret = secret_on(&setup);
    let r = c
        .post(
            "/account/two-factor",
            &[("action", "confirm"), ("code", "123")],
        )
        .await;
    assert_eq!(r.status, 422);
    let code = code_at(&secret, app.clock.now()).unwrap();
    let done = c
        .post(
            "/account/two-factor",
            &[("action", "confirm"), ("code", &code)],
        )
        .await;
    assert_eq!(done.status, 200);
    let codes = recovery_codes_on(&done);
    assert_eq!(codes.len(), RECOVERY_CODES);
    // Signing in now takes the second step; a recovery code from the page works.
    c.post("/logout", &[]).await;
    c.get("/login").await;
    let r = c
        .post(
            "/login",
            &[("email", "pat2fa@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.location(), "/login/two-factor");
    let r = c.post("/login/two-factor", &[("code", &codes[3])]).await;
    assert_eq!(r.location(), "/dashboard");
    // Turning it off takes a code from the app.
    let r = c
        .post(
            "/account/two-factor",
            &[("action", "off"), ("code", "000000")],
        )
        .await;
    assert_eq!(r.status, 422);
    app.clock.advance(Duration::seconds(30));
    let code = code_at(&secret, app.clock.now()).unwrap();
    let r = c
        .post("/account/two-factor", &[("action", "off"), ("code", &code)])
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body.contains("The second step is now off"), "{}", r.body);
    c.post("/logout", &[]).await;
    let r = log_in(&mut c, "pat2fa@example.org", PASSWORD).await;
    assert_eq!(r.location(), "/dashboard", "the password alone again");
}
