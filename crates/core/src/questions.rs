//! The intake questionnaire, as data.
//!
//! One definition serves every front end: the terminal (`backcare assess`), a web wizard
//! and a FHIR `Questionnaire` export. Each [`Question`] says what to ask (in English and
//! Spanish), what kind of answer it takes ([`Kind`]), when to ask it ([`AskIf`]) and which
//! field of the [`Intake`] it fills. [`apply`] writes an answer, [`clear`] removes it
//! ("not answered") and [`current`] reads it back, so a front end can go back and show the
//! earlier answer.
//!
//! The order matters: warning signs of an emergency come first, so a front end that runs
//! [`crate::assess`] after every answer can stop at once and send the person for help.
//!
//! Answers use the same values as the JSON intake format (`docs/intake.md`): yes/no
//! questions take `"yes"`, `"no"` or `"dont_know"`; choice questions take the snake_case
//! name of the option (for example `"below_knee_one_side"`). Two questions use friendly
//! buckets instead of exact numbers: how long ago the pain started (mapped to weeks) and
//! morning stiffness (mapped to minutes).
//!
//! The validated instruments (STarT Back, ODI, RMDQ) are not here; see
//! `instruments::prompts`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::intake::{
    Age, Answer, Course, Days, Effect, Intake, LegSymptoms, Minutes, Nrs, NumbArea, Onset,
    OutOfRange, PainArea, PregnancyWeeks, Sex, Side, Weakness, Weeks,
};
use crate::lang::{Text, t};
use crate::triage::{Cond, Family};

/// The part of the questionnaire a question belongs to, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Warning signs of an emergency, asked first.
    WarningSigns,
    /// Age, sex and pregnancy.
    AboutYou,
    /// Where the pain is, how it started and whether it spreads.
    Pain,
    /// Fever, weight loss, night pain, stiffness and what changes the pain.
    GeneralHealth,
    /// Past and present health conditions.
    History,
    /// Symptoms from outside the spine not asked earlier.
    OtherSymptoms,
    /// Pain ratings, 0 to 10.
    PainScores,
}

impl Section {
    /// Every section, in the order asked.
    pub const ALL: [Section; 7] = [
        Section::WarningSigns,
        Section::AboutYou,
        Section::Pain,
        Section::GeneralHealth,
        Section::History,
        Section::OtherSymptoms,
        Section::PainScores,
    ];

    /// A short heading for the section.
    pub fn title(self) -> Text {
        match self {
            Section::WarningSigns => t("Warning signs", "Señales de alarma"),
            Section::AboutYou => t("About you", "Sobre usted"),
            Section::Pain => t("Your pain", "Su dolor"),
            Section::GeneralHealth => t("Your general health", "Su salud en general"),
            Section::History => t("Your health history", "Sus antecedentes de salud"),
            Section::OtherSymptoms => t("Other symptoms", "Otros síntomas"),
            Section::PainScores => t("How much it hurts", "Cuánto le duele"),
        }
    }
}

/// One option of a choice question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The value stored in answers and in the JSON intake (snake_case).
    pub value: &'static str,
    /// What the person reads.
    pub label: Text,
}

/// The kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Yes, no or don't know ([`YES_NO`]).
    YesNo,
    /// Exactly one of these choices.
    Choice(&'static [Choice]),
    /// Any number of these choices (none chosen = not answered).
    Multi(&'static [Choice]),
    /// A whole number from `min` to `max`, inclusive.
    Number {
        /// The smallest valid answer.
        min: i64,
        /// The largest valid answer.
        max: i64,
        /// The unit, for example "years".
        unit: Text,
    },
}

impl Kind {
    /// The options to offer: [`YES_NO`] for yes/no questions, none for numbers.
    pub fn choices(&self) -> &'static [Choice] {
        match self {
            Kind::YesNo => YES_NO,
            Kind::Choice(c) | Kind::Multi(c) => c,
            Kind::Number { .. } => &[],
        }
    }
}

/// The options of every yes/no question. "Don't know" is always offered.
pub const YES_NO: &[Choice] = &[
    Choice {
        value: "yes",
        label: t("Yes", "Sí"),
    },
    Choice {
        value: "no",
        label: t("No", "No"),
    },
    Choice {
        value: "dont_know",
        label: t("Don't know", "No lo sé"),
    },
];

/// When a question is asked, in terms of earlier answers (maps to FHIR `enableWhen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskIf {
    /// Always asked.
    Always,
    /// Asked when the question with this id has one of these values (for a
    /// several-choice question: when any of them is chosen).
    Is(&'static str, &'static [&'static str]),
    /// Asked unless the question with this id has one of these values; asked when that
    /// question was not answered.
    IsNot(&'static str, &'static [&'static str]),
    /// Asked when any of these conditions holds.
    Any(&'static [AskIf]),
}

impl AskIf {
    /// The ids of the questions the condition reads.
    pub fn refers_to(&self) -> Vec<&'static str> {
        match self {
            AskIf::Always => Vec::new(),
            AskIf::Is(id, _) | AskIf::IsNot(id, _) => vec![id],
            AskIf::Any(cs) => cs.iter().flat_map(AskIf::refers_to).collect(),
        }
    }

    /// Whether the condition holds for the answers so far.
    pub fn holds(&self, intake: &Intake) -> bool {
        let has = |id: &str, values: &[&str]| -> Option<bool> {
            let q = find(id)?;
            Some(match current(intake, q)? {
                AnswerValue::Choice(v) => values.contains(&v.as_str()),
                AnswerValue::Multi(vs) => vs.iter().any(|v| values.contains(&v.as_str())),
                AnswerValue::Number(_) => false,
            })
        };
        match self {
            AskIf::Always => true,
            AskIf::Is(id, values) => has(id, values) == Some(true),
            AskIf::IsNot(id, values) => has(id, values) != Some(true),
            AskIf::Any(conds) => conds.iter().any(|c| c.holds(intake)),
        }
    }
}

/// One answer, in a form every front end can produce.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// The value of one choice; for yes/no questions `"yes"`, `"no"` or `"dont_know"`.
    Choice(String),
    /// The values of several choices.
    Multi(Vec<String>),
    /// A whole number.
    Number(i64),
}

impl AnswerValue {
    /// Shorthand for [`AnswerValue::Choice`].
    pub fn choice(value: &str) -> AnswerValue {
        AnswerValue::Choice(value.to_owned())
    }
}

/// An answer that does not fit its question. Nothing is written to the intake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// A number for a choice question, a choice for a number question, and so on.
    #[error("question `{question}` takes {expected}")]
    WrongKind {
        /// The question's id.
        question: &'static str,
        /// What it takes, in words.
        expected: &'static str,
    },
    /// A value that is not one of the question's choices.
    #[error("question `{question}`: {value:?} is not one of the choices ({choices})")]
    UnknownChoice {
        /// The question's id.
        question: &'static str,
        /// The value given.
        value: String,
        /// The valid values, comma-separated.
        choices: String,
    },
    /// A number outside the question's range.
    #[error("question `{question}`: {source}")]
    OutOfRange {
        /// The question's id.
        question: &'static str,
        /// What was wrong with the number.
        source: OutOfRange,
    },
}

/// Why a binding rejected an answer, before the question id is known.
#[derive(Debug)]
enum Problem {
    WrongKind(&'static str),
    UnknownChoice(String),
    OutOfRange(OutOfRange),
}

impl From<OutOfRange> for Problem {
    fn from(e: OutOfRange) -> Self {
        Problem::OutOfRange(e)
    }
}

/// How a question reads and writes its field of the intake. `None` clears the field.
#[derive(Debug, Clone, Copy)]
struct Binding {
    set: fn(&mut Intake, Option<&AnswerValue>) -> Result<(), Problem>,
    get: fn(&Intake) -> Option<AnswerValue>,
}

/// One question of the intake questionnaire.
#[derive(Debug, Clone, Copy)]
pub struct Question {
    /// A stable identifier (FHIR `linkId`); the intake field it fills, in JSON path form
    /// where that is unambiguous (for example `history.cancer`).
    pub id: &'static str,
    /// The part of the questionnaire.
    pub section: Section,
    /// What to ask.
    pub prompt: Text,
    /// A plain-words explanation to show under the prompt, if any. For history and risk
    /// questions it also says how to answer when the person was never told (for example
    /// "If no doctor has ever told you that you have thin bones, answer No"), so that not
    /// knowing a diagnosis does not become a skipped answer that escalates.
    pub help: Option<Text>,
    /// The kind of answer it takes.
    pub kind: Kind,
    /// When to ask it.
    pub ask_if: AskIf,
    bind: Binding,
}

impl Question {
    /// Whether to ask this question, given the answers so far.
    pub fn applies(&self, intake: &Intake) -> bool {
        self.ask_if.holds(intake)
    }

    /// True when the answer feeds a warning-sign or risk rule of the triage table, so a
    /// skipped or "don't know" answer can make the result more urgent. Front ends ask such
    /// a question once more when it is skipped.
    ///
    /// Derived from the rule table rather than listed by hand, so a new rule or fact
    /// cannot leave its question unmarked: a question is a safety question when some
    /// answer to it changes the truth of a fact that such a rule tests.
    pub fn is_safety(&self) -> bool {
        static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
        IDS.get_or_init(safety_ids).contains(&self.id)
    }

    /// The label of `value` among this question's choices, if it is one.
    pub fn label(&self, value: &str) -> Option<Text> {
        self.kind
            .choices()
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.label)
    }
}

/// The ids of the questions [`Question::is_safety`] is true for.
fn safety_ids() -> Vec<&'static str> {
    let blank = Intake::default();
    let mut facts = Vec::new();
    // The inflammatory rules are patterns to discuss at a booked visit, not warning signs;
    // the self-care rule tests nothing.
    for rule in crate::triage::rules::RULES
        .iter()
        .filter(|r| r.family != Family::Inflammatory && r.when != Cond::Always)
    {
        rule.when.facts(&blank, &mut facts);
    }
    let feeds = |q: &Question| {
        let answers: Vec<AnswerValue> = match q.kind {
            Kind::Number { min, max, .. } => {
                vec![AnswerValue::Number(min), AnswerValue::Number(max)]
            }
            k => k
                .choices()
                .iter()
                .map(|c| AnswerValue::choice(c.value))
                .collect(),
        };
        answers.iter().any(|a| {
            let mut i = Intake::default();
            apply(&mut i, q, a).is_ok()
                && facts
                    .iter()
                    .any(|(f, blank_truth)| f.eval(&i) != *blank_truth)
        })
    };
    QUESTIONS
        .iter()
        .filter(|q| feeds(q))
        .map(|q| q.id)
        .collect()
}

/// Every question, in the order asked.
pub fn questions() -> &'static [Question] {
    QUESTIONS
}

/// The question with this id.
pub fn find(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.id == id)
}

/// Writes `answer` to `q`'s field of `intake`. On error the intake is unchanged.
///
/// An empty several-choice answer is the same as [`clear`].
pub fn apply(intake: &mut Intake, q: &Question, answer: &AnswerValue) -> Result<(), ApplyError> {
    (q.bind.set)(intake, Some(answer)).map_err(|p| match p {
        Problem::WrongKind(expected) => ApplyError::WrongKind {
            question: q.id,
            expected,
        },
        Problem::UnknownChoice(value) => ApplyError::UnknownChoice {
            question: q.id,
            value,
            choices: q
                .kind
                .choices()
                .iter()
                .map(|c| c.value)
                .collect::<Vec<_>>()
                .join(", "),
        },
        Problem::OutOfRange(source) => ApplyError::OutOfRange {
            question: q.id,
            source,
        },
    })
}

/// Marks `q` as not answered (used for "skip").
pub fn clear(intake: &mut Intake, q: &Question) {
    // Clearing cannot fail: every binding accepts `None`.
    let _ = (q.bind.set)(intake, None);
}

/// The answer to `q` in `intake`, or `None` when it is not answered.
pub fn current(intake: &Intake, q: &Question) -> Option<AnswerValue> {
    (q.bind.get)(intake)
}

/// Clears the answers to questions that no longer apply (for example the weeks of
/// pregnancy after "pregnant" was changed to "no"). Questions are visited in order, so a
/// chain of follow-up questions is cleared too.
pub fn clear_unasked(intake: &mut Intake) {
    for q in QUESTIONS {
        if !q.applies(intake) {
            clear(intake, q);
        }
    }
}

// ---- Decoding and encoding answers ----

/// A closed set of values offered as choices.
trait Coded: Copy + PartialEq + Sized + 'static {
    fn from_value(value: &str) -> Option<Self>;
    fn value(self) -> &'static str;
}

/// Declares the choices of an enum and implements [`Coded`] for it.
macro_rules! coded {
    ($ty:ty, $name:ident: $($variant:path => $value:literal, $en:literal, $es:literal;)+) => {
        #[doc = concat!("The choices for `", stringify!($ty), "`.")]
        const $name: &[Choice] = &[$(Choice { value: $value, label: t($en, $es) }),+];

        impl Coded for $ty {
            fn from_value(value: &str) -> Option<Self> {
                match value {
                    $($value => Some($variant),)+
                    _ => None,
                }
            }
            fn value(self) -> &'static str {
                match self {
                    $($variant => $value,)+
                }
            }
        }
    };
}

impl Coded for Answer {
    fn from_value(value: &str) -> Option<Self> {
        match value {
            "yes" => Some(Answer::Yes),
            "no" => Some(Answer::No),
            "dont_know" => Some(Answer::DontKnow),
            _ => None,
        }
    }
    fn value(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::DontKnow => "dont_know",
            Answer::NotAnswered => "not_answered",
        }
    }
}

coded!(Sex, SEX:
    Sex::Female => "female", "Female", "Mujer";
    Sex::Male => "male", "Male", "Hombre";
    Sex::Other => "other", "Intersex, or I describe it another way", "Intersexual, o lo describo de otra forma";
);

coded!(PainArea, PAIN_AREAS:
    PainArea::Low => "low", "Lower back", "Parte baja de la espalda (zona lumbar)";
    PainArea::Middle => "middle", "Middle of the back", "Mitad de la espalda";
    PainArea::Upper => "upper", "Upper back", "Parte alta de la espalda";
    PainArea::BetweenShoulderBlades => "between_shoulder_blades", "Between the shoulder blades", "Entre los omóplatos";
);

coded!(Side, SIDES:
    Side::Left => "left", "Left", "Izquierda";
    Side::Right => "right", "Right", "Derecha";
    Side::Both => "both", "Both sides, or across the middle", "Los dos lados, o en el centro";
);

/// Which leg: the same values as [`SIDES`], in leg words.
const LEGS: &[Choice] = &[
    Choice {
        value: "left",
        label: t("Left leg", "Pierna izquierda"),
    },
    Choice {
        value: "right",
        label: t("Right leg", "Pierna derecha"),
    },
    Choice {
        value: "both",
        label: t("Both legs", "Las dos piernas"),
    },
];

coded!(Onset, ONSET:
    Onset::Gradual => "gradual", "Slowly, with no clear cause", "Poco a poco, sin una causa clara";
    Onset::Sudden => "sudden", "Suddenly, with no injury", "De repente, sin ninguna lesión";
    Onset::LiftingOrActivity => "lifting_or_activity", "After lifting, twisting or some activity", "Después de levantar peso, girarme o hacer alguna actividad";
    Onset::MinorTrauma => "minor_trauma", "After a small knock or fall (for example, falling over while standing)", "Después de un golpe o caída leve (por ejemplo, caerme estando de pie)";
    Onset::MajorTrauma => "major_trauma", "After a big injury (car crash, fall from a height, hard sports tackle)", "Después de una lesión fuerte (accidente de coche, caída desde altura, golpe fuerte haciendo deporte)";
);

coded!(Course, COURSE:
    Course::Better => "better", "Getting better", "Está mejorando";
    Course::Same => "same", "About the same", "Más o menos igual";
    Course::Worse => "worse", "Getting worse", "Está empeorando";
);

coded!(LegSymptoms, LEG_SYMPTOMS:
    LegSymptoms::None => "none", "No, it stays in my back", "No, se queda en la espalda";
    LegSymptoms::AboveKnee => "above_knee", "Into my buttock or thigh, not below the knee", "A la nalga o el muslo, no por debajo de la rodilla";
    LegSymptoms::BelowKneeOneSide => "below_knee_one_side", "Below the knee, in one leg", "Por debajo de la rodilla, en una pierna";
    LegSymptoms::BothLegs => "both_legs", "Into both legs at the same time", "A las dos piernas a la vez";
    LegSymptoms::Alternating => "alternating", "It switches from one side to the other", "Cambia de un lado al otro";
);

coded!(NumbArea, NUMB_AREAS:
    NumbArea::ButtockOrThigh => "buttock_or_thigh", "Buttock or thigh", "Nalga o muslo";
    NumbArea::LowerLegOrFoot => "lower_leg_or_foot", "Lower leg or foot, on one side", "Parte baja de la pierna o el pie, en un lado";
    NumbArea::BothLegs => "both_legs", "Both legs or both feet", "Las dos piernas o los dos pies";
);

coded!(Weakness, WEAKNESS:
    // "Getting worse" comes first and every other "yes" says "not getting worse", so a
    // worsening foot drop cannot be filed as marked (urgent) instead of worsening (emergency).
    Weakness::None => "none", "No", "No";
    Weakness::GettingWorse => "getting_worse", "Yes, and it is getting worse", "Sí, y está empeorando";
    Weakness::Marked => "marked", "Yes, a lot, and it is not getting worse: my foot drops or slaps down, or my knee gives way", "Sí, mucha, y no está empeorando: el pie se me cae o golpea el suelo, o se me dobla la rodilla";
    Weakness::New => "new", "Yes, it started in the last few weeks, and it is not getting worse", "Sí, empezó en las últimas semanas, y no está empeorando";
    Weakness::Stable => "stable", "Yes, a little, for more than a few weeks, and it is not getting worse", "Sí, un poco, desde hace más de unas semanas, y no está empeorando";
    Weakness::DontKnow => "dont_know", "Don't know", "No lo sé";
);

coded!(Effect, EFFECT:
    Effect::Better => "better", "Makes it better", "Lo mejora";
    Effect::Worse => "worse", "Makes it worse", "Lo empeora";
    Effect::NoChange => "no_change", "No difference", "No cambia";
    Effect::DontKnow => "dont_know", "Don't know", "No lo sé";
);

/// How long ago the pain started, in buckets; the weeks stored and the largest number of
/// weeks that reads back as this bucket. The stored value is the bucket's lower end, so
/// the 2-, 6- and 12-week thresholds of the rules fall on bucket edges. The first two
/// buckets both store 0 weeks and differ in `duration_days` ([`DURATION_DAYS`]).
const DURATION: &[Choice] = &[
    Choice {
        value: "under_2_days",
        label: t("In the last 2 days", "En los últimos 2 días"),
    },
    Choice {
        value: "under_1_week",
        label: t("2 days to 1 week ago", "Hace entre 2 días y 1 semana"),
    },
    Choice {
        value: "1_to_2_weeks",
        label: t("1 to 2 weeks ago", "Hace 1 a 2 semanas"),
    },
    Choice {
        value: "2_to_6_weeks",
        label: t("2 to 6 weeks ago", "Hace 2 a 6 semanas"),
    },
    Choice {
        value: "6_to_12_weeks",
        label: t("6 to 12 weeks ago", "Hace 6 a 12 semanas"),
    },
    Choice {
        value: "3_to_12_months",
        label: t("3 months to 1 year ago", "Hace 3 meses a 1 año"),
    },
    Choice {
        value: "1_to_5_years",
        label: t("1 to 5 years ago", "Hace 1 a 5 años"),
    },
    Choice {
        value: "over_5_years",
        label: t("More than 5 years ago", "Hace más de 5 años"),
    },
];
const DURATION_WEEKS: &[(i64, i64)] = &[
    (0, 0),
    (0, 0),
    (1, 1),
    (2, 5),
    (6, 11),
    (12, 51),
    (52, 259),
    (260, i64::MAX),
];

/// The days stored with the two under-a-week buckets: pain of the last 2 days stores 0
/// (under the 2-day threshold of the heart and aorta rules), 2 days to a week stores 2.
const DURATION_DAYS: [i64; 2] = [0, 2];

/// The duration question writes two fields: the weeks, and the days when under a week.
fn set_duration(i: &mut Intake, a: Option<&AnswerValue>) -> Result<(), Problem> {
    let weeks = decode_bucket(a, DURATION, DURATION_WEEKS)?
        .map(Weeks::new)
        .transpose()?;
    let bucket = match a {
        Some(AnswerValue::Choice(v)) => DURATION.iter().position(|c| c.value == v),
        _ => None,
    };
    let days = bucket
        .and_then(|b| DURATION_DAYS.get(b))
        .map(|&d| Days::new(d))
        .transpose()?;
    i.duration_weeks = weeks;
    i.duration_days = days;
    Ok(())
}

/// Reads the duration back; an older intake with 0 weeks and no days reads as the
/// under-a-week bucket, which is all it said.
fn get_duration(i: &Intake) -> Option<AnswerValue> {
    let weeks = i.duration_weeks.map(i64::from);
    match (weeks, i.duration_days) {
        (Some(0) | None, Some(d)) if i64::from(d) < DURATION_DAYS[1] => {
            Some(AnswerValue::choice(DURATION[0].value))
        }
        (Some(0) | None, Some(_)) => Some(AnswerValue::choice(DURATION[1].value)),
        (Some(0), None) => Some(AnswerValue::choice(DURATION[1].value)),
        _ => encode_bucket(weeks, DURATION, DURATION_WEEKS),
    }
}

/// Morning stiffness in buckets; minutes stored and the largest minutes that read back as
/// the bucket. "30 minutes to 1 hour" stores 45, over the 30-minute threshold.
const STIFFNESS: &[Choice] = &[
    Choice {
        value: "none",
        label: t("Not stiff", "Nada de rigidez"),
    },
    Choice {
        value: "under_30_minutes",
        label: t("Less than 30 minutes", "Menos de 30 minutos"),
    },
    Choice {
        value: "30_to_60_minutes",
        label: t("30 minutes to 1 hour", "De 30 minutos a 1 hora"),
    },
    Choice {
        value: "1_to_2_hours",
        label: t("1 to 2 hours", "De 1 a 2 horas"),
    },
    Choice {
        value: "over_2_hours",
        label: t("More than 2 hours", "Más de 2 horas"),
    },
];
const STIFFNESS_MINUTES: &[(i64, i64)] = &[(0, 0), (15, 30), (45, 60), (90, 120), (180, i64::MAX)];

fn decode_one<T: Coded>(a: Option<&AnswerValue>) -> Result<Option<T>, Problem> {
    match a {
        None => Ok(None),
        Some(AnswerValue::Choice(v)) => T::from_value(v)
            .map(Some)
            .ok_or_else(|| Problem::UnknownChoice(v.clone())),
        Some(_) => Err(Problem::WrongKind("one choice")),
    }
}

fn decode_yes_no(a: Option<&AnswerValue>) -> Result<Answer, Problem> {
    Ok(decode_one::<Answer>(a)?.unwrap_or(Answer::NotAnswered))
}

fn encode_yes_no(a: Answer) -> Option<AnswerValue> {
    (a != Answer::NotAnswered).then(|| AnswerValue::choice(a.value()))
}

fn encode_one<T: Coded>(v: Option<T>) -> Option<AnswerValue> {
    v.map(|v| AnswerValue::choice(v.value()))
}

fn decode_many<T: Coded + Ord>(a: Option<&AnswerValue>) -> Result<Vec<T>, Problem> {
    let values: &[String] = match a {
        None => &[],
        Some(AnswerValue::Multi(vs)) => vs,
        Some(AnswerValue::Choice(v)) => std::slice::from_ref(v),
        Some(AnswerValue::Number(_)) => return Err(Problem::WrongKind("a list of choices")),
    };
    let mut out = values
        .iter()
        .map(|v| T::from_value(v).ok_or_else(|| Problem::UnknownChoice(v.clone())))
        .collect::<Result<Vec<T>, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

fn encode_many<T: Coded>(vs: &[T]) -> Option<AnswerValue> {
    (!vs.is_empty()).then(|| AnswerValue::Multi(vs.iter().map(|v| v.value().to_owned()).collect()))
}

fn decode_number(a: Option<&AnswerValue>) -> Result<Option<i64>, Problem> {
    match a {
        None => Ok(None),
        Some(AnswerValue::Number(n)) => Ok(Some(*n)),
        Some(_) => Err(Problem::WrongKind("a whole number")),
    }
}

fn decode_bucket(
    a: Option<&AnswerValue>,
    choices: &[Choice],
    stored: &[(i64, i64)],
) -> Result<Option<i64>, Problem> {
    match a {
        None => Ok(None),
        Some(AnswerValue::Choice(v)) => choices
            .iter()
            .position(|c| c.value == v)
            .map(|i| Some(stored[i].0))
            .ok_or_else(|| Problem::UnknownChoice(v.clone())),
        Some(_) => Err(Problem::WrongKind("one choice")),
    }
}

fn encode_bucket(n: Option<i64>, choices: &[Choice], stored: &[(i64, i64)]) -> Option<AnswerValue> {
    let n = n?;
    let i = stored.iter().position(|&(_, up_to)| n <= up_to)?;
    Some(AnswerValue::choice(choices[i].value))
}

/// A yes/no question's binding to an [`Answer`] field.
macro_rules! yes_no {
    ($($f:ident).+) => {
        Binding {
            set: |i, a| {
                i.$($f).+ = decode_yes_no(a)?;
                Ok(())
            },
            get: |i| encode_yes_no(i.$($f).+),
        }
    };
}

/// A single-choice question's binding to an `Option<T: Coded>` field.
macro_rules! one {
    ($ty:ty, $($f:ident).+) => {
        Binding {
            set: |i, a| {
                i.$($f).+ = decode_one::<$ty>(a)?;
                Ok(())
            },
            get: |i| encode_one(i.$($f).+),
        }
    };
}

/// A several-choice question's binding to a `Vec<T: Coded>` field.
macro_rules! many {
    ($ty:ty, $($f:ident).+) => {
        Binding {
            set: |i, a| {
                i.$($f).+ = decode_many::<$ty>(a)?;
                Ok(())
            },
            get: |i| encode_many(&i.$($f).+),
        }
    };
}

/// A number question's binding to an `Option<bounded>` field.
macro_rules! number {
    ($ty:ident, $($f:ident).+) => {
        Binding {
            set: |i, a| {
                i.$($f).+ = decode_number(a)?.map($ty::new).transpose()?;
                Ok(())
            },
            get: |i| i.$($f).+.map(|v| AnswerValue::Number(i64::from(v))),
        }
    };
}

/// A bucketed choice question's binding to an `Option<bounded>` number field.
macro_rules! bucket {
    ($ty:ident, $choices:ident, $stored:ident, $($f:ident).+) => {
        Binding {
            set: |i, a| {
                i.$($f).+ = decode_bucket(a, $choices, $stored)?.map($ty::new).transpose()?;
                Ok(())
            },
            get: |i| encode_bucket(i.$($f).+.map(i64::from), $choices, $stored),
        }
    };
}

/// Builds a [`Question`] with less noise.
macro_rules! q {
    ($section:ident, $id:literal, $kind:expr, $bind:expr, $en:literal, $es:literal
     $(, help: $hen:literal, $hes:literal)? $(, if: $ask:expr)? $(,)?) => {
        Question {
            id: $id,
            section: Section::$section,
            prompt: t($en, $es),
            help: q!(@help $($hen, $hes)?),
            kind: $kind,
            ask_if: q!(@ask $($ask)?),
            bind: $bind,
        }
    };
    (@help) => { None };
    (@help $en:literal, $es:literal) => { Some(t($en, $es)) };
    (@ask) => { AskIf::Always };
    (@ask $ask:expr) => { $ask };
}

const YN: Kind = Kind::YesNo;
/// Unless the pain is known to be under 12 weeks old: every inflammatory back pain rule
/// needs 12 weeks or more, so the questions only those rules read are not asked when it
/// cannot hold (`answers_no_rule_can_use_are_not_asked` checks that their answers could
/// not change a result).
const CHRONIC: AskIf = AskIf::IsNot(
    "duration_weeks",
    &[
        "under_2_days",
        "under_1_week",
        "1_to_2_weeks",
        "2_to_6_weeks",
        "6_to_12_weeks",
    ],
);
const ONE_LEG: &[&str] = &["above_knee", "below_knee_one_side"];

static QUESTIONS: &[Question] = &[
    // ---- Warning signs of an emergency: always first ----
    q!(WarningSigns, "other_symptoms.chest_pain", YN, yes_no!(other_symptoms.chest_pain),
        "Do you have pain, pressure or tightness in your chest?",
        "¿Tiene dolor, presión u opresión en el pecho?",
        help: "We ask about warning signs first. If an answer means you need help now, the questions stop and you are told what to do.",
        "Primero preguntamos por señales de alarma. Si una respuesta indica que necesita ayuda ya, las preguntas se detienen y se le dice qué hacer."),
    q!(
        WarningSigns,
        "other_symptoms.breathlessness",
        YN,
        yes_no!(other_symptoms.breathlessness),
        "Have you suddenly become short of breath, or is being short of breath new for you?",
        "¿Le falta el aire de repente, o es nuevo para usted que le falte el aire?",
        help: "Answer No for the breathlessness you have always had, for example when you climb stairs.",
        "Conteste No si es la falta de aire que siempre ha tenido, por ejemplo al subir escaleras."
    ),
    q!(
        WarningSigns,
        "other_symptoms.tearing_pain",
        YN,
        yes_no!(other_symptoms.tearing_pain),
        "Did a very bad pain come on suddenly, feeling like tearing or ripping inside?",
        "¿Le empezó de repente un dolor muy fuerte, como si algo se desgarrara o rasgara por dentro?"
    ),
    q!(
        WarningSigns,
        "other_symptoms.feeling_faint",
        YN,
        yes_no!(other_symptoms.feeling_faint),
        "With this pain, have you suddenly felt faint, collapsed or passed out?",
        "Con este dolor, ¿se ha sentido de repente a punto de desmayarse, se ha caído sin fuerzas o se ha desmayado?",
        help: "Answer No for a light dizziness that comes and goes, such as when you stand up quickly.",
        "Conteste No si es un mareo leve que va y viene, como al levantarse deprisa."
    ),
    q!(
        WarningSigns,
        "other_symptoms.pulsing_belly_lump",
        YN,
        yes_no!(other_symptoms.pulsing_belly_lump),
        "Can you feel a lump in your belly that beats like a pulse?",
        "¿Nota un bulto en la barriga que late como el pulso?"
    ),
    q!(
        WarningSigns,
        "other_symptoms.severe_belly_pain",
        YN,
        yes_no!(other_symptoms.severe_belly_pain),
        "Do you have very bad pain in your belly, maybe with being sick (vomiting)?",
        "¿Tiene un dolor muy fuerte en la barriga, quizá con vómitos?"
    ),
    q!(
        WarningSigns,
        "bladder_change",
        YN,
        yes_no!(bladder_change),
        "Since the back pain began, is it new for you to have trouble peeing, to leak pee, or not to feel when your bladder is full?",
        "Desde que empezó el dolor de espalda, ¿le cuesta orinar, se le escapa la orina o no nota cuándo tiene la vejiga llena, y esto es nuevo?"
    ),
    q!(
        WarningSigns,
        "bowel_change",
        YN,
        yes_no!(bowel_change),
        "Is it new for you to lose control of your bowels (poo), or not to feel when they open?",
        "¿Es nuevo para usted perder el control de las heces (caca), o no notar cuándo salen?"
    ),
    q!(WarningSigns, "saddle_numbness", YN, yes_no!(saddle_numbness),
        "Is there numbness (less feeling) around your bottom, your genitals or the inside of your thighs?",
        "¿Nota adormecida (con menos sensibilidad) la zona del ano, los genitales o la parte de dentro de los muslos?",
        help: "This is the area that would touch a bicycle saddle.",
        "Es la zona que tocaría el sillín de una bicicleta."),
    q!(WarningSigns, "sexual_function_change", YN, yes_no!(sexual_function_change),
        "Have you noticed new changes in sex, such as less feeling, or trouble with erections or orgasm?",
        "¿Ha notado cambios nuevos en su vida sexual, como menos sensibilidad o problemas de erección u orgasmo?",
        help: "A private question, but it matters: the nerves for this run through the lower back.",
        "Es una pregunta privada, pero importa: los nervios de esta zona pasan por la parte baja de la espalda."),
    q!(
        WarningSigns,
        "leg_weakness",
        Kind::Choice(WEAKNESS),
        one!(Weakness, leg_weakness),
        "Do your legs feel weak? For example, your foot slaps down or your knee gives way.",
        "¿Nota las piernas débiles? Por ejemplo, el pie le cae de golpe o se le dobla la rodilla."
    ),
    q!(
        WarningSigns,
        "walking_difficulty",
        YN,
        yes_no!(walking_difficulty),
        "Is walking newly hard for you: feeling unsteady, tripping, or your feet slapping down?",
        "¿Le cuesta caminar desde hace poco: se nota inestable, tropieza o los pies le caen de golpe?",
        help: "Answer No if walking is only limited by leg pain that comes on after a distance and eases when you sit or bend forward, as it has for a long time.",
        "Conteste No si solo le limita un dolor de piernas que aparece tras andar un rato y se alivia al sentarse o inclinarse hacia delante, como desde hace tiempo."
    ),
    // ---- About you ----
    q!(
        AboutYou,
        "age",
        Kind::Number {
            min: Age::MIN as i64,
            max: Age::MAX as i64,
            unit: t("years", "años")
        },
        number!(Age, age),
        "How old are you?",
        "¿Cuántos años tiene?"
    ),
    q!(AboutYou, "sex", Kind::Choice(SEX), one!(Sex, sex),
        "What is your sex?",
        "¿Cuál es su sexo?",
        help: "Some causes of back pain are more common in women or in men.",
        "Algunas causas de dolor de espalda son más frecuentes en mujeres o en hombres."),
    // Pregnancy follows the question about sex, and front ends that show several
    // questions at once ask it once sex has been answered (a skipped answer still asks it).
    q!(AboutYou, "pregnant", YN, yes_no!(pregnant),
        "Are you pregnant?",
        "¿Está embarazada?",
        if: AskIf::IsNot("sex", &["male"])),
    q!(AboutYou, "pregnancy_weeks",
        Kind::Number { min: PregnancyWeeks::MIN as i64, max: PregnancyWeeks::MAX as i64, unit: t("weeks", "semanas") },
        number!(PregnancyWeeks, pregnancy_weeks),
        "How many weeks pregnant are you?",
        "¿De cuántas semanas está embarazada?",
        if: AskIf::Is("pregnant", &["yes"])),
    q!(AboutYou, "other_symptoms.pregnancy_bleeding_or_fluid", YN,
        yes_no!(other_symptoms.pregnancy_bleeding_or_fluid),
        "Have you had any bleeding from your vagina, or fluid leaking?",
        "¿Ha tenido sangrado por la vagina o pérdida de líquido?",
        if: AskIf::Is("pregnant", &["yes"])),
    q!(AboutYou, "other_symptoms.pregnancy_tightenings", YN,
        yes_no!(other_symptoms.pregnancy_tightenings),
        "Are you having regular tightenings of your belly, or cramps like period pain?",
        "¿Tiene contracciones regulares (la barriga se pone dura) o retortijones como los de la regla?",
        if: AskIf::Is("pregnant", &["yes"])),
    // ---- The pain ----
    q!(
        Pain,
        "pain_areas",
        Kind::Multi(PAIN_AREAS),
        many!(PainArea, pain_areas),
        "Where in your back is the pain? Choose all that apply.",
        "¿En qué parte de la espalda le duele? Elija todas las que correspondan."
    ),
    q!(
        Pain,
        "pain_side",
        Kind::Choice(SIDES),
        one!(Side, pain_side),
        "Which side is the pain on?",
        "¿En qué lado le duele?"
    ),
    q!(
        Pain,
        "onset",
        Kind::Choice(ONSET),
        one!(Onset, onset),
        "How did the pain start?",
        "¿Cómo empezó el dolor?"
    ),
    q!(
        Pain,
        "duration_weeks",
        Kind::Choice(DURATION),
        Binding {
            set: set_duration,
            get: get_duration
        },
        "When did this pain start?",
        "¿Cuándo empezó este dolor?"
    ),
    q!(
        Pain,
        "course",
        Kind::Choice(COURSE),
        one!(Course, course),
        "Is the pain getting better or worse?",
        "¿El dolor está mejorando o empeorando?"
    ),
    q!(
        Pain,
        "leg_symptoms",
        Kind::Choice(LEG_SYMPTOMS),
        one!(LegSymptoms, leg_symptoms),
        "Does pain, numbness or tingling spread from your back into your legs?",
        "¿El dolor, el adormecimiento o el hormigueo se extienden desde la espalda hacia las piernas?"
    ),
    q!(Pain, "leg_side", Kind::Choice(LEGS), one!(Side, leg_side),
        "Which leg?",
        "¿Qué pierna?",
        if: AskIf::Is("leg_symptoms", ONE_LEG)),
    q!(Pain, "leg_pain_worse_than_back", YN, yes_no!(leg_pain_worse_than_back),
        "Is the pain in your leg worse than the pain in your back?",
        "¿Le duele más la pierna que la espalda?",
        if: AskIf::IsNot("leg_symptoms", &["none"])),
    q!(
        Pain,
        "numbness",
        YN,
        yes_no!(numbness),
        "Is any part of your legs or feet numb (less feeling than usual)?",
        "¿Tiene adormecida alguna parte de las piernas o los pies (menos sensibilidad de lo normal)?"
    ),
    q!(
        Pain,
        "pins_and_needles",
        YN,
        yes_no!(pins_and_needles),
        "Do you have pins and needles (tingling) in your legs or feet?",
        "¿Siente hormigueo (como pinchazos) en las piernas o los pies?"
    ),
    q!(Pain, "numbness_areas", Kind::Multi(NUMB_AREAS), many!(NumbArea, numbness_areas),
        "Where is the numbness or tingling? Choose all that apply.",
        "¿Dónde nota el adormecimiento o el hormigueo? Elija todas las que correspondan.",
        if: AskIf::Any(&[AskIf::Is("numbness", &["yes"]), AskIf::Is("pins_and_needles", &["yes"])])),
    // ---- General health ----
    q!(
        GeneralHealth,
        "fever",
        YN,
        yes_no!(fever),
        "Do you have a fever, chills or shaking?",
        "¿Tiene fiebre, escalofríos o tiritona?"
    ),
    q!(
        GeneralHealth,
        "night_sweats",
        YN,
        yes_no!(night_sweats),
        "Do you have sweats at night that soak your bedclothes?",
        "¿Suda por la noche tanto que se empapa la ropa de cama?"
    ),
    q!(
        GeneralHealth,
        "weight_loss",
        YN,
        yes_no!(weight_loss),
        "Have you lost weight without trying?",
        "¿Ha perdido peso sin proponérselo?"
    ),
    q!(
        GeneralHealth,
        "night_pain",
        YN,
        yes_no!(night_pain),
        "At night, is the pain there all the time, with no position that eases it?",
        "Por la noche, ¿le duele todo el rato, sin ninguna postura que lo alivie?"
    ),
    q!(
        GeneralHealth,
        "rest_pain",
        YN,
        yes_no!(rest_pain),
        "Does it hurt even when you rest, without resting making it better?",
        "¿Le duele incluso en reposo, sin que descansar lo mejore?"
    ),
    q!(
        GeneralHealth,
        "wakes_second_half_of_night",
        YN,
        yes_no!(wakes_second_half_of_night),
        "Does the pain wake you in the second half of the night, and ease after you get up?",
        "¿El dolor le despierta en la segunda mitad de la noche y mejora después de levantarse?",
        if: CHRONIC
    ),
    q!(
        GeneralHealth,
        "morning_stiffness_minutes",
        Kind::Choice(STIFFNESS),
        bucket!(
            Minutes,
            STIFFNESS,
            STIFFNESS_MINUTES,
            morning_stiffness_minutes
        ),
        "In the morning, how long is your back stiff after you get up?",
        "Por la mañana, ¿cuánto tiempo tiene la espalda rígida después de levantarse?",
        if: CHRONIC
    ),
    q!(
        GeneralHealth,
        "effects.exercise",
        Kind::Choice(EFFECT),
        one!(Effect, effects.exercise),
        "What does exercise or moving about do to your pain?",
        "¿Qué le pasa al dolor cuando hace ejercicio o se mueve?"
    ),
    q!(
        GeneralHealth,
        "effects.rest",
        Kind::Choice(EFFECT),
        one!(Effect, effects.rest),
        "What does resting do to your pain?",
        "¿Qué le pasa al dolor cuando descansa?"
    ),
    q!(
        GeneralHealth,
        "effects.sitting",
        Kind::Choice(EFFECT),
        one!(Effect, effects.sitting),
        "What does sitting do to your pain?",
        "¿Qué le pasa al dolor cuando está sentado?"
    ),
    q!(
        GeneralHealth,
        "effects.bending_forward",
        Kind::Choice(EFFECT),
        one!(Effect, effects.bending_forward),
        "What does bending forward do to your pain?",
        "¿Qué le pasa al dolor cuando se inclina hacia delante?"
    ),
    q!(
        GeneralHealth,
        "effects.bending_backward",
        Kind::Choice(EFFECT),
        one!(Effect, effects.bending_backward),
        "What does leaning backward do to your pain?",
        "¿Qué le pasa al dolor cuando se inclina hacia atrás?"
    ),
    q!(
        GeneralHealth,
        "effects.walking",
        Kind::Choice(EFFECT),
        one!(Effect, effects.walking),
        "What does walking do to your pain?",
        "¿Qué le pasa al dolor cuando camina?"
    ),
    q!(
        GeneralHealth,
        "effects.lying_down",
        Kind::Choice(EFFECT),
        one!(Effect, effects.lying_down),
        "What does lying down do to your pain?",
        "¿Qué le pasa al dolor cuando está tumbado?"
    ),
    q!(
        GeneralHealth,
        "effects.coughing",
        Kind::Choice(EFFECT),
        one!(Effect, effects.coughing),
        "What does coughing or sneezing do to your pain?",
        "¿Qué le pasa al dolor cuando tose o estornuda?"
    ),
    // ---- Health history ----
    q!(
        History,
        "history.cancer",
        YN,
        yes_no!(history.cancer),
        "Have you ever had cancer, or do you have it now?",
        "¿Ha tenido cáncer alguna vez, o lo tiene ahora?",
        help: "Count any cancer, even one treated long ago.",
        "Cuente cualquier cáncer, aunque se lo trataran hace mucho tiempo."
    ),
    q!(
        History,
        "history.osteoporosis",
        YN,
        yes_no!(history.osteoporosis),
        "Have you been told you have osteoporosis (thin, weak bones)?",
        "¿Le han dicho que tiene osteoporosis (huesos finos y débiles)?",
        help: "If no doctor has ever told you that you have thin bones, answer No.",
        "Si ningún médico le ha dicho nunca que tiene los huesos frágiles, conteste No."
    ),
    q!(
        History,
        "history.long_term_steroids",
        YN,
        yes_no!(history.long_term_steroids),
        "Have you taken steroid tablets (such as prednisolone or prednisone) for 3 months or more?",
        "¿Ha tomado pastillas de corticoides (como prednisona o prednisolona) durante 3 meses o más?",
        help: "Inhalers and creams do not count. If you have never taken steroid tablets for that long, answer No.",
        "Los inhaladores y las cremas no cuentan. Si nunca ha tomado pastillas de corticoides durante tanto tiempo, conteste No."
    ),
    q!(
        History,
        "history.immunosuppression",
        YN,
        yes_no!(history.immunosuppression),
        "Is your body's defence against infection (immune system) weak? For example from HIV, chemotherapy, a transplant or medicines that lower it.",
        "¿Tiene bajas las defensas (el sistema inmunitario)? Por ejemplo por VIH, quimioterapia, un trasplante o medicinas que las bajan.",
        help: "If no doctor has told you that your immune system is weak, and you take no medicine that lowers it, answer No.",
        "Si ningún médico le ha dicho que tiene las defensas bajas y no toma ninguna medicina que las baje, conteste No."
    ),
    q!(History, "history.injected_drug_use", YN, yes_no!(history.injected_drug_use),
        "Do you inject drugs that a doctor did not prescribe?",
        "¿Se inyecta drogas que no le ha recetado un médico?",
        help: "We ask because it makes an infection in the spine more likely.",
        "Lo preguntamos porque hace más probable una infección en la columna."),
    q!(
        History,
        "history.recent_spinal_procedure",
        YN,
        yes_no!(history.recent_spinal_procedure),
        "In the last 3 months, have you had an operation, an injection or another procedure on your spine?",
        "En los últimos 3 meses, ¿le han operado, le han puesto una inyección o le han hecho otro procedimiento en la columna?",
        help: "Count an injection into your back for pain, too.",
        "Cuente también una inyección en la espalda para el dolor."
    ),
    q!(History, "history.recent_bacterial_infection", YN, yes_no!(history.recent_bacterial_infection),
        "In the last 3 months, have you had an infection caused by bacteria, such as in your pee, skin, blood or chest?",
        "En los últimos 3 meses, ¿ha tenido una infección por bacterias, por ejemplo en la orina, la piel, la sangre o el pecho?",
        help: "These are usually treated with antibiotics. If you have not needed antibiotics in the last 3 months, answer No.",
        "Normalmente se tratan con antibióticos. Si no ha necesitado antibióticos en los últimos 3 meses, conteste No."),
    q!(
        History,
        "history.psoriasis",
        YN,
        yes_no!(history.psoriasis),
        "Do you have psoriasis (a skin problem with red, scaly patches)?",
        "¿Tiene psoriasis (un problema de piel con manchas rojas y escamas)?",
        help: "If no doctor has ever told you that you have psoriasis, answer No.",
        "Si ningún médico le ha dicho nunca que tiene psoriasis, conteste No.",
        if: CHRONIC
    ),
    q!(
        History,
        "history.inflammatory_bowel_disease",
        YN,
        yes_no!(history.inflammatory_bowel_disease),
        "Do you have Crohn's disease or ulcerative colitis?",
        "¿Tiene enfermedad de Crohn o colitis ulcerosa?",
        help: "If no doctor has ever told you that you have one of these, answer No.",
        "Si ningún médico le ha dicho nunca que tiene una de estas enfermedades, conteste No.",
        if: CHRONIC
    ),
    q!(
        History,
        "history.uveitis",
        YN,
        yes_no!(history.uveitis),
        "Have you had uveitis or iritis (a painful red eye, with blurry sight or light hurting the eye)?",
        "¿Ha tenido uveítis o iritis (un ojo rojo y doloroso, con visión borrosa o molestia con la luz)?",
        help: "If no doctor has ever told you that you had it, answer No.",
        "Si ningún médico le ha dicho nunca que la ha tenido, conteste No.",
        if: CHRONIC
    ),
    q!(
        History,
        "history.family_spondyloarthritis",
        YN,
        yes_no!(history.family_spondyloarthritis),
        "Does a parent, brother, sister or child of yours have ankylosing spondylitis (also called axial spondyloarthritis)?",
        "¿Su padre, madre, algún hermano o hijo tiene espondilitis anquilosante (también llamada espondiloartritis axial)?",
        help: "If you do not know of anyone in your family with it, answer No.",
        "Si no sabe de nadie de su familia que la tenga, conteste No.",
        if: CHRONIC
    ),
    q!(
        History,
        "history.smoking",
        YN,
        yes_no!(history.smoking),
        "Do you smoke?",
        "¿Fuma?",
        help: "Count cigarettes, cigars or a pipe, even a few a day.",
        "Cuente cigarrillos, puros o pipa, aunque sean pocos al día."
    ),
    q!(
        History,
        "history.smoked_before",
        YN,
        yes_no!(history.smoked_before),
        "Did you smoke in the past, even if you have stopped?",
        "¿Ha fumado en el pasado, aunque ya lo haya dejado?",
        help: "Answer Yes if you smoked for a year or more at any time. If you have never smoked, answer No.",
        "Conteste Sí si fumó durante un año o más en algún momento. Si nunca ha fumado, conteste No.",
        if: AskIf::IsNot("history.smoking", &["yes"])
    ),
    q!(
        History,
        "history.hypertension",
        YN,
        yes_no!(history.hypertension),
        "Do you have high blood pressure?",
        "¿Tiene la tensión alta?",
        help: "Answer Yes if you take tablets for blood pressure. If no doctor or nurse has ever told you that your blood pressure is high, answer No.",
        "Conteste Sí si toma pastillas para la tensión. Si ningún médico ni enfermero le ha dicho nunca que tiene la tensión alta, conteste No."
    ),
    q!(
        History,
        "history.diabetes",
        YN,
        yes_no!(history.diabetes),
        "Do you have diabetes?",
        "¿Tiene diabetes?",
        help: "If no doctor or nurse has ever told you that you have diabetes, answer No.",
        "Si ningún médico ni enfermero le ha dicho nunca que tiene diabetes, conteste No."
    ),
    // ---- Other symptoms not asked yet ----
    q!(
        OtherSymptoms,
        "other_symptoms.sweating",
        YN,
        yes_no!(other_symptoms.sweating),
        "Have you had a cold sweat with the pain?",
        "¿Ha tenido sudor frío con el dolor?"
    ),
    q!(
        OtherSymptoms,
        "other_symptoms.urinary_burning_or_frequency",
        YN,
        yes_no!(other_symptoms.urinary_burning_or_frequency),
        "Does it burn when you pee, or do you need to pee much more often than usual?",
        "¿Le escuece al orinar, o necesita orinar mucho más a menudo de lo normal?"
    ),
    q!(
        OtherSymptoms,
        "other_symptoms.colicky_side_pain",
        YN,
        yes_no!(other_symptoms.colicky_side_pain),
        "Do you get very bad pain that comes in waves in the side of your back, maybe spreading down to your groin?",
        "¿Tiene un dolor muy fuerte que viene a oleadas en el costado de la espalda y quizá baja hacia la ingle?"
    ),
    // ---- Pain ratings ----
    q!(
        PainScores,
        "pain.now",
        Kind::Number {
            min: 0,
            max: 10,
            unit: t("out of 10", "de 10")
        },
        number!(Nrs, pain.now),
        "How bad is your pain right now? 0 means no pain and 10 the worst pain you can imagine.",
        "¿Cuánto le duele ahora mismo? 0 es nada de dolor y 10 el peor dolor que pueda imaginar."
    ),
    q!(
        PainScores,
        "pain.average",
        Kind::Number {
            min: 0,
            max: 10,
            unit: t("out of 10", "de 10")
        },
        number!(Nrs, pain.average),
        "Over the last week, how bad has your pain been on average, from 0 to 10?",
        "Durante la última semana, ¿cuánto le ha dolido de media, de 0 a 10?"
    ),
    q!(
        PainScores,
        "pain.worst",
        Kind::Number {
            min: 0,
            max: 10,
            unit: t("out of 10", "de 10")
        },
        number!(Nrs, pain.worst),
        "Over the last week, how bad was your pain at its worst, from 0 to 10?",
        "Durante la última semana, ¿cuánto le dolió en el peor momento, de 0 a 10?"
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::Level;

    /// A non-default answer for every question: "yes", the first choice or the smallest number.
    fn filled() -> Intake {
        let mut intake = Intake::default();
        for q in questions() {
            let answer = match q.kind {
                Kind::YesNo => AnswerValue::choice("yes"),
                Kind::Choice(c) => AnswerValue::choice(c[0].value),
                Kind::Multi(c) => AnswerValue::Multi(vec![c[0].value.to_owned()]),
                Kind::Number { min, .. } => AnswerValue::Number(min),
            };
            apply(&mut intake, q, &answer).unwrap_or_else(|e| panic!("{}: {e}", q.id));
        }
        intake
    }

    #[test]
    fn questions_cover_every_intake_field() {
        let schema = serde_json::to_value(crate::intake::schema()).unwrap();
        let full = serde_json::to_value(filled()).unwrap();
        let empty = serde_json::to_value(Intake::default()).unwrap();
        let props = schema["properties"].as_object().expect("intake properties");
        let mut missing = Vec::new();
        for (field, prop) in props {
            if ["language", "start_back", "odi", "rmdq"].contains(&field.as_str()) {
                continue;
            }
            if full.get(field) == empty.get(field) {
                missing.push(field.clone());
            }
            // Nested blocks: every one of their fields must be filled too.
            let reference = prop["$ref"].as_str().or(prop["allOf"][0]["$ref"].as_str());
            if let Some(name) = reference.and_then(|r| r.rsplit('/').next())
                && let Some(sub) = schema["$defs"][name]["properties"].as_object()
            {
                for key in sub.keys() {
                    if full[field].get(key).is_none() {
                        missing.push(format!("{field}.{key}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no question fills: {missing:?}");
        // The nested blocks were found and checked.
        for block in ["effects", "history", "other_symptoms", "pain"] {
            assert!(
                full[block].as_object().is_some_and(|o| o.len() >= 3),
                "{block}: {full}"
            );
        }
    }

    #[test]
    fn questions_ids_are_unique_and_named_after_their_field() {
        let mut seen = std::collections::HashSet::new();
        for q in questions() {
            assert!(seen.insert(q.id), "duplicate id {}", q.id);
            // Applying an answer changes the field named by the id (a JSON path).
            let mut intake = Intake::default();
            let answer = match q.kind {
                Kind::Number { max, .. } => AnswerValue::Number(max),
                k => AnswerValue::choice(k.choices()[0].value),
            };
            apply(&mut intake, q, &answer).unwrap();
            let json = serde_json::to_value(&intake).unwrap();
            let value = q.id.split('.').fold(&json, |v, key| &v[key]);
            assert!(!value.is_null(), "{}: {json}", q.id);
        }
    }

    #[test]
    fn questions_round_trip_every_choice_and_clear() {
        for q in questions() {
            let answers: Vec<AnswerValue> = match q.kind {
                Kind::YesNo | Kind::Choice(_) => q
                    .kind
                    .choices()
                    .iter()
                    .map(|c| AnswerValue::choice(c.value))
                    .collect(),
                Kind::Multi(c) => vec![
                    AnswerValue::Multi(c.iter().map(|c| c.value.to_owned()).collect()),
                    AnswerValue::Multi(vec![c[c.len() - 1].value.to_owned()]),
                ],
                Kind::Number { min, max, .. } => {
                    vec![AnswerValue::Number(min), AnswerValue::Number(max)]
                }
            };
            for answer in answers {
                let mut intake = Intake::default();
                apply(&mut intake, q, &answer).unwrap();
                assert_eq!(current(&intake, q).as_ref(), Some(&answer), "{}", q.id);
                clear(&mut intake, q);
                assert_eq!(current(&intake, q), None, "{}", q.id);
                assert_eq!(intake, Intake::default(), "{}: clear leaves no trace", q.id);
            }
        }
    }

    #[test]
    fn questions_reject_bad_answers_without_changing_the_intake() {
        for q in questions() {
            let mut intake = Intake::default();
            let bad: Vec<AnswerValue> = match q.kind {
                Kind::Number { min, max, .. } => vec![
                    AnswerValue::Number(min - 1),
                    AnswerValue::Number(max + 1),
                    AnswerValue::choice("yes"),
                ],
                Kind::Multi(_) => vec![
                    AnswerValue::Multi(vec!["nowhere".into()]),
                    AnswerValue::Number(1),
                ],
                _ => vec![AnswerValue::choice("maybe"), AnswerValue::Number(1)],
            };
            for answer in bad {
                assert!(
                    apply(&mut intake, q, &answer).is_err(),
                    "{}: {answer:?}",
                    q.id
                );
                assert_eq!(intake, Intake::default(), "{}", q.id);
            }
        }
        let err = apply(
            &mut Intake::default(),
            find("age").unwrap(),
            &AnswerValue::Number(300),
        );
        assert!(err.unwrap_err().to_string().contains("between 0 and 120"));
    }

    #[test]
    fn questions_every_yes_no_offers_dont_know_and_text_is_bilingual() {
        for q in questions() {
            assert!(
                !q.prompt.en.is_empty() && !q.prompt.es.is_empty(),
                "{}",
                q.id
            );
            assert_ne!(q.prompt.en, q.prompt.es, "{}", q.id);
            for c in q.kind.choices() {
                assert!(!c.label.en.is_empty() && !c.label.es.is_empty(), "{}", q.id);
            }
            if let Some(h) = q.help {
                assert!(!h.en.is_empty() && !h.es.is_empty(), "{}", q.id);
            }
            if q.kind == Kind::YesNo {
                assert!(q.kind.choices().iter().any(|c| c.value == "dont_know"));
            }
        }
    }

    /// The questions gated by [`CHRONIC`] feed only rules that need 12 weeks of pain: with
    /// a shorter pain, no answer to them changes the result, whatever else was answered.
    #[test]
    fn answers_no_rule_can_use_are_not_asked() {
        let gated: Vec<&Question> = questions().iter().filter(|q| q.ask_if == CHRONIC).collect();
        assert!(gated.len() >= 6, "the inflammatory questions are gated");
        let no = {
            let mut i = Intake::default();
            for q in questions().iter().filter(|q| q.kind == Kind::YesNo) {
                apply(&mut i, q, &AnswerValue::choice("no")).unwrap();
            }
            i
        };
        let duration = find("duration_weeks").unwrap();
        let age = find("age").unwrap();
        for base in [filled(), no, Intake::default()] {
            for short in [
                "under_2_days",
                "under_1_week",
                "1_to_2_weeks",
                "2_to_6_weeks",
                "6_to_12_weeks",
            ] {
                for years in [18, 39, 44, 49, 70] {
                    let mut i = base.clone();
                    apply(&mut i, duration, &AnswerValue::choice(short)).unwrap();
                    apply(&mut i, age, &AnswerValue::Number(years)).unwrap();
                    for q in &gated {
                        assert!(!q.applies(&i), "{} is asked with pain {short}", q.id);
                        let answers: Vec<AnswerValue> = q
                            .kind
                            .choices()
                            .iter()
                            .map(|c| AnswerValue::choice(c.value))
                            .collect();
                        let mut unanswered = i.clone();
                        clear(&mut unanswered, q);
                        let expected = format!("{:?}", crate::assess(&unanswered));
                        for a in answers {
                            let mut answered = unanswered.clone();
                            apply(&mut answered, q, &a).unwrap();
                            assert_eq!(
                                format!("{:?}", crate::assess(&answered)),
                                expected,
                                "{} = {a:?} changed a result with pain {short}, age {years}",
                                q.id
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn questions_conditions_refer_to_earlier_questions() {
        for (n, q) in questions().iter().enumerate() {
            for id in q.ask_if.refers_to() {
                let pos = questions().iter().position(|p| p.id == id);
                assert!(pos.is_some_and(|p| p < n), "{} depends on {id}", q.id);
            }
        }
    }

    #[test]
    fn questions_follow_ups_appear_and_vanish_with_their_answers() {
        let mut intake = Intake::default();
        let weeks = find("pregnancy_weeks").unwrap();
        let pregnant = find("pregnant").unwrap();
        assert!(pregnant.applies(&intake), "asked when sex is not answered");
        assert!(!weeks.applies(&intake));
        apply(&mut intake, pregnant, &AnswerValue::choice("yes")).unwrap();
        apply(&mut intake, weeks, &AnswerValue::Number(30)).unwrap();
        assert!(weeks.applies(&intake));
        apply(
            &mut intake,
            find("sex").unwrap(),
            &AnswerValue::choice("male"),
        )
        .unwrap();
        assert!(!pregnant.applies(&intake));
        clear_unasked(&mut intake);
        assert_eq!(
            intake.pregnancy_weeks, None,
            "follow-ups of a dropped question are cleared"
        );
        assert_eq!(intake.pregnant, Answer::NotAnswered);

        let areas = find("numbness_areas").unwrap();
        assert!(!areas.applies(&intake));
        apply(
            &mut intake,
            find("pins_and_needles").unwrap(),
            &AnswerValue::choice("yes"),
        )
        .unwrap();
        assert!(areas.applies(&intake));

        let leg_side = find("leg_side").unwrap();
        let legs = find("leg_symptoms").unwrap();
        apply(&mut intake, legs, &AnswerValue::choice("both_legs")).unwrap();
        assert!(!leg_side.applies(&intake));
        assert!(find("leg_pain_worse_than_back").unwrap().applies(&intake));
        apply(
            &mut intake,
            legs,
            &AnswerValue::choice("below_knee_one_side"),
        )
        .unwrap();
        assert!(leg_side.applies(&intake));
    }

    #[test]
    fn questions_buckets_map_to_the_rule_thresholds() {
        let duration = find("duration_weeks").unwrap();
        let weeks = |v: &str| {
            let mut i = Intake::default();
            apply(&mut i, duration, &AnswerValue::choice(v)).unwrap();
            i.duration_weeks.unwrap().get()
        };
        assert!(weeks("1_to_2_weeks") < 2);
        // The two under-a-week buckets differ only in the days, which the heart and aorta
        // rules read as "started in the last 2 days"; longer buckets store no days.
        let days = |v: &str| {
            let mut i = Intake::default();
            apply(&mut i, duration, &AnswerValue::choice(v)).unwrap();
            (
                i.duration_weeks.unwrap().get(),
                i.duration_days.map(|d| d.get()),
            )
        };
        assert_eq!(days("under_2_days"), (0, Some(0)));
        assert_eq!(days("under_1_week"), (0, Some(2)));
        assert_eq!(days("1_to_2_weeks"), (1, None));
        let mut i = Intake::default();
        apply(&mut i, duration, &AnswerValue::choice("under_2_days")).unwrap();
        apply(&mut i, duration, &AnswerValue::choice("6_to_12_weeks")).unwrap();
        assert_eq!(
            i.duration_days, None,
            "a later, longer answer clears the days"
        );
        // An older intake that only said "under a week" reads back as that bucket.
        let old = Intake {
            duration_weeks: Some(Weeks::new(0).unwrap()),
            ..Intake::default()
        };
        assert_eq!(
            current(&old, duration),
            Some(AnswerValue::choice("under_1_week"))
        );
        assert!((2..6).contains(&weeks("2_to_6_weeks")));
        assert!((6..12).contains(&weeks("6_to_12_weeks")));
        assert!(weeks("3_to_12_months") >= 12);
        // Any number of weeks from a file reads back as some bucket.
        for w in [0, 1, 3, 7, 13, 60, 300, 5200] {
            let i = Intake {
                duration_weeks: Some(Weeks::new(w).unwrap()),
                ..Intake::default()
            };
            assert!(current(&i, duration).is_some(), "{w} weeks");
        }
        let stiffness = find("morning_stiffness_minutes").unwrap();
        let mut i = Intake::default();
        apply(&mut i, stiffness, &AnswerValue::choice("30_to_60_minutes")).unwrap();
        assert!(i.morning_stiffness_minutes.unwrap().get() > 30);
        apply(&mut i, stiffness, &AnswerValue::choice("under_30_minutes")).unwrap();
        assert!(i.morning_stiffness_minutes.unwrap().get() <= 30);
        assert_eq!(DURATION.len(), DURATION_WEEKS.len());
        assert!(DURATION_DAYS.len() < DURATION.len());
        assert_eq!(STIFFNESS.len(), STIFFNESS_MINUTES.len());
    }

    #[test]
    fn questions_warning_signs_come_first_and_can_stop_at_once() {
        let qs = questions();
        let first_other = qs
            .iter()
            .position(|q| q.section != Section::WarningSigns)
            .unwrap();
        assert!(
            qs[first_other..]
                .iter()
                .all(|q| q.section != Section::WarningSigns)
        );
        assert_eq!(qs[0].id, "other_symptoms.chest_pain");
        // Sections appear in order.
        assert!(qs.windows(2).all(|w| w[0].section <= w[1].section));
        // One "yes" to a warning sign is enough for an emergency, with nothing else answered.
        for id in [
            "other_symptoms.chest_pain",
            "bladder_change",
            "saddle_numbness",
        ] {
            let mut intake = Intake::default();
            apply(&mut intake, find(id).unwrap(), &AnswerValue::choice("yes")).unwrap();
            assert_eq!(
                crate::assess(&intake).triage.level,
                Level::Emergency,
                "{id}"
            );
        }
        // Answering "no" to every warning sign is not an emergency.
        let mut intake = Intake::default();
        for q in &qs[..first_other] {
            let no = if q.kind == Kind::YesNo { "no" } else { "none" };
            apply(&mut intake, q, &AnswerValue::choice(no)).unwrap();
        }
        assert_ne!(crate::assess(&intake).triage.level, Level::Emergency);
    }

    #[test]
    fn questions_safety_marks_follow_the_rule_table() {
        let safety: Vec<&str> = questions()
            .iter()
            .filter(|q| q.is_safety())
            .map(|q| q.id)
            .collect();
        // Every warning sign, and the risk factors the red-flag rules test.
        for q in questions()
            .iter()
            .filter(|q| q.section == Section::WarningSigns)
        {
            assert!(safety.contains(&q.id), "{}", q.id);
        }
        for id in [
            "age",
            "onset",
            "duration_weeks",
            "history.cancer",
            "history.osteoporosis",
            "history.immunosuppression",
            "history.smoking",
            "fever",
        ] {
            assert!(safety.contains(&id), "{id} is a safety question");
        }
        // Questions only the inflammatory pattern or the plan uses are not.
        for id in [
            "leg_side",
            "pregnancy_weeks",
            "effects.rest",
            "history.psoriasis",
            "morning_stiffness_minutes",
        ] {
            assert!(!safety.contains(&id), "{id} is not a safety question");
        }
    }

    #[test]
    fn questions_history_risk_questions_say_how_to_answer_if_never_told() {
        for q in questions().iter().filter(|q| q.section == Section::History) {
            let help = q.help.unwrap_or_else(|| panic!("{} has no help", q.id));
            assert!(!help.en.is_empty() && !help.es.is_empty(), "{}", q.id);
        }
        let osteo = find("history.osteoporosis").unwrap().help.unwrap();
        assert!(osteo.en.contains("answer No") && osteo.es.contains("conteste No"));
    }

    #[test]
    fn questions_answer_values_are_json_friendly() {
        let v: AnswerValue = serde_json::from_str("\"yes\"").unwrap();
        assert_eq!(v, AnswerValue::choice("yes"));
        let v: AnswerValue = serde_json::from_str("[\"low\", \"upper\"]").unwrap();
        assert_eq!(v, AnswerValue::Multi(vec!["low".into(), "upper".into()]));
        let v: AnswerValue = serde_json::from_str("7").unwrap();
        assert_eq!(v, AnswerValue::Number(7));
    }
}
