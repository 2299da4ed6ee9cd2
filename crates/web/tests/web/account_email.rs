//! Changing the account's email without a mail server: the current password is needed, a
//! taken or unchanged address is refused next to its field, and the new address logs in.
//! (With a mail server, `mail.rs` checks the letters to both addresses.)

use backcare_storage::Email;

use crate::{PASSWORD, TestApp, log_in, sign_up};

on_both_backends!(the_email_changes_with_the_password);

async fn the_email_changes_with_the_password(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "first@example.org").await;
    sign_up(&mut app.client(), "taken@example.org").await;
    let page = c.get("/account").await;
    assert!(
        page.body.contains("href=\"/account/email\""),
        "{}",
        page.body
    );
    let page = c.get("/account/email").await;
    assert_eq!(page.status, 200);
    assert!(
        !page.body.contains("We will send a link"),
        "no mail: {}",
        page.body
    );
    for (email, current, field, message) in [
        (
            "second@example.org",
            "not my password",
            "current",
            "This is not your current password.",
        ),
        (
            "taken@example.org",
            PASSWORD,
            "email",
            "There is already an account with this email.",
        ),
        (
            "First@Example.org",
            PASSWORD,
            "email",
            "This is already your email address.",
        ),
        (
            "not an email",
            PASSWORD,
            "email",
            "This does not look like an email address.",
        ),
    ] {
        let r = c
            .post("/account/email", &[("email", email), ("current", current)])
            .await;
        assert_eq!(r.status, 422, "{email}: {}", r.body);
        assert!(r.body.contains(message), "{email}: {}", r.body);
        assert!(
            r.body.contains(&format!("id=\"{field}-error\"")),
            "{email}: the message is next to {field}"
        );
        assert!(
            !r.body.contains("not my password") && !r.body.contains(PASSWORD),
            "a password typed is never shown again"
        );
    }
    let r = c
        .post(
            "/account/email",
            &[("email", "second@example.org"), ("current", PASSWORD)],
        )
        .await;
    assert_eq!(r.location(), "/account/email?changed=1");
    let page = c.get(r.location()).await;
    assert!(
        page.body.contains("Your email address was changed"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("second@example.org"),
        "signed in as the new address"
    );
    let second = Email::parse("second@example.org").unwrap();
    assert!(app.store.user_by_email(&second).await.is_ok());
    assert_eq!(
        log_in(&mut app.client(), "second@example.org", PASSWORD)
            .await
            .location(),
        "/dashboard"
    );
    assert_eq!(
        log_in(&mut app.client(), "first@example.org", PASSWORD)
            .await
            .status,
        422
    );
}
