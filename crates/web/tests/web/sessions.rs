//! Where you are logged in (issue 12): the sessions page lists every live session of the
//! account, "log out everywhere else" ends the others and keeps this one, and a session
//! ends after idle time, by role (12 hours for clinicians, 3 days for patients), moved
//! through with the test clock.

use backcare_storage::Role;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::rt::TokioExecutor;
use time::Duration;

use crate::client::Client;
use crate::{PASSWORD, TestApp, log_in, sign_up};

on_both_backends!(
    two_log_ins_are_listed_and_the_other_one_ends,
    an_idle_session_ends_and_an_active_one_stays,
    patients_and_clinicians_have_their_own_idle_limits,
);

const FIREFOX_ON_WINDOWS: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0";

/// GETs `path` with the session `token` and a `User-Agent`, as a browser would (the test
/// client sends none); the status.
async fn get_as_browser(app: &TestApp, token: &str, path: &str, user_agent: &str) -> u16 {
    let request = hyper::Request::get(format!("{}{path}", app.base))
        .header(
            "cookie",
            format!("{}={token}", backcare_web::auth::session_cookie_name(false)),
        )
        .header("user-agent", user_agent)
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = Hyper::builder(TokioExecutor::new())
        .build_http()
        .request(request)
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    response.into_body().collect().await.unwrap();
    status
}

/// The sessions listed on the page (rows of its table).
fn rows(body: &str) -> usize {
    body.matches(r#"<th scope="row">"#).count()
}

/// Whether `c` is still logged in: its account page opens instead of sending it to log in.
async fn logged_in(c: &mut Client) -> bool {
    let r = c.get("/account").await;
    match r.status {
        200 => true,
        303 if r.location().starts_with("/login") => false,
        other => panic!("unexpected answer {other}: {}", r.body),
    }
}

fn time_passes(app: &TestApp, by: Duration) {
    assert!(app.clock.advance(by), "a test clock moves");
}

async fn two_log_ins_are_listed_and_the_other_one_ends(app: TestApp) {
    let email = "two-places@example.org";
    let mut phone = app.client();
    sign_up(&mut phone, email).await;
    let mut laptop = app.client();
    assert_eq!(log_in(&mut laptop, email, PASSWORD).await.status, 303);
    // The laptop's browser names its session; the raw header is not kept.
    let laptop_token = laptop.session().unwrap();
    assert_eq!(
        get_as_browser(&app, &laptop_token, "/dashboard", FIREFOX_ON_WINDOWS).await,
        200
    );

    // The account page links to the list.
    let account = phone.get("/account").await;
    assert!(account.body.contains(r#"href="/account/sessions""#));
    let page = phone.get("/account/sessions").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert_eq!(rows(body), 2, "{body}");
    assert!(body.contains("Firefox, Windows"), "{body}");
    assert!(
        !body.contains("Gecko") && !body.contains("127.0"),
        "only the label is shown"
    );
    // This one (no User-Agent) comes first, marked.
    let this = body.find("This device").expect("this device is marked");
    assert_eq!(body.matches("This device").count(), 1);
    assert!(body.find("Unknown device").unwrap() < this);
    assert!(this < body.find("Firefox, Windows").unwrap());
    assert!(body.contains("after 3 days without using backcare, and always after 14 days"));
    assert!(body.contains(r#"action="/account/sessions/others""#));

    // Times are in the person's time zone.
    phone
        .post("/account/time-zone", &[("zone", "+05:45")])
        .await;
    let body = phone.get("/account/sessions").await.body;
    assert!(body.contains("(UTC+05:45)"), "{body}");
    let started = app
        .clock
        .now()
        .to_offset(time::UtcOffset::from_hms(5, 45, 0).unwrap())
        .date()
        .to_string();
    assert!(body.contains(&format!("<td>{started} ")), "{body}");

    // Log out everywhere else: the laptop is logged out, the phone stays.
    let r = phone.post("/account/sessions/others", &[]).await;
    assert_eq!((r.status, r.location()), (303, "/account/sessions?ended=1"));
    let done = phone.get("/account/sessions?ended=1").await.body;
    assert!(
        done.contains("Done: every other device is logged out"),
        "{done}"
    );
    assert_eq!(rows(&done), 1);
    assert!(done.contains("No other device is logged in to your account."));
    assert!(!done.contains(r#"action="/account/sessions/others""#));
    assert!(!logged_in(&mut laptop).await, "the other session ended");
    assert!(logged_in(&mut phone).await, "this one stays");

    // In Spanish too.
    phone.get("/lang/es").await;
    let es = phone.get("/account/sessions").await.body;
    assert!(es.contains("Dónde tiene la sesión abierta"), "{es}");
    assert!(es.contains("tras 3 días sin usar backcare"), "{es}");
    assert!(es.contains("Este dispositivo"));
}

async fn an_idle_session_ends_and_an_active_one_stays(app: TestApp) {
    let email = "idle@example.org";
    let mut left = app.client();
    sign_up(&mut left, email).await;
    let mut used = app.client();
    log_in(&mut used, email, PASSWORD).await;
    // Two days on, one of them is used; a day and a minute later the other has been idle
    // for longer than a patient's three days, the used one for a day.
    time_passes(&app, Duration::days(2));
    assert!(logged_in(&mut used).await);
    time_passes(&app, Duration::days(1) + Duration::minutes(1));
    assert!(!logged_in(&mut left).await, "idle past the limit");
    assert!(logged_in(&mut used).await, "used within the limit");
    let page = used.get("/account/sessions").await;
    assert_eq!(rows(&page.body), 1, "the idle one is not listed");
    // The session that ended is refused for good, even after the other is used again.
    assert!(!logged_in(&mut left).await);
}

async fn patients_and_clinicians_have_their_own_idle_limits(app: TestApp) {
    let doc_email = "idle-doc@clinic.example";
    app.create_user(doc_email, Role::Clinician).await;
    let mut doc = app.client();
    assert_eq!(
        log_in(&mut doc, doc_email, PASSWORD).await.location(),
        "/clinician"
    );
    let mut pat = app.client();
    sign_up(&mut pat, "idle-pat@example.org").await;
    let body = doc.get("/account/sessions").await.body;
    assert!(
        body.contains("after 12 hours without using backcare, and always after 14 days"),
        "{body}"
    );

    // Almost twelve hours unused: both are still logged in (and have now been seen).
    time_passes(&app, Duration::hours(12) - Duration::minutes(1));
    assert!(logged_in(&mut doc).await);
    assert!(logged_in(&mut pat).await);
    // Twelve hours and a minute unused: the clinician is logged out, the patient is not.
    time_passes(&app, Duration::hours(12) + Duration::minutes(1));
    assert!(!logged_in(&mut doc).await, "a clinician's 12 hours are up");
    assert!(logged_in(&mut pat).await, "a patient has 3 days");
    // The clinician logs in again and carries on.
    log_in(&mut doc, doc_email, PASSWORD).await;
    assert_eq!(doc.get("/clinician").await.status, 200);
    // Three days and a minute unused: the patient is logged out too.
    time_passes(&app, Duration::days(3) + Duration::minutes(1));
    assert!(!logged_in(&mut pat).await, "a patient's 3 days are up");
}
