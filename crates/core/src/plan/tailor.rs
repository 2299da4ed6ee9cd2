//! A clinician's changes to a person's plan: exercises taken out or added, a dose set,
//! progression held, the days a week and the walking goal.
//!
//! Each saved version of the changes is a [`Changes`] with the week it was made in. The
//! engine replays the weeks as always and applies each version in its week, so a plan goes
//! on adapting from what the clinician set (an added exercise rises a step a week like any
//! other) and a later version never resets what an earlier one started.
//!
//! What a clinician cannot change, because it keeps the person safe:
//! - a plan withheld for red flags stays withheld (changes are ignored until it is not);
//! - an exercise the engine leaves out for this person is added only with an override and a
//!   reason ([`Added::override_reason`]), and the plan says both to the person;
//! - a flare-up still steps the plan back when progression is held.

use crate::exercise::{ExerciseId, Target};
use crate::lang::Lang;

use super::{
    DaysPerWeek, Exclusion, GoalMinutes, History, Person, Preferences, WeekPlan, dose, rules,
};
use crate::assess::Assessment;
use crate::exercise::Exercise;
use crate::intake::Intake;

/// One version of a clinician's changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The plan week the version was made in (from 1): it applies from this week on.
    pub from_week: u16,
    /// Hold progression from the week after `from_week`: nothing goes up (a flare-up still
    /// steps back).
    pub hold: bool,
    /// Days a week for exercises, instead of the person's choice.
    pub days_per_week: Option<DaysPerWeek>,
    /// The walking goal, instead of the person's.
    pub walking_goal: Option<GoalMinutes>,
    /// Exercises taken out; the engine does not choose them again while they are listed.
    pub removed: Vec<ExerciseId>,
    /// Exercises added, in this order, at their starting dose (once: a later version that
    /// lists an exercise already in the plan leaves it where it is).
    pub added: Vec<Added>,
    /// Dose steps set for exercises in the plan (see [`dose`]).
    pub doses: Vec<SetDose>,
}

/// An exercise a clinician added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// The exercise.
    pub exercise: ExerciseId,
    /// Why the clinician adds it although the engine leaves it out for this person; needed
    /// exactly when it does ([`PlanInputs::check`]). Blank is no reason.
    pub override_reason: Option<String>,
    /// What the override was given for: the ids of the rules that left the exercise out
    /// when the clinician gave the reason ([`PlanInputs::exclusion_ids`]). An override
    /// covers only these: a rule that starts to apply later (pregnancy weeks, a new intake)
    /// leaves the exercise out again until a clinician gives a reason for it too.
    pub covers: Vec<String>,
}

impl Added {
    /// The override reason, if one was given (not blank).
    pub fn reason(&self) -> Option<&str> {
        self.override_reason
            .as_deref()
            .filter(|r| !r.trim().is_empty())
    }
}

/// A dose step a clinician set for one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetDose {
    /// Which exercise.
    pub exercise: ExerciseId,
    /// The step, from 0 (its starting dose) to its top ([`dose::max_step`]).
    pub step: u8,
}

/// What is wrong with a version of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No exercise with this id in the library.
    Unknown(ExerciseId),
    /// Walking and other aerobic activity are the walking goal, not an exercise.
    Aerobic(ExerciseId),
    /// The engine leaves this exercise out for this person; adding it needs a reason.
    NeedsOverride {
        /// The exercise.
        exercise: ExerciseId,
        /// Why the engine leaves it out, in the plan's words.
        why: String,
    },
    /// An override reason for an exercise the engine would not leave out.
    NoOverrideNeeded(ExerciseId),
    /// A dose step above the exercise's top step.
    StepTooHigh {
        /// The exercise.
        exercise: ExerciseId,
        /// Its top step.
        max: u8,
    },
}

/// Everything a plan is made from except the week and the clinician's changes.
#[derive(Debug, Clone, Copy)]
pub struct PlanInputs<'a> {
    /// The latest intake.
    pub intake: &'a Intake,
    /// Its assessment.
    pub assessment: &'a Assessment,
    /// The exercise library.
    pub library: &'a [Exercise],
    /// The person's preferences.
    pub prefs: &'a Preferences,
    /// Their check-ins.
    pub history: &'a History,
}

impl<'a> PlanInputs<'a> {
    /// The plan for `week` (see [`super::plan`]) with the clinician's `changes`, oldest
    /// version first.
    pub fn plan(&self, week: Option<u16>, changes: &[Changes]) -> WeekPlan {
        super::plan_with(self, week, changes)
    }

    /// The exercises the engine leaves out for this person in `week`, each with why in the
    /// plan's language: what a clinician may add only with an override.
    pub fn left_out(&self, week: u16) -> Vec<(&'a ExerciseId, String)> {
        let p = Person::new(self, &[]);
        let w = p.week(self.history, week.max(1));
        self.library
            .iter()
            .filter_map(|e| {
                let x = p.exclusion(e, &w)?;
                Some((&e.id, exclusion_words(&p, &w, e, x)))
            })
            .collect()
    }

    /// The ids of the rules that leave exercise `id` out for this person in `week` (a
    /// restriction's id, or `pregnancy`, `acute`, `equipment`): what an override given now
    /// covers ([`Added::covers`]). Empty when the engine would plan it.
    pub fn exclusion_ids(&self, week: u16, id: &ExerciseId) -> Vec<String> {
        let p = Person::new(self, &[]);
        let w = p.week(self.history, week.max(1));
        self.library
            .iter()
            .find(|e| &e.id == id)
            .map(|e| p.exclusion_ids(e, &w))
            .unwrap_or_default()
    }

    /// What is wrong with `changes` for this person, in the week they are made; empty when
    /// they can be saved.
    pub fn check(&self, changes: &Changes) -> Vec<Problem> {
        let p = Person::new(self, &[]);
        let w = p.week(self.history, changes.from_week.max(1));
        let mut out = Vec::new();
        for a in &changes.added {
            let Some(e) = self.library.iter().find(|e| e.id == a.exercise) else {
                out.push(Problem::Unknown(a.exercise.clone()));
                continue;
            };
            if e.targets.first().is_none_or(|t| *t == Target::Aerobic) {
                out.push(Problem::Aerobic(a.exercise.clone()));
                continue;
            }
            match (p.exclusion(e, &w), a.reason()) {
                (Some(x), reason) if reason.is_none() || !p.covered(e, &w, &a.covers) => {
                    out.push(Problem::NeedsOverride {
                        exercise: a.exercise.clone(),
                        why: exclusion_words(&p, &w, e, x),
                    });
                }
                (None, Some(_)) => out.push(Problem::NoOverrideNeeded(a.exercise.clone())),
                _ => {}
            }
        }
        for d in &changes.doses {
            match self.library.iter().find(|e| e.id == d.exercise) {
                None => out.push(Problem::Unknown(d.exercise.clone())),
                Some(e) if d.step > dose::max_step(&e.dose) => out.push(Problem::StepTooHigh {
                    exercise: e.id.clone(),
                    max: dose::max_step(&e.dose),
                }),
                Some(_) => {}
            }
        }
        out
    }
}

/// Why the engine leaves `e` out this week, in the plan's words: the restrictions whose
/// movements it involves, or the filter.
pub(super) fn exclusion_words(p: &Person, w: &super::Week, e: &Exercise, x: Exclusion) -> String {
    let lang: Lang = p.lang;
    match x {
        Exclusion::Movement => {
            let mut out: Vec<&str> = Vec::new();
            for r in &w.restrictions {
                let s = r.reason.get(lang);
                if r.avoid.iter().any(|m| e.involves.contains(m)) && !out.contains(&s) {
                    out.push(s);
                }
            }
            out.join(" ")
        }
        Exclusion::Filter(f) => rules::filter_reason(f).0.get(lang).to_owned(),
    }
    .trim_end_matches('.')
    .to_owned()
}
