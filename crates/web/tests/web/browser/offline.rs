//! Offline (issue 14): the service worker keeps the pages the demo patient opened, shows
//! them with the network switched off (through the DevTools protocol, as the network
//! panel's "Offline" does), keeps a diary day and a session saved offline on the device,
//! and sends them when the network comes back, and forgets the pages at log-out. The
//! server runs all along: that nothing reached it while offline is checked in its database.

use backcare_web::demo;
use serde_json::json;

use super::Browser;

browser_tests!(
    offline_session_and_diary_sync,
    offline_session_and_diary_sync_on_a_phone_in_spanish
);

/// The words the journey reads and fills in, in one language (from the Fluent files).
struct Words {
    lang: &'static str,
    day: &'static str,
    pain: &'static str,
    sessions: &'static str,
    minutes: &'static str,
    notes: &'static str,
    save_day: &'static str,
    offline: &'static str,
    kept: &'static str,
    waiting_two: &'static str,
    note: &'static str,
}

const ENGLISH: Words = Words {
    lang: "en",
    day: "Day",
    pain: "Pain today, from 0 (no pain) to 10 (worst pain you can imagine)",
    sessions: "Exercise sessions done",
    minutes: "Minutes walked",
    notes: "Notes (optional)",
    save_day: "Save this day",
    offline: "You are offline",
    kept: "Saved on this device",
    waiting_two: "waiting to be sent: 2",
    note: "Written on the train, no signal",
};

const SPANISH: Words = Words {
    lang: "es",
    day: "Día",
    pain: "Dolor hoy, de 0 (sin dolor) a 10 (el peor dolor imaginable)",
    sessions: "Sesiones de ejercicio hechas",
    minutes: "Minutos caminados",
    notes: "Notas (opcional)",
    save_day: "Guardar este día",
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
    b.log_in(demo::PATIENT_EMAIL, demo::PASSWORD).await;
    b.wait_for_path("/dashboard").await;
    if w.lang != "en" {
        b.use_language(w.lang).await;
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
    b.check(&format!("offline-{}-01-plan", w.lang)).await;
    b.visit("/account").await;
    b.expect_text(w.offline).await;
    b.check(&format!("offline-{}-02-not-kept", w.lang)).await;

    // A diary day saved offline: kept on the device, not on the server.
    b.visit("/diary").await;
    b.fill_date(w.day, today).await;
    b.fill(w.pain, "3").await;
    b.fill(w.sessions, "0").await;
    b.fill(w.minutes, "20").await;
    b.choose("flare-up-no").await;
    b.fill(w.notes, w.note).await;
    b.click(w.save_day).await;
    b.wait_for_path("/offline?queued=1").await;
    b.expect_text(w.kept).await;
    b.check(&format!("offline-{}-03-diary-kept", w.lang)).await;
    // Today's session, done offline.
    b.visit("/session").await;
    let first = b
        .js("return document.querySelector('main input[name=done]').id")
        .await;
    b.choose(first.as_str().unwrap_or_default()).await;
    b.click_css("main form[action='/session'] button[type=submit]")
        .await;
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
    b.check(&format!("offline-{}-04-two-waiting", w.lang)).await;
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
    b.check(&format!("offline-{}-05-sent", w.lang)).await;

    // Logging out forgets the kept pages: offline, the plan is no longer on the device.
    b.log_out().await;
    let offline = b.go_offline().await;
    b.visit("/plan").await;
    b.expect_text(w.offline).await;
    assert_ne!(b.h1().await, plan_title);
    b.go_online(offline).await;
}
