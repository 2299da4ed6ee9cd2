//! The FHIR crate maps values to values like the core: no I/O, async, clock or entropy, in
//! its code or its dependencies (the same checks as `crates/core/tests/engine/purity.rs`).
//! One difference: `synth` draws synthetic responses from a seeded ChaCha generator
//! (`rand` without its OS features), a pure function of `(seed, index)`, so `rand` is
//! allowed here while `getrandom` (the operating system's entropy) is not.

use std::process::Command;

/// Crates whose presence would mean I/O, async, a clock or the OS's randomness.
const FORBIDDEN: &[&str] = &[
    "tokio",
    "mio",
    "async-std",
    "futures",
    "futures-util",
    "sqlx",
    "rusqlite",
    "libsqlite3-sys",
    "hyper",
    "reqwest",
    "axum",
    "tower",
    "socket2",
    "getrandom",
    "chrono",
    "time",
    "tantivy",
    "tracing",
];

#[test]
fn fhir_depends_on_no_io_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "backcare-fhir",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        crates.contains(&"serde"),
        "cargo tree output looks wrong:\n{tree}"
    );
    let bad: Vec<_> = crates.iter().filter(|c| FORBIDDEN.contains(c)).collect();
    assert!(
        bad.is_empty(),
        "backcare-fhir pulls in I/O crates {bad:?}:\n{tree}"
    );
}

#[test]
fn fhir_source_uses_no_io_apis() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let banned = [
        "std::fs",
        "std::net",
        "std::time",
        "std::env",
        "std::process",
        "std::thread",
        "SystemTime",
        "Instant::now",
        "println!",
        "eprintln!",
        "std::io::std",
    ];
    let mut offenders = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for word in banned {
                    if text.contains(word) {
                        offenders.push(format!("{} uses {word}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
