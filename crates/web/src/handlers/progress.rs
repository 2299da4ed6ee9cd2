//! `GET /progress`: the patient's progress charts (pain from the diary, function scores from
//! the intakes and reassessments, exercise sessions by plan week), with a short summary in
//! words above them and links to the diary and the reassessment. A saved record that could
//! not be read is named first, with its date and what can still be read of it, so the
//! charts never look complete without it.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use backcare_core::instruments::{self, Instrument, Measure, NrsScores, Scores, Verdict};

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::error::AppError;
use crate::infra::pages::{self, Ctx, render_kept};
use crate::model::assessment::UnreadableWords;
use crate::model::record::{CareRecord, Charts, KeptPage};

/// The progress page.
#[derive(Template)]
#[template(path = "progress.html")]
pub struct ProgressPage {
    /// The page context.
    pub ctx: Ctx,
    /// Saved records that could not be read (so they are not in the summary or the
    /// charts), each with its date and what can still be read; first on the page.
    pub unreadable: Vec<String>,
    /// Said when there is nothing to show yet.
    pub empty: bool,
    /// The pain in the diary, first against latest.
    pub pain: Option<String>,
    /// Each questionnaire's change since the first time, in the core's words.
    pub scores: Vec<String>,
    /// The sessions of the last full week of the plan.
    pub sessions: Option<String>,
    /// The charts.
    pub charts: Charts,
}

/// The summary of the pain in the diary: first and latest entry, and whether the change is
/// a real one (the same rule as the chart marks: 2 points or 30%).
fn pain_summary(ctx: &Ctx, record: &CareRecord) -> Option<String> {
    let series = record.nrs_series();
    let (first_day, first) = *series.first()?;
    let (last_day, last) = *series.last()?;
    if series.len() < 2 {
        return Some(ctx.t_args(
            "progress-pain-one",
            &[
                ("day", &first_day.to_string()),
                ("pain", &first.to_string()),
            ],
        ));
    }
    let verdict = match Measure::NrsAverage.mcid().verdict(first, last) {
        Verdict::ImportantImprovement => ctx.t("progress-pain-better"),
        Verdict::ImportantWorsening => ctx.t("progress-pain-worse"),
        Verdict::NoImportantChange => ctx.t("progress-pain-same"),
    };
    Some(format!(
        "{} {verdict}",
        ctx.t_args(
            "progress-pain",
            &[
                ("first-day", &first_day.to_string()),
                ("first", &first.to_string()),
                ("last-day", &last_day.to_string()),
                ("last", &last.to_string()),
            ],
        )
    ))
}

/// One line per saved record that could not be read (logged where it was read).
fn unreadable_lines(ctx: &Ctx, record: &CareRecord) -> Vec<String> {
    let words = UnreadableWords {
        instrument: "progress-unreadable-instrument",
        reassessment: "progress-unreadable-reassessment",
        assessment: "progress-unreadable-assessment",
    };
    record
        .unreadable()
        .iter()
        .map(|u| u.describe(ctx.lang, words))
        .collect()
}

/// First against latest measurement of each questionnaire, in the core's words.
fn score_summary(ctx: &Ctx, record: &CareRecord) -> Vec<String> {
    let all = record.measurements();
    let mut out = Vec::new();
    for instrument in Instrument::ALL {
        let only = |s: &Scores| Scores {
            nrs: NrsScores::default(),
            start_back: (instrument == Instrument::StartBack)
                .then(|| s.start_back.clone())
                .flatten(),
            odi: (instrument == Instrument::Odi)
                .then(|| s.odi.clone())
                .flatten(),
            rmdq: (instrument == Instrument::Rmdq).then_some(s.rmdq).flatten(),
        };
        let with: Vec<Scores> = all
            .iter()
            .map(|m| only(&m.scores))
            .filter(|s| s.start_back.is_some() || s.odi.is_some() || s.rmdq.is_some())
            .collect();
        if let (Some(first), Some(last)) = (with.first(), with.last())
            && with.len() >= 2
        {
            out.extend(instruments::compare(first, last).explain(ctx.lang));
        }
    }
    out
}

/// `GET /progress`.
pub async fn progress_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    // Kept until the record changes (or the day does).
    let kept = KeptPage::of(&state, &ctx, viewer.id, "progress").await?;
    if let Some(html) = state.pages.get(&kept.key) {
        return Ok(pages::kept(html));
    }
    let record = CareRecord::load(&state.store, viewer.id, kept.today, ctx.lang).await?;
    let pain = pain_summary(&ctx, &record);
    let scores = score_summary(&ctx, &record);
    let sessions = record.adherence().last().map(|(week, done, planned)| {
        ctx.t_args(
            "progress-sessions",
            &[
                ("week", &week.to_string()),
                ("done", &done.to_string()),
                ("planned", &planned.to_string()),
            ],
        )
    });
    let unreadable = unreadable_lines(&ctx, &record);
    let empty = pain.is_none() && scores.is_empty() && sessions.is_none() && unreadable.is_empty();
    let charts = record.charts(ctx.lang);
    Ok(render_kept(
        &state.pages,
        kept.key,
        &ProgressPage {
            ctx,
            unreadable,
            empty,
            pain,
            scores,
            sessions,
            charts,
        },
    ))
}
