//! Integration tests of the content library.

mod articles;
mod handouts;
mod plan_courses;
mod plan_properties;
