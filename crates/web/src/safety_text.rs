//! Every message of the web's Fluent files, checked against the triage rule table: no
//! page text may give a warning sign less urgency than the engine gives it
//! (`backcare_core::triage::safety_net::check`).

use backcare_core::Lang;
use backcare_core::triage::safety_net::check_text;

use crate::i18n::{FILES, t};

/// The message keys of one Fluent file (top-level `key = ...` lines).
fn keys(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim()))
}

fn problems(lang: Lang, messages: &[(&str, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (key, text) in messages {
        for f in check_text(lang, text) {
            out.push(format!("{key} ({}): {f}", lang.code()));
        }
    }
    out
}

#[test]
fn every_message_follows_the_engine() {
    let mut found = Vec::new();
    let mut checked = 0;
    for &(name, en, _) in FILES {
        for lang in Lang::ALL {
            let messages: Vec<(&str, String)> = keys(en).map(|key| (key, t(lang, key))).collect();
            checked += messages.len();
            found.extend(
                problems(lang, &messages)
                    .into_iter()
                    .map(|p| format!("{name}.ftl {p}")),
            );
        }
    }
    assert!(checked > 100, "only {checked} messages read");
    assert!(
        found.is_empty(),
        "{} message(s) give a warning sign too little urgency:\n  {}",
        found.len(),
        found.join("\n  ")
    );
}

#[test]
fn a_wrong_message_is_reported() {
    for (lang, text) in [
        (
            Lang::En,
            "If you have chest pain, book an appointment soon.",
        ),
        (Lang::Es, "Si tiene dolor en el pecho, pida cita pronto."),
    ] {
        let found = problems(lang, &[("wrong", text.to_owned())]);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
