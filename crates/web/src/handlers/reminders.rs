//! Email reminders, the patient's side (issue 13): choosing them, and the one-click link in
//! every reminder that stops them.
//!
//! - `GET /account/reminders`: the weekdays and the time of the exercise-day reminder, and
//!   whether to be told when the questionnaires are due again. It says when mail is off on
//!   this server, and when the account's email is not confirmed yet (reminders only go to
//!   a confirmed address), with a button that sends a new confirmation link.
//! - `POST /account/reminders`: saves the choices (choosing nothing turns reminders off).
//! - `POST /account/reminders/confirm-email`: sends a link to confirm the account's email.
//! - `GET /reminders/stop?user=ID&sig=HMAC`: open to anyone holding a signed link
//!   ([`crate::infra::unsubscribe`]); turns every reminder of that account off.
//!
//! Sending them is the job of [`crate::model::reminders`].

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::{MailPurpose, Reminders, TimeOfDay, UserId, Weekdays};
use serde::Deserialize;
use time::Weekday;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::{offset_for, zone_name};
use crate::infra::error::AppError;
use crate::infra::mail::{self, Letter};
use crate::infra::pages::{Ctx, LinkPage, render};
use crate::infra::unsubscribe;

/// The time offered until the person chooses one.
const DEFAULT_TIME: &str = "18:00";

/// The reminders page.
#[derive(Template)]
#[template(path = "reminders.html")]
pub struct RemindersPage {
    /// The page context.
    pub ctx: Ctx,
    /// A notice at the top (saved, turned off, link sent), if any.
    pub notice: Option<String>,
    /// Whether this server sends email at all.
    pub mail_on: bool,
    /// The account's email, when it is not confirmed yet.
    pub unverified: Option<String>,
    /// The weekday boxes: (form name, label, ticked).
    pub days: Vec<(&'static str, String, bool)>,
    /// The time field's value, `HH:MM`.
    pub at: String,
    /// Why the time was refused, if it was.
    pub time_error: Option<String>,
    /// Whether the check-in reminder is ticked.
    pub check_in: bool,
    /// The person's time zone, `UTC+01:00`.
    pub zone: String,
}

/// Each weekday's form field name and Fluent key.
const DAYS: [(Weekday, &str, &str); 7] = [
    (Weekday::Monday, "mon", "weekday-monday"),
    (Weekday::Tuesday, "tue", "weekday-tuesday"),
    (Weekday::Wednesday, "wed", "weekday-wednesday"),
    (Weekday::Thursday, "thu", "weekday-thursday"),
    (Weekday::Friday, "fri", "weekday-friday"),
    (Weekday::Saturday, "sat", "weekday-saturday"),
    (Weekday::Sunday, "sun", "weekday-sunday"),
];

/// The posted choices: a field per ticked weekday, the time, the check-in box.
#[derive(Debug, Deserialize)]
pub struct RemindersForm {
    #[serde(default)]
    mon: Option<String>,
    #[serde(default)]
    tue: Option<String>,
    #[serde(default)]
    wed: Option<String>,
    #[serde(default)]
    thu: Option<String>,
    #[serde(default)]
    fri: Option<String>,
    #[serde(default)]
    sat: Option<String>,
    #[serde(default)]
    sun: Option<String>,
    #[serde(default)]
    at: String,
    #[serde(default)]
    check_in: Option<String>,
}

impl RemindersForm {
    fn days(&self) -> Weekdays {
        let ticked = [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ];
        Weekdays::of(
            DAYS.iter()
                .zip(ticked)
                .filter(|(_, t)| t.is_some())
                .map(|((d, _, _), _)| *d),
        )
    }
}

/// `?done=saved|off|sent` after a change.
#[derive(Debug, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

async fn page(
    ctx: Ctx,
    viewer: &Viewer,
    state: &AppState,
    shown: Option<Reminders>,
    notice: Option<String>,
    time_error: Option<(String, String)>,
) -> Result<RemindersPage, AppError> {
    let verified = state.store.email_verified_at(viewer.id).await?.is_some();
    let offset = offset_for(state, viewer.id).await?;
    let days = shown.map_or(Weekdays::WORKING_WEEK, |r| r.exercise_days);
    let (at, time_error) = match time_error {
        Some((typed, error)) => (typed, Some(error)),
        None => (
            shown.map_or_else(|| DEFAULT_TIME.to_owned(), |r| r.at.to_string()),
            None,
        ),
    };
    Ok(RemindersPage {
        days: DAYS
            .iter()
            .map(|(d, name, key)| (*name, ctx.t(key), days.contains(*d)))
            .collect(),
        notice,
        mail_on: state.mailer.is_some(),
        unverified: (!verified).then(|| viewer.email.as_str().to_owned()),
        at,
        time_error,
        check_in: shown.is_none_or(|r| r.reassessment),
        zone: zone_name(offset),
        ctx,
    })
}

/// `GET /account/reminders`.
pub async fn reminders_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let notice = match q.done.as_deref() {
        Some("saved") => Some(ctx.t("reminders-saved")),
        Some("off") => Some(ctx.t("reminders-off-saved")),
        Some("sent") => Some(ctx.t_args(
            "reminders-confirmation-sent",
            &[("email", viewer.email.as_str())],
        )),
        _ => None,
    };
    let shown = state.store.reminders(viewer.id).await?;
    let page = page(ctx, &viewer, &state, shown, notice, None).await?;
    Ok(render(StatusCode::OK, &page))
}

/// `POST /account/reminders`: saves the choices, or shows the time's error.
pub async fn save_reminders(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<RemindersForm>,
) -> Result<Response, AppError> {
    let days = form.days();
    let check_in = form.check_in.is_some();
    let at = match TimeOfDay::parse(&form.at) {
        Ok(at) => at,
        Err(_) => {
            let error = ctx.t("reminders-time-error");
            let typed = Reminders {
                exercise_days: days,
                at: TimeOfDay::MIDNIGHT,
                reassessment: check_in,
            };
            let page = page(
                ctx,
                &viewer,
                &state,
                Some(typed),
                None,
                Some((form.at.chars().take(20).collect(), error)),
            )
            .await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let chosen = Reminders {
        exercise_days: days,
        at,
        reassessment: check_in,
    };
    state
        .store
        .set_reminders(viewer.id, Some(&chosen), state.clock.now())
        .await?;
    let done = if chosen.any() { "saved" } else { "off" };
    Ok(Redirect::to(&format!("/account/reminders?done={done}")).into_response())
}

/// `POST /account/reminders/confirm-email`: a new link to confirm the account's email.
pub async fn send_confirmation(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    if state.mailer.is_some() && state.store.email_verified_at(viewer.id).await?.is_none() {
        let link =
            mail::issue_link(&state, viewer.id, &viewer.email, MailPurpose::Verify, now).await?;
        mail::notify(
            &state,
            viewer.id,
            &viewer.email,
            ctx.lang,
            Letter::Verify { link },
        )
        .await?;
    }
    Ok(Redirect::to("/account/reminders?done=sent").into_response())
}

/// The signed link's query.
#[derive(Debug, Deserialize)]
pub struct StopLink {
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    sig: Option<String>,
}

/// `GET /reminders/stop`: turns the account's reminders off, if the link is signed.
pub async fn stop(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<StopLink>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let user = q
        .user
        .as_deref()
        .and_then(|u| u.parse::<i64>().ok())
        .map(UserId);
    let signed = match (user, q.sig.as_deref()) {
        (Some(user), Some(sig)) => unsubscribe::check(&state.store, user, sig, now)
            .await?
            .then_some(user),
        _ => None,
    };
    let Some(user) = signed else {
        // 200 like a spent password-reset link: the page is the answer, in words.
        return Ok(ctx.message_page(
            StatusCode::OK,
            "reminders-stop-bad-title",
            "reminders-stop-bad",
        ));
    };
    match state.store.set_reminders(user, None, now).await {
        // A signed link of an account deleted since: nothing is sent to it either way.
        Ok(()) | Err(backcare_storage::Error::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    tracing::info!(user = %user, "reminders stopped by their link");
    Ok(LinkPage::render(
        ctx,
        StatusCode::OK,
        [
            "reminders-stop-title",
            "reminders-stop-done",
            "reminders-stop-again",
        ],
        "/account/reminders",
    ))
}
