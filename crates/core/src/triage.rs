//! Red-flag triage: four levels, the highest wins.
//!
//! The rules themselves live in [`rules`] as one table a clinician can review
//! (`backcare rules` prints it). This module holds the small condition language the
//! table is written in and the evaluator.
//!
//! Conditions use three-valued (Kleene) logic. An answer of "don't know", or no answer
//! at all, is *unknown*, never "no". A rule whose condition is unknown fires at its
//! `if_unsure` level, so a skipped red-flag question escalates instead of passing
//! silently. Conditions never negate a fact, so adding a "yes" can only raise the level
//! and "don't know" can never give a lower level than "no" (both are property-tested).

pub mod open;
pub mod rules;
pub mod safety_net;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::intake::{
    Answer, Course, Effect, Intake, LegSymptoms, NumbArea, Onset, PainArea, Sex, Weakness,
};
use crate::lang::{Lang, Text, t};

/// How urgently to seek care. Ordered: a later variant is more urgent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Self-management with a plan; see a clinician if not clearly better in 4-6 weeks.
    SelfCare,
    /// Book a doctor or specialist within about two weeks.
    Soon,
    /// See a doctor today.
    Urgent,
    /// Call emergency services or go to an emergency department now.
    Emergency,
}

impl Level {
    /// Every level, least urgent first.
    pub const ALL: [Level; 4] = [
        Level::SelfCare,
        Level::Soon,
        Level::Urgent,
        Level::Emergency,
    ];

    /// The identifier used in JSON and in the rule table.
    pub fn id(self) -> &'static str {
        match self {
            Level::SelfCare => "self_care",
            Level::Soon => "soon",
            Level::Urgent => "urgent",
            Level::Emergency => "emergency",
        }
    }

    /// A short heading for the level.
    pub fn title(self) -> Text {
        match self {
            Level::Emergency => t("Emergency: get help now", "Emergencia: pida ayuda ahora"),
            Level::Urgent => t("Urgent: see a doctor today", "Urgente: vea a un médico hoy"),
            Level::Soon => t(
                "Soon: book a doctor within about two weeks",
                "Pronto: pida cita con un médico en unas dos semanas",
            ),
            Level::SelfCare => t(
                "Self-care: you can start looking after your back at home",
                "Autocuidado: puede empezar a cuidar su espalda en casa",
            ),
        }
    }

    /// What to do, in one or two plain sentences.
    pub fn action(self) -> Text {
        match self {
            Level::Emergency => t(
                "Call your emergency number (112 in Europe, 911 in the US, 999 in the UK) or go to an emergency department now. Do not drive yourself.",
                "Llame a su número de emergencias (112 en Europa, 911 en EE. UU., 999 en el Reino Unido) o vaya ahora a urgencias de un hospital. No conduzca usted.",
            ),
            Level::Urgent => t(
                "See a doctor today: call your doctor's surgery or an urgent care service now. If you cannot be seen today, go to an emergency department.",
                "Vea a un médico hoy: llame ahora a su centro de salud o a un servicio de urgencias. Si no le pueden ver hoy, vaya a urgencias de un hospital.",
            ),
            Level::Soon => t(
                "Book an appointment with a doctor within about two weeks. Go sooner if things get worse.",
                "Pida cita con un médico en las próximas dos semanas más o menos. Vaya antes si empeora.",
            ),
            Level::SelfCare => t(
                "You can manage this at home with a plan: keep moving and follow your exercises. See a doctor or physiotherapist if you are not clearly better in 4 to 6 weeks, or at once if you get worse or notice any warning sign.",
                "Puede cuidarse en casa con un plan: siga moviéndose y haga sus ejercicios. Vea a un médico o fisioterapeuta si no está claramente mejor en 4 a 6 semanas, o enseguida si empeora o nota alguna señal de alarma.",
            ),
        }
    }
}

/// The kind of problem a rule looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Pressure on the nerves at the bottom of the spine.
    CaudaEquina,
    /// Cancer in or spreading to the spine.
    Cancer,
    /// Infection of the spine.
    Infection,
    /// A broken bone in the spine.
    Fracture,
    /// Nerve damage: weakness, numbness, trouble walking.
    Neurological,
    /// Inflammatory back pain (axial spondyloarthritis).
    Inflammatory,
    /// A problem outside the spine that shows up as back pain (heart, aorta, kidney, pregnancy).
    NonSpinal,
    /// Anything else worth a clinician's look.
    Other,
}

impl Family {
    /// The identifier used in JSON and in the rule table.
    pub fn id(self) -> &'static str {
        match self {
            Family::CaudaEquina => "cauda_equina",
            Family::Cancer => "cancer",
            Family::Infection => "infection",
            Family::Fracture => "fracture",
            Family::Neurological => "neurological",
            Family::Inflammatory => "inflammatory",
            Family::NonSpinal => "non_spinal",
            Family::Other => "other",
        }
    }
}

/// A three-valued truth: answers may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Truth {
    /// Definitely not.
    False,
    /// Not known: "don't know" or not answered.
    Unknown,
    /// Definitely yes.
    True,
}

impl Truth {
    fn from_bool(b: bool) -> Truth {
        if b { Truth::True } else { Truth::False }
    }

    fn and(self, other: Truth) -> Truth {
        self.min(other)
    }

    fn or(self, other: Truth) -> Truth {
        self.max(other)
    }
}

impl From<Answer> for Truth {
    fn from(a: Answer) -> Truth {
        match a {
            Answer::Yes => Truth::True,
            Answer::No => Truth::False,
            Answer::DontKnow | Answer::NotAnswered => Truth::Unknown,
        }
    }
}

/// An activity or position that may change the pain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Activity {
    Exercise,
    Rest,
    Sitting,
    BendingForward,
    BendingBackward,
    Walking,
    LyingDown,
    Coughing,
}

impl Activity {
    fn effect(self, intake: &Intake) -> Option<Effect> {
        let e = &intake.effects;
        match self {
            Activity::Exercise => e.exercise,
            Activity::Rest => e.rest,
            Activity::Sitting => e.sitting,
            Activity::BendingForward => e.bending_forward,
            Activity::BendingBackward => e.bending_backward,
            Activity::Walking => e.walking,
            Activity::LyingDown => e.lying_down,
            Activity::Coughing => e.coughing,
        }
    }

    fn name(self) -> Text {
        match self {
            Activity::Exercise => t("exercise", "el ejercicio"),
            Activity::Rest => t("rest", "el reposo"),
            Activity::Sitting => t("sitting", "estar sentado"),
            Activity::BendingForward => t("bending forward", "inclinarse hacia delante"),
            Activity::BendingBackward => t("bending backward", "inclinarse hacia atrás"),
            Activity::Walking => t("walking", "caminar"),
            Activity::LyingDown => t("lying down", "estar tumbado"),
            Activity::Coughing => t("coughing or sneezing", "toser o estornudar"),
        }
    }
}

/// One fact about a person that a rule or a pattern criterion can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // `Fact::describe` is the documentation, in both languages.
pub enum Fact {
    BladderChange,
    BowelChange,
    SaddleNumbness,
    SexualFunctionChange,
    WalkingDifficulty,
    WeaknessAny,
    WeaknessWorsening,
    /// Weakness the person says started in the last few weeks.
    WeaknessNew,
    /// Marked weakness, such as a foot drop.
    WeaknessMarked,
    NumbOrTingling,
    LegSymptomsAny,
    LegBelowKnee,
    LegSymptomsOneSide,
    BilateralLegSymptoms,
    AlternatingButtockPain,
    LegWorseThanBack,
    Fever,
    NightSweats,
    WeightLoss,
    NightPain,
    RestPain,
    WakesSecondHalfOfNight,
    MorningStiffnessOver(u16),
    CancerHistory,
    Osteoporosis,
    LongTermSteroids,
    Immunosuppression,
    InjectedDrugUse,
    RecentSpinalProcedure,
    RecentBacterialInfection,
    Psoriasis,
    InflammatoryBowelDisease,
    Uveitis,
    FamilySpondyloarthritis,
    Smoking,
    /// Smoked in the past.
    SmokedBefore,
    Hypertension,
    Diabetes,
    ChestPain,
    Breathlessness,
    Sweating,
    TearingPain,
    PulsingBellyLump,
    FeelingFaint,
    UrinarySymptoms,
    ColickySidePain,
    SevereBellyPain,
    Pregnant,
    PregnancyBleedingOrFluid,
    PregnancyTightenings,
    Male,
    AgeOver(u8),
    AgeUnder(u8),
    /// Age when the pain began, from age minus duration.
    OnsetAgeUnder(u8),
    DurationUnderWeeks(u16),
    DurationAtLeastWeeks(u16),
    /// The pain started less than this many days ago (at most 7).
    DurationUnderDays(u8),
    /// Pain rated at least this much out of 10, now or at its worst in the last week.
    PainAtLeast(u8),
    OnsetGradual,
    OnsetSudden,
    OnsetLifting,
    OnsetMinorTrauma,
    OnsetMajorTrauma,
    CourseWorse,
    CourseNotBetter,
    LowBackPain,
    ThoracicPain,
    UpperBackPain,
    Better(Activity),
    Worse(Activity),
    /// Makes no difference, or makes it worse.
    NotBetter(Activity),
    /// Does not make it worse (better or no difference).
    NotWorse(Activity),
}

/// Kleene truth of "the leg weakness answer is `wanted`"; "don't know" is unknown.
fn weakness_is(i: &Intake, wanted: Weakness) -> Truth {
    match i.leg_weakness {
        None | Some(Weakness::DontKnow) => Truth::Unknown,
        Some(w) => Truth::from_bool(w == wanted),
    }
}

/// Kleene truth of "this enum field has one of these values"; unknown when unanswered.
fn one_of<T: PartialEq>(value: Option<T>, wanted: &[T]) -> Truth {
    value.map_or(Truth::Unknown, |v| Truth::from_bool(wanted.contains(&v)))
}

fn effect_is(intake: &Intake, activity: Activity, wanted: &[Effect]) -> Truth {
    match activity.effect(intake) {
        None | Some(Effect::DontKnow) => Truth::Unknown,
        Some(e) => Truth::from_bool(wanted.contains(&e)),
    }
}

impl Fact {
    /// Whether this fact holds for `intake`.
    pub fn eval(self, i: &Intake) -> Truth {
        use Fact as F;
        let h = &i.history;
        let o = &i.other_symptoms;
        let age = i.age.map(|a| a.get());
        let weeks = i.duration_weeks.map(|w| w.get());
        match self {
            F::BladderChange => i.bladder_change.into(),
            F::BowelChange => i.bowel_change.into(),
            F::SaddleNumbness => i.saddle_numbness.into(),
            F::SexualFunctionChange => i.sexual_function_change.into(),
            F::WalkingDifficulty => i.walking_difficulty.into(),
            F::WeaknessAny => match i.leg_weakness {
                None | Some(Weakness::DontKnow) => Truth::Unknown,
                Some(w) => Truth::from_bool(w != Weakness::None),
            },
            F::WeaknessWorsening => weakness_is(i, Weakness::GettingWorse),
            F::WeaknessNew => weakness_is(i, Weakness::New),
            F::WeaknessMarked => weakness_is(i, Weakness::Marked),
            F::NumbOrTingling => Truth::from(i.numbness).or(i.pins_and_needles.into()),
            F::LegSymptomsAny => one_of(
                i.leg_symptoms,
                &[
                    LegSymptoms::AboveKnee,
                    LegSymptoms::BelowKneeOneSide,
                    LegSymptoms::BothLegs,
                    LegSymptoms::Alternating,
                ],
            ),
            F::LegBelowKnee => one_of(
                i.leg_symptoms,
                &[LegSymptoms::BelowKneeOneSide, LegSymptoms::BothLegs],
            ),
            F::LegSymptomsOneSide => one_of(
                i.leg_symptoms,
                &[LegSymptoms::AboveKnee, LegSymptoms::BelowKneeOneSide],
            ),
            F::BilateralLegSymptoms => {
                let numb_both = Truth::from_bool(i.numbness_areas.contains(&NumbArea::BothLegs));
                // Pain that switches sides is an inflammatory feature (Berlin criteria),
                // not both legs at once, so it is not counted here.
                one_of(i.leg_symptoms, &[LegSymptoms::BothLegs]).or(numb_both)
            }
            F::AlternatingButtockPain => one_of(i.leg_symptoms, &[LegSymptoms::Alternating]),
            F::LegWorseThanBack => i.leg_pain_worse_than_back.into(),
            F::Fever => i.fever.into(),
            F::NightSweats => i.night_sweats.into(),
            F::WeightLoss => i.weight_loss.into(),
            F::NightPain => i.night_pain.into(),
            F::RestPain => i.rest_pain.into(),
            F::WakesSecondHalfOfNight => i.wakes_second_half_of_night.into(),
            F::MorningStiffnessOver(m) => i
                .morning_stiffness_minutes
                .map_or(Truth::Unknown, |s| Truth::from_bool(s.get() > m)),
            F::CancerHistory => h.cancer.into(),
            F::Osteoporosis => h.osteoporosis.into(),
            F::LongTermSteroids => h.long_term_steroids.into(),
            F::Immunosuppression => h.immunosuppression.into(),
            F::InjectedDrugUse => h.injected_drug_use.into(),
            F::RecentSpinalProcedure => h.recent_spinal_procedure.into(),
            F::RecentBacterialInfection => h.recent_bacterial_infection.into(),
            F::Psoriasis => h.psoriasis.into(),
            F::InflammatoryBowelDisease => h.inflammatory_bowel_disease.into(),
            F::Uveitis => h.uveitis.into(),
            F::FamilySpondyloarthritis => h.family_spondyloarthritis.into(),
            F::Smoking => h.smoking.into(),
            F::SmokedBefore => h.smoked_before.into(),
            F::Hypertension => h.hypertension.into(),
            F::Diabetes => h.diabetes.into(),
            F::ChestPain => o.chest_pain.into(),
            F::Breathlessness => o.breathlessness.into(),
            F::Sweating => o.sweating.into(),
            F::TearingPain => o.tearing_pain.into(),
            F::PulsingBellyLump => o.pulsing_belly_lump.into(),
            F::FeelingFaint => o.feeling_faint.into(),
            F::UrinarySymptoms => o.urinary_burning_or_frequency.into(),
            F::ColickySidePain => o.colicky_side_pain.into(),
            F::SevereBellyPain => o.severe_belly_pain.into(),
            F::Pregnant => match i.sex {
                Some(Sex::Male) => Truth::False,
                _ => i.pregnant.into(),
            },
            F::PregnancyBleedingOrFluid => o.pregnancy_bleeding_or_fluid.into(),
            F::PregnancyTightenings => o.pregnancy_tightenings.into(),
            F::Male => one_of(i.sex, &[Sex::Male]),
            F::AgeOver(n) => age.map_or(Truth::Unknown, |a| Truth::from_bool(a > n)),
            F::AgeUnder(n) => age.map_or(Truth::Unknown, |a| Truth::from_bool(a < n)),
            F::OnsetAgeUnder(n) => match (age, weeks) {
                (Some(a), Some(w)) => {
                    Truth::from_bool(u32::from(a) * 52 < u32::from(n) * 52 + u32::from(w))
                }
                // Someone younger than `n` now was younger than `n` when it began.
                (Some(a), None) if a < n => Truth::True,
                _ => Truth::Unknown,
            },
            F::DurationUnderWeeks(n) => weeks.map_or(Truth::Unknown, |w| Truth::from_bool(w < n)),
            F::DurationAtLeastWeeks(n) => {
                weeks.map_or(Truth::Unknown, |w| Truth::from_bool(w >= n))
            }
            F::DurationUnderDays(n) => match (i.duration_days, weeks) {
                (Some(d), _) => Truth::from_bool(d.get() < n),
                // A week or more is never under `n` days (n is at most 7).
                (None, Some(w)) if w >= 1 => Truth::False,
                // Older intakes said only "under a week".
                _ => Truth::Unknown,
            },
            F::PainAtLeast(n) => {
                let rated = |r: Option<crate::intake::Nrs>| {
                    r.map_or(Truth::Unknown, |r| Truth::from_bool(r.get() >= n))
                };
                rated(i.pain.now).or(rated(i.pain.worst))
            }
            F::OnsetGradual => one_of(i.onset, &[Onset::Gradual]),
            F::OnsetSudden => one_of(i.onset, &[Onset::Sudden]),
            F::OnsetLifting => one_of(i.onset, &[Onset::LiftingOrActivity]),
            F::OnsetMinorTrauma => one_of(i.onset, &[Onset::MinorTrauma]),
            F::OnsetMajorTrauma => one_of(i.onset, &[Onset::MajorTrauma]),
            F::CourseWorse => one_of(i.course, &[Course::Worse]),
            F::CourseNotBetter => one_of(i.course, &[Course::Same, Course::Worse]),
            F::LowBackPain => area(i, &[PainArea::Low]),
            F::ThoracicPain => area(
                i,
                &[
                    PainArea::Middle,
                    PainArea::Upper,
                    PainArea::BetweenShoulderBlades,
                ],
            ),
            F::UpperBackPain => area(i, &[PainArea::Upper, PainArea::BetweenShoulderBlades]),
            F::Better(a) => effect_is(i, a, &[Effect::Better]),
            F::Worse(a) => effect_is(i, a, &[Effect::Worse]),
            F::NotBetter(a) => effect_is(i, a, &[Effect::Worse, Effect::NoChange]),
            F::NotWorse(a) => effect_is(i, a, &[Effect::Better, Effect::NoChange]),
        }
    }

    /// The fact in plain words, for rule tables and "why" lists.
    pub fn describe(self, lang: Lang) -> String {
        use Fact as F;
        let fixed = |en: &str, es: &str| match lang {
            Lang::En => en.to_owned(),
            Lang::Es => es.to_owned(),
        };
        let act = |a: Activity| a.name().get(lang);
        match self {
            F::BladderChange => fixed(
                "new bladder problems (cannot pass urine, leaking, or no feeling)",
                "problemas nuevos con la vejiga (no puede orinar, se le escapa o no lo nota)",
            ),
            F::BowelChange => fixed(
                "new loss of bowel control or feeling",
                "pérdida nueva del control o de la sensación al hacer de vientre",
            ),
            F::SaddleNumbness => fixed(
                "numbness around the back passage, genitals or inner thighs",
                "adormecimiento alrededor del ano, los genitales o la cara interna de los muslos",
            ),
            F::SexualFunctionChange => fixed(
                "new change in sexual function",
                "cambio nuevo en la función sexual",
            ),
            F::WalkingDifficulty => fixed(
                "new trouble walking or unsteadiness",
                "dificultad nueva para caminar o inestabilidad",
            ),
            F::WeaknessAny => fixed("weakness in a leg", "debilidad en una pierna"),
            F::WeaknessWorsening => fixed(
                "leg weakness that is getting worse",
                "debilidad en las piernas que va a peor",
            ),
            F::WeaknessNew => fixed(
                "leg weakness that started in the last few weeks",
                "debilidad en las piernas que empezó en las últimas semanas",
            ),
            F::WeaknessMarked => fixed(
                "marked leg weakness, such as a foot that drops",
                "debilidad marcada en las piernas, como un pie que se cae",
            ),
            F::NumbOrTingling => fixed(
                "numbness or pins and needles in the legs",
                "adormecimiento u hormigueo en las piernas",
            ),
            F::LegSymptomsAny => fixed(
                "pain or tingling spreading into a leg",
                "dolor u hormigueo que baja a una pierna",
            ),
            F::LegBelowKnee => fixed(
                "leg pain below the knee",
                "dolor en la pierna por debajo de la rodilla",
            ),
            F::LegSymptomsOneSide => fixed(
                "leg symptoms on one side only",
                "síntomas en una sola pierna",
            ),
            F::BilateralLegSymptoms => fixed(
                "pain, numbness or tingling in both legs",
                "dolor, adormecimiento u hormigueo en las dos piernas",
            ),
            F::AlternatingButtockPain => fixed(
                "buttock pain that switches sides",
                "dolor de nalga que cambia de lado",
            ),
            F::LegWorseThanBack => fixed(
                "leg pain worse than back pain",
                "dolor de pierna peor que el de espalda",
            ),
            F::Fever => fixed("fever, chills or shaking", "fiebre, escalofríos o tiritona"),
            F::NightSweats => fixed("soaking night sweats", "sudores nocturnos que empapan"),
            F::WeightLoss => fixed(
                "weight loss with no known reason",
                "pérdida de peso sin causa conocida",
            ),
            F::NightPain => fixed(
                "constant pain at night that no position eases",
                "dolor constante por la noche que no alivia ninguna postura",
            ),
            F::RestPain => fixed(
                "pain at rest that rest does not ease",
                "dolor en reposo que no mejora al descansar",
            ),
            F::WakesSecondHalfOfNight => fixed(
                "woken by pain in the second half of the night",
                "le despierta el dolor en la segunda mitad de la noche",
            ),
            F::MorningStiffnessOver(m) => match lang {
                Lang::En => format!("morning stiffness longer than {m} minutes"),
                Lang::Es => format!("rigidez por la mañana de más de {m} minutos"),
            },
            F::CancerHistory => fixed("cancer now or in the past", "cáncer ahora o en el pasado"),
            F::Osteoporosis => fixed(
                "osteoporosis (thin bones)",
                "osteoporosis (huesos frágiles)",
            ),
            F::LongTermSteroids => fixed(
                "steroid tablets for 3 months or more",
                "corticoides en pastillas durante 3 meses o más",
            ),
            F::Immunosuppression => fixed(
                "a weak immune system",
                "defensas bajas (sistema inmunitario débil)",
            ),
            F::InjectedDrugUse => fixed("injecting drugs", "consumo de drogas inyectadas"),
            F::RecentSpinalProcedure => fixed(
                "spinal surgery or a spinal injection in the last 3 months",
                "operación o inyección en la columna en los últimos 3 meses",
            ),
            F::RecentBacterialInfection => fixed(
                "a bacterial infection in the last 3 months",
                "una infección bacteriana en los últimos 3 meses",
            ),
            F::Psoriasis => fixed("psoriasis", "psoriasis"),
            F::InflammatoryBowelDisease => fixed(
                "Crohn's disease or ulcerative colitis",
                "enfermedad de Crohn o colitis ulcerosa",
            ),
            F::Uveitis => fixed("uveitis (painful red eye)", "uveítis (ojo rojo y doloroso)"),
            F::FamilySpondyloarthritis => fixed(
                "a close relative with spondyloarthritis",
                "un familiar cercano con espondiloartritis",
            ),
            F::Smoking => fixed("smoking", "fumar"),
            F::SmokedBefore => fixed("smoked in the past", "haber fumado antes"),
            F::Hypertension => fixed("high blood pressure", "tensión arterial alta"),
            F::Diabetes => fixed("diabetes", "diabetes"),
            F::ChestPain => fixed(
                "chest pain, pressure or tightness",
                "dolor, presión u opresión en el pecho",
            ),
            F::Breathlessness => fixed(
                "sudden or new shortness of breath",
                "falta de aire repentina o nueva",
            ),
            F::Sweating => fixed("a cold sweat with the pain", "sudor frío con el dolor"),
            F::TearingPain => fixed(
                "sudden tearing or ripping pain",
                "dolor repentino como un desgarro",
            ),
            F::PulsingBellyLump => fixed(
                "a pulsing lump in the belly",
                "un bulto en la barriga que late",
            ),
            F::FeelingFaint => fixed(
                "sudden faintness, collapse or passing out",
                "sensación repentina de desmayo, caída sin fuerzas o pérdida del conocimiento",
            ),
            F::UrinarySymptoms => fixed(
                "burning or frequent urination",
                "escozor al orinar u orinar muy a menudo",
            ),
            F::ColickySidePain => fixed(
                "severe pain in waves in the side, spreading to the groin",
                "dolor fuerte a oleadas en el costado que baja a la ingle",
            ),
            F::SevereBellyPain => fixed("severe belly pain", "dolor fuerte de barriga"),
            F::Pregnant => fixed("pregnant", "embarazada"),
            F::PregnancyBleedingOrFluid => fixed(
                "bleeding or fluid loss in pregnancy",
                "sangrado o pérdida de líquido en el embarazo",
            ),
            F::PregnancyTightenings => fixed(
                "regular tightenings or cramps in pregnancy",
                "contracciones o calambres regulares en el embarazo",
            ),
            F::Male => fixed("male", "hombre"),
            F::AgeOver(n) => match lang {
                Lang::En => format!("older than {n}"),
                Lang::Es => format!("más de {n} años"),
            },
            F::AgeUnder(n) => match lang {
                Lang::En => format!("younger than {n}"),
                Lang::Es => format!("menos de {n} años"),
            },
            F::OnsetAgeUnder(n) => match lang {
                Lang::En => format!("the pain began before age {n}"),
                Lang::Es => format!("el dolor empezó antes de los {n} años"),
            },
            F::DurationUnderWeeks(n) => match lang {
                Lang::En => format!("pain started less than {n} weeks ago"),
                Lang::Es => format!("el dolor empezó hace menos de {n} semanas"),
            },
            F::DurationAtLeastWeeks(n) => match lang {
                Lang::En => format!("pain for {n} weeks or more"),
                Lang::Es => format!("dolor desde hace {n} semanas o más"),
            },
            F::DurationUnderDays(n) => match lang {
                Lang::En => format!("pain started in the last {n} days"),
                Lang::Es => format!("el dolor empezó en los últimos {n} días"),
            },
            F::PainAtLeast(n) => match lang {
                Lang::En => format!("severe pain ({n} or more out of 10)"),
                Lang::Es => format!("dolor fuerte ({n} o más sobre 10)"),
            },
            F::OnsetGradual => fixed(
                "came on slowly with no clear cause",
                "empezó poco a poco sin causa clara",
            ),
            F::OnsetSudden => fixed(
                "came on suddenly with no injury",
                "empezó de repente sin lesión",
            ),
            F::OnsetLifting => fixed(
                "started after lifting or an activity",
                "empezó tras levantar peso o una actividad",
            ),
            F::OnsetMinorTrauma => fixed(
                "started after a minor fall or knock",
                "empezó tras una caída o golpe leve",
            ),
            F::OnsetMajorTrauma => fixed(
                "started after a major injury",
                "empezó tras una lesión grave",
            ),
            F::CourseWorse => fixed("getting worse", "va a peor"),
            F::CourseNotBetter => fixed("not getting better", "no mejora"),
            F::LowBackPain => fixed(
                "pain in the lower back",
                "dolor en la parte baja de la espalda",
            ),
            F::ThoracicPain => fixed(
                "pain in the middle or upper back",
                "dolor en la parte media o alta de la espalda",
            ),
            F::UpperBackPain => fixed(
                "pain in the upper back or between the shoulder blades",
                "dolor en la parte alta de la espalda o entre los omóplatos",
            ),
            F::Better(a) => match lang {
                Lang::En => format!("better with {}", act(a)),
                Lang::Es => format!("mejora con {}", act(a)),
            },
            F::Worse(a) => match lang {
                Lang::En => format!("worse with {}", act(a)),
                Lang::Es => format!("empeora con {}", act(a)),
            },
            F::NotBetter(a) => match lang {
                Lang::En => format!("not better with {}", act(a)),
                Lang::Es => format!("no mejora con {}", act(a)),
            },
            F::NotWorse(a) => match lang {
                Lang::En => format!("not worse with {}", act(a)),
                Lang::Es => format!("no empeora con {}", act(a)),
            },
        }
    }
}

fn area(i: &Intake, wanted: &[PainArea]) -> Truth {
    if i.pain_areas.is_empty() {
        Truth::Unknown
    } else {
        Truth::from_bool(i.pain_areas.iter().any(|a| wanted.contains(a)))
    }
}

/// A condition over facts. There is deliberately no negation (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cond {
    /// Always true: the self-care default.
    Always,
    /// One fact.
    Is(Fact),
    /// Every condition holds.
    All(&'static [Cond]),
    /// At least one condition holds.
    Any(&'static [Cond]),
    /// At least `n` conditions hold (criteria counts such as ASAS 4 of 5).
    AtLeast(usize, &'static [Cond]),
}

impl Cond {
    /// Kleene evaluation.
    pub fn eval(&self, i: &Intake) -> Truth {
        match self {
            Cond::Always => Truth::True,
            Cond::Is(f) => f.eval(i),
            Cond::All(cs) => cs.iter().fold(Truth::True, |acc, c| acc.and(c.eval(i))),
            Cond::Any(cs) => cs.iter().fold(Truth::False, |acc, c| acc.or(c.eval(i))),
            Cond::AtLeast(n, cs) => {
                let (mut yes, mut unknown) = (0, 0);
                for c in *cs {
                    match c.eval(i) {
                        Truth::True => yes += 1,
                        Truth::Unknown => unknown += 1,
                        Truth::False => {}
                    }
                }
                if yes >= *n {
                    Truth::True
                } else if yes + unknown >= *n {
                    Truth::Unknown
                } else {
                    Truth::False
                }
            }
        }
    }

    /// Every fact this condition mentions, in order, with its truth for `i`.
    pub fn facts(&self, i: &Intake, out: &mut Vec<(Fact, Truth)>) {
        match self {
            Cond::Always => {}
            Cond::Is(f) => {
                if !out.iter().any(|(g, _)| g == f) {
                    out.push((*f, f.eval(i)));
                }
            }
            Cond::All(cs) | Cond::Any(cs) | Cond::AtLeast(_, cs) => {
                cs.iter().for_each(|c| c.facts(i, out))
            }
        }
    }

    /// The condition in plain words, for people (`and`, `or`).
    pub fn describe(&self, lang: Lang) -> String {
        self.describe_with(lang, false)
    }

    /// The condition for the clinicians' rule table, with `AND`/`OR` in capitals so they
    /// stand out from the "or" inside a fact's own wording.
    pub fn describe_for_review(&self, lang: Lang) -> String {
        self.describe_with(lang, true)
    }

    fn describe_with(&self, lang: Lang, capitals: bool) -> String {
        let word = |en: &str, es: &str| {
            let w = if lang == Lang::En { en } else { es };
            if capitals {
                w.to_uppercase()
            } else {
                w.to_owned()
            }
        };
        let join = |cs: &[Cond], sep: String| {
            cs.iter()
                .map(|c| match c {
                    Cond::Is(_) | Cond::Always => c.describe_with(lang, capitals),
                    _ => format!("({})", c.describe_with(lang, capitals)),
                })
                .collect::<Vec<_>>()
                .join(&sep)
        };
        match self {
            Cond::Always => match lang {
                Lang::En => "no rule above applies".to_owned(),
                Lang::Es => "no se aplica ninguna regla anterior".to_owned(),
            },
            Cond::Is(f) => f.describe(lang),
            Cond::All(cs) => join(cs, format!(" {} ", word("and", "y"))),
            Cond::Any(cs) => join(cs, format!(" {} ", word("or", "o"))),
            Cond::AtLeast(n, cs) => match lang {
                Lang::En => format!("at least {n} of: {}", join(cs, "; ".to_owned())),
                Lang::Es => format!("al menos {n} de: {}", join(cs, "; ".to_owned())),
            },
        }
    }
}

/// One row of the rule table.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable identifier, e.g. `CES-BLADDER`.
    pub id: &'static str,
    /// What kind of problem it looks for.
    pub family: Family,
    /// The level when the condition is true.
    pub level: Level,
    /// The level when the condition is unknown (an answer was "don't know" or skipped);
    /// `None` only where a missing answer cannot hide this problem, with the reason
    /// given in the table.
    pub if_unsure: Option<Level>,
    /// When it fires.
    pub when: Cond,
    /// The possible problem, in a few words, for "to be safe" messages.
    pub concern: Text,
    /// What to do, whom to see, how soon and what to tell them.
    pub advice: Text,
    /// The published source the rule follows, described in both languages.
    pub source: Text,
}

/// A rule that fired, in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Reason {
    /// The rule's identifier.
    pub rule_id: &'static str,
    /// What kind of problem it looks for.
    pub family: Family,
    /// The level this rule gives.
    pub level: Level,
    /// False when it fired only because an answer was "don't know" or skipped.
    pub certain: bool,
    /// The possible problem.
    pub concern: String,
    /// What to do.
    pub advice: String,
    /// The answers that made it fire (or, when not certain, the ones that were unknown).
    pub because: Vec<String>,
    /// The published source.
    pub source: &'static str,
}

/// The triage result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Triage {
    /// The most urgent level of any rule that fired.
    pub level: Level,
    /// The level's heading.
    pub title: String,
    /// What to do, in plain words.
    pub action: String,
    /// Every rule that fired, most urgent first.
    pub reasons: Vec<Reason>,
}

const ALSO_TELL: Text = t("Also tell the doctor about", "Cuéntele también al médico");

/// What the result page needs of a fired rule, so a result computed now ([`Reason`]) and
/// one read back as issued ([`crate::record::IssuedReason`]) are shown by the same logic.
pub trait Fired {
    /// The level this rule gives.
    fn level(&self) -> Level;
    /// False when it fired only because an answer was "don't know" or skipped.
    fn certain(&self) -> bool;
    /// The possible problem, in the person's language.
    fn concern(&self) -> &str;
}

/// The two reason types carry the same three fields.
macro_rules! fired {
    ($($ty:ty),*) => {$(
        impl Fired for $ty {
            fn level(&self) -> Level {
                self.level
            }
            fn certain(&self) -> bool {
                self.certain
            }
            fn concern(&self) -> &str {
                &self.concern
            }
        }
    )*};
}
fired!(Reason, crate::record::IssuedReason);

/// The reasons whose advice a person reads in full: the definite ones at the deciding
/// `level`. A lower rule's advice ("book a doctor within about two weeks", "usually it is
/// a simple back problem") printed under an emergency would contradict the action above
/// it, so those are only named, by [`also_tell`].
pub fn deciding<R: Fired>(level: Level, reasons: &[R]) -> impl Iterator<Item = &R> {
    reasons
        .iter()
        .filter(move |r| r.certain() && r.level() == level)
}

/// The definite reasons below the deciding `level`, in the order given (most urgent first).
pub fn below<R: Fired>(level: Level, reasons: &[R]) -> impl Iterator<Item = &R> {
    reasons
        .iter()
        .filter(move |r| r.certain() && r.level() < level)
}

/// One line naming each concern of [`below`] once ("Also tell the doctor about: ..."),
/// leaving out concerns the deciding advice already names; `None` when nothing is left.
pub fn also_tell<R: Fired>(level: Level, reasons: &[R], lang: Lang) -> Option<String> {
    let shown: Vec<&str> = deciding(level, reasons).map(Fired::concern).collect();
    let mut named: Vec<&str> = Vec::new();
    for c in below(level, reasons).map(Fired::concern) {
        // "pressure on the nerves ... (cauda equina syndrome)" already covers "pressure on
        // the nerves ...": one concern, said once.
        let said = |other: &&str| other.contains(c) || c.contains(*other);
        if !shown.iter().any(said) && !named.iter().any(said) {
            named.push(c);
        }
    }
    (!named.is_empty()).then(|| format!("{}: {}.", ALSO_TELL.get(lang), named.join("; ")))
}

impl Triage {
    /// [`deciding`] for this result.
    pub fn deciding(&self) -> impl Iterator<Item = &Reason> {
        deciding(self.level, &self.reasons)
    }

    /// [`below`] for this result.
    pub fn below(&self) -> impl Iterator<Item = &Reason> {
        below(self.level, &self.reasons)
    }

    /// [`also_tell`] for this result.
    pub fn also_tell(&self, lang: Lang) -> Option<String> {
        also_tell(self.level, &self.reasons, lang)
    }
}

/// Runs every rule in [`rules::RULES`] and keeps the highest level.
pub fn triage(intake: &Intake) -> Triage {
    let lang = intake.language;
    let mut reasons: Vec<Reason> = rules::RULES
        .iter()
        .filter(|r| r.when != Cond::Always)
        .filter_map(|rule| fire(rule, intake))
        .collect();
    if reasons.is_empty() {
        reasons.extend(
            rules::RULES
                .iter()
                .filter(|r| r.when == Cond::Always)
                .filter_map(|r| fire(r, intake)),
        );
    }
    // Stable sort keeps table order within a level, so output is deterministic.
    reasons.sort_by(|a, b| b.level.cmp(&a.level).then(b.certain.cmp(&a.certain)));
    let level = reasons.first().map_or(Level::SelfCare, |r| r.level);
    Triage {
        level,
        title: level.title().get(lang).to_owned(),
        action: level.action().get(lang).to_owned(),
        reasons,
    }
}

/// Evaluates one rule; `Some` when it fires.
pub fn fire(rule: &Rule, intake: &Intake) -> Option<Reason> {
    let lang = intake.language;
    let truth = rule.when.eval(intake);
    let (level, certain, wanted) = match truth {
        Truth::True => (rule.level, true, Truth::True),
        Truth::Unknown => (rule.if_unsure?, false, Truth::Unknown),
        Truth::False => return None,
    };
    let mut facts = Vec::new();
    rule.when.facts(intake, &mut facts);
    let because = facts
        .into_iter()
        .filter(|(_, tv)| *tv == wanted)
        .map(|(f, _)| f.describe(lang))
        .collect();
    let advice = if certain {
        rule.advice.get(lang).to_owned()
    } else {
        let (intro, safe) = match lang {
            Lang::En => (
                "You were not sure about, or skipped, a question that can point to",
                "We cannot rule it out, so to be safe:",
            ),
            Lang::Es => (
                "No estaba seguro de una pregunta, o no la contestó, que puede indicar",
                "No lo podemos descartar, así que por seguridad:",
            ),
        };
        format!(
            "{intro} {}. {safe} {}",
            rule.concern.get(lang),
            level.action().get(lang)
        )
    };
    Some(Reason {
        rule_id: rule.id,
        family: rule.family,
        level,
        certain,
        concern: rule.concern.get(lang).to_owned(),
        advice,
        because,
        source: rule.source.get(lang),
    })
}

/// The rule table as Markdown, for clinician review (`backcare rules`).
pub fn rules_markdown(lang: Lang) -> String {
    let (title, intro, head) = match lang {
        Lang::En => (
            "# backcare triage rules",
            "Every rule is checked; the most urgent level that fires wins. \"If unsure\" is the level given when a deciding answer is \"don't know\" or was skipped (\"-\": the rule does not fire then, for the reason given in the source code). These rules support decisions; they do not diagnose.",
            "| ID | Family | Level | If unsure | Fires when | Advice | Source |",
        ),
        Lang::Es => (
            "# Reglas de triaje de backcare",
            "Se comprueban todas las reglas; gana el nivel más urgente que se cumpla. \"Si no está seguro\" es el nivel cuando una respuesta decisiva es \"no sé\" o no se contestó (\"-\": entonces la regla no se aplica, por la razón indicada en el código fuente). Estas reglas ayudan a decidir; no hacen diagnósticos.",
            "| ID | Familia | Nivel | Si no está seguro | Se aplica si | Consejo | Fuente |",
        ),
    };
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = format!("{title}\n\n{intro}\n\n{head}\n|---|---|---|---|---|---|---|\n");
    for r in rules::RULES {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            r.id,
            r.family.id(),
            r.level.id(),
            r.if_unsure.map_or("-", Level::id),
            cell(&r.when.describe_for_review(lang)),
            cell(r.advice.get(lang)),
            cell(r.source.get(lang)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Cond::{All, Any, AtLeast, Is};
    use super::Fact::*;
    use super::*;

    /// The numbers in a text (phone numbers, hours, weeks, ages), in order.
    fn numbers(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .collect()
    }

    /// Facts carry over between languages: every number in the English advice (an
    /// emergency phone number, "within 24 hours", "over 50") is in the Spanish too, in the
    /// same order. A translation that drops one is caught here.
    #[test]
    fn advice_has_the_same_numbers_in_both_languages() {
        let mut texts: Vec<(String, Text)> = Level::ALL
            .iter()
            .flat_map(|l| {
                [
                    (format!("{l:?} title"), l.title()),
                    (format!("{l:?} action"), l.action()),
                ]
            })
            .collect();
        for r in rules::RULES {
            texts.push((format!("{} concern", r.id), r.concern));
            texts.push((format!("{} advice", r.id), r.advice));
        }
        let differ: Vec<String> = texts
            .iter()
            .filter(|(_, t)| numbers(t.en) != numbers(t.es))
            .map(|(what, t)| format!("{what}: {:?} vs {:?}", numbers(t.en), numbers(t.es)))
            .collect();
        assert!(differ.is_empty(), "{differ:#?}");
    }

    fn intake(fever: Answer, sweats: Answer, loss: Answer) -> Intake {
        Intake {
            fever,
            night_sweats: sweats,
            weight_loss: loss,
            ..Intake::default()
        }
    }

    /// One row: a condition, the three answers, the expected truth.
    fn check(cases: &[(Cond, [Answer; 3], Truth)]) {
        for (i, (cond, [a, b, c], want)) in cases.iter().enumerate() {
            let got = cond.eval(&intake(*a, *b, *c));
            assert_eq!(got, *want, "case {i}: {cond:?} with {a:?}/{b:?}/{c:?}");
        }
    }

    const Y: Answer = Answer::Yes;
    const N: Answer = Answer::No;
    const D: Answer = Answer::DontKnow;
    const S: Answer = Answer::NotAnswered;
    const THREE: &[Cond] = &[Is(Fever), Is(NightSweats), Is(WeightLoss)];

    #[test]
    fn kleene_logic() {
        check(&[
            (All(THREE), [Y, Y, Y], Truth::True),
            (All(THREE), [Y, D, Y], Truth::Unknown),
            (All(THREE), [N, D, Y], Truth::False),
            (Any(THREE), [N, N, N], Truth::False),
            (Any(THREE), [N, S, N], Truth::Unknown),
            (Any(THREE), [D, Y, N], Truth::True),
            (AtLeast(2, THREE), [Y, Y, N], Truth::True),
            (AtLeast(2, THREE), [Y, D, N], Truth::Unknown),
            (AtLeast(2, THREE), [Y, N, N], Truth::False),
            (AtLeast(2, THREE), [D, S, N], Truth::Unknown),
        ]);
    }

    #[test]
    fn onset_age_is_age_minus_duration() {
        let mut i = Intake {
            age: Some(crate::intake::Age::new(41).unwrap()),
            ..Intake::default()
        };
        assert_eq!(Fact::OnsetAgeUnder(40).eval(&i), Truth::Unknown);
        i.duration_weeks = Some(crate::intake::Weeks::new(104).unwrap()); // began at 39
        assert_eq!(Fact::OnsetAgeUnder(40).eval(&i), Truth::True);
        i.duration_weeks = Some(crate::intake::Weeks::new(52).unwrap()); // began at 40
        assert_eq!(Fact::OnsetAgeUnder(40).eval(&i), Truth::False);
    }

    /// Recency, severity and weakness facts: unknown only when the answer is missing.
    #[test]
    fn recency_severity_and_weakness_facts() {
        use crate::intake::{Days, Nrs, Weeks};
        let with = |days: Option<i64>, weeks: Option<i64>| Intake {
            duration_days: days.map(|d| Days::new(d).unwrap()),
            duration_weeks: weeks.map(|w| Weeks::new(w).unwrap()),
            ..Intake::default()
        };
        let recent = Fact::DurationUnderDays(2);
        assert_eq!(recent.eval(&with(Some(0), Some(0))), Truth::True);
        assert_eq!(recent.eval(&with(Some(1), None)), Truth::True);
        assert_eq!(recent.eval(&with(Some(2), Some(0))), Truth::False);
        assert_eq!(recent.eval(&with(None, Some(1))), Truth::False);
        assert_eq!(recent.eval(&with(None, Some(156))), Truth::False);
        // An older intake's "under a week" cannot tell the last 2 days from the rest.
        assert_eq!(recent.eval(&with(None, Some(0))), Truth::Unknown);
        assert_eq!(recent.eval(&with(None, None)), Truth::Unknown);

        let rated = |now: Option<i64>, worst: Option<i64>| {
            let mut i = Intake::default();
            i.pain.now = now.map(|n| Nrs::new(n).unwrap());
            i.pain.worst = worst.map(|n| Nrs::new(n).unwrap());
            Fact::PainAtLeast(7).eval(&i)
        };
        assert_eq!(rated(Some(7), None), Truth::True);
        assert_eq!(rated(Some(3), Some(9)), Truth::True);
        assert_eq!(rated(Some(6), Some(6)), Truth::False);
        assert_eq!(rated(Some(6), None), Truth::Unknown);
        assert_eq!(rated(None, None), Truth::Unknown);

        let weak = |w: Option<Weakness>| Intake {
            leg_weakness: w,
            ..Intake::default()
        };
        assert_eq!(
            Fact::WeaknessNew.eval(&weak(Some(Weakness::New))),
            Truth::True
        );
        assert_eq!(
            Fact::WeaknessNew.eval(&weak(Some(Weakness::Stable))),
            Truth::False
        );
        assert_eq!(
            Fact::WeaknessMarked.eval(&weak(Some(Weakness::Marked))),
            Truth::True
        );
        assert_eq!(
            Fact::WeaknessMarked.eval(&weak(Some(Weakness::DontKnow))),
            Truth::Unknown
        );
        assert_eq!(
            Fact::WeaknessAny.eval(&weak(Some(Weakness::Marked))),
            Truth::True
        );
        assert_eq!(
            Fact::WeaknessWorsening.eval(&weak(Some(Weakness::New))),
            Truth::False
        );
    }

    /// Switching buttock pain is an inflammatory feature, not symptoms in both legs.
    #[test]
    fn alternating_buttock_pain_is_not_bilateral() {
        let i = Intake {
            leg_symptoms: Some(LegSymptoms::Alternating),
            ..Intake::default()
        };
        assert_eq!(Fact::BilateralLegSymptoms.eval(&i), Truth::False);
        assert_eq!(Fact::AlternatingButtockPain.eval(&i), Truth::True);
    }

    #[test]
    fn rule_table_is_well_formed() {
        let mut ids = std::collections::HashSet::new();
        for r in rules::RULES {
            assert!(ids.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                !r.source.en.is_empty()
                    && !r.source.es.is_empty()
                    && !r.advice.en.is_empty()
                    && !r.advice.es.is_empty(),
                "{}",
                r.id
            );
            // The Spanish description of the source keeps every reference of the English.
            crate::lang::same_citations(r.id, r.source);
            assert_ne!(
                r.advice.en, r.advice.es,
                "{}: Spanish advice is a copy of the English",
                r.id
            );
            if let Some(unsure) = r.if_unsure {
                assert!(
                    unsure <= r.level,
                    "{}: unsure level above the certain level",
                    r.id
                );
            }
            if r.level == Level::Emergency && r.when != Cond::Always {
                assert!(
                    r.if_unsure.is_some()
                        || r.id == "FX-MAJOR-TRAUMA"
                        || r.id == "NEURO-GAIT-BILATERAL",
                    "{}: an emergency rule must escalate when unsure",
                    r.id
                );
            }
        }
        assert_eq!(
            rules::RULES
                .iter()
                .filter(|r| r.when == Cond::Always)
                .count(),
            1
        );
    }

    #[test]
    fn unsure_advice_names_the_concern_and_the_safe_action() {
        let i = Intake {
            language: Lang::Es,
            bladder_change: Answer::DontKnow,
            ..Intake::default()
        };
        let ces = rules::RULES.iter().find(|r| r.id == "CES-BLADDER").unwrap();
        let reason = fire(ces, &i).unwrap();
        assert!(!reason.certain);
        assert_eq!(reason.level, Level::Urgent);
        assert!(
            reason.advice.contains("cola de caballo"),
            "{}",
            reason.advice
        );
        assert!(
            reason.advice.contains(Level::Urgent.action().es),
            "{}",
            reason.advice
        );
    }
}
