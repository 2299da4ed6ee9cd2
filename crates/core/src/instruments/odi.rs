//! Oswestry Disability Index v2.1a: percentage score and Fairbank's bands.
//!
//! Scoring (Fairbank & Pynsent, "The Oswestry Disability Index", Spine
//! 2000;25(22):2940-2953; Mapi Research Trust guidance on ODI v2.1a):
//! - 10 sections, each scored 0-5 by the statement ticked;
//! - score = sum / (5 x sections answered) x 100, so all 10 answered is out of 50 and one
//!   section missing is out of 45;
//! - two statements ticked in one section: score the higher;
//! - two or more sections missing: no score (the common software rule, e.g. the awell-score
//!   ODI calculator and the AO Spine Stata `odi` command allow at most one missing).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Instrument, MissingItems, OdiAnswers};
use crate::lang::{Text, t};

/// Fairbank's disability bands for the ODI percentage (Fairbank & Pynsent 2000).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OdiBand {
    /// 0-20%: minimal disability.
    Minimal,
    /// 21-40%: moderate disability.
    Moderate,
    /// 41-60%: severe disability.
    Severe,
    /// 61-80%: very severe disability. Fairbank's published label for this band is
    /// "crippled"; backcare does not use that word with people.
    VerySevere,
    /// 81-100%: bed-bound (Fairbank: "bed-bound, or exaggerating their symptoms").
    BedBound,
}

impl OdiBand {
    /// Every band, least disability first.
    pub const ALL: [OdiBand; 5] = [
        OdiBand::Minimal,
        OdiBand::Moderate,
        OdiBand::Severe,
        OdiBand::VerySevere,
        OdiBand::BedBound,
    ];

    /// The band a percentage falls in.
    pub fn of(percent: u8) -> OdiBand {
        match percent {
            0..=20 => OdiBand::Minimal,
            21..=40 => OdiBand::Moderate,
            41..=60 => OdiBand::Severe,
            61..=80 => OdiBand::VerySevere,
            _ => OdiBand::BedBound,
        }
    }

    /// The identifier used in JSON (`very_severe`).
    pub fn id(self) -> &'static str {
        match self {
            OdiBand::Minimal => "minimal",
            OdiBand::Moderate => "moderate",
            OdiBand::Severe => "severe",
            OdiBand::VerySevere => "very_severe",
            OdiBand::BedBound => "bed_bound",
        }
    }

    /// The band's range of percentages, inclusive.
    pub fn range(self) -> (u8, u8) {
        match self {
            OdiBand::Minimal => (0, 20),
            OdiBand::Moderate => (21, 40),
            OdiBand::Severe => (41, 60),
            OdiBand::VerySevere => (61, 80),
            OdiBand::BedBound => (81, 100),
        }
    }

    /// A short label, such as "moderate disability".
    pub fn label(self) -> Text {
        match self {
            OdiBand::Minimal => t("minimal disability", "discapacidad mínima"),
            OdiBand::Moderate => t("moderate disability", "discapacidad moderada"),
            OdiBand::Severe => t("severe disability", "discapacidad grave"),
            OdiBand::VerySevere => t("very severe disability", "discapacidad muy grave"),
            OdiBand::BedBound => t(
                "mostly unable to get out of bed",
                "casi sin poder levantarse de la cama",
            ),
        }
    }

    /// What the band means, in plain words.
    pub fn meaning(self) -> Text {
        match self {
            OdiBand::Minimal => t(
                "You can do most everyday things. Advice on lifting, sitting and exercise is usually enough.",
                "Puede hacer casi todo lo de cada día. Suelen bastar consejos sobre cómo levantar peso, sentarse y hacer ejercicio.",
            ),
            OdiBand::Moderate => t(
                "Your back makes sitting, lifting and standing harder. Exercise and changes to how you do things usually help.",
                "Su espalda le dificulta estar sentado, levantar peso y estar de pie. Suelen ayudar el ejercicio y cambiar su forma de hacer las cosas.",
            ),
            OdiBand::Severe => t(
                "Pain is a big problem in your daily life. A doctor or physiotherapist should look at your back.",
                "El dolor es un problema grande en su vida diaria. Un médico o fisioterapeuta debería revisar su espalda.",
            ),
            OdiBand::VerySevere => t(
                "Back pain affects almost every part of your life. Please see a doctor or physiotherapist.",
                "El dolor de espalda afecta a casi todo en su vida. Vea a un médico o fisioterapeuta.",
            ),
            OdiBand::BedBound => t(
                "You are mostly unable to get out of bed because of your back. Please see a doctor soon.",
                "Casi no puede levantarse de la cama por su espalda. Vea pronto a un médico.",
            ),
        }
    }
}

/// A scored ODI questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct OdiResult {
    /// The score, 0-100 (%), rounded to the nearest whole number.
    pub percent: u8,
    /// How many sections were answered (9 or 10).
    pub answered: u8,
    /// Fairbank's band for the percentage.
    pub band: OdiBand,
    /// Sections where two statements were ticked and the higher was scored.
    pub two_ticked_sections: Vec<&'static str>,
}

/// Scores the ODI. At most one section may be missing; otherwise the error names the missing
/// sections.
pub fn score_odi(a: &OdiAnswers) -> Result<OdiResult, MissingItems> {
    let sections = a.sections();
    let missing: Vec<&'static str> = sections
        .iter()
        .filter(|(_, s)| s.is_none())
        .map(|(k, _)| *k)
        .collect();
    if missing.len() >= 2 {
        return Err(MissingItems {
            instrument: Instrument::Odi,
            missing,
        });
    }
    let answered: Vec<_> = sections
        .iter()
        .filter_map(|(k, s)| s.map(|s| (*k, s)))
        .collect();
    let n = u32::try_from(answered.len()).unwrap_or(10);
    let sum: u32 = answered.iter().map(|(_, s)| u32::from(s.score())).sum();
    // sum / (5n) x 100 = 20 sum / n, rounded half up in whole numbers: (40 sum + n) / 2n.
    let percent = u8::try_from((40 * sum + n) / (2 * n)).unwrap_or(100);
    Ok(OdiResult {
        percent,
        answered: u8::try_from(n).unwrap_or(10),
        band: OdiBand::of(percent),
        two_ticked_sections: answered
            .iter()
            .filter(|(_, s)| matches!(s, super::OdiSection::Two(_)))
            .map(|(k, _)| *k)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{OdiItem, OdiSection};
    use super::*;

    /// A section from a ticked statement (`Some([a])`), two (`Some([a, b])`) or none.
    fn section(ticks: &[i64]) -> Option<OdiSection> {
        let item = |v: i64| OdiItem::new(v).unwrap();
        match ticks {
            [] => None,
            [a] => Some(OdiSection::One(item(*a))),
            [a, b] => Some(OdiSection::Two([item(*a), item(*b)])),
            _ => unreachable!("at most two ticks"),
        }
    }

    fn answers(s: [&[i64]; 10]) -> OdiAnswers {
        OdiAnswers {
            pain_intensity: section(s[0]),
            personal_care: section(s[1]),
            lifting: section(s[2]),
            walking: section(s[3]),
            sitting: section(s[4]),
            standing: section(s[5]),
            sleeping: section(s[6]),
            sex_life: section(s[7]),
            social_life: section(s[8]),
            travelling: section(s[9]),
        }
    }

    /// The expected result: `Ok((percent, answered, band, two-ticked))` or the missing keys.
    type Want = Result<(u8, u8, OdiBand, &'static [&'static str]), &'static [&'static str]>;

    /// One row: the ten sections' ticks, the expected result.
    fn check(cases: &[([&[i64]; 10], Want)]) {
        for (i, (ticks, want)) in cases.iter().enumerate() {
            let got = score_odi(&answers(*ticks));
            let want = match want {
                Ok((percent, answered, band, two)) => Ok(OdiResult {
                    percent: *percent,
                    answered: *answered,
                    band: *band,
                    two_ticked_sections: two.to_vec(),
                }),
                Err(missing) => Err(MissingItems {
                    instrument: Instrument::Odi,
                    missing: missing.to_vec(),
                }),
            };
            assert_eq!(got, want, "case {i}: {ticks:?}");
        }
    }

    #[test]
    fn worked_examples() {
        use OdiBand::*;
        check(&[
            // All 10 answered: out of 50.
            ([&[0]; 10], Ok((0, 10, Minimal, &[]))),
            ([&[5]; 10], Ok((100, 10, BedBound, &[]))),
            ([&[2]; 10], Ok((40, 10, Moderate, &[]))),
            (
                [&[1], &[2], &[3], &[2], &[2], &[1], &[2], &[0], &[1], &[1]],
                Ok((30, 10, Moderate, &[])),
            ),
            // Band edges on 10 sections: 20/21 is 10 vs 10.5 -> use 10 and 11 points.
            ([&[1]; 10], Ok((20, 10, Minimal, &[]))),
            (
                [&[2], &[1], &[1], &[1], &[1], &[1], &[1], &[1], &[1], &[1]],
                Ok((22, 10, Moderate, &[])),
            ),
            ([&[3]; 10], Ok((60, 10, Severe, &[]))),
            ([&[4]; 10], Ok((80, 10, VerySevere, &[]))),
            (
                [&[5], &[4], &[4], &[4], &[4], &[4], &[4], &[4], &[4], &[4]],
                Ok((82, 10, BedBound, &[])),
            ),
            // One missing section: out of 45. Sum 18 of 9 sections = 40%.
            (
                [&[2], &[2], &[2], &[2], &[2], &[2], &[2], &[], &[2], &[2]],
                Ok((40, 9, Moderate, &[])),
            ),
            // Sum 19 of 9 sections = 42.2% -> 42.
            (
                [&[3], &[2], &[2], &[2], &[2], &[2], &[2], &[], &[2], &[2]],
                Ok((42, 9, Severe, &[])),
            ),
            // Sum 1 of 9 sections = 2.2% -> 2; sum 4 = 8.9% -> 9.
            (
                [&[1], &[0], &[0], &[0], &[0], &[0], &[0], &[0], &[0], &[]],
                Ok((2, 9, Minimal, &[])),
            ),
            (
                [&[4], &[0], &[0], &[0], &[0], &[0], &[0], &[0], &[0], &[]],
                Ok((9, 9, Minimal, &[])),
            ),
            // Two boxes ticked: the higher counts.
            (
                [
                    &[2, 4],
                    &[2],
                    &[2],
                    &[2],
                    &[2],
                    &[2],
                    &[2],
                    &[2],
                    &[2],
                    &[3, 1],
                ],
                Ok((46, 10, Severe, &["pain_intensity", "travelling"])),
            ),
            // Two missing: no score, name them.
            (
                [&[2], &[2], &[2], &[2], &[], &[2], &[2], &[], &[2], &[2]],
                Err(&["sitting", "sex_life"]),
            ),
            ([&[]; 10], Err(&OdiAnswers::KEYS)),
        ]);
    }

    #[test]
    fn bands_cover_0_to_100_without_gaps() {
        let mut next = 0u8;
        for band in OdiBand::ALL {
            let (lo, hi) = band.range();
            assert_eq!(lo, next, "{band:?}");
            assert_eq!(OdiBand::of(lo), band);
            assert_eq!(OdiBand::of(hi), band);
            next = hi.saturating_add(1);
            for text in [band.label(), band.meaning()] {
                assert!(!text.en.is_empty() && !text.es.is_empty());
            }
        }
        assert_eq!(next, 101);
        assert_eq!(
            serde_json::to_value(OdiBand::VerySevere).unwrap(),
            "very_severe"
        );
    }
}
