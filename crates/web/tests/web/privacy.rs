//! The patient's own data: the export and delete-account pages, and the log-in failure
//! count that a successful log-in clears.

use backcare_storage::{Email, Role};

use crate::{PASSWORD, TestApp, diary_fields, log_in, save_assessment, sign_up, user_id};

on_both_backends!(
    export_page_explains_and_links_to_a_dated_download,
    deleting_a_patient_leaves_no_row_and_ends_the_session,
    deleting_needs_the_password_and_the_box,
    deleting_a_clinician_keeps_the_patients_access_log,
    a_successful_log_in_clears_the_failures,
);

/// Every table's count of rows about this user, as `(table, rows)` pairs that are not zero.
async fn leftover_rows(app: &TestApp, id: backcare_storage::UserId, email: &str) -> Vec<String> {
    app.store
        .rows_for_user(id, &Email::parse(email).unwrap())
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.rows != 0)
        .map(|t| format!("{}: {}", t.table, t.rows))
        .collect()
}

async fn export_page_explains_and_links_to_a_dated_download(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "exp@example.org").await;
    let id = user_id(&app, "exp@example.org").await;
    let account = c.get("/account").await;
    assert!(account.body.contains(r#"<a href="/account/export">"#));
    assert!(
        account
            .body
            .contains(r#"<a class="danger-link" href="/account/delete">"#)
    );
    let page = c.get("/account/export").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Download a copy of your data"));
    assert!(page.body.contains("Your diary"), "patients see the diary");
    assert!(page.body.contains("Your password is not in the file"));
    let href = format!(r#"href="/api/users/{}/export" download"#, id.0);
    assert!(page.body.contains(&href), "{}", page.body);
    c.accept_language = Some("es".into());
    let es = c.get("/account/export").await;
    assert!(
        es.body.contains("Descargar mis datos (JSON)"),
        "{}",
        es.body
    );
    assert!(es.body.contains(&href));

    let today = app.clock.today(None).to_string();
    let r = c
        .post("/diary", &diary_fields(&today, "5", "no", "export me"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let before = time::OffsetDateTime::now_utc().date();
    let r = c.get(&format!("/api/users/{}/export", id.0)).await;
    let after = time::OffsetDateTime::now_utc().date();
    assert_eq!(r.status, 200);
    let disposition = r.header("content-disposition");
    assert!(
        [before, after]
            .iter()
            .any(|d| disposition == format!("attachment; filename=\"backcare-export-{d}.json\"")),
        "{disposition}"
    );
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["account"]["email"], "exp@example.org");
    assert_eq!(json["diary"][0]["notes"], "export me", "{json}");

    // Clinicians have the page too, with what their file holds.
    app.create_user("exp-doc@example.org", Role::Clinician)
        .await;
    let mut doc = app.client();
    log_in(&mut doc, "exp-doc@example.org", PASSWORD).await;
    let page = doc.get("/account/export").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Each time you opened a patient"));
    assert!(!page.body.contains("Your diary"));
}

async fn deleting_a_patient_leaves_no_row_and_ends_the_session(app: TestApp) {
    let email = "del@example.org";
    let mut c = app.client();
    sign_up(&mut c, email).await;
    let id = user_id(&app, email).await;
    // Data in every kind of table: diary, assessment, draft, link, access log, another
    // session, a failed log-in.
    let today = app.clock.today(None).to_string();
    let r = c
        .post("/diary", &diary_fields(&today, "5", "no", "gone soon"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    save_assessment(&app, id).await;
    c.get("/intake/2").await;
    c.post("/intake/2", &[("age", "40"), ("action", "next")])
        .await;
    let doc = app
        .create_user("del-doc@example.org", Role::Clinician)
        .await;
    app.link(id, doc).await;
    let mut dr = app.client();
    log_in(&mut dr, "del-doc@example.org", PASSWORD).await;
    assert_eq!(
        dr.get(&format!("/clinician/patients/{}", id.0))
            .await
            .status,
        200
    );
    let mut other_device = app.client();
    log_in(&mut other_device, email, PASSWORD).await;
    log_in(&mut app.client(), email, "not the password").await;
    let before = leftover_rows(&app, id, email).await;
    for table in [
        "assessments",
        "audit_log",
        "clinician_links",
        "diary_entries",
    ] {
        assert!(
            before.iter().any(|t| t.starts_with(table)),
            "{table}: {before:?}"
        );
    }

    let page = c.get("/account/delete").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("This cannot be undone"));
    assert!(
        page.body.contains(r#"href="/account/export""#),
        "export first"
    );
    assert!(page.body.contains(r#"<label for="password">"#));
    assert!(page.body.contains(r#"<label for="understand">"#));
    let token = c.session().unwrap();
    let r = c
        .post(
            "/account/delete",
            &[("password", PASSWORD), ("understand", "yes")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/account/deleted");
    assert!(c.session().is_none(), "the session cookie is deleted");
    let bye = c.get("/account/deleted").await;
    assert_eq!(bye.status, 200);
    assert!(bye.body.contains("Your account has been deleted"));
    assert!(
        bye.body.contains(r#"<a href="/login">"#),
        "shown signed out"
    );
    assert_eq!(leftover_rows(&app, id, email).await, Vec::<String>::new());
    // No session survives, on this device or another.
    c.set_session(&token);
    assert_eq!(c.get("/account").await.location(), "/login?next=%2Faccount");
    assert_eq!(
        other_device.get("/dashboard").await.location(),
        "/login?next=%2Fdashboard"
    );
    // The clinician no longer sees the patient.
    assert_eq!(
        dr.get(&format!("/clinician/patients/{}", id.0))
            .await
            .status,
        404
    );
    // The email is free again, and the new account starts empty.
    let mut again = app.client();
    let r = sign_up(&mut again, email).await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_ne!(user_id(&app, email).await, id);
    let diary = again.get("/diary").await;
    assert!(!diary.body.contains("gone soon"));
}

async fn deleting_needs_the_password_and_the_box(app: TestApp) {
    let email = "keep@example.org";
    let mut c = app.client();
    sign_up(&mut c, email).await;
    c.get("/account/delete").await;
    let r = c.post("/account/delete", &[]).await;
    assert_eq!(r.status, 422);
    assert!(
        r.body
            .contains(r#"<p class="error" id="password-error">Please enter your password.</p>"#),
        "{}",
        r.body
    );
    assert!(r.body.contains(r#"id="understand-error""#));
    assert!(r.body.contains(r#"aria-describedby="understand-error""#));
    let r = c
        .post(
            "/account/delete",
            &[("password", "not the password"), ("understand", "yes")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("This is not your current password"));
    assert!(!r.body.contains("not the password"), "never sent back");
    assert!(!r.body.contains(r#"id="understand-error""#));
    let r = c.post("/account/delete", &[("password", PASSWORD)]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Please tick this box"));
    c.accept_language = Some("es".into());
    let r = c
        .post(
            "/account/delete",
            &[("password", PASSWORD), ("understand", "")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Marque esta casilla"));
    // Nothing was deleted, and the person is still logged in.
    let id = user_id(&app, email).await;
    assert_eq!(c.get("/dashboard").await.status, 200);
    assert!(app.store.user(id).await.is_ok());
    // Wrong passwords count towards the log-in limit: the form cannot be used to guess.
    // (The right password above cleared the count, as a log-in does: five more are needed.)
    for _ in 0..5 {
        let r = c
            .post(
                "/account/delete",
                &[("password", "guess guess guess"), ("understand", "yes")],
            )
            .await;
        assert_eq!(r.status, 422);
    }
    let r = c
        .post(
            "/account/delete",
            &[("password", PASSWORD), ("understand", "yes")],
        )
        .await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(app.store.user(id).await.is_ok(), "still there");
}

async fn deleting_a_clinician_keeps_the_patients_access_log(app: TestApp) {
    let mut pat = app.client();
    sign_up(&mut pat, "kept@example.org").await;
    let patient = user_id(&app, "kept@example.org").await;
    let doc_email = "leaving-doc@example.org";
    let doc = app.create_user(doc_email, Role::Clinician).await;
    app.link(patient, doc).await;
    let mut dr = app.client();
    log_in(&mut dr, doc_email, PASSWORD).await;
    dr.get(&format!("/clinician/patients/{}", patient.0)).await;
    let page = dr.get("/account/delete").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("each patient keeps the list"),
        "{}",
        page.body
    );
    let r = dr
        .post(
            "/account/delete",
            &[("password", PASSWORD), ("understand", "yes")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/account/deleted");
    assert_eq!(
        leftover_rows(&app, doc, doc_email).await,
        Vec::<String>::new()
    );
    let log = app.store.access_log(patient).await.unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].clinician_id, None);
    assert_eq!(log[0].clinician_email, doc_email);
    assert!(
        app.store
            .linked_clinicians(patient)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(pat.get("/dashboard").await.status, 200, "the patient stays");
}

async fn a_successful_log_in_clears_the_failures(app: TestApp) {
    let email = "typo@example.org";
    sign_up(&mut app.client(), email).await;
    let mut c = app.client();
    let since = time::OffsetDateTime::now_utc() - time::Duration::hours(1);
    let parsed = Email::parse(email).unwrap();
    for _ in 0..4 {
        assert_eq!(log_in(&mut c, email, "wrong password!").await.status, 422);
    }
    assert_eq!(
        app.store.failed_logins_since(&parsed, since).await.unwrap(),
        4
    );
    assert_eq!(log_in(&mut c, email, PASSWORD).await.status, 303);
    assert_eq!(
        app.store.failed_logins_since(&parsed, since).await.unwrap(),
        0,
        "a success clears the count"
    );
    // Four more mistakes (eight in 15 minutes) still leave the right password working.
    let mut d = app.client();
    for _ in 0..4 {
        assert_eq!(log_in(&mut d, email, "wrong password!").await.status, 422);
    }
    assert_eq!(log_in(&mut d, email, PASSWORD).await.status, 303);
    // The limit itself still holds: five in a row refuse this address.
    let mut e = app.client();
    for _ in 0..5 {
        log_in(&mut e, email, "wrong password!").await;
    }
    assert_eq!(log_in(&mut e, email, PASSWORD).await.status, 429);
}
