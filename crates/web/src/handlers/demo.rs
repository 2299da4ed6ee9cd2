//! Demo data for `backcare serve --demo`: a patient with four weeks of history and a
//! clinician linked to them, with known passwords, so a newcomer sees a living app.
//!
//! The patient's latest intake is two weeks old, so the plan is in its third week and has
//! adapted to two weeks of diary; two reassessments (Roland-Morris three weeks and one week
//! ago, Oswestry one week ago) improve by more than the minimal important change, so the
//! progress charts mark a real improvement.
//!
//! Seeding is idempotent: an account that already exists is left alone (so a password the
//! visitor changed stays changed). Never use `--demo` on a server with real people on it.

use backcare_core::{Intake, assess};
use backcare_storage::{
    DiaryEntry, DisplayName, Email, Instruction, NoteText, Profession, Profile, Role, Store,
    Tailoring, UserId,
};
use time::{Duration, OffsetDateTime};

use crate::Error;
use crate::infra::auth::{self, Password};
use crate::infra::security::random_hex;

/// The demo patient's email.
pub const PATIENT_EMAIL: &str = "demo-patient@example.org";
/// The demo clinician's email.
pub const CLINICIAN_EMAIL: &str = "demo-clinician@example.org";
/// The password of both demo accounts.
pub const PASSWORD: &str = "backcare-demo";
/// The demo clinician's two-factor secret (clinicians must have one): printed at start-up,
/// so a visitor can add it to an authenticator app, or make codes with
/// `oathtool --totp -b SECRET`. Public, like the password: demo only.
pub const CLINICIAN_TWO_FACTOR_SECRET: &str = "BACKCAREDEMOCLINICIANSECRETKEY22";

/// The intake the demo patient answered (a lifting strain that is getting better). A copy
/// of `examples/self-care-lifting-strain.json` kept in this crate, so the crate packages
/// on its own.
const INTAKE: &str = include_str!("demo-intake.json");

/// A demo account to print at start-up.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// Patient or clinician.
    pub role: Role,
    /// Its email.
    pub email: &'static str,
    /// Its password.
    pub password: &'static str,
    /// Its two-factor secret (base32), if it has one.
    pub two_factor_secret: Option<&'static str>,
}

/// Creates the demo accounts and history if they are not there yet; returns the accounts.
pub async fn seed(store: &Store, now: OffsetDateTime) -> Result<Vec<DemoAccount>, Error> {
    let patient = ensure_user(store, PATIENT_EMAIL, Role::Patient, now).await?;
    let clinician = ensure_user(store, CLINICIAN_EMAIL, Role::Clinician, now).await?;
    if let Some(clinician) = clinician {
        store
            .start_two_factor(clinician, CLINICIAN_TWO_FACTOR_SECRET, now)
            .await?;
        store.confirm_two_factor(clinician, 0, &[], now).await?;
    }
    // The demo patient agreed to the privacy notice when the account was made (one seeded
    // before the notice existed agrees now).
    let agreed = match patient {
        Some(new) => Some((new, now - Duration::days(29))),
        None => existing(store, PATIENT_EMAIL).await?.map(|old| (old, now)),
    };
    if let Some((id, at)) = agreed {
        let version = crate::infra::privacy::PRIVACY_NOTICE_VERSION;
        store.record_consent(id, version, at).await?;
    }
    // Who is who, also for demo accounts seeded before profiles existed.
    for (email, profile) in demo_profiles() {
        if let Some(id) = existing(store, email).await?
            && store.profile(id).await? == Profile::default()
        {
            store.set_profile(id, &profile, now).await?;
        }
    }
    if let Some(patient) = patient {
        history(store, patient, now).await?;
        if let Some(clinician) = clinician.or(existing(store, CLINICIAN_EMAIL).await?) {
            let code = auth::token_hash(&random_hex(16));
            store
                .create_share_code(clinician, &code, now, now + Duration::hours(1))
                .await?;
            store.redeem_share_code(patient, &code, now).await?;
            // A note from the clinician, open to the patient, so notes show at once.
            let note = NoteText::parse(DEMO_NOTE)?;
            store
                .add_note(clinician, patient, DEMO_SIGNATURE, &note, now)
                .await?;
            // And a plan tailored by them: a goal, and an instruction for the first exercise.
            let record = crate::model::record::CareRecord::load(
                store,
                patient,
                now.date(),
                backcare_core::Lang::En,
            )
            .await?;
            let first = record
                .plan()
                .and_then(|p| p.exercises.first())
                .map(|e| e.id.as_str().to_owned());
            let tailoring = Tailoring {
                goal: Some(DEMO_GOAL.to_owned()),
                instructions: first
                    .into_iter()
                    .map(|exercise| Instruction {
                        exercise,
                        text: DEMO_INSTRUCTION.to_owned(),
                    })
                    .collect(),
                ..Tailoring::default()
            };
            store
                .add_plan_version(clinician, patient, DEMO_SIGNATURE, &tailoring, now)
                .await?;
        }
    }
    Ok(vec![
        DemoAccount {
            role: Role::Patient,
            email: PATIENT_EMAIL,
            password: PASSWORD,
            two_factor_secret: None,
        },
        DemoAccount {
            role: Role::Clinician,
            email: CLINICIAN_EMAIL,
            password: PASSWORD,
            two_factor_secret: Some(CLINICIAN_TWO_FACTOR_SECRET),
        },
    ])
}

/// How the demo clinician signs.
const DEMO_SIGNATURE: &str = "Sam Rivera, physiotherapist";
/// The goal of the demo patient's tailored plan.
const DEMO_GOAL: &str = "Walk for 30 minutes without stopping by the end of next month.";
/// The demo clinician's instruction for the first exercise.
const DEMO_INSTRUCTION: &str = "Move slowly, and breathe out as you do the hardest part.";

/// The demo clinician's note to the demo patient.
const DEMO_NOTE: &str = "Good start. Keep walking every day and do your exercises on 3 days \
this week. We will look at your plan together at your next visit.";

/// The demo accounts' names, the patient's date of birth and the clinician's profession.
fn demo_profiles() -> [(&'static str, Profile); 2] {
    let name = |n: &str| DisplayName::parse(n).ok();
    [
        (
            PATIENT_EMAIL,
            Profile {
                name: name("Alex Morgan"),
                birth_date: time::Date::from_calendar_date(1981, time::Month::June, 14).ok(),
                profession: None,
            },
        ),
        (
            CLINICIAN_EMAIL,
            Profile {
                name: name("Sam Rivera"),
                birth_date: None,
                profession: Some(Profession::Physiotherapist),
            },
        ),
    ]
}

async fn existing(store: &Store, email: &str) -> Result<Option<UserId>, Error> {
    let email = Email::parse(email)?;
    match store.user_by_email(&email).await {
        Ok(user) => Ok(Some(user.id)),
        Err(backcare_storage::Error::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Creates the account; `None` if it already existed.
async fn ensure_user(
    store: &Store,
    email: &str,
    role: Role,
    now: OffsetDateTime,
) -> Result<Option<UserId>, Error> {
    if existing(store, email).await?.is_some() {
        return Ok(None);
    }
    let password = Password::parse(PASSWORD).map_err(|e| Error::Demo(e.to_string()))?;
    let hash = auth::hash_password_async(password)
        .await
        .map_err(|e| Error::Demo(e.to_string()))?;
    let email = Email::parse(email)?;
    let user = store
        .create_user(&email, &hash, role, now - Duration::days(29))
        .await?;
    Ok(Some(user.id))
}

/// Three assessments a week apart (the last two weeks ago), with pain falling, 28 days of
/// diary and two reassessments.
async fn history(store: &Store, patient: UserId, now: OffsetDateTime) -> Result<(), Error> {
    let base: serde_json::Value =
        serde_json::from_str(INTAKE).map_err(|e| Error::Demo(e.to_string()))?;
    for (weeks_ago, pain) in [(4, 7), (3, 6), (2, 5)] {
        let mut answers = base.clone();
        if let Some(p) = answers.get_mut("pain").and_then(|p| p.as_object_mut()) {
            for key in ["now", "average"] {
                if p.contains_key(key) {
                    p.insert(key.into(), pain.into());
                }
            }
        }
        let intake: Intake =
            serde_json::from_value(answers).map_err(|e| Error::Demo(e.to_string()))?;
        let (intake, result) = crate::model::assessment::issued_json(&intake, &assess(&intake))
            .map_err(|e| Error::Demo(e.to_string()))?;
        let at = now - Duration::weeks(weeks_ago) - Duration::hours(1);
        store.save_assessment(patient, &intake, &result, at).await?;
    }
    for days_ago in (0..28u8).rev() {
        let day = (now - Duration::days(days_ago.into())).date();
        // Pain falls from 7 to 3 over four weeks, with a flare-up on day 10.
        let flare_up = days_ago == 17;
        let pain = 3 + days_ago / 7 + u8::from(flare_up) * 2;
        let notes = match days_ago {
            27 => "Hurt my back lifting a box.",
            17 => "Flare-up after gardening; rested and walked a little.",
            3 => "Walked to work.",
            _ => "",
        };
        let entry = DiaryEntry {
            day,
            pain: pain.min(10),
            sessions_done: u32::from(days_ago % 3 != 0),
            minutes_walked: 10 + u32::from(27 - days_ago) * 2,
            flare_up,
            notes: notes.to_owned(),
        };
        store.upsert_diary_entry(patient, &entry, now).await?;
    }
    reassessments(store, patient, now).await
}

/// Roland-Morris 3 weeks ago (11 ticked) and 1 week ago (4 ticked), Oswestry 1 week ago.
async fn reassessments(store: &Store, patient: UserId, now: OffsetDateTime) -> Result<(), Error> {
    use backcare_core::instruments::Instrument;
    let rmdq = |ticked: &[u8]| -> Vec<(String, String)> {
        (1..=24u8)
            .map(|n| (n.to_string(), ticked.contains(&n).to_string()))
            .collect()
    };
    let odi: Vec<(String, String)> = [
        ("pain_intensity", "1"),
        ("personal_care", "0"),
        ("lifting", "2"),
        ("walking", "0"),
        ("sitting", "1"),
        ("standing", "1"),
        ("sleeping", "0"),
        ("social_life", "1"),
        ("travelling", "1"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    let rows = [
        (
            3,
            Instrument::Rmdq,
            rmdq(&[1, 2, 4, 5, 8, 11, 14, 15, 18, 21, 23]),
            6,
        ),
        (1, Instrument::Rmdq, rmdq(&[4, 11, 21, 23]), 4),
        (1, Instrument::Odi, odi, 4),
    ];
    for (weeks_ago, instrument, answers, pain) in rows {
        let scores = crate::model::record::score_answers(instrument, &answers, Some(pain))
            .map_err(|e| Error::Demo(e.to_string()))?;
        let at = now - Duration::weeks(weeks_ago);
        let json = crate::model::record::reassessment_json(
            instrument,
            at.date(),
            &answers,
            Some(pain),
            &scores,
        );
        store.save_reassessment(patient, &json, at).await?;
    }
    Ok(())
}
