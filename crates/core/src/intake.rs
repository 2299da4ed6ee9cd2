//! The intake: everything a person tells backcare, as typed values.
//!
//! The JSON form of these types is the documented intake format (`docs/intake.md`,
//! `docs/intake.schema.json`). Unknown fields are rejected so that a misspelt red-flag
//! answer is an error, not a silent "not answered".
//!
//! "Not answered" and "don't know" are explicit values ([`Answer::NotAnswered`],
//! [`Answer::DontKnow`]); the triage treats both as *unknown*, never as "no".

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::instruments::{OdiAnswers, RmdqAnswers, StartBackAnswers};
use crate::lang::Lang;

/// The answer to a yes/no question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// The person does not know.
    DontKnow,
    /// The question was skipped or never asked.
    #[default]
    NotAnswered,
}

impl Answer {
    /// Every answer, in the order a form offers them.
    pub const ALL: [Answer; 4] = [
        Answer::Yes,
        Answer::No,
        Answer::DontKnow,
        Answer::NotAnswered,
    ];

    /// True for [`Answer::NotAnswered`]; used to keep serialised intakes short.
    pub fn is_not_answered(&self) -> bool {
        *self == Answer::NotAnswered
    }
}

/// Defines a bounded whole-number newtype that can only hold valid values.
macro_rules! bounded {
    ($(#[$doc:meta])* $name:ident($inner:ty), $min:expr, $max:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "i64", into = "i64")]
        pub struct $name($inner);

        impl $name {
            /// The smallest valid value.
            pub const MIN: $inner = $min;
            /// The largest valid value.
            pub const MAX: $inner = $max;

            /// Parses a value, saying what the valid range is when it is out of range.
            pub fn new(value: i64) -> Result<Self, $crate::intake::OutOfRange> {
                if (i64::from($min)..=i64::from($max)).contains(&value) {
                    // The range check above makes the narrowing lossless.
                    Ok(Self(value as $inner))
                } else {
                    Err($crate::intake::OutOfRange { what: $what, value, min: i64::from($min), max: i64::from($max) })
                }
            }

            /// The value.
            pub fn get(self) -> $inner {
                self.0
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "description": concat!("A whole number: ", $what, "."),
                    "type": "integer",
                    "minimum": $min,
                    "maximum": $max,
                })
            }
        }

        impl TryFrom<i64> for $name {
            type Error = $crate::intake::OutOfRange;
            fn try_from(value: i64) -> Result<Self, $crate::intake::OutOfRange> {
                Self::new(value)
            }
        }

        impl From<$name> for i64 {
            fn from(value: $name) -> i64 {
                i64::from(value.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}
pub(crate) use bounded;

/// A number outside the range its field allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} must be between {min} and {max}, got {value}")]
pub struct OutOfRange {
    /// What the number is.
    pub what: &'static str,
    /// The number given.
    pub value: i64,
    /// The smallest valid value.
    pub min: i64,
    /// The largest valid value.
    pub max: i64,
}

bounded!(
    /// Age in whole years (0-120).
    Age(u8), 0, 120, "age"
);
bounded!(
    /// Weeks of pregnancy (1-45).
    PregnancyWeeks(u8), 1, 45, "pregnancy weeks"
);
bounded!(
    /// How many weeks ago the pain started; 0 means under a week (0-5200, about 100 years).
    Weeks(u16), 0, 5200, "weeks since the pain started"
);
bounded!(
    /// How many days ago the pain started, when that is under a week (0-6).
    Days(u8), 0, 6, "days since the pain started"
);
bounded!(
    /// Minutes of morning stiffness (0-1440).
    Minutes(u16), 0, 1440, "minutes of morning stiffness"
);
bounded!(
    /// A 0-10 numeric pain rating (NRS).
    Nrs(u8), 0, 10, "a pain rating"
);

/// Sex, as far as it changes clinical risk (pregnancy, aneurysm, osteoporosis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Intersex, or the person prefers another description.
    Other,
}

/// Where the back pain is. More than one may apply.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PainArea {
    /// Lower back (lumbar).
    Low,
    /// Middle back.
    Middle,
    /// Upper back.
    Upper,
    /// Between the shoulder blades.
    BetweenShoulderBlades,
}

/// Which side the pain is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Left.
    Left,
    /// Right.
    Right,
    /// Both sides, or across the middle.
    Both,
}

/// How the pain started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Onset {
    /// Slowly, with no clear cause.
    Gradual,
    /// Suddenly, with no injury.
    Sudden,
    /// After lifting, twisting or an activity.
    LiftingOrActivity,
    /// After a minor knock or fall (for example from standing height).
    MinorTrauma,
    /// After a major injury (road accident, fall from a height, sports collision).
    MajorTrauma,
}

/// Whether the pain is changing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Course {
    /// Getting better.
    Better,
    /// About the same.
    Same,
    /// Getting worse.
    Worse,
}

/// Pain, numbness or tingling that spreads into the legs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegSymptoms {
    /// Nothing in the legs.
    None,
    /// Into the buttock or thigh, not below the knee.
    AboveKnee,
    /// Below the knee, in one leg.
    BelowKneeOneSide,
    /// In both legs at the same time.
    BothLegs,
    /// Switching from one side to the other (buttock or leg).
    Alternating,
}

/// Where numbness or pins and needles are felt. More than one may apply.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NumbArea {
    /// Buttock or thigh.
    ButtockOrThigh,
    /// Lower leg or foot on one side.
    LowerLegOrFoot,
    /// Both legs or both feet.
    BothLegs,
}

/// Weakness in the legs (for example the foot slapping down or the knee giving way).
///
/// Intakes written before `new` and `marked` existed used `stable` for any weakness that
/// was not changing, so the triage also counts weakness with pain that began under 6
/// weeks ago as new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Weakness {
    /// No weakness.
    None,
    /// Mild weakness that has been there for weeks or longer and is not changing.
    Stable,
    /// Weakness that started in the last few weeks and is not getting worse.
    New,
    /// Marked weakness, such as a foot that drops or a knee that gives way, not getting worse.
    Marked,
    /// Weakness that is getting worse.
    GettingWorse,
    /// The person is not sure.
    DontKnow,
}

/// How an activity or position changes the pain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Makes it better.
    Better,
    /// Makes it worse.
    Worse,
    /// Makes no difference.
    NoChange,
    /// The person is not sure.
    DontKnow,
}

/// What makes the pain better or worse. `None` means not answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)] // Field names are the questions.
pub struct Effects {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercise: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rest: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sitting: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bending_forward: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bending_backward: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub walking: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lying_down: Option<Effect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coughing: Option<Effect>,
}

/// Past and present health conditions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)] // Field names are the conditions.
pub struct History {
    /// Cancer at any time in the past, or now.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub cancer: Answer,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub osteoporosis: Answer,
    /// Steroid tablets (such as prednisolone) for 3 months or more.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub long_term_steroids: Answer,
    /// A weak immune system (HIV, chemotherapy, transplant or other immune-lowering drugs).
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub immunosuppression: Answer,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub injected_drug_use: Answer,
    /// Spinal surgery, an injection or another procedure on the spine in the last 3 months.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub recent_spinal_procedure: Answer,
    /// A bacterial infection (urine, skin, blood, chest) in the last 3 months.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub recent_bacterial_infection: Answer,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub psoriasis: Answer,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub inflammatory_bowel_disease: Answer,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub uveitis: Answer,
    /// A parent, brother, sister or child with ankylosing spondylitis or axial spondyloarthritis.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub family_spondyloarthritis: Answer,
    /// Smokes now: the plan's stop-smoking advice and the aneurysm and heart rules.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub smoking: Answer,
    /// Smoked in the past, whether or not they smoke now: an aneurysm risk (NICE NG156
    /// 1.1.2), kept apart from `smoking` so the plan's stop-smoking advice goes only to
    /// those who smoke now.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub smoked_before: Answer,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub hypertension: Answer,
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub diabetes: Answer,
}

/// Symptoms from outside the spine that can show up as back pain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)] // Field names are the symptoms.
pub struct OtherSymptoms {
    /// Pain, pressure or tightness in the chest.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub chest_pain: Answer,
    /// Sudden or new shortness of breath (not the breathlessness a person always has).
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub breathlessness: Answer,
    /// A cold sweat with the pain.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub sweating: Answer,
    /// Sudden, severe, tearing or ripping pain.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub tearing_pain: Answer,
    /// A lump in the belly that beats like a pulse.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub pulsing_belly_lump: Answer,
    /// Sudden faintness, collapse or passing out (not any dizziness).
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub feeling_faint: Answer,
    /// Burning when passing urine, or needing to go much more often.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub urinary_burning_or_frequency: Answer,
    /// Severe pain that comes in waves in the side of the back, often spreading to the groin.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub colicky_side_pain: Answer,
    /// Severe pain in the belly, often with vomiting.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub severe_belly_pain: Answer,
    /// In pregnancy: bleeding from the vagina, or fluid leaking.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub pregnancy_bleeding_or_fluid: Answer,
    /// In pregnancy: regular tightenings or cramps like period pain.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub pregnancy_tightenings: Answer,
}

/// Pain ratings, 0 (no pain) to 10 (worst pain imaginable).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PainRatings {
    /// Pain right now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<Nrs>,
    /// Average pain over the last week.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average: Option<Nrs>,
    /// Worst pain over the last week.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worst: Option<Nrs>,
}

/// Everything a person tells backcare in one intake.
///
/// Every field is optional in JSON; a missing field means "not answered".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Intake {
    /// The language the person wants to read the result in.
    pub language: Lang,
    /// Age in years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<Age>,
    /// Sex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Pregnant now.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub pregnant: Answer,
    /// Weeks of pregnancy, if pregnant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pregnancy_weeks: Option<PregnancyWeeks>,

    /// Where the back pain is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pain_areas: Vec<PainArea>,
    /// Which side the back pain is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain_side: Option<Side>,
    /// How the pain started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub onset: Option<Onset>,
    /// How many weeks ago it started (0 = less than a week).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_weeks: Option<Weeks>,
    /// How many days ago it started, when under a week: tells pain of the last 2 days
    /// (which the heart and aorta rules need) from older pain. Missing in older intakes,
    /// where recent onset within a week is then unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<Days>,
    /// Whether it is getting better or worse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub course: Option<Course>,

    /// Pain, numbness or tingling spreading into the legs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leg_symptoms: Option<LegSymptoms>,
    /// Which leg, when only one is affected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leg_side: Option<Side>,
    /// Leg pain is worse than back pain.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub leg_pain_worse_than_back: Answer,
    /// Numbness anywhere in the legs.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub numbness: Answer,
    /// Pins and needles (tingling) anywhere in the legs.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub pins_and_needles: Answer,
    /// Where the numbness or tingling is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbness_areas: Vec<NumbArea>,
    /// Weakness in the legs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leg_weakness: Option<Weakness>,

    /// New trouble passing urine, leaking, or not feeling when the bladder is full.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub bladder_change: Answer,
    /// New loss of control of the bowels, or not feeling when they open.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub bowel_change: Answer,
    /// Numbness around the back passage, genitals or inner thighs ("saddle" area).
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub saddle_numbness: Answer,
    /// New changes in sexual function (erections, sensation, orgasm).
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub sexual_function_change: Answer,
    /// New trouble walking: unsteady, tripping, feet slapping down (not leg pain that
    /// comes on after walking a distance and eases with rest).
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub walking_difficulty: Answer,

    /// Fever, chills or shaking.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub fever: Answer,
    /// Night sweats that soak the bedclothes.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub night_sweats: Answer,
    /// Weight loss with no known reason.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub weight_loss: Answer,

    /// Constant pain at night that no position eases.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub night_pain: Answer,
    /// Pain even when resting that does not ease with rest.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub rest_pain: Answer,
    /// Woken by pain in the second half of the night, easing after getting up.
    #[serde(skip_serializing_if = "Answer::is_not_answered")]
    pub wakes_second_half_of_night: Answer,
    /// Minutes of stiffness after getting up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub morning_stiffness_minutes: Option<Minutes>,
    /// What makes the pain better or worse.
    pub effects: Effects,

    /// Health history.
    pub history: History,
    /// Symptoms from outside the spine.
    pub other_symptoms: OtherSymptoms,
    /// Pain ratings.
    pub pain: PainRatings,

    /// STarT Back answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_back: Option<StartBackAnswers>,
    /// Oswestry Disability Index answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub odi: Option<OdiAnswers>,
    /// Roland-Morris Disability Questionnaire answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rmdq: Option<RmdqAnswers>,
}

impl Intake {
    /// True when the pain is in the upper or middle back or between the shoulder blades.
    pub fn has_thoracic_pain(&self) -> bool {
        self.pain_areas.iter().any(|a| {
            matches!(
                a,
                PainArea::Middle | PainArea::Upper | PainArea::BetweenShoulderBlades
            )
        })
    }
}

/// The JSON Schema of the intake format, generated from these types so it cannot drift.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(Intake)
}
