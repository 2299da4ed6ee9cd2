//! The 0-10 numeric pain rating scale (NRS): 0 = no pain, 10 = worst pain imaginable.
//!
//! backcare asks for pain now, average over the last week and worst over the last week, as
//! the selfBACK trial did (Sandal et al., JAMA Intern Med 2021;181(10):1288-1296). The
//! ratings are copied into the scores unchanged; the minimal important change used when
//! comparing two assessments is in `compare` (Farrar et al., Pain 2001;94(2):149-158).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::intake::PainRatings;

/// Pain ratings, 0-10. `None` (`null` in JSON) means not answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct NrsScores {
    /// Pain right now.
    pub now: Option<u8>,
    /// Average pain over the last week.
    pub average: Option<u8>,
    /// Worst pain over the last week.
    pub worst: Option<u8>,
}

impl NrsScores {
    /// Copies the ratings from the intake.
    pub fn from_ratings(p: &PainRatings) -> NrsScores {
        NrsScores {
            now: p.now.map(|n| n.get()),
            average: p.average.map(|n| n.get()),
            worst: p.worst.map(|n| n.get()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::Nrs;

    #[test]
    fn copies_each_rating() {
        let p = PainRatings {
            now: Some(Nrs::new(0).unwrap()),
            average: None,
            worst: Some(Nrs::new(10).unwrap()),
        };
        assert_eq!(
            NrsScores::from_ratings(&p),
            NrsScores {
                now: Some(0),
                average: None,
                worst: Some(10)
            }
        );
    }
}
