//! Interface text in English and Spanish, from Fluent files.
//!
//! All text a person reads on a page comes from the Fluent files in `locales/{en,es}/`
//! (one per area of the app, listed in [`FILES`]), compiled into the binary with
//! `include_str!`. Templates ask for it by key (`ctx.t("home-title")`); unit tests keep
//! the two languages' key sets equal, forbid a key defined in two files, and check that
//! every key a template or handler uses exists. Bidi isolation marks are turned off because the output is HTML.
//!
//! The language of a request is the `lang` cookie (set by the language switch, `/lang/es`),
//! else the best of `Accept-Language`, else English.

use std::sync::LazyLock;

use backcare_core::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// One Fluent file per area of the app: (name, English text, Spanish text).
macro_rules! ftl {
    ($($name:literal),* $(,)?) => {
        &[$((
            $name,
            include_str!(concat!("../../locales/en/", $name, ".ftl")),
            include_str!(concat!("../../locales/es/", $name, ".ftl")),
        )),*]
    };
}

/// The Fluent files: `main` (pages, accounts, intake, result, plan, diary), `care`
/// (reassessment and progress), `clinic` (clinicians, share codes, the access log),
/// `account` (the account page's time zone).
pub const FILES: &[(&str, &str, &str)] = ftl![
    "main",
    "care",
    "clinic",
    "account",
    "two_factor",
    "reminders"
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| [bundle(Lang::En), bundle(Lang::Es)]);

fn bundle(lang: Lang) -> Bundle {
    let tag = lang.code();
    let id = tag.parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (name, source) in sources(lang) {
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(_, errors)| {
            panic!("locales/{tag}/{name}.ftl does not parse: {errors:?}")
        });
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{tag}/{name}.ftl repeats a key: {errors:?}"));
    }
    bundle
}

/// The (name, text) of every Fluent file in `lang`.
fn sources(lang: Lang) -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().map(move |&(name, en, es)| match lang {
        Lang::En => (name, en),
        Lang::Es => (name, es),
    })
}

fn bundle_for(lang: Lang) -> &'static Bundle {
    match lang {
        Lang::En => &BUNDLES[0],
        Lang::Es => &BUNDLES[1],
    }
}

/// The text for `key` in `lang`. A missing key is a bug (the unit tests look for them); it
/// is logged and the key itself is shown rather than failing the page.
pub fn t(lang: Lang, key: &str) -> String {
    format(lang, key, None)
}

/// The text for `key` in `lang` with named arguments, e.g. `[("email", "ann@example.org")]`.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        // Whole numbers written the plain way go in as numbers, so that messages can choose
        // plural forms (`{ $count -> [one] ... *[other] ... }`) and print them unchanged;
        // anything else (a leading zero, a sign, a code) stays text, exactly as given.
        match value.parse::<i64>() {
            Ok(n) if n.to_string() == *value => fluent_args.set(*name, n),
            _ => fluent_args.set(*name, *value),
        }
    }
    format(lang, key, Some(&fluent_args))
}

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle_for(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::error!(key, lang = lang.code(), "missing interface text");
        return key.to_owned();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::error!(
            key,
            lang = lang.code(),
            ?errors,
            "interface text did not format"
        );
    }
    text.into_owned()
}

/// The language for a request: the `lang` cookie if it names one we speak, else the
/// highest-weighted language we speak in `Accept-Language`, else English.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = cookie.and_then(|c| c.parse::<Lang>().ok()) {
        return lang;
    }
    let mut best: Option<(f32, Lang)> = None;
    for item in accept_language.unwrap_or("").split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let primary = tag.split('-').next().unwrap_or("");
        let Ok(lang) = primary.parse::<Lang>() else {
            continue;
        };
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map_or(Lang::En, |(_, lang)| lang)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    #[test]
    fn numbers_choose_plurals_and_other_values_stay_as_given() {
        let one = t_args(
            Lang::En,
            "dashboard-session",
            &[("count", "1"), ("minutes", "5")],
        );
        let many = t_args(
            Lang::En,
            "dashboard-session",
            &[("count", "3"), ("minutes", "12")],
        );
        assert_eq!(
            (one.as_str(), many.as_str()),
            (
                "1 exercise, about 5 minutes",
                "3 exercises, about 12 minutes"
            )
        );
        for kept in ["007", "+1", "1,5", "911"] {
            assert_eq!(
                t_args(Lang::En, "emergency-call", &[("number", kept)]),
                format!("Call {kept}")
            );
        }
    }

    fn file_keys(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    /// Every key of every file in `lang`; a key defined in two files fails.
    fn keys(lang: Lang) -> BTreeSet<String> {
        let mut all = BTreeSet::new();
        for (name, source) in sources(lang) {
            for key in file_keys(source) {
                assert!(
                    all.insert(key.clone()),
                    "{key} is defined again in locales/{}/{name}.ftl",
                    lang.code()
                );
            }
        }
        all
    }

    #[test]
    fn english_and_spanish_have_the_same_keys_in_the_same_files() {
        for &(name, en, es) in FILES {
            let en = file_keys(en);
            let es = file_keys(es);
            let only_en: Vec<_> = en.difference(&es).collect();
            let only_es: Vec<_> = es.difference(&en).collect();
            assert!(
                only_en.is_empty() && only_es.is_empty(),
                "{name}.ftl: missing in es: {only_en:?}; missing in en: {only_es:?}"
            );
        }
        assert_eq!(keys(Lang::En), keys(Lang::Es));
        assert!(keys(Lang::En).len() > 50);
    }

    #[test]
    fn every_file_parses_and_every_message_formats() {
        for lang in Lang::ALL {
            for key in keys(Lang::En) {
                let text = t_args(lang, &key, &[("email", "ann@example.org")]);
                assert_ne!(text, key, "{key} in {}", lang.code());
                assert!(!text.contains('\u{2068}'), "bidi isolation mark in {key}");
            }
        }
    }

    /// Every key a template (`ctx.t("key")`, `ctx.t_email("key")`) or the Rust code (a
    /// literal given to `.t(`, an `error-*` literal, a `*-title`/`*-text` literal) uses
    /// must exist.
    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let known = keys(Lang::En);
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = 0;
        // `src` has a folder per layer, so walk the tree.
        let mut files = Vec::new();
        let mut dirs = vec![root.join("templates"), root.join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        assert!(files.iter().any(|f| f.ends_with("handlers/care.rs")));
        for file in files {
            if file.ends_with("i18n.rs") {
                continue; // this file only talks about keys
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let mut candidates: Vec<&str> = Vec::new();
            for marker in [".t(\"", ".t_email(\""] {
                candidates.extend(
                    text.split(marker)
                        .skip(1)
                        .map(|p| p.split('"').next().unwrap()),
                );
            }
            if file.extension().is_some_and(|e| e == "rs") {
                candidates.extend(text.split('"').skip(1).step_by(2).filter(|lit| {
                    !lit.contains(' ')
                        && (lit.starts_with("error-")
                            || lit.ends_with("-title")
                            || lit.ends_with("-text"))
                }));
            }
            for key in candidates {
                if key.is_empty() || key.contains(['{', ' ', '\\']) {
                    continue;
                }
                used += 1;
                assert!(
                    known.contains(key),
                    "{}: unknown key {key:?}",
                    file.display()
                );
            }
        }
        assert!(used > 60, "found only {used} uses");
    }

    /// Facts carry over: every number in an English message (an emergency phone number,
    /// a limit, a number of weeks) is in its Spanish message too, in the same order.
    #[test]
    fn every_message_has_the_same_numbers_in_both_languages() {
        fn numbers(text: &str) -> Vec<&str> {
            text.split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .collect()
        }
        let mut differ = Vec::new();
        for key in keys(Lang::En) {
            let (en, es) = (t(Lang::En, &key), t(Lang::Es, &key));
            if numbers(&en) != numbers(&es) {
                differ.push(format!("{key}: {en:?} / {es:?}"));
            }
        }
        assert!(differ.is_empty(), "{differ:#?}");
    }

    #[test]
    fn the_cookie_wins_then_accept_language_then_english() {
        assert_eq!(negotiate(Some("es"), Some("en")), Lang::Es);
        assert_eq!(negotiate(Some("xx"), Some("es-MX,es;q=0.9")), Lang::Es);
        assert_eq!(negotiate(None, Some("fr-FR,es;q=0.5,en;q=0.8")), Lang::En);
        assert_eq!(negotiate(None, Some("fr, de")), Lang::En);
        assert_eq!(negotiate(None, Some("es;q=0")), Lang::En);
        assert_eq!(negotiate(None, None), Lang::En);
    }

    #[test]
    fn arguments_are_filled_in() {
        assert_eq!(
            t_args(Lang::Es, "dashboard-lead", &[("email", "a@b.org")]),
            "Hola, a@b.org."
        );
    }
}
