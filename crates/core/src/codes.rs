//! Codes (stub, filled in next).
use schemars::JsonSchema;
use serde::Serialize;
use crate::{instruments::Scores, intake::Intake, patterns::PatternResult, triage::Triage};

/// Suggested codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Codes {}

/// Suggests codes.
pub fn suggest(_: &Intake, _: &Triage, _: &[PatternResult], _: &Scores) -> Codes {
    Codes {}
}
