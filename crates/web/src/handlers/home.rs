//! The public pages (home, stylesheet, language switch) and the patient's start page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use backcare_core::Lang;

use crate::AppState;
use crate::infra::i18n::LANG_COOKIE;
use crate::infra::next::Next;
use crate::infra::pages::{APP_CSS, Ctx, message, render};
use crate::infra::security::CookieSpec;
use crate::model::intake_form::check_length;

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

/// `GET /static/app.css`: the stylesheet, cacheable for a year (its URL changes with it).
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        APP_CSS,
    )
        .into_response()
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

/// The patient's start page (a placeholder for the intake, result, plan and diary).
#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct PatientDashboard {
    /// The page context.
    pub ctx: Ctx,
}

/// `GET /dashboard`.
pub async fn patient_dashboard(ctx: Ctx) -> Response {
    render(StatusCode::OK, &PatientDashboard { ctx })
}
