//! The `backcare` command (stub, filled in next).
mod interactive;
fn main() {}
