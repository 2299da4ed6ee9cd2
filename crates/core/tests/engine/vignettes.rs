//! Clinical vignettes: data files in `tests/vignettes/`, each an intake with the level and
//! reason families a clinician expects. Every rule must be exercised by at least one.

use std::collections::BTreeSet;
use std::path::PathBuf;

use backcare_core::triage::rules::RULES;
use backcare_core::{Intake, assess};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vignette {
    title: String,
    #[allow(dead_code)] // Read by people, not by the test.
    reference: String,
    intake: Intake,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    level: String,
    #[serde(default)]
    families: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    /// Patterns that must not be given (e.g. a reassuring one next to a red flag).
    #[serde(default)]
    patterns_absent: Vec<String>,
    /// Words that must not be in what the person reads of the triage (the action, the
    /// advice shown in full and the "also tell the doctor" line): a lower rule's advice
    /// under a more urgent result.
    #[serde(default)]
    shown_absent: Vec<String>,
    /// Words that must be in the "also tell the doctor" line.
    #[serde(default)]
    also_tell: Vec<String>,
}

fn id<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn load() -> Vec<(String, Vignette)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            let v: Vignette = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, v)
        })
        .collect()
}

/// Checks one vignette; returns what did not match, if anything.
fn check(v: &Vignette) -> Option<String> {
    let result = assess(&v.intake);
    let level = id(&result.triage.level);
    let families: BTreeSet<String> = result
        .triage
        .reasons
        .iter()
        .map(|r| id(&r.family))
        .collect();
    let patterns: BTreeSet<String> = result.patterns.iter().map(|p| id(&p.pattern)).collect();
    let mut problems = Vec::new();
    if level != v.expect.level {
        problems.push(format!("level {level}, expected {}", v.expect.level));
    }
    for f in &v.expect.families {
        if !families.contains(f) {
            problems.push(format!("no `{f}` reason (got {families:?})"));
        }
    }
    for p in &v.expect.patterns {
        if !patterns.contains(p) {
            problems.push(format!("pattern `{p}` not found (got {patterns:?})"));
        }
    }
    for p in &v.expect.patterns_absent {
        if patterns.contains(p) {
            problems.push(format!("pattern `{p}` given, expected none"));
        }
    }
    let t = &result.triage;
    let also = t.also_tell(v.intake.language).unwrap_or_default();
    let mut shown = vec![t.action.as_str(), also.as_str()];
    shown.extend(t.deciding().map(|r| r.advice.as_str()));
    let shown = shown.join("\n");
    for words in &v.expect.shown_absent {
        if shown.contains(words.as_str()) {
            problems.push(format!("shows `{words}`"));
        }
    }
    for words in &v.expect.also_tell {
        if !also.contains(words.as_str()) {
            problems.push(format!("`{words}` not in the also-tell line `{also}`"));
        }
    }
    // Every lower concern is still named (by the also-tell line or the advice shown),
    // and the line names each one once.
    let deciding: Vec<&str> = t.deciding().map(|r| r.concern.as_str()).collect();
    for r in t.below() {
        let named = also.contains(&r.concern)
            || deciding
                .iter()
                .any(|c| c.contains(&r.concern) || r.concern.contains(c));
        if !named {
            problems.push(format!("{}'s concern is not named", r.rule_id));
        }
        if also.matches(&r.concern).count() > 1 {
            problems.push(format!("`{}` named twice", r.concern));
        }
    }
    let rules: Vec<_> = result.triage.reasons.iter().map(|r| r.rule_id).collect();
    (!problems.is_empty()).then(|| {
        format!(
            "{}: {} [rules fired: {rules:?}]",
            v.title,
            problems.join("; ")
        )
    })
}

#[test]
fn every_vignette_gets_the_expected_level_and_reasons() {
    let vignettes = load();
    assert!(
        vignettes.len() >= 60,
        "only {} vignettes; the issue asks for at least 60",
        vignettes.len()
    );
    let failures: Vec<String> = vignettes
        .iter()
        .filter_map(|(name, v)| check(v).map(|p| format!("{name}: {p}")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vignettes failed:\n{}",
        failures.len(),
        vignettes.len(),
        failures.join("\n")
    );
}

#[test]
fn vignettes_cover_every_rule_family_level_and_both_languages() {
    let vignettes = load();
    let mut fired = BTreeSet::new();
    let mut families = BTreeSet::new();
    let mut levels = BTreeSet::new();
    let mut languages = BTreeSet::new();
    for (_, v) in &vignettes {
        let result = assess(&v.intake);
        levels.insert(id(&result.triage.level));
        languages.insert(v.intake.language.code());
        for r in &result.triage.reasons {
            fired.insert(r.rule_id);
            families.insert(id(&r.family));
        }
    }
    let unfired: Vec<_> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !fired.contains(id))
        .collect();
    assert!(
        unfired.is_empty(),
        "rules no vignette exercises: {unfired:?}"
    );
    for family in [
        "cauda_equina",
        "cancer",
        "infection",
        "fracture",
        "neurological",
        "inflammatory",
        "non_spinal",
        "other",
    ] {
        assert!(
            families.contains(family),
            "no vignette fires a `{family}` rule"
        );
    }
    assert_eq!(levels.len(), 4, "levels covered: {levels:?}");
    assert_eq!(languages.len(), 2, "languages covered: {languages:?}");
}

/// Every rule that can decide a result on its own decides at least one vignette: it is
/// certain and at the result's level, so its advice is the one shown in full. Firing next
/// to a more urgent rule shows only that the rule fires, not what a person reads.
#[test]
fn every_rule_decides_a_vignette() {
    let mut decided = BTreeSet::new();
    for (_, v) in load() {
        let result = assess(&v.intake);
        decided.extend(result.triage.deciding().map(|r| r.rule_id));
    }
    let undecided: Vec<_> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !decided.contains(id))
        .collect();
    assert!(
        undecided.is_empty(),
        "rules that decide no vignette: {undecided:?}"
    );
}
