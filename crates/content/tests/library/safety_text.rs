//! Every text that gives safety advice, checked against the triage rule table: no
//! sentence may give a warning sign less urgency than the engine gives it, in either
//! language (`backcare_core::triage::safety_net::check`).

use backcare_content::articles::{self, Block};
use backcare_content::exercises;
use backcare_core::Lang;
use backcare_core::triage::safety_net::{Finding, Unit, check, check_text};

use crate::articles::report;

fn describe(place: &str, findings: &[Finding]) -> Vec<String> {
    findings.iter().map(|f| format!("{place}: {f}")).collect()
}

/// An article as the checker reads it: headings, paragraphs and list items, after the
/// `{{safety-net}}` directives are expanded.
fn units(article: &articles::Article) -> Vec<Unit> {
    articles::to_blocks(article)
        .into_iter()
        .filter_map(|block| match &block {
            Block::Heading { .. } => Some(Unit::Heading(block.text())),
            Block::Item { .. } => Some(Unit::Item(block.text())),
            Block::Paragraph(_) | Block::Quote(_) => Some(Unit::Paragraph(block.text())),
            Block::Code(_) | Block::Rule => None,
        })
        .collect()
}

#[test]
fn every_article_section_follows_the_engine() {
    let mut problems = Vec::new();
    for a in articles::all() {
        let place = format!("{}.{}.md", a.meta.id, a.meta.lang.code());
        problems.extend(describe(&place, &check(a.meta.lang, &units(a))));
        // The summary is shown in lists and search results on its own.
        problems.extend(describe(
            &format!("{place} summary"),
            &check_text(a.meta.lang, &a.meta.summary),
        ));
    }
    report("articles", problems);
}

#[test]
fn every_exercise_text_follows_the_engine() {
    let mut problems = Vec::new();
    for ex in exercises::library() {
        for lang in Lang::ALL {
            let place = format!("exercise {} ({})", ex.id, lang.code());
            let mut texts = vec![
                ("purpose", ex.purpose.get(lang).to_owned()),
                ("should_feel", ex.should_feel.get(lang).to_owned()),
                ("stop_if", ex.stop_if.get(lang).to_owned()),
            ];
            for (n, step) in ex.steps.get(lang).iter().enumerate() {
                texts.push(("step", format!("{}. {step}", n + 1)));
            }
            for (field, text) in texts {
                problems.extend(describe(
                    &format!("{place} {field}"),
                    &check_text(lang, &text),
                ));
            }
        }
    }
    report("exercises", problems);
}

#[test]
fn the_checker_fails_on_a_wrong_article_sentence() {
    // The same path as the articles above, with a deliberately wrong section.
    for (lang, text) in [
        (
            Lang::En,
            "## When to get help\n\nSee a doctor soon if you have chest pain.",
        ),
        (
            Lang::Es,
            "## Cuándo pedir ayuda\n\nConsulte pronto con un médico si tiene dolor en el pecho.",
        ),
    ] {
        let file = format!("wrong.{}.md", lang.code());
        let front = format!(
            "+++\nid = \"wrong\"\nlang = \"{}\"\ntitle = \"t\"\nsummary = \"s\"\ntopics = [\"safety\"]\npatterns = [\"any\"]\nstages = [\"any\"]\nrelated_exercises = []\nrelated_articles = []\nsources = []\nlast_reviewed = 2026-12-01\n+++\n\n{text}\n\n## Next\n\n{{{{safety-net}}}}\n",
            lang.code()
        );
        let article = articles::parse(&file, &front).expect("parses");
        let findings = check(lang, &units(&article));
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].sign, "chest-pain");
    }
}

#[test]
fn the_handout_warning_box_follows_the_engine() {
    for lang in Lang::ALL {
        let text = backcare_content::handout::warning(lang);
        let findings = check_text(lang, &text);
        report("handout warning box", describe(lang.code(), &findings));
        // The box names the most urgent signs, not only a phone number.
        let chest = backcare_core::triage::safety_net::SIGNS
            .iter()
            .find(|s| s.id == "chest-pain")
            .expect("chest pain is a sign");
        assert!(text.contains(chest.text.get(lang)), "{text}");
    }
}

/// A printed handout as the checker reads it: the HTML's paragraphs, headings and list
/// items, without tags or styles.
fn handout_units(html: &str) -> String {
    let body = html.split("</style>").nth(1).unwrap_or(html);
    let marked = body
        .replace("<li", "\n- <li")
        .replace("<p", "\n\n<p")
        .replace("<h", "\n\n# <h")
        .replace("</li>", "\n")
        .replace("</p>", "\n\n");
    let mut text = String::with_capacity(marked.len());
    let mut in_tag = false;
    for c in marked.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[test]
fn a_whole_handout_follows_the_engine() {
    use backcare_core::plan::{self, History, Preferences, WeekLog};
    use backcare_core::triage::safety_net::baseline;
    let start = plan::Date::parse("2026-01-05").unwrap();
    // Week 1, and week 2 after a flare-up in week 1 (so the flare advice is printed).
    let flare = WeekLog::simple(1, 8, 10, 5, 1).unwrap();
    let cases = [
        (History::new(start, Vec::new()).unwrap(), Some(1)),
        (History::new(start, vec![flare]).unwrap(), Some(2)),
    ];
    let mut problems = Vec::new();
    let mut flare_advice_seen = 0;
    for lang in Lang::ALL {
        let intake = baseline(lang);
        for (history, week) in &cases {
            let p = plan::plan(
                &intake,
                &backcare_core::assess(&intake),
                exercises::library(),
                &Preferences::default(),
                history,
                *week,
            );
            flare_advice_seen += usize::from(p.flare_advice.is_some());
            let text = handout_units(&backcare_content::handout::html(&p));
            assert!(text.contains(&backcare_content::handout::warning(lang)));
            problems.extend(describe(
                &format!("handout week {} ({})", p.week, lang.code()),
                &check_text(lang, &text),
            ));
        }
    }
    assert_eq!(
        flare_advice_seen, 2,
        "the flare advice is checked in both languages"
    );
    report("handout", problems);
}

/// Prints the sign table with the level the engine gives each sign (and each of its
/// cases), then the one-paragraph summaries: `cargo test -p backcare-content --test
/// library print_the_safety_net -- --nocapture`. (The core crate prints nothing.)
#[test]
fn print_the_safety_net() {
    use backcare_core::triage::Level;
    use backcare_core::triage::safety_net::{SIGNS, summary};
    println!("| sign | level | cases | topics | words |\n|---|---|---|---|---|");
    for sign in SIGNS {
        let topics: Vec<&str> = sign.topics.iter().map(|t| t.as_str()).collect();
        let cases: Vec<&str> = sign.case_levels().into_iter().map(Level::id).collect();
        println!(
            "| {} | {} | {} | {} | {} |",
            sign.id,
            sign.level().id(),
            cases.join(","),
            if topics.is_empty() {
                "general".to_owned()
            } else {
                topics.join(",")
            },
            sign.text.en
        );
    }
    for lang in Lang::ALL {
        for level in Level::ALL.into_iter().rev() {
            if let Some(text) = summary(lang, level) {
                println!("\n{text}");
            }
        }
    }
}
