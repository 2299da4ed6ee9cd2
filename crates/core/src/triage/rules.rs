//! The rule table (filled in next).
use super::Rule;
/// Every triage rule.
pub static RULES: &[Rule] = &[];
