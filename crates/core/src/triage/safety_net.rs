//! The safety net: warning signs a person can recognise, and how urgent each one is.
//!
//! Every "when to get help" text backcare shows (the end of each article, the handouts'
//! warning box, the web footer) is rendered from [`SIGNS`] or checked against it with
//! [`check`]. A sign's urgency is never written down: [`Sign::level`] applies the sign to
//! an ordinary self-care case ([`baseline`]) and runs [`triage`](super::triage) on it.
//! So the words cannot disagree with the engine, and when a rule changes, every text
//! rendered from this table follows it.

mod check;

pub use check::{Finding, Unit, check, check_text, signs_named, units_of};

use super::{Level, triage};
use crate::intake::{
    Age, Answer, Course, Days, Effect, Effects, History, Intake, LegSymptoms, Minutes, Nrs, Onset,
    OtherSymptoms, PainArea, Sex, Weakness, Weeks,
};
use crate::lang::{Lang, Text, t};

/// A subject a sign belongs to, so an article shows the signs that matter for its topic.
/// A sign with no topic is general: every safety net shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    /// Pain between the shoulder blades or in the upper back.
    UpperBack,
    /// The belly and the aorta.
    Belly,
    /// Nerves to the legs: weakness, walking.
    Legs,
    /// A history of cancer.
    Cancer,
    /// Thin bones and long-term steroids.
    Osteoporosis,
    /// Infection risks.
    Infection,
    /// After spine surgery or a spinal injection.
    Surgery,
    /// Pregnancy.
    Pregnancy,
    /// The kidneys and the urine.
    Kidney,
    /// Pain at night.
    Night,
    /// Inflammatory back pain.
    Inflammatory,
}

impl Topic {
    /// Every topic.
    pub const ALL: [Topic; 11] = [
        Topic::UpperBack,
        Topic::Belly,
        Topic::Legs,
        Topic::Cancer,
        Topic::Osteoporosis,
        Topic::Infection,
        Topic::Surgery,
        Topic::Pregnancy,
        Topic::Kidney,
        Topic::Night,
        Topic::Inflammatory,
    ];

    /// The name written in a `{{safety-net: ...}}` directive.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::UpperBack => "upper-back",
            Topic::Belly => "belly",
            Topic::Legs => "legs",
            Topic::Cancer => "cancer",
            Topic::Osteoporosis => "osteoporosis",
            Topic::Infection => "infection",
            Topic::Surgery => "surgery",
            Topic::Pregnancy => "pregnancy",
            Topic::Kidney => "kidney",
            Topic::Night => "night",
            Topic::Inflammatory => "inflammatory",
        }
    }
}

/// A topic name that is not one of [`Topic::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown safety-net topic {0:?}: use one of {list}", list = Topic::ALL.map(Topic::as_str).join(", "))]
pub struct UnknownTopic(pub String);

impl std::str::FromStr for Topic {
    type Err = UnknownTopic;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Topic::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| UnknownTopic(s.to_owned()))
    }
}

/// Words that name a sign in a sentence: the sentence names the sign when, for one of
/// the patterns, every group has a term in the sentence. Terms are lowercase without
/// accents; a term ending in `*` matches the start of a word, others whole words.
pub type Pattern = &'static [&'static [&'static str]];

/// One warning sign.
#[derive(Debug, Clone, Copy)]
pub struct Sign {
    /// Stable identifier.
    pub id: &'static str,
    /// The sign in plain words, as a list item.
    pub text: Text,
    /// Topics it belongs to; empty for a general sign.
    pub topics: &'static [Topic],
    /// The answers that make it true, one function per way the sign can show (the text
    /// says "X or Y": one case for X, one for Y).
    pub cases: &'static [fn(&mut Intake)],
    /// How a sentence names it, in English.
    pub words_en: &'static [Pattern],
    /// How a sentence names it, in Spanish.
    pub words_es: &'static [Pattern],
}

impl Sign {
    /// How urgent the engine finds this sign in an otherwise simple case. When its
    /// cases differ, the most urgent wins, so the text never promises less.
    pub fn level(&self) -> Level {
        self.cases
            .iter()
            .map(|case| case_level(*case))
            .max()
            .unwrap_or(Level::SelfCare)
    }

    /// The level of each case, for tests and review.
    pub fn case_levels(&self) -> Vec<Level> {
        self.cases.iter().map(|case| case_level(*case)).collect()
    }

    /// The patterns naming the sign in `lang`.
    pub fn words(&self, lang: Lang) -> &'static [Pattern] {
        match lang {
            Lang::En => self.words_en,
            Lang::Es => self.words_es,
        }
    }

    /// True when the sign is shown for `topics` (general signs always are).
    pub fn shown_for(&self, topics: &[Topic]) -> bool {
        self.topics.is_empty() || self.topics.iter().any(|t| topics.contains(t))
    }
}

fn case_level(case: fn(&mut Intake)) -> Level {
    let mut intake = baseline(Lang::En);
    case(&mut intake);
    triage(&intake).level
}

/// An ordinary self-care case: a 40-year-old with three weeks of low back pain that came
/// on gradually and is getting better, every warning-sign question answered "no".
/// A sign is applied on top of it to find the sign's level.
pub fn baseline(language: Lang) -> Intake {
    use Answer::No;
    Intake {
        language,
        age: Age::new(40).ok(),
        sex: Some(Sex::Female),
        pregnant: No,
        pain_areas: vec![PainArea::Low],
        onset: Some(Onset::Gradual),
        duration_weeks: Weeks::new(3).ok(),
        course: Some(Course::Better),
        leg_symptoms: Some(LegSymptoms::None),
        leg_pain_worse_than_back: No,
        numbness: No,
        pins_and_needles: No,
        leg_weakness: Some(Weakness::None),
        bladder_change: No,
        bowel_change: No,
        saddle_numbness: No,
        sexual_function_change: No,
        walking_difficulty: No,
        fever: No,
        night_sweats: No,
        weight_loss: No,
        night_pain: No,
        rest_pain: No,
        wakes_second_half_of_night: No,
        morning_stiffness_minutes: Minutes::new(5).ok(),
        effects: Effects {
            exercise: Some(Effect::Better),
            rest: Some(Effect::Better),
            sitting: Some(Effect::NoChange),
            bending_forward: Some(Effect::NoChange),
            bending_backward: Some(Effect::NoChange),
            walking: Some(Effect::Better),
            lying_down: Some(Effect::Better),
            coughing: Some(Effect::NoChange),
        },
        history: History {
            cancer: No,
            osteoporosis: No,
            long_term_steroids: No,
            immunosuppression: No,
            injected_drug_use: No,
            recent_spinal_procedure: No,
            recent_bacterial_infection: No,
            psoriasis: No,
            inflammatory_bowel_disease: No,
            uveitis: No,
            family_spondyloarthritis: No,
            smoking: No,
            smoked_before: No,
            hypertension: No,
            diabetes: No,
        },
        other_symptoms: OtherSymptoms {
            chest_pain: No,
            breathlessness: No,
            sweating: No,
            tearing_pain: No,
            pulsing_belly_lump: No,
            feeling_faint: No,
            urinary_burning_or_frequency: No,
            colicky_side_pain: No,
            severe_belly_pain: No,
            pregnancy_bleeding_or_fluid: No,
            pregnancy_tightenings: No,
        },
        ..Intake::default()
    }
}

use Answer::Yes;

fn weeks(n: i64) -> Option<Weeks> {
    Weeks::new(n).ok()
}

/// Sudden, severe pain that began yesterday, at 55, with no injury: what the aneurysm
/// and heart-or-aorta risk rules need besides a risk factor.
fn sudden_severe_over_50(i: &mut Intake) {
    i.age = Age::new(55).ok();
    i.onset = Some(Onset::Sudden);
    i.duration_weeks = weeks(0);
    i.duration_days = Days::new(1).ok();
    i.pain.now = Nrs::new(8).ok();
}

/// Every warning sign, the general ones first, each group in the order of the rule table.
pub static SIGNS: &[Sign] = &[
    Sign {
        id: "chest-pain",
        text: t(
            "chest pain, pressure or tightness",
            "dolor, presión u opresión en el pecho",
        ),
        topics: &[],
        cases: &[|i| i.other_symptoms.chest_pain = Yes],
        words_en: &[
            &[&["chest"], &["pain*", "pressure", "tight*"]],
            &[&["heart attack"]],
        ],
        words_es: &[
            &[&["pecho"], &["dolor*", "presion", "opresion"]],
            &[&["infarto"]],
        ],
    },
    Sign {
        id: "upper-back-breathless-sweat",
        text: t(
            "pain in the upper back or between the shoulder blades, with shortness of breath or a cold sweat",
            "dolor en la parte alta de la espalda o entre los omóplatos, con falta de aire o sudor frío",
        ),
        topics: &[Topic::UpperBack],
        cases: &[
            |i| {
                i.pain_areas = vec![PainArea::BetweenShoulderBlades];
                i.other_symptoms.sweating = Yes;
            },
            |i| {
                i.pain_areas = vec![PainArea::Upper];
                i.other_symptoms.breathlessness = Yes;
            },
        ],
        words_en: &[&[&["shoulder blades", "upper back"], &["breath*", "sweat*"]]],
        words_es: &[&[
            &["omoplatos", "parte alta de la espalda"],
            &["aire", "sudor*", "respir*"],
        ]],
    },
    Sign {
        id: "tearing-pain",
        text: t(
            "sudden, severe pain that feels like tearing or ripping and goes through to the back",
            "dolor repentino y muy fuerte, como un desgarro, que atraviesa hasta la espalda",
        ),
        topics: &[Topic::UpperBack, Topic::Belly],
        cases: &[|i| i.other_symptoms.tearing_pain = Yes],
        words_en: &[&[&["tearing", "ripping"]], &[&["aorta", "aortic"]]],
        words_es: &[&[&["desgarro", "desgarrador"], &["dolor*"]], &[&["aorta"]]],
    },
    Sign {
        id: "pulsing-belly-lump",
        text: t(
            "a lump in the belly that beats like a pulse",
            "un bulto en la barriga que late",
        ),
        topics: &[Topic::Belly],
        cases: &[|i| i.other_symptoms.pulsing_belly_lump = Yes],
        words_en: &[
            &[&["lump"], &["puls*", "beat*", "throb*"]],
            &[&["aneurysm"]],
        ],
        words_es: &[
            &[&["bulto", "masa"], &["late", "lata", "pulsa*", "latido*"]],
            &[&["aneurisma"]],
        ],
    },
    Sign {
        id: "sudden-severe-pain-with-vessel-risk",
        text: t(
            "sudden, severe back pain with no injury that started in the last 2 days, if you are over 50 and smoke or have high blood pressure",
            "dolor de espalda repentino y muy fuerte, sin lesión, que empezó en los últimos 2 días, si tiene más de 50 años y fuma o tiene la tensión alta",
        ),
        topics: &[Topic::Belly, Topic::UpperBack],
        // The aneurysm rule for low back pain and the heart-or-aorta rule for upper back
        // pain: both need pain of the last 2 days rated 7 or more.
        cases: &[
            |i| {
                sudden_severe_over_50(i);
                i.history.smoking = Yes;
            },
            |i| {
                sudden_severe_over_50(i);
                i.history.hypertension = Yes;
            },
            |i| {
                sudden_severe_over_50(i);
                i.pain_areas = vec![PainArea::BetweenShoulderBlades];
                i.history.smoking = Yes;
            },
            |i| {
                sudden_severe_over_50(i);
                i.pain_areas = vec![PainArea::BetweenShoulderBlades];
                i.history.hypertension = Yes;
            },
        ],
        words_en: &[&[&["sudden*"], &["smok*", "blood pressure", "hypertension"]]],
        words_es: &[&[
            &["repentin*", "de repente", "brusc*"],
            &[
                "fuma*",
                "fumador*",
                "tension alta",
                "presion alta",
                "hipertension",
            ],
        ]],
    },
    Sign {
        id: "faint-or-collapse",
        text: t(
            "suddenly feeling faint, or passing out",
            "una sensación repentina de desmayo, o un desmayo",
        ),
        topics: &[],
        cases: &[|i| i.other_symptoms.feeling_faint = Yes],
        words_en: &[
            &[&["faint*"]],
            &[&["passing out", "pass out", "passed out", "collapse*"]],
        ],
        words_es: &[
            &[&["desmay*"]],
            &[&["perdida del conocimiento", "perder el conocimiento"]],
        ],
    },
    Sign {
        id: "breathless",
        text: t(
            "sudden or new shortness of breath",
            "falta de aire repentina o nueva",
        ),
        topics: &[],
        cases: &[|i| i.other_symptoms.breathlessness = Yes],
        words_en: &[&[&[
            "short of breath",
            "shortness of breath",
            "breathless*",
            "trouble breathing",
            "difficulty breathing",
        ]]],
        words_es: &[&[&[
            "falta de aire",
            "falta el aire",
            "dificultad para respirar",
            "ahogo",
        ]]],
    },
    Sign {
        id: "severe-belly-pain",
        text: t(
            "severe belly pain that goes through to the back",
            "dolor fuerte de barriga que llega a la espalda",
        ),
        topics: &[Topic::Belly],
        cases: &[|i| i.other_symptoms.severe_belly_pain = Yes],
        words_en: &[&[
            &["belly", "stomach", "abdominal", "tummy", "abdomen"],
            &["pain*"],
        ]],
        words_es: &[
            &[&["barriga", "abdomen"], &["dolor*"]],
            // "Hacer de vientre" is passing stool, so "vientre" counts only as pain.
            &[&[
                "dolor de vientre",
                "dolor en el vientre",
                "dolor abdominal",
                "dolor de estomago",
                "dolor fuerte de estomago",
                "dolor de tripa",
            ]],
        ],
    },
    Sign {
        id: "saddle-numbness",
        text: t(
            "numbness between your legs, or around your bottom or genitals",
            "adormecimiento entre las piernas, o alrededor del ano o de los genitales",
        ),
        topics: &[],
        cases: &[|i| i.saddle_numbness = Yes],
        words_en: &[&[&[
            "between your legs",
            "between the legs",
            "around your bottom",
            "around the bottom",
            "genitals",
            "back passage",
            "saddle",
        ]]],
        words_es: &[&[&[
            "entre las piernas",
            "alrededor del ano",
            "genitales",
            "alrededor de las nalgas",
            "sillin",
            "silla de montar",
        ]]],
    },
    Sign {
        id: "bladder-bowel",
        text: t(
            "new trouble passing urine, or new loss of control of your bladder or bowels",
            "problemas nuevos para orinar, o pérdida nueva del control de la vejiga o del intestino",
        ),
        topics: &[],
        cases: &[|i| i.bladder_change = Yes, |i| i.bowel_change = Yes],
        words_en: &[
            &[&["bladder", "incontinen*", "leaking urine", "leaking stool"]],
            &[
                &["bowel", "bowels"],
                &[
                    "control*", "problem*", "change*", "trouble", "leak*", "feeling", "new",
                ],
            ],
            &[&[
                "trouble passing urine",
                "problems passing urine",
                "cannot pass urine",
                "can't pass urine",
                "unable to pass urine",
            ]],
        ],
        words_es: &[
            &[&[
                "vejiga",
                "incontinencia",
                "escapes de orina",
                "se le escapa",
                "hacer de vientre",
                "escapes de heces",
                "controlar las heces",
                "controlar la orina",
                "control de la orina",
            ]],
            &[&["intestino"], &["control*", "escape*"]],
            &[&[
                "problemas para orinar",
                "problemas nuevos para orinar",
                "dificultad para orinar",
            ]],
        ],
    },
    Sign {
        id: "both-legs-new",
        text: t(
            "new or worsening pain, numbness or tingling in both legs",
            "dolor, adormecimiento u hormigueo nuevos o que empeoran en las dos piernas",
        ),
        topics: &[],
        cases: &[
            |i| {
                i.leg_symptoms = Some(LegSymptoms::BothLegs);
                i.duration_weeks = weeks(1);
                i.course = Some(Course::Same);
            },
            |i| {
                i.leg_symptoms = Some(LegSymptoms::BothLegs);
                i.course = Some(Course::Worse);
            },
        ],
        // Symptoms in both legs for months that come with walking are the stenosis
        // pattern, which the engine does not treat as an emergency.
        words_en: &[&[&["both legs"], &["!months", "!years", "!long standing"]]],
        words_es: &[&[
            &["las dos piernas", "ambas piernas"],
            &["!meses", "!anos", "!larga duracion", "!que duran tiempo"],
        ]],
    },
    Sign {
        id: "sexual-change-with-leg-symptoms",
        text: t(
            "a new change in sexual feeling or function (such as less feeling, or trouble with erections or orgasm), with pain, numbness or tingling in a leg",
            "un cambio nuevo en la sensibilidad o la función sexual (como menos sensibilidad, o problemas de erección u orgasmo), con dolor, adormecimiento u hormigueo en una pierna",
        ),
        topics: &[Topic::Legs],
        cases: &[|i| {
            i.sexual_function_change = Yes;
            i.leg_symptoms = Some(LegSymptoms::BelowKneeOneSide);
        }],
        // A change in sexual function alone is same-day care (CES-SEXUAL-ALONE); with a
        // leg symptom it is an emergency, so only the two together name this sign.
        words_en: &[&[
            &["sexual", "erection*", "orgasm*"],
            &["leg", "legs", "numb*", "tingl*", "sciatica"],
        ]],
        words_es: &[&[
            &["sexual*", "ereccion*", "orgasmo*"],
            &["pierna*", "adormec*", "hormigueo*", "ciatica"],
        ]],
    },
    Sign {
        id: "weakness-getting-worse",
        text: t(
            "leg weakness that is getting worse",
            "debilidad en las piernas que va a peor",
        ),
        topics: &[],
        cases: &[|i| i.leg_weakness = Some(Weakness::GettingWorse)],
        words_en: &[
            &[
                &["weakness", "weak leg*", "weak foot"],
                &["worse", "worsening"],
            ],
            &[&["weaker"]],
        ],
        words_es: &[
            &[
                &["debilidad", "debil", "debiles"],
                &["peor", "empeora*", "va a mas"],
            ],
            &[&["se debilita*", "mas debil*"]],
        ],
    },
    Sign {
        id: "major-injury",
        text: t(
            "back pain after a major injury, such as a road crash or a fall from a height",
            "dolor de espalda después de una lesión grave, como un accidente de tráfico o una caída desde altura",
        ),
        topics: &[],
        cases: &[|i| i.onset = Some(Onset::MajorTrauma)],
        words_en: &[&[&[
            "big injury",
            "major injury",
            "serious injury",
            "big fall",
            "hard fall",
            "crash",
            "accident",
            "fall from a height",
        ]]],
        words_es: &[&[&[
            "golpe fuerte",
            "lesion grave",
            "accidente",
            "caida desde altura",
            "caida desde una altura",
            "caida fuerte",
            "caida grande",
        ]]],
    },
    Sign {
        id: "fever",
        text: t(
            "a fever, chills or shaking",
            "fiebre, escalofríos o tiritona",
        ),
        topics: &[],
        cases: &[|i| i.fever = Yes],
        words_en: &[&[&["fever*", "chills", "shivering", "high temperature"]]],
        words_es: &[&[&["fiebre", "escalofrio*", "tiritona"]]],
    },
    Sign {
        id: "weight-loss",
        text: t(
            "weight loss you cannot explain",
            "pérdida de peso sin explicación",
        ),
        topics: &[],
        cases: &[|i| i.weight_loss = Yes],
        words_en: &[&[&["weight loss", "losing weight", "lost weight"]]],
        words_es: &[&[&[
            "perdida de peso",
            "pierde peso",
            "perdido peso",
            "perdiendo peso",
            "adelgaz*",
        ]]],
    },
    Sign {
        id: "new-leg-weakness",
        text: t(
            "new weakness in a leg or foot, such as a foot that drags or slaps down",
            "debilidad nueva en una pierna o un pie, como un pie que se arrastra o golpea el suelo",
        ),
        topics: &[Topic::Legs],
        cases: &[|i| {
            i.leg_weakness = Some(Weakness::Stable);
            i.duration_weeks = weeks(1);
        }],
        // Weakness that has been there, unchanged, for months is not new.
        words_en: &[&[
            &[
                "weakness",
                "weak leg",
                "weak foot",
                "foot drop",
                "drop foot",
                "foot that drags",
                "foot that slaps",
                "gives way",
            ],
            &["!long time", "!months", "!years", "!not changed"],
        ]],
        words_es: &[&[
            &[
                "debilidad",
                "pie caido",
                "pie que se arrastra",
                "pie que golpea",
                "rodilla que falla",
            ],
            &["!desde hace tiempo", "!meses", "!anos"],
        ]],
    },
    Sign {
        id: "walking-trouble",
        text: t(
            "new trouble walking, or feeling unsteady on your feet",
            "dificultad nueva para caminar, o inestabilidad al andar",
        ),
        topics: &[Topic::Legs],
        cases: &[|i| i.walking_difficulty = Yes],
        words_en: &[
            &[&["trouble", "difficulty", "problems"], &["walking"]],
            &[&["unsteady", "limp", "refus* to walk"]],
        ],
        words_es: &[
            &[&["dificultad", "problemas"], &["caminar", "andar"]],
            &[&["inestab*", "cojera", "se niega a caminar"]],
        ],
    },
    Sign {
        id: "walking-trouble-both-legs",
        text: t(
            "new trouble walking or unsteadiness, if you have symptoms in both legs",
            "dificultad nueva para caminar o inestabilidad, si tiene síntomas en las dos piernas",
        ),
        topics: &[Topic::Legs],
        // Both legs for half a year and no worse: only the trouble walking makes it urgent
        // enough for an emergency department.
        cases: &[|i| {
            i.walking_difficulty = Yes;
            i.leg_symptoms = Some(LegSymptoms::BothLegs);
            i.duration_weeks = weeks(26);
            i.course = Some(Course::Same);
        }],
        // "Comes on when walking" is the stenosis pattern, not trouble walking.
        words_en: &[&[
            &[
                "trouble walking",
                "difficulty walking",
                "problems walking",
                "trouble with walking",
                "unstead*",
            ],
            &["both legs"],
        ]],
        words_es: &[&[
            &[
                "dificultad para caminar",
                "dificultad nueva para caminar",
                "dificultad para andar",
                "problemas para caminar",
                "inestab*",
            ],
            &["las dos piernas", "ambas piernas"],
        ]],
    },
    Sign {
        id: "fragility-fracture",
        text: t(
            "sudden back pain after a small fall or a lift, if you have thin bones (osteoporosis) or have taken steroid tablets for months",
            "dolor de espalda repentino tras una caída pequeña o al levantar peso, si tiene huesos frágiles (osteoporosis) o ha tomado corticoides en pastillas durante meses",
        ),
        topics: &[Topic::Osteoporosis],
        cases: &[
            |i| {
                i.onset = Some(Onset::MinorTrauma);
                i.history.osteoporosis = Yes;
            },
            |i| {
                i.onset = Some(Onset::LiftingOrActivity);
                i.history.osteoporosis = Yes;
            },
            |i| {
                i.onset = Some(Onset::MinorTrauma);
                i.history.long_term_steroids = Yes;
            },
            |i| {
                i.onset = Some(Onset::LiftingOrActivity);
                i.history.long_term_steroids = Yes;
            },
        ],
        words_en: &[&[
            &[
                "osteoporosis",
                "thin bones",
                "weak bones",
                "fragile bones",
                "steroid*",
            ],
            &["fall", "lift*", "strain", "sudden*", "fracture"],
        ]],
        words_es: &[&[
            &[
                "osteoporosis",
                "huesos fragiles",
                "huesos debiles",
                "corticoide*",
            ],
            &["caida", "levantar", "repentin*", "fractura"],
        ]],
    },
    Sign {
        id: "fall-over-70",
        text: t(
            "back pain after a fall from standing height, if you are over 70",
            "dolor de espalda tras una caída desde su propia altura, si tiene más de 70 años",
        ),
        topics: &[Topic::Osteoporosis],
        cases: &[|i| {
            i.age = Age::new(75).ok();
            i.onset = Some(Onset::MinorTrauma);
        }],
        words_en: &[&[&["fall*"], &["70", "seventy"]]],
        words_es: &[&[&["caida*", "caer*"], &["70", "setenta"]]],
    },
    Sign {
        id: "fever-with-risk",
        text: t(
            "a fever if you inject drugs, have a weak immune system or diabetes, or had a bacterial infection, spine surgery or a spinal injection in the last 3 months",
            "fiebre si se inyecta drogas, tiene las defensas bajas o diabetes, o ha tenido en los últimos 3 meses una infección bacteriana o una operación o inyección en la columna",
        ),
        topics: &[Topic::Infection, Topic::Surgery],
        cases: &[
            |i| {
                i.fever = Yes;
                i.history.injected_drug_use = Yes;
            },
            |i| {
                i.fever = Yes;
                i.history.immunosuppression = Yes;
            },
            |i| {
                i.fever = Yes;
                i.history.recent_spinal_procedure = Yes;
            },
            |i| {
                i.fever = Yes;
                i.history.diabetes = Yes;
            },
            |i| {
                i.fever = Yes;
                i.history.recent_bacterial_infection = Yes;
            },
        ],
        words_en: &[&[
            &["fever*", "chills"],
            &[
                "inject*",
                "immune",
                "spine surgery",
                "spinal surgery",
                "back surgery",
                "after surgery",
                "diabetes",
                "bacterial infection",
                "recent infection",
                "operation",
                "injection",
            ],
        ]],
        words_es: &[&[
            &["fiebre", "escalofrio*"],
            &[
                "inyect*",
                "defensas",
                "inmun*",
                "operacion",
                "operado",
                "cirugia",
                "inyeccion",
                "diabetes",
                "infeccion bacteriana",
                "infeccion reciente",
            ],
        ]],
    },
    Sign {
        id: "surgical-wound",
        text: t(
            "a red, hot or leaking wound with a fever or chills after spine surgery",
            "una herida roja, caliente o que supura, con fiebre o escalofríos, tras una operación de columna",
        ),
        topics: &[Topic::Surgery],
        // The engine has no wound question: a wound infection after spine surgery is
        // the recent-procedure infection risk with fever, so the engine decides on those.
        cases: &[|i| {
            i.fever = Yes;
            i.history.recent_spinal_procedure = Yes;
        }],
        // A wound without a fever is not this sign: the engine gives it less.
        words_en: &[&[&["wound"], &["fever*", "chills"]]],
        words_es: &[&[&["herida"], &["fiebre", "escalofrio*"]]],
    },
    Sign {
        id: "infection-risk-worsening",
        text: t(
            "new or worsening back pain, even without a fever, if you inject drugs or have a weak immune system",
            "dolor de espalda nuevo o que va a peor, aunque no tenga fiebre, si se inyecta drogas o tiene las defensas bajas",
        ),
        topics: &[Topic::Infection],
        cases: &[
            |i| {
                i.history.injected_drug_use = Yes;
                i.course = Some(Course::Worse);
            },
            |i| {
                i.history.immunosuppression = Yes;
                i.course = Some(Course::Worse);
            },
            // New and not getting worse: a week old, the same.
            |i| {
                i.history.injected_drug_use = Yes;
                i.duration_weeks = weeks(1);
                i.course = Some(Course::Same);
            },
        ],
        words_en: &[&[&["inject*", "immune"], &["new", "worse", "worsening"]]],
        words_es: &[&[
            &["inyect*", "defensas", "inmun*"],
            &["nuevo", "peor", "empeora*"],
        ]],
    },
    Sign {
        id: "night-sweats",
        text: t("soaking night sweats", "sudores nocturnos que empapan"),
        topics: &[Topic::Infection, Topic::Night],
        cases: &[|i| i.night_sweats = Yes],
        words_en: &[&[&["night sweats", "sweats at night"]]],
        words_es: &[&[&["sudores nocturnos", "sudores por la noche"]]],
    },
    Sign {
        id: "cancer-with-night-thoracic-or-worse",
        text: t(
            "a history of cancer, with pain at night, pain in the middle or upper back, pain that keeps getting worse, or weight loss",
            "haber tenido cáncer, con dolor por la noche, dolor en la parte media o alta de la espalda, dolor que va a peor o pérdida de peso",
        ),
        topics: &[Topic::Cancer, Topic::UpperBack],
        cases: &[
            |i| {
                i.history.cancer = Yes;
                i.night_pain = Yes;
            },
            |i| {
                i.history.cancer = Yes;
                i.pain_areas = vec![PainArea::Middle];
            },
            |i| {
                i.history.cancer = Yes;
                i.course = Some(Course::Worse);
            },
            |i| {
                i.history.cancer = Yes;
                i.weight_loss = Yes;
            },
        ],
        words_en: &[&[
            &["cancer"],
            &["night", "middle", "upper", "worse", "worsening", "weight"],
        ]],
        words_es: &[&[
            &["cancer"],
            &[
                "noche", "nocturno", "media", "alta", "peor", "empeora*", "peso",
            ],
        ]],
    },
    Sign {
        id: "cancer-with-nerve-signs",
        text: t(
            "a history of cancer, with new numbness, tingling, weakness or trouble walking",
            "haber tenido cáncer, con adormecimiento, hormigueo, debilidad o dificultad para caminar nuevos",
        ),
        topics: &[Topic::Cancer],
        cases: &[
            |i| {
                i.history.cancer = Yes;
                i.numbness = Yes;
            },
            |i| {
                i.history.cancer = Yes;
                i.pins_and_needles = Yes;
            },
            |i| {
                i.history.cancer = Yes;
                i.leg_weakness = Some(Weakness::Stable);
            },
            |i| {
                i.history.cancer = Yes;
                i.walking_difficulty = Yes;
            },
        ],
        words_en: &[&[&["cancer"], &["numb*", "weak*", "walking", "tingling"]]],
        words_es: &[&[
            &["cancer"],
            &["adormec*", "debil*", "caminar", "andar", "hormigueo"],
        ]],
    },
    Sign {
        id: "night-pain",
        text: t(
            "constant pain at night that no position eases",
            "dolor constante por la noche que no se alivia en ninguna postura",
        ),
        topics: &[Topic::Night, Topic::Cancer],
        cases: &[|i| i.night_pain = Yes],
        words_en: &[&[&["night"], &["pain*"]]],
        words_es: &[&[&["noche", "nocturno"], &["dolor*"]]],
    },
    Sign {
        id: "pregnancy-bleeding-fluid-tightenings",
        text: t(
            "in pregnancy: bleeding, leaking fluid, or regular tightenings or cramps (call your maternity unit or labour ward now)",
            "en el embarazo: sangrado, pérdida de líquido, o contracciones o calambres regulares (llame ahora a su unidad de maternidad o paritorio)",
        ),
        topics: &[Topic::Pregnancy],
        cases: &[
            |i| {
                i.pregnant = Yes;
                i.other_symptoms.pregnancy_bleeding_or_fluid = Yes;
            },
            |i| {
                i.pregnant = Yes;
                i.other_symptoms.pregnancy_tightenings = Yes;
            },
        ],
        words_en: &[
            &[&["vagina*", "tightenings", "labour", "contractions"]],
            &[&["pregnan*"], &["bleed*", "fluid", "cramps"]],
        ],
        words_es: &[
            &[&["vagina*", "contracciones", "parto"]],
            &[&["embaraz*"], &["sangr*", "liquido", "calambres"]],
        ],
    },
    Sign {
        id: "pregnancy-fever-urine",
        text: t(
            "in pregnancy: a fever, or pain or burning when you pass urine",
            "en el embarazo: fiebre, o dolor o escozor al orinar",
        ),
        topics: &[Topic::Pregnancy],
        cases: &[
            |i| {
                i.pregnant = Yes;
                i.fever = Yes;
            },
            |i| {
                i.pregnant = Yes;
                i.other_symptoms.urinary_burning_or_frequency = Yes;
            },
        ],
        words_en: &[&[&["pregnan*"], &["fever*", "urine", "urinat*"]]],
        words_es: &[&[&["embaraz*"], &["fiebre", "orina*"]]],
    },
    Sign {
        id: "urine-burning",
        text: t(
            "burning or frequent urination, with pain in your side",
            "escozor al orinar u orinar muy a menudo, con dolor en el costado",
        ),
        topics: &[Topic::Kidney],
        cases: &[|i| i.other_symptoms.urinary_burning_or_frequency = Yes],
        words_en: &[
            &[
                &["burning", "frequent*", "pain*"],
                &["urine", "urination", "urinate"],
            ],
            &[&["kidney infection", "kidney stone", "urine infection"]],
        ],
        words_es: &[
            &[&["escozor", "a menudo", "dolor"], &["orinar", "orina"]],
            &[&[
                "infeccion de rinon",
                "infeccion de orina",
                "piedra en el rinon",
            ]],
        ],
    },
    Sign {
        id: "side-pain-waves-fever",
        text: t(
            "severe pain in waves in your side, with a fever",
            "dolor fuerte a oleadas en el costado, con fiebre",
        ),
        topics: &[Topic::Kidney],
        cases: &[|i| {
            i.other_symptoms.colicky_side_pain = Yes;
            i.fever = Yes;
        }],
        words_en: &[&[&["waves", "colic*", "kidney stone"], &["fever*"]]],
        words_es: &[&[&["oleadas", "colico", "piedra"], &["fiebre"]]],
    },
    Sign {
        id: "inflammatory-pattern",
        text: t(
            "back pain for more than 3 months that began before the age of 45, with long stiffness in the morning that eases as you move",
            "dolor de espalda de más de 3 meses que empezó antes de los 45 años, con rigidez larga por la mañana que mejora al moverse",
        ),
        topics: &[Topic::Inflammatory],
        cases: &[|i| {
            i.age = Age::new(30).ok();
            i.duration_weeks = weeks(20);
            i.morning_stiffness_minutes = Minutes::new(60).ok();
            i.effects.rest = Some(Effect::NoChange);
            i.wakes_second_half_of_night = Yes;
        }],
        words_en: &[&[&["stiffness", "stiff"], &["morning"]]],
        words_es: &[&[&["rigidez", "rigido"], &["manana"]]],
    },
];

/// Signs shown at one level, under the engine's words for that level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The level every sign in the group gets from the engine.
    pub level: Level,
    /// What to do: [`Level::action`], word for word.
    pub action: &'static str,
    /// The signs, in table order.
    pub signs: Vec<&'static str>,
}

/// The signs for `topics` (general signs always), grouped by level, most urgent first.
pub fn groups(lang: Lang, topics: &[Topic]) -> Vec<Group> {
    let shown: Vec<(Level, &Sign)> = SIGNS
        .iter()
        .filter(|s| s.shown_for(topics))
        .map(|s| (s.level(), s))
        .collect();
    Level::ALL
        .into_iter()
        .rev()
        .filter(|level| *level > Level::SelfCare)
        .filter_map(|level| {
            let signs: Vec<&'static str> = shown
                .iter()
                .filter(|(l, _)| *l == level)
                .map(|(_, s)| s.text.get(lang))
                .collect();
            (!signs.is_empty()).then(|| Group {
                level,
                action: level.action().get(lang),
                signs,
            })
        })
        .collect()
}

/// The sentence before the groups; it names no sign and no level.
pub const INTRO: Text = t(
    "These signs need a doctor's help, the most urgent first:",
    "Estas señales necesitan ayuda médica, las más urgentes primero:",
);

/// The safety net as Markdown: the intro, then each level's action in bold followed by
/// its signs as a list. Used in place of a `{{safety-net}}` directive.
pub fn markdown(lang: Lang, topics: &[Topic]) -> String {
    let mut out = format!("{}\n", INTRO.get(lang));
    for group in groups(lang, topics) {
        out.push_str(&format!("\n**{}**\n\n", group.action));
        for sign in group.signs {
            out.push_str(&format!("- {}\n", capitalise(sign)));
        }
    }
    out
}

/// One paragraph for small spaces (a handout's warning box, a page footer): the
/// engine's emergency action with the general emergency signs.
pub fn emergency_summary(lang: Lang) -> String {
    summary(lang, Level::Emergency).unwrap_or_default()
}

/// The general signs at `level` in one sentence, built on the engine's action for the
/// level: "Call your emergency number (...) now if you have: a; b; or c. Do not drive
/// yourself." `None` when no general sign has that level.
pub fn summary(lang: Lang, level: Level) -> Option<String> {
    let signs: Vec<&str> = SIGNS
        .iter()
        .filter(|s| s.topics.is_empty() && s.level() == level)
        .map(|s| s.text.get(lang))
        .collect();
    let (tail, head) = signs.split_last()?;
    let action = level.action().get(lang);
    let (first, rest) = check::sentences(action)
        .split_first()
        .map(|(first, rest)| (first.trim_end_matches('.'), rest.join(" ")))
        .unwrap_or((action, String::new()));
    let (joiner, or) = match lang {
        Lang::En => ("if you have", "or"),
        Lang::Es => ("si tiene", "o"),
    };
    let list = if head.is_empty() {
        (*tail).to_owned()
    } else {
        format!("{}; {or} {tail}", head.join("; "))
    };
    Some(
        format!("{first} {joiner}: {list}. {rest}")
            .trim_end()
            .to_owned(),
    )
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Family, fire, rules::RULES};
    use super::*;

    #[test]
    fn baseline_is_self_care() {
        for lang in Lang::ALL {
            let result = triage(&baseline(lang));
            assert_eq!(result.level, Level::SelfCare, "{:#?}", result.reasons);
        }
    }

    #[test]
    fn every_sign_raises_the_baseline() {
        for sign in SIGNS {
            for (n, level) in sign.case_levels().into_iter().enumerate() {
                assert!(
                    level > Level::SelfCare,
                    "sign {} case {n} does not change the engine's level: a sign that does nothing is a bug",
                    sign.id
                );
            }
        }
    }

    #[test]
    fn every_rule_family_has_a_sign() {
        let mut families: Vec<Family> = RULES
            .iter()
            .map(|r| r.family)
            .filter(|f| *f != Family::Other)
            .collect();
        families.dedup();
        for family in families {
            let covered = SIGNS.iter().any(|sign| {
                sign.cases.iter().any(|case| {
                    let mut intake = baseline(Lang::En);
                    case(&mut intake);
                    RULES
                        .iter()
                        .filter(|r| r.family == family)
                        .filter_map(|r| fire(r, &intake))
                        .any(|reason| reason.certain)
                })
            });
            assert!(covered, "no sign shows the rule family {}", family.id());
        }
    }

    #[test]
    fn signs_are_well_formed() {
        let mut ids: Vec<&str> = SIGNS.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "sign ids must be unique");
        for sign in SIGNS {
            assert!(!sign.cases.is_empty(), "{}", sign.id);
            for lang in Lang::ALL {
                assert!(!sign.words(lang).is_empty(), "{} {lang:?}", sign.id);
                // A sign's own words must be recognised by its own patterns, or the
                // checker could not see it in a rendered safety net.
                let text = check::normalise(sign.text.get(lang));
                assert!(
                    check::names(sign, lang, &text),
                    "{} is not recognised in its own words in {lang:?}: {text}",
                    sign.id
                );
            }
        }
    }

    #[test]
    fn rendering_follows_the_engine() {
        for lang in Lang::ALL {
            let all = groups(lang, &Topic::ALL);
            let levels: Vec<Level> = all.iter().map(|g| g.level).collect();
            let mut sorted = levels.clone();
            sorted.sort_by(|a, b| b.cmp(a));
            assert_eq!(levels, sorted, "most urgent first");
            assert_eq!(all[0].action, Level::Emergency.action().get(lang));
            let chest = SIGNS.iter().find(|s| s.id == "chest-pain").unwrap();
            assert!(all[0].signs.contains(&chest.text.get(lang)));
            // A general safety net leaves the topic signs out.
            let general = markdown(lang, &[]);
            let lump = SIGNS.iter().find(|s| s.id == "pulsing-belly-lump").unwrap();
            assert!(!general.contains(lump.text.get(lang)));
            assert!(markdown(lang, &[Topic::Belly]).contains(&capitalise(lump.text.get(lang))));
            // What is rendered passes the checker.
            let findings = check_text(lang, &markdown(lang, &Topic::ALL));
            assert!(findings.is_empty(), "{findings:#?}");
            let summary = emergency_summary(lang);
            assert!(check_text(lang, &summary).is_empty(), "{summary}");
            assert!(summary.contains("112"), "{summary}");
            assert!(summary.contains(chest.text.get(lang)), "{summary}");
            let today = summary_of_levels(lang);
            let findings = check_text(lang, &today);
            assert!(findings.is_empty(), "{today}\n{findings:#?}");
        }
    }

    fn summary_of_levels(lang: Lang) -> String {
        Level::ALL
            .into_iter()
            .rev()
            .filter_map(|level| summary(lang, level))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The checker knows every sign in its own words: filed under the engine's words for
    /// any lower level, as a sentence or as a list item, it is reported.
    #[test]
    fn every_sign_is_caught_under_a_lower_level() {
        for lang in Lang::ALL {
            for sign in SIGNS {
                let level = sign.level();
                // A sign that names its own place ("call your maternity unit now") keeps
                // its urgency under any heading; it must name at least its level.
                if let Some(own) = check::urgency(lang, sign.text.get(lang)) {
                    assert!(
                        own >= level,
                        "{} says {} but is {}",
                        sign.id,
                        own.id(),
                        level.id()
                    );
                    continue;
                }
                for lower in [Level::Soon, Level::Urgent]
                    .into_iter()
                    .filter(|l| *l < level)
                {
                    let action = lower.action().get(lang);
                    let first = check::sentences(action)[0].trim_end_matches('.');
                    let joiner = match lang {
                        Lang::En => "if you have",
                        Lang::Es => "si tiene",
                    };
                    let texts = [
                        format!("{first} {joiner} {}.", sign.text.get(lang)),
                        format!("{action}\n\n- {}", capitalise(sign.text.get(lang))),
                    ];
                    for text in texts {
                        let found = check_text(lang, &text);
                        assert!(
                            found.iter().any(|f| f.sign == sign.id && f.given == lower),
                            "{} under {} is not reported: {text:?} {found:#?}",
                            sign.id,
                            lower.id()
                        );
                    }
                }
            }
        }
    }

    /// The engine's own words, each rule's advice and each level's action, give no sign
    /// less urgency than the engine does.
    #[test]
    fn the_rule_advice_follows_the_engine() {
        let mut problems = Vec::new();
        for lang in Lang::ALL {
            let texts = RULES
                .iter()
                .map(|r| (r.id, r.advice.get(lang)))
                .chain(Level::ALL.map(|l| (l.id(), l.action().get(lang))))
                .chain(Level::ALL.map(|l| (l.id(), l.title().get(lang))));
            for (id, text) in texts {
                for f in check_text(lang, text) {
                    problems.push(format!("{id} ({}): {f}", lang.code()));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn topics_parse() {
        for topic in Topic::ALL {
            assert_eq!(topic.as_str().parse::<Topic>(), Ok(topic));
        }
        let err = "elbow".parse::<Topic>().unwrap_err().to_string();
        assert!(err.contains("upper-back"), "{err}");
    }
}
