//! The weekly plan: which exercises, how much, how much walking and what to read, for one
//! week, and the reason for every choice.
//!
//! [`plan`] is a pure function of the intake, its assessment, the exercise library, the
//! person's [`Preferences`] and their [`History`] of weekly check-ins. It replays the weeks
//! from week 1, so the same input always gives the same plan, and the plan for week *n*
//! only depends on check-ins before week *n*.
//!
//! The rules are tables in [`rules`] (with sources); `docs/plan.md` explains them in
//! plain English. The main safety rules:
//! - red flags withhold every exercise ([`rules::WITHHOLD_FAMILIES`]);
//! - a movement this person must avoid ([`rules::RESTRICTIONS`]) is never in the plan, not
//!   even as a progression;
//! - a dose rises at most one step a week, and a flare never raises the load;
//! - an exercise the person said was too hard last week does not rise.

mod diary;
pub mod dose;
mod inputs;
pub mod rules;
mod tailor;
mod text;

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::Serialize;

// The plan's dates are the crate's one date type; re-exported so `plan::Date` keeps working.
pub use crate::date::{BadDate, Date};
pub use diary::{DayLog, history_from_diary, week_of};
pub use inputs::{
    BadLog, DaysPerWeek, Effort, FlareUps, FunctionScore, Goal, GoalKind, GoalMinutes, History,
    MinutesPerDay, Preferences, Rating, Sessions, WalkingMinutes, WeekLog, WeekNumber,
};
pub use rules::ARTICLE_IDS;
pub use tailor::{Added, Changes, PlanInputs, Problem, SetDose};

use crate::assess::Assessment;
use crate::exercise::{Dose, Exercise, ExerciseId, Movement, Target};
use crate::instruments::RiskGroup;
use crate::intake::{Answer, Effect, Intake, Onset};
use crate::lang::{Lang, Text};
use crate::patterns::Pattern;
use crate::triage::{Level, Reason};
use rules::{Filter, Prefer, Referral, Restriction, Slot, Topic, Trigger};

// ---------------------------------------------------------------------------------------
// Output.

/// One week's plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct WeekPlan {
    /// The week of the plan, from 1.
    pub week: u16,
    /// The language of every sentence in this plan.
    pub language: Lang,
    /// When the week starts and ends, and when to check in and reassess.
    pub dates: WeekDates,
    /// Whether exercises are given, or withheld because of red flags.
    pub status: PlanStatus,
    /// What changed since last week, and why.
    pub decision: Decision,
    /// The exercises, in the order to do them. Empty when withheld.
    pub exercises: Vec<PlannedExercise>,
    /// About how long one exercise session takes, in minutes.
    pub session_minutes: u16,
    /// The daily walking target. `null` when withheld.
    pub activity: Option<ActivityGoal>,
    /// Articles to read this week.
    pub education: Vec<EducationTopic>,
    /// What to do in a flare-up, when last week had one.
    pub flare_advice: Option<String>,
    /// A recommendation to see a clinician, and why.
    pub see_clinician: Option<String>,
    /// Movements left out of the plan for this person, and why.
    pub avoid: Vec<Avoided>,
    /// The reason for every choice, in plain words.
    pub reasons: Vec<String>,
    /// The published sources behind this week's choices.
    pub sources: Vec<String>,
}

/// The week's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct WeekDates {
    /// The first day of the week.
    pub start: Date,
    /// The last day of the week.
    pub end: Date,
    /// When to fill in the weekly check-in: the last day of the week.
    pub next_check_in: Date,
    /// The week at whose end the questionnaire should be answered again.
    pub next_reassessment_week: u16,
    /// The last day of that week.
    pub next_reassessment: Date,
}

/// Whether the plan gives exercises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanStatus {
    /// Exercises are given.
    Active,
    /// No exercises: the answers need a clinician first.
    Withheld {
        /// The triage level.
        level: Level,
        /// The level's heading.
        title: String,
        /// What to do.
        action: String,
        /// The advice of each red flag at the triage level that withheld the plan.
        advice: Vec<String>,
    },
}

/// What changed since last week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// The first week.
    Start {
        /// Why.
        reason: String,
    },
    /// One step up.
    Progress {
        /// Why.
        reason: String,
    },
    /// No change.
    Hold {
        /// Why.
        reason: String,
    },
    /// One step down, after a flare-up.
    StepBack {
        /// Why.
        reason: String,
    },
}

impl Decision {
    /// The reason for the decision.
    pub fn reason(&self) -> &str {
        match self {
            Decision::Start { reason }
            | Decision::Progress { reason }
            | Decision::Hold { reason }
            | Decision::StepBack { reason } => reason,
        }
    }

    /// Adds a sentence to the reason.
    fn append(&mut self, sentence: &str) {
        let (Decision::Start { reason }
        | Decision::Progress { reason }
        | Decision::Hold { reason }
        | Decision::StepBack { reason }) = self;
        reason.push(' ');
        reason.push_str(sentence);
    }

    fn step(&self) -> Step {
        match self {
            Decision::Start { .. } => Step::Start,
            Decision::Progress { .. } => Step::Up,
            Decision::Hold { .. } => Step::Hold,
            Decision::StepBack { .. } => Step::Back,
        }
    }
}

/// One exercise in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlannedExercise {
    /// The exercise's id in the library.
    pub id: ExerciseId,
    /// Its name.
    pub name: String,
    /// Its main target.
    pub target: Target,
    /// This week's dose.
    pub dose: Dose,
    /// Days a week to do it.
    pub days_per_week: u8,
    /// The dose step: 0 is the starting dose (see [`dose`]).
    pub step: u8,
    /// The top step of this exercise.
    pub max_step: u8,
    /// About how long it takes, in minutes.
    pub minutes: u16,
    /// Why it is in the plan, and what changed this week.
    pub reason: String,
    /// True when a clinician added it ([`Changes::added`]).
    pub chosen_by_clinician: bool,
    /// The clinician's reason for adding it although the plan would usually leave it out
    /// for this person.
    pub override_reason: Option<String>,
}

/// The daily walking target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ActivityGoal {
    /// Minutes of walking a day.
    pub walking_minutes_per_day: u16,
    /// Why this much.
    pub reason: String,
}

/// An article to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct EducationTopic {
    /// One of [`ARTICLE_IDS`].
    pub article_id: &'static str,
    /// Why it is suggested.
    pub reason: String,
}

/// A movement left out of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Avoided {
    /// The movement.
    pub movement: Movement,
    /// The rule that left it out ([`rules::RESTRICTIONS`]).
    pub rule_id: &'static str,
    /// Why, in plain words.
    pub reason: String,
    /// The source.
    pub source: &'static str,
}

// ---------------------------------------------------------------------------------------
// The person and the week.

/// How candidates are ranked: a repeated kind last, then preference row and position, then
/// level, then id.
type Key<'a> = (bool, usize, usize, u8, &'a ExerciseId);

/// What is fixed for the whole plan.
struct Person<'a> {
    intake: &'a Intake,
    /// A clinician's changes, oldest version first.
    changes: &'a [Changes],
    lang: Lang,
    prefs: &'a Preferences,
    library: &'a [Exercise],
    patterns: Vec<Pattern>,
    risk: Option<RiskGroup>,
    pregnant: bool,
    budget: u32,
}

/// What can change from week to week.
struct Week {
    number: u16,
    since_onset: Option<u16>,
    acute: bool,
    pregnancy_weeks: Option<u16>,
    restrictions: Vec<&'static Restriction>,
    avoid: BTreeSet<Movement>,
}

/// Why an exercise does not fit this week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exclusion {
    Movement,
    Filter(Filter),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    Up,
    Hold,
    Back,
}

/// What happened to an exercise this week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Start,
    Same,
    Up,
    Harder(usize),
    Top,
    TopBlocked,
    TooHard,
    Time,
    Down,
    Easier(usize),
    Bottom,
    Replaced(usize),
    Added,
    ClinicianAdded,
    ClinicianDose,
}

#[derive(Debug, Clone, Copy)]
struct Current {
    ex: usize,
    step: u8,
    why: Option<usize>,
    change: Change,
}

#[derive(Debug, Clone)]
struct SlotState {
    slot: &'static Slot,
    current: Option<Current>,
}

impl SlotState {
    /// True for an exercise a clinician added.
    fn chosen(&self) -> bool {
        self.slot.id == rules::CLINICIAN.id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Walk {
    Start,
    Up(u16),
    Hold,
    Short(u16),
    Down(u16),
    Top,
    /// Lowered from this to a clinician's walking goal.
    Goal(u16),
}

#[derive(Debug, Clone)]
struct State {
    slots: Vec<SlotState>,
    walk: u16,
    walk_change: Walk,
    /// Exercises dropped this week because they no longer suit the person.
    dropped: Vec<usize>,
    /// A clinician's additions that wait for the week after a flare.
    waiting: Vec<usize>,
}

impl<'a> Person<'a> {
    fn new(i: &PlanInputs<'a>, changes: &'a [Changes]) -> Person<'a> {
        Person {
            intake: i.intake,
            changes,
            lang: i.intake.language,
            prefs: i.prefs,
            library: i.library,
            patterns: i.assessment.patterns.iter().map(|r| r.pattern).collect(),
            risk: i.assessment.scores.risk_group(),
            pregnant: i.intake.pregnant == Answer::Yes,
            budget: u32::from(i.prefs.minutes_per_day.get()) * 60,
        }
    }

    /// The clinician's version that applies in `week`, if any.
    fn changes_at(&self, week: u16) -> Option<&'a Changes> {
        self.changes.iter().rfind(|c| c.from_week <= week)
    }

    /// True when the clinician took this exercise out of the plan.
    fn barred(&self, ex: usize, w: &Week) -> bool {
        self.changes_at(w.number)
            .is_some_and(|c| c.removed.contains(&self.library[ex].id))
    }

    /// The clinician's addition of this exercise in `week`'s version, if any.
    fn added(&self, ex: usize, week: u16) -> Option<&'a Added> {
        self.changes_at(week)?
            .added
            .iter()
            .find(|a| a.exercise == self.library[ex].id)
    }

    /// The clinician's reason for adding this exercise despite the engine, if they gave one.
    fn override_reason(&self, ex: usize, week: u16) -> Option<&'a str> {
        self.added(ex, week)?.reason()
    }

    /// True when a clinician's override keeps this exercise in the plan this week: a reason
    /// was given, and it was given for every rule that leaves the exercise out now.
    fn overridden(&self, ex: usize, w: &Week) -> bool {
        self.added(ex, w.number)
            .is_some_and(|a| a.reason().is_some() && self.covered(&self.library[ex], w, &a.covers))
    }

    /// True when every rule that leaves `e` out this week is in `covers`.
    fn covered(&self, e: &Exercise, w: &Week, covers: &[String]) -> bool {
        self.exclusion_ids(e, w)
            .iter()
            .all(|id| covers.iter().any(|c| c == id))
    }

    /// The ids of every rule that leaves `e` out this week: each restriction whose movements
    /// it involves, and the filters (`pregnancy`, `acute`, `equipment`).
    fn exclusion_ids(&self, e: &Exercise, w: &Week) -> Vec<String> {
        let mut out: Vec<String> = w
            .restrictions
            .iter()
            .filter(|r| r.avoid.iter().any(|m| e.involves.contains(m)))
            .map(|r| r.id.to_owned())
            .collect();
        if self.pregnant && !e.pregnancy_ok {
            out.push("pregnancy".to_owned());
        }
        if w.acute && !e.acute_ok {
            out.push("acute".to_owned());
        }
        let equipped = e
            .equipment
            .iter()
            .all(|q| self.prefs.equipment.contains(q) || rules::HOUSEHOLD.contains(q));
        if !equipped {
            out.push("equipment".to_owned());
        }
        out
    }

    /// True when progression is held in week `n`: the version in force holds it, and it was
    /// already held the week before (a version saved in week `n` keeps what the person was
    /// shown that week, unless an earlier version held it already).
    fn held(&self, n: u16) -> bool {
        self.changes_at(n).is_some_and(|c| {
            c.hold && (c.from_week < n || self.changes_at(n - 1).is_some_and(|p| p.hold))
        })
    }

    fn days_per_week(&self, week: u16) -> u8 {
        self.changes_at(week)
            .and_then(|c| c.days_per_week)
            .unwrap_or(self.prefs.days_per_week)
            .get()
    }

    fn has_pattern(&self, p: Pattern) -> bool {
        self.patterns.contains(&p)
    }

    fn bone(&self) -> bool {
        let h = &self.intake.history;
        h.osteoporosis == Answer::Yes
            || h.long_term_steroids == Answer::Yes
            || self.has_pattern(Pattern::OsteoporoticFracture)
    }

    fn week(&self, history: &History, number: u16) -> Week {
        let i = self.intake;
        let since_onset = i.duration_weeks.map(|w| w.get().saturating_add(number - 1));
        let pain = history
            .latest_before(number)
            .map(|l| l.pain_average.get())
            .or(i.pain.average.map(|n| n.get()))
            .or(i.pain.now.map(|n| n.get()));
        let acute = since_onset.is_some_and(|w| w < rules::ACUTE_WEEKS)
            || pain.is_some_and(|p| p >= rules::ACUTE_PAIN);
        let pregnancy_weeks = i
            .pregnancy_weeks
            .map(|w| u16::from(w.get()).saturating_add(number - 1));
        let mut w = Week {
            number,
            since_onset,
            acute,
            pregnancy_weeks,
            restrictions: Vec::new(),
            avoid: BTreeSet::new(),
        };
        w.restrictions = rules::RESTRICTIONS
            .iter()
            .filter(|r| self.applies(r.when, &w))
            .collect();
        w.avoid = w
            .restrictions
            .iter()
            .flat_map(|r| r.avoid.iter().copied())
            .collect();
        w
    }

    fn applies(&self, when: Trigger, w: &Week) -> bool {
        let h = &self.intake.history;
        match when {
            Trigger::Pattern(p) => self.has_pattern(p),
            Trigger::Osteoporosis => h.osteoporosis == Answer::Yes,
            Trigger::LongTermSteroids => h.long_term_steroids == Answer::Yes,
            Trigger::RadicularEarly => {
                self.has_pattern(Pattern::Radicular)
                    && w.since_onset
                        .is_none_or(|s| s < rules::RADICULAR_EARLY_WEEKS)
            }
            Trigger::PregnantFromWeek(from) => {
                self.pregnant && w.pregnancy_weeks.is_none_or(|g| g >= from)
            }
            Trigger::BackwardWorse => self.intake.effects.bending_backward == Some(Effect::Worse),
            Trigger::ForwardWorse => self.intake.effects.bending_forward == Some(Effect::Worse),
            // "Not sure" is as unknown as no answer: only a known "better" or "no change"
            // lets the end-range extension exercises in.
            Trigger::BackwardUnknown => matches!(
                self.intake.effects.bending_backward,
                None | Some(Effect::DontKnow)
            ),
        }
    }

    fn exclusion(&self, e: &Exercise, w: &Week) -> Option<Exclusion> {
        if e.involves.iter().any(|m| w.avoid.contains(m)) {
            Some(Exclusion::Movement)
        } else if self.pregnant && !e.pregnancy_ok {
            Some(Exclusion::Filter(Filter::Pregnancy))
        } else if w.acute && !e.acute_ok {
            Some(Exclusion::Filter(Filter::Acute))
        } else if !e
            .equipment
            .iter()
            .all(|q| self.prefs.equipment.contains(q) || rules::HOUSEHOLD.contains(q))
        {
            Some(Exclusion::Filter(Filter::Equipment))
        } else {
            None
        }
    }

    fn allowed(&self, ex: usize, w: &Week) -> bool {
        self.exclusion(&self.library[ex], w).is_none()
    }

    fn find(&self, id: &ExerciseId) -> Option<usize> {
        self.library.iter().position(|e| &e.id == id)
    }

    fn harder(&self, ex: usize) -> Option<usize> {
        self.library[ex]
            .harder
            .as_ref()
            .and_then(|id| self.find(id))
    }

    fn easier(&self, ex: usize) -> Option<usize> {
        self.library[ex]
            .easier
            .as_ref()
            .and_then(|id| self.find(id))
    }

    /// The easiest exercise in `ex`'s progression chain.
    fn root(&self, ex: usize) -> usize {
        let mut at = ex;
        for _ in 0..self.library.len() {
            match self.easier(at) {
                Some(e) if e != ex => at = e,
                _ => break,
            }
        }
        at
    }

    /// The easiest exercise in `ex`'s chain that suits the person this week (or `ex`).
    fn entry(&self, ex: usize, w: &Week) -> usize {
        let mut at = self.root(ex);
        for _ in 0..self.library.len() {
            if self.allowed(at, w) {
                return at;
            }
            if at == ex {
                break;
            }
            match self.harder(at) {
                Some(h) => at = h,
                None => break,
            }
        }
        ex
    }

    fn main_target(&self, ex: usize) -> Option<Target> {
        self.library[ex].targets.first().copied()
    }

    fn fits_slot(&self, slot: &Slot, ex: usize) -> bool {
        match self.main_target(ex) {
            None | Some(Target::Aerobic) => false,
            Some(t) => slot.targets.is_empty() || slot.targets.contains(&t),
        }
    }

    fn prefers(&self, when: Prefer, w: &Week) -> bool {
        match when {
            Prefer::Goal(g) => self.prefs.has_goal(g),
            Prefer::Pattern(p) => self.has_pattern(p),
            Prefer::BoneHealth => self.bone(),
            Prefer::BackwardBetter => self.intake.effects.bending_backward == Some(Effect::Better),
            Prefer::ForwardBetter => self.intake.effects.bending_forward == Some(Effect::Better),
            Prefer::Acute => w.acute,
        }
    }

    /// (row, position) of the first preference row that lists this exercise.
    fn preference(&self, ex: usize, w: &Week) -> Option<(usize, usize)> {
        let id = self.library[ex].id.as_str();
        rules::PREFERENCES
            .iter()
            .enumerate()
            .filter(|(_, p)| self.prefers(p.when, w))
            .find_map(|(row, p)| p.ids.iter().position(|i| *i == id).map(|pos| (row, pos)))
    }

    fn seconds(&self, ex: usize, step: u8) -> u32 {
        dose::seconds(&dose::dose_at(&self.library[ex].dose, step))
    }

    /// The best exercise for `slot` this week, starting at its chain's easiest suitable
    /// member, from chains not in `taken`, within `budget` seconds. Ties go by level, then id.
    fn pick(
        &self,
        slot: &Slot,
        w: &Week,
        (taken, taken_targets): (&[usize], &[Target]),
        budget: u32,
    ) -> Option<(usize, Option<usize>)> {
        let mut best: Option<(Key, usize, Option<usize>)> = None;
        for ex in 0..self.library.len() {
            if !self.allowed(ex, w) || !self.fits_slot(slot, ex) || self.barred(ex, w) {
                continue;
            }
            if taken.contains(&self.root(ex)) {
                continue;
            }
            let mut start = self.entry(ex, w);
            if !self.fits_slot(slot, start) || !self.allowed(start, w) {
                start = ex;
            }
            if self.seconds(start, 0) > budget {
                continue;
            }
            let pref = self.preference(ex, w);
            let (row, pos) = pref.unwrap_or((usize::MAX, usize::MAX));
            let e = &self.library[start];
            // An "any" place goes first to a kind not in the plan yet (selfBACK: "the rest
            // from other groups").
            let repeat = slot.targets.is_empty()
                && self
                    .main_target(start)
                    .is_some_and(|t| taken_targets.contains(&t));
            let key = (repeat, row, pos, e.level, &e.id);
            if best.as_ref().is_none_or(|(k, _, _)| key < *k) {
                best = Some((key, start, pref.map(|p| p.0)));
            }
        }
        best.map(|(_, ex, why)| (ex, why))
    }

    /// The walking goal in `week`: the clinician's, else the person's.
    fn walking_goal(&self, week: u16) -> Option<u16> {
        self.changes_at(week)
            .and_then(|c| c.walking_goal)
            .map(|g| g.get())
            .or(self.prefs.walking_goal())
    }

    fn walk_cap(&self, week: u16) -> u16 {
        self.walking_goal(week).unwrap_or(rules::WALK_CAP)
    }
}

impl State {
    /// The engine's places that are filled (a clinician's additions are on top).
    fn filled(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| s.current.is_some() && !s.chosen())
            .count()
    }

    fn seconds(&self, p: &Person) -> u32 {
        self.slots
            .iter()
            .filter_map(|s| s.current)
            .map(|c| p.seconds(c.ex, c.step))
            .sum()
    }

    /// The chains and main targets in the plan, except the slot `skip`.
    fn taken_except(&self, p: &Person, skip: usize) -> (Vec<usize>, Vec<Target>) {
        let current = || {
            self.slots
                .iter()
                .enumerate()
                .filter(move |(i, _)| *i != skip)
                .filter_map(|(_, s)| s.current)
        };
        (
            current().map(|c| p.root(c.ex)).collect(),
            current().filter_map(|c| p.main_target(c.ex)).collect(),
        )
    }

    /// Week 1.
    fn start(p: &Person, w: &Week) -> State {
        let programme = rules::programme(p.risk);
        let mut st = State {
            slots: Vec::new(),
            walk: 0,
            walk_change: Walk::Start,
            dropped: Vec::new(),
            waiting: Vec::new(),
        };
        for slot in programme.slots {
            st.push(p, w, slot, Change::Start);
        }
        // Top up with "other" exercises when a kind could not be filled.
        while st.filled() < programme.min_exercises && st.push(p, w, &rules::OTHER, Change::Start) {
        }
        st.slots
            .retain(|s| s.current.is_some() || s.slot.id != rules::OTHER.id);
        let start = if w.acute {
            rules::WALK_START_ACUTE
        } else {
            rules::WALK_START
        };
        st.walk = start.min(p.walk_cap(w.number));
        st
    }

    /// Adds a slot, filled if anything fits. True when filled.
    fn push(&mut self, p: &Person, w: &Week, slot: &'static Slot, change: Change) -> bool {
        let taken = self.taken_except(p, usize::MAX);
        let left = p.budget.saturating_sub(self.seconds(p));
        let current = p
            .pick(slot, w, (&taken.0, &taken.1), left)
            .map(|(ex, why)| Current {
                ex,
                step: 0,
                why,
                change,
            });
        self.slots.push(SlotState { slot, current });
        current.is_some()
    }

    /// Moves from last week to week `w`.
    fn advance(&mut self, p: &Person, w: &Week, step: Step, log: Option<&WeekLog>) {
        self.dropped.clear();
        self.waiting.clear();
        for s in &mut self.slots {
            if let Some(c) = &mut s.current {
                c.change = Change::Same;
            }
        }
        self.revalidate(p, w, step);
        // A clinician's exercise that had to go leaves no empty place behind.
        self.slots.retain(|s| s.current.is_some() || !s.chosen());
        match step {
            Step::Up => self.step_up(p, w, log),
            Step::Back => self.step_back(p, w),
            Step::Hold | Step::Start => {}
        }
        // A kind left empty earlier (while pain was acute, say) is filled once something
        // fits, at its starting dose; never after a flare, when nothing new is added.
        if step != Step::Back {
            self.fill_empty(p, w);
        }
        self.fit_budget(p);
        self.walk(p, w, step, log);
    }

    /// Fills slots that are still empty, if an exercise now fits the person and the time left.
    fn fill_empty(&mut self, p: &Person, w: &Week) {
        for i in 0..self.slots.len() {
            if self.slots[i].current.is_some() || self.slots[i].chosen() {
                continue;
            }
            let taken = self.taken_except(p, i);
            let left = p.budget.saturating_sub(self.seconds(p));
            self.slots[i].current = p
                .pick(self.slots[i].slot, w, (&taken.0, &taken.1), left)
                .map(|(ex, why)| Current {
                    ex,
                    step: 0,
                    why,
                    change: Change::Start,
                });
        }
        // "Other" exercises stood in for the kinds that were empty; once those are filled,
        // the extras go, so the programme keeps its size.
        let most = rules::programme(p.risk).slots.len();
        while self.filled() > most {
            let extra = self
                .slots
                .iter()
                .rposition(|s| s.current.is_some() && s.slot.id == rules::OTHER.id);
            let Some(i) = extra else { break };
            self.slots.remove(i);
        }
    }

    /// Drops exercises from the end until the session fits the person's minutes (an easier
    /// variant or a replacement can take longer than the exercise it replaces). What a
    /// clinician added stays: they chose it knowing the time it takes.
    fn fit_budget(&mut self, p: &Person) {
        while self.seconds(p) > p.budget {
            let Some(s) = self
                .slots
                .iter_mut()
                .rev()
                .find(|s| s.current.is_some() && !s.chosen())
            else {
                break;
            };
            if let Some(c) = s.current.take() {
                self.dropped.push(c.ex);
            }
        }
    }

    /// Replaces or drops exercises that no longer suit the person. After a flare nothing
    /// new is added: the exercise is dropped.
    fn revalidate(&mut self, p: &Person, w: &Week, step: Step) {
        for i in 0..self.slots.len() {
            let Some(c) = self.slots[i].current else {
                continue;
            };
            let chosen = self.slots[i].chosen();
            if p.allowed(c.ex, w) || (chosen && p.overridden(c.ex, w)) {
                continue;
            }
            self.slots[i].current = None;
            if step == Step::Back {
                self.dropped.push(c.ex);
                continue;
            }
            // First an easier exercise in the same chain, then another of the same kind.
            let mut at = c.ex;
            let mut found = None;
            for _ in 0..p.library.len() {
                match p.easier(at) {
                    Some(e) if e != c.ex => {
                        if p.allowed(e, w) && !p.barred(e, w) {
                            found = Some(e);
                            break;
                        }
                        at = e;
                    }
                    _ => break,
                }
            }
            let left = p.budget.saturating_sub(self.seconds(p));
            // The clinician chose this exercise, not its kind: only its easier version may
            // stand in for it, whatever its time.
            let found = if chosen {
                found.map(|e| (e, c.why))
            } else {
                found
                    .filter(|e| p.seconds(*e, 0) <= left)
                    .map(|e| (e, c.why))
                    .or_else(|| {
                        let taken = self.taken_except(p, i);
                        p.pick(self.slots[i].slot, w, (&taken.0, &taken.1), left)
                    })
            };
            match found {
                Some((ex, why)) => {
                    self.slots[i].current = Some(Current {
                        ex,
                        step: 0,
                        why,
                        change: Change::Replaced(c.ex),
                    })
                }
                None => self.dropped.push(c.ex),
            }
        }
    }

    fn step_up(&mut self, p: &Person, w: &Week, log: Option<&WeekLog>) {
        let too_hard = log.map_or(&[][..], |l| l.too_hard.as_slice());
        for i in 0..self.slots.len() {
            let Some(c) = self.slots[i].current else {
                continue;
            };
            if c.change != Change::Same {
                continue; // Replaced this week: that is its change.
            }
            let now = p.seconds(c.ex, c.step);
            let others = self.seconds(p) - now;
            let top = dose::max_step(&p.library[c.ex].dose);
            let next = if c.step < top {
                Some((c.ex, c.step + 1, Change::Up))
            } else {
                match p.harder(c.ex) {
                    Some(h) if p.allowed(h, w) && !p.barred(h, w) => {
                        Some((h, 0, Change::Harder(c.ex)))
                    }
                    Some(_) => {
                        self.set_change(i, Change::TopBlocked);
                        None
                    }
                    None => {
                        self.set_change(i, Change::Top);
                        None
                    }
                }
            };
            // Said to be too hard: it would have gone up (or on to its harder version),
            // so it stays. At the top it says the top's words, as it did.
            let next = next.filter(|_| {
                let hard = too_hard.contains(&p.library[c.ex].id);
                if hard {
                    self.set_change(i, Change::TooHard);
                }
                !hard
            });
            if let Some((ex, step, change)) = next {
                if others + p.seconds(ex, step) <= p.budget {
                    self.slots[i].current = Some(Current {
                        ex,
                        step,
                        why: c.why,
                        change,
                    });
                } else {
                    self.set_change(i, Change::Time);
                }
            }
        }
        // One kind that could not be filled before may be filled now.
        if let Some(i) = self
            .slots
            .iter()
            .position(|s| s.current.is_none() && !s.chosen())
        {
            let taken = self.taken_except(p, i);
            let left = p.budget.saturating_sub(self.seconds(p));
            if let Some((ex, why)) = p.pick(self.slots[i].slot, w, (&taken.0, &taken.1), left) {
                self.slots[i].current = Some(Current {
                    ex,
                    step: 0,
                    why,
                    change: Change::Added,
                });
            }
        }
    }

    fn step_back(&mut self, p: &Person, w: &Week) {
        for s in &mut self.slots {
            let Some(c) = &mut s.current else { continue };
            if c.step > 0 {
                c.step -= 1;
                c.change = Change::Down;
            } else if let Some(e) = p
                .easier(c.ex)
                .filter(|e| p.allowed(*e, w) && !p.barred(*e, w))
            {
                c.change = Change::Easier(c.ex);
                c.ex = e;
                c.step = 0;
            } else {
                c.change = Change::Bottom;
            }
        }
    }

    /// Applies one version of a clinician's changes in week `w`: what they took out goes,
    /// what they added comes in at its starting dose (unless it is already in the plan),
    /// then the doses they set. An addition the engine leaves out for this person comes in
    /// only with its override reason.
    fn tailor(&mut self, p: &Person, w: &Week, v: &Changes, step: Step) {
        self.slots.retain(|s| {
            s.current
                .is_none_or(|c| !v.removed.contains(&p.library[c.ex].id))
        });
        // A clinician's exercise the engine leaves out stays only while this version's
        // reason covers every rule that leaves it out.
        let kept = |ex: usize| {
            p.allowed(ex, w)
                || v.added.iter().any(|a| {
                    a.exercise == p.library[ex].id
                        && a.reason().is_some()
                        && p.covered(&p.library[ex], w, &a.covers)
                })
        };
        let gone: Vec<usize> = self
            .slots
            .iter()
            .filter(|s| s.chosen())
            .filter_map(|s| s.current)
            .map(|c| c.ex)
            .filter(|ex| !kept(*ex))
            .collect();
        self.slots
            .retain(|s| !s.chosen() || s.current.is_none_or(|c| !gone.contains(&c.ex)));
        self.dropped.extend(gone);
        if let Some(goal) = v.walking_goal.map(|g| g.get())
            && self.walk > goal
        {
            self.walk_change = Walk::Goal(self.walk);
            self.walk = goal;
        }
        // After a flare nothing new comes in and nothing goes up, whoever set it: the
        // additions wait for the next week (`plan_with`), a dose can only come down.
        let after_flare = step == Step::Back;
        for a in &v.added {
            let Some(ex) = p.find(&a.exercise) else {
                continue;
            };
            let present = self
                .slots
                .iter()
                .any(|s| s.current.is_some_and(|c| c.ex == ex));
            let aerobic = p.main_target(ex).is_none_or(|t| t == Target::Aerobic);
            let safe = p.allowed(ex, w)
                || (a.reason().is_some() && p.covered(&p.library[ex], w, &a.covers));
            if present || aerobic || !safe {
                continue;
            }
            if after_flare {
                self.waiting.push(ex);
                continue;
            }
            self.slots.push(SlotState {
                slot: &rules::CLINICIAN,
                current: Some(Current {
                    ex,
                    step: 0,
                    why: None,
                    change: Change::ClinicianAdded,
                }),
            });
        }
        for d in &v.doses {
            for s in &mut self.slots {
                if let Some(c) = &mut s.current
                    && p.library[c.ex].id == d.exercise
                {
                    let step = d.step.min(dose::max_step(&p.library[c.ex].dose));
                    if after_flare && step > c.step {
                        continue;
                    }
                    c.step = step;
                    c.change = Change::ClinicianDose;
                }
            }
        }
    }

    fn set_change(&mut self, i: usize, change: Change) {
        if let Some(c) = &mut self.slots[i].current {
            c.change = change;
        }
    }

    fn walk(&mut self, p: &Person, w: &Week, step: Step, log: Option<&WeekLog>) {
        let cap = p.walk_cap(w.number);
        let old = self.walk;
        self.walk_change = match step {
            Step::Up if old >= cap => Walk::Top,
            Step::Up => match log.and_then(|l| l.walking_minutes_per_day) {
                Some(done)
                    if u32::from(done.get()) * 100
                        < u32::from(old) * u32::from(rules::ADHERENCE_PERCENT) =>
                {
                    Walk::Short(done.get())
                }
                _ => {
                    self.walk = next_walking_minutes(old, cap);
                    Walk::Up(old)
                }
            },
            Step::Back => {
                let drop = (old * rules::WALK_FLARE_DROP_PERCENT / 100).max(1);
                let floor = rules::WALK_MIN.min(old);
                self.walk = old.saturating_sub(drop).max(floor);
                if self.walk < old {
                    Walk::Down(old)
                } else {
                    Walk::Hold
                }
            }
            Step::Hold | Step::Start => Walk::Hold,
        };
    }
}

/// Next week's walking minutes when progressing: about 10% more, at least 1 minute more,
/// never above `cap` (and never below the current minutes).
pub fn next_walking_minutes(current: u16, cap: u16) -> u16 {
    let rise = ((current * rules::WALK_RISE_PERCENT + 50) / 100).max(1);
    current.saturating_add(rise).min(cap).max(current)
}

// ---------------------------------------------------------------------------------------
// Decisions and referrals.

fn decide(p: &Person, history: &History, week: u16) -> Decision {
    let lang = p.lang;
    if week == 1 {
        return Decision::Start {
            reason: text::START.get(lang).to_owned(),
        };
    }
    let Some(last) = history.log(week - 1) else {
        return Decision::Hold {
            reason: text::HOLD_NO_LOG.fill(lang, &[("week", (week - 1).to_string())]),
        };
    };
    let now = last.pain_average.get();
    let prev = history
        .latest_before(last.week.get())
        .map(|l| l.pain_average.get())
        .or(p.intake.pain.average.map(|n| n.get()));
    let (planned, done) = (last.sessions_planned.get(), last.sessions_done.get());
    let values = [
        ("prev", prev.map_or_else(String::new, |v| v.to_string())),
        ("now", now.to_string()),
        ("done", done.to_string()),
        ("planned", planned.to_string()),
        (
            "percent",
            (u32::from(done) * 100 / u32::from(planned.max(1))).to_string(),
        ),
    ];
    let say = |t: Text| t.fill(lang, &values);
    if last.flare_ups.get() > 0 {
        Decision::StepBack {
            reason: say(text::STEP_BACK_FLARE),
        }
    } else if prev.is_some_and(|v| now >= v + rules::FLARE_RISE) {
        Decision::StepBack {
            reason: say(text::STEP_BACK_RISE),
        }
    } else if planned == 0 {
        Decision::Hold {
            reason: say(text::HOLD_NONE_PLANNED),
        }
    } else if !last.adherent() {
        Decision::Hold {
            reason: say(text::HOLD_ADHERENCE),
        }
    } else if baseline(p, history).is_some_and(|b| now >= b + rules::WORSENING_RISE) {
        Decision::Hold {
            reason: text::HOLD_WORSE.fill(
                lang,
                &[
                    ("now", now.to_string()),
                    ("from", baseline(p, history).unwrap_or(0).to_string()),
                ],
            ),
        }
    } else if prev.is_some_and(|v| now >= v + rules::HOLD_RISE) {
        Decision::Hold {
            reason: say(text::HOLD_PAIN_UP),
        }
    } else if prev.is_some() {
        Decision::Progress {
            reason: say(text::PROGRESS),
        }
    } else {
        Decision::Progress {
            reason: say(text::PROGRESS_NO_PREV),
        }
    }
}

/// The week-1 average pain: the week-1 check-in, or else the intake's average pain.
fn baseline(p: &Person, history: &History) -> Option<u8> {
    history
        .log(1)
        .map(|l| l.pain_average.get())
        .or(p.intake.pain.average.map(|n| n.get()))
}

/// True when pain fell by the minimal important change: 2 points or 30% (Farrar et al.,
/// Pain 2001;94(2):149-158; Ostelo et al., Spine 2008;33(1):90-94).
fn improved(from: u8, to: u8) -> bool {
    from > to
        && (from - to >= rules::IMPROVEMENT_POINTS
            || u16::from(from - to) * 100
                >= u16::from(from) * u16::from(rules::IMPROVEMENT_PERCENT))
}

fn referrals(p: &Person, a: &Assessment, history: &History, week: u16) -> Vec<(Referral, String)> {
    let lang = p.lang;
    let mut out = Vec::new();
    let mut concerns: Vec<&str> = Vec::new();
    for r in a.triage.reasons.iter().filter(|r| r.level == Level::Soon) {
        if !concerns.contains(&r.concern.as_str()) {
            concerns.push(&r.concern);
        }
    }
    if !concerns.is_empty() {
        let (t, _) = rules::referral(Referral::SoonReason);
        out.push((
            Referral::SoonReason,
            t.fill(lang, &[("concerns", concerns.join("; "))]),
        ));
    }
    if p.risk == Some(RiskGroup::High) {
        let (t, _) = rules::referral(Referral::HighRisk);
        out.push((Referral::HighRisk, t.get(lang).to_owned()));
    }
    if let (Some(from), Some(latest)) = (baseline(p, history), history.latest_before(week)) {
        let to = latest.pain_average.get();
        let values = [("from", from.to_string()), ("to", to.to_string())];
        if to >= from + rules::WORSENING_RISE {
            let (t, _) = rules::referral(Referral::Worsening);
            out.push((Referral::Worsening, t.fill(lang, &values)));
        } else if week >= rules::REVIEW_WEEK
            && latest.week.get() + 1 >= rules::REVIEW_WEEK
            && !improved(from, to)
            && to > rules::MILD_PAIN_MAX
        {
            let (t, _) = rules::referral(Referral::NoImprovement);
            out.push((Referral::NoImprovement, t.fill(lang, &values)));
        }
    }
    out
}

/// The triage reasons that withhold exercises, if any: any urgent or emergency reason,
/// or a certain "soon" reason of a serious family ([`rules::WITHHOLD_FAMILIES`]).
pub fn withholding_reasons(a: &Assessment) -> Vec<&Reason> {
    a.triage
        .reasons
        .iter()
        .filter(|r| {
            r.level >= Level::Urgent
                || (r.level == Level::Soon
                    && r.certain
                    && rules::WITHHOLD_FAMILIES.contains(&r.family))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Education.

fn topic_applies(p: &Person, w: &Week, step: Step, topic: Topic) -> bool {
    let i = p.intake;
    match topic {
        Topic::Always => true,
        Topic::FromWeek(n) => w.number >= n,
        Topic::RiskAtLeast(g) => p.risk.is_some_and(|r| r >= g),
        Topic::Pattern(pat) => p.has_pattern(pat),
        Topic::OnsetLifting => i.onset == Some(Onset::LiftingOrActivity),
        Topic::Acute => w.acute,
        Topic::Persistent => w.since_onset.is_some_and(|s| s >= 12),
        Topic::BoneHealth => p.bone(),
        Topic::Goal(g) => p.prefs.has_goal(g),
        Topic::Pregnant => p.pregnant,
        Topic::AgeUnder(n) => i.age.is_some_and(|a| a.get() < n),
        Topic::AgeAtLeast(n) => i.age.is_some_and(|a| a.get() >= n),
        Topic::Smoking => i.history.smoking == Answer::Yes,
        Topic::Flare => step == Step::Back,
        Topic::ReassessmentWeek => w.number.is_multiple_of(rules::REASSESS_EVERY_WEEKS),
    }
}

fn topics(
    p: &Person,
    w: &Week,
    step: Step,
    shown: &mut BTreeSet<&'static str>,
) -> Vec<EducationTopic> {
    let mut out: Vec<EducationTopic> = Vec::new();
    let mut new = 0;
    for row in rules::EDUCATION {
        if !topic_applies(p, w, step, row.when)
            || out.iter().any(|t| t.article_id == row.article_id)
        {
            continue;
        }
        let fresh = !shown.contains(row.article_id);
        if row.when.repeats() || (fresh && new < rules::MAX_NEW_TOPICS) {
            new += usize::from(fresh && !row.when.repeats());
            out.push(EducationTopic {
                article_id: row.article_id,
                reason: row.reason.get(p.lang).to_owned(),
            });
        }
    }
    shown.extend(out.iter().map(|t| t.article_id));
    out
}

// ---------------------------------------------------------------------------------------
// The plan.

fn dates(history: &History, week: u16) -> WeekDates {
    let start = history.start.add_days(7 * i64::from(week - 1));
    let end = start.add_days(6);
    let every = rules::REASSESS_EVERY_WEEKS;
    let reassess = week.div_ceil(every) * every;
    WeekDates {
        start,
        end,
        next_check_in: end,
        next_reassessment_week: reassess,
        next_reassessment: history.start.add_days(7 * i64::from(reassess) - 1),
    }
}

fn avoided(w: &Week, lang: Lang) -> Vec<Avoided> {
    let mut out: Vec<Avoided> = w
        .restrictions
        .iter()
        .flat_map(|r| {
            r.avoid.iter().map(move |m| Avoided {
                movement: *m,
                rule_id: r.id,
                reason: r.reason.get(lang).to_owned(),
                source: r.source.get(lang),
            })
        })
        .collect();
    out.sort_by_key(|a| a.movement); // Stable: table order within a movement.
    out
}

/// True when the person is too young for a self-directed plan ([`rules::MIN_PLAN_AGE`]).
/// An unknown age gets a plan: triage already asks a clinician to look when the age is not
/// given (its age rule treats a missing age as possibly under 18).
pub fn too_young(intake: &Intake) -> bool {
    intake.age.is_some_and(|a| a.get() < rules::MIN_PLAN_AGE)
}

/// Plans one week.
///
/// `week` defaults to the week after the last check-in (1 with none); it is clamped to
/// 1-[`rules::MAX_WEEK`]. Only check-ins before that week are used.
pub fn plan(
    intake: &Intake,
    assessment: &Assessment,
    library: &[Exercise],
    prefs: &Preferences,
    history: &History,
    week: Option<u16>,
) -> WeekPlan {
    let inputs = PlanInputs {
        intake,
        assessment,
        library,
        prefs,
        history,
    };
    plan_with(&inputs, week, &[])
}

/// [`plan`] with a clinician's changes ([`PlanInputs::plan`]).
fn plan_with(i: &PlanInputs, week: Option<u16>, changes: &[Changes]) -> WeekPlan {
    let (intake, assessment, history) = (i.intake, i.assessment, i.history);
    let lang = intake.language;
    let week = week
        .unwrap_or_else(|| history.weeks.last().map_or(1, |l| l.week.get() + 1))
        .clamp(1, rules::MAX_WEEK);
    let dates = dates(history, week);

    let blocking = withholding_reasons(assessment);
    if !blocking.is_empty() {
        // Only the advice at the level that decided: in an emergency the intake stops at
        // once, and the unanswered questions (each "not sure") would bury what to do now.
        let mut advice: Vec<String> = Vec::new();
        for r in blocking
            .iter()
            .filter(|r| r.level == assessment.triage.level)
        {
            if !advice.contains(&r.advice) {
                advice.push(r.advice.clone());
            }
        }
        let mut sources: Vec<String> = Vec::new();
        for r in &blocking {
            if !sources.iter().any(|s| s == r.source) {
                sources.push(r.source.to_owned());
            }
        }
        let status = PlanStatus::Withheld {
            level: assessment.triage.level,
            title: assessment.triage.title.clone(),
            action: assessment.triage.action.clone(),
            advice,
        };
        let see = assessment.triage.action.clone();
        return withheld(
            week,
            lang,
            dates,
            status,
            text::WITHHELD.get(lang),
            see,
            sources,
        );
    }
    if too_young(intake) {
        let action = text::YOUNG_ACTION.get(lang);
        let status = PlanStatus::Withheld {
            level: assessment.triage.level,
            title: text::YOUNG_TITLE.get(lang).to_owned(),
            action: action.to_owned(),
            advice: Vec::new(),
        };
        let sources = vec![rules::MIN_PLAN_AGE_SOURCE.get(lang).to_owned()];
        return withheld(
            week,
            lang,
            dates,
            status,
            action,
            action.to_owned(),
            sources,
        );
    }

    let person = Person::new(i, changes);
    // Versions whose additions wait for a week without a flare.
    let mut waiting: Vec<&Changes> = Vec::new();
    let mut tailor = |state: &mut State, w: &Week, step: Step| {
        for v in changes.iter().filter(|v| v.from_week == w.number) {
            state.tailor(&person, w, v, step);
            if step == Step::Back {
                waiting.push(v);
            }
        }
        if step != Step::Back {
            for v in waiting.drain(..).filter(|v| v.from_week < w.number) {
                let additions = Changes {
                    added: v.added.clone(),
                    ..Changes::default()
                };
                state.tailor(&person, w, &additions, step);
            }
        }
    };

    // Replay from week 1, applying each version of the clinician's changes in its week.
    let mut w = person.week(history, 1);
    let mut state = State::start(&person, &w);
    tailor(&mut state, &w, Step::Start);
    let mut shown = BTreeSet::new();
    let mut decision = decide(&person, history, 1);
    let mut education = topics(&person, &w, Step::Start, &mut shown);
    for n in 2..=week {
        w = person.week(history, n);
        decision = decide(&person, history, n);
        // Held from the week after the clinician held it: what the person was shown
        // that week stays. A flare-up still steps back.
        if matches!(decision, Decision::Progress { .. }) && person.held(n) {
            decision = Decision::Hold {
                reason: text::HOLD_CLINICIAN.get(lang).to_owned(),
            };
        }
        state.advance(&person, &w, decision.step(), history.log(n - 1));
        tailor(&mut state, &w, decision.step());
        education = topics(&person, &w, decision.step(), &mut shown);
    }

    build(
        &person, assessment, history, &w, &state, decision, education, dates,
    )
}

/// A plan without exercises: `reason` says why, `see` whom to see.
/// The source of the daily walk.
const WALKING_SOURCE: Text = crate::lang::t(
    "WHO 2020 guidelines on physical activity (Bull et al., BJSM 2020;54:1451-1462); NICE NG59 1.2.1 (stay active)",
    "Directrices de la OMS (WHO) de 2020 sobre actividad física (Bull et al., BJSM 2020;54:1451-1462); NICE NG59 1.2.1 (mantenerse activo)",
);

/// What to do in a flare-up: keep moving gently, then when to get help now or today, in
/// the rule table's words (the safety net's general signs with their levels' actions), so
/// the plan can never word a warning sign differently from the triage.
pub fn flare_advice(lang: Lang) -> String {
    let mut out = text::FLARE_ADVICE.get(lang).to_owned();
    for level in [Level::Emergency, Level::Urgent] {
        if let Some(line) = crate::triage::safety_net::summary(lang, level) {
            out.push(' ');
            out.push_str(&line);
        }
    }
    out
}

fn withheld(
    week: u16,
    language: Lang,
    dates: WeekDates,
    status: PlanStatus,
    reason: &str,
    see: String,
    sources: Vec<String>,
) -> WeekPlan {
    WeekPlan {
        week,
        language,
        dates,
        status,
        decision: Decision::Hold {
            reason: reason.to_owned(),
        },
        exercises: Vec::new(),
        session_minutes: 0,
        activity: None,
        education: Vec::new(),
        flare_advice: None,
        see_clinician: Some(see),
        avoid: Vec::new(),
        reasons: vec![reason.to_owned()],
        sources,
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    p: &Person,
    assessment: &Assessment,
    history: &History,
    w: &Week,
    st: &State,
    decision: Decision,
    education: Vec<EducationTopic>,
    dates: WeekDates,
) -> WeekPlan {
    let lang = p.lang;
    let lib = p.library;
    let name = |ex: usize| lib[ex].name.get(lang).to_owned();
    let mut reasons: Vec<String> = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut cite = |s: &str| {
        if !sources.iter().any(|x| x == s) {
            sources.push(s.to_owned());
        }
    };

    // The programme.
    let programme = rules::programme(p.risk);
    reasons.push(programme.reason.get(lang).to_owned());
    cite(programme.source.get(lang));

    // Restrictions and filters.
    let avoid = avoided(w, lang);
    for r in &w.restrictions {
        let s = r.reason.get(lang).to_owned();
        if !reasons.contains(&s) {
            reasons.push(s);
        }
        cite(r.source.get(lang));
    }
    // A filter is explained when it applies to the person (pregnancy, acute pain) or
    // when it left out at least one exercise (equipment).
    let mut filters = Vec::new();
    if p.pregnant {
        filters.push(Filter::Pregnancy);
    }
    if w.acute {
        filters.push(Filter::Acute);
    }
    let equipment = Exclusion::Filter(Filter::Equipment);
    if lib.iter().any(|e| p.exclusion(e, w) == Some(equipment)) {
        filters.push(Filter::Equipment);
    }
    for f in filters {
        let (t, source) = rules::filter_reason(f);
        reasons.push(t.get(lang).to_owned());
        cite(source.get(lang));
    }
    let in_plan = |i: usize| {
        st.slots
            .iter()
            .any(|s| s.current.is_some_and(|c| c.ex == i))
    };
    let excluded = (0..lib.len())
        .filter(|i| !p.allowed(*i, w) && !in_plan(*i))
        .count();
    if excluded > 0 {
        reasons.push(text::R_EXCLUDED.fill(
            lang,
            &[
                ("n", excluded.to_string()),
                ("total", lib.len().to_string()),
            ],
        ));
    }

    // The decision, and what a clinician added that waits for the flare to settle.
    let mut decision = decision;
    for ex in &st.waiting {
        decision.append(&text::CH_CLINICIAN_WAITING.fill(lang, &[("name", name(*ex))]));
    }
    reasons.push(decision.reason().to_owned());

    // Exercises.
    let days = p.days_per_week(w.number);
    let tailored = p.changes_at(w.number);
    let mut exercises = Vec::new();
    for s in &st.slots {
        let Some(c) = s.current else {
            reasons
                .push(text::R_SLOT_EMPTY.fill(lang, &[("slot", s.slot.name.get(lang).to_owned())]));
            continue;
        };
        let override_reason = (s.chosen() && p.overridden(c.ex, w))
            .then(|| p.override_reason(c.ex, w.number))
            .flatten();
        let e = &lib[c.ex];
        let mut why = vec![s.slot.reason.get(lang).to_owned()];
        if let Some(row) = c.why.map(|r| &rules::PREFERENCES[r]) {
            why.push(row.reason.get(lang).to_owned());
            cite(row.source.get(lang));
        }
        let old = |ex: usize| vec![("old", name(ex))];
        why.push(match c.change {
            Change::Start => text::CH_START.get(lang).to_owned(),
            Change::Same => text::CH_SAME.get(lang).to_owned(),
            Change::Up => text::CH_UP.get(lang).to_owned(),
            Change::Harder(o) => text::CH_HARDER.fill(lang, &old(o)),
            Change::Top => text::CH_TOP.get(lang).to_owned(),
            Change::TopBlocked => text::CH_TOP_BLOCKED.get(lang).to_owned(),
            Change::TooHard => {
                cite(rules::TOO_HARD_SOURCE.get(lang));
                text::CH_TOO_HARD.get(lang).to_owned()
            }
            Change::Time => {
                text::CH_TIME.fill(lang, &[("min", p.prefs.minutes_per_day.get().to_string())])
            }
            Change::Down => text::CH_DOWN.get(lang).to_owned(),
            Change::Easier(o) => text::CH_EASIER.fill(lang, &old(o)),
            Change::Bottom => text::CH_BOTTOM.get(lang).to_owned(),
            Change::Replaced(o) => text::CH_REPLACED.fill(lang, &old(o)),
            Change::Added => text::CH_ADDED.get(lang).to_owned(),
            Change::ClinicianAdded => text::CH_CLINICIAN_ADDED.get(lang).to_owned(),
            Change::ClinicianDose => text::CH_CLINICIAN_DOSE.get(lang).to_owned(),
        });
        // The override is said for as long as it is what keeps the exercise in the plan.
        if let (Some(reason), Some(x)) = (override_reason, p.exclusion(e, w)) {
            let left = tailor::exclusion_words(p, w, e, x);
            why.push(text::CH_OVERRIDE.fill(lang, &[("why", left), ("reason", reason.to_owned())]));
        }
        let d = dose::dose_at(&e.dose, c.step);
        let on_days = days.min(e.dose.days_per_week).max(1);
        exercises.push(PlannedExercise {
            id: e.id.clone(),
            name: name(c.ex),
            target: p.main_target(c.ex).unwrap_or(Target::PainRelief),
            dose: Dose {
                days_per_week: on_days,
                ..d
            },
            days_per_week: on_days,
            step: c.step,
            max_step: dose::max_step(&e.dose),
            minutes: dose::minutes(&d),
            reason: why.join(" "),
            chosen_by_clinician: s.chosen(),
            override_reason: override_reason.map(str::to_owned),
        });
        cite(e.sources.first().map_or("", String::as_str));
    }
    for ex in &st.dropped {
        reasons.push(text::R_SLOT_DROPPED.fill(lang, &[("old", name(*ex))]));
    }
    for id in tailored.map_or(&[][..], |c| c.removed.as_slice()) {
        if let Some(ex) = p.find(id) {
            reasons.push(text::R_CLINICIAN_REMOVED.fill(lang, &[("old", name(ex))]));
        }
    }
    let used = st.seconds(p).div_ceil(60);
    let session_minutes = u16::try_from(used).unwrap_or(u16::MAX);
    if exercises.is_empty() {
        reasons.push(text::R_NO_EXERCISES.get(lang).to_owned());
    } else {
        reasons.push(text::R_SESSION.fill(
            lang,
            &[
                ("used", used.to_string()),
                ("min", p.prefs.minutes_per_day.get().to_string()),
            ],
        ));
        let by_clinician = tailored.is_some_and(|c| c.days_per_week.is_some());
        let t = if by_clinician && days < rules::MIN_STRENGTH_DAYS {
            text::R_CLINICIAN_DAYS_LOW
        } else if by_clinician {
            text::R_CLINICIAN_DAYS
        } else if days < rules::MIN_STRENGTH_DAYS {
            text::R_DAYS_LOW
        } else {
            text::R_DAYS
        };
        reasons.push(t.fill(lang, &[("days", days.to_string())]));
        if exercises.len() < programme.min_exercises {
            reasons.push(text::R_FEWER.fill(
                lang,
                &[
                    ("n", exercises.len().to_string()),
                    ("want", programme.min_exercises.to_string()),
                    ("min", p.prefs.minutes_per_day.get().to_string()),
                ],
            ));
        }
    }

    // Walking.
    let mins = st.walk;
    let v = |extra: Vec<(&'static str, String)>| {
        let mut all = vec![("min", mins.to_string())];
        all.extend(extra);
        all
    };
    let mut walk = match st.walk_change {
        Walk::Start => text::WALK_START.fill(lang, &v(vec![])),
        Walk::Up(old) => text::WALK_UP.fill(lang, &v(vec![("old", old.to_string())])),
        Walk::Hold => text::WALK_HOLD.fill(lang, &v(vec![])),
        Walk::Short(done) => text::WALK_HOLD_SHORT.fill(lang, &v(vec![("done", done.to_string())])),
        Walk::Down(old) => text::WALK_DOWN.fill(lang, &v(vec![("old", old.to_string())])),
        Walk::Top => text::WALK_TOP.fill(lang, &v(vec![])),
        Walk::Goal(old) => text::WALK_TO_GOAL.fill(lang, &v(vec![("old", old.to_string())])),
    };
    if let Some(goal) = tailored.and_then(|c| c.walking_goal) {
        walk.push(' ');
        walk.push_str(&text::WALK_GOAL_CLINICIAN.fill(lang, &[("goal", goal.to_string())]));
    } else if let Some(goal) = p.prefs.walking_goal() {
        walk.push(' ');
        walk.push_str(&text::WALK_GOAL.fill(lang, &[("goal", goal.to_string())]));
    }
    if p.has_pattern(Pattern::Stenosis) {
        walk.push(' ');
        walk.push_str(text::WALK_STENOSIS.get(lang));
    }
    let alternatives = lib.iter().any(|e| {
        e.targets.first() == Some(&Target::Aerobic)
            && e.id.as_str() != "walking"
            && p.exclusion(e, w).is_none()
    });
    if alternatives {
        walk.push(' ');
        walk.push_str(text::WALK_ALTERNATIVES.get(lang));
    }
    reasons.push(walk.clone());
    cite(WALKING_SOURCE.get(lang));

    // Function, referrals, reassessment.
    if let (Some(first), Some(last)) = (
        history.weeks.iter().find_map(|l| l.function),
        history
            .weeks
            .iter()
            .rev()
            .filter(|l| l.week.get() < w.number)
            .find_map(|l| l.function),
    ) {
        reasons.push(text::R_FUNCTION.fill(
            lang,
            &[("from", first.to_string()), ("to", last.to_string())],
        ));
    }
    let refs = referrals(p, assessment, history, w.number);
    for (r, _) in &refs {
        cite(rules::referral(*r).1);
    }
    let see_clinician = (!refs.is_empty()).then(|| {
        refs.iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    if let Some(s) = &see_clinician {
        reasons.push(s.clone());
    }
    reasons.push(text::R_REASSESS.fill(
        lang,
        &[
            ("week", dates.next_reassessment_week.to_string()),
            ("date", dates.next_reassessment.to_string()),
        ],
    ));

    let flare_advice = matches!(decision, Decision::StepBack { .. }).then(|| flare_advice(lang));
    sources.retain(|s| !s.is_empty());

    WeekPlan {
        week: w.number,
        language: lang,
        dates,
        status: PlanStatus::Active,
        decision,
        exercises,
        session_minutes,
        activity: Some(ActivityGoal {
            walking_minutes_per_day: mins,
            reason: walk,
        }),
        education,
        flare_advice,
        see_clinician,
        avoid,
        reasons,
        sources,
    }
}

/// The JSON Schema of [`WeekPlan`].
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(WeekPlan)
}

/// The JSON Schema of [`Preferences`].
pub fn preferences_schema() -> schemars::Schema {
    schemars::schema_for!(Preferences)
}

/// The JSON Schema of [`History`].
pub fn history_schema() -> schemars::Schema {
    schemars::schema_for!(History)
}

#[cfg(test)]
mod tests;
