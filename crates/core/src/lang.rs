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

#[cfg(test)]
mod tests {
    use super::*;

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
