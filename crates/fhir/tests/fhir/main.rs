//! Every generated Questionnaire and sample mapped resources, checked by independent
//! validators: the official HL7 R4 JSON schema and @medplum/core's `validateResource`
//! (`tools/fhir/validate`, installed by `scripts/fhir`, which sets
//! `BACKCARE_FHIR_VALIDATOR`). Without it the test fails, unless
//! `BACKCARE_SKIP_FHIR_VALIDATION=1` says to skip on purpose (the same convention as
//! PostgreSQL).

// The crate's clippy.toml forbids I/O in the pure library; these tests read examples, write
// the generated resources and run the validators, which is their job.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    clippy::disallowed_macros
)]

mod examples;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use backcare_core::intake::Intake;
use backcare_core::plan::{self, Date, History, Preferences};
use backcare_core::record::{IssuedAssessment, IssuedResult};
use backcare_fhir::mapping::{
    self, Context, MappingError, Record, intake_from_response, response_from_intake,
};
use backcare_fhir::questionnaires::{self, Form};
use backcare_fhir::types::{
    BundleType, CapabilityStatement, Code, Id, Implementation, PublicationStatus, Questionnaire,
    QuestionnaireResponse, Resource, RestComponent, RestOperation, RestResource, RestSecurity,
    SearchParam, Software, Tag,
};

static SCIATICA_ES: LazyLock<String> = LazyLock::new(|| example("self-care-sciatica-es.json"));
static LIFTING: LazyLock<String> = LazyLock::new(|| example("self-care-lifting-strain.json"));
static CAUDA_EQUINA: LazyLock<String> = LazyLock::new(|| example("emergency-cauda-equina.json"));

/// The text of `examples/<name>` at the workspace's root, read when the test runs: an
/// `include_str!` of it would reach outside this crate, which a packaged crate cannot.
fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the example {}: {e}", path.display()))
}

/// An example intake with the three instruments answered too.
fn intake(text: &str) -> Intake {
    let mut intake: Intake = serde_json::from_str(text).unwrap();
    let extra: Intake = serde_json::from_str(
        r#"{"start_back":{"leg_pain":true,"shoulder_or_neck_pain":false,"walking_limited":true,"dressing_slower":true,"unsafe_to_be_active":true,"worrying_thoughts":false,"never_get_better":false,"not_enjoying_things":false,"bothersomeness":"moderately"},
            "odi":{"pain_intensity":3,"personal_care":1,"lifting":3,"walking":2,"sitting":2,"standing":2,"sleeping":1,"social_life":2,"travelling":2},
            "rmdq":{"ticked":[2,5,11,17]},"pain":{"now":6,"average":5,"worst":8}}"#,
    )
    .unwrap();
    intake.start_back = intake.start_back.or(extra.start_back);
    intake.odi = intake.odi.or(extra.odi);
    intake.rmdq = intake.rmdq.or(extra.rmdq);
    intake.pain.now = intake.pain.now.or(extra.pain.now);
    intake.pain.average = intake.pain.average.or(extra.pain.average);
    intake.pain.worst = intake.pain.worst.or(extra.pain.worst);
    intake
}

/// Every resource to validate, by file name, as the types write it.
fn resources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |name: String, value: &dyn erased::Json| out.push((name, value.json()));
    for q in questionnaires::all() {
        add(format!("Questionnaire-{}.json", q.id), &q);
    }
    let start = Date::parse("2026-11-23").unwrap();
    let patient_id = Id::new("p-123").unwrap();
    let mut records = Vec::new();
    for (name, text) in [
        ("sciatica", &SCIATICA_ES),
        ("lifting", &LIFTING),
        ("cauda", &CAUDA_EQUINA),
    ] {
        let intake = intake(text);
        let assessment = backcare_core::assess(&intake);
        let plan = plan::plan(
            &intake,
            &assessment,
            backcare_content::exercises::library(),
            &Preferences::default(),
            &History::starting(start),
            None,
        );
        let id = Id::new(format!("a-{name}")).unwrap();
        for form in Form::ALL {
            let qr = response_from_intake(
                &intake,
                form,
                Some(Id::new(format!("{name}-{}", form.slug())).unwrap()),
            );
            add(
                format!("QuestionnaireResponse-{name}-{}.json", form.slug()),
                &qr,
            );
        }
        let issued = IssuedAssessment::issue(&intake, &assessment);
        records.push((id, intake, issued, plan));
    }
    let patient = mapping::patient(patient_id.clone(), &records[0].1);
    add("Patient.json".to_owned(), &patient);
    let responses: Vec<QuestionnaireResponse> = records
        .iter()
        .map(|(_, intake, _, _)| response_from_intake(intake, Form::Intake, None))
        .collect();
    let recs: Vec<Record<'_>> = records
        .iter()
        .zip(&responses)
        .map(|((id, _, issued, plan), qr)| Record {
            id,
            effective: Some("2026-11-23T09:30:00Z"),
            issued,
            response: Some(qr),
            plan: Some(plan),
        })
        .collect();
    let bundle = mapping::record_bundle(backcare_fhir::BASE, &patient, &recs).unwrap();
    for entry in &bundle.entry {
        let name = format!(
            "{}-{}.json",
            entry.resource.resource_type(),
            entry.resource.id().unwrap()
        );
        add(name, &entry.resource);
    }
    add("Bundle-record.json".to_owned(), &bundle);
    let mut search = mapping::bundle(
        backcare_fhir::BASE,
        BundleType::Searchset,
        bundle
            .entry
            .iter()
            .skip(1)
            .take(3)
            .map(|e| e.resource.clone())
            .collect(),
    );
    search.link.push(backcare_fhir::types::BundleLink {
        relation: "self".to_owned(),
        url: format!("{}/Observation?patient=p1", backcare_fhir::BASE),
    });
    add("Bundle-searchset.json".to_owned(), &search);
    let bad: QuestionnaireResponse = serde_json::from_str(
        r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"odi.juggling","answer":[{"valueInteger":1}]}]}"#,
    )
    .unwrap();
    let err = intake_from_response(&bad).unwrap_err();
    assert!(matches!(err, MappingError::UnknownLinkId { .. }));
    add(
        "OperationOutcome-unknown-link-id.json".to_owned(),
        &err.to_operation_outcome(),
    );
    let capability = CapabilityStatement {
        resource_type: Tag::new(),
        status: PublicationStatus::Active,
        date: "2026-11-23".to_owned(),
        instantiates: Vec::new(),
        kind: Code::new("instance").unwrap(),
        fhir_version: Code::new("4.0.1").unwrap(),
        software: Software {
            name: "backcare".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        },
        implementation: Some(Implementation {
            description: "backcare test server".to_owned(),
            url: Some("https://backcare.example/fhir".to_owned()),
        }),
        format: vec![Code::new("json").unwrap()],
        rest: vec![RestComponent {
            mode: Code::new("server").unwrap(),
            security: Some(RestSecurity {
                extension: Vec::new(),
                service: Vec::new(),
                cors: false,
                description: "Bearer tokens".to_owned(),
            }),
            resource: vec![RestResource {
                kind: Code::new("Patient").unwrap(),
                interaction: vec![serde_json::from_str(r#"{"code":"read"}"#).unwrap()],
                search_param: vec![SearchParam {
                    name: "_id".to_owned(),
                    kind: Code::new("token").unwrap(),
                    documentation: None,
                }],
                operation: vec![RestOperation {
                    name: "everything".to_owned(),
                    definition: "http://hl7.org/fhir/OperationDefinition/Patient-everything"
                        .to_owned(),
                }],
            }],
        }],
    };
    add("CapabilityStatement.json".to_owned(), &capability);
    out
}

/// `serde_json::to_string_pretty` behind one object-safe trait, so `add` takes any resource.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string_pretty(self).unwrap()
        }
    }
}

fn write_all(dir: &Path, files: &[(String, String)]) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Runs the validator on `dir`: `None` when validation is skipped on purpose.
fn validate(dir: &Path) -> Option<(bool, String)> {
    let Ok(validator) = std::env::var("BACKCARE_FHIR_VALIDATOR") else {
        if std::env::var("BACKCARE_SKIP_FHIR_VALIDATION").as_deref() == Ok("1") {
            eprintln!("BACKCARE_SKIP_FHIR_VALIDATION=1: not validating the FHIR resources");
            return None;
        }
        panic!(
            "BACKCARE_FHIR_VALIDATOR is not set: run `eval \"$(scripts/fhir)\"` first (scripts/test does), \
             or set BACKCARE_SKIP_FHIR_VALIDATION=1 to skip validation on purpose"
        );
    };
    let out = Command::new(&validator)
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("could not run {validator}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some((out.status.success(), text))
}

fn scratch(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn every_generated_resource_is_valid_r4() {
    let files = resources();
    let kinds = [
        "Questionnaire-",
        "QuestionnaireResponse-",
        "Observation-",
        "Condition-",
        "CarePlan-",
        "Patient",
        "Bundle-",
        "OperationOutcome-",
        "CapabilityStatement",
    ];
    for kind in kinds {
        assert!(
            files.iter().any(|(n, _)| n.starts_with(kind)),
            "no {kind} sample"
        );
    }
    let dir = scratch("fhir-resources");
    write_all(&dir, &files);
    let Some((ok, report)) = validate(&dir) else {
        return;
    };
    assert!(ok, "the validator rejected generated resources:\n{report}");
    let valid = report.lines().filter(|l| l.starts_with("ok ")).count();
    assert_eq!(valid, files.len(), "{report}");
}

#[test]
fn the_validator_rejects_invalid_resources() {
    // The check above can only fail if the validator does: one error each validator must see.
    let bad = [
        (
            "schema.json",
            r#"{"resourceType":"QuestionnaireResponse","status":"bogus"}"#,
        ),
        (
            "medplum.json",
            r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"a","answer":[{"valueInteger":1,"valueString":"x"}]}]}"#,
        ),
    ];
    for (name, text) in bad {
        let dir = scratch(&format!("fhir-invalid-{name}"));
        write_all(&dir, &[(name.to_owned(), text.to_owned())]);
        let Some((ok, report)) = validate(&dir) else {
            return;
        };
        assert!(!ok, "{name} passed:\n{report}");
        assert!(report.contains("invalid"), "{report}");
    }
}

#[test]
fn questionnaires_read_back_as_written() {
    for q in questionnaires::all() {
        let text = serde_json::to_string(&q).unwrap();
        let back: Questionnaire = serde_json::from_str(&text).unwrap();
        assert_eq!(back, q);
        let resource: Resource = serde_json::from_str(&text).unwrap();
        assert!(matches!(resource, Resource::Questionnaire(_)));
    }
}

#[test]
fn a_bundle_reads_back_without_loss() {
    let files = resources();
    let (_, bundle) = files
        .iter()
        .find(|(n, _)| n == "Bundle-record.json")
        .unwrap();
    let parsed: Resource = serde_json::from_str(bundle).unwrap();
    assert_eq!(&serde_json::to_string_pretty(&parsed).unwrap(), bundle);
}

#[test]
fn a_response_scores_the_same_as_the_engine() {
    for text in [&SCIATICA_ES, &LIFTING, &CAUDA_EQUINA] {
        let intake = intake(text);
        let direct = backcare_core::assess(&intake);
        for form in [Form::StartBack, Form::Odi, Form::Rmdq, Form::Nrs] {
            let qr = response_from_intake(&intake, form, None);
            let (_, scores) = mapping::score_response(&qr).unwrap();
            let want = &direct.scores;
            match form {
                Form::StartBack => assert_eq!(scores.start_back, want.start_back),
                // One answer per section: a section with two statements ticked comes back
                // as the higher one, which is the one scored (Fairbank's rule).
                Form::Odi => {
                    let (got, want) = (scores.odi_result().unwrap(), want.odi_result().unwrap());
                    assert_eq!(
                        (got.percent, got.answered, got.band),
                        (want.percent, want.answered, want.band)
                    );
                }
                Form::Rmdq => assert_eq!(scores.rmdq, want.rmdq),
                _ => assert_eq!(scores.nrs, want.nrs),
            }
        }
        let ctx = Context::new(
            Id::new("p").unwrap(),
            &Id::new("a").unwrap(),
            intake.language,
        )
        .unwrap();
        let resources = mapping::assessment_resources(&ctx, &IssuedResult::from(&direct));
        // Triage always comes first.
        assert!(
            matches!(&resources[0], Resource::Observation(o) if o.id.as_ref().unwrap().as_str() == "a-triage")
        );
    }
}

/// A small deterministic generator (xorshift), so the cases are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Intakes covering the scoring edges: every complete STarT Back answer set, some with an
/// item missing, ODI with 0, 1, 2 or more sections missing, RMDQ from none to all ticked.
fn scoring_cases() -> Vec<Intake> {
    use backcare_core::instruments::{
        Bothersome, OdiAnswers, OdiItem, OdiSection, RmdqAnswers, RmdqItem, StartBackAnswers,
    };
    let mut out = Vec::new();
    for bits in 0u16..256 {
        for (i, nine) in Bothersome::ALL.into_iter().enumerate() {
            let b = |k: u16| Some(bits & (1 << k) != 0);
            let mut a = StartBackAnswers {
                leg_pain: b(0),
                shoulder_or_neck_pain: b(1),
                walking_limited: b(2),
                dressing_slower: b(3),
                unsafe_to_be_active: b(4),
                worrying_thoughts: b(5),
                never_get_better: b(6),
                not_enjoying_things: b(7),
                bothersomeness: Some(nine),
            };
            // Now and then one item is left out: no score.
            if (bits as usize + i).is_multiple_of(37) {
                a.worrying_thoughts = None;
            }
            out.push(Intake {
                start_back: Some(a),
                ..Intake::default()
            });
        }
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..400 {
        let missing = [0, 0, 1, 1, 2, 3][n % 6];
        let mut s: Vec<Option<OdiSection>> = (0..10)
            .map(|_| Some(OdiSection::One(OdiItem::new(rng.below(6) as i64).unwrap())))
            .collect();
        for _ in 0..missing {
            s[rng.below(10) as usize] = None;
        }
        let odi = OdiAnswers {
            pain_intensity: s[0],
            personal_care: s[1],
            lifting: s[2],
            walking: s[3],
            sitting: s[4],
            standing: s[5],
            sleeping: s[6],
            sex_life: s[7],
            social_life: s[8],
            travelling: s[9],
        };
        let ticked = (0..rng.below(30))
            .map(|_| RmdqItem::new(1 + rng.below(24) as i64).unwrap())
            .collect();
        out.push(Intake {
            odi: Some(odi),
            rmdq: Some(RmdqAnswers { ticked }),
            ..Intake::default()
        });
    }
    out
}

/// Every generated Questionnaire as (file name, JSON), for the node tools.
fn questionnaire_files() -> Vec<(String, String)> {
    questionnaires::all()
        .iter()
        .map(|q| {
            (
                format!("Questionnaire-{}.json", q.id),
                serde_json::to_string(q).unwrap(),
            )
        })
        .collect()
}

#[test]
fn fhirpath_scores_equal_the_engine() {
    use backcare_fhir::mapping::score_value;
    use backcare_fhir::questionnaires::ScoreItem;
    let Some(calculate) = calculate_tool() else {
        return;
    };
    let mut files = questionnaire_files();
    let mut want = std::collections::BTreeMap::new();
    for (n, intake) in scoring_cases().iter().enumerate() {
        let scores = backcare_core::instruments::scores(intake);
        for form in [Form::StartBack, Form::Odi, Form::Rmdq] {
            let instrument = form.instrument().unwrap();
            let mut qr = response_from_intake(intake, form, None);
            // The engine's scores are left out: fhirpath.js works them out from the answers.
            qr.item
                .retain(|i| ScoreItem::ALL.iter().all(|s| s.link_id() != i.link_id));
            let name = format!("QuestionnaireResponse-{n:04}-{}.json", form.slug());
            for score in ScoreItem::ALL
                .into_iter()
                .filter(|s| s.instrument() == instrument)
            {
                let value = if qr.item.is_empty() && form != Form::Rmdq {
                    None
                } else {
                    score_value(&scores, score)
                };
                want.insert((name.clone(), score.link_id().to_owned()), value);
            }
            if !qr.item.is_empty() {
                files.push((name, serde_json::to_string(&qr).unwrap()));
            } else {
                want.retain(|(file, _), _| *file != name);
            }
        }
    }
    let dir = scratch("fhir-fhirpath");
    write_all(&dir, &files);
    let got = calculated(&calculate, &dir);
    assert!(want.len() > 3000, "{}", want.len());
    assert!(want.values().any(Option::is_none) && want.values().any(Option::is_some));
    for (key, value) in &want {
        assert_eq!(got.get(key), Some(value), "{key:?}");
    }
    assert_eq!(got.len(), want.len());
}

/// `tools/fhir/calculate` (fhirpath.js), or `None` when skipping on purpose.
fn calculate_tool() -> Option<String> {
    let Ok(calculate) = std::env::var("BACKCARE_FHIR_CALCULATE") else {
        if std::env::var("BACKCARE_SKIP_FHIR_VALIDATION").as_deref() == Ok("1") {
            eprintln!("BACKCARE_SKIP_FHIR_VALIDATION=1: not evaluating the FHIRPath scores");
            return None;
        }
        panic!(
            "BACKCARE_FHIR_CALCULATE is not set: run `eval \"$(scripts/fhir)\"` first (scripts/test does), \
             or set BACKCARE_SKIP_FHIR_VALIDATION=1 to skip on purpose"
        );
    };
    Some(calculate)
}

/// Runs fhirpath.js over the Questionnaires and responses in `dir`: each calculated value
/// by (response, linkId), `None` where the expression gave nothing.
fn calculated(
    calculate: &str,
    dir: &Path,
) -> std::collections::BTreeMap<(String, String), Option<i64>> {
    let out = Command::new(calculate).arg(dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got = std::collections::BTreeMap::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let value = match v["value"].as_array().unwrap().as_slice() {
            [] => None,
            [n] => Some(n.as_i64().unwrap()),
            many => panic!("{line}: {many:?}"),
        };
        let key = (
            v["response"].as_str().unwrap().to_owned(),
            v["linkId"].as_str().unwrap().to_owned(),
        );
        assert!(got.insert(key, value).is_none(), "twice: {line}");
    }
    got
}

/// How many synthetic responses fhirpath.js scores, as the issue asks: responses to the
/// instruments, whose Questionnaires have calculatedExpressions (the intake and pain
/// ratings have none, so synth's responses to those are left out).
const SYNTHETIC: usize = 10_000;

#[test]
fn fhirpath_scores_equal_backcare_on_synthetic_responses() {
    use backcare_fhir::mapping::score_value;
    use backcare_fhir::questionnaires::ScoreItem;
    let Some(calculate) = calculate_tool() else {
        return;
    };
    let mut files = questionnaire_files();
    let mut lines = String::new();
    let mut want = std::collections::BTreeMap::new();
    let mut forms = std::collections::BTreeMap::new();
    let scored = backcare_fhir::synth::responses(2026, 0..u64::MAX)
        .filter(|qr| {
            let (form, _) = Form::from_url(qr.questionnaire.as_deref().unwrap()).unwrap();
            form.instrument().is_some()
        })
        .take(SYNTHETIC);
    for (n, mut qr) in scored.enumerate() {
        let name = format!("synthetic.ndjson:{}", n + 1);
        // backcare's scores: the response read and scored as the server and `bulk` do.
        let (_, scores) = mapping::score_response(&qr).unwrap();
        let (form, lang) = Form::from_url(qr.questionnaire.as_deref().unwrap()).unwrap();
        *forms.entry((form.slug(), lang.code())).or_insert(0) += 1;
        let instrument = form.instrument().unwrap();
        for score in ScoreItem::ALL {
            if score.instrument() != instrument {
                continue;
            }
            let value = score_value(&scores, score);
            // The score items synth wrote carry the same numbers.
            let written = qr.item.iter().find(|i| i.link_id == score.link_id());
            let written = written.and_then(|i| i.answer.first()).map(|a| {
                serde_json::to_value(a).unwrap()["valueInteger"]
                    .as_i64()
                    .unwrap()
            });
            assert_eq!(written, value, "{name} {}", score.link_id());
            want.insert((name.clone(), score.link_id().to_owned()), value);
        }
        // fhirpath.js works the scores out from the answers alone.
        qr.item
            .retain(|i| ScoreItem::ALL.iter().all(|s| s.link_id() != i.link_id));
        lines.push_str(&serde_json::to_string(&qr).unwrap());
        lines.push('\n');
    }
    files.push(("synthetic.ndjson".to_owned(), lines));
    let dir = scratch("fhir-fhirpath-synthetic");
    write_all(&dir, &files);
    let got = calculated(&calculate, &dir);
    // Every instrument in both languages is there, and scores both present and absent.
    assert_eq!(forms.len(), 3 * 2, "{forms:?}");
    assert!(want.values().filter(|v| v.is_none()).count() > 10);
    assert!(want.values().filter(|v| v.is_some()).count() > SYNTHETIC);
    let differ: Vec<_> = want
        .iter()
        .filter(|(key, value)| got.get(*key) != Some(value))
        .map(|(key, value)| {
            format!(
                "{key:?}: backcare {value:?}, fhirpath.js {:?}",
                got.get(key)
            )
        })
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        want.len(),
        differ[..differ.len().min(20)].join("\n")
    );
    assert_eq!(got.len(), want.len());
}
