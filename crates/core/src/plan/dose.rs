//! The dose ladder: how an exercise's dose grows one step at a time, and how long it takes.
//!
//! Step 0 is the exercise's starting dose from the library. Each step adds one thing, in
//! this order, until the exercise's top step:
//! 1. timed activity (minutes): +[`MINUTE_STEP`] minutes, up to [`MINUTE_CAP`];
//! 2. repetitions: +[`REP_STEP`] reps, up to [`REP_CAP`] (ACSM 2009: 8-12 repetitions);
//!    holds without repetitions: +[`HOLD_STEP`] seconds, up to [`HOLD_CAP`];
//! 3. then +1 set, up to [`SET_CAP`] (ACSM 2009: 2-3 sets for novices).
//!
//! ACSM 2009 is the American College of Sports Medicine position stand, Progression models in
//! resistance training for healthy adults (Med Sci Sports Exerc 2009;41(3):687-708,
//! doi:10.1249/MSS.0b013e3181915670).
//!
//! A dose that starts above a cap keeps its starting value; the ladder never lowers it.
//! Sustained stretches and positions (a hold of [`SUSTAINED_HOLD`] seconds or more, such as
//! "hold 30 s, 3 times") stay at their dose: the ACSM 2011 position stand (Garber et al., Med
//! Sci Sports Exerc 2011;43(7):1334-1359) gives holds of 10-30 s, about 60 s a stretch in
//! all, and longer or more stretching is not a progression.
//! After the top step, progression moves to the exercise's `harder` variant at its starting
//! dose (selfBACK's exercises of progressing difficulty: Sandal et al., JMIR Res Protoc
//! 2019;8(12):e14720).

use crate::exercise::Dose;

/// Repetitions added per step (ACSM 2009 progression: 2 more repetitions than the target,
/// "2-for-2").
pub const REP_STEP: u8 = 2;
/// The most repetitions the ladder goes to (ACSM 2009: 8-12 repetitions).
pub const REP_CAP: u8 = 12;
/// Seconds added to a hold per step.
pub const HOLD_STEP: u16 = 5;
/// The longest hold the ladder goes to (ACSM 2011, Garber et al.: static holds of 10-30 s).
pub const HOLD_CAP: u16 = 30;
/// The most sets the ladder goes to (ACSM 2009: 2-3 sets).
pub const SET_CAP: u8 = 3;
/// Minutes added per step for timed exercises (positions of ease, breathing).
pub const MINUTE_STEP: u16 = 2;
/// The most minutes the ladder goes to for a timed exercise. Walking is not on this
/// ladder: it has its own weekly target (`rules::WALK_CAP`).
pub const MINUTE_CAP: u16 = 10;
/// Seconds per repetition besides any hold (moving in and out of the position).
pub const SECONDS_PER_REP: u32 = 3;
/// Rest between sets (and between sides), in seconds.
pub const REST_SECONDS: u32 = 10;
/// Getting into position for an exercise, in seconds.
pub const SETUP_SECONDS: u32 = 20;

/// A hold this long or longer is a sustained stretch or position: it does not grow.
pub const SUSTAINED_HOLD: u16 = 30;

fn sustained(base: &Dose) -> bool {
    base.minutes.is_none() && base.hold_seconds.is_some_and(|h| h >= SUSTAINED_HOLD)
}

/// Steps of the first phase (minutes, reps or hold) of a dose's ladder.
fn first_phase(base: &Dose) -> u8 {
    if sustained(base) {
        return 0;
    }
    let up = |from: u16, cap: u16, by: u16| cap.saturating_sub(from).div_ceil(by);
    let n = if let Some(m) = base.minutes {
        up(m, MINUTE_CAP, MINUTE_STEP)
    } else if let Some(r) = base.reps {
        up(u16::from(r), u16::from(REP_CAP), u16::from(REP_STEP))
    } else if let Some(h) = base.hold_seconds {
        up(h, HOLD_CAP, HOLD_STEP)
    } else {
        0
    };
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// Steps of the second phase (sets); timed activity has none.
fn set_phase(base: &Dose) -> u8 {
    if base.minutes.is_some() || sustained(base) {
        0
    } else {
        SET_CAP.saturating_sub(base.sets)
    }
}

/// The top step of an exercise whose starting dose is `base` (0 when it cannot grow).
pub fn max_step(base: &Dose) -> u8 {
    first_phase(base).saturating_add(set_phase(base))
}

/// The dose at `step` (clamped to [`max_step`]).
pub fn dose_at(base: &Dose, step: u8) -> Dose {
    let step = step.min(max_step(base));
    let first = step.min(first_phase(base));
    let sets = step - first;
    let mut d = *base;
    if let Some(m) = base.minutes {
        d.minutes = Some((m + MINUTE_STEP * u16::from(first)).min(MINUTE_CAP.max(m)));
    } else if let Some(r) = base.reps {
        let r2 = u16::from(r) + u16::from(REP_STEP) * u16::from(first);
        d.reps = Some(u8::try_from(r2.min(u16::from(REP_CAP.max(r)))).unwrap_or(u8::MAX));
    } else if let Some(h) = base.hold_seconds {
        d.hold_seconds = Some((h + HOLD_STEP * u16::from(first)).min(HOLD_CAP.max(h)));
    }
    d.sets = base.sets.saturating_add(sets);
    d
}

/// About how long one session of this dose takes, in seconds.
pub fn seconds(dose: &Dose) -> u32 {
    let sides = if dose.each_side { 2 } else { 1 };
    let rounds = u32::from(dose.sets.max(1)) * sides;
    let hold = u32::from(dose.hold_seconds.unwrap_or(0));
    let work = match (dose.minutes, dose.reps) {
        (Some(m), _) => u32::from(m) * 60,
        (None, Some(r)) => u32::from(r) * (hold + SECONDS_PER_REP),
        (None, None) if hold > 0 => hold,
        (None, None) => 30,
    };
    SETUP_SECONDS + rounds * work + (rounds - 1) * REST_SECONDS
}

/// About how long one session of this dose takes, in whole minutes (rounded up).
pub fn minutes(dose: &Dose) -> u16 {
    u16::try_from(seconds(dose).div_ceil(60)).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dose(sets: u8, reps: Option<u8>, hold: Option<u16>, minutes: Option<u16>) -> Dose {
        Dose {
            sets,
            reps,
            hold_seconds: hold,
            minutes,
            each_side: false,
            days_per_week: 5,
        }
    }

    /// One row: starting dose, then the (sets, reps, hold, minutes) of every step to the top.
    type Row = (Dose, &'static [(u8, Option<u8>, Option<u16>, Option<u16>)]);

    fn check(cases: &[Row]) {
        for (base, ladder) in cases {
            assert_eq!(
                usize::from(max_step(base)) + 1,
                ladder.len(),
                "{base:?}: top step"
            );
            for (step, (sets, reps, hold, mins)) in ladder.iter().enumerate() {
                let d = dose_at(base, u8::try_from(step).unwrap());
                assert_eq!(
                    (d.sets, d.reps, d.hold_seconds, d.minutes),
                    (*sets, *reps, *hold, *mins),
                    "{base:?} step {step}"
                );
                assert!(step == 0 || seconds(&d) > seconds(&dose_at(base, (step - 1) as u8)));
            }
            // Past the top, the dose stays at the top.
            assert_eq!(dose_at(base, 200), dose_at(base, max_step(base)));
        }
    }

    #[test]
    fn ladders() {
        check(&[
            (
                dose(1, Some(8), None, None),
                &[
                    (1, Some(8), None, None),
                    (1, Some(10), None, None),
                    (1, Some(12), None, None),
                    (2, Some(12), None, None),
                    (3, Some(12), None, None),
                ],
            ),
            (
                // McGill curl-up: 6 reps with a 10 s hold; reps grow, the hold stays short.
                dose(1, Some(6), Some(10), None),
                &[
                    (1, Some(6), Some(10), None),
                    (1, Some(8), Some(10), None),
                    (1, Some(10), Some(10), None),
                    (1, Some(12), Some(10), None),
                    (2, Some(12), Some(10), None),
                    (3, Some(12), Some(10), None),
                ],
            ),
            (
                dose(2, None, Some(20), None),
                &[
                    (2, None, Some(20), None),
                    (2, None, Some(25), None),
                    (2, None, Some(30), None),
                    (3, None, Some(30), None),
                ],
            ),
            (
                // An odd number of reps ends exactly at the cap.
                dose(3, Some(11), None, None),
                &[(3, Some(11), None, None), (3, Some(12), None, None)],
            ),
            (
                // Already above every cap: no steps, nothing lowered.
                dose(4, Some(15), None, None),
                &[(4, Some(15), None, None)],
            ),
            (
                dose(1, None, None, Some(5)),
                &[
                    (1, None, None, Some(5)),
                    (1, None, None, Some(7)),
                    (1, None, None, Some(9)),
                    (1, None, None, Some(10)),
                ],
            ),
            (
                // A sustained stretch (30 s x 3) stays as it is.
                dose(1, Some(3), Some(30), None),
                &[(1, Some(3), Some(30), None)],
            ),
            (
                dose(1, None, Some(120), None),
                &[(1, None, Some(120), None)],
            ),
        ]);
    }

    #[test]
    fn session_time() {
        let mut d = dose(1, Some(6), Some(10), None);
        assert_eq!(seconds(&d), 20 + 6 * 13);
        d.each_side = true;
        assert_eq!(seconds(&d), 20 + 2 * 6 * 13 + 10);
        assert_eq!(minutes(&d), 4);
        assert_eq!(minutes(&dose(1, None, None, Some(10))), 11);
    }
}
