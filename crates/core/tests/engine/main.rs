//! The core's integration tests: clinical vignettes, properties and purity.

mod properties;
mod purity;
mod vignettes;
