//! backcare's library: exercises, their illustrations and the education articles, compiled
//! into the binary as data files, plus printable handouts.
//!
//! The data is parsed once, on first use. Every file is checked by this crate's tests, so a
//! malformed file fails the build's tests rather than a user's session.

pub mod articles;
pub mod charts;
pub mod exercises;
pub mod figure;
pub mod handout;
pub mod pdf;

/// The data files, listed by `build.rs`.
mod files {
    include!(concat!(env!("OUT_DIR"), "/files.rs"));
}
