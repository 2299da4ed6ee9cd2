//! The pages that emailed links lead to, and the forms that send them: "forgot password"
//! (`/password/forgot`), choosing a new password (`/password/reset?token=...`), confirming an
//! email (`/verify-email?token=...`) and the "check your email" page after sign-up
//! (`/signup/sent`).
//!
//! - The forgot-password form answers the same whether or not an account uses the email
//!   (and whether or not the letter could be sent), so it cannot be used to learn who has
//!   an account. At most [`mail::MAX_RESETS_PER_HOUR`] letters go to one account per hour.
//! - A reset link works once, for [`mail::RESET_LIFETIME`] from the app's clock. Opening it
//!   only shows the form; saving the new password uses the token up, sets the password and
//!   ends every session of the account in one transaction, then the owner gets a notice.
//! - When mail is off ([`crate::AppState::mailer`] is `None`), the forgot page says that a
//!   clinic administrator can set a new password with `backcare user reset-password`.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::MailPurpose;
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::{self, Password, token_hash};
use crate::infra::error::AppError;
use crate::infra::limits;
use crate::infra::mail::{self, Letter};
use crate::infra::pages::{Ctx, LinkPage, render};

/// Messages (translated) above the form and next to its field.
#[derive(Debug, Default)]
pub struct Errors {
    /// About the whole form.
    pub form: Option<String>,
    /// Next to the email field.
    pub email: Option<String>,
    /// Next to the password field.
    pub password: Option<String>,
}

impl Errors {
    /// Whether there is any message.
    pub fn any(&self) -> bool {
        self.form.is_some() || self.email.is_some() || self.password.is_some()
    }
}

/// The forgot-password page: the form, the "check your email" answer, or (mail off) how
/// to get help.
#[derive(Template)]
#[template(path = "password_forgot.html")]
pub struct ForgotPage {
    /// The page context.
    pub ctx: Ctx,
    /// Whether the server can send emails.
    pub mail: bool,
    /// Whether the form was just sent.
    pub sent: bool,
    /// The email typed so far.
    pub email: String,
    /// What to fix.
    pub errors: Errors,
}

/// The new-password form.
#[derive(Template)]
#[template(path = "password_reset.html")]
pub struct ResetPage {
    /// The page context.
    pub ctx: Ctx,
    /// The link's token, sent back with the form.
    pub token: String,
    /// What to fix.
    pub errors: Errors,
}

/// `GET /password/forgot`.
pub async fn forgot_form(ctx: Ctx, State(state): State<AppState>) -> Response {
    let page = ForgotPage {
        ctx,
        mail: state.mailer.is_some(),
        sent: false,
        email: String::new(),
        errors: Errors::default(),
    };
    render(StatusCode::OK, &page)
}

/// The forgot-password form's field.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

/// `POST /password/forgot`: emails a reset link if an account uses the email; the same
/// answer either way.
pub async fn forgot(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let mail = state.mailer.is_some();
    let email = match auth::parse_email(&form.email) {
        Ok(email) if mail => email,
        parsed => {
            let errors = Errors {
                email: parsed.err().map(|key| ctx.t(key)),
                ..Errors::default()
            };
            let status = if errors.any() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::OK
            };
            let page = ForgotPage {
                ctx,
                mail,
                sent: false,
                email: form.email,
                errors,
            };
            return Ok(render(status, &page));
        }
    };
    let now = state.clock.now();
    match state.store.user_by_email(&email).await {
        Ok(user) => {
            let recent = state
                .store
                .mail_tokens_since(user.id, MailPurpose::Reset, now - time::Duration::hours(1))
                .await?;
            if recent < mail::MAX_RESETS_PER_HOUR {
                let link =
                    mail::issue_link(&state, user.id, &email, MailPurpose::Reset, now).await?;
                mail::notify(&state, user.id, &email, ctx.lang, Letter::Reset { link }).await?;
            } else {
                tracing::warn!(user = %user.id, "reset email not sent: too many this hour");
            }
        }
        Err(backcare_storage::Error::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let page = ForgotPage {
        ctx,
        mail,
        sent: true,
        email: String::new(),
        errors: Errors::default(),
    };
    Ok(render(StatusCode::OK, &page))
}

/// The `token` of a link.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    token: String,
}

/// A token as it arrives in a link or form: 64 hex digits, else nothing to look up.
fn token(raw: &str) -> Option<backcare_storage::TokenHash> {
    (raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit())).then(|| token_hash(raw))
}

/// The page for a reset link that does not work (any more): 200 when opened, 422 when the
/// form is sent with it.
fn bad_reset_link(ctx: Ctx, status: StatusCode) -> Response {
    LinkPage::render(
        ctx,
        status,
        [
            "password-link-bad-title",
            "password-link-bad-text",
            "password-link-again",
        ],
        "/password/forgot",
    )
}

/// `GET /password/reset?token=...`: the new-password form, if the link still works.
pub async fn reset_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let Some(hash) = token(&q.token) else {
        return Ok(bad_reset_link(ctx, StatusCode::OK));
    };
    match state
        .store
        .mail_token_user(&hash, MailPurpose::Reset, state.clock.now())
        .await
    {
        Ok(_) => {}
        Err(backcare_storage::Error::NotFound) => return Ok(bad_reset_link(ctx, StatusCode::OK)),
        Err(e) => return Err(e.into()),
    }
    let page = ResetPage {
        ctx,
        token: q.token,
        errors: Errors::default(),
    };
    Ok(render(StatusCode::OK, &page))
}

/// The new-password form's fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
}

/// `POST /password/reset`: uses the link's token, sets the new password, ends every session
/// of the account and tells its owner by email.
pub async fn reset(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let Some(hash) = token(&form.token) else {
        return Ok(bad_reset_link(ctx, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let password = match Password::parse(&form.password) {
        Ok(p) => p,
        Err(e) => {
            let errors = Errors {
                password: Some(ctx.t(e.message_key())),
                ..Errors::default()
            };
            let page = ResetPage {
                ctx,
                token: form.token,
                errors,
            };
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    // The same bound on hashing as every other form: a flood of resets cannot take the
    // server's memory either.
    let Ok(ticket) = state.hashing.admit() else {
        let errors = Errors {
            password: Some(ctx.t("server-busy")),
            ..Errors::default()
        };
        let page = ResetPage {
            ctx,
            token: form.token,
            errors,
        };
        return Ok(limits::with_retry_after(
            render(StatusCode::TOO_MANY_REQUESTS, &page),
            limits::BUSY_RETRY,
        ));
    };
    let new_hash = ticket
        .hash(password)
        .await
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))?;
    let now = state.clock.now();
    let user = match state
        .store
        .reset_password_with_token(&hash, &new_hash, now)
        .await
    {
        Ok(user) => user,
        Err(backcare_storage::Error::NotFound) => {
            return Ok(bad_reset_link(ctx, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(user = %user.id, "password reset with an emailed link");
    mail::notify(
        &state,
        user.id,
        &user.email,
        ctx.lang,
        Letter::PasswordChanged,
    )
    .await?;
    // The browser may hold a session of this account: it was ended with the others.
    Ok(Redirect::to("/password/reset/done").into_response())
}

/// `GET /password/reset/done`.
pub async fn reset_done(ctx: Ctx) -> Response {
    LinkPage::render(
        ctx,
        StatusCode::OK,
        [
            "password-reset-done-title",
            "password-reset-done-text",
            "login-title",
        ],
        "/login",
    )
}

/// `GET /verify-email?token=...`: confirms the account's email.
pub async fn verify_email(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let used = match token(&q.token) {
        Some(hash) => {
            state
                .store
                .verify_email_with_token(&hash, state.clock.now())
                .await
        }
        None => Err(backcare_storage::Error::NotFound),
    };
    Ok(match used {
        Ok(user) => {
            tracing::info!(user = %user, "email verified");
            LinkPage::render(
                ctx,
                StatusCode::OK,
                ["verify-done-title", "verify-done-text", "login-title"],
                "/login",
            )
        }
        Err(backcare_storage::Error::NotFound) => LinkPage::render(
            ctx,
            StatusCode::OK,
            ["password-link-bad-title", "verify-bad-text", "login-title"],
            "/login",
        ),
        Err(e) => return Err(e.into()),
    })
}

/// `GET /signup/sent`: the one answer to every sign-up when mail is on.
pub async fn signup_sent(ctx: Ctx) -> Response {
    LinkPage::render(
        ctx,
        StatusCode::OK,
        ["signup-sent-title", "signup-sent-text", "login-title"],
        "/login",
    )
}
