//! Codes (stub, filled in next).
use crate::{instruments::Scores, intake::Intake, patterns::PatternResult, triage::Triage};
use schemars::JsonSchema;
use serde::Serialize;

/// Suggested codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Codes {}

/// Suggests codes.
pub fn suggest(_: &Intake, _: &Triage, _: &[PatternResult], _: &Scores) -> Codes {
    Codes {}
}
