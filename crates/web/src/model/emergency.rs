//! The emergency stop: the page the intake wizard and the check show the moment the
//! answers so far are an emergency, before anything else.
//!
//! It leads with a tap-to-call button for the emergency number of the browser's region
//! ([`crate::infra::emergency`]) and the other numbers below it, then what to say on the
//! phone, then the advice of each emergency reason, from the rule table as every other
//! output.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use backcare_core::Assessment;
use backcare_core::triage::Level;

use crate::infra::emergency::Number;
use crate::infra::pages::{Ctx, render};

/// The hidden fields of an anonymous check (`/check`), which keeps no answers on the
/// server: the answers so far as an intake draft, and the screens shown so far.
#[derive(Debug, Clone, Default)]
pub struct CheckCarry {
    /// The answers so far (intake-draft JSON).
    pub answers: String,
    /// The question ids of each screen shown so far (`a,b;c,d`).
    pub screens: String,
}

/// The emergency stop page.
#[derive(Template)]
#[template(path = "emergency.html")]
pub struct EmergencyPage {
    /// The page context.
    pub ctx: Ctx,
    /// The level's title.
    pub title: String,
    /// What to do now.
    pub action: String,
    /// The advice of each emergency reason, without repeats.
    pub advice: Vec<String>,
    /// The number of the browser's region, as the big button.
    pub first: Option<Number>,
    /// The other numbers.
    pub others: Vec<Number>,
    /// Set for an anonymous check: changing an answer goes back through the form.
    pub check: Option<CheckCarry>,
}

/// The emergency page for an assessment at [`Level::Emergency`]: of the signed-in
/// wizard (`check` is `None`: the answers are saved), or of an anonymous check.
pub fn emergency_page(ctx: Ctx, result: &Assessment, check: Option<CheckCarry>) -> Response {
    let mut advice: Vec<String> = Vec::new();
    for r in &result.triage.reasons {
        if r.level == Level::Emergency && !advice.contains(&r.advice) {
            advice.push(r.advice.clone());
        }
    }
    let numbers = ctx.emergency_numbers();
    let page = EmergencyPage {
        title: result.triage.title.clone(),
        action: result.triage.action.clone(),
        advice,
        first: numbers.first,
        others: numbers.others,
        check,
        ctx,
    };
    render(StatusCode::OK, &page)
}
