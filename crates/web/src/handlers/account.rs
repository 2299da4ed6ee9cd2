//! Accounts: sign up, log in, log out, change the password, export my data, delete my
//! account.
//!
//! Forms are parsed into [`backcare_storage::Email`] and [`crate::infra::auth::Password`]; when
//! something is wrong the form is shown again (status 422) with each message next to its
//! field and the email kept (never the password).
//!
//! Every password check ([`check_password`]: log-in, and the current password that
//! confirms a change) goes through the limits of [`crate::infra::limits`]: a place in the
//! hashing queue (else 429, "busy"), then the failures of this email from this client
//! address, counted and recorded in one step (after five in 15 minutes that address gets
//! 429 and how long to wait; the owner elsewhere is not affected), then a delay that grows
//! with the account's failures from everywhere. The right password clears the count of its
//! address, so earlier typos do not count against the next mistake.
//!
//! The person's data rights: `/account/export` explains what the JSON download holds and
//! links to it; `/account/delete` deletes the account and everything in it, after the
//! current password and an "I understand" box (the password guesses count towards the same
//! limit as log-ins, so the form cannot be used to guess a password).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use backcare_storage::{Email, LoginAttempt, MailPurpose, Profile, Role, User, UserId};
use serde::Deserialize;
use time::{OffsetDateTime, UtcOffset};

use crate::AppState;
use crate::infra::auth::{self, Password, Viewer};
use crate::infra::error::AppError;
use crate::infra::limits::{self, ClientAddr};
use crate::infra::mail::{self, Letter};
use crate::infra::metrics;
use crate::infra::next::Next;
use crate::infra::pages::{Ctx, MessagePage, redirect_with_cookie, render};
use crate::infra::privacy::PRIVACY_NOTICE_VERSION;
use crate::infra::two_factor;
use crate::model::people::{Need, ProfileFields, ProfileInput};

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
    /// Next to the "I agree" box of the privacy notice (sign-up).
    pub consent: Option<String>,
}

impl FieldErrors {
    /// Whether there is any message.
    pub fn any(&self) -> bool {
        self.form.is_some()
            || self.email.is_some()
            || self.password.is_some()
            || self.current.is_some()
            || self.understand.is_some()
            || self.consent.is_some()
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
    /// Whether the privacy notice's box was ticked (it starts unticked).
    pub consent: bool,
    /// What to fix.
    pub errors: FieldErrors,
    /// The answers of an anonymous check, kept in the new account (intake-draft JSON;
    /// empty when the person did not come from one).
    pub answers: String,
    /// The optional name and date of birth.
    pub profile_fields: ProfileFields,
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
    /// The time zones to choose from, the person's own selected.
    pub zones: Vec<ZoneOption>,
    /// Whether the time zone was just saved.
    pub zone_saved: bool,
    /// What is wrong with the time zone sent.
    pub zone_error: Option<String>,
}

/// One choice of the time zone list.
#[derive(Debug)]
pub struct ZoneOption {
    /// The submitted value: `+05:30`, or empty for "not chosen".
    pub value: String,
    /// What the person reads: `UTC+05:30`.
    pub label: String,
    /// Whether it is the person's.
    pub selected: bool,
}

/// The offsets from UTC in use around the world, in minutes: every hour from -12 to +14
/// and the half and quarter hours some countries keep (India +05:30, Nepal +05:45...).
const ZONE_MINUTES: &[i32] = &[
    -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120,
    180, 210, 240, 270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765,
    780, 840,
];

/// `+05:30` for 330 minutes.
fn zone_value(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// A submitted zone: empty for "not chosen", else one of [`ZONE_MINUTES`]. `Err` for
/// anything else.
fn parse_zone(value: &str) -> Result<Option<UtcOffset>, ()> {
    if value.is_empty() {
        return Ok(None);
    }
    let minutes = ZONE_MINUTES
        .iter()
        .find(|m| zone_value(**m) == value)
        .ok_or(())?;
    UtcOffset::from_whole_seconds(minutes * 60)
        .map(Some)
        .map_err(|_| ())
}

/// The list of zones with `current` selected.
fn zones(ctx: &Ctx, current: Option<UtcOffset>, server: UtcOffset) -> Vec<ZoneOption> {
    let current = current.map(|o| i32::from(o.whole_minutes()));
    let server = format!("UTC{}", zone_value(i32::from(server.whole_minutes())));
    std::iter::once(ZoneOption {
        value: String::new(),
        label: ctx.t_args("account-zone-unset", &[("server", &server)]),
        selected: current.is_none(),
    })
    .chain(ZONE_MINUTES.iter().map(|m| ZoneOption {
        value: zone_value(*m),
        label: format!("UTC{}", zone_value(*m)),
        selected: current == Some(*m),
    }))
    .collect()
}

/// The sign-up form's fields. `consent` is `yes` when the privacy notice's box is ticked
/// (an unticked box sends nothing).
#[derive(Debug, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    consent: String,
    /// The answers of the check the person comes from (`/check`), to keep.
    #[serde(default)]
    answers: String,
    /// `start`: the check's "keep my answers" button, which opens this form with them.
    #[serde(default)]
    action: String,
    /// The optional name and date of birth.
    #[serde(flatten)]
    profile: ProfileInput,
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

/// A new account's optional details: a name and a date of birth, on the server's today
/// (the person has not chosen a time zone yet).
fn signup_fields(ctx: &Ctx, state: &AppState) -> (ProfileFields, time::Date) {
    let today = state.clock.today(None);
    let fields = ProfileFields::patient(ctx, &Profile::default(), today, Need::Optional);
    (fields, today)
}

/// `GET /signup`.
pub async fn signup_form(ctx: Ctx, State(state): State<AppState>) -> Response {
    let (profile_fields, _) = signup_fields(&ctx, &state);
    let page = SignupPage {
        ctx,
        email: String::new(),
        consent: false,
        errors: FieldErrors::default(),
        answers: String::new(),
        profile_fields,
    };
    render(StatusCode::OK, &page)
}

/// The check's answers sent with a sign-up form, re-encoded; `None` when none were sent,
/// or when they do not read as answers (only a changed page could send those: the
/// account is made without them, and the log says so).
fn check_answers(answers: &str) -> Option<serde_json::Value> {
    if answers.is_empty() {
        return None;
    }
    let intake = serde_json::from_str(answers)
        .ok()
        .and_then(|v| backcare_core::record::decode_intake_draft(&v).ok());
    match intake {
        Some(intake) => backcare_core::record::encode_intake_draft(&intake).ok(),
        None => {
            tracing::warn!("sign-up answers from the check did not read; not kept");
            None
        }
    }
}

/// `POST /signup`: creates a patient account that agreed to the privacy notice (its
/// version and the date are stored with it) and logs it in. Without the notice's box
/// ticked nothing is created.
pub async fn signup(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<SignupForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let kept = check_answers(&form.answers);
    let answers = kept.as_ref().map(ToString::to_string).unwrap_or_default();
    let (fields, today) = signup_fields(&ctx, &state);
    if form.action == "start" {
        // From the check's result: the form, with the answers to keep, and nothing to fix.
        let page = SignupPage {
            ctx,
            email: String::new(),
            consent: false,
            errors,
            answers,
            profile_fields: fields,
        };
        return Ok(render(StatusCode::OK, &page));
    }
    let mut profile_fields = fields;
    let profile = profile_fields
        .read(&ctx, form.profile, &Profile::default(), today)
        .ok_or(());
    let email = auth::parse_email(&form.email).map_err(|key| errors.email = Some(ctx.t(key)));
    let password =
        Password::parse(&form.password).map_err(|e| errors.password = Some(ctx.t(e.message_key())));
    let consent = form.consent == "yes";
    if !consent {
        errors.consent = Some(ctx.t("consent-error"));
    }
    let (Ok(email), Ok(password), true, Ok(profile)) = (email, password, consent, profile) else {
        return Ok(render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SignupPage {
                ctx,
                email: form.email,
                consent,
                errors,
                answers,
                profile_fields,
            },
        ));
    };
    let Ok(ticket) = state.hashing.admit() else {
        errors.form = Some(Limited::Busy.message(&ctx));
        let page = SignupPage {
            ctx,
            email: form.email,
            consent,
            errors,
            answers,
            profile_fields,
        };
        return Ok(Limited::Busy.respond(&page));
    };
    let hash = match ticket.hash(password).await {
        Ok(h) => h,
        Err(e) => return Err(AppError::Internal(format!("password hashing failed: {e}"))),
    };
    let now = state.clock.now();
    if state.mailer.is_some() {
        // One answer whether or not the email is taken: the email says the rest.
        // A taken email gets no account, so the answers go nowhere: never into the
        // account of the address's owner.
        if let Some(user) = mail::sign_up(&state, &email, &hash, ctx.lang, now).await? {
            keep_answers(&state, user, kept.as_ref(), now).await?;
            keep_profile(&state, user, &profile, now).await?;
        }
        return Ok(Redirect::to("/signup/sent").into_response());
    }
    let user = match state
        .store
        .create_user_with_consent(&email, &hash, Role::Patient, PRIVACY_NOTICE_VERSION, now)
        .await
    {
        Ok(user) => user,
        Err(backcare_storage::Error::Conflict(_)) => {
            errors.email = Some(ctx.t("error-email-taken"));
            return Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SignupPage {
                    ctx,
                    email: form.email,
                    consent,
                    errors,
                    answers,
                    profile_fields,
                },
            ));
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(user = %user.id, "account created");
    keep_answers(&state, user.id, kept.as_ref(), now).await?;
    keep_profile(&state, user.id, &profile, now).await?;
    let cookie = auth::start_session(&state, user.id, now).await?;
    // With the check's answers, the intake goes on after the warning signs it covered.
    let to = if kept.is_some() {
        "/intake/2"
    } else {
        "/dashboard"
    };
    Ok(redirect_with_cookie(to, cookie))
}

/// Saves the name and date of birth given at sign-up, if any.
async fn keep_profile(
    state: &AppState,
    user: UserId,
    profile: &Profile,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if *profile != Profile::default() {
        state.store.set_profile(user, profile, now).await?;
    }
    Ok(())
}

/// Saves the check's answers as the new account's intake draft.
async fn keep_answers(
    state: &AppState,
    user: UserId,
    answers: Option<&serde_json::Value>,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if let Some(json) = answers {
        state.store.save_intake_draft(user, Some(json), now).await?;
        tracing::info!(user = %user, "answers of the check kept");
    }
    Ok(())
}

/// `GET /login[?next=/path]`.
pub async fn login_form(ctx: Ctx, Query(next): Query<Next>) -> Response {
    let page = LoginPage {
        ctx,
        email: String::new(),
        next: next.or("").to_owned(),
        errors: FieldErrors::default(),
    };
    render(StatusCode::OK, &page)
}

/// `POST /login`: checks the rate limit, then the password; starts a session.
pub async fn login(
    ctx: Ctx,
    client: ClientAddr,
    State(state): State<AppState>,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let next = Next::parse(&form.next);
    let mut errors = FieldErrors::default();
    let again = |ctx: Ctx, status, errors| {
        render(
            status,
            &LoginPage {
                ctx,
                email: form.email.clone(),
                next: next.or("").to_owned(),
                errors,
            },
        )
    };
    let email = match auth::parse_email(&form.email) {
        Ok(email) => email,
        Err(key) => {
            errors.email = Some(ctx.t(key));
            return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
        }
    };
    if form.password.is_empty() {
        errors.password = Some(ctx.t("error-password-empty"));
        return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
    }
    let user = match check_password(&state, &email, &client, form.password.clone(), now).await? {
        Checked::Right(user) => user,
        Checked::Wrong => {
            errors.form = Some(ctx.t("login-failed"));
            return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
        }
        Checked::Limited(limited) => {
            errors.form = Some(limited.message(&ctx));
            return Ok(limited.stamp(again(ctx, StatusCode::TOO_MANY_REQUESTS, errors)));
        }
    };
    let home = match user.role {
        Role::Patient => "/dashboard",
        Role::Clinician => "/clinician",
    };
    // Emails to them are written in the language they use the site in.
    state
        .store
        .set_language(user.id, mail::stored_language(ctx.lang))
        .await?;
    // No session yet for an account with a second step (every clinician): the code first.
    if two_factor::needed(&state, &user).await? {
        let cookie = two_factor::start_challenge(&state, user.id, next.or(home), now).await?;
        return Ok(redirect_with_cookie("/login/two-factor", cookie));
    }
    let cookie = auth::start_session(&state, user.id, now).await?;
    Ok(redirect_with_cookie(next.or(home), cookie))
}

/// `POST /logout`: ends this session and deletes the cookie.
pub async fn logout(viewer: Viewer, State(state): State<AppState>) -> Result<Response, AppError> {
    state.store.delete_session(viewer.session()).await?;
    Ok(redirect_with_cookie(
        "/",
        auth::end_session_cookie(state.secure_cookies),
    ))
}

/// The `changed` flag shown after a password change.
#[derive(Debug, Deserialize)]
pub struct Changed {
    #[serde(default)]
    changed: Option<String>,
    #[serde(default)]
    zone: Option<String>,
}

/// `GET /account`.
pub async fn account_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Query(q): Query<Changed>,
) -> Result<Response, AppError> {
    let zones = zones(
        &ctx,
        state.store.utc_offset(viewer.id).await?,
        state.clock.server_offset(),
    );
    let page = AccountPage {
        ctx,
        changed: q.changed.is_some(),
        errors: FieldErrors::default(),
        zones,
        zone_saved: q.zone.is_some(),
        zone_error: None,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The time zone form.
#[derive(Debug, Deserialize)]
pub struct ZoneForm {
    #[serde(default)]
    zone: String,
}

/// `POST /account/time-zone`: saves the person's time zone (a fixed offset from UTC), which
/// decides which day "today" is for them.
pub async fn set_time_zone(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Form(form): Form<ZoneForm>,
) -> Result<Response, AppError> {
    let Ok(offset) = parse_zone(form.zone.trim()) else {
        let zones = zones(
            &ctx,
            state.store.utc_offset(viewer.id).await?,
            state.clock.server_offset(),
        );
        let zone_error = Some(ctx.t("account-zone-invalid"));
        let page = AccountPage {
            ctx,
            changed: false,
            errors: FieldErrors::default(),
            zones,
            zone_saved: false,
            zone_error,
        };
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    state.store.set_utc_offset(viewer.id, offset).await?;
    Ok(Redirect::to("/account?zone=1").into_response())
}

/// `POST /account/password`: checks the current password, sets the new one, logs out every
/// other session and starts a fresh one here.
pub async fn change_password(
    ctx: Ctx,
    viewer: Viewer,
    client: ClientAddr,
    State(state): State<AppState>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mut errors = FieldErrors::default();
    let offset = state.store.utc_offset(viewer.id).await?;
    let again = |ctx: Ctx, status, errors| {
        let zones = zones(&ctx, offset, state.clock.server_offset());
        render(
            status,
            &AccountPage {
                ctx,
                changed: false,
                errors,
                zones,
                zone_saved: false,
                zone_error: None,
            },
        )
    };
    let typed = &form.current;
    if let Some(limited) =
        confirm_current(&state, &viewer, &client, typed, now, &ctx, &mut errors).await?
    {
        return Ok(limited.stamp(again(ctx, StatusCode::TOO_MANY_REQUESTS, errors)));
    }
    let new = Password::parse(&form.new);
    if let Err(e) = &new {
        errors.password = Some(ctx.t(e.message_key()));
    }
    let (Ok(new), false) = (new, errors.any()) else {
        return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
    };
    let Ok(ticket) = state.hashing.admit() else {
        errors.form = Some(Limited::Busy.message(&ctx));
        return Ok(Limited::Busy.stamp(again(ctx, StatusCode::TOO_MANY_REQUESTS, errors)));
    };
    let hash = match ticket.hash(new).await {
        Ok(h) => h,
        Err(e) => return Err(AppError::Internal(format!("password hashing failed: {e}"))),
    };
    let result = async {
        state.store.set_password_hash(viewer.id, &hash).await?;
        state.store.delete_user_sessions(viewer.id).await?;
        auth::start_session(&state, viewer.id, now).await
    }
    .await;
    if result.is_ok() {
        let letter = Letter::PasswordChanged;
        mail::notify(&state, viewer.id, &viewer.email, ctx.lang, letter).await?;
    }
    Ok(match result {
        Ok(cookie) => {
            tracing::info!(user = %viewer.id, "password changed");
            redirect_with_cookie("/account?changed=1", cookie)
        }
        Err(e) => return Err(e.into()),
    })
}

/// Checks the signed-in person's current password before a change to their account (a new
/// password or email, deleting the account). Empty or wrong: the message goes next to the
/// `current` field. `Some` when a limit stopped the check (its message is above the form;
/// the caller answers 429 with its page).
async fn confirm_current(
    state: &AppState,
    viewer: &Viewer,
    client: &ClientAddr,
    typed: &str,
    now: OffsetDateTime,
    ctx: &Ctx,
    errors: &mut FieldErrors,
) -> Result<Option<Limited>, AppError> {
    if typed.is_empty() {
        errors.current = Some(ctx.t("error-password-empty"));
        return Ok(None);
    }
    match check_password(state, &viewer.email, client, typed.to_owned(), now).await? {
        Checked::Right(_) => {}
        Checked::Wrong => errors.current = Some(ctx.t("account-current-wrong")),
        Checked::Limited(limited) => {
            errors.form = Some(limited.message(ctx));
            return Ok(Some(limited));
        }
    }
    Ok(None)
}

/// What a password check found.
enum Checked {
    /// The account's password: here is the account.
    Right(User),
    /// Not the password, or no such account (the two look the same).
    Wrong,
    /// Not checked: a limit was reached.
    Limited(Limited),
}

/// Which limit stopped a password check.
#[derive(Debug, Clone, Copy)]
enum Limited {
    /// Too many failures for this email from this address: wait this long.
    Wait(std::time::Duration),
    /// The hashing queue is full: try again in a moment.
    Busy,
}

impl Limited {
    /// What to tell the person.
    fn message(self, ctx: &Ctx) -> String {
        match self {
            Limited::Wait(wait) => {
                let minutes = limits::retry_after_secs(wait).div_ceil(60).to_string();
                ctx.t_args("login-wait", &[("minutes", &minutes)])
            }
            Limited::Busy => ctx.t("server-busy"),
        }
    }

    /// Adds `Retry-After` to the 429 that shows [`Limited::message`].
    fn stamp(self, response: Response) -> Response {
        let wait = match self {
            Limited::Wait(wait) => wait,
            Limited::Busy => limits::BUSY_RETRY,
        };
        limits::with_retry_after(response, wait)
    }

    /// A form page shown again with 429 and `Retry-After`.
    fn respond(self, page: &impl Template) -> Response {
        self.stamp(render(StatusCode::TOO_MANY_REQUESTS, page))
    }
}

/// Checks the password `typed` for `email` under the limits (see the module
/// documentation): the log-in form and the forms that confirm a change with the current
/// password use the same check, so neither guesses faster than the other. An unknown email
/// is checked against a dummy hash: the same work and time as a wrong password.
async fn check_password(
    state: &AppState,
    email: &Email,
    client: &ClientAddr,
    typed: String,
    now: OffsetDateTime,
) -> Result<Checked, backcare_storage::Error> {
    let Ok(ticket) = state.hashing.admit() else {
        tracing::warn!("password not checked: the hashing queue is full");
        return Ok(Checked::Limited(Limited::Busy));
    };
    let address = client.key();
    let failures_before = match state
        .store
        .begin_login_attempt(email, &address, now, limits::FAILURES)
        .await?
    {
        LoginAttempt::Refused { until } => {
            tracing::warn!("password not checked: too many failures for one email from here");
            metrics::limited("failures");
            let wait = std::time::Duration::try_from(until - now).unwrap_or(limits::BUSY_RETRY);
            return Ok(Checked::Limited(Limited::Wait(wait)));
        }
        LoginAttempt::Allowed { account_failures } => account_failures.saturating_sub(1),
    };
    tokio::time::sleep(limits::account_delay(failures_before)).await;
    let user = match state.store.user_by_email(email).await {
        Ok(user) => Some(user),
        Err(backcare_storage::Error::NotFound) => None,
        Err(e) => return Err(e),
    };
    let right = ticket
        .verify(typed, user.as_ref().map(|u| u.password_hash.clone()))
        .await;
    match user {
        Some(user) if right => {
            // A clean slate: the mistakes before this success no longer count.
            state.store.clear_failed_logins(email, &address).await?;
            Ok(Checked::Right(user))
        }
        _ => {
            metrics::login_failed();
            Ok(Checked::Wrong)
        }
    }
}

/// The download's file name, with the day it was made: `backcare-export-YYYY-MM-DD.json`.
pub fn export_file_name(today: time::Date) -> String {
    format!("backcare-export-{today}.json")
}

/// `GET /api/users/{user}/export`: everything stored about the user, as a JSON download.
pub async fn export(
    State(state): State<AppState>,
    Path(user): Path<i64>,
) -> Result<Response, AppError> {
    let disposition = format!(
        "attachment; filename=\"{}\"",
        export_file_name(state.clock.now().date())
    );
    let export = state.store.export_user(UserId(user)).await?;
    let json = serde_json::to_string_pretty(&export)
        .map_err(|e| AppError::Internal(format!("the export did not serialise: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        json,
    )
        .into_response())
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
    client: ClientAddr,
    State(state): State<AppState>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
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
    let typed = &form.password;
    if let Some(limited) =
        confirm_current(&state, &viewer, &client, typed, now, &ctx, &mut errors).await?
    {
        return Ok(limited.stamp(again(ctx, StatusCode::TOO_MANY_REQUESTS, errors)));
    }
    if errors.any() {
        return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
    }
    // The store removes the sessions, the failed logins and every record in one
    // transaction; a clinician's looks stay in their patients' access logs (by email).
    state.store.delete_user(viewer.id).await?;
    tracing::info!(user = %viewer.id, "account deleted");
    Ok(redirect_with_cookie(
        "/account/deleted",
        auth::end_session_cookie(state.secure_cookies),
    ))
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

/// The page to change the account's email.
#[derive(Template)]
#[template(path = "account_email.html")]
pub struct EmailPage {
    /// The page context.
    pub ctx: Ctx,
    /// The new address as typed.
    pub email: String,
    /// Messages next to the fields.
    pub errors: FieldErrors,
    /// Whether the server sends emails (then the new address gets a link to confirm it).
    pub mail: bool,
    /// The email was just changed.
    pub changed: bool,
}

/// The email-change form.
#[derive(Debug, Deserialize)]
pub struct EmailForm {
    /// The new address.
    #[serde(default)]
    pub email: String,
    /// The current password, to show it is the owner.
    #[serde(default)]
    pub current: String,
}

/// `GET /account/email[?changed=1]`.
pub async fn email_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(changed): Query<Changed>,
) -> Response {
    let page = EmailPage {
        ctx,
        email: String::new(),
        errors: FieldErrors::default(),
        mail: state.mailer.is_some(),
        changed: changed.changed.is_some(),
    };
    render(StatusCode::OK, &page)
}

/// `POST /account/email`: with the current password, gives the account a new email. The
/// old address is told (so a change the owner did not make does not go unnoticed) and the
/// new one gets a link to confirm it, when mail is on.
pub async fn change_email(
    ctx: Ctx,
    viewer: Viewer,
    client: ClientAddr,
    State(state): State<AppState>,
    Form(form): Form<EmailForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let mail = state.mailer.is_some();
    let mut errors = FieldErrors::default();
    let again = |ctx: Ctx, status, errors| {
        render(
            status,
            &EmailPage {
                ctx,
                email: form.email.clone(),
                errors,
                mail,
                changed: false,
            },
        )
    };
    let email = auth::parse_email(&form.email).map_err(|key| errors.email = Some(ctx.t(key)));
    let typed = &form.current;
    if let Some(limited) =
        confirm_current(&state, &viewer, &client, typed, now, &ctx, &mut errors).await?
    {
        return Ok(limited.stamp(again(ctx, StatusCode::TOO_MANY_REQUESTS, errors)));
    }
    let (Ok(email), false) = (email, errors.any()) else {
        return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
    };
    if email == viewer.email {
        errors.email = Some(ctx.t("account-email-same"));
        return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
    }
    let old = match state.store.change_email(viewer.id, &email).await {
        Ok(old) => old,
        Err(backcare_storage::Error::Conflict(_)) => {
            errors.email = Some(ctx.t("error-email-taken"));
            return Ok(again(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors));
        }
        Err(e) => return Err(e.into()),
    };
    tracing::info!(user = %viewer.id, "email changed");
    let to = email.as_str().to_owned();
    mail::notify(
        &state,
        viewer.id,
        &old,
        ctx.lang,
        Letter::EmailChanged { to },
    )
    .await?;
    if mail {
        let link = mail::issue_link(&state, viewer.id, &email, MailPurpose::Verify, now).await?;
        let letter = Letter::ConfirmNewEmail { link };
        mail::notify(&state, viewer.id, &email, ctx.lang, letter).await?;
    }
    Ok(Redirect::to("/account/email?changed=1").into_response())
}
