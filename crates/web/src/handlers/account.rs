//! Accounts: sign up, log in, log out, change the password, export my data, delete my
//! account.
//!
//! Forms are parsed into [`backcare_storage::Email`] and [`crate::infra::auth::Password`]; when
//! something is wrong the form is shown again (status 422) with each message next to its
//! field and the email kept (never the password). Log-in is rate limited per email with the
//! store's failed-login records: after [`MAX_FAILURES`] failures in [`FAILURE_WINDOW`],
//! every attempt gets 429 and a clear message until the window has passed. A successful
//! log-in clears the count, so earlier typos do not count against the next mistake.
//!
//! The person's data rights: `/account/export` explains what the JSON download holds and
//! links to it; `/account/delete` deletes the account and everything in it, after the
//! current password and an "I understand" box (the password guesses count towards the same
//! rate limit as log-ins, so the form cannot be used to guess a password).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use backcare_storage::{Role, UserId};
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::AppState;
use crate::infra::auth::{self, Password, Viewer};
use crate::infra::pages::{Ctx, MessagePage, Next, redirect_with_cookie, render, safe_next};

/// Failed log-ins allowed per email within [`FAILURE_WINDOW`].
pub const MAX_FAILURES: u64 = 5;
/// The rate-limit window.
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);

/// Messages (already translated) to show next to fields, and above the form.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors {
    /// About the whole form (e.g. "email or password is not right").
    pub form: Option<String>,
    /// Next to the email field.
    pub email: Option<String>,
    /// Next to the (new) password field.
    pub password: Option<String>,
    /// Next to the current-password field.
    pub current: Option<String>,
    /// Next to the "I understand" box (deleting the account).
    pub understand: Option<String>,
}

impl FieldErrors {
    /// Whether there is any message.
    pub fn any(&self) -> bool {
        self.form.is_some()
            || self.email.is_some()
            || self.password.is_some()
            || self.current.is_some()
            || self.understand.is_some()
    }
}

/// The sign-up page.
#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    /// The page context.
    pub ctx: Ctx,
    /// The email typed so far.
    pub email: String,
    /// What to fix.
    pub errors: FieldErrors,
}

/// The log-in page.
#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    /// The page context.
    pub ctx: Ctx,
    /// The email typed so far.
    pub email: String,
    /// Where to go after logging in.
    pub next: String,
    /// What to fix.
    pub errors: FieldErrors,
}

/// The account page.
#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    /// The page context.
    pub ctx: Ctx,
    /// Whether the password was just changed.
    pub changed: bool,
    /// What to fix in the password form.
    pub errors: FieldErrors,
}

/// The sign-up form's fields.
#[derive(Debug, Deserialize)]
pub struct SignupForm {
    email: String,
    password: String,
}

/// The log-in form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// The password-change form's fields.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
}

/// `GET /signup`.
pub async fn signup_form(ctx: Ctx) -> Response {
    let page = SignupPage {
        ctx,
        email: String::new(),
        errors: FieldErrors::default(),
    };
    render(StatusCode::OK, &page)
}

/// `POST /signup`: creates a patient account and logs it in.
pub async fn signup(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<SignupForm>,
) -> Response {
    let mut errors = FieldErrors::default();
    let email = auth::parse_email(&form.email).map_err(|key| errors.email = Some(ctx.t(key)));
    let password =
        Password::parse(&form.password).map_err(|e| errors.password = Some(ctx.t(e.message_key())));
    let (Ok(email), Ok(password)) = (email, password) else {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SignupPage {
                ctx,
                email: form.email,
                errors,
            },
        );
    };
    let hash = match auth::hash_password_async(password).await {
        Ok(h) => h,
        Err(e) => {
            tracing::error!(error = %e, "password hashing failed");
            return ctx.failure_page();
        }
    };
    let now = OffsetDateTime::now_utc();
    let user = match state
        .store
        .create_user(&email, &hash, Role::Patient, now)
        .await
    {
        Ok(user) => user,
        Err(backcare_storage::Error::Conflict(_)) => {
            errors.email = Some(ctx.t("error-email-taken"));
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SignupPage {
                    ctx,
                    email: form.email,
                    errors,
                },
            );
        }
        Err(e) => return ctx.internal_error(&e),
    };
    tracing::info!(user = %user.id, "account created");
    match auth::start_session(&state, user.id, now).await {
        Ok(cookie) => redirect_with_cookie("/dashboard", cookie),
        Err(e) => ctx.internal_error(&e),
    }
}

/// `GET /login[?next=/path]`.
pub async fn login_form(ctx: Ctx, Query(next): Query<Next>) -> Response {
    let page = LoginPage {
        ctx,
        email: String::new(),
        next: safe_next(next.next.as_deref(), "").to_owned(),
        errors: FieldErrors::default(),
    };
    render(StatusCode::OK, &page)
}

/// `POST /login`: checks the rate limit, then the password; starts a session.
pub async fn login(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<LoginForm>,
) -> Response {
    let now = OffsetDateTime::now_utc();
    let next = safe_next(Some(&form.next), "").to_owned();
    let mut errors = FieldErrors::default();
    let again = |ctx: Ctx, status, errors| {
        render(
            status,
            &LoginPage {
                ctx,
                email: form.email.clone(),
                next: next.clone(),
                errors,
            },
        )
    };
    let email = match auth::parse_email(&form.email) {
        Ok(email) => email,
        Err(key) => {
            errors.email = Some(ctx.t(key));
            return again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors);
        }
    };
    if form.password.is_empty() {
        errors.password = Some(ctx.t("error-password-empty"));
        return again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    match state
        .store
        .failed_logins_since(&email, now - FAILURE_WINDOW)
        .await
    {
        Ok(n) if n >= MAX_FAILURES => {
            tracing::warn!("log-in refused: too many failures for one email");
            errors.form = Some(ctx.t("login-too-many"));
            return again(ctx, StatusCode::TOO_MANY_REQUESTS, errors);
        }
        Ok(_) => {}
        Err(e) => return ctx.internal_error(&e),
    }
    let user = match state.store.user_by_email(&email).await {
        Ok(user) => Some(user),
        Err(backcare_storage::Error::NotFound) => None,
        Err(e) => return ctx.internal_error(&e),
    };
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let user = match user {
        Some(user) if auth::verify_password_async(form.password.clone(), hash).await => user,
        _ => {
            if user.is_none() {
                // Same work as a wrong password, so timing does not reveal accounts.
                auth::verify_password_async(form.password.clone(), None).await;
            }
            if let Err(e) = state.store.record_failed_login(&email, now).await {
                return ctx.internal_error(&e);
            }
            errors.form = Some(ctx.t("login-failed"));
            return again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors);
        }
    };
    let home = match user.role {
        Role::Patient => "/dashboard",
        Role::Clinician => "/clinician",
    };
    // A clean slate: the mistakes before this success no longer count towards the limit.
    if let Err(e) = state.store.clear_failed_logins(&email).await {
        return ctx.internal_error(&e);
    }
    match auth::start_session(&state, user.id, now).await {
        Ok(cookie) => redirect_with_cookie(safe_next(Some(&next), home), cookie),
        Err(e) => ctx.internal_error(&e),
    }
}

/// `POST /logout`: ends this session and deletes the cookie.
pub async fn logout(ctx: Ctx, viewer: Viewer, State(state): State<AppState>) -> Response {
    if let Err(e) = state.store.delete_session(viewer.session()).await {
        return ctx.internal_error(&e);
    }
    redirect_with_cookie("/", auth::end_session_cookie(state.secure_cookies))
}

/// The `changed` flag shown after a password change.
#[derive(Debug, Deserialize)]
pub struct Changed {
    #[serde(default)]
    changed: Option<String>,
}

/// `GET /account`.
pub async fn account_page(ctx: Ctx, Query(q): Query<Changed>) -> Response {
    let page = AccountPage {
        ctx,
        changed: q.changed.is_some(),
        errors: FieldErrors::default(),
    };
    render(StatusCode::OK, &page)
}

/// `POST /account/password`: checks the current password, sets the new one, logs out every
/// other session and starts a fresh one here.
pub async fn change_password(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<PasswordForm>,
) -> Response {
    let now = OffsetDateTime::now_utc();
    let mut errors = FieldErrors::default();
    let again = |ctx: Ctx, status, errors| {
        render(
            status,
            &AccountPage {
                ctx,
                changed: false,
                errors,
            },
        )
    };
    match recheck_password(&state, &viewer, form.current.clone(), now).await {
        Ok(Recheck::Right) => {}
        Ok(Recheck::Wrong) => errors.current = Some(ctx.t("account-current-wrong")),
        Ok(Recheck::TooMany) => {
            errors.form = Some(ctx.t("login-too-many"));
            return again(ctx, StatusCode::TOO_MANY_REQUESTS, errors);
        }
        Err(e) => return ctx.internal_error(&e),
    }
    let new = Password::parse(&form.new);
    if let Err(e) = &new {
        errors.password = Some(ctx.t(e.message_key()));
    }
    let (Ok(new), false) = (new, errors.any()) else {
        return again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors);
    };
    let hash = match auth::hash_password_async(new).await {
        Ok(h) => h,
        Err(e) => {
            tracing::error!(error = %e, "password hashing failed");
            return ctx.failure_page();
        }
    };
    let result = async {
        state.store.set_password_hash(viewer.id, &hash).await?;
        state.store.delete_user_sessions(viewer.id).await?;
        auth::start_session(&state, viewer.id, now).await
    }
    .await;
    match result {
        Ok(cookie) => {
            tracing::info!(user = %viewer.id, "password changed");
            redirect_with_cookie("/account?changed=1", cookie)
        }
        Err(e) => ctx.internal_error(&e),
    }
}

/// What a signed-in user's re-typed password turned out to be.
enum Recheck {
    /// Their password.
    Right,
    /// Not their password (counted as a failed log-in).
    Wrong,
    /// Not checked: too many failures lately.
    TooMany,
}

/// Checks the password a signed-in user typed again to confirm a change. A wrong one
/// counts as a failed log-in, and after [`MAX_FAILURES`] within [`FAILURE_WINDOW`] nothing
/// is checked, so these forms cannot be used to guess a password any faster than the
/// log-in form.
async fn recheck_password(
    state: &AppState,
    viewer: &Viewer,
    typed: String,
    now: OffsetDateTime,
) -> Result<Recheck, backcare_storage::Error> {
    let failures = state
        .store
        .failed_logins_since(&viewer.email, now - FAILURE_WINDOW)
        .await?;
    if failures >= MAX_FAILURES {
        return Ok(Recheck::TooMany);
    }
    let user = state.store.user(viewer.id).await?;
    if auth::verify_password_async(typed, Some(user.password_hash)).await {
        Ok(Recheck::Right)
    } else {
        state.store.record_failed_login(&viewer.email, now).await?;
        Ok(Recheck::Wrong)
    }
}

/// The download's file name, with the day it was made: `backcare-export-YYYY-MM-DD.json`.
pub fn export_file_name(today: time::Date) -> String {
    format!("backcare-export-{today}.json")
}

/// `GET /api/users/{user}/export`: everything stored about the user, as a JSON download.
pub async fn export(State(state): State<AppState>, Path(user): Path<i64>) -> Response {
    let disposition = format!(
        "attachment; filename=\"{}\"",
        export_file_name(OffsetDateTime::now_utc().date())
    );
    match state.store.export_user(UserId(user)).await {
        Ok(export) => (
            [
                (header::CONTENT_TYPE, "application/json".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            serde_json::to_string_pretty(&export).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => {
            crate::infra::pages::log_failure(&e);
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response()
        }
    }
}

/// The export page: what the download holds, and the link to it.
#[derive(Template)]
#[template(path = "export.html")]
pub struct ExportPage {
    /// The page context.
    pub ctx: Ctx,
    /// The JSON download's URL (the signed-in user's own).
    pub href: String,
    /// Whether the user is a clinician (their file also lists the records they opened).
    pub clinician: bool,
}

/// `GET /account/export`.
pub async fn export_page(ctx: Ctx, viewer: Viewer) -> Response {
    let page = ExportPage {
        ctx,
        href: format!("/api/users/{}/export", viewer.id),
        clinician: viewer.role == Role::Clinician,
    };
    render(StatusCode::OK, &page)
}

/// The delete-account page: what goes, that it cannot be undone, and the form.
#[derive(Template)]
#[template(path = "delete.html")]
pub struct DeletePage {
    /// The page context.
    pub ctx: Ctx,
    /// Whether the user is a clinician (what is kept differs).
    pub clinician: bool,
    /// What to fix.
    pub errors: FieldErrors,
}

/// The delete-account form's fields. Missing fields are empty, so that an empty form gets
/// the same messages next to its fields as a wrong one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeleteForm {
    password: String,
    understand: String,
}

/// `GET /account/delete`.
pub async fn delete_form(ctx: Ctx, viewer: Viewer) -> Response {
    let page = DeletePage {
        ctx,
        clinician: viewer.role == Role::Clinician,
        errors: FieldErrors::default(),
    };
    render(StatusCode::OK, &page)
}

/// `POST /account/delete`: checks the rate limit, the password and the box; then deletes
/// the account and all its data, ends the session and says goodbye.
pub async fn delete_account(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<DeleteForm>,
) -> Response {
    let now = OffsetDateTime::now_utc();
    let clinician = viewer.role == Role::Clinician;
    let mut errors = FieldErrors::default();
    let again = |ctx: Ctx, status, errors| {
        render(
            status,
            &DeletePage {
                ctx,
                clinician,
                errors,
            },
        )
    };
    if form.understand != "yes" {
        errors.understand = Some(ctx.t("delete-error-understand"));
    }
    if form.password.is_empty() {
        errors.current = Some(ctx.t("error-password-empty"));
    } else {
        match recheck_password(&state, &viewer, form.password.clone(), now).await {
            Ok(Recheck::Right) => {}
            Ok(Recheck::Wrong) => errors.current = Some(ctx.t("account-current-wrong")),
            Ok(Recheck::TooMany) => {
                errors.form = Some(ctx.t("login-too-many"));
                return again(ctx, StatusCode::TOO_MANY_REQUESTS, errors);
            }
            Err(e) => return ctx.internal_error(&e),
        }
    }
    if errors.any() {
        return again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors);
    }
    // The store removes the sessions, the failed logins and every record in one
    // transaction; a clinician's looks stay in their patients' access logs (by email).
    if let Err(e) = state.store.delete_user(viewer.id).await {
        return ctx.internal_error(&e);
    }
    tracing::info!(user = %viewer.id, "account deleted");
    redirect_with_cookie(
        "/account/deleted",
        auth::end_session_cookie(state.secure_cookies),
    )
}

/// `GET /account/deleted`: the goodbye page, shown signed out (its own request, after the
/// session cookie was deleted).
pub async fn deleted_page(ctx: Ctx) -> Response {
    let page = MessagePage {
        title: ctx.t("deleted-title"),
        text: ctx.t("deleted-text"),
        ctx,
    };
    render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_file_is_named_after_its_day() {
        let day = time::Date::from_calendar_date(2026, time::Month::March, 5).unwrap();
        assert_eq!(export_file_name(day), "backcare-export-2026-03-05.json");
    }
}
