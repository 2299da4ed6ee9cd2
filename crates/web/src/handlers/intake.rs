//! The intake as a wizard of short steps that works without JavaScript.
//!
//! One step per section of [`questions::questions`] (the questionnaire as data), then the
//! STarT Back items (with the "not the validated wording" notice). Each step asks only the
//! questions that apply to the answers so far. Oswestry and Roland-Morris are not part of
//! the first intake (they would double its length, and ask about pain "now" again): they
//! are offered with the reassessments (`/reassess`).
//!
//! A question whose condition reads another question of the same step waits until that one
//! is answered ([`on_one_screen`]), and then comes as a follow-up (`?more=1`, which shows
//! every question of the step and is carried by the form as `more`). `GET /intake/{step}` shows a step; `POST /intake/{step}` saves its
//! answers and goes on (Post/Redirect/Get). Not answering a question is a skip.
//!
//! **Progress is kept in the database** (`Store::save_intake_draft`), not in a hidden form
//! field: the answers are health data, so they stay on the server behind the session like
//! every other record (nothing to sign or to trust from the browser), a patient can leave
//! and come back on another device, and `GET /intake/3` can show step 3 with its answers.
//! The draft cascades with the account, is in the export, and is deleted when the
//! assessment is saved.
//!
//! Conditional questions ([`questions::AskIf`]) are re-evaluated on every request: a step
//! shows the questions of its section that apply to the answers so far. When an answer on
//! a step makes a follow-up question of the same section apply, "Next" shows the step
//! again with the new question (and a note saying so).
//!
//! A safety question ([`Question::is_safety`]) left empty is asked once more, at the
//! time: "Next" shows the step again with those questions marked (`?ask=id,...`), and the
//! form carries their ids back (`asked`), so leaving them empty a second time is accepted
//! as "not answered". "Don't know" is an answer and is never asked again.
//!
//! A saved draft that cannot be read is logged at error level, and the person is told
//! plainly that their saved answers could not be read and that they need to start again:
//! every step sends them to the first one, which says so until they save it (which
//! replaces the draft). Nothing is saved over it before that.
//!
//! After every step the answers are assessed ([`backcare_core::assess`]); if the level is
//! an emergency, the wizard stops: every step shows the emergency advice instead (the
//! assessment is saved once, so the result and a linked clinician see it), until the
//! person changes their answers (`?change=1`).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_core::instruments::prompts::{self, Instrument};
use backcare_core::questions::{self, Question, Section};
use backcare_core::triage::{Level, open};
use backcare_core::{Intake, assess};
use backcare_storage::UserId;
use serde::Deserialize;

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::infra::privacy::Consented;
use crate::model::assessment::save;
use crate::model::emergency::emergency_page;
use crate::model::intake_form::{
    Field, apply_instrument, apply_section, item_field, on_one_screen, posted, question_fields,
};

/// One step of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A section of the clinical questionnaire.
    Section(Section),
    /// A questionnaire scored by backcare (STarT Back, then the optional ODI and RMDQ).
    Instrument(Instrument),
}

/// Every step, in order: the clinical sections first (warning signs first of all), then
/// STarT Back.
pub const STEPS: [Step; 8] = [
    Step::Section(Section::ALL[0]),
    Step::Section(Section::ALL[1]),
    Step::Section(Section::ALL[2]),
    Step::Section(Section::ALL[3]),
    Step::Section(Section::ALL[4]),
    Step::Section(Section::ALL[5]),
    Step::Section(Section::ALL[6]),
    Step::Instrument(Instrument::StartBack),
];

/// The step numbered `n` (from 1).
fn step(n: &str) -> Option<(usize, Step)> {
    let n: usize = n.parse().ok()?;
    STEPS.get(n.checked_sub(1)?).map(|s| (n, *s))
}

/// The questions of `section` that apply to the answers so far.
fn applicable(section: Section, intake: &Intake) -> Vec<&'static Question> {
    questions::questions()
        .iter()
        .filter(|q| q.section == section && q.applies(intake))
        .collect()
}

/// The questions a step shows: those that apply, less any that waits for the answer to
/// another question of the step ([`on_one_screen`]), unless the step is shown again for
/// its follow-ups (`more`), which are then all there.
fn shown(section: Section, intake: &Intake, more: bool) -> Vec<&'static Question> {
    let all = applicable(section, intake);
    if more {
        all
    } else {
        on_one_screen(&all, intake)
    }
}

/// A step of the wizard.
#[derive(Template)]
#[template(path = "intake.html")]
pub struct IntakePage {
    /// The page context.
    pub ctx: Ctx,
    /// This step's number.
    pub step: usize,
    /// "Step 2 of 10".
    pub progress: String,
    /// The step's heading.
    pub title: String,
    /// How to answer (instruments).
    pub instructions: Option<String>,
    /// The "not the validated wording" notice (instruments).
    pub notice: Option<String>,
    /// Whether the whole step may be skipped.
    pub optional: bool,
    /// A follow-up question was added after the last answer.
    pub more: bool,
    /// The questions.
    pub fields: Vec<Field>,
    /// Whether any field has an error.
    pub has_errors: bool,
    /// Changing answers after an emergency stop.
    pub change: bool,
    /// Whether this is the last step.
    pub last: bool,
    /// The ids of the safety questions asked once more on this page, comma-separated,
    /// sent back so that an empty answer now is accepted.
    pub asked: String,
    /// The saved answers could not be read: the person starts again.
    pub restart: bool,
}

/// The saved answers so far, in the page's language.
struct Draft {
    /// The answers (empty without a draft, or when it could not be read).
    intake: Intake,
    /// The saved draft could not be read (and was logged): the person must be told.
    unreadable: bool,
}

/// Reads the saved answers so far. A draft that no longer decodes is logged at error
/// level with its id (a draft is keyed by its user's id) and reported, never read as
/// "no answers yet".
async fn load(state: &AppState, ctx: &Ctx, user: UserId) -> Result<Draft, AppError> {
    let draft = state.store.intake_draft(user).await?;
    let (mut intake, unreadable) =
        match draft.map(|v| backcare_core::record::decode_intake_draft(&v)) {
            None => (Intake::default(), false),
            Some(Ok(intake)) => (intake, false),
            Some(Err(error)) => {
                tracing::error!(
                    record = "intake draft",
                    id = user.0,
                    error = %error,
                    "a stored record could not be read"
                );
                (Intake::default(), true)
            }
        };
    intake.language = ctx.lang;
    Ok(Draft { intake, unreadable })
}

/// The `GET /intake/{step}` query.
#[derive(Debug, Deserialize)]
pub struct StepQuery {
    /// Set after an answer added follow-up questions to this step.
    #[serde(default)]
    more: Option<String>,
    /// Set to change answers after an emergency stop.
    #[serde(default)]
    change: Option<String>,
    /// Safety questions left empty, to ask once more (comma-separated ids).
    #[serde(default)]
    ask: Option<String>,
}

/// The known question ids in a comma-separated list; anything else is ignored.
fn ids(list: Option<&str>) -> Vec<&'static str> {
    list.unwrap_or_default()
        .split(',')
        .filter_map(|id| questions::find(id.trim()).map(|q| q.id))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn step_page(
    ctx: Ctx,
    n: usize,
    step: Step,
    intake: &Intake,
    posted: Option<&[(String, String)]>,
    errors: &[(&'static str, String)],
    more: bool,
    change: bool,
    ask: &[&'static str],
    restart: bool,
) -> Response {
    let lang = ctx.lang;
    let (title, instructions, notice, optional, fields) = match step {
        Step::Section(section) => {
            let mut fields =
                question_fields(&ctx, &shown(section, intake, more), intake, posted, errors);
            for f in fields.iter_mut().filter(|f| ask.contains(&f.name.as_str())) {
                f.again = questions::find(&f.name).map(|q| open::ask_again(q).get(lang).to_owned());
            }
            (
                section.title().get(lang).to_owned(),
                None,
                None,
                false,
                fields,
            )
        }
        Step::Instrument(instrument) => {
            let fields = prompts::items(instrument)
                .iter()
                .map(|item| item_field(&ctx, item, prompts::answer(intake, item)))
                .collect();
            (
                instrument.name().get(lang).to_owned(),
                Some(prompts::instructions(instrument).get(lang).to_owned()),
                Some(prompts::notice(instrument).get(lang).to_owned()),
                instrument != Instrument::StartBack,
                fields,
            )
        }
    };
    let page = IntakePage {
        progress: ctx.t_args(
            "intake-progress",
            &[
                ("step", &n.to_string()),
                ("total", &STEPS.len().to_string()),
            ],
        ),
        ctx,
        step: n,
        title,
        instructions,
        notice,
        optional,
        more,
        has_errors: !errors.is_empty(),
        fields,
        change,
        last: n == STEPS.len(),
        asked: ask.join(","),
        restart,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render(status, &page)
}

/// `GET /intake/{step}`: one step, with the answers saved so far; the emergency advice
/// instead when the answers so far are an emergency.
pub async fn show_step(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Path(n): Path<String>,
    Query(query): Query<StepQuery>,
) -> Result<Response, AppError> {
    let Some((n, step)) = step(&n) else {
        return Ok(ctx.not_found_page());
    };
    let Draft { intake, unreadable } = load(&state, &ctx, viewer.id).await?;
    if unreadable && n != 1 {
        // The first step says why the answers are gone.
        return Ok(Redirect::to("/intake/1").into_response());
    }
    let change = query.change.is_some();
    let result = assess(&intake);
    if result.triage.level == Level::Emergency && !change {
        return Ok(emergency_page(ctx, &result, None));
    }
    Ok(step_page(
        ctx,
        n,
        step,
        &intake,
        None,
        &[],
        query.more.is_some(),
        change,
        &ids(query.ask.as_deref()),
        unreadable,
    ))
}

/// `POST /intake/{step}`: saves the step's answers, then goes back, shows the step again
/// with new follow-up questions, goes on, or (after the last step) saves the assessment
/// and shows the result. Errors show the step again with each message by its field.
pub async fn submit_step(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Path(n): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let Some((n, step)) = step(&n) else {
        return Ok(ctx.not_found_page());
    };
    let Draft {
        mut intake,
        unreadable,
    } = load(&state, &ctx, viewer.id).await?;
    if unreadable && n != 1 {
        // Nothing is saved over the unreadable draft until the person has been told and
        // starts again on the first step.
        return Ok(Redirect::to("/intake/1").into_response());
    }
    let was_emergency = assess(&intake).triage.level == Level::Emergency;
    let back = posted(&pairs, "action") == Some("back");
    let change = posted(&pairs, "change").is_some();
    let mut added = false;
    // Safety questions left empty for the first time on this step.
    let mut ask_again: Vec<&'static str> = Vec::new();
    match step {
        Step::Section(section) => {
            let asked = shown(section, &intake, posted(&pairs, "more").is_some());
            let errors = apply_section(&ctx, &mut intake, &asked, &pairs);
            if !errors.is_empty() {
                // Nothing is saved; the page comes back with what was typed.
                let before = load(&state, &ctx, viewer.id).await?;
                let asked = ids(posted(&pairs, "asked"));
                return Ok(step_page(
                    ctx,
                    n,
                    step,
                    &before.intake,
                    Some(&pairs),
                    &errors,
                    posted(&pairs, "more").is_some(),
                    change,
                    &asked,
                    before.unreadable,
                ));
            }
            questions::clear_unasked(&mut intake);
            added = applicable(section, &intake)
                .iter()
                .any(|q| !asked.iter().any(|a| a.id == q.id));
            let already = ids(posted(&pairs, "asked"));
            ask_again = asked
                .iter()
                .filter(|q| q.is_safety() && q.applies(&intake) && !already.contains(&q.id))
                .filter(|q| questions::current(&intake, q).is_none())
                .map(|q| q.id)
                .collect();
        }
        Step::Instrument(instrument) => apply_instrument(&mut intake, instrument, &pairs),
    }
    let now = state.clock.now();
    let json = backcare_core::record::encode_intake_draft(&intake)
        .map_err(|e| AppError::Internal(format!("intake did not serialise: {e}")))?;
    state
        .store
        .save_intake_draft(viewer.id, Some(&json), now)
        .await?;
    let result = assess(&intake);
    let emergency = result.triage.level == Level::Emergency;
    let reask = !back && !emergency && !ask_again.is_empty();
    let finished = !back && !added && !emergency && !reask && n == STEPS.len();
    if (emergency && !was_emergency) || finished {
        // An emergency stop is saved at once, so the result page and a linked clinician
        // see it; the draft stays so a mistaken answer can be changed.
        let id = save(&state, viewer.id, &intake, &result, now).await?;
        if finished {
            state.store.save_intake_draft(viewer.id, None, now).await?;
            return Ok(Redirect::to(&format!("/result/{}", id.0)).into_response());
        }
    }
    // While changing answers after an emergency stop, the person walks on through the
    // steps (`?change=1`); otherwise an emergency stops the wizard here.
    let keep_changing = change && emergency && n < STEPS.len();
    let to = if emergency && !keep_changing {
        format!("/intake/{n}")
    } else if back {
        format!("/intake/{}", n.saturating_sub(1).max(1))
    } else if reask {
        let more = if added { "&more=1" } else { "" };
        format!("/intake/{n}?ask={}{more}", ask_again.join(","))
    } else if added {
        format!("/intake/{n}?more=1")
    } else {
        format!("/intake/{}", n + 1)
    };
    let to = match (keep_changing, to.contains('?')) {
        (false, _) => to,
        (true, false) => format!("{to}?change=1"),
        (true, true) => format!("{to}&change=1"),
    };
    Ok(Redirect::to(&to).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_cover_every_section_then_the_instruments() {
        let sections: Vec<Section> = STEPS
            .iter()
            .filter_map(|s| match s {
                Step::Section(s) => Some(*s),
                Step::Instrument(_) => None,
            })
            .collect();
        assert_eq!(sections, Section::ALL);
        assert_eq!(STEPS[7], Step::Instrument(Instrument::StartBack));
        assert_eq!(step("1").map(|s| s.0), Some(1));
        assert_eq!(
            STEPS.len(),
            8,
            "no Oswestry or Roland-Morris in the first intake"
        );
        assert!(step("0").is_none() && step("9").is_none() && step("x").is_none());
    }
}
