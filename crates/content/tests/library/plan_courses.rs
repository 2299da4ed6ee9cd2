//! Simulated 12-week courses through the plan engine with the real exercise library.

use backcare_content::exercises::library;
use backcare_core::exercise::{Exercise, Movement};
use backcare_core::intake::Answer;
use backcare_core::plan::{Date, History, PlanStatus, Preferences, WeekLog, WeekPlan, plan};
use backcare_core::{Intake, assess};

/// A person with ordinary back pain and no red flags: eight weeks of low back pain after
/// lifting, average pain 6 (vignette 070 with a longer history).
pub const SAFE_INTAKE: &str = r#"{
  "language": "en", "age": 35, "sex": "male", "pain_areas": ["low"], "pain_side": "both",
  "onset": "lifting_or_activity", "duration_weeks": 8, "course": "better", "leg_symptoms": "none",
  "leg_pain_worse_than_back": "no", "numbness": "no", "pins_and_needles": "no",
  "leg_weakness": "none", "bladder_change": "no", "bowel_change": "no", "saddle_numbness": "no",
  "sexual_function_change": "no", "walking_difficulty": "no", "fever": "no", "night_sweats": "no",
  "weight_loss": "no", "night_pain": "no", "rest_pain": "no", "wakes_second_half_of_night": "no",
  "morning_stiffness_minutes": 10,
  "effects": {"exercise": "better", "rest": "no_change", "sitting": "worse",
    "bending_forward": "worse", "bending_backward": "no_change", "walking": "better",
    "lying_down": "better", "coughing": "no_change"},
  "history": {"cancer": "no", "osteoporosis": "no", "long_term_steroids": "no",
    "immunosuppression": "no", "injected_drug_use": "no", "recent_spinal_procedure": "no",
    "recent_bacterial_infection": "no", "psoriasis": "no", "inflammatory_bowel_disease": "no",
    "uveitis": "no", "family_spondyloarthritis": "no", "smoking": "no", "hypertension": "no",
    "diabetes": "no"},
  "other_symptoms": {"chest_pain": "no", "breathlessness": "no", "sweating": "no",
    "tearing_pain": "no", "pulsing_belly_lump": "no", "feeling_faint": "no",
    "urinary_burning_or_frequency": "no", "colicky_side_pain": "no", "severe_belly_pain": "no",
    "pregnancy_bleeding_or_fluid": "no", "pregnancy_tightenings": "no"},
  "pain": {"now": 6, "average": 6, "worst": 7}
}"#;

/// The safe intake.
pub fn safe_intake() -> Intake {
    serde_json::from_str(SAFE_INTAKE).unwrap()
}

/// The library exercise with this id.
pub fn exercise(id: &str) -> &'static Exercise {
    library()
        .iter()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} is not in the library"))
}

/// Every movement any exercise of the plan involves.
pub fn movements(p: &WeekPlan) -> Vec<(String, Movement)> {
    p.exercises
        .iter()
        .flat_map(|e| {
            exercise(e.id.as_str())
                .involves
                .iter()
                .map(|m| (e.id.to_string(), *m))
        })
        .collect()
}

/// One 12-week course.
struct Course {
    name: &'static str,
    /// Changes to the safe intake.
    person: fn(&mut Intake),
    /// Average pain logged in weeks 1-12.
    pain: [u8; 12],
    /// Sessions done of 10 planned, every week.
    done_of_10: u8,
    /// Weeks whose check-in logs a flare-up.
    flare_weeks: &'static [u16],
    expect: Expect,
}

/// What to expect of the plans for weeks 1-13 (the plan for week n reads check-ins 1..n-1).
struct Expect {
    /// No exercises in any week.
    withheld: bool,
    /// (plan week, decision kind) pairs.
    decisions: &'static [(u16, &'static str)],
    /// Every plan week from 2 on has this decision, unless listed in `decisions`.
    otherwise: Option<&'static str>,
    /// The first plan week that recommends seeing a clinician (none before it).
    clinician_from: Option<u16>,
    /// Plan weeks that give flare advice (and no others do).
    flare_advice: &'static [u16],
    /// Movements no plan week may include.
    never: &'static [Movement],
    /// Text every hold decision's reason contains.
    hold_says: Option<&'static str>,
    /// The highest dose step of any exercise must grow over the course.
    progresses: bool,
}

const E: Expect = Expect {
    withheld: false,
    decisions: &[],
    otherwise: None,
    clinician_from: None,
    flare_advice: &[],
    never: &[],
    hold_says: None,
    progresses: false,
};

fn history(c: &Course) -> History {
    let logs = (1..=12u16)
        .map(|w| {
            let flare = i64::from(c.flare_weeks.contains(&w));
            WeekLog::simple(
                i64::from(w),
                i64::from(c.pain[usize::from(w - 1)]),
                10,
                i64::from(c.done_of_10),
                flare,
            )
            .unwrap()
        })
        .collect();
    History::new(Date::parse("2025-03-03").unwrap(), logs).unwrap()
}

fn kind(p: &WeekPlan) -> String {
    serde_json::to_value(&p.decision).unwrap()["kind"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A rough load figure for a week: the sum over exercises of (level, step).
fn load(p: &WeekPlan) -> u32 {
    p.exercises
        .iter()
        .map(|e| u32::from(exercise(e.id.as_str()).level) * 100 + u32::from(e.step))
        .sum()
}

fn check(courses: &[Course]) {
    for c in courses {
        let mut intake = safe_intake();
        (c.person)(&mut intake);
        let a = assess(&intake);
        let h = history(c);
        let prefs = Preferences::default();
        let plans: Vec<WeekPlan> = (1..=13)
            .map(|w| plan(&intake, &a, library(), &prefs, &h, Some(w)))
            .collect();
        let name = c.name;
        let x = &c.expect;
        for p in &plans {
            let w = p.week;
            let withheld = matches!(p.status, PlanStatus::Withheld { .. });
            assert_eq!(withheld, x.withheld, "{name}, week {w}: {:?}", p.status);
            if x.withheld {
                assert!(p.exercises.is_empty(), "{name}, week {w}");
                continue;
            }
            assert!(!p.exercises.is_empty(), "{name}, week {w}: no exercises");
            let want = x
                .decisions
                .iter()
                .find(|(dw, _)| *dw == w)
                .map(|(_, k)| *k)
                .or(if w == 1 { Some("start") } else { x.otherwise });
            if let Some(k) = want {
                assert_eq!(kind(p), k, "{name}, week {w}: {}", p.decision.reason());
            }
            let clinician = x.clinician_from.is_some_and(|from| w >= from);
            assert_eq!(
                p.see_clinician.is_some(),
                clinician,
                "{name}, week {w}: {:?}",
                p.see_clinician
            );
            assert_eq!(
                p.flare_advice.is_some(),
                x.flare_advice.contains(&w),
                "{name}, week {w}"
            );
            for (id, m) in movements(p) {
                assert!(
                    !x.never.contains(&m),
                    "{name}, week {w}: {id} involves {m:?}"
                );
            }
            if let (Some(says), "hold") = (x.hold_says, kind(p).as_str()) {
                assert!(
                    p.decision.reason().contains(says),
                    "{name}, week {w}: {}",
                    p.decision.reason()
                );
            }
            if kind(p) == "step_back" {
                let before = &plans[usize::from(w) - 2];
                assert!(load(p) <= load(before), "{name}, week {w}: load rose");
                let walk = |p: &WeekPlan| p.activity.as_ref().unwrap().walking_minutes_per_day;
                assert!(walk(p) <= walk(before), "{name}, week {w}: walking rose");
            }
        }
        if x.progresses {
            let top = |p: &WeekPlan| load(p);
            assert!(
                top(&plans[12]) > top(&plans[0]),
                "{name}: no progression from {:?} to {:?}",
                plans[0].exercises,
                plans[12].exercises
            );
            let walk = |p: &WeekPlan| p.activity.as_ref().unwrap().walking_minutes_per_day;
            assert!(
                walk(&plans[12]) > walk(&plans[0]),
                "{name}: walking did not rise"
            );
        }
    }
}

fn nothing(_: &mut Intake) {}

#[test]
fn twelve_week_courses() {
    use Movement::*;
    check(&[
        Course {
            name: "improving: pain 6 to 2, every session done",
            person: nothing,
            pain: [6, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2, 2],
            done_of_10: 10,
            flare_weeks: &[],
            expect: Expect {
                otherwise: Some("progress"),
                progresses: true,
                ..E
            },
        },
        Course {
            name: "plateau: pain stays 5; keeps progressing, clinician at week 6",
            person: nothing,
            pain: [5; 12],
            done_of_10: 10,
            flare_weeks: &[],
            expect: Expect {
                otherwise: Some("progress"),
                clinician_from: Some(6),
                progresses: true,
                ..E
            },
        },
        Course {
            name: "flare: pain jumps from 4 to 6 in week 4",
            person: nothing,
            pain: [5, 4, 4, 6, 3, 3, 3, 3, 3, 2, 2, 2],
            done_of_10: 10,
            flare_weeks: &[],
            expect: Expect {
                decisions: &[(5, "step_back")],
                otherwise: Some("progress"),
                flare_advice: &[5],
                ..E
            },
        },
        Course {
            name: "flare-up logged in week 7",
            person: nothing,
            pain: [5, 5, 4, 4, 3, 3, 3, 3, 3, 3, 2, 2],
            done_of_10: 10,
            flare_weeks: &[7],
            expect: Expect {
                decisions: &[(8, "step_back")],
                otherwise: Some("progress"),
                flare_advice: &[8],
                ..E
            },
        },
        Course {
            name: "not doing the exercises: 3 of 10 sessions",
            person: nothing,
            pain: [4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3],
            done_of_10: 3,
            flare_weeks: &[],
            expect: Expect {
                otherwise: Some("hold"),
                hold_says: Some("3 of 10 sessions last week (30%)"),
                ..E
            },
        },
        Course {
            name: "worsening: pain 4 to 6 by week 3",
            person: nothing,
            pain: [4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6],
            done_of_10: 10,
            flare_weeks: &[],
            expect: Expect {
                decisions: &[(2, "progress")],
                otherwise: Some("hold"),
                clinician_from: Some(4),
                ..E
            },
        },
        Course {
            name: "pregnant, 24 weeks: never lying face down or flat on the back",
            person: |i| {
                i.sex = Some(backcare_core::intake::Sex::Female);
                i.age = Some(backcare_core::intake::Age::new(31).unwrap());
                i.pregnant = Answer::Yes;
                i.pregnancy_weeks = Some(backcare_core::intake::PregnancyWeeks::new(24).unwrap());
            },
            pain: [5, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2],
            done_of_10: 9,
            flare_weeks: &[],
            expect: Expect {
                otherwise: Some("progress"),
                never: &[Prone, Supine],
                ..E
            },
        },
        Course {
            name: "osteoporosis: never loaded bending forward, twisting or impact",
            person: |i| {
                i.history.osteoporosis = Answer::Yes;
                i.onset = Some(backcare_core::intake::Onset::Gradual);
            },
            pain: [5, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2],
            done_of_10: 10,
            flare_weeks: &[],
            expect: Expect {
                otherwise: Some("progress"),
                never: &[LoadedFlexion, Twisting, Impact],
                ..E
            },
        },
        Course {
            name: "red flag: new trouble passing urine",
            person: |i| i.bladder_change = Answer::Yes,
            pain: [5; 12],
            done_of_10: 10,
            flare_weeks: &[],
            expect: Expect {
                withheld: true,
                ..E
            },
        },
    ]);
}

#[test]
fn pregnancy_plans_use_pregnancy_exercises_only() {
    let mut i = safe_intake();
    i.sex = Some(backcare_core::intake::Sex::Female);
    i.pregnant = Answer::Yes;
    let a = assess(&i);
    let h = History::starting(Date::parse("2025-03-03").unwrap());
    let p = plan(&i, &a, library(), &Preferences::default(), &h, None);
    assert!(!p.exercises.is_empty());
    for e in &p.exercises {
        assert!(exercise(e.id.as_str()).pregnancy_ok, "{}", e.id);
    }
}

#[test]
fn a_week_plan_in_json() {
    // The documented shape (docs/plan.md): spot-check the fields a client reads.
    let i = safe_intake();
    let a = assess(&i);
    let h: History = serde_json::from_str(&crate::example("history.json")).unwrap();
    let prefs: Preferences = serde_json::from_str(&crate::example("preferences.json")).unwrap();
    let p = plan(&i, &a, library(), &prefs, &h, None);
    let json = serde_json::to_value(&p).unwrap();
    for key in [
        "week",
        "dates",
        "status",
        "decision",
        "exercises",
        "activity",
        "education",
        "avoid",
        "reasons",
        "see_clinician",
        "flare_advice",
    ] {
        assert!(json.get(key).is_some(), "{key} missing");
    }
    assert_eq!(json["status"]["kind"], "active");
    let e = &json["exercises"][0];
    for key in ["id", "name", "dose", "days_per_week", "step", "reason"] {
        assert!(e.get(key).is_some(), "exercise {key} missing: {e}");
    }
}
