//! A person's details (issue 15, who is who): a patient's name and date of birth, which the
//! clinicians they share with see beside their email, and a clinician's name and
//! profession, which their patients see.
//!
//! - `GET /account/details`: the form, filled with what the person has said.
//! - `POST /account/details`: saves it (an empty field clears that part); a bad field is
//!   shown again with its message (422) and nothing is saved.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::Role;
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::today_for;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::model::people::{Need, ProfileFields, ProfileInput};

/// The details page.
#[derive(Template)]
#[template(path = "details.html")]
pub struct DetailsPage {
    /// The page context.
    pub ctx: Ctx,
    /// What the page says the details are for.
    pub lead: String,
    /// "Saved", after a change.
    pub notice: Option<String>,
    /// The fields.
    pub profile_fields: ProfileFields,
}

/// `?saved=1` after a change.
#[derive(Debug, Default, Deserialize)]
pub struct Saved {
    /// Set after the details were saved.
    pub saved: Option<String>,
}

async fn fields(
    ctx: &Ctx,
    state: &AppState,
    viewer: &Viewer,
) -> Result<(ProfileFields, backcare_storage::Profile, time::Date), AppError> {
    let profile = state.store.profile(viewer.id).await?;
    let today = today_for(state, viewer.id).await?;
    let fields = match viewer.role {
        Role::Patient => ProfileFields::patient(ctx, &profile, today, Need::Optional),
        Role::Clinician => ProfileFields::clinician(ctx, &profile),
    };
    Ok((fields, profile, today))
}

fn page(ctx: Ctx, viewer: &Viewer, notice: Option<String>, fields: ProfileFields) -> DetailsPage {
    let lead = ctx.t(match viewer.role {
        Role::Patient => "details-lead-patient",
        Role::Clinician => "details-lead-clinician",
    });
    DetailsPage {
        ctx,
        lead,
        notice,
        profile_fields: fields,
    }
}

/// `GET /account/details`: the form.
pub async fn details_form(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Query(saved): Query<Saved>,
) -> Result<Response, AppError> {
    let (fields, _, _) = fields(&ctx, &state, &viewer).await?;
    let notice = saved.saved.is_some().then(|| ctx.t("details-saved"));
    Ok(render(StatusCode::OK, &page(ctx, &viewer, notice, fields)))
}

/// `POST /account/details`: saves the details, or shows the form again with what to fix.
pub async fn save_details(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(input): Form<ProfileInput>,
) -> Result<Response, AppError> {
    let (mut fields, old, today) = fields(&ctx, &state, &viewer).await?;
    match fields.read(&ctx, input, &old, today) {
        Some(profile) => {
            state
                .store
                .set_profile(viewer.id, &profile, state.clock.now())
                .await?;
            Ok(Redirect::to("/account/details?saved=1").into_response())
        }
        None => Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(ctx, &viewer, None, fields),
        )),
    }
}
