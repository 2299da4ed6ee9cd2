//! Privacy and consent (issue 12): who runs this server ([`RunBy`], from `serve`'s
//! `--operator-name` and `--operator-contact`), the privacy notice's version, and the
//! [`Consented`] extractor that keeps health data out of the store until the patient has
//! agreed to the notice.
//!
//! Sign-up asks for the agreement (both paths, with mail and without, store it with the
//! account in one transaction); an account made another way (`backcare user add`, or one
//! from before the notice existed) is asked on the consent page, where the pages that
//! store health data (intake, diary, reassessment, answering open questions) send a
//! patient who has not agreed to this version yet. Clinicians store no health data of their
//! own and are not asked. The footer of every page names the operator and links to the
//! notice: the [`RunBy`] reaches the page context as a request extension that
//! [`crate::app`] adds.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::error::AppError;

/// The version of the privacy notice (the day its text last changed in substance), kept
/// with every agreement and shown on the notice. Change it only when what the notice says
/// changes: every patient is then asked to agree again before more health data is stored.
pub const PRIVACY_NOTICE_VERSION: &str = "2026-12-04";

/// The longest operator name or contact `serve` accepts.
pub const MAX_OPERATOR_TEXT: usize = 200;

/// The organisation (or person) that runs this server, as the notice and footer name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    name: String,
    contact: String,
}

/// Why an operator name or contact was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OperatorError {
    /// Empty (or only spaces).
    #[error("the operator's {0} is empty")]
    Empty(&'static str),
    /// Longer than [`MAX_OPERATOR_TEXT`] characters.
    #[error("the operator's {0} is longer than {MAX_OPERATOR_TEXT} characters")]
    TooLong(&'static str),
    /// Holds a control character (a line break, a tab...).
    #[error("the operator's {0} holds a control character")]
    Control(&'static str),
}

/// `text` trimmed, if it is a usable operator `what` (name or contact).
fn operator_text(what: &'static str, text: &str) -> Result<String, OperatorError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(OperatorError::Empty(what));
    }
    if text.chars().count() > MAX_OPERATOR_TEXT {
        return Err(OperatorError::TooLong(what));
    }
    if text.chars().any(char::is_control) {
        return Err(OperatorError::Control(what));
    }
    Ok(text.to_owned())
}

impl Operator {
    /// An operator from its name ("Riverside Physio Clinic") and a way to reach it about
    /// people's data (an email, a phone number or an address).
    pub fn new(name: &str, contact: &str) -> Result<Self, OperatorError> {
        Ok(Self {
            name: operator_text("name", name)?,
            contact: operator_text("contact", contact)?,
        })
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How to reach it.
    pub fn contact(&self) -> &str {
        &self.contact
    }
}

/// Who runs this server, as every page tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunBy {
    /// An operator named by `serve`.
    Named(Operator),
    /// `serve --demo` without an operator: a demo, nobody's service.
    Demo,
    /// Nobody was named: the notice says so plainly.
    Unnamed,
}

impl RunBy {
    /// From `serve`'s settings: the operator if given, else the demo's, else nobody.
    pub fn new(operator: Option<Operator>, demo: bool) -> Self {
        match (operator, demo) {
            (Some(operator), _) => RunBy::Named(operator),
            (None, true) => RunBy::Demo,
            (None, false) => RunBy::Unnamed,
        }
    }
}

/// Where a patient who has not agreed yet is sent: the consent page, coming back to `path`.
pub fn consent_href(path: &str) -> String {
    let query = serde_urlencoded::to_string([("next", path)]).unwrap_or_default();
    format!("/consent?{query}")
}

/// Taken by the handlers that store a patient's health data: the patient has agreed to the
/// current notice. Otherwise the request is answered with a redirect (303) to the consent
/// page, which comes back here afterwards; nothing is stored. Only for patient routes (the
/// guard has loaded the viewer).
#[derive(Debug, Clone, Copy)]
pub struct Consented;

impl FromRequestParts<AppState> for Consented {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let viewer = Viewer::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        match state.store.consent(viewer.id, PRIVACY_NOTICE_VERSION).await {
            Ok(Some(_)) => Ok(Consented),
            Ok(None) => {
                let path = parts
                    .uri
                    .path_and_query()
                    .map_or("/dashboard", |p| p.as_str());
                Err(Redirect::to(&consent_href(path)).into_response())
            }
            Err(e) => Err(AppError::from(e).into_response()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operator_needs_a_name_and_a_contact_on_one_line() {
        let op = Operator::new("  Riverside Physio ", "privacy@riverside.example").unwrap();
        assert_eq!(op.name(), "Riverside Physio");
        assert_eq!(op.contact(), "privacy@riverside.example");
        assert_eq!(Operator::new(" ", "x"), Err(OperatorError::Empty("name")));
        assert_eq!(Operator::new("x", ""), Err(OperatorError::Empty("contact")));
        assert_eq!(
            Operator::new("a\nb", "x"),
            Err(OperatorError::Control("name"))
        );
        let long = "x".repeat(MAX_OPERATOR_TEXT + 1);
        assert_eq!(
            Operator::new("x", &long),
            Err(OperatorError::TooLong("contact"))
        );
        assert!(Operator::new("x", &long[1..]).is_ok());
    }

    #[test]
    fn the_demo_has_its_own_operator_unless_one_is_given() {
        let op = Operator::new("Clinic", "c@example.org").unwrap();
        assert_eq!(RunBy::new(Some(op.clone()), true), RunBy::Named(op));
        assert_eq!(RunBy::new(None, true), RunBy::Demo);
        assert_eq!(RunBy::new(None, false), RunBy::Unnamed);
    }

    #[test]
    fn the_consent_page_comes_back_to_the_page_asked_for() {
        assert_eq!(
            consent_href("/intake/1?x=a b"),
            "/consent?next=%2Fintake%2F1%3Fx%3Da+b"
        );
    }

    #[test]
    fn the_notice_version_is_a_date() {
        assert!(crate::infra::date::parse(PRIVACY_NOTICE_VERSION).is_some());
    }
}
