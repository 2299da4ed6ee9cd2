//! backcare's questionnaires as FHIR R4 Questionnaires, generated from the engine's own
//! definitions: the intake from `backcare_core::questions`, the instruments from
//! `backcare_core::instruments::prompts` (our own wording, never the validated originals)
//! and the pain ratings (NRS) from the intake's pain-score questions.
//!
//! Choices made here, and why:
//! - **One Questionnaire per language** (`start-back-en`, `start-back-es`), each with its
//!   `language`. LHC-Forms renders an item's `text` and does not read the `translation`
//!   extension, so a form with both languages in one resource would show English only.
//!   The linkIds and answer codes are the same in both, so a response to either maps the
//!   same way.
//! - **Answers are inline `answerOption` Codings** in [`crate::ANSWER_SYSTEM`] whose codes are
//!   the engine's own answer values, so the forms render offline (no terminology server)
//!   and a response maps back without a lookup table.
//! - **linkIds** are the intake question ids (`history.cancer`) and `{instrument}.{key}` for
//!   the instruments (`start_back.leg_pain`, `odi.lifting`, `rmdq.7`), unique across all
//!   forms, so one response may mix them.
//! - **Scores are read-only items with an SDC `calculatedExpression`** in FHIRPath, written
//!   to give exactly the engine's result, or no value where the engine gives no score.

use backcare_core::instruments::prompts::{self, Instrument};
use backcare_core::instruments::{OdiAnswers, StartBackAnswers};
use backcare_core::lang::{Lang, Text, t};
use backcare_core::questions::{self, AskIf, Kind, Question, Section};

use crate::types::{
    AnswerOption, AnswerOptionValue, Code, CodeableConcept, Coding, EnableBehavior, EnableWhen,
    EnableWhenAnswer, Expression, Extension, ExtensionValue, Id, ItemType, PublicationStatus,
    Questionnaire, QuestionnaireItem, Tag,
};
use crate::{ANSWER_SYSTEM, BASE, CODE_SYSTEM, LOINC};

/// SDC: a FHIRPath expression whose value is the item's answer.
pub const CALCULATED_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
/// SDC: a FHIRPath expression that decides whether the item is shown.
pub const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";
const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";

/// The version written in every Questionnaire: the crate's, so a changed question changes it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One of backcare's questionnaires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The intake: warning signs first, then the pain, health and pain ratings.
    Intake,
    /// The Keele STarT Back Screening Tool, in backcare's own words.
    StartBack,
    /// The Oswestry Disability Index v2.1a, in backcare's own words.
    Odi,
    /// The Roland-Morris Disability Questionnaire, in backcare's own words.
    Rmdq,
    /// The three 0-10 pain ratings (now, average and worst over the last week).
    Nrs,
}

impl Form {
    /// Every form.
    pub const ALL: [Form; 5] = [
        Form::Intake,
        Form::StartBack,
        Form::Odi,
        Form::Rmdq,
        Form::Nrs,
    ];

    /// The id without language: `intake`, `start-back`, `odi`, `rmdq`, `nrs`.
    pub fn slug(self) -> &'static str {
        match self {
            Form::Intake => "intake",
            Form::StartBack => "start-back",
            Form::Odi => "odi",
            Form::Rmdq => "rmdq",
            Form::Nrs => "nrs",
        }
    }

    /// The Questionnaire's id in one language: `start-back-es`.
    pub fn id(self, lang: Lang) -> Id {
        Id::new(format!("{}-{}", self.slug(), lang.code())).expect("slugs are valid ids")
    }

    /// The canonical URL in one language.
    pub fn url(self, lang: Lang) -> String {
        format!("{BASE}/Questionnaire/{}", self.id(lang))
    }

    /// The form and language a canonical URL names (a `|version` suffix is allowed).
    pub fn from_url(url: &str) -> Option<(Form, Lang)> {
        let url = url.split('|').next().unwrap_or(url);
        Form::ALL.into_iter().find_map(|f| {
            Lang::ALL
                .into_iter()
                .find(|l| f.url(*l) == url)
                .map(|l| (f, l))
        })
    }

    /// The instrument it asks, for the three validated ones.
    pub fn instrument(self) -> Option<Instrument> {
        match self {
            Form::StartBack => Some(Instrument::StartBack),
            Form::Odi => Some(Instrument::Odi),
            Form::Rmdq => Some(Instrument::Rmdq),
            Form::Intake | Form::Nrs => None,
        }
    }

    fn title(self) -> Text {
        match self {
            Form::Intake => t("About your back pain", "Sobre su dolor de espalda"),
            Form::Nrs => t("How much it hurts (0 to 10)", "Cuánto le duele (de 0 a 10)"),
            Form::StartBack | Form::Odi | Form::Rmdq => {
                self.instrument().map_or(t("", ""), Instrument::name)
            }
        }
    }

    fn description(self) -> Text {
        match self {
            Form::Intake => t(
                "backcare's questions about back pain. Warning signs come first. backcare helps you decide what to do next; it does not diagnose.",
                "Las preguntas de backcare sobre el dolor de espalda. Primero van las señales de alarma. backcare le ayuda a decidir qué hacer; no hace diagnósticos.",
            ),
            Form::Nrs => t(
                "Rate your pain from 0 (no pain) to 10 (the worst pain you can imagine): now, on average over the last week, and at its worst over the last week.",
                "Puntúe su dolor de 0 (nada de dolor) a 10 (el peor dolor que pueda imaginar): ahora, de media durante la última semana y en el peor momento de la última semana.",
            ),
            Form::StartBack | Form::Odi | Form::Rmdq => {
                self.instrument().map_or(t("", ""), prompts::instructions)
            }
        }
    }

    /// The code of the whole questionnaire: a LOINC panel where one exists.
    fn code(self) -> Coding {
        match self {
            Form::StartBack => Coding::code(LOINC, "91349-1"),
            Form::Odi => Coding::code(LOINC, "97908-8"),
            // LOINC has no Roland-Morris panel (checked on loinc.org, 2026): our own code.
            Form::Rmdq => Coding::new(
                CODE_SYSTEM,
                "rmdq",
                "Roland-Morris Disability Questionnaire (RMDQ-24)",
            ),
            Form::Intake => Coding::new(CODE_SYSTEM, "intake", "backcare intake"),
            Form::Nrs => Coding::new(
                CODE_SYSTEM,
                "nrs",
                "Pain ratings, 0-10 numeric rating scale",
            ),
        }
    }
}

/// Every form in every language.
pub fn all() -> Vec<Questionnaire> {
    Form::ALL
        .into_iter()
        .flat_map(|f| Lang::ALL.map(|l| questionnaire(f, l)))
        .collect()
}

/// One form as a Questionnaire in one language.
pub fn questionnaire(form: Form, lang: Lang) -> Questionnaire {
    let item = match form {
        Form::Intake => intake_items(lang),
        Form::Nrs => questions::questions()
            .iter()
            .filter(|q| q.section == Section::PainScores)
            .map(|q| question_item(q, lang))
            .collect(),
        Form::StartBack | Form::Odi | Form::Rmdq => {
            instrument_items(form.instrument().expect("an instrument form"), lang)
        }
    };
    let copyright = form
        .instrument()
        .map(|i| prompts::notice(i).get(lang).to_owned());
    Questionnaire {
        resource_type: Tag::new(),
        id: form.id(lang),
        language: Code::new(lang.code()).expect("language codes are valid"),
        extension: Vec::new(),
        url: form.url(lang),
        version: VERSION.to_owned(),
        name: format!("backcare_{}_{}", form.slug().replace('-', "_"), lang.code()),
        title: form.title().get(lang).to_owned(),
        status: PublicationStatus::Active,
        experimental: false,
        subject_type: vec![Code::new("Patient").expect("valid")],
        publisher: "backcare".to_owned(),
        description: form.description().get(lang).to_owned(),
        copyright,
        code: vec![form.code()],
        item,
    }
}

/// The group id of an intake section (`section.warning_signs`).
pub fn section_link_id(section: Section) -> &'static str {
    match section {
        Section::WarningSigns => "section.warning_signs",
        Section::AboutYou => "section.about_you",
        Section::Pain => "section.pain",
        Section::GeneralHealth => "section.general_health",
        Section::History => "section.history",
        Section::OtherSymptoms => "section.other_symptoms",
        Section::PainScores => "section.pain_scores",
    }
}

fn intake_items(lang: Lang) -> Vec<QuestionnaireItem> {
    Section::ALL
        .into_iter()
        .map(|section| {
            let mut group = QuestionnaireItem::new(
                section_link_id(section),
                ItemType::Group,
                section.title().get(lang),
            );
            group.item = questions::questions()
                .iter()
                .filter(|q| q.section == section)
                .map(|q| question_item(q, lang))
                .collect();
            group
        })
        .collect()
}

/// A LOINC code for an intake question, where one exists.
fn question_code(id: &str) -> Option<Coding> {
    // 72514-3: "Pain severity - 0-10 verbal numeric rating [Score] - Reported". LOINC's
    // average and worst pain codes ask about other periods, so those two get none.
    (id == "pain.now").then(|| {
        Coding::new(
            LOINC,
            "72514-3",
            "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        )
    })
}

fn answer_coding(value: &str, label: Text, lang: Lang) -> Coding {
    Coding::new(ANSWER_SYSTEM, value, label.get(lang))
}

fn coded_options(
    choices: impl IntoIterator<Item = (&'static str, Text)>,
    lang: Lang,
) -> Vec<AnswerOption> {
    choices
        .into_iter()
        .map(|(value, label)| AnswerOption {
            extension: Vec::new(),
            value: AnswerOptionValue::Coding(answer_coding(value, label, lang)),
        })
        .collect()
}

fn question_item(q: &Question, lang: Lang) -> QuestionnaireItem {
    let (kind, repeats) = match q.kind {
        Kind::YesNo | Kind::Choice(_) => (ItemType::Choice, None),
        Kind::Multi(_) => (ItemType::Choice, Some(true)),
        Kind::Number { .. } => (ItemType::Integer, None),
    };
    let mut item = QuestionnaireItem::new(q.id, kind, q.prompt.get(lang));
    item.repeats = repeats;
    item.code = question_code(q.id).into_iter().collect();
    item.answer_option = coded_options(q.kind.choices().iter().map(|c| (c.value, c.label)), lang);
    if let Kind::Number { min, max, .. } = q.kind {
        item.extension = vec![
            Extension::new(MIN_VALUE, ExtensionValue::Integer(min)),
            Extension::new(MAX_VALUE, ExtensionValue::Integer(max)),
        ];
    }
    match enable_when(&q.ask_if) {
        Enable::Always => {}
        Enable::When(conditions, behavior) => {
            item.enable_behavior = (conditions.len() > 1).then_some(behavior);
            item.enable_when = conditions;
        }
        Enable::Expression(expression) => item.extension.push(Extension::new(
            ENABLE_WHEN_EXPRESSION,
            ExtensionValue::Expression(Expression {
                language: "text/fhirpath".to_owned(),
                expression,
                description: None,
            }),
        )),
    }
    if let Some(help) = q.help {
        let mut display =
            QuestionnaireItem::new(format!("{}.help", q.id), ItemType::Display, help.get(lang));
        display.extension = vec![Extension::new(
            ITEM_CONTROL,
            ExtensionValue::CodeableConcept(CodeableConcept::new(
                Coding::new(ITEM_CONTROL_SYSTEM, "help", "Help-Button"),
                "Help",
            )),
        )];
        item.item = vec![display];
    }
    item
}

/// How an [`AskIf`] is written in FHIR.
enum Enable {
    Always,
    When(Vec<EnableWhen>, EnableBehavior),
    /// What `enableWhen` cannot say (a mix of "any" and "all"), as SDC FHIRPath.
    Expression(String),
}

fn enable_when(ask: &AskIf) -> Enable {
    let equals = |id: &str, values: &[&str], operator: &str| -> Vec<EnableWhen> {
        values
            .iter()
            .map(|v| EnableWhen {
                question: id.to_owned(),
                operator: operator.to_owned(),
                answer: EnableWhenAnswer::Coding(Coding::code(ANSWER_SYSTEM, v)),
            })
            .collect()
    };
    match ask {
        AskIf::Always => Enable::Always,
        AskIf::Is(id, values) => Enable::When(equals(id, values, "="), EnableBehavior::Any),
        // "Asked unless it is v, and asked when that question is not answered". R4 says
        // `!=` is true when no answer equals the value, which covers "not answered", but
        // renderers differ on unanswered questions, so one value also says so explicitly.
        AskIf::IsNot(id, [value]) => {
            let unanswered = EnableWhen {
                question: (*id).to_owned(),
                operator: "exists".to_owned(),
                answer: EnableWhenAnswer::Boolean(false),
            };
            let mut conditions = vec![unanswered];
            conditions.extend(equals(id, &[*value], "!="));
            Enable::When(conditions, EnableBehavior::Any)
        }
        AskIf::IsNot(id, values) => Enable::When(equals(id, values, "!="), EnableBehavior::All),
        AskIf::Any(conditions) if conditions.iter().all(|c| matches!(c, AskIf::Is(..))) => {
            let all = conditions
                .iter()
                .flat_map(|c| match c {
                    AskIf::Is(id, values) => equals(id, values, "="),
                    _ => Vec::new(),
                })
                .collect();
            Enable::When(all, EnableBehavior::Any)
        }
        AskIf::Any(_) => Enable::Expression(ask_if_fhirpath(ask)),
    }
}

/// An [`AskIf`] as FHIRPath over the response (`%resource`).
fn ask_if_fhirpath(ask: &AskIf) -> String {
    let is = |id: &str, values: &[&str]| {
        let codes = values
            .iter()
            .map(|v| format!("code = '{v}'"))
            .collect::<Vec<_>>()
            .join(" or ");
        format!(
            "%resource.repeat(item).where(linkId = '{id}').answer.value.where({codes}).exists()"
        )
    };
    match ask {
        AskIf::Always => "true".to_owned(),
        AskIf::Is(id, values) => is(id, values),
        AskIf::IsNot(id, values) => format!("{}.not()", is(id, values)),
        AskIf::Any(conditions) => conditions
            .iter()
            .map(|c| format!("({})", ask_if_fhirpath(c)))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

/// The linkId of an instrument item: `start_back.leg_pain`, `rmdq.7`.
pub fn instrument_link_id(instrument: Instrument, key: &str) -> String {
    format!("{}.{key}", instrument.id())
}

/// LOINC codes of the STarT Back items, in item order (91340-0 to 91348-3).
const START_BACK_ITEM_LOINC: [&str; 9] = [
    "91340-0", "91341-8", "91342-6", "91343-4", "91344-2", "91345-9", "91346-7", "91347-5",
    "91348-3",
];

/// A calculated score of an instrument form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreItem {
    /// STarT Back total, items 1-9 (0-9). LOINC 91351-7.
    StartBackTotal,
    /// STarT Back distress subscale, items 5-9 (0-5). LOINC 91350-9.
    StartBackDistress,
    /// ODI percentage (0-100). backcare's code: LOINC 97909-6 is the raw 0-50 score.
    OdiPercent,
    /// RMDQ total (0-24). backcare's code: LOINC has none.
    RmdqTotal,
}

impl ScoreItem {
    /// Every calculated score.
    pub const ALL: [ScoreItem; 4] = [
        ScoreItem::StartBackTotal,
        ScoreItem::StartBackDistress,
        ScoreItem::OdiPercent,
        ScoreItem::RmdqTotal,
    ];

    /// Its instrument.
    pub fn instrument(self) -> Instrument {
        match self {
            ScoreItem::StartBackTotal | ScoreItem::StartBackDistress => Instrument::StartBack,
            ScoreItem::OdiPercent => Instrument::Odi,
            ScoreItem::RmdqTotal => Instrument::Rmdq,
        }
    }

    /// Its linkId.
    pub fn link_id(self) -> &'static str {
        match self {
            ScoreItem::StartBackTotal => "start_back.total",
            ScoreItem::StartBackDistress => "start_back.distress",
            ScoreItem::OdiPercent => "odi.percent",
            ScoreItem::RmdqTotal => "rmdq.total",
        }
    }

    /// Its code: LOINC where LOINC has the same concept on the same scale.
    pub fn coding(self) -> Coding {
        match self {
            ScoreItem::StartBackTotal => Coding::code(LOINC, "91351-7"),
            ScoreItem::StartBackDistress => Coding::code(LOINC, "91350-9"),
            ScoreItem::OdiPercent => Coding::new(
                CODE_SYSTEM,
                "odi-percent",
                "Oswestry Disability Index, percent (0-100)",
            ),
            ScoreItem::RmdqTotal => Coding::new(
                CODE_SYSTEM,
                "rmdq-total",
                "Roland-Morris Disability Questionnaire total (0-24)",
            ),
        }
    }

    fn label(self) -> Text {
        match self {
            ScoreItem::StartBackTotal => t("Total score (0 to 9)", "Puntuación total (de 0 a 9)"),
            ScoreItem::StartBackDistress => t(
                "Worry and mood score (0 to 5)",
                "Puntuación de preocupación y ánimo (de 0 a 5)",
            ),
            ScoreItem::OdiPercent => t("Score (0 to 100%)", "Puntuación (de 0 a 100 %)"),
            ScoreItem::RmdqTotal => t("Score (0 to 24)", "Puntuación (de 0 a 24)"),
        }
    }

    /// The FHIRPath that computes it from the response (`%resource`), giving the engine's
    /// result, or empty where the engine gives no score.
    pub fn expression(self) -> String {
        let answers = |keys: &[&str], instrument: Instrument| {
            let ids = keys
                .iter()
                .map(|k| format!("'{}'", instrument_link_id(instrument, k)))
                .collect::<Vec<_>>()
                .join(" | ");
            format!("%resource.repeat(item).where(linkId in ({ids})).answer.value")
        };
        let sb = Instrument::StartBack;
        let all = answers(&StartBackAnswers::KEYS, sb);
        // Items 1-8 score on "agree"; item 9 only on "very much" or "extremely".
        let point = "code = 'true' or code = 'very_much' or code = 'extremely'";
        match self {
            // Every item must be answered, as the engine requires.
            ScoreItem::StartBackTotal => {
                format!("iif({all}.count() = 9, {all}.where({point}).count())")
            }
            ScoreItem::StartBackDistress => {
                let distress = answers(&StartBackAnswers::KEYS[4..], sb);
                format!("iif({all}.count() = 9, {distress}.where({point}).count())")
            }
            // sum / (5 n) x 100, rounded half up; at most one section missing (n >= 9).
            ScoreItem::OdiPercent => {
                let s = answers(&OdiAnswers::KEYS, Instrument::Odi);
                format!(
                    "iif({s}.count() >= 9, ({s}.select(code.toInteger()).sum() * 20 / {s}.count() + 0.5).floor())"
                )
            }
            ScoreItem::RmdqTotal => {
                let keys: Vec<String> = (1..=24).map(|n: u8| n.to_string()).collect();
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                format!(
                    "{}.where(code = 'true').count()",
                    answers(&keys, Instrument::Rmdq)
                )
            }
        }
    }
}

fn instrument_items(instrument: Instrument, lang: Lang) -> Vec<QuestionnaireItem> {
    let mut items = vec![QuestionnaireItem::new(
        format!("{}.instructions", instrument.id()),
        ItemType::Display,
        prompts::instructions(instrument).get(lang),
    )];
    for (n, item) in prompts::items(instrument).iter().enumerate() {
        let mut q = QuestionnaireItem::new(
            instrument_link_id(instrument, item.key),
            ItemType::Choice,
            item.prompt.get(lang),
        );
        q.prefix = Some(format!("{}.", n + 1));
        // STarT Back scores only when all 9 are answered; ODI allows one section missing;
        // an RMDQ statement left blank means "not true today".
        q.required = (instrument == Instrument::StartBack).then_some(true);
        if instrument == Instrument::StartBack {
            q.code = vec![Coding::code(LOINC, START_BACK_ITEM_LOINC[n])];
        }
        q.answer_option = coded_options(item.choices.iter().map(|c| (c.value, c.label)), lang);
        items.push(q);
    }
    for score in ScoreItem::ALL
        .into_iter()
        .filter(|s| s.instrument() == instrument)
    {
        let mut q =
            QuestionnaireItem::new(score.link_id(), ItemType::Integer, score.label().get(lang));
        q.read_only = Some(true);
        q.code = vec![score.coding()];
        q.extension = vec![Extension::new(
            CALCULATED_EXPRESSION,
            ExtensionValue::Expression(Expression {
                language: "text/fhirpath".to_owned(),
                expression: score.expression(),
                description: None,
            }),
        )];
        items.push(q);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LOINC's mod-10 check digit, to catch a mistyped code.
    fn loinc_ok(code: &str) -> bool {
        let Some((number, check)) = code.split_once('-') else {
            return false;
        };
        let digits: Vec<u32> = number
            .chars()
            .rev()
            .filter_map(|c| c.to_digit(10))
            .collect();
        let odd: String = digits
            .iter()
            .step_by(2)
            .rev()
            .map(|d| d.to_string())
            .collect();
        let even: Vec<u32> = digits.iter().skip(1).step_by(2).copied().collect();
        let doubled = (odd.parse::<u64>().unwrap_or(0) * 2).to_string();
        let sum: u32 =
            even.iter().sum::<u32>() + doubled.chars().filter_map(|c| c.to_digit(10)).sum::<u32>();
        check.parse::<u32>().ok() == Some((10 - sum % 10) % 10)
    }

    fn codings(items: &[QuestionnaireItem], out: &mut Vec<Coding>) {
        for i in items {
            out.extend(i.code.iter().cloned());
            codings(&i.item, out);
        }
    }

    #[test]
    fn every_loinc_code_has_a_valid_check_digit() {
        assert!(loinc_ok("72514-3") && !loinc_ok("72514-4"));
        let mut all = Vec::new();
        for q in all_questionnaires() {
            all.extend(q.code.iter().cloned());
            codings(&q.item, &mut all);
        }
        let loinc: Vec<_> = all
            .iter()
            .filter(|c| c.system.as_deref() == Some(LOINC))
            .collect();
        assert!(loinc.len() > 10);
        for c in loinc {
            assert!(loinc_ok(c.code_str().unwrap()), "{c:?}");
        }
    }

    fn all_questionnaires() -> Vec<Questionnaire> {
        all()
    }

    fn link_ids(items: &[QuestionnaireItem], out: &mut Vec<String>) {
        for i in items {
            out.push(i.link_id.clone());
            link_ids(&i.item, out);
        }
    }

    #[test]
    fn both_languages_have_the_same_items_and_different_text() {
        for form in Form::ALL {
            let (en, es) = (questionnaire(form, Lang::En), questionnaire(form, Lang::Es));
            let (mut a, mut b) = (Vec::new(), Vec::new());
            link_ids(&en.item, &mut a);
            link_ids(&es.item, &mut b);
            assert_eq!(a, b, "{form:?}");
            let mut unique = a.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), a.len(), "{form:?}: duplicate linkIds");
            assert_ne!(en.title, es.title);
            assert_eq!(Form::from_url(&es.url), Some((form, Lang::Es)));
            assert_eq!(en.language.as_str(), "en");
        }
    }

    #[test]
    fn forms_hold_every_question_of_the_engine() {
        let mut ids = Vec::new();
        link_ids(&questionnaire(Form::Intake, Lang::En).item, &mut ids);
        for q in questions::questions() {
            assert!(ids.iter().any(|i| i == q.id), "{}", q.id);
        }
        for instrument in Instrument::ALL {
            let form = Form::ALL
                .into_iter()
                .find(|f| f.instrument() == Some(instrument))
                .unwrap();
            let mut ids = Vec::new();
            link_ids(&questionnaire(form, Lang::Es).item, &mut ids);
            for item in prompts::items(instrument) {
                assert!(ids.contains(&instrument_link_id(instrument, item.key)));
            }
        }
    }

    #[test]
    fn ask_if_maps_to_enable_when() {
        let q = questionnaire(Form::Intake, Lang::En);
        let find = |id: &str| {
            q.item
                .iter()
                .flat_map(|g| &g.item)
                .find(|i| i.link_id == id)
                .unwrap()
                .clone()
        };
        let weeks = find("pregnancy_weeks");
        assert_eq!(weeks.enable_when.len(), 1);
        assert_eq!(weeks.enable_when[0].question, "pregnant");
        assert_eq!(weeks.enable_when[0].operator, "=");
        let pregnant = find("pregnant");
        let ops: Vec<&str> = pregnant
            .enable_when
            .iter()
            .map(|w| w.operator.as_str())
            .collect();
        assert_eq!(ops, ["exists", "!="]);
        assert_eq!(pregnant.enable_behavior, Some(EnableBehavior::Any));
        let areas = find("numbness_areas");
        assert_eq!(areas.enable_when.len(), 2);
        assert_eq!(areas.enable_behavior, Some(EnableBehavior::Any));
        assert_eq!(areas.repeats, Some(true));
        let age = find("age");
        assert_eq!(age.kind, ItemType::Integer);
        assert_eq!(age.extension.len(), 2);
        // A mix `enableWhen` cannot say falls back to FHIRPath.
        let mixed = AskIf::Any(&[
            AskIf::Is("sex", &["male"]),
            AskIf::IsNot("pregnant", &["yes"]),
        ]);
        let Enable::Expression(e) = enable_when(&mixed) else {
            panic!("expected an expression")
        };
        assert!(
            e.contains("linkId = 'pregnant'") && e.contains(".not()"),
            "{e}"
        );
    }

    #[test]
    fn no_validated_wording_only_ours() {
        // Every item text comes from the engine's own prompts.
        for instrument in Instrument::ALL {
            let form = Form::ALL
                .into_iter()
                .find(|f| f.instrument() == Some(instrument))
                .unwrap();
            for lang in Lang::ALL {
                let q = questionnaire(form, lang);
                for item in prompts::items(instrument) {
                    let fhir = q
                        .item
                        .iter()
                        .find(|i| i.link_id == instrument_link_id(instrument, item.key))
                        .unwrap();
                    assert_eq!(fhir.text.as_deref(), Some(item.prompt.get(lang)));
                }
                assert_eq!(
                    q.copyright.as_deref(),
                    Some(prompts::notice(instrument).get(lang))
                );
            }
        }
    }
}
