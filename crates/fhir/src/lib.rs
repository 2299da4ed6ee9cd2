//! FHIR R4 for backcare: resource types, Questionnaires and the mapping to and from the
//! engine.
//!
//! - [`types`]: hand-written serde types for the resources backcare serves. Responses and
//!   Observations keep every member they do not model, and decimals keep their text.
//! - [`questionnaires`]: the intake, STarT Back, ODI, RMDQ and NRS as FHIR Questionnaires,
//!   generated from `backcare_core`'s own definitions (one source of truth) with LOINC codes
//!   where they exist and SDC `calculatedExpression`s (FHIRPath) for every score.
//! - [`mapping`]: a QuestionnaireResponse to the engine's intake; an assessment to
//!   Observations and Conditions; a week plan to a CarePlan; a whole record to a Bundle.
//! - [`bulk`]: one line of a Bulk Data NDJSON file of responses to its scored Observations.
//! - [`synth`]: realistic synthetic responses, a pure function of `(seed, index)`.
//!
//! **This crate does no I/O**, like the core: it maps values to values.

// Purity at compile time: the forbidden clock, file, network, process, terminal and
// randomness APIs are listed in this crate's clippy.toml.
#![deny(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    clippy::disallowed_macros
)]

pub mod bulk;
pub mod mapping;
pub mod plain;
pub mod questionnaires;
pub mod synth;
pub mod types;

/// The base of every canonical URL backcare mints: Questionnaires are
/// `{BASE}/Questionnaire/{id}`, code systems `{BASE}/CodeSystem/{name}`.
pub const BASE: &str = "https://backcare.example/fhir";

/// backcare's own concepts where LOINC has no code (RMDQ, the ODI percentage, triage).
pub const CODE_SYSTEM: &str = "https://backcare.example/fhir/CodeSystem/backcare";

/// The answer values of backcare's questionnaires: each code is the value of the answers
/// format (`docs/intake.md`), so its meaning depends on the item (`linkId`) it answers.
pub const ANSWER_SYSTEM: &str = "https://backcare.example/fhir/CodeSystem/answers";

/// The triage rules, by rule id (`crates/core/src/triage/rules.rs`).
pub const RULE_SYSTEM: &str = "https://backcare.example/fhir/CodeSystem/triage-rules";

/// The exercise library, by exercise id.
pub const EXERCISE_SYSTEM: &str = "https://backcare.example/fhir/CodeSystem/exercises";

/// LOINC.
pub const LOINC: &str = "http://loinc.org";

/// ICD-10-CM.
pub const ICD10CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";

/// UCUM units.
pub const UCUM: &str = "http://unitsofmeasure.org";
