//! Accounts: sign up, log in, log out, change the password, export my data.
//!
//! Forms are parsed into [`backcare_storage::Email`] and [`crate::auth::Password`]; when
//! something is wrong the form is shown again (status 422) with each message next to its
//! field and the email kept (never the password). Log-in is rate limited per email with the
//! store's failed-login records: after [`MAX_FAILURES`] failures in [`FAILURE_WINDOW`],
//! every attempt gets 429 and a clear message until the window has passed.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use backcare_storage::{Role, UserId};
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::AppState;
use crate::auth::{self, Password, Viewer};
use crate::pages::{Ctx, Next, redirect_with_cookie, render, safe_next};

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
}

impl FieldErrors {
    /// Whether there is any message.
    pub fn any(&self) -> bool {
        self.form.is_some()
            || self.email.is_some()
            || self.password.is_some()
            || self.current.is_some()
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
    match state
        .store
        .failed_logins_since(&viewer.email, now - FAILURE_WINDOW)
        .await
    {
        Ok(n) if n >= MAX_FAILURES => {
            errors.form = Some(ctx.t("login-too-many"));
            return again(ctx, StatusCode::TOO_MANY_REQUESTS, errors);
        }
        Ok(_) => {}
        Err(e) => return ctx.internal_error(&e),
    }
    let user = match state.store.user(viewer.id).await {
        Ok(user) => user,
        Err(e) => return ctx.internal_error(&e),
    };
    let new = Password::parse(&form.new);
    if !auth::verify_password_async(form.current.clone(), Some(user.password_hash)).await {
        if let Err(e) = state.store.record_failed_login(&viewer.email, now).await {
            return ctx.internal_error(&e);
        }
        errors.current = Some(ctx.t("account-current-wrong"));
    }
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

/// `GET /api/users/{user}/export`: everything stored about the user, as a JSON download.
pub async fn export(State(state): State<AppState>, Path(user): Path<i64>) -> Response {
    match state.store.export_user(UserId(user)).await {
        Ok(export) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"backcare-export.json\"",
                ),
            ],
            serde_json::to_string_pretty(&export).unwrap_or_default(),
        )
            .into_response(),
        Err(e) => {
            crate::pages::log_failure(&e);
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response()
        }
    }
}
