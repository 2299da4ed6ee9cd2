//! Integration tests of the `backcare` command, run as a real process.

mod assess;
mod backup;
mod bulk;
mod crash;
mod demo_corrupt;
mod deploy;
mod fhir_client;
mod instances;
mod interactive;
mod library;
mod operator;
mod plan;
mod reasons;
mod safety_text;
mod security;
mod serve;
mod service;
mod token;
mod user;
mod zone;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The repository root, for examples and docs.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `backcare` with `args`, feeding `stdin`, without colour.
pub fn backcare(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backcare"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("backcare starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
