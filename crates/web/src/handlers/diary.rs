//! The patient's diary: `GET /diary` (today's form and the last entries) and `POST /diary`
//! (saves one day's entry, replacing any earlier entry for that day).
//!
//! Every field is checked here and its message shown next to it (422); the store checks
//! the ranges again. Dates are calendar dates (`YYYY-MM-DD`); "today" is the patient's own
//! date ([`today_for`]), and a day may be at most one day ahead of it (a patient who has
//! not chosen their time zone yet is on UTC), never further; and no earlier than a year
//! before the account was made ([`crate::model::diary_days`]).

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::{DiaryEntry, MAX_MINUTES, MAX_SESSIONS};
use serde::Deserialize;
use time::{Date, Duration, Month};

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::today_for;
use crate::infra::date;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::infra::privacy::Consented;
use crate::model::diary_days;
use crate::model::views::EntryView;

/// The longest note, in characters.
pub const MAX_NOTES_CHARS: usize = 500;
/// How many entries the page lists.
pub const LISTED: usize = 14;

/// The form as sent (every field as text, so that a bad value is shown again).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DiaryForm {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// Pain, 0 to 10.
    pub pain: String,
    /// Exercise sessions done.
    pub sessions: String,
    /// Minutes walked.
    pub minutes: String,
    /// `yes` or `no`.
    pub flare_up: String,
    /// Free text.
    pub notes: String,
}

/// Messages (already translated) next to each field.
#[derive(Debug, Default, Clone)]
pub struct DiaryErrors {
    /// The day.
    pub day: Option<String>,
    /// The pain.
    pub pain: Option<String>,
    /// The sessions.
    pub sessions: Option<String>,
    /// The minutes.
    pub minutes: Option<String>,
    /// The flare-up answer.
    pub flare_up: Option<String>,
    /// The notes.
    pub notes: Option<String>,
}

impl DiaryErrors {
    /// Whether there is any message.
    pub fn any(&self) -> bool {
        self.day.is_some()
            || self.pain.is_some()
            || self.sessions.is_some()
            || self.minutes.is_some()
            || self.flare_up.is_some()
            || self.notes.is_some()
    }
}

/// The diary page.
#[derive(Template)]
#[template(path = "diary.html")]
pub struct DiaryPage {
    /// The page context.
    pub ctx: Ctx,
    /// The form's values.
    pub form: DiaryForm,
    /// The messages next to the fields.
    pub errors: Box<DiaryErrors>,
    /// Whether an entry was just saved.
    pub saved: bool,
    /// The last entries, newest first.
    pub entries: Vec<EntryView>,
    /// The longest note.
    pub max_notes: usize,
}

/// `?saved=1` after a save.
#[derive(Debug, Deserialize)]
pub struct Saved {
    /// Present after a save.
    pub saved: Option<String>,
}

fn parse_number(s: &str, max: u32) -> Option<u32> {
    s.trim().parse::<u32>().ok().filter(|n| *n <= max)
}

/// Checks the form; the entry, or the messages.
fn validate(
    ctx: &Ctx,
    form: &DiaryForm,
    (earliest, today): (Date, Date),
) -> Result<DiaryEntry, Box<DiaryErrors>> {
    let mut errors = DiaryErrors::default();
    let day = match date::parse(&form.day) {
        Some(d) if d > today + Duration::days(1) => {
            errors.day = Some(ctx.t("diary-error-day-future"));
            None
        }
        Some(d) if d < earliest => {
            let first = earliest.to_string();
            errors.day = Some(ctx.t_args("diary-error-day-early", &[("first", &first)]));
            None
        }
        Some(d) => Some(d),
        None => {
            errors.day = Some(ctx.t("diary-error-day"));
            None
        }
    };
    let pain = parse_number(&form.pain, 10);
    if pain.is_none() {
        errors.pain = Some(ctx.t("diary-error-pain"));
    }
    let sessions = parse_number(&form.sessions, MAX_SESSIONS);
    if sessions.is_none() {
        errors.sessions = Some(ctx.t_args(
            "diary-error-sessions",
            &[("max", &MAX_SESSIONS.to_string())],
        ));
    }
    let minutes = parse_number(&form.minutes, MAX_MINUTES);
    if minutes.is_none() {
        errors.minutes =
            Some(ctx.t_args("diary-error-minutes", &[("max", &MAX_MINUTES.to_string())]));
    }
    let flare_up = match form.flare_up.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.flare_up = Some(ctx.t("diary-error-flare-up"));
            None
        }
    };
    let notes = form.notes.trim();
    if notes.chars().count() > MAX_NOTES_CHARS {
        errors.notes = Some(ctx.t_args(
            "diary-error-notes",
            &[("max", &MAX_NOTES_CHARS.to_string())],
        ));
    }
    match (day, pain, sessions, minutes, flare_up) {
        (Some(day), Some(pain), Some(sessions_done), Some(minutes_walked), Some(flare_up))
            if !errors.any() =>
        {
            Ok(DiaryEntry {
                day,
                pain: u8::try_from(pain).unwrap_or(u8::MAX),
                sessions_done,
                minutes_walked,
                flare_up,
                notes: notes.to_owned(),
            })
        }
        _ => Err(Box::new(errors)),
    }
}

/// The form filled with `entry`.
fn form_from(entry: &DiaryEntry) -> DiaryForm {
    DiaryForm {
        day: entry.day.to_string(),
        pain: entry.pain.to_string(),
        sessions: entry.sessions_done.to_string(),
        minutes: entry.minutes_walked.to_string(),
        flare_up: if entry.flare_up { "yes" } else { "no" }.to_owned(),
        notes: entry.notes.clone(),
    }
}

/// The page with `form`, `errors` and the viewer's last entries.
async fn page(
    ctx: Ctx,
    state: &AppState,
    viewer: &Viewer,
    form: Option<DiaryForm>,
    errors: Box<DiaryErrors>,
    saved: bool,
    status: StatusCode,
) -> Result<Response, AppError> {
    let from = Date::from_calendar_date(1900, Month::January, 1).unwrap_or(Date::MIN);
    let today = today_for(state, viewer.id).await?;
    let to = today + Duration::days(1);
    let entries = state.store.diary(viewer.id, from, to).await?;
    let form = form.unwrap_or_else(|| {
        entries.iter().find(|e| e.day == today).map_or_else(
            || DiaryForm {
                day: today.to_string(),
                ..DiaryForm::default()
            },
            form_from,
        )
    });
    let entries = entries
        .iter()
        .rev()
        .take(LISTED)
        .map(|e| EntryView {
            day: e.day.to_string(),
            pain: e.pain,
            sessions: e.sessions_done,
            minutes: e.minutes_walked,
            flare_up: e.flare_up,
            notes: e.notes.clone(),
        })
        .collect();
    let page = DiaryPage {
        ctx,
        form,
        errors,
        saved,
        entries,
        max_notes: MAX_NOTES_CHARS,
    };
    Ok(render(status, &page))
}

/// `GET /diary`: today's form (filled with today's entry if there is one) and the last
/// entries.
pub async fn diary_page(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Query(saved): Query<Saved>,
) -> Result<Response, AppError> {
    let saved = saved.saved.is_some();
    page(
        ctx,
        &state,
        &viewer,
        None,
        Box::default(),
        saved,
        StatusCode::OK,
    )
    .await
}

/// `POST /diary`: saves the day's entry (replacing that day's earlier one) and goes back
/// to the page, or shows the form again with its messages (422).
pub async fn save_entry(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Form(form): Form<DiaryForm>,
) -> Result<Response, AppError> {
    let today = today_for(&state, viewer.id).await?;
    let earliest = diary_days::earliest_for(&state, viewer.id).await?;
    match validate(&ctx, &form, (earliest, today)) {
        Ok(entry) => {
            let now = state.clock.now();
            state
                .store
                .upsert_diary_entry(viewer.id, &entry, now)
                .await?;
            Ok(Redirect::to("/diary?saved=1").into_response())
        }
        Err(errors) => {
            page(
                ctx,
                &state,
                &viewer,
                Some(form),
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}
