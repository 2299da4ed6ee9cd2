//! The email options of `backcare serve`: the SMTP server (flags, or the environment
//! variables named in `--help`), turned into a [`MailConfig`]. The SMTP password is never
//! a command-line argument (other users of the machine can read those): it comes from
//! `BACKCARE_SMTP_PASSWORD` or a file.

use std::path::PathBuf;

use anyhow::Context;
use backcare_web::infra::mail::{MailConfig, TlsMode};
use backcare_web::infra::site::PublicUrl;

use crate::input::BadInput;

/// How `serve` sends emails (sign-up confirmation, password reset, notices). Without
/// `--smtp-host` email is off.
#[derive(Debug, clap::Args)]
pub struct MailArgs {
    /// The SMTP server that sends backcare's emails. Without it, email is off and people
    /// who forget their password need an administrator (`backcare user reset-password`).
    #[arg(long, env = "BACKCARE_SMTP_HOST", value_name = "HOST")]
    smtp_host: Option<String>,
    /// The SMTP server's port. Default: 587 for starttls, 465 for tls, 25 for none.
    #[arg(long, env = "BACKCARE_SMTP_PORT", value_name = "PORT")]
    smtp_port: Option<u16>,
    /// How the connection is protected: starttls, tls (from the first byte) or none (only
    /// for a relay on the same machine).
    #[arg(
        long,
        env = "BACKCARE_SMTP_TLS",
        value_name = "MODE",
        default_value = "starttls"
    )]
    smtp_tls: String,
    /// The user to log in to the SMTP server as. Its password comes from the environment
    /// variable BACKCARE_SMTP_PASSWORD or from --smtp-password-file.
    #[arg(long, env = "BACKCARE_SMTP_USER", value_name = "USER")]
    smtp_user: Option<String>,
    /// A file holding the SMTP password (its first line).
    #[arg(long, env = "BACKCARE_SMTP_PASSWORD_FILE", value_name = "FILE")]
    smtp_password_file: Option<PathBuf>,
    /// The sender of the emails, e.g. "Back clinic <noreply@clinic.example>".
    #[arg(long, env = "BACKCARE_MAIL_FROM", value_name = "ADDRESS")]
    mail_from: Option<String>,
    /// The site's address as people reach it (https://backcare.clinic.example), for the
    /// links in emails and the FHIR API's addresses (https://.../fhir). Default: http://
    /// and the address given to --bind.
    #[arg(long, env = "BACKCARE_PUBLIC_URL", value_name = "URL")]
    public_url: Option<String>,
}

impl MailArgs {
    /// The mail settings, or `None` when no SMTP host was given.
    pub fn config(&self) -> anyhow::Result<Option<MailConfig>> {
        let Some(host) = self.smtp_host.clone().filter(|h| !h.trim().is_empty()) else {
            return Ok(None);
        };
        let tls: TlsMode = self
            .smtp_tls
            .parse()
            .map_err(|e: backcare_web::infra::mail::MailError| BadInput(e.to_string()))?;
        let port = self.smtp_port.unwrap_or(match tls {
            TlsMode::StartTls => 587,
            TlsMode::Tls => 465,
            TlsMode::None => 25,
        });
        let password = match (
            &self.smtp_password_file,
            std::env::var("BACKCARE_SMTP_PASSWORD"),
        ) {
            (Some(file), _) => Some(
                std::fs::read_to_string(file)
                    .with_context(|| format!("could not read {}", file.display()))?
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            ),
            (None, Ok(p)) if !p.is_empty() => Some(p),
            (None, _) => None,
        };
        if self.smtp_user.is_some() != password.is_some() {
            return Err(BadInput(
                "give the SMTP user (--smtp-user) and its password (BACKCARE_SMTP_PASSWORD or \
                 --smtp-password-file) together, or neither"
                    .into(),
            )
            .into());
        }
        let from = self.mail_from.clone().ok_or_else(|| {
            BadInput("--smtp-host needs --mail-from (the sender of the emails)".into())
        })?;
        Ok(Some(MailConfig {
            host,
            port,
            tls,
            user: self.smtp_user.clone(),
            password,
            from,
        }))
    }

    /// The site's public address, checked, if one was given.
    pub fn public_url(&self) -> anyhow::Result<Option<PublicUrl>> {
        let Some(text) = self.public_url.as_deref() else {
            return Ok(None);
        };
        let url = PublicUrl::parse(text).map_err(|e| BadInput(e.to_string()))?;
        Ok(Some(url))
    }
}
