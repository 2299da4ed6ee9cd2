//! Roland-Morris Disability Questionnaire (RMDQ-24): the number of statements ticked.
//!
//! Scoring (Roland & Morris, Spine 1983;8(2):141-144; Roland & Fairbank, Spine
//! 2000;25(24):3115-3124): one point per statement ticked as true today, 0-24. A statement
//! that does not apply counts as not ticked. A statement ticked twice counts once.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::RmdqAnswers;

/// A scored RMDQ questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct RmdqResult {
    /// Statements ticked, 0-24. Higher means more disability.
    pub score: u8,
}

/// Scores the RMDQ. Always succeeds: an empty list means nothing is true today (score 0).
pub fn score_rmdq(a: &RmdqAnswers) -> RmdqResult {
    let distinct: BTreeSet<u8> = a.ticked.iter().map(|i| i.get()).collect();
    RmdqResult {
        // At most 24 distinct item numbers, so this always fits.
        score: u8::try_from(distinct.len()).unwrap_or(24),
    }
}

#[cfg(test)]
mod tests {
    use super::super::RmdqItem;
    use super::*;

    /// One row: the item numbers ticked, the expected score.
    fn check(cases: &[(Vec<i64>, u8)]) {
        for (i, (ticked, want)) in cases.iter().enumerate() {
            let answers = RmdqAnswers {
                ticked: ticked.iter().map(|n| RmdqItem::new(*n).unwrap()).collect(),
            };
            assert_eq!(score_rmdq(&answers).score, *want, "case {i}: {ticked:?}");
        }
    }

    #[test]
    fn worked_examples() {
        check(&[
            (vec![], 0),
            ((1..=24).collect(), 24),
            (vec![3], 1),
            (vec![1, 5, 9, 24], 4),
            // Duplicates count once.
            (vec![7, 7, 7], 1),
            (vec![2, 4, 2, 6, 4], 3),
            ((1..=24).chain(1..=24).collect(), 24),
        ]);
    }

    #[test]
    fn item_numbers_outside_1_to_24_are_rejected_at_parse_time() {
        assert!(serde_json::from_str::<RmdqAnswers>(r#"{"ticked": [0]}"#).is_err());
        assert!(serde_json::from_str::<RmdqAnswers>(r#"{"ticked": [25]}"#).is_err());
    }
}
