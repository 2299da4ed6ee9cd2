//! The pure clinical engine of backcare.
//!
//! It takes a person's answers ([`Intake`]) and returns values: how urgently they need care
//! and why ([`triage`]), which pain patterns fit ([`patterns`]), their instrument scores
//! ([`instruments`]) and the codes a clinician might record ([`codes`]).
//!
//! **This crate does no I/O**: no files, network, clock, randomness or async. It never
//! fails on well-typed input: bad input is rejected when values are parsed into the types
//! of [`intake`], never later.
//!
//! Every triage rule, pattern, code and plan restriction names the primary source it
//! follows (a guideline or a paper) in its `source`; `docs/clinical-evidence.md` explains
//! each one and gives the full references.

// Purity at compile time: the forbidden clock, file, network, process, terminal and
// randomness APIs are listed in this crate's clippy.toml.
#![deny(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    clippy::disallowed_macros
)]

pub mod assess;
pub mod codes;
pub mod concern;
pub mod date;
pub mod exercise;
pub mod instruments;
pub mod intake;
pub mod lang;
pub mod patterns;
pub mod plan;
pub mod questions;
pub mod record;
pub mod triage;

pub use assess::{Assessment, assess};
pub use date::{BadDate, Date};
pub use intake::Intake;
pub use lang::{Lang, Text};
pub use record::ENGINE_VERSION;
