//! How much a linked patient needs a clinician's attention: the order of the clinician's
//! panel.
//!
//! [`RULES`] is the table a clinician reviews: each row names its id, the [`Concern`] it
//! gives, what it looks for in plain words and its published source. [`rank`] runs every
//! row over one patient's [`Signals`] (the latest triage level, the STarT Back risk group,
//! the last two weeks of the diary and the latest function scores) and keeps the most
//! serious concern, with every reason that fired.
//!
//! The ranking only orders a list for a clinician to read; it never hides anything, and a
//! patient's own pages show their triage advice whatever the panel says. Like the rest of
//! the core it is a pure function of values: the caller picks the diary days of "the last
//! week" and "the week before" from its own clock.

use crate::instruments::{Explanation, Measure, RiskGroup, Verdict};
use crate::lang::{Lang, Text, t};
use crate::triage::Level;

/// How much a patient needs attention. Declared (and ordered) most serious first, so an
/// ascending sort puts red flags at the top of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Concern {
    /// The latest answers set off a red-flag rule (any triage level above self-care).
    RedFlag,
    /// Pain or function got worse by at least the minimal important change, or flare-ups
    /// were logged last week.
    Worsening,
    /// STarT Back high risk.
    HighRisk,
    /// STarT Back medium risk.
    MediumRisk,
    /// Nothing above: no red flag, no worsening, low risk or risk not scored.
    Stable,
    /// No assessment and no diary entry yet.
    NoData,
}

impl Concern {
    /// Every concern, most serious first.
    pub const ALL: [Concern; 6] = [
        Concern::RedFlag,
        Concern::Worsening,
        Concern::HighRisk,
        Concern::MediumRisk,
        Concern::Stable,
        Concern::NoData,
    ];

    /// A stable identifier, for CSS classes and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Concern::RedFlag => "red_flag",
            Concern::Worsening => "worsening",
            Concern::HighRisk => "high_risk",
            Concern::MediumRisk => "medium_risk",
            Concern::Stable => "stable",
            Concern::NoData => "no_data",
        }
    }

    /// A short label for the badge.
    pub fn label(self) -> Text {
        match self {
            Concern::RedFlag => t("Warning sign", "Señal de alarma"),
            Concern::Worsening => t("Getting worse", "Empeorando"),
            Concern::HighRisk => t("High risk", "Riesgo alto"),
            Concern::MediumRisk => t("Medium risk", "Riesgo medio"),
            Concern::Stable => t("Stable", "Estable"),
            Concern::NoData => t("No data yet", "Aún sin datos"),
        }
    }
}

/// A change in a function score between its last two measurements (intake or
/// reassessment), oldest value first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreChange {
    /// Which measure. Only [`Measure::Odi`] and [`Measure::Rmdq`] are function scores; the
    /// pain ratings come from the diary instead.
    pub measure: Measure,
    /// The earlier value.
    pub before: u8,
    /// The later value.
    pub after: u8,
}

/// What the panel knows about one patient.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signals {
    /// The triage level of the latest assessment, if any.
    pub level: Option<Level>,
    /// The latest STarT Back risk group, if it was scored.
    pub risk_group: Option<RiskGroup>,
    /// The diary's pain ratings (0-10) of the last 7 days.
    pub pain_last_week: Vec<u8>,
    /// The diary's pain ratings of the 7 days before those.
    pub pain_week_before: Vec<u8>,
    /// How many diary days of the last 7 had a flare-up.
    pub flare_ups_last_week: usize,
    /// The latest change of each function score measured at least twice.
    pub function: Vec<ScoreChange>,
}

impl Signals {
    /// True when there is nothing to go on: no assessment and no diary entry.
    pub fn is_empty(&self) -> bool {
        self.level.is_none()
            && self.risk_group.is_none()
            && self.pain_last_week.is_empty()
            && self.pain_week_before.is_empty()
            && self.flare_ups_last_week == 0
            && self.function.is_empty()
    }
}

/// One rule that fired for a patient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernReason {
    /// The rule's id, e.g. `CONCERN-PAIN-UP`.
    pub rule_id: &'static str,
    /// The concern it gives.
    pub concern: Concern,
    /// What was found, with its numbers, in plain words.
    pub text: Explanation,
    /// The published source the rule follows.
    pub source: &'static str,
}

/// A patient's place on the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    /// The most serious concern of any rule that fired ([`Concern::Stable`] when none did,
    /// [`Concern::NoData`] when there was nothing to look at).
    pub concern: Concern,
    /// The triage level, used to order red flags among themselves.
    pub level: Option<Level>,
    /// Every rule that fired, most serious first.
    pub reasons: Vec<ConcernReason>,
}

impl Ranking {
    /// The panel's sort key (ascending): concern first, then the more urgent triage level,
    /// then the more reasons.
    pub fn sort_key(
        &self,
    ) -> (
        Concern,
        std::cmp::Reverse<Option<Level>>,
        std::cmp::Reverse<usize>,
    ) {
        (
            self.concern,
            std::cmp::Reverse(self.level),
            std::cmp::Reverse(self.reasons.len()),
        )
    }
}

/// One row of the concern table.
#[derive(Debug, Clone, Copy)]
pub struct ConcernRule {
    /// Stable identifier.
    pub id: &'static str,
    /// The concern it gives when it fires.
    pub concern: Concern,
    /// What it looks for, for the reviewer.
    pub looks_for: Text,
    /// The published source.
    pub source: &'static str,
    /// The check: what was found, in words, when the rule fires.
    check: fn(&Signals) -> Option<Explanation>,
}

/// NRS minimal important change: a rise of 2 points or more is a real worsening (the 30%
/// rule was derived for improvement only). See [`crate::instruments::compare`].
pub const PAIN_RISE_POINTS: u32 = 2;

const FARRAR_OSTELO: &str =
    "Farrar et al., Pain 2001;94(2):149-158; Ostelo et al., Spine 2008;33(1):90-94";
const OSTELO: &str = "Ostelo et al., Spine 2008;33(1):90-94";
const HILL: &str = "Hill et al., Arthritis Rheum 2008;59(5):632-641 (STarT Back groups); Hill et al., Lancet 2011;378:1560-1571; NICE NG59 1.1.2-1.1.3";
const TRIAGE: &str = "backcare triage rule table (crates/core/src/triage/rules.rs), which cites each red flag's source; NICE NG59 1.1.1";

/// The concern table, most serious first. Review it with the sources named in each row.
pub static RULES: &[ConcernRule] = &[
    ConcernRule {
        id: "CONCERN-RED-FLAG",
        concern: Concern::RedFlag,
        looks_for: t(
            "The latest answers set off a warning-sign (red-flag) rule: the triage level is above self-care.",
            "Las últimas respuestas activaron una regla de señal de alarma: el nivel de triaje está por encima del autocuidado.",
        ),
        source: TRIAGE,
        check: red_flag,
    },
    ConcernRule {
        id: "CONCERN-PAIN-UP",
        concern: Concern::Worsening,
        looks_for: t(
            "The mean diary pain of the last 7 days is at least 2 points higher than in the 7 days before.",
            "El dolor medio del diario de los últimos 7 días es al menos 2 puntos más alto que en los 7 días anteriores.",
        ),
        source: FARRAR_OSTELO,
        check: pain_up,
    },
    ConcernRule {
        id: "CONCERN-FUNCTION-WORSE",
        concern: Concern::Worsening,
        looks_for: t(
            "A function score got worse by at least its minimal important change (Oswestry 10 points, Roland-Morris 5 points).",
            "Una puntuación de función empeoró al menos su cambio mínimo importante (Oswestry 10 puntos, Roland-Morris 5 puntos).",
        ),
        source: OSTELO,
        check: function_worse,
    },
    ConcernRule {
        id: "CONCERN-FLARE-UP",
        concern: Concern::Worsening,
        looks_for: t(
            "One or more flare-ups were logged in the diary in the last 7 days, and the average pain did not go down from the week before.",
            "Se anotaron una o más crisis de dolor en el diario en los últimos 7 días, y el dolor medio no bajó respecto a la semana anterior.",
        ),
        // A derived rule, not guideline text: a clinician should hear of a course that is
        // getting worse, and NICE NG59 treats a flare-up as an episode to manage.
        source: "backcare's own rule (flag a worsening course for review); NICE NG59 1.1.1 (reassess when symptoms change) and 1.2.1 (exercise advice for a specific episode or flare-up)",
        check: flare_up,
    },
    ConcernRule {
        id: "CONCERN-HIGH-RISK",
        concern: Concern::HighRisk,
        looks_for: t(
            "The latest STarT Back result is high risk.",
            "El último resultado de STarT Back es de riesgo alto.",
        ),
        source: HILL,
        check: high_risk,
    },
    ConcernRule {
        id: "CONCERN-MEDIUM-RISK",
        concern: Concern::MediumRisk,
        looks_for: t(
            "The latest STarT Back result is medium risk.",
            "El último resultado de STarT Back es de riesgo medio.",
        ),
        source: HILL,
        check: medium_risk,
    },
];

fn both(f: impl Fn(Lang) -> String) -> Explanation {
    Explanation {
        en: f(Lang::En),
        es: f(Lang::Es),
    }
}

fn red_flag(s: &Signals) -> Option<Explanation> {
    let level = s.level.filter(|l| *l > Level::SelfCare)?;
    Some(both(|lang| {
        let lead = match lang {
            Lang::En => "Latest triage",
            Lang::Es => "Último triaje",
        };
        format!("{lead}: {}", level.title().get(lang))
    }))
}

/// A mean in tenths, rounded half up (exact integer arithmetic: no floating point).
fn mean_tenths(values: &[u8]) -> u32 {
    let n = values.len() as u32;
    let sum: u32 = values.iter().map(|v| u32::from(*v)).sum();
    (sum * 20 + n) / (2 * n)
}

fn tenths(v: u32) -> String {
    format!("{}.{}", v / 10, v % 10)
}

/// The diary pain of the last 7 days and of the 7 days before, as (sum, count) each, when
/// both weeks were logged. Means are compared by cross-multiplying, exactly.
fn pain_weeks(s: &Signals) -> Option<((u32, u32), (u32, u32))> {
    let sum = |days: &[u8]| -> (u32, u32) {
        (days.iter().map(|v| u32::from(*v)).sum(), days.len() as u32)
    };
    (!s.pain_last_week.is_empty() && !s.pain_week_before.is_empty())
        .then(|| (sum(&s.pain_last_week), sum(&s.pain_week_before)))
}

/// Whether the mean pain of the last 7 days is below that of the 7 days before.
fn pain_fell(s: &Signals) -> bool {
    pain_weeks(s).is_some_and(|((sl, nl), (sb, nb))| sl * nb < sb * nl)
}

fn pain_up(s: &Signals) -> Option<Explanation> {
    let ((sl, nl), (sb, nb)) = pain_weeks(s)?;
    // mean(last) - mean(before) >= 2.
    if sl * nb < sb * nl + PAIN_RISE_POINTS * nl * nb {
        return None;
    }
    let (from, to) = (
        tenths(mean_tenths(&s.pain_week_before)),
        tenths(mean_tenths(&s.pain_last_week)),
    );
    Some(both(|lang| match lang {
        Lang::En => format!(
            "Mean diary pain went up from {from} to {to} out of 10 (last 7 days against the 7 before); a rise of 2 points is a real worsening."
        ),
        Lang::Es => format!(
            "El dolor medio del diario subió de {from} a {to} sobre 10 (últimos 7 días frente a los 7 anteriores); una subida de 2 puntos es un empeoramiento real."
        ),
    }))
}

fn function_worse(s: &Signals) -> Option<Explanation> {
    let worse: Vec<&ScoreChange> = s
        .function
        .iter()
        .filter(|c| matches!(c.measure, Measure::Odi | Measure::Rmdq))
        .filter(|c| c.measure.mcid().verdict(c.before, c.after) == Verdict::ImportantWorsening)
        .collect();
    if worse.is_empty() {
        return None;
    }
    Some(both(|lang| {
        worse
            .iter()
            .map(|c| {
                let (name, unit, max) = match c.measure {
                    Measure::Odi => ("Oswestry (ODI)", "%", ""),
                    _ => ("Roland-Morris (RMDQ)", "", "/24"),
                };
                let mcid = c.measure.mcid().points;
                match lang {
                    Lang::En => format!(
                        "{name} went from {}{unit}{max} to {}{unit}{max}: worse by {} points (a real change is {mcid} or more).",
                        c.before,
                        c.after,
                        c.after - c.before
                    ),
                    Lang::Es => format!(
                        "{name} pasó de {}{unit}{max} a {}{unit}{max}: {} puntos peor (un cambio real es de {mcid} o más).",
                        c.before,
                        c.after,
                        c.after - c.before
                    ),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }))
}

fn flare_up(s: &Signals) -> Option<Explanation> {
    let n = s.flare_ups_last_week;
    // A flare-up in a week whose pain fell overall is part of getting better (flare-ups
    // are expected on the way), not a sign of getting worse.
    (n > 0 && !pain_fell(s)).then(|| {
        both(|lang| match (lang, n) {
            (Lang::En, 1) => "1 flare-up logged in the last 7 days.".to_owned(),
            (Lang::En, n) => format!("{n} flare-ups logged in the last 7 days."),
            (Lang::Es, 1) => "1 crisis de dolor anotada en los últimos 7 días.".to_owned(),
            (Lang::Es, n) => format!("{n} crisis de dolor anotadas en los últimos 7 días."),
        })
    })
}

fn risk(s: &Signals, group: RiskGroup) -> Option<Explanation> {
    (s.risk_group == Some(group)).then(|| {
        both(|lang| match lang {
            Lang::En => format!("STarT Back: {}.", group.label().get(lang)),
            Lang::Es => format!("STarT Back: {}.", group.label().get(lang)),
        })
    })
}

fn high_risk(s: &Signals) -> Option<Explanation> {
    risk(s, RiskGroup::High)
}

fn medium_risk(s: &Signals) -> Option<Explanation> {
    risk(s, RiskGroup::Medium)
}

/// Runs every rule of [`RULES`] over one patient's signals.
pub fn rank(signals: &Signals) -> Ranking {
    let mut reasons: Vec<ConcernReason> = RULES
        .iter()
        .filter_map(|rule| {
            (rule.check)(signals).map(|text| ConcernReason {
                rule_id: rule.id,
                concern: rule.concern,
                text,
                source: rule.source,
            })
        })
        .collect();
    reasons.sort_by_key(|r| r.concern);
    let concern = match reasons.first() {
        Some(r) => r.concern,
        None if signals.is_empty() => Concern::NoData,
        None => Concern::Stable,
    };
    Ranking {
        concern,
        level: signals.level,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signals() -> Signals {
        Signals::default()
    }

    /// Each case: the signals, the concern expected and the rule ids expected to fire.
    fn check(cases: &[(&str, Signals, Concern, &[&str])]) {
        for (name, s, want, ids) in cases {
            let r = rank(s);
            assert_eq!(r.concern, *want, "{name}: {r:?}");
            let got: Vec<&str> = r.reasons.iter().map(|x| x.rule_id).collect();
            assert_eq!(&got, ids, "{name}");
            for reason in &r.reasons {
                for lang in Lang::ALL {
                    assert!(!reason.text.get(lang).is_empty(), "{name}");
                }
                assert!(!reason.source.is_empty(), "{name}");
            }
        }
    }

    #[test]
    fn the_most_serious_rule_wins() {
        check(&[
            ("nothing", signals(), Concern::NoData, &[]),
            (
                "self-care and low risk",
                Signals {
                    level: Some(Level::SelfCare),
                    risk_group: Some(RiskGroup::Low),
                    pain_last_week: vec![3, 3],
                    pain_week_before: vec![3],
                    ..signals()
                },
                Concern::Stable,
                &[],
            ),
            (
                "emergency beats everything",
                Signals {
                    level: Some(Level::Emergency),
                    risk_group: Some(RiskGroup::High),
                    flare_ups_last_week: 2,
                    ..signals()
                },
                Concern::RedFlag,
                &["CONCERN-RED-FLAG", "CONCERN-FLARE-UP", "CONCERN-HIGH-RISK"],
            ),
            (
                "soon is a red flag too",
                Signals {
                    level: Some(Level::Soon),
                    ..signals()
                },
                Concern::RedFlag,
                &["CONCERN-RED-FLAG"],
            ),
            (
                "worsening beats high risk",
                Signals {
                    level: Some(Level::SelfCare),
                    risk_group: Some(RiskGroup::High),
                    flare_ups_last_week: 1,
                    ..signals()
                },
                Concern::Worsening,
                &["CONCERN-FLARE-UP", "CONCERN-HIGH-RISK"],
            ),
            (
                "a flare-up in a week whose pain fell is not worsening",
                Signals {
                    level: Some(Level::SelfCare),
                    pain_last_week: vec![3, 2, 2],
                    pain_week_before: vec![5, 5, 4],
                    flare_ups_last_week: 1,
                    ..signals()
                },
                Concern::Stable,
                &[],
            ),
            (
                "a flare-up in a week whose pain stayed the same is worsening",
                Signals {
                    level: Some(Level::SelfCare),
                    pain_last_week: vec![4, 4],
                    pain_week_before: vec![4],
                    flare_ups_last_week: 1,
                    ..signals()
                },
                Concern::Worsening,
                &["CONCERN-FLARE-UP"],
            ),
            (
                "high risk",
                Signals {
                    risk_group: Some(RiskGroup::High),
                    ..signals()
                },
                Concern::HighRisk,
                &["CONCERN-HIGH-RISK"],
            ),
            (
                "medium risk",
                Signals {
                    level: Some(Level::SelfCare),
                    risk_group: Some(RiskGroup::Medium),
                    ..signals()
                },
                Concern::MediumRisk,
                &["CONCERN-MEDIUM-RISK"],
            ),
            (
                "a diary alone is stable",
                Signals {
                    pain_last_week: vec![4],
                    ..signals()
                },
                Concern::Stable,
                &[],
            ),
        ]);
    }

    #[test]
    fn pain_must_rise_by_the_mcid() {
        let pain = |last: &[u8], before: &[u8]| Signals {
            pain_last_week: last.to_vec(),
            pain_week_before: before.to_vec(),
            ..signals()
        };
        check(&[
            (
                "up 2",
                pain(&[5, 5], &[3, 3]),
                Concern::Worsening,
                &["CONCERN-PAIN-UP"],
            ),
            (
                "up 1.9",
                pain(
                    &[5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
                    &[3, 3, 3, 3, 3, 3, 3, 3, 3, 4],
                ),
                Concern::Stable,
                &[],
            ),
            ("up 1.5", pain(&[5, 4], &[3]), Concern::Stable, &[]),
            (
                "uneven counts, up exactly 2",
                pain(&[6, 4, 5], &[3]),
                Concern::Worsening,
                &["CONCERN-PAIN-UP"],
            ),
            ("down", pain(&[1], &[8]), Concern::Stable, &[]),
            ("no week before", pain(&[9, 9], &[]), Concern::Stable, &[]),
            ("no last week", pain(&[], &[1]), Concern::Stable, &[]),
        ]);
        let r = rank(&pain(&[6, 5], &[3, 3]));
        assert!(r.reasons[0].text.en.contains("from 3.0 to 5.5"), "{r:?}");
        assert!(r.reasons[0].text.es.contains("de 3.0 a 5.5"), "{r:?}");
    }

    #[test]
    fn function_must_worsen_by_the_mcid() {
        let f = |measure, before, after| Signals {
            function: vec![ScoreChange {
                measure,
                before,
                after,
            }],
            ..signals()
        };
        check(&[
            (
                "ODI +10",
                f(Measure::Odi, 20, 30),
                Concern::Worsening,
                &["CONCERN-FUNCTION-WORSE"],
            ),
            ("ODI +9", f(Measure::Odi, 20, 29), Concern::Stable, &[]),
            ("ODI better", f(Measure::Odi, 40, 10), Concern::Stable, &[]),
            (
                "RMDQ +5",
                f(Measure::Rmdq, 4, 9),
                Concern::Worsening,
                &["CONCERN-FUNCTION-WORSE"],
            ),
            ("RMDQ +4", f(Measure::Rmdq, 4, 8), Concern::Stable, &[]),
            // Pain ratings are judged from the diary, not here.
            (
                "NRS is not a function score",
                f(Measure::NrsNow, 1, 9),
                Concern::Stable,
                &[],
            ),
        ]);
    }

    #[test]
    fn the_panel_order_follows_the_concern_then_the_level() {
        let emergency = rank(&Signals {
            level: Some(Level::Emergency),
            ..signals()
        });
        let soon = rank(&Signals {
            level: Some(Level::Soon),
            ..signals()
        });
        let worse = rank(&Signals {
            flare_ups_last_week: 1,
            ..signals()
        });
        let high = rank(&Signals {
            risk_group: Some(RiskGroup::High),
            ..signals()
        });
        let stable = rank(&Signals {
            level: Some(Level::SelfCare),
            ..signals()
        });
        let none = rank(&signals());
        let mut panel = [&none, &stable, &high, &worse, &soon, &emergency];
        panel.sort_by_key(|r| r.sort_key());
        assert_eq!(panel, [&emergency, &soon, &worse, &high, &stable, &none]);
    }

    #[test]
    fn every_rule_is_reviewable() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "unique ids");
        for rule in RULES {
            assert!(rule.id.starts_with("CONCERN-"));
            assert!(
                !rule.source.is_empty()
                    && !rule.looks_for.en.is_empty()
                    && !rule.looks_for.es.is_empty()
            );
        }
        assert!(
            RULES.windows(2).all(|w| w[0].concern <= w[1].concern),
            "most serious first"
        );
        for c in Concern::ALL {
            assert!(!c.label().en.is_empty() && !c.label().es.is_empty() && !c.id().is_empty());
        }
    }

    #[test]
    fn means_round_to_tenths() {
        assert_eq!(mean_tenths(&[3, 4]), 35);
        assert_eq!(mean_tenths(&[1, 1, 2]), 13);
        assert_eq!(mean_tenths(&[1, 2, 2]), 17);
        assert_eq!(mean_tenths(&[10]), 100);
    }
}
