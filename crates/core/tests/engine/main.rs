//! The core's integration tests: clinical vignettes, properties, purity, and that no file
//! cites the team's private notes.

mod no_team_notes;
mod properties;
mod purity;
mod records;
mod vignettes;
