//! `backcare bulk synth` and `backcare bulk score`: determinism, scores equal to the engine,
//! bad lines, order, gzip.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use backcare_core::triage;
use backcare_fhir::mapping::{score_response, score_value};
use backcare_fhir::questionnaires::{Form, ScoreItem};
use backcare_fhir::synth;
use backcare_fhir::types::QuestionnaireResponse;
use flate2::read::MultiGzDecoder;
use serde_json::Value;

use super::backcare;
use crate::serve::scratch_dir;

fn run(args: &[&str]) -> (String, String) {
    let out = backcare(args, "");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{args:?}\n{stdout}\n{stderr}");
    (stdout, stderr)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn gunzip(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    MultiGzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn summary(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn synth_gives_the_same_bytes_whatever_the_jobs() {
    let tmp = scratch_dir("synth");
    let dir = tmp.path();
    let (a, b, c) = (
        dir.join("a.ndjson"),
        dir.join("b.ndjson"),
        dir.join("c.ndjson"),
    );
    run(&[
        "bulk",
        "synth",
        "-n",
        "2500",
        "--seed",
        "5",
        "-o",
        s(&a),
        "--jobs",
        "1",
    ]);
    run(&[
        "bulk",
        "synth",
        "-n",
        "2500",
        "--seed",
        "5",
        "-o",
        s(&b),
        "--jobs",
        "4",
    ]);
    run(&[
        "bulk",
        "synth",
        "-n",
        "2500",
        "--seed",
        "6",
        "-o",
        s(&c),
        "--jobs",
        "4",
    ]);
    let (a, b, c) = (
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        std::fs::read(&c).unwrap(),
    );
    assert_eq!(a, b, "the same seed gives the same bytes");
    assert_ne!(a, c, "another seed gives other responses");
    let text = String::from_utf8(a.clone()).unwrap();
    assert_eq!(text.lines().count(), 2500);
    // Line i is response i of the seed, so any slice can be regenerated on its own.
    for (i, line) in text.lines().enumerate().step_by(97) {
        let qr: QuestionnaireResponse = serde_json::from_str(line).unwrap();
        assert_eq!(qr, synth::response(5, i as u64));
    }
    // Gzip output is the same whatever the jobs and holds the same lines.
    let (ga, gb) = (dir.join("a.ndjson.gz"), dir.join("b.ndjson.gz"));
    run(&[
        "bulk",
        "synth",
        "-n",
        "2500",
        "--seed",
        "5",
        "-o",
        s(&ga),
        "--jobs",
        "1",
    ]);
    run(&[
        "bulk",
        "synth",
        "-n",
        "2500",
        "--seed",
        "5",
        "-o",
        s(&gb),
        "--jobs",
        "3",
    ]);
    assert_eq!(std::fs::read(&ga).unwrap(), std::fs::read(&gb).unwrap());
    assert_eq!(gunzip(&ga), a);
    assert!(std::fs::metadata(&ga).unwrap().len() * 5 < a.len() as u64);
}

/// The engine's own results for the responses in `input`, by response id.
struct Expected {
    order: Vec<String>,
    by_id: HashMap<String, QuestionnaireResponse>,
    risk: HashMap<&'static str, u64>,
    triage: HashMap<&'static str, u64>,
}

fn expected(input: &str) -> Expected {
    let mut e = Expected {
        order: Vec::new(),
        by_id: HashMap::new(),
        risk: HashMap::new(),
        triage: HashMap::new(),
    };
    for line in input.lines() {
        let qr: QuestionnaireResponse = serde_json::from_str(line).unwrap();
        let (intake, scores) = score_response(&qr).unwrap();
        if let Some(group) = scores.risk_group() {
            *e.risk.entry(group.id()).or_default() += 1;
        }
        let (form, _) = Form::from_url(qr.questionnaire.as_deref().unwrap()).unwrap();
        if form == Form::Intake {
            *e.triage
                .entry(triage::triage(&intake).level.id())
                .or_default() += 1;
        }
        let id = qr.id.as_ref().unwrap().to_string();
        e.order.push(id.clone());
        e.by_id.insert(id, qr);
    }
    e
}

/// Checks every Observation in `output` against the engine and returns the response ids
/// they derive from, in output order (each once).
fn check_output(output: &str, e: &Expected) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for line in output.lines() {
        let o: Value = serde_json::from_str(line).unwrap();
        assert_eq!(o["resourceType"], "Observation");
        let from = o["derivedFrom"][0]["reference"].as_str().unwrap();
        let qr_id = from.strip_prefix("QuestionnaireResponse/").unwrap();
        if seen.last().map(String::as_str) != Some(qr_id) {
            seen.push(qr_id.to_owned());
        }
        let qr = &e.by_id[qr_id];
        assert_eq!(o["subject"], serde_json::to_value(&qr.subject).unwrap());
        let (intake, scores) = score_response(qr).unwrap();
        let what = o["id"]
            .as_str()
            .unwrap()
            .strip_prefix(&format!("{qr_id}-"))
            .unwrap();
        let int = |item| Value::from(score_value(&scores, item).unwrap());
        match what {
            "sb-total" => assert_eq!(o["valueInteger"], int(ScoreItem::StartBackTotal)),
            "sb-distress" => assert_eq!(o["valueInteger"], int(ScoreItem::StartBackDistress)),
            "rmdq" => assert_eq!(o["valueInteger"], int(ScoreItem::RmdqTotal)),
            "odi" => assert_eq!(o["valueQuantity"]["value"], int(ScoreItem::OdiPercent)),
            "nrs-now" => assert_eq!(
                o["valueInteger"],
                Value::from(intake.pain.now.unwrap().get())
            ),
            "triage" => assert_eq!(
                o["valueCodeableConcept"]["coding"][0]["code"],
                format!("triage-{}", triage::triage(&intake).level.id())
            ),
            _ => {}
        }
    }
    seen
}

#[test]
fn scores_equal_the_engine_in_input_order() {
    let tmp = scratch_dir("score");
    let dir = tmp.path();
    let synth_path = dir.join("synth.ndjson");
    run(&[
        "bulk",
        "synth",
        "-n",
        "5000",
        "--seed",
        "11",
        "-o",
        s(&synth_path),
    ]);
    // Reversed, so the output order cannot follow the ids by accident; three batches.
    let text = std::fs::read_to_string(&synth_path).unwrap();
    let reversed: String = text.lines().rev().map(|l| format!("{l}\n")).collect();
    let input = dir.join("in.ndjson");
    std::fs::write(&input, &reversed).unwrap();
    let e = expected(&reversed);

    let (out1, out4) = (dir.join("out1.ndjson"), dir.join("out4.ndjson"));
    let sum = dir.join("summary.json");
    run(&["bulk", "score", s(&input), "-o", s(&out1), "--jobs", "1"]);
    let (stdout, _) = run(&[
        "bulk",
        "score",
        s(&input),
        "-o",
        s(&out4),
        "--jobs",
        "4",
        "--summary-json",
        s(&sum),
    ]);
    let output = std::fs::read_to_string(&out4).unwrap();
    assert_eq!(output, std::fs::read_to_string(&out1).unwrap());
    let order = check_output(&output, &e);
    let scored_order: Vec<String> = e
        .order
        .iter()
        .filter(|id| order.contains(id))
        .cloned()
        .collect();
    assert_eq!(order, scored_order, "output in input order");
    assert!(order.len() > 4800, "{}", order.len());

    let summary = summary(&sum);
    assert_eq!(summary["read"], 5000);
    assert_eq!(summary["skipped"], 0);
    assert_eq!(
        summary["scored"].as_u64().unwrap() + summary["incomplete"].as_u64().unwrap(),
        5000
    );
    assert_eq!(summary["observations"], output.lines().count());
    for group in ["low", "medium", "high"] {
        let n = e.risk.get(group).copied().unwrap_or(0);
        assert!(n > 0, "{group}");
        assert_eq!(summary["riskGroups"][group], n, "{group}");
        assert!(stdout.contains(&format!("{group:<10} {n}\n")), "{stdout}");
    }
    for level in ["self_care", "soon", "urgent", "emergency"] {
        let n = e.triage.get(level).copied().unwrap_or(0);
        assert!(n > 0, "{level}");
        assert_eq!(summary["triageLevels"][level], n, "{level}");
    }
    assert!(
        stdout.contains("Read 5000 responses from 1 file(s)"),
        "{stdout}"
    );
}

#[test]
fn bad_lines_are_reported_by_line_and_the_rest_is_scored() {
    let tmp = scratch_dir("bad");
    let dir = tmp.path();
    let good: Vec<String> = (0..6)
        .map(|i| serde_json::to_string(&synth::response(2, i)).unwrap())
        .collect();
    let mut wrong_questionnaire = synth::response(2, 100);
    wrong_questionnaire.questionnaire = Some("http://example.org/Questionnaire/phq-9".into());
    let lines = [
        good[0].clone(),
        "this is not json".to_owned(),
        String::new(),
        r#"{"resourceType":"Patient","id":"p1"}"#.to_owned(),
        good[1].clone(),
        serde_json::to_string(&wrong_questionnaire).unwrap(),
        good[2][..good[2].len() / 2].to_owned(),
        good[3].clone(),
    ];
    let bad = dir.join("bad.ndjson");
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();

    // A gzip file (named without .gz: detected by content) of two members, the second cut
    // short: the first member's lines are scored, the cut is reported at the next line.
    let first: String = good[3..6].iter().map(|l| format!("{l}\n")).collect();
    let second = gzip(good[0].as_bytes());
    let mut cut = gzip(first.as_bytes());
    cut.extend_from_slice(&second[..second.len() / 2]);
    let truncated = dir.join("export-part2");
    std::fs::write(&truncated, &cut).unwrap();

    let out = dir.join("out.ndjson");
    let sum = dir.join("summary.json");
    let (stdout, _) = run(&[
        "bulk",
        "score",
        s(&bad),
        s(&truncated),
        "-o",
        s(&out),
        "--summary-json",
        s(&sum),
        "--quiet",
    ]);
    let b = s(&bad);
    let t = s(&truncated);
    for expected in [
        format!("{b}:2: not valid JSON"),
        format!("{b}:3: blank line"),
        format!("{b}:4: not a QuestionnaireResponse: resourceType is \"Patient\""),
        format!("{b}:6: unknown questionnaire \"http://example.org/Questionnaire/phq-9\""),
        format!("{b}:7: not valid JSON"),
        format!("{t}:4: the gzip data ends too early (truncated)"),
    ] {
        assert!(stdout.contains(&expected), "{expected}\n{stdout}");
    }
    let summary = summary(&sum);
    assert_eq!(summary["read"], 12, "8 lines, 3 lines and the cut one");
    assert_eq!(summary["skipped"], 6);
    assert_eq!(summary["errorCount"], 6);
    let lines: Vec<u64> = summary["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4, 6, 7, 4]);
    // The good lines are all scored, in order: 0, 1, 3 from the first file, 3, 4, 5 from
    // the second.
    let e = expected(&(good.join("\n") + "\n"));
    let order = check_output(&std::fs::read_to_string(&out).unwrap(), &e);
    let want: Vec<String> = [0, 1, 3, 3, 4, 5]
        .iter()
        .map(|i| format!("qr-{i}"))
        // A response with too many items unanswered gives no Observation.
        .filter(|id| {
            !backcare_fhir::bulk::score(&e.by_id[id])
                .unwrap()
                .is_incomplete()
        })
        .collect();
    let mut dedup = want.clone();
    dedup.dedup();
    assert_eq!(order, dedup);
}

#[test]
fn gzip_in_and_out() {
    let tmp = scratch_dir("gzip");
    let dir = tmp.path();
    let plain = dir.join("in.ndjson");
    let gz = dir.join("in.ndjson.gz");
    run(&[
        "bulk",
        "synth",
        "-n",
        "3000",
        "--seed",
        "8",
        "-o",
        s(&plain),
    ]);
    run(&["bulk", "synth", "-n", "3000", "--seed", "8", "-o", s(&gz)]);
    let (out_plain, out_gz) = (dir.join("out.ndjson"), dir.join("out.ndjson.gz"));
    run(&["bulk", "score", s(&plain), "-o", s(&out_plain)]);
    run(&["bulk", "score", s(&gz), "-o", s(&out_gz), "--jobs", "3"]);
    let plain_bytes = std::fs::read(&out_plain).unwrap();
    assert!(!plain_bytes.is_empty());
    assert_eq!(gunzip(&out_gz), plain_bytes);
    assert_eq!(&std::fs::read(&out_gz).unwrap()[..2], [0x1f, 0x8b]);
}

#[test]
fn unreadable_files_and_bad_arguments_exit_2() {
    let tmp = scratch_dir("args");
    let dir = tmp.path();
    let out = dir.join("out.ndjson");
    let missing = dir.join("missing.ndjson");
    let o = backcare(&["bulk", "score", s(&missing), "-o", s(&out)], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("could not read") && err.contains("missing.ndjson"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
    let o = backcare(&["bulk", "score", "-o", s(&out)], "");
    assert_eq!(o.status.code(), Some(2));
    let o = backcare(&["bulk", "synth", "--count", "many", "-o", s(&out)], "");
    assert_eq!(o.status.code(), Some(2));
}
