//! `/fhir` as a standard client and a population system use it, against a real
//! `backcare serve --demo` (issue 16): `backcare client add` registers a backend services
//! client with keys made by jose (npm); `tools/fhir/client-e2e` (fhir-kit-client, npm) gets
//! a token with a signed assertion, reads the CapabilityStatement, searches Patient, pages
//! through Observations with `next` links to the end, and runs a Bulk Data export of the
//! demo panel; everything it was answered with and every exported resource is validated
//! (R4 JSON schema and @medplum/core); `backcare bulk score` then scores the exported
//! responses, and its counts agree with what the export holds.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::backcare;
use crate::serve::{Server, scratch_dir};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A tool installed by `scripts/fhir`, or `None` when `BACKCARE_SKIP_FHIR_VALIDATION=1`
/// skips the npm tools on purpose (a test that skips itself silently cannot fail).
fn tool(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(path) => Some(path),
        Err(_) if std::env::var("BACKCARE_SKIP_FHIR_VALIDATION").as_deref() == Ok("1") => None,
        Err(_) => panic!("{var} is not set: run `eval \"$(scripts/fhir)\"` first"),
    }
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// How many Observations there are of each code.
fn codes<'a>(observations: impl Iterator<Item = &'a Value>) -> BTreeMap<String, usize> {
    let mut counted = BTreeMap::new();
    for o in observations {
        let code = o["code"]["coding"][0]["code"].as_str().unwrap().to_owned();
        *counted.entry(code).or_insert(0) += 1;
    }
    counted
}

#[test]
fn a_standard_client_reads_pages_and_exports_the_demo_panel_with_a_backend_token() {
    let (Some(jwt), Some(client_e2e), Some(validator)) = (
        tool("BACKCARE_FHIR_JWT"),
        tool("BACKCARE_FHIR_CLIENT"),
        tool("BACKCARE_FHIR_VALIDATOR"),
    ) else {
        return;
    };
    let tmp = scratch_dir("fhir-client");
    let dir = tmp.path();
    let data = dir.join("data");
    let data = data.to_str().unwrap();
    let server = Server::start(dir, &["--data-dir", data, "--demo"], "fhir-client");
    let keys = dir.join("keys");
    run(&jwt, &["keys", keys.to_str().unwrap()]);
    let with_db = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--data-dir", data]);
        backcare(&all, "")
    };

    // Registering: bad key sets and a patient's account are refused with the reason.
    let private = dir.join("private.jwks.json");
    let rs384 = &serde_json::from_str::<Value>(
        &std::fs::read_to_string(keys.join("private.json")).unwrap(),
    )
    .unwrap()["RS384"];
    std::fs::write(&private, serde_json::json!({ "keys": [rs384] }).to_string()).unwrap();
    let public = keys.join("jwks.json");
    for (args, needle) in [
        (
            vec![
                "--clinician",
                "demo-clinician@example.org",
                "--jwks",
                private.to_str().unwrap(),
            ],
            "private part",
        ),
        (
            vec![
                "--clinician",
                "demo-clinician@example.org",
                "--jwks",
                "/nonexistent.json",
            ],
            "cannot read the key set",
        ),
        (
            vec![
                "--clinician",
                "demo-patient@example.org",
                "--jwks",
                public.to_str().unwrap(),
            ],
            "a patient's account",
        ),
    ] {
        let mut all = vec!["client", "add"];
        all.extend(args);
        let out = with_db(&all);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(needle),
            "{needle}: {}",
            text(&out.stderr)
        );
    }
    let out = with_db(&[
        "client",
        "add",
        "--clinician",
        "demo-clinician@example.org",
        "--jwks",
        public.to_str().unwrap(),
        "--label",
        "regional registry",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let client_id = text(&out.stdout).trim().to_owned();
    assert_eq!(client_id.len(), 32, "{client_id:?}");
    let listed = text(
        &with_db(&[
            "client",
            "list",
            "--clinician",
            "demo-clinician@example.org",
        ])
        .stdout,
    );
    assert!(
        listed.contains(&client_id)
            && listed.contains("rs384,es384")
            && listed.contains("regional registry"),
        "{listed}"
    );
    // The EHR's token for the demo patient, and responses it sends.
    let out = with_db(&[
        "token",
        "add",
        "--email",
        "demo-patient@example.org",
        "--label",
        "EHR",
        "--days",
        "1",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let patient_token = text(&out.stdout).trim().to_owned();
    let responses = dir.join("responses.ndjson");
    let out = backcare(
        &[
            "bulk",
            "synth",
            "--count",
            "6",
            "--seed",
            "16",
            "-q",
            "-o",
            responses.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // The standard client, end to end.
    let exported = dir.join("export");
    std::fs::create_dir_all(&exported).unwrap();
    let base = format!("http://{}/fhir", server.addr);
    let summary: Value = serde_json::from_str(&run(
        &client_e2e,
        &[
            &base,
            &client_id,
            keys.to_str().unwrap(),
            exported.to_str().unwrap(),
            &patient_token,
            responses.to_str().unwrap(),
        ],
    ))
    .unwrap();
    assert_eq!(summary["created"], 6);
    assert_eq!(summary["scope"], "system/*.read");
    assert_eq!(summary["expiresIn"], 300);
    assert_eq!(summary["fhirVersion"], "4.0.1");
    assert_eq!(
        summary["patients"], 1,
        "the demo panel has the demo patient"
    );
    let total = summary["observationsTotal"].as_u64().unwrap();
    assert!(
        total > 5 && summary["pages"].as_u64().unwrap() == total.div_ceil(5),
        "{summary}"
    );
    assert_eq!(summary["observationsSeen"], total);
    assert_eq!(
        summary["observationsDistinct"], total,
        "each Observation once"
    );
    assert_eq!(summary["group"]["members"], 1);

    // The export, scored by `backcare bulk score`: the counts agree.
    let file = |kind: &str| {
        let f = summary["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["type"] == kind)
            .unwrap_or_else(|| panic!("no {kind} file in {summary}"));
        exported.join(f["file"].as_str().unwrap())
    };
    // Everything the client was answered with (kept by client-e2e: the patient's search,
    // the six created responses, the CapabilityStatement, the Patient search, each page and
    // the Group search) and every exported resource is valid R4, as every FHIR test checks.
    let (created, pages) = (summary["created"].as_u64(), summary["pages"].as_u64());
    assert_eq!(
        summary["received"].as_u64(),
        Some(1 + created.unwrap() + 3 + pages.unwrap()),
        "{summary}"
    );
    let received = exported.join("received");
    for f in summary["files"].as_array().unwrap() {
        let kind = f["type"].as_str().unwrap();
        for (n, resource) in lines(&exported.join(f["file"].as_str().unwrap()))
            .iter()
            .enumerate()
        {
            assert_eq!(resource["resourceType"], kind);
            let name = received.join(format!("export-{kind}-{n}.json"));
            std::fs::write(name, resource.to_string()).unwrap();
        }
    }
    run(&validator, &[received.to_str().unwrap()]);

    let responses = lines(&file("QuestionnaireResponse"));
    assert_eq!(responses.len(), 6, "every response sent is exported");
    let observations = lines(&file("Observation"));
    assert_eq!(
        observations.len() as u64,
        total,
        "the export holds what search finds"
    );
    let scored = dir.join("scored.ndjson");
    let scored_summary = dir.join("scored.json");
    let out = backcare(
        &[
            "bulk",
            "score",
            file("QuestionnaireResponse").to_str().unwrap(),
            "-o",
            scored.to_str().unwrap(),
            "--summary-json",
            scored_summary.to_str().unwrap(),
            "-q",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let scored_summary: Value =
        serde_json::from_str(&std::fs::read_to_string(&scored_summary).unwrap()).unwrap();
    assert_eq!(scored_summary["read"], 6);
    assert_eq!(
        scored_summary["scored"].as_u64().unwrap() + scored_summary["incomplete"].as_u64().unwrap(),
        6
    );
    assert_eq!(scored_summary["skipped"], 0);
    // The Observations the server worked out from those responses, as exported, are the
    // ones `bulk score` works out from the exported responses: the same codes, as many.
    let sent: Vec<String> = responses
        .iter()
        .map(|r| format!("QuestionnaireResponse/{}", r["id"].as_str().unwrap()))
        .collect();
    let from_responses = observations.iter().filter(|o| {
        o["derivedFrom"].as_array().is_some_and(|d| {
            d.iter()
                .any(|r| sent.iter().any(|s| r["reference"] == s.as_str()))
        })
    });
    let rescored = lines(&scored);
    assert_eq!(codes(from_responses), codes(rescored.iter()));
    assert_eq!(
        scored_summary["observations"].as_u64().unwrap(),
        rescored.len() as u64
    );

    // The token the client got is listed as its, read-only.
    let listed = text(&with_db(&["token", "list", "--email", "demo-clinician@example.org"]).stdout);
    assert!(
        listed.contains("panel (read-only, a backend client's)")
            && listed.contains("regional registry"),
        "{listed}"
    );

    // Removing the client (its tokens stop at once: the web test shows it); again, there
    // is none to remove.
    let out = with_db(&["client", "remove", "--id", &client_id]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = with_db(&["client", "remove", "--id", &client_id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no client"),
        "{}",
        text(&out.stderr)
    );
    drop(server);
}
