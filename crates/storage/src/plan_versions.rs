//! A clinician's tailoring of a patient's plan, version by version.
//!
//! Each change is a new [`PlanVersion`] with the next number, signed as the clinician was
//! named when they made it; the latest applies. The tailoring is JSON with its own
//! `version` field, read back by its version (an unknown one is an error, never a silent
//! default), like the assessments.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Result, corrupt};
use crate::{Error, Store, UserId, at, secs};

/// The longest goal or instruction, in characters.
pub const MAX_TAILORING_TEXT: usize = 500;

/// The most instructions one version holds (one per exercise of a week's plan).
const MAX_INSTRUCTIONS: usize = 20;

/// The longest signature, in characters.
const MAX_SIGNATURE: usize = 300;

/// The tailoring's JSON version this code writes and reads.
const TAILORING_VERSION: u32 = 1;

/// An instruction for one exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instruction {
    /// The exercise's id in the library.
    pub exercise: String,
    /// What the clinician asks, in their words.
    pub text: String,
}

/// What a clinician set: the programme's goal and an instruction per exercise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tailoring {
    /// The programme's goal, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Instructions, one per exercise at most.
    #[serde(default)]
    pub instructions: Vec<Instruction>,
}

impl Tailoring {
    /// Checks the lengths; the message says what is wrong.
    pub fn validate(&self) -> std::result::Result<(), Error> {
        let too_long = |t: &str| t.trim().is_empty() || t.chars().count() > MAX_TAILORING_TEXT;
        if self.goal.as_deref().is_some_and(too_long) {
            return Err(Error::Invalid(format!(
                "a goal must be 1 to {MAX_TAILORING_TEXT} characters"
            )));
        }
        if self.instructions.len() > MAX_INSTRUCTIONS {
            return Err(Error::Invalid(format!(
                "at most {MAX_INSTRUCTIONS} instructions"
            )));
        }
        for i in &self.instructions {
            if too_long(&i.text) || i.exercise.is_empty() {
                return Err(Error::Invalid(format!(
                    "an instruction must be 1 to {MAX_TAILORING_TEXT} characters"
                )));
            }
            if self
                .instructions
                .iter()
                .filter(|j| j.exercise == i.exercise)
                .count()
                > 1
            {
                return Err(Error::Invalid(format!(
                    "two instructions for {}",
                    i.exercise
                )));
            }
        }
        Ok(())
    }

    /// The instruction for `exercise`, if any.
    pub fn instruction(&self, exercise: &str) -> Option<&str> {
        self.instructions
            .iter()
            .find(|i| i.exercise == exercise)
            .map(|i| i.text.as_str())
    }
}

/// The stored JSON: the tailoring with its version.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    #[serde(flatten)]
    tailoring: Tailoring,
}

/// One version of a patient's tailored plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersion {
    /// 1 for the first, then 2, 3...
    pub version: u32,
    /// The clinician who made it, or `None` once their account is deleted.
    pub clinician_id: Option<UserId>,
    /// Who made it, as they were named then.
    pub signed_by: String,
    /// What it sets.
    pub tailoring: Tailoring,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

type VersionRow = (i64, Option<i64>, String, String, i64);

fn version_from_row(
    (version, clinician, signed_by, json, created): VersionRow,
) -> Result<PlanVersion> {
    let stored: Stored = serde_json::from_str(&json).map_err(|e| corrupt(e.to_string()))?;
    if stored.version != TAILORING_VERSION {
        return Err(corrupt(format!(
            "a plan tailoring of version {} (this build reads {TAILORING_VERSION})",
            stored.version
        )));
    }
    Ok(PlanVersion {
        version: u32::try_from(version).map_err(|e| corrupt(e.to_string()))?,
        clinician_id: clinician.map(UserId),
        signed_by,
        tailoring: stored.tailoring,
        created_at: at(created)?,
    })
}

impl Store {
    /// A linked clinician saves a new version of the patient's tailoring; its number.
    /// [`Error::NotFound`] if they are not linked; [`Error::Invalid`] for bad lengths;
    /// [`Error::Conflict`] if another version was saved at the same moment (try again).
    pub async fn add_plan_version(
        &self,
        clinician: UserId,
        patient: UserId,
        signed_by: &str,
        tailoring: &Tailoring,
        now: OffsetDateTime,
    ) -> Result<u32> {
        tailoring.validate()?;
        let signed_by = signed_by.trim();
        if signed_by.is_empty() || signed_by.chars().count() > MAX_SIGNATURE {
            return Err(Error::Invalid(format!(
                "a signature must be 1 to {MAX_SIGNATURE} characters"
            )));
        }
        let json = serde_json::to_string(&Stored {
            version: TAILORING_VERSION,
            tailoring: tailoring.clone(),
        })
        .map_err(|e| Error::Invalid(e.to_string()))?;
        let version: Option<i64> = on!(self, pool => sqlx::query_scalar(
            "INSERT INTO plan_versions \
             (patient_id, clinician_id, signed_by, version, tailoring, created_at) \
             SELECT l.patient_id, l.clinician_id, $3, \
             (SELECT COALESCE(MAX(v.version), 0) + 1 FROM plan_versions v \
              WHERE v.patient_id = $1), $4, $5 \
             FROM clinician_links l WHERE l.patient_id = $1 AND l.clinician_id = $2 \
             RETURNING version",
        )
        .bind(patient.0)
        .bind(clinician.0)
        .bind(signed_by)
        .bind(json)
        .bind(secs(now))
        .fetch_optional(pool)
        .await
        .map_err(|e| crate::error::classify(e, "plan version")))?;
        let version = version.ok_or(Error::NotFound)?;
        u32::try_from(version).map_err(|e| corrupt(e.to_string()))
    }

    /// The latest version of a patient's tailored plan, if a clinician made one.
    pub async fn latest_plan_version(&self, patient: UserId) -> Result<Option<PlanVersion>> {
        let row: Option<VersionRow> = on!(self, pool => sqlx::query_as(
            "SELECT version, clinician_id, signed_by, tailoring, created_at FROM plan_versions \
             WHERE patient_id = $1 ORDER BY version DESC LIMIT 1",
        )
        .bind(patient.0)
        .fetch_optional(pool)
        .await)?;
        row.map(version_from_row).transpose()
    }

    /// A patient's plan versions, newest first.
    pub async fn plan_versions(&self, patient: UserId) -> Result<Vec<PlanVersion>> {
        let rows: Vec<VersionRow> = on!(self, pool => sqlx::query_as(
            "SELECT version, clinician_id, signed_by, tailoring, created_at FROM plan_versions \
             WHERE patient_id = $1 ORDER BY version DESC",
        )
        .bind(patient.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(version_from_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tailorings_are_checked() {
        let ok = Tailoring {
            goal: Some("Walk to the shops without stopping".into()),
            instructions: vec![Instruction {
                exercise: "bridge".into(),
                text: "Slowly, breathe out as you lift".into(),
            }],
        };
        assert!(ok.validate().is_ok());
        assert_eq!(
            ok.instruction("bridge"),
            Some("Slowly, breathe out as you lift")
        );
        let mut twice = ok.clone();
        twice.instructions.push(ok.instructions[0].clone());
        assert!(twice.validate().is_err());
        let long = Tailoring {
            goal: Some("x".repeat(MAX_TAILORING_TEXT + 1)),
            ..Tailoring::default()
        };
        assert!(long.validate().is_err());
    }

    #[test]
    fn an_unknown_tailoring_version_is_an_error_not_a_default() {
        let row = (
            1,
            None,
            "Sam".to_owned(),
            r#"{"version":2,"goal":"x"}"#.to_owned(),
            0,
        );
        assert!(version_from_row(row).is_err());
        let row = (
            1,
            None,
            "Sam".to_owned(),
            r#"{"version":1,"goal":"x"}"#.to_owned(),
            0,
        );
        assert_eq!(
            version_from_row(row).unwrap().tailoring.goal.as_deref(),
            Some("x")
        );
    }
}
