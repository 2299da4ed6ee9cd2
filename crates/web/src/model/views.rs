//! Pieces of pages that more than one area shows: score lines, diary entries, times.

use backcare_core::Intake;
use backcare_core::instruments::{Outcome, Scores};
use backcare_core::record::IssuedTriage;
use backcare_core::triage::{self as engine, Level, Triage, open};
use time::OffsetDateTime;

use crate::infra::pages::Ctx;

/// One reason of the triage, as shown under "why".
#[derive(Debug)]
pub struct ReasonView {
    /// The level's id, for the marker's class.
    pub level: &'static str,
    /// What to do about it.
    pub advice: String,
    /// "Because of: ...".
    pub because: Option<String>,
    /// "rule X · Source: Y".
    pub cite: String,
}

/// The "why" of a result: its reasons, and what unanswered safety questions leave open.
#[derive(Debug)]
pub struct WhyViews {
    /// Reasons that rest on a definite answer at the deciding level, in full, then one
    /// line naming the lower ones.
    pub reasons: Vec<ReasonView>,
    /// What unanswered or "don't know" answers leave open, each concern once, with one
    /// safe action; never in an emergency (it would bury the one thing to do now).
    pub open: Option<ReasonView>,
    /// The open questions themselves (from `today`'s rules over `intake`).
    pub open_questions: open::Open,
}

/// The "why" of `triage` (as issued) over `intake`, with what is open under `today`'s
/// rules (the same triage for a result made just now). Every page that explains a
/// triage uses this, so the advice, its order and its citations are the same everywhere.
pub fn why_views(ctx: &Ctx, triage: &IssuedTriage, intake: &Intake, today: &Triage) -> WhyViews {
    let cite = |ids: &str, source: &str| {
        format!(
            "{} {ids} · {}: {source}",
            ctx.t("result-rule"),
            ctx.t("result-source"),
        )
    };
    // Full advice only at the deciding level; lower reasons are named once, by the same
    // core logic as the terminal, so their milder advice cannot contradict the action.
    let below: Vec<_> = engine::below(triage.level, &triage.reasons).collect();
    let also = engine::also_tell(triage.level, &triage.reasons, ctx.lang).map(|line| {
        let ids: Vec<&str> = below.iter().map(|r| r.rule_id.as_str()).collect();
        let sources: Vec<&str> = below.iter().map(|r| r.source.as_str()).collect();
        ReasonView {
            level: below.first().map_or(triage.level, |r| r.level).id(),
            advice: line,
            because: None,
            cite: cite(&ids.join(", "), &sources.join("; ")),
        }
    });
    let reasons = engine::deciding(triage.level, &triage.reasons)
        .map(|r| ReasonView {
            level: r.level.id(),
            advice: r.advice.clone(),
            because: (!r.because.is_empty())
                .then(|| format!("{}: {}", ctx.t("result-because"), r.because.join("; "))),
            cite: cite(&r.rule_id, &r.source),
        })
        .chain(also)
        .collect();
    let open_questions = open::open(intake, today);
    let uncertain: Vec<_> = triage.reasons.iter().filter(|r| !r.certain).collect();
    let rule_ids: Vec<&str> = uncertain.iter().map(|r| r.rule_id.as_str()).collect();
    let mut sources: Vec<&str> = Vec::new();
    for r in &uncertain {
        if !sources.contains(&r.source.as_str()) {
            sources.push(&r.source);
        }
    }
    let emergency = triage.level == Level::Emergency;
    let open = match (
        &open_questions.list,
        &open_questions.advice,
        open_questions.level,
    ) {
        (Some(list), Some(advice), Some(level)) if !emergency => Some(ReasonView {
            level: level.id(),
            advice: format!("{list} {advice}"),
            because: None,
            cite: cite(&rule_ids.join(", "), &sources.join("; ")),
        }),
        _ => None,
    };
    WhyViews {
        reasons,
        open,
        open_questions,
    }
}

/// How much [`score_lines`] says about each score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The score, its band and what the band means (for the person who answered).
    Full,
    /// The score and its band (for a clinician scanning a record).
    Brief,
}

/// One line per score of an assessment: pain ratings, STarT Back, ODI, RMDQ.
pub fn score_lines(ctx: &Ctx, s: &Scores, detail: Detail) -> Vec<String> {
    let lang = ctx.lang;
    let meaning = |text: &str| match detail {
        Detail::Full => format!(". {text}"),
        Detail::Brief => String::new(),
    };
    let mut lines = Vec::new();
    let rated: Vec<String> = [
        ("result-pain-now", s.nrs.now),
        ("result-pain-average", s.nrs.average),
        ("result-pain-worst", s.nrs.worst),
    ]
    .iter()
    .filter_map(|(key, v)| v.map(|v| format!("{} {v}/10", ctx.t(key))))
    .collect();
    if !rated.is_empty() {
        lines.push(format!("{}: {}", ctx.t("result-pain"), rated.join(", ")));
    }
    match &s.start_back {
        Some(Outcome::Scored(sb)) => lines.push(format!(
            "STarT Back: {} ({}/9, {} {}/5){}",
            sb.group.label().get(lang),
            sb.total,
            ctx.t("result-distress"),
            sb.distress,
            meaning(sb.group.meaning().get(lang))
        )),
        Some(Outcome::Incomplete(m)) => lines.push(format!("STarT Back: {}", m.explain(lang))),
        None => {}
    }
    match &s.odi {
        Some(Outcome::Scored(odi)) => lines.push(format!(
            "Oswestry (ODI): {}% — {}{}",
            odi.percent,
            odi.band.label().get(lang),
            meaning(odi.band.meaning().get(lang))
        )),
        Some(Outcome::Incomplete(m)) => lines.push(format!("Oswestry (ODI): {}", m.explain(lang))),
        None => {}
    }
    if let Some(rmdq) = &s.rmdq {
        lines.push(format!("Roland-Morris (RMDQ): {}/24", rmdq.score));
    }
    lines
}

/// One listed entry, ready to show.
#[derive(Debug)]
pub struct EntryView {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Pain 0-10.
    pub pain: u8,
    /// Sessions done.
    pub sessions: u32,
    /// Minutes walked.
    pub minutes: u32,
    /// Whether there was a flare-up.
    pub flare_up: bool,
    /// The notes.
    pub notes: String,
}

/// `YYYY-MM-DD HH:MM UTC`.
pub fn when(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", t.date(), t.hour(), t.minute())
}

/// A moment in words where the person lives: "2026-12-04 at 14:05 (UTC+01:00)".
pub fn when_in(ctx: &Ctx, t: OffsetDateTime, offset: time::UtcOffset) -> String {
    let t = t.to_offset(offset);
    ctx.t_args(
        "time-in-zone",
        &[
            ("day", &t.date().to_string()),
            ("time", &format!("{:02}:{:02}", t.hour(), t.minute())),
            ("zone", &crate::infra::clock::zone_name(offset)),
        ],
    )
}

/// Who tailored a plan and its goal, as the patient's pages say it.
#[derive(Debug, Clone)]
pub struct TailoredView {
    /// "Tailored by Sam Rivera, physiotherapist, on 2026-12-04 (version 2)".
    pub by: String,
    /// The programme's goal, if set.
    pub goal: Option<String>,
}

/// The latest tailoring of a plan as the patient's pages show it; days where the patient
/// lives (`offset`).
pub fn tailored_view(
    ctx: &Ctx,
    v: &backcare_storage::PlanVersion,
    offset: time::UtcOffset,
) -> TailoredView {
    TailoredView {
        by: ctx.t_args(
            "tailored-by",
            &[
                ("who", &v.signed_by),
                ("date", &v.created_at.to_offset(offset).date().to_string()),
                ("version", &v.version.to_string()),
            ],
        ),
        goal: v.tailoring.goal.clone(),
    }
}

/// Every version of a tailored plan, newest first, as the patient's plan page lists them:
/// who and when, then what each changes in the exercises.
pub fn tailoring_history(
    ctx: &Ctx,
    versions: &[backcare_storage::PlanVersion],
    offset: time::UtcOffset,
) -> Vec<(String, Vec<String>)> {
    versions
        .iter()
        .map(|v| {
            (
                tailored_view(ctx, v, offset).by,
                crate::model::tailoring::change_lines(ctx.lang, &v.tailoring),
            )
        })
        .collect()
}

/// The instruction the latest tailoring (`latest`) gives for exercise `id`, if any.
pub fn instruction_for(latest: Option<&backcare_storage::PlanVersion>, id: &str) -> Option<String> {
    latest
        .and_then(|v| v.tailoring.instruction(id))
        .map(str::to_owned)
}

/// "every week" or "every 2 weeks", for a schedule of `days` days (a whole number of weeks);
/// `capital` for the start of a line.
pub fn every_words(ctx: &Ctx, days: u16, capital: bool) -> String {
    let weeks = days / 7;
    match (weeks, capital) {
        (1, false) => ctx.t("every-week"),
        (1, true) => ctx.t("schedule-every-week"),
        (_, false) => ctx.t_args("every-weeks", &[("weeks", &weeks.to_string())]),
        (_, true) => ctx.t_args("schedule-every-weeks", &[("weeks", &weeks.to_string())]),
    }
}

/// A clinician's note as both sides see it: who signed it, the day (where the patient
/// lives) and the text.
#[derive(Debug, Clone)]
pub struct NoteView {
    /// The signature, as written.
    pub signed_by: String,
    /// The day it was written, `YYYY-MM-DD`.
    pub date: String,
    /// What it says (line breaks kept by the stylesheet).
    pub text: String,
}

/// The notes as shown, in their order, on days where the patient lives (`offset`).
pub fn note_views(notes: &[backcare_storage::Note], offset: time::UtcOffset) -> Vec<NoteView> {
    notes
        .iter()
        .map(|n| NoteView {
            signed_by: n.signed_by.clone(),
            date: n.created_at.to_offset(offset).date().to_string(),
            text: n.text.as_str().to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use time::Date;

    use super::*;

    #[test]
    fn times_are_shown_in_utc() {
        let t = Date::from_calendar_date(2026, time::Month::November, 23)
            .unwrap()
            .with_hms(14, 5, 59)
            .unwrap()
            .assume_offset(time::UtcOffset::from_hms(1, 0, 0).unwrap());
        assert_eq!(when(t), "2026-11-23 13:05 UTC");
    }
}
