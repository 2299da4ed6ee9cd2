//! A patient's saved assessments: saving one as issued, and reading one back.
//!
//! An assessment is stored as what the person was told ([`IssuedAssessment`]: the intake,
//! the whole result in the language shown, the engine version and the rule table's
//! fingerprint) and read back through [`read`], which never re-derives the result. What
//! today's rules would say is worked out beside it ([`ReadAssessment::today`]) so a
//! clinician can see both when they differ. A record that cannot be read is an
//! [`Unreadable`], logged at error level with its id, and shown as such: never skipped.

use backcare_core::instruments::Instrument;
use backcare_core::record::{self, IssuedAssessment, RecordError};
use backcare_core::triage::Level;
use backcare_core::{Assessment, Intake, Lang, assess};
use backcare_storage::{AssessmentId, StoredAssessment, UserId};
use time::OffsetDateTime;

use crate::AppState;
use crate::infra::i18n;

/// The two JSON objects stored for `result`, issued now for `intake`.
pub fn issued_json(
    intake: &Intake,
    result: &Assessment,
) -> Result<(serde_json::Value, serde_json::Value), backcare_storage::Error> {
    IssuedAssessment::issue(intake, result)
        .encode()
        .map_err(|e| backcare_storage::Error::Invalid(format!("assessment as JSON: {e}")))
}

/// Saves `result`, just issued for `intake`, as issued; its id.
pub async fn save(
    state: &AppState,
    user: UserId,
    intake: &Intake,
    result: &Assessment,
    now: OffsetDateTime,
) -> Result<AssessmentId, backcare_storage::Error> {
    let level = result.triage.level;
    let (intake, result) = issued_json(intake, result)?;
    let id = state
        .store
        .save_assessment(user, &intake, &result, now)
        .await?;
    crate::infra::metrics::triage_issued(level);
    Ok(id)
}

/// A saved assessment, read back as issued.
#[derive(Debug, Clone)]
pub struct ReadAssessment {
    /// Its id.
    pub id: AssessmentId,
    /// When it was issued.
    pub created_at: OffsetDateTime,
    /// What the person was told.
    pub issued: IssuedAssessment,
    /// The level today's rules give for the same answers.
    pub today: Level,
}

impl ReadAssessment {
    /// The level the person was given.
    pub fn level(&self) -> Level {
        self.issued.result.triage.level
    }

    /// Whether today's rules would give another level.
    pub fn rules_changed(&self) -> bool {
        self.today != self.level()
    }

    /// The more urgent of the issued level and today's: what a clinician's panel sorts by.
    pub fn most_urgent(&self) -> Level {
        self.level().max(self.today)
    }

    /// The answers and today's engine result over them in `lang`: what the plan, the open
    /// questions and the score lines are worked out from (never shown as the issued
    /// result).
    pub fn in_lang(&self, lang: Lang) -> (Intake, Assessment) {
        let mut intake = self.issued.intake.clone();
        intake.language = lang;
        let result = assess(&intake);
        (intake, result)
    }
}

/// A saved record that could not be read: shown as such, with what can still be read.
#[derive(Debug, Clone)]
pub struct Unreadable {
    /// The kind of record.
    pub kind: record::Kind,
    /// Its id in the store.
    pub id: i64,
    /// When it was saved.
    pub created_at: OffsetDateTime,
    /// Its stored level, when that part can still be read (assessments).
    pub level: Option<Level>,
    /// Its questionnaire, when that part can still be read (reassessments).
    pub instrument: Option<Instrument>,
    /// Why it could not be read.
    pub error: RecordError,
}

/// The Fluent keys of one way of saying that a record could not be read (the patient's
/// pages and the clinician's say it differently); each takes `$date`, and `instrument`
/// also `$instrument`.
#[derive(Debug, Clone, Copy)]
pub struct UnreadableWords {
    /// A reassessment whose questionnaire can still be read.
    pub instrument: &'static str,
    /// A reassessment of which nothing can be read.
    pub reassessment: &'static str,
    /// An assessment (or a draft).
    pub assessment: &'static str,
}

/// The words of a result that could not be read, as its own page and the start page say it.
pub const RESULT_UNREADABLE: UnreadableWords = UnreadableWords {
    instrument: "progress-unreadable-instrument",
    reassessment: "progress-unreadable-reassessment",
    assessment: "record-unreadable-text",
};

impl Unreadable {
    /// One line saying that this record could not be read, in `lang`: its date and what
    /// can still be read of it (the questionnaire, the level it gave).
    pub fn describe(&self, lang: Lang, words: UnreadableWords) -> String {
        let date = self.created_at.date().to_string();
        let mut line = match (self.kind, self.instrument) {
            (record::Kind::Reassessment, Some(i)) => i18n::t_args(
                lang,
                words.instrument,
                &[("date", date.as_str()), ("instrument", i.name().get(lang))],
            ),
            (record::Kind::Reassessment, None) => {
                i18n::t_args(lang, words.reassessment, &[("date", date.as_str())])
            }
            (record::Kind::Assessment | record::Kind::IntakeDraft, _) => {
                i18n::t_args(lang, words.assessment, &[("date", date.as_str())])
            }
        };
        if let Some(level) = self.level {
            line.push(' ');
            line.push_str(&i18n::t_args(
                lang,
                "record-unreadable-level",
                &[("level", level.title().get(lang))],
            ));
        }
        line
    }
}

/// Reads one saved assessment as issued; an [`Unreadable`] (logged at error level with the
/// record's id) when it does not decode.
pub fn read(stored: &StoredAssessment) -> Result<ReadAssessment, Unreadable> {
    match IssuedAssessment::decode(&stored.intake, &stored.assessment) {
        Ok(issued) => {
            let today = assess(&issued.intake).triage.level;
            Ok(ReadAssessment {
                id: stored.id,
                created_at: stored.created_at,
                issued,
                today,
            })
        }
        Err(error) => {
            tracing::error!(
                record = "assessment",
                id = stored.id.0,
                error = %error,
                "a stored record could not be read"
            );
            Err(Unreadable {
                kind: record::Kind::Assessment,
                id: stored.id.0,
                created_at: stored.created_at,
                level: record::stored_level(&stored.assessment),
                instrument: None,
                error,
            })
        }
    }
}
