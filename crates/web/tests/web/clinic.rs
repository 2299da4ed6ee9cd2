//! Clinicians: share codes, the panel sorted by concern, a patient's record, the access log.

use backcare_core::triage::Level;
use backcare_storage::{DiaryEntry, DisplayName, Profile, Role, UserId};
use time::Duration;

use crate::client::{Client, Resp};
use crate::{PASSWORD, TestApp, log_in, sign_up, user_id, walk_the_wizard};

on_both_backends!(
    share_code_link_look_and_revoke,
    wrong_used_and_expired_codes_are_refused,
    the_panel_puts_the_most_concerning_patients_first,
    the_record_shows_history_scores_charts_plan_and_codes,
    an_emergency_record_opens_with_a_summary_in_clinician_words,
    notes_are_signed_dated_and_open_to_the_patient,
    a_clinician_schedules_questionnaires_and_the_patient_sees_them,
    the_check_in_reminder_follows_a_clinicians_schedule,
    a_clinician_tailors_the_plan_and_the_patient_sees_it,
    a_clinician_changes_the_exercises_and_the_plan_follows,
    a_clinician_saves_a_template_and_starts_another_plan_from_it,
    the_library_is_searched_filtered_and_adds_to_the_plan,
    a_clinician_never_reaches_an_unlinked_patient,
);

/// The code shown once on the panel after `POST /clinician/share-codes`.
fn shown_code(r: &Resp) -> String {
    let code = r
        .body
        .split(r#"<p class="code"><strong>"#)
        .nth(1)
        .and_then(|rest| rest.split("</strong>").next())
        .unwrap_or_else(|| panic!("no code shown: {}", r.body))
        .to_owned();
    assert_eq!(code.len(), 19, "{code}");
    code
}

/// A clinician account, logged in.
async fn clinician(app: &TestApp, email: &str) -> (UserId, Client) {
    let id = app.create_user(email, Role::Clinician).await;
    let mut c = app.client();
    log_in(&mut c, email, PASSWORD).await;
    (id, c)
}

/// A patient account (signed up through the pages), logged in.
async fn patient(app: &TestApp, email: &str) -> (UserId, Client) {
    let mut c = app.client();
    sign_up(&mut c, email).await;
    (user_id(app, email).await, c)
}

/// Saves an intake from a JSON value through the store, as the wizard does; its level.
async fn save_intake(app: &TestApp, user: UserId, intake: serde_json::Value) -> Level {
    let intake: backcare_core::Intake = serde_json::from_value(intake).unwrap();
    let result = backcare_core::assess(&intake);
    app.store
        .save_assessment(
            user,
            &serde_json::to_value(&intake).unwrap(),
            &serde_json::to_value(&result).unwrap(),
            app.clock.now(),
        )
        .await
        .unwrap();
    result.triage.level
}

/// The example intake `examples/<name>` as JSON.
fn example(name: &str) -> serde_json::Value {
    serde_json::from_str(&crate::example_text(name)).unwrap()
}

const MINIMAL: &str = "minimal.json";
const CAUDA_EQUINA: &str = "emergency-cauda-equina.json";

/// Logs today's diary entry (by the server's clock) for `user`, with `notes`.
async fn diary_today(app: &TestApp, user: UserId, pain: u8, flare_up: bool, notes: &str) {
    let now = app.clock.now();
    let entry = DiaryEntry {
        day: now.date(),
        pain,
        sessions_done: 1,
        minutes_walked: 20,
        flare_up,
        notes: notes.to_owned(),
    };
    app.store
        .upsert_diary_entry(user, &entry, now)
        .await
        .unwrap();
}

/// Gives a patient a name and a date of birth, which sharing asks for first.
async fn give_details(app: &TestApp, user: UserId) {
    let profile = Profile {
        name: Some(DisplayName::parse("A Patient").unwrap()),
        birth_date: Some(time::macros::date!(1980 - 05 - 17)),
        profession: None,
    };
    app.store
        .set_profile(user, &profile, app.clock.now())
        .await
        .unwrap();
}

/// Moves the server's clock on by `by`.
fn time_passes(app: &TestApp, by: Duration) {
    assert!(app.clock.advance(by), "a test clock moves");
}

async fn share_code_link_look_and_revoke(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-flow@clinic.example").await;
    let (ann_id, mut ann) = patient(&app, "ann-flow@example.org").await;
    let panel = doc.get("/clinician").await;
    assert_eq!(panel.status, 200);
    assert!(
        panel
            .body
            .contains("No patients have shared their record with you yet")
    );

    // The clinician makes a code: shown once, in groups of 4, valid for 24 hours.
    let r = doc.post("/clinician/share-codes", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let code = shown_code(&r);
    assert!(
        code.split('-')
            .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit())),
        "{code}"
    );
    assert!(r.body.contains("Works until"));
    let now = app.clock.now();
    let pending = app.store.pending_share_codes(doc_id, now).await.unwrap();
    assert_eq!(pending.len(), 1);
    let minutes = (pending[0].expires_at - now).whole_minutes();
    assert!((23 * 60..=24 * 60).contains(&minutes), "{minutes} minutes");
    let again = doc.get("/clinician").await;
    assert!(!again.body.contains(&code), "the code is never shown again");
    assert!(again.body.contains("Codes not used yet: 1"));
    // Only its hash is stored: nothing in the clinician's export holds it.
    let export = serde_json::to_string(&app.store.export_user(doc_id).await.unwrap()).unwrap();
    let plain = code.replace('-', "").to_lowercase();
    assert!(!export.to_lowercase().contains(&plain));

    // The patient types it (lowercase, spaces instead of dashes are fine).
    let page = ann.get("/sharing").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("You are not sharing your record with anyone")
    );
    assert!(page.body.contains(r#"<label for="code">"#));
    // The first time, the form also asks her name and date of birth: a clinician tells
    // patients apart by the two together. Without them, nothing is linked.
    assert!(page.body.contains(r#"<label for="name">"#), "{}", page.body);
    assert!(page.body.contains(r#"autocomplete="bday""#));
    assert!(page.body.contains("needs your name and date of birth"));
    let typed = format!(" {} ", code.to_lowercase().replace('-', " "));
    let r = ann.post("/sharing/redeem", &[("code", &typed)]).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("Please type your name."), "{}", r.body);
    assert!(r.body.contains("Please type your date of birth."));
    assert!(
        r.body.contains(r##"<a href="#birth_date">"##),
        "the summary links the field"
    );
    assert!(
        r.body.contains(&format!(r#"value="{}""#, typed.trim())),
        "the code is kept"
    );
    let today = app.clock.now().date();
    let tomorrow = (today + Duration::days(1)).to_string();
    let r = ann
        .post(
            "/sharing/redeem",
            &[
                ("code", &typed),
                ("name", "Ann Flow"),
                ("birth_date", &tomorrow),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("cannot be after today"), "{}", r.body);
    assert!(r.body.contains(r#"value="Ann Flow""#), "the name is kept");
    assert!(!app.store.may_see(doc_id, ann_id).await.unwrap());
    let r = ann
        .post(
            "/sharing/redeem",
            &[
                ("code", &typed),
                ("name", "  Ann   Flow "),
                ("birth_date", "1970-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/sharing?linked=1");
    let page = ann.get("/sharing?linked=1").await;
    assert!(page.body.contains("Your clinician can now see your record"));
    assert!(page.body.contains("doc-flow@clinic.example"));
    assert!(!page.body.contains(r#"<label for="name">"#), "asked once");
    assert!(page.body.contains(r#"action="/sharing/revoke""#));
    assert!(app.store.may_see(doc_id, ann_id).await.unwrap());
    assert!(
        app.store
            .pending_share_codes(doc_id, now)
            .await
            .unwrap()
            .is_empty(),
        "used up"
    );

    // The clinician sees the patient and opens the record: the patient sees it in the log.
    // By name, with her age and date of birth; the email comes second.
    let panel = doc.get("/clinician").await;
    let link = format!(r#"<a href="/clinician/patients/{}">Ann Flow</a>"#, ann_id.0);
    assert!(panel.body.contains(&link), "{}", panel.body);
    let born = format!("{} years old · born 1970-01-01", today.year() - 1970);
    assert!(panel.body.contains(&born), "{}", panel.body);
    assert!(
        panel
            .body
            .contains(r#"<span class="hint">ann-flow@example.org</span>"#)
    );
    let log = ann.get("/sharing/log").await;
    assert!(log.body.contains("No clinician has opened your record yet"));
    let record = doc.get(&format!("/clinician/patients/{}", ann_id.0)).await;
    assert_eq!(record.status, 200, "{}", record.body);
    assert!(record.body.contains("ann-flow@example.org"));
    assert!(record.body.contains(": Ann Flow</h1>"), "{}", record.body);
    assert!(record.body.contains(&born));
    let log = ann.get("/sharing/log").await;
    assert_eq!(log.status, 200);
    assert!(
        log.body.contains(
            ", doc-flow@clinic.example opened your record: your answers, results and diary."
        ),
        "{}",
        log.body
    );
    assert!(log.body.contains("On 20") && log.body.contains(" (UTC), "));
    doc.get(&format!("/clinician/patients/{}", ann_id.0)).await;
    let log = ann.get("/sharing/log").await;
    assert_eq!(
        log.body
            .matches("doc-flow@clinic.example opened your record:")
            .count(),
        2
    );
    // In the patient's own time zone once she has set one.
    app.store
        .set_utc_offset(ann_id, Some(time::UtcOffset::from_hms(5, 30, 0).unwrap()))
        .await
        .unwrap();
    let log = ann.get("/sharing/log").await;
    assert!(log.body.contains(" (UTC+05:30), doc-flow"), "{}", log.body);
    ann.get("/lang/es").await;
    let log = ann.get("/sharing/log").await;
    assert!(
        log.body.contains(
            ", doc-flow@clinic.example abrió su historial: sus respuestas, resultados y diario."
        ),
        "{}",
        log.body
    );
    assert!(log.body.contains("El 20") && log.body.contains(" a las "));
    ann.get("/lang/en").await;

    // The clinician says who they are; the patient sees it on her sharing page and log.
    let details = doc.get("/account/details").await;
    assert!(details.body.contains(r#"value="physiotherapist""#));
    assert!(
        !details.body.contains(r#"name="birth_date""#),
        "not asked of clinicians"
    );
    let r = doc
        .post(
            "/account/details",
            &[("name", "Dee Flow"), ("profession", "physiotherapist")],
        )
        .await;
    assert_eq!((r.status, r.location()), (303, "/account/details?saved=1"));
    let page = ann.get("/sharing").await;
    assert!(
        page.body
            .contains("<strong>Dee Flow, physiotherapist</strong>")
    );
    let log = ann.get("/sharing/log").await;
    assert!(
        log.body
            .contains(", Dee Flow, physiotherapist opened your record:"),
        "{}",
        log.body
    );
    ann.get("/lang/es").await;
    let log = ann.get("/sharing/log").await;
    assert!(
        log.body
            .contains(", Dee Flow, fisioterapeuta abrió su historial")
    );
    ann.get("/lang/en").await;

    // The patient revokes: the clinician gets 404 and the patient leaves the panel.
    let r = ann
        .post("/sharing/revoke", &[("clinician", &doc_id.0.to_string())])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/sharing?revoked=1");
    assert!(
        ann.get("/sharing?revoked=1")
            .await
            .body
            .contains("can no longer see your record")
    );
    let gone = doc.get(&format!("/clinician/patients/{}", ann_id.0)).await;
    assert_eq!(gone.status, 404);
    assert!(
        !doc.get("/clinician")
            .await
            .body
            .contains("ann-flow@example.org")
    );
    assert_eq!(
        app.store.access_log(ann_id).await.unwrap().len(),
        2,
        "the 404 is not logged"
    );
    assert!(
        ann.get("/sharing/log")
            .await
            .body
            .contains("doc-flow@clinic.example"),
        "the log outlives the link"
    );
    // Revoking again: not linked.
    let r = ann
        .post("/sharing/revoke", &[("clinician", &doc_id.0.to_string())])
        .await;
    assert_eq!(r.status, 404);
}

async fn wrong_used_and_expired_codes_are_refused(app: TestApp) {
    let (_, mut doc) = clinician(&app, "doc-codes@clinic.example").await;
    let (ann_id, mut ann) = patient(&app, "ann-codes@example.org").await;
    let (bo_id, mut bo) = patient(&app, "bo-codes@example.org").await;
    for id in [ann_id, bo_id] {
        give_details(&app, id).await;
    }
    ann.get("/sharing").await;
    bo.get("/sharing").await;
    for (typed, message) in [
        ("", "Please type the code your clinician gave you."),
        ("12345", "This is not a share code."),
        ("ZZZZ-0000-0000-0000", "This is not a share code."),
        ("0000-0000-0000-0000", "This code does not work."),
    ] {
        let r = ann.post("/sharing/redeem", &[("code", typed)]).await;
        assert_eq!(r.status, 422, "{typed:?}");
        assert!(r.body.contains(message), "{typed:?}: {}", r.body);
        assert!(
            r.body.contains(r#"<p class="error" id="code-error">"#),
            "next to the field"
        );
        assert!(
            r.body
                .contains(r#"aria-invalid="true" aria-describedby="code-hint code-error""#)
        );
        assert!(
            r.body.contains(&format!(r#"value="{typed}""#)),
            "what was typed is kept"
        );
    }
    // A used code.
    let code = shown_code(&doc.post("/clinician/share-codes", &[]).await);
    assert_eq!(
        ann.post("/sharing/redeem", &[("code", &code)]).await.status,
        303
    );
    let r = bo.post("/sharing/redeem", &[("code", &code)]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("already used"), "{}", r.body);
    // An expired code: made now, typed a day and a minute later.
    let expired = shown_code(&doc.post("/clinician/share-codes", &[]).await);
    time_passes(&app, Duration::days(1) + Duration::minutes(1));
    let r = bo.post("/sharing/redeem", &[("code", &expired)]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("more than 24 hours old"));
    bo.get("/lang/es").await;
    let r = bo.post("/sharing/redeem", &[("code", &expired)]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Este código no funciona"), "{}", r.body);
    // Nothing was linked by the refusals.
    assert!(app.store.linked_clinicians(bo_id).await.unwrap().is_empty());
    assert_eq!(app.store.linked_clinicians(ann_id).await.unwrap().len(), 1);
    // The code of a clinician is no use to another clinician's form: clinicians cannot redeem.
    // (After a day away the clinician logs in again: their session ends after 12 idle hours.)
    log_in(&mut doc, "doc-codes@clinic.example", PASSWORD).await;
    assert_eq!(
        doc.post("/sharing/redeem", &[("code", &code)]).await.status,
        403
    );
}

async fn the_panel_puts_the_most_concerning_patients_first(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-panel@clinic.example").await;
    // Emails in the opposite order to the expected one, so the order is not alphabetical.
    let (stable, _) = patient(&app, "a-stable@example.org").await;
    let (high, _) = patient(&app, "b-high@example.org").await;
    let (worse, _) = patient(&app, "c-worse@example.org").await;
    let (sos, _) = patient(&app, "d-sos@example.org").await;
    let (new, _) = patient(&app, "0-new@example.org").await;
    for p in [stable, high, worse, sos, new] {
        app.link(p, doc_id).await;
    }
    // Two weeks of diary, lived a day at a time: the worse patient's pain is 2 on days
    // 0-2 and 6 on days 8-10; the stable patient logs day 9. The intakes come on day 10.
    for day in 0..=10 {
        match day {
            0..=2 => diary_today(&app, worse, 2, false, "").await,
            8..=10 => diary_today(&app, worse, 6, false, "").await,
            _ => {}
        }
        if day == 9 {
            diary_today(&app, stable, 3, false, "").await;
        }
        if day < 10 {
            time_passes(&app, Duration::days(1));
        }
    }
    assert_eq!(
        save_intake(&app, stable, example(MINIMAL)).await,
        Level::SelfCare
    );
    let mut high_risk = example(MINIMAL);
    high_risk["start_back"] = serde_json::json!({
        "leg_pain": true, "shoulder_or_neck_pain": false, "walking_limited": true,
        "dressing_slower": false, "unsafe_to_be_active": true, "worrying_thoughts": true,
        "never_get_better": true, "not_enjoying_things": true, "bothersomeness": "very_much"
    });
    assert_eq!(save_intake(&app, high, high_risk).await, Level::SelfCare);
    assert_eq!(
        save_intake(&app, worse, example(MINIMAL)).await,
        Level::SelfCare
    );
    assert_eq!(
        save_intake(&app, sos, example(CAUDA_EQUINA)).await,
        Level::Emergency
    );

    // Ten days on, the clinician logs in again (a session ends after 12 hours unused).
    log_in(&mut doc, "doc-panel@clinic.example", PASSWORD).await;
    let panel = doc.get("/clinician").await;
    assert_eq!(panel.status, 200);
    let body = &panel.body;
    let at = |email: &str| {
        body.find(&format!(">{email}</a>"))
            .unwrap_or_else(|| panic!("{email} missing: {body}"))
    };
    let order = [
        at("d-sos@example.org"),
        at("c-worse@example.org"),
        at("b-high@example.org"),
        at("a-stable@example.org"),
        at("0-new@example.org"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Each row shows its badge and reason.
    for badge in [
        "concern-red_flag\">Warning sign",
        "concern-worsening\">Getting worse",
        "concern-high_risk\">High risk",
        "concern-stable\">Stable",
        "concern-no_data\">No data yet",
    ] {
        assert!(body.contains(badge), "{badge}");
    }
    assert!(body.contains("Latest triage: Emergency: get help now"));
    assert!(body.contains("Mean diary pain went up from 2.0 to 6.0"));
    assert!(body.contains("STarT Back: high risk."));
    assert!(body.contains("level-emergency"));
    let today = app.clock.now().date().to_string();
    assert!(
        body.contains(&format!("</span>{today}</td>")),
        "last diary entry"
    );
    // The panel reads summaries only: it writes nothing in the access logs.
    for p in [stable, high, worse, sos, new] {
        assert!(app.store.access_log(p).await.unwrap().is_empty());
    }
    doc.get("/lang/es").await;
    let es = doc.get("/clinician").await;
    assert!(es.body.contains("Señal de alarma") && es.body.contains("Empeorando"));
    assert!(
        es.body
            .contains("El dolor medio del diario subió de 2.0 a 6.0")
    );
}

async fn the_record_shows_history_scores_charts_plan_and_codes(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-rec@clinic.example").await;
    let (pat_id, mut pat) = patient(&app, "pat-rec@example.org").await;
    app.link(pat_id, doc_id).await;
    let empty = doc.get(&format!("/clinician/patients/{}", pat_id.0)).await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("has not answered the questions yet"));
    walk_the_wizard(&mut pat).await;
    // A flare-up on the day of the questions, a better day after it.
    diary_today(&app, pat_id, 4, true, "day -1").await;
    time_passes(&app, Duration::days(1));
    diary_today(&app, pat_id, 3, false, "day -0").await;
    // Today's session: the first exercise done and rated too hard, the others not done.
    let session = pat.get("/session").await;
    let first = session
        .body
        .split(r#"name="done" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an exercise to tick")
        .to_owned();
    let effort = format!("effort-{first}");
    let r = pat
        .post(
            "/session",
            &[
                ("done", first.as_str()),
                (effort.as_str(), "too_hard"),
                ("pain_after", "3"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // A day on, the clinician logs in again (a session ends after 12 hours unused).
    log_in(&mut doc, "doc-rec@clinic.example", PASSWORD).await;
    let path = format!("/clinician/patients/{}", pat_id.0);
    let r = doc.get(&path).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let body = &r.body;
    // The triage banner comes first.
    let banner = body
        .find(r#"class="triage triage-"#)
        .expect("triage banner");
    let main = body.find("<main").unwrap();
    assert!(!body[main..banner].contains("<h2"), "the banner is first");
    assert!(body.contains("Self-care: you can start looking after your back at home"));
    // The summary says in clinician words that no red flag was found, with the rule's source.
    assert!(
        body.contains("SELF-CARE · no red flags found (Self-care) · NICE"),
        "{body}"
    );
    // Concern: a flare-up was logged last week.
    assert!(body.contains("concern-worsening\">Getting worse"));
    assert!(body.contains("CONCERN-FLARE-UP"));
    // Scores, history, diary, plan, charts and codes.
    assert!(body.contains("STarT Back: low risk"), "{body}");
    assert!(body.contains("Pain: now 3/10"));
    assert!(body.contains("Full questions: Self-care"));
    assert!(
        body.contains("day -1") && body.contains("day -0"),
        "diary notes"
    );
    assert!(body.contains("This week&#39;s plan") || body.contains("This week's plan"));
    assert!(body.contains("Week 1"), "{body}");
    // Adherence per exercise: each of this week's exercises with its days done of those
    // planned in the last 14 days, and the last rating.
    let table = &body[body
        .find(r#"<table class="history exercises">"#)
        .expect("a table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(table.contains("Too hard"), "{table}");
    assert!(table.contains("1 of "), "{table}");
    assert!(
        table.contains("0 of "),
        "the exercises not done yet: {table}"
    );
    assert!(body.matches("<svg").count() >= 2, "charts");
    assert!(body.contains("Progress charts"));
    assert!(body.contains(r#"<ul class="codes">"#), "{body}");
    assert!(body.contains("M54."), "an ICD-10-CM low back pain code");
    assert!(body.contains("Why:"), "each code has its rationale");
    crate::assert_only_the_page_script(body);
    // Both visits so far are in the log.
    assert_eq!(app.store.access_log(pat_id).await.unwrap().len(), 2);
    doc.get("/lang/es").await;
    let es = doc.get(&path).await;
    assert!(es.body.contains("Autocuidado") && es.body.contains("Códigos sugeridos"));
    assert!(es.body.contains("Gráficos de evolución"));
}

/// The top of an emergency patient's record is a clinical summary: the level and one line
/// per rule in clinician words with its source, the open safety answers grouped in one line,
/// and the other rows; the sentences the patient was shown are only in a disclosure further
/// down.
async fn an_emergency_record_opens_with_a_summary_in_clinician_words(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-sum@clinic.example").await;
    let (pat_id, _) = patient(&app, "pat-sum@example.org").await;
    app.link(pat_id, doc_id).await;
    let mut intake = example(CAUDA_EQUINA);
    intake["bowel_change"] = "dont_know".into();
    intake["sexual_function_change"] = "not_answered".into();
    intake["history"]["cancer"] = "dont_know".into();
    assert_eq!(save_intake(&app, pat_id, intake).await, Level::Emergency);
    let r = doc.get(&format!("/clinician/patients/{}", pat_id.0)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let body = &r.body;
    let summary = &body[body
        .find(r#"<section class="summary card""#)
        .expect("a summary")..];
    let top = &summary[..summary.find("</section>").unwrap()];
    let rest = &summary[summary
        .find(r#"<details class="patient-told">"#)
        .expect("what the patient was told, further down")..];
    let row = |id: &str| -> String {
        let at = top
            .find(&format!(r#"class="summary-row summary-{id}""#))
            .unwrap_or_else(|| panic!("row {id}: {top}"));
        top[at..at + top[at..].find("</div>").unwrap()].to_owned()
    };
    let triage = row("triage");
    assert!(triage.contains("Emergency, issued "), "{triage}");
    assert!(
        triage.contains("cauda equina warning sign (possible CES) (Emergency)"),
        "{triage}"
    );
    assert!(
        triage.contains("NICE"),
        "each rule names its source: {triage}"
    );
    assert!(
        row("open").contains("bowel") && row("open").contains("cancer history"),
        "{}",
        row("open")
    );
    assert_eq!(row("open").matches("<li>").count(), 0, "one line");
    for id in ["pattern", "start-back", "outcomes", "adherence", "codes"] {
        row(id);
    }
    // None of what the patient was shown is in the summary; it is all in the disclosure.
    for patient_words in ["You were not sure about", "Call ", "get help now"] {
        assert!(
            !top.contains(patient_words),
            "{patient_words:?} in the summary: {top}"
        );
    }
    assert!(rest.contains("You were not sure about"), "{rest}");
    doc.get("/lang/es").await;
    let es = doc.get(&format!("/clinician/patients/{}", pat_id.0)).await;
    assert!(es.body.contains("Resumen clínico"));
    assert!(
        es.body
            .contains("señal de alarma de cola de caballo (posible síndrome) (Emergencia)")
    );
    assert!(es.body.contains("antecedentes de cáncer"), "{}", es.body);
}

/// A linked clinician's notes: signed with their name and profession, dated, kept as
/// written (a bad one is refused in words and nothing is saved), listed on the record and
/// on the patient's start page, and written in the patient's access log.
async fn notes_are_signed_dated_and_open_to_the_patient(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-notes@clinic.example").await;
    let (pat_id, mut pat) = patient(&app, "pat-notes@example.org").await;
    app.link(pat_id, doc_id).await;
    let path = format!("/clinician/patients/{}", pat_id.0);
    let record = doc.get(&path).await;
    assert!(record.body.contains("No notes yet."));
    assert!(record.body.contains(&format!(r#"action="{path}/notes""#)));
    // Empty, then too long: the form again with the words kept, nothing saved.
    let r = doc.post(&format!("{path}/notes"), &[("text", "  ")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Please write the note before adding it."));
    let long = "x".repeat(2001);
    let r = doc.post(&format!("{path}/notes"), &[("text", &long)]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("up to 2,000 characters"), "{}", r.body);
    assert!(r.body.contains(&long), "what was typed is kept");
    assert!(app.store.notes(pat_id).await.unwrap().is_empty());
    // Signed with the email until the clinician gives a name, then with name and profession.
    let r = doc
        .post(
            &format!("{path}/notes"),
            &[("text", "Walk daily.\nSee you soon.")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("{path}?note=added#notes"));
    doc.post(
        "/account/details",
        &[("name", "Noor Haddad"), ("profession", "physiotherapist")],
    )
    .await;
    doc.post(
        &format!("{path}/notes"),
        &[("text", "Good progress & <well done>.")],
    )
    .await;
    let record = doc.get(&format!("{path}?note=added")).await;
    assert!(
        record
            .body
            .contains("The note has been added and shared with the patient.")
    );
    let newest = record
        .body
        .find("Good progress &#38; &#60;well done&#62;.")
        .unwrap_or_else(|| panic!("escaped: {}", record.body));
    let oldest = record.body.find("Walk daily.").unwrap();
    assert!(newest < oldest, "newest first");
    assert!(
        record
            .body
            .contains("<strong>Noor Haddad, physiotherapist</strong>")
    );
    assert!(
        record
            .body
            .contains("<strong>doc-notes@clinic.example</strong>")
    );
    assert!(record.body.contains("shared with the patient"));
    // The patient reads them on the start page, and the log says a note was written.
    let home = pat.get("/dashboard").await;
    assert!(
        home.body.contains("Notes from your clinician"),
        "{}",
        home.body
    );
    assert!(home.body.contains("Walk daily.\nSee you soon."));
    assert!(home.body.contains("shared with you"));
    let log = pat.get("/sharing/log").await;
    assert_eq!(
        log.body.matches("wrote a note on your record").count(),
        2,
        "{}",
        log.body
    );
    pat.get("/lang/es").await;
    let home = pat.get("/dashboard").await;
    assert!(home.body.contains("Notas de su profesional"));
    // Once the link is gone, no more notes.
    app.store.revoke_link(pat_id, doc_id).await.unwrap();
    let r = doc
        .post(&format!("{path}/notes"), &[("text", "Too late.")])
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(app.store.notes(pat_id).await.unwrap().len(), 2);
}

/// A linked clinician asks for questionnaires on a schedule: the patient's start page and
/// questionnaires page say so, the panel shows who is overdue, a value not in the list is
/// refused with nothing changed, and the patient's access log says it happened.
async fn a_clinician_schedules_questionnaires_and_the_patient_sees_them(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-sched@clinic.example").await;
    let (pat_id, mut pat) = patient(&app, "pat-sched@example.org").await;
    app.link(pat_id, doc_id).await;
    walk_the_wizard(&mut pat).await;
    let path = format!("/clinician/patients/{}", pat_id.0);
    let record = doc.get(&path).await;
    for q in ["start_back", "odi", "rmdq"] {
        assert!(
            record
                .body
                .contains(&format!(r#"<select id="schedule-{q}" name="{q}""#))
        );
    }
    assert!(
        record.body.contains("Never answered: due now."),
        "ODI: {}",
        record.body
    );
    assert!(
        record
            .body
            .contains(r#"<option value="" selected>The usual: every 2 to 4 weeks"#)
    );
    // A value not in the list: refused, nothing changed.
    let r = doc
        .post(
            &format!("{path}/schedules"),
            &[("odi", "10"), ("start_back", "")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Please choose each schedule from the list"));
    assert!(app.store.schedules(pat_id).await.unwrap().is_empty());
    let r = doc
        .post(
            &format!("{path}/schedules"),
            &[("start_back", "7"), ("odi", "14"), ("rmdq", "")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("{path}?schedules=saved#schedules"));
    let record = doc.get(&format!("{path}?schedules=saved")).await;
    assert!(record.body.contains("The schedules have been saved."));
    assert!(
        record
            .body
            .contains(r#"<option value="14" selected>Every 2 weeks"#)
    );
    // The patient sees what is asked, and when.
    let home = pat.get("/dashboard").await;
    assert!(
        home.body.contains("Questions your clinician asked for"),
        "{}",
        home.body
    );
    assert!(
        home.body.contains(": every 2 weeks. Due now."),
        "{}",
        home.body
    );
    assert!(
        home.body.contains(": every week. Next from "),
        "{}",
        home.body
    );
    let overview = pat.get("/reassess").await;
    assert!(
        overview
            .body
            .contains("Your clinician asked you to answer these every 2 weeks.")
    );
    assert!(!doc.get("/clinician").await.body.contains("Overdue: "));
    // Over two weeks on, the STarT Back asked for weekly is overdue on the panel.
    time_passes(&app, Duration::days(15));
    log_in(&mut doc, "doc-sched@clinic.example", PASSWORD).await;
    let panel = doc.get("/clinician").await;
    assert!(
        panel.body.contains(r#"<strong class="overdue">Overdue: "#),
        "{}",
        panel.body
    );
    log_in(&mut pat, "pat-sched@example.org", PASSWORD).await;
    let overview = pat.get("/reassess").await;
    assert!(
        overview
            .body
            .contains("the time your clinician asked for has passed")
    );
    let log = pat.get("/sharing/log").await;
    assert!(
        log.body
            .contains("changed how often you are asked the check-up questions")
    );
    // Clearing goes back to the usual rhythm.
    doc.post(
        &format!("{path}/schedules"),
        &[("start_back", ""), ("odi", "")],
    )
    .await;
    assert!(app.store.schedules(pat_id).await.unwrap().is_empty());
}

/// A linked clinician tailors the plan (a goal, an instruction for an exercise): each save a
/// new version listed on the record; the patient's plan page and session say who tailored it
/// and show the instruction, the kept plan page follows a new version at once, the access
/// log says so, and a goal too long is refused with what was typed kept.
/// What the check-in reminder is sent for (`model::reminders::check_in_due`) follows the
/// clinician's schedule: STarT Back, answered at the intake, every week instead of the usual
/// two weeks, and back to the usual once the schedule is cleared.
async fn the_check_in_reminder_follows_a_clinicians_schedule(app: TestApp) {
    use backcare_core::Lang;
    use backcare_core::instruments::Instrument;
    use backcare_storage::Questionnaire;
    use backcare_web::model::record::{CareRecord, Due};
    use backcare_web::model::reminders::check_in_due;
    let (doc_id, _doc) = clinician(&app, "doc-remind@clinic.example").await;
    let (pat_id, mut pat) = patient(&app, "pat-remind@example.org").await;
    app.link(pat_id, doc_id).await;
    walk_the_wizard(&mut pat).await;
    let intake_day = app.clock.now().date();
    let day8 = intake_day + Duration::days(8);
    let load = || CareRecord::load(&app.store, pat_id, day8, Lang::En);
    let usual = load().await.unwrap();
    assert!(
        matches!(usual.due(Instrument::StartBack), Due::NotYet { .. }),
        "{:?}",
        usual.due(Instrument::StartBack)
    );
    let usual_due = check_in_due(&usual);
    app.store
        .set_schedule(
            doc_id,
            pat_id,
            Questionnaire::StartBack,
            Some(7),
            app.clock.now(),
        )
        .await
        .unwrap();
    let weekly = load().await.unwrap();
    assert!(matches!(
        weekly.due(Instrument::StartBack),
        Due::Now { .. } | Due::Overdue { .. }
    ));
    assert_eq!(check_in_due(&weekly), Some(intake_day + Duration::days(7)));
    assert_ne!(usual_due, check_in_due(&weekly), "the schedule moved it");
    app.store
        .set_schedule(
            doc_id,
            pat_id,
            Questionnaire::StartBack,
            None,
            app.clock.now(),
        )
        .await
        .unwrap();
    assert_eq!(check_in_due(&load().await.unwrap()), usual_due);
}

async fn a_clinician_tailors_the_plan_and_the_patient_sees_it(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-tailor@clinic.example").await;
    let (pat_id, mut pat) = patient(&app, "pat-tailor@example.org").await;
    app.link(pat_id, doc_id).await;
    walk_the_wizard(&mut pat).await;
    doc.post(
        "/account/details",
        &[("name", "Ravi Shah"), ("profession", "physiotherapist")],
    )
    .await;
    let path = format!("/clinician/patients/{}", pat_id.0);
    let record = doc.get(&path).await;
    assert!(
        record.body.contains(&format!(r#"action="{path}/plan""#)),
        "{}",
        record.body
    );
    let first = record
        .body
        .split(r#"name="instruction-"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an instruction field per exercise")
        .to_owned();
    let field = format!("instruction-{first}");
    let plan_before = pat.get("/plan").await;
    assert!(!plan_before.body.contains("Tailored by"));
    // Too long: refused, kept, nothing saved.
    let long = "g".repeat(501);
    let r = doc
        .post(
            &format!("{path}/plan"),
            &[("goal", long.as_str()), (field.as_str(), "Slowly")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("up to 500 characters"), "{}", r.body);
    assert!(r.body.contains(&long) && r.body.contains(">Slowly</textarea>"));
    assert!(app.store.plan_versions(pat_id).await.unwrap().is_empty());
    let r = doc
        .post(
            &format!("{path}/plan"),
            &[
                ("goal", "Walk to the park"),
                (field.as_str(), "Slowly, breathe out"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), format!("{path}?plan=saved#tailor"));
    let record = doc.get(&format!("{path}?plan=saved")).await;
    assert!(
        record
            .body
            .contains("A new version of the plan has been saved")
    );
    assert!(
        record
            .body
            .contains("Version 1: Ravi Shah, physiotherapist, "),
        "{}",
        record.body
    );
    assert!(
        record.body.contains(">Slowly, breathe out</textarea>"),
        "the form shows it"
    );
    // The patient sees who tailored it, the goal and the instruction, on the plan (kept
    // until the record changes: a new version changes it) and in the session.
    let plan = pat.get("/plan").await;
    assert!(
        plan.body
            .contains("Tailored by Ravi Shah, physiotherapist on "),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("(version 1)") && plan.body.contains("Walk to the park"));
    assert!(
        plan.body
            .contains("From your clinician:</strong> Slowly, breathe out")
    );
    let session = pat.get("/session").await;
    assert!(
        session.body.contains("Slowly, breathe out"),
        "{}",
        session.body
    );
    assert!(session.body.contains("Tailored by Ravi Shah"));
    doc.post(&format!("{path}/plan"), &[("goal", "Walk to the shops")])
        .await;
    let plan = pat.get("/plan").await;
    assert!(plan.body.contains("(version 2)") && plan.body.contains("Walk to the shops"));
    assert!(
        !plan.body.contains("From your clinician"),
        "the instruction was cleared"
    );
    let log = pat.get("/sharing/log").await;
    assert_eq!(
        log.body.matches("tailored your plan").count(),
        2,
        "{}",
        log.body
    );
    pat.get("/lang/es").await;
    assert!(
        pat.get("/plan")
            .await
            .body
            .contains("Adaptado por Ravi Shah")
    );
    // Unlinked: no more versions.
    app.store.revoke_link(pat_id, doc_id).await.unwrap();
    let r = doc
        .post(&format!("{path}/plan"), &[("goal", "Too late")])
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(app.store.plan_versions(pat_id).await.unwrap().len(), 2);
}

/// The value of the first `<option>` whose words contain `words`.
fn option_with(body: &str, words: &str) -> Option<String> {
    let before = &body[..body.find(words)?];
    let value = &before[before.rfind(r#"<option value=""#)? + r#"<option value=""#.len()..];
    Some(value.split('"').next()?.to_owned())
}

/// A linked clinician changes the exercises: an exercise the engine leaves out for this
/// patient is refused without an override reason and added with one (the patient reads the
/// reason with the exercise); taking one out, setting a dose, holding progression, the days
/// a week and the walking goal all reach the patient's plan; every version lists what it
/// changed on both sides; bad values are refused with what was typed kept.
async fn a_clinician_changes_the_exercises_and_the_plan_follows(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-change@clinic.example").await;
    let (pat_id, mut pat) = patient(&app, "pat-change@example.org").await;
    app.link(pat_id, doc_id).await;
    walk_the_wizard(&mut pat).await;
    let path = format!("/clinician/patients/{}", pat_id.0);
    let record = doc.get(&path).await;
    let ids: Vec<String> = record
        .body
        .split(r#"name="instruction-"#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect();
    assert!(ids.len() >= 2, "{ids:?}");
    let needs = option_with(&record.body, "(needs an override)")
        .expect("the library lists an exercise left out for this patient");
    assert!(record.body.contains("Left out for this patient, and why"));
    let before = app.store.plan_versions(pat_id).await.unwrap().len();
    // Without a reason: refused, what was chosen kept, nothing saved.
    let r = doc
        .post(&format!("{path}/plan"), &[("add", needs.as_str())])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("To add it anyway"), "{}", r.body);
    assert!(
        r.body
            .contains(&format!(r#"<option value="{needs}" selected>"#))
    );
    // A reason with nothing to add, and days out of range: refused too.
    let r = doc
        .post(&format!("{path}/plan"), &[("override", "Because")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("chose no exercise to add") && r.body.contains(">Because</textarea>"));
    let r = doc.post(&format!("{path}/plan"), &[("days", "9")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("days a week must be 1 to 7"), "{}", r.body);
    assert_eq!(app.store.plan_versions(pat_id).await.unwrap().len(), before);
    // With a reason: added, and the patient is told why, on the plan and in the session.
    let reason = "We practise it together in clinic each week";
    let r = doc
        .post(
            &format!("{path}/plan"),
            &[("add", needs.as_str()), ("override", reason)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let plan = pat.get("/plan").await;
    assert!(
        plan.body.contains(&format!(
            "would usually leave it out. Their reason: &#34;{reason}&#34;"
        )),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("What your clinician changed"));
    assert!(pat.get("/session").await.body.contains(reason));
    let record = doc.get(&path).await;
    assert!(
        record.body.contains("overriding the plan"),
        "{}",
        record.body
    );
    // Take the first out, set the second's dose, hold, 3 days, a 25-minute walking goal.
    let (out, dosed) = (&ids[0], &ids[1]);
    let r = doc
        .post(
            &format!("{path}/plan"),
            &[
                (format!("remove-{out}").as_str(), "on"),
                (format!("dose-{dosed}").as_str(), "1"),
                ("progression", "held"),
                ("days", "3"),
                ("walking", "25"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let versions = app.store.plan_versions(pat_id).await.unwrap();
    let latest = &versions[0].tailoring;
    assert!(latest.hold && latest.days_per_week == Some(3) && latest.walking_goal == Some(25));
    assert_eq!(latest.removed, std::slice::from_ref(out));
    assert!(
        latest.added.iter().any(|a| a.exercise == needs),
        "carried over"
    );
    let plan = pat.get("/plan").await;
    assert!(plan.body.contains("Took out "), "{}", plan.body);
    assert!(plan.body.contains("Your clinician set this dose"));
    // Every exercise on 3 days, and the change listed.
    assert!(!plan.body.contains("5 days a week"));
    assert!(
        plan.body.contains("· 3 days a week") && plan.body.contains("3 days a week for exercises")
    );
    assert!(
        plan.body
            .contains("Your clinician set your walking goal at 25 minutes a day")
    );
    assert!(
        plan.body
            .contains("Your exercises stay at this level for now.")
    );
    let record = doc.get(&path).await;
    assert!(
        !record
            .body
            .contains(&format!(r#"name="instruction-{out}""#))
    );
    assert!(record.body.contains(&format!(r#"id="dose-{dosed}""#)));
    assert!(record.body.contains(r#"value="held" checked"#));
    assert!(record.body.contains(r#"<option value="3" selected>"#));
    pat.get("/lang/es").await;
    assert!(
        pat.get("/plan")
            .await
            .body
            .contains("Lo que cambió su profesional")
    );
}

/// A clinician saves a patient's tailoring as a template and starts another patient's plan
/// from it: what the plan leaves out for the second patient is not added (an override
/// reason belongs to one patient) and the record says so; the first patient's access log
/// says their plan was saved as a template; templates are the clinician's own (another
/// clinician can neither use nor delete them); names are checked.
async fn a_clinician_saves_a_template_and_starts_another_plan_from_it(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-template@clinic.example").await;
    let (other_id, mut other) = clinician(&app, "doc-other@clinic.example").await;
    let (one, mut p1) = patient(&app, "pat-one@example.org").await;
    let (two, mut p2) = patient(&app, "pat-two@example.org").await;
    app.link(one, doc_id).await;
    app.link(two, doc_id).await;
    app.link(two, other_id).await;
    walk_the_wizard(&mut p1).await;
    walk_the_wizard(&mut p2).await;
    let first = format!("/clinician/patients/{}", one.0);
    let second = format!("/clinician/patients/{}", two.0);
    // Nothing tailored yet: nothing to save.
    let r = doc
        .post(&format!("{first}/templates"), &[("name", "Early sciatica")])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Tailor this plan first"), "{}", r.body);
    let record = doc.get(&first).await;
    let needs = option_with(&record.body, "(needs an override)").unwrap();
    let r = doc
        .post(
            &format!("{first}/plan"),
            &[
                ("goal", "Back to gardening"),
                ("add", needs.as_str()),
                ("override", "Practised in clinic"),
                ("progression", "held"),
                ("walking", "20"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let long = "n".repeat(81);
    let r = doc
        .post(&format!("{first}/templates"), &[("name", long.as_str())])
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("1 to 80 characters") && r.body.contains(&long));
    let r = doc
        .post(&format!("{first}/templates"), &[("name", "Early sciatica")])
        .await;
    assert_eq!(r.location(), format!("{first}?template=saved#templates"));
    let templates = app.store.plan_templates(doc_id).await.unwrap();
    assert_eq!(templates.len(), 1);
    let id = templates[0].id.to_string();
    assert!(
        p1.get("/sharing/log")
            .await
            .body
            .contains("saved your tailored plan as a template")
    );
    // Another clinician cannot use it, even on a patient they share.
    let r = other
        .post(&format!("{second}/plan"), &[("template", id.as_str())])
        .await;
    assert_eq!(r.status, 404);
    // Its owner starts the second patient's plan from it.
    let record = doc.get(&second).await;
    assert!(
        record.body.contains(">Early sciatica</option>"),
        "{}",
        record.body
    );
    let r = doc
        .post(&format!("{second}/plan"), &[("template", id.as_str())])
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        r.location(),
        format!("{second}?plan=saved&skipped={needs}#tailor"),
        "the exercise that needs this patient's own override is not added"
    );
    let record = doc.get(&r.location().replace("#tailor", "")).await;
    assert!(
        record
            .body
            .contains("were not added because the plan leaves them out")
    );
    let latest = app.store.latest_plan_version(two).await.unwrap().unwrap();
    assert_eq!(latest.tailoring.goal.as_deref(), Some("Back to gardening"));
    assert!(latest.tailoring.hold && latest.tailoring.walking_goal == Some(20));
    assert!(latest.tailoring.added.is_empty());
    assert!(p2.get("/plan").await.body.contains("Back to gardening"));
    // Delete: another clinician's attempt changes nothing; the owner's removes it.
    let r = other
        .post(&format!("/clinician/templates/{id}/delete"), &[])
        .await;
    assert_eq!(r.location(), "/clinician#templates");
    assert_eq!(app.store.plan_templates(doc_id).await.unwrap().len(), 1);
    assert!(
        !other
            .get("/clinician")
            .await
            .body
            .contains("Early sciatica")
    );
    assert!(
        doc.get("/clinician")
            .await
            .body
            .contains("Delete the template Early sciatica")
    );
    let patient_field = two.0.to_string();
    let r = doc
        .post(
            &format!("/clinician/templates/{id}/delete"),
            &[("patient", patient_field.as_str())],
        )
        .await;
    assert_eq!(r.location(), format!("{second}?template=deleted#templates"));
    assert!(app.store.plan_templates(doc_id).await.unwrap().is_empty());
}

/// The library page for a patient: found by words, target and position, with pictures;
/// what the plan leaves out for this patient says why and asks for a reason; adding from it
/// keeps everything else of the latest version; the look is logged; unlinked is not found.
async fn the_library_is_searched_filtered_and_adds_to_the_plan(app: TestApp) {
    let (doc_id, mut doc) = clinician(&app, "doc-library@clinic.example").await;
    let (pat_id, mut pat) = patient(&app, "pat-library@example.org").await;
    app.link(pat_id, doc_id).await;
    walk_the_wizard(&mut pat).await;
    let path = format!("/clinician/patients/{}", pat_id.0);
    let r = doc
        .post(
            &format!("{path}/plan"),
            &[("goal", "Back to gardening"), ("progression", "held")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let library = format!("{path}/library");
    let all = doc.get(&library).await;
    assert_eq!(all.status, 200);
    assert!(all.body.contains("Exercise library for"), "{}", all.body);
    assert!(all.body.contains("<svg"), "pictures");
    let count = |body: &str| body.matches(r#"<article class="card exercise""#).count();
    let everything = count(&all.body);
    assert!(everything > 20, "{everything}");
    let bridge = doc.get(&format!("{library}?q=bridge")).await;
    assert!(count(&bridge.body) >= 2 && count(&bridge.body) < everything);
    assert!(bridge.body.contains(">Bridge</h2>"));
    let upper = doc.get(&format!("{library}?target=upper_back")).await;
    assert!(upper.body.contains("Band row") && !upper.body.contains(">Bridge</h2>"));
    let front = doc.get(&format!("{library}?position=front")).await;
    assert!(front.body.contains("Lying on your front") && !front.body.contains(">Bridge</h2>"));
    // Band row needs a band the patient does not have: it says why and asks for a reason.
    assert!(
        upper
            .body
            .contains("The plan leaves this out for this patient:")
    );
    let r = doc
        .post(
            &format!("{path}/plan"),
            &[("keep", "yes"), ("add", "band-row")],
        )
        .await;
    assert_eq!(r.status, 422);
    let r = doc
        .post(
            &format!("{path}/plan"),
            &[
                ("keep", "yes"),
                ("add", "band-row"),
                ("override", "A band from the clinic"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let latest = app
        .store
        .latest_plan_version(pat_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.tailoring.goal.as_deref(), Some("Back to gardening"));
    assert!(latest.tailoring.hold, "the rest of the version is kept");
    assert_eq!(latest.tailoring.added.len(), 1);
    let upper = doc.get(&format!("{library}?target=upper_back")).await;
    assert!(upper.body.contains("Already in this week"));
    // Each of the five library pages is a look at the record, in the patient's log.
    let log = pat.get("/sharing/log").await;
    assert!(
        log.body.matches("opened your record").count() >= 5,
        "{}",
        log.body
    );
    assert!(
        !doc.get(&path)
            .await
            .body
            .contains("Added before but left out")
    );
    // A reason that covers none of the rules that apply (as an old one can, once a new rule
    // applies): the plan leaves the exercise out, and the record says so.
    let mut stale = latest.tailoring.clone();
    stale.added[0].covers.clear();
    app.store
        .add_plan_version(doc_id, pat_id, "Dr Test", &stale, app.clock.now())
        .await
        .unwrap();
    let record = doc.get(&path).await;
    assert!(
        record
            .body
            .contains("Added before but left out of the plan now")
            && record.body.contains("Band row. To bring one back"),
        "{}",
        record.body
    );
    let plan = pat.get("/plan").await.body;
    assert!(
        !plan.contains(". Band row</h3>"),
        "not among this week's exercises"
    );
    assert!(
        plan.contains("A band from the clinic"),
        "still in the list of changes"
    );
    app.store.revoke_link(pat_id, doc_id).await.unwrap();
    assert_eq!(doc.get(&library).await.status, 404);
}

async fn a_clinician_never_reaches_an_unlinked_patient(app: TestApp) {
    let (one, mut doc1) = clinician(&app, "doc-one@clinic.example").await;
    let (two, _) = clinician(&app, "doc-two@clinic.example").await;
    let (a, mut pa) = patient(&app, "pa@example.org").await;
    let (b, mut pb) = patient(&app, "pb@example.org").await;
    app.link(a, one).await;
    app.link(b, two).await;
    assert_eq!(
        doc1.get(&format!("/clinician/patients/{}", a.0))
            .await
            .status,
        200
    );
    assert_eq!(
        doc1.get(&format!("/clinician/patients/{}", b.0))
            .await
            .status,
        404
    );
    assert_eq!(
        doc1.get(&format!("/clinician/patients/{}", two.0))
            .await
            .status,
        404
    );
    assert!(app.store.access_log(b).await.unwrap().is_empty());
    // Patient A cannot revoke B's link by naming B's clinician: only their own links.
    pa.get("/sharing").await;
    let r = pa
        .post("/sharing/revoke", &[("clinician", &two.0.to_string())])
        .await;
    assert_eq!(r.status, 404);
    assert!(
        app.store.may_see(two, b).await.unwrap(),
        "B's link is untouched"
    );
    for bad in ["", "abc", "1.5"] {
        let r = pa.post("/sharing/revoke", &[("clinician", bad)]).await;
        assert_eq!(r.status, 422, "{bad:?}");
        assert!(r.body.contains("Please choose a clinician from the list"));
    }
    assert!(app.store.may_see(one, a).await.unwrap());
    // Nor can B see A's clinicians or log.
    let page = pb.get("/sharing").await;
    assert!(page.body.contains("doc-two@clinic.example") && !page.body.contains("doc-one"));
    assert!(!pb.get("/sharing/log").await.body.contains("doc-one"));
}
