//! The core's integration tests: clinical vignettes, properties, purity, that no file
//! cites the team's private notes, that the docs list every code, and that every crate
//! packages on its own.

// The crate's clippy.toml forbids I/O in the pure library; these tests read the vignettes
// and the workspace's files and run `cargo tree`, which is their job.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    clippy::disallowed_macros
)]

mod codes_doc;
mod no_team_notes;
mod packaging;
mod properties;
mod purity;
mod records;
mod vignettes;
