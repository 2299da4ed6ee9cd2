//! The FHIR API under `/fhir`: bearer tokens and their scopes, responses scored and kept
//! as sent, Observations, `$everything`, and errors as OperationOutcomes. Every answer is
//! also checked with the FHIR validators (`BACKCARE_FHIR_VALIDATOR`, from
//! `eval "$(scripts/fhir)"`), as in `crates/fhir/tests/fhir`.

use std::process::Command;
use std::sync::LazyLock;

use backcare_core::{Intake, assess};
use backcare_fhir::mapping::{intake_from_response, response_from_intake};
use backcare_fhir::questionnaires::Form;
use backcare_fhir::types::QuestionnaireResponse;
use backcare_storage::{Role, TokenScope, UserId};
use backcare_web::infra::site::PublicUrl;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use time::{Duration, OffsetDateTime};

use crate::client::Resp;
use crate::{PASSWORD, TestApp, log_in};

on_both_backends!(
    the_capability_statement_lists_what_the_route_table_serves,
    only_json_is_served_and_xml_gets_406,
    metadata_and_every_questionnaire_are_public,
    a_patient_token_posts_a_response_that_is_scored_and_kept_as_sent,
    panel_tokens_follow_the_patients_links,
    missing_unknown_expired_and_revoked_tokens_get_401,
    bad_input_gets_an_operation_outcome_naming_the_problem,
    everything_shows_each_result_as_issued_and_marks_outcomes,
    fhir_addresses_follow_the_public_url,
    a_tailored_plan_is_a_versioned_care_plan_and_schedules_are_service_requests,
    unknown_paths_and_methods_under_fhir_get_operation_outcomes,
    searches_page_with_count_and_next_links_to_the_end,
    patients_are_read_and_searched_and_practitioners_read,
    what_changed_since_is_found_with_since_and_last_updated,
    a_panel_is_exported_in_bulk_as_its_patients_records,
    bulk_exports_are_the_owners_and_can_be_cancelled_and_expire,
    backend_clients_trade_signed_assertions_for_short_read_only_tokens,
);

const FHIR: &str = "application/fhir+json";
static INTAKE: LazyLock<String> =
    LazyLock::new(|| crate::example_text("self-care-lifting-strain.json"));

/// One HTTP call with an optional bearer token and body (`(content type, text)`).
pub(crate) async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, &str)>,
) -> Resp {
    call_at(&app.base, method, path, token, body).await
}

/// [`call`] to the server at `base` (`http://127.0.0.1:PORT`).
async fn call_at(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, &str)>,
) -> Resp {
    call_with(base, method, path, token, body, &[]).await
}

/// [`call_at`] with these request headers too.
async fn call_with(
    base: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<(&str, &str)>,
    headers: &[(&str, &str)],
) -> Resp {
    let http = Hyper::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let mut req = hyper::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let mut text = String::new();
    if let Some((kind, b)) = body {
        req = req.header("content-type", kind);
        text = b.to_owned();
    }
    let resp = http
        .request(req.body(Full::new(Bytes::from(text))).unwrap())
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Resp {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

pub(crate) async fn get(app: &TestApp, path: &str, token: &str) -> Resp {
    call(app, "GET", path, Some(token), None).await
}

async fn post(app: &TestApp, path: &str, token: &str, body: &str) -> Resp {
    call(app, "POST", path, Some(token), Some((FHIR, body))).await
}

/// Makes a token for `user` straight in the store (the CLI does the same).
pub(crate) async fn token(app: &TestApp, user: UserId, scope: TokenScope, name: &str) -> String {
    let secret = format!("{name:0<64}");
    let now = OffsetDateTime::now_utc();
    app.store
        .create_api_token(
            user,
            &backcare_web::auth::token_hash(&secret),
            scope,
            name,
            now,
            now + Duration::days(1),
        )
        .await
        .unwrap();
    secret
}

/// The example intake as a completed FHIR response, with a decimal in an extension (to
/// check its text `1.50` survives) and, if given, a subject.
pub(crate) fn response_text(subject: Option<UserId>) -> String {
    let intake: Intake = serde_json::from_str(&INTAKE).unwrap();
    let qr = response_from_intake(&intake, Form::Intake, None);
    let text = serde_json::to_string(&qr).unwrap();
    let mut extra =
        r#","extension":[{"url":"https://ehr.example/weight","valueDecimal":1.50}]"#.to_owned();
    if let Some(s) = subject {
        extra.push_str(&format!(r#","subject":{{"reference":"Patient/{}"}}"#, s.0));
    }
    format!("{}{extra}}}", text.strip_suffix('}').unwrap())
}

fn json(r: &Resp) -> Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

/// Asserts an OperationOutcome with `status` whose text mentions `needle`.
fn assert_outcome(r: &Resp, status: u16, needle: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    assert!(
        r.header("content-type").starts_with(FHIR),
        "{r:?}",
        r = r.header("content-type")
    );
    let v = json(r);
    assert_eq!(v["resourceType"], "OperationOutcome", "{}", r.body);
    assert!(r.body.contains(needle), "{needle:?} not in {}", r.body);
}

fn ids(bundle: &Value) -> Vec<String> {
    bundle["entry"]
        .as_array()
        .map(|e| {
            e.iter()
                .map(|e| {
                    format!(
                        "{}/{}",
                        e["resource"]["resourceType"].as_str().unwrap(),
                        e["resource"]["id"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Runs the FHIR validators over `files` (name, JSON). Fails when they are not installed,
/// unless `BACKCARE_SKIP_FHIR_VALIDATION=1` (the convention of `crates/fhir/tests/fhir`).
fn validate(name: &str, files: &[(String, String)]) {
    let Ok(validator) = std::env::var("BACKCARE_FHIR_VALIDATOR") else {
        if std::env::var("BACKCARE_SKIP_FHIR_VALIDATION").as_deref() == Ok("1") {
            return;
        }
        panic!(
            "BACKCARE_FHIR_VALIDATOR is not set: run `eval \"$(scripts/fhir)\"` first, or set \
             BACKCARE_SKIP_FHIR_VALIDATION=1 to skip validation on purpose"
        );
    };
    let dir = crate::scratch_dir(name);
    for (file, text) in files {
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let out = Command::new(&validator).arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn metadata_and_every_questionnaire_are_public(app: TestApp) {
    let mut files = Vec::new();
    let r = call(&app, "GET", "/fhir/metadata", None, None).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with(FHIR));
    assert_eq!(json(&r)["resourceType"], "CapabilityStatement");
    assert_eq!(json(&r)["fhirVersion"], "4.0.1");
    files.push(("CapabilityStatement.json".to_owned(), r.body));
    let r = call(&app, "GET", "/fhir/Questionnaire", None, None).await;
    assert_eq!(r.status, 200);
    let list = ids(&json(&r));
    assert_eq!(list.len(), 10, "{list:?}");
    files.push(("Bundle-questionnaires.json".to_owned(), r.body));
    for id in &list {
        let r = call(&app, "GET", &format!("/fhir/{id}"), None, None).await;
        assert_eq!(r.status, 200, "{id}");
        assert_eq!(
            format!("Questionnaire/{}", json(&r)["id"].as_str().unwrap()),
            *id
        );
        files.push((format!("{}.json", id.replace('/', "-")), r.body));
    }
    let r = call(&app, "GET", "/fhir/Questionnaire/nope-en", None, None).await;
    assert_outcome(&r, 404, "not found");
    files.push(("OperationOutcome-404.json".to_owned(), r.body));
    validate("fhir_public", &files);
}

async fn a_patient_token_posts_a_response_that_is_scored_and_kept_as_sent(app: TestApp) {
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let t = token(&app, ann, TokenScope::Patient, "ann").await;
    let sent = response_text(None);
    let r = post(&app, "/fhir/QuestionnaireResponse", &t, &sent).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let location = r.location().to_owned();
    assert!(
        location.starts_with("/fhir/QuestionnaireResponse/qr-"),
        "{location}"
    );
    let qr_id = location.rsplit('/').next().unwrap().to_owned();

    // The assessment saved is the engine's result for the same answers.
    let qr: QuestionnaireResponse = serde_json::from_str(&sent).unwrap();
    let intake = intake_from_response(&qr).unwrap();
    let saved = app.store.assessments(ann).await.unwrap();
    assert_eq!(saved.len(), 1);
    let issued =
        backcare_core::record::IssuedAssessment::decode(&saved[0].intake, &saved[0].assessment)
            .unwrap();
    assert_eq!(
        issued.result,
        backcare_core::record::IssuedResult::from(&assess(&intake))
    );
    assert_eq!(
        issued.engine.as_deref(),
        Some(backcare_core::ENGINE_VERSION)
    );
    assert_eq!(saved[0].intake, serde_json::to_value(&intake).unwrap());

    // Read back byte for byte, decimals and all.
    let r = get(&app, &location, &t).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body, sent);
    assert!(r.body.contains("1.50"));

    let mut files = Vec::new();
    let r = get(
        &app,
        &format!("/fhir/QuestionnaireResponse?patient={}", ann.0),
        &t,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(ids(&json(&r)), [format!("QuestionnaireResponse/{qr_id}")]);
    assert!(r.body.contains("1.50"));
    files.push(("Bundle-search-qr.json".to_owned(), r.body));
    let odi = Form::Odi.url(backcare_core::Lang::En);
    let r = get(
        &app,
        &format!("/fhir/QuestionnaireResponse?questionnaire={odi}"),
        &t,
    )
    .await;
    assert_eq!(ids(&json(&r)), Vec::<String>::new());

    // A pain rating from the EHR, stored as sent.
    let obs = format!(
        r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"72514-3"}}]}},"subject":{{"reference":"Patient/{}"}},"effectiveDateTime":"2026-11-20","valueQuantity":{{"value":7.0,"unit":"score"}}}}"#,
        ann.0
    );
    let r = post(&app, "/fhir/Observation", &t, &obs).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let obs_location = r.location().to_owned();
    let r = get(&app, &obs_location, &t).await;
    assert_eq!(r.body, obs);

    // Worked-out Observations are found by code and read by their stable id.
    let r = get(
        &app,
        &format!(
            "/fhir/Observation?patient={}&code=http://loinc.org|72514-3",
            ann.0
        ),
        &t,
    )
    .await;
    assert_eq!(r.status, 200);
    let found = ids(&json(&r));
    assert_eq!(
        found.len(),
        2,
        "the one derived from the intake and the one sent: {found:?}"
    );
    assert!(found.contains(&format!(
        "Observation/{}",
        obs_location.rsplit('/').next().unwrap()
    )));
    files.push(("Bundle-search-obs.json".to_owned(), r.body));
    let r = get(&app, &format!("/fhir/Observation?patient={}", ann.0), &t).await;
    let all = ids(&json(&r));
    let triage = all
        .iter()
        .find(|id| id.ends_with("-triage"))
        .unwrap_or_else(|| panic!("a triage observation in {all:?}"));
    assert!(triage.starts_with(&format!("Observation/p{}-a{}-", ann.0, saved[0].id.0)));
    let r = get(&app, &format!("/fhir/{triage}"), &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains(&format!("QuestionnaireResponse/{qr_id}")),
        "derivedFrom"
    );
    files.push(("Observation-triage.json".to_owned(), r.body));

    // $everything has the patient, the response, its results and the plan.
    let r = get(&app, &format!("/fhir/Patient/{}/$everything", ann.0), &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let everything = ids(&json(&r));
    for want in [
        format!("Patient/{}", ann.0),
        format!("QuestionnaireResponse/{qr_id}"),
        triage.clone(),
    ] {
        assert!(everything.contains(&want), "{want} not in {everything:?}");
    }
    assert!(
        everything.iter().any(|id| id.starts_with("CarePlan/")),
        "{everything:?}"
    );
    assert!(r.body.contains("1.50"));
    files.push(("Bundle-everything.json".to_owned(), r.body));

    // An ODI response makes a reassessment, whose score is found too.
    let mut full: Intake = serde_json::from_str(&INTAKE).unwrap();
    full.odi = serde_json::from_str(
        r#"{"pain_intensity":3,"personal_care":1,"lifting":3,"walking":2,"sitting":2,"standing":2,"sleeping":1,"social_life":2,"travelling":2}"#,
    )
    .unwrap();
    let odi_text = serde_json::to_string(&response_from_intake(&full, Form::Odi, None)).unwrap();
    let r = post(&app, "/fhir/QuestionnaireResponse", &t, &odi_text).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(app.store.reassessments(ann).await.unwrap().len(), 1);
    let r = get(&app, "/fhir/Observation?code=odi-percent", &t).await;
    assert_eq!(ids(&json(&r)).len(), 1, "{}", r.body);
    assert!(r.body.contains("\"value\":40"), "{}", r.body);
    validate("fhir_patient", &files);
}

async fn panel_tokens_follow_the_patients_links(app: TestApp) {
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let bob = app.create_user("bob@example.org", Role::Patient).await;
    let doc = app.create_user("doc@example.org", Role::Clinician).await;
    app.link(ann, doc).await;
    let panel = token(&app, doc, TokenScope::Panel, "doc").await;
    let ann_token = token(&app, ann, TokenScope::Patient, "ann").await;

    // A panel token must name the patient, and may for a linked one.
    let r = post(
        &app,
        "/fhir/QuestionnaireResponse",
        &panel,
        &response_text(None),
    )
    .await;
    assert_outcome(&r, 422, "subject");
    let r = post(
        &app,
        "/fhir/QuestionnaireResponse",
        &panel,
        &response_text(Some(ann)),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let qr = r.location().to_owned();
    assert_eq!(get(&app, &qr, &panel).await.status, 200);
    let r = get(
        &app,
        &format!("/fhir/Patient/{}/$everything", ann.0),
        &panel,
    )
    .await;
    assert_eq!(r.status, 200);
    assert!(
        !app.store.access_log(ann).await.unwrap().is_empty(),
        "looks are logged"
    );

    // Not an unlinked patient: 404, as if there were none.
    let r = get(
        &app,
        &format!("/fhir/Patient/{}/$everything", bob.0),
        &panel,
    )
    .await;
    assert_outcome(&r, 404, "not found");
    let r = get(
        &app,
        &format!("/fhir/Observation?patient={}", bob.0),
        &panel,
    )
    .await;
    assert_outcome(&r, 404, "not found");
    let r = post(
        &app,
        "/fhir/QuestionnaireResponse",
        &panel,
        &response_text(Some(bob)),
    )
    .await;
    assert_outcome(&r, 404, "not found");
    assert!(app.store.assessments(bob).await.unwrap().is_empty());

    // A patient token reaches only its owner.
    let r = get(
        &app,
        &format!("/fhir/Patient/{}/$everything", bob.0),
        &ann_token,
    )
    .await;
    assert_outcome(&r, 403, "forbidden");
    let bob_token = token(&app, bob, TokenScope::Patient, "bob").await;
    assert_outcome(&get(&app, &qr, &bob_token).await, 404, "not found");
    let r = get(
        &app,
        &format!("/fhir/QuestionnaireResponse?patient={}", ann.0),
        &bob_token,
    )
    .await;
    assert_outcome(&r, 403, "forbidden");

    // The patient revokes the link: the panel token loses access at once.
    app.store.revoke_link(ann, doc).await.unwrap();
    let r = get(
        &app,
        &format!("/fhir/Patient/{}/$everything", ann.0),
        &panel,
    )
    .await;
    assert_outcome(&r, 404, "not found");
    assert_outcome(&get(&app, &qr, &panel).await, 404, "not found");
}

async fn missing_unknown_expired_and_revoked_tokens_get_401(app: TestApp) {
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let path = format!("/fhir/Patient/{}/$everything", ann.0);
    let mut files = Vec::new();
    let r = call(&app, "GET", &path, None, None).await;
    assert_outcome(&r, 401, "bearer token");
    assert!(r.header("www-authenticate").starts_with("Bearer"));
    files.push(("OperationOutcome-401.json".to_owned(), r.body));
    let r = get(&app, &path, &"0".repeat(64)).await;
    assert_outcome(&r, 401, "unknown, expired or revoked");
    assert!(r.header("www-authenticate").starts_with("Bearer"));

    let now = OffsetDateTime::now_utc();
    let expired = "e".repeat(64);
    app.store
        .create_api_token(
            ann,
            &backcare_web::auth::token_hash(&expired),
            TokenScope::Patient,
            "old",
            now - Duration::days(2),
            now - Duration::days(1),
        )
        .await
        .unwrap();
    assert_outcome(&get(&app, &path, &expired).await, 401, "expired");

    let t = token(&app, ann, TokenScope::Patient, "ann").await;
    assert_eq!(get(&app, &path, &t).await.status, 200);
    let made = app.store.api_tokens(ann).await.unwrap();
    let live = made.iter().find(|m| m.label == "ann").unwrap();
    assert!(live.last_used_at.is_some(), "use is recorded");
    app.store.revoke_api_token(live.id).await.unwrap();
    assert_outcome(&get(&app, &path, &t).await, 401, "revoked");

    // A signed-in browser session is not a token.
    let mut c = app.client();
    log_in(&mut c, "ann@example.org", PASSWORD).await;
    let r = c.get(&path).await;
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").starts_with("Bearer"));
    validate("fhir_401", &files);
}

async fn bad_input_gets_an_operation_outcome_naming_the_problem(app: TestApp) {
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let t = token(&app, ann, TokenScope::Patient, "ann").await;
    let path = "/fhir/QuestionnaireResponse";
    let mut files = Vec::new();

    let r = call(&app, "POST", path, Some(&t), Some(("text/plain", "{}"))).await;
    assert_outcome(&r, 415, "application/fhir+json");
    let r = post(&app, path, &t, r#"{"resourceType": "Questionn"#).await;
    assert_outcome(&r, 400, "not valid JSON");
    files.push(("OperationOutcome-400.json".to_owned(), r.body));
    let r = post(&app, path, &t, r#"{"resourceType":"Patient","id":"1"}"#).await;
    assert_outcome(&r, 400, "\\\"QuestionnaireResponse\\\"");
    // A number FHIR cannot hold is named in plain words, not Rust's ("expected i64").
    let huge = r#"{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"a","answer":[{"valueInteger":1e29}]}]}"#;
    let r = post(&app, path, &t, huge).await;
    assert_outcome(
        &r,
        400,
        "1e+29 is not a whole number in the range FHIR allows",
    );
    assert!(!r.body.contains("i64"), "{}", r.body);
    let r = post(
        &app,
        path,
        &t,
        r#"{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"https://other.example/Questionnaire/phq9"}"#,
    )
    .await;
    assert_outcome(&r, 422, "phq9");
    let odi = Form::Odi.url(backcare_core::Lang::En);
    let r = post(
        &app,
        path,
        &t,
        &format!(
            r#"{{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"{odi}","item":[{{"linkId":"odi.lifting","answer":[{{"valueInteger":9}}]}}]}}"#
        ),
    )
    .await;
    assert_outcome(&r, 422, "odi.lifting");
    files.push(("OperationOutcome-422.json".to_owned(), r.body));
    let r = post(
        &app,
        path,
        &t,
        &format!(
            r#"{{"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"{odi}","item":[{{"linkId":"odi.juggling","answer":[{{"valueInteger":1}}]}}]}}"#
        ),
    )
    .await;
    assert_outcome(&r, 422, "odi.juggling");
    let r = post(
        &app,
        "/fhir/Observation",
        &t,
        r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"72514-3"}]},"valueInteger":11}"#,
    )
    .await;
    assert_outcome(&r, 422, "between 0 and 10");
    let r = post(
        &app,
        "/fhir/Observation",
        &t,
        r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"valueInteger":60}"#,
    )
    .await;
    assert_outcome(&r, 422, "Observation.code");
    // Nothing was kept.
    assert!(app.store.assessments(ann).await.unwrap().is_empty());
    assert!(app.store.reassessments(ann).await.unwrap().is_empty());
    assert!(
        app.store
            .fhir_resources(ann, None)
            .await
            .unwrap()
            .is_empty()
    );
    validate("fhir_errors", &files);
}

/// The resource of `bundle` whose `resourceType/id` is `id`.
fn entry<'a>(bundle: &'a Value, id: &str) -> &'a Value {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| {
            format!(
                "{}/{}",
                r["resourceType"].as_str().unwrap(),
                r["id"].as_str().unwrap_or("")
            ) == id
        })
        .unwrap_or_else(|| panic!("{id} not in {bundle}"))
}

async fn everything_shows_each_result_as_issued_and_marks_outcomes(app: TestApp) {
    use backcare_core::record::{IssuedAssessment, IssuedReason};
    use backcare_core::triage::Level;

    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let t = token(&app, ann, TokenScope::Patient, "ann").await;
    let intake: Intake = serde_json::from_str(&INTAKE).unwrap();
    let today = assess(&intake);
    let now = app.clock.now();

    // A record that cannot be read (its intake no longer fits the format), first.
    let issued = IssuedAssessment::issue(&intake, &today);
    let (_, result) = issued.encode().unwrap();
    let broken = app
        .store
        .save_assessment(ann, &serde_json::json!({"age": "forty"}), &result, now)
        .await
        .unwrap();

    // Then one issued by an older engine and rule table: another level, a rule no longer
    // in the table, another code and another pain score than today's engine gives for the
    // same answers.
    let mut issued = IssuedAssessment::issue(&intake, &today);
    let r = &mut issued.result;
    r.triage.level = Level::Urgent;
    r.triage.title = Level::Urgent.title().en.to_owned();
    r.triage.reasons.insert(
        0,
        IssuedReason {
            rule_id: "OLD-RULE".to_owned(),
            family: backcare_core::triage::Family::Neurological,
            level: Level::Urgent,
            certain: true,
            concern: "An old concern".to_owned(),
            advice: "See a doctor today.".to_owned(),
            because: vec!["an old answer".to_owned()],
            source: "An old source".to_owned(),
        },
    );
    let mut old_code = r.codes.icd10cm.first().cloned().expect("a code suggestion");
    old_code.code = "M54.16".to_owned();
    old_code.description = "Radiculopathy, lumbar region".to_owned();
    r.codes.icd10cm = vec![old_code];
    r.scores.nrs.now = Some(9);
    assert_ne!(today.triage.level, Level::Urgent);
    assert!(today.codes.icd10cm.iter().all(|c| c.code != "M54.16"));
    assert_ne!(today.scores.nrs.now, Some(9));
    let today_codes: Vec<&str> = today.codes.icd10cm.iter().map(|c| c.code).collect();
    let (intake_json, result) = issued.encode().unwrap();
    let id = app
        .store
        .save_assessment(ann, &intake_json, &result, now)
        .await
        .unwrap();

    // A reassessment whose issued pain score is not what today's scoring of its stored
    // answers gives (a row the previous release wrote, then changed): the issued one leaves.
    let row = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/records/reassessment/v1-demo-odi.json");
    let mut reassessment: Value =
        serde_json::from_str(&std::fs::read_to_string(&row).unwrap()).unwrap();
    assert_eq!(reassessment["pain_now"], 4);
    reassessment["scores"]["nrs"]["now"] = 9.into();
    let rid = app
        .store
        .save_reassessment(ann, &reassessment, now)
        .await
        .unwrap();

    let r = get(&app, &format!("/fhir/Patient/{}/$everything", ann.0), &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let bundle = json(&r);
    let prefix = format!("p{}-a{}", ann.0, id.0);
    let again = entry(
        &bundle,
        &format!("Observation/p{}-r{}-nrs-now", ann.0, rid.0),
    );
    assert_eq!(again["valueInteger"], 9, "{again}");

    // The triage as issued, with the rule that is no longer in the table.
    let triage = entry(&bundle, &format!("Observation/{prefix}-triage"));
    let level = &triage["valueCodeableConcept"]["coding"][0]["code"];
    assert_eq!(level, "triage-urgent", "{triage}");
    assert_eq!(
        triage["component"][0]["valueCodeableConcept"]["coding"][0]["code"], "OLD-RULE",
        "{triage}"
    );
    // Which engine and rule table issued it.
    let by = triage["note"].as_array().unwrap().last().unwrap()["text"].to_string();
    assert!(by.contains(backcare_core::record::rules_version()), "{by}");
    // The code suggested then, not today's.
    entry(&bundle, &format!("Condition/{prefix}-icd-M54.16"));
    for code in today_codes {
        assert!(
            !r.body.contains(&format!("{prefix}-icd-{code}\"")),
            "today's {code} in {}",
            r.body
        );
    }
    // The score issued then.
    let pain = entry(&bundle, &format!("Observation/{prefix}-nrs-now"));
    assert_eq!(pain["valueInteger"], 9, "{pain}");

    // The unreadable record and the changed rules are said in an OperationOutcome, which a
    // searchset marks as an outcome, not a match, and does not count.
    let entries = bundle["entry"].as_array().unwrap();
    let outcomes: Vec<&Value> = entries
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "OperationOutcome")
        .collect();
    assert_eq!(outcomes.len(), 1, "{}", r.body);
    assert_eq!(outcomes[0]["search"]["mode"], "outcome", "{}", r.body);
    let text = outcomes[0]["resource"].to_string();
    assert!(
        text.contains(&format!("(id {}) could not be read", broken.0)),
        "{text}"
    );
    assert!(text.contains("with today's rules"), "{text}");
    for e in entries {
        if e["resource"]["resourceType"] != "OperationOutcome" {
            assert_eq!(e["search"]["mode"], "match", "{e}");
        }
    }
    assert_eq!(bundle["total"], entries.len() - 1, "{}", r.body);
    validate("fhir_issued", &[("Bundle-issued.json".to_owned(), r.body)]);
}

/// Another server on the app's database and clock, told that people reach it at `url`
/// (`serve --public-url`); its own address.
async fn spawn_with_public_url(app: &mut TestApp, url: &str) -> String {
    let config = crate::test_config(&app.database_url, false);
    let server = backcare_web::Server::bind_with_clock(config, app.clock.clone())
        .await
        .expect("the server starts")
        .with_public_url(PublicUrl::parse(url).unwrap());
    let (base, _, tx) = crate::run_in_background(server);
    app.shutdown.push(tx);
    base
}

/// Bundle `fullUrl`s, search `self` links and the CapabilityStatement's
/// `implementation.url` start with the site's address: the server's own (`http://` and the
/// bound address) by default, the public URL when it was given one (a reverse proxy in
/// front). The canonical URLs of the Questionnaires name them wherever they are served
/// from, so they never change.
async fn fhir_addresses_follow_the_public_url(mut app: TestApp) {
    let (ann, t, _) = ann_with_a_response(&app).await;
    let own = app.base.clone();
    let proxied = spawn_with_public_url(&mut app, "https://backcare.clinic.example/").await;
    let mut files = Vec::new();
    for (server, site) in [
        (own.clone(), own.clone()),
        (proxied, "https://backcare.clinic.example".to_owned()),
    ] {
        let r = call_at(&server, "GET", "/fhir/metadata", None, None).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(json(&r)["implementation"]["url"], format!("{site}/fhir"));
        files.push((format!("CapabilityStatement-{}.json", files.len()), r.body));

        let searches = [
            (None, "/fhir/Questionnaire".to_owned()),
            (
                Some(&t),
                format!("/fhir/QuestionnaireResponse?patient={}", ann.0),
            ),
            (
                Some(&t),
                format!("/fhir/Observation?patient=Patient%2F{}&_count=5", ann.0),
            ),
            (Some(&t), format!("/fhir/Patient/{}/$everything", ann.0)),
        ];
        for (token, path) in searches {
            let r = call_at(&server, "GET", &path, token.map(String::as_str), None).await;
            assert_eq!(r.status, 200, "{path}: {}", r.body);
            let bundle = json(&r);
            assert_eq!(
                bundle["link"],
                serde_json::json!([{"relation": "self", "url": format!("{site}{path}")}]),
                "{path}"
            );
            let entries = bundle["entry"].as_array().expect("entries");
            assert!(!entries.is_empty(), "{path}: {}", r.body);
            for e in entries {
                let resource = &e["resource"];
                let want = format!(
                    "{site}/fhir/{}/{}",
                    resource["resourceType"].as_str().unwrap(),
                    resource["id"].as_str().unwrap()
                );
                assert_eq!(e["fullUrl"], want.as_str(), "{path}");
                if resource["resourceType"] == "Questionnaire" {
                    let canonical = resource["url"].as_str().unwrap();
                    assert!(canonical.starts_with(backcare_fhir::BASE), "{canonical}");
                }
            }
            files.push((format!("Bundle-{}.json", files.len()), r.body));
        }
    }
    validate("fhir_public_url", &files);
}

/// The CapabilityStatement and the route table cannot drift: every interaction and
/// operation the table serves under `/fhir` is listed, and nothing else.
async fn the_capability_statement_lists_what_the_route_table_serves(app: TestApp) {
    use std::collections::BTreeSet;
    let mut served = BTreeSet::new();
    let mut bulk = false;
    for route in backcare_web::routes::ROUTES {
        let Some(rest) = route.path.strip_prefix("/fhir/") else {
            continue;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let entry = match (route.method.as_str(), parts.as_slice()) {
            ("GET", ["metadata"]) => continue,
            // SMART discovery and the token endpoint: in `rest.security`, tested below.
            ("GET", [".well-known", "smart-configuration"]) | ("POST", ["auth", "token"]) => {
                continue;
            }
            // The Bulk Data status and files: what the IG's capability statement says.
            ("GET" | "DELETE", ["bulk-status", _]) | ("GET", ["bulk-files", _, _]) => {
                bulk = true;
                continue;
            }
            ("GET", [kind]) => (kind.to_string(), "search-type".to_owned()),
            ("POST", [kind]) => (kind.to_string(), "create".to_owned()),
            ("GET", [kind, id]) if id.starts_with('{') => (kind.to_string(), "read".to_owned()),
            ("GET", [kind, id, op]) if id.starts_with('{') && op.starts_with('$') => {
                (kind.to_string(), op.to_string())
            }
            ("GET", [kind, id, "_history"]) if id.starts_with('{') => {
                (kind.to_string(), "history-instance".to_owned())
            }
            ("GET", [kind, op]) if op.starts_with('$') => (kind.to_string(), op.to_string()),
            other => panic!("a /fhir route the test does not know how to list: {other:?}"),
        };
        served.insert(entry);
    }
    let r = call(&app, "GET", "/fhir/metadata", None, None).await;
    let statement = json(&r);
    let rest = &statement["rest"][0];
    let mut listed = BTreeSet::new();
    for resource in rest["resource"].as_array().unwrap() {
        let kind = resource["type"].as_str().unwrap().to_owned();
        for i in resource["interaction"].as_array().into_iter().flatten() {
            listed.insert((kind.clone(), i["code"].as_str().unwrap().to_owned()));
        }
        for op in resource["operation"].as_array().into_iter().flatten() {
            listed.insert((kind.clone(), format!("${}", op["name"].as_str().unwrap())));
            assert!(
                op["definition"]
                    .as_str()
                    .unwrap()
                    .starts_with("http://hl7.org/fhir/")
            );
        }
        // A type that is searched says by what.
        let searched = resource["interaction"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|i| i["code"] == "search-type");
        if searched && kind != "Questionnaire" {
            assert!(
                resource["searchParam"]
                    .as_array()
                    .is_some_and(|p| !p.is_empty()),
                "{kind}"
            );
        }
    }
    assert_eq!(listed, served);
    assert_eq!(
        statement["instantiates"],
        if bulk {
            serde_json::json!(["http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"])
        } else {
            Value::Null
        },
        "the Bulk Data server's statement, when its status and files are served"
    );
    assert_eq!(statement["format"], serde_json::json!(["json"]));
    assert_eq!(rest["security"]["cors"], false);
    assert!(
        rest["security"]["description"]
            .as_str()
            .unwrap()
            .contains("Bearer")
    );
    validate(
        "fhir_capability",
        &[("CapabilityStatement.json".to_owned(), r.body)],
    );
}

/// FHIR JSON only, said honestly: XML asked for by `Accept` or `_format` is 406 with an
/// OperationOutcome (before any token is looked at), JSON and wildcards are served.
async fn only_json_is_served_and_xml_gets_406(app: TestApp) {
    for (path, accept) in [
        ("/fhir/metadata", Some("application/fhir+xml")),
        ("/fhir/metadata", Some("application/xml, text/xml;q=0.9")),
        ("/fhir/metadata?_format=xml", None),
        (
            "/fhir/metadata?_format=application/fhir%2Bxml",
            Some("application/fhir+json"),
        ),
        ("/fhir/Observation?patient=1", Some("application/fhir+xml")),
    ] {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("accept", a)).into_iter().collect();
        let r = call_with(&app.base, "GET", path, None, None, &headers).await;
        assert_outcome(&r, 406, "FHIR JSON only");
        assert!(r.header("content-type").starts_with(FHIR), "{path}");
    }
    for (path, accept) in [
        ("/fhir/metadata", None),
        ("/fhir/metadata", Some("application/fhir+json")),
        ("/fhir/metadata", Some("application/json")),
        (
            "/fhir/metadata",
            Some("text/html,application/xhtml+xml,*/*;q=0.8"),
        ),
        ("/fhir/metadata?_format=json", Some("application/fhir+xml")),
        ("/fhir/metadata?_format=application/fhir%2Bjson", None),
    ] {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("accept", a)).into_iter().collect();
        let r = call_with(&app.base, "GET", path, None, None, &headers).await;
        assert_eq!(r.status, 200, "{path} {accept:?}: {}", r.body);
    }
}

/// The plan a clinician tailored is the patient's one CarePlan: its version is the
/// tailoring's (`meta.versionId`), its author the clinician, each instruction and override
/// reason a note on its activity; `_history` lists every version with what it set. A
/// questionnaire schedule is an SDC Questionnaire Service Request. All of it validates.
async fn a_tailored_plan_is_a_versioned_care_plan_and_schedules_are_service_requests(app: TestApp) {
    use backcare_storage::{AddedExercise, Instruction, Questionnaire, Tailoring};
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let bob = app.create_user("bob@example.org", Role::Patient).await;
    let doc = app.create_user("doc@example.org", Role::Clinician).await;
    app.link(ann, doc).await;
    let t = token(&app, ann, TokenScope::Patient, "ann").await;
    let bob_t = token(&app, bob, TokenScope::Patient, "bob").await;
    let r = post(
        &app,
        "/fhir/QuestionnaireResponse",
        &t,
        &response_text(None),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let plan_id = format!("p{}-careplan", ann.0);
    let path = format!("/fhir/CarePlan/{plan_id}");

    // Before any tailoring: the plan, with no version, and an empty history.
    let r = get(&app, &path, &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let plan = json(&r);
    assert!(plan.get("meta").is_none() && plan.get("author").is_none());
    let first = plan["activity"][0]["detail"]["code"]["coding"][0]["code"]
        .as_str()
        .expect("an exercise")
        .to_owned();
    let r = get(&app, &format!("{path}/_history"), &t).await;
    assert_eq!(json(&r)["type"], "history");
    assert_eq!(json(&r)["total"], 0);

    let now = app.clock.now();
    let v1 = Tailoring {
        goal: Some("Back to gardening".into()),
        instructions: vec![Instruction {
            exercise: first.clone(),
            text: "Breathe out as you lift".into(),
        }],
        ..Tailoring::default()
    };
    app.store
        .add_plan_version(doc, ann, "Sam Lee, physiotherapist", &v1, now)
        .await
        .unwrap();
    // The reason covers every rule that leaves band-row out for Ann this week.
    let covers = {
        use backcare_core::plan::{History, PlanInputs, Preferences};
        let intake =
            intake_from_response(&serde_json::from_str(&response_text(None)).unwrap()).unwrap();
        let assessment = assess(&intake);
        let history = History::starting(
            backcare_core::plan::Date::parse(&app.clock.now().date().to_string()).unwrap(),
        );
        PlanInputs {
            intake: &intake,
            assessment: &assessment,
            library: backcare_content::exercises::library(),
            prefs: &Preferences::default(),
            history: &history,
        }
        .exclusion_ids(
            1,
            &backcare_core::exercise::ExerciseId::new("band-row").unwrap(),
        )
    };
    assert!(covers.contains(&"equipment".to_owned()), "{covers:?}");
    let v2 = Tailoring {
        added: vec![AddedExercise {
            exercise: "band-row".into(),
            override_reason: Some("We use the clinic's band".into()),
            covers,
        }],
        ..v1.clone()
    };
    app.store
        .add_plan_version(doc, ann, "Sam Lee, physiotherapist", &v2, now)
        .await
        .unwrap();
    app.store
        .set_schedule(doc, ann, Questionnaire::Odi, Some(14), now)
        .await
        .unwrap();

    let mut files = Vec::new();
    let r = get(&app, &path, &t).await;
    let plan = json(&r);
    assert_eq!(plan["id"], plan_id.as_str());
    assert_eq!(plan["meta"]["versionId"], "2");
    assert_eq!(plan["author"]["display"], "Sam Lee, physiotherapist");
    assert_eq!(
        plan["author"]["reference"],
        format!("Practitioner/{}", doc.0)
    );
    assert!(
        plan["description"]
            .as_str()
            .unwrap()
            .starts_with("Goal: Back to gardening")
    );
    assert!(
        r.body
            .contains("Clinician's instruction: Breathe out as you lift"),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("Clinician's override: We use the clinic's band"),
        "{}",
        r.body
    );
    files.push(("CarePlan-tailored.json".to_owned(), r.body));

    let r = get(&app, &format!("{path}/_history"), &t).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let history = json(&r);
    assert_eq!(history["total"], 2);
    let versions: Vec<&str> = history["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["meta"]["versionId"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["2", "1"], "newest first");
    assert_eq!(history["entry"][1]["request"]["method"], "POST");
    assert_eq!(history["entry"][0]["response"]["status"], "200 OK");
    assert!(r.body.contains("We use the clinic's band"));
    files.push(("Bundle-careplan-history.json".to_owned(), r.body));

    let r = get(&app, &format!("/fhir/Patient/{}/$everything", ann.0), &t).await;
    let everything = ids(&json(&r));
    assert!(
        everything.contains(&format!("CarePlan/{plan_id}")),
        "{everything:?}"
    );
    let ask = format!("ServiceRequest/p{}-ask-odi", ann.0);
    assert!(everything.contains(&ask), "{everything:?}");
    let request = json(&r)["entry"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["resource"]["resourceType"] == "ServiceRequest")
        .map(|e| e["resource"].clone())
        .unwrap();
    assert_eq!(
        request["extension"][0]["valueCanonical"],
        Form::Odi.url(backcare_core::Lang::En)
    );
    assert_eq!(
        request["code"]["coding"][0]["code"],
        "complete-questionnaire"
    );
    assert_eq!(request["occurrenceTiming"]["repeat"]["period"], 2);
    assert_eq!(request["occurrenceTiming"]["repeat"]["periodUnit"], "wk");
    files.push(("Bundle-everything-tailored.json".to_owned(), r.body));

    // Another patient's token reaches neither; an id that names no plan is not found.
    assert_eq!(get(&app, &path, &bob_t).await.status, 404);
    assert_eq!(
        get(&app, &format!("{path}/_history"), &bob_t).await.status,
        404
    );
    let r = get(&app, "/fhir/CarePlan/nonsense", &t).await;
    assert_outcome(&r, 404, "CarePlan/nonsense");
    files.push(("OperationOutcome-careplan.json".to_owned(), r.body));
    validate("fhir_careplan", &files);
}

/// Every answer under `/fhir` is FHIR: a path that names nothing served is a 404
/// OperationOutcome (not the HTML page), a method a path does not take a 405 with `Allow`.
async fn unknown_paths_and_methods_under_fhir_get_operation_outcomes(app: TestApp) {
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let t = token(&app, ann, TokenScope::Patient, "ann").await;
    let mut files = Vec::new();
    for path in [
        "/fhir",
        "/fhir/Nothing",
        "/fhir/Encounter/1",
        "/fhir/Observation/obs-1/extra/parts",
    ] {
        for token in [Some(t.as_str()), None] {
            let r = call(&app, "GET", path, token, None).await;
            assert_outcome(&r, 404, "is not served here");
        }
    }
    let r = call(&app, "GET", "/fhir/Nothing", Some(&t), None).await;
    files.push(("OperationOutcome-404.json".to_owned(), r.body));
    let r = call(&app, "DELETE", "/fhir/Observation", Some(&t), None).await;
    assert_outcome(&r, 405, "DELETE is not supported");
    let allow = r.header("allow").to_owned();
    assert!(allow.contains("GET") && allow.contains("POST"), "{allow}");
    files.push(("OperationOutcome-405.json".to_owned(), r.body));
    let r = call(&app, "PUT", "/fhir/metadata", None, None).await;
    assert_outcome(&r, 405, "PUT");
    // Outside /fhir, an unknown page is still the friendly HTML page.
    let r = call(&app, "GET", "/no-such-page", None, None).await;
    assert_eq!(r.status, 404);
    assert!(r.header("content-type").starts_with("text/html"));
    validate("fhir_unknown", &files);
}

/// A search pages with `_count`: `total` counts every match, `next` links carry the query
/// and lead through every match once, in the same order as one big page; `previous` goes
/// back; `_summary=count` gives the total only; a `_count` that is not a number is 400.
async fn searches_page_with_count_and_next_links_to_the_end(app: TestApp) {
    let (ann, t, _) = ann_with_a_response(&app).await;
    for pain in 1..=4 {
        let obs = format!(
            r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"72514-3"}}]}},"subject":{{"reference":"Patient/{}"}},"effectiveDateTime":"2026-11-2{pain}","valueQuantity":{{"value":{pain},"unit":"score"}}}}"#,
            ann.0
        );
        assert_eq!(post(&app, "/fhir/Observation", &t, &obs).await.status, 201);
    }
    let search = format!("/fhir/Observation?patient={}", ann.0);
    let all = json(&get(&app, &format!("{search}&_count=200"), &t).await);
    let every = ids(&all);
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total as usize, every.len());
    assert!(total > 5, "{total}");
    let path_of = |url: &str| url[url.find("/fhir/").unwrap()..].to_owned();
    let link = |bundle: &Value, relation: &str| {
        bundle["link"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["relation"] == relation)
            .map(|l| path_of(l["url"].as_str().unwrap()))
    };
    let mut seen = Vec::new();
    let mut next = Some(format!("{search}&_count=2"));
    let mut pages = 0;
    let mut files = Vec::new();
    while let Some(path) = next {
        let r = get(&app, &path, &t).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let page = json(&r);
        assert_eq!(page["total"].as_u64(), Some(total), "total on every page");
        let on_page = ids(&page);
        assert!(on_page.len() <= 2);
        seen.extend(on_page);
        next = link(&page, "next");
        if let Some(n) = &next {
            assert!(
                n.contains("_count=2") && n.contains(&format!("patient={}", ann.0)),
                "{n}"
            );
        }
        if pages == 1 {
            let back = link(&page, "previous").expect("page 2 links back");
            assert_eq!(ids(&json(&get(&app, &back, &t).await)), seen[..2].to_vec());
            files.push(("Bundle-page-2.json".to_owned(), r.body));
        }
        pages += 1;
        assert!(pages <= 100, "paging never ends");
    }
    assert_eq!(seen, every, "every match once, in the same order");
    assert_eq!(pages, (total as usize).div_ceil(2));
    let r = get(&app, &format!("{search}&_summary=count"), &t).await;
    let counted = json(&r);
    assert_eq!(counted["total"].as_u64(), Some(total));
    assert!(counted.get("entry").is_none(), "{}", r.body);
    files.push(("Bundle-summary-count.json".to_owned(), r.body));
    let r = get(&app, &format!("{search}&_count=many"), &t).await;
    assert_outcome(&r, 400, "_count");
    files.push(("OperationOutcome-count.json".to_owned(), r.body));
    // `_sort=-date` puts the newest first, `date` the oldest; the total does not change.
    let mut sorted = Vec::new();
    for query in ["_sort=-date&_count=200", "_sort=date&_count=200"] {
        let page = json(&get(&app, &format!("{search}&{query}"), &t).await);
        assert_eq!(page["total"].as_u64(), Some(total));
        let dates: Vec<String> = page["entry"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| {
                e["resource"]["effectiveDateTime"]
                    .as_str()
                    .map(|d| d[..10].to_owned())
            })
            .collect();
        sorted.push(dates);
    }
    let (newest, oldest) = (&sorted[0], &sorted[1]);
    assert!(newest.len() >= 5, "{newest:?}");
    assert!(newest.windows(2).all(|w| w[0] >= w[1]), "{newest:?}");
    assert!(oldest.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
    assert_ne!(newest, oldest);
    let r = get(&app, &format!("{search}&_sort=name"), &t).await;
    assert_outcome(&r, 400, "_sort");
    // The CapabilityStatement says the default and the largest page.
    let meta = call(&app, "GET", "/fhir/metadata", None, None).await.body;
    assert!(
        meta.contains("\"_count\"") && meta.contains("at most 200"),
        "{meta}"
    );
    validate("fhir_paging", &files);
}

/// Patient read and search (a panel token sees its linked patients, a patient token itself;
/// by `name`, `birthdate` and `_id`), and Practitioner read for what CarePlan and
/// ServiceRequest point to (the clinician's own token, and their linked patients').
async fn patients_are_read_and_searched_and_practitioners_read(app: TestApp) {
    use backcare_storage::{DisplayName, Profession, Profile};
    let now = app.clock.now();
    let person = |name: &str, born: Option<time::Date>, profession: Option<Profession>| Profile {
        name: DisplayName::parse(name).ok(),
        birth_date: born,
        profession,
    };
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let bob = app.create_user("bob@example.org", Role::Patient).await;
    let carl = app.create_user("carl@example.org", Role::Patient).await;
    let doc = app.create_user("doc@example.org", Role::Clinician).await;
    let other = app.create_user("other@example.org", Role::Clinician).await;
    let day =
        |y, m, d| time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).ok();
    app.store
        .set_profile(ann, &person("Ann Lee", day(1981, 6, 14), None), now)
        .await
        .unwrap();
    app.store
        .set_profile(bob, &person("Bob Stone", day(1990, 1, 2), None), now)
        .await
        .unwrap();
    app.store
        .set_profile(carl, &person("Carl Lee", day(1981, 6, 14), None), now)
        .await
        .unwrap();
    app.store
        .set_profile(
            doc,
            &person("Sam Rivera", None, Some(Profession::Physiotherapist)),
            now,
        )
        .await
        .unwrap();
    app.link(ann, doc).await;
    app.link(bob, doc).await;
    let panel = token(&app, doc, TokenScope::Panel, "doc").await;
    let ann_t = token(&app, ann, TokenScope::Patient, "ann").await;
    let carl_t = token(&app, carl, TokenScope::Patient, "carl").await;
    let other_t = token(&app, other, TokenScope::Panel, "other").await;
    let mut files = Vec::new();
    let found = |r: &Resp| ids(&json(r));
    let patient = |u: UserId| format!("Patient/{}", u.0);

    let r = get(&app, "/fhir/Patient", &panel).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        found(&r),
        [patient(ann), patient(bob)],
        "linked only, by id"
    );
    files.push(("Bundle-patients.json".to_owned(), r.body));
    for (query, want) in [
        ("name=ann", vec![patient(ann)]),
        ("name=LEE", vec![patient(ann)]),
        ("name=st", vec![patient(bob)]),
        ("birthdate=1981-06-14", vec![patient(ann)]),
        ("birthdate=ge1985-01-01", vec![patient(bob)]),
        (&format!("_id={}", bob.0), vec![patient(bob)]),
        ("name=zed", vec![]),
    ] {
        let r = get(&app, &format!("/fhir/Patient?{query}"), &panel).await;
        assert_eq!(found(&r), want, "{query}");
    }
    // A patient the panel is not linked to is not found, even among others.
    let r = get(
        &app,
        &format!("/fhir/Patient?_id={},{}", bob.0, carl.0),
        &panel,
    )
    .await;
    assert_outcome(&r, 404, "not found");
    let r = get(&app, "/fhir/Patient?birthdate=June", &panel).await;
    assert_outcome(&r, 400, "birthdate");
    let r = get(&app, &format!("/fhir/Patient/{}", ann.0), &panel).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let read = json(&r);
    assert_eq!(read["name"][0]["text"], "Ann Lee");
    assert_eq!(read["birthDate"], "1981-06-14");
    files.push(("Patient-ann.json".to_owned(), r.body));
    assert_eq!(
        get(&app, &format!("/fhir/Patient/{}", carl.0), &panel)
            .await
            .status,
        404
    );
    // A patient token: itself only.
    assert_eq!(
        found(&get(&app, "/fhir/Patient", &ann_t).await),
        [patient(ann)]
    );
    assert_eq!(
        get(&app, &format!("/fhir/Patient/{}", bob.0), &ann_t)
            .await
            .status,
        403
    );

    // Practitioner: the clinician's own token and their patients' tokens, nobody else.
    let path = format!("/fhir/Practitioner/{}", doc.0);
    for t in [&panel, &ann_t] {
        let r = get(&app, &path, t).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let p = json(&r);
        assert_eq!(p["name"][0]["text"], "Sam Rivera");
        assert_eq!(p["qualification"][0]["code"]["text"], "Physiotherapist");
    }
    files.push((
        "Practitioner.json".to_owned(),
        get(&app, &path, &panel).await.body,
    ));
    for t in [&carl_t, &other_t] {
        let r = get(&app, &path, t).await;
        assert_outcome(&r, 404, "Practitioner");
    }
    validate("fhir_patients", &files);
}

/// Incremental reads: `$everything?_since=` and `_lastUpdated=ge` on searches give what
/// changed since then (the Patient and this week's CarePlan always come with
/// `$everything`); other prefixes and values that are not instants are 400.
async fn what_changed_since_is_found_with_since_and_last_updated(app: TestApp) {
    let (ann, t, r) = ann_with_a_response(&app).await;
    let qr = r.location().rsplit('/').next().unwrap().to_owned();
    assert!(app.clock.advance(Duration::hours(2)));
    let since = (app.clock.now() - Duration::hours(1))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let obs = format!(
        r#"{{"resourceType":"Observation","meta":{{"profile":["http://example.org/StructureDefinition/pain"]}},"status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"72514-3"}}]}},"subject":{{"reference":"Patient/{}"}},"effectiveDateTime":"2026-11-20","valueQuantity":{{"value":5,"unit":"score"}}}}"#,
        ann.0
    );
    let r = post(&app, "/fhir/Observation", &t, &obs).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let new_obs = format!("Observation/{}", r.location().rsplit('/').next().unwrap());
    let mut files = Vec::new();

    let everything = json(&get(&app, &format!("/fhir/Patient/{}/$everything", ann.0), &t).await);
    let all = ids(&everything);
    // Every resource that changes says when it last did: the new Observation now, what the
    // intake response made two hours before (the Patient and the weekly CarePlan have no
    // single source time).
    let parse = |v: &Value| {
        OffsetDateTime::parse(
            v.as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap()
    };
    for e in everything["entry"].as_array().unwrap() {
        let resource = &e["resource"];
        let kind = resource["resourceType"].as_str().unwrap();
        if ["Patient", "CarePlan", "OperationOutcome"].contains(&kind) {
            continue;
        }
        let updated = parse(&resource["meta"]["lastUpdated"]);
        let id = format!("{kind}/{}", resource["id"].as_str().unwrap());
        if id == new_obs {
            assert!(
                updated >= app.clock.now() - Duration::minutes(1),
                "{id}: {updated}"
            );
            assert_eq!(
                resource["meta"]["profile"][0], "http://example.org/StructureDefinition/pain",
                "what the client sent in meta stays"
            );
        } else {
            assert!(
                updated <= app.clock.now() - Duration::hours(2),
                "{id}: {updated}"
            );
        }
    }
    let r = get(
        &app,
        &format!("/fhir/Patient/{}/$everything?_since={since}", ann.0),
        &t,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let recent = ids(&json(&r));
    assert!(recent.contains(&new_obs), "{recent:?}");
    assert!(recent.contains(&format!("Patient/{}", ann.0)));
    assert!(recent.iter().any(|id| id.starts_with("CarePlan/")));
    assert!(!recent.contains(&format!("QuestionnaireResponse/{qr}")));
    assert!(
        !recent.iter().any(|id| id.ends_with("-triage")),
        "{recent:?}"
    );
    assert!(recent.len() < all.len());
    files.push(("Bundle-since.json".to_owned(), r.body));

    let search = format!("/fhir/Observation?patient={}", ann.0);
    let r = get(&app, &format!("{search}&_lastUpdated=ge{since}"), &t).await;
    assert_eq!(ids(&json(&r)), std::slice::from_ref(&new_obs));
    files.push(("Bundle-last-updated.json".to_owned(), r.body));
    let responses = format!("/fhir/QuestionnaireResponse?patient={}", ann.0);
    let r = get(&app, &format!("{responses}&_lastUpdated=ge{since}"), &t).await;
    assert!(ids(&json(&r)).is_empty(), "{}", r.body);
    let r = get(&app, &format!("{responses}&_lastUpdated=ge2000-01-01"), &t).await;
    assert_eq!(ids(&json(&r)), [format!("QuestionnaireResponse/{qr}")]);
    assert!(
        parse(&json(&r)["entry"][0]["resource"]["meta"]["lastUpdated"])
            <= app.clock.now() - Duration::hours(2)
    );
    let r = get(&app, &format!("{search}&_lastUpdated=le2030-01-01"), &t).await;
    assert_outcome(&r, 400, "_lastUpdated");
    files.push(("OperationOutcome-last-updated.json".to_owned(), r.body));
    let r = get(
        &app,
        &format!("/fhir/Patient/{}/$everything?_since=yesterday", ann.0),
        &t,
    )
    .await;
    assert_outcome(&r, 400, "_since");
    validate("fhir_since", &files);
}

/// Ann, her patient token, and the answer to her posting an intake response (201).
async fn ann_with_a_response(app: &TestApp) -> (UserId, String, Resp) {
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let t = token(app, ann, TokenScope::Patient, "ann").await;
    let r = post(app, "/fhir/QuestionnaireResponse", &t, &response_text(None)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    (ann, t, r)
}

/// Polls an export's status address until it is done: each 202 says how far it is.
pub(crate) async fn finished_manifest(app: &TestApp, status_url: &str, token: &str) -> Value {
    let path = status_url.strip_prefix(&app.base).unwrap();
    for _ in 0..200 {
        let r = get(app, path, token).await;
        match r.status {
            202 => {
                assert!(!r.header("x-progress").is_empty(), "{:?}", r.headers);
                assert_eq!(r.header("retry-after"), "2");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            200 => {
                assert_eq!(r.header("content-type"), "application/json");
                assert!(r.header("expires").ends_with(" GMT"), "{:?}", r.headers);
                return json(&r);
            }
            _ => panic!("status {}: {}", r.status, r.body),
        }
    }
    panic!("the export did not finish in 10 seconds");
}

/// Kicks an export off at `path` and answers its status address.
pub(crate) async fn kick_off(app: &TestApp, path: &str, token: &str) -> String {
    let r = call_with(
        &app.base,
        "GET",
        path,
        Some(token),
        None,
        &[("accept", FHIR), ("prefer", "respond-async")],
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.body);
    let status = r.header("content-location").to_owned();
    assert!(
        status.starts_with(&format!("{}/fhir/bulk-status/", app.base)),
        "{status}"
    );
    status
}

/// Each file of a manifest's `output` (or `error`): its type and its lines, downloaded with
/// `token`, with the count the manifest gives checked.
async fn download(app: &TestApp, files: &Value, token: &str) -> Vec<(String, Vec<Value>)> {
    let mut out = Vec::new();
    for f in files.as_array().unwrap() {
        let path = f["url"].as_str().unwrap().strip_prefix(&app.base).unwrap();
        let r = get(app, path, token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("content-type"), "application/fhir+ndjson");
        let lines: Vec<Value> = r
            .body
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len() as u64, f["count"].as_u64().unwrap(), "{f}");
        let kind = f["type"].as_str().unwrap().to_owned();
        assert!(lines.iter().all(|l| l["resourceType"] == kind.as_str()));
        out.push((kind, lines));
    }
    out
}

/// A clinician's panel is a Group; exporting it gives, per resource type, exactly what
/// `$everything` gives for each linked patient (not an unlinked one), each look is in the
/// patient's access log, and the resources validate. `_type` and `_since` narrow it; bad
/// parameters are 400s that say why.
async fn a_panel_is_exported_in_bulk_as_its_patients_records(app: TestApp) {
    let (ann, _, _) = ann_with_a_response(&app).await;
    let bob = app.create_user("bob@example.org", Role::Patient).await;
    let carl = app.create_user("carl@example.org", Role::Patient).await;
    let doc = app.create_user("doc@example.org", Role::Clinician).await;
    app.link(ann, doc).await;
    app.link(bob, doc).await;
    let panel = token(&app, doc, TokenScope::Panel, "registry").await;
    let _ = carl;

    // The panel as a Group: found by search, read by id.
    let group_id = format!("panel-{}", doc.0);
    let found = json(&get(&app, "/fhir/Group", &panel).await);
    assert_eq!(ids(&found), [format!("Group/{group_id}")]);
    let r = get(&app, &format!("/fhir/Group/{group_id}"), &panel).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let group = json(&r);
    let mut members: Vec<&str> = group["member"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entity"]["reference"].as_str().unwrap())
        .collect();
    members.sort_unstable();
    let (a, b) = (format!("Patient/{}", ann.0), format!("Patient/{}", bob.0));
    assert_eq!(members, [a.as_str(), b.as_str()]);
    assert_eq!(group["quantity"], 2);
    assert_eq!(group["actual"], true);

    // Everything, in one export.
    let kick = format!("/fhir/Group/{group_id}/$export?_outputFormat=application/fhir%2Bndjson");
    let status = kick_off(&app, &kick, &panel).await;
    let manifest = finished_manifest(&app, &status, &panel).await;
    assert_eq!(manifest["requiresAccessToken"], true);
    assert_eq!(manifest["request"], format!("{}{kick}", app.base));
    assert!(manifest["transactionTime"].as_str().unwrap().ends_with('Z'));
    assert_eq!(manifest["error"], serde_json::json!([]));
    let files = download(&app, &manifest["output"], &panel).await;
    let mut exported: Vec<String> = files
        .iter()
        .flat_map(|(kind, lines)| {
            lines
                .iter()
                .map(move |l| format!("{kind}/{}", l["id"].as_str().unwrap()))
        })
        .collect();
    let mut expected = Vec::new();
    for p in [ann, bob] {
        let all = json(
            &get(
                &app,
                &format!("/fhir/Patient/{}/$everything?_count=200", p.0),
                &panel,
            )
            .await,
        );
        expected.extend(
            ids(&all)
                .into_iter()
                .filter(|id| !id.starts_with("OperationOutcome/")),
        );
    }
    exported.sort();
    expected.sort();
    assert_eq!(exported, expected);
    let types: Vec<&str> = files.iter().map(|(kind, _)| kind.as_str()).collect();
    for kind in [
        "Patient",
        "QuestionnaireResponse",
        "Observation",
        "Condition",
        "CarePlan",
    ] {
        assert!(types.contains(&kind), "{kind} in {types:?}");
    }
    assert!(
        !exported.contains(&format!("Patient/{}", carl.0)),
        "an unlinked patient is not exported"
    );
    let log = app.store.access_log(ann).await.unwrap();
    assert!(
        log.iter().any(|e| e.action == "FHIR API: bulk export"),
        "{log:?}"
    );
    // One resource of each type through the validators, with the Group and the kick-off's
    // OperationOutcome.
    let kicked = call_with(
        &app.base,
        "GET",
        &kick,
        Some(&panel),
        None,
        &[("prefer", "respond-async")],
    )
    .await;
    let mut checked: Vec<(String, String)> = files
        .iter()
        .map(|(kind, lines)| (format!("{kind}.json"), lines[0].to_string()))
        .collect();
    checked.push(("Group.json".to_owned(), group.to_string()));
    checked.push(("OperationOutcome-kick-off.json".to_owned(), kicked.body));
    validate("fhir_bulk_export", &checked);

    // Only Patients, and only what changed since a time to come: the Patients still come
    // (they are always there), nothing else does.
    let since = "2999-01-01T00:00:00Z";
    let status = kick_off(
        &app,
        &format!("/fhir/Patient/$export?_type=Patient,Observation&_since={since}"),
        &panel,
    )
    .await;
    let manifest = finished_manifest(&app, &status, &panel).await;
    let files = download(&app, &manifest["output"], &panel).await;
    assert_eq!(files.len(), 1, "{manifest}");
    assert_eq!((files[0].0.as_str(), files[0].1.len()), ("Patient", 2));

    // Bad parameters say what is wrong, and nothing is queued.
    let long = format!("_type={}", ["Patient"; 400].join(","));
    for (query, status, needle) in [
        ("_type=Foo", 400, "Foo is not exported"),
        ("_outputFormat=text/csv", 400, "_outputFormat"),
        ("_since=yesterday", 400, "_since must be an instant"),
        ("_elements=id", 400, "_elements is not supported"),
        (long.as_str(), 400, "longer than 2000"),
    ] {
        let r = get(&app, &format!("/fhir/Patient/$export?{query}"), &panel).await;
        assert_outcome(&r, status, needle);
    }
    // A patient who unlinks takes the exports that read them away, files and all.
    let status = kick_off(&app, &format!("/fhir/Group/{group_id}/$export"), &panel).await;
    let manifest = finished_manifest(&app, &status, &panel).await;
    let file = manifest["output"][0]["url"]
        .as_str()
        .unwrap()
        .strip_prefix(&app.base)
        .unwrap()
        .to_owned();
    app.store.revoke_link(bob, doc).await.unwrap();
    let path = status.strip_prefix(&app.base).unwrap();
    assert_outcome(&get(&app, path, &panel).await, 404, "not found");
    assert_outcome(&get(&app, &file, &panel).await, 404, "not found");

    // Another clinician's Group, or one that is no panel: not found.
    for id in [format!("panel-{}", doc.0 + 1000), "p1".to_owned()] {
        let r = get(&app, &format!("/fhir/Group/{id}/$export"), &panel).await;
        assert_outcome(&r, 404, "not found");
        let r = get(&app, &format!("/fhir/Group/{id}"), &panel).await;
        assert_outcome(&r, 404, "not found");
    }
}

/// An export is its owner's: another token (even the same user's in another scope) finds
/// nothing. A patient token exports its own record. Deleting the status cancels it and its
/// files; an expired export and its files are gone.
async fn bulk_exports_are_the_owners_and_can_be_cancelled_and_expire(app: TestApp) {
    let (ann, ann_token, _) = ann_with_a_response(&app).await;
    let doc = app.create_user("doc@example.org", Role::Clinician).await;
    let other = app.create_user("other@example.org", Role::Clinician).await;
    app.link(ann, doc).await;
    let panel = token(&app, doc, TokenScope::Panel, "registry").await;
    let stranger = token(&app, other, TokenScope::Panel, "other").await;

    // Ann exports her own record.
    let status = kick_off(&app, "/fhir/Patient/$export", &ann_token).await;
    let manifest = finished_manifest(&app, &status, &ann_token).await;
    let files = download(&app, &manifest["output"], &ann_token).await;
    let patients: Vec<&Value> = files
        .iter()
        .filter(|(kind, _)| kind == "Patient")
        .flat_map(|(_, lines)| lines)
        .collect();
    assert_eq!(patients.len(), 1);
    assert_eq!(patients[0]["id"], ann.0.to_string());
    // Nobody else reaches her export or its files.
    let path = status.strip_prefix(&app.base).unwrap().to_owned();
    let file = manifest["output"][0]["url"]
        .as_str()
        .unwrap()
        .strip_prefix(&app.base)
        .unwrap()
        .to_owned();
    for t in [&panel, &stranger] {
        assert_outcome(&get(&app, &path, t).await, 404, "not found");
        assert_outcome(&get(&app, &file, t).await, 404, "not found");
        assert_outcome(
            &call(&app, "DELETE", &path, Some(t), None).await,
            404,
            "not found",
        );
    }
    assert_eq!(call(&app, "GET", &path, None, None).await.status, 401);
    for bad in [
        "/fhir/bulk-status/nothex",
        "/fhir/bulk-files/nothex/1.ndjson",
    ] {
        assert_outcome(&get(&app, bad, &ann_token).await, 404, "not found");
    }
    assert_outcome(
        &get(&app, &file.replace("/1.ndjson", "/99.ndjson"), &ann_token).await,
        404,
        "not found",
    );
    assert_eq!(
        call(&app, "PUT", &path, Some(&ann_token), None)
            .await
            .status,
        405
    );

    // At most three exports wait or run at once per owner: a fourth is 429 until one ends.
    let mut held = Vec::new();
    for _ in 0..3 {
        let id =
            backcare_storage::ExportId::parse(&backcare_web::security::random_hex(16)).unwrap();
        held.push(id.clone());
        let asked = backcare_storage::NewExport {
            id,
            user: other,
            scope: TokenScope::Panel,
            request: format!("{}/fhir/Patient/$export", app.base),
            types: Vec::new(),
            since: None,
        };
        app.store
            .create_export(&asked, app.clock.now())
            .await
            .unwrap();
        // Held by a runner of the test's, so the server's job leaves them running.
        app.store
            .claim_export("the test", app.clock.now())
            .await
            .unwrap()
            .unwrap();
    }
    let r = get(&app, "/fhir/Patient/$export", &stranger).await;
    assert_outcome(&r, 429, "3 exports are already waiting or running");
    assert_eq!(r.header("retry-after"), "60");
    // While one runs, its status says how far it is; once it failed, the status says so.
    let now = app.clock.now();
    assert!(
        app.store
            .export_progress(&held[0], "the test", "2 of 5 patients", now)
            .await
            .unwrap()
    );
    let held_path = format!("/fhir/bulk-status/{}", held[0].as_str());
    let r = get(&app, &held_path, &stranger).await;
    assert_eq!(r.status, 202, "{}", r.body);
    assert_eq!(r.header("x-progress"), "2 of 5 patients");
    assert_eq!(r.header("retry-after"), "2");
    assert!(
        app.store
            .finish_export(&held[0], "the test", Some("the disk is full"), now)
            .await
            .unwrap()
    );
    assert_outcome(
        &get(&app, &held_path, &stranger).await,
        500,
        "the export failed: the disk is full",
    );
    kick_off(&app, "/fhir/Patient/$export", &panel).await;

    // The panel's export, cancelled: its status and files are gone.
    let status = kick_off(&app, "/fhir/Patient/$export", &panel).await;
    let panel_manifest = finished_manifest(&app, &status, &panel).await;
    let panel_path = status.strip_prefix(&app.base).unwrap().to_owned();
    let panel_file = panel_manifest["output"][0]["url"]
        .as_str()
        .unwrap()
        .strip_prefix(&app.base)
        .unwrap()
        .to_owned();
    let r = call(&app, "DELETE", &panel_path, Some(&panel), None).await;
    assert_outcome(&r, 202, "cancelled");
    assert_outcome(&get(&app, &panel_path, &panel).await, 404, "not found");
    assert_outcome(&get(&app, &panel_file, &panel).await, 404, "not found");
    assert_outcome(
        &call(&app, "DELETE", &panel_path, Some(&panel), None).await,
        404,
        "not found",
    );

    // A day later Ann's export has expired; the purge deletes it.
    app.clock
        .advance(backcare_storage::EXPORT_KEPT + Duration::minutes(1));
    let later = "ann-later".repeat(8);
    let now = app.clock.now();
    app.store
        .create_api_token(
            ann,
            &backcare_web::auth::token_hash(&later),
            TokenScope::Patient,
            "later",
            now,
            now + Duration::hours(1),
        )
        .await
        .unwrap();
    assert_outcome(&get(&app, &path, &later).await, 404, "not found");
    assert_outcome(&get(&app, &file, &later).await, 404, "not found");
    let purged = app
        .store
        .purge(app.clock.now(), app.clock.now())
        .await
        .unwrap();
    assert_eq!(
        purged.exports, 5,
        "Ann's, the three held, and the panel's first (its second was cancelled)"
    );
}

/// The jose tool (`tools/fhir/jwt`, from `eval "$(scripts/fhir)"`): `keys DIR` or `sign ...`.
/// Fails when it is not installed, unless `BACKCARE_SKIP_FHIR_VALIDATION=1` (then `None`).
pub(crate) fn jose(args: &[&str]) -> Option<String> {
    let Ok(tool) = std::env::var("BACKCARE_FHIR_JWT") else {
        if std::env::var("BACKCARE_SKIP_FHIR_VALIDATION").as_deref() == Ok("1") {
            return None;
        }
        panic!(
            "BACKCARE_FHIR_JWT is not set: run `eval \"$(scripts/fhir)\"` first, or set \
             BACKCARE_SKIP_FHIR_VALIDATION=1 to skip the jose tests on purpose"
        );
    };
    let out = Command::new(tool).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// POSTs a token request with these form fields.
async fn token_request(app: &TestApp, fields: &[(&str, &str)]) -> Resp {
    let body = serde_urlencoded::to_string(fields).unwrap();
    call(
        app,
        "POST",
        "/fhir/auth/token",
        None,
        Some(("application/x-www-form-urlencoded", &body)),
    )
    .await
}

/// A client registered with keys made by jose gets a five-minute, read-only panel token
/// for an assertion signed RS384 or ES384; expired, wrong-audience, replayed, too-long,
/// foreign-key and unknown-client assertions are refused with `invalid_client` saying why;
/// the SMART discovery document and the CapabilityStatement name the token endpoint.
async fn backend_clients_trade_signed_assertions_for_short_read_only_tokens(app: TestApp) {
    let tmp = crate::scratch_dir("smart");
    let dir = tmp.path();
    let dir_text = dir.to_str().unwrap().to_owned();
    if jose(&["keys", &dir_text]).is_none() {
        return;
    }
    let (ann, _, _) = ann_with_a_response(&app).await;
    let doc = app.create_user("doc@example.org", Role::Clinician).await;
    app.link(ann, doc).await;
    let jwks = std::fs::read_to_string(dir.join("jwks.json")).unwrap();
    let id = backcare_storage::ClientId::parse(&"5a".repeat(16)).unwrap();
    app.store
        .create_api_client(&id, doc, "registry", &jwks, app.clock.now())
        .await
        .unwrap();
    let token_url = format!("{}/fhir/auth/token", app.base);

    // Where to ask: at the root, under the FHIR base, and in the CapabilityStatement.
    for path in [
        "/.well-known/smart-configuration",
        "/fhir/.well-known/smart-configuration",
    ] {
        let r = call(&app, "GET", path, None, None).await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        let conf = json(&r);
        assert_eq!(conf["token_endpoint"], token_url.as_str());
        assert_eq!(
            conf["token_endpoint_auth_signing_alg_values_supported"],
            serde_json::json!(["RS384", "ES384"])
        );
        assert_eq!(
            conf["grant_types_supported"],
            serde_json::json!(["client_credentials"])
        );
    }
    let statement = json(&call(&app, "GET", "/fhir/metadata", None, None).await);
    let security = &statement["rest"][0]["security"];
    assert_eq!(
        security["extension"][0]["extension"][0]["valueUri"],
        token_url.as_str()
    );
    assert_eq!(security["service"][0]["coding"][0]["code"], "SMART-on-FHIR");

    let now = app.clock.now().unix_timestamp();
    let sign = |alg: &str, aud: &str, exp: i64, jti: &str, variant: &str| {
        let mut args = vec!["sign", &dir_text, alg, id.as_str(), aud];
        let exp = exp.to_string();
        args.extend([exp.as_str(), jti]);
        if !variant.is_empty() {
            args.push(variant);
        }
        jose(&args).unwrap()
    };
    let app_ref = &app;
    let ask = move |assertion: String, scope: &'static str| async move {
        token_request(
            app_ref,
            &[
                ("grant_type", "client_credentials"),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", &assertion),
                ("scope", scope),
            ],
        )
        .await
    };
    let refused = |r: &Resp, status: u16, error: &str, needle: &str| {
        assert_eq!(r.status, status, "{}", r.body);
        assert_eq!(r.header("content-type"), "application/json");
        assert_eq!(r.header("cache-control"), "no-store");
        let v = json(r);
        assert_eq!(v["error"], error, "{}", r.body);
        assert!(
            v["error_description"].as_str().unwrap().contains(needle),
            "{needle:?} not in {}",
            r.body
        );
    };

    // RS384, then ES384 with a SMART v2 scope.
    let first = sign("RS384", &token_url, now + 240, "jti-1", "");
    let r = ask(first.clone(), "system/*.read").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("cache-control"), "no-store");
    let issued = json(&r);
    assert_eq!(issued["token_type"], "bearer");
    assert_eq!(issued["expires_in"], 300);
    assert_eq!(issued["scope"], "system/*.read");
    let access = issued["access_token"].as_str().unwrap().to_owned();
    let r = ask(
        sign("ES384", &token_url, now + 60, "jti-2", ""),
        "system/*.rs",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(json(&r)["scope"], "system/*.rs");

    // The token reads the clinician's panel, and only reads.
    let found = json(&get(&app, "/fhir/Patient", &access).await);
    assert_eq!(ids(&found), [format!("Patient/{}", ann.0)]);
    let r = post(
        &app,
        "/fhir/QuestionnaireResponse",
        &access,
        &response_text(Some(ann)),
    )
    .await;
    assert_outcome(&r, 403, "may only read");
    let status = kick_off(&app, "/fhir/Patient/$export", &access).await;
    let path = status.strip_prefix(&app.base).unwrap().to_owned();
    finished_manifest(&app, &status, &access).await;
    assert_eq!(
        call(&app, "DELETE", &path, Some(&access), None)
            .await
            .status,
        202
    );

    // Refused, each saying why.
    refused(
        &ask(first, "system/*.read").await,
        401,
        "invalid_client",
        "used before",
    );
    let (url, elsewhere) = (token_url.as_str(), "https://elsewhere.example/token");
    // (aud, exp, jti, what is wrong with it (jwt.mjs's VARIANT), scope, status, error, what
    // the description says)
    #[rustfmt::skip]
    let cases = [
        (url, now - 10, "jti-3", "", "system/*.read", 401, "invalid_client", "expired"),
        (elsewhere, now + 60, "jti-4", "", "system/*.read", 401, "invalid_client", "aud must be"),
        (url, now + 3600, "jti-5", "", "system/*.read", 401, "invalid_client", "more than 5 minutes"),
        (url, now + 60, "jti-6", "stranger", "system/*.read", 401, "invalid_client", "signature"),
        (url, now + 60, "jti-7", "", "system/Observation.read", 400, "invalid_scope", "every resource type"),
        (url, now + 60, "jti-8", "", "system/*.write", 400, "invalid_scope", "read access only"),
        (url, now + 60, "jti-11", "other-iss", "system/*.read", 401, "invalid_client", "there is no client"),
        (url, now + 60, "jti-12", "other-sub", "system/*.read", 401, "invalid_client", "sub must be the client id"),
        (url, now + 60, "jti-13", "no-jti", "system/*.read", 401, "invalid_client", "needs a jti"),
    ];
    for (aud, exp, jti, variant, scope, status, error, needle) in cases {
        let r = ask(sign("RS384", aud, exp, jti, variant), scope).await;
        refused(&r, status, error, needle);
    }
    refused(
        &token_request(&app, &[("grant_type", "password")]).await,
        400,
        "unsupported_grant_type",
        "client_credentials",
    );
    refused(
        &token_request(
            &app,
            &[
                ("grant_type", "client_credentials"),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", "not.a.jwt"),
                ("scope", "system/*.read"),
            ],
        )
        .await,
        401,
        "invalid_client",
        "not a JWT",
    );
    let r = call(&app, "POST", "/fhir/auth/token", None, Some((FHIR, "{}"))).await;
    refused(&r, 400, "invalid_request", "form");

    // Five minutes later the token is gone; a removed client's tokens stop at once.
    app.clock
        .advance(Duration::minutes(5) + Duration::seconds(1));
    assert_eq!(get(&app, "/fhir/Patient", &access).await.status, 401);
    let now = app.clock.now().unix_timestamp();
    let r = ask(
        sign("ES384", &token_url, now + 60, "jti-9", ""),
        "system/*.read",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let fresh = json(&r)["access_token"].as_str().unwrap().to_owned();
    assert_eq!(get(&app, "/fhir/Patient", &fresh).await.status, 200);
    app.store.delete_api_client(&id).await.unwrap();
    assert_eq!(get(&app, "/fhir/Patient", &fresh).await.status, 401);
    refused(
        &ask(
            sign("ES384", &token_url, now + 60, "jti-10", ""),
            "system/*.read",
        )
        .await,
        401,
        "invalid_client",
        "there is no client",
    );
}
