//! The maintainers' own check of records as issued, on the real binary: `backcare serve
//! --demo` on an SQLite file, the demo patient's latest intake broken in that file while
//! the server is down (one field of the wrong type, as a bad migration or a hand edit
//! would leave it), the server started again on the same file, and the demo clinician's
//! panel read over HTTP. The patient must come first, marked "could not be read" with the
//! record's date and the level it gave, above a patient with an emergency; and the
//! server's log must name the record. (The web tests check the same on both backends;
//! this one checks the binary a maintainer runs.)

use backcare_storage::testing::block_on;
use sqlx::{Connection, SqliteConnection};

use crate::serve::{Server, Visitor, scratch_dir};

/// The demo patient (`crates/web/src/handlers/demo.rs`).
const DEMO_PATIENT: &str = "demo-patient@example.org";

/// A second patient, with an emergency, whose email sorts before the demo patient's.
const SOS: &str = "amy-sos@example.org";
const SOS_PASSWORD: &str = "a long enough password";

#[test]
fn a_corrupted_demo_intake_is_shown_first_as_unreadable_and_logged() {
    let tmp = scratch_dir("demo-corrupt");
    let dir = tmp.path();
    let file = dir.join("backcare.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let db = ["--database-url", url.as_str(), "--demo"];
    // The dates on the panel are the server's; UTC, whatever the machine's zone.
    let env = [("TZ", "UTC")];

    let mut server = Server::start_with(dir, &db, &env, "first");
    let mut amy = Visitor::new(server.addr);
    // One sign-in of the clinician per server: each takes a fresh two-factor code.
    let mut doc = clinician(server.addr);
    emergency_patient_linked_to_the_demo_clinician(&mut amy, &mut doc);
    // Before: the emergency leads, nothing is unreadable, nothing is logged.
    let before = panel(&mut doc);
    assert!(
        at(&before, SOS) < at(&before, DEMO_PATIENT),
        "the emergency comes first while every record reads: {before}"
    );
    assert!(!before.contains("Could not be read"), "{before}");
    server.kill();
    assert!(
        !std::fs::read_to_string(&server.log)
            .unwrap()
            .contains("could not be read")
    );

    let (id, saved_on) = corrupt_latest_intake(&url, DEMO_PATIENT);

    let server = Server::start_with(dir, &db, &env, "second");
    let after = panel(&mut clinician(server.addr));
    let body = &after[at(&after, "<tbody>")..];
    let (demo, sos) = (at(body, DEMO_PATIENT), at(body, SOS));
    assert!(
        demo < sos,
        "the unreadable record comes first, above the emergency: {after}"
    );
    let row = &body[demo..sos];
    assert!(
        row.contains(&format!(
            "Could not be read: an assessment saved on {saved_on}."
        )),
        "the demo patient's row says so, with the record's date: {after}"
    );
    assert!(
        row.contains("Self-care"),
        "the level it gave is still shown: {after}"
    );
    assert!(
        !body[sos..].contains("Could not be read"),
        "only the demo patient's record is unreadable: {after}"
    );

    let log = std::fs::read_to_string(&server.log).unwrap();
    assert!(
        log.lines().any(|l| l.contains("ERROR")
            && l.contains("a stored record could not be read")
            && names_id(l, id)),
        "the server logs the record's id ({id}) at error level: {log}"
    );
    drop(server);
}

/// Signs up [`SOS`], answers the first question with an emergency (which stops the
/// questions and saves the result) and redeems a share code of the demo clinician.
fn emergency_patient_linked_to_the_demo_clinician(amy: &mut Visitor, doc: &mut Visitor) {
    amy.get("/signup");
    let r = amy.post(
        "/signup",
        &[
            ("email", SOS),
            ("password", SOS_PASSWORD),
            ("consent", "yes"),
        ],
    );
    assert_eq!(r.status, 303, "sign-up: {}", r.body);
    amy.get("/intake/1");
    let r = amy.post("/intake/1", &[("bladder_change", "yes")]);
    assert_eq!(r.status, 303, "the emergency answer: {}", r.body);
    assert!(amy.get("/result").body.contains("Emergency: get help now"));

    let r = doc.post("/clinician/share-codes", &[]);
    assert_eq!(r.status, 200, "{}", r.body);
    let code = r
        .body
        .split(r#"<p class="code"><strong>"#)
        .nth(1)
        .and_then(|rest| rest.split("</strong>").next())
        .unwrap_or_else(|| panic!("no share code shown: {}", r.body))
        .to_owned();
    amy.get("/sharing");
    // The first share also says who she is: a clinician tells patients apart by name and
    // date of birth.
    let r = amy.post(
        "/sharing/redeem",
        &[
            ("code", &code),
            ("name", "Amy Stone"),
            ("birth_date", "1962-09-30"),
        ],
    );
    assert_eq!(r.status, 303, "redeeming the code: {}", r.body);
}

/// The demo clinician, logged in.
fn clinician(addr: std::net::SocketAddr) -> Visitor {
    let mut doc = Visitor::new(addr);
    let r = doc.log_in_as_demo_clinician();
    assert_eq!(r.status, 303, "the demo clinician logs in: {}", r.body);
    doc
}

/// The demo clinician's panel.
fn panel(doc: &mut Visitor) -> String {
    let page = doc.get("/clinician");
    assert_eq!(page.status, 200, "{}", page.body);
    page.body
}

/// Breaks the latest stored intake of `email` in the SQLite file at `url`: its age
/// becomes the text "forty", which no intake can hold. The record's id and the UTC date
/// it was saved on.
fn corrupt_latest_intake(url: &str, email: &str) -> (i64, time::Date) {
    block_on(async {
        let mut conn = SqliteConnection::connect(url).await.unwrap();
        let (id, created_at, intake): (i64, i64, String) = sqlx::query_as(
            "SELECT a.id, a.created_at, a.intake FROM assessments a \
             JOIN users u ON u.id = a.user_id WHERE u.email = $1 \
             ORDER BY a.created_at DESC, a.id DESC LIMIT 1",
        )
        .bind(email)
        .fetch_one(&mut conn)
        .await
        .expect("the demo patient has an assessment");
        let mut intake: serde_json::Value = serde_json::from_str(&intake).unwrap();
        assert!(intake["age"].is_number(), "{intake}");
        intake["age"] = "forty".into();
        let changed = sqlx::query("UPDATE assessments SET intake = $1 WHERE id = $2")
            .bind(intake.to_string())
            .bind(id)
            .execute(&mut conn)
            .await
            .unwrap()
            .rows_affected();
        assert_eq!(changed, 1);
        conn.close().await.unwrap();
        let saved = time::OffsetDateTime::from_unix_timestamp(created_at).unwrap();
        (id, saved.date())
    })
}

/// Where `needle` first appears in `body` (panics if it does not).
fn at(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {body}"))
}

/// Whether a log line names record `id` as a field of its own (` id=12`, not `id=123`
/// or `user_id=12`).
fn names_id(line: &str, id: i64) -> bool {
    let key = format!(" id={id}");
    line.match_indices(&key)
        .any(|(i, _)| !line[i + key.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn a_log_line_names_only_its_own_id() {
    assert!(names_id(
        "ERROR x: a stored record could not be read id=12 error=e",
        12
    ));
    assert!(names_id("... id=12", 12));
    assert!(!names_id("... id=123 error=e", 12));
    assert!(!names_id("... user_id=12 error=e", 12));
}
