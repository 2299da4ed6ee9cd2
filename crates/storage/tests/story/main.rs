//! The storage story, written once as an async function over a [`Store`] and run against
//! SQLite (a temporary file) and PostgreSQL (a fresh database on the server named by
//! `BACKCARE_TEST_POSTGRES_URL`, dropped afterwards).
//!
//! The PostgreSQL run FAILS when that variable is unset, unless `BACKCARE_SKIP_POSTGRES=1`
//! says to skip it: a test that skips itself silently cannot fail. `./scripts/test` starts
//! a throwaway server with `scripts/postgres` and sets the variable.

use std::sync::atomic::{AtomicU32, Ordering};

use backcare_storage::testing::{ScratchDatabase, block_on, postgres_url};
use backcare_storage::{
    AddedExercise, ClientId, DiaryEntry, DisplayName, DoseStep, EXPORT_KEPT, EXPORT_STALLED, Email,
    Error, ExportFile, ExportId, ExportStatus, Instruction, NewExport, NoteText, PasswordHash,
    Profession, Profile, Questionnaire, Role, Store, Tailoring, TokenHash, TokenScope, User,
    UserId, connect,
};
use serde_json::json;
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

#[test]
fn sqlite_story() {
    let dir = tempfile::Builder::new()
        .prefix("story-sqlite-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("story.db").display()
    );
    block_on(async {
        let store = connect(&url).await.expect("open SQLite");
        assert_eq!(store.backend_name(), "sqlite");
        store.migrate().await.expect("migrate SQLite");
        store.migrate().await.expect("migrating twice is a no-op");
        story(&store).await;
        store.close().await;
    });
}

#[test]
fn postgres_story() {
    let Some(admin_url) = postgres_url() else {
        return;
    };
    block_on(async {
        let db = format!(
            "backcare_story_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let scratch = ScratchDatabase::create(&admin_url, &db).await;
        let store = connect(scratch.url()).await.expect("open PostgreSQL");
        assert_eq!(store.backend_name(), "postgres");
        let outcome = async {
            store.migrate().await.expect("migrate PostgreSQL");
            store.migrate().await.expect("migrating twice is a no-op");
            // Run in a task so that a failed assertion still lets us drop the database.
            let s = store.clone();
            tokio::spawn(async move { story(&s).await }).await
        }
        .await;
        store.close().await;
        scratch.drop().await;
        if let Err(e) = outcome {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

const T0: OffsetDateTime = datetime!(2026-11-02 09:00 UTC);

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

fn hash(tag: &str) -> PasswordHash {
    PasswordHash::new(format!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA${tag}")).unwrap()
}

fn token(tag: &str) -> TokenHash {
    TokenHash::new(format!("sha256-{tag:0>32}")).unwrap()
}

fn day(d: Date, pain: u8) -> DiaryEntry {
    DiaryEntry {
        day: d,
        pain,
        sessions_done: 1,
        minutes_walked: 20,
        flare_up: false,
        notes: String::new(),
    }
}

fn invalid<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
    match r {
        Err(Error::Invalid(msg)) => msg,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

fn not_found<T: std::fmt::Debug>(r: Result<T, Error>) {
    assert!(
        matches!(r, Err(Error::NotFound)),
        "expected NotFound, got {r:?}"
    );
}

/// The whole life of a patient's data, against any backend.
async fn story(store: &Store) {
    let tables = store.table_names().await.unwrap();
    assert_eq!(
        tables,
        [
            "api_clients",
            "api_tokens",
            "assessments",
            "audit_log",
            "bulk_export_files",
            "bulk_export_patients",
            "bulk_exports",
            "client_assertions",
            "clinician_links",
            "clinician_notes",
            "consents",
            "diary_entries",
            "exercise_days",
            "fhir_resources",
            "intake_drafts",
            "jobs",
            "login_challenges",
            "login_failures",
            "mail_tokens",
            "plan_templates",
            "plan_versions",
            "profiles",
            "questionnaire_schedules",
            "reassessments",
            "recovery_codes",
            "reminder_settings",
            "reminders_sent",
            "seen_results",
            "sessions",
            "share_codes",
            "site_keys",
            "two_factor",
            "users"
        ]
    );

    // --- Sign up. Bad input is Invalid with a message that says what is wrong.
    assert!(invalid(Email::parse("ann.example.org")).contains("has no @"));
    assert!(invalid(PasswordHash::new("plain-text")).contains("PHC"));
    let ann = store
        .create_user(
            &email("  Ann@Example.ORG "),
            &hash("ann"),
            Role::Patient,
            T0,
        )
        .await
        .unwrap();
    assert_eq!(ann.email.as_str(), "ann@example.org");
    assert_eq!(ann.created_at, T0);
    // She agrees to the privacy notice: its version and the date are kept.
    store
        .record_consent(ann.id, "2026-12-03", T0)
        .await
        .unwrap();
    let dup = store
        .create_user(&email("ANN@example.org"), &hash("x"), Role::Patient, T0)
        .await;
    assert!(
        matches!(&dup, Err(Error::Conflict(m)) if m.contains("already registered")),
        "{dup:?}"
    );
    let dr = store
        .create_user(
            &email("dr.lee@clinic.example"),
            &hash("dr"),
            Role::Clinician,
            T0,
        )
        .await
        .unwrap();
    assert_ne!(ann.id, dr.id);

    // --- Log in: a wrong password first (rate limiting), then a session.
    for minutes in [10, 5, 1] {
        let limit = backcare_storage::FailureLimit {
            per_address: 5,
            window: Duration::minutes(15),
        };
        store
            .begin_login_attempt(
                &ann.email,
                "192.0.2.1",
                T0 - Duration::minutes(minutes),
                limit,
            )
            .await
            .unwrap();
    }
    let window = |m| T0 - Duration::minutes(m);
    assert_eq!(
        store
            .failed_logins_since(&ann.email, window(15))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .failed_logins_since(&ann.email, window(5))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .failed_logins_since(&dr.email, window(15))
            .await
            .unwrap(),
        0
    );
    let found: User = store
        .user_by_email(&email("ann@EXAMPLE.org"))
        .await
        .unwrap();
    assert_eq!(found, ann);
    assert_eq!(found.password_hash, hash("ann"));
    not_found(store.user_by_email(&email("nobody@example.org")).await);

    let ann_token = token("ann-1");
    store
        .create_session(&ann_token, ann.id, T0, T0 + Duration::hours(12))
        .await
        .unwrap();
    let session = store
        .session(&ann_token, T0 + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(session.user, ann);
    assert_eq!(session.expires_at, T0 + Duration::hours(12));
    not_found(store.session(&ann_token, T0 + Duration::hours(12)).await);
    not_found(store.session(&token("unknown"), T0).await);
    assert!(invalid(store.create_session(&token("late"), ann.id, T0, T0).await).contains("expiry"));
    assert!(matches!(
        store
            .create_session(&ann_token, ann.id, T0, T0 + Duration::hours(1))
            .await,
        Err(Error::Conflict(_))
    ));
    not_found(
        store
            .create_session(
                &token("ghost"),
                UserId(999_999),
                T0,
                T0 + Duration::hours(1),
            )
            .await,
    );
    // A short session that expires and is cleaned up; the live one stays.
    store
        .create_session(&token("ann-short"), ann.id, T0, T0 + Duration::minutes(1))
        .await
        .unwrap();
    store
        .create_session(&token("dr-1"), dr.id, T0, T0 + Duration::hours(8))
        .await
        .unwrap();
    assert_eq!(
        store
            .delete_expired(T0 + Duration::minutes(30))
            .await
            .unwrap(),
        1
    );
    not_found(store.session(&token("ann-short"), T0).await);
    store
        .session(&ann_token, T0 + Duration::minutes(30))
        .await
        .unwrap();
    assert_eq!(
        store.delete_failed_logins_before(window(2)).await.unwrap(),
        2
    );
    assert_eq!(
        store
            .failed_logins_since(&ann.email, window(60))
            .await
            .unwrap(),
        1
    );

    // --- Password change.
    store
        .set_password_hash(ann.id, &hash("ann-new"))
        .await
        .unwrap();
    assert_eq!(
        store.user(ann.id).await.unwrap().password_hash,
        hash("ann-new")
    );
    not_found(store.set_password_hash(UserId(999_999), &hash("x")).await);

    // --- Assessments.
    assert_eq!(store.latest_assessment(ann.id).await.unwrap(), None);
    let intake = json!({"age": 42, "pain_now": 6, "areas": ["low_back"]});
    let result = json!({"triage": {"level": "self_care"}, "patterns": []});
    let first = store
        .save_assessment(ann.id, &intake, &result, T0)
        .await
        .unwrap();
    let later = json!({"triage": {"level": "gp_soon"}, "patterns": ["radicular"]});
    let second = store
        .save_assessment(ann.id, &intake, &later, T0 + Duration::days(7))
        .await
        .unwrap();
    let all = store.assessments(ann.id).await.unwrap();
    assert_eq!(
        all.iter().map(|a| a.id).collect::<Vec<_>>(),
        [first, second]
    );
    assert_eq!(all[0].intake, intake);
    assert_eq!(all[0].assessment, result);
    let latest = store.latest_assessment(ann.id).await.unwrap().unwrap();
    assert_eq!((latest.id, latest.assessment), (second, later));
    assert_eq!(
        store.assessment(ann.id, first).await.unwrap().created_at,
        T0
    );
    not_found(store.assessment(dr.id, first).await); // not the clinician's own
    // Ann says she has been seen about the second result; the clinician cannot say it for her.
    store
        .mark_seen(ann.id, second, T0 + Duration::days(8))
        .await
        .unwrap();
    not_found(store.mark_seen(dr.id, second, T0).await);

    // --- The intake Ann is part-way through: one draft, replaced, then deleted.
    assert_eq!(store.intake_draft(ann.id).await.unwrap(), None);
    let draft = json!({"language": "en", "age": 40});
    store
        .save_intake_draft(ann.id, Some(&draft), T0)
        .await
        .unwrap();
    let draft = json!({"language": "en", "age": 41});
    store
        .save_intake_draft(ann.id, Some(&draft), T0 + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(
        store.intake_draft(ann.id).await.unwrap(),
        Some(draft.clone())
    );
    assert_eq!(store.intake_draft(dr.id).await.unwrap(), None, "per user");
    invalid(store.save_intake_draft(ann.id, Some(&json!([1])), T0).await);
    store.save_intake_draft(ann.id, None, T0).await.unwrap();
    assert_eq!(store.intake_draft(ann.id).await.unwrap(), None);
    // Kept for the export and the deletion checks below.
    store
        .save_intake_draft(ann.id, Some(&draft), T0)
        .await
        .unwrap();
    assert_eq!(
        invalid(
            store
                .save_assessment(ann.id, &json!([1]), &result, T0)
                .await
        ),
        "intake must be a JSON object"
    );

    // --- Diary: one entry per day; saving the same day again replaces it.
    let monday = date!(2026 - 11 - 02);
    store
        .upsert_diary_entry(ann.id, &day(monday, 6), T0)
        .await
        .unwrap();
    let mut better = day(monday, 4);
    better.flare_up = true;
    better.notes = "Dolor al agacharme — mejor por la tarde".into();
    better.minutes_walked = 35;
    store.upsert_diary_entry(ann.id, &better, T0).await.unwrap();
    store
        .upsert_diary_entry(ann.id, &day(date!(2026 - 11 - 03), 3), T0)
        .await
        .unwrap();
    store
        .upsert_diary_entry(ann.id, &day(date!(2026 - 11 - 05), 2), T0)
        .await
        .unwrap();
    // A session on the 5th: the same day with one exercise done and rated.
    store
        .save_session(
            ann.id,
            &day(date!(2026 - 11 - 05), 2),
            &[("bridge", Some(backcare_storage::Effort::JustRight))],
            T0,
        )
        .await
        .unwrap();
    let week = store
        .diary(ann.id, monday, date!(2026 - 11 - 08))
        .await
        .unwrap();
    assert_eq!(week.len(), 3);
    assert_eq!(week[0], better);
    let two = store
        .diary(ann.id, monday, date!(2026 - 11 - 03))
        .await
        .unwrap();
    assert_eq!(
        two.iter().map(|e| (e.day, e.pain)).collect::<Vec<_>>(),
        [(monday, 4), (date!(2026 - 11 - 03), 3)]
    );
    assert_eq!(
        invalid(store.upsert_diary_entry(ann.id, &day(monday, 11), T0).await),
        "pain must be between 0 and 10, got 11"
    );
    let mut walker = day(monday, 3);
    walker.minutes_walked = 2000;
    assert!(
        invalid(store.upsert_diary_entry(ann.id, &walker, T0).await).contains("minutes walked")
    );
    assert!(invalid(store.diary(ann.id, date!(2026 - 11 - 08), monday).await).contains("after"));
    assert_eq!(
        store.diary(ann.id, monday, monday).await.unwrap(),
        [better.clone()]
    );
    // Concurrent writers (pool connections) do not trip over each other.
    let mut tasks = Vec::new();
    for i in 0..12u8 {
        let s = store.clone();
        let id = ann.id;
        tasks.push(tokio::spawn(async move {
            let d = date!(2026 - 10 - 01) + Duration::days(i64::from(i));
            s.upsert_diary_entry(id, &day(d, i % 11), T0).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let october = store
        .diary(ann.id, date!(2026 - 10 - 01), date!(2026 - 10 - 31))
        .await
        .unwrap();
    assert_eq!(october.len(), 12);
    store
        .delete_diary_entry(ann.id, date!(2026 - 10 - 12))
        .await
        .unwrap();
    not_found(
        store
            .delete_diary_entry(ann.id, date!(2026 - 10 - 12))
            .await,
    );

    // --- Reassessment.
    let scores = json!({"odi": 22, "rmdq": 6, "nrs": 3});
    store
        .save_reassessment(ann.id, &scores, T0 + Duration::days(28))
        .await
        .unwrap();
    let re = store.reassessments(ann.id).await.unwrap();
    assert_eq!(re.len(), 1);
    assert_eq!(re[0].scores, scores);

    // --- Linking to a clinician with a share code.
    let code = token("code-1");
    assert!(
        invalid(
            store
                .create_share_code(ann.id, &code, T0, T0 + Duration::minutes(15))
                .await
        )
        .contains("only a clinician")
    );
    store
        .create_share_code(dr.id, &code, T0, T0 + Duration::minutes(15))
        .await
        .unwrap();
    let stale = token("code-stale");
    store
        .create_share_code(dr.id, &stale, T0, T0 + Duration::minutes(1))
        .await
        .unwrap();
    assert!(!store.may_see(dr.id, ann.id).await.unwrap());
    not_found(store.open_patient_record(dr.id, ann.id, "diary", T0).await);
    not_found(
        store
            .redeem_share_code(ann.id, &stale, T0 + Duration::minutes(5))
            .await,
    );
    assert!(
        invalid(
            store
                .redeem_share_code(dr.id, &code, T0 + Duration::minutes(5))
                .await
        )
        .contains("only a patient")
    );
    let linked = store
        .redeem_share_code(ann.id, &code, T0 + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(linked, dr.id);
    not_found(
        store
            .redeem_share_code(ann.id, &code, T0 + Duration::minutes(6))
            .await,
    ); // used up
    let patients = store.linked_patients(dr.id).await.unwrap();
    assert_eq!(patients.len(), 1);
    assert_eq!(
        (patients[0].user_id, patients[0].email.as_str()),
        (ann.id, "ann@example.org")
    );
    assert_eq!(patients[0].since, T0 + Duration::minutes(5));
    assert_eq!(patients[0].profile, Profile::default(), "nothing said yet");
    assert_eq!(
        store.linked_clinicians(ann.id).await.unwrap()[0].user_id,
        dr.id
    );

    // --- Who is who: each side says who they are, and the other side of the link sees it.
    assert_eq!(store.profile(ann.id).await.unwrap(), Profile::default());
    let ann_profile = Profile {
        name: Some(DisplayName::parse(" Ann   Núñez ").unwrap()),
        birth_date: Some(date!(1968 - 02 - 29)),
        profession: None,
    };
    store.set_profile(ann.id, &ann_profile, T0).await.unwrap();
    let dr_profile = Profile {
        name: Some(DisplayName::parse("Sam Lee").unwrap()),
        birth_date: None,
        profession: Some(Profession::Physiotherapist),
    };
    store.set_profile(dr.id, &dr_profile, T0).await.unwrap();
    assert_eq!(store.profile(ann.id).await.unwrap(), ann_profile);
    assert_eq!(
        store.linked_patients(dr.id).await.unwrap()[0].profile,
        ann_profile
    );
    assert_eq!(
        store.linked_clinicians(ann.id).await.unwrap()[0].profile,
        dr_profile
    );
    // Saying it again replaces it; a part left out is gone.
    let renamed = Profile {
        name: Some(DisplayName::parse("Ann Núñez Ruiz").unwrap()),
        ..ann_profile.clone()
    };
    store.set_profile(ann.id, &renamed, T0).await.unwrap();
    store.set_profile(ann.id, &renamed, T0).await.unwrap();
    assert_eq!(store.profile(ann.id).await.unwrap(), renamed);
    not_found(store.set_profile(UserId(999_999), &renamed, T0).await);

    // --- A linked clinician writes notes, signed and dated, newest first; nobody else can.
    let note = |s: &str| NoteText::parse(s).unwrap();
    store
        .add_note(
            dr.id,
            ann.id,
            "Sam Lee, physiotherapist",
            &note("Walk daily."),
            T0,
        )
        .await
        .unwrap();
    store
        .add_note(
            dr.id,
            ann.id,
            "Sam Lee, physiotherapist",
            &note("Good progress."),
            T0 + Duration::days(7),
        )
        .await
        .unwrap();
    not_found(
        store
            .add_note(ann.id, dr.id, "Ann", &note("Not a clinician's."), T0)
            .await,
    );
    assert!(
        invalid(store.add_note(dr.id, ann.id, " ", &note("x"), T0).await).contains("signature")
    );
    let notes = store.notes(ann.id).await.unwrap();
    assert_eq!(
        notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
        ["Good progress.", "Walk daily."]
    );
    assert_eq!(notes[0].signed_by, "Sam Lee, physiotherapist");
    assert_eq!(notes[0].clinician_id, Some(dr.id));

    // --- Schedules: a linked clinician asks for a questionnaire every so many days, changes
    // or clears it; the range is checked; nobody else can.
    store
        .set_schedule(dr.id, ann.id, Questionnaire::Odi, Some(14), T0)
        .await
        .unwrap();
    store
        .set_schedule(dr.id, ann.id, Questionnaire::StartBack, Some(28), T0)
        .await
        .unwrap();
    store
        .set_schedule(dr.id, ann.id, Questionnaire::Odi, Some(21), T0)
        .await
        .unwrap();
    let schedules = store.schedules(ann.id).await.unwrap();
    assert_eq!(
        schedules
            .iter()
            .map(|s| (s.questionnaire, s.every_days))
            .collect::<Vec<_>>(),
        [(Questionnaire::StartBack, 28), (Questionnaire::Odi, 21)]
    );
    assert!(
        invalid(
            store
                .set_schedule(dr.id, ann.id, Questionnaire::Rmdq, Some(6), T0)
                .await
        )
        .contains("7 to 182")
    );
    not_found(
        store
            .set_schedule(ann.id, dr.id, Questionnaire::Rmdq, Some(14), T0)
            .await,
    );
    not_found(
        store
            .set_schedule(ann.id, dr.id, Questionnaire::StartBack, None, T0)
            .await,
    );
    store
        .set_schedule(dr.id, ann.id, Questionnaire::StartBack, None, T0)
        .await
        .unwrap();
    assert_eq!(store.schedules(ann.id).await.unwrap().len(), 1);

    // --- Tailoring: each change a new version, signed; the care version moves (the plan
    // page is kept by it); bad lengths and unlinked clinicians are refused.
    let before = store.care_version(ann.id).await.unwrap().0;
    let tailoring = Tailoring {
        goal: Some("Walk to the shops".into()),
        instructions: vec![Instruction {
            exercise: "bridge".into(),
            text: "Breathe out as you lift".into(),
        }],
        ..Tailoring::default()
    };
    assert_eq!(
        store
            .add_plan_version(dr.id, ann.id, "Sam Lee, physiotherapist", &tailoring, T0)
            .await
            .unwrap(),
        1
    );
    // The changes to the exercises read back as written, on both databases.
    let changed = Tailoring {
        goal: Some("Walk to the park".into()),
        hold: true,
        days_per_week: Some(3),
        walking_goal: Some(25),
        removed: vec!["cat-cow".into()],
        added: vec![AddedExercise {
            exercise: "band-row".into(),
            override_reason: Some("We use the clinic's band".into()),
            covers: vec!["equipment".into()],
        }],
        doses: vec![DoseStep {
            exercise: "bridge".into(),
            step: 2,
        }],
        ..tailoring.clone()
    };
    assert_eq!(
        store
            .add_plan_version(dr.id, ann.id, "Sam Lee, physiotherapist", &changed, T0)
            .await
            .unwrap(),
        2
    );
    assert!(store.care_version(ann.id).await.unwrap().0 > before);
    let versions = store.plan_versions(ann.id).await.unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(versions[0].tailoring, changed);
    not_found(
        store
            .add_plan_version(ann.id, dr.id, "Ann", &tailoring, T0)
            .await,
    );
    let long = Tailoring {
        goal: Some("x".repeat(501)),
        ..Tailoring::default()
    };
    assert!(
        invalid(
            store
                .add_plan_version(dr.id, ann.id, "Sam", &long, T0)
                .await
        )
        .contains("goal")
    );
    // --- Templates: a clinician's own, by name; saving a name again replaces it; only
    // they can delete it.
    let id = store
        .save_plan_template(dr.id, "Early sciatica", &changed, T0)
        .await
        .unwrap();
    let again = store
        .save_plan_template(dr.id, " Early sciatica ", &tailoring, T0)
        .await
        .unwrap();
    assert_eq!(id, again, "the same name is the same template");
    let templates = store.plan_templates(dr.id).await.unwrap();
    assert_eq!(templates.len(), 1);
    assert_eq!(templates[0].tailoring, tailoring);
    assert!(store.plan_templates(ann.id).await.unwrap().is_empty());
    assert!(
        invalid(
            store
                .save_plan_template(dr.id, &"n".repeat(81), &tailoring, T0)
                .await
        )
        .contains("template name")
    );
    not_found(store.delete_plan_template(ann.id, id).await);
    let kept = store
        .save_plan_template(dr.id, "Desk workers", &changed, T0)
        .await
        .unwrap();
    store.delete_plan_template(dr.id, id).await.unwrap();
    let names: Vec<String> = store
        .plan_templates(dr.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Desk workers"]);
    assert_ne!(kept, id, "a new name is a new template");
    let counted = store.rows_for_user(dr.id, &dr.email).await.unwrap();
    assert!(
        counted
            .iter()
            .any(|t| t.table == "plan_templates" && t.rows == 1),
        "the clinician's templates are counted for erasure"
    );
    // --- Ann exports her own record (a patient token): it is hers, counted for erasure.
    let own = export_id(1);
    store
        .create_export(&new_export(&own, ann.id, TokenScope::Patient), T0)
        .await
        .unwrap();
    let claimed = store.claim_export("runner", T0).await.unwrap().unwrap();
    assert_eq!(claimed.request.id, own);
    assert!(
        store
            .add_export_patient(&own, "runner", ann.id)
            .await
            .unwrap()
    );
    assert!(
        store
            .add_export_file(&own, "runner", &file(1, "Patient"), "{}\n")
            .await
            .unwrap()
    );
    assert!(store.finish_export(&own, "runner", None, T0).await.unwrap());
    assert!(store.may_see(dr.id, ann.id).await.unwrap());
    assert!(!store.may_see(ann.id, dr.id).await.unwrap());

    // --- The clinician opens the record; the patient sees who, when and what.
    let t_open = T0 + Duration::hours(2);
    store
        .open_patient_record(dr.id, ann.id, "diary", t_open)
        .await
        .unwrap();
    store
        .open_patient_record(dr.id, ann.id, "assessment", t_open + Duration::minutes(1))
        .await
        .unwrap();
    assert!(
        invalid(store.open_patient_record(dr.id, ann.id, "  ", t_open).await)
            .contains("audit action")
    );
    let log = store.access_log(ann.id).await.unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].clinician_id, Some(dr.id));
    assert_eq!(log[0].clinician_email, "dr.lee@clinic.example");
    assert_eq!((log[0].at, log[0].action.as_str()), (t_open, "diary"));
    assert_eq!(log[1].action, "assessment");

    // --- The patient revokes the link: the clinician can no longer see them.
    store.revoke_link(ann.id, dr.id).await.unwrap();
    assert!(!store.may_see(dr.id, ann.id).await.unwrap());
    not_found(
        store
            .open_patient_record(dr.id, ann.id, "diary", t_open)
            .await,
    );
    assert!(store.linked_patients(dr.id).await.unwrap().is_empty());
    not_found(store.revoke_link(ann.id, dr.id).await);
    assert_eq!(store.access_log(ann.id).await.unwrap().len(), 2);

    // Link again (a new code), so that the export and the deletion cover a live link.
    store
        .create_share_code(dr.id, &token("code-2"), T0, T0 + Duration::days(1))
        .await
        .unwrap();
    store
        .redeem_share_code(ann.id, &token("code-2"), T0 + Duration::hours(3))
        .await
        .unwrap();

    // --- Export contains everything, and no secrets.
    let export = store.export_user(ann.id).await.unwrap();
    assert_eq!(export.account.email, ann.email);
    assert_eq!(export.account.role, Role::Patient);
    assert_eq!(export.assessments.len(), 2);
    assert!(export.intake_draft.is_some());
    assert_eq!(export.diary.len(), 3 + 11);
    assert_eq!(export.reassessments.len(), 1);
    assert_eq!(export.linked_clinicians.len(), 1);
    assert!(export.linked_patients.is_empty());
    assert_eq!(export.access_log.len(), 2);
    assert_eq!(export.sessions.len(), 1);
    assert_eq!(export.failed_logins, [T0 - Duration::minutes(1)]);
    let text = serde_json::to_string(&export).unwrap();
    for wanted in [
        "ann@example.org",
        "Dolor al agacharme",
        "radicular",
        "\"odi\":22",
        "dr.lee@clinic.example",
        "2026-11-02T09:00:00Z",
        "Ann Núñez Ruiz",
        "physiotherapist",
        "Good progress.",
    ] {
        assert!(text.contains(wanted), "export lacks {wanted}: {text}");
    }
    for secret in [hash("ann-new").as_str(), ann_token.as_str()] {
        assert!(!text.contains(secret), "export leaks a secret");
    }
    let dr_export = store.export_user(dr.id).await.unwrap();
    assert_eq!(dr_export.records_opened.len(), 2);
    assert_eq!(dr_export.linked_patients.len(), 1);
    assert_eq!(dr_export.share_codes.len(), 1); // the stale code, not yet cleaned

    // --- An EHR's API token and a resource it sent: exported (never the token's hash),
    // and deleted with the account below.
    let api = store
        .create_api_token(
            ann.id,
            &token("ann-api"),
            backcare_storage::TokenScope::Patient,
            "clinic EHR",
            T0,
            T0 + Duration::days(30),
        )
        .await
        .unwrap();
    let sent = store
        .save_fhir_resource(
            ann.id,
            backcare_storage::FhirType::Observation,
            r#"{"resourceType":"Observation","valueDecimal":1.50}"#,
            backcare_storage::Outcome::Nothing,
            T0,
        )
        .await
        .unwrap();
    // A password-reset link sent to Ann, not used yet.
    store
        .create_mail_token(
            &token("ann-reset"),
            ann.id,
            backcare_storage::MailPurpose::Reset,
            &ann.email,
            T0,
            T0 + Duration::hours(1),
        )
        .await
        .unwrap();
    // Ann turned on two-factor sign-in (a secret, a recovery code) and is half-way through
    // signing in (her password was right, the code is still to come).
    store
        .start_two_factor(ann.id, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", T0)
        .await
        .unwrap();
    store
        .confirm_two_factor(ann.id, 1, &[token("ann-recovery")], T0)
        .await
        .unwrap();
    store
        .create_login_challenge(
            &token("ann-2fa"),
            ann.id,
            "/",
            T0,
            T0 + Duration::minutes(10),
        )
        .await
        .unwrap();
    let export = store.export_user(ann.id).await.unwrap();
    assert_eq!(export.api_tokens, vec![api]);
    assert_eq!(export.fhir_resources, vec![sent]);
    let text = serde_json::to_string(&export).unwrap();
    assert!(text.contains("1.50") && !text.contains(token("ann-api").as_str()));

    // --- Reminders: what she asked for and what was sent are hers, in the export.
    let reminders = backcare_storage::Reminders {
        exercise_days: backcare_storage::Weekdays::of([time::Weekday::Monday]),
        at: backcare_storage::TimeOfDay::parse("07:30").unwrap(),
        reassessment: true,
    };
    store
        .set_reminders(ann.id, Some(&reminders), T0)
        .await
        .unwrap();
    let monday = time::macros::date!(2026 - 11 - 30);
    assert!(
        store
            .claim_reminder(
                ann.id,
                backcare_storage::ReminderKind::ExerciseDay,
                monday,
                T0
            )
            .await
            .unwrap()
    );
    store
        .site_key("unsubscribe", &"5e".repeat(32), T0)
        .await
        .unwrap();
    let export = store.export_user(ann.id).await.unwrap();
    assert_eq!(
        serde_json::to_value(&export.reminders).unwrap(),
        serde_json::json!({
            "exercise_days": ["monday"], "at": "07:30", "reassessment": true,
            "sent": [{"kind": "exercise", "day": "2026-11-30"}]
        })
    );
    assert!(
        !serde_json::to_string(&export)
            .unwrap()
            .contains(&"5e".repeat(32))
    );

    // --- Delete the account: every table is empty for that user.
    let counted: Vec<&str> = store
        .rows_for_user(ann.id, &ann.email)
        .await
        .unwrap()
        .iter()
        .map(|t| t.table.split(' ').next().unwrap())
        .collect();
    let mut counted_tables = counted.clone();
    counted_tables.dedup();
    assert_eq!(
        counted_tables, tables,
        "rows_for_user must cover every table"
    );
    for t in store.rows_for_user(ann.id, &ann.email).await.unwrap() {
        // Make sure the counts count: before deletion, Ann is in every table except the
        // clinicians' share codes, templates and backend clients, the background jobs and
        // the site's keys (which hold nobody's data).
        assert_eq!(
            t.rows == 0,
            [
                "share_codes",
                "plan_templates",
                "jobs",
                "site_keys",
                "api_clients",
                "client_assertions"
            ]
            .contains(&t.table),
            "{t:?}"
        );
    }
    store.delete_user(ann.id).await.unwrap();
    for t in store.rows_for_user(ann.id, &ann.email).await.unwrap() {
        assert_eq!(t.rows, 0, "{} still holds Ann's data", t.table);
    }
    not_found(store.user(ann.id).await);
    not_found(store.session(&ann_token, T0).await);
    not_found(store.export_user(ann.id).await);
    not_found(store.delete_user(ann.id).await);
    assert!(store.linked_patients(dr.id).await.unwrap().is_empty());
    assert_eq!(
        store.export_user(dr.id).await.unwrap().records_opened.len(),
        0
    );
    store.session(&token("dr-1"), T0).await.unwrap(); // the clinician is untouched

    // The email is free again; ids are never reused.
    let ann2 = store
        .create_user(
            &ann.email,
            &hash("ann2"),
            Role::Patient,
            T0 + Duration::days(60),
        )
        .await
        .unwrap();
    assert!(ann2.id > dr.id);

    // --- A deleted clinician disappears from links, but the patient's access log keeps
    // the record of who looked.
    store
        .create_share_code(dr.id, &token("code-3"), T0, T0 + Duration::days(90))
        .await
        .unwrap();
    store
        .redeem_share_code(ann2.id, &token("code-3"), T0 + Duration::days(60))
        .await
        .unwrap();
    store
        .open_patient_record(dr.id, ann2.id, "diary", T0 + Duration::days(61))
        .await
        .unwrap();
    store.delete_user(dr.id).await.unwrap();
    for t in store.rows_for_user(dr.id, &dr.email).await.unwrap() {
        assert_eq!(t.rows, 0, "{} still references the clinician", t.table);
    }
    assert!(store.linked_clinicians(ann2.id).await.unwrap().is_empty());
    let log = store.access_log(ann2.id).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].clinician_id, None);
    assert_eq!(log[0].clinician_email, "dr.lee@clinic.example");

    pending_share_codes(store).await;
    bulk_exports(store).await;
    backend_clients(store).await;
}

/// Backend services clients: only a clinician's; an assertion's jti is used once; the
/// token issued is a read-only panel token; deleting the client stops its tokens; the
/// purge forgets expired assertions.
async fn backend_clients(store: &Store) {
    let dr = store
        .create_user(
            &email("dr.ito@clinic.example"),
            &hash("ito"),
            Role::Clinician,
            T0,
        )
        .await
        .unwrap();
    let pat = store
        .create_user(
            &email("pat.ito@example.org"),
            &hash("pat"),
            Role::Patient,
            T0,
        )
        .await
        .unwrap();
    let jwks = r#"{"keys":[]}"#;
    let id = ClientId::parse(&"c1".repeat(16)).unwrap();
    assert!(
        invalid(store.create_api_client(&id, pat.id, "EHR", jwks, T0).await).contains("clinician")
    );
    assert!(invalid(store.create_api_client(&id, dr.id, "EHR", "{", T0).await).contains("JSON"));
    let long = "l".repeat(101);
    assert!(invalid(store.create_api_client(&id, dr.id, &long, jwks, T0).await).contains("label"));
    let client = store
        .create_api_client(&id, dr.id, "Registry", jwks, T0)
        .await
        .unwrap();
    assert_eq!(
        (client.user, client.label.as_str(), client.jwks.as_str()),
        (dr.id, "Registry", jwks)
    );
    assert!(matches!(
        store.create_api_client(&id, dr.id, "Again", jwks, T0).await,
        Err(Error::Conflict(_))
    ));
    assert_eq!(store.api_clients(dr.id).await.unwrap(), [client]);

    let later = T0 + Duration::minutes(5);
    let issued = store
        .exchange_client_assertion(&id, "jti-1", later, &token("client-1"), T0, later)
        .await
        .unwrap();
    assert_eq!(
        (
            issued.user,
            issued.scope,
            issued.read_only,
            issued.label.as_str()
        ),
        (dr.id, TokenScope::Panel, true, "Registry")
    );
    assert_eq!(
        store
            .use_api_token(&token("client-1"), T0)
            .await
            .unwrap()
            .id,
        issued.id
    );
    // The same jti again is a replay: refused, and no token is made.
    assert!(matches!(
        store
            .exchange_client_assertion(&id, "jti-1", later, &token("client-2"), T0, later)
            .await,
        Err(Error::Conflict(_))
    ));
    not_found(store.use_api_token(&token("client-2"), T0).await);
    let unknown = ClientId::parse(&"c2".repeat(16)).unwrap();
    not_found(
        store
            .exchange_client_assertion(&unknown, "jti-2", later, &token("client-3"), T0, later)
            .await,
    );
    assert!(
        invalid(
            store
                .exchange_client_assertion(&id, "", later, &token("client-4"), T0, later)
                .await
        )
        .contains("jti")
    );
    let counted = store.rows_for_user(dr.id, &dr.email).await.unwrap();
    let rows = |table: &str| counted.iter().find(|t| t.table == table).unwrap().rows;
    assert_eq!(
        (
            rows("api_clients"),
            rows("client_assertions"),
            rows("api_tokens")
        ),
        (1, 1, 1)
    );

    // Expired assertions are purged; a deleted client's tokens stop at once.
    let purged = store.purge(later, later).await.unwrap();
    assert!(purged.client_assertions >= 1, "{purged:?}");
    store
        .exchange_client_assertion(
            &id,
            "jti-1",
            later + Duration::minutes(5),
            &token("client-5"),
            later,
            later + Duration::minutes(5),
        )
        .await
        .unwrap();
    store.delete_api_client(&id).await.unwrap();
    not_found(store.use_api_token(&token("client-5"), later).await);
    not_found(store.delete_api_client(&id).await);
    assert!(store.api_clients(dr.id).await.unwrap().is_empty());
}

fn export_id(n: u8) -> ExportId {
    ExportId::parse(&format!("{n:02x}").repeat(16)).unwrap()
}

fn new_export(id: &ExportId, user: UserId, scope: TokenScope) -> NewExport {
    NewExport {
        id: id.clone(),
        user,
        scope,
        request: "https://clinic.example/fhir/Patient/$export".into(),
        types: vec!["Patient".into(), "Observation".into()],
        since: Some(T0 - Duration::days(7)),
    }
}

fn file(seq: i64, resource_type: &str) -> ExportFile {
    ExportFile {
        seq,
        resource_type: resource_type.into(),
        is_error: false,
        count: 1,
    }
}

/// Bulk Data exports: claimed once across runners, oldest first; only the owner in the
/// token's scope sees one, and its files once it is done; a cancel stops the runner's
/// writes; a stalled run is claimed again from nothing; expired exports are purged.
async fn bulk_exports(store: &Store) {
    let dr = store
        .create_user(
            &email("dr.ng@clinic.example"),
            &hash("ng"),
            Role::Clinician,
            T0,
        )
        .await
        .unwrap();
    let (first, second) = (export_id(0xa1), export_id(0xa2));
    let asked = new_export(&first, dr.id, TokenScope::Panel);
    store.create_export(&asked, T0).await.unwrap();
    store
        .create_export(
            &new_export(&second, dr.id, TokenScope::Panel),
            T0 + Duration::seconds(1),
        )
        .await
        .unwrap();
    assert!(matches!(
        store.create_export(&asked, T0).await,
        Err(Error::Conflict(_))
    ));
    let bad = NewExport {
        types: vec!["Patient,Group".into()],
        ..new_export(&export_id(0xa3), dr.id, TokenScope::Panel)
    };
    assert!(invalid(store.create_export(&bad, T0).await).contains("commas"));

    let (export, files) = store
        .export(&first, dr.id, TokenScope::Panel, T0)
        .await
        .unwrap();
    assert_eq!(
        (export.request, export.status),
        (asked.clone(), ExportStatus::Queued)
    );
    assert!(files.is_empty());
    assert_eq!(export.expires_at, T0 + EXPORT_KEPT);
    // Only the owner, in the scope it was asked in.
    not_found(store.export(&first, dr.id, TokenScope::Patient, T0).await);
    not_found(
        store
            .export(&first, UserId(dr.id.0 + 1000), TokenScope::Panel, T0)
            .await,
    );

    assert_eq!(
        store
            .active_exports(dr.id, TokenScope::Panel, T0)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store
            .active_exports(dr.id, TokenScope::Patient, T0)
            .await
            .unwrap(),
        0
    );
    // Two runners: each claims one, the oldest first; a third finds none.
    let a = store.claim_export("a", T0).await.unwrap().unwrap();
    let b = store.claim_export("b", T0).await.unwrap().unwrap();
    assert_eq!(
        (a.request.id, b.request.id),
        (first.clone(), second.clone())
    );
    assert_eq!(a.status, ExportStatus::Running);
    assert_eq!(store.claim_export("c", T0).await.unwrap(), None);

    // The first writes two files and finishes; another runner cannot write to it.
    assert!(
        store
            .export_progress(&first, "a", "1 of 2 patients", T0)
            .await
            .unwrap()
    );
    assert!(
        !store
            .export_progress(&first, "b", "stolen", T0)
            .await
            .unwrap()
    );
    let (running, _) = store
        .export(&first, dr.id, TokenScope::Panel, T0)
        .await
        .unwrap();
    assert_eq!(running.progress.as_deref(), Some("1 of 2 patients"));
    let lines = "{\"resourceType\":\"Patient\"}\n";
    assert!(
        store
            .add_export_file(&first, "a", &file(1, "Patient"), lines)
            .await
            .unwrap()
    );
    assert!(
        !store
            .add_export_file(&first, "b", &file(2, "Patient"), lines)
            .await
            .unwrap()
    );
    let outcome = ExportFile {
        is_error: true,
        ..file(2, "OperationOutcome")
    };
    assert!(
        store
            .add_export_file(&first, "a", &outcome, "{}\n")
            .await
            .unwrap()
    );
    not_found(
        store
            .export_file(&first, 1, dr.id, TokenScope::Panel, T0)
            .await,
    );
    let done_at = T0 + Duration::minutes(5);
    assert!(
        store
            .finish_export(&first, "a", None, done_at)
            .await
            .unwrap()
    );
    assert!(
        !store
            .finish_export(&first, "a", None, done_at)
            .await
            .unwrap()
    );
    let (done, files) = store
        .export(&first, dr.id, TokenScope::Panel, done_at)
        .await
        .unwrap();
    assert_eq!(done.status, ExportStatus::Done);
    assert_eq!(done.finished_at, Some(done_at));
    assert_eq!(done.expires_at, done_at + EXPORT_KEPT);
    assert_eq!(files, [file(1, "Patient"), outcome]);
    assert_eq!(
        store
            .export_file(&first, 1, dr.id, TokenScope::Panel, done_at)
            .await
            .unwrap(),
        lines
    );
    not_found(
        store
            .export_file(&first, 1, dr.id, TokenScope::Patient, done_at)
            .await,
    );
    not_found(
        store
            .export_file(&first, 3, dr.id, TokenScope::Panel, done_at)
            .await,
    );

    // The second stalls (its runner stopped): it is claimed again, its files gone, and
    // the old runner can no longer write. Then it is cancelled mid-run.
    assert!(
        store
            .add_export_file(&second, "b", &file(1, "Patient"), lines)
            .await
            .unwrap()
    );
    let later = T0 + EXPORT_STALLED + Duration::minutes(1);
    let again = store.claim_export("c", later).await.unwrap().unwrap();
    assert_eq!(again.request.id, second);
    let (_, files) = store
        .export(&second, dr.id, TokenScope::Panel, later)
        .await
        .unwrap();
    assert!(files.is_empty(), "a claim again starts from nothing");
    assert!(
        !store
            .add_export_file(&second, "b", &file(1, "Patient"), lines)
            .await
            .unwrap()
    );
    not_found(
        store
            .cancel_export(&second, dr.id, TokenScope::Patient, later)
            .await,
    );
    store
        .cancel_export(&second, dr.id, TokenScope::Panel, later)
        .await
        .unwrap();
    assert!(
        !store
            .export_progress(&second, "c", "2 of 2", later)
            .await
            .unwrap()
    );
    assert!(
        !store
            .finish_export(&second, "c", Some("late"), later)
            .await
            .unwrap()
    );
    not_found(store.export(&second, dr.id, TokenScope::Panel, later).await);
    not_found(
        store
            .cancel_export(&second, dr.id, TokenScope::Panel, later)
            .await,
    );

    // A failure says why.
    let third = export_id(0xa4);
    store
        .create_export(&new_export(&third, dr.id, TokenScope::Panel), later)
        .await
        .unwrap();
    store.claim_export("a", later).await.unwrap().unwrap();
    assert!(
        store
            .finish_export(&third, "a", Some("the disk is full"), later)
            .await
            .unwrap()
    );
    let (failed, _) = store
        .export(&third, dr.id, TokenScope::Panel, later)
        .await
        .unwrap();
    assert_eq!(
        failed.status,
        ExportStatus::Failed("the disk is full".into())
    );

    // A patient who unlinks, or deletes their account, takes the exports that read them
    // away, and only those.
    let (pat, kim) = (
        store
            .create_user(
                &email("pat.ng@example.org"),
                &hash("pat"),
                Role::Patient,
                T0,
            )
            .await
            .unwrap(),
        store
            .create_user(
                &email("kim.ng@example.org"),
                &hash("kim"),
                Role::Patient,
                T0,
            )
            .await
            .unwrap(),
    );
    let code = token("ng-code");
    for p in [pat.id, kim.id] {
        store
            .create_share_code(dr.id, &code, later, later + Duration::hours(1))
            .await
            .unwrap();
        store.redeem_share_code(p, &code, later).await.unwrap();
    }
    let mut exports = Vec::new();
    for (n, read) in [
        (0xb1, vec![pat.id]),
        (0xb2, vec![kim.id]),
        (0xb3, vec![pat.id, kim.id]),
    ] {
        let id = export_id(n);
        store
            .create_export(&new_export(&id, dr.id, TokenScope::Panel), later)
            .await
            .unwrap();
        store.claim_export("a", later).await.unwrap().unwrap();
        for p in read {
            assert!(store.add_export_patient(&id, "a", p).await.unwrap());
            assert!(
                store.add_export_patient(&id, "a", p).await.unwrap(),
                "twice is once"
            );
        }
        assert!(store.finish_export(&id, "a", None, later).await.unwrap());
        exports.push(id);
    }
    let left = |store: &Store| {
        let store = store.clone();
        let exports = exports.clone();
        async move {
            let mut left = Vec::new();
            for id in &exports {
                if store
                    .export(id, dr.id, TokenScope::Panel, later)
                    .await
                    .is_ok()
                {
                    left.push(id.clone());
                }
            }
            left
        }
    };
    store.revoke_link(kim.id, dr.id).await.unwrap();
    assert_eq!(left(store).await, [exports[0].clone()]);
    store.delete_user(pat.id).await.unwrap();
    assert!(left(store).await.is_empty());
    // A running export cannot record a patient who is gone.
    let running = export_id(0xb4);
    store
        .create_export(&new_export(&running, dr.id, TokenScope::Panel), later)
        .await
        .unwrap();
    store.claim_export("a", later).await.unwrap().unwrap();
    not_found(store.add_export_patient(&running, "a", pat.id).await);
    assert!(
        !store
            .add_export_patient(&running, "b", kim.id)
            .await
            .unwrap(),
        "not b's"
    );
    store
        .cancel_export(&running, dr.id, TokenScope::Panel, later)
        .await
        .unwrap();

    // Expired: gone from reads at once, and from the database at the purge.
    let expired = done_at + EXPORT_KEPT;
    not_found(
        store
            .export(&first, dr.id, TokenScope::Panel, expired)
            .await,
    );
    not_found(
        store
            .export_file(&first, 1, dr.id, TokenScope::Panel, expired)
            .await,
    );
    let purged = store.purge(expired, expired).await.unwrap();
    assert!(purged.exports >= 1, "{purged:?}");
    let counted = store.rows_for_user(dr.id, &dr.email).await.unwrap();
    let rows = |table: &str| counted.iter().find(|t| t.table == table).unwrap().rows;
    assert_eq!((rows("bulk_exports"), rows("bulk_export_files")), (1, 0));
}

/// A clinician sees how many of their codes are still waiting to be used: not the used
/// ones, not the expired ones, and not another clinician's.
async fn pending_share_codes(store: &Store) {
    let kim = store
        .create_user(
            &email("dr.kim@clinic.example"),
            &hash("kim"),
            Role::Clinician,
            T0,
        )
        .await
        .unwrap();
    let roy = store
        .create_user(
            &email("dr.roy@clinic.example"),
            &hash("roy"),
            Role::Clinician,
            T0,
        )
        .await
        .unwrap();
    let bea = store
        .create_user(&email("bea@example.org"), &hash("bea"), Role::Patient, T0)
        .await
        .unwrap();
    assert!(
        store
            .pending_share_codes(kim.id, T0)
            .await
            .unwrap()
            .is_empty()
    );
    for (tag, who, made, hours) in [
        ("kim-used", kim.id, 0, 24),
        ("kim-old", kim.id, 1, 1),
        ("kim-new", kim.id, 2, 24),
        ("roy", roy.id, 2, 24),
    ] {
        let made = T0 + Duration::hours(made);
        store
            .create_share_code(who, &token(tag), made, made + Duration::hours(hours))
            .await
            .unwrap();
    }
    store
        .redeem_share_code(bea.id, &token("kim-used"), T0 + Duration::hours(2))
        .await
        .unwrap();
    let pending = store
        .pending_share_codes(kim.id, T0 + Duration::minutes(150))
        .await
        .unwrap();
    assert_eq!(pending.len(), 1, "{pending:?}"); // kim-old expired at T0 + 2 h
    assert_eq!(pending[0].created_at, T0 + Duration::hours(2));
    assert_eq!(pending[0].expires_at, T0 + Duration::hours(26));
    let at_start = store
        .pending_share_codes(kim.id, T0 + Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(at_start.len(), 1, "expiry is exclusive: {at_start:?}");
    let early = store
        .pending_share_codes(kim.id, T0 + Duration::minutes(90))
        .await
        .unwrap();
    let made: Vec<_> = early.iter().map(|v| v.created_at).collect();
    assert_eq!(
        made,
        [T0 + Duration::hours(2), T0 + Duration::hours(1)],
        "newest first"
    );
}
