//! A patient's saved assessments: saving one, and reading one back.

use backcare_core::{Assessment, Intake, Lang, assess};
use backcare_storage::{StoredAssessment, UserId};
use time::OffsetDateTime;

use crate::AppState;

/// The intake of a saved assessment and its result in `lang`. `None` if the saved intake
/// no longer fits the intake format.
pub fn reassess(stored: &StoredAssessment, lang: Lang) -> Option<(Intake, Assessment)> {
    let mut intake: Intake = serde_json::from_value(stored.intake.clone()).ok()?;
    intake.language = lang;
    let result = assess(&intake);
    Some((intake, result))
}

/// Saves an assessment made from `intake`; its id.
pub async fn save(
    state: &AppState,
    user: UserId,
    intake: &serde_json::Value,
    result: &Assessment,
    now: OffsetDateTime,
) -> Result<backcare_storage::AssessmentId, backcare_storage::Error> {
    let result = serde_json::to_value(result)
        .map_err(|e| backcare_storage::Error::Invalid(format!("assessment as JSON: {e}")))?;
    state
        .store
        .save_assessment(user, intake, &result, now)
        .await
}
