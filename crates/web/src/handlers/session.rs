//! Today's exercise session: `GET /session` and `POST /session`.
//!
//! The session is this week's plan as a checklist to do now: pain before (optional), each
//! exercise with its moving figure, its dose and a "done" box, and pain after. Finishing
//! writes today's diary day: one more session done and the pain after, keeping what the day
//! already holds (minutes walked, flare-up, notes), so the weekly plan adapts from it as from
//! any diary day. It works without JavaScript.
//!
//! Nothing is asked that is not kept: the diary holds sessions and pain, so that is what the
//! page asks. When the plan is withheld, or there is no result yet, `/session` sends the
//! person to `/plan`, which says why.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_content::{exercises, figure};
use backcare_core::exercise::Dose;
use backcare_core::intake::Nrs;
use backcare_storage::{DiaryEntry, Effort, MAX_SESSIONS};
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::{offset_for, today_for};
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::infra::privacy::Consented;
use crate::model::intake_form::posted;
use crate::model::record::CareRecord;
use crate::model::views::{TailoredView, instruction_for, tailored_view};

/// One exercise of the session.
#[derive(Debug)]
pub struct SessionExercise {
    /// Its id (the "done" box's value).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The movement playing, and the still pictures for less motion.
    pub moving: Option<String>,
    /// The still pictures.
    pub still: Option<String>,
    /// This week's dose.
    pub dose: String,
    /// How to do it.
    pub steps: Vec<String>,
    /// When to stop.
    pub stop: String,
    /// The clinician's instruction for it, if any.
    pub instruction: Option<String>,
    /// The clinician's reason for choosing it although the plan would usually leave it out.
    pub override_line: Option<String>,
    /// Whether its box is ticked (the form shown again).
    pub done: bool,
    /// The rating chosen (the form shown again): `too_easy`, `just_right` or `too_hard`.
    pub effort: &'static str,
    /// The dose as numbers, for the player script: sets, repetitions, seconds held,
    /// minutes (empty when not part of the dose), and 2 when done on each side.
    pub sets: u8,
    /// Repetitions per set.
    pub reps: String,
    /// Seconds each repetition or position is held.
    pub hold: String,
    /// Minutes of continuous activity.
    pub minutes: String,
    /// 1, or 2 when done on each side.
    pub sides: u8,
}

/// The ratings an exercise can get, with their words.
pub struct EffortChoice {
    /// As the form sends it.
    pub value: &'static str,
    /// In the page's language.
    pub label: String,
}

/// The session page.
#[derive(Template)]
#[template(path = "session.html")]
pub struct SessionPage {
    /// The page context.
    pub ctx: Ctx,
    /// "4 exercises, about 8 minutes".
    pub summary: String,
    /// Who tailored the plan, and its goal, when a clinician did.
    pub tailored: Option<TailoredView>,
    /// The exercises, in the order to do them.
    pub exercises: Vec<SessionExercise>,
    /// Pain before and after, as typed.
    pub pain_before: String,
    /// Pain after, as typed.
    pub pain_after: String,
    /// What to fix.
    pub error: Option<String>,
    /// Set after a session was saved: how many today.
    pub saved: Option<String>,
    /// The ratings each exercise can get.
    pub efforts: Vec<EffortChoice>,
    /// The words the player script shows, as `data-t-*` attributes of the form.
    pub player: Vec<(&'static str, String)>,
    /// What to do when it hurts: the plan's flare-up advice, which ends with when to get
    /// help now or today in the rule table's words.
    pub flare: String,
}

/// The player script's words: its `data-t-*` name and the Fluent key.
const PLAYER_WORDS: &[(&str, &str)] = &[
    ("progress", "player-progress"),
    ("next", "player-next"),
    ("back", "player-back"),
    ("start", "player-start"),
    ("pause", "player-pause"),
    ("resume", "player-resume"),
    ("hold", "player-hold"),
    ("rest", "player-rest"),
    ("go", "player-go"),
    ("count", "player-count"),
    ("rep", "player-rep"),
    ("set", "player-set"),
    ("left", "player-left"),
    ("right", "player-right"),
    ("finished", "player-finished"),
    ("speak", "player-speak"),
];

/// The name of an exercise's rating field.
fn effort_field(id: &str) -> String {
    format!("effort-{id}")
}

/// The `GET /session` query.
#[derive(Debug, Deserialize)]
pub struct SessionQuery {
    /// Set after saving: the sessions done today.
    #[serde(default)]
    done: Option<u32>,
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    viewer: &Viewer,
    pairs: Option<&[(String, String)]>,
    error: Option<String>,
    saved: Option<u32>,
) -> Result<Response, AppError> {
    let today = today_for(state, viewer.id).await?;
    let record = CareRecord::load(&state.store, viewer.id, today, ctx.lang).await?;
    // As the plan page: no exercises over a newer result that could not be read (the plan
    // page says so), nor when the plan is withheld or empty.
    let plan = record
        .plan()
        .filter(|p| record.newer_unreadable().next().is_none() && !p.exercises.is_empty());
    let Some(plan) = plan else {
        return Ok(Redirect::to("/plan").into_response());
    };
    let lang = ctx.lang;
    let latest = state.store.latest_plan_version(viewer.id).await?;
    let tailored = match &latest {
        Some(v) => Some(tailored_view(&ctx, v, offset_for(state, viewer.id).await?)),
        None => None,
    };
    let ticked = |id: &str| pairs.is_some_and(|p| p.iter().any(|(k, v)| k == "done" && v == id));
    let rated = |id: &str| {
        let posted = pairs.and_then(|p| posted(p, &effort_field(id)));
        Effort::ALL
            .into_iter()
            .find(|e| posted == Some(e.as_str()))
            .map_or("", Effort::as_str)
    };
    let blank = |n: Option<u16>| n.map_or_else(String::new, |n| n.to_string());
    let exercises = plan
        .exercises
        .iter()
        .filter_map(|p| {
            let ex = exercises::get(&p.id)?;
            let fig = figure::figure(p.id.as_str());
            Some(SessionExercise {
                id: p.id.as_str().to_owned(),
                name: ex.name.get(lang).to_owned(),
                moving: fig.map(|f| figure::animated_svg(f, lang)),
                still: fig.map(|f| figure::svg(f, lang)),
                dose: format!(
                    "{} · {}",
                    p.dose.describe(lang),
                    Dose::frequency(p.days_per_week, lang)
                ),
                steps: ex.steps.get(lang).iter().map(|s| s.to_string()).collect(),
                stop: ex.stop_if.get(lang).to_owned(),
                instruction: instruction_for(latest.as_ref(), p.id.as_str()),
                override_line: p
                    .override_reason
                    .as_deref()
                    .map(|r| ctx.t_args("plan-override", &[("reason", r)])),
                done: ticked(p.id.as_str()),
                effort: rated(p.id.as_str()),
                sets: p.dose.sets,
                reps: blank(p.dose.reps.map(u16::from)),
                hold: blank(p.dose.hold_seconds),
                minutes: blank(p.dose.minutes),
                sides: if p.dose.each_side { 2 } else { 1 },
            })
        })
        .collect::<Vec<_>>();
    let summary = ctx.t_args(
        "dashboard-session",
        &[
            ("count", &exercises.len().to_string()),
            ("minutes", &plan.session_minutes.to_string()),
        ],
    );
    let field = |name: &str| {
        pairs
            .and_then(|p| posted(p, name))
            .unwrap_or_default()
            .to_owned()
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = SessionPage {
        tailored,
        flare: backcare_core::plan::flare_advice(lang),
        summary,
        exercises,
        pain_before: field("pain_before"),
        pain_after: field("pain_after"),
        error,
        saved: saved.map(|n| ctx.t_args("session-saved", &[("count", &n.to_string())])),
        efforts: Effort::ALL
            .into_iter()
            .map(|e| EffortChoice {
                value: e.as_str(),
                label: ctx.t(&format!("session-effort-{}", e.as_str())),
            })
            .collect(),
        player: PLAYER_WORDS
            .iter()
            .map(|(name, key)| (*name, ctx.t(key)))
            .collect(),
        ctx,
    };
    Ok(render(status, &page))
}

/// `GET /session[?done=N]`: today's session as a checklist.
pub async fn session_page(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Query(query): Query<SessionQuery>,
) -> Result<Response, AppError> {
    page(&state, ctx, &viewer, None, None, query.done).await
}

/// A pain rating as typed: empty, or a whole number from 0 to 10 (the core's [`Nrs`]).
fn pain(text: &str) -> Result<Option<u8>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let n: i64 = text.parse().map_err(drop)?;
    Nrs::new(n).map(|p| Some(p.get())).map_err(drop)
}

/// `POST /session`: with at least one exercise ticked, adds a session to today's diary day
/// (and the pain after, or before, when given), then shows the session again with "saved".
pub async fn finish_session(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let before = pain(posted(&pairs, "pain_before").unwrap_or_default());
    let after = pain(posted(&pairs, "pain_after").unwrap_or_default());
    let (Ok(before), Ok(after)) = (before, after) else {
        let error = Some(ctx.t("session-error-pain"));
        return page(&state, ctx, &viewer, Some(&pairs), error, None).await;
    };
    // Each exercise ticked or rated, once, with its rating. A rating counts the exercise as
    // done: nobody rates what they did not do.
    let mut done: Vec<(&str, Option<Effort>)> = Vec::new();
    for (k, v) in &pairs {
        let (id, effort) = if k == "done" {
            (v.as_str(), None)
        } else if let Some(id) = k.strip_prefix("effort-") {
            if v.is_empty() {
                continue;
            }
            let Ok(effort) = v.parse::<Effort>() else {
                let error = Some(ctx.t("session-error-effort"));
                return page(&state, ctx, &viewer, Some(&pairs), error, None).await;
            };
            (id, Some(effort))
        } else {
            continue;
        };
        match done.iter_mut().find(|(d, _)| *d == id) {
            Some((_, e)) => *e = effort.or(*e),
            None => done.push((id, effort)),
        }
    }
    // Only this week's exercises: an id from an old page or typed by hand is not kept.
    let today = today_for(&state, viewer.id).await?;
    let record = CareRecord::load(&state.store, viewer.id, today, ctx.lang).await?;
    let planned = record
        .plan()
        .map(|p| p.exercises.as_slice())
        .unwrap_or_default();
    done.retain(|(id, _)| planned.iter().any(|p| p.id.as_str() == *id));
    if done.is_empty() {
        let error = Some(ctx.t("session-error-none"));
        return page(&state, ctx, &viewer, Some(&pairs), error, None).await;
    }
    // Today's diary day, from the record just loaded.
    let existing = record.diary().iter().find(|d| d.day == today).cloned();
    let Some(pain) = after.or(before).or(existing.as_ref().map(|d| d.pain)) else {
        let error = Some(ctx.t("session-error-pain-needed"));
        return page(&state, ctx, &viewer, Some(&pairs), error, None).await;
    };
    let entry = match existing {
        Some(day) => DiaryEntry {
            pain,
            sessions_done: (day.sessions_done + 1).min(MAX_SESSIONS),
            ..day
        },
        None => DiaryEntry {
            day: today,
            pain,
            sessions_done: 1,
            minutes_walked: 0,
            flare_up: false,
            notes: String::new(),
        },
    };
    state
        .store
        .save_session(viewer.id, &entry, &done, state.clock.now())
        .await?;
    tracing::info!(user = %viewer.id, "exercise session saved in the diary");
    Ok(Redirect::to(&format!("/session?done={}", entry.sessions_done)).into_response())
}
