//! Reassessment, the plan built from the diary, and the progress charts.

use backcare_storage::UserId;
use time::Duration;

use crate::client::{Client, Resp};
use crate::{PASSWORD, TestApp, log_in, post_owned, sign_up, user_id};

on_both_backends!(
    the_plan_adapts_to_the_diary,
    a_flare_up_in_the_diary_does_not_raise_the_load,
    each_questionnaire_saves_and_explains_the_change,
    bad_answers_are_kept_and_explained,
    reassess_overview_says_when_each_is_due,
    progress_shows_charts_with_titles_and_tables_in_both_languages,
    another_patients_data_never_appears,
    the_demo_patient_has_progress_to_show,
    kept_pages_follow_the_record_and_the_day,
    the_dashboard_leads_with_today,
    a_session_from_the_dashboard_goes_into_the_diary,
    an_exercise_rated_too_hard_stays_next_week,
    an_urgent_result_moves_down_once_the_person_has_been_seen,
);

/// Today's session: the plan's exercises as a checklist with their moving figures; saving
/// adds a session to today's diary day and keeps what the day held; nothing is saved
/// without an exercise ticked or with a pain that is not 0 to 10.
async fn a_session_from_the_dashboard_goes_into_the_diary(app: TestApp) {
    let (mut c, id) = assessed_patient(&app, "session@example.org").await;
    assert!(
        c.get("/dashboard")
            .await
            .body
            .contains(r#"href="/session""#)
    );
    let page = c.get("/session").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let boxes: Vec<String> = page
        .body
        .split(r#"name="done" value=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect();
    assert!(boxes.len() >= 2, "{}", page.body);
    assert_eq!(
        page.body.matches(r#"class="figure-moving""#).count(),
        boxes.len()
    );
    let today = app.clock.today(None);
    // Nothing ticked, or a pain out of range: the form again, nothing saved.
    let r = c.post("/session", &[("pain_after", "3")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Tick at least one exercise"));
    let r = c
        .post("/session", &[("done", &boxes[0]), ("pain_after", "11")])
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains(r#"value="11""#) && r.body.contains(" checked"),
        "kept as typed"
    );
    let r = c.post("/session", &[("done", &boxes[0])]).await;
    assert_eq!(r.status, 422, "a first diary day needs a pain");
    assert!(app.store.diary(id, today, today).await.unwrap().is_empty());
    // Saved: one session, the pain after.
    let r = c
        .post(
            "/session",
            &[
                ("pain_before", "5"),
                ("done", &boxes[0]),
                ("done", &boxes[1]),
                ("pain_after", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/session?done=1");
    assert!(
        c.get(r.location())
            .await
            .body
            .contains("You have done 1 session today.")
    );
    let day = &app.store.diary(id, today, today).await.unwrap()[0];
    assert_eq!((day.sessions_done, day.pain), (1, 4));
    // A day that holds more keeps it, with one session more.
    app.store
        .upsert_diary_entry(
            id,
            &backcare_storage::DiaryEntry {
                minutes_walked: 25,
                notes: "walked the dog".into(),
                ..day.clone()
            },
            app.clock.now(),
        )
        .await
        .unwrap();
    let r = c.post("/session", &[("done", &boxes[1])]).await;
    assert_eq!(r.location(), "/session?done=2");
    let day = &app.store.diary(id, today, today).await.unwrap()[0];
    assert_eq!(
        (
            day.sessions_done,
            day.pain,
            day.minutes_walked,
            day.notes.as_str()
        ),
        (2, 4, 25, "walked the dog")
    );
    // Each exercise is counted on its day: the first once, the second twice.
    let counted: Vec<(String, u32)> = app
        .store
        .exercise_days(id, today, today)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.exercise, d.times_done))
        .collect();
    let mut want = vec![(boxes[0].clone(), 1), (boxes[1].clone(), 2)];
    want.sort();
    assert_eq!(counted, want);
    // A rating counts as done; a rating that is not one of the three is refused with
    // nothing saved; an id that is not in this week's plan is not kept.
    let r = c
        .post(
            "/session",
            &[(format!("effort-{}", boxes[0]).as_str(), "sideways")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("or &#34;Too hard&#34;, or leave it empty")
            || r.body
                .contains("or &quot;Too hard&quot;, or leave it empty"),
        "{}",
        r.body
    );
    let r = c
        .post(
            "/session",
            &[
                (format!("effort-{}", boxes[0]).as_str(), "too_hard"),
                ("done", "not-in-the-plan"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/session?done=3");
    let days = app.store.exercise_days(id, today, today).await.unwrap();
    assert_eq!(days.len(), 2, "{days:?}");
    let first = days.iter().find(|d| d.exercise == boxes[0]).unwrap();
    assert_eq!(
        (first.times_done, first.effort),
        (2, Some(backcare_storage::Effort::TooHard))
    );
    // The page offers the three ratings for each exercise and loads the player script.
    let page = c.get("/session").await;
    assert!(
        page.body
            .contains("<title>Today's session · backcare</title>")
            || page
                .body
                .contains("<title>Today&#39;s session · backcare</title>"),
        "the title is text only"
    );
    // What to do if an exercise hurts, with the warning signs in the rule table's words.
    let emergency = backcare_core::triage::safety_net::emergency_summary(backcare_core::Lang::En);
    assert!(
        page.body.replace("&#39;", "'").contains(&emergency),
        "the safety net on the session page"
    );
    assert_eq!(
        page.body.matches(r#"value="too_hard""#).count(),
        boxes.len()
    );
    let script = page
        .body
        .split(r#"<script src=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .find(|src| src.starts_with("/static/session.js?v="))
        .expect("the player script");
    let js = c.get(&script).await;
    assert_eq!(js.status, 200);
    assert!(js.body.contains("session-form"));
    // In Spanish too.
    c.get("/lang/es").await;
    let es = c.get("/session?done=2").await.body;
    assert!(es.contains("2 sesiones hoy"));
    assert!(
        es.contains("Demasiado difícil") && es.contains(r#"data-t-next="Siguiente ejercicio""#)
    );
    // The plan says where its advice comes from in Spanish, with the same references.
    let plan = c.get("/plan").await.body;
    assert!(
        plan.contains("Directrices de la OMS (WHO) de 2020 sobre actividad física")
            && !plan.contains("WHO 2020 guidelines on physical activity"),
        "{plan}"
    );
}

/// "Too hard" in a session keeps that exercise at its dose the week after, where a
/// patient with the same answers and the same good week who did not say so goes up.
async fn an_exercise_rated_too_hard_stays_next_week(app: TestApp) {
    let (mut rated, _) = assessed_patient(&app, "rated@example.org").await;
    let (mut plain, _) = assessed_patient(&app, "plain@example.org").await;
    let boxes: Vec<String> = rated
        .get("/session")
        .await
        .body
        .split(r#"name="done" value=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect();
    for i in 0..7 {
        for c in [&mut rated, &mut plain] {
            log_today(&app, c, false).await;
        }
        if i == 2 {
            let mut form: Vec<(String, String)> = boxes
                .iter()
                .map(|b| (format!("effort-{b}"), "too_hard".to_owned()))
                .collect();
            form.push(("pain_after".into(), "3".into()));
            let r = post_owned(&mut rated, "/session", &form).await;
            assert_eq!(r.status, 303, "{}", r.body);
        }
        days_pass(&app, 1);
    }
    days_pass(&app, 1);
    let unescape = |html: &str| html.replace("&#39;", "'");
    let held = unescape(&rated.get("/plan").await.body);
    let moved = unescape(&plain.get("/plan").await.body);
    assert!(held.contains("Week 2") && moved.contains("Week 2"));
    assert!(moved.contains("go up one step"), "{moved}");
    assert!(
        held.contains("you said it felt too hard last week. It can go up again"),
        "{held}"
    );
    assert!(!moved.contains("too hard last week"), "{moved}");
    assert_ne!(
        doses(&held),
        doses(&moved),
        "only the unrated plan moved on"
    );
    assert!(
        held.contains("Progression models in resistance training"),
        "the source is named"
    );
}

/// The start page leads with what to do today: the questions before a first result; then
/// today's exercises, the diary until today's is in, and the next check-up questions; an
/// emergency or urgent result at the top instead of exercises.
async fn the_dashboard_leads_with_today(app: TestApp) {
    let unescape = |html: &str| html.replace("&#39;", "'");
    let mut c = app.client();
    sign_up(&mut c, "today@example.org").await;
    let page = unescape(&c.get("/dashboard").await.body);
    assert!(page.contains("Start with the questions"), "{page}");
    assert!(!page.contains("Today's exercises"));
    c.get("/intake/1").await;
    c.post("/intake/1", &[("bladder_change", "no"), ("action", "next")])
        .await;
    assert!(unescape(&c.get("/dashboard").await.body).contains("Carry on with the questions"));

    let (mut c, id) = assessed_patient(&app, "today-plan@example.org").await;
    let page = unescape(&c.get("/dashboard").await.body);
    assert!(page.contains("Today's exercises"), "{page}");
    let plan = c.get("/plan").await.body;
    let count = plan.matches(r#"class="card exercise""#).count();
    assert!(
        page.contains(&format!("{count} exercises, about ")),
        "{count} exercises: {page}"
    );
    assert!(page.contains("Fill in today's diary"));
    let from = (app.clock.today(None) + Duration::days(14)).to_string();
    assert!(
        page.contains(&format!("Next check-up questions: from {from}")),
        "{page}"
    );
    let today = app.clock.today(None);
    app.store
        .upsert_diary_entry(
            id,
            &backcare_storage::DiaryEntry {
                day: today,
                pain: 3,
                sessions_done: 1,
                minutes_walked: 10,
                flare_up: false,
                notes: String::new(),
            },
            app.clock.now(),
        )
        .await
        .unwrap();
    let page = unescape(&c.get("/dashboard").await.body);
    assert!(
        page.contains("There is an entry in today's diary."),
        "{page}"
    );
    c.get("/lang/es").await;
    let es = unescape(&c.get("/dashboard").await.body);
    assert!(
        es.contains("Los ejercicios de hoy") && es.contains("ejercicios, unos"),
        "{es}"
    );

    // An emergency stays at the top, with no exercises offered.
    let (mut e, ..) = emergency_patient(&app, "today-emergency@example.org").await;
    let page = unescape(&e.get("/dashboard").await.body);
    let banner = page
        .find("triage triage-emergency")
        .expect("the emergency at the top");
    assert!(banner < page.find("<h2 id=\"today-title\"").unwrap());
    assert!(!page.contains("Today's exercises"), "{page}");
    assert_eq!(
        e.get("/session").await.location(),
        "/plan",
        "no session to do"
    );

    // A newer result that cannot be read comes first, and no exercises are offered over it
    // (as on the plan page).
    let (mut u, uid) = assessed_patient(&app, "today-unreadable@example.org").await;
    app.store
        .save_assessment(
            uid,
            &serde_json::json!({}),
            &serde_json::json!({"version": 99}),
            app.clock.now(),
        )
        .await
        .unwrap();
    let page = unescape(&u.get("/dashboard").await.body);
    let line = page
        .find("could not be read")
        .expect("the unreadable result is told");
    assert!(line < page.find("<h2 id=\"today-title\"").unwrap());
    assert!(!page.contains("Today's exercises"), "{page}");
    assert_eq!(u.get("/session").await.location(), "/plan");
}

/// An emergency result stays at the top of the start page until the person says they have
/// been seen about it; then it moves below "Today" with the same advice and a way back, the
/// plan stays on hold, the result page is unchanged, and a linked clinician sees what they
/// said. Only the person's own result can be marked; a bad form is refused in words.
async fn an_urgent_result_moves_down_once_the_person_has_been_seen(app: TestApp) {
    let (mut e, who, id, result) = emergency_patient(&app, "seen@example.org").await;
    let result_page = e.get("/result").await.body;
    let top = |page: &str| {
        page.find("triage triage-emergency")
            .is_some_and(|at| at < page.find(r#"<h2 id="today-title""#).unwrap())
    };
    let page = e.get("/dashboard").await.body;
    assert!(top(&page), "{page}");
    assert!(page.contains("I have been seen about this"), "{page}");

    // Someone else's result, no result and a bad form change nothing.
    let (mut other, _) = assessed_patient(&app, "seen-other@example.org").await;
    let r = other
        .post(
            "/seen",
            &[("assessment", &id.0.to_string()), ("seen", "yes")],
        )
        .await;
    assert_eq!(r.status, 404);
    assert!(
        r.body.contains("We could not find that result"),
        "{}",
        r.body
    );
    let r = e
        .post("/seen", &[("assessment", "x"), ("seen", "yes")])
        .await;
    assert_eq!(r.status, 422);
    let r = e
        .post(
            "/seen",
            &[("assessment", &id.0.to_string()), ("seen", "maybe")],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(top(&e.get("/dashboard").await.body));

    let r = e
        .post(
            "/seen",
            &[("assessment", &id.0.to_string()), ("seen", "yes")],
        )
        .await;
    assert_eq!(r.location(), "/dashboard");
    let page = e.get("/dashboard").await.body;
    assert!(!top(&page), "the banner moved down: {page}");
    let today = app.clock.today(None).to_string();
    let card = &page[page.find(r#"<h2 id="today-title""#).unwrap()..];
    for want in [
        result.triage.title.as_str(),
        result.triage.action.as_str(),
        "saw you about this result on ",
        today.as_str(),
        "If it gets worse, or the problem comes back, do this again:",
        "Your exercise plan stays on hold",
        "I have not been seen yet",
    ] {
        assert!(
            card.contains(&want.replace('\'', "&#39;")),
            "{want:?} in {card}"
        );
    }
    assert!(!page.contains("Today's exercises"), "still no exercises");
    assert_eq!(e.get("/session").await.location(), "/plan");
    assert_eq!(
        e.get("/result").await.body,
        result_page,
        "the result as issued"
    );
    e.get("/lang/es").await;
    let es = e.get("/dashboard").await.body;
    assert!(es.contains("Todavía no me han atendido"), "{es}");
    e.get("/lang/en").await;

    // A linked clinician sees what the patient said.
    let doc = app
        .create_user("seen-doc@example.org", backcare_storage::Role::Clinician)
        .await;
    app.link(who, doc).await;
    let mut d = app.client();
    log_in(&mut d, "seen-doc@example.org", PASSWORD).await;
    let record = d.get(&format!("/clinician/patients/{}", who.0)).await.body;
    assert!(
        record.contains(&format!(
            "The patient says they have been seen about this result (on {today})."
        )),
        "{record}"
    );

    // Taking it back puts the banner at the top again.
    let r = e
        .post(
            "/seen",
            &[("assessment", &id.0.to_string()), ("seen", "no")],
        )
        .await;
    assert_eq!(r.location(), "/dashboard");
    assert!(top(&e.get("/dashboard").await.body));
}

/// A patient signed up through the pages whose one result is an emergency (a "yes" to a
/// change in bladder control), saved as the intake pages would: the client, their id, the
/// result's id and the result.
async fn emergency_patient(
    app: &TestApp,
    email: &str,
) -> (
    Client,
    UserId,
    backcare_storage::AssessmentId,
    backcare_core::Assessment,
) {
    let mut e = app.client();
    sign_up(&mut e, email).await;
    let who = user_id(app, email).await;
    let mut intake: backcare_core::Intake =
        serde_json::from_str(&crate::example_text(INTAKE)).unwrap();
    intake.bladder_change = backcare_core::intake::Answer::Yes;
    let result = backcare_core::assess(&intake);
    assert_eq!(result.triage.level, backcare_core::triage::Level::Emergency);
    let id = app
        .store
        .save_assessment(
            who,
            &serde_json::to_value(&intake).unwrap(),
            &serde_json::to_value(&result).unwrap(),
            app.clock.now(),
        )
        .await
        .unwrap();
    (e, who, id, result)
}

/// The plan and progress pages are kept (issue 14's speed), but never shown stale: a diary
/// day written by any instance (here straight into the database, as another instance would),
/// a new day, another language or another patient each get their own page.
async fn kept_pages_follow_the_record_and_the_day(app: TestApp) {
    let (mut c, id) = assessed_patient(&app, "kept@example.org").await;
    let first = c.get("/progress").await;
    assert_eq!(first.status, 200);
    assert_eq!(
        c.get("/progress").await.body,
        first.body,
        "the same page again"
    );
    let plan = c.get("/plan").await;
    assert_eq!(plan.status, 200);
    assert_eq!(c.get("/plan").await.body, plan.body);
    // Another writer changes the record: the next page shows it.
    let today = app.clock.today(None);
    let entry = backcare_storage::DiaryEntry {
        day: today,
        pain: 7,
        sessions_done: 1,
        minutes_walked: 5,
        flare_up: false,
        notes: "written elsewhere".into(),
    };
    app.store
        .upsert_diary_entry(id, &entry, app.clock.now())
        .await
        .unwrap();
    // Each chart drawn twice, for a phone and a wider screen.
    assert_eq!(
        first.body.matches(r#"class="empty""#).count(),
        2 * 2,
        "no pain and no sessions before the diary: {}",
        first.body
    );
    let after = c.get("/progress").await;
    assert_ne!(
        after.body, first.body,
        "a diary day changes the progress page"
    );
    assert!(
        !after.body.contains(r#"class="empty""#),
        "the pain and the sessions logged this week are both charted: {}",
        after.body
    );
    let pain_table = after
        .body
        .split("<caption>Pain over time</caption>")
        .nth(1)
        .and_then(|rest| rest.split("</table>").next())
        .expect("the pain chart's table");
    assert!(
        pain_table.contains("<td>7</td>"),
        "today's pain in the pain chart's table: {pain_table}"
    );
    // The same day changed again within the same second still shows.
    let entry = backcare_storage::DiaryEntry { pain: 2, ..entry };
    app.store
        .upsert_diary_entry(id, &entry, app.clock.now())
        .await
        .unwrap();
    assert_ne!(c.get("/progress").await.body, after.body);
    // Another language is another page.
    c.get("/lang/es").await;
    let es = c.get("/progress").await;
    assert!(es.body.contains("lang=\"es\""), "{}", es.body);
    c.get("/lang/en").await;
    // Another day is another page (the plan's week moves with it).
    days_pass(&app, 8);
    log_in(&mut c, "kept@example.org", PASSWORD).await;
    let later = c.get("/plan").await;
    assert!(later.body.contains("Week 2"), "{}", later.body);
    // Another patient never gets this one's page.
    let (mut other, _) = assessed_patient(&app, "kept-other@example.org").await;
    let theirs = other.get("/progress").await;
    assert!(
        !theirs.body.contains("written elsewhere") && !theirs.body.contains("kept@example.org")
    );
}

/// The intake of the demo patient (a lifting strain, self-care), in `examples/`.
const INTAKE: &str = "self-care-lifting-strain.json";

/// A patient who has just answered the questions (the example intake, saved now by the
/// server's clock): today is day 0 of week 1 of their plan.
async fn assessed_patient(app: &TestApp, email: &str) -> (Client, UserId) {
    let mut c = app.client();
    sign_up(&mut c, email).await;
    let id = user_id(app, email).await;
    let mut intake: backcare_core::Intake =
        serde_json::from_str(&crate::example_text(INTAKE)).unwrap();
    intake.language = backcare_core::Lang::En;
    let result = backcare_core::assess(&intake);
    app.store
        .save_assessment(
            id,
            &serde_json::to_value(&intake).unwrap(),
            &serde_json::to_value(&result).unwrap(),
            app.clock.now(),
        )
        .await
        .unwrap();
    (c, id)
}

/// Moves the server's clock on by `days` days.
fn days_pass(app: &TestApp, days: i64) {
    assert!(
        app.clock.advance(Duration::days(days)),
        "a test clock moves"
    );
}

/// A patient who answered the questions 8 days ago by the server's clock, and has kept no
/// diary: today is in week 2 of their plan.
async fn patient_in_week_two(app: &TestApp, email: &str) -> (Client, UserId) {
    let (mut c, id) = assessed_patient(app, email).await;
    days_pass(app, 8);
    // Eight days away ended the session (a patient's ends after 3 days unused).
    log_in(&mut c, email, PASSWORD).await;
    (c, id)
}

/// Lives through week 1 of the plan a day at a time, from the day of the assessment: on
/// each of its 7 days every `(patient, flare)` logs that day through the diary form (one
/// session, 30 minutes of walking, pain 3; with `flare`, the fourth day is a flare-up with
/// pain 7), then the clock moves on a day. It ends on day 8, in week 2.
async fn live_week_one(app: &TestApp, diarists: &mut [(&mut Client, bool)]) {
    for i in 0..7 {
        for (c, flare) in diarists.iter_mut() {
            let flare_day = *flare && i == 3;
            log_today(app, c, flare_day).await;
        }
        days_pass(app, 1);
    }
    days_pass(app, 1);
}

/// Logs today (by the server's clock) through the diary form.
async fn log_today(app: &TestApp, c: &mut Client, flare_day: bool) {
    let day = app.clock.now().date().to_string();
    c.get("/diary").await;
    let pain = if flare_day { "7" } else { "3" };
    let r = c
        .post(
            "/diary",
            &[
                ("day", day.as_str()),
                ("pain", pain),
                ("sessions", "1"),
                ("minutes", "30"),
                ("flare_up", if flare_day { "yes" } else { "no" }),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{day}: {}", r.body);
}

/// The walking minutes a day on the plan page.
fn walking_minutes(plan: &str) -> u16 {
    let before = plan
        .split(" minutes of walking a day")
        .next()
        .expect("a walking goal");
    let number = before.rsplit("<strong>").next().unwrap();
    number.trim_end_matches("</strong>").trim().parse().unwrap()
}

/// The dose lines of the exercises ("How much: ...").
fn doses(plan: &str) -> Vec<String> {
    plan.split("How much:</strong>")
        .skip(1)
        .map(|rest| rest[..rest.find("</p>").unwrap()].trim().to_owned())
        .collect()
}

async fn the_plan_adapts_to_the_diary(app: TestApp) {
    // Two patients with the same answers on the same day; one keeps the diary in week 1.
    let (mut quiet, _) = assessed_patient(&app, "adapt-quiet@example.org").await;
    let (mut c, _) = assessed_patient(&app, "adapt@example.org").await;
    live_week_one(&app, &mut [(&mut c, false)]).await;
    // The quiet one's session ended while unused: they log in again.
    log_in(&mut quiet, "adapt-quiet@example.org", PASSWORD).await;
    let before = quiet.get("/plan").await;
    assert_eq!(before.status, 200);
    assert!(before.body.contains("Week 2"), "{}", before.body);
    assert!(
        before.body.contains("We have no check-in for week 1"),
        "a week with no diary holds the plan: {}",
        before.body
    );
    assert!(before.body.contains(r#"href="/diary""#));
    let after = c.get("/plan").await;
    assert_eq!(after.status, 200);
    assert!(after.body.contains("Week 2"), "{}", after.body);
    assert!(
        after.body.contains("you did 5 of 5 sessions") || after.body.contains("You did 5 of 5"),
        "7 logged sessions, capped at the 5 planned: {}",
        after.body
    );
    assert!(after.body.contains("go up one step"), "{}", after.body);
    assert_ne!(
        doses(&before.body),
        doses(&after.body),
        "the doses moved on"
    );
    assert!(
        walking_minutes(&after.body) > walking_minutes(&before.body),
        "30 minutes walked a day: the walking goal rises"
    );
    // The print view is the same adapted plan.
    let print = c.get("/plan/print").await;
    assert_eq!(print.status, 200);
    for dose in doses(&after.body).iter().take(1) {
        let first = dose.split(" · ").next().unwrap();
        assert!(print.body.contains(first), "{first} in the print view");
    }
}

async fn a_flare_up_in_the_diary_does_not_raise_the_load(app: TestApp) {
    // Three patients with the same answers on the same day: one keeps no diary, one has a
    // good week, one a week with a flare-up.
    let (mut held, _) = assessed_patient(&app, "held@example.org").await;
    let (mut good, _) = assessed_patient(&app, "good@example.org").await;
    let (mut c, _) = assessed_patient(&app, "flare@example.org").await;
    live_week_one(&app, &mut [(&mut good, false), (&mut c, true)]).await;
    log_in(&mut held, "held@example.org", PASSWORD).await; // their session went idle
    let hold = held.get("/plan").await.body;
    let progressed = good.get("/plan").await.body;
    let flare = c.get("/plan").await;
    assert_eq!(flare.status, 200);
    assert!(
        flare.body.contains("You had a flare-up last week"),
        "{}",
        flare.body
    );
    assert!(!flare.body.contains("go up one step"));
    // The same week with a flare-up: nothing goes up, where a good week went up.
    assert!(walking_minutes(&flare.body) <= walking_minutes(&hold));
    assert!(walking_minutes(&flare.body) < walking_minutes(&progressed));
    assert_ne!(doses(&flare.body), doses(&progressed));
    for dose in doses(&flare.body) {
        assert!(
            !doses(&progressed).contains(&dose) || doses(&hold).contains(&dose),
            "{dose} is a raised dose"
        );
    }
}

/// The fields of a questionnaire page, choosing for every question the value `pick` gives
/// (by question key and the values offered), plus the pain now.
fn answers(
    body: &str,
    pain: &str,
    pick: impl Fn(&str, &[String]) -> Option<String>,
) -> Vec<(String, String)> {
    let mut offered: Vec<(String, Vec<String>)> = Vec::new();
    for input in body.split("<input type=\"radio\"").skip(1) {
        let input = input.split('>').next().unwrap();
        let name = input
            .split("name=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let value = input
            .split("value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        match offered.iter_mut().find(|(n, _)| n == name) {
            Some((_, values)) => values.push(value.to_owned()),
            None => offered.push((name.to_owned(), vec![value.to_owned()])),
        }
    }
    let mut fields: Vec<(String, String)> = offered
        .iter()
        .filter_map(|(name, values)| Some((name.clone(), pick(name, values)?)))
        .collect();
    fields.push(("pain_now".into(), pain.into()));
    fields
}

/// Answers a questionnaire and follows the redirect to its result.
async fn answer(
    c: &mut Client,
    slug: &str,
    pain: &str,
    pick: impl Fn(&str, &[String]) -> Option<String>,
) -> Resp {
    let form = c.get(&format!("/reassess/{slug}")).await;
    assert_eq!(form.status, 200);
    let fields = answers(&form.body, pain, pick);
    let r = post_owned(c, &format!("/reassess/{slug}"), &fields).await;
    assert_eq!(r.status, 303, "{slug}: {}", r.body);
    assert_eq!(r.location(), format!("/reassess/{slug}?saved=1"));
    let page = c.get(r.location()).await;
    assert_eq!(page.status, 200);
    page
}

async fn each_questionnaire_saves_and_explains_the_change(app: TestApp) {
    let (mut c, id) = patient_in_week_two(&app, "reassess@example.org").await;
    // The intake's ODI is 31% (14 of 45 points); all sections at 1 is 9 of 45 = 20%... so
    // use 0 everywhere but one section at 2: 2 of 50 = 4%, a fall of 27 points.
    let odi = answer(&mut c, "odi", "2", |key, _| {
        Some(if key == "lifting" { "2" } else { "0" }.to_owned())
    })
    .await;
    let body = &odi.body;
    assert!(
        body.contains("Your disability score (Oswestry) is 4%"),
        "{body}"
    );
    assert!(
        body.contains("fell by 27 points, from 31 to 4")
            && body.contains("A fall of 10 or more is a real, noticeable improvement"),
        "the change is explained against the minimal important change: {body}"
    );
    assert!(body.contains("Your pain right now"));
    assert!(
        body.contains("fell by 3 points, from 5 to 2"),
        "pain now: {body}"
    );
    assert!(body.contains("not the official wording"));

    // RMDQ was never measured: the first time says so; the second compares.
    let first = answer(&mut c, "rmdq", "4", |key, _| {
        Some((key.parse::<u8>().unwrap() <= 10).to_string())
    })
    .await;
    assert!(first.body.contains("is 10 out of 24"), "{}", first.body);
    assert!(
        first
            .body
            .contains("first time you answered these questions")
    );
    let second = answer(&mut c, "rmdq", "4", |key, _| {
        Some((key.parse::<u8>().unwrap() <= 3).to_string())
    })
    .await;
    assert!(
        second.body.contains("fell by 7 points, from 10 to 3")
            && second
                .body
                .contains("A fall of 5 or more is a real, noticeable improvement"),
        "{}",
        second.body
    );
    // A small rise is not a real change.
    let third = answer(&mut c, "rmdq", "4", |key, _| {
        Some((key.parse::<u8>().unwrap() <= 5).to_string())
    })
    .await;
    assert!(
        third.body.contains("rose by 2 points, from 3 to 5")
            && third.body.contains("does not count as a real change yet"),
        "{}",
        third.body
    );

    // STarT Back: the intake put the person in a group; disagreeing with everything and
    // "not at all" is low risk.
    let sb = answer(&mut c, "startback", "1", |_, values| {
        Some(if values.iter().any(|v| v == "false") {
            "false".to_owned()
        } else {
            "not_at_all".to_owned()
        })
    })
    .await;
    assert!(
        sb.body.contains("Your STarT Back score is 0 out of 9"),
        "{}",
        sb.body
    );
    assert!(
        sb.body.contains("Your STarT Back group went down from"),
        "{}",
        sb.body
    );

    // Stored as JSON the export and the clinician page can read.
    let saved = app.store.reassessments(id).await.unwrap();
    assert_eq!(saved.len(), 5);
    let odi_json = &saved[0].scores;
    assert_eq!(odi_json["instrument"], "odi");
    assert_eq!(odi_json["answers"]["lifting"], "2");
    assert_eq!(odi_json["scores"]["odi"]["scored"]["percent"], 4);
    assert_eq!(odi_json["pain_now"], 2);
    assert_eq!(saved[1].scores["scores"]["rmdq"]["score"], 10);
    assert!(saved[4].scores["date"].is_string());

    // In Spanish too.
    c.accept_language = Some("es".into());
    let es = c.get("/reassess/rmdq?saved=1").await;
    assert!(es.body.contains("subió 2 puntos, de 3 a 5"), "{}", es.body);
}

async fn bad_answers_are_kept_and_explained(app: TestApp) {
    let (mut c, id) = patient_in_week_two(&app, "bad@example.org").await;
    let form = c.get("/reassess/startback").await;
    assert!(form.body.contains("<fieldset"));
    assert!(form.body.contains("<legend>1. "));
    // Everything answered except item 3, a made-up value for item 5, and pain 11.
    let fields = answers(&form.body, "11", |key, values| match key {
        "walking_limited" => None,
        "unsafe_to_be_active" => Some("maybe".into()),
        _ => values.first().cloned(),
    });
    let r = post_owned(&mut c, "/reassess/startback", &fields).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let body = &r.body;
    assert!(body.contains("Please give a whole number from 0 to 10."));
    assert!(body.contains(r#"value="11""#), "the typed pain is kept");
    assert!(body.contains(r#"id="q-walking_limited-error""#), "{body}");
    assert!(body.contains("Please choose an answer to this question."));
    assert!(body.contains(r#"id="q-unsafe_to_be_active-error""#));
    assert!(body.contains("Please choose one of the answers shown."));
    // Other answers stay chosen.
    let leg = body
        .split(r#"id="q-leg_pain-"#)
        .nth(1)
        .map(|s| s.split('>').next().unwrap().to_owned())
        .unwrap();
    assert!(leg.contains("checked"), "{leg}");
    assert!(
        app.store.reassessments(id).await.unwrap().is_empty(),
        "nothing saved"
    );
    // An empty form is refused the same way, and an unknown questionnaire is not found.
    let r = c.post("/reassess/odi", &[]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("Please rate your pain right now"));
    assert_eq!(c.get("/reassess/sf36").await.status, 404);
    assert_eq!(c.post("/reassess/sf36", &[]).await.status, 404);
    // In Spanish.
    c.accept_language = Some("es".into());
    let r = post_owned(&mut c, "/reassess/startback", &fields).await;
    assert_eq!(r.status, 422);
    assert!(
        r.body.contains("Escriba un número entero del 0 al 10"),
        "{}",
        r.body
    );
}

async fn reassess_overview_says_when_each_is_due(app: TestApp) {
    // One patient answers the intake (with STarT Back and ODI, no RMDQ), another one 20
    // days later; 20 more days on, the first intake is 40 days old, the second 20.
    let (_, late_id) = assessed_patient(&app, "late@example.org").await;
    days_pass(&app, 20);
    let (_, id) = assessed_patient(&app, "due@example.org").await;
    days_pass(&app, 20);
    for (patient, intake) in [(late_id, 40), (id, 20)] {
        let answered = app.store.assessments(patient).await.unwrap()[0].created_at;
        assert_eq!((app.clock.now() - answered).whole_days(), intake);
    }
    // Sessions last 14 days: both log in again.
    let mut c = app.client();
    assert_eq!(
        log_in(&mut c, "due@example.org", PASSWORD).await.status,
        303
    );
    let page = c.get("/reassess").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    assert!(body.contains("every 2 to 4 weeks"), "{body}");
    assert_eq!(
        body.matches("It is a good time to answer again").count(),
        2,
        "{body}"
    );
    assert!(
        body.contains("You have not answered these questions yet"),
        "RMDQ"
    );
    for slug in ["startback", "odi", "rmdq"] {
        assert!(body.contains(&format!(r#"href="/reassess/{slug}""#)));
    }
    // Answered today: not due for two weeks.
    answer(&mut c, "rmdq", "3", |_, _| Some("false".into())).await;
    let page = c.get("/reassess").await;
    let from = (app.clock.now().date() + Duration::days(14)).to_string();
    assert!(page.body.contains(&from), "{}", page.body);
    // Over four weeks: overdue.
    let mut late = app.client();
    assert_eq!(
        log_in(&mut late, "late@example.org", PASSWORD).await.status,
        303
    );
    let page = late.get("/reassess").await;
    assert!(page.body.contains("more than 4 weeks ago"), "{}", page.body);
    // The dashboard links here and to the progress page.
    let dash = c.get("/dashboard").await;
    assert!(dash.body.contains(r#"href="/reassess""#) && dash.body.contains(r#"href="/progress""#));
}

async fn progress_shows_charts_with_titles_and_tables_in_both_languages(app: TestApp) {
    let (mut c, _) = assessed_patient(&app, "progress@example.org").await;
    let empty = c.get("/progress").await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("Nothing to show yet"), "{}", empty.body);
    live_week_one(&app, &mut [(&mut c, false)]).await;
    answer(&mut c, "odi", "2", |key, _| {
        Some(if key == "lifting" { "2" } else { "0" }.to_owned())
    })
    .await;
    let page = c.get("/progress").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    crate::assert_only_the_page_script(body);
    // Pain, ODI (intake + reassessment), STarT Back (intake) and adherence, each drawn for
    // a phone and for a wider screen.
    assert_eq!(body.matches("<svg").count(), 8, "{body}");
    assert_eq!(body.matches(r#" chart-phone" "#).count(), 4, "{body}");
    assert_eq!(body.matches(r#" chart-wide" "#).count(), 4, "{body}");
    assert!(body.contains(r#"role="img""#));
    for title in [
        r#"-title">Pain over time</title>"#,
        r#"-title">Exercise sessions per week</title>"#,
    ] {
        assert!(body.contains(title), "{title}: {body}");
    }
    assert!(body.contains("chart-odi") && body.contains("chart-start-back"));
    assert!(!body.contains("chart-rmdq"), "RMDQ was never measured");
    // One date range across the dated charts: the same date labels under each.
    let dates = |kind: &str| -> Vec<String> {
        let svg = &body[body
            .find(&format!(r#"chart chart-{kind} chart-phone""#))
            .unwrap()..];
        let svg = &svg[..svg.find("</svg>").unwrap()];
        svg.split(r#"class="xtick""#)
            .skip(1)
            .map(|t| t[t.find('>').unwrap() + 1..t.find('<').unwrap()].to_owned())
            .collect()
    };
    assert!(dates("pain").len() >= 2, "{body}");
    assert_eq!(dates("pain"), dates("odi"));
    assert_eq!(dates("pain"), dates("start-back"));
    assert!(body.contains("<details class=\"chart-data\"><summary>Show the numbers as a table"));
    assert_eq!(body.matches("<table class=\"chart-table\">").count(), 4);
    assert!(body.contains("<caption>Pain over time</caption>"));
    // The summary in words: pain from the diary, the ODI change, last week's sessions.
    assert!(body.contains("your pain went from 3 out of 10"), "{body}");
    assert!(body.contains("fell by 27 points, from 31 to 4"), "{body}");
    assert!(
        body.contains("In week 1 of your plan you did 5 of the 5"),
        "{body}"
    );
    assert!(body.contains(r#"href="/diary""#) && body.contains(r#"href="/reassess""#));

    c.accept_language = Some("es".into());
    let es = c.get("/progress").await;
    assert_eq!(es.status, 200);
    assert!(
        es.body
            .contains(r#"-title">Dolor a lo largo del tiempo</title>"#),
        "{}",
        es.body
    );
    assert!(
        es.body
            .contains(r#"-title">Sesiones de ejercicio por semana</title>"#)
    );
    assert!(es.body.contains("Ver los números en una tabla"));
    assert!(es.body.contains("Su progreso"));
    assert!(es.body.contains("bajó 27 puntos, de 31 a 4"), "{}", es.body);
}

async fn another_patients_data_never_appears(app: TestApp) {
    let (mut a, _) = assessed_patient(&app, "mine@example.org").await;
    live_week_one(&app, &mut [(&mut a, false)]).await;
    answer(&mut a, "rmdq", "4", |key, _| {
        Some((key.parse::<u8>().unwrap() <= 17).to_string())
    })
    .await;
    let mut b = app.client();
    sign_up(&mut b, "theirs@example.org").await;
    for path in ["/progress", "/reassess", "/reassess/rmdq?saved=1", "/plan"] {
        let page = b.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(!page.body.contains("17 out of 24"), "{path}: {}", page.body);
        assert!(!page.body.contains("your pain went from"), "{path}");
        assert!(!page.body.contains("chart-rmdq"), "{path}");
    }
    // B's progress has no entries and no scores, and B has not answered RMDQ: the form.
    let progress = b.get("/progress").await;
    assert!(progress.body.contains("Nothing to show yet"));
    assert!(b.get("/reassess/rmdq?saved=1").await.body.contains("<form"));
}

async fn the_demo_patient_has_progress_to_show(app: TestApp) {
    // The demo makes its own four weeks of history, ending at the server's now.
    backcare_web::demo::seed(&app.store, app.clock.now())
        .await
        .unwrap();
    let mut c = app.client();
    let r = crate::log_in(
        &mut c,
        backcare_web::demo::PATIENT_EMAIL,
        backcare_web::demo::PASSWORD,
    )
    .await;
    assert_eq!(r.status, 303);
    let page = c.get("/progress").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    // Pain, ODI, RMDQ, STarT Back and adherence, with real improvements marked, each
    // drawn for a phone and a wider screen.
    assert_eq!(body.matches("<svg").count(), 5 * 2, "{body}");
    assert!(body.contains("chart-rmdq") && body.contains("chart-odi"));
    assert!(
        body.contains("fell by 7 points, from 11 to 4")
            && body.contains("A fall of 5 or more is a real, noticeable improvement"),
        "RMDQ: {body}"
    );
    assert!(body.contains("from 31 to 16"), "ODI: {body}");
    // The plan is in its third week, moved on by two weeks of diary.
    let plan = c.get("/plan").await;
    assert!(plan.body.contains("Week 3"), "{}", plan.body);
    assert!(!plan.body.contains("We have no check-in"), "{}", plan.body);
}
