//! The clinical summary at the top of a patient's record: what a clinician needs on one
//! screen, in clinician words (the Fluent `summary-*` keys), never the sentences the patient
//! was shown.
//!
//! Each row is a label and short lines: the triage as issued with one line per rule that
//! fired (rule, what it looks for, level, source); the safety answers left open, grouped by
//! concern; the pain pattern with the criteria met; the STarT Back group; the latest
//! outcome measures against their minimal important change; adherence over the last two
//! plan weeks; and the suggested codes. Everything else stays below it on the page.

use backcare_core::instruments::{Measure, Verdict};
use backcare_core::patterns::Fit;
use backcare_core::triage::{Family, Level, open};
use time::Date;

use crate::infra::pages::Ctx;
use crate::model::record::CareRecord;

/// One row: its label and its lines.
#[derive(Debug, Clone)]
pub struct SummaryRow {
    /// Its id, for the page's classes and tests.
    pub id: &'static str,
    /// What it is.
    pub label: String,
    /// What it says, one fact a line.
    pub lines: Vec<String>,
}

/// The summary, row by row.
#[derive(Debug, Clone)]
pub struct ClinicalSummary {
    /// The rows, in reading order.
    pub rows: Vec<SummaryRow>,
}

/// A level in clinician words.
pub fn level_words(ctx: &Ctx, level: Level) -> String {
    ctx.t(match level {
        Level::Emergency => "summary-level-emergency",
        Level::Urgent => "summary-level-urgent",
        Level::Soon => "summary-level-soon",
        Level::SelfCare => "summary-level-self_care",
    })
}

/// What a family of rules looks for, in clinician words.
fn family_words(ctx: &Ctx, family: Family) -> String {
    ctx.t(match family {
        Family::CaudaEquina => "summary-family-cauda_equina",
        Family::Cancer => "summary-family-cancer",
        Family::Infection => "summary-family-infection",
        Family::Fracture => "summary-family-fracture",
        Family::Neurological => "summary-family-neurological",
        Family::Inflammatory => "summary-family-inflammatory",
        Family::NonSpinal => "summary-family-non_spinal",
        Family::Other => "summary-family-other",
    })
}

impl ClinicalSummary {
    /// The summary of `record`; `levels_differ` is the "issued ...; with today's rules ..."
    /// line when today's rules give the same answers another level.
    pub fn of(ctx: &Ctx, record: &CareRecord, levels_differ: Option<String>) -> Self {
        let none = || vec![ctx.t("summary-no-data")];
        let mut rows = Vec::new();
        let row = |id, key: &str, lines: Vec<String>| SummaryRow {
            id,
            label: ctx.t(key),
            lines,
        };

        let latest = record.latest_issued();
        let triage = latest.map_or_else(none, |a| {
            let t = &a.issued.result.triage;
            let mut lines = vec![ctx.t_args(
                "summary-issued",
                &[
                    ("level", &level_words(ctx, t.level)),
                    ("date", &a.created_at.date().to_string()),
                ],
            )];
            lines.extend(levels_differ);
            lines.extend(t.reasons.iter().map(|r| {
                let mut level = level_words(ctx, r.level);
                if !r.certain {
                    level = format!("{level}, {}", ctx.t("summary-unsure"));
                }
                // The self-care rule fires when nothing else does: it found no red flag.
                let what = if r.level == Level::SelfCare {
                    ctx.t("summary-no-flags")
                } else {
                    family_words(ctx, r.family)
                };
                format!("{} · {what} ({level}) · {}", r.rule_id, r.source)
            }));
            lines
        });
        rows.push(row("triage", "summary-triage", triage));

        if let Some(a) = latest {
            // Grouped from the answers as given: each concern once, with the short names
            // of its unanswered or "don't know" questions.
            let (intake, today) = a.in_lang(ctx.lang);
            let groups = open::open(&intake, &today.triage).groups;
            let line = if groups.is_empty() {
                ctx.t("summary-none")
            } else {
                groups
                    .iter()
                    .map(|g| format!("{}: {}", g.concern, g.answers.join(", ")))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            rows.push(row("open", "summary-open", vec![line]));

            let result = &a.issued.result;
            let patterns = if result.patterns.is_empty() {
                vec![ctx.t("summary-no-pattern")]
            } else {
                result
                    .patterns
                    .iter()
                    .map(|p| {
                        let fit = ctx.t(match p.fit {
                            Fit::Likely => "summary-fit-likely",
                            Fit::Possible => "summary-fit-possible",
                        });
                        ctx.t_args(
                            "summary-pattern-line",
                            &[
                                ("pattern", &p.name),
                                ("fit", &fit),
                                ("met", &p.met.join("; ")),
                            ],
                        )
                    })
                    .collect()
            };
            rows.push(row("pattern", "summary-pattern", patterns));
        }

        let start_back = record
            .latest_scores()
            .start_back
            .as_ref()
            .and_then(backcare_core::instruments::Outcome::scored)
            .map(|sb| {
                ctx.t_args(
                    "summary-start-back-line",
                    &[
                        ("group", sb.group.label().get(ctx.lang)),
                        ("total", &sb.total.to_string()),
                        ("distress", &sb.distress.to_string()),
                    ],
                )
            });
        rows.push(row(
            "start-back",
            "summary-start-back",
            start_back.map_or_else(none, |l| vec![l]),
        ));

        let outcomes: Vec<String> = [
            (Measure::Odi, "ODI", record.odi_series()),
            (Measure::Rmdq, "RMDQ", record.rmdq_series()),
            (Measure::NrsAverage, "NRS (diary)", record.nrs_series()),
        ]
        .into_iter()
        .filter_map(|(measure, name, series)| outcome_line(ctx, measure, name, &series))
        .collect();
        rows.push(row(
            "outcomes",
            "summary-outcomes",
            if outcomes.is_empty() {
                none()
            } else {
                outcomes
            },
        ));

        let weeks = record.adherence_so_far();
        let last_two = &weeks[weeks.len().saturating_sub(2)..];
        let (done, planned) = last_two.iter().fold((0u32, 0u32), |(d, p), w| {
            (d + u32::from(w.1), p + u32::from(w.2))
        });
        let adherence = if planned == 0 {
            none()
        } else {
            vec![ctx.t_args(
                "summary-adherence-line",
                &[
                    ("done", &done.to_string()),
                    ("planned", &planned.to_string()),
                    ("percent", &(done * 100 / planned).to_string()),
                ],
            )]
        };
        rows.push(row("adherence", "summary-adherence", adherence));

        // The codes only, on one line each system; what they mean and why are further down.
        let codes: Vec<String> = latest
            .map(|a| {
                let c = &a.issued.result.codes;
                [("ICD-10-CM", &c.icd10cm), ("CPT", &c.cpt)]
                    .into_iter()
                    .filter(|(_, list)| !list.is_empty())
                    .map(|(system, list)| {
                        let codes: Vec<&str> = list.iter().map(|c| c.code.as_str()).collect();
                        format!("{system}: {}", codes.join(", "))
                    })
                    .collect()
            })
            .unwrap_or_default();
        rows.push(row(
            "codes",
            "summary-codes",
            if codes.is_empty() { none() } else { codes },
        ));
        Self { rows }
    }
}

/// "ODI 22 on 2026-11-30; first 34 on 2026-11-02: important improvement (MIC 10 points)",
/// or the single value when it was measured once.
fn outcome_line(ctx: &Ctx, measure: Measure, name: &str, series: &[(Date, u8)]) -> Option<String> {
    let (first, last) = (series.first()?, series.last()?);
    let value = |v: u8| v.to_string();
    if series.len() < 2 {
        return Some(ctx.t_args(
            "summary-once",
            &[
                ("measure", name),
                ("value", &value(last.1)),
                ("date", &last.0.to_string()),
            ],
        ));
    }
    let mcid = measure.mcid();
    let verdict = ctx.t(match mcid.verdict(first.1, last.1) {
        Verdict::ImportantImprovement => "summary-verdict-better",
        Verdict::ImportantWorsening => "summary-verdict-worse",
        Verdict::NoImportantChange => "summary-verdict-none",
    });
    let mic = match mcid.percent {
        Some(p) => ctx.t_args(
            "summary-mic-percent",
            &[
                ("points", &mcid.points.to_string()),
                ("percent", &p.to_string()),
            ],
        ),
        None => ctx.t_args(
            "summary-mic-points",
            &[("points", &mcid.points.to_string())],
        ),
    };
    Some(ctx.t_args(
        "summary-change",
        &[
            ("measure", name),
            ("value", &value(last.1)),
            ("date", &last.0.to_string()),
            ("first", &value(first.1)),
            ("first_date", &first.0.to_string()),
            ("verdict", &verdict),
            ("mic", &mic),
        ],
    ))
}
