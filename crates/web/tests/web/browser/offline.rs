//! Offline (issue 14): the service worker keeps the pages the demo patient opened, shows
//! them with the network switched off (through the DevTools protocol, as the network
//! panel's "Offline" does), keeps a diary day and a session saved offline on the device,
//! and sends them when the network comes back, and forgets the pages at log-out. The
//! server runs all along: that nothing reached it while offline is checked in its database.

use backcare_web::demo;
use serde_json::json;

use super::{Browser, patient};

browser_tests!(
    offline_session_and_diary_sync,
    offline_session_and_diary_sync_on_a_phone_in_spanish
);

/// The words of the offline pages in one language (from the Fluent files); the diary's
/// are the patient journey's.
struct Words {
    diary: &'static patient::Words,
    offline: &'static str,
    kept: &'static str,
    waiting_two: &'static str,
    note: &'static str,
}

const ENGLISH: Words = Words {
    diary: &patient::ENGLISH,
    offline: "You are offline",
    kept: "Saved on this device",
    waiting_two: "waiting to be sent: 2",
    note: "Written on the train, no signal",
};

const SPANISH: Words = Words {
    diary: &patient::SPANISH,
    offline: "No tiene conexión",
    kept: "Guardado en este dispositivo",
    waiting_two: "pendiente de enviar: 2",
    note: "Escrito en el tren, sin cobertura",
};

async fn offline_session_and_diary_sync(b: &mut Browser) {
    offline_journey(b, &ENGLISH).await;
}

async fn offline_session_and_diary_sync_on_a_phone_in_spanish(b: &mut Browser) {
    b.use_phone().await;
    offline_journey(b, &SPANISH).await;
}

async fn offline_journey(b: &mut Browser, w: &Words) {
    // A first visit installs the worker, which then looks after signing in too.
    b.visit("/").await;
    b.wait_until(
        "return navigator.serviceWorker.controller !== null",
        "the service worker looking after the page",
    )
    .await;
    b.log_in(demo::PATIENT_EMAIL, demo::PASSWORD).await;
    b.wait_for_path("/dashboard").await;
    if w.diary.lang != "en" {
        b.use_language(w.diary.lang).await;
        b.visit("/dashboard").await;
    }
    b.wait_until(
        "return navigator.serviceWorker.controller !== null",
        "the service worker looking after the page",
    )
    .await;
    let patient = b
        .store
        .user_by_email(&backcare_storage::Email::parse(demo::PATIENT_EMAIL).unwrap())
        .await
        .unwrap()
        .id;
    let today = b.clock.now().date();
    // Open what should be there offline, while online.
    for path in ["/dashboard", "/plan", "/session", "/diary", "/search"] {
        b.visit(path).await;
    }
    let plan_title = {
        b.visit("/plan").await;
        b.h1().await
    };

    let offline = b.go_offline().await;
    assert_eq!(b.js("return navigator.onLine").await, json!(false));
    b.visit("/plan").await;
    assert_eq!(b.h1().await, plan_title, "the plan, kept on the device");
    b.check(&format!("offline-{}-01-plan", w.diary.lang)).await;
    b.visit("/account").await;
    b.expect_text(w.offline).await;
    // Kept after signing in: the menu of someone signed in.
    assert_eq!(
        signed_in_menu(b).await,
        json!(true),
        "the offline page's menu"
    );
    b.check(&format!("offline-{}-02-not-kept", w.diary.lang))
        .await;

    // A diary day saved offline: kept on the device, not on the server.
    b.visit("/diary").await;
    b.fill_date(w.diary.day, today).await;
    b.fill(w.diary.pain, "3").await;
    b.fill(w.diary.sessions, "0").await;
    b.fill(w.diary.minutes, "20").await;
    b.choose("flare-up-no").await;
    b.fill(w.diary.notes, w.note).await;
    b.click(w.diary.save_day).await;
    b.wait_for_path("/offline?queued=1").await;
    b.expect_text(w.kept).await;
    b.check(&format!("offline-{}-03-diary-kept", w.diary.lang))
        .await;
    // Today's session, done offline.
    b.visit("/session").await;
    b.do_the_first_exercise().await;
    b.wait_for_path("/offline?queued=1").await;
    b.wait_until(
        &format!(
            "const s = document.getElementById('offline-status'); \
             return !s.hidden && s.textContent.includes('{}')",
            w.waiting_two
        ),
        "the two saved forms counted on the page",
    )
    .await;
    b.check(&format!("offline-{}-04-two-waiting", w.diary.lang))
        .await;
    let on_server = b.store.diary(patient, today, today).await.unwrap();
    assert!(
        on_server.iter().all(|d| d.notes != w.note),
        "nothing reached the server while offline: {on_server:?}"
    );

    // Back online: both are sent, in order, and the page says nothing waits.
    b.go_online(offline).await;
    b.wait_until(
        "const s = document.getElementById('offline-status'); return s.hidden",
        "the saved forms sent",
    )
    .await;
    let day = b.store.diary(patient, today, today).await.unwrap();
    let day = day.first().expect("today's diary day on the server");
    assert_eq!(day.notes, w.note);
    assert_eq!(day.sessions_done, 1, "the session after the diary day");
    assert!(
        !b.store
            .exercise_days(patient, today, today)
            .await
            .unwrap()
            .is_empty(),
        "the session's exercise"
    );
    b.visit("/diary").await;
    b.expect_text(w.note).await;
    b.check(&format!("offline-{}-05-sent", w.diary.lang)).await;

    // Logging out forgets the kept pages: offline, the plan is no longer on the device.
    b.log_out().await;
    let offline = b.go_offline().await;
    b.visit("/plan").await;
    b.expect_text(w.offline).await;
    assert_ne!(b.h1().await, plan_title);
    assert_eq!(
        signed_in_menu(b).await,
        json!(false),
        "kept again at log-out"
    );
    b.go_online(offline).await;
}

/// Whether the page's menu is the one of someone signed in (no log-in link).
async fn signed_in_menu(b: &Browser) -> serde_json::Value {
    b.js("return document.querySelector('header a[href=\"/login\"]') === null")
        .await
}
