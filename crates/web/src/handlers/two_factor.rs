//! Two-factor sign-in pages (the rules are in [`crate::infra::two_factor`]):
//!
//! - `/login/two-factor`: the second step of a sign-in whose password was right. The code
//!   from the app or a recovery code; for a clinician who has no second factor yet, the
//!   set-up (QR code, the secret as text, the first code) comes first, and the recovery
//!   codes are shown once when it is done. Only then does a session start.
//! - `/account/two-factor`: what is on, how many recovery codes are left; patients turn it
//!   on (the same set-up) or off (with a code). Clinicians cannot turn it off.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::{Email, Role, TwoFactor, UserId};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::AppState;
use crate::infra::auth::{self, Viewer};
use crate::infra::error::AppError;
use crate::infra::mail;
use crate::infra::next::Next;
use crate::infra::pages::{Ctx, LinkPage, render};
use crate::infra::two_factor::{self as tf, MAX_CODE_FAILURES};

/// What a person needs to add this account to an authenticator app.
pub struct Setup {
    /// The QR code of the `otpauth://` link, an inline SVG element.
    pub svg: String,
    /// The secret in groups of four, to type by hand.
    pub secret: String,
}

impl Setup {
    fn new(secret: &str, email: &Email) -> Result<Self, AppError> {
        let url = tf::otpauth_url(secret, email)
            .ok_or_else(|| AppError::Internal("a stored two-factor secret is not valid".into()))?;
        let svg = tf::qr_svg(&url)
            .ok_or_else(|| AppError::Internal("the QR code could not be drawn".into()))?;
        Ok(Self {
            svg,
            secret: tf::grouped(secret),
        })
    }
}

/// The second step of a sign-in (with the set-up first when it is not done yet).
#[derive(Template)]
#[template(path = "two_factor_login.html")]
pub struct LoginStepPage {
    /// The page context.
    pub ctx: Ctx,
    /// The set-up, for an account that has no second factor yet.
    pub setup: Option<Setup>,
    /// What was wrong with the code typed (translated).
    pub error: Option<String>,
}

/// The recovery codes, shown once, right after set-up.
#[derive(Template)]
#[template(path = "two_factor_codes.html")]
pub struct CodesPage {
    /// The page context.
    pub ctx: Ctx,
    /// The codes as the person should write them down.
    pub codes: Vec<String>,
    /// Where "Continue" goes.
    pub next: String,
}

/// The account's two-factor page.
#[derive(Template)]
#[template(path = "two_factor_account.html")]
pub struct AccountPage {
    /// The page context.
    pub ctx: Ctx,
    /// Whether two-factor sign-in is on.
    pub on: bool,
    /// Whether this account must keep it on (clinicians).
    pub required: bool,
    /// Unused recovery codes.
    pub codes_left: u64,
    /// The set-up in progress, if any.
    pub setup: Option<Setup>,
    /// What was wrong with the code typed (translated).
    pub error: Option<String>,
    /// It was just turned off.
    pub turned_off: bool,
}

/// A code typed on any of these pages, and (account page) what to do with it.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    /// A 6-digit code from the app, or a recovery code.
    #[serde(default)]
    pub code: String,
    /// Account page only: `start`, `confirm` or `off`.
    #[serde(default)]
    pub action: String,
}

/// Where the two-factor set-up of `user` stands: `Ok(None)` when it is on (confirmed),
/// else the set-up to show, starting one (a new secret) if none was in progress.
async fn setup_in_progress(
    state: &AppState,
    user: UserId,
    now: OffsetDateTime,
) -> Result<Option<Setup>, AppError> {
    let secret = match state.store.two_factor(user).await? {
        Some(TwoFactor {
            confirmed_at: Some(_),
            ..
        }) => return Ok(None),
        Some(pending) => pending.secret,
        None => {
            let secret = tf::new_secret();
            state.store.start_two_factor(user, &secret, now).await?;
            secret
        }
    };
    let email = state.store.user(user).await?.email;
    Setup::new(&secret, &email).map(Some)
}

/// What a typed code did.
enum Checked {
    /// Right, and two-factor sign-in was already on.
    Right,
    /// Right, and it finished the set-up: these are the new recovery codes.
    SetUp(Vec<String>),
    /// Wrong, used before, or not a code.
    Wrong,
}

/// Checks `typed` for `user`: against the confirmed secret (a code, once) or a recovery
/// code (once), or, while set-up is in progress, against the new secret, which finishes it.
async fn check_code(
    state: &AppState,
    user: UserId,
    typed: &str,
    now: OffsetDateTime,
) -> Result<Checked, AppError> {
    let Some(factor) = state.store.two_factor(user).await? else {
        return Ok(Checked::Wrong);
    };
    if factor.confirmed_at.is_none() {
        let Some(step) = tf::matching_step(&factor.secret, typed, now) else {
            return Ok(Checked::Wrong);
        };
        let codes = tf::new_recovery_codes();
        let hashes: Vec<_> = codes.iter().filter_map(|c| tf::recovery_hash(c)).collect();
        return match state
            .store
            .confirm_two_factor(user, step, &hashes, now)
            .await
        {
            Ok(()) => Ok(Checked::SetUp(codes)),
            // Another request finished the set-up first.
            Err(backcare_storage::Error::NotFound) => Ok(Checked::Wrong),
            Err(e) => Err(e.into()),
        };
    }
    let right = if tf::looks_like_code(typed) {
        match tf::matching_step(&factor.secret, typed, now) {
            Some(step) => state.store.use_code_step(user, step).await?,
            None => false,
        }
    } else {
        match tf::recovery_hash(typed) {
            Some(hash) => {
                let used = state.store.use_recovery_code(user, &hash).await?;
                if used {
                    tracing::info!(user = %user, "recovery code used");
                }
                used
            }
            None => false,
        }
    };
    Ok(if right {
        Checked::Right
    } else {
        Checked::Wrong
    })
}

/// The message for a wrong code.
fn wrong_code(ctx: &Ctx) -> Option<String> {
    Some(ctx.t("two-factor-wrong-code"))
}

fn with_cookies(
    mut response: Response,
    cookies: impl IntoIterator<Item = HeaderValue>,
) -> Response {
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// There is no half-done sign-in (never started, expired, or finished): a page that says
/// so, with the way back to the log-in form, and the stale cookie deleted.
fn start_again(ctx: Ctx, state: &AppState, status: StatusCode) -> Response {
    let page = LinkPage::render(
        ctx,
        status,
        [
            "two-factor-too-many-title",
            "two-factor-expired-text",
            "two-factor-start-again",
        ],
        "/login",
    );
    with_cookies(page, [tf::end_challenge_cookie(state.secure_cookies)])
}

/// `GET /login/two-factor`: the code form, or the set-up first.
pub async fn login_step_form(
    ctx: Ctx,
    State(state): State<AppState>,
    parts: Parts,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let Some(token) = tf::challenge_token(&parts, state.secure_cookies) else {
        return Ok(start_again(ctx, &state, StatusCode::OK));
    };
    let challenge = match state.store.login_challenge(&token, now).await {
        Ok(c) => c,
        Err(backcare_storage::Error::NotFound) => {
            return Ok(start_again(ctx, &state, StatusCode::OK));
        }
        Err(e) => return Err(e.into()),
    };
    let setup = setup_in_progress(&state, challenge.user, now).await?;
    Ok(render(
        StatusCode::OK,
        &LoginStepPage {
            ctx,
            setup,
            error: None,
        },
    ))
}

/// `POST /login/two-factor`: checks the code; right, the session starts (after set-up,
/// with the recovery codes shown once); wrong, the form again, and after
/// [`MAX_CODE_FAILURES`] the sign-in starts again from the password.
pub async fn login_step(
    ctx: Ctx,
    State(state): State<AppState>,
    parts: Parts,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let secure = state.secure_cookies;
    let gone = StatusCode::UNPROCESSABLE_ENTITY;
    let Some(token) = tf::challenge_token(&parts, secure) else {
        return Ok(start_again(ctx, &state, gone));
    };
    let challenge = match state.store.login_challenge(&token, now).await {
        Ok(c) => c,
        Err(backcare_storage::Error::NotFound) => return Ok(start_again(ctx, &state, gone)),
        Err(e) => return Err(e.into()),
    };
    let checked = check_code(&state, challenge.user, &form.code, now).await?;
    if let Checked::Wrong = checked {
        let failures = match state
            .store
            .fail_login_challenge(&token, MAX_CODE_FAILURES)
            .await
        {
            Ok(n) => n,
            Err(backcare_storage::Error::NotFound) => return Ok(start_again(ctx, &state, gone)),
            Err(e) => return Err(e.into()),
        };
        tracing::info!(user = %challenge.user, failures, "wrong two-factor code");
        if failures >= MAX_CODE_FAILURES {
            let page = LinkPage::render(
                ctx,
                gone,
                [
                    "two-factor-too-many-title",
                    "two-factor-too-many-text",
                    "two-factor-start-again",
                ],
                "/login",
            );
            return Ok(with_cookies(page, [tf::end_challenge_cookie(secure)]));
        }
        let setup = setup_in_progress(&state, challenge.user, now).await?;
        let error = wrong_code(&ctx);
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &LoginStepPage { ctx, setup, error },
        ));
    }
    // Of two requests finishing one sign-in, only one starts a session.
    if !state.store.end_login_challenge(&token).await? {
        return Ok(start_again(ctx, &state, gone));
    }
    tracing::info!(user = %challenge.user, "signed in with two factors");
    let session = auth::start_session(&state, challenge.user, now).await?;
    let cookies = [session, tf::end_challenge_cookie(secure)];
    let next = Next::parse(&challenge.next).or("/").to_owned();
    Ok(match checked {
        Checked::SetUp(codes) => with_cookies(
            render(StatusCode::OK, &CodesPage { ctx, codes, next }),
            cookies,
        ),
        _ => with_cookies(Redirect::to(&next).into_response(), cookies),
    })
}

async fn account_page_for(
    ctx: Ctx,
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    error: Option<String>,
    turned_off: bool,
) -> Result<Response, AppError> {
    let factor = state.store.two_factor(viewer.id).await?;
    let on = factor.as_ref().is_some_and(|f| f.confirmed_at.is_some());
    let setup = match factor {
        Some(f) if f.confirmed_at.is_none() => Some(Setup::new(&f.secret, &viewer.email)?),
        _ => None,
    };
    let codes_left = state.store.recovery_codes_left(viewer.id).await?;
    Ok(render(
        status,
        &AccountPage {
            ctx,
            on,
            required: viewer.role == Role::Clinician,
            codes_left,
            setup,
            error,
            turned_off,
        },
    ))
}

/// `GET /account/two-factor`.
pub async fn account_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    account_page_for(ctx, &state, &viewer, StatusCode::OK, None, false).await
}

/// `POST /account/two-factor`: `start` a set-up, `confirm` it with the first code, or
/// turn it `off` (patients, with a code).
pub async fn account_change(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let back = || Ok(Redirect::to("/account/two-factor").into_response());
    match form.action.as_str() {
        "start" => {
            match state
                .store
                .start_two_factor(viewer.id, &tf::new_secret(), now)
                .await
            {
                // Already on: the page says so.
                Ok(()) | Err(backcare_storage::Error::Conflict(_)) => back(),
                Err(e) => Err(e.into()),
            }
        }
        "confirm" | "off" => {
            let confirming = form.action == "confirm";
            let factor = state.store.two_factor(viewer.id).await?;
            let on = factor.as_ref().is_some_and(|f| f.confirmed_at.is_some());
            if confirming == on || factor.is_none() {
                // Nothing to confirm, or nothing to turn off: the page shows where it stands.
                return back();
            }
            if !confirming && viewer.role == Role::Clinician {
                return Ok(ctx.message_page(
                    StatusCode::FORBIDDEN,
                    "two-factor-required-title",
                    "two-factor-required-text",
                ));
            }
            match check_code(&state, viewer.id, &form.code, now).await? {
                Checked::Wrong => {
                    let error = wrong_code(&ctx);
                    account_page_for(
                        ctx,
                        &state,
                        &viewer,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        error,
                        false,
                    )
                    .await
                }
                Checked::SetUp(codes) => {
                    tracing::info!(user = %viewer.id, "two-factor sign-in turned on");
                    let letter = mail::Letter::TwoFactorOn;
                    mail::notify(&state, viewer.id, &viewer.email, ctx.lang, letter).await?;
                    Ok(render(
                        StatusCode::OK,
                        &CodesPage {
                            ctx,
                            codes,
                            next: "/account/two-factor".into(),
                        },
                    ))
                }
                Checked::Right => {
                    state.store.delete_two_factor(viewer.id).await?;
                    tracing::info!(user = %viewer.id, "two-factor sign-in turned off");
                    let letter = mail::Letter::TwoFactorOff;
                    mail::notify(&state, viewer.id, &viewer.email, ctx.lang, letter).await?;
                    account_page_for(ctx, &state, &viewer, StatusCode::OK, None, true).await
                }
            }
        }
        _ => back(),
    }
}
