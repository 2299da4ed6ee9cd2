//! Synthetic QuestionnaireResponses, for tests and benchmarks of bulk scoring.
//!
//! [`response`] is a pure function of `(seed, index)`: any slice of a synthetic file can be
//! regenerated on its own, in any order, on any number of threads, and comes out the same.
//! Nothing here is real patient data.
//!
//! What the responses look like:
//! - the forms are mixed: about 30% intake, 25% STarT Back, 20% ODI, 10% RMDQ, 15% pain
//!   ratings (NRS); about 70% in English and 30% in Spanish;
//! - every three responses in a row belong to one patient (`Patient/synth-{index / 3}`)
//!   with one hidden severity, so answers are correlated: a patient in more pain agrees with
//!   more STarT Back items, ticks more RMDQ statements and has a higher ODI;
//! - some are incomplete: about 10% of ODI responses skip the sex-life section (still
//!   scored, 9 of 10 answered) and 2% skip a second section too (no score); 3% of STarT
//!   Back responses skip one item (no score);
//! - about 2% of intake responses answer yes to one warning sign (a red flag), and a few
//!   more answer "don't know";
//! - ids are `qr-{index}`, `authored` a date and time in 2024-2026 (UTC).
//!
//! Each response is built as an engine [`Intake`] and written with
//! [`response_from_intake`], so the calculated score items carry the engine's scores.

use backcare_core::date::Date;
use backcare_core::instruments::prompts::{self, Instrument};
use backcare_core::intake::Intake;
use backcare_core::lang::Lang;
use backcare_core::questions::{self, AnswerValue, Kind, Section};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::mapping::response_from_intake;
use crate::questionnaires::Form;
use crate::types::{Id, QuestionnaireResponse, Reference};

/// How many consecutive responses belong to one synthetic patient.
pub const RESPONSES_PER_PATIENT: u64 = 3;

/// The synthetic response number `index` of the set made from `seed`.
///
/// Deterministic: the same `(seed, index)` always gives the same response, whatever was
/// generated before. See the [module documentation](self) for the distributions.
pub fn response(seed: u64, index: u64) -> QuestionnaireResponse {
    let patient_number = index / RESPONSES_PER_PATIENT;
    let patient = Patient::new(seed, patient_number);
    let mut rng = stream(seed, 1, index);
    let form = pick_form(&mut rng);
    let intake = intake(&mut rng, &patient, form);
    let id = Id::new(format!("qr-{index}")).expect("a valid id");
    let mut qr = response_from_intake(&intake, form, Some(id));
    qr.subject = Some(Reference::to("Patient", &format!("synth-{patient_number}")));
    qr.authored = Some(authored(&mut rng));
    qr
}

/// The responses `range` of the set made from `seed`, in order.
pub fn responses(
    seed: u64,
    range: std::ops::Range<u64>,
) -> impl Iterator<Item = QuestionnaireResponse> {
    range.map(move |index| response(seed, index))
}

/// An independent random stream per `(seed, purpose, number)`: ChaCha's 64-bit stream id
/// keeps numbers apart, the purpose keeps patients apart from responses.
fn stream(seed: u64, purpose: u64, number: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    rng.set_stream(number);
    rng
}

/// What stays the same across one patient's responses.
struct Patient {
    lang: Lang,
    /// 0 (barely bothered) to 1 (severely disabled); skewed towards milder.
    severity: f64,
    age: i64,
    sex: &'static str,
}

impl Patient {
    fn new(seed: u64, number: u64) -> Patient {
        let mut rng = stream(seed, 2, number);
        let lang = if rng.random_bool(0.7) {
            Lang::En
        } else {
            Lang::Es
        };
        let (a, b): (f64, f64) = (rng.random(), rng.random());
        let severity = ((a + b) / 2.0).powf(1.3);
        let age = around(&mut rng, 0.4, 14.0, 18, 90);
        let sex = match rng.random_range(0..100) {
            0..=51 => "female",
            52..=98 => "male",
            _ => "other",
        };
        Patient {
            lang,
            severity,
            age,
            sex,
        }
    }
}

fn pick_form(rng: &mut ChaCha8Rng) -> Form {
    match rng.random_range(0..100) {
        0..=29 => Form::Intake,
        30..=54 => Form::StartBack,
        55..=74 => Form::Odi,
        75..=84 => Form::Rmdq,
        _ => Form::Nrs,
    }
}

/// A normal-ish number with mean 0 and standard deviation about 1 (sum of uniforms).
fn noise(rng: &mut ChaCha8Rng) -> f64 {
    let sum: f64 = (0..4).map(|_| rng.random::<f64>()).sum();
    (sum - 2.0) * 1.732
}

/// An integer from `lo` to `hi` around `lo + fraction × (hi - lo)`, with some spread.
fn around(rng: &mut ChaCha8Rng, fraction: f64, spread: f64, lo: i64, hi: i64) -> i64 {
    let span = (hi - lo) as f64;
    let value = lo as f64 + fraction * span + noise(rng) * spread;
    (value.round() as i64).clamp(lo, hi)
}

fn intake(rng: &mut ChaCha8Rng, patient: &Patient, form: Form) -> Intake {
    let mut intake = Intake {
        language: patient.lang,
        ..Intake::default()
    };
    // Today's severity moves a little around the patient's own.
    let s = (patient.severity + noise(rng) * 0.07).clamp(0.0, 1.0);
    match form {
        Form::Intake => intake_answers(rng, patient, s, &mut intake, true),
        Form::Nrs => intake_answers(rng, patient, s, &mut intake, false),
        Form::StartBack => start_back(rng, s, &mut intake),
        Form::Odi => odi(rng, s, &mut intake),
        Form::Rmdq => rmdq(rng, s, &mut intake),
    }
    intake
}

/// Answers the intake's questions in order (so follow-up questions are asked only when
/// they apply); only the pain ratings unless `all`.
fn intake_answers(rng: &mut ChaCha8Rng, patient: &Patient, s: f64, intake: &mut Intake, all: bool) {
    // One warning sign in fifty is answered yes: a red flag.
    let red_flag = all && rng.random_bool(0.02);
    let warning_questions: Vec<&questions::Question> = questions::questions()
        .iter()
        .filter(|q| q.section == Section::WarningSigns && q.kind == Kind::YesNo)
        .collect();
    let red_flag_question = if red_flag && !warning_questions.is_empty() {
        Some(warning_questions[rng.random_range(0..warning_questions.len())].id)
    } else {
        None
    };
    for q in questions::questions() {
        if !all && q.section != Section::PainScores {
            continue;
        }
        if !q.applies(intake) {
            continue;
        }
        // Some people skip a question that is not a warning sign.
        if q.section != Section::WarningSigns && rng.random_bool(0.03) {
            continue;
        }
        let answer = match q.kind {
            Kind::YesNo => {
                let (yes, not_sure) = match q.section {
                    Section::WarningSigns => (0.0, 0.002),
                    Section::AboutYou => (0.05, 0.002),
                    Section::Pain => (0.15 + 0.45 * s, 0.005),
                    Section::GeneralHealth => (0.005 + 0.04 * s, 0.003),
                    Section::History => (0.015, 0.002),
                    Section::OtherSymptoms => (0.004, 0.003),
                    Section::PainScores => (0.1, 0.01),
                };
                let value = if red_flag_question == Some(q.id) || rng.random_bool(yes) {
                    "yes"
                } else if rng.random_bool(not_sure) {
                    "dont_know"
                } else {
                    "no"
                };
                AnswerValue::choice(value)
            }
            Kind::Choice(choices) => {
                let value = match q.id {
                    "sex" => patient.sex,
                    _ => choices[weighted(rng, q.id, choices.len())].value,
                };
                AnswerValue::choice(value)
            }
            Kind::Multi(choices) => {
                let first = weighted(rng, q.id, choices.len());
                let mut values = vec![choices[first].value.to_owned()];
                // Numbness in a second area is rarer than pain in a second area.
                let second = if q.id == "pain_areas" { 0.15 } else { 0.03 };
                if choices.len() > 1 && rng.random_bool(second) {
                    let second = (first + rng.random_range(1..choices.len())) % choices.len();
                    values.push(choices[second].value.to_owned());
                }
                AnswerValue::Multi(values)
            }
            Kind::Number { min, max, .. } => AnswerValue::Number(match q.id {
                "age" => patient.age.clamp(min, max),
                _ if q.section == Section::PainScores => {
                    let bump = match q.id {
                        "pain.worst" => 0.15,
                        "pain.now" => -0.05,
                        _ => 0.0,
                    };
                    around(rng, (s + bump).clamp(0.0, 1.0), 1.2, min, max)
                }
                // Weeks, minutes: mostly small, within the question's range.
                _ => min + rng.random_range(0..=(max - min).min(52)),
            }),
        };
        // Every value comes from the question's own choices or range.
        let _ = questions::apply(intake, q, &answer);
    }
}

/// Picks one of `n` choices of question `id`, most with weights that look like a back-pain
/// clinic (most pain low in the back, few injuries, little worsening weakness), the rest
/// uniformly. The weights follow the order of the question's choices.
fn weighted(rng: &mut ChaCha8Rng, id: &str, n: usize) -> usize {
    let weights: &[f64] = match id {
        "pain_areas" => &[75.0, 12.0, 8.0, 5.0],
        "onset" => &[45.0, 20.0, 30.0, 4.0, 1.0],
        "duration_weeks" => &[4.0, 8.0, 14.0, 22.0, 14.0, 18.0, 14.0, 6.0],
        "course" => &[35.0, 45.0, 20.0],
        "leg_symptoms" => &[55.0, 21.0, 20.0, 1.0, 3.0],
        "numbness_areas" => &[45.0, 53.0, 2.0],
        "leg_side" => &[48.0, 48.0, 4.0],
        "leg_weakness" => &[90.0, 4.0, 2.0, 1.0, 0.5, 2.5],
        _ => &[],
    };
    if weights.len() != n {
        return rng.random_range(0..n);
    }
    let mut pick = rng.random::<f64>() * weights.iter().sum::<f64>();
    for (i, w) in weights.iter().enumerate() {
        if pick < *w {
            return i;
        }
        pick -= w;
    }
    n - 1
}

fn set(intake: &mut Intake, item: &prompts::Item, value: &str) {
    // Values come from the item's own choices, so this cannot fail.
    let _ = prompts::apply(intake, item, value);
}

fn start_back(rng: &mut ChaCha8Rng, s: f64, intake: &mut Intake) {
    let items = prompts::items(Instrument::StartBack);
    let skipped = rng
        .random_bool(0.03)
        .then(|| rng.random_range(0..items.len()));
    for (i, item) in items.iter().enumerate() {
        if skipped == Some(i) {
            continue;
        }
        if item.key == "bothersomeness" {
            let n = item.choices.len() as i64;
            let pick = around(rng, s, 0.8, 0, n - 1) as usize;
            set(intake, item, item.choices[pick].value);
        } else {
            let agree = (0.08 + 0.8 * s + noise(rng) * 0.08).clamp(0.0, 1.0);
            let value = if rng.random_bool(agree) {
                "true"
            } else {
                "false"
            };
            set(intake, item, value);
        }
    }
}

fn odi(rng: &mut ChaCha8Rng, s: f64, intake: &mut Intake) {
    let items = prompts::items(Instrument::Odi);
    // The sex-life section is the one most often left blank (10%); 2% leave another one
    // blank as well, which is one too many to score.
    let roll = rng.random_range(0..100);
    let skip_sex_life = roll < 12;
    let skip_another = (roll < 2).then(|| {
        let others: Vec<usize> = (0..items.len())
            .filter(|i| items[*i].key != "sex_life")
            .collect();
        others[rng.random_range(0..others.len())]
    });
    for (i, item) in items.iter().enumerate() {
        if (skip_sex_life && item.key == "sex_life") || skip_another == Some(i) {
            continue;
        }
        let value = around(rng, s * 0.85, 0.8, 0, 5).to_string();
        set(intake, item, &value);
    }
}

fn rmdq(rng: &mut ChaCha8Rng, s: f64, intake: &mut Intake) {
    let p = (0.03 + 0.75 * s).clamp(0.0, 1.0);
    for item in prompts::items(Instrument::Rmdq) {
        let value = if rng.random_bool(p) { "true" } else { "false" };
        set(intake, item, value);
    }
}

/// A date and time from 2024-01-01 to 2026-10-31, UTC, to the second.
fn authored(rng: &mut ChaCha8Rng) -> String {
    // Days from 1970-01-01: 2024-01-01 is 19723; 2026-10-31 is 20757.
    let days = rng.random_range(19_723..=20_757);
    let date = Date::UNIX_EPOCH.add_days(days);
    let seconds = rng.random_range(7 * 3600..22 * 3600);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::score_response;
    use crate::types::QrStatus;
    use backcare_core::instruments::RiskGroup;
    use backcare_core::triage;

    #[test]
    fn the_same_seed_and_index_give_the_same_response() {
        for index in [0, 1, 2, 999, 1_000_000] {
            assert_eq!(response(7, index), response(7, index));
        }
        assert_ne!(
            serde_json::to_string(&response(7, 5)).unwrap(),
            serde_json::to_string(&response(8, 5)).unwrap()
        );
    }

    #[test]
    fn dates_are_right() {
        // The ends of the range `authored` draws from, and a leap day between them.
        for (days, want) in [
            (0, "1970-01-01"),
            (19_723, "2024-01-01"),
            (19_782, "2024-02-29"),
            (20_757, "2026-10-31"),
        ] {
            assert_eq!(Date::UNIX_EPOCH.add_days(days).to_string(), want);
        }
        let range = Date::parse("2024-01-01").unwrap()..=Date::parse("2026-10-31").unwrap();
        for index in 0..200 {
            let authored = response(3, index).authored.unwrap();
            let day = Date::parse(&authored[..10]).unwrap();
            assert!(range.contains(&day), "{authored}");
        }
    }

    #[test]
    fn responses_round_trip_and_score_with_the_expected_mix() {
        let mut forms = std::collections::HashMap::new();
        let mut langs = std::collections::HashMap::new();
        let (mut odi_unscored, mut sb_incomplete, mut red_flags) = (0, 0, 0);
        let mut groups = std::collections::HashMap::new();
        // Severity goes with ODI: mean ODI of the most and least severe STarT Back groups.
        for qr in responses(42, 0..3000) {
            let text = serde_json::to_string(&qr).unwrap();
            let back: QuestionnaireResponse = serde_json::from_str(&text).unwrap();
            assert_eq!(back, qr);
            assert_eq!(qr.status, QrStatus::Completed);
            assert!(qr.authored.as_deref().unwrap().starts_with("202"));
            let (form, lang) = Form::from_url(qr.questionnaire.as_deref().unwrap()).unwrap();
            *forms.entry(form.slug()).or_insert(0) += 1;
            *langs.entry(lang.code()).or_insert(0) += 1;
            let (intake, scores) = score_response(&qr).expect("synthetic responses map");
            match form {
                Form::Odi if scores.odi_result().is_none() => odi_unscored += 1,
                Form::StartBack if scores.risk_group().is_none() => sb_incomplete += 1,
                Form::StartBack => {
                    *groups.entry(scores.risk_group().unwrap()).or_insert(0) += 1;
                }
                Form::Intake => {
                    let triage = triage::triage(&intake);
                    if triage.level >= backcare_core::triage::Level::Urgent {
                        red_flags += 1;
                    }
                }
                _ => {}
            }
        }
        assert!((800..1000).contains(&forms["intake"]), "{forms:?}");
        assert!(forms.values().all(|n| *n > 200), "{forms:?}");
        assert!((1900..2300).contains(&langs["en"]), "{langs:?}");
        assert!((1..40).contains(&odi_unscored), "{odi_unscored}");
        assert!((1..50).contains(&sb_incomplete), "{sb_incomplete}");
        assert!(red_flags > 5, "{red_flags}");
        for group in [RiskGroup::Low, RiskGroup::Medium, RiskGroup::High] {
            assert!(groups.get(&group).copied().unwrap_or(0) > 30, "{groups:?}");
        }
    }

    #[test]
    fn pain_goes_with_disability() {
        // Across patients, ODI responses of more severe patients score higher: compare
        // the ODI of patients whose NRS response says severe pain with the others.
        let mut high = Vec::new();
        let mut low = Vec::new();
        for patient in 0..4000u64 {
            let p = Patient::new(3, patient);
            let mut rng = stream(3, 9, patient);
            let mut intake = Intake::default();
            odi(&mut rng, p.severity, &mut intake);
            let scores = backcare_core::instruments::scores(&intake);
            if let Some(odi) = scores.odi_result() {
                if p.severity > 0.6 {
                    high.push(f64::from(odi.percent));
                } else if p.severity < 0.3 {
                    low.push(f64::from(odi.percent));
                }
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!(high.len() > 100 && low.len() > 100);
        assert!(
            mean(&high) > mean(&low) + 25.0,
            "{} vs {}",
            mean(&high),
            mean(&low)
        );
    }
}
