//! Validated instruments: STarT Back, Oswestry (ODI v2.1a), Roland-Morris (RMDQ) and the
//! numeric pain rating (NRS), with their scoring rules and clinically important changes.
//!
//! Only structure and scoring live here. The validated questionnaires' wording is
//! copyrighted and is never in this repository; see [`prompts`] for our own plain-language
//! prompts and [`Wording`] for loading an organisation's licensed text at run time.
//!
//! Scoring follows the published rules (sources beside each function; the full list with
//! licences is in `docs/instruments.md`):
//! - STarT Back: [`score_start_back`] (Hill et al., Arthritis Rheum 2008;59(5):632-641).
//! - ODI v2.1a: [`score_odi`] (Fairbank & Pynsent, Spine 2000;25(22):2940-2953).
//! - RMDQ-24: [`score_rmdq`] (Roland & Morris, Spine 1983;8(2):141-144; Roland & Fairbank,
//!   Spine 2000;25(24):3115-3124).
//! - Before/after comparison with minimal important changes: [`compare`] (Ostelo et al.,
//!   Spine 2008;33(1):90-94; Farrar et al., Pain 2001;94(2):149-158).

mod compare;
mod nrs;
mod odi;
pub mod prompts;
mod rmdq;
mod startback;
mod wording;

pub use compare::{
    Change, Comparison, Direction, Explanation, GroupChange, Mcid, Measure, Verdict, compare,
};
pub use nrs::NrsScores;
pub use odi::{OdiBand, OdiResult, score_odi};
pub use prompts::{Choice, Item, UnknownChoice};
pub use rmdq::{RmdqResult, score_rmdq};
pub use startback::{RiskGroup, StartBackScore, score_start_back};
pub use wording::{Wording, WordingError};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::intake::bounded;
use crate::lang::{Lang, Text, t};

/// Answers to the 9-item Keele STarT Back Screening Tool. `None` means not answered.
///
/// Items 1-8 are agree (`true`) or disagree (`false`). Field names describe the item's
/// domain, not its wording.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct StartBackAnswers {
    /// Item 1: back pain has spread down the leg(s).
    pub leg_pain: Option<bool>,
    /// Item 2: pain in the shoulder or neck as well.
    pub shoulder_or_neck_pain: Option<bool>,
    /// Item 3: has only walked short distances because of the pain.
    pub walking_limited: Option<bool>,
    /// Item 4: dressing has been slower than usual because of the pain.
    pub dressing_slower: Option<bool>,
    /// Item 5: feels it is not safe to be active with this back (fear).
    pub unsafe_to_be_active: Option<bool>,
    /// Item 6: worrying thoughts have been on their mind a lot (anxiety).
    pub worrying_thoughts: Option<bool>,
    /// Item 7: feels the pain is terrible and will never get better (catastrophising).
    pub never_get_better: Option<bool>,
    /// Item 8: has not enjoyed things they usually enjoy (low mood).
    pub not_enjoying_things: Option<bool>,
    /// Item 9: how bothersome the back pain has been overall.
    pub bothersomeness: Option<Bothersome>,
}

/// STarT Back item 9: how bothersome the pain has been in the last two weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Bothersome {
    NotAtAll,
    Slightly,
    Moderately,
    VeryMuch,
    Extremely,
}

impl Bothersome {
    /// Every answer, least bothersome first.
    pub const ALL: [Bothersome; 5] = [
        Bothersome::NotAtAll,
        Bothersome::Slightly,
        Bothersome::Moderately,
        Bothersome::VeryMuch,
        Bothersome::Extremely,
    ];

    /// The identifier used in JSON (`very_much`).
    pub fn id(self) -> &'static str {
        match self {
            Bothersome::NotAtAll => "not_at_all",
            Bothersome::Slightly => "slightly",
            Bothersome::Moderately => "moderately",
            Bothersome::VeryMuch => "very_much",
            Bothersome::Extremely => "extremely",
        }
    }

    /// Parses an identifier made by [`Bothersome::id`].
    pub fn from_id(id: &str) -> Option<Bothersome> {
        Bothersome::ALL.into_iter().find(|b| b.id() == id)
    }
}

impl StartBackAnswers {
    /// The JSON field names of the nine items, in item order (item 1 first).
    pub const KEYS: [&'static str; 9] = [
        "leg_pain",
        "shoulder_or_neck_pain",
        "walking_limited",
        "dressing_slower",
        "unsafe_to_be_active",
        "worrying_thoughts",
        "never_get_better",
        "not_enjoying_things",
        "bothersomeness",
    ];

    /// Items 1-8 (the agree/disagree items) with their JSON field names, in item order.
    pub fn agree_items(&self) -> [(&'static str, Option<bool>); 8] {
        [
            ("leg_pain", self.leg_pain),
            ("shoulder_or_neck_pain", self.shoulder_or_neck_pain),
            ("walking_limited", self.walking_limited),
            ("dressing_slower", self.dressing_slower),
            ("unsafe_to_be_active", self.unsafe_to_be_active),
            ("worrying_thoughts", self.worrying_thoughts),
            ("never_get_better", self.never_get_better),
            ("not_enjoying_things", self.not_enjoying_things),
        ]
    }

    /// The agree/disagree item with this JSON field name, for recording an answer.
    pub(crate) fn agree_item_mut(&mut self, key: &str) -> Option<&mut Option<bool>> {
        Some(match key {
            "leg_pain" => &mut self.leg_pain,
            "shoulder_or_neck_pain" => &mut self.shoulder_or_neck_pain,
            "walking_limited" => &mut self.walking_limited,
            "dressing_slower" => &mut self.dressing_slower,
            "unsafe_to_be_active" => &mut self.unsafe_to_be_active,
            "worrying_thoughts" => &mut self.worrying_thoughts,
            "never_get_better" => &mut self.never_get_better,
            "not_enjoying_things" => &mut self.not_enjoying_things,
            _ => return None,
        })
    }

    /// True when no item has been answered.
    pub fn is_empty(&self) -> bool {
        self.agree_items().iter().all(|(_, a)| a.is_none()) && self.bothersomeness.is_none()
    }
}

bounded!(
    /// One ticked ODI statement, 0 (least) to 5 (most disability).
    OdiItem(u8), 0, 5, "an ODI section score"
);

/// One ODI section's answer: one statement ticked, or two (scored as the higher).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OdiSection {
    /// One statement ticked.
    One(OdiItem),
    /// Two statements ticked; Fairbank's rule scores the higher.
    Two([OdiItem; 2]),
}

impl OdiSection {
    /// The section's score, 0-5: the ticked statement, or the higher of two (Fairbank's rule).
    pub fn score(self) -> u8 {
        match self {
            OdiSection::One(a) => a.get(),
            OdiSection::Two([a, b]) => a.get().max(b.get()),
        }
    }
}

/// Answers to the Oswestry Disability Index v2.1a, one per section. `None` = not answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
#[allow(missing_docs)] // Field names are the section names.
pub struct OdiAnswers {
    pub pain_intensity: Option<OdiSection>,
    pub personal_care: Option<OdiSection>,
    pub lifting: Option<OdiSection>,
    pub walking: Option<OdiSection>,
    pub sitting: Option<OdiSection>,
    pub standing: Option<OdiSection>,
    pub sleeping: Option<OdiSection>,
    pub sex_life: Option<OdiSection>,
    pub social_life: Option<OdiSection>,
    pub travelling: Option<OdiSection>,
}

impl OdiAnswers {
    /// The JSON field names of the ten sections, in questionnaire order.
    pub const KEYS: [&'static str; 10] = [
        "pain_intensity",
        "personal_care",
        "lifting",
        "walking",
        "sitting",
        "standing",
        "sleeping",
        "sex_life",
        "social_life",
        "travelling",
    ];

    /// Every section with its JSON field name, in questionnaire order.
    pub fn sections(&self) -> [(&'static str, Option<OdiSection>); 10] {
        [
            ("pain_intensity", self.pain_intensity),
            ("personal_care", self.personal_care),
            ("lifting", self.lifting),
            ("walking", self.walking),
            ("sitting", self.sitting),
            ("standing", self.standing),
            ("sleeping", self.sleeping),
            ("sex_life", self.sex_life),
            ("social_life", self.social_life),
            ("travelling", self.travelling),
        ]
    }

    /// The section with this JSON field name, for recording an answer.
    pub(crate) fn section_mut(&mut self, key: &str) -> Option<&mut Option<OdiSection>> {
        Some(match key {
            "pain_intensity" => &mut self.pain_intensity,
            "personal_care" => &mut self.personal_care,
            "lifting" => &mut self.lifting,
            "walking" => &mut self.walking,
            "sitting" => &mut self.sitting,
            "standing" => &mut self.standing,
            "sleeping" => &mut self.sleeping,
            "sex_life" => &mut self.sex_life,
            "social_life" => &mut self.social_life,
            "travelling" => &mut self.travelling,
            _ => return None,
        })
    }

    /// True when no section has been answered.
    pub fn is_empty(&self) -> bool {
        self.sections().iter().all(|(_, s)| s.is_none())
    }
}

bounded!(
    /// A Roland-Morris item number (1-24).
    RmdqItem(u8), 1, 24, "a Roland-Morris item number"
);

/// Answers to the 24-item Roland-Morris Disability Questionnaire: the items ticked today.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct RmdqAnswers {
    /// The numbers of the statements ticked; unticked statements count as "not true today".
    pub ticked: Vec<RmdqItem>,
}

/// A questionnaire backcare can score.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    /// The Keele STarT Back Screening Tool (9 items).
    StartBack,
    /// The Oswestry Disability Index v2.1a (10 sections).
    Odi,
    /// The Roland-Morris Disability Questionnaire (24 items).
    Rmdq,
}

impl Instrument {
    /// Every instrument, in the order backcare asks them.
    pub const ALL: [Instrument; 3] = [Instrument::StartBack, Instrument::Odi, Instrument::Rmdq];

    /// The identifier used in JSON and in wording files (`start_back`, `odi`, `rmdq`).
    pub fn id(self) -> &'static str {
        match self {
            Instrument::StartBack => "start_back",
            Instrument::Odi => "odi",
            Instrument::Rmdq => "rmdq",
        }
    }

    /// The instrument's name.
    pub fn name(self) -> Text {
        match self {
            Instrument::StartBack => t(
                "STarT Back (how likely back pain is to last)",
                "STarT Back (probabilidad de que el dolor de espalda dure)",
            ),
            Instrument::Odi => t(
                "Oswestry Disability Index (how much your back limits daily life)",
                "Índice de Discapacidad de Oswestry (cuánto limita su espalda la vida diaria)",
            ),
            Instrument::Rmdq => t(
                "Roland-Morris (everyday things your back makes hard)",
                "Roland-Morris (cosas diarias que su espalda le complica)",
            ),
        }
    }
}

impl std::fmt::Display for Instrument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// An instrument that was started but cannot be scored: which items are missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, thiserror::Error)]
#[error("{instrument} cannot be scored: no answer for {}", .missing.join(", "))]
pub struct MissingItems {
    /// The instrument.
    pub instrument: Instrument,
    /// The JSON field names of the unanswered items, in questionnaire order.
    pub missing: Vec<&'static str>,
}

impl MissingItems {
    /// One plain sentence saying the score could not be worked out, and why.
    pub fn explain(&self, lang: Lang) -> String {
        let n = self.missing.len();
        let text = if n == 1 {
            t(
                "We could not work out this score because 1 question was not answered.",
                "No pudimos calcular esta puntuación porque faltó 1 pregunta por responder.",
            )
        } else {
            t(
                "We could not work out this score because {n} questions were not answered.",
                "No pudimos calcular esta puntuación porque faltaron {n} preguntas por responder.",
            )
        };
        text.fill(lang, &[("n", n)])
    }
}

/// The result of one instrument that was started: a score, or the items still missing.
///
/// In JSON: `{"scored": {...}}` or `{"incomplete": {"instrument": "odi", "missing": [...]}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome<T> {
    /// Enough items were answered to score it.
    Scored(T),
    /// Too many items are missing to score it.
    Incomplete(MissingItems),
}

impl<T> Outcome<T> {
    /// The score, when there is one.
    pub fn scored(&self) -> Option<&T> {
        match self {
            Outcome::Scored(s) => Some(s),
            Outcome::Incomplete(_) => None,
        }
    }

    /// The missing items, when it could not be scored.
    pub fn missing(&self) -> Option<&MissingItems> {
        match self {
            Outcome::Scored(_) => None,
            Outcome::Incomplete(m) => Some(m),
        }
    }
}

impl<T> From<Result<T, MissingItems>> for Outcome<T> {
    fn from(result: Result<T, MissingItems>) -> Self {
        match result {
            Ok(s) => Outcome::Scored(s),
            Err(m) => Outcome::Incomplete(m),
        }
    }
}

/// All instrument scores for one intake.
///
/// Every field is always present in JSON; `null` means the instrument was not answered at
/// all (an answers object with no answers in it counts as not answered).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Scores {
    /// Pain ratings (0-10), copied from the intake.
    pub nrs: NrsScores,
    /// STarT Back: score and risk group, or the missing items.
    pub start_back: Option<Outcome<StartBackScore>>,
    /// Oswestry: percentage and band, or the missing sections.
    pub odi: Option<Outcome<OdiResult>>,
    /// Roland-Morris: the number of statements ticked.
    pub rmdq: Option<RmdqResult>,
}

impl Scores {
    /// The STarT Back risk group, when STarT Back was fully answered.
    pub fn risk_group(&self) -> Option<RiskGroup> {
        self.start_back
            .as_ref()
            .and_then(Outcome::scored)
            .map(|s| s.group)
    }

    /// The ODI result, when ODI could be scored.
    pub fn odi_result(&self) -> Option<&OdiResult> {
        self.odi.as_ref().and_then(Outcome::scored)
    }
}

/// Scores every instrument answered in `intake`.
pub fn scores(intake: &crate::Intake) -> Scores {
    Scores {
        nrs: NrsScores::from_ratings(&intake.pain),
        start_back: intake
            .start_back
            .as_ref()
            .filter(|a| !a.is_empty())
            .map(|a| score_start_back(a).into()),
        odi: intake
            .odi
            .as_ref()
            .filter(|a| !a.is_empty())
            .map(|a| score_odi(a).into()),
        rmdq: intake.rmdq.as_ref().map(score_rmdq),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Intake;

    fn one(v: i64) -> Option<OdiSection> {
        Some(OdiSection::One(OdiItem::new(v).unwrap()))
    }

    #[test]
    fn scores_json_shape_is_stable() {
        let intake = Intake {
            pain: crate::intake::PainRatings {
                now: Some(crate::intake::Nrs::new(6).unwrap()),
                ..Default::default()
            },
            start_back: Some(StartBackAnswers {
                leg_pain: Some(true),
                ..Default::default()
            }),
            odi: Some(OdiAnswers {
                pain_intensity: one(2),
                personal_care: one(2),
                lifting: one(2),
                walking: one(2),
                sitting: one(2),
                standing: one(2),
                sleeping: one(2),
                social_life: one(2),
                travelling: one(2),
                sex_life: None,
            }),
            rmdq: Some(RmdqAnswers::default()),
            ..Intake::default()
        };
        let json = serde_json::to_value(scores(&intake)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "nrs": {"now": 6, "average": null, "worst": null},
                "start_back": {"incomplete": {"instrument": "start_back", "missing": [
                    "shoulder_or_neck_pain", "walking_limited", "dressing_slower",
                    "unsafe_to_be_active", "worrying_thoughts", "never_get_better",
                    "not_enjoying_things", "bothersomeness"]}},
                "odi": {"scored": {"percent": 40, "answered": 9, "band": "moderate",
                    "two_ticked_sections": []}},
                "rmdq": {"score": 0},
            })
        );
    }

    #[test]
    fn empty_answers_count_as_not_answered() {
        let intake = Intake {
            start_back: Some(StartBackAnswers::default()),
            odi: Some(OdiAnswers::default()),
            ..Intake::default()
        };
        let s = scores(&intake);
        assert_eq!(s.start_back, None);
        assert_eq!(s.odi, None);
        assert_eq!(s.rmdq, None);
        assert_eq!(s.risk_group(), None);
        assert_eq!(scores(&Intake::default()), Scores::default());
    }

    #[test]
    fn missing_items_explain_in_both_languages() {
        let m = MissingItems {
            instrument: Instrument::Odi,
            missing: vec!["sitting", "sex_life"],
        };
        assert_eq!(
            m.to_string(),
            "odi cannot be scored: no answer for sitting, sex_life"
        );
        assert!(m.explain(Lang::En).contains("2 questions"));
        assert!(m.explain(Lang::Es).contains("2 preguntas"));
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;
        use proptest::sample::select;

        fn bothersome() -> impl Strategy<Value = Option<Bothersome>> {
            proptest::option::of(select(Bothersome::ALL.to_vec()))
        }

        fn start_back() -> impl Strategy<Value = StartBackAnswers> {
            (
                proptest::array::uniform8(any::<Option<bool>>()),
                bothersome(),
            )
                .prop_map(|(a, b)| StartBackAnswers {
                    leg_pain: a[0],
                    shoulder_or_neck_pain: a[1],
                    walking_limited: a[2],
                    dressing_slower: a[3],
                    unsafe_to_be_active: a[4],
                    worrying_thoughts: a[5],
                    never_get_better: a[6],
                    not_enjoying_things: a[7],
                    bothersomeness: b,
                })
        }

        fn section() -> impl Strategy<Value = Option<OdiSection>> {
            let item = (0i64..=5).prop_map(|v| OdiItem::new(v).unwrap());
            proptest::option::of(prop_oneof![
                item.clone().prop_map(OdiSection::One),
                [item.clone(), item].prop_map(OdiSection::Two),
            ])
        }

        fn odi() -> impl Strategy<Value = OdiAnswers> {
            proptest::array::uniform10(section()).prop_map(|s| OdiAnswers {
                pain_intensity: s[0],
                personal_care: s[1],
                lifting: s[2],
                walking: s[3],
                sitting: s[4],
                standing: s[5],
                sleeping: s[6],
                sex_life: s[7],
                social_life: s[8],
                travelling: s[9],
            })
        }

        fn rmdq() -> impl Strategy<Value = RmdqAnswers> {
            proptest::collection::vec((1i64..=24).prop_map(|n| RmdqItem::new(n).unwrap()), 0..60)
                .prop_map(|ticked| RmdqAnswers { ticked })
        }

        fn intake() -> impl Strategy<Value = crate::Intake> {
            let nrs = || {
                proptest::option::of((0i64..=10).prop_map(|n| crate::intake::Nrs::new(n).unwrap()))
            };
            (
                proptest::option::of(start_back()),
                proptest::option::of(odi()),
                proptest::option::of(rmdq()),
                (nrs(), nrs(), nrs()),
            )
                .prop_map(|(start_back, odi, rmdq, (now, average, worst))| {
                    crate::Intake {
                        start_back,
                        odi,
                        rmdq,
                        pain: crate::intake::PainRatings {
                            now,
                            average,
                            worst,
                        },
                        ..crate::Intake::default()
                    }
                })
        }

        proptest! {
            #[test]
            fn scores_stay_in_range(a in start_back(), o in odi(), r in rmdq()) {
                match score_start_back(&a) {
                    Ok(s) => {
                        prop_assert!(s.total <= 9 && s.distress <= 5 && s.distress <= s.total);
                        let want = if s.distress >= 4 {
                            RiskGroup::High
                        } else if s.total >= 4 {
                            RiskGroup::Medium
                        } else {
                            RiskGroup::Low
                        };
                        prop_assert_eq!(s.group, want);
                    }
                    Err(m) => prop_assert!(!m.missing.is_empty() && m.missing.len() <= 9),
                }
                match score_odi(&o) {
                    Ok(s) => {
                        prop_assert!(s.percent <= 100);
                        prop_assert!(s.answered == 9 || s.answered == 10);
                        prop_assert_eq!(s.band, OdiBand::of(s.percent));
                    }
                    Err(m) => prop_assert!(m.missing.len() >= 2),
                }
                prop_assert!(score_rmdq(&r).score <= 24);
            }

            #[test]
            fn comparing_any_two_intakes_is_consistent(a in intake(), b in intake()) {
                let (sa, sb) = (scores(&a), scores(&b));
                prop_assert!(compare(&sa, &sa).changes.iter().all(|c| c.verdict == Verdict::NoImportantChange));
                let c = compare(&sa, &sb);
                for change in &c.changes {
                    prop_assert_eq!(i16::from(change.after) - i16::from(change.before), change.change);
                    let worse = change.verdict == Verdict::ImportantWorsening;
                    prop_assert!(!worse || change.change >= i16::from(change.mcid.points));
                    let better = change.verdict == Verdict::ImportantImprovement;
                    prop_assert!(!better || change.change < 0);
                    for lang in Lang::ALL {
                        prop_assert!(!change.explanation.get(lang).is_empty());
                    }
                }
            }
        }
    }
}
