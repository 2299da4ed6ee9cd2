//! The patient's result and plan pages.
//!
//! The result is shown from the saved intake, assessed again in the page's language:
//! [`backcare_core::assess`] is a pure function of the answers, so this gives the saved
//! result in whichever language the person reads now (the stored result JSON keeps the
//! record as it was made, in the language of that day, for the export and clinicians).
//!
//! The triage banner always comes first, as in every backcare output.

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
use crate::infra::pages::{Ctx, MessagePage, render};
use crate::model::assessment::reassess;
use crate::model::views::{Detail, score_lines};

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
    pub source: &'static str,
}

/// One reason of the triage, as shown under "why".
#[derive(Debug)]
pub struct ReasonView {
    /// The level's id, for the marker's class.
    pub level: &'static str,
    /// What to do about it.
    pub advice: String,
    /// "Because of: ...".
    pub because: Option<String>,
    /// "rule X · Source: Y".
    pub cite: String,
}

/// One suggested code.
#[derive(Debug)]
pub struct CodeView {
    /// The code.
    pub code: &'static str,
    /// What it means, and when it applies.
    pub description: String,
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
    /// Why no pattern is given, if so.
    pub patterns_withheld: Option<String>,
    /// The patterns.
    pub patterns: Vec<PatternView>,
    /// The STarT Back risk group, if scored.
    pub risk_group: Option<String>,
    /// One line per score.
    pub scores: Vec<String>,
    /// Reasons that rest on a definite answer, in full.
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
    /// Why the codes are only suggestions.
    pub codes_notice: String,
    /// Suggested codes.
    pub codes: Vec<CodeView>,
    /// "Supports decisions, does not diagnose".
    pub disclaimer: String,
}

/// The result page of one saved assessment.
pub fn result_page(ctx: Ctx, stored: &StoredAssessment) -> Response {
    let Some((intake, result)) = reassess(stored, ctx.lang) else {
        tracing::error!("a saved intake no longer parses");
        return ctx.failure_page();
    };
    let triage = &result.triage;
    let cite = |ids: &str, source: &str| {
        format!(
            "{} {ids} · {}: {source}",
            ctx.t("result-rule"),
            ctx.t("result-source"),
        )
    };
    let reasons = triage
        .reasons
        .iter()
        .filter(|r| r.certain)
        .map(|r| ReasonView {
            level: r.level.id(),
            advice: r.advice.clone(),
            because: (!r.because.is_empty())
                .then(|| format!("{}: {}", ctx.t("result-because"), r.because.join("; "))),
            cite: cite(r.rule_id, r.source),
        })
        .collect();
    let open = open::open(&intake, triage);
    let uncertain: Vec<_> = triage.reasons.iter().filter(|r| !r.certain).collect();
    let rule_ids: Vec<&str> = uncertain.iter().map(|r| r.rule_id).collect();
    let mut sources: Vec<&str> = Vec::new();
    for r in &uncertain {
        if !sources.contains(&r.source) {
            sources.push(r.source);
        }
    }
    // In an emergency the wizard stopped at once, so most questions were never asked:
    // listing them as "open" would bury the one thing to do now.
    let emergency = triage.level == Level::Emergency;
    let open_view = match (&open.list, &open.advice, open.level) {
        (Some(list), Some(advice), Some(level)) if !emergency => Some(ReasonView {
            level: level.id(),
            advice: format!("{list} {advice}"),
            because: None,
            cite: cite(&rule_ids.join(", "), &sources.join("; ")),
        }),
        _ => None,
    };
    let answer_open = (open.raised && !open.questions.is_empty())
        .then(|| format!("/result/{}/answer", stored.id.0));
    let patterns = result
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
            source: p.source,
        })
        .collect();
    let codes = result
        .codes
        .icd10cm
        .iter()
        .chain(&result.codes.cpt)
        .map(|c| CodeView {
            code: c.code,
            description: match &c.condition {
                Some(cond) => format!("{} ({cond})", c.description),
                None => c.description.clone(),
            },
        })
        .collect();
    let page = ResultPage {
        level: triage.level.id(),
        emergency: triage.level == Level::Emergency,
        title: triage.title.clone(),
        action: triage.action.clone(),
        date: stored.created_at.date().to_string(),
        patterns_withheld: result.patterns_withheld.clone(),
        patterns,
        risk_group: result
            .scores
            .risk_group()
            // Its meaning is in the STarT Back score line.
            .map(|g| g.label().get(ctx.lang).to_owned()),
        scores: score_lines(&ctx, &result.scores, Detail::Full),
        reasons,
        open: open_view,
        raised: open.notice.clone(),
        answer_open,
        plan_withheld: !backcare_core::plan::withholding_reasons(&result).is_empty(),
        codes_notice: result.codes.notice.clone(),
        codes,
        disclaimer: result.disclaimer.clone(),
        ctx,
    };
    render(StatusCode::OK, &page)
}

fn message(ctx: Ctx, status: StatusCode, title: &str, text: &str) -> Response {
    let page = MessagePage {
        title: ctx.t(title),
        text: ctx.t(text),
        ctx,
    };
    render(status, &page)
}

/// `GET /result`: the latest assessment's result, or a start button.
pub async fn latest_result(ctx: Ctx, viewer: Viewer, State(state): State<AppState>) -> Response {
    match state.store.latest_assessment(viewer.id).await {
        Ok(Some(stored)) => result_page(ctx, &stored),
        Ok(None) => {
            let page = NoResultPage { ctx };
            render(StatusCode::OK, &page)
        }
        Err(e) => ctx.internal_error(&e),
    }
}

/// `GET /result/{id}`: one of the patient's own results; anyone else's is "not found".
pub async fn one_result(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    match own(&state, &ctx, &viewer, &id).await {
        Ok(stored) => result_page(ctx, &stored),
        Err(r) => r,
    }
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

/// One of the viewer's saved assessments, or the page to show instead.
async fn own(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    id: &str,
) -> Result<StoredAssessment, Response> {
    let not_found = |ctx: &Ctx| {
        message(
            ctx.clone(),
            StatusCode::NOT_FOUND,
            "not-found-title",
            "not-found-text",
        )
    };
    let Ok(id) = id.parse::<i64>() else {
        return Err(not_found(ctx));
    };
    match state.store.assessment(viewer.id, AssessmentId(id)).await {
        Ok(stored) => Ok(stored),
        Err(backcare_storage::Error::NotFound) => Err(not_found(ctx)),
        Err(e) => Err(ctx.internal_error(&e)),
    }
}

/// The intake of `stored` in `lang` and the questions it leaves open; `None` if the saved
/// intake no longer parses.
fn open_questions(
    stored: &StoredAssessment,
    lang: Lang,
) -> Option<(Intake, Vec<&'static Question>)> {
    let (intake, result) = reassess(stored, lang)?;
    let asked = open::open(&intake, &result.triage)
        .questions
        .iter()
        .filter_map(|id| questions::find(id))
        .collect();
    Some((intake, asked))
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
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let stored = match own(&state, &ctx, &viewer, &id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some((intake, asked)) = open_questions(&stored, ctx.lang) else {
        tracing::error!("a saved intake no longer parses");
        return ctx.failure_page();
    };
    if asked.is_empty() {
        return Redirect::to(&format!("/result/{}", stored.id.0)).into_response();
    }
    answer_open_page(ctx, stored.id.0, &intake, &asked, None, &[])
}

/// `POST /result/{id}/answer`: adds the answers to that result's intake and saves the
/// result again as a new assessment, as the wizard does at its end; then shows it. An
/// empty answer stays "not answered".
pub async fn answer_open(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let stored = match own(&state, &ctx, &viewer, &id).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some((mut intake, asked)) = open_questions(&stored, ctx.lang) else {
        tracing::error!("a saved intake no longer parses");
        return ctx.failure_page();
    };
    let before = intake.clone();
    let errors = crate::model::intake_form::apply_section(&ctx, &mut intake, &asked, &pairs);
    if !errors.is_empty() {
        return answer_open_page(ctx, stored.id.0, &before, &asked, Some(&pairs), &errors);
    }
    questions::clear_unasked(&mut intake);
    let json = match serde_json::to_value(&intake) {
        Ok(v) => v,
        Err(e) => {
            tracing::error!(error = %e, "intake did not serialise");
            return ctx.failure_page();
        }
    };
    let result = assess(&intake);
    let now = time::OffsetDateTime::now_utc();
    match crate::model::assessment::save(&state, viewer.id, &json, &result, now).await {
        Ok(new) => Redirect::to(&format!("/result/{}", new.0)).into_response(),
        Err(e) => ctx.internal_error(&e),
    }
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
    /// The illustration (SVG made by `figure::svg` from our own pose data).
    pub svg: Option<String>,
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
}

/// This week's plan for the latest assessment, or `None` without one: the week that
/// today falls in, counted from the latest assessment's day, adapted from the diary
/// ([`crate::model::record::CareRecord::plan`]).
async fn week_plan(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
) -> Result<Option<backcare_core::plan::WeekPlan>, Response> {
    let today = time::OffsetDateTime::now_utc().date();
    match crate::model::record::CareRecord::load(&state.store, viewer.id, today, ctx.lang).await {
        Ok(record) => {
            if !record.assessments().is_empty() && record.latest().is_none() {
                tracing::error!("a saved intake no longer parses");
                return Err(ctx.failure_page());
            }
            Ok(record.plan().cloned())
        }
        Err(e) => Err(ctx.internal_error(&e)),
    }
}

/// `GET /plan`: this week's exercises with their pictures, the walking goal and the
/// articles to read; only the triage advice when the plan is withheld.
pub async fn plan_page(ctx: Ctx, viewer: Viewer, State(state): State<AppState>) -> Response {
    use backcare_content::{articles, exercises, figure};
    use backcare_core::exercise::Dose;
    use backcare_core::plan::PlanStatus;
    let plan = match week_plan(&state, &ctx, &viewer).await {
        Ok(Some(p)) => p,
        Ok(None) => return render(StatusCode::OK, &NoResultPage { ctx }),
        Err(r) => return r,
    };
    let lang = ctx.lang;
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
                dose: format!(
                    "{} · {}",
                    p.dose.describe(lang),
                    Dose::frequency(p.days_per_week, lang)
                ),
                purpose: ex.purpose.get(lang).to_owned(),
                steps: ex.steps.get(lang).iter().map(|s| s.to_string()).collect(),
                feel: ex.should_feel.get(lang).to_owned(),
                stop: ex.stop_if.get(lang).to_owned(),
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
        ctx,
    };
    render(StatusCode::OK, &page)
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
pub async fn plan_print(ctx: Ctx, viewer: Viewer, State(state): State<AppState>) -> Response {
    match week_plan(&state, &ctx, &viewer).await {
        Ok(Some(plan)) => {
            let (html, _) = split_style(&backcare_content::handout::html(&plan));
            (StatusCode::OK, axum::response::Html(html)).into_response()
        }
        Ok(None) => render(StatusCode::OK, &NoResultPage { ctx }),
        Err(r) => r,
    }
}
