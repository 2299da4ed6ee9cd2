//! The pure crates must stay pure: no I/O, async, clock or randomness, in their code or their
//! dependencies. The core is checked, and so is `backcare-fhir` (it maps values to values
//! like the core), from this one place.

use std::process::Command;

/// Crates whose presence would mean I/O, async, a clock or randomness.
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
    "rand",
    "getrandom",
    "chrono",
    "time",
    "tantivy",
    "tracing",
];

/// The pure crates: (package, source folder from the workspace root, crates allowed despite
/// [`FORBIDDEN`] and why).
const PURE: &[(&str, &str, &[&str])] = &[
    ("backcare-core", "crates/core/src", &[]),
    // `synth` draws synthetic responses from a seeded ChaCha generator (`rand` without its
    // OS features): a pure function of `(seed, index)`. `getrandom`, the operating
    // system's entropy, stays forbidden.
    ("backcare-fhir", "crates/fhir/src", &["rand"]),
];

fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn pure_crates_depend_on_no_io_crate() {
    for &(package, _, allowed) in PURE {
        depends_on_no_io_crate(package, allowed);
    }
}

fn depends_on_no_io_crate(package: &str, allowed: &[&str]) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree", "-p", package, "-e", "normal", "--prefix", "none", "--format", "{p}",
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
    let bad: Vec<_> = crates
        .iter()
        .filter(|c| FORBIDDEN.contains(c) && !allowed.contains(c))
        .collect();
    assert!(
        bad.is_empty(),
        "{package} pulls in I/O crates {bad:?}:\n{tree}"
    );
}

#[test]
fn pure_crates_use_no_io_apis() {
    let sources: Vec<_> = PURE
        .iter()
        .map(|(_, src, _)| workspace_root().join(src))
        .collect();
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
    let mut stack = sources;
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

/// APIs that the clippy configuration of every pure crate must forbid; clippy then refuses
/// them at compile time (`cargo clippy`), before this test runs.
const CLIPPY_FORBIDS: &[&str] = &[
    "\"std::time::SystemTime::now\"",
    "\"std::time::Instant::now\"",
    "\"std::fs::File\"",
    "\"std::fs::read_to_string\"",
    "\"std::net::TcpStream\"",
    "\"std::process::Command\"",
    "\"std::env::var\"",
    "\"std::io::stdin\"",
    "\"std::io::stdout\"",
    "\"std::thread::spawn\"",
    "\"rand::rng\"",
    "\"getrandom::fill\"",
    "\"std::println\"",
    "\"std::eprintln\"",
];

/// What each pure crate's `src/lib.rs` says, so a clippy warning is an error even without
/// `-D warnings`.
const DENY: &str = "#![deny(\n    clippy::disallowed_methods,\n    clippy::disallowed_types,\n    clippy::disallowed_macros\n)]";

#[test]
fn pure_crates_forbid_io_apis_at_compile_time() {
    let core = workspace_root().join("crates/core/clippy.toml");
    let config = std::fs::read_to_string(&core).unwrap();
    let missing: Vec<_> = CLIPPY_FORBIDS
        .iter()
        .filter(|p| !config.contains(&format!("path = {p}")))
        .collect();
    assert!(
        missing.is_empty(),
        "{} does not forbid {missing:?}",
        core.display()
    );
    for &(package, src, _) in PURE {
        let dir = workspace_root().join(src).join("..");
        let own = std::fs::read_to_string(dir.join("clippy.toml")).unwrap_or_default();
        assert!(
            own == config,
            "{package}: clippy.toml is missing or differs from crates/core/clippy.toml"
        );
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
        assert!(lib.contains(DENY), "{package}: src/lib.rs must say {DENY}");
    }
}
