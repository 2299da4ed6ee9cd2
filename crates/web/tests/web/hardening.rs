//! Security hardening (issue 12, section 1): `next` never leaves the site, the CSRF token is
//! bound to the session and renewed at log-in, POSTs from other sites are refused, NUL
//! characters and diary days before the account are refused, on both databases.

use backcare_web::{auth, csrf};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::rt::TokioExecutor;

use crate::{PASSWORD, TestApp, diary_fields, log_in, sign_up, user_id};

on_both_backends!(
    next_never_leaves_the_site,
    a_token_from_another_session_is_refused,
    the_token_is_renewed_at_log_in_and_log_out,
    posts_from_other_sites_are_refused,
    a_nul_character_is_refused_in_every_form,
    diary_days_before_the_account_are_refused,
);

/// `next` as the query or form hands it over (decoded once), none of them on this site:
/// each would send the visitor elsewhere, or break the redirect, if followed.
const NOT_LOCAL: &[&str] = &[
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/%0a/evil.example",
    "/account\r\nSet-Cookie: x=1",
    "/account%0D%0ASet-Cookie:%20x=1",
    "//evil.example",
    "/%2F/evil.example",
    "%2F%2Fevil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/ evil",
    "/\0",
];

async fn next_never_leaves_the_site(app: TestApp) {
    sign_up(&mut app.client(), "next@example.org").await;
    let mut c = app.client();
    // The language switch: a good path is kept, everything else goes home.
    let r = c.get("/lang/en?next=%2Faccount%3Fzone%3D1").await;
    assert_eq!((r.status, r.location()), (303, "/account?zone=1"));
    // The one from the security test, as the attacker wrote it.
    let r = c.get("/lang/en?next=%2F%09%2Fevil.example").await;
    assert_eq!((r.status, r.location()), (303, "/"));
    for raw in NOT_LOCAL {
        let query = serde_urlencoded::to_string([("next", raw)]).unwrap();
        let r = c.get(&format!("/lang/es?{query}")).await;
        assert_eq!((r.status, r.location()), (303, "/"), "/lang {raw:?}");
        // The log-in page drops it from its form...
        let r = c.get(&format!("/login?{query}")).await;
        assert_eq!(r.status, 200, "/login {raw:?}");
        assert!(
            r.body.contains(r#"name="next" value="""#),
            "/login {raw:?}: {}",
            r.body
        );
        // ...and a log-in that sends it anyway goes to the start page.
        let mut d = app.client();
        d.get("/login").await;
        let r = d
            .post(
                "/login",
                &[
                    ("email", "next@example.org"),
                    ("password", PASSWORD),
                    ("next", raw),
                ],
            )
            .await;
        // (A NUL character is refused in any form, before `next` is read.)
        let want = if raw.contains('\0') {
            (400, "")
        } else {
            (303, "/dashboard")
        };
        assert_eq!((r.status, r.location()), want, "POST /login {raw:?}");
    }
    // Percent-encoded twice in the query: refused after decoding too.
    let r = c.get("/lang/en?next=%2F%252F%252Fevil.example").await;
    assert_eq!(r.location(), "/");
    let r = c.get("/lang/en?next=%2F%250A").await;
    assert_eq!((r.status, r.location()), (303, "/"));
    // A good `next` still brings the visitor back after logging in.
    let mut e = app.client();
    let r = e.get("/login?next=%2Fdiary").await;
    assert!(r.body.contains(r#"name="next" value="/diary""#));
    let r = e
        .post(
            "/login",
            &[
                ("email", "next@example.org"),
                ("password", PASSWORD),
                ("next", "/diary"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/diary");
}

/// A POST with full control of the headers and the cookie jar (the test client sends
/// neither `Origin` nor `Sec-Fetch-Site`). `cookies` are `(name, value)` pairs.
async fn raw_post(
    app: &TestApp,
    path: &str,
    cookies: &[(&str, &str)],
    headers: &[(&str, &str)],
    fields: &[(&str, &str)],
) -> (u16, String) {
    let jar: Vec<String> = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut request = hyper::Request::builder()
        .method("POST")
        .uri(format!("{}{path}", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", jar.join("; "));
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let body = serde_urlencoded::to_string(fields).unwrap();
    let request = request.body(Full::new(Bytes::from(body))).unwrap();
    let http: Hyper<_, Full<Bytes>> = Hyper::builder(TokioExecutor::new()).build_http();
    let response = http.request(request).await.expect("the server answers");
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

const SESSION: &str = "backcare_session";
const CSRF: &str = "backcare_csrf";

async fn a_token_from_another_session_is_refused(app: TestApp) {
    assert_eq!(auth::session_cookie_name(false), SESSION);
    assert_eq!(csrf::cookie_name(false), CSRF);
    let mut ann = app.client();
    sign_up(&mut ann, "ann-csrf@example.org").await;
    let mut bob = app.client();
    sign_up(&mut bob, "bob-csrf@example.org").await;
    let (ann_session, bob_token) = (ann.session().unwrap(), bob.csrf());
    assert_ne!(ann.csrf(), bob_token);
    // The page's hidden field holds the session's token.
    let page = ann.get("/account").await;
    assert!(
        page.body
            .contains(&format!(r#"name="csrf" value="{}""#, ann.csrf()))
    );
    // Bob's token in Ann's form, in the field or the header: refused with a plain page.
    let r = ann
        .post_raw("/logout", &format!("csrf={bob_token}"), None)
        .await;
    assert_eq!(r.status, 403);
    assert!(r.body.contains("This form has expired"), "{}", r.body);
    let r = ann.post_raw("/logout", "", Some(&bob_token)).await;
    assert_eq!(r.status, 403);
    // Even when Bob's token is also planted in Ann's cookie (double submit alone would
    // pass): the token must be the session's.
    let (status, body) = raw_post(
        &app,
        "/logout",
        &[(SESSION, &ann_session), (CSRF, &bob_token)],
        &[],
        &[("csrf", &bob_token)],
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(ann.get("/account").await.status, 200, "Ann is still in");
    assert_eq!(bob.get("/account").await.status, 200, "and so is Bob");
    // Her own token works, whatever her CSRF cookie holds.
    let own = ann.csrf();
    let (status, _) = raw_post(
        &app,
        "/account/time-zone",
        &[(SESSION, &ann_session), (CSRF, &bob_token)],
        &[],
        &[("csrf", &own), ("zone", "+01:00")],
    )
    .await;
    assert_eq!(status, 303);
    // Anonymous forms: another visitor's pre-session token is refused too.
    let mut carl = app.client();
    carl.get("/login").await;
    let mut dana = app.client();
    dana.get("/login").await;
    let r = carl
        .post_raw(
            "/login",
            &format!(
                "csrf={}&email=ann-csrf%40example.org&password=x",
                dana.csrf()
            ),
            None,
        )
        .await;
    assert_eq!(r.status, 403);
}

async fn the_token_is_renewed_at_log_in_and_log_out(app: TestApp) {
    sign_up(&mut app.client(), "renew@example.org").await;
    let mut c = app.client();
    let page = c.get("/login").await;
    let before = c.csrf();
    assert!(page.body.contains(&format!(r#"value="{before}""#)));
    let r = log_in(&mut c, "renew@example.org", PASSWORD).await;
    assert_eq!(r.status, 303);
    assert!(
        r.set_cookie(CSRF).is_some(),
        "the log-in answer sets the new token"
    );
    let after = c.csrf();
    assert_ne!(after, before, "renewed at log-in");
    // The anonymous token no longer counts once signed in.
    let r = c.post_raw("/logout", &format!("csrf={before}"), None).await;
    assert_eq!(r.status, 403);
    // Logging in again elsewhere gives another session, with another token.
    let mut other = app.client();
    log_in(&mut other, "renew@example.org", PASSWORD).await;
    assert_ne!(other.csrf(), after);
    assert_eq!(c.post("/logout", &[]).await.status, 303);
    let anonymous = c.csrf();
    assert_ne!(anonymous, after, "renewed at log-out");
    c.get("/login").await;
    let r = c
        .post_raw(
            "/login",
            &format!("csrf={after}&email=renew%40example.org&password=x"),
            None,
        )
        .await;
    assert_eq!(r.status, 403, "the ended session's token is refused");
    assert_eq!(
        log_in(&mut c, "renew@example.org", PASSWORD).await.status,
        303
    );
}

async fn posts_from_other_sites_are_refused(app: TestApp) {
    let mut ann = app.client();
    sign_up(&mut ann, "origin@example.org").await;
    ann.get("/account").await;
    let (session, token) = (ann.session().unwrap(), ann.csrf());
    let jar = [(SESSION, session.as_str()), (CSRF, token.as_str())];
    let here = app.base.replace("http://", "");
    let this_site = app.base.clone();
    let zone = [("csrf", token.as_str()), ("zone", "+02:00")];
    // With the right token, a form from another site is still refused.
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "http://evil.example")],
        vec![("origin", "null")],
        vec![("sec-fetch-site", "cross-site")],
        vec![("sec-fetch-site", "same-site")],
        vec![
            ("sec-fetch-site", "cross-site"),
            ("origin", this_site.as_str()),
        ],
    ] {
        let (status, body) = raw_post(&app, "/account/time-zone", &jar, &headers, &zone).await;
        assert_eq!(status, 403, "{headers:?}");
        assert!(
            body.contains("This form was sent from another website"),
            "{headers:?}: {body}"
        );
    }
    let (status, body) = raw_post(
        &app,
        "/login",
        &[(CSRF, &token)],
        &[
            ("origin", "https://evil.example"),
            ("accept-language", "es"),
        ],
        &[("csrf", &token)],
    )
    .await;
    assert_eq!(status, 403);
    assert!(body.contains("se envió desde otro sitio web"), "{body}");
    assert_eq!(ann.get("/account").await.status, 200, "still signed in");
    // From this site: accepted.
    for headers in [
        vec![("origin", this_site.as_str())],
        vec![("sec-fetch-site", "same-origin")],
        vec![("sec-fetch-site", "none")],
        vec![
            ("sec-fetch-site", "same-origin"),
            ("origin", this_site.as_str()),
        ],
        // A proxy in front that names itself in `Host`.
        vec![
            ("host", "127.0.0.1:1"),
            ("x-forwarded-host", here.as_str()),
            ("origin", this_site.as_str()),
        ],
        // Neither header: a program, not a browser; the token alone decides.
        vec![],
    ] {
        let (status, body) = raw_post(&app, "/account/time-zone", &jar, &headers, &zone).await;
        assert_eq!(status, 303, "{headers:?}: {body}");
    }
    // And without the right token, this site's headers do not help.
    let (status, _) = raw_post(
        &app,
        "/account/time-zone",
        &jar,
        &[("sec-fetch-site", "same-origin")],
        &[("csrf", &"0".repeat(64)), ("zone", "+02:00")],
    )
    .await;
    assert_eq!(status, 403);
}

async fn a_nul_character_is_refused_in_every_form(app: TestApp) {
    let mut anon = app.client();
    anon.get("/signup").await;
    let r = anon
        .post(
            "/signup",
            &[("email", "nul\0@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("hidden character"), "{}", r.body);
    let mut ann = app.client();
    sign_up(&mut ann, "nul@example.org").await;
    let r = log_in(&mut app.client(), "nul@example.org", "a long\0password").await;
    assert_eq!(r.status, 400);
    ann.get("/diary").await;
    let today = app.clock.today(None).to_string();
    let r = ann
        .post("/diary", &diary_fields(&today, "3", "no", "fine\0then"))
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("hidden character"));
    ann.accept_language = Some("es".into());
    let r = ann
        .post("/diary", &diary_fields(&today, "3", "no", "\0"))
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("carácter oculto"), "{}", r.body);
    let id = user_id(&app, "nul@example.org").await;
    let from = time::Date::from_calendar_date(1900, time::Month::January, 1).unwrap();
    let to = time::Date::from_calendar_date(3000, time::Month::January, 1).unwrap();
    assert!(app.store.diary(id, from, to).await.unwrap().is_empty());
    // Other control characters are ordinary text, and the same entry without the NUL saves.
    let r = ann
        .post("/diary", &diary_fields(&today, "3", "no", "fine\tthen"))
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(app.store.diary(id, from, to).await.unwrap().len(), 1);
}

async fn diary_days_before_the_account_are_refused(app: TestApp) {
    let mut ann = app.client();
    sign_up(&mut ann, "early@example.org").await;
    let id = user_id(&app, "early@example.org").await;
    // The server's zone is UTC in the tests: the account's first day is its UTC date.
    let made = app.store.user(id).await.unwrap().created_at.date();
    ann.get("/diary").await;
    let before = (made - time::Duration::days(1)).to_string();
    for day in ["1900-01-01", "1999-12-31", before.as_str()] {
        let r = ann
            .post("/diary", &diary_fields(day, "3", "no", "long ago"))
            .await;
        assert_eq!(r.status, 422, "{day}: {}", r.body);
        assert!(
            r.body.contains(&format!(
                "This date is before you made your account. Your diary starts on {made}."
            )),
            "{day}: {}",
            r.body
        );
        assert!(r.body.contains(&format!(r#"value="{day}""#)), "kept");
    }
    ann.accept_language = Some("es".into());
    let r = ann
        .post("/diary", &diary_fields("1900-01-01", "3", "no", ""))
        .await;
    assert!(
        r.body
            .contains("Esta fecha es anterior a la creación de su cuenta"),
        "{}",
        r.body
    );
    let far = time::Date::from_calendar_date(1, time::Month::January, 1).unwrap();
    let to = time::Date::from_calendar_date(3000, time::Month::January, 1).unwrap();
    assert!(app.store.diary(id, far, to).await.unwrap().is_empty());
    // The day the account was made is the first day the diary holds.
    let r = ann
        .post("/diary", &diary_fields(&made.to_string(), "3", "no", ""))
        .await;
    assert_eq!(r.status, 303, "{made}: {}", r.body);
    // The limit follows the account, not today (a new session: the old one has expired).
    app.clock.advance(time::Duration::days(400));
    let mut later = app.client();
    log_in(&mut later, "early@example.org", PASSWORD).await;
    later.get("/diary").await;
    for (day, status) in [(before.as_str(), 422), (&made.to_string()[..], 303)] {
        let r = later
            .post("/diary", &diary_fields(day, "4", "no", ""))
            .await;
        assert_eq!(r.status, status, "{day}: {}", r.body);
    }
}
