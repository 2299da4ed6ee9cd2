//! Every backcare Questionnaire (intake, STarT Back, ODI, RMDQ and pain ratings, in English
//! and in Spanish) rendered by LHC-Forms, the NLM's FHIR form renderer, in chromium; filled
//! in through the rendered form (clicking and typing, as a person would); and the
//! QuestionnaireResponse LHC-Forms makes of it read by `backcare_fhir`, mapped to the
//! engine's answers and scored the same as the engine scores those answers.
//!
//! LHC-Forms comes from `scripts/fhir` (npm `lforms`, pinned by checksum, unpacked into
//! `tools/fhir/lforms`), which sets `BACKCARE_FHIR_LFORMS`. Without it the test fails,
//! unless `BACKCARE_SKIP_FHIR_VALIDATION=1` (or `BACKCARE_SKIP_BROWSER=1`) says to skip.
//! The responses must also pass the R4 validators of `tools/fhir/validate`. A screenshot
//! and the response of each filled form go to `target/screenshots/lforms/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use backcare_core::intake::Intake;
use backcare_core::lang::Lang;
use backcare_fhir::mapping::{self, intake_from_response, response_from_intake, score_value};
use backcare_fhir::questionnaires::{self, Form, ScoreItem};
use backcare_fhir::types::QuestionnaireResponse;
use fantoccini::Locator;
use serde_json::Value;

use super::Browser;

browser_tests!(lforms);

/// The answers typed in: an example intake with the instruments and pain ratings answered
/// too, so that every form has something to fill in.
fn answers(lang: Lang) -> Intake {
    let lifting = crate::example_text("self-care-lifting-strain.json");
    let mut intake: Intake = serde_json::from_str(&lifting).unwrap();
    let extra: Intake = serde_json::from_str(
        r#"{"start_back":{"leg_pain":true,"shoulder_or_neck_pain":false,"walking_limited":true,"dressing_slower":true,"unsafe_to_be_active":true,"worrying_thoughts":true,"never_get_better":false,"not_enjoying_things":true,"bothersomeness":"very_much"},
            "odi":{"pain_intensity":3,"personal_care":1,"lifting":4,"walking":2,"sitting":2,"standing":5,"sleeping":1,"social_life":2,"travelling":0},
            "rmdq":{"ticked":[2,5,11,17,24]},"pain":{"now":6,"average":5,"worst":8}}"#,
    )
    .unwrap();
    intake.start_back = extra.start_back;
    intake.odi = extra.odi;
    intake.rmdq = extra.rmdq;
    intake.pain = extra.pain;
    intake.language = lang;
    // The example also answers follow-up questions that do not apply to this patient
    // (pregnancy, for a man): the form hides them, so a person could not answer them.
    backcare_core::questions::clear_unasked(&mut intake);
    intake
}

/// The unpacked `lforms` package, or `None` when skipping on purpose.
fn lforms_dir() -> Option<PathBuf> {
    let Ok(dir) = std::env::var("BACKCARE_FHIR_LFORMS") else {
        if std::env::var("BACKCARE_SKIP_FHIR_VALIDATION").as_deref() == Ok("1") {
            eprintln!("BACKCARE_SKIP_FHIR_VALIDATION=1: LHC-Forms test skipped");
            return None;
        }
        panic!(
            "BACKCARE_FHIR_LFORMS is not set: run `eval \"$(scripts/fhir)\"` first (scripts/test does), \
             or set BACKCARE_SKIP_FHIR_VALIDATION=1 to skip on purpose"
        );
    };
    Some(PathBuf::from(dir))
}

/// A page loading LHC-Forms' built web component from `lforms`, written into `dir`. The
/// scripts go at the end of `<body>`: LHC-Forms fails to start from `<head>`.
fn write_page(lforms: &Path, dir: &Path) -> String {
    let dist = lforms.join("dist/lforms");
    for file in [
        "webcomponent/styles.css",
        "webcomponent/assets/lib/zone.min.js",
        "webcomponent/lhc-forms.js",
        "fhir/R4/lformsFHIR.min.js",
    ] {
        assert!(
            dist.join(file).is_file(),
            "{} is missing: run scripts/fhir",
            dist.join(file).display()
        );
    }
    let d = dist.display();
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>backcare in LHC-Forms</title>
<link rel="stylesheet" href="file://{d}/webcomponent/styles.css"></head>
<body><div id="formContainer"></div>
<script src="file://{d}/webcomponent/assets/lib/zone.min.js"></script>
<script src="file://{d}/webcomponent/lhc-forms.js"></script>
<script src="file://{d}/fhir/R4/lformsFHIR.min.js"></script>
</body></html>
"#
    );
    std::fs::create_dir_all(dir).unwrap();
    let page = dir.join("lforms.html");
    std::fs::write(&page, html).unwrap();
    format!("file://{}", page.display())
}

/// The display text of every answer option, by `(linkId, code)`: what a person picks.
fn displays(items: &Value, out: &mut BTreeMap<(String, String), String>) {
    for item in items.as_array().into_iter().flatten() {
        let link_id = item["linkId"].as_str().unwrap();
        for option in item["answerOption"].as_array().into_iter().flatten() {
            let coding = &option["valueCoding"];
            out.insert(
                (
                    link_id.to_owned(),
                    coding["code"].as_str().unwrap().to_owned(),
                ),
                coding["display"].as_str().unwrap().to_owned(),
            );
        }
        displays(&item["item"], out);
    }
}

/// What to type into each field, in the order of the form: `(element id, text)`. LHC-Forms
/// names an item's field `linkId/1` at the top level and `linkId/1/1` inside a group.
fn keystrokes(
    items: &Value,
    depth: usize,
    options: &BTreeMap<(String, String), String>,
    out: &mut Vec<(String, String)>,
) {
    for item in items.as_array().into_iter().flatten() {
        let link_id = item["linkId"].as_str().unwrap();
        // The scores are calculated by LHC-Forms itself, from the answers.
        if ScoreItem::ALL.iter().any(|s| s.link_id() == link_id) {
            continue;
        }
        let id = format!("{link_id}{}", "/1".repeat(depth + 1));
        for answer in item["answer"].as_array().into_iter().flatten() {
            let text = if let Some(n) = answer["valueInteger"].as_i64() {
                n.to_string()
            } else {
                let code = answer["valueCoding"]["code"].as_str().unwrap();
                options
                    .get(&(link_id.to_owned(), code.to_owned()))
                    .unwrap_or_else(|| panic!("{link_id} has no option {code}"))
                    .clone()
            };
            out.push((id.clone(), text));
        }
        keystrokes(&item["item"], depth + 1, options, out);
    }
}

/// Whether the form on the page holds an answer to the item `link_id`, as LHC-Forms would
/// send it.
async fn answered(b: &Browser, link_id: &str) -> bool {
    b.client
        .execute(
            "const has = (items) => (items || []).some((i) =>
               (i.linkId === arguments[0] && (i.answer || []).length > 0)
               || has(i.item) || (i.answer || []).some((a) => has(a.item)));
             return has(LForms.Util.getFormFHIRData(
               'QuestionnaireResponse', 'R4', document.getElementById('formContainer')).item);",
            vec![Value::from(link_id)],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap_or(false)
}

/// The value LHC-Forms calculated for the score item `link_id`, if it wrote one.
fn calculated(qr: &QuestionnaireResponse, link_id: &str) -> Option<i64> {
    let item = qr.item.iter().find(|i| i.link_id == link_id)?;
    let value = serde_json::to_value(item.answer.first()?).unwrap();
    value["valueInteger"].as_i64()
}

async fn lforms(b: &mut Browser) {
    let Some(lforms) = lforms_dir() else {
        return;
    };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lforms-page");
    let page = write_page(&lforms, &work);
    let responses = work.join("responses");
    let _ = std::fs::remove_dir_all(&responses);
    std::fs::create_dir_all(&responses).unwrap();
    let mut checked = 0;
    for lang in [Lang::En, Lang::Es] {
        let intake = answers(lang);
        for form in Form::ALL {
            let name = format!("{}-{}", form.slug(), lang.code());
            let questionnaire =
                serde_json::to_value(questionnaires::questionnaire(form, lang)).unwrap();
            let wanted = response_from_intake(&intake, form, None);
            let wanted_json: Value =
                serde_json::from_str(&serde_json::to_string(&wanted).unwrap()).unwrap();

            b.client.goto(&page).await.unwrap();
            let rendered = b
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     LForms.Util.addFormToPage(arguments[0], 'formContainer', {fhirVersion: 'R4'})
                       .then(() => done('ok'), (e) => done('failed: ' + e));",
                    vec![questionnaire.clone()],
                )
                .await
                .unwrap();
            assert_eq!(rendered, "ok", "LHC-Forms could not render {name}");

            let mut options = BTreeMap::new();
            displays(&questionnaire["item"], &mut options);
            let mut typing = Vec::new();
            keystrokes(&wanted_json["item"], 0, &options, &mut typing);
            assert!(!typing.is_empty(), "nothing to fill in on {name}");
            for (id, text) in &typing {
                let field = b
                    .wait_for(
                        Locator::Css(&format!("[id=\"{id}\"]")),
                        &format!("the field {id} of {name}"),
                    )
                    .await;
                // Typing into a field moves the focus there, as a click would; a click
                // can land on the open list of the field before instead. Then type the
                // answer as shown and leave the field (Tab): LHC-Forms' lists pick the
                // option whose text was typed.
                field.send_keys(&format!("{text}\u{e004}")).await.unwrap();
                // On a busy machine a fresh list field now and then drops some of the keys
                // typed into it (its value stays empty, or short of the answer), or leaves
                // the text typed without the list picking it. Type again only then: the
                // field shows exactly the answer's text and the form holds an answer for
                // it once the list has taken it, and a wrong answer that did land still
                // fails the comparison below.
                let link_id = id.split('/').next().unwrap_or(id);
                for _ in 0..3 {
                    let value = field.prop("value").await.unwrap().unwrap_or_default();
                    if value == *text && answered(b, link_id).await {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    field.clear().await.unwrap();
                    field.send_keys(&format!("{text}\u{e004}")).await.unwrap();
                }
            }
            let png = b.client.screenshot().await.unwrap();
            std::fs::write(b.shots.join(format!("{name}.png")), png).unwrap();

            let text = b
                .client
                .execute(
                    "return JSON.stringify(LForms.Util.getFormFHIRData(
                       'QuestionnaireResponse', 'R4', document.getElementById('formContainer')));",
                    vec![],
                )
                .await
                .unwrap();
            let text = text.as_str().expect("a QuestionnaireResponse as JSON text");
            std::fs::write(b.shots.join(format!("{name}.json")), text).unwrap();
            std::fs::write(
                responses.join(format!("QuestionnaireResponse-{name}.json")),
                text,
            )
            .unwrap();
            let response: QuestionnaireResponse = serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("backcare cannot read LHC-Forms' {name}: {e}\n{text}"));
            assert_eq!(
                response
                    .questionnaire
                    .as_deref()
                    .map(|u| u.split('|').next()),
                Some(Some(form.url(lang).as_str())),
                "{name}"
            );
            let (got, scores) = mapping::score_response(&response).unwrap_or_else(|e| {
                panic!("backcare does not accept LHC-Forms' {name}: {e}\n{text}")
            });
            // Every answer typed comes back as the same answer to the engine...
            let want = intake_from_response(&wanted).unwrap();
            assert_eq!(got, want, "{name}: the answers differ\n{text}");
            // ... and scores as the engine scores the answers directly.
            let engine = backcare_core::instruments::scores(&want);
            assert_eq!(scores, engine, "{name}");
            if let Some(instrument) = form.instrument() {
                for item in ScoreItem::ALL
                    .into_iter()
                    .filter(|s| s.instrument() == instrument)
                {
                    let score = score_value(&engine, item);
                    assert!(score.is_some(), "{name}: no {} to compare", item.link_id());
                    // LHC-Forms evaluated the calculatedExpression too: the same number.
                    assert_eq!(
                        calculated(&response, item.link_id()),
                        score,
                        "{name}: LHC-Forms calculated {}",
                        item.link_id()
                    );
                }
            } else {
                assert_eq!(
                    backcare_core::assess(&got),
                    backcare_core::assess(&want),
                    "{name}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * Form::ALL.len());
    // LHC-Forms' responses are valid R4 too, by the same validators as backcare's own.
    let validator = std::env::var("BACKCARE_FHIR_VALIDATOR")
        .expect("BACKCARE_FHIR_VALIDATOR is not set: run `eval \"$(scripts/fhir)\"` first");
    let out = std::process::Command::new(&validator)
        .arg(&responses)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {validator}: {e}"));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.lines().filter(|l| l.starts_with("ok ")).count() == checked,
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
