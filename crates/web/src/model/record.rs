//! The patient's care record: everything the care loop shows, loaded once and read by the
//! patient's pages (plan, progress, reassessment) and by the clinician's patient-record page.
//!
//! [`CareRecord::load`] reads the store; everything after that is pure. Every stored record
//! is read through its versioned type in [`backcare_core::record`]: an assessment as
//! issued ([`crate::model::assessment::read`]), a reassessment as
//! [`ReassessmentV1`]. A record that does not decode is kept as an [`Unreadable`] (and
//! logged), never dropped: the clinician's panel puts such a patient first.
//!
//! The triage level shown and sorted by is the one issued, or today's rules' level when
//! that is more urgent. The plan, the charts' scores and the due dates are worked out from
//! the saved answers (the instruments' scoring is arithmetic on the answers, not a rule
//! table), so they speak the reader's language.

use backcare_content::charts::{self, ScoreKind, Width};
use backcare_core::exercise::ExerciseId;
use backcare_core::instruments::{self, Instrument, RiskGroup, Scores, prompts};
use backcare_core::intake::Nrs;
use backcare_core::plan::{self, DayLog, Effort, History, Preferences, Rating, WeekPlan};
use backcare_core::record::{self, IssuedScores, ReassessmentV1};
use backcare_core::triage::Level;
use backcare_core::{Assessment, Intake, Lang};
use backcare_storage::{
    DiaryEntry, ExerciseDay, PlanVersion, Questionnaire, Schedule, Store, UserId,
};
use serde::Deserialize;
use serde_json::Value;
use time::Date;

use crate::AppState;
use crate::infra::pages::Ctx;
use crate::model::assessment::{ReadAssessment, Unreadable};

use crate::infra::date::core_date;
use crate::infra::i18n;

/// Fewest days between two measurements of one questionnaire before it is due again.
pub const DUE_AFTER_DAYS: i64 = 14;
/// Days after which a questionnaire is overdue.
pub const OVERDUE_AFTER_DAYS: i64 = 28;

/// One saved reassessment, read back.
#[derive(Debug, Clone)]
pub struct SavedReassessment {
    /// When it was saved (the day).
    pub date: Date,
    /// The questionnaire answered.
    pub instrument: Instrument,
    /// The answers, as (item key, the core's choice value), in questionnaire order.
    pub answers: Vec<(String, String)>,
    /// Pain right now, 0-10, if given.
    pub pain_now: Option<u8>,
    /// The scores worked out from the answers (only this instrument and the pain rating),
    /// for the pages' comparisons between two reassessments.
    pub scores: Scores,
    /// The scores as issued on the day, for what leaves the server (FHIR).
    pub issued: IssuedScores,
}

/// The scores of answers to one instrument (plus the current pain), as the core works them
/// out. Unknown keys or values are an error naming them.
pub fn score_answers(
    instrument: Instrument,
    answers: &[(String, String)],
    pain_now: Option<u8>,
) -> Result<Scores, prompts::UnknownChoice> {
    let mut intake = Intake::default();
    for (key, value) in answers {
        let item = prompts::item(instrument, key).ok_or_else(|| prompts::UnknownChoice {
            instrument,
            key: key.clone(),
            value: value.clone(),
        })?;
        prompts::apply(&mut intake, item, value)?;
    }
    intake.pain.now = match pain_now {
        None => None,
        Some(p) => Some(Nrs::new(i64::from(p)).map_err(|_| prompts::UnknownChoice {
            instrument,
            key: "pain_now".to_owned(),
            value: p.to_string(),
        })?),
    };
    Ok(instruments::scores(&intake))
}

/// The JSON object stored for one reassessment ([`ReassessmentV1`]).
pub fn reassessment_json(
    instrument: Instrument,
    date: Date,
    answers: &[(String, String)],
    pain_now: Option<u8>,
    scores: &Scores,
) -> Value {
    let stored = ReassessmentV1 {
        version: record::REASSESSMENT_VERSION,
        instrument,
        date: date.to_string(),
        pain_now,
        answers: answers.iter().cloned().collect(),
        scores: IssuedScores::from(scores),
    };
    // Strings, numbers and maps with string keys always serialise; `Null` would be
    // refused by the store as "not an object", never saved.
    stored.encode().unwrap_or(Value::Null)
}

/// Reads one stored reassessment through its versioned type; an [`Unreadable`] (logged
/// with the record's id) when it does not decode or its answers are not the
/// questionnaire's.
pub fn read_reassessment(
    stored: &backcare_storage::Reassessment,
) -> Result<SavedReassessment, Unreadable> {
    let unreadable = |error: record::RecordError| {
        tracing::error!(
            record = "reassessment",
            id = stored.id.0,
            error = %error,
            "a stored record could not be read"
        );
        Unreadable {
            kind: record::Kind::Reassessment,
            id: stored.id.0,
            created_at: stored.created_at,
            level: None,
            instrument: stored_instrument(&stored.scores),
            error,
        }
    };
    let v = ReassessmentV1::decode(&stored.scores).map_err(unreadable)?;
    // Questionnaire order, whatever order the JSON object has.
    let answers: Vec<(String, String)> = prompts::items(v.instrument)
        .iter()
        .filter_map(|item| Some((item.key.to_owned(), v.answers.get(item.key)?.clone())))
        .collect();
    let scores = score_answers(v.instrument, &answers, v.pain_now).map_err(|e| {
        unreadable(record::RecordError::Malformed {
            kind: record::Kind::Reassessment,
            version: v.version,
            message: e.to_string(),
        })
    })?;
    if answers.len() != v.answers.len() {
        return Err(unreadable(record::RecordError::Malformed {
            kind: record::Kind::Reassessment,
            version: v.version,
            message: "an answer is not one of the questionnaire's items".to_owned(),
        }));
    }
    if IssuedScores::from(&scores) != v.scores {
        // Published scoring does not change; if ours did, the record keeps what was issued
        // and the difference is worth a maintainer's look.
        tracing::warn!(
            record = "reassessment",
            id = stored.id.0,
            "today's scoring of a stored reassessment differs from the scores issued"
        );
    }
    Ok(SavedReassessment {
        date: stored.created_at.date(),
        instrument: v.instrument,
        answers,
        pain_now: v.pain_now,
        scores,
        issued: v.scores,
    })
}

/// The questionnaire of a stored reassessment, read on its own: what can still be shown
/// when the rest of the record does not decode. The record is reported as unreadable
/// whatever this finds, so `None` (not even this part reads) hides nothing.
fn stored_instrument(scores: &Value) -> Option<Instrument> {
    Instrument::deserialize(scores.get("instrument")?).ok()
}

/// A rated exercise day as the plan reads it. The session page only stores ids from the
/// library, so an id that does not parse is a fault: logged at error level with its key,
/// and left out of the plan's history (the exercise then rises as if unrated).
fn rating(e: &ExerciseDay) -> Option<Rating> {
    let effort = match e.effort? {
        backcare_storage::Effort::TooEasy => Effort::TooEasy,
        backcare_storage::Effort::JustRight => Effort::JustRight,
        backcare_storage::Effort::TooHard => Effort::TooHard,
    };
    match (core_date(e.day), ExerciseId::new(&e.exercise)) {
        (Some(date), Ok(exercise)) => Some(Rating {
            date,
            exercise,
            effort,
        }),
        (date, id) => {
            tracing::error!(
                record = "exercise day",
                day = %e.day,
                exercise = %e.exercise,
                date_fits = date.is_some(),
                id_fits = id.is_ok(),
                "a stored record could not be read"
            );
            None
        }
    }
}

/// A diary entry as the plan reads it. The diary form only stores days and pain ratings
/// the plan accepts, so an entry that does not fit is a fault: logged at error level with
/// its key (the day), and left out of the plan's history, which holds a week without
/// entries. The diary page still lists it as stored.
fn day_log(e: &DiaryEntry) -> Option<DayLog> {
    let date = core_date(e.day);
    let pain = Nrs::new(i64::from(e.pain));
    match (date, pain) {
        (Some(date), Ok(pain)) => Some(DayLog {
            date,
            pain,
            sessions_done: e.sessions_done,
            minutes_walked: e.minutes_walked,
            flare_up: e.flare_up,
        }),
        (date, pain) => {
            tracing::error!(
                record = "diary entry",
                day = %e.day,
                date_fits = date.is_some(),
                pain_fits = pain.is_ok(),
                "a stored record could not be read"
            );
            None
        }
    }
}

/// One set of scores and when it was taken: an intake or a reassessment.
#[derive(Debug, Clone)]
pub struct Measurement {
    /// The day.
    pub date: Date,
    /// The questionnaire of a reassessment; `None` for an intake.
    pub reassessed: Option<Instrument>,
    /// The scores.
    pub scores: Scores,
}

/// When a questionnaire is next due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Never answered: answering gives a starting point.
    Never,
    /// Answered less than two weeks ago: it can be answered again from this day.
    NotYet {
        /// Last answered.
        last: Date,
        /// Due from this day.
        from: Date,
    },
    /// Two to four weeks since it was last answered.
    Now {
        /// Last answered.
        last: Date,
    },
    /// More than four weeks.
    Overdue {
        /// Last answered.
        last: Date,
    },
}

/// The patient's care record (see the module docs).
#[derive(Debug, Clone)]
pub struct CareRecord {
    today: Date,
    assessments: Vec<ReadAssessment>,
    unreadable: Vec<Unreadable>,
    latest: Option<(Intake, Assessment)>,
    intake_scores: Vec<(Date, Scores)>,
    reassessments: Vec<SavedReassessment>,
    diary: Vec<DiaryEntry>,
    exercises_done: Vec<ExerciseDay>,
    history: Option<History>,
    plan: Option<WeekPlan>,
    schedules: Vec<Schedule>,
    plan_versions: Vec<PlanVersion>,
}

/// The stored name of a questionnaire a clinician can schedule.
pub fn questionnaire(instrument: Instrument) -> Questionnaire {
    match instrument {
        Instrument::StartBack => Questionnaire::StartBack,
        Instrument::Odi => Questionnaire::Odi,
        Instrument::Rmdq => Questionnaire::Rmdq,
    }
}

/// A scheduled questionnaire is overdue this many days after it became due.
pub const SCHEDULE_GRACE_DAYS: i64 = 7;

/// How one exercise was kept up over a few days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseAdherence {
    /// Its id in the library.
    pub id: String,
    /// Its name, in the record's language.
    pub name: String,
    /// Days the plan asked for in that time; `None` for an exercise not in this week's plan.
    pub planned: Option<u16>,
    /// Days it was done.
    pub days_done: u16,
    /// The last rating given, if any.
    pub last_effort: Option<backcare_storage::Effort>,
}

/// A chart with its table fallback, ready to show.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The SVG drawings, one per [`Width`] (escaped by the charts module; shown as is).
    pub svg: String,
    /// The same data as an HTML table (escaped by the charts module; shown as is).
    pub table: String,
    /// The words on the button that shows the table.
    pub show_table: String,
}

/// Server-rendered SVG charts with their table fallbacks, ready for `templates/charts.html`.
#[derive(Debug, Clone)]
pub struct Charts {
    /// Pain over time, from the diary.
    pub pain: Chart,
    /// One chart per questionnaire measured (ODI, RMDQ, STarT Back), from the intakes and
    /// reassessments.
    pub scores: Vec<Chart>,
    /// Exercise sessions done against planned, by plan week.
    pub adherence: Chart,
    /// The heading above the charts.
    pub heading: String,
}

/// Where a page built from a patient's care record is kept ([`crate::infra::cache`]), and
/// the patient's today.
#[derive(Debug, Clone)]
pub struct KeptPage {
    /// The key: the page, the person, their record's care version, the language, their
    /// today and the session's CSRF token (the page's forms carry it).
    pub key: String,
    /// The patient's today, where they live.
    pub today: Date,
}

impl KeptPage {
    /// The key of `page` for this request: one query (the care version and the time zone).
    pub async fn of(
        state: &AppState,
        ctx: &Ctx,
        user: UserId,
        page: &str,
    ) -> Result<KeptPage, backcare_storage::Error> {
        let (version, offset) = state.store.care_version(user).await?;
        let today = state.clock.today(offset);
        Ok(KeptPage {
            key: format!(
                "{page}|{}|{version}|{}|{today}|{}",
                user.0,
                ctx.lang.code(),
                ctx.csrf()
            ),
            today,
        })
    }
}

impl CareRecord {
    /// Loads a patient's record, re-assessing the latest intake in `lang` and building this
    /// week's plan from the diary.
    pub async fn load(
        store: &Store,
        user: UserId,
        today: Date,
        lang: Lang,
    ) -> Result<CareRecord, backcare_storage::Error> {
        let mut stored = store.assessments(user).await?;
        stored.sort_by_key(|a| (a.created_at, a.id.0));
        let mut assessments = Vec::new();
        let mut unreadable = Vec::new();
        for a in &stored {
            match crate::model::assessment::read(a) {
                Ok(read) => assessments.push(read),
                Err(u) => unreadable.push(u),
            }
        }
        let mut reassessments = Vec::new();
        for r in &store.reassessments(user).await? {
            match read_reassessment(r) {
                Ok(read) => reassessments.push(read),
                Err(u) => unreadable.push(u),
            }
        }
        let from = Date::from_calendar_date(1900, time::Month::January, 1)
            .map_err(|e| backcare_storage::Error::Invalid(e.to_string()))?;
        // The diary accepts a day one ahead of the server's date (time zones).
        let to = today.next_day().unwrap_or(today);
        let diary = store.diary(user, from, to).await?;
        let exercises_done = store.exercise_days(user, from, to).await?;
        let versions = store.plan_versions(user).await?;
        let mut record = CareRecord::build(
            today,
            assessments,
            reassessments,
            (diary, exercises_done),
            versions,
            lang,
        )?;
        record.unreadable = unreadable;
        record.schedules = store.schedules(user).await?;
        Ok(record)
    }

    /// The record from what was loaded (pure); an error when a clinician's stored tailoring
    /// cannot be applied.
    pub fn build(
        today: Date,
        assessments: Vec<ReadAssessment>,
        reassessments: Vec<SavedReassessment>,
        (diary, exercises_done): (Vec<DiaryEntry>, Vec<ExerciseDay>),
        plan_versions: Vec<PlanVersion>,
        lang: Lang,
    ) -> Result<CareRecord, backcare_storage::Error> {
        let intake_scores = assessments
            .iter()
            .map(|a| (a.created_at.date(), a.in_lang(lang).1.scores))
            .collect();
        let latest = assessments.last().map(|a| a.in_lang(lang));
        let mut record = CareRecord {
            today,
            assessments,
            unreadable: Vec::new(),
            latest,
            intake_scores,
            reassessments,
            diary,
            exercises_done,
            history: None,
            plan: None,
            schedules: Vec::new(),
            plan_versions,
        };
        record.make_plan()?;
        Ok(record)
    }

    fn make_plan(&mut self) -> Result<(), backcare_storage::Error> {
        let (Some((intake, result)), Some(stored)) = (&self.latest, self.assessments.last()) else {
            return Ok(());
        };
        let Some(start) = core_date(stored.created_at.date()) else {
            return Ok(());
        };
        let changes = crate::model::tailoring::engine_changes(&self.plan_versions, start)?;
        let prefs = Preferences::default();
        // A withheld plan has no exercises, so no sessions are planned (and none missed).
        let per_week = if plan::withholding_reasons(result).is_empty() {
            prefs.days_per_week.get()
        } else {
            0
        };
        let Ok(planned) = plan::Sessions::new(i64::from(per_week)) else {
            return Ok(());
        };
        let days: Vec<DayLog> = self.diary.iter().filter_map(day_log).collect();
        let ratings: Vec<Rating> = self.exercises_done.iter().filter_map(rating).collect();
        let history = plan::history_from_diary(start, planned, &days, &ratings);
        let week = core_date(self.today).map_or(1, |t| plan::week_of(start, t));
        let inputs = plan::PlanInputs {
            intake,
            assessment: result,
            library: backcare_content::exercises::library(),
            prefs: &prefs,
            history: &history,
        };
        self.plan = Some(inputs.plan(Some(week), &changes));
        self.history = Some(history);
        Ok(())
    }

    /// The plan's inputs as they are today, for checking a clinician's changes and listing
    /// what the engine leaves out; `None` without a readable assessment. The week is this
    /// week of the plan.
    pub fn with_plan_inputs<T>(&self, f: impl FnOnce(&plan::PlanInputs, u16) -> T) -> Option<T> {
        let ((intake, result), history) = (self.latest.as_ref()?, self.history.as_ref()?);
        let prefs = Preferences::default();
        let inputs = plan::PlanInputs {
            intake,
            assessment: result,
            library: backcare_content::exercises::library(),
            prefs: &prefs,
            history,
        };
        Some(f(&inputs, self.plan.as_ref().map_or(1, |p| p.week)))
    }

    /// The exercises the plan leaves out for this person this week, each with why (ids and
    /// the plan's words): what a clinician may add only with an override reason.
    pub fn left_out(&self) -> Vec<(String, String)> {
        self.with_plan_inputs(|inputs, week| {
            inputs
                .left_out(week)
                .into_iter()
                .map(|(id, why)| (id.as_str().to_owned(), why))
                .collect()
        })
        .unwrap_or_default()
    }

    /// The ids of this week's exercises.
    pub fn planned_ids(&self) -> Vec<&str> {
        self.plan
            .as_ref()
            .map(|p| p.exercises.iter().map(|e| e.id.as_str()).collect())
            .unwrap_or_default()
    }

    /// The clinician's versions of the plan, newest first.
    pub fn plan_versions(&self) -> &[PlanVersion] {
        &self.plan_versions
    }

    /// The day the record was loaded for.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The saved assessments that could be read, as issued, oldest first.
    pub fn assessments(&self) -> &[ReadAssessment] {
        &self.assessments
    }

    /// The latest assessment that could be read, as issued.
    pub fn latest_issued(&self) -> Option<&ReadAssessment> {
        self.assessments.last()
    }

    /// The saved records (assessments and reassessments) that could not be read, oldest
    /// first within each kind.
    pub fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    /// The latest intake and today's engine result over it in the page's language: what
    /// the plan is made from. The result shown is [`CareRecord::latest_issued`].
    pub fn latest(&self) -> Option<&(Intake, Assessment)> {
        self.latest.as_ref()
    }

    /// The triage level to act on: the latest assessment's issued level, or today's rules'
    /// level for it when that is more urgent, or the stored level of a newer assessment
    /// that could not be read when that is more urgent still.
    pub fn triage_level(&self) -> Option<Level> {
        let newer_unreadable = self.newer_unreadable().filter_map(|u| u.level).max();
        self.latest_issued()
            .map(ReadAssessment::most_urgent)
            .max(newer_unreadable)
    }

    /// The assessments that could not be read and are newer than the latest that could:
    /// while there is one, the latest result is unknown.
    pub fn newer_unreadable(&self) -> impl Iterator<Item = &Unreadable> {
        let read = self.latest_issued();
        self.unreadable
            .iter()
            .filter(|u| u.kind == record::Kind::Assessment)
            .filter(move |u| read.is_none_or(|r| u.created_at >= r.created_at))
    }

    /// The reassessments that could be read, oldest first.
    pub fn reassessments(&self) -> &[SavedReassessment] {
        &self.reassessments
    }

    /// The diary, oldest day first.
    pub fn diary(&self) -> &[DiaryEntry] {
        &self.diary
    }

    /// The exercises done, by day and exercise.
    pub fn exercises_done(&self) -> &[ExerciseDay] {
        &self.exercises_done
    }

    /// The plan's history worked out from the diary (`None` without an assessment).
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// This week's plan, adapted from the diary (`None` without an assessment).
    pub fn plan(&self) -> Option<&WeekPlan> {
        self.plan.as_ref()
    }

    /// Every set of scores, intakes and reassessments together, oldest first.
    pub fn measurements(&self) -> Vec<Measurement> {
        let mut out: Vec<Measurement> = self
            .intake_scores
            .iter()
            .map(|(date, scores)| Measurement {
                date: *date,
                reassessed: None,
                scores: scores.clone(),
            })
            .chain(self.reassessments.iter().map(|r| Measurement {
                date: r.date,
                reassessed: Some(r.instrument),
                scores: r.scores.clone(),
            }))
            .collect();
        // Stable: an intake before a reassessment of the same day.
        out.sort_by_key(|m| m.date);
        out
    }

    /// The latest scores: each questionnaire and pain rating from the last time it was
    /// measured.
    pub fn latest_scores(&self) -> Scores {
        let mut latest = Scores::default();
        for m in self.measurements() {
            let s = m.scores;
            if s.start_back.is_some() {
                latest.start_back = s.start_back;
            }
            if s.odi.is_some() {
                latest.odi = s.odi;
            }
            if s.rmdq.is_some() {
                latest.rmdq = s.rmdq;
            }
            if s.nrs.now.is_some() {
                latest.nrs.now = s.nrs.now;
            }
            if s.nrs.average.is_some() {
                latest.nrs.average = s.nrs.average;
            }
            if s.nrs.worst.is_some() {
                latest.nrs.worst = s.nrs.worst;
            }
        }
        latest
    }

    /// The latest STarT Back risk group (from the intake or a reassessment).
    pub fn risk_group(&self) -> Option<RiskGroup> {
        self.latest_scores().risk_group()
    }

    /// Pain (0-10) by day, from the diary.
    pub fn nrs_series(&self) -> Vec<(Date, u8)> {
        self.diary.iter().map(|e| (e.day, e.pain)).collect()
    }

    /// The Oswestry percentage each time it was scored.
    pub fn odi_series(&self) -> Vec<(Date, u8)> {
        self.series(|s| s.odi_result().map(|r| r.percent))
    }

    /// The Roland-Morris score each time it was answered.
    pub fn rmdq_series(&self) -> Vec<(Date, u8)> {
        self.series(|s| s.rmdq.map(|r| r.score))
    }

    /// The STarT Back total each time it was scored.
    pub fn start_back_series(&self) -> Vec<(Date, u8)> {
        self.series(|s| {
            s.start_back
                .as_ref()
                .and_then(instruments::Outcome::scored)
                .map(|sb| sb.total)
        })
    }

    fn series(&self, value: impl Fn(&Scores) -> Option<u8>) -> Vec<(Date, u8)> {
        self.measurements()
            .iter()
            .filter_map(|m| Some((m.date, value(&m.scores)?)))
            .collect()
    }

    /// The scores of the last measurement of `instrument` (intake or reassessment).
    pub fn last_measured(&self, instrument: Instrument) -> Option<Measurement> {
        self.measurements()
            .into_iter()
            .rev()
            .find(|m| match instrument {
                Instrument::StartBack => m.scores.start_back.is_some(),
                Instrument::Odi => m.scores.odi.is_some(),
                Instrument::Rmdq => m.scores.rmdq.is_some(),
            })
    }

    /// Every how many days a clinician asked for `instrument`, if they did.
    pub fn schedule(&self, instrument: Instrument) -> Option<u16> {
        let q = questionnaire(instrument);
        self.schedules
            .iter()
            .find(|s| s.questionnaire == q)
            .map(|s| s.every_days)
    }

    /// Days after its last answer that `instrument` is due again: the clinician's schedule,
    /// else [`DUE_AFTER_DAYS`].
    pub fn due_every(&self, instrument: Instrument) -> i64 {
        self.schedule(instrument).map_or(DUE_AFTER_DAYS, i64::from)
    }

    /// When `instrument` is next due: every 2-4 weeks since it was last answered, or on the
    /// clinician's schedule (overdue a week after it became due).
    pub fn due(&self, instrument: Instrument) -> Due {
        let Some(last) = self.last_measured(instrument).map(|m| m.date) else {
            return Due::Never;
        };
        let days = (self.today - last).whole_days();
        let every = self.due_every(instrument);
        let overdue_after = self
            .schedule(instrument)
            .map_or(OVERDUE_AFTER_DAYS, |d| i64::from(d) + SCHEDULE_GRACE_DAYS);
        if days < every {
            Due::NotYet {
                last,
                from: last + time::Duration::days(every),
            }
        } else if days <= overdue_after {
            Due::Now { last }
        } else {
            Due::Overdue { last }
        }
    }

    /// Sessions (week, done, planned) by plan week, from the diary: the weeks before this
    /// one (a week still going on would look like missed sessions).
    pub fn adherence(&self) -> Vec<(u16, u8, u8)> {
        let current = self.plan.as_ref().map_or(1, |p| p.week);
        self.weeks_up_to(current.saturating_sub(1))
    }

    /// The same with this week so far: the chart shows the sessions logged as soon as
    /// they are (its table and summary say which week is still going on).
    pub fn adherence_so_far(&self) -> Vec<(u16, u8, u8)> {
        let current = self.plan.as_ref().map_or(1, |p| p.week);
        self.weeks_up_to(current)
    }

    fn weeks_up_to(&self, last: u16) -> Vec<(u16, u8, u8)> {
        self.history
            .iter()
            .flat_map(|h| &h.weeks)
            .filter(|w| w.week.get() <= last)
            .map(|w| {
                (
                    w.week.get(),
                    w.sessions_done.get(),
                    w.sessions_planned.get(),
                )
            })
            .collect()
    }

    /// Each exercise of this week's plan (in its order), then any other exercise done,
    /// over the `days` days up to today: on how many days it was done, how many days the
    /// plan asked for in that time, and the last rating given; names in `lang` (those of
    /// the plan are in the plan's language).
    pub fn exercise_adherence(&self, days: u8, lang: Lang) -> Vec<ExerciseAdherence> {
        let from = self.today - time::Duration::days(i64::from(days) - 1);
        let recent: Vec<&ExerciseDay> = self
            .exercises_done
            .iter()
            .filter(|d| d.day >= from && d.day <= self.today)
            .collect();
        let mut rows: Vec<ExerciseAdherence> = self
            .plan
            .iter()
            .flat_map(|p| &p.exercises)
            .map(|e| ExerciseAdherence {
                id: e.id.as_str().to_owned(),
                name: e.name.clone(),
                planned: Some(u16::from(e.days_per_week) * u16::from(days) / 7),
                days_done: 0,
                last_effort: None,
            })
            .collect();
        for d in &recent {
            if !rows.iter().any(|r| r.id == d.exercise) {
                let name = ExerciseId::new(&d.exercise)
                    .ok()
                    .and_then(|id| backcare_content::exercises::get(&id))
                    .map_or_else(|| d.exercise.clone(), |e| e.name.get(lang).to_owned());
                rows.push(ExerciseAdherence {
                    id: d.exercise.clone(),
                    name,
                    planned: None,
                    days_done: 0,
                    last_effort: None,
                });
            }
            if let Some(row) = rows.iter_mut().find(|r| r.id == d.exercise) {
                row.days_done += 1;
                // Days come in order, so the last one seen is the latest.
                row.last_effort = d.effort.or(row.last_effort);
            }
        }
        rows
    }

    /// The charts, in `lang`.
    pub fn charts(&self, lang: Lang) -> Charts {
        let points = |series: Vec<(Date, u8)>| -> Vec<(plan::Date, f32)> {
            series
                .into_iter()
                .filter_map(|(d, v)| Some((core_date(d)?, f32::from(v))))
                .collect()
        };
        let show_table = i18n::t(lang, "charts-show-table");
        // One drawing per width; the stylesheet shows the one that fits the screen.
        let chart = |draw: &dyn Fn(Width) -> String, table: charts::Table| Chart {
            svg: Width::ALL.map(draw).concat(),
            table: table.html("chart-table"),
            show_table: show_table.clone(),
        };
        let pain = points(self.nrs_series());
        let series: Vec<(ScoreKind, Vec<(plan::Date, f32)>)> = [
            (ScoreKind::Odi, self.odi_series()),
            (ScoreKind::Rmdq, self.rmdq_series()),
            (ScoreKind::StartBack, self.start_back_series()),
        ]
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .map(|(kind, s)| (kind, points(s)))
        .collect();
        // One date range for the page: a day is at the same place in every chart.
        let span = charts::Span::of(
            std::iter::once(pain.as_slice()).chain(series.iter().map(|(_, p)| p.as_slice())),
        );
        let scores = series
            .iter()
            .map(|(kind, p)| {
                chart(
                    &|w| charts::score_chart_over(*kind, p, span, w, lang),
                    charts::score_table(*kind, p, lang),
                )
            })
            .collect();
        let weeks = self.adherence_so_far();
        Charts {
            pain: chart(
                &|w| charts::pain_chart_over(&pain, span, w, lang),
                charts::pain_table(&pain, lang),
            ),
            scores,
            adherence: chart(
                &|w| charts::adherence_chart(&weeks, w, lang),
                charts::adherence_table(&weeks, lang),
            ),
            heading: i18n::t(lang, "charts-heading"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn rmdq_answers_score_and_round_trip() {
        let a = answers(&[("1", "true"), ("2", "true"), ("3", "false")]);
        let s = score_answers(Instrument::Rmdq, &a, Some(4)).unwrap();
        assert_eq!(s.rmdq.map(|r| r.score), Some(2));
        assert_eq!(s.nrs.now, Some(4));
        let date = Date::from_calendar_date(2026, time::Month::November, 23).unwrap();
        let v = reassessment_json(Instrument::Rmdq, date, &a, Some(4), &s);
        let stored = backcare_storage::Reassessment {
            id: backcare_storage::ReassessmentId(1),
            created_at: date.midnight().assume_utc(),
            scores: v,
        };
        let back = read_reassessment(&stored).unwrap_or_else(|u| panic!("{}", u.error));
        assert_eq!(back.instrument, Instrument::Rmdq);
        assert_eq!(back.answers, a);
        assert_eq!(back.scores, s);
    }

    #[test]
    fn unknown_answers_are_refused() {
        assert!(score_answers(Instrument::Odi, &answers(&[("nope", "1")]), None).is_err());
        assert!(score_answers(Instrument::Odi, &answers(&[("lifting", "9")]), None).is_err());
    }
}
