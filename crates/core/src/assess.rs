//! One call from answers to a full result.

use schemars::JsonSchema;
use serde::Serialize;

use crate::codes::{self, Codes};
use crate::instruments::{self, Scores};
use crate::intake::Intake;
use crate::lang::t;
use crate::patterns::{self, PatternResult};
use crate::triage::{self, Family, Level, Triage};

/// Everything backcare concludes from one intake.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Assessment {
    /// How urgently to seek care, and why. Always first.
    pub triage: Triage,
    /// Pain patterns, with the criteria met and not met; more than one may fit. Empty when
    /// the answers point outside the spine (see `patterns_withheld`).
    pub patterns: Vec<PatternResult>,
    /// Why no pattern is given, when the pain may not come from the back at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patterns_withheld: Option<String>,
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
    // A heart attack or a kidney stone is not "postural upper back pain": naming a back
    // pattern next to such advice would mislead, so none is given.
    let outside_spine = triage
        .reasons
        .iter()
        .any(|r| r.certain && r.family == Family::NonSpinal && r.level >= Level::Urgent);
    let (patterns, patterns_withheld) = if outside_spine {
        let note = t(
            "Your answers point to a cause outside the spine, so backcare does not suggest a back-pain pattern. Follow the advice above first.",
            "Sus respuestas apuntan a una causa fuera de la columna, así que backcare no propone un tipo de dolor de espalda. Siga primero el consejo de arriba.",
        );
        (Vec::new(), Some(note.get(intake.language).to_owned()))
    } else {
        (patterns::patterns(intake), None)
    };
    let scores = instruments::scores(intake);
    let codes = codes::suggest(intake, &triage, &patterns, &scores);
    Assessment {
        triage,
        patterns,
        patterns_withheld,
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
