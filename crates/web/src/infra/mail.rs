//! Email: the SMTP mailer and the letters backcare sends (confirm an email, someone signed
//! up with yours, set a new password, your password was changed, and the reminders a
//! patient asked for).
//!
//! - **Off unless configured.** [`AppState::mailer`] is `None` when `serve` was given no SMTP
//!   host; the pages then say that a clinic administrator can set a new password with
//!   `backcare user reset-password`.
//! - **lettre over tokio with rustls** (no OpenSSL): [`TlsMode`] is `none` (plain SMTP, for a
//!   relay on the same machine or a test server), `starttls` (port 587) or `tls` (implicit
//!   TLS, port 465).
//! - **Links are built from the configured public URL**, never from the request's `Host`
//!   header, which anyone can set (a reset link pointing at another site would hand it the
//!   token).
//! - **Sent in the background.** A page that sends a letter answers without waiting for the
//!   SMTP server, so the time it takes does not reveal whether an account exists, and a
//!   slow server does not slow the page. A failure is logged without the address or the
//!   server's reply (which can quote the address).
//! - **Every letter exists in English and Spanish** (Fluent keys `mail-*` in
//!   `locales/*/account.ftl`) as plain text plus simple HTML; every piece of the HTML is
//!   escaped.
//! - **Tokens**: [`issue_link`] makes a random 32-byte token, stores only its SHA-256 in the
//!   store (with its purpose and expiry) and gives back the link holding the token.

use std::time::Duration as StdDuration;

use backcare_core::Lang;
use backcare_storage::{Email, Language, MailPurpose, UserId};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use time::{Duration, OffsetDateTime};

use crate::AppState;
use crate::infra::auth::token_hash;
use crate::infra::i18n;
use crate::infra::security::random_hex;
use crate::infra::site::PublicUrl;

/// How long a password-reset link works.
pub const RESET_LIFETIME: Duration = Duration::hours(1);
/// How long an email-verification link works.
pub const VERIFY_LIFETIME: Duration = Duration::days(2);
/// How many reset emails one account can be sent per hour (so the form cannot be used to
/// flood someone's inbox).
pub const MAX_RESETS_PER_HOUR: u64 = 3;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain SMTP: only for a relay on the same machine or a test server.
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587); TLS is required.
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl std::str::FromStr for TlsMode {
    type Err = MailError;

    fn from_str(s: &str) -> Result<Self, MailError> {
        match s {
            "none" => Ok(TlsMode::None),
            "starttls" => Ok(TlsMode::StartTls),
            "tls" => Ok(TlsMode::Tls),
            other => Err(MailError::Config(format!(
                "unknown SMTP TLS mode {other:?}: use none, starttls or tls"
            ))),
        }
    }
}

/// How to reach the SMTP server, and what to put in the letters.
#[derive(Clone)]
pub struct MailConfig {
    /// The SMTP server's host name.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// How the connection is protected.
    pub tls: TlsMode,
    /// The user to log in to the SMTP server as (with `password`), if it wants one.
    pub user: Option<String>,
    /// That user's password.
    pub password: Option<String>,
    /// The sender: `backcare <noreply@clinic.example>` or a bare address.
    pub from: String,
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| ".."))
            .field("from", &self.from)
            .finish()
    }
}

/// What can go wrong with email.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The configuration is not usable.
    #[error("email settings: {0}")]
    Config(String),
    /// A letter could not be built (an address that does not parse).
    #[error("could not build the email: {0}")]
    Build(String),
    /// The SMTP server did not take the letter.
    #[error("the SMTP server did not take the email ({0})")]
    Send(&'static str),
}

/// Sends letters through one SMTP server. Cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    base_url: PublicUrl,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `config`, whose links start with `site` (see [`PublicUrl`]). Connects
    /// to nothing yet.
    pub fn new(config: &MailConfig, site: &PublicUrl) -> Result<Self, MailError> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| MailError::Config(format!("the sender {:?}: {e}", config.from)))?;
        let host = config.host.as_str();
        let builder = match config.tls {
            TlsMode::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            TlsMode::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| MailError::Config(format!("STARTTLS to {host}: {e}")))?,
            TlsMode::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .map_err(|e| MailError::Config(format!("TLS to {host}: {e}")))?,
        };
        let mut builder = builder
            .port(config.port)
            .timeout(Some(StdDuration::from_secs(20)));
        match (&config.user, &config.password) {
            (Some(user), Some(password)) => {
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            (None, None) => {}
            _ => {
                return Err(MailError::Config(
                    "give both the SMTP user and its password, or neither".into(),
                ));
            }
        }
        Ok(Self {
            transport: builder.build(),
            from,
            base_url: site.clone(),
        })
    }

    /// The full address of `path` (which starts with `/`) on this site.
    pub fn url(&self, path: &str) -> String {
        self.base_url.join(path)
    }

    /// Sends `letter` to `to` in `lang` and waits for the SMTP server's answer.
    pub async fn send(&self, to: &Email, lang: Lang, letter: &Letter) -> Result<(), MailError> {
        let to: Mailbox = to
            .as_str()
            .parse()
            .map_err(|e| MailError::Build(format!("the address: {e}")))?;
        let (subject, text, html) = letter.render(lang, self);
        let mut message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject);
        if let Some(stop) = letter.stop_link() {
            // RFC 2369: mail programs show their own "unsubscribe" button for it.
            message = message.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{}>", self.url(stop)),
            ));
        }
        let message = message
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| MailError::Build(e.to_string()))?;
        self.transport.send(message).await.map_err(|e| {
            MailError::Send(if e.is_permanent() {
                "refused"
            } else if e.is_transient() {
                "try again later"
            } else if e.is_timeout() {
                "timed out"
            } else {
                "no connection"
            })
        })?;
        Ok(())
    }

    /// Sends `letter` in the background: the caller's page does not wait, and a failure is
    /// logged (by kind of letter, never the address).
    pub fn send_later(&self, to: Email, lang: Lang, letter: Letter) {
        let mailer = self.clone();
        tokio::spawn(async move {
            match mailer.send(&to, lang, &letter).await {
                Ok(()) => tracing::info!(letter = letter.kind(), "email sent"),
                Err(e) => tracing::warn!(letter = letter.kind(), error = %e, "email not sent"),
            }
        });
    }
}

/// One of the letters backcare sends. Links are paths on this site; the mailer makes them
/// full addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Letter {
    /// Confirm that this email address is yours (after sign-up).
    Verify {
        /// The verification link's path, with its token.
        link: String,
    },
    /// Someone tried to sign up with this email, which already has an account.
    SignupTaken,
    /// Set a new password (after "forgot password").
    Reset {
        /// The reset link's path, with its token.
        link: String,
    },
    /// Your password was just changed.
    PasswordChanged,
    /// Two-factor sign-in was just turned on for your account.
    TwoFactorOn,
    /// Two-factor sign-in was just turned off for your account.
    TwoFactorOff,
    /// Sent to the new address after an email change: confirm that it is yours.
    ConfirmNewEmail {
        /// The verification link's path, with its token.
        link: String,
    },
    /// Sent to the old address: the account's email was just changed to `to`.
    EmailChanged {
        /// The new address.
        to: String,
    },
    /// A reminder on an exercise day: "your plan for today is ready", nothing clinical.
    ExerciseDay {
        /// The path of the one-click link that stops reminders ([`crate::infra::unsubscribe`]).
        stop: String,
    },
    /// A reminder that a questionnaire is due again, nothing clinical.
    CheckIn {
        /// The path of the one-click link that stops reminders.
        stop: String,
    },
}

/// A piece of a letter: a paragraph of text, or a link on its own line.
enum Block {
    Text(String),
    Link(String),
}

impl Letter {
    /// A short name for the log.
    pub fn kind(&self) -> &'static str {
        match self {
            Letter::Verify { .. } => "verify",
            Letter::SignupTaken => "signup-taken",
            Letter::Reset { .. } => "reset",
            Letter::PasswordChanged => "password-changed",
            Letter::TwoFactorOn => "two-factor-on",
            Letter::TwoFactorOff => "two-factor-off",
            Letter::ConfirmNewEmail { .. } => "confirm-new-email",
            Letter::EmailChanged { .. } => "email-changed",
            Letter::ExerciseDay { .. } => "exercise-day",
            Letter::CheckIn { .. } => "check-in",
        }
    }

    /// The path of the link that stops this letter's kind of email, for reminders.
    fn stop_link(&self) -> Option<&str> {
        match self {
            Letter::ExerciseDay { stop } | Letter::CheckIn { stop } => Some(stop),
            _ => None,
        }
    }

    /// (subject, plain text, HTML) in `lang`.
    fn render(&self, lang: Lang, mailer: &Mailer) -> (String, String, String) {
        let t = |key: &str| Block::Text(i18n::t(lang, key));
        let link = |path: &str| Block::Link(mailer.url(path));
        let (subject, blocks) = match self {
            Letter::Verify { link: path } => (
                "mail-verify-subject",
                vec![t("mail-verify-intro"), link(path), t("mail-verify-outro")],
            ),
            Letter::SignupTaken => (
                "mail-taken-subject",
                vec![
                    t("mail-taken-intro"),
                    t("mail-taken-login"),
                    link("/login"),
                    t("mail-taken-forgot"),
                    link("/password/forgot"),
                    t("mail-ignore"),
                ],
            ),
            Letter::Reset { link: path } => (
                "mail-reset-subject",
                vec![t("mail-reset-intro"), link(path), t("mail-reset-outro")],
            ),
            Letter::PasswordChanged => (
                "mail-changed-subject",
                vec![
                    t("mail-changed-intro"),
                    t("mail-changed-not-you"),
                    link("/password/forgot"),
                ],
            ),
            Letter::TwoFactorOn => (
                "mail-two-factor-on-subject",
                vec![t("mail-two-factor-on-intro"), t("mail-two-factor-not-you")],
            ),
            Letter::TwoFactorOff => (
                "mail-two-factor-off-subject",
                vec![t("mail-two-factor-off-intro"), t("mail-two-factor-not-you")],
            ),
            Letter::ConfirmNewEmail { link: path } => (
                "mail-new-email-subject",
                vec![
                    t("mail-new-email-intro"),
                    link(path),
                    t("mail-new-email-outro"),
                ],
            ),
            Letter::EmailChanged { to } => (
                "mail-email-changed-subject",
                vec![
                    Block::Text(i18n::t_args(
                        lang,
                        "mail-email-changed-intro",
                        &[("to", to)],
                    )),
                    t("mail-email-changed-not-you"),
                ],
            ),
            Letter::ExerciseDay { stop } => (
                "mail-exercise-subject",
                vec![
                    t("mail-exercise-intro"),
                    link("/plan"),
                    t("mail-reminder-stop"),
                    link(stop),
                ],
            ),
            Letter::CheckIn { stop } => (
                "mail-check-in-subject",
                vec![
                    t("mail-check-in-intro"),
                    link("/reassess"),
                    t("mail-reminder-stop"),
                    link(stop),
                ],
            ),
        };
        let signature = i18n::t(lang, "mail-signature");
        let mut text = String::new();
        let mut html = format!(
            "<!doctype html><html lang=\"{}\"><body style=\"font-family: sans-serif; \
             line-height: 1.5\">",
            lang.code()
        );
        for block in blocks.iter().chain([&Block::Text(signature)]) {
            match block {
                Block::Text(s) => {
                    text.push_str(s);
                    html.push_str(&format!("<p>{}</p>", escape(s)));
                }
                Block::Link(url) => {
                    text.push_str(url);
                    let url = escape(url);
                    html.push_str(&format!("<p><a href=\"{url}\">{url}</a></p>"));
                }
            }
            text.push_str("\n\n");
        }
        html.push_str("</body></html>");
        (
            i18n::t(lang, subject),
            text.trim_end().to_owned() + "\n",
            html,
        )
    }
}

fn escape(s: &str) -> String {
    backcare_content::articles::escape(s)
}

/// The language to write to `user` in: the one kept with the account, else `fallback`
/// (the language of the request that causes the letter).
pub async fn language_for(
    state: &AppState,
    user: UserId,
    fallback: Lang,
) -> Result<Lang, backcare_storage::Error> {
    Ok(match state.store.language(user).await? {
        Some(Language::En) => Lang::En,
        Some(Language::Es) => Lang::Es,
        None => fallback,
    })
}

/// The store's form of a page language.
pub fn stored_language(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::En,
        Lang::Es => Language::Es,
    }
}

/// Makes a single-use token for `purpose`, stores its hash for `user` (sent to `email`,
/// valid for [`RESET_LIFETIME`] or [`VERIFY_LIFETIME`] from `now`), and returns the path of
/// the link that uses it.
pub async fn issue_link(
    state: &AppState,
    user: UserId,
    email: &Email,
    purpose: MailPurpose,
    now: OffsetDateTime,
) -> Result<String, backcare_storage::Error> {
    let token = random_hex(32);
    let (lifetime, path) = match purpose {
        MailPurpose::Reset => (RESET_LIFETIME, "/password/reset"),
        MailPurpose::Verify => (VERIFY_LIFETIME, "/verify-email"),
    };
    state
        .store
        .create_mail_token(
            &token_hash(&token),
            user,
            purpose,
            email,
            now,
            now + lifetime,
        )
        .await?;
    Ok(format!("{path}?token={token}"))
}

/// Sends `letter` to a user in their language (else `fallback`), in the background; does
/// nothing when mail is off.
pub async fn notify(
    state: &AppState,
    user: UserId,
    email: &Email,
    fallback: Lang,
    letter: Letter,
) -> Result<(), backcare_storage::Error> {
    if let Some(mailer) = &state.mailer {
        let lang = language_for(state, user, fallback).await?;
        mailer.send_later(email.clone(), lang, letter);
    }
    Ok(())
}

/// Sign-up when mail is on, answering the same whether or not the email is taken (the
/// caller shows one "check your email" page either way): a new email gets an account (in
/// `lang`, with the consent the form gave) and a link to confirm the address; a taken one
/// gets a letter telling its owner, and no account (its consent is left as it was). Both
/// hash a password first (the caller did), so they take as long. Returns the new
/// account, `None` when the email was taken.
pub async fn sign_up(
    state: &AppState,
    email: &Email,
    hash: &backcare_storage::PasswordHash,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<Option<backcare_storage::UserId>, backcare_storage::Error> {
    // The sign-up form's box was ticked: the account keeps that agreement from the start.
    let created = state
        .store
        .create_user_with_consent(
            email,
            hash,
            backcare_storage::Role::Patient,
            crate::infra::privacy::PRIVACY_NOTICE_VERSION,
            now,
        )
        .await;
    match created {
        Ok(user) => {
            tracing::info!(user = %user.id, "account created");
            state
                .store
                .set_language(user.id, stored_language(lang))
                .await?;
            let link = issue_link(state, user.id, email, MailPurpose::Verify, now).await?;
            notify(state, user.id, email, lang, Letter::Verify { link }).await?;
            Ok(Some(user.id))
        }
        Err(backcare_storage::Error::Conflict(_)) => {
            let owner = state.store.user_by_email(email).await?;
            notify(state, owner.id, email, lang, Letter::SignupTaken).await?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailer() -> Mailer {
        let config = MailConfig {
            host: "127.0.0.1".into(),
            port: 2525,
            tls: TlsMode::None,
            user: None,
            password: None,
            from: "backcare <noreply@clinic.example>".into(),
        };
        Mailer::new(&config, &PublicUrl::parse("https://care.example/").unwrap()).unwrap()
    }

    #[test]
    fn letters_have_both_languages_full_links_and_escaped_html() {
        let m = mailer();
        let letter = Letter::Reset {
            link: "/password/reset?token=ab<&\"".into(),
        };
        let (en_subject, en_text, en_html) = letter.render(Lang::En, &m);
        let (es_subject, es_text, _) = letter.render(Lang::Es, &m);
        assert_ne!(en_subject, es_subject);
        assert_ne!(en_text, es_text);
        assert!(en_text.contains("https://care.example/password/reset?token=ab<&\""));
        assert!(
            en_html.contains("https://care.example/password/reset?token=ab&lt;&amp;&quot;"),
            "{en_html}"
        );
        assert!(!en_html.contains("ab<&\""), "{en_html}");
        for key in [en_subject.as_str(), es_subject.as_str()] {
            assert!(!key.starts_with("mail-"), "missing Fluent text: {key}");
        }
    }

    #[test]
    fn tls_modes_and_settings_are_checked() {
        assert_eq!("starttls".parse::<TlsMode>().unwrap(), TlsMode::StartTls);
        assert!("ssl".parse::<TlsMode>().is_err());
        let mut config = MailConfig {
            host: "smtp.example".into(),
            port: 587,
            tls: TlsMode::StartTls,
            user: Some("u".into()),
            password: None,
            from: "noreply@clinic.example".into(),
        };
        let site = PublicUrl::parse("http://127.0.0.1:8080/").unwrap();
        assert!(Mailer::new(&config, &site).is_err());
        config.password = Some("secret".into());
        assert!(!format!("{config:?}").contains("secret"));
        let m = Mailer::new(&config, &site).unwrap();
        assert_eq!(m.url("/login"), "http://127.0.0.1:8080/login");
        config.from = "not an address".into();
        assert!(Mailer::new(&config, &site).is_err());
    }
}
