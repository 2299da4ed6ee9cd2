//! `backcare plan` in every format, and its errors.

use super::{backcare, root};
use crate::serve::scratch_dir;

#[test]
fn plan_in_the_terminal_and_as_json() {
    let out = backcare(
        &[
            "plan",
            "--answers",
            "examples/self-care-lifting-strain.json",
            "--history",
            "examples/history.json",
            "--preferences",
            "examples/preferences.json",
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Week 4"), "{text}");
    let out = backcare(
        &[
            "plan",
            "--answers",
            "examples/self-care-sciatica-es.json",
            "--format",
            "json",
            "--week",
            "1",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["week"], 1);
    assert_eq!(v["status"]["kind"], "active");
    assert!(v["exercises"].as_array().is_some_and(|e| !e.is_empty()));
    assert!(
        v["exercises"][0]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
}

#[test]
fn emergency_answers_get_no_exercises() {
    let out = backcare(
        &[
            "plan",
            "--answers",
            "examples/emergency-cauda-equina.json",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"]["kind"], "withheld");
    assert_eq!(v["exercises"].as_array().map(Vec::len), Some(0));
}

#[test]
fn handouts_are_written_to_files() {
    let tmp = scratch_dir("plan");
    let dir = tmp.path();
    for (format, file, magic) in [
        ("html", "plan.html", &b"<!doctype html>"[..]),
        ("pdf", "plan.pdf", &b"%PDF-"[..]),
    ] {
        let path = dir.join(file);
        let out = backcare(
            &[
                "plan",
                "--answers",
                "examples/self-care-postural-upper-back.json",
                "--format",
                format,
                "-o",
                path.to_str().unwrap(),
                "--paper",
                "letter",
            ],
            "",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(magic), "{format}");
    }
}

#[test]
fn bad_plan_input_exits_2_with_a_reason() {
    let tmp = scratch_dir("plan-bad");
    let dir = tmp.path();
    let history = dir.join("history.json");
    std::fs::write(&history, r#"{"start": "2026-02-30", "weeks": []}"#).unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--history".into(), history.display().to_string()],
            "not a real date",
        ),
        (vec!["--format".into(), "pdf".into()], "-o plan.pdf"),
        (vec!["--week".into(), "0".into()], "--week"),
        (
            vec![
                "--preferences".into(),
                root().join("examples/history.json").display().to_string(),
            ],
            "there is no field \"start\" here",
        ),
    ];
    for (extra, wanted) in cases {
        let mut args = vec![
            "plan".to_owned(),
            "--answers".into(),
            "examples/minimal.json".into(),
        ];
        args.extend(extra.clone());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = backcare(&refs, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(err.contains(wanted), "{extra:?}: {err}");
    }
}
