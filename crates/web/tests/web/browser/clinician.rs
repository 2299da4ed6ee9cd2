//! The clinician's journey in the browser, with the patient who shares their record: a
//! share code made by the clinician, redeemed by the patient, the record opened, the
//! access seen in the patient's log and the link revoked.
//!
//! Like every browser test it runs once, on SQLite (see `patient.rs`).

use backcare_storage::{DiaryEntry, DisplayName, Email, Profession, Profile, Role, UserId};
use backcare_web::auth;
use fantoccini::Locator;
use serde_json::json;
use time::Duration;

use super::{Browser, PASSWORD};

browser_tests!(
    clinician_journey,
    a_tailored_plan_and_a_note_in_english,
    a_tailored_plan_and_a_note_in_spanish
);

const CLINICIAN: &str = "dr-journey@example.org";
const PATIENT: &str = "shares@example.org";

/// Makes an account in the store, as clinicians cannot sign up. A clinician's second
/// sign-in step is set up already, with the secret [`Browser::log_in`] makes codes from
/// (`two_factor.rs` walks through the set-up itself).
pub async fn create_user(b: &Browser, email: &str, role: Role) -> UserId {
    let hash = auth::hash_password(&auth::Password::parse(PASSWORD).unwrap()).unwrap();
    let now = b.clock.now();
    let id = b
        .store
        .create_user(&Email::parse(email).unwrap(), &hash, role, now)
        .await
        .unwrap()
        .id;
    if role == Role::Clinician {
        let secret = crate::TWO_FACTOR_SECRET;
        b.store.start_two_factor(id, secret, now).await.unwrap();
        b.store.confirm_two_factor(id, 0, &[], now).await.unwrap();
    }
    id
}

/// Gives the patient an assessment (an example of ordinary back pain, so it has scores
/// and codes) and a diary of the week after it, as if they had used the app for a while:
/// the server's clock moves on a day at a time, so the journey starts 7 days after the
/// assessment, on the day of the last diary entry.
/// An assessment and a week of diary, with a flare-up five days ago when `flare`.
async fn give_history(b: &Browser, patient: UserId, flare: bool) {
    let answers = crate::example_text("self-care-lifting-strain.json");
    let intake: backcare_core::Intake = serde_json::from_str(&answers).unwrap();
    let result = backcare_core::assess(&intake);
    b.store
        .save_assessment(
            patient,
            &serde_json::to_value(&intake).unwrap(),
            &serde_json::to_value(&result).unwrap(),
            b.clock.now(),
        )
        .await
        .unwrap();
    for days_ago in (0..7u8).rev() {
        assert!(b.clock.advance(Duration::days(1)), "a test clock moves");
        let now = b.clock.now();
        let entry = DiaryEntry {
            day: now.date(),
            pain: 2 + days_ago / 2,
            sessions_done: 1,
            minutes_walked: 20,
            flare_up: flare && days_ago == 5,
            notes: String::new(),
        };
        b.store
            .upsert_diary_entry(patient, &entry, now)
            .await
            .unwrap();
    }
}

/// The clinician makes a share code; the patient redeems it; the clinician's panel lists
/// the patient and the record shows charts, scores, codes and the diary; the patient sees
/// the visit in the access log and stops sharing, after which the record is closed.
async fn clinician_journey(b: &mut Browser) {
    create_user(b, CLINICIAN, Role::Clinician).await;
    let patient = create_user(b, PATIENT, Role::Patient).await;
    give_history(b, patient, true).await;

    // The clinician makes a share code, shown once.
    b.log_in(CLINICIAN, PASSWORD).await;
    b.wait_for_path("/clinician").await;
    assert_eq!(b.h1().await, "My patients");
    assert!(!b.text().await.contains(PATIENT), "nobody shares yet");
    b.check("clinician-01-panel-empty").await;
    b.click("Make a share code").await;
    let code = b
        .wait_for(Locator::Css("main .share-code .code"), "the new share code")
        .await
        .text()
        .await
        .unwrap()
        .trim()
        .to_owned();
    assert!(code.len() >= 8, "a share code hard to guess: {code:?}");
    b.check("clinician-02-share-code").await;
    b.log_out().await;

    // The patient redeems it on the sharing page, reached from their dashboard.
    b.log_in(PATIENT, PASSWORD).await;
    b.wait_for_path("/dashboard").await;
    b.click("Share with a clinician").await;
    b.wait_for_path("/sharing").await;
    assert_eq!(b.h1().await, "Sharing with clinicians");
    b.expect_text("You are not sharing your record with anyone.")
        .await;
    b.fill("code", &code).await;
    // The first time, with the name and date of birth the clinician will know her by.
    b.fill("Your name", "Pat Green").await;
    b.fill_date("Date of birth", time::macros::date!(1979 - 04 - 23))
        .await;
    b.check("clinician-03-patient-enters-code").await;
    b.click("Share my record").await;
    b.wait_for_path("/sharing?linked=1").await;
    b.expect_text(CLINICIAN).await;
    b.check("clinician-04-patient-shares").await;
    b.log_out().await;

    // The clinician's panel lists the patient; the record shows everything.
    b.log_in(CLINICIAN, PASSWORD).await;
    b.wait_for_path("/clinician").await;
    b.expect_text(PATIENT).await;
    b.expect_text("born 1979-04-23").await;
    b.check("clinician-05-panel-with-patient").await;
    // On a phone the panel is a card per patient, nothing wider than the screen.
    b.use_phone().await;
    let fits = b
        .js(
            "const row = document.querySelector('main table.panel tbody tr'); \
             return [getComputedStyle(row).display, \
                     document.documentElement.scrollWidth <= window.innerWidth]",
        )
        .await;
    assert_eq!(fits, json!(["block", true]), "a card that fits");
    b.check("clinician-05-panel-on-a-phone").await;
    b.use_desktop().await;
    b.click("Pat Green").await;
    let record = format!("/clinician/patients/{}", patient.0);
    b.wait_for_path(&record).await;
    assert_eq!(
        b.first_in_main().await["class"]
            .as_str()
            .unwrap_or_default()
            .split(' ')
            .next(),
        Some("triage"),
        "the record leads with the triage"
    );
    assert!(
        b.visible_svgs("main svg").await >= 1,
        "the record shows charts"
    );
    let shown = b
        .js("const m = document.querySelector('main'); \
             return [m.querySelectorAll('ul.scores li').length, \
                     [...m.querySelectorAll('ul.codes strong')].map((e) => e.innerText), \
                     m.querySelectorAll('table.diary tbody tr').length]")
        .await;
    assert!(shown[0].as_u64().unwrap_or(0) >= 1, "scores: {shown}");
    assert!(
        shown[1]
            .as_array()
            .is_some_and(|codes| codes.iter().any(|c| c.as_str() == Some("M54.50"))),
        "the suggested codes: {shown}"
    );
    assert_eq!(shown[2], json!(7), "the diary of the last week: {shown}");
    b.check("clinician-06-record").await;
    b.log_out().await;

    // The patient sees the visit in the access log, and stops sharing.
    b.log_in(PATIENT, PASSWORD).await;
    b.visit("/sharing").await;
    b.click("See who opened your record").await;
    b.wait_for_path("/sharing/log").await;
    assert_eq!(b.h1().await, "Who opened your record");
    let log = b
        .js(
            "return [...document.querySelectorAll('main ul.access-log li')] \
             .map((e) => e.innerText)",
        )
        .await;
    assert!(
        log.as_array().is_some_and(|entries| entries
            .iter()
            .any(|e| e.as_str().is_some_and(|e| e.contains(CLINICIAN)))),
        "the clinician's visit is in the log: {log}"
    );
    b.check("clinician-07-access-log").await;
    b.visit("/sharing").await;
    b.click(&format!("Stop sharing {CLINICIAN}")).await;
    b.wait_for_path("/sharing?revoked=1").await;
    b.expect_text("That clinician can no longer see your record.")
        .await;
    b.expect_text("You are not sharing your record with anyone.")
        .await;
    b.check("clinician-08-revoked").await;
    b.log_out().await;

    // The clinician no longer sees the patient, nor the record.
    b.log_in(CLINICIAN, PASSWORD).await;
    b.wait_for_path("/clinician").await;
    assert!(!b.text().await.contains(PATIENT), "the patient is gone");
    b.visit(&record).await;
    b.expect_text("Page not found").await;
    b.check("clinician-09-record-closed").await;
}

/// The words a tailoring journey looks for, in one language.
struct Tailoring {
    lang: &'static str,
    note_label: &'static str,
    add_note: &'static str,
    goal_label: &'static str,
    save_version: &'static str,
    saved: &'static str,
    notes_title: &'static str,
    tailored_by: &'static str,
    from_clinician: &'static str,
    needs_override: &'static str,
    override_label: &'static str,
    override_told: &'static str,
    held: &'static str,
    exercises_title: &'static str,
    once_done: &'static str,
}

const TAILORING_EN: Tailoring = Tailoring {
    lang: "en",
    note_label: "New note",
    add_note: "Add the note",
    goal_label: "Goal of the programme",
    save_version: "Save a new version",
    saved: "A new version of the plan has been saved",
    notes_title: "Notes from your clinician",
    tailored_by: "Tailored by Ana Ruiz, physiotherapist on ",
    from_clinician: "From your clinician:",
    needs_override: "(needs an override)",
    override_label: "Override reason",
    override_told: "Your clinician chose this for you although the plan would usually leave it out.",
    held: "Your exercises stay at this level for now.",
    exercises_title: "Exercises, last 14 days",
    once_done: "1 of ",
};

const TAILORING_ES: Tailoring = Tailoring {
    lang: "es",
    note_label: "Nota nueva",
    add_note: "Añadir la nota",
    goal_label: "Objetivo del programa",
    save_version: "Guardar una versión nueva",
    saved: "Se ha guardado una versión nueva del plan",
    notes_title: "Notas de su profesional",
    tailored_by: "Adaptado por Ana Ruiz, fisioterapeuta el ",
    from_clinician: "De su profesional:",
    needs_override: "(necesita una excepción)",
    override_label: "Motivo de la excepción",
    override_told: "Su profesional eligió esto para usted aunque normalmente el plan lo dejaría fuera.",
    held: "Sus ejercicios se quedan en este nivel por ahora.",
    exercises_title: "Ejercicios, últimos 14 días",
    once_done: "1 de ",
};

async fn a_tailored_plan_and_a_note_in_english(b: &mut Browser) {
    tailored_plan_and_note(b, &TAILORING_EN).await;
}

async fn a_tailored_plan_and_a_note_in_spanish(b: &mut Browser) {
    tailored_plan_and_note(b, &TAILORING_ES).await;
}

/// A linked physiotherapist writes a note and tailors the plan (a goal, an instruction for
/// the first exercise, an exercise the plan leaves out added with an override reason, and
/// progression held) from the record; the patient reads the note on the start page, and
/// sees who tailored the plan, the goal, the instruction and the override reason on the
/// plan page and in the session player, with what changed; the patient does an exercise and
/// the clinician sees it in the record's adherence table. Every page goes through axe.
async fn tailored_plan_and_note(b: &mut Browser, w: &Tailoring) {
    let (clinician, patient) = (
        format!("dr-tailor-{}@example.org", w.lang),
        format!("tailored-{}@example.org", w.lang),
    );
    let doc = create_user(b, &clinician, Role::Clinician).await;
    let pat = create_user(b, &patient, Role::Patient).await;
    let now = b.clock.now();
    let profile = Profile {
        name: DisplayName::parse("Ana Ruiz").ok(),
        birth_date: None,
        profession: Some(Profession::Physiotherapist),
    };
    b.store.set_profile(doc, &profile, now).await.unwrap();
    let version = backcare_web::infra::privacy::PRIVACY_NOTICE_VERSION;
    b.store.record_consent(pat, version, now).await.unwrap();
    // No flare-up: after one, what a clinician adds waits a week (the plan's tests).
    give_history(b, pat, false).await;
    let code = auth::token_hash(&format!("tailor-code-{}", w.lang));
    let now = b.clock.now();
    b.store
        .create_share_code(doc, &code, now, now + Duration::hours(1))
        .await
        .unwrap();
    b.store.redeem_share_code(pat, &code, now).await.unwrap();

    // The clinician, in the journey's language, writes a note and tailors the plan.
    b.use_language(w.lang).await;
    b.log_in(&clinician, PASSWORD).await;
    let record = format!("/clinician/patients/{}", pat.0);
    b.visit(&record).await;
    b.fill(w.note_label, "Well done this week. Keep going.")
        .await;
    b.click(w.add_note).await;
    b.wait_for_path(&format!("{record}?note=added")).await;
    b.expect_text("Well done this week. Keep going.").await;
    b.check(&format!("tailor-{}-01-note", w.lang)).await;
    // The library with its pictures, filtered by target, on a phone too.
    b.visit(&format!("{record}/library?target=upper_back"))
        .await;
    b.check(&format!("tailor-{}-01-library", w.lang)).await;
    b.use_phone().await;
    b.check(&format!("tailor-{}-01-library-phone", w.lang))
        .await;
    b.use_desktop().await;
    b.visit(&record).await;
    b.fill(w.goal_label, "Walk to the park and back").await;
    let field = b
        .js("return document.querySelector('textarea[name^=\"instruction-\"]').name")
        .await;
    let field = field.as_str().expect("an instruction field").to_owned();
    b.fill(&field, "Slowly, and breathe out as you lift").await;
    let added = b
        .js(&format!(
            "const s = document.getElementById('tailor-add'); \
             const o = [...s.options].find(o => o.text.includes({:?})); \
             s.value = o.value; return o.value",
            w.needs_override
        ))
        .await;
    assert!(added.as_str().is_some_and(|v| !v.is_empty()), "{added}");
    b.fill(w.override_label, "We practise it together in clinic")
        .await;
    b.choose("progression-held").await;
    b.click(w.save_version).await;
    b.wait_for_path(&format!("{record}?plan=saved")).await;
    b.expect_text(w.saved).await;
    b.check(&format!("tailor-{}-02-record", w.lang)).await;
    b.log_out().await;

    // The patient reads the note, then sees the tailored plan and session.
    b.log_in(&patient, PASSWORD).await;
    b.wait_for_path("/dashboard").await;
    b.expect_text(w.notes_title).await;
    b.expect_text("Well done this week. Keep going.").await;
    b.check(&format!("tailor-{}-03-dashboard", w.lang)).await;
    b.visit("/plan").await;
    b.expect_text(w.tailored_by).await;
    b.expect_text("Walk to the park and back").await;
    b.expect_text(w.from_clinician).await;
    b.expect_text(w.override_told).await;
    b.expect_text("We practise it together in clinic").await;
    b.check(&format!("tailor-{}-04-plan", w.lang)).await;
    b.click_css("details.changes summary").await;
    b.expect_text(w.held).await;
    b.visit("/session").await;
    b.expect_text("Slowly, and breathe out as you lift").await;
    // The player shows one exercise at a time; the added one comes last.
    let told = b
        .js(&format!(
            "return document.body.textContent.includes({:?})",
            w.override_told
        ))
        .await;
    assert_eq!(
        told,
        serde_json::json!(true),
        "the session says why it was added"
    );
    b.check(&format!("tailor-{}-05-session", w.lang)).await;
    // The patient does the first exercise; the clinician sees it in the adherence table.
    b.do_the_first_exercise().await;
    b.wait_until(
        "return location.pathname === '/session' && location.search.startsWith('?done=')",
        "the session to be saved",
    )
    .await;
    b.log_out().await;
    b.log_in(&clinician, PASSWORD).await;
    b.visit(&record).await;
    b.expect_text(w.exercises_title).await;
    let done_once = b
        .js(&format!(
            "return [...document.querySelectorAll('main td')].some(td => \
             td.textContent.trim().startsWith({:?}) && td.textContent.includes(' '))",
            w.once_done
        ))
        .await;
    assert_eq!(
        done_once,
        serde_json::json!(true),
        "a cell says the exercise was done once"
    );
    b.check(&format!("tailor-{}-06-adherence", w.lang)).await;
    b.log_out().await;
}
