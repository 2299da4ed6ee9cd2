//! The patient's side of sharing: linking to a clinician with a share code, revoking a
//! link, and the access log of who opened the record and when.
//!
//! Linking is the patient's consent: a clinician can only see patients who redeemed one of
//! their codes, and loses access the moment the patient revokes the link. Revoking names
//! the clinician, and the link removed is always the signed-in patient's own, so nobody
//! can remove another patient's link.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::UserId;
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::{Viewer, token_hash};
use crate::infra::clock::offset_for;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, MessagePage, render};
use crate::model::share_code::normalize_share_code;
use crate::model::views::when_in;

/// One linked clinician, as shown.
#[derive(Debug)]
pub struct ClinicianView {
    /// Their user id (the revoke form's value).
    pub id: i64,
    /// Their email.
    pub email: String,
    /// Linked since (day).
    pub since: String,
}

/// The sharing page.
#[derive(Template)]
#[template(path = "sharing.html")]
pub struct SharingPage {
    /// The page context.
    pub ctx: Ctx,
    /// The clinicians linked to the patient.
    pub clinicians: Vec<ClinicianView>,
    /// The code as typed, kept after an error.
    pub code: String,
    /// The message next to the code field.
    pub code_error: Option<String>,
    /// A message about the revoke form.
    pub revoke_error: Option<String>,
    /// What just happened (linked, revoked).
    pub notice: Option<String>,
}

/// `?linked=1` or `?revoked=1` after a change.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    /// After a code was redeemed.
    pub linked: Option<String>,
    /// After a link was revoked.
    pub revoked: Option<String>,
}

/// The redeem form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RedeemForm {
    /// The code as typed.
    pub code: String,
}

/// The revoke form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RevokeForm {
    /// The clinician's user id.
    pub clinician: String,
}

struct Messages {
    code: String,
    code_error: Option<String>,
    revoke_error: Option<String>,
    notice: Option<String>,
}

async fn page(
    ctx: Ctx,
    state: &AppState,
    viewer: &Viewer,
    messages: Messages,
    status: StatusCode,
) -> Result<Response, AppError> {
    let clinicians = match state.store.linked_clinicians(viewer.id).await {
        Ok(links) => links
            .into_iter()
            .map(|l| ClinicianView {
                id: l.user_id.0,
                email: l.email.to_string(),
                since: l.since.date().to_string(),
            })
            .collect(),
        Err(e) => return Err(e.into()),
    };
    Ok(render(
        status,
        &SharingPage {
            ctx,
            clinicians,
            code: messages.code,
            code_error: messages.code_error,
            revoke_error: messages.revoke_error,
            notice: messages.notice,
        },
    ))
}

/// `GET /sharing`: the linked clinicians (each with a revoke button) and the code form.
pub async fn sharing_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Query(done): Query<Done>,
) -> Result<Response, AppError> {
    let notice = if done.linked.is_some() {
        Some(ctx.t("sharing-linked"))
    } else {
        done.revoked.is_some().then(|| ctx.t("sharing-revoked"))
    };
    let messages = Messages {
        code: String::new(),
        code_error: None,
        revoke_error: None,
        notice,
    };
    page(ctx, &state, &viewer, messages, StatusCode::OK).await
}

/// `POST /sharing/redeem`: links the patient to the clinician who made the code; a wrong,
/// used or expired code is shown again with its message (422).
pub async fn redeem(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<RedeemForm>,
) -> Result<Response, AppError> {
    let typed = form.code.trim().to_owned();
    let error = |key: &str| Messages {
        code: typed.clone(),
        code_error: Some(ctx.t(key)),
        revoke_error: None,
        notice: None,
    };
    if typed.is_empty() {
        let m = error("sharing-error-empty");
        return page(ctx, &state, &viewer, m, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let Some(code) = normalize_share_code(&typed) else {
        let m = error("sharing-error-format");
        return page(ctx, &state, &viewer, m, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let now = state.clock.now();
    match state
        .store
        .redeem_share_code(viewer.id, &token_hash(&code), now)
        .await
    {
        // Only a flag in the URL: a link someone sends cannot make the page say who.
        Ok(_) => Ok(Redirect::to("/sharing?linked=1").into_response()),
        Err(backcare_storage::Error::NotFound) => {
            let m = error("sharing-error-unknown");
            page(ctx, &state, &viewer, m, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /sharing/revoke`: removes the link between the patient and the clinician named by
/// `clinician`; that clinician can no longer open the record. Not linked: 404.
pub async fn revoke(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<RevokeForm>,
) -> Result<Response, AppError> {
    let Ok(clinician) = form.clinician.trim().parse::<i64>() else {
        let m = Messages {
            code: String::new(),
            code_error: None,
            revoke_error: Some(ctx.t("sharing-error-revoke")),
            notice: None,
        };
        return page(ctx, &state, &viewer, m, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    Ok(
        match state.store.revoke_link(viewer.id, UserId(clinician)).await {
            Ok(()) => Redirect::to("/sharing?revoked=1").into_response(),
            Err(backcare_storage::Error::NotFound) => {
                let page = MessagePage {
                    title: ctx.t("not-found-title"),
                    text: ctx.t("sharing-not-linked"),
                    ctx,
                };
                render(StatusCode::NOT_FOUND, &page)
            }
            Err(e) => return Err(e.into()),
        },
    )
}

/// One entry of the access log, in plain words.
#[derive(Debug)]
pub struct LogRow {
    /// Who (the clinician's email, kept even if their account is gone).
    pub who: String,
    /// When.
    pub when: String,
    /// What they opened.
    pub what: String,
}

/// The access log page.
#[derive(Template)]
#[template(path = "sharing_log.html")]
pub struct SharingLogPage {
    /// The page context.
    pub ctx: Ctx,
    /// Newest first.
    pub entries: Vec<LogRow>,
}

/// `GET /sharing/log`: who opened the patient's record and when, newest first.
pub async fn access_log(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let log = state.store.access_log(viewer.id).await?;
    // In the person's own time zone (the server's until they set one).
    let offset = offset_for(&state, viewer.id).await?;
    let entries = log
        .into_iter()
        .rev()
        .map(|e| LogRow {
            what: match e.action.as_str() {
                "record" => ctx.t("sharing-log-record"),
                other => ctx.t_args("sharing-log-other", &[("what", other)]),
            },
            who: e.clinician_email,
            when: when_in(&ctx, e.at, offset),
        })
        .collect();
    Ok(render(StatusCode::OK, &SharingLogPage { ctx, entries }))
}
