//! `/check`: the warning signs first, without an account.
//!
//! Anyone can answer the safety questions ([`Question::is_safety`]: every question a
//! warning-sign rule reads, from every section, in the order of the questionnaire), a
//! short screen at a time ([`PER_SCREEN`] questions of one section). After every screen the
//! answers are assessed: an emergency stops the check with the emergency page at once.
//! After the last screen the person sees their triage result, with a sign-up form that
//! keeps the answers in the new account as its intake draft.
//!
//! **Nothing is stored.** An anonymous visitor has no account to keep answers in, and
//! keeping health data of people who did not ask us to would be worse than asking again:
//! the answers so far travel in the form itself (hidden fields: the answers as an intake
//! draft, and the screens shown so far), and are gone when the tab is closed. They are the
//! person's own answers, so nothing in them needs to be trusted beyond what answering
//! would allow; they are parsed like every answer (unknown ids are ignored, a draft that
//! does not decode starts the check again and says so).
//!
//! A safety question left empty is asked once more, at the time, as in the wizard; left
//! empty again it stays "not answered", and the result says what that leaves open.
//!
//! A signed-in patient has the full intake, which starts with the same questions and keeps
//! its answers: `/check` sends them there.

use askama::Template;
use axum::Form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_core::questions::{self, Question};
use backcare_core::record::{IssuedTriage, decode_intake_draft, encode_intake_draft};
use backcare_core::triage::{Level, open};
use backcare_core::{Intake, assess};

use backcare_storage::Role;

use crate::infra::auth::Viewer;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::model::emergency::{CheckCarry, emergency_page};
use crate::model::intake_form::{Field, apply_section, posted, question_fields, safety_questions};
use crate::model::views::{ReasonView, WhyViews, why_views};

/// The most questions on one screen.
pub const PER_SCREEN: usize = 3;

/// The next screen: up to [`PER_SCREEN`] applicable safety questions not yet shown, all
/// of the section of the first one, and none that depends on another question of the same
/// screen (it comes on the next one, once that answer is known). `None` when every one
/// has been shown.
fn next_screen(intake: &Intake, shown: &[&str]) -> Option<Vec<&'static Question>> {
    let mut left = safety_questions(intake).filter(|q| !shown.contains(&q.id));
    let first = left.next()?;
    let mut screen = vec![first];
    for q in left {
        let waits = q
            .ask_if
            .refers_to()
            .iter()
            .any(|r| screen.iter().any(|s| s.id == *r));
        if screen.len() == PER_SCREEN || q.section != first.section || waits {
            break;
        }
        screen.push(q);
    }
    Some(screen)
}

/// What the form carries from screen to screen.
#[derive(Debug, Default)]
struct Carried {
    /// The answers so far.
    intake: Intake,
    /// The question ids of each screen shown so far, the current one last.
    screens: Vec<Vec<&'static str>>,
    /// The safety questions asked once more on the current screen.
    asked: Vec<&'static str>,
}

/// The known question ids of a comma-separated list.
fn ids(list: &str) -> Vec<&'static str> {
    list.split(',')
        .filter_map(|id| questions::find(id.trim()).map(|q| q.id))
        .collect()
}

impl Carried {
    /// Reads the hidden fields; `Err` when the answers were sent but do not decode.
    fn from_form(ctx: &Ctx, pairs: &[(String, String)]) -> Result<Carried, ()> {
        let mut intake = match posted(pairs, "answers").filter(|a| !a.is_empty()) {
            None => Intake::default(),
            Some(json) => serde_json::from_str(json)
                .ok()
                .and_then(|v| decode_intake_draft(&v).ok())
                .ok_or(())?,
        };
        intake.language = ctx.lang;
        let screens = posted(pairs, "screens")
            .unwrap_or_default()
            .split(';')
            .map(ids)
            .filter(|s| !s.is_empty())
            .collect();
        Ok(Carried {
            intake,
            screens,
            asked: ids(posted(pairs, "asked").unwrap_or_default()),
        })
    }

    /// Every question shown so far.
    fn shown(&self) -> Vec<&'static str> {
        self.screens.concat()
    }

    /// The hidden fields that carry this on.
    fn carry(&self) -> CheckCarry {
        CheckCarry {
            answers: encode_intake_draft(&self.intake)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            screens: self
                .screens
                .iter()
                .map(|s| s.join(","))
                .collect::<Vec<_>>()
                .join(";"),
        }
    }
}

/// One screen of the check.
#[derive(Template)]
#[template(path = "check.html")]
pub struct CheckPage {
    /// The page context.
    pub ctx: Ctx,
    /// The section's heading.
    pub title: String,
    /// "Questions 4 to 6 of about 30".
    pub progress: String,
    /// The first screen says what the check is, how long it takes, and that nothing is kept.
    pub first: bool,
    /// The answers sent could not be read: the check starts again.
    pub restarted: bool,
    /// The questions.
    pub fields: Vec<Field>,
    /// Whether any field has an error.
    pub has_errors: bool,
    /// The ids of the safety questions asked once more, comma-separated.
    pub asked: String,
    /// The hidden fields.
    pub carry: CheckCarry,
}

/// The result of the check, with the sign-up form that keeps it.
#[derive(Template)]
#[template(path = "check_result.html")]
pub struct CheckResultPage {
    /// The page context.
    pub ctx: Ctx,
    /// The level's id (`urgent`, ...), for the banner's class.
    pub level: &'static str,
    /// The level's title.
    pub title: String,
    /// What to do.
    pub action: String,
    /// Why, each reason with its rule and source.
    pub reasons: Vec<ReasonView>,
    /// What skipped safety questions leave open.
    pub open: Option<ReasonView>,
    /// Said at the top when skipped answers made the result more urgent.
    pub raised: Option<String>,
    /// Whether a plan of exercises waits until a clinician has seen the person.
    pub plan_withheld: bool,
    /// "Supports decisions, does not diagnose".
    pub disclaimer: String,
    /// The hidden fields (the sign-up form sends the answers on).
    pub carry: CheckCarry,
}

fn screen_page(
    ctx: Ctx,
    carried: &Carried,
    posted: Option<&[(String, String)]>,
    errors: &[(&'static str, String)],
    restarted: bool,
) -> Response {
    let Some(current) = carried.screens.last() else {
        return result_page(ctx, carried);
    };
    let asked: Vec<&'static Question> = current
        .iter()
        .filter_map(|id| questions::find(id))
        .collect();
    let mut fields = question_fields(&ctx, &asked, &carried.intake, posted, errors);
    for f in fields
        .iter_mut()
        .filter(|f| carried.asked.contains(&f.name.as_str()))
    {
        f.again = questions::find(&f.name).map(|q| open::ask_again(q).get(ctx.lang).to_owned());
    }
    // The questions of the screens before this one, and of this one and those still to
    // come (which answers so far may have added to or taken from).
    let earlier: Vec<&str> = carried.screens[..carried.screens.len() - 1].concat();
    let before = earlier.len();
    let total = before
        + safety_questions(&carried.intake)
            .filter(|q| !earlier.contains(&q.id))
            .count();
    let progress = ctx.t_args(
        "check-progress",
        &[
            ("from", &(before + 1).to_string()),
            ("to", &(before + asked.len()).to_string()),
            ("total", &total.to_string()),
        ],
    );
    let page = CheckPage {
        title: asked
            .first()
            .map(|q| q.section.title().get(ctx.lang).to_owned())
            .unwrap_or_default(),
        progress,
        first: carried.screens.len() == 1,
        restarted,
        fields,
        has_errors: !errors.is_empty(),
        asked: carried.asked.join(","),
        carry: carried.carry(),
        ctx,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(status, &page)
}

fn result_page(ctx: Ctx, carried: &Carried) -> Response {
    let result = assess(&carried.intake);
    let triage = &result.triage;
    let WhyViews {
        reasons,
        open,
        open_questions,
    } = why_views(&ctx, &IssuedTriage::from(triage), &carried.intake, triage);
    // The check leaves out the questions that only the pain pattern and the plan need (and
    // the inflammatory back pain rules read some of those), so "self-care" here only means
    // that no warning sign came up: it says that, and that the full result comes after the
    // rest of the questions, rather than a level the full intake might raise.
    let clear = triage.level == Level::SelfCare;
    let (title, action, reasons) = if clear {
        (
            ctx.t("check-clear-title"),
            ctx.t("check-clear-action"),
            Vec::new(),
        )
    } else {
        (triage.title.clone(), triage.action.clone(), reasons)
    };
    let page = CheckResultPage {
        level: triage.level.id(),
        title,
        action,
        reasons,
        open,
        raised: open_questions.notice.clone(),
        plan_withheld: triage.level >= Level::Urgent
            || !backcare_core::plan::withholding_reasons(&result).is_empty(),
        disclaimer: result.disclaimer.clone(),
        carry: carried.carry(),
        ctx,
    };
    render(StatusCode::OK, &page)
}

/// The first screen of a check with no answers yet.
fn start(ctx: Ctx, restarted: bool) -> Response {
    let mut carried = Carried::default();
    carried.intake.language = ctx.lang;
    if let Some(first) = next_screen(&carried.intake, &[]) {
        carried.screens.push(first.iter().map(|q| q.id).collect());
    }
    screen_page(ctx, &carried, None, &[], restarted)
}

/// `GET /check`: the first screen of warning-sign questions (a signed-in patient goes to
/// their intake, which starts with the same questions and keeps the answers).
pub async fn check_start(ctx: Ctx, viewer: Option<Viewer>) -> Response {
    if viewer.is_some_and(|v| v.role == Role::Patient) {
        return Redirect::to("/intake/1").into_response();
    }
    start(ctx, false)
}

/// `POST /check`: takes a screen's answers; then the emergency page, the same screen
/// again (errors, or safety questions left empty for the first time), the next screen, or
/// the result. `action=back` shows the screen before; `action=change` the last one.
pub async fn check_step(
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let Ok(mut carried) = Carried::from_form(&ctx, &pairs) else {
        return Ok(start(ctx, true));
    };
    let Some(current) = carried.screens.last().cloned() else {
        return Ok(start(ctx, false));
    };
    match posted(&pairs, "action") {
        Some("back") => {
            if carried.screens.len() > 1 {
                carried.screens.pop();
            }
            carried.asked.clear();
            return Ok(screen_page(ctx, &carried, None, &[], false));
        }
        Some("change") => {
            carried.asked.clear();
            return Ok(screen_page(ctx, &carried, None, &[], false));
        }
        _ => {}
    }
    let asked: Vec<&'static Question> = current
        .iter()
        .filter_map(|id| questions::find(id))
        .collect();
    let errors = apply_section(&ctx, &mut carried.intake, &asked, &pairs);
    if !errors.is_empty() {
        return Ok(screen_page(ctx, &carried, Some(&pairs), &errors, false));
    }
    questions::clear_unasked(&mut carried.intake);
    let result = assess(&carried.intake);
    if result.triage.level == Level::Emergency {
        let carry = carried.carry();
        return Ok(emergency_page(ctx, &result, Some(carry)));
    }
    let ask_again: Vec<&'static str> = asked
        .iter()
        .filter(|q| q.applies(&carried.intake) && !carried.asked.contains(&q.id))
        .filter(|q| questions::current(&carried.intake, q).is_none())
        .map(|q| q.id)
        .collect();
    carried.asked = ask_again;
    if carried.asked.is_empty() {
        let shown = carried.shown();
        match next_screen(&carried.intake, &shown) {
            Some(next) => carried.screens.push(next.iter().map(|q| q.id).collect()),
            None => return Ok(result_page(ctx, &carried)),
        }
    }
    Ok(screen_page(ctx, &carried, None, &[], false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check keeps nothing: none of its code can reach the store (the one way in is
    /// the application state), so an anonymous person's answers cannot be saved by mistake.
    #[test]
    fn the_check_cannot_reach_the_store() {
        let source = include_str!("check.rs");
        let code = &source[..source.find("#[cfg(test)]").unwrap_or(source.len())];
        for word in [concat!("App", "State"), concat!("sto", "re.")] {
            assert!(!code.contains(word), "check.rs uses {word}");
        }
    }

    #[test]
    fn screens_are_short_of_one_section_and_start_with_the_warning_signs() {
        let blank = Intake::default();
        let mut shown: Vec<&str> = Vec::new();
        let mut sections: Vec<questions::Section> = Vec::new();
        while let Some(screen) = next_screen(&blank, &shown) {
            assert!(!screen.is_empty() && screen.len() <= PER_SCREEN);
            let section = screen[0].section;
            assert!(screen.iter().all(|q| q.section == section && q.is_safety()));
            sections.push(section);
            shown.extend(screen.iter().map(|q| q.id));
        }
        assert_eq!(sections.first(), Some(&questions::Section::WarningSigns));
        let mut sorted = sections.clone();
        sorted.sort();
        assert_eq!(
            sections, sorted,
            "sections come in the questionnaire's order"
        );
        assert_eq!(shown.len(), crate::model::intake_form::check_length().0);
        // Every safety question that applies to a blank intake is asked once.
        let mut unique = shown.clone();
        unique.dedup();
        assert_eq!(unique.len(), shown.len());
    }

    #[test]
    fn a_follow_up_question_comes_on_the_next_screen() {
        let mut intake = Intake::default();
        let mut shown: Vec<&str> = Vec::new();
        while let Some(screen) = next_screen(&intake, &shown) {
            shown.extend(screen.iter().map(|q| q.id));
            if shown.contains(&"sex") {
                break;
            }
        }
        // "Pregnant" waits for the answer about sex, so it starts a screen of its own.
        assert_eq!(shown.last(), Some(&"sex"), "{shown:?}");
        let male = questions::find("sex").unwrap();
        questions::apply(&mut intake, male, &questions::AnswerValue::choice("male")).unwrap();
        assert!(
            next_screen(&intake, &shown)
                .unwrap()
                .iter()
                .all(|q| !q.id.contains("pregnan"))
        );
        let female = questions::find("sex").unwrap();
        questions::apply(
            &mut intake,
            female,
            &questions::AnswerValue::choice("female"),
        )
        .unwrap();
        assert_eq!(next_screen(&intake, &shown).unwrap()[0].id, "pregnant");
        shown.push("pregnant");
        let pregnant = questions::find("pregnant").unwrap();
        questions::apply(
            &mut intake,
            pregnant,
            &questions::AnswerValue::choice("yes"),
        )
        .unwrap();
        let next = next_screen(&intake, &shown).unwrap();
        assert!(
            next.iter()
                .any(|q| q.id.starts_with("other_symptoms.pregnancy")),
            "{:?}",
            next.iter().map(|q| q.id).collect::<Vec<_>>()
        );
    }
}
