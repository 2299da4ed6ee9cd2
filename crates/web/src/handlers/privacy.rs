//! Privacy and consent (issue 12): the privacy notice (`/privacy`, for everyone, naming who
//! runs this server) and the consent page (`/consent`), where a patient who has not agreed
//! to the current notice (an account made with `backcare user add`, or from before the
//! notice) is sent by the pages that would store health data, and agrees before going on.
//! Sign-up asks for the same agreement on its own form (`account::signup`); who runs the
//! server and the notice's version are in [`crate::infra::privacy`].

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::error::AppError;
use crate::infra::next::Next;
use crate::infra::pages::{Ctx, render};
use crate::infra::privacy::{PRIVACY_NOTICE_VERSION, RunBy};

/// The privacy notice.
#[derive(Template)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    /// The page context.
    pub ctx: Ctx,
    /// "Version of this notice: ...".
    pub version: String,
    /// Who runs this server and how to reach them, or that nobody said.
    pub who: String,
}

/// `GET /privacy`.
pub async fn privacy_page(ctx: Ctx) -> Response {
    let who = match ctx.run_by() {
        RunBy::Named(operator) => ctx.t_args(
            "privacy-who-named",
            &[("name", operator.name()), ("contact", operator.contact())],
        ),
        RunBy::Demo => ctx.t("privacy-who-demo"),
        RunBy::Unnamed => ctx.t("privacy-who-unnamed"),
    };
    let page = PrivacyPage {
        version: ctx.t_args("privacy-version", &[("version", PRIVACY_NOTICE_VERSION)]),
        who,
        ctx,
    };
    render(StatusCode::OK, &page)
}

/// The consent page: the notice in short and the box.
#[derive(Template)]
#[template(path = "consent.html")]
pub struct ConsentPage {
    /// The page context.
    pub ctx: Ctx,
    /// Where to go once agreed (a path on this site, or empty).
    pub next: String,
    /// Next to the box, when it was not ticked.
    pub error: Option<String>,
    /// "You agreed ... on DATE", when this notice's agreement is already given (no form).
    pub agreed: Option<String>,
}

/// `GET /consent[?next=/path]`: asks for the agreement, or says when it was given.
pub async fn consent_form(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Query(next): Query<Next>,
) -> Result<Response, AppError> {
    let given = state
        .store
        .consent(viewer.id, PRIVACY_NOTICE_VERSION)
        .await?;
    let agreed = given.map(|c| {
        let day = c.agreed_at.date().to_string();
        ctx.t_args("consent-already", &[("date", &day)])
    });
    let page = ConsentPage {
        next: next.or(viewer.home()).to_owned(),
        error: None,
        agreed,
        ctx,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The consent form's fields. Missing fields are empty (an unticked box sends nothing).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    consent: String,
    next: String,
}

/// `POST /consent`: with the box ticked, keeps the agreement (this notice's version, now)
/// and goes on to `next`; without it, the form again (422) and nothing stored.
pub async fn give_consent(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<ConsentForm>,
) -> Result<Response, AppError> {
    let next = Next::parse(&form.next);
    if form.consent != "yes" {
        let page = ConsentPage {
            error: Some(ctx.t("consent-error")),
            next: next.or(viewer.home()).to_owned(),
            agreed: None,
            ctx,
        };
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    state
        .store
        .record_consent(viewer.id, PRIVACY_NOTICE_VERSION, state.clock.now())
        .await?;
    tracing::info!(user = %viewer.id, version = PRIVACY_NOTICE_VERSION, "consent given");
    Ok(Redirect::to(next.or(viewer.home())).into_response())
}
