//! A clinician's tailoring of a patient's plan, version by version.
//!
//! Each change is a new [`PlanVersion`] with the next number, signed as the clinician was
//! named when they made it. The words (goal, instructions) of the latest apply; the plan
//! engine applies every version's changes to the exercises in the week it was made. The
//! tailoring is JSON with its own `version` field, read back by its version (an unknown
//! one, or an unknown field, is an error, never a silent default), like the assessments.
//! Version 1 held only the words; version 2 adds the changes to the exercises.

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

/// The tailoring's JSON version this code writes; it reads this one and the ones before.
const TAILORING_VERSION: u32 = 2;

/// An instruction for one exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instruction {
    /// The exercise's id in the library.
    pub exercise: String,
    /// What the clinician asks, in their words.
    pub text: String,
}

/// An exercise a clinician added to the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedExercise {
    /// The exercise's id in the library.
    pub exercise: String,
    /// Why, when the plan would otherwise leave it out for this patient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    /// The ids of the plan's rules the reason was given for (the override covers only
    /// these; a rule that applies later leaves the exercise out again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// A dose step a clinician set for one exercise (0 is its starting dose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoseStep {
    /// The exercise's id in the library.
    pub exercise: String,
    /// The step on its dose ladder.
    pub step: u8,
}

/// What a clinician set: the programme's goal, an instruction per exercise, and the changes
/// to the exercises, the days a week and the walking goal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tailoring {
    /// The programme's goal, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Instructions, one per exercise at most.
    #[serde(default)]
    pub instructions: Vec<Instruction>,
    /// Progression held: nothing goes up from the week after this version.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hold: bool,
    /// Days a week for exercises (1-7), instead of the patient's choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_week: Option<u8>,
    /// The walking goal in minutes a day (1-300).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walking_goal: Option<u16>,
    /// Exercises taken out of the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// Exercises added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<AddedExercise>,
    /// Dose steps set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub doses: Vec<DoseStep>,
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
        if self.days_per_week.is_some_and(|d| !(1..=7).contains(&d)) {
            return Err(Error::Invalid("days a week must be 1 to 7".into()));
        }
        if self.walking_goal.is_some_and(|m| !(1..=300).contains(&m)) {
            return Err(Error::Invalid(
                "a walking goal must be 1 to 300 minutes".into(),
            ));
        }
        if [self.removed.len(), self.added.len(), self.doses.len()]
            .iter()
            .any(|n| *n > MAX_INSTRUCTIONS)
        {
            return Err(Error::Invalid(format!(
                "at most {MAX_INSTRUCTIONS} exercises taken out, added or dosed"
            )));
        }
        if self
            .added
            .iter()
            .filter_map(|a| a.override_reason.as_deref())
            .any(too_long)
        {
            return Err(Error::Invalid(format!(
                "an override reason must be 1 to {MAX_TAILORING_TEXT} characters"
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
#[derive(Serialize)]
struct Stored<'a> {
    version: u32,
    #[serde(flatten)]
    tailoring: &'a Tailoring,
}

/// Reads a stored tailoring of any version this build knows; version 1 is version 2
/// without the changes to the exercises, so both read into [`Tailoring`].
fn read_tailoring(json: &str) -> Result<Tailoring> {
    let mut value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
    let version = value
        .as_object_mut()
        .and_then(|o| o.remove("version"))
        .and_then(|v| v.as_u64());
    match version {
        Some(v) if (1..=u64::from(TAILORING_VERSION)).contains(&v) => {
            serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))
        }
        other => Err(corrupt(format!(
            "a plan tailoring of version {} (this build reads 1 to {TAILORING_VERSION})",
            other.map_or_else(|| "none".to_owned(), |v| v.to_string())
        ))),
    }
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
    let tailoring = read_tailoring(&json)?;
    Ok(PlanVersion {
        version: u32::try_from(version).map_err(|e| corrupt(e.to_string()))?,
        clinician_id: clinician.map(UserId),
        signed_by,
        tailoring,
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
        let json = tailoring_json(tailoring)?;
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

/// The longest template name, in characters.
pub const MAX_TEMPLATE_NAME: usize = 80;

/// A clinician's own plan template: a tailoring saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTemplate {
    /// Its id.
    pub id: i64,
    /// Its name, unique among the clinician's templates.
    pub name: String,
    /// What it sets.
    pub tailoring: Tailoring,
    /// When it was saved (last replaced).
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

fn tailoring_json(tailoring: &Tailoring) -> Result<String> {
    serde_json::to_string(&Stored {
        version: TAILORING_VERSION,
        tailoring,
    })
    .map_err(|e| Error::Invalid(e.to_string()))
}

impl Store {
    /// Saves `tailoring` as the clinician's template `name` (replacing one of that name);
    /// its id. [`Error::Invalid`] for a bad name or lengths.
    pub async fn save_plan_template(
        &self,
        clinician: UserId,
        name: &str,
        tailoring: &Tailoring,
        now: OffsetDateTime,
    ) -> Result<i64> {
        tailoring.validate()?;
        let name = name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_TEMPLATE_NAME
            || name.chars().any(char::is_control)
        {
            return Err(Error::Invalid(format!(
                "a template name must be 1 to {MAX_TEMPLATE_NAME} characters"
            )));
        }
        let json = tailoring_json(tailoring)?;
        let id: i64 = on!(self, pool => sqlx::query_scalar(
            "INSERT INTO plan_templates (clinician_id, name, tailoring, created_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (clinician_id, name) DO UPDATE \
             SET tailoring = excluded.tailoring, created_at = excluded.created_at \
             RETURNING id",
        )
        .bind(clinician.0)
        .bind(name)
        .bind(json)
        .bind(secs(now))
        .fetch_one(pool)
        .await
        .map_err(|e| crate::error::classify(e, "plan template")))?;
        Ok(id)
    }

    /// The clinician's templates, by name.
    pub async fn plan_templates(&self, clinician: UserId) -> Result<Vec<PlanTemplate>> {
        let rows: Vec<(i64, String, String, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT id, name, tailoring, created_at FROM plan_templates \
             WHERE clinician_id = $1 ORDER BY name, id",
        )
        .bind(clinician.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(id, name, json, created)| {
                Ok(PlanTemplate {
                    id,
                    name,
                    tailoring: read_tailoring(&json)?,
                    created_at: at(created)?,
                })
            })
            .collect()
    }

    /// Deletes one of the clinician's templates. [`Error::NotFound`] if they have none
    /// with that id.
    pub async fn delete_plan_template(&self, clinician: UserId, id: i64) -> Result<()> {
        let done = on!(self, pool => sqlx::query(
            "DELETE FROM plan_templates WHERE id = $1 AND clinician_id = $2",
        )
        .bind(id)
        .bind(clinician.0)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        if done == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
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
            ..Tailoring::default()
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
    fn an_unknown_tailoring_version_or_field_is_an_error_not_a_default() {
        let row = |json: &str| (1, None, "Sam".to_owned(), json.to_owned(), 0);
        for bad in [
            r#"{"version":3,"goal":"x"}"#,
            r#"{"goal":"x"}"#,
            r#"{"version":2,"goal":"x","swap":["bridge"]}"#,
            r#"{"version":2,"added":[{"exercise":"bridge","why":"x"}]}"#,
        ] {
            assert!(version_from_row(row(bad)).is_err(), "{bad}");
        }
        // Version 1 held only the words; it reads as version 2 without changes.
        let v1 = version_from_row(row(r#"{"version":1,"goal":"x"}"#)).unwrap();
        assert_eq!(v1.tailoring.goal.as_deref(), Some("x"));
        assert!(!v1.tailoring.hold && v1.tailoring.added.is_empty());
        let v2 = version_from_row(row(
            r#"{"version":2,"hold":true,"days_per_week":3,"walking_goal":20,"removed":["bridge"],"added":[{"exercise":"clamshell","override_reason":"seen today"}],"doses":[{"exercise":"cat-cow","step":2}]}"#,
        ))
        .unwrap();
        assert!(v2.tailoring.hold);
        assert_eq!(v2.tailoring.days_per_week, Some(3));
        assert_eq!(
            v2.tailoring.added[0].override_reason.as_deref(),
            Some("seen today")
        );
        // What is written reads back the same.
        let json = serde_json::to_string(&Stored {
            version: TAILORING_VERSION,
            tailoring: &v2.tailoring,
        })
        .unwrap();
        assert_eq!(read_tailoring(&json).unwrap(), v2.tailoring);
    }

    #[test]
    fn changes_are_checked() {
        let bad = [
            Tailoring {
                days_per_week: Some(8),
                ..Tailoring::default()
            },
            Tailoring {
                walking_goal: Some(0),
                ..Tailoring::default()
            },
            Tailoring {
                added: vec![AddedExercise {
                    exercise: "bridge".into(),
                    override_reason: Some(" ".into()),
                    covers: Vec::new(),
                }],
                ..Tailoring::default()
            },
            Tailoring {
                removed: vec!["bridge".into(); MAX_INSTRUCTIONS + 1],
                ..Tailoring::default()
            },
        ];
        for t in bad {
            assert!(t.validate().is_err(), "{t:?}");
        }
    }
}
