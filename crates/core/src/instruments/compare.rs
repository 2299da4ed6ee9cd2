//! Comparing two assessments: did anything change by enough to matter?
//!
//! A change counts as real and noticeable when it reaches the minimal important change
//! (MIC, also called MCID) for that measure:
//! - pain rating (NRS 0-10): a fall of 2 points or of 30% of the starting value (Farrar et
//!   al., "Clinical importance of changes in chronic pain intensity measured on an 11-point
//!   numerical pain rating scale", Pain 2001;94(2):149-158; Ostelo et al., Spine
//!   2008;33(1):90-94). The 30% rule was derived for improvement only, so a rise must be
//!   2 points or more to count as a real worsening;
//! - Roland-Morris (RMDQ 0-24): 5 points (Ostelo et al. 2008);
//! - Oswestry (ODI 0-100): 10 points (Ostelo et al. 2008).
//!
//! Every measure is "lower is better", so a fall is an improvement.

use schemars::JsonSchema;
use serde::Serialize;

use super::{RiskGroup, Scores};
use crate::lang::{Lang, Text, t};

/// A measure that can be compared between two assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Pain right now (NRS 0-10).
    NrsNow,
    /// Average pain over the last week (NRS 0-10).
    NrsAverage,
    /// Worst pain over the last week (NRS 0-10).
    NrsWorst,
    /// Oswestry Disability Index (0-100).
    Odi,
    /// Roland-Morris Disability Questionnaire (0-24).
    Rmdq,
}

impl Measure {
    /// Every measure, in the order a comparison lists them.
    pub const ALL: [Measure; 5] = [
        Measure::NrsNow,
        Measure::NrsAverage,
        Measure::NrsWorst,
        Measure::Odi,
        Measure::Rmdq,
    ];

    /// The identifier used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Measure::NrsNow => "nrs_now",
            Measure::NrsAverage => "nrs_average",
            Measure::NrsWorst => "nrs_worst",
            Measure::Odi => "odi",
            Measure::Rmdq => "rmdq",
        }
    }

    /// The measure's name, as the subject of a sentence ("Your worst pain").
    pub fn name(self) -> Text {
        match self {
            Measure::NrsNow => t("Your pain right now", "Su dolor en este momento"),
            Measure::NrsAverage => t(
                "Your average pain over the last week",
                "Su dolor medio de la última semana",
            ),
            Measure::NrsWorst => t(
                "Your worst pain over the last week",
                "Su peor dolor de la última semana",
            ),
            Measure::Odi => t(
                "Your disability score (Oswestry)",
                "Su puntuación de discapacidad (Oswestry)",
            ),
            Measure::Rmdq => t(
                "Your everyday activities score (Roland-Morris)",
                "Su puntuación de actividades diarias (Roland-Morris)",
            ),
        }
    }

    /// The minimal important change used for this measure.
    pub fn mcid(self) -> Mcid {
        const OSTELO: &str = "Ostelo et al., Spine 2008;33(1):90-94";
        match self {
            Measure::NrsNow | Measure::NrsAverage | Measure::NrsWorst => Mcid {
                points: 2,
                percent: Some(30),
                source: "Farrar et al., Pain 2001;94(2):149-158; Ostelo et al., Spine 2008;33(1):90-94",
                rule: t(
                    "For pain ratings, a fall of 2 points, or of 30% of where you started, is a real, noticeable improvement. A rise of 2 points or more is a real worsening.",
                    "En las puntuaciones de dolor, una bajada de 2 puntos, o del 30% del valor de partida, es una mejora real que se nota. Una subida de 2 puntos o más es un empeoramiento real.",
                ),
            },
            Measure::Odi => Mcid {
                points: 10,
                percent: None,
                source: OSTELO,
                rule: t(
                    "For the disability score, a change of 10 points or more is a real, noticeable change.",
                    "En la puntuación de discapacidad, un cambio de 10 puntos o más es un cambio real que se nota.",
                ),
            },
            Measure::Rmdq => Mcid {
                points: 5,
                percent: None,
                source: OSTELO,
                rule: t(
                    "For the everyday activities score, a change of 5 points or more is a real, noticeable change.",
                    "En la puntuación de actividades diarias, un cambio de 5 puntos o más es un cambio real que se nota.",
                ),
            },
        }
    }

    /// The value of this measure in one assessment, when it was answered and scored.
    pub fn value(self, s: &Scores) -> Option<u8> {
        match self {
            Measure::NrsNow => s.nrs.now,
            Measure::NrsAverage => s.nrs.average,
            Measure::NrsWorst => s.nrs.worst,
            Measure::Odi => s.odi_result().map(|r| r.percent),
            Measure::Rmdq => s.rmdq.map(|r| r.score),
        }
    }

    /// True when the measure was started in this assessment, even if it could not be scored.
    fn present(self, s: &Scores) -> bool {
        match self {
            Measure::Odi => s.odi.is_some(),
            _ => self.value(s).is_some(),
        }
    }
}

/// A minimal important change: the smallest change that counts as real and noticeable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Mcid {
    /// A change of this many points or more counts, up or down.
    pub points: u8,
    /// A fall of this percentage of the starting value or more also counts as an improvement.
    pub percent: Option<u8>,
    /// The published source.
    pub source: &'static str,
    /// The rule in plain words.
    #[serde(skip)]
    pub rule: Text,
}

impl Mcid {
    /// The verdict for a change from `before` to `after` (lower is better).
    pub fn verdict(&self, before: u8, after: u8) -> Verdict {
        let fall = i32::from(before) - i32::from(after);
        let points = i32::from(self.points);
        let by_percent = self
            .percent
            .is_some_and(|p| before > 0 && fall * 100 >= i32::from(p) * i32::from(before));
        if fall > 0 && (fall >= points || by_percent) {
            Verdict::ImportantImprovement
        } else if -fall >= points {
            Verdict::ImportantWorsening
        } else {
            Verdict::NoImportantChange
        }
    }
}

/// Whether a change is big enough to matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Better by at least the minimal important change.
    ImportantImprovement,
    /// Worse by at least the minimal important change.
    ImportantWorsening,
    /// Smaller than the minimal important change either way.
    NoImportantChange,
}

/// A sentence in every language, built from [`Text`] templates and numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Explanation {
    /// English.
    pub en: String,
    /// Spanish.
    pub es: String,
}

impl Explanation {
    /// The sentence in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }

    fn build(f: impl Fn(Lang) -> String) -> Explanation {
        Explanation {
            en: f(Lang::En),
            es: f(Lang::Es),
        }
    }
}

/// How one measure changed between two assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Change {
    /// Which measure.
    pub measure: Measure,
    /// The earlier value.
    pub before: u8,
    /// The later value.
    pub after: u8,
    /// `after - before`: negative is a fall (better), positive a rise (worse).
    pub change: i16,
    /// The minimal important change used.
    pub mcid: Mcid,
    /// Whether the change is big enough to matter.
    pub verdict: Verdict,
    /// What happened, in plain words.
    pub explanation: Explanation,
}

/// Which way the STarT Back risk group moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A lower risk group.
    Better,
    /// The same group.
    Same,
    /// A higher risk group.
    Worse,
}

/// How the STarT Back risk group changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GroupChange {
    /// The earlier group.
    pub before: RiskGroup,
    /// The later group.
    pub after: RiskGroup,
    /// Which way it moved.
    pub direction: Direction,
    /// What happened, in plain words.
    pub explanation: Explanation,
}

/// Everything that changed between two assessments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Comparison {
    /// Each measure scored in both assessments, in [`Measure::ALL`] order.
    pub changes: Vec<Change>,
    /// The STarT Back risk group, when it was scored both times.
    pub risk_group: Option<GroupChange>,
    /// Measures answered in only one of the two assessments, or not scorable in one of them.
    pub not_compared: Vec<Measure>,
}

impl Comparison {
    /// Every explanation, one sentence group per line, in the order shown to people.
    pub fn explain(&self, lang: Lang) -> Vec<String> {
        self.changes
            .iter()
            .map(|c| c.explanation.get(lang).to_owned())
            .chain(
                self.risk_group
                    .iter()
                    .map(|g| g.explanation.get(lang).to_owned()),
            )
            .collect()
    }
}

/// "1 point" / "3 points".
fn points(n: u8, lang: Lang) -> String {
    let unit = if n == 1 {
        t("point", "punto")
    } else {
        t("points", "puntos")
    };
    format!("{n} {}", unit.get(lang))
}

/// Fills `{name}`, `{n}`, `{before}`, `{after}` and `{mcid}` in a template.
fn fill(template: Text, lang: Lang, measure: Measure, n: u8, before: u8, after: u8) -> String {
    template.fill(
        lang,
        &[
            ("name", measure.name().get(lang).to_owned()),
            ("n", points(n, lang)),
            ("before", before.to_string()),
            ("after", after.to_string()),
            ("mcid", measure.mcid().points.to_string()),
        ],
    )
}

fn explain_change(measure: Measure, before: u8, after: u8, verdict: Verdict) -> Explanation {
    let n = before.abs_diff(after);
    let nrs = measure.mcid().percent.is_some();
    let what = if after < before {
        t(
            "{name} fell by {n}, from {before} to {after}.",
            "{name} bajó {n}, de {before} a {after}.",
        )
    } else if after > before {
        t(
            "{name} rose by {n}, from {before} to {after}.",
            "{name} subió {n}, de {before} a {after}.",
        )
    } else {
        t(
            "{name} stayed the same, at {before}.",
            "{name} no cambió: sigue en {before}.",
        )
    };
    let meaning = match (verdict, nrs) {
        (Verdict::ImportantImprovement, true) => t(
            "A fall of 2 points, or of 30% of where you started, is a real, noticeable improvement.",
            "Una bajada de 2 puntos, o del 30% del valor de partida, es una mejora real que se nota.",
        ),
        (Verdict::ImportantImprovement, false) => t(
            "A fall of {mcid} or more is a real, noticeable improvement.",
            "Una bajada de {mcid} o más es una mejora real que se nota.",
        ),
        (Verdict::ImportantWorsening, _) => t(
            "A rise of {mcid} or more is a real worsening. If you are worried, talk to your doctor or physiotherapist.",
            "Una subida de {mcid} o más es un empeoramiento real. Si le preocupa, hable con su médico o fisioterapeuta.",
        ),
        (Verdict::NoImportantChange, _) if before == after => t("", ""),
        (Verdict::NoImportantChange, true) => t(
            "Changes smaller than 2 points (or 30%) can be normal ups and downs, so this does not count as a real change yet.",
            "Los cambios de menos de 2 puntos (o del 30%) pueden ser altibajos normales, así que todavía no cuenta como un cambio real.",
        ),
        (Verdict::NoImportantChange, false) => t(
            "Changes smaller than {mcid} can be normal ups and downs, so this does not count as a real change yet.",
            "Los cambios de menos de {mcid} pueden ser altibajos normales, así que todavía no cuenta como un cambio real.",
        ),
    };
    Explanation::build(|lang| {
        let first = fill(what, lang, measure, n, before, after);
        let second = fill(meaning, lang, measure, n, before, after);
        if second.is_empty() {
            first
        } else {
            format!("{first} {second}")
        }
    })
}

fn explain_group(before: RiskGroup, after: RiskGroup, direction: Direction) -> Explanation {
    let template = match direction {
        Direction::Better => t(
            "Your STarT Back group went down from {before} to {after}. This is a good sign: your back is now less likely to cause long-term problems.",
            "Su grupo STarT Back bajó de {before} a {after}. Es una buena señal: ahora es menos probable que su espalda le cause problemas a largo plazo.",
        ),
        Direction::Same => t(
            "Your STarT Back group stayed the same: {before}.",
            "Su grupo STarT Back no cambió: {before}.",
        ),
        Direction::Worse => t(
            "Your STarT Back group went up from {before} to {after}. It may help to talk to your doctor or physiotherapist about this.",
            "Su grupo STarT Back subió de {before} a {after}. Puede ayudarle hablarlo con su médico o fisioterapeuta.",
        ),
    };
    Explanation::build(|lang| {
        template.fill(
            lang,
            &[
                ("before", before.label().get(lang)),
                ("after", after.label().get(lang)),
            ],
        )
    })
}

/// Compares an earlier assessment (`before`) with a later one (`after`).
pub fn compare(before: &Scores, after: &Scores) -> Comparison {
    let mut out = Comparison::default();
    for measure in Measure::ALL {
        match (measure.value(before), measure.value(after)) {
            (Some(b), Some(a)) => {
                let mcid = measure.mcid();
                let verdict = mcid.verdict(b, a);
                out.changes.push(Change {
                    measure,
                    before: b,
                    after: a,
                    change: i16::from(a) - i16::from(b),
                    mcid,
                    verdict,
                    explanation: explain_change(measure, b, a, verdict),
                });
            }
            _ if measure.present(before) || measure.present(after) => {
                out.not_compared.push(measure);
            }
            _ => {}
        }
    }
    if let (Some(b), Some(a)) = (before.risk_group(), after.risk_group()) {
        let direction = match a.cmp(&b) {
            std::cmp::Ordering::Less => Direction::Better,
            std::cmp::Ordering::Equal => Direction::Same,
            std::cmp::Ordering::Greater => Direction::Worse,
        };
        out.risk_group = Some(GroupChange {
            before: b,
            after: a,
            direction,
            explanation: explain_group(b, a, direction),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{NrsScores, OdiBand, OdiResult, Outcome, RmdqResult, StartBackScore};
    use super::*;
    use Verdict::*;

    fn scores(measure: Measure, value: u8) -> Scores {
        let mut s = Scores::default();
        match measure {
            Measure::NrsNow => s.nrs.now = Some(value),
            Measure::NrsAverage => s.nrs.average = Some(value),
            Measure::NrsWorst => s.nrs.worst = Some(value),
            Measure::Odi => {
                s.odi = Some(Outcome::Scored(OdiResult {
                    percent: value,
                    answered: 10,
                    band: OdiBand::of(value),
                    two_ticked_sections: vec![],
                }))
            }
            Measure::Rmdq => s.rmdq = Some(RmdqResult { score: value }),
        }
        s
    }

    /// One row: measure, before, after, expected verdict.
    fn check(cases: &[(Measure, u8, u8, Verdict)]) {
        for (i, (measure, b, a, want)) in cases.iter().enumerate() {
            let c = compare(&scores(*measure, *b), &scores(*measure, *a));
            assert_eq!(c.changes.len(), 1, "case {i}");
            let change = &c.changes[0];
            assert_eq!(change.verdict, *want, "case {i}: {measure:?} {b} -> {a}");
            assert_eq!(change.change, i16::from(*a) - i16::from(*b), "case {i}");
            assert_eq!(change.mcid, measure.mcid(), "case {i}");
            for lang in Lang::ALL {
                assert!(!change.explanation.get(lang).is_empty(), "case {i}");
            }
        }
    }

    #[test]
    fn verdicts_at_and_just_below_the_mcid() {
        use Measure::*;
        check(&[
            // ODI: 10 points.
            (Odi, 40, 30, ImportantImprovement),
            (Odi, 40, 31, NoImportantChange),
            (Odi, 30, 40, ImportantWorsening),
            (Odi, 30, 39, NoImportantChange),
            (Odi, 30, 30, NoImportantChange),
            // RMDQ: 5 points.
            (Rmdq, 12, 7, ImportantImprovement),
            (Rmdq, 12, 8, NoImportantChange),
            (Rmdq, 7, 12, ImportantWorsening),
            (Rmdq, 8, 12, NoImportantChange),
            // NRS: 2 points ...
            (NrsAverage, 10, 8, ImportantImprovement),
            (NrsAverage, 10, 9, NoImportantChange),
            (NrsWorst, 6, 4, ImportantImprovement),
            (NrsNow, 4, 6, ImportantWorsening),
            (NrsNow, 4, 5, NoImportantChange),
            // ... or 30% of the starting value: 1 point from 3 is 33%, from 4 is 25%.
            (NrsNow, 3, 2, ImportantImprovement),
            (NrsNow, 4, 3, NoImportantChange),
            (NrsNow, 1, 0, ImportantImprovement),
            // 30% counts for improvement only: a 1-point rise from 3 is not a worsening.
            (NrsNow, 3, 4, NoImportantChange),
            (NrsNow, 0, 1, NoImportantChange),
            (NrsNow, 0, 2, ImportantWorsening),
        ]);
    }

    #[test]
    fn explanation_reads_naturally() {
        let c = compare(&scores(Measure::Odi, 42), &scores(Measure::Odi, 30));
        let e = &c.changes[0].explanation;
        assert_eq!(
            e.en,
            "Your disability score (Oswestry) fell by 12 points, from 42 to 30. A fall of 10 or more is a real, noticeable improvement."
        );
        assert_eq!(
            e.es,
            "Su puntuación de discapacidad (Oswestry) bajó 12 puntos, de 42 a 30. Una bajada de 10 o más es una mejora real que se nota."
        );
        let c = compare(&scores(Measure::NrsNow, 5), &scores(Measure::NrsNow, 6));
        assert!(c.changes[0].explanation.en.contains("rose by 1 point,"));
        let c = compare(&scores(Measure::Rmdq, 5), &scores(Measure::Rmdq, 5));
        assert_eq!(
            c.changes[0].explanation.es,
            "Su puntuación de actividades diarias (Roland-Morris) no cambió: sigue en 5."
        );
    }

    #[test]
    fn risk_group_and_missing_measures() {
        let sb = |group| {
            Some(Outcome::Scored(StartBackScore {
                total: 5,
                distress: 2,
                group,
            }))
        };
        let before = Scores {
            nrs: NrsScores {
                now: Some(7),
                average: Some(6),
                worst: None,
            },
            start_back: sb(RiskGroup::High),
            ..Scores::default()
        };
        let after = Scores {
            nrs: NrsScores {
                now: Some(3),
                average: None,
                worst: None,
            },
            start_back: sb(RiskGroup::Low),
            rmdq: Some(RmdqResult { score: 4 }),
            ..Scores::default()
        };
        let c = compare(&before, &after);
        assert_eq!(c.changes.len(), 1);
        assert_eq!(c.changes[0].measure, Measure::NrsNow);
        assert_eq!(c.not_compared, vec![Measure::NrsAverage, Measure::Rmdq]);
        let g = c.risk_group.as_ref().unwrap();
        assert_eq!(g.direction, Direction::Better);
        assert!(g.explanation.en.contains("from high risk to low risk"));
        assert!(g.explanation.es.contains("de riesgo alto a riesgo bajo"));
        assert_eq!(c.explain(Lang::Es).len(), 2);
        let same = compare(&before, &before).risk_group.unwrap();
        assert_eq!(same.direction, Direction::Same);
        assert_eq!(
            compare(&after, &before).risk_group.unwrap().direction,
            Direction::Worse
        );
        assert_eq!(
            compare(&Scores::default(), &Scores::default()),
            Comparison::default()
        );
    }

    #[test]
    fn every_mcid_has_a_source_and_rule() {
        for m in Measure::ALL {
            let mcid = m.mcid();
            assert!(mcid.source.contains("Ostelo"));
            assert!(!mcid.rule.en.is_empty() && !mcid.rule.es.is_empty());
            assert!(!m.name().en.is_empty() && !m.name().es.is_empty());
        }
        assert_eq!(
            serde_json::to_value(Measure::NrsAverage.mcid()).unwrap(),
            serde_json::json!({"points": 2, "percent": 30,
                "source": "Farrar et al., Pain 2001;94(2):149-158; Ostelo et al., Spine 2008;33(1):90-94"})
        );
    }
}
