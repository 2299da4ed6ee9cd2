//! Where you are signed in (issue 12): the person's live sessions, and "log out everywhere
//! else".
//!
//! `GET /account/sessions` lists the sessions the store still accepts (not past
//! [`auth::SESSION_LIFETIME`], not idle past the role's limit), each with its device label,
//! when it began and when it was last used, in the person's own time zone; this one comes
//! first, marked. `POST /account/sessions/others` ends every other session of the account
//! and comes back to the page with a confirmation.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::Role;
use serde::Deserialize;
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::AppState;
use crate::infra::auth::{self, Viewer};
use crate::infra::clock::{offset_for, zone_name};
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};

/// The sessions page.
#[derive(Template)]
#[template(path = "sessions.html")]
pub struct SessionsPage {
    /// The page context.
    pub ctx: Ctx,
    /// The live sessions, this one first.
    pub sessions: Vec<SessionRow>,
    /// Whether the other sessions were just ended.
    pub ended: bool,
    /// How long this person's sessions last, in words.
    pub limits: String,
    /// The time zone the times are in: `UTC+01:00`.
    pub zone: String,
}

/// One session, as shown.
#[derive(Debug)]
pub struct SessionRow {
    /// "Firefox, Windows", or "Unknown device".
    pub device: String,
    /// When it began.
    pub started: String,
    /// When it was last used.
    pub seen: String,
    /// Whether it is the one of this request.
    pub current: bool,
}

impl SessionsPage {
    /// Whether any session but this one is signed in.
    pub fn others(&self) -> bool {
        self.sessions.iter().any(|s| !s.current)
    }
}

/// `2026-11-23 14:05`, at `offset`.
fn local(t: OffsetDateTime, offset: UtcOffset) -> String {
    let t = t.to_offset(offset);
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// "3 days" or "12 hours": a duration in the page's language.
fn span(ctx: &Ctx, d: Duration) -> String {
    let hours = d.whole_hours();
    if hours % 24 == 0 {
        ctx.t_args("sessions-days", &[("days", &(hours / 24).to_string())])
    } else {
        ctx.t_args("sessions-hours", &[("hours", &hours.to_string())])
    }
}

/// The sentence saying when this role's sessions end.
fn limits_text(ctx: &Ctx, role: Role) -> String {
    ctx.t_args(
        "sessions-limits",
        &[
            ("idle", &span(ctx, role.idle_limit())),
            ("lifetime", &span(ctx, auth::SESSION_LIFETIME)),
        ],
    )
}

/// `?ended=1` after "log out everywhere else".
#[derive(Debug, Deserialize)]
pub struct Ended {
    #[serde(default)]
    ended: Option<String>,
}

/// `GET /account/sessions`.
pub async fn sessions_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Query(q): Query<Ended>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let offset = offset_for(&state, viewer.id).await?;
    let unknown = ctx.t("sessions-unknown-device");
    let sessions = state
        .store
        .user_sessions(viewer.id, viewer.session(), now)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            device: s
                .device
                .map_or_else(|| unknown.clone(), |d| d.as_str().to_owned()),
            started: local(s.created_at, offset),
            seen: local(s.last_seen_at, offset),
            current: s.current,
        })
        .collect();
    let page = SessionsPage {
        limits: limits_text(&ctx, viewer.role),
        zone: zone_name(offset),
        ctx,
        sessions,
        ended: q.ended.is_some(),
    };
    Ok(render(StatusCode::OK, &page))
}

/// `POST /account/sessions/others`: ends every session of the account but this one.
pub async fn sign_out_others(
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let ended = state
        .store
        .delete_other_sessions(viewer.id, viewer.session())
        .await?;
    tracing::info!(user = %viewer.id, ended, "signed out everywhere else");
    Ok(Redirect::to("/account/sessions?ended=1").into_response())
}

#[cfg(test)]
mod tests {
    use time::macros::{datetime, offset};

    use super::*;

    #[test]
    fn times_are_shown_at_the_persons_offset() {
        let t = datetime!(2026-11-23 23:30 UTC);
        assert_eq!(local(t, offset!(+05:45)), "2026-11-24 05:15");
        assert_eq!(local(t, offset!(-03:00)), "2026-11-23 20:30");
        assert_eq!(zone_name(offset!(+05:45)), "UTC+05:45");
        assert_eq!(zone_name(offset!(-03:30)), "UTC-03:30");
        assert_eq!(zone_name(UtcOffset::UTC), "UTC");
    }
}
