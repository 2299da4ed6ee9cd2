//! The safety-text checker: finds every sentence that files a warning sign under a lower
//! urgency than the engine gives it.
//!
//! A sentence's urgency comes from its own words ("call your emergency number", "today",
//! "within two weeks"...). A sentence without such words inherits the urgency of the list
//! intro it belongs to ("See a doctor soon if you have:") or of its section heading. A
//! sentence that gives no advice at all (an explanation that mentions a fever) is not
//! advice and is not checked. The patterns are deliberately wide: a false alarm costs a
//! reviewer a minute, a missed one can send a person with chest pain to book an
//! appointment.

use super::{SIGNS, Sign};
use crate::lang::Lang;
use crate::triage::Level;

/// A piece of text as a reader meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A heading: its urgency applies to the section below it.
    Heading(String),
    /// A paragraph: its last urgency applies to a list right after it.
    Paragraph(String),
    /// A list item.
    Item(String),
}

/// A sentence that gives a sign less urgency than the engine does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The sign's id in [`SIGNS`].
    pub sign: &'static str,
    /// The engine's level for the sign.
    pub engine: Level,
    /// The level the sentence gives it.
    pub given: Level,
    /// The sentence.
    pub sentence: String,
}

/// How every safety-text test reports a finding, so the reports read alike.
impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is {} in the engine but {} here: {:?}",
            self.sign,
            self.engine.id(),
            self.given.id(),
            self.sentence
        )
    }
}

/// Words that send a person to emergency care.
const EMERGENCY_EN: &[&str] = &[
    "emergency",
    "ambulance",
    "a&e",
    "999",
    "112",
    "911",
    "labour ward",
    "maternity unit",
    "within hours",
];
const EMERGENCY_ES: &[&str] = &[
    "urgencias",
    "emergencia*",
    "ambulancia",
    "112",
    "999",
    "911",
    "paritorio",
    "maternidad",
    "en pocas horas",
];
/// Words that name when: today, or within weeks.
const TODAY_EN: &[&str] = &["today", "same day", "this evening"];
const TODAY_ES: &[&str] = &["hoy", "en el dia", "mismo dia"];
const SOON_EN: &[&str] = &[
    "soon",
    "sooner",
    "two weeks",
    "a week or two",
    "book*",
    "appointment",
];
const SOON_ES: &[&str] = &[
    "pronto",
    "dos semanas",
    "semana o dos",
    "pida cita",
    "cita",
    "proximas semanas",
    "vaya antes",
    "acuda antes",
];
/// "Straight away" without a place: hurried, but not an emergency department.
const QUICK_EN: &[&str] = &[
    "straight away",
    "right away",
    "at once",
    "immediately",
    "urgent",
    "urgently",
    "quickly",
    "without delay",
    "as soon as possible",
    "get help now",
];
const QUICK_ES: &[&str] = &[
    "de inmediato",
    "inmediatamente",
    "enseguida",
    "en seguida",
    "ahora mismo",
    "urgente",
    "con urgencia",
    "cuanto antes",
    "sin demora",
    "con rapidez",
    "rapidamente",
];
/// Advice that names no time at all: at best "soon".
const VAGUE_EN: &[&str] = &[
    "see a doctor",
    "see your doctor",
    "see a gp",
    "see your gp",
    "talk to your doctor",
    "tell a doctor",
    "tell your doctor",
    "contact a doctor",
    "call your doctor",
    "get help",
    "get checked",
    "get it checked",
    "seek help",
    "medical help",
];
const VAGUE_ES: &[&str] = &[
    "consulte*",
    "vea a un medico",
    "vea a su medico",
    "hable con su medico",
    "digaselo a un medico",
    "pida ayuda",
    "busque ayuda",
    "acuda al medico",
    "acuda a su medico",
    "acuda a un medico",
    "vaya al medico",
    "vaya a un medico",
    "vaya a su medico",
    "llame a su medico",
    "contacte con un medico",
    "contacte con su medico",
    "ayuda medica",
];

/// Lowercase, accents removed, punctuation turned into spaces (keeping `&` and `'`),
/// padded with a space at each end so that terms match whole words.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            '’' => '\'',
            c => c,
        };
        if c.is_alphanumeric() || c == '&' || c == '\'' {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

/// Whether normalised `text` contains `term` as whole words (`term*`: as a word start).
fn has(text: &str, term: &str) -> bool {
    match term.strip_suffix('*') {
        Some(stem) => text.contains(&format!(" {stem}")),
        None => text.contains(&format!(" {term} ")),
    }
}

fn any(text: &str, terms: &[&str]) -> bool {
    terms.iter().any(|t| has(text, t))
}

/// Whether normalised `text` names `sign` in `lang`. A group of terms that all start
/// with `!` matches when none of them is present ("both legs" but not "for months").
pub(crate) fn names(sign: &Sign, lang: Lang, text: &str) -> bool {
    let text = without_negated(text);
    sign.words(lang).iter().any(|pattern| {
        pattern.iter().all(|group| {
            let negated: Vec<&str> = group.iter().filter_map(|t| t.strip_prefix('!')).collect();
            if negated.is_empty() {
                any(&text, group)
            } else {
                !any(&text, &negated)
            }
        })
    })
}

/// Drops the word after "no", "without" or "sin" (and an article or verb between), so
/// "even with no fever" or "aunque no tenga fiebre" does not name a fever.
fn without_negated(text: &str) -> String {
    const NEGATORS: &[&str] = &["no", "without", "sin", "never", "nunca"];
    const FILLERS: &[&str] = &[
        "a", "an", "any", "un", "una", "tenga", "tiene", "hay", "haya", "have", "has",
    ];
    let mut out = String::with_capacity(text.len());
    out.push(' ');
    let mut drop = false;
    for word in text.split_whitespace() {
        if NEGATORS.contains(&word) {
            drop = true;
            continue;
        }
        if drop && FILLERS.contains(&word) {
            continue;
        }
        if std::mem::take(&mut drop) {
            continue;
        }
        out.push_str(word);
        out.push(' ');
    }
    out
}

/// The urgency a sentence gives by its own words, if any. With several, the least
/// urgent counts ("see a doctor today; if you cannot, go to an emergency department"
/// promises only today).
pub(crate) fn urgency(lang: Lang, sentence: &str) -> Option<Level> {
    let text = normalise(sentence);
    let (emergency, today, soon, quick, vague) = match lang {
        Lang::En => (EMERGENCY_EN, TODAY_EN, SOON_EN, QUICK_EN, VAGUE_EN),
        Lang::Es => (EMERGENCY_ES, TODAY_ES, SOON_ES, QUICK_ES, VAGUE_ES),
    };
    let named = [
        (soon, Level::Soon),
        (today, Level::Urgent),
        (emergency, Level::Emergency),
    ]
    .into_iter()
    .find(|(terms, _)| any(&text, terms))
    .map(|(_, level)| level);
    named
        .or_else(|| any(&text, quick).then_some(Level::Urgent))
        .or_else(|| any(&text, vague).then_some(Level::Soon))
}

/// Splits text into sentences at `.`, `!` or `?` followed by a space, except after
/// a short capitalised abbreviation ("EE. UU.").
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = bytes.get(i + 1).copied();
        if next.is_some_and(|b| b != b' ' && b != b'\n') {
            continue;
        }
        let word = text[start..i]
            .rsplit(|ch: char| !ch.is_alphabetic())
            .next()
            .unwrap_or("");
        if c == '.'
            && (1..=2).contains(&word.chars().count())
            && word.chars().all(char::is_uppercase)
        {
            continue;
        }
        let s = text[start..=i].trim();
        if !s.is_empty() {
            out.push(s);
        }
        start = i + 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Reads lightly formatted text (Markdown, or the plain text of an article) into units:
/// `#` lines are headings, `- `, `* `, `• ` or `1. ` lines start items, other lines join
/// the paragraph or item above until a blank line.
pub fn units_of(text: &str) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        if let Some(h) = line.strip_prefix('#') {
            units.push(Unit::Heading(h.trim_start_matches('#').trim().to_owned()));
            open = false;
            continue;
        }
        let numbered = line
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            .map(|(_, rest)| rest);
        let item = ["- ", "* ", "• "]
            .iter()
            .find_map(|m| line.strip_prefix(m))
            .or(numbered);
        if let Some(item) = item {
            units.push(Unit::Item(item.trim().to_owned()));
            open = true;
            continue;
        }
        match units.last_mut() {
            Some(Unit::Paragraph(p) | Unit::Item(p)) if open => {
                p.push(' ');
                p.push_str(line);
            }
            _ => units.push(Unit::Paragraph(line.to_owned())),
        }
        open = true;
    }
    units
}

/// Every sentence of `units` that gives a sign less urgency than the engine.
pub fn check(lang: Lang, units: &[Unit]) -> Vec<Finding> {
    let signs: Vec<(&Sign, Level)> = SIGNS.iter().map(|s| (s, s.level())).collect();
    let mut findings = Vec::new();
    let mut heading: Option<Level> = None;
    let mut intro: Option<Level> = None;
    let mut inspect = |sentence: &str, given: Option<Level>| {
        let Some(given) = given else { return };
        let text = normalise(sentence);
        for (sign, engine) in &signs {
            if *engine > given && names(sign, lang, &text) {
                findings.push(Finding {
                    sign: sign.id,
                    engine: *engine,
                    given,
                    sentence: sentence.to_owned(),
                });
            }
        }
    };
    for unit in units {
        match unit {
            Unit::Heading(text) => {
                heading = urgency(lang, text);
                intro = None;
                inspect(text, heading);
            }
            Unit::Paragraph(text) => {
                intro = None;
                for sentence in sentences(text) {
                    let own = urgency(lang, sentence);
                    intro = own.or(intro);
                    inspect(sentence, own.or(heading));
                }
                intro = intro.or(heading);
            }
            Unit::Item(text) => {
                for sentence in sentences(text) {
                    inspect(sentence, urgency(lang, sentence).or(intro).or(heading));
                }
            }
        }
    }
    findings
}

/// The ids of the signs in [`SIGNS`] that some sentence of `text` names, in table order,
/// whatever urgency it gives them: a page that must cover every sign is checked with it.
pub fn signs_named(lang: Lang, text: &str) -> Vec<&'static str> {
    let texts: Vec<String> = units_of(text)
        .iter()
        .flat_map(|unit| {
            let (Unit::Heading(t) | Unit::Paragraph(t) | Unit::Item(t)) = unit;
            sentences(t).into_iter().map(normalise).collect::<Vec<_>>()
        })
        .collect();
    SIGNS
        .iter()
        .filter(|sign| texts.iter().any(|t| names(sign, lang, t)))
        .map(|sign| sign.id)
        .collect()
}

/// [`check`] on lightly formatted text (see [`units_of`]).
pub fn check_text(lang: Lang, text: &str) -> Vec<Finding> {
    check(lang, &units_of(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(lang: Lang, text: &str) -> Vec<&'static str> {
        let mut ids: Vec<_> = check_text(lang, text).into_iter().map(|f| f.sign).collect();
        ids.dedup();
        ids
    }

    #[test]
    fn wrong_sentences_are_reported() {
        let cases: &[(Lang, &str, &str)] = &[
            (
                Lang::En,
                "See a doctor soon if you have chest pain.",
                "chest-pain",
            ),
            (
                Lang::Es,
                "Consulte pronto con un médico si tiene dolor en el pecho.",
                "chest-pain",
            ),
            (
                Lang::En,
                "See a doctor soon if you have a fever, or pain after a big fall or accident.",
                "major-injury",
            ),
            (
                Lang::Es,
                "Consulte pronto si tiene fiebre o dolor después de un golpe fuerte.",
                "major-injury",
            ),
            (
                Lang::En,
                "Get urgent help straight away if you have numbness between your legs.",
                "saddle-numbness",
            ),
            (
                Lang::Es,
                "Pida ayuda urgente si nota adormecimiento entre las piernas.",
                "saddle-numbness",
            ),
            (
                Lang::En,
                "See a doctor soon if:\n\n- you have numbness or weakness in your legs, or trouble with walking, your bladder or your bowels,",
                "bladder-bowel",
            ),
            (
                Lang::Es,
                "Consulte pronto con un médico si:\n\n- tiene problemas nuevos con la vejiga o el intestino",
                "bladder-bowel",
            ),
            (
                Lang::En,
                "## Soon: book a doctor\n\n- Chest pain or pressure",
                "chest-pain",
            ),
            (
                Lang::Es,
                "## Pronto: pida cita\n\n- Fiebre, escalofríos o tiritona",
                "fever",
            ),
            (Lang::En, "Tell a doctor about a fever.", "fever"),
            (Lang::Es, "Consulte con su médico si tiene fiebre.", "fever"),
            (
                Lang::En,
                "See a doctor soon if you have had cancer and the pain is in your upper back.",
                "cancer-with-night-thoracic-or-worse",
            ),
            (
                Lang::Es,
                "Vaya pronto al médico si ha tenido cáncer y le duele la parte alta de la espalda.",
                "cancer-with-night-thoracic-or-worse",
            ),
            (
                Lang::En,
                "See a doctor today if you feel faint.",
                "faint-or-collapse",
            ),
            (
                Lang::Es,
                "Vea a un médico hoy si se siente desmayar.",
                "faint-or-collapse",
            ),
            (
                Lang::En,
                "See a doctor today if you have new trouble walking and pain in both legs.",
                "walking-trouble-both-legs",
            ),
            (
                Lang::Es,
                "Vea a un médico hoy si tiene dificultad para caminar y dolor en las dos piernas.",
                "walking-trouble-both-legs",
            ),
            (
                Lang::En,
                "See a doctor today if you notice less sexual feeling and tingling in a leg.",
                "sexual-change-with-leg-symptoms",
            ),
            (
                Lang::Es,
                "Pida cita si tiene problemas de erección y dolor en una pierna.",
                "sexual-change-with-leg-symptoms",
            ),
            (
                Lang::En,
                "See a doctor today if you are over 50, smoke, and have sudden, severe back pain.",
                "sudden-severe-pain-with-vessel-risk",
            ),
            (
                Lang::En,
                "Book an appointment if you are over 70 and have back pain after a fall.",
                "fall-over-70",
            ),
            (
                Lang::En,
                "See a doctor soon if your wound is red and you have a fever after surgery.",
                "surgical-wound",
            ),
        ];
        for (lang, text, want) in cases {
            assert!(
                ids(*lang, text).contains(want),
                "{text:?} should report {want}: {:?}",
                check_text(*lang, text)
            );
        }
    }

    #[test]
    fn right_sentences_pass() {
        let cases: &[(Lang, &str)] = &[
            (
                Lang::En,
                "Call your emergency number now if you have chest pain.",
            ),
            (
                Lang::Es,
                "Llame a su número de emergencias si tiene dolor en el pecho.",
            ),
            (
                Lang::En,
                "Go to an emergency department straight away if you have numbness between your legs or new bladder problems.",
            ),
            (
                Lang::Es,
                "Acuda ahora mismo a urgencias si nota adormecimiento entre las piernas o problemas nuevos con la vejiga.",
            ),
            (Lang::En, "See a doctor today if you have a fever."),
            (Lang::Es, "Vea a un médico hoy si tiene fiebre."),
            (
                Lang::En,
                "Go to an emergency department now:\n\n- chest pain\n- a big fall or a road crash",
            ),
            (
                Lang::Es,
                "Vaya ahora a urgencias de un hospital:\n\n- dolor en el pecho\n- un accidente de tráfico",
            ),
            (
                Lang::En,
                "These are uncommon, which is why doctors ask about fever, night pain and weight loss.",
            ),
            (
                Lang::En,
                "See a doctor soon if you have lost weight without trying.",
            ),
            (
                Lang::Es,
                "Llame a su número de emergencias (112 en Europa, 911 en EE. UU., 999 en el Reino Unido) si tiene dolor en el pecho.",
            ),
            (
                Lang::En,
                "A red or leaking wound without a fever: call your surgical team or see a doctor today.",
            ),
            (
                Lang::En,
                "See a doctor soon if you have pain in both legs for months that comes on when walking.",
            ),
            (
                Lang::Es,
                "Vea a un médico hoy si nota un cambio nuevo en la función sexual.",
            ),
        ];
        for (lang, text) in cases {
            let found = check_text(*lang, text);
            assert!(found.is_empty(), "{text:?} should pass: {found:#?}");
        }
    }

    #[test]
    fn signs_named_finds_signs_whatever_their_urgency() {
        let named = signs_named(Lang::En, "Book a doctor for chest pain.\n\n- a fever");
        assert_eq!(named, ["chest-pain", "fever"]);
        assert!(signs_named(Lang::Es, "Nada que ver.").is_empty());
    }

    #[test]
    fn sentences_keep_abbreviations() {
        assert_eq!(
            sentences("Llame al 911 en EE. UU. o al 112. No conduzca."),
            ["Llame al 911 en EE. UU. o al 112.", "No conduzca."]
        );
    }

    #[test]
    fn normalising_drops_accents_case_and_punctuation() {
        assert_eq!(
            normalise("Número de EMERGENCIAS, ¡ya!"),
            " numero de emergencias ya "
        );
        assert!(has(" dolor en el pecho ", "pecho"));
        assert!(!has(" pechos ", "pecho"));
        assert!(has(" desmayarse ", "desmay*"));
    }
}
