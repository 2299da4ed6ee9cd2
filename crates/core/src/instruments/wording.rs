//! An organisation's licensed wording, loaded at run time in place of backcare's prompts.
//!
//! The core reads no files: the binary reads the file and parses it with
//! `serde_json::from_str::<Wording>`, then calls [`Wording::validate`]. The format is
//! documented in `docs/instruments.md`; `wording.example.json` beside this file is a template with
//! placeholder text only.
//!
//! ```json
//! {
//!   "start_back": {
//!     "en": { "notice": "...", "instructions": "...", "leg_pain": "...", "leg_pain.true": "..." },
//!     "es": { }
//!   },
//!   "odi": { "en": { "pain_intensity": "...", "pain_intensity.0": "..." } },
//!   "rmdq": { "en": { "1": "..." } }
//! }
//! ```
//!
//! Keys are an item key (the prompt), `item.value` (a choice label), `notice` (the licence
//! line shown with the items) or `instructions`. Anything missing falls back to backcare's own
//! text, so a file may cover one instrument or one language only.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Instrument;
use super::prompts::{self, Choice, Item, items};
use crate::lang::Lang;

/// Licensed text for the three instruments, by instrument and language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// STarT Back text.
    #[serde(default)]
    pub start_back: InstrumentWording,
    /// Oswestry text.
    #[serde(default)]
    pub odi: InstrumentWording,
    /// Roland-Morris text.
    #[serde(default)]
    pub rmdq: InstrumentWording,
}

/// One instrument's licensed text: key to text, per language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentWording {
    /// English.
    #[serde(default)]
    pub en: BTreeMap<String, String>,
    /// Spanish.
    #[serde(default)]
    pub es: BTreeMap<String, String>,
}

impl InstrumentWording {
    /// The texts for `lang`.
    pub fn lang(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

/// Keys that are not items.
const RESERVED: [&str; 2] = ["notice", "instructions"];

/// Problems found by [`Wording::validate`]; each names the key as `instrument.lang.key`.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct WordingError {
    /// Keys that match no item, choice, `notice` or `instructions`.
    pub unknown_keys: Vec<String>,
    /// Keys whose text is empty.
    pub empty: Vec<String>,
}

impl std::fmt::Display for WordingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if !self.unknown_keys.is_empty() {
            parts.push(format!(
                "unknown key {}: a key must be an item (such as \"leg_pain\", \"pain_intensity\" or \"7\"), an item and answer (such as \"pain_intensity.3\" or \"leg_pain.true\"), \"notice\" or \"instructions\"",
                self.unknown_keys.join(", ")
            ));
        }
        if !self.empty.is_empty() {
            parts.push(format!("empty text for {}", self.empty.join(", ")));
        }
        f.write_str(&parts.join("; "))
    }
}

impl Wording {
    /// The text given for one instrument.
    pub fn instrument(&self, instrument: Instrument) -> &InstrumentWording {
        match instrument {
            Instrument::StartBack => &self.start_back,
            Instrument::Odi => &self.odi,
            Instrument::Rmdq => &self.rmdq,
        }
    }

    /// The licensed text for `key`, when the file gives a non-empty one.
    pub fn text(&self, instrument: Instrument, lang: Lang, key: &str) -> Option<&str> {
        self.instrument(instrument)
            .lang(lang)
            .get(key)
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// The item's prompt: the licensed text if given, else backcare's own.
    pub fn prompt<'a>(&'a self, item: &Item, lang: Lang) -> &'a str {
        self.text(item.instrument, lang, item.key)
            .unwrap_or(item.prompt.get(lang))
    }

    /// A choice's label: the licensed text (key `item.value`) if given, else backcare's own.
    pub fn choice<'a>(&'a self, item: &Item, choice: &Choice, lang: Lang) -> &'a str {
        self.text(
            item.instrument,
            lang,
            &format!("{}.{}", item.key, choice.value),
        )
        .unwrap_or(choice.label.get(lang))
    }

    /// The notice shown with the instrument: the file's `notice` (for example the licence
    /// line), else backcare's "these are not the validated wording" notice.
    pub fn notice(&self, instrument: Instrument, lang: Lang) -> &str {
        self.text(instrument, lang, "notice")
            .unwrap_or(prompts::notice(instrument).get(lang))
    }

    /// How to answer: the file's `instructions`, else backcare's own.
    pub fn instructions(&self, instrument: Instrument, lang: Lang) -> &str {
        self.text(instrument, lang, "instructions")
            .unwrap_or(prompts::instructions(instrument).get(lang))
    }

    /// True when the file gives text for at least one item or choice of `instrument` in `lang`.
    pub fn covers(&self, instrument: Instrument, lang: Lang) -> bool {
        self.instrument(instrument)
            .lang(lang)
            .keys()
            .any(|k| !RESERVED.contains(&k.as_str()))
    }

    /// Checks that every key names an item, a choice, `notice` or `instructions`, and that
    /// no text is empty.
    pub fn validate(&self) -> Result<(), WordingError> {
        let mut err = WordingError::default();
        for instrument in Instrument::ALL {
            for lang in Lang::ALL {
                for (key, text) in self.instrument(instrument).lang(lang) {
                    let path = format!("{}.{}.{key}", instrument.id(), lang.code());
                    if !is_known_key(instrument, key) {
                        err.unknown_keys.push(path);
                    } else if text.trim().is_empty() {
                        err.empty.push(path);
                    }
                }
            }
        }
        if err.unknown_keys.is_empty() && err.empty.is_empty() {
            Ok(())
        } else {
            Err(err)
        }
    }
}

fn is_known_key(instrument: Instrument, key: &str) -> bool {
    RESERVED.contains(&key)
        || items(instrument).iter().any(|item| {
            key == item.key
                || key
                    .strip_prefix(item.key)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|value| item.choices.iter().any(|c| c.value == value))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruments::prompts::item;

    fn parse(json: &str) -> Result<Wording, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn falls_back_to_our_text() {
        let w = Wording::default();
        assert_eq!(w.validate(), Ok(()));
        for instrument in Instrument::ALL {
            for lang in Lang::ALL {
                assert_eq!(
                    w.notice(instrument, lang),
                    prompts::notice(instrument).get(lang)
                );
                assert!(!w.covers(instrument, lang));
                for item in items(instrument) {
                    assert_eq!(w.prompt(item, lang), item.prompt.get(lang));
                    for c in item.choices {
                        assert_eq!(w.choice(item, c, lang), c.label.get(lang));
                    }
                }
            }
        }
    }

    #[test]
    fn overrides_by_key_and_language() {
        let w = parse(
            r#"{
                "odi": {"en": {"pain_intensity": "<licensed section 1>", "pain_intensity.3": "<licensed 3>",
                               "notice": "<licence line>", "sitting": "   "}},
                "rmdq": {"es": {"7": "<texto con licencia 7>"}}
            }"#,
        )
        .unwrap();
        let pain = item(Instrument::Odi, "pain_intensity").unwrap();
        assert_eq!(w.prompt(pain, Lang::En), "<licensed section 1>");
        assert_eq!(w.prompt(pain, Lang::Es), pain.prompt.es);
        assert_eq!(w.choice(pain, &pain.choices[3], Lang::En), "<licensed 3>");
        assert_eq!(
            w.choice(pain, &pain.choices[2], Lang::En),
            pain.choices[2].label.en
        );
        assert_eq!(w.notice(Instrument::Odi, Lang::En), "<licence line>");
        assert_eq!(
            w.notice(Instrument::Odi, Lang::Es),
            prompts::notice(Instrument::Odi).es
        );
        // Blank text falls back, and validate() reports it.
        let sitting = item(Instrument::Odi, "sitting").unwrap();
        assert_eq!(w.prompt(sitting, Lang::En), sitting.prompt.en);
        assert_eq!(
            w.validate(),
            Err(WordingError {
                unknown_keys: vec![],
                empty: vec!["odi.en.sitting".into()]
            })
        );
        let seven = item(Instrument::Rmdq, "7").unwrap();
        assert_eq!(w.prompt(seven, Lang::Es), "<texto con licencia 7>");
        assert!(w.covers(Instrument::Rmdq, Lang::Es));
        assert!(!w.covers(Instrument::Rmdq, Lang::En));
    }

    #[test]
    fn unknown_keys_are_errors_naming_the_key() {
        let w = parse(
            r#"{"start_back": {"en": {"leg_pain": "ok", "leg_pian": "typo", "leg_pain.maybe": "x",
                                      "bothersomeness.very_much": "ok"}},
                "rmdq": {"en": {"25": "x", "24": "ok", "24.true": "ok"}}}"#,
        )
        .unwrap();
        let err = w.validate().unwrap_err();
        assert_eq!(
            err.unknown_keys,
            [
                "start_back.en.leg_pain.maybe",
                "start_back.en.leg_pian",
                "rmdq.en.25"
            ]
        );
        assert!(err.to_string().starts_with(
            "unknown key start_back.en.leg_pain.maybe, start_back.en.leg_pian, rmdq.en.25:"
        ));
    }

    #[test]
    fn unknown_fields_are_rejected_when_parsing() {
        assert!(parse(r#"{"sbst": {}}"#).is_err());
        assert!(parse(r#"{"odi": {"fr": {}}}"#).is_err());
        assert!(parse(r#"{"odi": {"en": {"pain_intensity": 3}}}"#).is_err());
        assert_eq!(parse("{}").unwrap(), Wording::default());
    }

    #[test]
    fn the_example_file_is_valid_and_has_placeholders_only() {
        let text = include_str!("wording.example.json");
        let w = parse(text).unwrap();
        assert_eq!(w.validate(), Ok(()));
        for instrument in Instrument::ALL {
            for lang in Lang::ALL {
                assert!(w.covers(instrument, lang));
                for (key, value) in w.instrument(instrument).lang(lang) {
                    assert!(
                        value.starts_with('<') && value.ends_with('>'),
                        "{key}: the example must hold placeholders only"
                    );
                }
                for item in items(instrument) {
                    assert!(w.text(instrument, lang, item.key).is_some(), "{}", item.key);
                }
            }
        }
    }
}
