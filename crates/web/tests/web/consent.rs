//! Privacy and consent (issue 12): sign-up asks for the agreement to the privacy notice and
//! keeps it with its date and the notice's version; the footer and the notice name who runs
//! the server; a patient made without sign-up is asked before any health data is stored;
//! deleting the account withdraws the consent.

use backcare_storage::{Email, Role, UserId};
use backcare_web::infra::privacy::PRIVACY_NOTICE_VERSION;
use backcare_web::{Config, Operator};

use crate::client::Client;
use crate::{PASSWORD, TestApp, diary_fields, log_in, sign_up, user_id};

on_both_backends!(
    sign_up_without_the_box_is_refused_and_creates_nothing,
    sign_up_keeps_the_consent_with_its_date_and_version,
    the_footer_and_the_notice_name_the_operator,
    without_an_operator_the_notice_says_nobody_gave_a_name,
    a_patient_made_without_sign_up_is_asked_before_intake,
    deleting_the_account_withdraws_the_consent,
);

/// A visitor of another server on the app's database and clock, run by `operator` (or,
/// without one, a demo when `demo`).
async fn server_run_by(app: &mut TestApp, operator: Option<Operator>, demo: bool) -> Client {
    let config = Config {
        operator,
        demo,
        ..crate::test_config(&app.database_url, false)
    };
    let (base, _, tx) = crate::start_config(config, app.clock.clone()).await;
    app.shutdown.push(tx);
    Client::new(&base, false)
}

async fn sign_up_without_the_box_is_refused_and_creates_nothing(app: TestApp) {
    let mut c = app.client();
    let form = c.get("/signup").await;
    assert_eq!(form.status, 200);
    // The notice in short, with a link to the whole of it, and a box nobody has ticked.
    assert!(
        form.body
            .contains("We keep your answers, results and diary to give you advice"),
        "{}",
        form.body
    );
    assert!(
        form.body
            .contains(r#"<a href="/privacy">Read the privacy notice</a>"#)
    );
    let box_html = r#"<input id="consent" name="consent" type="checkbox" value="yes" required aria-describedby="consent-notice">"#;
    assert!(form.body.contains(box_html), "unticked: {}", form.body);
    assert!(
        form.body
            .contains("I agree that backcare stores my health information as the notice says")
    );

    for (consent, what) in [(None, "no box"), (Some("no"), "another value")] {
        let mut fields = vec![("email", "ivy@example.org"), ("password", PASSWORD)];
        fields.extend(consent.map(|v| ("consent", v)));
        let r = c.post("/signup", &fields).await;
        assert_eq!(r.status, 422, "{what}: {}", r.body);
        assert!(r.body.contains(r#"<p class="error" id="consent-error">Please tick this box. We can only keep your health information if you agree.</p>"#), "{what}: {}", r.body);
        assert!(
            r.body
                .contains(r#"aria-invalid="true" aria-describedby="consent-notice consent-error""#),
            "the message belongs to the box: {}",
            r.body
        );
        assert!(
            r.body.contains(r#"value="ivy@example.org""#),
            "the email is kept"
        );
        assert!(c.session().is_none(), "nobody is signed in");
    }
    let nobody = app
        .store
        .user_by_email(&Email::parse("ivy@example.org").unwrap())
        .await;
    assert!(
        matches!(nobody, Err(backcare_storage::Error::NotFound)),
        "no account: {nobody:?}"
    );

    // A box ticked with another mistake stays ticked; in Spanish the message is too.
    c.accept_language = Some("es".into());
    let r = c
        .post(
            "/signup",
            &[("email", "ivy"), ("password", PASSWORD), ("consent", "yes")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains(r#"required checked aria-describedby="consent-notice""#)
    );
    assert!(!r.body.contains(r#"id="consent-error""#), "{}", r.body);
    let r = c
        .post(
            "/signup",
            &[("email", "ivy@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Marque esta casilla"), "{}", r.body);
    assert!(
        r.body
            .contains("Acepto que backcare guarde mi información de salud")
    );
}

async fn sign_up_keeps_the_consent_with_its_date_and_version(app: TestApp) {
    let mut c = app.client();
    let before = app.clock.now().unix_timestamp();
    let r = sign_up(&mut c, "jo@example.org").await;
    let after = app.clock.now().unix_timestamp();
    assert_eq!(r.status, 303, "{}", r.body);
    let id = user_id(&app, "jo@example.org").await;
    let consents = app.store.consents(id).await.unwrap();
    let [consent] = &consents[..] else {
        panic!("one consent: {consents:?}")
    };
    assert_eq!(consent.notice_version, PRIVACY_NOTICE_VERSION);
    let at = consent.agreed_at.unix_timestamp();
    assert!(
        (before..=after).contains(&at),
        "{before} <= {at} <= {after}"
    );

    // Signed up with the box, the patient goes straight to the questions.
    assert_eq!(c.get("/intake/1").await.status, 200);
    // The download holds it: the version and the date.
    let r = c.get(&format!("/api/users/{}/export", id.0)).await;
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(
        json["consents"][0]["notice_version"],
        PRIVACY_NOTICE_VERSION
    );
    let agreed = json["consents"][0]["agreed_at"].as_str().unwrap();
    let agreed =
        time::OffsetDateTime::parse(agreed, &time::format_description::well_known::Rfc3339)
            .unwrap();
    assert_eq!(agreed, consent.agreed_at);
    let page = c.get("/account/export").await;
    assert!(page.body.contains("When you agreed to the privacy notice"));
}

async fn the_footer_and_the_notice_name_the_operator(mut app: TestApp) {
    let operator = Operator::new("Riverside Physio & Co", "privacy@riverside.example").unwrap();
    let mut c = server_run_by(&mut app, Some(operator), false).await;
    let footer = r#"<p class="run-by">Run by Riverside Physio &#38; Co · <a href="/privacy">Privacy</a></p>"#;
    for path in ["/", "/signup", "/login", "/search", "/no/such/page"] {
        let r = c.get(path).await;
        assert!(r.body.contains(footer), "{path}: {}", r.body);
    }
    let notice = c.get("/privacy").await;
    assert_eq!(notice.status, 200);
    for text in [
        "Privacy notice",
        "This backcare server is run by Riverside Physio &#38; Co.",
        "contact them: privacy@riverside.example",
        &format!("Version of this notice: {PRIVACY_NOTICE_VERSION}"),
        "Your answers to the questions, your results and plans, and your diary.",
        "only if you give them a share code",
        "Until you delete your account.",
        r#"<a href="/account/export">Download my data</a>"#,
        r#"<a href="/account/delete">Delete my account</a>"#,
        "It does not diagnose",
    ] {
        assert!(notice.body.contains(text), "{text}: {}", notice.body);
    }
    // Sign-up names them too, and so does every page once signed in, in Spanish as well.
    assert!(
        c.get("/signup")
            .await
            .body
            .contains("Run by Riverside Physio &#38; Co. We keep your answers")
    );
    c.get("/signup").await;
    c.post(
        "/signup",
        &[
            ("email", "kim@example.org"),
            ("password", PASSWORD),
            ("consent", "yes"),
        ],
    )
    .await;
    assert!(c.get("/dashboard").await.body.contains(footer));
    c.accept_language = Some("es".into());
    let es = c.get("/privacy").await;
    assert!(es.body.contains("Gestionado por Riverside Physio &#38; Co"));
    assert!(es.body.contains("escríbales: privacy@riverside.example"));
    assert!(
        es.body
            .contains(&format!("Versión de este aviso: {PRIVACY_NOTICE_VERSION}"))
    );
}

async fn without_an_operator_the_notice_says_nobody_gave_a_name(mut app: TestApp) {
    let mut c = app.client();
    let home = c.get("/").await;
    assert!(
        home.body.contains(
            "The person running this server has not given their name · <a href=\"/privacy\">"
        ),
        "{}",
        home.body
    );
    let notice = c.get("/privacy").await;
    assert!(
        notice
            .body
            .contains("ask whoever gave you this address who runs it"),
        "{}",
        notice.body
    );
    assert!(!notice.body.contains("run by"), "no name is made up");
    // A demo says it is one.
    let mut demo = server_run_by(&mut app, None, true).await;
    assert!(
        demo.get("/")
            .await
            .body
            .contains("A demo server: do not put real health information in it")
    );
    assert!(
        demo.get("/privacy")
            .await
            .body
            .contains("This is a demo server. Nobody runs it as a service")
    );
}

async fn a_patient_made_without_sign_up_is_asked_before_intake(app: TestApp) {
    // An account made with `backcare user add`: no consent yet.
    let id = app.create_user("lou@example.org", Role::Patient).await;
    let mut c = app.client();
    assert_eq!(
        log_in(&mut c, "lou@example.org", PASSWORD).await.location(),
        "/dashboard"
    );
    assert_eq!(c.get("/dashboard").await.status, 200);
    // Every page that stores health data sends them to agree first, and comes back.
    for path in ["/intake/1", "/diary", "/reassess/odi"] {
        let r = c.get(path).await;
        assert_eq!(r.status, 303, "{path}");
        let back = serde_urlencoded::to_string([("next", path)]).unwrap();
        assert_eq!(r.location(), format!("/consent?{back}"), "{path}");
    }
    // A form sent anyway stores nothing (a day the diary would take).
    let today = app.clock.today(None).to_string();
    let r = c
        .post("/diary", &diary_fields(&today, "5", "no", "not yet"))
        .await;
    assert_eq!(r.status, 303);
    assert!(r.location().starts_with("/consent?"));
    assert_eq!(diary_rows(&app, id).await, 0);
    let r = c.post("/intake/1", &[("bladder_change", "no")]).await;
    assert!(r.location().starts_with("/consent?"), "{}", r.location());
    assert!(app.store.intake_draft(id).await.unwrap().is_none());

    // The consent page: the notice in short and the box; without it, nothing.
    let page = c.get("/consent?next=%2Fintake%2F1").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Before you go on"), "{}", page.body);
    assert!(page.body.contains(r#"<a href="/privacy">"#));
    assert!(page.body.contains(r#"name="next" value="/intake/1""#));
    let r = c.post("/consent", &[("next", "/intake/1")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains(r#"id="consent-error""#));
    assert_eq!(app.store.consents(id).await.unwrap(), []);
    // With it: kept with the version and the date, and on to the questions.
    let r = c
        .post("/consent", &[("consent", "yes"), ("next", "/intake/1")])
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/intake/1");
    let consents = app.store.consents(id).await.unwrap();
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].notice_version, PRIVACY_NOTICE_VERSION);
    assert_eq!(c.get("/intake/1").await.status, 200);
    assert_eq!(c.get("/diary").await.status, 200);
    // Asked once: the page now says when, and goes on; only ever to a path on this site.
    let page = c.get("/consent?next=%2Fdiary").await;
    assert_eq!(page.status, 200);
    let day = consents[0].agreed_at.date();
    assert!(
        page.body
            .contains(&format!("You agreed to this privacy notice on {day}.")),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(r#"<a class="button" href="/diary">Go on</a>"#)
    );
    assert!(
        !page.body.contains(r#"id="consent""#),
        "no box to tick again"
    );
    let r = c
        .post(
            "/consent",
            &[("consent", "yes"), ("next", "//evil.example")],
        )
        .await;
    assert_eq!(r.location(), "/dashboard");
    assert_eq!(
        app.store.consents(id).await.unwrap(),
        consents,
        "the first date stays"
    );

    // Clinicians keep no health data of their own: never asked, and no consent page.
    let doc = app.create_user("doc-c@example.org", Role::Clinician).await;
    let mut d = app.client();
    assert_eq!(
        log_in(&mut d, "doc-c@example.org", PASSWORD)
            .await
            .location(),
        "/clinician"
    );
    assert_eq!(d.get("/clinician").await.status, 200);
    assert_eq!(d.get("/consent").await.status, 403);
    assert_eq!(app.store.consents(doc).await.unwrap(), []);
}

/// How many diary days the user has.
async fn diary_rows(app: &TestApp, id: UserId) -> usize {
    app.store.export_user(id).await.unwrap().diary.len()
}

async fn deleting_the_account_withdraws_the_consent(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "max@example.org").await;
    let id = user_id(&app, "max@example.org").await;
    assert_eq!(app.store.consents(id).await.unwrap().len(), 1);
    let page = c.get("/account/delete").await;
    assert!(
        page.body
            .contains("Deleting your account also takes back your agreement"),
        "{}",
        page.body
    );
    let r = c
        .post(
            "/account/delete",
            &[("password", PASSWORD), ("understand", "yes")],
        )
        .await;
    assert_eq!(r.location(), "/account/deleted");
    assert_eq!(app.store.consents(id).await.unwrap(), []);
}
