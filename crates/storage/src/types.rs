//! The values the store takes and returns. Constructors validate, so a value of these types
//! is always fit to store.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::{Date, OffsetDateTime};

use crate::Error;

/// The longest email address we accept (RFC 5321 path limit).
const MAX_EMAIL: usize = 254;
/// The longest diary note, in characters.
pub const MAX_NOTES: usize = 2000;
/// The most exercise sessions a diary day may record.
pub const MAX_SESSIONS: u32 = 50;
/// Minutes in a day: the most walking a diary day may record.
pub const MAX_MINUTES: u32 = 24 * 60;

/// A user's id, assigned by the database and never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A stored assessment's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AssessmentId(pub i64);

/// A stored reassessment's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReassessmentId(pub i64);

/// An email address: trimmed, lowercased and checked for the shape `local@domain.tld`.
///
/// Lowercasing the whole address makes `Ann@Example.org` and `ann@example.org` one account.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address, or says what is wrong with it ([`Error::Invalid`]).
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let email = raw.trim().to_lowercase();
        let invalid = |why: &str| Err(Error::Invalid(format!("email {raw:?} {why}")));
        if email.is_empty() {
            return Err(Error::Invalid("email is empty".into()));
        }
        if email.chars().count() > MAX_EMAIL {
            return invalid("is longer than 254 characters");
        }
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return invalid("contains a space or a control character");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return invalid("has no @");
        };
        if local.is_empty() || domain.contains('@') {
            return invalid("must have exactly one @ with a name before it");
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
            return invalid("must have a domain such as example.org after the @");
        }
        Ok(Self(email))
    }

    /// The address as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Email {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// What an account is for. A patient owns health data; a clinician sees the data of the
/// patients who linked to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Someone with back pain, who owns their assessments and diary.
    Patient,
    /// A clinician, who sees linked patients' records (every look is audited).
    Clinician,
}

impl Role {
    /// The name stored in the database: `patient` or `clinician`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::Clinician => "clinician",
        }
    }

    pub(crate) fn from_db(s: &str) -> Result<Self, Error> {
        match s {
            "patient" => Ok(Role::Patient),
            "clinician" => Ok(Role::Clinician),
            other => Err(crate::error::corrupt(format!("unknown role {other:?}"))),
        }
    }
}

/// A password hash in PHC string form, produced by the web crate (argon2). Storage never
/// hashes or verifies passwords; it only keeps this string. `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a PHC string such as `$argon2id$v=19$...`; rejects anything that is not one.
    pub fn new(phc: impl Into<String>) -> Result<Self, Error> {
        let phc = phc.into();
        if !phc.starts_with('$') || phc.len() < 8 || phc.len() > 1024 {
            return Err(Error::Invalid(
                "password hash must be a PHC string such as $argon2id$...".into(),
            ));
        }
        Ok(Self(phc))
    }

    /// The PHC string, for verification by the caller.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(..)")
    }
}

/// The hash of a secret token (a session cookie or a share code), produced by the caller,
/// for example as hex SHA-256. Storage never sees the token itself, so a copy of the
/// database does not let anyone log in. `Debug` does not print it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TokenHash(String);

impl TokenHash {
    /// Wraps a hash: 16 to 256 printable ASCII characters.
    pub fn new(hash: impl Into<String>) -> Result<Self, Error> {
        let hash = hash.into();
        if !(16..=256).contains(&hash.len()) || !hash.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::Invalid(
                "token hash must be 16 to 256 printable ASCII characters".into(),
            ));
        }
        Ok(Self(hash))
    }

    /// The hash as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenHash(..)")
    }
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Its email address (unique).
    pub email: Email,
    /// Patient or clinician.
    pub role: Role,
    /// The password hash to verify a login against.
    pub password_hash: PasswordHash,
    /// When the account was created.
    pub created_at: OffsetDateTime,
}

/// A live session, with the user it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The logged-in user.
    pub user: User,
    /// When the session was created.
    pub created_at: OffsetDateTime,
    /// When it stops being valid.
    pub expires_at: OffsetDateTime,
    /// When it was last used (to within [`crate::TOUCH_EVERY`]); it ends once idle for
    /// longer than its role's [`Role::idle_limit`].
    pub last_seen_at: OffsetDateTime,
    /// What it was used from, if known.
    pub device: Option<crate::DeviceLabel>,
}

/// An assessment as saved: the intake (answers) and the result as issued, both as JSON.
///
/// The store keeps the JSON exactly as written and never interprets it, so a row from any
/// release stays as it was: `backcare_core::record::IssuedAssessment::decode` reads both
/// columns by their version (the store does not depend on the engine).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAssessment {
    /// Its id.
    pub id: AssessmentId,
    /// When it was saved.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The person's answers (`backcare_core::Intake` as JSON).
    pub intake: Value,
    /// The result as issued (`backcare_core::record::StoredResultV2`, or the bare result
    /// of version 1).
    pub assessment: Value,
}

/// One day of the symptom diary. There is at most one entry per user and day; saving
/// again replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryEntry {
    /// The day the entry is about (the person's local date).
    pub day: Date,
    /// Pain on the 0 to 10 numeric rating scale.
    pub pain: u8,
    /// Exercise sessions done that day (0 to [`MAX_SESSIONS`]).
    pub sessions_done: u32,
    /// Minutes walked that day (0 to [`MAX_MINUTES`]).
    pub minutes_walked: u32,
    /// Whether the day had a flare-up.
    pub flare_up: bool,
    /// Free-text notes (up to [`MAX_NOTES`] characters; may be empty).
    pub notes: String,
}

/// How an exercise felt, in the person's words after doing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    /// Too easy.
    TooEasy,
    /// Just right.
    JustRight,
    /// Too hard.
    TooHard,
}

impl Effort {
    /// Every effort, easiest first.
    pub const ALL: [Effort; 3] = [Effort::TooEasy, Effort::JustRight, Effort::TooHard];

    /// `too_easy`, `just_right` or `too_hard`, as stored and as the forms send it.
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::TooEasy => "too_easy",
            Effort::JustRight => "just_right",
            Effort::TooHard => "too_hard",
        }
    }
}

impl FromStr for Effort {
    type Err = Error;
    fn from_str(s: &str) -> Result<Effort, Error> {
        Effort::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown effort {s:?}: use too_easy, just_right or too_hard"
                ))
            })
    }
}

/// The longest exercise id the store keeps, in bytes.
pub const MAX_EXERCISE_ID: usize = 64;

/// One exercise done on one day: how many times, and how it felt the last time it was
/// rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseDay {
    /// The day (the person's local date).
    pub day: Date,
    /// The exercise's id in the library.
    pub exercise: String,
    /// Times done that day (at least 1).
    pub times_done: u32,
    /// The last rating given that day, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
}

/// A person's word that they have been seen by a clinician about an urgent or emergency
/// result. The result stays as issued; this only moves its banner down the start page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenResult {
    /// The result (assessment) they were seen about.
    pub assessment: AssessmentId,
    /// When they said so.
    #[serde(with = "time::serde::rfc3339")]
    pub seen_at: OffsetDateTime,
}

impl DiaryEntry {
    /// Checks the ranges; the message names the field at fault.
    pub fn validate(&self) -> Result<(), Error> {
        if self.pain > 10 {
            return Err(Error::Invalid(format!(
                "pain must be between 0 and 10, got {}",
                self.pain
            )));
        }
        if self.sessions_done > MAX_SESSIONS {
            return Err(Error::Invalid(format!(
                "sessions done must be between 0 and {MAX_SESSIONS}, got {}",
                self.sessions_done
            )));
        }
        if self.minutes_walked > MAX_MINUTES {
            return Err(Error::Invalid(format!(
                "minutes walked must be between 0 and {MAX_MINUTES}, got {}",
                self.minutes_walked
            )));
        }
        let chars = self.notes.chars().count();
        if chars > MAX_NOTES {
            return Err(Error::Invalid(format!(
                "notes must be at most {MAX_NOTES} characters, got {chars}"
            )));
        }
        Ok(())
    }
}

/// A reassessment: instrument scores taken later, to compare with the first assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reassessment {
    /// Its id.
    pub id: ReassessmentId,
    /// When it was saved.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The reassessment as JSON (`backcare_core::record::ReassessmentV1`: the instrument,
    /// the answers and the scores), read with `ReassessmentV1::decode`.
    pub scores: Value,
}

/// The other side of a clinician link: a linked patient (for a clinician) or a linked
/// clinician (for a patient).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The other user's id.
    pub user_id: UserId,
    /// The other user's email.
    pub email: Email,
    /// When the patient linked.
    #[serde(with = "time::serde::rfc3339")]
    pub since: OffsetDateTime,
    /// What the other user has said about themselves.
    pub profile: crate::Profile,
}

/// One entry of a patient's access log: a clinician opened part of their record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The patient whose record was opened.
    pub patient_id: UserId,
    /// The clinician, or `None` once the clinician's account is deleted.
    pub clinician_id: Option<UserId>,
    /// The clinician's email when they looked (kept after their account is deleted,
    /// because the log belongs to the patient).
    pub clinician_email: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// What was opened, for example `diary` or `assessment 12`.
    pub action: String,
}

/// The account part of an export (no password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The user's id.
    pub id: UserId,
    /// The user's email.
    pub email: Email,
    /// Patient or clinician.
    pub role: Role,
    /// When the account was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// Start and end of a session or share code, for an export (never the token hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it expires.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// Everything stored about one user, as [`crate::Store::export_user`] returns it. Serialize
/// it (for example with `serde_json`) to hand it to the user. Secrets (the password hash and
/// token hashes) are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserExport {
    /// The account.
    pub account: Account,
    /// What they have said about themselves (name, date of birth, profession).
    #[serde(default)]
    pub profile: crate::Profile,
    /// The notes clinicians wrote on their record, newest first.
    #[serde(default)]
    pub notes: Vec<crate::Note>,
    /// The questionnaires clinicians asked them to answer on a schedule.
    #[serde(default)]
    pub schedules: Vec<crate::Schedule>,
    /// Every version of their plan as clinicians tailored it, newest first.
    #[serde(default)]
    pub plan_versions: Vec<crate::PlanVersion>,
    /// A clinician's own plan templates, by name.
    #[serde(default)]
    pub plan_templates: Vec<crate::PlanTemplate>,
    /// Saved assessments, oldest first.
    pub assessments: Vec<StoredAssessment>,
    /// The intake the user is part-way through, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intake_draft: Option<Value>,
    /// Diary entries, by day.
    pub diary: Vec<DiaryEntry>,
    /// The exercises done on each day and how they felt, by day and exercise.
    #[serde(default)]
    pub exercises_done: Vec<ExerciseDay>,
    /// The urgent or emergency results the user said they have been seen about.
    #[serde(default)]
    pub seen_results: Vec<SeenResult>,
    /// Reassessments, oldest first.
    pub reassessments: Vec<Reassessment>,
    /// FHIR resources sent through the API about this user, as received, oldest first.
    #[serde(default)]
    pub fhir_resources: Vec<crate::StoredFhirResource>,
    /// API tokens (never the token or its hash), oldest first.
    #[serde(default)]
    pub api_tokens: Vec<crate::ApiToken>,
    /// Clinicians this user (as a patient) is linked to.
    pub linked_clinicians: Vec<Link>,
    /// Patients linked to this user (as a clinician).
    pub linked_patients: Vec<Link>,
    /// Who opened this user's record (as a patient), oldest first.
    pub access_log: Vec<AuditEntry>,
    /// Records this user (as a clinician) opened, oldest first.
    pub records_opened: Vec<AuditEntry>,
    /// Open sessions.
    pub sessions: Vec<Validity>,
    /// Unredeemed share codes (clinicians).
    pub share_codes: Vec<Validity>,
    /// Times of failed logins recorded for this email.
    #[serde(with = "rfc3339_vec")]
    pub failed_logins: Vec<OffsetDateTime>,
    /// Each agreement to the privacy notice: its version and when, oldest first.
    #[serde(default)]
    pub consents: Vec<crate::Consent>,
    /// The email reminders asked for, and those sent.
    #[serde(default)]
    pub reminders: crate::reminders::ReminderExport,
}

mod rfc3339_vec {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn serialize<S: Serializer>(v: &[OffsetDateTime], s: S) -> Result<S::Ok, S::Error> {
        let strings = v
            .iter()
            .map(|t| t.format(&Rfc3339))
            .collect::<Result<Vec<_>, _>>()
            .map_err(serde::ser::Error::custom)?;
        strings.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<OffsetDateTime>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|s| OffsetDateTime::parse(s, &Rfc3339).map_err(serde::de::Error::custom))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Ann.Lee@Example.ORG ").unwrap().as_str(),
            "ann.lee@example.org"
        );
    }

    #[test]
    fn bad_emails_say_why() {
        for (raw, why) in [
            ("", "empty"),
            ("ann", "has no @"),
            ("@example.org", "exactly one @"),
            ("a@b@example.org", "exactly one @"),
            ("ann@localhost", "domain"),
            ("ann@example..org", "domain"),
            ("ann lee@example.org", "space"),
        ] {
            match Email::parse(raw) {
                Err(Error::Invalid(msg)) => assert!(msg.contains(why), "{raw:?}: {msg}"),
                other => panic!("{raw:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn secrets_are_not_printed() {
        let h = PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").unwrap();
        assert_eq!(format!("{h:?}"), "PasswordHash(..)");
        let t = TokenHash::new("0123456789abcdef0123").unwrap();
        assert_eq!(format!("{t:?}"), "TokenHash(..)");
        assert!(PasswordHash::new("hunter2").is_err());
        assert!(TokenHash::new("short").is_err());
    }

    #[test]
    fn diary_ranges_name_the_field() {
        let entry = DiaryEntry {
            day: time::macros::date!(2026 - 11 - 02),
            pain: 11,
            sessions_done: 0,
            minutes_walked: 0,
            flare_up: false,
            notes: String::new(),
        };
        let Err(Error::Invalid(msg)) = entry.validate() else {
            panic!("pain 11 accepted")
        };
        assert_eq!(msg, "pain must be between 0 and 10, got 11");
    }
}
