//! Every exercise is complete in both languages, illustrated, and sits in a sound
//! progression chain.

use std::collections::{BTreeSet, HashMap};

use backcare_content::{exercises, figure};
use backcare_core::Lang;
use backcare_core::exercise::{Exercise, ExerciseId};

fn by_id() -> HashMap<&'static ExerciseId, &'static Exercise> {
    exercises::library().iter().map(|e| (&e.id, e)).collect()
}

#[test]
fn the_library_is_big_enough_and_covers_the_required_exercises() {
    let lib = exercises::library();
    assert!(lib.len() >= 30, "{} exercises", lib.len());
    let ids: BTreeSet<&str> = lib.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), lib.len(), "duplicate ids");
    for required in [
        "mcgill-curl-up",
        "side-bridge",
        "bird-dog",
        "glute-bridge",
        "single-leg-bridge",
        "dead-bug",
        "prone-lying",
        "prone-on-elbows",
        "prone-press-up",
        "standing-extension",
        "knee-to-chest",
        "pelvic-tilt",
        "hamstring-stretch",
        "hip-flexor-stretch",
        "cat-camel",
        "long-sit-forward-reach",
        "thoracic-extension-chair",
        "open-book-rotation",
        "scapular-retraction",
        "band-row",
        "chest-stretch",
        "walking",
    ] {
        assert!(ids.contains(required), "{required} missing");
    }
    assert!(
        lib.iter().filter(|e| e.acute_ok).count() >= 3,
        "gentle options for acute pain"
    );
    assert!(
        lib.iter().filter(|e| e.pregnancy_ok).count() >= 3,
        "options for pregnancy"
    );
}

#[test]
fn every_exercise_is_complete_in_both_languages() {
    let mut problems = Vec::new();
    for e in exercises::library() {
        let id = e.id.as_str();
        for lang in Lang::ALL {
            for (what, text) in [
                ("name", e.name.get(lang)),
                ("purpose", e.purpose.get(lang)),
                ("should_feel", e.should_feel.get(lang)),
                ("stop_if", e.stop_if.get(lang)),
            ] {
                if text.trim().is_empty() {
                    problems.push(format!("{id}: empty {what} ({lang:?})"));
                }
            }
            if e.steps.get(lang).is_empty() || e.steps.get(lang).iter().any(|s| s.trim().is_empty())
            {
                problems.push(format!("{id}: missing steps ({lang:?})"));
            }
        }
        if e.steps.en.len() != e.steps.es.len() {
            problems.push(format!(
                "{id}: {} English steps but {} Spanish",
                e.steps.en.len(),
                e.steps.es.len()
            ));
        }
        if e.name.en == e.name.es && e.purpose.en == e.purpose.es {
            problems.push(format!("{id}: Spanish text is a copy of the English"));
        }
        if e.targets.is_empty() || e.sources.is_empty() || !(1..=5).contains(&e.level) {
            problems.push(format!("{id}: needs targets, sources and a level 1-5"));
        }
        let d = e.dose;
        if d.sets == 0
            || !(1..=7).contains(&d.days_per_week)
            || (d.reps.is_none() && d.hold_seconds.is_none() && d.minutes.is_none())
        {
            problems.push(format!("{id}: incomplete dose {d:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_exercise_has_an_illustration_with_alt_text_in_both_languages() {
    for e in exercises::library() {
        let fig = figure::figure(e.id.as_str()).unwrap_or_else(|| panic!("{}: no figure", e.id));
        for lang in Lang::ALL {
            assert!(
                !fig.alt.get(lang).trim().is_empty(),
                "{}: no alt text ({lang:?})",
                e.id
            );
            let svg = figure::svg(fig, lang);
            assert!(
                svg.starts_with("<svg") && svg.contains("<title"),
                "{}",
                e.id
            );
        }
    }
    assert_eq!(
        figure::all().len(),
        exercises::library().len(),
        "a figure for an exercise that does not exist"
    );
}

#[test]
fn progression_chains_have_no_dangling_ids_no_cycles_and_rising_levels() {
    let ids = by_id();
    for e in exercises::library() {
        for (dir, next) in [("harder", &e.harder), ("easier", &e.easier)] {
            if let Some(n) = next {
                let other = ids
                    .get(n)
                    .unwrap_or_else(|| panic!("{}: {dir} points to missing {n}", e.id));
                let back = if dir == "harder" {
                    &other.easier
                } else {
                    &other.harder
                };
                assert_eq!(
                    back.as_ref(),
                    Some(&e.id),
                    "{} -> {n} is not mirrored",
                    e.id
                );
                let rising = if dir == "harder" {
                    other.level > e.level
                } else {
                    other.level < e.level
                };
                assert!(rising, "{} -> {n}: levels must rise towards harder", e.id);
            }
        }
        // Walking up the chain must end: no cycles.
        let mut seen = BTreeSet::new();
        let mut at = e;
        while let Some(next) = &at.harder {
            assert!(seen.insert(next.clone()), "cycle through {}", e.id);
            at = ids[next];
        }
    }
}
