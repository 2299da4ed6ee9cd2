//! Languages and bilingual text.
//!
//! Every sentence a person reads is written in English and Spanish side by side, so
//! a missing translation is a compile error rather than a blank on screen.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A language backcare speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every supported language, in display order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag (`en`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" | "en-gb" | "en-us" => Ok(Lang::En),
            "es" | "spanish" | "español" | "espanol" | "es-es" | "es-mx" => Ok(Lang::Es),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

/// A language code backcare does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: use \"en\" or \"es\"")]
pub struct UnknownLang(pub String);

/// A piece of text in every language backcare speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Spanish.
    pub es: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Es => self.es,
        }
    }

    /// The text in `lang` with each `{key}` replaced by its value; the one template filler
    /// of every crate.
    ///
    /// One pass from left to right, so a value that itself contains `{key}` (a name typed
    /// by a person, say) is never filled again. A `{key}` with no value is left as written,
    /// where a test or a reader sees it, rather than silently dropped.
    pub fn fill<V: std::fmt::Display>(self, lang: Lang, values: &[(&str, V)]) -> String {
        let mut rest = self.get(lang);
        let mut out = String::with_capacity(rest.len());
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let key = &after[..close];
                let (_, v) = values.iter().find(|(k, _)| *k == key)?;
                Some((v, close))
            });
            match value {
                Some((v, close)) => {
                    out.push_str(&v.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Shorthand for building [`Text`] in tables.
pub const fn t(en: &'static str, es: &'static str) -> Text {
    Text { en, es }
}

/// The citations of a source described in both languages: every run of digits and every
/// capitalised code (NICE, NG59, CKS, ASAS...) of the English, in order of appearance. A
/// Spanish description must hold the same (see [`same_citations`]).
#[cfg(test)]
pub(crate) fn citations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if chars[i].is_ascii_digit() {
            // English thousands ("2,224") are one number: Spanish writes it "2224".
            let mut number = String::new();
            loop {
                while i < chars.len() && chars[i].is_ascii_digit() {
                    number.push(chars[i]);
                    i += 1;
                }
                let group = chars.get(i + 1..i + 4).unwrap_or_default();
                let thousands = chars.get(i) == Some(&',')
                    && group.iter().all(char::is_ascii_digit)
                    && group.len() == 3
                    && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
                if !thousands {
                    break;
                }
                i += 1;
            }
            out.push(number);
        } else if chars[i].is_ascii_alphanumeric() {
            while i < chars.len() && chars[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let caps = word.chars().take_while(char::is_ascii_uppercase).count();
            if caps >= 2 {
                out.push(word);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Panics unless the Spanish of a source keeps every citation of the English (numbers and
/// codes, as [`citations`] finds them), so a translation cannot drop or change a reference.
#[cfg(test)]
pub(crate) fn same_citations(what: &str, source: Text) {
    assert!(
        !source.en.is_empty() && !source.es.is_empty(),
        "{what}: empty"
    );
    let es = citations(source.es);
    for c in citations(source.en) {
        assert!(
            es.contains(&c),
            "{what}: {c:?} of {:?} is not in {:?}",
            source.en,
            source.es
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_numbers_and_codes() {
        assert_eq!(
            citations("NICE NG59 1.1.1 (2016, updated 2020); Serlin et al., Pain 1995"),
            ["NICE", "NG59", "1", "1", "1", "2016", "2020", "1995"]
        );
        assert_eq!(citations("2,224 people; 1,23"), ["2224", "1", "23"]);
        same_citations("ok", t("NICE NG59 (2016)", "NICE NG59 (2016, actualizada)"));
        let dropped = std::panic::catch_unwind(|| {
            same_citations("bad", t("NICE NG59 (2016)", "NICE NG59 (2017)"));
        });
        assert!(dropped.is_err(), "a changed year is caught");
    }

    #[test]
    fn fill_replaces_each_key_once() {
        let text = t("{n} of {total}: {n}", "{n} de {total}: {n}");
        assert_eq!(text.fill(Lang::En, &[("n", 2), ("total", 5)]), "2 of 5: 2");
        assert_eq!(text.fill(Lang::Es, &[("n", 2), ("total", 5)]), "2 de 5: 2");
        // A value holding a placeholder is not filled again.
        let name = t("Hello {name}, week {week}", "Hola {name}, semana {week}");
        assert_eq!(
            name.fill(Lang::En, &[("name", "{week}"), ("week", "3")]),
            "Hello {week}, week 3"
        );
        // Unknown keys, lone braces and multi-byte text stay as written.
        let odd = t("{missing} { n} {n}} año {", "");
        assert_eq!(odd.fill(Lang::En, &[("n", "ñ")]), "{missing} { n} ñ} año {");
        let mixed: [(&str, &dyn std::fmt::Display); 2] = [("a", &1.5), ("b", &"x")];
        assert_eq!(t("{a}{b}", "").fill(Lang::En, &mixed), "1.5x");
    }
}
