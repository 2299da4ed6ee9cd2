//! Integration tests of the content library.

mod articles;
mod exercises;
mod handouts;
mod plan_courses;
mod plan_properties;
mod safety_text;
