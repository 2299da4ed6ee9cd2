//! What the plan engine reads besides the intake: the person's preferences and their
//! weekly check-ins. Both are JSON files in the CLI (`docs/plan.md`); bad values are
//! rejected while parsing, with a message that says what is allowed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::exercise::{Equipment, ExerciseId};
use crate::intake::{Nrs, OutOfRange, bounded};

bounded!(
    /// Minutes a day the person can give to their exercises (5-120).
    MinutesPerDay(u8), 5, 120, "minutes per day"
);
bounded!(
    /// Days a week the person can exercise (1-7).
    DaysPerWeek(u8), 1, 7, "days per week"
);
bounded!(
    /// A walking goal in minutes a day (1-300).
    GoalMinutes(u16), 1, 300, "walking goal minutes"
);
bounded!(
    /// A week of the plan, counted from 1 (1-520, ten years).
    WeekNumber(u16), 1, 520, "week number"
);
bounded!(
    /// Exercise sessions in one week (0-21: up to three a day).
    Sessions(u8), 0, 21, "sessions in a week"
);
bounded!(
    /// Minutes walked on an average day (0-600).
    WalkingMinutes(u16), 0, 600, "walking minutes per day"
);
bounded!(
    /// Flare-ups in one week (0-7).
    FlareUps(u8), 0, 7, "flare-ups in a week"
);
bounded!(
    /// How well the person can do the activity that matters most to them, 0 (cannot do it)
    /// to 10 (as well as before the pain): one item of the Patient-Specific Functional Scale
    /// (Stratford et al., Physiother Can 1995;47:258-263).
    FunctionScore(u8), 0, 10, "function score"
);

impl Default for MinutesPerDay {
    fn default() -> Self {
        MinutesPerDay(15)
    }
}

impl Default for DaysPerWeek {
    fn default() -> Self {
        DaysPerWeek(5)
    }
}

/// Something the person wants to be able to do. Each goal steers the choice of exercises
/// and articles ([`super::rules::GOALS`]).
///
/// In JSON a goal without details is a string (`"lift_child"`); `walk_minutes` is an
/// object: `{"walk_minutes": {"minutes": 30}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Walk this many minutes a day. The daily walking target grows towards it.
    WalkMinutes {
        /// Minutes a day.
        minutes: GoalMinutes,
    },
    /// Lift and carry a child (or shopping) without pain.
    LiftChild,
    /// Sit for longer (at a desk, in a car).
    SitLonger,
    /// Go back to work, or keep working.
    ReturnToWork,
    /// Sleep better.
    SleepBetter,
    /// Get back to a sport.
    Sport,
}

/// A goal without its details, for the rule tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // The same as [`Goal`].
pub enum GoalKind {
    WalkMinutes,
    LiftChild,
    SitLonger,
    ReturnToWork,
    SleepBetter,
    Sport,
}

impl Goal {
    /// The goal without its details.
    pub fn kind(self) -> GoalKind {
        match self {
            Goal::WalkMinutes { .. } => GoalKind::WalkMinutes,
            Goal::LiftChild => GoalKind::LiftChild,
            Goal::SitLonger => GoalKind::SitLonger,
            Goal::ReturnToWork => GoalKind::ReturnToWork,
            Goal::SleepBetter => GoalKind::SleepBetter,
            Goal::Sport => GoalKind::Sport,
        }
    }
}

/// How much time the person has, what equipment, and what they want to get back to.
///
/// Every field may be left out of the JSON; the defaults are 15 minutes a day, 5 days a
/// week, no equipment and no goals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Preferences {
    /// Minutes a day for exercises (5-120; default 15). Walking is on top of this.
    pub minutes_per_day: MinutesPerDay,
    /// Days a week for exercises (1-7; default 5).
    pub days_per_week: DaysPerWeek,
    /// Equipment the person has. An exercise is chosen only if all it needs is here.
    pub equipment: Vec<Equipment>,
    /// What the person wants to be able to do.
    pub goals: Vec<Goal>,
}

impl Preferences {
    /// True when the person has this goal.
    pub fn has_goal(&self, kind: GoalKind) -> bool {
        self.goals.iter().any(|g| g.kind() == kind)
    }

    /// The walking goal in minutes a day, if the person set one (the largest, if several).
    pub fn walking_goal(&self) -> Option<u16> {
        self.goals
            .iter()
            .filter_map(|g| match g {
                Goal::WalkMinutes { minutes } => Some(minutes.get()),
                _ => None,
            })
            .max()
    }
}

/// One weekly check-in, as the JSON carries it (checked by [`WeekLog`]'s `TryFrom`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename = "WeekLog")]
struct RawWeekLog {
    /// The week this check-in is about (1 = the first week of the plan).
    week: WeekNumber,
    /// Average pain over the week, 0-10.
    pain_average: Nrs,
    /// Worst pain over the week, 0-10.
    #[serde(default)]
    pain_worst: Option<Nrs>,
    /// Exercise sessions planned for the week.
    sessions_planned: Sessions,
    /// Exercise sessions done (no more than planned).
    sessions_done: Sessions,
    /// Minutes walked on an average day.
    #[serde(default)]
    walking_minutes_per_day: Option<WalkingMinutes>,
    /// How many flare-ups (a sudden clear rise in pain lasting a day or more).
    #[serde(default = "no_flare_ups")]
    flare_ups: FlareUps,
    /// How well the person can do the activity that matters most to them (0-10).
    #[serde(default)]
    function: Option<FunctionScore>,
    /// Exercises the person said were too hard this week.
    #[serde(default)]
    too_hard: Vec<ExerciseId>,
}

fn no_flare_ups() -> FlareUps {
    FlareUps(0)
}

/// How an exercise felt, in the person's own words after doing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    /// Too easy.
    TooEasy,
    /// Just right.
    JustRight,
    /// Too hard: the exercise is not made harder the week after.
    TooHard,
}

/// One exercise rated on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// The day it was done.
    pub date: Date,
    /// The exercise.
    pub exercise: ExerciseId,
    /// How it felt.
    pub effort: Effort,
}

/// One weekly check-in: how the week went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawWeekLog")]
pub struct WeekLog {
    /// The week this check-in is about (1 = the first week of the plan).
    pub week: WeekNumber,
    /// Average pain over the week, 0-10.
    pub pain_average: Nrs,
    /// Worst pain over the week, 0-10.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pain_worst: Option<Nrs>,
    /// Exercise sessions planned for the week.
    pub sessions_planned: Sessions,
    /// Exercise sessions done; never more than planned.
    pub sessions_done: Sessions,
    /// Minutes walked on an average day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub walking_minutes_per_day: Option<WalkingMinutes>,
    /// Flare-ups in the week.
    pub flare_ups: FlareUps,
    /// How well the person can do the activity that matters most to them (0-10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<FunctionScore>,
    /// Exercises the person said were too hard this week (their last word on each that
    /// week): these stay at their dose next week ([`super::rules::TOO_HARD_SOURCE`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub too_hard: Vec<ExerciseId>,
}

/// A check-in or history whose values do not fit together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadLog {
    /// More sessions done than planned.
    #[error(
        "week {week}: sessions_done ({done}) is more than sessions_planned ({planned}); count only the sessions that were planned"
    )]
    MoreDoneThanPlanned {
        /// The week.
        week: u16,
        /// Sessions done.
        done: u8,
        /// Sessions planned.
        planned: u8,
    },
    /// Worst pain below average pain.
    #[error("week {week}: pain_worst ({worst}) is lower than pain_average ({average})")]
    WorstBelowAverage {
        /// The week.
        week: u16,
        /// Worst pain.
        worst: u8,
        /// Average pain.
        average: u8,
    },
    /// Weeks out of order or repeated.
    #[error(
        "week {week} comes after week {previous}: list each week once, in order (1, 2, 3...); a missing week is allowed"
    )]
    Order {
        /// The week out of place.
        week: u16,
        /// The week before it in the list.
        previous: u16,
    },
    /// A number out of range.
    #[error(transparent)]
    Range(#[from] OutOfRange),
}

impl WeekLog {
    /// Checks a check-in's values against each other.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        week: WeekNumber,
        pain_average: Nrs,
        pain_worst: Option<Nrs>,
        sessions_planned: Sessions,
        sessions_done: Sessions,
        walking_minutes_per_day: Option<WalkingMinutes>,
        flare_ups: FlareUps,
        function: Option<FunctionScore>,
    ) -> Result<WeekLog, BadLog> {
        if sessions_done > sessions_planned {
            return Err(BadLog::MoreDoneThanPlanned {
                week: week.get(),
                done: sessions_done.get(),
                planned: sessions_planned.get(),
            });
        }
        if let Some(worst) = pain_worst
            && worst < pain_average
        {
            return Err(BadLog::WorstBelowAverage {
                week: week.get(),
                worst: worst.get(),
                average: pain_average.get(),
            });
        }
        Ok(WeekLog {
            week,
            pain_average,
            pain_worst,
            sessions_planned,
            sessions_done,
            walking_minutes_per_day,
            flare_ups,
            function,
            too_hard: Vec::new(),
        })
    }

    /// The same check-in with the exercises said to be too hard this week (sorted, each
    /// once).
    pub fn with_too_hard(mut self, mut ids: Vec<ExerciseId>) -> WeekLog {
        ids.sort();
        ids.dedup();
        self.too_hard = ids;
        self
    }

    /// A check-in from plain numbers, for tests and tools: week, average pain, sessions
    /// planned, sessions done and flare-ups.
    pub fn simple(
        week: i64,
        pain_average: i64,
        planned: i64,
        done: i64,
        flare_ups: i64,
    ) -> Result<WeekLog, BadLog> {
        WeekLog::new(
            WeekNumber::new(week)?,
            Nrs::new(pain_average)?,
            None,
            Sessions::new(planned)?,
            Sessions::new(done)?,
            None,
            FlareUps::new(flare_ups)?,
            None,
        )
    }

    /// True when at least 70% of the planned sessions were done (see
    /// [`super::rules::ADHERENCE_PERCENT`]). A week with none planned does not count as done.
    pub fn adherent(&self) -> bool {
        let planned = u32::from(self.sessions_planned.get());
        planned > 0
            && u32::from(self.sessions_done.get()) * 100
                >= planned * u32::from(super::rules::ADHERENCE_PERCENT)
    }
}

impl TryFrom<RawWeekLog> for WeekLog {
    type Error = BadLog;
    fn try_from(r: RawWeekLog) -> Result<WeekLog, BadLog> {
        WeekLog::new(
            r.week,
            r.pain_average,
            r.pain_worst,
            r.sessions_planned,
            r.sessions_done,
            r.walking_minutes_per_day,
            r.flare_ups,
            r.function,
        )
        .map(|log| log.with_too_hard(r.too_hard))
    }
}

/// The history as the JSON carries it (checked by [`History`]'s `TryFrom`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename = "History")]
struct RawHistory {
    /// The first day of week 1.
    start: Date,
    /// Weekly check-ins, in week order.
    #[serde(default)]
    weeks: Vec<WeekLog>,
}

/// When the plan started, and how each week went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawHistory")]
pub struct History {
    /// The first day of week 1.
    pub start: Date,
    /// Weekly check-ins, in week order, each week at most once (missing weeks are allowed).
    pub weeks: Vec<WeekLog>,
}

impl History {
    /// A history, checking that the weeks are in order and not repeated.
    pub fn new(start: Date, weeks: Vec<WeekLog>) -> Result<History, BadLog> {
        for pair in weeks.windows(2) {
            if pair[1].week <= pair[0].week {
                return Err(BadLog::Order {
                    week: pair[1].week.get(),
                    previous: pair[0].week.get(),
                });
            }
        }
        Ok(History { start, weeks })
    }

    /// A history with no check-ins yet.
    pub fn starting(start: Date) -> History {
        History {
            start,
            weeks: Vec::new(),
        }
    }

    /// The check-in for `week`, if there is one.
    pub fn log(&self, week: u16) -> Option<&WeekLog> {
        self.weeks.iter().find(|w| w.week.get() == week)
    }

    /// The latest check-in before `week`.
    pub fn latest_before(&self, week: u16) -> Option<&WeekLog> {
        self.weeks.iter().rev().find(|w| w.week.get() < week)
    }

    /// The check-in listed before the check-in for `week`.
    pub fn previous_of(&self, week: u16) -> Option<&WeekLog> {
        self.latest_before(week)
    }
}

impl TryFrom<RawHistory> for History {
    type Error = BadLog;
    fn try_from(r: RawHistory) -> Result<History, BadLog> {
        History::new(r.start, r.weeks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row: JSON, then `Ok(())` or `Err(part of the message)`.
    fn check<T: serde::de::DeserializeOwned + std::fmt::Debug>(cases: &[(&str, Result<(), &str>)]) {
        for (json, want) in cases {
            let got = serde_json::from_str::<T>(json);
            match (got, want) {
                (Ok(_), Ok(())) => {}
                (Err(e), Err(part)) => assert!(e.to_string().contains(part), "{json}: {e}"),
                (got, want) => panic!("{json}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn preferences_parse_and_reject() {
        check::<Preferences>(&[
            ("{}", Ok(())),
            (
                r#"{"minutes_per_day": 20, "days_per_week": 3, "equipment": ["mat", "band"],
                   "goals": [{"walk_minutes": {"minutes": 30}}, "lift_child", "sleep_better"]}"#,
                Ok(()),
            ),
            (
                r#"{"minutes_per_day": 200}"#,
                Err("minutes per day must be between 5 and 120, got 200"),
            ),
            (
                r#"{"days_per_week": 0}"#,
                Err("days per week must be between 1 and 7"),
            ),
            (r#"{"equipment": ["dumbbell"]}"#, Err("unknown variant")),
            (r#"{"goals": ["fly"]}"#, Err("unknown variant")),
            (
                r#"{"goals": [{"walk_minutes": {"minutes": 0}}]}"#,
                Err("walking goal minutes must be between 1 and 300"),
            ),
            (r#"{"minutes": 10}"#, Err("unknown field")),
        ]);
        let p: Preferences = serde_json::from_str("{}").unwrap();
        assert_eq!((p.minutes_per_day.get(), p.days_per_week.get()), (15, 5));
    }

    #[test]
    fn histories_parse_and_reject() {
        let week = |extra: &str| {
            format!(
                r#"{{"start": "2025-03-03", "weeks": [{{"week": 1, "pain_average": 5, "sessions_planned": 5, "sessions_done": 4{extra}}}]}}"#
            )
        };
        let cases = [
            week(""),
            week(r#", "pain_worst": 7, "walking_minutes_per_day": 20, "flare_ups": 1, "function": 6"#),
            week(r#", "sessions_done": 6"#),
            r#"{"start": "2025-03-03", "weeks": [{"week": 1, "pain_average": 5, "sessions_planned": 4, "sessions_done": 5}]}"#.to_owned(),
            week(r#", "pain_worst": 3"#),
            week(r#", "flare_ups": 9"#),
            r#"{"start": "2025-03-03", "weeks": [{"week": 1, "pain_average": 11, "sessions_planned": 4, "sessions_done": 3}]}"#.to_owned(),
            r#"{"start": "2025-03-03", "weeks": [{"week": 0, "pain_average": 1, "sessions_planned": 4, "sessions_done": 3}]}"#.to_owned(),
            r#"{"start": "2025-02-30"}"#.to_owned(),
            r#"{"start": "2025-03-03", "weeks": [
                {"week": 2, "pain_average": 5, "sessions_planned": 4, "sessions_done": 3},
                {"week": 2, "pain_average": 5, "sessions_planned": 4, "sessions_done": 3}]}"#.to_owned(),
            r#"{"start": "2025-03-03", "weeks": [], "notes": "x"}"#.to_owned(),
        ];
        let wants: [Result<(), &str>; 11] = [
            Ok(()),
            Ok(()),
            Err("duplicate field"),
            Err("sessions_done (5) is more than sessions_planned (4)"),
            Err("pain_worst (3) is lower than pain_average (5)"),
            Err("flare-ups in a week must be between 0 and 7, got 9"),
            Err("a pain rating must be between 0 and 10, got 11"),
            Err("week number must be between 1 and 520, got 0"),
            Err("not a real date"),
            Err("week 2 comes after week 2"),
            Err("unknown field"),
        ];
        let rows: Vec<(&str, Result<(), &str>)> =
            cases.iter().map(String::as_str).zip(wants).collect();
        check::<History>(&rows);
    }

    #[test]
    fn adherence_is_seventy_percent() {
        let log = |planned, done| WeekLog::simple(1, 3, planned, done, 0).unwrap();
        assert!(log(10, 7).adherent());
        assert!(!log(10, 6).adherent());
        assert!(log(3, 3).adherent());
        assert!(!log(3, 2).adherent()); // 67%
        assert!(!log(0, 0).adherent());
    }
}
