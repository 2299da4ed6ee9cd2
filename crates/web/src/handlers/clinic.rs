//! Clinicians: the panel of linked patients sorted by concern, share codes, and a linked
//! patient's record.
//!
//! A clinician makes a share code here (`POST /clinician/share-codes`) and gives it to a
//! patient, who redeems it on their sharing page ([`crate::handlers::sharing`]). The code is shown
//! once and stored only as its hash (like session tokens); it can be used once, within
//! [`SHARE_CODE_HOURS`].
//!
//! The panel orders patients by [`backcare_core::concern`], the core's reviewable rule
//! table, from each patient's [`CareRecord`]. It shows only a summary (concern, triage
//! level, risk group, the day of the last diary entry); opening the full record goes
//! through [`backcare_storage::Store::open_patient_record`] first, which checks the link
//! and writes the entry of the patient's access log in one statement.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use backcare_core::concern::{self, Ranking, ScoreChange, Signals};
use backcare_core::exercise::Dose;
use backcare_core::instruments::Instrument;
use backcare_core::instruments::Measure;
use backcare_core::plan::PlanStatus;
use backcare_core::record::IssuedCode;
use backcare_core::triage::Level;
use backcare_storage::{
    Effort, Instruction, NoteText, Questionnaire, SeenResult, Tailoring, UserId,
};
use time::{Date, Duration};

use crate::AppState;
use crate::infra::auth::{Viewer, token_hash};
use crate::infra::clock::{offset_for, today_for};
use crate::infra::error::AppError;
use crate::infra::pages::{Ctx, render};
use crate::model::assessment::{ReadAssessment, Unreadable, UnreadableWords};
use crate::model::people::{PatientLabel, clinician_label, patient_label};
use crate::model::record::{CareRecord, Charts, Due, questionnaire};
use crate::model::share_code::{SHARE_CODE_BYTES, display_share_code};
use crate::model::summary::{ClinicalSummary, level_words};
use crate::model::tailoring::{change_lines, changes_of, dose_words, target_words};
use crate::model::views::when;
use crate::model::views::{Detail, score_lines};
use crate::model::views::{EntryView, NoteView, every_words, note_views};

/// How long a share code can be used.
pub const SHARE_CODE_HOURS: i64 = 24;
/// The days over which the record shows each exercise's adherence.
pub const ADHERENCE_DAYS: u8 = 14;
/// How many diary entries the record lists.
pub const RECORD_DIARY_DAYS: usize = 14;

/// What the concern rules need, from a patient's record: "last week" is the 7 days up to
/// today (and a diary day ahead of it, which the diary allows for time zones), "the week
/// before" the 7 days before those; the function change is between the last two
/// measurements of each of ODI and RMDQ.
pub fn signals(record: &CareRecord) -> Signals {
    let today = record.today();
    let week_start = today - Duration::days(6);
    let before_start = today - Duration::days(13);
    let mut s = Signals {
        level: record.triage_level(),
        risk_group: record.risk_group(),
        ..Signals::default()
    };
    for e in record.diary() {
        if e.day >= week_start {
            s.pain_last_week.push(e.pain);
            s.flare_ups_last_week += usize::from(e.flare_up);
        } else if e.day >= before_start {
            s.pain_week_before.push(e.pain);
        }
    }
    for (measure, series) in [
        (Measure::Odi, record.odi_series()),
        (Measure::Rmdq, record.rmdq_series()),
    ] {
        if let [.., (_, before), (_, after)] = series.as_slice() {
            s.function.push(ScoreChange {
                measure,
                before: *before,
                after: *after,
            });
        }
    }
    s
}

/// One rule that fired, as shown.
#[derive(Debug)]
pub struct ConcernLine {
    /// The rule id.
    pub rule: &'static str,
    /// What was found.
    pub text: String,
    /// Its source.
    pub source: &'static str,
}

/// A patient's concern, as shown.
#[derive(Debug)]
pub struct ConcernView {
    /// The concern's id, for the badge's class.
    pub id: &'static str,
    /// The badge's words.
    pub label: String,
    /// The badge said first when a saved record could not be read: what it held is
    /// unknown, so the concern rules' badge alone could look like "no concern".
    pub unreadable: Option<String>,
    /// Whether the concern rules' badge is shown beside it: not "no data yet" when there
    /// is a record, only one that could not be read.
    pub show_rules: bool,
    /// Every rule that fired, most serious first.
    pub reasons: Vec<ConcernLine>,
}

impl ConcernView {
    fn of(ctx: &Ctx, ranking: &Ranking, record: &CareRecord) -> Self {
        let lang = ctx.lang;
        let unreadable =
            (!record.unreadable().is_empty()).then(|| ctx.t("clinician-concern-unreadable"));
        Self {
            id: ranking.concern.id(),
            label: ranking.concern.label().get(lang).to_owned(),
            show_rules: unreadable.is_none() || ranking.concern != concern::Concern::NoData,
            unreadable,
            reasons: ranking
                .reasons
                .iter()
                .map(|r| ConcernLine {
                    rule: r.rule_id,
                    text: r.text.get(lang).to_owned(),
                    source: r.source,
                })
                .collect(),
        }
    }
}

/// One row of the panel.
#[derive(Debug)]
pub struct PanelRow {
    /// The patient's user id.
    pub id: i64,
    /// Their name, age and date of birth, and email.
    pub patient: PatientLabel,
    /// The concern badge and its reasons.
    pub concern: ConcernView,
    /// The latest triage level's id and title (the more urgent of the issued level and
    /// today's rules' level for the same answers).
    pub level: Option<(&'static str, String)>,
    /// "issued: ... on ...; with today's rules: ..." when the two differ.
    pub levels_differ: Option<String>,
    /// Said when a saved record could not be read (such a patient comes first).
    pub unreadable: Option<String>,
    /// The latest STarT Back risk group.
    pub risk: Option<String>,
    /// The day of the last diary entry.
    pub last_entry: Option<String>,
    /// Linked since (day).
    pub since: String,
    /// "Overdue: ..." for the questionnaires asked on a schedule and not answered in time.
    pub overdue: Option<String>,
}

/// The questionnaires a clinician asked for on a schedule that are overdue, by name.
fn overdue_line(ctx: &Ctx, record: &CareRecord) -> Option<String> {
    let names: Vec<&str> = Instrument::ALL
        .into_iter()
        .filter(|&i| record.schedule(i).is_some() && matches!(record.due(i), Due::Overdue { .. }))
        .map(|i| i.name().get(ctx.lang))
        .collect();
    (!names.is_empty()).then(|| ctx.t_args("clinician-overdue", &[("names", &names.join(", "))]))
}

/// The clinician's panel.
#[derive(Template)]
#[template(path = "clinician.html")]
pub struct ClinicianPanel {
    /// The page context.
    pub ctx: Ctx,
    /// The linked patients, most concerning first.
    pub rows: Vec<PanelRow>,
    /// A share code just made (shown once) and when it expires.
    pub new_code: Option<(String, String)>,
    /// When each unused share code expires, newest first.
    pub pending: Vec<String>,
    /// The clinician's plan templates: (id, name).
    pub templates: Vec<(i64, String)>,
}

async fn panel(
    ctx: Ctx,
    state: &AppState,
    viewer: &Viewer,
    new_code: Option<(String, String)>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let links = state.store.linked_patients(viewer.id).await?;
    let mut ranked = Vec::with_capacity(links.len());
    for link in links {
        // The patient's own today, not the clinician's.
        let today = today_for(state, link.user_id).await?;
        let record = CareRecord::load(&state.store, link.user_id, today, ctx.lang).await?;
        let ranking = concern::rank(&signals(&record));
        let row = PanelRow {
            id: link.user_id.0,
            patient: patient_label(&ctx, link.email.as_str(), &link.profile, today),
            concern: ConcernView::of(&ctx, &ranking, &record),
            level: record
                .triage_level()
                .map(|l| (l.id(), level_words(&ctx, l))),
            levels_differ: record.latest_issued().and_then(|a| levels_differ(&ctx, a)),
            unreadable: record.unreadable().last().map(|u| unreadable_line(&ctx, u)),
            risk: record
                .risk_group()
                .map(|g| g.label().get(ctx.lang).to_owned()),
            last_entry: record.diary().last().map(|e| e.day.to_string()),
            since: link.since.date().to_string(),
            overdue: overdue_line(&ctx, &record),
        };
        ranked.push((ranking, row));
    }
    // A record that could not be read comes first: what it held is unknown, so it may be
    // the most urgent of all. Stable: equal concerns keep the store's order (by email).
    ranked.sort_by_key(|(ranking, row)| (row.unreadable.is_none(), ranking.sort_key()));
    let pending = (state.store.pending_share_codes(viewer.id, now).await?)
        .into_iter()
        .map(|v| when(v.expires_at))
        .collect();
    let status = StatusCode::OK;
    Ok(render(
        status,
        &ClinicianPanel {
            ctx,
            rows: ranked.into_iter().map(|(_, row)| row).collect(),
            new_code,
            pending,
            templates: state
                .store
                .plan_templates(viewer.id)
                .await?
                .into_iter()
                .map(|t| (t.id, t.name))
                .collect(),
        },
    ))
}

/// "Issued: soon on 2026-11-20; with today's rules: urgent", when today's rules give the
/// same answers another level than the one the patient was given.
pub fn levels_differ(ctx: &Ctx, a: &ReadAssessment) -> Option<String> {
    a.rules_changed().then(|| {
        let date = a.created_at.date().to_string();
        ctx.t_args(
            "clinician-levels-differ",
            &[
                ("issued", &level_words(ctx, a.level())),
                ("date", date.as_str()),
                ("today", &level_words(ctx, a.today)),
            ],
        )
    })
}

/// "Could not be read: an assessment saved on 2026-11-20. The level it gave was: ...".
pub fn unreadable_line(ctx: &Ctx, u: &Unreadable) -> String {
    u.describe(
        ctx.lang,
        UnreadableWords {
            instrument: "clinician-unreadable-instrument",
            reassessment: "clinician-unreadable-reassessment",
            assessment: "clinician-unreadable-assessment",
        },
    )
}

/// `GET /clinician`: the linked patients, most concerning first, and the share-code form.
pub async fn clinician_panel(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    panel(ctx, &state, &viewer, None).await
}

/// `POST /clinician/share-codes`: makes a share code, stores its hash and shows the code
/// once, on the panel.
pub async fn create_share_code(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let expires = now + Duration::hours(SHARE_CODE_HOURS);
    let code = crate::infra::security::random_hex(SHARE_CODE_BYTES);
    if let Err(e) = state
        .store
        .create_share_code(viewer.id, &token_hash(&code), now, expires)
        .await
    {
        // A clash of 64 random bits is not worth a retry path: it is the error page.
        return Err(e.into());
    }
    panel(
        ctx,
        &state,
        &viewer,
        Some((display_share_code(&code), when(expires))),
    )
    .await
}

/// The latest triage, as the record shows it first.
#[derive(Debug)]
pub struct TriageView {
    /// The level's id, for the banner's class.
    pub level: &'static str,
    /// Whether it is an emergency (the banner is then an alert).
    pub emergency: bool,
    /// The level in clinician words.
    pub title: String,
    /// The level's heading as the patient was shown it.
    pub told_title: String,
    /// What the patient was told to do.
    pub action: String,
    /// The day of the assessment.
    pub date: String,
    /// Both levels, when today's rules give another one than was issued.
    pub levels_differ: Option<String>,
    /// The patient's word that they have been seen about this result, and when.
    pub seen: Option<String>,
    /// Each rule that fired: (rule id, concern, advice, unsure, source).
    pub reasons: Vec<TriageReason>,
}

/// One triage rule that fired.
#[derive(Debug)]
pub struct TriageReason {
    /// The rule id.
    pub rule: String,
    /// The level it gives.
    pub level: &'static str,
    /// The possible problem.
    pub concern: String,
    /// What to do.
    pub advice: String,
    /// The answers behind it.
    pub because: String,
    /// Whether it fired only because an answer was unsure or missing.
    pub unsure: bool,
    /// Its source.
    pub source: String,
}

/// One line of the history.
#[derive(Debug)]
pub struct HistoryRow {
    /// The day.
    pub date: String,
    /// What it was (intake and level, or the questionnaire).
    pub what: String,
    /// The scores, in words.
    pub scores: String,
}

/// This week's plan, in short.
#[derive(Debug)]
pub struct PlanView {
    /// The plan week.
    pub week: u16,
    /// First and last day.
    pub dates: String,
    /// Whether it is withheld for red flags.
    pub withheld: bool,
    /// What changed since last week, and why.
    pub decision: String,
    /// Each exercise: name and dose in words.
    pub exercises: Vec<String>,
    /// Walking minutes a day.
    pub walking: Option<u16>,
    /// A recommendation to see a clinician.
    pub see_clinician: Option<String>,
}

/// A linked patient's record.
#[derive(Template)]
#[template(path = "record.html")]
pub struct RecordPage {
    /// The page context.
    pub ctx: Ctx,
    /// Who the patient is: name, age and date of birth, and email.
    pub patient: PatientLabel,
    /// Saved records that could not be read (first on the page).
    pub unreadable: Vec<String>,
    /// The clinical summary, in clinician words.
    pub summary: ClinicalSummary,
    /// The notes on the record, newest first.
    pub notes: Vec<NoteView>,
    /// Each exercise over the last two weeks: (name, days done, last rating).
    pub exercises: Vec<(String, String, String)>,
    /// Each questionnaire, its state and its schedule.
    pub schedules: Vec<ScheduleView>,
    /// The schedule choices: (days, words); "" is the usual rhythm.
    pub schedule_choices: Vec<(String, String)>,
    /// "Saved", after the schedules were changed.
    pub schedules_saved: bool,
    /// The note form: what was typed and what to fix, after a refused note.
    pub note_form: NoteForm,
    /// The plan-tailoring form and the plan's versions.
    pub tailor: TailorForm,
    /// "Added", after a note was added.
    pub note_added: bool,
    /// The patient's id, for the note form's address.
    pub patient_id: i64,
    /// The latest triage (first on the page).
    pub triage: Option<TriageView>,
    /// Where the panel puts the patient, and why.
    pub concern: ConcernView,
    /// The latest STarT Back risk group.
    pub risk: Option<String>,
    /// The latest scores, one line each.
    pub scores: Vec<String>,
    /// Intakes and reassessments, newest first.
    pub history: Vec<HistoryRow>,
    /// The last diary entries, newest first.
    pub diary: Vec<EntryView>,
    /// This week's plan.
    pub plan: Option<PlanView>,
    /// Why codes are only suggestions.
    pub codes_notice: String,
    /// Suggested ICD-10-CM then CPT codes as issued, with their rationale.
    pub codes: Vec<IssuedCode>,
    /// Notes about the codes.
    pub codes_notes: Vec<String>,
    /// The charts.
    pub charts: Charts,
}

/// One questionnaire on the record: its state and the schedule chosen.
#[derive(Debug)]
pub struct ScheduleView {
    /// Its form name.
    pub id: &'static str,
    /// Its name.
    pub name: String,
    /// When it was last answered and when it is due, in clinician words.
    pub state: String,
    /// Whether it is overdue.
    pub overdue: bool,
    /// The schedule chosen, in days ("" for the usual rhythm).
    pub every: String,
}

/// The schedules a clinician can choose, in weeks.
const SCHEDULE_WEEKS: [u16; 6] = [1, 2, 4, 6, 8, 12];

/// A questionnaire's state in clinician words.
fn due_words(ctx: &Ctx, due: Due) -> (String, bool) {
    match due {
        Due::Never => (ctx.t("schedule-never"), false),
        Due::NotYet { last, from } => (
            ctx.t_args(
                "schedule-not-yet",
                &[("last", &last.to_string()), ("from", &from.to_string())],
            ),
            false,
        ),
        Due::Now { last } => (
            ctx.t_args("schedule-due", &[("last", &last.to_string())]),
            false,
        ),
        Due::Overdue { last } => (
            ctx.t_args("schedule-overdue", &[("last", &last.to_string())]),
            true,
        ),
    }
}

/// One exercise of this week's plan on the tailoring form: its instruction, its dose and
/// whether to take it out.
#[derive(Debug)]
pub struct TailorRow {
    /// The exercise's id (the fields are `instruction-ID`, `dose-ID` and `remove-ID`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// The instruction, as saved or typed.
    pub text: String,
    /// The doses of its ladder: (step, words, selected).
    pub doses: Vec<(u8, String, bool)>,
    /// Ticked to take it out.
    pub remove: bool,
    /// "Added by a clinician", with the override reason if one was given.
    pub chosen: Option<String>,
}

/// An exercise a clinician may add, in the form's list.
#[derive(Debug)]
pub struct AddOption {
    /// Its id (the value).
    pub id: String,
    /// Its name, and "(needs an override)" when the engine leaves it out for this patient.
    pub label: String,
    /// Chosen in a refused form.
    pub selected: bool,
}

/// The library by main target, for the form's list of exercises to add.
#[derive(Debug)]
pub struct AddGroup {
    /// The target, in words.
    pub label: String,
    /// Its exercises.
    pub options: Vec<AddOption>,
}

/// The plan-tailoring form on the record, and the plan's versions.
#[derive(Debug, Default)]
pub struct TailorForm {
    /// The programme's goal, as saved or typed.
    pub goal: String,
    /// A row per exercise of this week's plan.
    pub rows: Vec<TailorRow>,
    /// Progression held.
    pub held: bool,
    /// The days-a-week choices: (value, words, selected); "" is the patient's own choice.
    pub days: Vec<(String, String, bool)>,
    /// The walking goal in minutes, as saved or typed.
    pub walking: String,
    /// Exercises to add, by target.
    pub add: Vec<AddGroup>,
    /// The override reason, as typed.
    pub override_reason: String,
    /// What the engine leaves out for this patient and why: (name, why).
    pub left_out: Vec<(String, String)>,
    /// True when the plan is withheld for warning signs (changes to exercises wait).
    pub withheld: bool,
    /// Exercises a clinician added that the plan leaves out now, because a rule applies that
    /// the override reason was not given for: their names.
    pub uncovered: Vec<String>,
    /// What to fix, after a refused form.
    pub error: Option<String>,
    /// Each version, newest first: its line and what it changes.
    pub versions: Vec<(String, Vec<String>)>,
    /// "Saved", after a new version.
    pub saved: bool,
    /// The clinician's templates: (id, name).
    pub templates: Vec<(i64, String)>,
    /// The template name, as typed.
    pub template_name: String,
    /// What to fix in the template name, after a refused form.
    pub template_error: Option<String>,
    /// What was just done with templates (saved, deleted, what a template could not add).
    pub template_notice: Option<String>,
}

/// The tailoring form: this week's exercises with the latest version's settings, or what
/// was `typed` (with its `error`) after a refused form.
fn tailor_form(
    ctx: &Ctx,
    record: &CareRecord,
    typed: Option<(&[(String, String)], String)>,
    offset: time::UtcOffset,
) -> TailorForm {
    use backcare_core::exercise::Target;
    let library = backcare_content::exercises::library();
    let versions = record.plan_versions();
    let latest = versions.first().map(|v| &v.tailoring);
    let (pairs, error) = match typed {
        Some((pairs, error)) => (pairs, Some(error)),
        None => (&[][..], None),
    };
    let field = |name: &str| -> Option<String> {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let typed = !pairs.is_empty();
    let rows = record
        .plan()
        .map(|p| p.exercises.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| {
            let id = e.id.as_str();
            let ex = library.iter().find(|l| l.id == e.id)?;
            let saved = latest.and_then(|t| t.instruction(id)).unwrap_or_default();
            let chosen_step = field(&format!("dose-{id}"))
                .and_then(|v| v.parse::<u8>().ok())
                .unwrap_or(e.step);
            Some(TailorRow {
                id: id.to_owned(),
                name: e.name.clone(),
                text: field(&format!("instruction-{id}")).unwrap_or_else(|| saved.to_owned()),
                doses: (0..=e.max_step)
                    .map(|s| (s, dose_words(ctx.lang, ex, s), s == chosen_step))
                    .collect(),
                remove: field(&format!("remove-{id}")).is_some(),
                chosen: e.chosen_by_clinician.then(|| match &e.override_reason {
                    Some(r) => ctx.t_args("tailor-chosen-override", &[("reason", r)]),
                    None => ctx.t("tailor-chosen"),
                }),
            })
        })
        .collect();
    let left_out = record.left_out();
    let in_plan = record.planned_ids();
    let add_choice = field("add").unwrap_or_default();
    let mut add: Vec<AddGroup> = Vec::new();
    for e in library {
        let Some(target) = e.targets.first().filter(|t| **t != Target::Aerobic) else {
            continue;
        };
        if in_plan.contains(&e.id.as_str()) {
            continue;
        }
        let name = e.name.get(ctx.lang).to_owned();
        let label = if left_out.iter().any(|(id, _)| id == e.id.as_str()) {
            ctx.t_args("tailor-add-needs-override", &[("name", &name)])
        } else {
            name
        };
        let group = target_words(ctx, *target);
        let option = AddOption {
            id: e.id.as_str().to_owned(),
            label,
            selected: add_choice == e.id.as_str(),
        };
        match add.iter_mut().find(|g| g.label == group) {
            Some(g) => g.options.push(option),
            None => add.push(AddGroup {
                label: group,
                options: vec![option],
            }),
        }
    }
    let held = if typed {
        field("progression").as_deref() == Some("held")
    } else {
        latest.is_some_and(|t| t.hold)
    };
    let days_value = if typed {
        field("days").unwrap_or_default()
    } else {
        latest
            .and_then(|t| t.days_per_week)
            .map_or_else(String::new, |d| d.to_string())
    };
    let days = std::iter::once((String::new(), ctx.t("tailor-days-patient")))
        .chain((1..=7u8).map(|d| (d.to_string(), d.to_string())))
        .map(|(v, words)| {
            let selected = v == days_value;
            (v, words, selected)
        })
        .collect();
    let walking = if typed {
        field("walking").unwrap_or_default()
    } else {
        latest
            .and_then(|t| t.walking_goal)
            .map_or_else(String::new, |m| m.to_string())
    };
    let name_of = |id: &str| {
        library
            .iter()
            .find(|e| e.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |e| e.name.get(ctx.lang).to_owned())
    };
    let versions = versions
        .iter()
        .map(|v| {
            let line = ctx.t_args(
                "tailor-version",
                &[
                    ("version", &v.version.to_string()),
                    ("who", &v.signed_by),
                    ("date", &v.created_at.to_offset(offset).date().to_string()),
                    ("goal", v.tailoring.goal.as_deref().unwrap_or("-")),
                    ("count", &v.tailoring.instructions.len().to_string()),
                ],
            );
            (line, change_lines(ctx.lang, &v.tailoring))
        })
        .collect();
    TailorForm {
        goal: field("goal")
            .unwrap_or_else(|| latest.and_then(|t| t.goal.clone()).unwrap_or_default()),
        rows,
        held,
        days,
        walking,
        add,
        override_reason: field("override").unwrap_or_default(),
        left_out: left_out
            .into_iter()
            .map(|(id, why)| (name_of(&id), why))
            .collect(),
        withheld: record
            .plan()
            .is_some_and(|p| matches!(p.status, PlanStatus::Withheld { .. })),
        uncovered: uncovered(record, latest, &in_plan)
            .into_iter()
            .map(|id| name_of(&id))
            .collect(),
        error,
        versions,
        ..TailorForm::default()
    }
}

/// The exercises the latest version adds that are not in this week's plan because a rule
/// leaves them out that their override reason (if any) was not given for.
fn uncovered(record: &CareRecord, latest: Option<&Tailoring>, in_plan: &[&str]) -> Vec<String> {
    let Some(latest) = latest else {
        return Vec::new();
    };
    record
        .with_plan_inputs(|inputs, week| {
            latest
                .added
                .iter()
                .filter(|a| !in_plan.contains(&a.exercise.as_str()))
                .filter(|a| {
                    backcare_core::exercise::ExerciseId::new(&a.exercise).is_ok_and(|id| {
                        inputs
                            .exclusion_ids(week, &id)
                            .iter()
                            .any(|rule| !a.covers.contains(rule))
                    })
                })
                .map(|a| a.exercise.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// The note form, as typed.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NoteForm {
    /// The note.
    pub text: String,
    /// What to fix, after a refused note.
    #[serde(skip)]
    pub error: Option<String>,
}

/// What a record page shows besides the care record.
struct RecordExtras {
    patient: PatientLabel,
    patient_id: i64,
    notes: Vec<NoteView>,
    note_form: NoteForm,
    tailor: TailorForm,
    note_added: bool,
    schedules_saved: bool,
}

fn record_page(
    ctx: Ctx,
    extras: RecordExtras,
    record: &CareRecord,
    seen: &[SeenResult],
) -> RecordPage {
    let RecordExtras {
        patient,
        patient_id,
        notes,
        note_form,
        tailor,
        note_added,
        schedules_saved,
    } = extras;
    let lang = ctx.lang;
    let ranking = concern::rank(&signals(record));
    let triage = record.latest_issued().map(|a| {
        let t = &a.issued.result.triage;
        TriageView {
            level: t.level.id(),
            emergency: t.level == Level::Emergency,
            title: level_words(&ctx, t.level),
            told_title: t.title.clone(),
            action: t.action.clone(),
            date: a.created_at.date().to_string(),
            levels_differ: levels_differ(&ctx, a),
            seen: seen
                .iter()
                .find(|s| s.assessment == a.id)
                .map(|s| ctx.t_args("record-seen", &[("date", &s.seen_at.date().to_string())])),
            reasons: t
                .reasons
                .iter()
                .map(|r| TriageReason {
                    rule: r.rule_id.clone(),
                    level: r.level.id(),
                    concern: r.concern.clone(),
                    advice: r.advice.clone(),
                    because: r.because.join("; "),
                    unsure: !r.certain,
                    source: r.source.clone(),
                })
                .collect(),
        }
    });
    let mut history: Vec<(Date, u8, HistoryRow)> = Vec::new();
    for a in record.assessments() {
        let (_, today) = a.in_lang(lang);
        let mut what = format!(
            "{}: {}",
            ctx.t("record-intake"),
            a.level().title().get(lang)
        );
        if let Some(both) = levels_differ(&ctx, a) {
            what = format!("{what} ({both})");
        }
        history.push((
            a.created_at.date(),
            0,
            HistoryRow {
                date: a.created_at.date().to_string(),
                what,
                scores: score_lines(&ctx, &today.scores, Detail::Brief).join(" · "),
            },
        ));
    }
    for u in record.unreadable() {
        history.push((
            u.created_at.date(),
            0,
            HistoryRow {
                date: u.created_at.date().to_string(),
                what: unreadable_line(&ctx, u),
                scores: String::new(),
            },
        ));
    }
    for r in record.reassessments() {
        history.push((
            r.date,
            1,
            HistoryRow {
                date: r.date.to_string(),
                what: format!(
                    "{}: {}",
                    ctx.t("record-reassessment"),
                    r.instrument.name().get(lang)
                ),
                scores: score_lines(&ctx, &r.scores, Detail::Brief).join(" · "),
            },
        ));
    }
    // Newest first; on one day the reassessment after the intake.
    history.sort_by_key(|h| std::cmp::Reverse((h.0, h.1)));
    let diary = record
        .diary()
        .iter()
        .rev()
        .take(RECORD_DIARY_DAYS)
        .map(|e| EntryView {
            day: e.day.to_string(),
            pain: e.pain,
            sessions: e.sessions_done,
            minutes: e.minutes_walked,
            flare_up: e.flare_up,
            notes: e.notes.clone(),
        })
        .collect();
    let plan = record.plan().map(|p| PlanView {
        week: p.week,
        dates: format!("{} – {}", p.dates.start, p.dates.end),
        withheld: matches!(p.status, PlanStatus::Withheld { .. }),
        decision: p.decision.reason().to_owned(),
        exercises: p
            .exercises
            .iter()
            .map(|e| {
                format!(
                    "{} · {} · {}",
                    e.name,
                    e.dose.describe(lang),
                    Dose::frequency(e.days_per_week, lang)
                )
            })
            .collect(),
        walking: p.activity.as_ref().map(|a| a.walking_minutes_per_day),
        see_clinician: p.see_clinician.clone(),
    });
    let (codes_notice, codes, codes_notes) = match record.latest_issued() {
        Some(a) => {
            let result = &a.issued.result;
            (
                result.codes.notice.clone(),
                result
                    .codes
                    .icd10cm
                    .iter()
                    .chain(&result.codes.cpt)
                    .cloned()
                    .collect(),
                result.codes.notes.clone(),
            )
        }
        None => (String::new(), Vec::new(), Vec::new()),
    };
    let mut charts = record.charts(lang);
    charts.heading = ctx.t("record-charts");
    let exercises = record
        .exercise_adherence(ADHERENCE_DAYS, lang)
        .into_iter()
        .map(|e| {
            let done = e.days_done.to_string();
            let days = match e.planned {
                Some(planned) => ctx.t_args(
                    "record-exercise-days",
                    &[("done", &done), ("planned", &planned.to_string())],
                ),
                None => ctx.t_args("record-exercise-days-extra", &[("done", &done)]),
            };
            let rating = e.last_effort.map_or_else(
                || ctx.t("record-exercise-no-rating"),
                |r| {
                    ctx.t(match r {
                        Effort::TooEasy => "session-effort-too_easy",
                        Effort::JustRight => "session-effort-just_right",
                        Effort::TooHard => "session-effort-too_hard",
                    })
                },
            );
            (e.name, days, rating)
        })
        .collect();
    let schedules = Instrument::ALL
        .into_iter()
        .map(|i| {
            let (state, overdue) = due_words(&ctx, record.due(i));
            ScheduleView {
                id: questionnaire(i).as_str(),
                name: i.name().get(lang).to_owned(),
                state,
                overdue,
                every: record
                    .schedule(i)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let schedule_choices = std::iter::once((String::new(), ctx.t("schedule-usual")))
        .chain(SCHEDULE_WEEKS.iter().map(|w| {
            let days = w * 7;
            (days.to_string(), every_words(&ctx, days, true))
        }))
        .collect();
    RecordPage {
        tailor,
        schedules,
        schedule_choices,
        schedules_saved,
        exercises,
        notes,
        note_form,
        note_added,
        patient_id,
        summary: ClinicalSummary::of(
            &ctx,
            record,
            record.latest_issued().and_then(|a| levels_differ(&ctx, a)),
        ),
        patient,
        unreadable: record
            .unreadable()
            .iter()
            .map(|u| unreadable_line(&ctx, u))
            .collect(),
        triage,
        concern: ConcernView::of(&ctx, &ranking, record),
        risk: record.risk_group().map(|g| g.label().get(lang).to_owned()),
        scores: score_lines(&ctx, &record.latest_scores(), Detail::Brief),
        history: history.into_iter().map(|(_, _, row)| row).collect(),
        diary,
        plan,
        codes_notice,
        codes,
        codes_notes,
        charts,
        ctx,
    }
}

/// `?note=added` after a note was added, `?schedules=saved` after the schedules changed.
#[derive(Debug, Default, serde::Deserialize)]
pub struct RecordQuery {
    /// Set after a note was added.
    pub note: Option<String>,
    /// Set after the schedules were saved.
    pub schedules: Option<String>,
    /// Set after a new version of the tailored plan.
    pub plan: Option<String>,
    /// Exercises a template could not add for this patient (ids, comma-separated).
    pub skipped: Option<String>,
    /// `saved` or `deleted` after a template was.
    pub template: Option<String>,
}

/// What the record page says it just did.
#[derive(Debug, Default, Clone, Copy)]
struct Done {
    note_added: bool,
    schedules_saved: bool,
    plan_saved: bool,
}

/// `GET /clinician/patients/{user}`: writes the access-log entry first (which also checks
/// the link), then shows the record.
pub async fn patient_record(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(user): Path<i64>,
    Query(query): Query<RecordQuery>,
) -> Result<Response, AppError> {
    let patient = UserId(user);
    state
        .store
        .open_patient_record(viewer.id, patient, "record", state.clock.now())
        .await?;
    let done = Done {
        note_added: query.note.is_some(),
        schedules_saved: query.schedules.is_some(),
        plan_saved: query.plan.is_some(),
    };
    let typed = Typed {
        template_notice: template_notice(&ctx, &query),
        ..Typed::default()
    };
    let ok = StatusCode::OK;
    record_response(ctx, &state, (viewer.id, patient), typed, done, ok).await
}

/// What the record says after a template was saved, deleted or used.
fn template_notice(ctx: &Ctx, query: &RecordQuery) -> Option<String> {
    if let Some(ids) = query.skipped.as_deref().filter(|s| !s.is_empty()) {
        let names: Vec<String> = ids
            .split(',')
            .filter_map(|id| {
                backcare_content::exercises::library()
                    .iter()
                    .find(|e| e.id.as_str() == id)
            })
            .map(|e| e.name.get(ctx.lang).to_owned())
            .collect();
        return Some(ctx.t_args("template-skipped", &[("names", &names.join(", "))]));
    }
    match query.template.as_deref() {
        Some("saved") => Some(ctx.t("template-saved")),
        Some("deleted") => Some(ctx.t("template-deleted")),
        _ => None,
    }
}

/// What a refused form sent back to the record: the note as typed, or the tailoring's
/// fields with what to fix.
#[derive(Debug, Default)]
struct Typed {
    note: NoteForm,
    tailor: Option<(Vec<(String, String)>, String)>,
    /// A template name as typed, and what to fix.
    template: Option<(String, String)>,
    template_notice: Option<String>,
}

async fn record_response(
    ctx: Ctx,
    state: &AppState,
    (clinician, patient): (UserId, UserId),
    typed: Typed,
    done: Done,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = state.store.user(patient).await?;
    let profile = state.store.profile(patient).await?;
    let offset = offset_for(state, patient).await?;
    let today = state.clock.today(Some(offset));
    let record = CareRecord::load(&state.store, patient, today, ctx.lang).await?;
    let seen = state.store.seen_results(patient).await?;
    let notes = note_views(&state.store.notes(patient).await?, offset);
    let tailored = typed
        .tailor
        .as_ref()
        .map(|(pairs, error)| (pairs.as_slice(), error.clone()));
    let mut tailor = tailor_form(&ctx, &record, tailored, offset);
    tailor.saved = done.plan_saved;
    tailor.templates = state
        .store
        .plan_templates(clinician)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    if let Some((name, error)) = typed.template {
        tailor.template_name = name;
        tailor.template_error = Some(error);
    }
    tailor.template_notice = typed.template_notice;
    let extras = RecordExtras {
        patient: patient_label(&ctx, user.email.as_str(), &profile, today),
        patient_id: patient.0,
        notes,
        note_form: typed.note,
        tailor,
        note_added: done.note_added,
        schedules_saved: done.schedules_saved,
    };
    let page = record_page(ctx, extras, &record, &seen);
    Ok(render(status, &page))
}

/// `POST /clinician/patients/{user}/notes`: a linked clinician adds a note, signed with their
/// name and profession (their email until they give a name) and shared with the patient; the
/// patient's access log says so. An empty or over-long note is shown again with its message
/// (422) and nothing is saved.
pub async fn add_note(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(user): Path<i64>,
    Form(mut form): Form<NoteForm>,
) -> Result<Response, AppError> {
    let patient = UserId(user);
    let now = state.clock.now();
    // Each answer is a look at the record, logged before anything is read (which also
    // checks the link): a refused note shows the record again, a saved one is "a note".
    let text = match NoteText::parse(&form.text) {
        Ok(text) => text,
        Err(_) => {
            form.error = Some(ctx.t(if form.text.trim().is_empty() {
                "notes-error-empty"
            } else {
                "notes-error-long"
            }));
            let typed = Typed {
                note: form,
                ..Typed::default()
            };
            return refused(ctx, &state, &viewer, patient, typed).await;
        }
    };
    let signed_by = look_and_sign(&ctx, &state, &viewer, patient, "note").await?;
    state
        .store
        .add_note(viewer.id, patient, &signed_by, &text, now)
        .await?;
    Ok(Redirect::to(&format!("/clinician/patients/{user}?note=added#notes")).into_response())
}

/// `POST /clinician/patients/{user}/schedules`: a linked clinician sets, changes or clears
/// the schedule of each questionnaire (`start_back`, `odi`, `rmdq`: a number of days from
/// the list, or empty for the usual rhythm). A value not in the list is refused in words
/// (422) and nothing changes.
pub async fn set_schedules(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(user): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let patient = UserId(user);
    let now = state.clock.now();
    state
        .store
        .open_patient_record(viewer.id, patient, "schedules", now)
        .await?;
    let mut chosen = Vec::new();
    for q in Questionnaire::ALL {
        let Some((_, value)) = form.iter().find(|(k, _)| k == q.as_str()) else {
            continue;
        };
        let every = match value.trim() {
            "" => None,
            v => match v.parse::<u16>() {
                Ok(days) if SCHEDULE_WEEKS.iter().any(|w| w * 7 == days) => Some(days),
                _ => {
                    return Ok(ctx.message_page(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "schedule-error-title",
                        "schedule-error",
                    ));
                }
            },
        };
        chosen.push((q, every));
    }
    for (q, every) in chosen {
        state
            .store
            .set_schedule(viewer.id, patient, q, every, now)
            .await?;
    }
    Ok(Redirect::to(&format!(
        "/clinician/patients/{user}?schedules=saved#schedules"
    ))
    .into_response())
}

/// `POST /clinician/patients/{user}/plan`: a linked clinician saves a new version of the
/// patient's tailored plan, signed with their name and profession:
/// - the programme's goal (`goal`) and an instruction per exercise of this week's plan
///   (`instruction-ID`; empty for none);
/// - per exercise, its dose step (`dose-ID`) or taking it out (`remove-ID`);
/// - one exercise to add from the library (`add`), with a reason (`override`) exactly when
///   the engine leaves it out for this patient;
/// - progression automatic or held (`progression=held`), days a week (`days`, empty for the
///   patient's choice) and the walking goal in minutes (`walking`, empty for none).
///
/// What earlier versions took out or added carries over. The patient's plan page and
/// session show it from then on, and their access log says the plan was tailored. A
/// refused form (too long, a value out of range, an exercise needing an override without
/// one) is shown again with what was typed and its message (422); nothing is saved.
///
/// With `template` (one of the clinician's template ids) and nothing else, the new version
/// is that template: what it adds that the plan leaves out for this patient is not added
/// (an override reason belongs to one patient), and the record names it.
pub async fn tailor_plan(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(user): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let patient = UserId(user);
    let now = state.clock.now();
    let today = today_for(&state, patient).await?;
    let record = CareRecord::load(&state.store, patient, today, ctx.lang).await?;
    let template = form
        .iter()
        .find(|(k, _)| k == "template")
        .and_then(|(_, v)| v.parse::<i64>().ok());
    let (tailoring, skipped) = match template {
        Some(id) => {
            let templates = state.store.plan_templates(viewer.id).await?;
            // Only the clinician's own templates: another's is not found.
            let Some(t) = templates.into_iter().find(|t| t.id == id) else {
                return Ok(ctx.not_found_page());
            };
            from_template(&record, t.tailoring)
        }
        None => match tailoring_from_form(&ctx, &record, &form) {
            Ok(t) => (t, Vec::new()),
            Err(message) => {
                let typed = Typed {
                    tailor: Some((form, message)),
                    ..Typed::default()
                };
                return refused(ctx, &state, &viewer, patient, typed).await;
            }
        },
    };
    let signed_by = look_and_sign(&ctx, &state, &viewer, patient, "plan").await?;
    state
        .store
        .add_plan_version(viewer.id, patient, &signed_by, &tailoring, now)
        .await?;
    let skipped = if skipped.is_empty() {
        String::new()
    } else {
        format!("&skipped={}", skipped.join(","))
    };
    Ok(Redirect::to(&format!(
        "/clinician/patients/{user}?plan=saved{skipped}#tailor"
    ))
    .into_response())
}

/// A template as a new version for this patient, and the ids of the exercises it could not
/// add: those the plan leaves out for this patient (a template keeps no override reason) or
/// that are no longer in the library. Doses above an exercise's top are left out too.
fn from_template(record: &CareRecord, mut t: Tailoring) -> (Tailoring, Vec<String>) {
    use backcare_core::plan::Problem;
    for a in &mut t.added {
        a.override_reason = None;
        a.covers.clear();
    }
    let problems = changes_of(&t, 1)
        .ok()
        .and_then(|changes| {
            record.with_plan_inputs(|inputs, week| {
                inputs.check(&backcare_core::plan::Changes {
                    from_week: week,
                    ..changes
                })
            })
        })
        .unwrap_or_default();
    let mut skipped = Vec::new();
    for p in problems {
        match p {
            Problem::NeedsOverride { exercise, .. }
            | Problem::Unknown(exercise)
            | Problem::Aerobic(exercise) => {
                t.added.retain(|a| a.exercise != exercise.as_str());
                t.doses.retain(|d| d.exercise != exercise.as_str());
                skipped.push(exercise.as_str().to_owned());
            }
            Problem::StepTooHigh { exercise, .. } => {
                t.doses.retain(|d| d.exercise != exercise.as_str());
            }
            Problem::NoOverrideNeeded(_) => {}
        }
    }
    (t, skipped)
}

/// The library page's filters, as asked.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LibraryQuery {
    /// Words to find in an exercise's name or purpose.
    pub q: String,
    /// A main target's id (`abdominals`...), or empty for all.
    pub target: String,
    /// A position (`back`, `front`, `kneeling`, `other`), or empty for all.
    pub position: String,
}

/// The position an exercise is done in, from the movements it involves: on the back, on
/// the front, on all fours, or sitting, standing or on the side.
fn position_of(e: &backcare_core::exercise::Exercise) -> &'static str {
    use backcare_core::exercise::Movement;
    if e.involves.contains(&Movement::Supine) {
        "back"
    } else if e.involves.contains(&Movement::Prone) {
        "front"
    } else if e.involves.contains(&Movement::Kneeling) {
        "kneeling"
    } else {
        "other"
    }
}

/// A main target's id on the library page; walking is the walking goal, not an exercise.
fn target_id(t: backcare_core::exercise::Target) -> Option<&'static str> {
    use backcare_core::exercise::Target;
    Some(match t {
        Target::Abdominals => "abdominals",
        Target::BackExtensors => "back_extensors",
        Target::CoreStability => "core_stability",
        Target::GlutealHip => "gluteal_hip",
        Target::Flexibility => "flexibility",
        Target::PainRelief => "pain_relief",
        Target::UpperBack => "upper_back",
        Target::Aerobic => return None,
    })
}

/// A position in words.
fn position_words(ctx: &Ctx, position: &str) -> String {
    ctx.t(match position {
        "back" => "library-position-back",
        "front" => "library-position-front",
        "kneeling" => "library-position-kneeling",
        _ => "library-position-other",
    })
}

/// One exercise on the library page.
#[derive(Debug)]
pub struct LibraryCard {
    /// Its id (the value `add` posts).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its main target and position, in words.
    pub kind: String,
    /// What it is for.
    pub purpose: String,
    /// Its start and end pictures.
    pub svg: Option<String>,
    /// Why the plan leaves it out for this patient, if it does (adding it needs a reason).
    pub left_out: Option<String>,
    /// Already in this week's plan.
    pub in_plan: bool,
}

/// The library page for one patient.
#[derive(Template)]
#[template(path = "library.html")]
pub struct LibraryPage {
    /// The page context.
    pub ctx: Ctx,
    /// Who the plan is for.
    pub patient: PatientLabel,
    /// Their id, for the links and forms.
    pub patient_id: i64,
    /// The filters as asked.
    pub query: LibraryQuery,
    /// The target choices: (id, words).
    pub targets: Vec<(&'static str, String)>,
    /// The position choices: (id, words).
    pub positions: Vec<(&'static str, String)>,
    /// The exercises that match, by name.
    pub cards: Vec<LibraryCard>,
}

/// `GET /clinician/patients/{user}/library`: the exercise library for tailoring this
/// patient's plan, searchable by words and filtered by target and position, with the
/// pictures; each exercise says whether the plan leaves it out for this patient (and why)
/// and has a button to add it (with a reason field when it needs an override). The look is
/// in the patient's access log, as the record is.
pub async fn library_page(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(user): Path<i64>,
    Query(query): Query<LibraryQuery>,
) -> Result<Response, AppError> {
    use backcare_content::{exercises, figure};
    use backcare_core::exercise::Target;
    let patient = UserId(user);
    state
        .store
        .open_patient_record(viewer.id, patient, "record", state.clock.now())
        .await?;
    let who = state.store.user(patient).await?;
    let profile = state.store.profile(patient).await?;
    let today = today_for(&state, patient).await?;
    let record = CareRecord::load(&state.store, patient, today, ctx.lang).await?;
    let left_out = record.left_out();
    let in_plan = record.planned_ids();
    let words = query.q.trim().to_lowercase();
    let lang = ctx.lang;
    let mut cards: Vec<LibraryCard> = exercises::library()
        .iter()
        .filter(|e| e.targets.first().is_some_and(|t| *t != Target::Aerobic))
        .filter(|e| {
            words.is_empty()
                || e.name.get(lang).to_lowercase().contains(&words)
                || e.purpose.get(lang).to_lowercase().contains(&words)
        })
        .filter(|e| {
            query.target.is_empty()
                || e.targets.first().and_then(|t| target_id(*t)) == Some(query.target.as_str())
        })
        .filter(|e| query.position.is_empty() || position_of(e) == query.position)
        .map(|e| LibraryCard {
            id: e.id.as_str().to_owned(),
            name: e.name.get(lang).to_owned(),
            kind: format!(
                "{} · {}",
                e.targets
                    .first()
                    .map_or_else(String::new, |t| target_words(&ctx, *t)),
                position_words(&ctx, position_of(e))
            ),
            purpose: e.purpose.get(lang).to_owned(),
            svg: figure::figure(e.id.as_str()).map(|f| figure::svg(f, lang)),
            left_out: left_out
                .iter()
                .find(|(id, _)| id == e.id.as_str())
                .map(|(_, why)| why.clone()),
            in_plan: in_plan.contains(&e.id.as_str()),
        })
        .collect();
    cards.sort_by(|a, b| a.name.cmp(&b.name));
    let targets = [
        Target::Abdominals,
        Target::BackExtensors,
        Target::CoreStability,
        Target::GlutealHip,
        Target::Flexibility,
        Target::PainRelief,
        Target::UpperBack,
    ]
    .into_iter()
    .filter_map(|t| Some((target_id(t)?, target_words(&ctx, t))))
    .collect();
    let positions = ["back", "front", "kneeling", "other"]
        .into_iter()
        .map(|p| (p, position_words(&ctx, p)))
        .collect();
    let page = LibraryPage {
        patient: patient_label(&ctx, who.email.as_str(), &profile, today),
        patient_id: user,
        query,
        targets,
        positions,
        cards,
        ctx,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The template-name form, as posted.
#[derive(Debug, serde::Deserialize)]
pub struct TemplateForm {
    /// The name to save under.
    #[serde(default)]
    pub name: String,
}

/// `POST /clinician/patients/{user}/templates`: a linked clinician saves the patient's latest
/// tailoring as one of their own templates, under `name` (the same name replaces it). The
/// patient's access log says so. No tailoring yet, or a bad name, is shown again with its
/// message (422).
pub async fn save_template(
    ctx: Ctx,
    viewer: Viewer,
    State(state): State<AppState>,
    Path(user): Path<i64>,
    Form(form): Form<TemplateForm>,
) -> Result<Response, AppError> {
    let patient = UserId(user);
    let now = state.clock.now();
    let refuse = |key: &str| Typed {
        template: Some((form.name.clone(), ctx.t(key))),
        ..Typed::default()
    };
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > backcare_storage::MAX_TEMPLATE_NAME {
        let typed = refuse("template-error-name");
        return refused(ctx, &state, &viewer, patient, typed).await;
    }
    state
        .store
        .open_patient_record(viewer.id, patient, "template", now)
        .await?;
    let Some(latest) = state.store.latest_plan_version(patient).await? else {
        let typed = refuse("template-error-none");
        return refused(ctx, &state, &viewer, patient, typed).await;
    };
    match state
        .store
        .save_plan_template(viewer.id, name, &latest.tailoring, now)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/clinician/patients/{user}?template=saved#templates"
        ))
        .into_response()),
        Err(backcare_storage::Error::Invalid(_)) => {
            let typed = refuse("template-error-name");
            refused(ctx, &state, &viewer, patient, typed).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The delete form: the record to go back to.
#[derive(Debug, serde::Deserialize)]
pub struct DeleteTemplateForm {
    /// The patient whose record the clinician was on.
    #[serde(default)]
    pub patient: Option<i64>,
}

/// `POST /clinician/templates/{template}/delete`: a clinician deletes one of their own
/// templates, then goes back to the record they were on, or to the panel. Deleting is
/// idempotent: a template that is not theirs (gone already, or another clinician's) leaves
/// everything as it was, with no "deleted" notice and nothing said about whose it is.
pub async fn delete_template(
    viewer: Viewer,
    State(state): State<AppState>,
    Path(template): Path<i64>,
    Form(form): Form<DeleteTemplateForm>,
) -> Result<Response, AppError> {
    let deleted = match state.store.delete_plan_template(viewer.id, template).await {
        Ok(()) => true,
        Err(backcare_storage::Error::NotFound) => false,
        Err(e) => return Err(e.into()),
    };
    let notice = if deleted { "?template=deleted" } else { "" };
    Ok(Redirect::to(&match form.patient {
        Some(p) => format!("/clinician/patients/{p}{notice}#templates"),
        None => "/clinician#templates".to_owned(),
    })
    .into_response())
}

/// The new version a tailoring form asks for, on top of the latest one; or what to fix, in
/// the page's words.
fn tailoring_from_form(
    ctx: &Ctx,
    record: &CareRecord,
    form: &[(String, String)],
) -> Result<Tailoring, String> {
    use backcare_core::plan::Problem;
    use backcare_storage::{AddedExercise, DoseStep};
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let values = || ctx.t("tailor-error-values");
    let number = |name: &str| -> Result<Option<u16>, String> {
        field(name)
            .map(|v| v.parse::<u16>().map_err(|_| values()))
            .transpose()
    };
    let previous = record
        .plan_versions()
        .first()
        .map(|v| v.tailoring.clone())
        .unwrap_or_default();
    let exercises = record
        .plan()
        .map(|p| p.exercises.as_slice())
        .unwrap_or_default();
    // `keep` (the library page's "add" buttons): everything stays as it is but the addition.
    let keep = field("keep").is_some();
    let mut t = if keep {
        // A dose belongs to the version that set it: copied, it would reset the exercise.
        Tailoring {
            doses: Vec::new(),
            ..previous
        }
    } else {
        Tailoring {
            goal: field("goal"),
            hold: field("progression").as_deref() == Some("held"),
            days_per_week: number("days")?
                .map(|d| u8::try_from(d).map_err(|_| values()))
                .transpose()?,
            walking_goal: number("walking")?,
            removed: previous.removed,
            added: previous.added,
            ..Tailoring::default()
        }
    };
    for e in exercises.iter().filter(|_| !keep) {
        let id = e.id.as_str();
        if let Some(text) = field(&format!("instruction-{id}")) {
            t.instructions.push(Instruction {
                exercise: id.to_owned(),
                text,
            });
        }
        if field(&format!("remove-{id}")).is_some() {
            t.added.retain(|a| a.exercise != id);
            if !t.removed.iter().any(|r| r == id) {
                t.removed.push(id.to_owned());
            }
            continue;
        }
        if let Some(step) = number(&format!("dose-{id}"))? {
            let step = u8::try_from(step).map_err(|_| values())?;
            if step != e.step {
                t.doses.push(DoseStep {
                    exercise: id.to_owned(),
                    step,
                });
            }
        }
    }
    let reason = field("override");
    let new = field("add");
    match (&new, &reason) {
        (None, Some(_)) => return Err(ctx.t("tailor-error-override-alone")),
        (Some(id), _) => {
            t.removed.retain(|r| r != id);
            t.added.retain(|a| &a.exercise != id);
            // The reason covers the rules that leave it out now, and only those.
            let covers = match (&reason, backcare_core::exercise::ExerciseId::new(id)) {
                (Some(_), Ok(exercise)) => record
                    .with_plan_inputs(|inputs, week| inputs.exclusion_ids(week, &exercise))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            t.added.push(AddedExercise {
                exercise: id.clone(),
                override_reason: reason,
                covers,
            });
        }
        (None, None) => {}
    }
    // Days and minutes in range first: the length check's message is about lengths.
    let changes = changes_of(&t, 1).map_err(|_| values())?;
    if t.validate().is_err() {
        return Err(ctx.t("tailor-error-long"));
    }
    let problems = record
        .with_plan_inputs(|inputs, week| {
            inputs.check(&backcare_core::plan::Changes {
                from_week: week,
                ..changes
            })
        })
        .unwrap_or_default();
    let name = |id: &backcare_core::exercise::ExerciseId| {
        backcare_content::exercises::get(id).map_or_else(
            || id.as_str().to_owned(),
            |e| e.name.get(ctx.lang).to_owned(),
        )
    };
    for p in problems {
        return Err(match p {
            // One added before, whose reason no longer covers every rule that leaves it
            // out: the engine leaves it out (the record says why) until it is added again
            // with a reason.
            Problem::NeedsOverride { exercise, .. }
                if new.as_deref() != Some(exercise.as_str()) =>
            {
                continue;
            }
            Problem::NeedsOverride { exercise, why } => ctx.t_args(
                "tailor-error-needs-override",
                &[("name", &name(&exercise)), ("why", &why)],
            ),
            // A reason carried over from an earlier version, for an exercise that now suits
            // the patient, stays in the record as it was written.
            Problem::NoOverrideNeeded(exercise) if new.as_deref() != Some(exercise.as_str()) => {
                continue;
            }
            Problem::NoOverrideNeeded(exercise) => {
                ctx.t_args("tailor-error-no-override", &[("name", &name(&exercise))])
            }
            Problem::Aerobic(exercise) => {
                ctx.t_args("tailor-error-aerobic", &[("name", &name(&exercise))])
            }
            Problem::Unknown(_) | Problem::StepTooHigh { .. } => values(),
        });
    }
    Ok(t)
}

/// Before a clinician writes on a patient's record: the access-log entry `action` (which also
/// checks the link), then how they sign, their name and profession as they are now (their
/// email until they give a name).
async fn look_and_sign(
    ctx: &Ctx,
    state: &AppState,
    viewer: &Viewer,
    patient: UserId,
    action: &str,
) -> Result<String, AppError> {
    state
        .store
        .open_patient_record(viewer.id, patient, action, state.clock.now())
        .await?;
    let me = state.store.user(viewer.id).await?;
    let profile = state.store.profile(viewer.id).await?;
    Ok(clinician_label(ctx, me.email.as_str(), &profile))
}

/// A refused form on a patient's record: the look is logged (which checks the link), and the
/// record is shown again with what was typed and what to fix (422).
async fn refused(
    ctx: Ctx,
    state: &AppState,
    viewer: &Viewer,
    patient: UserId,
    typed: Typed,
) -> Result<Response, AppError> {
    state
        .store
        .open_patient_record(viewer.id, patient, "record", state.clock.now())
        .await?;
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    record_response(
        ctx,
        state,
        (viewer.id, patient),
        typed,
        Done::default(),
        status,
    )
    .await
}
