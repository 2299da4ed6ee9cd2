//! Pain patterns (the criteria are filled in next).
use schemars::JsonSchema;
use serde::Serialize;

use crate::intake::Intake;

/// A recognisable pattern of back pain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// Non-specific (mechanical, muscular, spasm): the most common kind.
    NonSpecific,
    /// Radicular pain (sciatica): an irritated nerve root.
    Radicular,
    /// Inflammatory back pain (possible axial spondyloarthritis).
    Inflammatory,
    /// Lumbar spinal stenosis with neurogenic claudication.
    Stenosis,
    /// Facet (spinal joint) pain.
    Facet,
    /// Thoracic or postural upper back pain.
    ThoracicPostural,
    /// A possible osteoporotic (fragility) fracture of a vertebra.
    OsteoporoticFracture,
}

/// How well a pattern fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// Some criteria met: worth considering.
    Possible,
    /// The published threshold is met.
    Likely,
}

/// A pattern that fits, and the criteria behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PatternResult {
    /// Which pattern.
    pub pattern: Pattern,
    /// How well it fits.
    pub fit: Fit,
    /// The pattern's name, in the person's language.
    pub name: String,
    /// What it means, in plain words.
    pub explanation: String,
    /// Criteria that were met.
    pub met: Vec<String>,
    /// Criteria that were not met.
    pub not_met: Vec<String>,
    /// Criteria we could not check (not answered or "don't know").
    pub unknown: Vec<String>,
    /// The published criteria followed.
    pub source: &'static str,
}

/// Which patterns fit, most likely first.
pub fn patterns(_intake: &Intake) -> Vec<PatternResult> {
    Vec::new()
}
