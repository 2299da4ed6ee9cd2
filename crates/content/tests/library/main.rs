//! Integration tests of the content library.

mod articles;
mod exercises;
mod handouts;
mod plan_courses;
mod plan_properties;
mod safety_text;

/// The text of `examples/<name>` at the workspace's root, read when the test runs: an
/// `include_str!` of it would reach outside this crate, which a packaged crate cannot.
fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the example {}: {e}", path.display()))
}
