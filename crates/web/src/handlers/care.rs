//! The patient's result and plan pages.
//!
//! The result is shown as it was issued ([`crate::model::assessment::read`]): the level,
//! the advice, the reasons and patterns the person was given that day, in the
//! language they were given in. When today's rules would give another level, a note says
//! so. The score lines and the questions left open are worked out from the saved answers
//! in the page's language. A saved result that cannot be read says so, with its date and
//! its stored level when that part can be read.
//!
//! The triage banner always comes first, as in every backcare output.
//!
//! The suggested billing codes are not on the patient's page: they are for the clinician's record
//! and FHIR. The rule and source of each reason are one tap away, in a "where this comes
//! from" disclosure, not in the main text.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_core::patterns::Fit;
use backcare_core::questions::{self, Question};
use backcare_core::triage::{Level, open};
use backcare_core::{Intake, Lang, assess};
use backcare_storage::{AssessmentId, StoredAssessment};

use crate::AppState;
use crate::infra::auth::Viewer;
use crate::infra::clock::{offset_for, today_for};
use crate::infra::error::AppError;
use crate::infra::pages::{self, Ctx, MessagePage, render, render_kept};
use crate::infra::privacy::Consented;
use crate::model::assessment::{RESULT_UNREADABLE, ReadAssessment, Unreadable, read};
use crate::model::record::KeptPage;
use crate::model::views::{
    Detail, ReasonView, TailoredView, WhyViews, instruction_for, score_lines, tailored_view,
    tailoring_history, why_views,
};

/// One pattern as shown.
#[derive(Debug)]
pub struct PatternView {
    /// Its name and how well it fits.
    pub name: String,
    /// In plain words.
    pub explanation: String,
    /// The signs that fit.
    pub met: Vec<String>,
    /// Where the criteria come from.
    pub source: String,
}

/// The result page.
#[derive(Template)]
#[template(path = "result.html")]
pub struct ResultPage {
    /// The page context.
    pub ctx: Ctx,
    /// The level's id (`emergency`, ...), for the banner's class.
    pub level: &'static str,
    /// Whether the level is an emergency (the banner is then an alert).
    pub emergency: bool,
    /// The level's title.
    pub title: String,
    /// What to do.
    pub action: String,
    /// When the assessment was saved (YYYY-MM-DD).
    pub date: String,
    /// Said when today's rules would give another level than the one issued.
    pub rules_changed: Option<String>,
    /// Why no pattern is given, if so.
    pub patterns_withheld: Option<String>,
    /// The patterns.
    pub patterns: Vec<PatternView>,
    /// The STarT Back risk group, if scored.
    pub risk_group: Option<String>,
    /// One line per score.
    pub scores: Vec<String>,
    /// Reasons that rest on a definite answer at the deciding level, in full, then one
    /// line naming the lower ones.
    pub reasons: Vec<ReasonView>,
    /// What unanswered or "don't know" answers leave open, each concern once, with one
    /// safe action ([`open::open`]).
    pub open: Option<ReasonView>,
    /// Said at the top when those answers made the result more urgent.
    pub raised: Option<String>,
    /// Where to answer just those questions.
    pub answer_open: Option<String>,
    /// Whether the plan is withheld until a clinician has seen the person.
    pub plan_withheld: bool,
    /// "Supports decisions, does not diagnose".
    pub disclaimer: String,
}

/// The page shown for a saved result that cannot be read: its date and, when that part
/// can still be read, the level it gave.
pub fn unreadable_page(ctx: Ctx, u: &Unreadable) -> Response {
    let page = MessagePage {
        title: ctx.t("record-unreadable-title"),
        text: u.describe(ctx.lang, RESULT_UNREADABLE),
        ctx,
    };
    render(StatusCode::OK, &page)
}

/// The result page of one saved assessment, as issued.
pub fn result_page(ctx: Ctx, stored: &StoredAssessment) -> Response {
    match read(stored) {
        Ok(read) => issued_page(ctx, &read),
        Err(u) => unreadable_page(ctx, &u),
    }
}

fn issued_page(ctx: Ctx, read: &ReadAssessment) -> Response {
    let issued = &read.issued.result;
    let triage = &issued.triage;
    // Today's engine over the same answers, in the page's language: only for the score
    // lines, the questions left open and whether the plan is withheld.
    let (intake, today) = read.in_lang(ctx.lang);
    let WhyViews {
        reasons,
        open: open_view,
        open_questions: open,
    } = why_views(&ctx, triage, &intake, &today.triage);
    let emergency = triage.level == Level::Emergency;
    let answer_open = (open.raised && !open.questions.is_empty())
        .then(|| format!("/result/{}/answer", read.id.0));
    let patterns = issued
        .patterns
        .iter()
        .map(|p| PatternView {
            name: format!(
                "{} ({})",
                p.name,
                match p.fit {
                    Fit::Likely => ctx.t("result-fit-likely"),
                    Fit::Possible => ctx.t("result-fit-possible"),
                }
            ),
            explanation: p.explanation.clone(),
            met: p.met.clone(),
            source: p.source.clone(),
        })
        .collect();
    let rules_changed = read.rules_changed().then(|| {
        ctx.t_args(
            "result-rules-changed",
            &[("level", read.today.title().get(ctx.lang))],
        )
    });
    let page = ResultPage {
        level: triage.level.id(),
        emergency,
        title: triage.title.clone(),
        action: triage.action.clone(),
        date: read.created_at.date().to_string(),
        rules_changed,
        patterns_withheld: issued.patterns_withheld.clone(),
        patterns,
        risk_group: today
            .scores
            .risk_group()
            // Its meaning is in the STarT Back score line.
            .map(|g| g.label().get(ctx.lang).to_owned()),
        scores: score_lines(&ctx, &today.scores, Detail::Full),
        reasons,
        open: open_view,
        raised: open.notice.clone(),
        answer_open,
        // Withheld when either the issued level or today's rules call for a clinician.
        plan_withheld: read.level() >= Level::Urgent
            || !backcare_core::plan::withholding_reasons(&today).is_empty(),
        disclaimer: issued.disclaimer.clone(),
        ctx,
    };
    render(StatusCode::OK, &page)
}

/// `GET /result`: the latest assessment's result, or a start button.
pub async fn latest_result(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    Ok(match state.store.latest_assessment(viewer.id).await? {
        Some(stored) => result_page(ctx, &stored),
        None => render(StatusCode::OK, &NoResultPage { ctx }),
    })
}

/// `GET /result/{id}`: one of the patient's own results; anyone else's is "not found".
pub async fn one_result(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    Ok(match own(&state, &viewer, &id).await? {
        Some(stored) => result_page(ctx, &stored),
        None => ctx.not_found_page(),
    })
}

/// The page that asks only the questions a result left open.
#[derive(Template)]
#[template(path = "answer_open.html")]
pub struct AnswerOpenPage {
    /// The page context.
    pub ctx: Ctx,
    /// The result these questions belong to.
    pub id: i64,
    /// The questions.
    pub fields: Vec<crate::model::intake_form::Field>,
    /// Whether any field has an error.
    pub has_errors: bool,
}

/// One of the viewer's saved assessments; `None` when `id` is not one of theirs.
async fn own(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<Option<StoredAssessment>, AppError> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    match state.store.assessment(viewer.id, AssessmentId(id)).await {
        Ok(stored) => Ok(Some(stored)),
        Err(backcare_storage::Error::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The intake of `stored` in `lang` and the questions it leaves open; the record that
/// could not be read when it does not decode.
fn open_questions(
    stored: &StoredAssessment,
    lang: Lang,
) -> Result<(Intake, Vec<&'static Question>), Unreadable> {
    let (intake, result) = read(stored)?.in_lang(lang);
    let asked = open::open(&intake, &result.triage)
        .questions
        .iter()
        .filter_map(|id| questions::find(id))
        .collect();
    Ok((intake, asked))
}

fn answer_open_page(
    ctx: Ctx,
    id: i64,
    intake: &Intake,
    asked: &[&'static Question],
    posted: Option<&[(String, String)]>,
    errors: &[(&'static str, String)],
) -> Response {
    let fields = crate::model::intake_form::question_fields(&ctx, asked, intake, posted, errors);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AnswerOpenPage {
        ctx,
        id,
        fields,
        has_errors: !errors.is_empty(),
    };
    render(status, &page)
}

/// `GET /result/{id}/answer`: only the questions that result left open (skipped or
/// "don't know"), in the wizard's form; the result itself when none is open.
pub async fn answer_open_form(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let Some(stored) = own(&state, &viewer, &id).await? else {
        return Ok(ctx.not_found_page());
    };
    let (intake, asked) = match open_questions(&stored, ctx.lang) {
        Ok(q) => q,
        Err(u) => return Ok(unreadable_page(ctx, &u)),
    };
    if asked.is_empty() {
        return Ok(Redirect::to(&format!("/result/{}", stored.id.0)).into_response());
    }
    Ok(answer_open_page(
        ctx,
        stored.id.0,
        &intake,
        &asked,
        None,
        &[],
    ))
}

/// `POST /result/{id}/answer`: adds the answers to that result's intake and saves the
/// result again as a new assessment, as the wizard does at its end; then shows it. An
/// empty answer stays "not answered".
pub async fn answer_open(
    ctx: Ctx,
    viewer: Viewer,
    _consented: Consented,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let Some(stored) = own(&state, &viewer, &id).await? else {
        return Ok(ctx.not_found_page());
    };
    let (mut intake, asked) = match open_questions(&stored, ctx.lang) {
        Ok(q) => q,
        Err(u) => return Ok(unreadable_page(ctx, &u)),
    };
    let before = intake.clone();
    let errors = crate::model::intake_form::apply_section(&ctx, &mut intake, &asked, &pairs);
    if !errors.is_empty() {
        return Ok(answer_open_page(
            ctx,
            stored.id.0,
            &before,
            &asked,
            Some(&pairs),
            &errors,
        ));
    }
    questions::clear_unasked(&mut intake);
    let result = assess(&intake);
    let now = state.clock.now();
    let new = crate::model::assessment::save(&state, viewer.id, &intake, &result, now).await?;
    Ok(Redirect::to(&format!("/result/{}", new.0)).into_response())
}

/// The result page before any assessment.
#[derive(Template)]
#[template(path = "no_result.html")]
pub struct NoResultPage {
    /// The page context.
    pub ctx: Ctx,
}

/// One exercise of the plan, as shown.
#[derive(Debug)]
pub struct ExerciseView {
    /// Its name.
    pub name: String,
    /// The illustration (SVG made by `figure::svg` from our own pose data): the start and
    /// end poses side by side.
    pub svg: Option<String>,
    /// The same movement playing in one picture (`figure::animated_svg`); the stylesheet
    /// shows it instead of the still pictures unless the person asks for less motion.
    pub moving: Option<String>,
    /// This week's dose and how often.
    pub dose: String,
    /// What it is for.
    pub purpose: String,
    /// How to do it.
    pub steps: Vec<String>,
    /// What it should feel like.
    pub feel: String,
    /// When to stop.
    pub stop: String,
    /// The clinician's instruction for it, if any.
    pub instruction: Option<String>,
    /// The clinician's reason for choosing it although the plan would usually leave it out.
    pub override_line: Option<String>,
    /// Why it is in the plan.
    pub why: String,
}

/// An article to read.
#[derive(Debug)]
pub struct ReadingView {
    /// The article's id.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// Why it is suggested.
    pub reason: String,
}

/// The plan page.
#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    /// The page context.
    pub ctx: Ctx,
    /// Who tailored the plan, and its goal, when a clinician did.
    pub tailored: Option<TailoredView>,
    /// Every version of the tailoring, newest first: who and when, and what it changed.
    pub history: Vec<(String, Vec<String>)>,
    /// The week number.
    pub week: u16,
    /// "2026-11-23 – 2026-11-29".
    pub dates: String,
    /// When withheld: the level's id (for the banner's class), title, action and the
    /// advice of each red flag at that level.
    pub withheld: Option<(&'static str, String, String, Vec<String>)>,
    /// A recommendation to see a clinician.
    pub see_clinician: Option<String>,
    /// The exercises.
    pub exercises: Vec<ExerciseView>,
    /// Walking minutes a day and why.
    pub activity: Option<(u16, String)>,
    /// What to do in a flare-up.
    pub flare: Option<String>,
    /// Articles to read.
    pub reading: Vec<ReadingView>,
    /// What changed since last week, and why (from the diary).
    pub change: String,
    /// The published sources behind this week's choices.
    pub sources: Vec<String>,
}

/// What the plan pages show: this week's plan, none (no assessment yet), or the newest
/// assessment that could not be read.
enum WeekPlan {
    Plan(Box<backcare_core::plan::WeekPlan>),
    NoResult,
    Unreadable(Unreadable),
}

/// This week's plan for the latest assessment: the week that today falls in, counted
/// from the latest assessment's day, adapted from the diary
/// ([`crate::model::record::CareRecord::plan`]).
async fn week_plan(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    today: time::Date,
) -> Result<WeekPlan, AppError> {
    let record =
        crate::model::record::CareRecord::load(&state.store, viewer.id, today, ctx.lang).await?;
    // A plan made from an older result would hide that the newest one could not be read
    // (it is logged where it was read).
    if let Some(u) = record.newer_unreadable().last() {
        return Ok(WeekPlan::Unreadable(u.clone()));
    }
    Ok(match record.plan() {
        Some(plan) => WeekPlan::Plan(Box::new(plan.clone())),
        None => WeekPlan::NoResult,
    })
}

/// `GET /plan`: this week's exercises with their pictures, the walking goal and the
/// articles to read; only the triage advice when the plan is withheld.
pub async fn plan_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    use backcare_content::{articles, exercises, figure};
    use backcare_core::exercise::Dose;
    use backcare_core::plan::PlanStatus;
    // Kept until the record changes (or the day does): the figures and the plan are the
    // page's cost, and they follow from the record alone.
    let kept = KeptPage::of(&state, &ctx, viewer.id, "plan").await?;
    if let Some(html) = state.pages.get(&kept.key) {
        return Ok(pages::kept(html));
    }
    let plan = match week_plan(&state, &ctx, &viewer, kept.today).await? {
        WeekPlan::Plan(p) => p,
        WeekPlan::NoResult => return Ok(render(StatusCode::OK, &NoResultPage { ctx })),
        WeekPlan::Unreadable(u) => return Ok(unreadable_page(ctx, &u)),
    };
    let lang = ctx.lang;
    let versions = state.store.plan_versions(viewer.id).await?;
    let latest = versions.first().cloned();
    let offset = offset_for(&state, viewer.id).await?;
    let tailored = latest.as_ref().map(|v| tailored_view(&ctx, v, offset));
    let history = tailoring_history(&ctx, &versions, offset);
    let withheld = match &plan.status {
        PlanStatus::Withheld {
            level,
            title,
            action,
            advice,
        } => Some((level.id(), title.clone(), action.clone(), advice.clone())),
        PlanStatus::Active => None,
    };
    let exercises = plan
        .exercises
        .iter()
        .filter_map(|p| {
            let ex = exercises::get(&p.id)?;
            Some(ExerciseView {
                name: ex.name.get(lang).to_owned(),
                svg: figure::figure(p.id.as_str()).map(|f| figure::svg(f, lang)),
                moving: figure::figure(p.id.as_str()).map(|f| figure::animated_svg(f, lang)),
                dose: format!(
                    "{} · {}",
                    p.dose.describe(lang),
                    Dose::frequency(p.days_per_week, lang)
                ),
                purpose: ex.purpose.get(lang).to_owned(),
                steps: ex.steps.get(lang).iter().map(|s| s.to_string()).collect(),
                feel: ex.should_feel.get(lang).to_owned(),
                stop: ex.stop_if.get(lang).to_owned(),
                instruction: instruction_for(latest.as_ref(), p.id.as_str()),
                override_line: p
                    .override_reason
                    .as_deref()
                    .map(|r| ctx.t_args("plan-override", &[("reason", r)])),
                why: p.reason.clone(),
            })
        })
        .collect();
    let reading = plan
        .education
        .iter()
        .filter_map(|e| {
            let a = articles::get(e.article_id, lang)?;
            Some(ReadingView {
                id: e.article_id,
                title: a.meta.title.clone(),
                reason: e.reason.clone(),
            })
        })
        .collect();
    let page = PlanPage {
        tailored,
        history,
        week: plan.week,
        dates: format!("{} – {}", plan.dates.start, plan.dates.end),
        withheld,
        see_clinician: plan.see_clinician.clone(),
        exercises,
        activity: plan
            .activity
            .as_ref()
            .map(|a| (a.walking_minutes_per_day, a.reason.clone())),
        flare: plan.flare_advice.clone(),
        reading,
        change: plan.decision.reason().to_owned(),
        sources: plan.sources.clone(),
        ctx,
    };
    Ok(render_kept(&state.pages, kept.key, &page))
}

/// The printable handout's stylesheet. `handout::html` puts it in a `<style>` element,
/// which our Content-Security-Policy (`style-src 'self'`) blocks, so the print view serves
/// it as a file instead: taken once from a handout (the CSS is the same for every plan).
static HANDOUT_CSS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    use backcare_core::plan::{self, Date, History, Preferences};
    let intake = Intake::default();
    let result = assess(&intake);
    let Some(history) = Date::new(2026, 1, 5)
        .ok()
        .and_then(|d| History::new(d, Vec::new()).ok())
    else {
        return String::new();
    };
    let plan = plan::plan(
        &intake,
        &result,
        backcare_content::exercises::library(),
        &Preferences::default(),
        &history,
        None,
    );
    split_style(&backcare_content::handout::html(&plan)).1
});

/// The handout's HTML without its `<style>` element, and the CSS that was in it.
fn split_style(html: &str) -> (String, String) {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(start), Some(end)) if start < end => (
            format!(
                "{}<link rel=\"stylesheet\" href=\"/static/handout.css\">{}",
                &html[..start],
                &html[end + "</style>".len()..]
            ),
            html[start + "<style>".len()..end].to_owned(),
        ),
        _ => (html.to_owned(), String::new()),
    }
}

/// `GET /static/handout.css`: the print view's stylesheet.
pub async fn handout_css() -> Response {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        HANDOUT_CSS.as_str(),
    )
        .into_response()
}

/// `GET /plan/print`: this week's plan as the printable handout (`handout::html`).
pub async fn plan_print(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let today = today_for(&state, viewer.id).await?;
    Ok(match week_plan(&state, &ctx, &viewer, today).await? {
        WeekPlan::Plan(plan) => {
            let (html, _) = split_style(&backcare_content::handout::html(&plan));
            (StatusCode::OK, axum::response::Html(html)).into_response()
        }
        WeekPlan::NoResult => render(StatusCode::OK, &NoResultPage { ctx }),
        WeekPlan::Unreadable(u) => unreadable_page(ctx, &u),
    })
}
