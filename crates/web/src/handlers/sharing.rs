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
use backcare_storage::{Profile, UserId};
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::{Viewer, token_hash};
use crate::infra::clock::{offset_for, today_for};
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, MessagePage, render};
use crate::model::people::{Need, ProfileFields, ProfileInput, clinician_label};
use crate::model::share_code::normalize_share_code;
use crate::model::views::when_in;

/// One linked clinician, as shown.
#[derive(Debug)]
pub struct ClinicianView {
    /// Their user id (the revoke form's value).
    pub id: i64,
    /// Their name and profession, or their email when they gave no name.
    pub who: String,
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
    /// The name and date of birth, asked (and required) until the patient has given both.
    pub profile_fields: Option<ProfileFields>,
}

impl SharingPage {
    /// Whether the name or date of birth needs fixing.
    pub fn fields_wrong(&self) -> bool {
        self.profile_fields
            .as_ref()
            .is_some_and(ProfileFields::any_error)
    }
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
    /// The name and date of birth, when the page asked for them.
    #[serde(flatten)]
    pub profile: ProfileInput,
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
    /// The profile fields as typed, with their messages, after a refused form.
    fields: Option<ProfileFields>,
}

/// The name and date of birth fields, when the patient has not given both yet: a clinician
/// tells patients apart by the two together.
async fn asked_fields(
    ctx: &Ctx,
    state: &AppState,
    viewer: &Viewer,
) -> Result<(Option<ProfileFields>, Profile, time::Date), AppError> {
    let profile = state.store.profile(viewer.id).await?;
    let today = today_for(state, viewer.id).await?;
    let complete = profile.name.is_some() && profile.birth_date.is_some();
    let fields = (!complete).then(|| ProfileFields::patient(ctx, &profile, today, Need::Required));
    Ok((fields, profile, today))
}

async fn page(
    ctx: Ctx,
    state: &AppState,
    viewer: &Viewer,
    messages: Messages,
    status: StatusCode,
) -> Result<Response, AppError> {
    let clinicians = state
        .store
        .linked_clinicians(viewer.id)
        .await?
        .into_iter()
        .map(|l| ClinicianView {
            id: l.user_id.0,
            who: clinician_label(&ctx, l.email.as_str(), &l.profile),
            since: l.since.date().to_string(),
        })
        .collect();
    let profile_fields = match messages.fields {
        Some(fields) => Some(fields),
        None => asked_fields(&ctx, state, viewer).await?.0,
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
            profile_fields,
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
        fields: None,
    };
    page(ctx, &state, &viewer, messages, StatusCode::OK).await
}

/// `POST /sharing/redeem`: links the patient to the clinician who made the code, first
/// keeping the name and date of birth when the page asked for them; a wrong, used or
/// expired code, or a missing name or date of birth, is shown again with its message (422)
/// and nothing is linked.
pub async fn redeem(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<RedeemForm>,
) -> Result<Response, AppError> {
    let typed = form.code.trim().to_owned();
    let (asked, old, today) = asked_fields(&ctx, &state, &viewer).await?;
    // Shown again, with what was typed, if anything is refused.
    let mut kept = asked;
    let profile = kept
        .as_mut()
        .and_then(|fields| fields.read(&ctx, form.profile, &old, today));
    let code = normalize_share_code(&typed);
    let code_error = if typed.is_empty() {
        Some("sharing-error-empty")
    } else if code.is_none() {
        Some("sharing-error-format")
    } else {
        None
    };
    let fields_wrong = kept.as_ref().is_some_and(ProfileFields::any_error);
    let (Some(code), false) = (code, fields_wrong) else {
        // Every message at once.
        let m = Messages {
            code: typed,
            code_error: code_error.map(|k| ctx.t(k)),
            revoke_error: None,
            notice: None,
            fields: kept,
        };
        return page(ctx, &state, &viewer, m, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let now = state.clock.now();
    if let Some(profile) = profile {
        state.store.set_profile(viewer.id, &profile, now).await?;
    }
    match state
        .store
        .redeem_share_code(viewer.id, &token_hash(&code), now)
        .await
    {
        // Only a flag in the URL: a link someone sends cannot make the page say who.
        Ok(_) => Ok(Redirect::to("/sharing?linked=1").into_response()),
        Err(backcare_storage::Error::NotFound) => {
            let m = Messages {
                code: typed,
                code_error: Some(ctx.t("sharing-error-unknown")),
                revoke_error: None,
                notice: None,
                fields: None,
            };
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
            fields: None,
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
    /// Who: the clinician's name and profession while linked, else the email the log
    /// keeps (even when their account is gone).
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
    // Named as they name themselves while linked; by the email kept in the log otherwise.
    let names: std::collections::HashMap<UserId, String> = state
        .store
        .linked_clinicians(viewer.id)
        .await?
        .into_iter()
        .map(|l| {
            (
                l.user_id,
                clinician_label(&ctx, l.email.as_str(), &l.profile),
            )
        })
        .collect();
    // In the person's own time zone (the server's until they set one).
    let offset = offset_for(&state, viewer.id).await?;
    let entries = log
        .into_iter()
        .rev()
        .map(|e| LogRow {
            what: match e.action.as_str() {
                "record" => ctx.t("sharing-log-record"),
                "note" => ctx.t("sharing-log-note"),
                "schedules" => ctx.t("sharing-log-schedules"),
                "plan" => ctx.t("sharing-log-plan"),
                "template" => ctx.t("sharing-log-template"),
                other => ctx.t_args("sharing-log-other", &[("what", other)]),
            },
            who: e
                .clinician_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or(e.clinician_email),
            when: when_in(&ctx, e.at, offset),
        })
        .collect();
    Ok(render(StatusCode::OK, &SharingLogPage { ctx, entries }))
}
