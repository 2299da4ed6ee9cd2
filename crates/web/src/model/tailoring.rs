//! A clinician's tailoring of a plan, between what the store keeps
//! ([`backcare_storage::Tailoring`], plain strings and numbers) and what the plan engine
//! applies ([`backcare_core::plan::Changes`]), and the words both sides read about each
//! version.

use backcare_core::exercise::{Exercise, ExerciseId, Target};
use backcare_core::plan::{self, Added, Changes, DaysPerWeek, GoalMinutes, SetDose, dose};
use backcare_storage::{PlanVersion, Tailoring};

use crate::infra::date::core_date;
use crate::infra::i18n;
use crate::infra::pages::Ctx;
use backcare_core::Lang;

/// The engine's changes of each version, oldest first, each from the plan week (counted from
/// `start`, the latest assessment's day) it was saved in; a version saved before `start`
/// applies from week 1. A stored value the engine cannot take (an id that no longer parses,
/// days or minutes out of range) is an error, never dropped.
pub fn engine_changes(
    versions: &[PlanVersion],
    start: plan::Date,
) -> Result<Vec<Changes>, backcare_storage::Error> {
    let mut sorted: Vec<&PlanVersion> = versions.iter().collect();
    sorted.sort_by_key(|v| v.version);
    sorted
        .into_iter()
        .map(|v| {
            let from_week = core_date(v.created_at.date()).map_or(1, |d| plan::week_of(start, d));
            changes_of(&v.tailoring, from_week)
        })
        .collect()
}

/// The engine's changes of one tailoring, from `from_week`.
pub fn changes_of(t: &Tailoring, from_week: u16) -> Result<Changes, backcare_storage::Error> {
    let bad =
        |what: String| backcare_storage::Error::Invalid(format!("a plan tailoring has {what}"));
    let id = |s: &str| ExerciseId::new(s).map_err(|_| bad(format!("the exercise id {s:?}")));
    Ok(Changes {
        from_week,
        hold: t.hold,
        days_per_week: t
            .days_per_week
            .map(|d| DaysPerWeek::new(i64::from(d)))
            .transpose()
            .map_err(|e| bad(e.to_string()))?,
        walking_goal: t
            .walking_goal
            .map(|m| GoalMinutes::new(i64::from(m)))
            .transpose()
            .map_err(|e| bad(e.to_string()))?,
        removed: t.removed.iter().map(|s| id(s)).collect::<Result<_, _>>()?,
        added: t
            .added
            .iter()
            .map(|a| {
                Ok(Added {
                    exercise: id(&a.exercise)?,
                    override_reason: a.override_reason.clone(),
                    covers: a.covers.clone(),
                })
            })
            .collect::<Result<_, backcare_storage::Error>>()?,
        doses: t
            .doses
            .iter()
            .map(|d| {
                Ok(SetDose {
                    exercise: id(&d.exercise)?,
                    step: d.step,
                })
            })
            .collect::<Result<_, backcare_storage::Error>>()?,
    })
}

/// The dose of `e` at ladder `step`, in words ("2 sets of 10, each side").
pub fn dose_words(lang: Lang, e: &Exercise, step: u8) -> String {
    dose::dose_at(&e.dose, step).describe(lang)
}

/// What a version changes in the exercises, one short line each, in `lang`: the same words
/// on the clinician's record, the patient's plan and the CarePlan's history.
pub fn change_lines(lang: Lang, t: &Tailoring) -> Vec<String> {
    let t_args = |key: &str, args: &[(&str, &str)]| i18n::t_args(lang, key, args);
    let exercise = |id: &str| {
        backcare_content::exercises::library()
            .iter()
            .find(|e| e.id.as_str() == id)
    };
    let name =
        |id: &str| exercise(id).map_or_else(|| id.to_owned(), |e| e.name.get(lang).to_owned());
    let mut out = Vec::new();
    for id in &t.removed {
        out.push(t_args("tailored-removed", &[("name", &name(id))]));
    }
    for a in &t.added {
        out.push(match &a.override_reason {
            Some(reason) => t_args(
                "tailored-added-override",
                &[("name", &name(&a.exercise)), ("reason", reason)],
            ),
            None => t_args("tailored-added", &[("name", &name(&a.exercise))]),
        });
    }
    for d in &t.doses {
        if let Some(e) = exercise(&d.exercise) {
            out.push(t_args(
                "tailored-dose",
                &[
                    ("name", &name(&d.exercise)),
                    ("dose", &dose_words(lang, e, d.step)),
                ],
            ));
        }
    }
    if t.hold {
        out.push(i18n::t(lang, "tailored-held"));
    }
    match t.days_per_week {
        Some(1) => out.push(i18n::t(lang, "tailored-days-one")),
        Some(days) => out.push(t_args("tailored-days", &[("days", &days.to_string())])),
        None => {}
    }
    if let Some(minutes) = t.walking_goal {
        out.push(t_args(
            "tailored-walking",
            &[("minutes", &minutes.to_string())],
        ));
    }
    out
}

/// A main target in words, for grouping the library.
pub fn target_words(ctx: &Ctx, t: Target) -> String {
    ctx.t(match t {
        Target::Abdominals => "target-abdominals",
        Target::BackExtensors => "target-back-extensors",
        Target::CoreStability => "target-core-stability",
        Target::GlutealHip => "target-gluteal-hip",
        Target::Flexibility => "target-flexibility",
        Target::PainRelief => "target-pain-relief",
        Target::Aerobic => "target-aerobic",
        Target::UpperBack => "target-upper-back",
    })
}
