//! Safety properties of the triage over random intakes.

use backcare_core::intake::*;
use backcare_core::triage::{Level, triage};
use backcare_core::{Intake, Lang, assess};
use proptest::prelude::*;
use proptest::sample::select;

type Field = fn(&mut Intake) -> &mut Answer;

/// Every yes/no question in the intake. All of them can point towards a problem, so a
/// "yes" is always at least as worrying as "don't know", which is at least as worrying as "no".
const ANSWERS: &[(&str, Field)] = &[
    ("pregnant", |i| &mut i.pregnant),
    ("leg_pain_worse_than_back", |i| {
        &mut i.leg_pain_worse_than_back
    }),
    ("numbness", |i| &mut i.numbness),
    ("pins_and_needles", |i| &mut i.pins_and_needles),
    ("bladder_change", |i| &mut i.bladder_change),
    ("bowel_change", |i| &mut i.bowel_change),
    ("saddle_numbness", |i| &mut i.saddle_numbness),
    ("sexual_function_change", |i| &mut i.sexual_function_change),
    ("walking_difficulty", |i| &mut i.walking_difficulty),
    ("fever", |i| &mut i.fever),
    ("night_sweats", |i| &mut i.night_sweats),
    ("weight_loss", |i| &mut i.weight_loss),
    ("night_pain", |i| &mut i.night_pain),
    ("rest_pain", |i| &mut i.rest_pain),
    ("wakes_second_half_of_night", |i| {
        &mut i.wakes_second_half_of_night
    }),
    ("history.cancer", |i| &mut i.history.cancer),
    ("history.osteoporosis", |i| &mut i.history.osteoporosis),
    ("history.long_term_steroids", |i| {
        &mut i.history.long_term_steroids
    }),
    ("history.immunosuppression", |i| {
        &mut i.history.immunosuppression
    }),
    ("history.injected_drug_use", |i| {
        &mut i.history.injected_drug_use
    }),
    ("history.recent_spinal_procedure", |i| {
        &mut i.history.recent_spinal_procedure
    }),
    ("history.recent_bacterial_infection", |i| {
        &mut i.history.recent_bacterial_infection
    }),
    ("history.psoriasis", |i| &mut i.history.psoriasis),
    ("history.inflammatory_bowel_disease", |i| {
        &mut i.history.inflammatory_bowel_disease
    }),
    ("history.uveitis", |i| &mut i.history.uveitis),
    ("history.family_spondyloarthritis", |i| {
        &mut i.history.family_spondyloarthritis
    }),
    ("history.smoking", |i| &mut i.history.smoking),
    ("history.smoked_before", |i| &mut i.history.smoked_before),
    ("history.hypertension", |i| &mut i.history.hypertension),
    ("history.diabetes", |i| &mut i.history.diabetes),
    ("other_symptoms.chest_pain", |i| {
        &mut i.other_symptoms.chest_pain
    }),
    ("other_symptoms.breathlessness", |i| {
        &mut i.other_symptoms.breathlessness
    }),
    ("other_symptoms.sweating", |i| {
        &mut i.other_symptoms.sweating
    }),
    ("other_symptoms.tearing_pain", |i| {
        &mut i.other_symptoms.tearing_pain
    }),
    ("other_symptoms.pulsing_belly_lump", |i| {
        &mut i.other_symptoms.pulsing_belly_lump
    }),
    ("other_symptoms.feeling_faint", |i| {
        &mut i.other_symptoms.feeling_faint
    }),
    ("other_symptoms.urinary_burning_or_frequency", |i| {
        &mut i.other_symptoms.urinary_burning_or_frequency
    }),
    ("other_symptoms.severe_belly_pain", |i| {
        &mut i.other_symptoms.severe_belly_pain
    }),
    ("other_symptoms.pregnancy_bleeding_or_fluid", |i| {
        &mut i.other_symptoms.pregnancy_bleeding_or_fluid
    }),
    ("other_symptoms.pregnancy_tightenings", |i| {
        &mut i.other_symptoms.pregnancy_tightenings
    }),
];

fn opt<T: Clone + std::fmt::Debug + 'static>(
    values: &[T],
) -> impl Strategy<Value = Option<T>> + use<T> {
    prop::option::of(select(values.to_vec()))
}

fn effect() -> impl Strategy<Value = Option<Effect>> {
    opt(&[
        Effect::Better,
        Effect::Worse,
        Effect::NoChange,
        Effect::DontKnow,
    ])
}

fn effects() -> impl Strategy<Value = Effects> {
    (
        effect(),
        effect(),
        effect(),
        effect(),
        effect(),
        effect(),
        effect(),
        effect(),
    )
        .prop_map(
            |(
                exercise,
                rest,
                sitting,
                bending_forward,
                bending_backward,
                walking,
                lying_down,
                coughing,
            )| Effects {
                exercise,
                rest,
                sitting,
                bending_forward,
                bending_backward,
                walking,
                lying_down,
                coughing,
            },
        )
}

fn nrs() -> impl Strategy<Value = Option<Nrs>> {
    prop::option::of((0i64..=10).prop_map(|n| Nrs::new(n).unwrap()))
}

prop_compose! {
    fn intake()(
        answers in prop::collection::vec(select(Answer::ALL.to_vec()), ANSWERS.len()),
        lang in select(Lang::ALL.to_vec()),
        age in prop::option::of((0i64..=120).prop_map(|a| Age::new(a).unwrap())),
        sex in opt(&[Sex::Female, Sex::Male, Sex::Other]),
        areas in prop::collection::vec(select(vec![PainArea::Low, PainArea::Middle, PainArea::Upper, PainArea::BetweenShoulderBlades]), 0..3),
        onset in opt(&[Onset::Gradual, Onset::Sudden, Onset::LiftingOrActivity, Onset::MinorTrauma, Onset::MajorTrauma]),
        weeks in prop::option::of((0i64..=600).prop_map(|w| Weeks::new(w).unwrap())),
        course in opt(&[Course::Better, Course::Same, Course::Worse]),
        legs in opt(&[LegSymptoms::None, LegSymptoms::AboveKnee, LegSymptoms::BelowKneeOneSide, LegSymptoms::BothLegs, LegSymptoms::Alternating]),
        numb_areas in prop::collection::vec(select(vec![NumbArea::ButtockOrThigh, NumbArea::LowerLegOrFoot, NumbArea::BothLegs]), 0..2),
        weakness in opt(&[Weakness::None, Weakness::Stable, Weakness::New, Weakness::Marked, Weakness::GettingWorse, Weakness::DontKnow]),
        days in prop::option::of((0i64..=6).prop_map(|d| Days::new(d).unwrap())),
        stiffness in prop::option::of((0i64..=180).prop_map(|m| Minutes::new(m).unwrap())),
        effects in effects(),
        pain in (nrs(), nrs(), nrs()),
    ) -> Intake {
        let mut i = Intake {
            language: lang, age, sex, pain_areas: areas, onset, duration_weeks: weeks, duration_days: days, course,
            leg_symptoms: legs, numbness_areas: numb_areas, leg_weakness: weakness,
            morning_stiffness_minutes: stiffness, effects,
            pain: PainRatings { now: pain.0, average: pain.1, worst: pain.2 },
            ..Intake::default()
        };
        for ((_, field), answer) in ANSWERS.iter().zip(answers) {
            *field(&mut i) = answer;
        }
        i
    }
}

fn level_with(intake: &Intake, field: Field, answer: Answer) -> Level {
    let mut changed = intake.clone();
    *field(&mut changed) = answer;
    triage(&changed).level
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_yes_never_lowers_the_level(intake in intake()) {
        let before = triage(&intake).level;
        for (name, field) in ANSWERS {
            let after = level_with(&intake, *field, Answer::Yes);
            prop_assert!(after >= before, "answering yes to {name} lowered {before:?} to {after:?}");
        }
    }

    #[test]
    fn dont_know_is_never_lower_than_no(intake in intake()) {
        for (name, field) in ANSWERS {
            let no = level_with(&intake, *field, Answer::No);
            let dont_know = level_with(&intake, *field, Answer::DontKnow);
            let skipped = level_with(&intake, *field, Answer::NotAnswered);
            prop_assert!(dont_know >= no, "{name}: don't know gave {dont_know:?}, no gave {no:?}");
            prop_assert!(skipped >= no, "{name}: not answered gave {skipped:?}, no gave {no:?}");
        }
    }

    #[test]
    fn worsening_weakness_is_never_lower_than_none(intake in intake()) {
        let mut none = intake.clone();
        none.leg_weakness = Some(Weakness::None);
        for w in [Weakness::Stable, Weakness::New, Weakness::Marked, Weakness::GettingWorse, Weakness::DontKnow] {
            let mut other = intake.clone();
            other.leg_weakness = Some(w);
            prop_assert!(triage(&other).level >= triage(&none).level, "{w:?}");
        }
        // New or marked weakness is never treated as less than mild, long-standing weakness.
        let mut stable = intake.clone();
        stable.leg_weakness = Some(Weakness::Stable);
        for w in [Weakness::New, Weakness::Marked, Weakness::GettingWorse] {
            let mut other = intake.clone();
            other.leg_weakness = Some(w);
            prop_assert!(triage(&other).level >= triage(&stable).level, "{w:?}");
        }
    }

    /// A missing start day or pain rating is unknown, never better than a reassuring answer.
    #[test]
    fn unknown_recency_or_severity_is_never_lower_than_a_benign_answer(intake in intake()) {
        let mut not_recent = intake.clone();
        not_recent.duration_days = Some(Days::new(6).unwrap());
        let mut unknown = intake.clone();
        unknown.duration_days = None;
        prop_assert!(triage(&unknown).level >= triage(&not_recent).level);

        let mut mild = intake.clone();
        mild.pain = PainRatings { now: Nrs::new(1).ok(), average: Nrs::new(1).ok(), worst: Nrs::new(1).ok() };
        let mut unrated = intake.clone();
        unrated.pain = PainRatings::default();
        prop_assert!(triage(&unrated).level >= triage(&mild).level);
    }

    #[test]
    fn every_result_is_complete_and_explained(intake in intake()) {
        let result = assess(&intake);
        prop_assert!(!result.triage.reasons.is_empty());
        prop_assert_eq!(result.triage.level, result.triage.reasons[0].level);
        for r in &result.triage.reasons {
            prop_assert!(!r.advice.is_empty() && !r.source.is_empty());
        }
        prop_assert!(result.patterns.is_empty() != result.patterns_withheld.is_none());
        let json = serde_json::to_value(&result).unwrap();
        prop_assert!(json["triage"]["level"].is_string());
    }

    #[test]
    fn a_red_flag_never_comes_with_a_reassuring_pattern(intake in intake()) {
        let result = assess(&intake);
        let red_flag = result
            .triage
            .reasons
            .iter()
            .any(|r| r.certain && r.level >= Level::Urgent);
        if red_flag {
            for p in &result.patterns {
                prop_assert!(
                    !p.pattern.needs_clear_screen(),
                    "{:?} next to {:?}",
                    p.pattern,
                    result.triage.reasons[0].rule_id
                );
            }
        }
    }
}

#[test]
fn an_empty_intake_is_not_treated_as_all_clear() {
    // Nothing answered: the cauda equina and heart questions are unknown, so escalate.
    let result = triage(&Intake::default());
    assert_eq!(result.level, Level::Urgent);
    assert!(
        result
            .reasons
            .iter()
            .any(|r| r.rule_id == "CES-BLADDER" && !r.certain)
    );
}
