//! Every stored record kept under `tests/fixtures/records/<kind>/` (rows written by earlier
//! releases) still decodes, so a change to the record types cannot orphan old records.

use std::path::{Path, PathBuf};

use backcare_core::record::{self, IssuedAssessment, ReassessmentV1};
use serde_json::Value;

fn fixtures(kind: &str) -> Vec<(PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/records")
        .join(kind);
    let mut out: Vec<(PathBuf, Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(!out.is_empty(), "no fixtures in {}", dir.display());
    out
}

/// The version a fixture's file name says it is (`v1-...json`).
fn named_version(p: &Path) -> u64 {
    let name = p.file_name().unwrap().to_string_lossy();
    name.strip_prefix('v')
        .and_then(|s| s.split('-').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{name}: fixture names start with v<version>-"))
}

#[test]
fn every_stored_assessment_decodes() {
    for (path, v) in fixtures("assessment") {
        let a = IssuedAssessment::decode(&v["intake"], &v["result"])
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(a.version, named_version(&path), "{}", path.display());
        // The level kept is the one stored, not one worked out again.
        assert_eq!(
            Some(a.result.triage.level),
            record::stored_level(&v["result"]),
            "{}",
            path.display()
        );
        assert!(!a.result.triage.reasons.is_empty(), "{}", path.display());
    }
}

#[test]
fn every_stored_reassessment_decodes() {
    for (path, v) in fixtures("reassessment") {
        let r = ReassessmentV1::decode(&v).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(r.version, named_version(&path), "{}", path.display());
        assert!(!r.answers.is_empty(), "{}", path.display());
    }
}

#[test]
fn every_stored_intake_draft_decodes() {
    for (path, v) in fixtures("intake_draft") {
        record::decode_intake_draft(&v).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stored = v.get("version").and_then(Value::as_u64).unwrap_or(1);
        assert_eq!(stored, named_version(&path), "{}", path.display());
    }
}
