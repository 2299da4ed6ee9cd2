//! The plan's weekly history, worked out from a daily diary.
//!
//! The plan engine reads one check-in per week ([`WeekLog`]); a person keeping a diary
//! writes one entry per day. [`history_from_diary`] folds the days into weeks of seven days
//! counted from the plan's start, so the plan adapts to what was logged without a separate
//! weekly form.

use super::inputs::{
    Effort, FlareUps, History, Rating, Sessions, WalkingMinutes, WeekLog, WeekNumber,
};
use super::rules::MAX_WEEK;
use crate::date::Date;
use crate::exercise::ExerciseId;
use crate::intake::Nrs;

/// One day of the diary, as the plan needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayLog {
    /// The day.
    pub date: Date,
    /// Pain that day, 0-10.
    pub pain: Nrs,
    /// Exercise sessions done that day.
    pub sessions_done: u32,
    /// Minutes walked that day.
    pub minutes_walked: u32,
    /// Whether the day had a flare-up.
    pub flare_up: bool,
}

/// The plan's history from the diary: week 1 starts on `start`, and each week of seven
/// days with at least one entry becomes one check-in.
///
/// - A week with no entry has no check-in: the plan holds rather than reading it as a week
///   of no pain and no exercise.
/// - Average pain is the mean of the days logged, rounded half up; worst pain is the
///   highest day.
/// - Sessions done are added up over the days logged and capped at `planned` (sessions
///   beyond the plan do not make a missed week adherent elsewhere). A day not logged adds
///   none: only what was written down counts, so a sparse week holds the plan rather than
///   moving it on.
/// - Walking minutes are the mean of the days logged (capped at 600 a day).
/// - Each day marked as a flare-up counts as one flare-up.
///
/// - An exercise is too hard for the week when the last rating it got in that week says so
///   (a later "just right" takes it back). Ratings count only in weeks with a diary day:
///   the session that rates an exercise also writes the day.
///
/// Days before `start` or after the plan's last week are left out, and when one day is
/// listed twice the later listing wins. The days and ratings may come in any order; of two
/// ratings of one exercise on one day, the later listing wins.
pub fn history_from_diary(
    start: Date,
    planned: Sessions,
    days: &[DayLog],
    ratings: &[Rating],
) -> History {
    let mut by_day: Vec<DayLog> = Vec::new();
    for d in days {
        // The later listing of a day replaces the earlier one.
        by_day.retain(|x| x.date != d.date);
        by_day.push(*d);
    }
    by_day.sort_by_key(|d| d.date);

    let mut weeks: Vec<(u16, Vec<DayLog>)> = Vec::new();
    for d in by_day {
        let offset = start.days_until(d.date);
        if offset < 0 {
            continue;
        }
        let Ok(week) = u16::try_from(offset / 7 + 1) else {
            continue;
        };
        if week > MAX_WEEK {
            continue;
        }
        match weeks.last_mut() {
            Some((w, list)) if *w == week => list.push(d),
            _ => weeks.push((week, vec![d])),
        }
    }

    let logs = weeks
        .into_iter()
        .filter_map(|(week, list)| {
            let log = week_log(week, planned, &list)?;
            Some(log.with_too_hard(too_hard_in(start, week, ratings)))
        })
        .collect();
    // The weeks are built in order, each once, so `History::new` cannot refuse them; the
    // fallback keeps the function total anyway.
    History::new(start, logs).unwrap_or_else(|_| History::starting(start))
}

/// The exercises whose last rating in `week` was "too hard".
fn too_hard_in(start: Date, week: u16, ratings: &[Rating]) -> Vec<ExerciseId> {
    let mut last: Vec<&Rating> = Vec::new();
    for r in ratings {
        let offset = start.days_until(r.date);
        if offset < 0 || offset / 7 + 1 != i64::from(week) {
            continue;
        }
        match last.iter_mut().find(|l| l.exercise == r.exercise) {
            // Stable on the day: the later listing of the same day wins.
            Some(l) if l.date <= r.date => *l = r,
            Some(_) => {}
            None => last.push(r),
        }
    }
    last.into_iter()
        .filter(|r| r.effort == Effort::TooHard)
        .map(|r| r.exercise.clone())
        .collect()
}

/// One week's check-in from its (non-empty) days.
fn week_log(week: u16, planned: Sessions, days: &[DayLog]) -> Option<WeekLog> {
    let n = u32::try_from(days.len()).ok().filter(|n| *n > 0)?;
    let pain_sum: u32 = days.iter().map(|d| u32::from(d.pain.get())).sum();
    // Rounded half up: (2*sum + n) / (2*n).
    let average = (2 * pain_sum + n) / (2 * n);
    let worst = days.iter().map(|d| d.pain.get()).max()?;
    let done: u64 = days.iter().map(|d| u64::from(d.sessions_done)).sum();
    let done = done.min(u64::from(planned.get()));
    let walked: u64 = days.iter().map(|d| u64::from(d.minutes_walked)).sum();
    let walking = (walked / u64::from(n)).min(600);
    let flare_ups = days.iter().filter(|d| d.flare_up).count();
    WeekLog::new(
        WeekNumber::new(i64::from(week)).ok()?,
        Nrs::new(i64::from(average)).ok()?,
        Some(Nrs::new(i64::from(worst)).ok()?),
        planned,
        Sessions::new(i64::try_from(done).ok()?).ok()?,
        Some(WalkingMinutes::new(i64::try_from(walking).ok()?).ok()?),
        FlareUps::new(i64::try_from(flare_ups.min(7)).ok()?).ok()?,
        None,
    )
    .ok()
}

/// The week of the plan that `day` falls in, counting week 1 from `start`: 1 for any day
/// before `start`, and never more than the plan's last week.
pub fn week_of(start: Date, day: Date) -> u16 {
    let offset = start.days_until(day).max(0);
    u16::try_from(offset / 7 + 1).map_or(MAX_WEEK, |w| w.min(MAX_WEEK))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// A day: date, pain, sessions, minutes walked, flare-up.
    fn day(d: &str, pain: i64, sessions: u32, minutes: u32, flare_up: bool) -> DayLog {
        DayLog {
            date: date(d),
            pain: Nrs::new(pain).unwrap(),
            sessions_done: sessions,
            minutes_walked: minutes,
            flare_up,
        }
    }

    /// One week as plain numbers: (week, average, worst, planned, done, walking, flare-ups).
    type Row = (u16, u8, u8, u8, u8, u16, u8);

    fn row(l: &WeekLog) -> Row {
        (
            l.week.get(),
            l.pain_average.get(),
            l.pain_worst.map_or(0, |n| n.get()),
            l.sessions_planned.get(),
            l.sessions_done.get(),
            l.walking_minutes_per_day.map_or(0, |m| m.get()),
            l.flare_ups.get(),
        )
    }

    /// Data-driven: the days of one diary, then the weeks wanted.
    fn check(cases: &[(&str, Vec<DayLog>, Vec<Row>)]) {
        let start = date("2026-11-02"); // A Monday.
        let planned = Sessions::new(5).unwrap();
        for (name, days, want) in cases {
            let history = history_from_diary(start, planned, days, &[]);
            assert_eq!(history.start, start, "{name}");
            let got: Vec<Row> = history.weeks.iter().map(row).collect();
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn days_fold_into_weeks() {
        check(&[
            ("no entries: no check-ins", vec![], vec![]),
            (
                "one full week, every day a session",
                (2..=8)
                    .map(|d| day(&format!("2026-11-{d:02}"), 4, 1, 20, false))
                    .collect(),
                // 7 sessions done, capped at the 5 planned.
                vec![(1, 4, 4, 5, 5, 20, 0)],
            ),
            (
                "mean pain rounds half up; worst is the highest day",
                vec![
                    day("2026-11-02", 3, 1, 10, false),
                    day("2026-11-03", 4, 1, 20, false),
                ],
                // (3+4)/2 = 3.5 -> 4; walking (10+20)/2 = 15.
                vec![(1, 4, 4, 5, 2, 15, 0)],
            ),
            (
                "day 7 is the last of week 1, day 8 the first of week 2",
                vec![
                    day("2026-11-08", 5, 2, 0, false),
                    day("2026-11-09", 3, 1, 30, false),
                ],
                vec![(1, 5, 5, 5, 2, 0, 0), (2, 3, 3, 5, 1, 30, 0)],
            ),
            (
                "a week with no entry is missing, not zero",
                vec![
                    day("2026-11-02", 5, 1, 10, false),
                    day("2026-11-17", 4, 1, 10, false),
                ],
                vec![(1, 5, 5, 5, 1, 10, 0), (3, 4, 4, 5, 1, 10, 0)],
            ),
            (
                "each flare-up day counts",
                vec![
                    day("2026-11-02", 4, 0, 10, false),
                    day("2026-11-03", 7, 0, 5, true),
                    day("2026-11-04", 6, 0, 0, true),
                ],
                // (4+7+6)/3 = 5.67 -> 6.
                vec![(1, 6, 7, 5, 0, 5, 2)],
            ),
            (
                "days before the start are left out; order does not matter",
                vec![
                    day("2026-11-04", 2, 1, 10, false),
                    day("2026-11-01", 9, 0, 0, true),
                    day("2026-11-02", 4, 1, 30, false),
                ],
                vec![(1, 3, 4, 5, 2, 20, 0)],
            ),
            (
                "a day listed twice: the later listing wins",
                vec![
                    day("2026-11-02", 8, 0, 0, true),
                    day("2026-11-02", 2, 1, 40, false),
                ],
                vec![(1, 2, 2, 5, 1, 40, 0)],
            ),
            (
                "huge values are capped, never refused",
                vec![day("2026-11-02", 10, 50, 5000, false)],
                vec![(1, 10, 10, 5, 5, 600, 0)],
            ),
        ]);
    }

    #[test]
    fn weeks_before_plan_end_only() {
        let start = date("2026-01-05");
        let far = start.add_days(7 * i64::from(MAX_WEEK));
        let h = history_from_diary(
            start,
            Sessions::new(3).unwrap(),
            &[day(&far.to_string(), 3, 1, 10, false)],
            &[],
        );
        assert!(h.weeks.is_empty());
    }

    #[test]
    fn the_last_rating_in_a_week_says_whether_it_was_too_hard() {
        use crate::plan::{Effort, Rating};
        let start = date("2026-11-02"); // A Monday.
        let rate = |d: &str, id: &str, effort| Rating {
            date: date(d),
            exercise: ExerciseId::new(id).unwrap(),
            effort,
        };
        let days: Vec<DayLog> = ["2026-11-03", "2026-11-10"]
            .iter()
            .map(|d| day(d, 3, 1, 0, false))
            .collect();
        // (name, ratings, the exercises too hard in week 1 and week 2).
        type Case<'a> = (&'a str, Vec<Rating>, Vec<Vec<&'a str>>);
        let cases: &[Case] = &[
            ("no ratings", vec![], vec![vec![], vec![]]),
            (
                "too hard in week 1 only",
                vec![rate("2026-11-03", "bridge", Effort::TooHard)],
                vec![vec!["bridge"], vec![]],
            ),
            (
                "a later 'just right' in the week takes it back, whatever the order given",
                vec![
                    rate("2026-11-05", "bridge", Effort::JustRight),
                    rate("2026-11-03", "bridge", Effort::TooHard),
                ],
                vec![vec![], vec![]],
            ),
            (
                "a later 'too hard' wins over an earlier 'too easy'",
                vec![
                    rate("2026-11-03", "cat-cow", Effort::TooEasy),
                    rate("2026-11-08", "cat-cow", Effort::TooHard),
                    rate("2026-11-09", "cat-cow", Effort::JustRight),
                ],
                vec![vec!["cat-cow"], vec![]],
            ),
            (
                "same day: the later listing wins",
                vec![
                    rate("2026-11-10", "bridge", Effort::TooHard),
                    rate("2026-11-10", "bridge", Effort::JustRight),
                    rate("2026-11-10", "cat-cow", Effort::JustRight),
                    rate("2026-11-10", "cat-cow", Effort::TooHard),
                ],
                vec![vec![], vec!["cat-cow"]],
            ),
            (
                "before the plan, or in a week without a diary day: not counted",
                vec![
                    rate("2026-11-01", "bridge", Effort::TooHard),
                    rate("2026-11-17", "bridge", Effort::TooHard),
                ],
                vec![vec![], vec![]],
            ),
        ];
        for (name, ratings, want) in cases {
            let h = history_from_diary(start, Sessions::new(5).unwrap(), &days, ratings);
            let got: Vec<Vec<&str>> = h
                .weeks
                .iter()
                .map(|w| w.too_hard.iter().map(|e| e.as_str()).collect())
                .collect();
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn week_of_counts_from_the_start() {
        let start = date("2026-11-02");
        for (d, want) in [
            ("2026-10-30", 1),
            ("2026-11-02", 1),
            ("2026-11-08", 1),
            ("2026-11-09", 2),
            ("2026-11-23", 4),
        ] {
            assert_eq!(week_of(start, date(d)), want, "{d}");
        }
        assert_eq!(week_of(start, date("2999-12-31")), MAX_WEEK);
    }

    #[test]
    fn a_good_week_moves_the_plan_on_and_a_flare_does_not() {
        use crate::plan::{Decision, Preferences, plan};
        let vignette: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/vignettes/070-selfcare-lifting-strain.json"
        ))
        .unwrap();
        let intake: crate::Intake = serde_json::from_value(vignette["intake"].clone()).unwrap();
        let result = crate::assess(&intake);
        let start = date("2026-11-02");
        let good: Vec<DayLog> = (2..=8)
            .map(|d| day(&format!("2026-11-{d:02}"), 3, 1, 20, false))
            .collect();
        let mut flare = good.clone();
        flare[3].flare_up = true;
        flare[3].pain = Nrs::new(7).unwrap();
        let planned = Sessions::new(5).unwrap();
        let week2 = |days: &[DayLog]| {
            plan(
                &intake,
                &result,
                // The decision does not depend on the library.
                &[],
                &Preferences::default(),
                &history_from_diary(start, planned, days, &[]),
                Some(2),
            )
        };
        assert!(matches!(week2(&good).decision, Decision::Progress { .. }));
        assert!(matches!(week2(&flare).decision, Decision::StepBack { .. }));
        assert!(matches!(week2(&[]).decision, Decision::Hold { .. }));
    }
}
