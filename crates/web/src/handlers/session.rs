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
use backcare_storage::{DiaryEntry, MAX_SESSIONS};
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::today_for;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::infra::privacy::Consented;
use crate::model::intake_form::posted;
use crate::model::record::CareRecord;

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
    /// Whether its box is ticked (the form shown again).
    pub done: bool,
}

/// The session page.
#[derive(Template)]
#[template(path = "session.html")]
pub struct SessionPage {
    /// The page context.
    pub ctx: Ctx,
    /// "4 exercises, about 8 minutes".
    pub summary: String,
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
    let ticked = |id: &str| pairs.is_some_and(|p| p.iter().any(|(k, v)| k == "done" && v == id));
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
                done: ticked(p.id.as_str()),
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
        summary,
        exercises,
        pain_before: field("pain_before"),
        pain_after: field("pain_after"),
        error,
        saved: saved.map(|n| ctx.t_args("session-saved", &[("count", &n.to_string())])),
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
    if !pairs.iter().any(|(k, _)| k == "done") {
        let error = Some(ctx.t("session-error-none"));
        return page(&state, ctx, &viewer, Some(&pairs), error, None).await;
    }
    let today = today_for(&state, viewer.id).await?;
    let existing = state
        .store
        .diary(viewer.id, today, today)
        .await?
        .into_iter()
        .next();
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
        .upsert_diary_entry(viewer.id, &entry, state.clock.now())
        .await?;
    tracing::info!(user = %viewer.id, "exercise session saved in the diary");
    Ok(Redirect::to(&format!("/session?done={}", entry.sessions_done)).into_response())
}
