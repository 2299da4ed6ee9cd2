//! Handouts render in HTML and PDF, in both languages, with every exercise's picture.

use backcare_content::{exercises, handout, pdf::Paper};
use backcare_core::intake::{Answer, Intake};
use backcare_core::plan::{self, History, Preferences, WeekPlan};
use backcare_core::{Lang, assess};

fn plan_for(intake: &Intake) -> WeekPlan {
    let history = History::new(plan::Date::parse("2026-01-05").unwrap(), Vec::new()).unwrap();
    plan::plan(
        intake,
        &assess(intake),
        exercises::library(),
        &Preferences::default(),
        &history,
        None,
    )
}

/// A person with no warning signs, so the plan is active.
fn well(lang: Lang) -> Intake {
    let text = crate::example("self-care-lifting-strain.json");
    let mut intake: Intake = serde_json::from_str(&text).unwrap();
    intake.language = lang;
    intake
}

#[test]
fn html_handout_shows_every_exercise_with_its_picture() {
    for lang in Lang::ALL {
        let p = plan_for(&well(lang));
        assert!(!p.exercises.is_empty());
        let html = handout::html(&p);
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert_eq!(
            html.matches("<svg").count(),
            p.exercises.len(),
            "one picture per exercise"
        );
        for e in &p.exercises {
            assert!(html.contains(&e.name), "{lang:?}: {} missing", e.name);
        }
        assert!(html.contains("@page"), "print styles");
        assert!(
            html.contains("role=\"note\""),
            "warning signs are on every handout"
        );
    }
}

#[test]
fn pdf_handout_is_a_pdf_on_both_papers() {
    for (lang, paper, media) in [
        (Lang::En, Paper::Letter, "612 792"),
        (Lang::Es, Paper::A4, "595.28 841.89"),
    ] {
        let bytes = handout::pdf(&plan_for(&well(lang)), paper);
        assert!(bytes.starts_with(b"%PDF-1."));
        assert!(bytes.ends_with(b"%%EOF") || bytes.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains(&format!("/MediaBox [0 0 {media}]")),
            "{paper:?}"
        );
        assert!(text.contains("/Helvetica-Bold"));
    }
}

#[test]
fn a_red_flag_handout_has_the_advice_and_no_exercises() {
    let mut intake = well(Lang::Es);
    intake.saddle_numbness = Answer::Yes;
    let p = plan_for(&intake);
    assert!(p.exercises.is_empty());
    let html = handout::html(&p);
    assert_eq!(html.matches("<svg").count(), 0);
    assert!(html.contains("Emergencia"), "the triage heading is shown");
    assert!(handout::pdf(&p, Paper::A4).starts_with(b"%PDF-"));
}
