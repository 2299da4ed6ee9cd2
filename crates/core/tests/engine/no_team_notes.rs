//! No file in the repository cites the team's private notes (the file of checked clinical
//! facts and the other files in the team's notes folder). They are not part of the
//! repository, so a reader could not follow such a citation: code, content and docs cite the
//! primary source instead (see `docs/clinical-evidence.md`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// What a citation of the notes looks like, lower case. Built with `concat!` so this file
/// does not itself contain them.
const CITATIONS: &[&str] = &[
    concat!("clinical", "-reference"),
    concat!("clinical", " reference"),
    concat!("clinical", "_reference"),
    concat!("shared", "/"),
];

/// Names that contain a citation's words but are something else: NHS England's Clinical
/// Reference Groups are real bodies that publish pathways.
const NOT_CITATIONS: &[&str] = &[concat!("clinical", " reference group")];

/// Folders never searched when git cannot list the tracked files: build output and
/// downloaded third-party files (the same as `.gitignore`).
const UNTRACKED: &[&str] = &[
    ".git",
    "target",
    "node_modules",
    "__pycache__",
    "hl7-examples",
    "lforms",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The repository's files: what git tracks, or, without git (an unpacked source archive),
/// every file outside [`UNTRACKED`].
fn repository_files(root: &Path) -> Vec<PathBuf> {
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success());
    match listed {
        Some(out) => out
            .stdout
            .split(|b| *b == 0)
            .filter(|name| !name.is_empty())
            .map(|name| root.join(String::from_utf8_lossy(name).as_ref()))
            .collect(),
        None => {
            let mut files = Vec::new();
            walk(root, &mut files);
            files
        }
    }
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !UNTRACKED.contains(&name.to_string_lossy().as_ref()) {
                walk(&path, files);
            }
        } else {
            files.push(path);
        }
    }
}

/// Every `line number: citation` in `text`.
fn citations(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut line = line.to_lowercase();
        for name in NOT_CITATIONS {
            line = line.replace(name, "");
        }
        found.extend(
            CITATIONS
                .iter()
                .filter(|c| line.contains(*c))
                .map(|c| (n + 1, *c)),
        );
    }
    found
}

#[test]
fn the_check_finds_a_citation() {
    let cited = format!(
        "ok\nsource: \"{}\"\nsee /work/{}notes.md",
        concat!("Clinical", "-Reference §3.2"),
        concat!("shared", "/")
    );
    assert_eq!(
        citations(&cited),
        [(2, CITATIONS[0]), (3, CITATIONS[3])],
        "{cited}"
    );
    assert!(citations("NICE NG59 1.1.4; Downie et al., BMJ 2013").is_empty());
    let group = concat!(
        "NHS England (Trauma and Orthopaedics Clinical",
        " Reference Group)"
    );
    assert!(citations(group).is_empty(), "{group}");
    let both = format!("{group}; see the {}", concat!("clinical", " reference §8"));
    assert_eq!(citations(&both), [(1, CITATIONS[1])], "{both}");
}

#[test]
fn no_file_cites_the_team_notes() {
    let root = workspace_root();
    let files = repository_files(&root);
    assert!(files.len() > 100, "only {} files found", files.len());
    let mut found = Vec::new();
    for path in &files {
        // Binary files (images) cannot hold a readable citation.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.strip_prefix(&root).unwrap_or(path).display();
        for (line, citation) in citations(&text) {
            found.push(format!("{name}:{line}: {citation}"));
        }
    }
    assert!(
        found.is_empty(),
        "{} citations of the team notes; cite the primary source instead:\n{}",
        found.len(),
        found.join("\n")
    );
}
