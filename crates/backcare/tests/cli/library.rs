//! `backcare search` and `backcare read`.

use super::backcare;

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).expect("stdout is JSON")
}

#[test]
fn search_finds_sciatica_in_spanish_without_accents() {
    let out = backcare(&["search", "ciatica ejercicios", "--lang", "es"], "");
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("1. ") && first.contains("ciática"),
        "{text}"
    );
    assert!(
        text.contains("backcare read slipped-disc-and-sciatica --lang es"),
        "{text}"
    );
    // No colour when NO_COLOR is set: the snippet is plain text.
    assert!(!text.contains('\u{1b}'), "{text}");
}

#[test]
fn search_json_carries_the_fields() {
    let out = backcare(
        &["search", "sciatca", "--format", "json", "--limit", "3"],
        "",
    );
    let v = json(&out);
    let hits = v.as_array().expect("an array of results");
    assert!(!hits.is_empty() && hits.len() <= 3);
    assert_eq!(hits[0]["id"], "slipped-disc-and-sciatica");
    for hit in hits {
        for key in ["id", "lang", "title", "summary", "snippet", "snippet_html"] {
            assert!(hit[key].is_string(), "{key} in {hit}");
        }
        assert!(hit["topics"].is_array());
        assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0));
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn search_filters_by_topic_and_language() {
    let out = backcare(
        &[
            "search", "dolor", "--lang", "es", "--topic", "sleep", "--format", "json",
        ],
        "",
    );
    let v = json(&out);
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        assert_eq!(hit["lang"], "es");
        let topics = hit["topics"].as_array().unwrap();
        assert!(topics.iter().any(|t| t == "sleep"), "{hit}");
    }
}

#[test]
fn search_highlights_matches_in_bold_when_colour_is_on() {
    let out = backcare(
        &["--color", "always", "search", "stenosis", "--limit", "1"],
        "",
    );
    let text = stdout(&out);
    assert!(text.contains("\u{1b}[1m"), "{text:?}");
}

#[test]
fn search_without_matches_says_so() {
    let out = backcare(&["search", "zzqxv", "--lang", "es"], "");
    assert!(stdout(&out).contains("Ningún artículo coincide"));
}

#[test]
fn bad_searches_exit_2_with_a_message() {
    let long = "dolor ".repeat(50);
    let cases: [(&[&str], &str); 5] = [
        (&["search", "  "], "empty"),
        (&["search", long.as_str()], "too long"),
        (&["search", "de la", "--lang", "es"], "palabras muy comunes"),
        (&["search", "sleep", "--limit", "0"], "between 1 and"),
        (&["search", "sleep", "--topic", "gossip"], "unknown topic"),
    ];
    for (args, want) in cases {
        let out = backcare(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn read_renders_an_article_with_sources() {
    let text = stdout(&backcare(&["read", "spinal-stenosis"], ""));
    assert!(text.starts_with("Spinal stenosis"), "{text}");
    assert!(text.contains("Sources"));
    assert!(text.contains("Last reviewed: "));
    assert!(text.contains("backcare read "), "related articles: {text}");
    assert!(
        text.lines().all(|l| console::measure_text_width(l) <= 88),
        "{text}"
    );

    let text = stdout(&backcare(&["read", "spinal-stenosis", "--lang", "es"], ""));
    assert!(text.contains("Fuentes"));
    assert!(text.contains("Última revisión: "));
}

#[test]
fn read_prints_html() {
    let html = stdout(&backcare(
        &[
            "read",
            "slipped-disc-and-sciatica",
            "--lang",
            "es",
            "--format",
            "html",
        ],
        "",
    ));
    assert!(html.starts_with("<article lang=\"es\">"), "{html}");
    assert!(html.contains("<h2>"));
    assert!(html.contains("href=\"/exercises/"));
    assert!(html.contains("href=\"/articles/"));
    assert!(html.contains("<h2>Fuentes</h2>"));
}

#[test]
fn unknown_id_exits_2_and_suggests_close_ids() {
    let out = backcare(&["read", "spinal-stenoss"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("spinal-stenosis"), "{err}");

    let out = backcare(&["read", "stenosis", "--lang", "es"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Quizá quiso decir") && err.contains("spinal-stenosis"),
        "{err}"
    );

    let out = backcare(&["read", "../../etc/passwd"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("backcare search"));
}
