//! `backcare assess --answers`, `rules` and `schema`.

use super::{backcare, root};
use crate::serve::scratch_dir;

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn emergency_example_reports_emergency_in_json() {
    let out = backcare(
        &[
            "assess",
            "--answers",
            "examples/emergency-cauda-equina.json",
            "--format",
            "json",
        ],
        "",
    );
    let v = json(&out);
    assert_eq!(v["triage"]["level"], "emergency");
    let reason = &v["triage"]["reasons"][0];
    assert_eq!(reason["family"], "cauda_equina");
    for key in ["rule_id", "advice", "source"] {
        assert!(
            reason[key].as_str().is_some_and(|s| !s.is_empty()),
            "reason.{key} missing: {reason}"
        );
    }
    for key in ["patterns", "scores", "codes"] {
        assert!(!v[key].is_null(), "{key} missing");
    }
}

#[test]
fn every_example_assesses_in_text_and_json() {
    let dir = root().join("examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Intake examples are named after the level they should get; the others are plan inputs.
        let intake_example = ["emergency-", "urgent-", "soon-", "self-care-", "minimal"]
            .iter()
            .any(|p| name.starts_with(p));
        if !name.ends_with(".json") || !intake_example {
            continue;
        }
        seen += 1;
        let file = format!("examples/{name}");
        let v = json(&backcare(
            &["assess", "--answers", &file, "--format", "json"],
            "",
        ));
        let level = v["triage"]["level"].as_str().unwrap().to_owned();
        let expected = name.split('-').next().unwrap().replace("self", "self_care");
        if name != "minimal.json" {
            assert_eq!(level, expected, "{name}");
        }
        let text = backcare(&["assess", "--answers", &file], "");
        assert!(
            text.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&text.stderr)
        );
        let stdout = String::from_utf8(text.stdout).unwrap();
        let first = stdout.lines().next().unwrap_or_default();
        let title = v["triage"]["title"].as_str().unwrap();
        assert!(
            first.contains(title),
            "{name}: triage must come first, got {first:?}"
        );
    }
    assert!(seen >= 6, "only {seen} examples");
}

#[test]
fn answers_from_stdin_and_lang_override() {
    let input =
        std::fs::read_to_string(root().join("examples/emergency-cauda-equina.json")).unwrap();
    let v = json(&backcare(
        &[
            "assess",
            "--answers",
            "-",
            "--format",
            "json",
            "--lang",
            "es",
        ],
        &input,
    ));
    assert_eq!(v["triage"]["level"], "emergency");
    assert!(
        v["triage"]["title"]
            .as_str()
            .unwrap()
            .starts_with("Emergencia")
    );
}

/// Bad input: exit status 2 and a message that names the problem, never a panic.
#[test]
fn bad_input_is_rejected_with_the_field_named() {
    let cases: &[(&str, &[&str])] = &[
        ("{ \"age\": 40, ", &["line 1"]),
        (
            "{\"age\": \"forty\"}",
            &[
                "`age`",
                "\"forty\" is given where a whole number is expected",
            ],
        ),
        ("{\"age\": 300}", &["`age`", "between 0 and 120"]),
        (
            "{\"pain\": {\"worst\": 11}}",
            &["`pain.worst`", "between 0 and 10"],
        ),
        (
            "{\"history\": {\"cancr\": \"yes\"}}",
            &["`history.cancr`", "there is no field \"cancr\" here"],
        ),
        (
            "{\"history\": [\"yes\", \"no\"]}",
            &["`history`", "found a list"],
        ),
        (
            "{\"start_back\": [true]}",
            &["`start_back`", "found a list"],
        ),
        (
            "{\"bladder_change\": \"maybe\"}",
            &[
                "`bladder_change`",
                "\"maybe\" is not one of the values allowed here",
            ],
        ),
        ("{\"language\": \"fr\"}", &["`language`"]),
        (
            "{\"odi\": {\"lifting\": 6}}",
            &["`odi.lifting`", "not one of the kinds allowed here"],
        ),
        (
            "{\"rmdq\": {\"ticked\": [25]}}",
            &["`rmdq.ticked", "between 1 and 24"],
        ),
        ("[]", &["the answers", "found a list"]),
        ("", &["the text ends before the JSON is complete"]),
    ];
    let mut failures = Vec::new();
    for (input, wanted) in cases {
        let out = backcare(&["assess", "--answers", "-"], input);
        let err = String::from_utf8_lossy(&out.stderr);
        // Plain words: no Rust types or serde terms.
        let rust_words = [
            "i64",
            "u8",
            "invalid type",
            "variant",
            "EOF",
            "struct",
            "enum",
        ];
        if out.status.code() != Some(2)
            || err.contains("panicked")
            || !wanted.iter().all(|w| err.contains(w))
            || rust_words.iter().any(|w| err.contains(w))
        {
            failures.push(format!(
                "{input:?}: status {:?}, stderr {err:?}, wanted {wanted:?}",
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn missing_file_and_bad_flags_exit_2() {
    let out = backcare(&["assess", "--answers", "no/such/file.json"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.json"));
    let out = backcare(
        &[
            "assess",
            "--lang",
            "fr",
            "--answers",
            "examples/minimal.json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown language"));
}

#[test]
fn rules_prints_every_rule_as_markdown_in_both_languages() {
    for lang in ["en", "es"] {
        let out = backcare(&["rules", "--lang", lang], "");
        assert!(out.status.success());
        let md = String::from_utf8(out.stdout).unwrap();
        assert!(md.starts_with("# "));
        for rule in backcare_core::triage::rules::RULES {
            assert!(
                md.contains(&format!("| {} |", rule.id)),
                "{lang}: {} missing",
                rule.id
            );
        }
    }
}

#[test]
fn committed_schema_matches_the_types() {
    let out = backcare(&["schema"], "");
    let generated: serde_json::Value = json(&out);
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/intake.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(
        generated == committed,
        "docs/intake.schema.json is out of date: run `cargo run -p backcare -- schema > docs/intake.schema.json`"
    );
}

#[test]
fn a_wording_file_with_an_unknown_key_is_rejected() {
    let tmp = scratch_dir("wording");
    let path = tmp.path().join("wording.json");
    std::fs::write(
        &path,
        r#"{"start_back": {"en": {"leg_pian": "licensed text"}}}"#,
    )
    .unwrap();
    let out = backcare(
        &[
            "assess",
            "--answers",
            "examples/minimal.json",
            "--wording",
            path.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("start_back.en.leg_pian"));
    let ok = backcare(
        &[
            "assess",
            "--answers",
            "examples/minimal.json",
            "--wording",
            "crates/core/src/instruments/wording.example.json",
        ],
        "",
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}

/// Four cauda equina answers skipped or "don't know" in someone with sciatica: the summary
/// says at the top that the result is more urgent because of them, and names the concern
/// once, in both languages (it used to repeat it once per rule).
#[test]
fn open_answers_are_said_once_at_the_top() {
    let mut intake: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/self-care-lifting-strain.json")).unwrap(),
    )
    .unwrap();
    intake["leg_symptoms"] = "below_knee_one_side".into();
    intake["bladder_change"] = "not_answered".into();
    intake["bowel_change"] = "dont_know".into();
    intake["saddle_numbness"] = "not_answered".into();
    intake["sexual_function_change"] = "dont_know".into();
    for (lang, concern, notice, why) in [
        (
            "en",
            "cauda equina syndrome",
            "This result is more urgent because some safety questions were skipped",
            "Why",
        ),
        (
            "es",
            "cola de caballo",
            "Este resultado es más urgente porque algunas preguntas de seguridad",
            "Por qué",
        ),
    ] {
        intake["language"] = lang.into();
        let out = backcare(&["assess", "--answers", "-"], &intake.to_string());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(flat.matches(concern).count(), 1, "{lang}: {text}");
        let at = flat
            .find(notice)
            .unwrap_or_else(|| panic!("{lang}: {text}"));
        assert!(
            at < flat.find(why).unwrap(),
            "{lang}: the notice comes first"
        );
    }
}
