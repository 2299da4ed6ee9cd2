//! Words people type for back problems, and the words the articles use for them.
//!
//! Each row is (what a person may type, what to search for as well). A row applies when
//! every word of its left side is in the search, after analysis (so plurals, accents and
//! letter case do not matter). The added words count less than the words typed.

use backcare_core::Lang;
use tantivy::tokenizer::TextAnalyzer;

/// English rows.
const EN: &[(&str, &str)] = &[
    ("slipped disc", "herniated disc sciatica"),
    ("slipped disk", "herniated disc sciatica"),
    ("ruptured disc", "herniated disc"),
    ("bulging disc", "herniated disc"),
    ("prolapsed disc", "herniated disc"),
    ("disk", "disc"),
    ("lumbago", "non-specific back pain spasm"),
    ("backache", "back pain"),
    ("trapped nerve", "sciatica nerve root"),
    ("pinched nerve", "sciatica nerve root"),
    ("pregnant", "pregnancy"),
    ("xray", "x-ray"),
    ("mri", "scan"),
    ("physio", "physiotherapy"),
    ("chiropractor", "manual therapy spinal manipulation"),
    ("painkiller", "pain medicines"),
    ("painkillers", "pain medicines"),
    ("ibuprofen", "anti-inflammatory medicines"),
    ("spondylitis", "spondyloarthritis"),
    ("kids", "children"),
    ("elderly", "older adults"),
    ("insomnia", "sleep"),
    ("anxiety", "worry fear mood"),
    ("depression", "mood"),
    ("office", "desk work"),
    // A worry about the heart is a question about warning signs.
    ("heart", "chest red flags emergency"),
    ("heart attack", "chest pain red flags emergency"),
    ("chest", "heart red flags emergency"),
];

/// Spanish rows.
const ES: &[(&str, &str)] = &[
    ("hernia discal", "hernia disco"),
    ("disco desplazado", "hernia disco"),
    ("lumbago", "dolor lumbar inespecífico espasmo"),
    ("lumbalgia", "dolor lumbar"),
    ("nervio pinzado", "ciática raíz nerviosa"),
    ("embarazada", "embarazo"),
    ("rayos", "radiografía"),
    ("resonancia magnética", "resonancia"),
    ("fisio", "fisioterapia"),
    ("quiropráctico", "terapia manual manipulación"),
    ("pastillas", "medicamentos"),
    ("calmantes", "analgésicos medicamentos"),
    ("ibuprofeno", "antiinflamatorios"),
    ("espondilitis", "espondiloartritis"),
    ("ancianos", "personas mayores"),
    ("insomnio", "sueño dormir"),
    ("ansiedad", "miedo preocupación ánimo"),
    ("depresión", "ánimo"),
    ("oficina", "escritorio trabajo"),
    ("contractura", "espasmo muscular"),
    // Una preocupación por el corazón es una pregunta sobre señales de alarma.
    ("corazón", "pecho señales alarma urgencias"),
    ("infarto", "corazón pecho señales alarma urgencias"),
    ("pecho", "corazón señales alarma urgencias"),
];

/// The rows of one language, analyzed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    rows: Vec<(Vec<String>, Vec<String>)>,
}

impl Table {
    /// Analyzes the rows of `lang` with its analyzer.
    pub(crate) fn new(lang: Lang, analyzer: &mut TextAnalyzer) -> Table {
        let rows = match lang {
            Lang::En => EN,
            Lang::Es => ES,
        };
        Table {
            rows: rows
                .iter()
                .map(|(typed, means)| {
                    (crate::terms(analyzer, typed), crate::terms(analyzer, means))
                })
                .filter(|(typed, _)| !typed.is_empty())
                .collect(),
        }
    }

    /// The terms to add for the analyzed search `typed`.
    pub(crate) fn expand(&self, typed: &[String]) -> Vec<String> {
        self.rows
            .iter()
            .filter(|(when, _)| when.iter().all(|w| typed.contains(w)))
            .flat_map(|(_, add)| add.iter().cloned())
            .filter(|t| !typed.contains(t))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_apply_after_analysis() {
        let mut en = crate::analyzer(Lang::En);
        let table = Table::new(Lang::En, &mut en);
        let typed = crate::terms(&mut en, "Slipped Discs");
        let added = table.expand(&typed);
        assert!(added.contains(&"herniat".to_owned()), "{added:?}");
        let mut es = crate::analyzer(Lang::Es);
        let table = Table::new(Lang::Es, &mut es);
        let added = table.expand(&crate::terms(&mut es, "lumbago"));
        assert!(added.contains(&"lumb".to_owned()), "{added:?}");
    }
}
