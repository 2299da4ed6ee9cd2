//! One call from answers to a full result.

use schemars::JsonSchema;
use serde::Serialize;

use crate::codes::{self, Codes};
use crate::instruments::{self, Scores};
use crate::intake::Intake;
use crate::lang::t;
use crate::patterns::{self, PatternResult};
use crate::triage::{self, Triage};

/// Everything backcare concludes from one intake.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Assessment {
    /// How urgently to seek care, and why. Always first.
    pub triage: Triage,
    /// Pain patterns, with the criteria met and not met; more than one may fit.
    pub patterns: Vec<PatternResult>,
    /// Instrument scores.
    pub scores: Scores,
    /// Suggested codes for a clinician to confirm.
    pub codes: Codes,
    /// What backcare is not.
    pub disclaimer: String,
}

/// Assesses one intake. Never fails: every well-typed intake has an answer.
pub fn assess(intake: &Intake) -> Assessment {
    let triage = triage::triage(intake);
    let patterns = patterns::patterns(intake);
    let scores = instruments::scores(intake);
    let codes = codes::suggest(intake, &triage, &patterns, &scores);
    Assessment {
        triage,
        patterns,
        scores,
        codes,
        disclaimer: t(
            "backcare helps you decide what to do next. It does not diagnose. If you are worried, or things get worse, contact a doctor.",
            "backcare le ayuda a decidir qué hacer. No hace diagnósticos. Si está preocupado o empeora, contacte con un médico.",
        )
        .get(intake.language)
        .to_owned(),
    }
}
