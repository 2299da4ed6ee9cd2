//! Relevance and behaviour of article search, on the articles compiled into the binary.
//!
//! `cases::CASES` is the relevance test set: what people type, in English and Spanish, with
//! typos, without accents and with everyday words, and the article that must be in the top
//! three. [`relevance`] runs them all through one `check` and reports every failure at once.

use std::sync::OnceLock;
use std::time::Instant;

mod cases;

use backcare_search::{Hit, Index, Lang, MAX_QUERY_CHARS, Query, SearchError, Topic};
use cases::CASES;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build().expect("the index builds"))
}

/// Runs one case: `None` if the expected article is in the top 3, else what went wrong.
fn check(query: &str, lang: Option<Lang>, expected: &str) -> Option<String> {
    let mut q = Query::new(query).limit(10);
    q.lang = lang;
    let hits = match index().search(&q) {
        Ok(hits) => hits,
        Err(e) => return Some(format!("{query:?}: error: {e}")),
    };
    if let Some(wrong) = hits.iter().find(|h| lang.is_some_and(|l| h.lang != l)) {
        return Some(format!(
            "{query:?}: a hit in the wrong language: {}",
            wrong.id
        ));
    }
    let rank = hits.iter().position(|h| h.id == expected);
    match rank {
        Some(r) if r < 3 => None,
        _ => {
            let top: Vec<String> = hits
                .iter()
                .take(5)
                .map(|h| format!("{} ({:.2})", h.id, h.score))
                .collect();
            Some(format!(
                "{query:?} ({}): {expected} is at {}; top: {}",
                lang.map_or("any", Lang::code),
                rank.map_or("no rank".to_owned(), |r| format!("rank {}", r + 1)),
                top.join(", ")
            ))
        }
    }
}

#[test]
fn relevance() {
    assert!(CASES.len() >= 48);
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|&(query, lang, expected)| check(query, lang, expected))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} searches missed:\n  {}",
        failures.len(),
        CASES.len(),
        failures.join("\n  ")
    );
}

#[test]
fn both_languages_are_in_the_test_set() {
    for lang in Lang::ALL {
        let n = CASES.iter().filter(|c| c.1 == Some(lang)).count();
        assert!(n >= 20, "only {n} cases in {}", lang.code());
    }
}

#[test]
fn every_article_is_indexed_and_the_build_is_fast() {
    let start = Instant::now();
    let index = Index::build().unwrap();
    let took = start.elapsed();
    assert_eq!(index.len(), backcare_content::articles::all().len());
    // Debug builds are slower; a release build takes a few milliseconds.
    assert!(took.as_secs_f64() < 2.0, "building took {took:?}");
}

#[test]
fn filters_by_language_and_topic() {
    let hits = index()
        .search(&Query::new("pain").lang(Lang::Es).limit(100))
        .unwrap();
    // "pain" is not Spanish, but near Spanish words may match; all hits must be Spanish.
    assert!(hits.iter().all(|h| h.lang == Lang::Es));
    let hits = index()
        .search(&Query::new("back pain").topic(Topic::Sleep).limit(100))
        .unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h.topics.contains(&Topic::Sleep)),
        "{hits:?}"
    );
    let both = index()
        .search(&Query::new("dolor pain").limit(100))
        .unwrap();
    assert!(both.iter().any(|h| h.lang == Lang::En));
    assert!(both.iter().any(|h| h.lang == Lang::Es));
}

#[test]
fn results_are_ranked_and_limited() {
    let hits = index()
        .search(&Query::new("back pain").lang(Lang::En).limit(5))
        .unwrap();
    assert_eq!(hits.len(), 5);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let titles: Vec<&Hit> = hits.iter().filter(|h| h.title.is_empty()).collect();
    assert!(titles.is_empty());
}

#[test]
fn exact_words_rank_above_typos() {
    // "disc" is a word of the articles; "disk" is one edit away from it and from "risk".
    let exact = &index()
        .search(&Query::new("sciatica").lang(Lang::En))
        .unwrap()[0];
    let typo = &index()
        .search(&Query::new("sciatca").lang(Lang::En))
        .unwrap()[0];
    assert_eq!(exact.id, typo.id);
    assert!(
        exact.score > typo.score,
        "{} vs {}",
        exact.score,
        typo.score
    );
}

#[test]
fn snippets_highlight_the_words_found() {
    let cases = [
        ("ciatica ejercicios", Lang::Es, "ciática"),
        ("sciatca", Lang::En, "sciatica"),
        ("esteonsis", Lang::Es, "estenosis"),
    ];
    for (query, lang, word) in cases {
        let hits = index().search(&Query::new(query).lang(lang)).unwrap();
        let s = &hits[0].snippet;
        assert!(!s.highlights.is_empty(), "{query}: {s:?}");
        let marked: Vec<String> = s
            .highlights
            .iter()
            .map(|r| s.text[r.clone()].to_lowercase())
            .collect();
        assert!(
            marked.iter().any(|m| m.starts_with(word)),
            "{query}: {marked:?} in {:?}",
            s.text
        );
        let html = s.to_html();
        assert!(html.contains("<b>"), "{html}");
        assert!(s.text.chars().count() <= 200, "{}", s.text);
    }
}

#[test]
fn bad_searches_get_clear_errors() {
    let long = "dolor ".repeat(40);
    let cases: [(Query, &str); 5] = [
        (Query::new(""), "empty"),
        (Query::new("   \n\t"), "empty"),
        (Query::new(long.as_str()), "too long"),
        (Query::new("the and of").lang(Lang::En), "common words"),
        (Query::new("sciatica").limit(0), "between 1 and"),
    ];
    for (query, want) in cases {
        let err = index().search(&query).unwrap_err();
        assert!(err.to_string().contains(want), "{query:?}: {err}");
        assert!(!err.message(Lang::Es).is_empty());
    }
    assert!(long.trim().chars().count() > MAX_QUERY_CHARS);
    assert!(matches!(
        index().search(&Query::new("de la y el").lang(Lang::Es)),
        Err(SearchError::NothingToSearch)
    ));
}

#[test]
fn odd_input_never_panics() {
    let odd = [
        "💥💥💥",
        "a",
        "---",
        "ñ",
        "\u{0}",
        "x".repeat(200).as_str().to_owned().leak(),
        "<script>alert(1)</script>",
        "ÁÉÍÓÚ áéíóú",
        "1234567890",
        "sciatica OR \"disc\" AND -NOT (",
    ];
    for text in odd {
        for lang in [None, Some(Lang::En), Some(Lang::Es)] {
            let mut q = Query::new(text);
            q.lang = lang;
            // Either results or a clear error: never a panic.
            if let Ok(hits) = index().search(&q) {
                for h in hits {
                    let _ = h.snippet.to_html();
                }
            }
        }
    }
}

/// A search run again answers from the kept results, the same as a new search would.
#[test]
fn kept_results_are_the_same_as_a_new_search() {
    for &(text, lang, _) in CASES.iter().take(12) {
        let mut q = Query::new(text).limit(10);
        q.lang = lang;
        let fresh = index().search_uncached(&q).expect("the query runs");
        let first = index().search(&q).expect("the query runs");
        let again = index().search(&q).expect("the query runs");
        let ids = |hits: &[Hit]| hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&fresh), ids(&first), "{text}");
        assert_eq!(first, again, "{text}");
    }
    // A different filter is a different search.
    let en = index()
        .search(&Query::new("sciatica").lang(Lang::En))
        .unwrap();
    let es = index()
        .search(&Query::new("sciatica").lang(Lang::Es))
        .unwrap();
    assert!(en.iter().all(|h| h.lang == Lang::En) && es.iter().all(|h| h.lang == Lang::Es));
}
