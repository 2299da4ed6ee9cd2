//! The records backcare stores, as explicit, versioned types.
//!
//! A stored record must stay true: what a page, an export or the FHIR API shows is what the
//! person was told on the day, never today's rules run again over their answers. So an
//! assessment is kept *as issued*: the intake, the whole result in the language it was shown
//! in (level, reasons, patterns, scores, codes and the advice text), the engine version and a
//! fingerprint of the triage rule table.
//!
//! Every stored kind has one decoding function that reads the record's `version` first and
//! then picks the type of that version; an unknown version is an error, never a guess. The
//! one exception is the first release, which wrote no version at all: a record without the
//! field is read as version 1 (its shape is fixed by the fixtures under
//! `crates/core/tests/fixtures/records/`, taken from that release). This module does no I/O:
//! the storage crate keeps the JSON and the web crate calls these functions.
//!
//! | kind | stored as | versions |
//! |---|---|---|
//! | assessment | two JSON columns: the [`Intake`] and the result | 1: bare `Assessment` JSON; 2: [`StoredResultV2`] |
//! | reassessment | one JSON column | 1: [`ReassessmentV1`] |
//! | intake draft | one JSON column | 1: bare [`Intake`]; 2: [`IntakeDraftV2`] |

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::assess::Assessment;
use crate::codes::CodeSystem;
use crate::instruments::{self, Instrument, NrsScores, OdiBand, RmdqResult, StartBackScore};
use crate::intake::Intake;
use crate::lang::Lang;
use crate::patterns::{Fit, Pattern};
use crate::triage::{Family, Level};

/// The version of the engine that issued a result (this crate's version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version written in new assessment results.
pub const ASSESSMENT_VERSION: u64 = 2;
/// The version written in new reassessments.
pub const REASSESSMENT_VERSION: u64 = 1;
/// The version written in new intake drafts.
pub const INTAKE_DRAFT_VERSION: u64 = 2;

/// A fingerprint of the triage rule table ([`crate::triage::rules::RULES`]): it changes
/// whenever a rule's condition, level, wording or source changes, so a stored result says
/// which table issued it without anyone remembering to bump a number.
pub fn rules_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| format!("fnv1a64:{:016x}", fnv1a(&rule_table_text())))
}

fn rule_table_text() -> String {
    format!("{:?}", crate::triage::rules::RULES)
}

/// FNV-1a: tiny, stable across platforms and releases (unlike `std`'s hasher).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Which kind of record failed to decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A saved assessment.
    Assessment,
    /// A saved reassessment.
    Reassessment,
    /// An intake in progress.
    IntakeDraft,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Assessment => "assessment",
            Kind::Reassessment => "reassessment",
            Kind::IntakeDraft => "intake draft",
        })
    }
}

/// Why a stored record could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The record says it is of a version this backcare does not know.
    #[error("stored {kind} has version {version}, which this backcare cannot read")]
    UnknownVersion {
        /// The kind of record.
        kind: Kind,
        /// The version it says it has.
        version: String,
    },
    /// The record does not fit its version's type.
    #[error("stored {kind} (version {version}) does not fit its format: {message}")]
    Malformed {
        /// The kind of record.
        kind: Kind,
        /// The version it was read as.
        version: u64,
        /// What serde found wrong.
        message: String,
    },
}

/// The `version` of a stored object: `None` when it has none (the first release).
fn version_of(kind: Kind, v: &Value) -> Result<Option<u64>, RecordError> {
    match v.get("version") {
        None => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or(RecordError::UnknownVersion {
            kind,
            version: n.to_string(),
        }),
        Some(other) => Err(RecordError::UnknownVersion {
            kind,
            version: other.to_string(),
        }),
    }
}

fn parse<T: serde::de::DeserializeOwned>(
    kind: Kind,
    version: u64,
    v: &Value,
) -> Result<T, RecordError> {
    T::deserialize(v).map_err(|e| RecordError::Malformed {
        kind,
        version,
        message: e.to_string(),
    })
}

fn unknown(kind: Kind, version: u64) -> RecordError {
    RecordError::UnknownVersion {
        kind,
        version: version.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Assessments

/// One triage reason as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedReason {
    /// The rule's identifier.
    pub rule_id: String,
    /// What kind of problem it looks for.
    pub family: Family,
    /// The level this rule gave.
    pub level: Level,
    /// False when it fired only because an answer was "don't know" or skipped.
    pub certain: bool,
    /// The possible problem.
    pub concern: String,
    /// What to do.
    pub advice: String,
    /// The answers that made it fire.
    pub because: Vec<String>,
    /// The published source.
    pub source: String,
}

/// The triage as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedTriage {
    /// The level the person was given.
    pub level: Level,
    /// The level's heading as shown.
    pub title: String,
    /// What to do, as shown.
    pub action: String,
    /// Every rule that fired, most urgent first.
    pub reasons: Vec<IssuedReason>,
}

/// A pattern as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPattern {
    /// Which pattern.
    pub pattern: Pattern,
    /// How well it fitted.
    pub fit: Fit,
    /// Its name as shown.
    pub name: String,
    /// What it means, as shown.
    pub explanation: String,
    /// Criteria met.
    pub met: Vec<String>,
    /// Criteria not met.
    pub not_met: Vec<String>,
    /// Criteria that could not be checked.
    pub unknown: Vec<String>,
    /// The published criteria followed.
    pub source: String,
}

/// An instrument's outcome as issued: a score or the missing items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuedOutcome<T> {
    /// It was scored.
    Scored(T),
    /// It could not be scored.
    Incomplete {
        /// The instrument.
        instrument: Instrument,
        /// The unanswered items' JSON names.
        missing: Vec<String>,
    },
}

impl<T> IssuedOutcome<T> {
    /// The score, when there was one.
    pub fn scored(&self) -> Option<&T> {
        match self {
            IssuedOutcome::Scored(s) => Some(s),
            IssuedOutcome::Incomplete { .. } => None,
        }
    }
}

/// The Oswestry result as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedOdi {
    /// The percentage.
    pub percent: u8,
    /// Sections answered.
    pub answered: u8,
    /// The band.
    pub band: OdiBand,
    /// Sections where two statements were ticked.
    pub two_ticked_sections: Vec<String>,
}

/// The instrument scores as issued.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedScores {
    /// Pain ratings.
    pub nrs: NrsScores,
    /// STarT Back.
    pub start_back: Option<IssuedOutcome<StartBackScore>>,
    /// Oswestry.
    pub odi: Option<IssuedOutcome<IssuedOdi>>,
    /// Roland-Morris.
    pub rmdq: Option<RmdqResult>,
}

/// One suggested code as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCode {
    /// The coding system.
    pub system: CodeSystem,
    /// The code.
    pub code: String,
    /// Our description, as shown.
    pub description: String,
    /// Why it was suggested.
    pub why: String,
    /// When a clinician would use it.
    pub condition: Option<String>,
    /// Where the code comes from.
    pub source: String,
}

/// The suggested codes as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCodes {
    /// ICD-10-CM suggestions.
    pub icd10cm: Vec<IssuedCode>,
    /// CPT suggestions.
    pub cpt: Vec<IssuedCode>,
    /// That these are suggestions.
    pub notice: String,
    /// Notes on what was and was not suggested.
    pub notes: Vec<String>,
}

/// The engine's whole result as the person saw it. Version 1 stored exactly this shape
/// (the engine's `Assessment` as JSON) with no version field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedResult {
    /// The triage.
    pub triage: IssuedTriage,
    /// The patterns.
    pub patterns: Vec<IssuedPattern>,
    /// Why no pattern was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patterns_withheld: Option<String>,
    /// The scores.
    pub scores: IssuedScores,
    /// The suggested codes.
    pub codes: IssuedCodes,
    /// What backcare is not.
    pub disclaimer: String,
}

fn incomplete<T>(missing: &instruments::MissingItems) -> IssuedOutcome<T> {
    IssuedOutcome::Incomplete {
        instrument: missing.instrument,
        missing: missing.missing.iter().map(|m| (*m).to_owned()).collect(),
    }
}

impl From<&instruments::Scores> for IssuedScores {
    fn from(s: &instruments::Scores) -> Self {
        IssuedScores {
            nrs: s.nrs,
            start_back: s.start_back.as_ref().map(|o| match o {
                instruments::Outcome::Scored(sb) => IssuedOutcome::Scored(*sb),
                instruments::Outcome::Incomplete(m) => incomplete(m),
            }),
            odi: s.odi.as_ref().map(|o| match o {
                instruments::Outcome::Scored(r) => IssuedOutcome::Scored(IssuedOdi {
                    percent: r.percent,
                    answered: r.answered,
                    band: r.band,
                    two_ticked_sections: r
                        .two_ticked_sections
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect(),
                }),
                instruments::Outcome::Incomplete(m) => incomplete(m),
            }),
            rmdq: s.rmdq,
        }
    }
}

impl From<&crate::triage::Triage> for IssuedTriage {
    fn from(t: &crate::triage::Triage) -> Self {
        IssuedTriage {
            level: t.level,
            title: t.title.clone(),
            action: t.action.clone(),
            reasons: t
                .reasons
                .iter()
                .map(|r| IssuedReason {
                    rule_id: r.rule_id.to_owned(),
                    family: r.family,
                    level: r.level,
                    certain: r.certain,
                    concern: r.concern.clone(),
                    advice: r.advice.clone(),
                    because: r.because.clone(),
                    source: r.source.to_owned(),
                })
                .collect(),
        }
    }
}

impl From<&Assessment> for IssuedResult {
    fn from(a: &Assessment) -> Self {
        let code = |c: &crate::codes::CodeSuggestion| IssuedCode {
            system: c.system,
            code: c.code.to_owned(),
            description: c.description.clone(),
            why: c.why.clone(),
            condition: c.condition.clone(),
            source: c.source.to_owned(),
        };
        IssuedResult {
            triage: IssuedTriage::from(&a.triage),
            patterns: a
                .patterns
                .iter()
                .map(|p| IssuedPattern {
                    pattern: p.pattern,
                    fit: p.fit,
                    name: p.name.clone(),
                    explanation: p.explanation.clone(),
                    met: p.met.clone(),
                    not_met: p.not_met.clone(),
                    unknown: p.unknown.clone(),
                    source: p.source.to_owned(),
                })
                .collect(),
            patterns_withheld: a.patterns_withheld.clone(),
            scores: IssuedScores::from(&a.scores),
            codes: IssuedCodes {
                icd10cm: a.codes.icd10cm.iter().map(code).collect(),
                cpt: a.codes.cpt.iter().map(code).collect(),
                notice: a.codes.notice.clone(),
                notes: a.codes.notes.clone(),
            },
            disclaimer: a.disclaimer.clone(),
        }
    }
}

/// The result column of an assessment, version 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredResultV2 {
    /// Always 2.
    pub version: u64,
    /// The engine version that issued it ([`ENGINE_VERSION`]).
    pub engine: String,
    /// The rule table that issued it ([`rules_version`]).
    pub rules: String,
    /// The language the result was shown in.
    pub language: Lang,
    /// The result.
    pub result: IssuedResult,
}

/// An assessment as issued, from any version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedAssessment {
    /// The version it was stored as.
    pub version: u64,
    /// The person's answers.
    pub intake: Intake,
    /// The result they were given.
    pub result: IssuedResult,
    /// The engine version that issued it; `None` for version 1, which did not record it.
    pub engine: Option<String>,
    /// The rule table that issued it; `None` for version 1.
    pub rules: Option<String>,
    /// The language the result was shown in.
    pub language: Lang,
}

impl IssuedAssessment {
    /// The record of `result`, just issued for `intake` by this engine.
    pub fn issue(intake: &Intake, result: &Assessment) -> IssuedAssessment {
        IssuedAssessment {
            version: ASSESSMENT_VERSION,
            intake: intake.clone(),
            result: IssuedResult::from(result),
            engine: Some(ENGINE_VERSION.to_owned()),
            rules: Some(rules_version().to_owned()),
            language: intake.language,
        }
    }

    /// The two JSON objects to store: the intake and the result (always the newest
    /// version).
    pub fn encode(&self) -> Result<(Value, Value), serde_json::Error> {
        let intake = serde_json::to_value(&self.intake)?;
        let result = serde_json::to_value(StoredResultV2 {
            version: ASSESSMENT_VERSION,
            engine: self
                .engine
                .clone()
                .unwrap_or_else(|| ENGINE_VERSION.to_owned()),
            rules: self
                .rules
                .clone()
                .unwrap_or_else(|| rules_version().to_owned()),
            language: self.language,
            result: self.result.clone(),
        })?;
        Ok((intake, result))
    }

    /// Reads a stored assessment from its two JSON columns.
    pub fn decode(intake: &Value, result: &Value) -> Result<IssuedAssessment, RecordError> {
        let kind = Kind::Assessment;
        let version = version_of(kind, result)?.unwrap_or(1);
        let (result, engine, rules, language) = match version {
            1 => (parse::<IssuedResult>(kind, 1, result)?, None, None, None),
            2 => {
                let v2: StoredResultV2 = parse(kind, 2, result)?;
                if v2.version != 2 {
                    return Err(unknown(kind, v2.version));
                }
                (
                    v2.result,
                    Some(v2.engine),
                    Some(v2.rules),
                    Some(v2.language),
                )
            }
            other => return Err(unknown(kind, other)),
        };
        let intake: Intake = parse(kind, version, intake)?;
        Ok(IssuedAssessment {
            version,
            language: language.unwrap_or(intake.language),
            intake,
            result,
            engine,
            rules,
        })
    }

    /// Whether the rule table that issued this result is today's (`None` when the record
    /// is from before the table was recorded).
    pub fn same_rules(&self) -> Option<bool> {
        self.rules.as_deref().map(|r| r == rules_version())
    }
}

/// The triage level of a stored result, read on its own: what can still be shown when the
/// rest of the record does not decode. `None` if even that cannot be read.
pub fn stored_level(result: &Value) -> Option<Level> {
    let triage = match result.get("version") {
        None => result.get("triage"),
        Some(_) => result.get("result")?.get("triage"),
    }?;
    Level::deserialize(triage.get("level")?).ok()
}

// ---------------------------------------------------------------------------------------
// Reassessments

/// A reassessment, version 1: one questionnaire answered again later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReassessmentV1 {
    /// Always 1.
    pub version: u64,
    /// The questionnaire (its JSON id: `start_back`, `odi`, `rmdq`).
    pub instrument: Instrument,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Pain right now, 0-10.
    pub pain_now: Option<u8>,
    /// The answers: item key to the core's choice value.
    pub answers: BTreeMap<String, String>,
    /// The scores as issued.
    pub scores: IssuedScores,
}

/// A reassessment from any version.
pub type StoredReassessment = ReassessmentV1;

impl ReassessmentV1 {
    /// The JSON to store.
    pub fn encode(&self) -> Result<Value, serde_json::Error> {
        serde_json::to_value(self)
    }

    /// Reads a stored reassessment.
    pub fn decode(v: &Value) -> Result<StoredReassessment, RecordError> {
        let kind = Kind::Reassessment;
        match version_of(kind, v)? {
            Some(1) => parse(kind, 1, v),
            Some(other) => Err(unknown(kind, other)),
            // Reassessments carried a version from the first release.
            None => Err(RecordError::Malformed {
                kind,
                version: 1,
                message: "no version".to_owned(),
            }),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Intake drafts

/// An intake in progress, version 2 (version 1 was the bare intake).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeDraftV2 {
    /// Always 2.
    pub version: u64,
    /// The answers so far.
    pub intake: Intake,
}

/// Encodes an intake in progress (newest version).
pub fn encode_intake_draft(intake: &Intake) -> Result<Value, serde_json::Error> {
    serde_json::to_value(IntakeDraftV2 {
        version: INTAKE_DRAFT_VERSION,
        intake: intake.clone(),
    })
}

/// Reads a stored intake in progress. [`Intake`] refuses unknown fields, so a version 1
/// draft (the bare intake) can never carry a `version` field.
pub fn decode_intake_draft(v: &Value) -> Result<Intake, RecordError> {
    let kind = Kind::IntakeDraft;
    match version_of(kind, v)? {
        None => parse(kind, 1, v),
        Some(2) => parse::<IntakeDraftV2>(kind, 2, v).map(|d| d.intake),
        Some(other) => Err(unknown(kind, other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess;

    fn intake() -> Intake {
        serde_json::from_value(serde_json::json!({"age": 40, "bladder_change": "yes"})).unwrap()
    }

    #[test]
    fn an_assessment_round_trips_as_issued() {
        let i = intake();
        let issued = IssuedAssessment::issue(&i, &assess(&i));
        assert_eq!(issued.result.triage.level, Level::Emergency);
        let (iv, rv) = issued.encode().unwrap();
        assert_eq!(rv["version"], 2);
        let back = IssuedAssessment::decode(&iv, &rv).unwrap();
        assert_eq!(back, issued);
        assert_eq!(back.same_rules(), Some(true));
        assert_eq!(stored_level(&rv), Some(Level::Emergency));
    }

    #[test]
    fn an_unknown_version_is_an_error_not_a_guess() {
        let i = intake();
        let (iv, mut rv) = IssuedAssessment::issue(&i, &assess(&i)).encode().unwrap();
        rv["version"] = serde_json::json!(3);
        assert!(matches!(
            IssuedAssessment::decode(&iv, &rv),
            Err(RecordError::UnknownVersion { .. })
        ));
        rv["version"] = serde_json::json!("2");
        assert!(IssuedAssessment::decode(&iv, &rv).is_err());
        let draft = serde_json::json!({"version": 9, "intake": {}});
        assert!(decode_intake_draft(&draft).is_err());
        let re = serde_json::json!({"version": 2, "instrument": "odi"});
        assert!(matches!(
            ReassessmentV1::decode(&re),
            Err(RecordError::UnknownVersion { .. })
        ));
    }

    #[test]
    fn a_broken_intake_is_an_error_but_the_level_can_still_be_read() {
        let i = intake();
        let (_, rv) = IssuedAssessment::issue(&i, &assess(&i)).encode().unwrap();
        let broken = serde_json::json!({"age": "forty"});
        assert!(matches!(
            IssuedAssessment::decode(&broken, &rv),
            Err(RecordError::Malformed { .. })
        ));
        assert_eq!(stored_level(&rv), Some(Level::Emergency));
    }

    #[test]
    fn drafts_round_trip() {
        let i = intake();
        let v = encode_intake_draft(&i).unwrap();
        assert_eq!(decode_intake_draft(&v).unwrap(), i);
        let bare = serde_json::to_value(&i).unwrap();
        assert_eq!(decode_intake_draft(&bare).unwrap(), i);
    }

    #[test]
    fn the_rules_version_is_a_fingerprint_of_the_table() {
        assert!(rules_version().starts_with("fnv1a64:"));
        // Any change to a rule, even one letter of an id, gives another fingerprint.
        let table = rule_table_text();
        assert!(table.contains("CES-BLADDER"));
        let changed = table.replacen("CES-BLADDER", "CES-BLADDEX", 1);
        assert_ne!(fnv1a(&table), fnv1a(&changed));
    }
}
