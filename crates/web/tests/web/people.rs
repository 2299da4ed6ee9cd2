//! Who is who: names and dates of birth at sign-up and on the details page, professions for
//! clinicians, and bad input refused in plain words with nothing saved.

use backcare_storage::{Email, Profession, Profile, Role};

use crate::{PASSWORD, TestApp, log_in, user_id};

on_both_backends!(
    sign_up_keeps_an_optional_name_and_date_of_birth,
    the_details_page_saves_clears_and_refuses_in_plain_words,
);

async fn sign_up_keeps_an_optional_name_and_date_of_birth(app: TestApp) {
    let mut c = app.client();
    let form = c.get("/signup").await;
    assert!(
        form.body
            .contains(r#"<label for="name">Your name <span class="hint">(optional)"#)
    );
    assert!(form.body.contains(r#"name="birth_date" type="date""#));
    let form = |name: &'static str, birth_date: &'static str| {
        [
            ("email", "dob@example.org"),
            ("password", PASSWORD),
            ("consent", "yes"),
            ("name", name),
            ("birth_date", birth_date),
        ]
    };
    // A date of birth that is not one: the form again, no account made.
    let r = c.post("/signup", &form("Dana Ortiz", "14/06/1981")).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(
        r.body
            .contains("as year, month and day, for example 1975-03-14")
    );
    assert!(
        r.body.contains(r#"value="Dana Ortiz""#),
        "what was typed stays"
    );
    assert!(r.body.contains(r#"value="dob@example.org""#));
    let dob = Email::parse("dob@example.org").unwrap();
    assert!(app.store.user_by_email(&dob).await.is_err(), "no account");
    let r = c
        .post("/signup", &form(" Dana  Ortiz ", "1981-06-14"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let id = user_id(&app, "dob@example.org").await;
    let profile = app.store.profile(id).await.unwrap();
    assert_eq!(profile.name.unwrap().as_str(), "Dana Ortiz");
    assert_eq!(profile.birth_date.unwrap().to_string(), "1981-06-14");
    // Both are optional: without them, no profile at all.
    let mut c = app.client();
    crate::sign_up(&mut c, "plain@example.org").await;
    let id = user_id(&app, "plain@example.org").await;
    assert_eq!(app.store.profile(id).await.unwrap(), Profile::default());
}

async fn the_details_page_saves_clears_and_refuses_in_plain_words(app: TestApp) {
    let mut c = app.client();
    crate::sign_up(&mut c, "details@example.org").await;
    let id = user_id(&app, "details@example.org").await;
    let page = c.get("/account").await;
    assert!(
        page.body
            .contains(r#"<a href="/account/details">Your name and date of birth</a>"#)
    );
    let page = c.get("/account/details").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("only shown to the clinicians you share your record with")
    );
    assert!(
        !page.body.contains(r#"name="profession""#),
        "not asked of patients"
    );

    let r = c
        .post(
            "/account/details",
            &[("name", "Lee Park"), ("birth_date", "1990-12-31")],
        )
        .await;
    assert_eq!((r.status, r.location()), (303, "/account/details?saved=1"));
    let page = c.get("/account/details?saved=1").await;
    assert!(page.body.contains("Your details have been saved."));
    assert!(
        page.body.contains(r#"value="Lee Park""#) && page.body.contains(r#"value="1990-12-31""#)
    );

    // Too long, in the future, not a date: each said next to its field; nothing changes.
    let long = "L".repeat(81);
    let tomorrow = (app.clock.now().date() + time::Duration::days(1)).to_string();
    for (name, birth, message) in [
        (
            long.as_str(),
            "1990-12-31",
            "Please type a name of up to 80 letters.",
        ),
        (
            "Lee Park",
            tomorrow.as_str(),
            "A date of birth cannot be after today.",
        ),
        ("Lee Park", "1990-02-30", "for example 1975-03-14"),
        (
            "Lee\u{7}Park",
            "1990-12-31",
            "Please type a name of up to 80 letters.",
        ),
    ] {
        let r = c
            .post("/account/details", &[("name", name), ("birth_date", birth)])
            .await;
        assert_eq!(r.status, 422, "{name:?} {birth:?}");
        assert!(r.body.contains(message), "{message}: {}", r.body);
        assert!(r.body.contains(r#"aria-invalid="true""#));
    }
    c.get("/lang/es").await;
    let r = c
        .post(
            "/account/details",
            &[("name", ""), ("birth_date", &tomorrow)],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("no puede ser posterior a hoy"),
        "{}",
        r.body
    );
    c.get("/lang/en").await;
    let kept = app.store.profile(id).await.unwrap();
    assert_eq!(kept.name.as_ref().unwrap().as_str(), "Lee Park");
    assert_eq!(kept.birth_date.unwrap().to_string(), "1990-12-31");

    // Empty fields clear what was said.
    let r = c
        .post("/account/details", &[("name", " "), ("birth_date", "")])
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(app.store.profile(id).await.unwrap(), Profile::default());

    // A clinician gives a name and a profession; a profession not in the list is refused.
    let doc = app
        .create_user("details-doc@clinic.example", Role::Clinician)
        .await;
    let mut d = app.client();
    log_in(&mut d, "details-doc@clinic.example", PASSWORD).await;
    let page = d.get("/account/details").await;
    for p in Profession::ALL {
        assert!(page.body.contains(&format!(r#"value="{}""#, p.as_str())));
    }
    let r = d
        .post(
            "/account/details",
            &[("name", "Kim Doe"), ("profession", "surgeon")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains("Please choose one of the answers in the list.")
    );
    let r = d
        .post(
            "/account/details",
            &[("name", "Kim Doe"), ("profession", "gp")],
        )
        .await;
    assert_eq!(r.status, 303);
    let profile = app.store.profile(doc).await.unwrap();
    assert_eq!(profile.profession, Some(Profession::Gp));
    assert!(
        d.get("/account/details")
            .await
            .body
            .contains(r#"value="gp" checked"#)
    );
}
