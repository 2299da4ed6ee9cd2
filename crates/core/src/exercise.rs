//! Exercises as values: what the plan engine chooses from.
//!
//! The library itself is data (`crates/content/exercises/*.toml`), parsed into these types
//! by the content crate; the core only reasons about them. Cautions are data too, so that
//! "never an exercise the person's condition makes unwise" is a set check, not an `if`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// Text in every language backcare speaks, owned (for content loaded from data files).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// English.
    pub en: String,
    /// Spanish.
    pub es: String,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

/// Steps in every language; both lists have the same length.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalizedList {
    /// English steps.
    pub en: Vec<String>,
    /// Spanish steps.
    pub es: Vec<String>,
}

impl LocalizedList {
    /// The list in `lang`.
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

/// A stable exercise identifier: lowercase letters, digits and hyphens (`bird-dog`).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(try_from = "String", into = "String")]
pub struct ExerciseId(String);

impl ExerciseId {
    /// Parses an identifier.
    pub fn new(id: &str) -> Result<Self, BadId> {
        let ok = !id.is_empty()
            && id.len() <= 60
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-');
        if ok {
            Ok(Self(id.to_owned()))
        } else {
            Err(BadId(id.to_owned()))
        }
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ExerciseId {
    type Error = BadId;
    fn try_from(s: String) -> Result<Self, BadId> {
        Self::new(&s)
    }
}

impl From<ExerciseId> for String {
    fn from(id: ExerciseId) -> String {
        id.0
    }
}

impl std::fmt::Display for ExerciseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An identifier that is not lowercase letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a valid id: use lowercase letters, digits and hyphens, like \"bird-dog\"")]
pub struct BadId(pub String);

/// What an exercise works on: the selfBACK exercise targets (Sandal et al., JMIR Res Protoc
/// 2019;8(12):e14720, Table 1) plus aerobic activity and the upper back.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// Abdominal muscles.
    Abdominals,
    /// Back extensor muscles.
    BackExtensors,
    /// Core stability (deep trunk muscles working together).
    CoreStability,
    /// Gluteal and hip muscles.
    GlutealHip,
    /// Flexibility (stretching, mobility).
    Flexibility,
    /// Pain relief (gentle movement, positions of ease, relaxation).
    PainRelief,
    /// Aerobic activity such as walking.
    Aerobic,
    /// Upper back and shoulder blades (thoracic mobility, posture muscles).
    UpperBack,
}

/// The kind of exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Kind {
    Mobility,
    Stretching,
    Strengthening,
    Stabilisation,
    Aerobic,
    Relaxation,
}

/// Equipment an exercise needs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Equipment {
    Mat,
    Chair,
    Wall,
    Band,
    FoamRoller,
    Bike,
    Pool,
}

/// A movement or position that some conditions make unwise. An exercise lists the ones it
/// involves; the plan engine works out which ones a person must avoid, and never gives an
/// exercise that involves one of those.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// Bending the spine backwards, in any range (stenosis, facet pain, and anyone whose pain
    /// is worse bending backwards).
    Extension,
    /// Bending the lower back backwards to, or near, the end of its range, repeated or held:
    /// the McKenzie extension exercises (prone on elbows, press-up, standing extension).
    /// They are given only to a person who said bending backwards does not make the pain
    /// worse. An exercise with this tag always has `Extension` too.
    EndRangeExtension,
    /// Bending the spine forwards under load, or to (or near) the end of its range even
    /// without load: knee-to-chest, child's pose and the rounding half of cat-camel count
    /// (osteoporosis, fracture, acute disc-related sciatica, and anyone whose pain is worse
    /// bending forwards).
    LoadedFlexion,
    /// Twisting the spine (osteoporosis, fracture).
    Twisting,
    /// Lying face down (later pregnancy).
    Prone,
    /// Lying flat on the back for minutes at a time (later pregnancy).
    Supine,
    /// Jumping, running or other impact (suspected fracture, pregnancy).
    Impact,
    /// Kneeling on all fours.
    Kneeling,
}

impl Movement {
    /// Every movement, in table order.
    pub const ALL: [Movement; 8] = [
        Movement::Extension,
        Movement::EndRangeExtension,
        Movement::LoadedFlexion,
        Movement::Twisting,
        Movement::Prone,
        Movement::Supine,
        Movement::Impact,
        Movement::Kneeling,
    ];

    /// The name used in the exercise files (`involves = ["loaded_flexion"]`).
    pub fn id(self) -> &'static str {
        match self {
            Movement::Extension => "extension",
            Movement::EndRangeExtension => "end_range_extension",
            Movement::LoadedFlexion => "loaded_flexion",
            Movement::Twisting => "twisting",
            Movement::Prone => "prone",
            Movement::Supine => "supine",
            Movement::Impact => "impact",
            Movement::Kneeling => "kneeling",
        }
    }
}

/// How much of an exercise to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Sets (rounds).
    pub sets: u8,
    /// Repetitions per set, for exercises done as repetitions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<u8>,
    /// Seconds to hold each repetition or position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Option<u16>,
    /// Minutes, for continuous activity such as walking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u16>,
    /// Done on each side (left and right).
    #[serde(default)]
    pub each_side: bool,
    /// Days a week.
    pub days_per_week: u8,
}

/// One exercise in the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable identifier, also the data file's name.
    pub id: ExerciseId,
    /// Name.
    pub name: Localized,
    /// Why to do it, in one or two sentences.
    pub purpose: Localized,
    /// Step-by-step instructions.
    pub steps: LocalizedList,
    /// What it should feel like.
    pub should_feel: Localized,
    /// When to stop.
    pub stop_if: Localized,
    /// What it works on (the first is the main target).
    pub targets: Vec<Target>,
    /// The kind of exercise.
    pub kind: Kind,
    /// Difficulty, 1 (gentlest) to 5.
    pub level: u8,
    /// The usual starting dose.
    pub dose: Dose,
    /// The easier variant in its progression chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easier: Option<ExerciseId>,
    /// The harder variant in its progression chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harder: Option<ExerciseId>,
    /// Movements this exercise involves that some conditions make unwise.
    #[serde(default)]
    pub involves: Vec<Movement>,
    /// Equipment needed (none if empty).
    #[serde(default)]
    pub equipment: Vec<Equipment>,
    /// Gentle enough for the first days of acute pain.
    #[serde(default)]
    pub acute_ok: bool,
    /// Suitable in pregnancy (subject to `involves`).
    #[serde(default)]
    pub pregnancy_ok: bool,
    /// Sources for the exercise and its dose: primary sources only.
    pub sources: Vec<String>,
    /// Facts about this exercise (its dose, a setting such as `pregnancy_ok`, a tag) that
    /// no primary source has been checked for yet, one sentence each. Data, not a comment,
    /// so that `backcare rules` and the library tests can count and list them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unverified: Vec<String>,
}

impl Dose {
    /// The dose in plain words, e.g. "2 sets of 10, hold 5 seconds, each side".
    pub fn describe(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        let es = lang == Lang::Es;
        if let Some(m) = self.minutes {
            parts.push(if es {
                format!("{m} minutos")
            } else {
                format!("{m} minutes")
            });
        }
        match (self.reps, self.sets) {
            (Some(r), 1) => parts.push(if es {
                format!("{r} repeticiones")
            } else {
                format!("{r} repetitions")
            }),
            (Some(r), s) => parts.push(if es {
                format!("{s} series de {r}")
            } else {
                format!("{s} sets of {r}")
            }),
            (None, s) if s > 1 => parts.push(if es {
                format!("{s} veces")
            } else {
                format!("{s} times")
            }),
            _ => {}
        }
        if let Some(h) = self.hold_seconds {
            parts.push(if es {
                format!("mantener {h} segundos")
            } else {
                format!("hold {h} seconds")
            });
        }
        if self.each_side {
            parts.push(if es {
                "cada lado".to_owned()
            } else {
                "each side".to_owned()
            });
        }
        parts.join(", ")
    }

    /// How often, e.g. "5 days a week".
    pub fn frequency(days_per_week: u8, lang: Lang) -> String {
        match (lang, days_per_week) {
            (Lang::En, 1) => "1 day a week".to_owned(),
            (Lang::En, 7) => "every day".to_owned(),
            (Lang::En, d) => format!("{d} days a week"),
            (Lang::Es, 1) => "1 día a la semana".to_owned(),
            (Lang::Es, 7) => "todos los días".to_owned(),
            (Lang::Es, d) => format!("{d} días a la semana"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cases: &[(Dose, Lang, &str)]) {
        for (dose, lang, want) in cases {
            assert_eq!(dose.describe(*lang), *want, "{dose:?}");
        }
    }

    const fn dose(
        sets: u8,
        reps: Option<u8>,
        hold: Option<u16>,
        minutes: Option<u16>,
        each_side: bool,
    ) -> Dose {
        Dose {
            sets,
            reps,
            hold_seconds: hold,
            minutes,
            each_side,
            days_per_week: 5,
        }
    }

    #[test]
    fn doses_in_plain_words() {
        check(&[
            (
                dose(2, Some(10), None, None, false),
                Lang::En,
                "2 sets of 10",
            ),
            (
                dose(1, Some(6), Some(10), None, true),
                Lang::En,
                "6 repetitions, hold 10 seconds, each side",
            ),
            (
                dose(3, None, Some(30), None, false),
                Lang::Es,
                "3 veces, mantener 30 segundos",
            ),
            (dose(1, None, None, Some(12), false), Lang::Es, "12 minutos"),
        ]);
        assert_eq!(Dose::frequency(7, Lang::Es), "todos los días");
    }

    #[test]
    fn movement_ids_are_the_file_names() {
        for m in Movement::ALL {
            assert_eq!(serde_json::to_value(m).unwrap(), m.id(), "{m:?}");
        }
    }

    #[test]
    fn ids_parse() {
        assert!(ExerciseId::new("bird-dog").is_ok());
        for bad in ["", "Bird-dog", "-x", "x-", "a b", "ñ"] {
            assert!(ExerciseId::new(bad).is_err(), "{bad:?}");
        }
    }
}
