//! The server's clock and the patient's own date: "today" is the date where the patient
//! said they live (account page), not the server's UTC date, and tests move the clock
//! forward instead of writing back-dated rows.

use time::{Duration, OffsetDateTime, Time};

use crate::{TestApp, sign_up};

on_both_backends!(
    today_is_the_date_in_the_patients_time_zone,
    a_time_zone_not_in_the_list_is_refused,
);

/// Moves the server's clock to the next 23:00 UTC, when it is already tomorrow at UTC+14
/// and still today at UTC-05.
fn to_late_evening(app: &TestApp) -> OffsetDateTime {
    let now = app.clock.now();
    let target = (now.date() + Duration::days(1)).with_time(Time::from_hms(23, 0, 0).unwrap());
    assert!(app.clock.advance(target.assume_utc() - now));
    app.clock.now()
}

fn diary_day(body: &str) -> &str {
    let at = body.find(r#"id="day""#).expect("the diary's day field");
    let value = &body[at..];
    let start = value.find(r#"value=""#).unwrap() + r#"value=""#.len();
    &value[start..start + 10]
}

async fn today_is_the_date_in_the_patients_time_zone(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "zone@example.org").await;
    let now = to_late_evening(&app);
    let (utc_today, tomorrow) = (now.date(), now.date() + Duration::days(1));

    // Not chosen yet: UTC.
    let page = c.get("/account").await;
    assert!(
        page.body.contains(r#"<option value="" selected>"#),
        "none chosen yet"
    );
    assert_eq!(
        diary_day(&c.get("/diary").await.body),
        utc_today.to_string()
    );

    // UTC+14 (Kiribati): 23:00 UTC is 13:00 tomorrow.
    let r = c.post("/account/time-zone", &[("zone", "+14:00")]).await;
    assert_eq!((r.status, r.location()), (303, "/account?zone=1"));
    let page = c.get("/account?zone=1").await;
    assert!(page.body.contains("Your time zone has been saved."));
    assert!(
        page.body
            .contains(r#"<option value="+14:00" selected>UTC+14:00</option>"#)
    );
    assert_eq!(diary_day(&c.get("/diary").await.body), tomorrow.to_string());
    // A diary entry for their tomorrow plus one is still "in the future".
    let too_far = (tomorrow + Duration::days(2)).to_string();
    let r = c
        .post(
            "/diary",
            &[
                ("day", too_far.as_str()),
                ("pain", "3"),
                ("sessions", "1"),
                ("minutes", "10"),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 422);

    // UTC-05 (Lima): still today.
    c.post("/account/time-zone", &[("zone", "-05:00")]).await;
    assert_eq!(
        diary_day(&c.get("/diary").await.body),
        utc_today.to_string()
    );

    // The clock moves on: two days later, without a back-dated row.
    assert!(app.clock.advance(Duration::days(2)));
    assert_eq!(
        diary_day(&c.get("/diary").await.body),
        (utc_today + Duration::days(2)).to_string()
    );

    // Forgetting the zone goes back to UTC.
    c.post("/account/time-zone", &[("zone", "")]).await;
    let page = c.get("/account").await;
    assert!(page.body.contains(r#"<option value="" selected>"#));
}

async fn a_time_zone_not_in_the_list_is_refused(app: TestApp) {
    let mut c = app.client();
    sign_up(&mut c, "zone-bad@example.org").await;
    c.get("/account").await;
    for bad in ["+19:00", "+05:31", "Europe/Madrid", "5"] {
        let r = c.post("/account/time-zone", &[("zone", bad)]).await;
        assert_eq!(r.status, 422, "{bad}");
        assert!(
            r.body.contains("Please choose a time zone from the list."),
            "{bad}"
        );
        assert!(r.body.contains(r#"aria-invalid="true""#), "{bad}");
    }
    let id = crate::user_id(&app, "zone-bad@example.org").await;
    assert_eq!(app.store.utc_offset(id).await.unwrap(), None);
}
