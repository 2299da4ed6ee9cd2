//! The public pages (home, stylesheet, language switch) and the patient's start page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use backcare_core::Lang;

use backcare_core::instruments::Instrument;
use backcare_core::triage::Level;
use backcare_storage::AssessmentId;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::offset_for;
use crate::infra::error::AppError;
use crate::infra::i18n::LANG_COOKIE;
use crate::infra::next::Next;
use crate::infra::pages::{APP_CSS, Ctx, SESSION_JS, immutable, message, render};
use crate::infra::security::CookieSpec;
use crate::model::assessment::RESULT_UNREADABLE;
use crate::model::intake_form::check_length;
use crate::model::record::{CareRecord, Due};
use crate::model::views::{NoteView, every_words, note_views};

/// How many clinician notes the start page shows.
const DASHBOARD_NOTES: usize = 3;

/// The home page.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// The page context.
    pub ctx: Ctx,
    /// How long the check takes: "About 3 minutes: 20 short questions ...".
    pub check_time: String,
}

/// `GET /`: what backcare is and is not, how it works, and a start button that leads to
/// the warning-sign check (no account needed) and says how long it takes.
pub async fn home(ctx: Ctx) -> Response {
    let (questions, minutes) = check_length();
    let check_time = ctx.t_args(
        "home-start-time",
        &[
            ("minutes", &minutes.to_string()),
            ("questions", &questions.to_string()),
        ],
    );
    render(StatusCode::OK, &HomePage { ctx, check_time })
}

/// `GET /static/app.css`: the stylesheet.
pub async fn stylesheet() -> Response {
    immutable("text/css; charset=utf-8", APP_CSS)
}

/// `GET /static/session.js`: the session player's script.
pub async fn session_script() -> Response {
    immutable("text/javascript; charset=utf-8", SESSION_JS)
}

/// `GET /lang/{lang}?next=/path`: remembers the language in a cookie and goes back.
pub async fn switch_language(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(next): Query<Next>,
    parts: Parts,
) -> Response {
    let Ok(lang) = lang.parse::<Lang>() else {
        return message(
            &parts,
            StatusCode::NOT_FOUND,
            "not-found-title",
            "not-found-text",
        );
    };
    let cookie = CookieSpec {
        name: LANG_COOKIE,
        value: lang.code(),
        max_age: Some(365 * 24 * 3600),
        http_only: true,
        secure: state.secure_cookies,
    };
    let mut response = Redirect::to(next.or("/")).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, cookie.header());
    response
}

/// The triage result at the top of the start page, while it asks for action.
#[derive(Debug)]
pub struct ActionView {
    /// The result's id (for the "I have been seen" form).
    pub assessment: i64,
    /// The level's id, for the banner's class.
    pub level: &'static str,
    /// The level's title.
    pub title: String,
    /// What to do.
    pub action: String,
}

/// The patient's start page: today first.
#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct PatientDashboard {
    /// The page context.
    pub ctx: Ctx,
    /// The latest notes of the person's clinicians, newest first.
    pub notes: Vec<NoteView>,
    /// The questionnaires a clinician asked for on a schedule, one line each.
    pub scheduled: Vec<String>,
    /// Whether one of them is due now.
    pub scheduled_due: bool,
    /// A newer result that could not be read, at the very top (one line each).
    pub unreadable: Vec<String>,
    /// An emergency or urgent result, at the top until the person says they have been
    /// seen about it or a newer result replaces it.
    pub action: Option<ActionView>,
    /// The same result once the person said they have been seen, and the day they said
    /// so: lower down, with its advice and a way back to the top.
    pub seen: Option<(ActionView, String)>,
    /// No result yet: start (or carry on with) the questions.
    pub start: Option<String>,
    /// Whether answers are saved part of the way (the start card says "carry on").
    pub draft: bool,
    /// Today's exercises: "3 exercises, about 12 minutes".
    pub session: Option<String>,
    /// Whether today's diary is filled in (`None` before the first result).
    pub diary_done: Option<bool>,
    /// When the check-up questions are next due, in words.
    pub next_check: Option<String>,
    /// Whether the check-up questions are due now.
    pub check_due: bool,
}

/// `GET /dashboard`: today first. An emergency or urgent result stays at the top until the
/// person says they have been seen about it (then it stays lower down, advice and all), else
/// today's exercises; the diary if today is empty; the next check-up questions. Before a
/// first result, the questions (or where the person left them).
pub async fn patient_dashboard(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let offset = offset_for(&state, viewer.id).await?;
    let today = state.clock.today(Some(offset));
    let record = CareRecord::load(&state.store, viewer.id, today, ctx.lang).await?;
    // A newer result that could not be read comes first, as on the result and plan pages:
    // no exercises are offered over it.
    let unreadable: Vec<String> = record
        .newer_unreadable()
        .map(|u| u.describe(ctx.lang, RESULT_UNREADABLE))
        .collect();
    // The banner shows the level the result was issued with, under its own title.
    let urgent = record
        .latest_issued()
        .filter(|read| read.level() >= Level::Urgent)
        .map(|read| {
            let triage = &read.issued.result.triage;
            ActionView {
                assessment: read.id.0,
                level: triage.level.id(),
                title: triage.title.clone(),
                action: triage.action.clone(),
            }
        });
    // Once the person says they have been seen about it, it moves below "Today".
    let seen_on = match &urgent {
        Some(a) => state
            .store
            .seen_results(viewer.id)
            .await?
            .into_iter()
            .find(|s| s.assessment.0 == a.assessment)
            .map(|s| s.seen_at.to_offset(offset).date().to_string()),
        None => None,
    };
    // No exercises under an urgent result as issued, seen or not, even when today's rules
    // would give a plan for the same answers.
    let no_exercises = urgent.is_some();
    let (action, seen) = match seen_on {
        Some(day) => (None, urgent.map(|a| (a, day))),
        None => (urgent, None),
    };
    let assessed = record.latest_issued().is_some();
    let (start, draft) = if !assessed {
        let draft = state.store.intake_draft(viewer.id).await?.is_some();
        let (_, minutes) = check_length();
        (
            Some(ctx.t_args("dashboard-start", &[("minutes", &minutes.to_string())])),
            draft,
        )
    } else {
        (None, false)
    };
    let session = record
        .plan()
        .filter(|p| !no_exercises && unreadable.is_empty() && !p.exercises.is_empty())
        .map(|p| {
            ctx.t_args(
                "dashboard-session",
                &[
                    ("count", &p.exercises.len().to_string()),
                    ("minutes", &p.session_minutes.to_string()),
                ],
            )
        });
    let diary_done = assessed.then(|| record.diary().iter().any(|d| d.day == today));
    let (next_check, check_due) = match assessed.then(|| record.due(Instrument::StartBack)) {
        None => (None, false),
        Some(Due::NotYet { from, .. }) => (
            Some(ctx.t_args("dashboard-check-next", &[("date", &from.to_string())])),
            false,
        ),
        Some(Due::Now { .. } | Due::Overdue { .. } | Due::Never) => {
            (Some(ctx.t("dashboard-check-due")), true)
        }
    };
    // The latest notes from the clinicians the person shares with (open notes).
    let mut notes = state.store.notes(viewer.id).await?;
    notes.truncate(DASHBOARD_NOTES);
    let mut scheduled_due = false;
    let scheduled = Instrument::ALL
        .into_iter()
        .filter_map(|i| {
            let every = record.schedule(i)?;
            let state = match record.due(i) {
                Due::NotYet { from, .. } => {
                    ctx.t_args("dashboard-scheduled-next", &[("date", &from.to_string())])
                }
                Due::Never | Due::Now { .. } | Due::Overdue { .. } => {
                    scheduled_due = true;
                    ctx.t("dashboard-scheduled-due")
                }
            };
            Some(ctx.t_args(
                "dashboard-scheduled-line",
                &[
                    ("name", i.name().get(ctx.lang)),
                    ("every", &every_words(&ctx, every, false)),
                    ("state", &state),
                ],
            ))
        })
        .collect();
    let page = PatientDashboard {
        scheduled,
        scheduled_due,
        notes: note_views(&notes, offset),
        ctx,
        unreadable,
        action,
        seen,
        start,
        draft,
        session,
        diary_done,
        next_check,
        check_due,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The "I have been seen" form: which result, and `yes` or `no` (not yet, after all).
#[derive(Debug, serde::Deserialize)]
pub struct SeenForm {
    /// The result's id.
    pub assessment: String,
    /// `yes` or `no`.
    pub seen: String,
}

/// `POST /seen`: the person says they have (or, taking it back, have not yet) been seen by
/// a clinician about an urgent or emergency result. The result is never changed: the start
/// page moves its banner below today's cards, with the same advice, or back to the top.
pub async fn result_seen(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    axum::Form(form): axum::Form<SeenForm>,
) -> Result<Response, AppError> {
    let id = form.assessment.trim().parse::<i64>().ok().map(AssessmentId);
    let outcome = match (id, form.seen.as_str()) {
        (Some(id), "yes") => {
            state
                .store
                .mark_seen(viewer.id, id, state.clock.now())
                .await
        }
        (Some(id), "no") => state.store.unmark_seen(viewer.id, id).await,
        _ => {
            return Ok(ctx.message_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                "seen-error-title",
                "seen-error",
            ));
        }
    };
    match outcome {
        Ok(()) => Ok(Redirect::to("/dashboard").into_response()),
        Err(backcare_storage::Error::NotFound) => {
            Ok(ctx.message_page(StatusCode::NOT_FOUND, "not-found-title", "seen-error"))
        }
        Err(e) => Err(e.into()),
    }
}
