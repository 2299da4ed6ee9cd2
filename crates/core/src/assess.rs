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
    /// an answer given sets off a red flag at level urgent or above (see
    /// `patterns_withheld`).
    pub patterns: Vec<PatternResult>,
    /// Why no pattern is given: a red flag needs a clinician first, or the pain may not
    /// come from the back at all.
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
    // pattern next to such advice would mislead, so none is given. And a reassuring
    // pattern ("non-specific", "facet", "postural": not from damage, keep moving) needs
    // a clear red-flag screen by its own definition, so it is dropped when an answer given
    // sets off a red flag at level urgent or above; patterns that explain the red flag
    // (a nerve root, a fracture) stay. "Not sure" alone raises the level but keeps them.
    let certain_red_flag = |outside_spine: bool| {
        triage.reasons.iter().any(|r| {
            r.certain
                && r.level >= Level::Urgent
                && (!outside_spine || r.family == Family::NonSpinal)
        })
    };
    let (patterns, patterns_withheld) = if certain_red_flag(true) {
        let note = t(
            "Your answers point to a cause outside the spine, so backcare does not suggest a back-pain pattern. Follow the advice above first.",
            "Sus respuestas apuntan a una causa fuera de la columna, así que backcare no propone un tipo de dolor de espalda. Siga primero el consejo de arriba.",
        );
        (Vec::new(), Some(note.get(intake.language).to_owned()))
    } else if certain_red_flag(false) {
        let mut found = patterns::patterns(intake);
        found.retain(|p| !p.pattern.needs_clear_screen());
        let note = found.is_empty().then(|| {
            t(
                "Your answers show a warning sign, so backcare does not suggest a type of back pain. A clinician needs to check you first: follow the advice above.",
                "Sus respuestas muestran una señal de alarma, así que backcare no propone un tipo de dolor de espalda. Primero debe revisarle un profesional sanitario: siga el consejo de arriba.",
            )
            .get(intake.language)
            .to_owned()
        });
        (found, note)
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
