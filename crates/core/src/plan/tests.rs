//! Unit tests of the plan engine with a tiny in-code library.

use super::*;
use crate::exercise::{Equipment, Kind, Localized, LocalizedList};
use crate::instruments::{Bothersome, StartBackAnswers};
use crate::intake::{Age, Effect, Nrs, PregnancyWeeks, Weeks};
use Movement::*;

#[allow(clippy::too_many_arguments)]
fn ex(
    id: &str,
    target: Target,
    level: u8,
    dose: (u8, Option<u8>, Option<u16>, Option<u16>, bool),
    chain: (Option<&str>, Option<&str>),
    involves: &[Movement],
    equipment: &[Equipment],
    acute_ok: bool,
    pregnancy_ok: bool,
) -> Exercise {
    let text = |s: &str| Localized {
        en: s.to_owned(),
        es: format!("{s} (es)"),
    };
    let (sets, reps, hold_seconds, minutes, each_side) = dose;
    Exercise {
        id: ExerciseId::new(id).unwrap(),
        name: text(id),
        purpose: text("purpose"),
        steps: LocalizedList::default(),
        should_feel: text("feel"),
        stop_if: text("stop"),
        targets: vec![target],
        kind: Kind::Strengthening,
        level,
        dose: Dose {
            sets,
            reps,
            hold_seconds,
            minutes,
            each_side,
            days_per_week: 5,
        },
        easier: chain.0.map(|i| ExerciseId::new(i).unwrap()),
        harder: chain.1.map(|i| ExerciseId::new(i).unwrap()),
        involves: involves.to_vec(),
        equipment: equipment.to_vec(),
        acute_ok,
        pregnancy_ok,
        sources: vec!["test".to_owned()],
        unverified: Vec::new(),
    }
}

fn library() -> Vec<Exercise> {
    use Target::*;
    const N: (Option<&str>, Option<&str>) = (None, None);
    vec![
        ex(
            "crook-lying-breathing",
            PainRelief,
            1,
            (1, None, None, Some(5), false),
            (None, Some("pelvic-tilt")),
            &[Supine],
            &[],
            true,
            true,
        ),
        ex(
            "pelvic-tilt",
            Abdominals,
            2,
            (1, Some(10), Some(5), None, false),
            (Some("crook-lying-breathing"), None),
            &[Supine],
            &[],
            true,
            true,
        ),
        ex(
            "wall-pelvic-tilt",
            Abdominals,
            1,
            (1, Some(10), Some(5), None, false),
            N,
            &[],
            &[Equipment::Wall],
            true,
            true,
        ),
        ex(
            "mcgill-curl-up",
            Abdominals,
            2,
            (1, Some(6), Some(10), None, false),
            N,
            &[LoadedFlexion, Supine],
            &[],
            false,
            false,
        ),
        ex(
            "quadruped-arm-reach",
            CoreStability,
            2,
            (1, Some(6), Some(5), None, true),
            (None, Some("bird-dog")),
            &[Kneeling],
            &[],
            false,
            true,
        ),
        ex(
            "bird-dog",
            CoreStability,
            3,
            (1, Some(6), Some(10), None, true),
            (Some("quadruped-arm-reach"), None),
            &[Kneeling],
            &[],
            false,
            true,
        ),
        ex(
            "prone-lying",
            PainRelief,
            1,
            (1, None, None, Some(3), false),
            N,
            &[Extension, Prone],
            &[],
            true,
            false,
        ),
        ex(
            "standing-extension",
            Flexibility,
            2,
            (1, Some(10), None, None, false),
            N,
            &[Extension, EndRangeExtension],
            &[],
            false,
            false,
        ),
        ex(
            "knee-to-chest",
            Flexibility,
            1,
            (1, Some(3), Some(30), None, true),
            N,
            &[LoadedFlexion, Supine],
            &[],
            true,
            false,
        ),
        ex(
            "lower-trunk-rotation",
            Flexibility,
            1,
            (1, Some(10), None, None, true),
            N,
            &[Twisting, Supine],
            &[],
            true,
            false,
        ),
        ex(
            "sit-to-stand",
            GlutealHip,
            1,
            (2, Some(10), None, None, false),
            (None, Some("hip-hinge")),
            &[],
            &[Equipment::Chair],
            false,
            true,
        ),
        ex(
            "hip-hinge",
            GlutealHip,
            2,
            (2, Some(10), None, None, false),
            (Some("sit-to-stand"), None),
            &[],
            &[],
            false,
            true,
        ),
        ex(
            "band-row",
            UpperBack,
            2,
            (2, Some(10), None, None, false),
            N,
            &[],
            &[Equipment::Band],
            false,
            true,
        ),
        ex(
            "walking",
            Aerobic,
            1,
            (1, None, None, Some(10), false),
            N,
            &[],
            &[],
            true,
            true,
        ),
    ]
}

/// A self-care intake (vignette 070) with the pain duration and rating changed, and no
/// directional preference (bending either way makes no difference), so that each test
/// turns on only the rule it is about.
fn intake(duration: u16, pain: u8) -> Intake {
    let v: serde_json::Value = serde_json::from_str(include_str!(
        "../../tests/vignettes/070-selfcare-lifting-strain.json"
    ))
    .unwrap();
    let mut i: Intake = serde_json::from_value(v["intake"].clone()).unwrap();
    i.duration_weeks = Some(Weeks::new(duration.into()).unwrap());
    let nrs = Some(Nrs::new(pain.into()).unwrap());
    i.pain.now = nrs;
    i.pain.average = nrs;
    i.effects.bending_forward = Some(Effect::NoChange);
    i.effects.bending_backward = Some(Effect::NoChange);
    i
}

fn start_back(group: RiskGroup) -> StartBackAnswers {
    let (physical, distress) = match group {
        RiskGroup::Low => (false, false),
        RiskGroup::Medium => (true, false),
        RiskGroup::High => (true, true),
    };
    StartBackAnswers {
        leg_pain: Some(physical),
        shoulder_or_neck_pain: Some(physical),
        walking_limited: Some(physical),
        dressing_slower: Some(physical),
        unsafe_to_be_active: Some(distress),
        worrying_thoughts: Some(distress),
        never_get_better: Some(distress),
        not_enjoying_things: Some(distress),
        bothersomeness: Some(if distress {
            Bothersome::VeryMuch
        } else {
            Bothersome::Slightly
        }),
    }
}

fn date() -> Date {
    Date::parse("2025-03-03").unwrap()
}

/// A history from (average pain, sessions planned, sessions done, flare-ups) per week.
fn history(weeks: &[(u8, u8, u8, u8)]) -> History {
    let logs = weeks
        .iter()
        .enumerate()
        .map(|(i, (p, planned, done, flares))| {
            WeekLog::simple(
                i as i64 + 1,
                (*p).into(),
                (*planned).into(),
                (*done).into(),
                (*flares).into(),
            )
            .unwrap()
        })
        .collect();
    History::new(date(), logs).unwrap()
}

// ---------------------------------------------------------------------------------------
// Restrictions.

struct R {
    patterns: &'static [Pattern],
    osteoporosis: bool,
    pregnant: Option<Option<u8>>,
    duration: Option<u16>,
    week: u16,
    /// How bending backwards changes the pain (`None`: not answered).
    backward: Option<Effect>,
    /// How bending forwards changes the pain.
    forward: Option<Effect>,
}

const R0: R = R {
    patterns: &[],
    osteoporosis: false,
    pregnant: None,
    duration: Some(8),
    week: 1,
    backward: Some(Effect::NoChange),
    forward: Some(Effect::NoChange),
};

fn check_restrictions(cases: &[(&str, R, &[Movement])]) {
    let lib = library();
    let prefs = Preferences::default();
    for (name, r, want) in cases {
        let mut i = intake(8, 4);
        i.duration_weeks = r.duration.map(|d| Weeks::new(d.into()).unwrap());
        if r.osteoporosis {
            i.history.osteoporosis = Answer::Yes;
        }
        i.effects.bending_backward = r.backward;
        i.effects.bending_forward = r.forward;
        if let Some(weeks) = r.pregnant {
            i.pregnant = Answer::Yes;
            i.pregnancy_weeks = weeks.map(|w| PregnancyWeeks::new(w.into()).unwrap());
        }
        let p = Person {
            intake: &i,
            changes: &[],
            lang: Lang::En,
            prefs: &prefs,
            library: &lib,
            patterns: r.patterns.to_vec(),
            risk: None,
            pregnant: r.pregnant.is_some(),
            budget: 900,
        };
        let w = p.week(&History::starting(date()), r.week);
        let got: Vec<Movement> = w.avoid.iter().copied().collect();
        assert_eq!(got, *want, "{name}");
        // Nothing allowed involves an avoided movement.
        for (k, e) in lib.iter().enumerate() {
            if p.allowed(k, &w) {
                assert!(
                    e.involves.iter().all(|m| !want.contains(m)),
                    "{name}: {}",
                    e.id
                );
            }
        }
    }
}

#[test]
fn restrictions() {
    use Pattern as P;
    check_restrictions(&[
        ("nothing", R0, &[]),
        (
            "stenosis",
            R {
                patterns: &[P::Stenosis],
                ..R0
            },
            &[Extension],
        ),
        (
            "facet",
            R {
                patterns: &[P::Facet],
                ..R0
            },
            &[Extension],
        ),
        (
            "fracture pattern",
            R {
                patterns: &[P::OsteoporoticFracture],
                ..R0
            },
            &[LoadedFlexion, Twisting, Impact],
        ),
        (
            "osteoporosis",
            R {
                osteoporosis: true,
                ..R0
            },
            &[LoadedFlexion, Twisting, Impact],
        ),
        (
            "sciatica at 3 weeks",
            R {
                patterns: &[P::Radicular],
                duration: Some(3),
                ..R0
            },
            &[LoadedFlexion],
        ),
        (
            "sciatica, duration unknown",
            R {
                patterns: &[P::Radicular],
                duration: None,
                ..R0
            },
            &[LoadedFlexion],
        ),
        (
            "sciatica at 8 weeks",
            R {
                patterns: &[P::Radicular],
                ..R0
            },
            &[],
        ),
        (
            "sciatica from 3 weeks, plan week 4 (6 weeks)",
            R {
                patterns: &[P::Radicular],
                duration: Some(3),
                week: 4,
                ..R0
            },
            &[],
        ),
        (
            "pregnant 12 weeks",
            R {
                pregnant: Some(Some(12)),
                ..R0
            },
            &[],
        ),
        (
            "pregnant 16 weeks",
            R {
                pregnant: Some(Some(16)),
                ..R0
            },
            &[Prone],
        ),
        (
            "pregnant 15 weeks, plan week 2",
            R {
                pregnant: Some(Some(15)),
                week: 2,
                ..R0
            },
            &[Prone],
        ),
        (
            "pregnant 24 weeks",
            R {
                pregnant: Some(Some(24)),
                ..R0
            },
            &[Prone, Supine],
        ),
        (
            "pregnant, weeks unknown",
            R {
                pregnant: Some(None),
                ..R0
            },
            &[Prone, Supine],
        ),
        (
            "stenosis and osteoporosis",
            R {
                patterns: &[P::Stenosis],
                osteoporosis: true,
                ..R0
            },
            &[Extension, LoadedFlexion, Twisting, Impact],
        ),
        // The person's own answers (directional preference: Long et al. 2004).
        (
            "bending backwards worse",
            R {
                backward: Some(Effect::Worse),
                ..R0
            },
            &[Extension, EndRangeExtension],
        ),
        (
            "bending backwards better",
            R {
                backward: Some(Effect::Better),
                ..R0
            },
            &[],
        ),
        (
            "bending backwards: not sure",
            R {
                backward: Some(Effect::DontKnow),
                ..R0
            },
            &[EndRangeExtension],
        ),
        (
            "bending backwards: not answered",
            R {
                backward: None,
                ..R0
            },
            &[EndRangeExtension],
        ),
        (
            "bending forwards worse",
            R {
                forward: Some(Effect::Worse),
                ..R0
            },
            &[LoadedFlexion],
        ),
        (
            "bending forwards: not sure (flexion is not directional here)",
            R {
                forward: Some(Effect::DontKnow),
                ..R0
            },
            &[],
        ),
        (
            "both directions worse",
            R {
                forward: Some(Effect::Worse),
                backward: Some(Effect::Worse),
                ..R0
            },
            &[Extension, EndRangeExtension, LoadedFlexion],
        ),
        (
            "stenosis, bending backwards better: the pattern still rules extension out",
            R {
                patterns: &[P::Stenosis],
                backward: Some(Effect::Better),
                ..R0
            },
            &[Extension],
        ),
    ]);
}

#[test]
fn under_sixteen_gets_no_plan() {
    for (age, lang, withheld) in [
        (15, Lang::En, true),
        (10, Lang::Es, true),
        (16, Lang::En, false),
        (40, Lang::Es, false),
    ] {
        let mut i = intake(8, 4);
        i.language = lang;
        i.age = Some(Age::new(age).unwrap());
        let p = first_week(&i);
        assert_eq!(
            matches!(p.status, PlanStatus::Withheld { .. }),
            withheld,
            "age {age}"
        );
        if withheld {
            assert!(p.exercises.is_empty() && p.activity.is_none(), "age {age}");
            let PlanStatus::Withheld { title, action, .. } = &p.status else {
                unreachable!()
            };
            assert_eq!(title, text::YOUNG_TITLE.get(lang), "age {age}");
            assert_eq!(action, text::YOUNG_ACTION.get(lang), "age {age}");
            assert!(action.contains("16"), "age {age}");
            assert_eq!(p.sources, [rules::MIN_PLAN_AGE_SOURCE.get(lang)]);
        } else {
            assert!(!p.exercises.is_empty(), "age {age}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Whole plans.

/// One case: how to change the default situation, then what to expect.
struct Case {
    name: &'static str,
    duration: u16,
    pain: u8,
    group: Option<RiskGroup>,
    pregnant_weeks: Option<u8>,
    lang: Lang,
    prefs: fn() -> Preferences,
    logs: &'static [(u8, u8, u8, u8)],
    week: Option<u16>,
    expect: Expect,
}

struct Expect {
    active: bool,
    decision: &'static str,
    count: Option<usize>,
    includes: &'static [&'static str],
    excludes: &'static [&'static str],
    walking: Option<u16>,
    clinician: bool,
    flare: bool,
    articles: &'static [&'static str],
}

const E: Expect = Expect {
    active: true,
    decision: "start",
    count: None,
    includes: &[],
    excludes: &[],
    walking: None,
    clinician: false,
    flare: false,
    articles: &[],
};

const C: Case = Case {
    name: "",
    duration: 8,
    pain: 4,
    group: None,
    pregnant_weeks: None,
    lang: Lang::En,
    prefs: Preferences::default,
    logs: &[],
    week: None,
    expect: E,
};

fn run(c: &Case) -> WeekPlan {
    let mut i = intake(c.duration, c.pain);
    i.language = c.lang;
    i.start_back = c.group.map(start_back);
    if let Some(w) = c.pregnant_weeks {
        i.sex = Some(crate::intake::Sex::Female);
        i.pregnant = Answer::Yes;
        i.pregnancy_weeks = Some(PregnancyWeeks::new(w.into()).unwrap());
    }
    let a = crate::assess(&i);
    plan(&i, &a, &library(), &(c.prefs)(), &history(c.logs), c.week)
}

fn check(cases: &[Case]) {
    let lib = library();
    for c in cases {
        let p = run(c);
        let x = &c.expect;
        let name = c.name;
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json["decision"]["kind"], x.decision,
            "{name}: {:#?}",
            p.decision
        );
        assert_eq!(matches!(p.status, PlanStatus::Active), x.active, "{name}");
        if let Some(n) = x.count {
            assert_eq!(p.exercises.len(), n, "{name}: {:?}", ids(&p));
        }
        for id in x.includes {
            assert!(
                ids(&p).contains(id),
                "{name}: {id} missing from {:?}",
                ids(&p)
            );
        }
        for id in x.excludes {
            assert!(!ids(&p).contains(id), "{name}: {id} in {:?}", ids(&p));
        }
        if let Some(m) = x.walking {
            assert_eq!(
                p.activity.as_ref().unwrap().walking_minutes_per_day,
                m,
                "{name}"
            );
        }
        assert_eq!(
            p.see_clinician.is_some(),
            x.clinician,
            "{name}: {:?}",
            p.see_clinician
        );
        assert_eq!(p.flare_advice.is_some(), x.flare, "{name}");
        if let Some(advice) = &p.flare_advice {
            assert_eq!(*advice, super::flare_advice(Lang::En), "{name}");
        }
        for a in x.articles {
            assert!(
                p.education.iter().any(|t| t.article_id == *a),
                "{name}: no {a} in {:?}",
                p.education
            );
        }
        // Always: nothing avoided is planned, every exercise has a reason, and the plan
        // is the same when made twice.
        for e in &p.exercises {
            let lib_e = lib.iter().find(|l| l.id == e.id).unwrap();
            assert!(
                lib_e
                    .involves
                    .iter()
                    .all(|m| p.avoid.iter().all(|a| a.movement != *m)),
                "{name}: {}",
                e.id
            );
            assert!(!e.reason.is_empty());
        }
        assert!(
            p.education
                .iter()
                .all(|t| ARTICLE_IDS.contains(&t.article_id))
        );
        assert_eq!(run(c), p, "{name}: not deterministic");
    }
}

/// Week 1 of the plan for `i`, with the default preferences and no check-ins.
fn first_week(i: &Intake) -> WeekPlan {
    let a = crate::assess(i);
    plan(
        i,
        &a,
        &library(),
        &Preferences::default(),
        &History::starting(date()),
        None,
    )
}

fn ids(p: &WeekPlan) -> Vec<&str> {
    p.exercises.iter().map(|e| e.id.as_str()).collect()
}

fn with_band() -> Preferences {
    Preferences {
        equipment: vec![Equipment::Band],
        ..Preferences::default()
    }
}

fn five_minutes() -> Preferences {
    Preferences {
        minutes_per_day: MinutesPerDay::new(5).unwrap(),
        ..Preferences::default()
    }
}

fn walk_goal() -> Preferences {
    Preferences {
        goals: vec![
            Goal::WalkMinutes {
                minutes: GoalMinutes::new(12).unwrap(),
            },
            Goal::LiftChild,
        ],
        ..Preferences::default()
    }
}

#[test]
fn plans() {
    check(&[
        Case {
            name: "week 1, low risk: 3 exercises, abdominal first",
            group: Some(RiskGroup::Low),
            expect: Expect {
                count: Some(3),
                includes: &["pelvic-tilt", "quadruped-arm-reach"],
                walking: Some(10),
                articles: &["red-flags-when-to-get-help"],
                ..E
            },
            ..C
        },
        Case {
            name: "week 1, medium risk: 4-5 exercises",
            group: Some(RiskGroup::Medium),
            expect: Expect {
                includes: &["sit-to-stand"],
                ..E
            },
            ..C
        },
        Case {
            name: "week 1, high risk: clinician and psychologically informed reading",
            group: Some(RiskGroup::High),
            expect: Expect {
                clinician: true,
                articles: &["thoughts-fear-and-mood", "pacing-and-goal-setting"],
                ..E
            },
            ..C
        },
        Case {
            name: "acute: gentle exercises, short walks",
            duration: 0,
            expect: Expect {
                excludes: &["quadruped-arm-reach", "sit-to-stand"],
                walking: Some(5),
                articles: &["pain-medicines"],
                ..E
            },
            ..C
        },
        Case {
            name: "pregnant 24 weeks: no prone, no supine",
            pregnant_weeks: Some(24),
            expect: Expect {
                excludes: &["pelvic-tilt", "prone-lying", "crook-lying-breathing"],
                includes: &["wall-pelvic-tilt"],
                articles: &["back-pain-in-pregnancy"],
                ..E
            },
            ..C
        },
        Case {
            name: "band needed for band-row: only with a band",
            group: Some(RiskGroup::High),
            prefs: with_band,
            expect: Expect {
                clinician: true,
                ..E
            },
            ..C
        },
        Case {
            name: "5 minutes a day: fewer exercises",
            prefs: five_minutes,
            expect: Expect {
                count: Some(2),
                ..E
            },
            ..C
        },
        Case {
            name: "goals steer choices and walking",
            prefs: walk_goal,
            logs: &[(4, 5, 5, 0), (3, 5, 5, 0), (3, 5, 5, 0)],
            expect: Expect {
                decision: "progress",
                includes: &["hip-hinge"],
                walking: Some(12),
                articles: &["understanding-your-scores"],
                ..E
            },
            ..C
        },
        Case {
            name: "progress after a good week",
            logs: &[(4, 5, 5, 0)],
            expect: Expect {
                decision: "progress",
                walking: Some(11),
                ..E
            },
            ..C
        },
        Case {
            name: "hold when fewer than 70% of sessions done",
            logs: &[(4, 5, 3, 0)],
            expect: Expect {
                decision: "hold",
                walking: Some(10),
                ..E
            },
            ..C
        },
        Case {
            name: "hold when pain rises by 1",
            logs: &[(5, 5, 5, 0)],
            expect: Expect {
                decision: "hold",
                ..E
            },
            ..C
        },
        Case {
            name: "step back after a logged flare-up",
            logs: &[(4, 5, 5, 0), (4, 5, 5, 0), (4, 5, 5, 1)],
            expect: Expect {
                decision: "step_back",
                flare: true,
                walking: Some(10),
                articles: &["flare-up-plan"],
                ..E
            },
            ..C
        },
        Case {
            name: "step back when pain jumps 2",
            logs: &[(4, 5, 5, 0), (6, 5, 5, 0)],
            expect: Expect {
                decision: "step_back",
                flare: true,
                clinician: true,
                ..E
            },
            ..C
        },
        Case {
            name: "no check-in: hold",
            logs: &[(4, 5, 5, 0)],
            week: Some(3),
            expect: Expect {
                decision: "hold",
                ..E
            },
            ..C
        },
        Case {
            name: "no improvement by week 6",
            logs: &[
                (5, 5, 5, 0),
                (5, 5, 5, 0),
                (5, 5, 5, 0),
                (5, 5, 5, 0),
                (5, 5, 5, 0),
            ],
            expect: Expect {
                decision: "progress",
                clinician: true,
                ..E
            },
            ..C
        },
        Case {
            name: "improving by week 6: no referral",
            logs: &[
                (6, 5, 5, 0),
                (5, 5, 5, 0),
                (5, 5, 5, 0),
                (4, 5, 5, 0),
                (4, 5, 5, 0),
            ],
            pain: 6,
            expect: Expect {
                decision: "progress",
                ..E
            },
            ..C
        },
        Case {
            name: "Spanish",
            lang: Lang::Es,
            expect: E,
            ..C
        },
    ]);
}

#[test]
fn spanish_text_is_spanish() {
    let p = run(&Case {
        lang: Lang::Es,
        ..C
    });
    assert!(
        p.decision.reason().contains("Semana 1"),
        "{}",
        p.decision.reason()
    );
    assert!(p.exercises.iter().all(|e| e.name.ends_with("(es)")));
}

#[test]
fn red_flags_withhold_everything() {
    let i = Intake::default(); // Nothing answered: cauda equina cannot be ruled out.
    let p = first_week(&i);
    assert!(matches!(p.status, PlanStatus::Withheld { .. }));
    assert!(p.exercises.is_empty() && p.activity.is_none() && p.education.is_empty());
    assert!(p.see_clinician.is_some());
}

#[test]
fn dates_of_a_week() {
    let h = History::starting(date());
    let cases = [
        (1, "2025-03-03", "2025-03-09", 4, "2025-03-30"),
        (4, "2025-03-24", "2025-03-30", 4, "2025-03-30"),
        (5, "2025-03-31", "2025-04-06", 8, "2025-04-27"),
    ];
    for (week, start, end, rw, rd) in cases {
        let d = dates(&h, week);
        assert_eq!(
            (
                d.start.to_string(),
                d.end.to_string(),
                d.next_check_in,
                d.next_reassessment_week,
                d.next_reassessment.to_string()
            ),
            (start.to_owned(), end.to_owned(), d.end, rw, rd.to_owned()),
            "week {week}"
        );
    }
}

/// A low-risk person with an hour a day: time never holds a dose back, so only the
/// progression rules under test do.
fn low_risk_with_an_hour() -> (Intake, crate::assess::Assessment, Preferences) {
    let mut i = intake(8, 3);
    i.start_back = Some(start_back(RiskGroup::Low));
    let a = crate::assess(&i);
    let prefs = Preferences {
        minutes_per_day: MinutesPerDay::new(60).unwrap(),
        ..Preferences::default()
    };
    (i, a, prefs)
}

#[test]
fn an_exercise_said_to_be_too_hard_stays_while_the_others_rise() {
    let (i, a, prefs) = low_risk_with_an_hour();
    let lib = library();
    let good = WeekLog::simple(1, 3, 5, 5, 0).unwrap();
    let week2 = |too_hard: Vec<ExerciseId>| {
        let h = History::new(date(), vec![good.clone().with_too_hard(too_hard)]).unwrap();
        plan(&i, &a, &lib, &prefs, &h, Some(2))
    };
    let unrated = week2(vec![]);
    assert!(matches!(unrated.decision, Decision::Progress { .. }));
    // An exercise that rises when nobody rated it.
    let hard = unrated
        .exercises
        .iter()
        .find(|e| e.step == 1)
        .map(|e| e.id.clone())
        .expect("a good week raises some exercise");
    assert!(
        !unrated
            .sources
            .iter()
            .any(|s| s == rules::TOO_HARD_SOURCE.en)
    );
    let rated = week2(vec![hard.clone()]);
    assert!(matches!(rated.decision, Decision::Progress { .. }));
    let e = rated.exercises.iter().find(|e| e.id == hard).unwrap();
    assert_eq!(e.step, 0, "{}", e.reason);
    assert!(e.reason.contains("too hard last week"), "{}", e.reason);
    assert!(rated.sources.iter().any(|s| s == rules::TOO_HARD_SOURCE.en));
    // The others are as if nobody had rated: one exercise's rating is about that exercise.
    let steps = |p: &WeekPlan| -> Vec<(String, u8)> {
        p.exercises
            .iter()
            .filter(|e| e.id != hard)
            .map(|e| (e.id.to_string(), e.step))
            .collect()
    };
    assert_eq!(steps(&rated), steps(&unrated));
    // A flare still steps everything back, rated or not.
    let flare = WeekLog::simple(1, 3, 5, 5, 1)
        .unwrap()
        .with_too_hard(vec![hard.clone()]);
    let p = plan(
        &i,
        &a,
        &lib,
        &prefs,
        &History::new(date(), vec![flare]).unwrap(),
        Some(2),
    );
    assert!(matches!(p.decision, Decision::StepBack { .. }));
}

#[test]
fn too_hard_reads_from_the_history_json() {
    let h: History = serde_json::from_value(serde_json::json!({
        "start": "2025-03-03",
        "weeks": [{"week": 1, "pain_average": 3, "sessions_planned": 5, "sessions_done": 5,
                   "too_hard": ["bridge", "bridge", "cat-cow"]}]
    }))
    .unwrap();
    let ids: Vec<&str> = h.weeks[0].too_hard.iter().map(|e| e.as_str()).collect();
    assert_eq!(ids, ["bridge", "cat-cow"]);
    let back = serde_json::to_value(&h).unwrap();
    assert_eq!(
        back["weeks"][0]["too_hard"],
        serde_json::json!(["bridge", "cat-cow"])
    );
    // Without ratings the field is left out, as before.
    let plain = History::new(date(), vec![WeekLog::simple(1, 3, 5, 5, 0).unwrap()]).unwrap();
    assert!(
        serde_json::to_value(&plain).unwrap()["weeks"][0]
            .get("too_hard")
            .is_none()
    );
}

#[test]
fn doses_climb_one_step_a_week_then_move_harder() {
    // Eleven good weeks: each exercise rises by one step a week at most.
    let logs: Vec<(u8, u8, u8, u8)> = (0..11).map(|_| (3, 5, 5, 0)).collect();
    let (i, a, prefs) = low_risk_with_an_hour();
    let lib = library();
    let h = {
        let logs = logs.iter().enumerate().map(|(k, (p, pl, d, f))| {
            WeekLog::simple(
                k as i64 + 1,
                (*p).into(),
                (*pl).into(),
                (*d).into(),
                (*f).into(),
            )
            .unwrap()
        });
        History::new(date(), logs.collect()).unwrap()
    };
    let mut last: Option<WeekPlan> = None;
    let mut saw_harder = false;
    for week in 1..=12 {
        let p = plan(&i, &a, &lib, &prefs, &h, Some(week));
        if let Some(prev) = &last {
            for e in &p.exercises {
                match prev.exercises.iter().find(|o| o.id == e.id) {
                    Some(o) => assert!(e.step <= o.step + 1, "week {week}: {}", e.id),
                    None => {
                        assert_eq!(e.step, 0, "week {week}: {}", e.id);
                        saw_harder |= prev.exercises.iter().any(|o| {
                            lib.iter()
                                .any(|l| l.id == o.id && l.harder.as_ref() == Some(&e.id))
                        });
                    }
                }
            }
        }
        last = Some(p);
    }
    assert!(
        saw_harder,
        "quadruped-arm-reach should have moved on to bird-dog"
    );
}

#[test]
fn schemas_are_generated() {
    let s = serde_json::to_string(&schema()).unwrap();
    assert!(s.contains("see_clinician") && s.contains("step_back"));
    let h = serde_json::to_string(&history_schema()).unwrap();
    assert!(h.contains("pain_average") && h.contains("date"));
    let p = serde_json::to_string(&preferences_schema()).unwrap();
    assert!(p.contains("walk_minutes") && p.contains("lift_child"));
}

#[test]
fn walking_rises_about_ten_percent() {
    for (now, cap, want) in [
        (10, 30, 11),
        (15, 30, 17),
        (29, 30, 30),
        (30, 30, 30),
        (5, 30, 6),
        (40, 60, 44),
    ] {
        assert_eq!(next_walking_minutes(now, cap), want, "{now}");
    }
}

#[test]
fn the_direction_that_eases_the_pain_is_chosen_first() {
    // (bending backwards, bending forwards, an exercise the plan must hold, one it must not)
    let cases = [
        (
            Effect::Better,
            Effect::NoChange,
            "prone-lying",
            "knee-to-chest",
        ),
        (
            Effect::NoChange,
            Effect::Better,
            "knee-to-chest",
            "prone-lying",
        ),
        // Worse one way and better the other: the worse direction stays out.
        (
            Effect::Worse,
            Effect::Better,
            "knee-to-chest",
            "prone-lying",
        ),
        (
            Effect::Better,
            Effect::Worse,
            "prone-lying",
            "knee-to-chest",
        ),
    ];
    for (backward, forward, holds, not) in cases {
        let mut i = intake(8, 4);
        i.effects.bending_backward = Some(backward);
        i.effects.bending_forward = Some(forward);
        // No facet pattern (it leaves extension out whatever the person says).
        i.effects.walking = Some(Effect::NoChange);
        i.effects.lying_down = Some(Effect::NoChange);
        let p = first_week(&i);
        let got = ids(&p);
        assert!(got.contains(&holds), "{backward:?}/{forward:?}: {got:?}");
        assert!(!got.contains(&not), "{backward:?}/{forward:?}: {got:?}");
    }
}

#[test]
fn the_restriction_table_is_printed_for_review() {
    for lang in Lang::ALL {
        let md = rules::restrictions_markdown(lang);
        for r in rules::RESTRICTIONS {
            let row = md
                .lines()
                .find(|l| l.starts_with(&format!("| {} |", r.id)))
                .unwrap_or_else(|| panic!("{lang:?}: {} missing", r.id));
            assert!(row.contains(r.reason.get(lang)), "{lang:?}: {}", r.id);
            for m in r.avoid {
                assert!(row.contains(m.id()), "{lang:?}: {} {m:?}", r.id);
            }
        }
        assert!(md.contains(&format!("| UNDER-{} |", rules::MIN_PLAN_AGE)));
        // Every row has a primary source; none cites the team's notes.
        for r in rules::RESTRICTIONS {
            assert!(
                !r.source.en.contains('§') && !r.source.es.contains('§'),
                "{}",
                r.id
            );
            crate::lang::same_citations(r.id, r.source);
        }
        // Every source the plan cites reads in Spanish with the same references.
        for p in rules::PROGRAMMES {
            crate::lang::same_citations("programme", p.source);
        }
        for p in rules::PREFERENCES {
            crate::lang::same_citations("preference", p.source);
        }
        for f in [rules::Filter::Pregnancy, rules::Filter::Acute] {
            crate::lang::same_citations("filter", rules::filter_reason(f).1);
        }
        crate::lang::same_citations("too hard", rules::TOO_HARD_SOURCE);
        crate::lang::same_citations("age", rules::MIN_PLAN_AGE_SOURCE);
    }
}

/// The flare-up advice ends with when to get help, in the safety net's words for the
/// emergency and urgent levels: the plan cannot word a warning sign its own way.
#[test]
fn flare_advice_warns_in_the_rule_tables_words() {
    use crate::triage::{Level, safety_net};
    for lang in Lang::ALL {
        let advice = super::flare_advice(lang);
        for level in [Level::Emergency, Level::Urgent] {
            let line = safety_net::summary(lang, level).expect("general signs at this level");
            assert!(
                advice.ends_with(&line) || advice.contains(&format!("{line} ")),
                "{level:?}: {advice}"
            );
        }
        assert!(advice.starts_with(super::text::FLARE_ADVICE.get(lang)));
    }
}

// ---------------------------------------------------------------------------------------
// A clinician's changes.

fn id(s: &str) -> ExerciseId {
    ExerciseId::new(s).unwrap()
}

/// Good weeks (pain 3, every session done) for `n` weeks.
fn good_weeks(n: usize) -> History {
    history(&vec![(3, 5, 5, 0); n])
}

/// The plan's inputs from their parts.
fn inputs<'a>(
    intake: &'a Intake,
    assessment: &'a crate::assess::Assessment,
    library: &'a [Exercise],
    prefs: &'a Preferences,
    history: &'a History,
) -> PlanInputs<'a> {
    PlanInputs {
        intake,
        assessment,
        library,
        prefs,
        history,
    }
}

#[test]
fn a_clinician_takes_out_adds_and_sets_a_dose_and_the_plan_adapts_from_there() {
    let (i, a, prefs) = low_risk_with_an_hour();
    let lib = library();
    let h = good_weeks(4);
    let inputs = inputs(&i, &a, &lib, &prefs, &h);
    let before = inputs.plan(Some(2), &[]);
    let out = before.exercises[0].id.clone();
    let dosed = before.exercises[1].id.clone();
    // Something the engine allows but did not choose.
    let left_out: Vec<&ExerciseId> = inputs.left_out(2).into_iter().map(|(e, _)| e).collect();
    let extra = lib
        .iter()
        .find(|e| {
            e.targets[0] != Target::Aerobic
                && !left_out.contains(&&e.id)
                && !ids(&before).contains(&e.id.as_str())
                && before.exercises.iter().all(|p| {
                    lib.iter().find(|l| l.id == p.id).is_some_and(|l| {
                        l.easier.as_ref() != Some(&e.id) && l.harder.as_ref() != Some(&e.id)
                    })
                })
        })
        .map(|e| e.id.clone())
        .expect("an exercise to add");
    let v = Changes {
        from_week: 2,
        removed: vec![out.clone()],
        added: vec![Added {
            exercise: extra.clone(),
            override_reason: None,
            covers: Vec::new(),
        }],
        doses: vec![SetDose {
            exercise: dosed.clone(),
            step: 2,
        }],
        ..Changes::default()
    };
    assert_eq!(inputs.check(&v), []);
    let week2 = inputs.plan(Some(2), std::slice::from_ref(&v));
    assert!(!ids(&week2).contains(&out.as_str()), "{:?}", ids(&week2));
    assert!(
        week2
            .reasons
            .iter()
            .any(|r| r.contains("Your clinician took"))
    );
    let added = week2.exercises.iter().find(|e| e.id == extra).unwrap();
    assert!(added.chosen_by_clinician && added.step == 0);
    assert!(
        added.reason.contains("Added by your clinician"),
        "{}",
        added.reason
    );
    let set = week2.exercises.iter().find(|e| e.id == dosed).unwrap();
    assert_eq!(set.step, 2.min(set.max_step));
    assert!(set.reason.contains("Your clinician set this dose"));
    // Week 1 is as it was: the changes apply from the week they were made.
    assert_eq!(
        inputs.plan(Some(1), std::slice::from_ref(&v)),
        inputs.plan(Some(1), &[])
    );
    // After another good week everything goes on rising from the clinician's version, and
    // what was taken out stays out.
    let week3 = inputs.plan(Some(3), std::slice::from_ref(&v));
    assert!(!ids(&week3).contains(&out.as_str()));
    let added3 = week3.exercises.iter().find(|e| e.id == extra).unwrap();
    assert_eq!(added3.step, 1.min(added3.max_step));
    let set3 = week3.exercises.iter().find(|e| e.id == dosed).unwrap();
    assert_eq!(set3.step, 3.min(set3.max_step), "{}", set3.reason);
    // A later version that only changes something else does not reset what came before.
    let v2 = Changes {
        from_week: 4,
        hold: true,
        doses: Vec::new(),
        ..v.clone()
    };
    let week4 = inputs.plan(Some(4), &[v.clone(), v2]);
    let without = inputs.plan(Some(4), &[v]);
    let steps = |p: &WeekPlan| -> Vec<(String, u8)> {
        p.exercises
            .iter()
            .map(|e| (e.id.to_string(), e.step))
            .collect()
    };
    assert_eq!(steps(&week4), steps(&without));
}

#[test]
fn held_progression_stays_but_a_flare_still_steps_back() {
    let (i, a, prefs) = low_risk_with_an_hour();
    let lib = library();
    let v = [Changes {
        from_week: 2,
        hold: true,
        ..Changes::default()
    }];
    let run = |h: &History, week: u16| inputs(&i, &a, &lib, &prefs, h).plan(Some(week), &v);
    let good = good_weeks(3);
    // Week 2 is what the person was shown that week; from week 3 nothing goes up.
    assert!(matches!(run(&good, 2).decision, Decision::Progress { .. }));
    let week3 = run(&good, 3);
    assert!(
        week3
            .decision
            .reason()
            .contains("Your clinician asked to keep"),
        "{:?}",
        week3.decision
    );
    let steps = |p: &WeekPlan| -> Vec<(String, u8)> {
        p.exercises
            .iter()
            .map(|e| (e.id.to_string(), e.step))
            .collect()
    };
    assert_eq!(steps(&week3), steps(&run(&good, 2)));
    assert_eq!(
        week3.activity.as_ref().map(|w| w.walking_minutes_per_day),
        run(&good, 2)
            .activity
            .as_ref()
            .map(|w| w.walking_minutes_per_day)
    );
    let flare = history(&[(3, 5, 5, 0), (3, 5, 5, 0), (3, 5, 5, 1)]);
    assert!(matches!(run(&flare, 4).decision, Decision::StepBack { .. }));
}

#[test]
fn an_exercise_the_engine_leaves_out_needs_an_override_and_the_person_is_told() {
    let (i, a, prefs) = low_risk_with_an_hour(); // No band.
    let lib = library();
    let h = good_weeks(1);
    let inputs = inputs(&i, &a, &lib, &prefs, &h);
    let band = id("band-row");
    assert!(inputs.left_out(2).iter().any(|(e, _)| **e == band));
    let covers = inputs.exclusion_ids(2, &band);
    assert_eq!(covers, ["equipment"]);
    let add = |reason: Option<&str>| Changes {
        from_week: 2,
        added: vec![Added {
            exercise: band.clone(),
            override_reason: reason.map(str::to_owned),
            covers: covers.clone(),
        }],
        ..Changes::default()
    };
    let problems = inputs.check(&add(None));
    assert!(
        matches!(&problems[..], [Problem::NeedsOverride { exercise, why }] if *exercise == band && why.contains("equipment")),
        "{problems:?}"
    );
    // Without the override the engine keeps it out, whatever the caller does.
    assert!(!ids(&inputs.plan(Some(2), &[add(None)])).contains(&"band-row"));
    let reason = "We use the clinic's band together on Mondays";
    let v = add(Some(reason));
    assert_eq!(inputs.check(&v), []);
    let p = inputs.plan(Some(2), std::slice::from_ref(&v));
    let e = p.exercises.iter().find(|e| e.id == band).unwrap();
    assert_eq!(e.override_reason.as_deref(), Some(reason));
    assert!(
        e.reason.contains("Your plan usually leaves this out. Why:"),
        "{}",
        e.reason
    );
    assert!(e.reason.contains(reason));
    // An override for an exercise that needs none is refused: the record would say the
    // clinician overrode a rule that was not there.
    let hinge = Changes {
        from_week: 2,
        added: vec![Added {
            exercise: id("hip-hinge"),
            override_reason: Some("x".into()),
            covers: Vec::new(),
        }],
        ..Changes::default()
    };
    assert_eq!(
        inputs.check(&hinge),
        [Problem::NoOverrideNeeded(id("hip-hinge"))]
    );
    // Walking is the walking goal, not an exercise; unknown ids and steps above the top are
    // refused.
    let bad = Changes {
        from_week: 2,
        added: vec![
            Added {
                exercise: id("walking"),
                override_reason: None,
                covers: Vec::new(),
            },
            Added {
                exercise: id("no-such-exercise"),
                override_reason: None,
                covers: Vec::new(),
            },
        ],
        doses: vec![SetDose {
            exercise: id("pelvic-tilt"),
            step: 99,
        }],
        ..Changes::default()
    };
    assert!(matches!(
        &inputs.check(&bad)[..],
        [
            Problem::Aerobic(_),
            Problem::Unknown(_),
            Problem::StepTooHigh { .. }
        ]
    ));
}

#[test]
fn red_flags_still_withhold_a_tailored_plan() {
    let i = Intake::default(); // Nothing answered: cauda equina cannot be ruled out.
    let a = crate::assess(&i);
    let lib = library();
    let h = History::starting(date());
    let v = [Changes {
        from_week: 1,
        added: vec![Added {
            exercise: id("hip-hinge"),
            override_reason: Some("Seen in clinic today".into()),
            covers: vec!["equipment".into(), "acute".into()],
        }],
        ..Changes::default()
    }];
    let p = inputs(&i, &a, &lib, &Preferences::default(), &h).plan(None, &v);
    assert!(matches!(p.status, PlanStatus::Withheld { .. }));
    assert!(p.exercises.is_empty());
}

#[test]
fn a_clinician_sets_the_days_and_the_walking_goal() {
    let (i, a, prefs) = low_risk_with_an_hour();
    let lib = library();
    let h = good_weeks(6);
    let v = [Changes {
        from_week: 1,
        days_per_week: Some(DaysPerWeek::new(3).unwrap()),
        walking_goal: Some(GoalMinutes::new(12).unwrap()),
        ..Changes::default()
    }];
    let p = inputs(&i, &a, &lib, &prefs, &h).plan(Some(7), &v);
    assert!(p.exercises.iter().all(|e| e.days_per_week <= 3));
    assert!(
        p.reasons
            .iter()
            .any(|r| r.contains("as your clinician set"))
    );
    let walk = p.activity.unwrap();
    assert!(walk.walking_minutes_per_day <= 12);
    assert!(
        walk.reason
            .contains("Your clinician set your walking goal at 12")
    );
}

#[test]
fn an_override_covers_only_the_rules_it_was_given_for() {
    let (i, a, prefs) = low_risk_with_an_hour(); // No band; 8 weeks, so not acute.
    let lib = library();
    let band = id("band-row");
    // Week 2 was calm; in week 3 the pain is high, so acute pain leaves band-row out too.
    let h = history(&[(3, 5, 5, 0), (rules::ACUTE_PAIN, 5, 5, 0)]);
    let inputs = inputs(&i, &a, &lib, &prefs, &h);
    let v = [Changes {
        from_week: 2,
        added: vec![Added {
            exercise: band.clone(),
            override_reason: Some("The clinic's band".into()),
            covers: inputs.exclusion_ids(2, &band),
        }],
        ..Changes::default()
    }];
    assert!(ids(&inputs.plan(Some(2), &v)).contains(&"band-row"));
    assert!(inputs.exclusion_ids(3, &band).contains(&"acute".to_owned()));
    let week3 = inputs.plan(Some(3), &v);
    assert!(!ids(&week3).contains(&"band-row"), "{:?}", ids(&week3));
    // A blank reason is no reason.
    let blank = [Changes {
        from_week: 2,
        added: vec![Added {
            exercise: band.clone(),
            override_reason: Some("  ".into()),
            covers: vec!["equipment".into()],
        }],
        ..Changes::default()
    }];
    assert!(!ids(&inputs.plan(Some(2), &blank)).contains(&"band-row"));
    assert!(matches!(
        &inputs.check(&blank[0])[..],
        [Problem::NeedsOverride { .. }]
    ));
}

#[test]
fn a_new_version_keeps_a_hold_and_a_flare_beats_a_dose_set_that_week() {
    let (i, a, prefs) = low_risk_with_an_hour();
    let lib = library();
    let run =
        |h: &History, v: &[Changes], week: u16| inputs(&i, &a, &lib, &prefs, h).plan(Some(week), v);
    let good = good_weeks(4);
    let held = Changes {
        from_week: 2,
        hold: true,
        ..Changes::default()
    };
    let again = Changes {
        from_week: 3,
        ..held.clone()
    };
    let week3 = run(&good, &[held.clone(), again], 3);
    assert!(
        week3
            .decision
            .reason()
            .contains("Your clinician asked to keep"),
        "a new version does not lift the hold: {:?}",
        week3.decision
    );
    // A flare in week 2: in week 3, the week a version sets a dose and adds an exercise,
    // nothing goes up and nothing comes in; the addition comes the week after.
    let flare = history(&[(3, 5, 5, 0), (3, 5, 5, 1), (3, 5, 5, 0)]);
    let before = run(&flare, &[], 3);
    assert!(matches!(before.decision, Decision::StepBack { .. }));
    let first = before.exercises[0].clone();
    let left_out: Vec<ExerciseId> = inputs(&i, &a, &lib, &prefs, &flare)
        .left_out(4)
        .into_iter()
        .map(|(e, _)| e.clone())
        .collect();
    let extra = lib
        .iter()
        .find(|e| {
            e.targets[0] != Target::Aerobic
                && !ids(&before).contains(&e.id.as_str())
                && !left_out.contains(&e.id)
                && e.easier.is_none()
                && e.harder.is_none()
        })
        .map(|e| e.id.clone())
        .expect("an exercise to add");
    let v = [Changes {
        from_week: 3,
        added: vec![Added {
            exercise: extra.clone(),
            override_reason: None,
            covers: Vec::new(),
        }],
        doses: vec![SetDose {
            exercise: first.id.clone(),
            step: first.max_step,
        }],
        ..Changes::default()
    }];
    let week3 = run(&flare, &v, 3);
    let same = week3.exercises.iter().find(|e| e.id == first.id).unwrap();
    assert_eq!(same.step, first.step, "a flare week's dose does not go up");
    assert!(
        !ids(&week3).contains(&extra.as_str()),
        "nothing new after a flare"
    );
    assert!(
        week3.decision.reason().contains("It starts next week"),
        "{:?}",
        week3.decision
    );
    let week4 = run(&flare, &v, 4);
    assert!(
        ids(&week4).contains(&extra.as_str()),
        "it comes the week after: {extra} {:?} {:?}",
        ids(&week4),
        week4.decision
    );
}

#[test]
fn what_was_taken_out_does_not_come_back_as_a_harder_version_and_walking_meets_a_lower_goal() {
    let (i, a, prefs) = low_risk_with_an_hour();
    let lib = library();
    let h = good_weeks(11);
    let inputs = inputs(&i, &a, &lib, &prefs, &h);
    let without = [Changes {
        from_week: 1,
        removed: vec![id("bird-dog")],
        ..Changes::default()
    }];
    // Without the change the chain reaches bird-dog (see the dose test); with it, never.
    assert!((1..=12).any(|w| ids(&inputs.plan(Some(w), &[])).contains(&"bird-dog")));
    for week in 1..=12 {
        assert!(
            !ids(&inputs.plan(Some(week), &without)).contains(&"bird-dog"),
            "week {week}"
        );
    }
    let walking = |p: &WeekPlan| p.activity.as_ref().unwrap().walking_minutes_per_day;
    let before = inputs.plan(Some(6), &[]);
    let goal = walking(&before) - 3;
    let lower = [Changes {
        from_week: 6,
        walking_goal: Some(GoalMinutes::new(goal.into()).unwrap()),
        ..Changes::default()
    }];
    let p = inputs.plan(Some(6), &lower);
    assert_eq!(walking(&p), goal);
    assert!(
        p.activity
            .as_ref()
            .unwrap()
            .reason
            .contains("your clinician's goal")
    );
    assert_eq!(
        walking(&inputs.plan(Some(8), &lower)),
        goal,
        "and stays there"
    );
}
