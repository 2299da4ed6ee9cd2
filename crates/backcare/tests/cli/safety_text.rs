//! The printed summary, checked against the safety net: for the ordinary self-care case,
//! for every warning sign applied to it, and for a case with nothing answered, the text
//! `backcare assess` prints gives no sign less urgency than the engine gives it, in
//! either language.

use backcare_core::triage::safety_net::{SIGNS, Unit, baseline, check};
use backcare_core::{Intake, Lang};

use super::backcare;

fn summary(intake: &Intake) -> String {
    let json = serde_json::to_string(intake).expect("an intake serialises");
    let out = backcare(&["assess", "--answers", "-"], &json);
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The printed summary as paragraphs: a line that starts at the margin or with a marker
/// starts one, indented lines continue it (the printer wraps with an indent). The
/// "Because of" answers and the rule's id and source are quotations of the person's
/// answers and of the literature, not advice, so they are left out.
fn units(text: &str) -> Vec<Unit> {
    const QUOTED: &[&str] = &[
        "Because of:",
        "Debido a:",
        "rule ",
        "regla ",
        "rules:",
        "reglas:",
    ];
    let mut paragraphs: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let starts = !line.starts_with("  ")
            || QUOTED.iter().any(|q| trimmed.starts_with(q))
            || trimmed.starts_with(['●', '○', '•', '!']);
        match paragraphs.last_mut() {
            Some(p) if !starts && !trimmed.is_empty() => {
                p.push(' ');
                p.push_str(trimmed);
            }
            _ => paragraphs.push(trimmed.to_owned()),
        }
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty() && !QUOTED.iter().any(|q| p.starts_with(q)))
        .map(Unit::Paragraph)
        .collect()
}

#[test]
fn the_summary_follows_the_engine() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let mut cases = vec![("baseline".to_owned(), baseline(lang))];
        cases.push((
            "nothing answered".to_owned(),
            Intake {
                language: lang,
                ..Intake::default()
            },
        ));
        for sign in SIGNS {
            for (n, case) in sign.cases.iter().enumerate() {
                let mut intake = baseline(lang);
                case(&mut intake);
                cases.push((format!("{} case {n}", sign.id), intake));
            }
        }
        for (name, intake) in cases {
            let text = summary(&intake);
            for f in check(lang, &units(&text)) {
                problems.push(format!("{name} ({}): {f}", lang.code()));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(
        problems.is_empty(),
        "{} sentence(s) of the summary give a warning sign too little urgency:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}
