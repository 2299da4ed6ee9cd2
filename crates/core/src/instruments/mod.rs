//! Validated instruments: STarT Back, Oswestry (ODI v2.1a), Roland-Morris (RMDQ) and the
//! numeric pain rating (NRS), with their scoring rules and clinically important changes.
//!
//! Only structure and scoring live here. The validated questionnaires' wording is
//! copyrighted and is never in this repository; see `prompts` for our own plain-language
//! prompts and `Wording` for loading an organisation's licensed text at run time.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::intake::bounded;

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

/// All instrument scores for one intake (stub, filled in next).
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Scores {}

/// Scores every instrument answered in `intake`.
pub fn scores(_intake: &crate::Intake) -> Scores {
    Scores {}
}
