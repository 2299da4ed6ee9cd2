//! Every crate packages on its own (`cargo package`): no `include_str!` or
//! `include_bytes!` in a crate's library, binary, build script, tests, benchmarks or
//! examples reaches a file outside that crate's folder, which a packaged crate would not
//! contain (tests read the workspace's `examples/` at run time instead).

use std::path::{Component, Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `a/b/../c` as `a/c`, without touching the file system (the file may not exist).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The literal start of each included path in `text`: the first string literal after
/// `include_str!(` or `include_bytes!(`, inside `concat!(` too. A path built from a
/// variable (the content crate's generated list) has no literal and is skipped: its build
/// script only lists files inside the crate.
fn included_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for mac in ["include_str!(", "include_bytes!("] {
        for (at, _) in text.match_indices(mac) {
            let rest = text[at + mac.len()..].trim_start();
            let rest = rest.strip_prefix("concat!(").unwrap_or(rest).trim_start();
            if let Some(lit) = rest.strip_prefix('"')
                && let Some(end) = lit.find('"')
            {
                out.push(lit[..end].to_owned());
            }
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The folders of a crate that `cargo package` ships with Rust in them (besides `build.rs`).
const SOURCE_DIRS: [&str; 4] = ["src", "tests", "benches", "examples"];

/// Every Rust file of `krate` that the scan reads.
fn scanned_files(krate: &Path) -> Vec<PathBuf> {
    let mut files = vec![krate.join("build.rs")];
    for dir in SOURCE_DIRS {
        rust_files(&krate.join(dir), &mut files);
    }
    files
}

/// The places outside its crate that `file` (in `krate`) includes.
fn outside(krate: &Path, file: &Path, text: &str) -> Vec<String> {
    let dir = file.parent().unwrap_or(krate);
    included_paths(text)
        .into_iter()
        .filter(|p| !normalise(&dir.join(p)).starts_with(normalise(krate)))
        .map(|p| format!("{}: {p}", file.display()))
        .collect()
}

#[test]
fn no_crate_includes_a_file_outside_itself() {
    let mut bad = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(workspace_root().join("crates")).unwrap() {
        let krate = entry.unwrap().path();
        for file in scanned_files(&krate) {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            seen += included_paths(&text).len();
            bad.extend(outside(&krate, &file, &text));
        }
    }
    assert!(
        seen > 5,
        "the scan found only {seen} includes: is it reading the crates?"
    );
    assert!(
        bad.is_empty(),
        "included from outside the crate:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scan_sees_a_path_that_leaves_the_crate() {
    let krate = Path::new("/w/crates/web");
    let file = krate.join("src/handlers/demo.rs");
    // Spelt so that the scan of this very file does not take the examples for includes.
    let text = r#"const A: &str = INCLUDE_STR("../../../../examples/x.json");
        const B: &str = INCLUDE_STR("../../static/app.css");
        const C: &[u8] = INCLUDE_BYTES(concat!("../../../core/", "x"));"#
        .replace("INCLUDE_STR(", "include_str!(")
        .replace("INCLUDE_BYTES(", "include_bytes!(");
    assert_eq!(
        outside(krate, &file, &text),
        [
            "/w/crates/web/src/handlers/demo.rs: ../../../../examples/x.json",
            "/w/crates/web/src/handlers/demo.rs: ../../../core/"
        ]
    );
    // The same line in an integration test, one folder deeper, leaves the crate too.
    let test = krate.join("tests/web/care.rs");
    let old = r#"const INTAKE: &str = INCLUDE_STR("../../../../examples/minimal.json");"#
        .replace("INCLUDE_STR(", "include_str!(");
    assert_eq!(
        outside(krate, &test, &old),
        ["/w/crates/web/tests/web/care.rs: ../../../../examples/minimal.json"]
    );
}

#[test]
fn the_scan_reads_tests_and_benchmarks_too() {
    let crates = workspace_root().join("crates");
    let files = |krate: &str| scanned_files(&crates.join(krate));
    for (krate, file) in [
        ("web", "src/lib.rs"),
        ("web", "tests/web/main.rs"),
        ("web", "tests/web/browser/lforms.rs"),
        ("fhir", "tests/fhir/main.rs"),
        ("search", "benches/search.rs"),
        ("content", "build.rs"),
    ] {
        let path = crates.join(krate).join(file);
        assert!(
            path.exists(),
            "{} is gone: update this list",
            path.display()
        );
        assert!(
            files(krate).contains(&path),
            "{} is not scanned",
            path.display()
        );
    }
}
