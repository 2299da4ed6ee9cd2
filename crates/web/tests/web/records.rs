//! Records as issued: a stored result is shown as the person was given it, a record that
//! cannot be read is shown (and logged, and reported over FHIR) rather than skipped, and
//! when today's rules would give another level the clinician sees both.

use std::io::Write;
use std::sync::{LazyLock, Mutex, OnceLock};

use backcare_core::record::IssuedAssessment;
use backcare_core::triage::Level;
use backcare_core::{Intake, assess};
use backcare_storage::{Role, TokenScope, UserId};
use time::OffsetDateTime;

use crate::client::Client;
use crate::{PASSWORD, TestApp, log_in, sign_up, user_id};

on_both_backends!(
    a_record_that_cannot_be_read_is_shown_first_logged_and_reported,
    the_issued_level_stays_and_the_clinician_sees_both,
    an_unreadable_reassessment_is_shown_with_its_date_and_logged,
    an_unreadable_intake_draft_is_told_and_the_wizard_starts_again,
    the_panel_badge_says_a_record_could_not_be_read,
);

static MINIMAL: LazyLock<String> = LazyLock::new(|| crate::example_text("minimal.json"));
static CAUDA_EQUINA: LazyLock<String> =
    LazyLock::new(|| crate::example_text("emergency-cauda-equina.json"));

/// Everything the server logs, from every test of this binary (it runs in this process).
fn log() -> &'static Mutex<Vec<u8>> {
    static LOG: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    static INSTALLED: OnceLock<()> = OnceLock::new();
    let log = LOG.get_or_init(|| Mutex::new(Vec::new()));
    INSTALLED.get_or_init(|| {
        struct Sink;
        impl Write for Sink {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if let Some(log) = LOG.get() {
                    log.lock().unwrap().extend_from_slice(buf);
                }
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_max_level(tracing::Level::WARN)
            .with_writer(|| Sink)
            .finish();
        // Another test binary's subscriber cannot be here: one binary, one process.
        tracing::subscriber::set_global_default(subscriber).unwrap();
    });
    log
}

fn logged() -> String {
    String::from_utf8_lossy(&log().lock().unwrap()).into_owned()
}

fn intake(json: &str) -> Intake {
    serde_json::from_str(json).unwrap()
}

/// Stores `intake` (any JSON object) with a result issued for `issued_for` whose level is
/// then set to `level`, as if an older rule table had given it; the record's id.
async fn store_issued(
    app: &TestApp,
    user: UserId,
    intake_json: serde_json::Value,
    issued_for: &Intake,
    level: Level,
) -> i64 {
    let mut issued = IssuedAssessment::issue(issued_for, &assess(issued_for));
    issued.result.triage.level = level;
    issued.result.triage.title = level.title().get(issued_for.language).to_owned();
    let (_, result) = issued.encode().unwrap();
    app.store
        .save_assessment(user, &intake_json, &result, OffsetDateTime::now_utc())
        .await
        .unwrap()
        .0
}

async fn clinician(app: &TestApp, email: &str) -> (UserId, Client) {
    let id = app.create_user(email, Role::Clinician).await;
    let mut c = app.client();
    log_in(&mut c, email, PASSWORD).await;
    (id, c)
}

async fn patient(app: &TestApp, email: &str) -> (UserId, Client) {
    let mut c = app.client();
    sign_up(&mut c, email).await;
    (user_id(app, email).await, c)
}

/// Where `needle` first appears in `body` (panics if it does not).
fn at(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {body}"))
}

async fn a_record_that_cannot_be_read_is_shown_first_logged_and_reported(app: TestApp) {
    log();
    let (doc, mut dc) = clinician(&app, "doc-unreadable@example.org").await;
    // An emergency that reads well, and a record that does not: the unreadable one still
    // comes first (alphabetically it would come second).
    let (amy, _) = patient(&app, "amy-emergency@example.org").await;
    let (zed, mut zc) = patient(&app, "zed-unreadable@example.org").await;
    app.link(amy, doc).await;
    app.link(zed, doc).await;
    let cauda = intake(&CAUDA_EQUINA);
    store_issued(
        &app,
        amy,
        serde_json::to_value(&cauda).unwrap(),
        &cauda,
        Level::Emergency,
    )
    .await;
    // The intake no longer fits the intake format (a field of the wrong type); the result
    // part still says which level was given.
    let broken = serde_json::json!({"age": "forty", "pain_areas": ["low"]});
    let id = store_issued(&app, zed, broken, &intake(&MINIMAL), Level::Urgent).await;
    let today = OffsetDateTime::now_utc().date().to_string();

    let panel = dc.get("/clinician").await;
    assert_eq!(panel.status, 200);
    let first_row = at(&panel.body, "<tbody>");
    let zed_at = at(&panel.body, "zed-unreadable@example.org");
    let amy_at = at(&panel.body, "amy-emergency@example.org");
    assert!(first_row < zed_at && zed_at < amy_at, "{}", panel.body);
    let unreadable = at(
        &panel.body,
        &format!("Could not be read: an assessment saved on {today}."),
    );
    assert!(unreadable > zed_at && unreadable < amy_at, "{}", panel.body);
    assert!(
        panel.body[zed_at..amy_at].contains("Urgent: see a doctor today"),
        "the stored level is shown: {}",
        panel.body
    );

    // The clinician's record of that patient and the patient's own result page say so.
    let record = dc.get(&format!("/clinician/patients/{}", zed.0)).await;
    assert_eq!(record.status, 200);
    assert!(
        record.body.contains("This record could not be read"),
        "{}",
        record.body
    );
    for path in ["/result".to_owned(), format!("/result/{id}")] {
        let page = zc.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            page.body.contains("This record could not be read"),
            "{path}: {}",
            page.body
        );
        assert!(page.body.contains(&today), "{path}: {}", page.body);
        assert!(
            page.body
                .contains("The level it gave was: Urgent: see a doctor today."),
            "{path}: {}",
            page.body
        );
    }

    // No plan is made from what could not be read.
    let plan = zc.get("/plan").await;
    assert!(
        plan.body.contains("This record could not be read"),
        "{}",
        plan.body
    );

    // FHIR `$everything` says so in an OperationOutcome inside the Bundle.
    let t = crate::fhir::token(&app, zed, TokenScope::Patient, "unreadable").await;
    let r = crate::fhir::get(&app, &format!("/fhir/Patient/{}/$everything", zed.0), &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let bundle: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let outcome = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "OperationOutcome")
        .unwrap_or_else(|| panic!("no OperationOutcome in {}", r.body));
    let text = outcome["issue"][0]["diagnostics"].as_str().unwrap();
    assert_eq!(outcome["issue"][0]["severity"], "error");
    assert!(
        text.contains(&format!("(id {id}) could not be read")),
        "{text}"
    );
    assert!(text.contains("stored triage level: urgent"), "{text}");

    // And the server logged it at error level with the record's id.
    let log = logged();
    assert!(
        log.lines().any(|l| l.contains("ERROR")
            && l.contains("a stored record could not be read")
            && l.contains(&format!("id={id} "))),
        "{log}"
    );
}

async fn the_issued_level_stays_and_the_clinician_sees_both(app: TestApp) {
    let (doc, mut dc) = clinician(&app, "doc-rules@example.org").await;
    // Amy was told "self care" for answers today's rules call an emergency; Bob was told
    // "urgent" for answers today's rules call less urgent.
    let (amy, mut ac) = patient(&app, "amy-changed@example.org").await;
    let (bob, mut bc) = patient(&app, "bob-changed@example.org").await;
    app.link(amy, doc).await;
    app.link(bob, doc).await;
    let cauda = intake(&CAUDA_EQUINA);
    let minimal = intake(&MINIMAL);
    let today_minimal = assess(&minimal).triage.level;
    assert!(today_minimal < Level::Urgent, "{today_minimal:?}");
    store_issued(
        &app,
        amy,
        serde_json::to_value(&cauda).unwrap(),
        &cauda,
        Level::SelfCare,
    )
    .await;
    store_issued(
        &app,
        bob,
        serde_json::to_value(&minimal).unwrap(),
        &minimal,
        Level::Urgent,
    )
    .await;
    let date = OffsetDateTime::now_utc().date().to_string();

    // Each patient sees what they were told, and a note that the rules have changed.
    let r = bc.get("/result").await;
    assert!(r.body.contains("triage-urgent"), "{}", r.body);
    assert!(r.body.contains("Urgent: see a doctor today"), "{}", r.body);
    assert!(
        r.body.contains("Our rules have changed since then"),
        "{}",
        r.body
    );
    let r = ac.get("/result").await;
    assert!(r.body.contains("triage-self_care"), "{}", r.body);
    assert!(
        r.body.contains("Our rules have changed since then"),
        "{}",
        r.body
    );
    assert!(r.body.contains("Emergency: get help now"), "{}", r.body);

    // The clinician sees both, and the panel sorts by the more urgent one: Amy (an
    // emergency by today's rules) before Bob (urgent as issued).
    let panel = dc.get("/clinician").await;
    let amy_at = at(&panel.body, "amy-changed@example.org");
    let bob_at = at(&panel.body, "bob-changed@example.org");
    assert!(amy_at < bob_at, "{}", panel.body);
    let amy_row = &panel.body[amy_at..bob_at];
    assert!(amy_row.contains("level-emergency"), "{amy_row}");
    // In clinician words, not the headings the patients were shown.
    assert!(
        amy_row.contains(&format!(
            "Issued: Self-care on {date}; with today&#39;s rules: Emergency<"
        )) || amy_row.contains(&format!(
            "Issued: Self-care on {date}; with today&#x27;s rules: Emergency<"
        )),
        "{amy_row}"
    );
    let record = dc.get(&format!("/clinician/patients/{}", bob.0)).await;
    assert!(record.body.contains("triage-urgent"), "{}", record.body);
    assert!(record.body.contains("levels-differ"), "{}", record.body);
    assert!(
        record.body.contains(&format!(
            "Issued: Urgent: same-day medical review on {date}"
        )),
        "{}",
        record.body
    );
}

/// Answers the RMDQ ("no" to every statement) through the page; the stored row.
async fn answer_rmdq(app: &TestApp, user: UserId, c: &mut Client) -> serde_json::Value {
    let mut fields: Vec<(String, String)> = (1..=24)
        .map(|k| (k.to_string(), "false".to_owned()))
        .collect();
    fields.push(("pain_now".to_owned(), "3".to_owned()));
    let r = crate::post_owned(c, "/reassess/rmdq", &fields).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let stored = app.store.reassessments(user).await.unwrap();
    stored.last().unwrap().scores.clone()
}

/// Whether the server logged at error level that the record `what` with `id` could not
/// be read.
fn logged_unreadable(what: &str, id: i64) -> bool {
    logged().lines().any(|l| {
        l.contains("ERROR")
            && l.contains("a stored record could not be read")
            && l.contains(&format!("record=\"{what}\""))
            && l.contains(&format!("id={id} "))
    })
}

async fn an_unreadable_reassessment_is_shown_with_its_date_and_logged(app: TestApp) {
    log();
    let (doc, mut dc) = clinician(&app, "doc-reassess@example.org").await;
    let (pat, mut pc) = patient(&app, "pat-reassess@example.org").await;
    app.link(pat, doc).await;
    let good = answer_rmdq(&app, pat, &mut pc).await;
    // The same row with one answer no longer one of the questionnaire's (the questionnaire
    // can still be read), and a row of a version no release wrote (nothing can).
    let mut bad_answer = good.clone();
    bad_answer["answers"]["1"] = serde_json::json!("sometimes");
    let now = app.clock.now();
    let bad = app
        .store
        .save_reassessment(pat, &bad_answer, now)
        .await
        .unwrap()
        .0;
    let unknown = app
        .store
        .save_reassessment(pat, &serde_json::json!({"version": 9}), now)
        .await
        .unwrap()
        .0;
    let today = now.date().to_string();

    let progress = pc.get("/progress").await;
    assert_eq!(progress.status, 200);
    let body = &progress.body;
    assert!(body.contains("This record could not be read"), "{body}");
    assert!(
        body.contains(&format!(
            "The answers you saved on {today} for &quot;Roland-Morris"
        )) || body.contains(&format!(
            "The answers you saved on {today} for &#34;Roland-Morris"
        )),
        "the questionnaire is named: {body}"
    );
    assert!(
        body.contains(&format!(
            "Answers to a questionnaire saved on {today} could not be read"
        )),
        "{body}"
    );
    // The readable one is still charted.
    assert!(body.contains("<svg"), "{body}");
    // The questionnaires page says so too: what is due is counted without it.
    let due = pc.get("/reassess").await;
    assert!(
        due.body.contains(&format!(
            "Answers to a questionnaire saved on {today} could not be read, so they are not counted below."
        )),
        "{}",
        due.body
    );

    pc.accept_language = Some("es".into());
    let es = pc.get("/progress").await;
    assert!(
        es.body.contains("No se pudo leer este registro"),
        "{}",
        es.body
    );
    assert!(
        es.body.contains(&format!(
            "No se pudieron leer las respuestas a un cuestionario guardadas el {today}"
        )),
        "{}",
        es.body
    );

    let record = dc.get(&format!("/clinician/patients/{}", pat.0)).await;
    assert_eq!(record.status, 200);
    assert!(
        record.body.contains(&format!(
            "Could not be read: a questionnaire saved on {today}."
        )),
        "{}",
        record.body
    );
    assert!(
        record
            .body
            .contains("Could not be read: answers to &quot;Roland-Morris")
            || record
                .body
                .contains("Could not be read: answers to &#34;Roland-Morris"),
        "{}",
        record.body
    );

    for id in [bad, unknown] {
        assert!(logged_unreadable("reassessment", id), "{id}: {}", logged());
    }
}

async fn an_unreadable_intake_draft_is_told_and_the_wizard_starts_again(app: TestApp) {
    log();
    let (pat, mut pc) = patient(&app, "pat-draft@example.org").await;
    let broken = serde_json::json!({"version": 2, "intake": {"age": "forty"}});
    app.store
        .save_intake_draft(pat, Some(&broken), app.clock.now())
        .await
        .unwrap();

    // Any step sends the person to the first, which says why.
    let r = pc.get("/intake/4").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/intake/1");
    let first = pc.get("/intake/1").await;
    assert_eq!(first.status, 200);
    assert!(
        first.body.contains("We could not read your saved answers."),
        "{}",
        first.body
    );
    assert!(
        first
            .body
            .contains("you need to start again from the first question"),
        "{}",
        first.body
    );
    pc.accept_language = Some("es".into());
    let es = pc.get("/intake/1").await;
    assert!(
        es.body
            .contains("No pudimos leer sus respuestas guardadas."),
        "{}",
        es.body
    );
    assert!(
        es.body.contains("tiene que empezar de nuevo"),
        "{}",
        es.body
    );
    pc.accept_language = None;
    assert!(logged_unreadable("intake draft", pat.0), "{}", logged());

    // Nothing is saved over the draft from a later step.
    let r = pc.post("/intake/4", &[("action", "next")]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), "/intake/1");
    assert_eq!(app.store.intake_draft(pat).await.unwrap(), Some(broken));

    // Saving the first step starts again: the notice is gone.
    let r = crate::post_step(
        &mut pc,
        1,
        &crate::no_to_everything(&first.body, &[("leg_weakness", "none")]),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let again = pc.get("/intake/1").await;
    assert!(
        !again.body.contains("We could not read your saved answers."),
        "{}",
        again.body
    );
}

async fn the_panel_badge_says_a_record_could_not_be_read(app: TestApp) {
    let (doc, mut dc) = clinician(&app, "doc-badge@example.org").await;
    // Abe has an emergency that reads well; Una has only a questionnaire that cannot be
    // read. Una still comes first, and her concern is not "no data yet".
    let (abe, _) = patient(&app, "abe-emergency@example.org").await;
    let (una, _) = patient(&app, "una-unreadable@example.org").await;
    app.link(abe, doc).await;
    app.link(una, doc).await;
    let cauda = intake(&CAUDA_EQUINA);
    store_issued(
        &app,
        abe,
        serde_json::to_value(&cauda).unwrap(),
        &cauda,
        Level::Emergency,
    )
    .await;
    app.store
        .save_reassessment(una, &serde_json::json!({"version": 9}), app.clock.now())
        .await
        .unwrap();

    let panel = dc.get("/clinician").await;
    assert_eq!(panel.status, 200);
    let una_at = at(&panel.body, "una-unreadable@example.org");
    let abe_at = at(&panel.body, "abe-emergency@example.org");
    assert!(una_at < abe_at, "{}", panel.body);
    // From Una's row to Abe's.
    let row_start = panel.body[..una_at].rfind("<tr").unwrap();
    let una_row = &panel.body[row_start..abe_at];
    assert!(una_row.contains("concern-row-unreadable"), "{una_row}");
    assert!(
        una_row.contains(
            r#"<span class="badge concern-unreadable">A record could not be read: check it</span>"#
        ),
        "{una_row}"
    );
    assert!(!una_row.contains("No data yet"), "{una_row}");
    // Abe's row keeps the concern rules' badge.
    assert!(
        panel.body[abe_at..].contains("concern-red_flag"),
        "{}",
        panel.body
    );

    // The record page says the same.
    let record = dc.get(&format!("/clinician/patients/{}", una.0)).await;
    assert!(
        record.body.contains("A record could not be read: check it"),
        "{}",
        record.body
    );
    assert!(!record.body.contains("No data yet"), "{}", record.body);
}
