//! Every education article: parsed, paired in English and Spanish, complete, linked.
//!
//! Each check collects every problem it finds, so one run lists all that needs fixing.

use backcare_content::articles::{self, Article, Block};
use backcare_content::exercises;
use backcare_core::Lang;

/// Fails with every problem found, one a line.
pub(crate) fn report(what: &str, problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

fn file(a: &Article) -> String {
    format!("{}.{}.md", a.meta.id, a.meta.lang.code())
}

#[test]
fn every_file_parses() {
    if let Err(e) = articles::parse_all() {
        panic!("{e}");
    }
}

#[test]
fn there_are_at_least_thirty_articles_in_both_languages() {
    let all = articles::all();
    let ids = articles::ids();
    assert!(ids.len() >= 30, "only {} article ids", ids.len());
    assert!(all.len() >= 60, "only {} article files", all.len());
}

#[test]
fn every_article_exists_in_english_and_spanish() {
    let (pairs, lonely) = articles::pair(articles::all());
    report(
        "articles missing a language",
        lonely
            .iter()
            .map(|id| format!("{id}: needs .en.md and .es.md"))
            .collect(),
    );
    assert_eq!(pairs.len() * 2, articles::all().len());
}

#[test]
fn translations_share_their_metadata() {
    let (pairs, _) = articles::pair(articles::all());
    let mut problems = Vec::new();
    for p in pairs {
        let (en, es) = (&p.en.meta, &p.es.meta);
        let id = &en.id;
        let mut differs = |field: &str, same: bool| {
            if !same {
                problems.push(format!("{id}: `{field}` differs between en and es"));
            }
        };
        differs("topics", en.topics == es.topics);
        differs("patterns", en.patterns == es.patterns);
        differs("stages", en.stages == es.stages);
        differs(
            "related_exercises",
            en.related_exercises == es.related_exercises,
        );
        differs(
            "related_articles",
            en.related_articles == es.related_articles,
        );
        differs("sources", en.sources == es.sources);
        differs("last_reviewed", en.last_reviewed == es.last_reviewed);
        let sections = |a: &Article| sections(a).len();
        differs("number of sections", sections(p.en) == sections(p.es));
    }
    report("translations", problems);
}

#[test]
fn required_metadata_is_present() {
    let mut problems = Vec::new();
    for a in articles::all() {
        let m = &a.meta;
        let f = file(a);
        let empty = [
            ("title", m.title.trim().is_empty()),
            ("summary", m.summary.trim().is_empty()),
            ("topics", m.topics.is_empty()),
            ("patterns", m.patterns.is_empty()),
            ("stages", m.stages.is_empty()),
            ("sources", m.sources.iter().all(|s| s.trim().is_empty())),
        ];
        for (field, is_empty) in empty {
            if is_empty {
                problems.push(format!("{f}: `{field}` is empty"));
            }
        }
        if m.sources.iter().any(|s| s.trim().is_empty()) {
            problems.push(format!("{f}: a source is blank"));
        }
        if m.title.chars().count() > 90 {
            problems.push(format!("{f}: the title is longer than 90 characters"));
        }
    }
    report("metadata", problems);
}

#[test]
fn every_related_link_resolves() {
    let ids = articles::ids();
    let library = exercises::library();
    let mut problems = Vec::new();
    for a in articles::all() {
        let f = file(a);
        for id in &a.meta.related_articles {
            if !ids.contains(&id.as_str()) {
                problems.push(format!("{f}: related article {id:?} does not exist"));
            }
            if id == &a.meta.id {
                problems.push(format!("{f}: links to itself"));
            }
        }
        for id in &a.meta.related_exercises {
            if !library.iter().any(|e| &e.id == id) {
                problems.push(format!(
                    "{f}: related exercise {:?} does not exist",
                    id.as_str()
                ));
            }
        }
    }
    report("related links", problems);
}

/// The `## ` sections of a body: (heading, text under it).
fn sections(a: &Article) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for block in articles::to_blocks(a) {
        match block {
            Block::Heading { level: 2, text } => out.push((text, String::new())),
            other => {
                if let Some((_, text)) = out.last_mut() {
                    text.push_str(&other.text());
                    text.push('\n');
                } else {
                    out.push((String::new(), other.text()));
                }
            }
        }
    }
    out
}

#[test]
fn bodies_are_sections_with_text() {
    let mut problems = Vec::new();
    for a in articles::all() {
        let f = file(a);
        let sections = sections(a);
        if sections.len() < 2 {
            problems.push(format!("{f}: fewer than two `## ` sections"));
        }
        for (heading, text) in &sections {
            if heading.is_empty() {
                problems.push(format!("{f}: text before the first `## ` heading"));
            } else if text.trim().is_empty() {
                problems.push(format!("{f}: section {heading:?} is empty"));
            }
        }
        let words = articles::word_count(a);
        if !(300..=900).contains(&words) {
            problems.push(format!("{f}: {words} words (want 300-900)"));
        }
    }
    report("bodies", problems);
}

#[test]
fn every_article_renders() {
    let mut problems = Vec::new();
    for a in articles::all() {
        let html = articles::to_html(a);
        let f = file(a);
        let labels = match a.meta.lang {
            Lang::En => ["Sources", "Last reviewed"],
            Lang::Es => ["Fuentes", "Última revisión"],
        };
        for label in labels {
            if !html.contains(label) {
                problems.push(format!("{f}: the HTML lacks {label:?}"));
            }
        }
        if html.contains("<script") {
            problems.push(format!("{f}: the HTML contains a script"));
        }
        for link in articles::related_articles(a) {
            if link.title == link.id {
                problems.push(format!("{f}: no title for related article {}", link.id));
            }
        }
        if articles::get(&a.meta.id, a.meta.lang) != Some(a) {
            problems.push(format!("{f}: get() does not find it"));
        }
    }
    report("rendering", problems);
}

/// The red-flags article names every warning sign of the rule table in both languages,
/// found by the safety-text checker's own sign detection, so it cannot drop a rule family.
#[test]
fn the_red_flags_article_names_every_sign() {
    use backcare_core::triage::safety_net::{SIGNS, signs_named};
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let Some(a) = articles::get("red-flags-when-to-get-help", lang) else {
            problems.push(format!(
                "red-flags-when-to-get-help.{}.md is missing",
                lang.code()
            ));
            continue;
        };
        let text: String = articles::to_blocks(a)
            .iter()
            .map(|b| b.text() + "\n\n")
            .collect();
        let named = signs_named(lang, &text);
        for sign in SIGNS.iter().filter(|s| !named.contains(&s.id)) {
            problems.push(format!(
                "{}: names no {} ({:?})",
                file(a),
                sign.id,
                sign.text.get(lang)
            ));
        }
    }
    report("red-flags article", problems);
}
