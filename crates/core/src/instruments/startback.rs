//! Keele STarT Back Screening Tool: total score, distress subscale and risk group.
//!
//! Scoring (Hill et al., "A primary care back pain screening tool: identifying patient
//! subgroups for initial treatment", Arthritis Rheum 2008;59(5):632-641; Keele University,
//! <https://www.keele.ac.uk/sbst/>; the LOINC 91352-5 risk-level definition says the same):
//! - items 1-8: agree = 1, disagree = 0;
//! - item 9 (bothersomeness): 1 only for "very much" or "extremely";
//! - total = items 1-9 (0-9); distress subscale = items 5-9 (0-5);
//! - low risk: total 0-3; medium: total 4 or more and distress 3 or less; high: distress 4-5.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Bothersome, Instrument, MissingItems, StartBackAnswers};
use crate::lang::{Text, t};

/// The STarT Back risk group. Ordered: a later variant is a higher risk.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskGroup {
    /// Total 0-3: likely to do well with advice and self-care.
    Low,
    /// Total 4 or more, distress 3 or less: physical factors are holding recovery back.
    Medium,
    /// Distress 4 or more: worries and mood are holding recovery back as well.
    High,
}

impl RiskGroup {
    /// Every group, lowest risk first.
    pub const ALL: [RiskGroup; 3] = [RiskGroup::Low, RiskGroup::Medium, RiskGroup::High];

    /// The identifier used in JSON (`low`, `medium`, `high`).
    pub fn id(self) -> &'static str {
        match self {
            RiskGroup::Low => "low",
            RiskGroup::Medium => "medium",
            RiskGroup::High => "high",
        }
    }

    /// A short label, such as "low risk".
    pub fn label(self) -> Text {
        match self {
            RiskGroup::Low => t("low risk", "riesgo bajo"),
            RiskGroup::Medium => t("medium risk", "riesgo medio"),
            RiskGroup::High => t("high risk", "riesgo alto"),
        }
    }

    /// What the group means, in plain words. The matched care follows the STarT Back trial
    /// (Hill et al., Lancet 2011;378:1560-1571).
    pub fn meaning(self) -> Text {
        match self {
            RiskGroup::Low => t(
                "Your back pain is likely to get better with simple steps: keep active, and use the advice and exercises in your plan.",
                "Es probable que su dolor de espalda mejore con pasos sencillos: manténgase activo y siga los consejos y ejercicios de su plan.",
            ),
            RiskGroup::Medium => t(
                "Your back pain may take longer to settle. Seeing a physiotherapist for exercises and hands-on care is likely to help.",
                "Su dolor de espalda puede tardar más en calmarse. Es probable que le ayude ver a un fisioterapeuta para hacer ejercicios y recibir tratamiento.",
            ),
            RiskGroup::High => t(
                "Your back pain may last longer, and worry or low mood may be part of it. A physiotherapist who also helps with worries and mood is likely to help most.",
                "Su dolor de espalda puede durar más, y la preocupación o el ánimo bajo pueden influir. Lo que más puede ayudarle es un fisioterapeuta que también le ayude con las preocupaciones y el ánimo.",
            ),
        }
    }
}

/// A scored STarT Back questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct StartBackScore {
    /// Items 1-9 (0-9).
    pub total: u8,
    /// The distress (psychosocial) subscale, items 5-9 (0-5).
    pub distress: u8,
    /// The risk group.
    pub group: RiskGroup,
}

/// Item 9 counts only for "very much" and "extremely" (Hill et al. 2008).
fn bothersome_point(b: Bothersome) -> u8 {
    u8::from(matches!(b, Bothersome::VeryMuch | Bothersome::Extremely))
}

/// Scores STarT Back. Every one of the 9 items must be answered; otherwise the error names
/// the missing items.
pub fn score_start_back(a: &StartBackAnswers) -> Result<StartBackScore, MissingItems> {
    let items = a.agree_items();
    let mut missing: Vec<&'static str> = items
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| *k)
        .collect();
    if a.bothersomeness.is_none() {
        missing.push("bothersomeness");
    }
    let Some(bother) = a.bothersomeness.filter(|_| missing.is_empty()) else {
        return Err(MissingItems {
            instrument: Instrument::StartBack,
            missing,
        });
    };
    let points: Vec<u8> = items
        .iter()
        .map(|(_, v)| u8::from(v.unwrap_or(false)))
        .chain([bothersome_point(bother)])
        .collect();
    let total = points.iter().sum();
    // Items 5-9 are the last five.
    let distress = points[4..].iter().sum();
    let group = if distress >= 4 {
        RiskGroup::High
    } else if total >= 4 {
        RiskGroup::Medium
    } else {
        RiskGroup::Low
    };
    Ok(StartBackScore {
        total,
        distress,
        group,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Bothersome::*;

    /// Builds answers from items 1-8 (1 = agree) and item 9.
    fn answers(items: [u8; 8], nine: Bothersome) -> StartBackAnswers {
        let b = |i: usize| Some(items[i] == 1);
        StartBackAnswers {
            leg_pain: b(0),
            shoulder_or_neck_pain: b(1),
            walking_limited: b(2),
            dressing_slower: b(3),
            unsafe_to_be_active: b(4),
            worrying_thoughts: b(5),
            never_get_better: b(6),
            not_enjoying_things: b(7),
            bothersomeness: Some(nine),
        }
    }

    /// One row: items 1-8 (1 = agree), item 9, expected (total, distress, group).
    type Case = ([u8; 8], Bothersome, (u8, u8, RiskGroup));

    fn check(cases: &[Case]) {
        for (i, (items, nine, (total, distress, group))) in cases.iter().enumerate() {
            let got = score_start_back(&answers(*items, *nine));
            let want = StartBackScore {
                total: *total,
                distress: *distress,
                group: *group,
            };
            assert_eq!(got, Ok(want), "case {i}: {items:?} + {nine:?}");
        }
    }

    #[test]
    fn worked_examples() {
        use RiskGroup::*;
        check(&[
            ([0, 0, 0, 0, 0, 0, 0, 0], NotAtAll, (0, 0, Low)),
            ([1, 1, 1, 1, 1, 1, 1, 1], Extremely, (9, 5, High)),
            // Total 3 vs 4: low vs medium.
            ([1, 1, 1, 0, 0, 0, 0, 0], Slightly, (3, 0, Low)),
            ([1, 1, 1, 1, 0, 0, 0, 0], Slightly, (4, 0, Medium)),
            ([1, 1, 0, 0, 0, 0, 0, 0], VeryMuch, (3, 1, Low)),
            ([1, 1, 1, 0, 0, 0, 0, 0], VeryMuch, (4, 1, Medium)),
            // Distress 3 vs 4: medium vs high.
            ([1, 0, 0, 0, 1, 1, 1, 0], Slightly, (4, 3, Medium)),
            ([1, 0, 0, 0, 1, 1, 1, 1], Slightly, (5, 4, High)),
            ([0, 0, 0, 0, 1, 1, 1, 0], Extremely, (4, 4, High)),
            // Item 9 "moderately" does not count; "very much" and "extremely" do.
            ([1, 0, 0, 0, 1, 1, 1, 0], Moderately, (4, 3, Medium)),
            ([1, 0, 0, 0, 1, 1, 1, 0], VeryMuch, (5, 4, High)),
            ([1, 1, 1, 0, 0, 0, 0, 0], Moderately, (3, 0, Low)),
            // Distress 4 with physical items all "disagree" is still high.
            ([0, 0, 0, 0, 1, 1, 1, 1], NotAtAll, (4, 4, High)),
        ]);
    }

    #[test]
    fn missing_items_are_named_in_order() {
        let mut a = answers([1; 8], VeryMuch);
        a.walking_limited = None;
        a.bothersomeness = None;
        assert_eq!(
            score_start_back(&a),
            Err(MissingItems {
                instrument: Instrument::StartBack,
                missing: vec!["walking_limited", "bothersomeness"],
            })
        );
        let all = score_start_back(&StartBackAnswers::default()).unwrap_err();
        assert_eq!(all.missing, StartBackAnswers::KEYS);
    }

    #[test]
    fn labels_are_bilingual() {
        for g in RiskGroup::ALL {
            for text in [g.label(), g.meaning()] {
                assert!(!text.en.is_empty() && !text.es.is_empty());
            }
        }
        assert_eq!(
            serde_json::to_value(RiskGroup::Medium).unwrap(),
            RiskGroup::Medium.id()
        );
    }
}
