//! Reassessment: answering STarT Back, ODI or RMDQ again every 2-4 weeks, and seeing the
//! change since last time explained in words.
//!
//! - `GET /reassess`: which questionnaires there are, when each is due and why.
//! - `GET /reassess/{instrument}` (`startback`, `odi`, `rmdq`): the questions in the core's
//!   own wording (never the validated text), each a fieldset with a legend, plus the pain
//!   right now. With `?saved=1`, the result of the latest answers instead.
//! - `POST /reassess/{instrument}`: checks every answer (a message beside each field, 422,
//!   with everything typed kept), scores with the core, saves the JSON described in
//!   [`crate::model::record`] and redirects to the result (so reloading does not save twice).
//!
//! The change is the core's comparison ([`instruments::compare`]) of the new answers with
//! the last time the same questionnaire was measured (in an intake or a reassessment),
//! against the minimal important changes.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_core::instruments::{self, Instrument, Measure, NrsScores, Outcome, Scores, prompts};
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::today_for;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::infra::privacy::Consented;
use crate::model::assessment::UnreadableWords;
use crate::model::record::{CareRecord, Due, Measurement, reassessment_json, score_answers};
use crate::model::views::every_words;

/// The instrument named in a path: `startback`, `odi` or `rmdq`.
pub fn instrument_from_slug(slug: &str) -> Option<Instrument> {
    match slug {
        "startback" => Some(Instrument::StartBack),
        "odi" => Some(Instrument::Odi),
        "rmdq" => Some(Instrument::Rmdq),
        _ => None,
    }
}

/// The path segment of an instrument.
pub fn slug(instrument: Instrument) -> &'static str {
    match instrument {
        Instrument::StartBack => "startback",
        Instrument::Odi => "odi",
        Instrument::Rmdq => "rmdq",
    }
}

/// The form field of the current pain rating (no item of any instrument has this key).
pub const PAIN_FIELD: &str = "pain_now";

async fn load(state: &AppState, ctx: &Ctx, viewer: &Viewer) -> Result<CareRecord, AppError> {
    let today = today_for(state, viewer.id).await?;
    Ok(CareRecord::load(&state.store, viewer.id, today, ctx.lang).await?)
}

// ---------------------------------------------------------------------------------------
// The overview.

/// One questionnaire on the overview.
#[derive(Debug)]
pub struct InstrumentView {
    /// Its path segment.
    pub slug: &'static str,
    /// Its name.
    pub name: String,
    /// When it is due, and why.
    pub due: String,
    /// Whether it is due now (or overdue, or never answered).
    pub due_now: bool,
    /// "Your clinician asked ... every N weeks", when they did.
    pub scheduled: Option<String>,
}

/// `GET /reassess`.
#[derive(Template)]
#[template(path = "reassess.html")]
pub struct OverviewPage {
    /// The page context.
    pub ctx: Ctx,
    /// The three questionnaires.
    pub instruments: Vec<InstrumentView>,
    /// Saved records that could not be read (so not counted in when each is due), each
    /// with its date and what can still be read.
    pub unreadable: Vec<String>,
}

/// `GET /reassess`: which questionnaires, when each is due and why.
pub async fn overview(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let record = load(&state, &ctx, &viewer).await?;
    let instruments = Instrument::ALL
        .iter()
        .map(|&i| {
            // On a clinician's schedule the words say so, not the usual 2 to 4 weeks.
            let every = record.schedule(i);
            let keys = match every {
                None => [
                    "reassess-due-not-yet",
                    "reassess-due-now",
                    "reassess-due-overdue",
                ],
                Some(_) => [
                    "reassess-scheduled-not-yet",
                    "reassess-scheduled-now",
                    "reassess-scheduled-overdue",
                ],
            };
            let (due, due_now) = match record.due(i) {
                Due::Never => (ctx.t("reassess-due-never"), true),
                Due::NotYet { last, from } => (
                    ctx.t_args(
                        keys[0],
                        &[("last", &last.to_string()), ("from", &from.to_string())],
                    ),
                    false,
                ),
                Due::Now { last } => (ctx.t_args(keys[1], &[("last", &last.to_string())]), true),
                Due::Overdue { last } => {
                    (ctx.t_args(keys[2], &[("last", &last.to_string())]), true)
                }
            };
            let scheduled = every.map(|days| {
                ctx.t_args(
                    "reassess-scheduled",
                    &[("every", &every_words(&ctx, days, false))],
                )
            });
            InstrumentView {
                slug: slug(i),
                name: i.name().get(ctx.lang).to_owned(),
                due,
                due_now,
                scheduled,
            }
        })
        .collect();
    let words = UnreadableWords {
        instrument: "reassess-unreadable-instrument",
        reassessment: "reassess-unreadable-reassessment",
        assessment: "reassess-unreadable-assessment",
    };
    let unreadable = record
        .unreadable()
        .iter()
        .map(|u| u.describe(ctx.lang, words))
        .collect();
    Ok(render(
        StatusCode::OK,
        &OverviewPage {
            ctx,
            instruments,
            unreadable,
        },
    ))
}

// ---------------------------------------------------------------------------------------
// The form.

/// One answer offered.
#[derive(Debug)]
pub struct ChoiceView {
    /// The input's id.
    pub id: String,
    /// The value sent.
    pub value: &'static str,
    /// What the person reads.
    pub label: String,
    /// Whether it is chosen.
    pub checked: bool,
}

/// One question, as a fieldset.
#[derive(Debug)]
pub struct QuestionView {
    /// The field name (the item's key).
    pub key: &'static str,
    /// Its number in the questionnaire.
    pub number: usize,
    /// The question, in our own words.
    pub prompt: String,
    /// The answers.
    pub choices: Vec<ChoiceView>,
    /// The message next to it, if any.
    pub error: Option<String>,
}

/// The questionnaire page.
#[derive(Template)]
#[template(path = "reassess_form.html")]
pub struct FormPage {
    /// The page context.
    pub ctx: Ctx,
    /// The path segment.
    pub slug: &'static str,
    /// The questionnaire's name.
    pub name: String,
    /// "These are backcare's own words..."
    pub notice: String,
    /// How to answer.
    pub instructions: String,
    /// The pain rating as typed.
    pub pain_now: String,
    /// The message next to the pain rating.
    pub pain_error: Option<String>,
    /// The questions.
    pub questions: Vec<QuestionView>,
    /// Whether any message is shown.
    pub has_errors: bool,
}

fn form_page(
    ctx: Ctx,
    instrument: Instrument,
    posted: &[(String, String)],
    errors: &[(String, String)],
) -> FormPage {
    let lang = ctx.lang;
    let value = |key: &str| {
        posted
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let error = |key: &str| {
        errors
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, m)| m.clone())
    };
    let questions = prompts::items(instrument)
        .iter()
        .map(|item| {
            let (prompt, labels) = prompts::render(item, lang, None);
            let chosen = value(item.key);
            QuestionView {
                key: item.key,
                number: item.number(),
                prompt: prompt.to_owned(),
                choices: item
                    .choices
                    .iter()
                    .zip(labels)
                    .map(|(c, label)| ChoiceView {
                        id: format!("q-{}-{}", item.key, c.value),
                        value: c.value,
                        label: label.to_owned(),
                        checked: chosen == Some(c.value),
                    })
                    .collect(),
                error: error(item.key),
            }
        })
        .collect();
    FormPage {
        slug: slug(instrument),
        name: instrument.name().get(lang).to_owned(),
        notice: prompts::notice(instrument).get(lang).to_owned(),
        instructions: prompts::instructions(instrument).get(lang).to_owned(),
        pain_now: value(PAIN_FIELD).unwrap_or_default().to_owned(),
        pain_error: error(PAIN_FIELD),
        questions,
        has_errors: !errors.is_empty(),
        ctx,
    }
}

/// `?saved=1` after a save.
#[derive(Debug, Deserialize)]
pub struct Saved {
    /// Present after a save.
    pub saved: Option<String>,
}

/// `GET /reassess/{instrument}`: the questions, or with `?saved=1` the latest result.
pub async fn show(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(saved): Query<Saved>,
) -> Result<Response, AppError> {
    let Some(instrument) = instrument_from_slug(&name) else {
        return Ok(ctx.not_found_page());
    };
    if saved.saved.is_some() {
        let record = load(&state, &ctx, &viewer).await?;
        if let Some(page) = result_page(&ctx, &record, instrument) {
            return Ok(render(StatusCode::OK, &page));
        }
    }
    Ok(render(
        StatusCode::OK,
        &form_page(ctx, instrument, &[], &[]),
    ))
}

/// Checks the answers: the answers in questionnaire order and the pain rating, or a
/// message for each field at fault.
#[allow(clippy::type_complexity)]
fn validate(
    ctx: &Ctx,
    instrument: Instrument,
    posted: &[(String, String)],
) -> Result<(Vec<(String, String)>, u8), Vec<(String, String)>> {
    let value = |key: &str| {
        posted
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let mut errors = Vec::new();
    let pain = match value(PAIN_FIELD).map(str::parse::<u8>) {
        Some(Ok(p)) if p <= 10 => Some(p),
        Some(_) => {
            errors.push((PAIN_FIELD.to_owned(), ctx.t("reassess-error-pain")));
            None
        }
        None => {
            errors.push((PAIN_FIELD.to_owned(), ctx.t("reassess-error-pain-missing")));
            None
        }
    };
    let mut answers = Vec::new();
    let mut missing = Vec::new();
    for item in prompts::items(instrument) {
        match value(item.key) {
            Some(v) if item.choice(v).is_some() => {
                answers.push((item.key.to_owned(), v.to_owned()))
            }
            Some(_) => errors.push((item.key.to_owned(), ctx.t("reassess-error-choice"))),
            None => missing.push(item.key),
        }
    }
    // ODI can be scored with one section skipped (a section may not apply to someone);
    // the other two need every answer.
    let allowed_missing = match instrument {
        Instrument::Odi => 1,
        Instrument::StartBack | Instrument::Rmdq => 0,
    };
    if missing.len() > allowed_missing {
        for key in missing {
            errors.push((key.to_owned(), ctx.t("reassess-error-missing")));
        }
    }
    match pain {
        Some(p) if errors.is_empty() => Ok((answers, p)),
        _ => Err(errors),
    }
}

/// `POST /reassess/{instrument}`: checks, scores, saves, then shows the result.
pub async fn submit(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Path(name): Path<String>,
    Form(posted): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let Some(instrument) = instrument_from_slug(&name) else {
        return Ok(ctx.not_found_page());
    };
    let (answers, pain) = match validate(&ctx, instrument, &posted) {
        Ok(v) => v,
        Err(errors) => {
            let page = form_page(ctx, instrument, &posted, &errors);
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    // The answers were checked against the same table, so an error here is a bug. The
    // log names the item, not the answer (health data).
    let scores = score_answers(instrument, &answers, Some(pain)).map_err(|e| {
        AppError::Internal(format!(
            "checked answers did not score: {:?} item {}",
            e.instrument, e.key
        ))
    })?;
    let now = state.clock.now();
    let json = reassessment_json(instrument, now.date(), &answers, Some(pain), &scores);
    state.store.save_reassessment(viewer.id, &json, now).await?;
    Ok(Redirect::to(&format!("/reassess/{}?saved=1", slug(instrument))).into_response())
}

// ---------------------------------------------------------------------------------------
// The result.

/// The result of the latest answers to one questionnaire.
#[derive(Template)]
#[template(path = "reassess_result.html")]
pub struct ResultPage {
    /// The page context.
    pub ctx: Ctx,
    /// The questionnaire's name.
    pub name: String,
    /// When it was answered.
    pub date: String,
    /// The score, and its band or risk group, in words.
    pub score: Vec<String>,
    /// The change since last time, in words (empty the first time).
    pub changes: Vec<String>,
    /// Said when there is nothing to compare with.
    pub first_time: bool,
    /// Why the score is an estimate.
    pub notice: String,
}

/// This instrument's part of the scores, with the pain right now: what is compared.
fn only(instrument: Instrument, s: &Scores) -> Scores {
    Scores {
        nrs: NrsScores {
            now: s.nrs.now,
            average: None,
            worst: None,
        },
        start_back: match instrument {
            Instrument::StartBack => s.start_back.clone(),
            _ => None,
        },
        odi: match instrument {
            Instrument::Odi => s.odi.clone(),
            _ => None,
        },
        rmdq: match instrument {
            Instrument::Rmdq => s.rmdq,
            _ => None,
        },
    }
}

fn has(instrument: Instrument, m: &Measurement) -> bool {
    match instrument {
        Instrument::StartBack => m.scores.start_back.is_some(),
        Instrument::Odi => m.scores.odi.is_some(),
        Instrument::Rmdq => m.scores.rmdq.is_some(),
    }
}

/// The score of one questionnaire in words.
pub fn score_lines(ctx: &Ctx, instrument: Instrument, s: &Scores) -> Vec<String> {
    let lang = ctx.lang;
    let mut lines = Vec::new();
    match instrument {
        Instrument::StartBack => match &s.start_back {
            Some(Outcome::Scored(sb)) => {
                lines.push(ctx.t_args(
                    "reassess-score-startback",
                    &[
                        ("total", &sb.total.to_string()),
                        ("distress", &sb.distress.to_string()),
                        ("group", sb.group.label().get(lang)),
                    ],
                ));
                lines.push(sb.group.meaning().get(lang).to_owned());
            }
            Some(Outcome::Incomplete(m)) => lines.push(m.explain(lang)),
            None => {}
        },
        Instrument::Odi => match &s.odi {
            Some(Outcome::Scored(odi)) => {
                lines.push(ctx.t_args(
                    "reassess-score-odi",
                    &[
                        ("percent", &odi.percent.to_string()),
                        ("band", odi.band.label().get(lang)),
                    ],
                ));
                lines.push(odi.band.meaning().get(lang).to_owned());
            }
            Some(Outcome::Incomplete(m)) => lines.push(m.explain(lang)),
            None => {}
        },
        Instrument::Rmdq => {
            if let Some(r) = s.rmdq {
                lines.push(ctx.t_args("reassess-score-rmdq", &[("score", &r.score.to_string())]));
            }
        }
    }
    if let Some(p) = s.nrs.now {
        lines.push(ctx.t_args("reassess-score-pain", &[("pain", &p.to_string())]));
    }
    lines
}

/// The change between the latest reassessment of `instrument` and the measurement of the
/// same questionnaire before it, in words; `None` when there is nothing before it.
pub fn change_lines(
    record: &CareRecord,
    instrument: Instrument,
    lang: backcare_core::Lang,
) -> Option<Vec<String>> {
    let all = record.measurements();
    let at = all.iter().rposition(|m| m.reassessed == Some(instrument))?;
    let before = all[..at].iter().rev().find(|m| has(instrument, m))?;
    let comparison = instruments::compare(
        &only(instrument, &before.scores),
        &only(instrument, &all[at].scores),
    );
    // The questionnaire's own change first, then the pain rating.
    let is_pain =
        |m: Measure| matches!(m, Measure::NrsNow | Measure::NrsAverage | Measure::NrsWorst);
    let lines = comparison
        .changes
        .iter()
        .filter(|c| !is_pain(c.measure))
        .map(|c| c.explanation.get(lang).to_owned())
        .chain(
            comparison
                .risk_group
                .iter()
                .map(|g| g.explanation.get(lang).to_owned()),
        )
        .chain(
            comparison
                .changes
                .iter()
                .filter(|c| is_pain(c.measure))
                .map(|c| c.explanation.get(lang).to_owned()),
        )
        .collect();
    Some(lines)
}

fn result_page(ctx: &Ctx, record: &CareRecord, instrument: Instrument) -> Option<ResultPage> {
    let latest = record
        .reassessments()
        .iter()
        .rev()
        .find(|r| r.instrument == instrument)?;
    let changes = change_lines(record, instrument, ctx.lang);
    Some(ResultPage {
        name: instrument.name().get(ctx.lang).to_owned(),
        date: latest.date.to_string(),
        score: score_lines(ctx, instrument, &latest.scores),
        first_time: changes.is_none(),
        changes: changes.unwrap_or_default(),
        notice: prompts::notice(instrument).get(ctx.lang).to_owned(),
        ctx: ctx.clone(),
    })
}
