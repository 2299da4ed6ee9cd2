//! The questions a result leaves open, said once.
//!
//! A rule whose deciding answer is "don't know" or missing fires at its `if_unsure` level
//! (see [`super::fire`]), and each such rule gives its own "you were not sure about a
//! question that can point to ..." advice. Several rules share a concern (four cauda
//! equina rules, for example), so listing them one by one repeats the same words four
//! times, which is hard to read in an emergency. [`open`] groups them instead: each
//! concern once, with the short names of the answers that are missing, one safe action
//! (that of the most urgent uncertain rule), whether the missing answers made the result
//! more urgent, and which questions would settle them, so a front end can offer to
//! answer just those.
//!
//! Which question settles which fact is found from the questionnaire itself (an answer
//! that turns the fact from unknown to known), not from a hand-written table, so a new
//! rule or question is covered without a second list to keep in step.

use crate::intake::Intake;
use crate::lang::{Lang, Text, t};
use crate::questions::{self, AnswerValue, Kind, Question};

use super::{Fact, Family, Level, Rule, Triage, Truth, rules};

/// One concern left open, with the answers that are missing for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The possible problem, short (for example "cauda equina syndrome").
    pub concern: String,
    /// Short names of the missing or "don't know" answers, each once.
    pub answers: Vec<String>,
    /// The most urgent level any of its rules gives.
    pub level: Level,
}

/// What the "don't know" and skipped answers leave open, in the intake's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    /// Each concern once, most urgent first.
    pub groups: Vec<Group>,
    /// The most urgent level of the uncertain rules; `None` when nothing is open.
    pub level: Option<Level>,
    /// Whether the result is more urgent than the definite answers alone would make it.
    pub raised: bool,
    /// The questions, in the order asked, that would settle an open answer: asked now,
    /// unanswered or answered "don't know".
    pub questions: Vec<&'static str>,
    /// The grouped list in one line ("Not answered or not sure: bladder, bowel ...").
    pub list: Option<String>,
    /// The single safe action for what is open, when it decides the level; otherwise a
    /// note to tell the clinician (the advice that decides the level is shown already).
    pub advice: Option<String>,
    /// Said at the top of a result when [`Open::raised`].
    pub notice: Option<String>,
}

/// Interface text.
const NOT_ANSWERED: Text = t("Not answered or not sure", "Sin respuesta o no está seguro");
const TO_BE_SAFE: Text = t(
    "We cannot rule these out, so to be safe:",
    "No los podemos descartar, así que por seguridad:",
);
const TELL_CLINICIAN: Text = t(
    "Tell the clinician you see about these, so they can check them.",
    "Hable de ellas con el profesional que le vea, para que lo compruebe.",
);
const RAISED: Text = t(
    "This result is more urgent because some safety questions were skipped or answered \"don't know\". If you can answer them now, the result may change.",
    "Este resultado es más urgente porque algunas preguntas de seguridad no se contestaron o se respondieron \"no lo sé\". Si puede contestarlas ahora, el resultado puede cambiar.",
);

const ASK_AGAIN_YES_NO: Text = t(
    "This question matters for your safety: yes, no or don't know?",
    "Esta pregunta es importante para su seguridad: ¿sí, no o no lo sé?",
);
const ASK_AGAIN_CHOICE: Text = t(
    "This question matters for your safety: please choose an answer. \"Don't know\" is a fine answer where it is offered.",
    "Esta pregunta es importante para su seguridad: elija una respuesta, por favor. \"No lo sé\" es una buena respuesta donde se ofrece.",
);

/// What to say when the safety question `q` is skipped the first time: asked once more,
/// in words that fit its kind of answer.
pub fn ask_again(q: &Question) -> Text {
    match q.kind {
        Kind::YesNo => ASK_AGAIN_YES_NO,
        _ => ASK_AGAIN_CHOICE,
    }
}

/// The notice shown at the top of a result made more urgent by missing answers.
pub fn raised_notice() -> Text {
    RAISED
}

/// Groups the uncertain reasons of `triage` (the result for `intake`).
pub fn open(intake: &Intake, triage: &Triage) -> Open {
    let lang = intake.language;
    let uncertain: Vec<(&Rule, Level)> = triage
        .reasons
        .iter()
        .filter(|r| !r.certain)
        .filter_map(|r| {
            let rule = rules::RULES.iter().find(|rule| rule.id == r.rule_id)?;
            Some((rule, r.level))
        })
        .collect();
    let sure = triage
        .reasons
        .iter()
        .filter(|r| r.certain)
        .map(|r| r.level)
        .max()
        .unwrap_or(Level::SelfCare);
    let level = uncertain.iter().map(|&(_, l)| l).max();
    let mut groups: Vec<Group> = Vec::new();
    let mut unknown: Vec<Fact> = Vec::new();
    for &(rule, level) in &uncertain {
        let mut facts = Vec::new();
        rule.when.facts(intake, &mut facts);
        let facts: Vec<Fact> = facts
            .into_iter()
            .filter(|&(_, tv)| tv == Truth::Unknown)
            .map(|(f, _)| f)
            .collect();
        let concern = concern(rule, lang);
        let at = match groups.iter().position(|g| g.concern == concern) {
            Some(at) => at,
            None => {
                groups.push(Group {
                    concern,
                    answers: Vec::new(),
                    level,
                });
                groups.len() - 1
            }
        };
        let group = &mut groups[at];
        group.level = group.level.max(level);
        for f in &facts {
            let name = short(*f, lang);
            if !group.answers.contains(&name) {
                group.answers.push(name);
            }
            if !unknown.contains(f) {
                unknown.push(*f);
            }
        }
    }
    // Stable: table order within a level.
    groups.sort_by_key(|g| std::cmp::Reverse(g.level));
    let questions = questions::questions()
        .iter()
        .filter(|q| q.applies(intake) && is_open(intake, q))
        .filter(|q| unknown.iter().any(|&f| settles(intake, q, f)))
        .map(|q| q.id)
        .collect();
    let list = (!groups.is_empty()).then(|| {
        let items: Vec<String> = groups
            .iter()
            .map(|g| match g.answers.is_empty() {
                true => g.concern.clone(),
                false => format!("{} ({})", g.answers.join(", "), g.concern),
            })
            .collect();
        format!("{}: {}.", NOT_ANSWERED.get(lang), items.join("; "))
    });
    let raised = level.is_some_and(|l| l > sure) && triage.level > sure;
    Open {
        groups,
        level,
        raised,
        questions,
        list,
        advice: level.map(|l| match l >= triage.level {
            true => format!(
                "{} {}",
                TO_BE_SAFE.get(lang),
                lower_first(l.action().get(lang))
            ),
            false => TELL_CLINICIAN.get(lang).to_owned(),
        }),
        notice: raised.then(|| RAISED.get(lang).to_owned()),
    }
}

/// `text` with a small first letter, to follow a colon.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// Unanswered, or answered "don't know".
fn is_open(intake: &Intake, q: &Question) -> bool {
    match questions::current(intake, q) {
        None => true,
        Some(AnswerValue::Choice(v)) => v == "dont_know",
        Some(_) => false,
    }
}

/// Whether some answer to `q` makes `fact` known for `intake`.
fn settles(intake: &Intake, q: &Question, fact: Fact) -> bool {
    if fact.eval(intake) != Truth::Unknown {
        return false;
    }
    let answers: Vec<AnswerValue> = match q.kind {
        Kind::Number { min, max, .. } => vec![AnswerValue::Number(min), AnswerValue::Number(max)],
        Kind::Multi(choices) => choices
            .iter()
            .map(|c| AnswerValue::Multi(vec![c.value.to_owned()]))
            .collect(),
        Kind::YesNo | Kind::Choice(_) => q
            .kind
            .choices()
            .iter()
            .filter(|c| c.value != "dont_know")
            .map(|c| AnswerValue::choice(c.value))
            .collect(),
    };
    answers.iter().any(|a| {
        let mut tried = intake.clone();
        questions::apply(&mut tried, q, a).is_ok() && fact.eval(&tried) != Truth::Unknown
    })
}

/// The concern of a rule, short: a family name where the family is one concern, the
/// rule's own concern where a family holds several (heart, aorta, kidney, pregnancy).
fn concern(rule: &Rule, lang: Lang) -> String {
    let name = match rule.family {
        Family::CaudaEquina => t("cauda equina syndrome", "síndrome de cola de caballo"),
        Family::Cancer => t("cancer", "cáncer"),
        Family::Infection => t("an infection in the spine", "una infección en la columna"),
        Family::Fracture => t("a broken bone in the spine", "una fractura en la columna"),
        Family::Neurological => t("a squeezed nerve", "un nervio comprimido"),
        Family::Inflammatory => t("inflammatory back pain", "dolor de espalda inflamatorio"),
        Family::NonSpinal | Family::Other => rule.concern,
    };
    name.get(lang).to_owned()
}

/// A fact in a word or two, for the grouped list; the full wording where no short one is
/// written.
fn short(fact: Fact, lang: Lang) -> String {
    use Fact as F;
    let text = match fact {
        F::BladderChange => t("bladder", "vejiga"),
        F::BowelChange => t("bowel", "intestino"),
        F::SaddleNumbness => t(
            "saddle numbness",
            "adormecimiento en la zona de la silla de montar",
        ),
        F::SexualFunctionChange => t("sexual function", "función sexual"),
        F::WalkingDifficulty => t("walking", "caminar"),
        F::WeaknessAny | F::WeaknessWorsening => t("leg weakness", "debilidad en las piernas"),
        F::NumbOrTingling => t("numbness or tingling", "adormecimiento u hormigueo"),
        F::LegSymptomsAny
        | F::LegBelowKnee
        | F::LegSymptomsOneSide
        | F::BilateralLegSymptoms
        | F::AlternatingButtockPain => t("leg symptoms", "síntomas en las piernas"),
        F::Fever => t("fever", "fiebre"),
        F::NightSweats => t("night sweats", "sudores nocturnos"),
        F::WeightLoss => t("weight loss", "pérdida de peso"),
        F::NightPain | F::RestPain | F::WakesSecondHalfOfNight => {
            t("pain at night or at rest", "dolor por la noche o en reposo")
        }
        F::CancerHistory => t("cancer history", "antecedentes de cáncer"),
        F::Osteoporosis => t("thin bones", "huesos frágiles"),
        F::LongTermSteroids => t("steroid tablets", "corticoides"),
        F::Immunosuppression => t("immune system", "defensas"),
        F::InjectedDrugUse => t("injected drugs", "drogas inyectadas"),
        F::RecentSpinalProcedure => t(
            "spinal surgery or injection",
            "operación o inyección en la columna",
        ),
        F::RecentBacterialInfection => t("recent infection", "infección reciente"),
        F::Smoking => t("smoking", "tabaco"),
        F::SmokedBefore => t("smoking in the past", "tabaco en el pasado"),
        F::Hypertension => t("blood pressure", "tensión arterial"),
        F::Diabetes => t("diabetes", "diabetes"),
        F::ChestPain => t("chest pain", "dolor en el pecho"),
        F::Breathlessness => t("breathlessness", "falta de aire"),
        F::Sweating => t("cold sweat", "sudor frío"),
        F::TearingPain => t("tearing pain", "dolor como un desgarro"),
        F::PulsingBellyLump => t("pulsing lump", "bulto que late"),
        F::FeelingFaint => t("feeling faint", "desmayo"),
        F::UrinarySymptoms => t("passing urine", "al orinar"),
        F::ColickySidePain => t("pain in the side", "dolor en el costado"),
        F::SevereBellyPain => t("belly pain", "dolor de barriga"),
        F::Pregnant => t("pregnancy", "embarazo"),
        F::PregnancyBleedingOrFluid => t("bleeding or fluid loss", "sangrado o pérdida de líquido"),
        F::PregnancyTightenings => t("tightenings", "contracciones"),
        F::AgeOver(_) | F::AgeUnder(_) | F::OnsetAgeUnder(_) => t("age", "edad"),
        F::DurationUnderWeeks(_) | F::DurationAtLeastWeeks(_) => {
            t("how long it has hurt", "desde cuándo duele")
        }
        F::OnsetGradual
        | F::OnsetSudden
        | F::OnsetLifting
        | F::OnsetMinorTrauma
        | F::OnsetMajorTrauma => t("how it started", "cómo empezó"),
        F::CourseWorse | F::CourseNotBetter => t("getting worse or better", "si mejora o empeora"),
        F::LowBackPain | F::ThoracicPain | F::UpperBackPain => {
            t("where it hurts", "dónde le duele")
        }
        _ => return fact.describe(lang),
    };
    text.get(lang).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::{Answer, LegSymptoms};
    use crate::triage::triage;

    fn with(lang: Lang, set: impl Fn(&mut Intake)) -> Intake {
        // A complete, simple case: every answer given, nothing urgent.
        let vignette: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/vignettes/070-selfcare-lifting-strain.json"
        ))
        .unwrap();
        let mut i: Intake = serde_json::from_value(vignette["intake"].clone()).unwrap();
        i.language = lang;
        set(&mut i);
        i
    }

    /// Four cauda equina answers unknown; sciatica, so the sexual-function rule applies.
    fn unknown_ces(i: &mut Intake) {
        i.leg_symptoms = Some(LegSymptoms::BelowKneeOneSide);
        i.bladder_change = Answer::NotAnswered;
        i.bowel_change = Answer::DontKnow;
        i.saddle_numbness = Answer::NotAnswered;
        i.sexual_function_change = Answer::DontKnow;
    }

    /// Each row: what is set, the language, words the list must hold, and how many times
    /// a phrase may appear in the list (once).
    #[test]
    fn the_list_names_each_concern_once() {
        type Case = (
            &'static str,
            fn(&mut Intake),
            Lang,
            &'static [&'static str],
            &'static str,
        );
        let cases: &[Case] = &[
            (
                "4 CES unknown, English",
                unknown_ces,
                Lang::En,
                &["bladder", "bowel", "saddle numbness", "sexual function"],
                "cauda equina syndrome",
            ),
            (
                "4 CES unknown, Spanish",
                unknown_ces,
                Lang::Es,
                &["vejiga", "intestino", "función sexual"],
                "síndrome de cola de caballo",
            ),
            (
                "cancer history unknown",
                |i| i.history.cancer = Answer::DontKnow,
                Lang::En,
                &["cancer history"],
                "(cancer)",
            ),
            (
                "CES and cancer unknown",
                |i| {
                    unknown_ces(i);
                    i.history.cancer = Answer::NotAnswered
                },
                Lang::Es,
                &["vejiga", "antecedentes de cáncer"],
                "síndrome de cola de caballo",
            ),
        ];
        for (what, set, lang, words, once) in cases {
            let i = with(*lang, set);
            let o = open(&i, &triage(&i));
            let list = o
                .list
                .clone()
                .unwrap_or_else(|| panic!("{what}: nothing open"));
            for w in *words {
                assert!(list.contains(w), "{what}: {w:?} missing from {list}");
            }
            assert_eq!(
                list.matches(once).count(),
                1,
                "{what}: {once:?} not once in {list}"
            );
        }
    }

    #[test]
    fn nothing_open_when_every_answer_is_given() {
        let i = with(Lang::En, |_| {});
        let o = open(&i, &triage(&i));
        assert_eq!(o.list, None);
        assert_eq!(o.level, None);
        assert!(!o.raised && o.questions.is_empty() && o.notice.is_none());
    }

    /// Each row: what is unknown, whether the result is raised by it, the questions that
    /// would settle it.
    #[test]
    fn raised_and_the_questions_to_answer() {
        type Case = (&'static str, fn(&mut Intake), bool, &'static [&'static str]);
        let cases: &[Case] = &[
            (
                "CES unknown, nothing else",
                unknown_ces,
                true,
                &[
                    "bladder_change",
                    "bowel_change",
                    "saddle_numbness",
                    "sexual_function_change",
                ],
            ),
            (
                "cancer unknown",
                |i| i.history.cancer = Answer::NotAnswered,
                true,
                &["history.cancer"],
            ),
            // A definite emergency is not raised by the open questions beside it.
            (
                "chest pain yes, cancer unknown",
                |i| {
                    i.other_symptoms.chest_pain = Answer::Yes;
                    i.history.cancer = Answer::DontKnow
                },
                false,
                &["history.cancer"],
            ),
        ];
        for (what, set, raised, ids) in cases {
            let i = with(Lang::En, set);
            let t = triage(&i);
            let o = open(&i, &t);
            assert_eq!(o.raised, *raised, "{what}: {o:?}");
            assert_eq!(o.notice.is_some(), *raised, "{what}");
            assert_eq!(o.questions, *ids, "{what}");
            // The safe action of the open level where it decides the result; else a
            // note for the clinician.
            let advice = o.advice.clone().unwrap_or_default();
            let safe = format!(
                "{} {}",
                TO_BE_SAFE.en,
                lower_first(o.level.unwrap().action().en)
            );
            let want = if *raised {
                safe.as_str()
            } else {
                TELL_CLINICIAN.en
            };
            assert_eq!(advice, want, "{what}");
        }
    }

    /// The words asking once more fit the kind of answer: a yes/no question is offered
    /// yes, no or don't know; a choice question is asked to choose.
    #[test]
    fn ask_again_fits_the_question() {
        for q in questions::questions().iter().filter(|q| q.is_safety()) {
            let text = ask_again(q);
            assert_eq!(
                text.en.contains("yes, no or don't know"),
                q.kind == Kind::YesNo,
                "{}",
                q.id
            );
            assert_ne!(text.en, text.es, "{}", q.id);
        }
    }
}
