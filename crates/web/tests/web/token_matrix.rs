//! The authorisation matrix for bearer tokens: every `/fhir` route of the one route table,
//! walked for every kind of token (a patient's own, another patient's, a panel token with
//! and without the link to the patient, a revoked one, none). The cookie walk in `main.rs`
//! shows that sessions never reach these routes; this one shows who a token reaches.

use backcare_storage::{Role, TokenScope, UserId};
use backcare_web::routes::{Access, Kind, Method, ROUTES};
use time::{Duration, OffsetDateTime};

use crate::fhir::{call, finished_manifest, kick_off, response_text, token};
use crate::{TestApp, client::Resp};

on_both_backends!(every_fhir_route_for_every_token);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    NoToken,
    /// A patient token of the patient the request is about.
    Owner,
    /// A patient token of someone else.
    OtherPatient,
    LinkedPanel,
    UnlinkedPanel,
    Revoked,
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Allowed,
    /// 401 with `WWW-Authenticate: Bearer`.
    LogIn,
    Forbidden,
    NotFound,
    /// 400 with an OAuth error (`application/json`).
    OAuthRefusal,
}

/// What each holder gets on a route about patient A. Reads by id say "not found" rather
/// than "forbidden", so an id reveals nothing about whose it is.
fn expected(access: Access, by_id: bool, holder: Holder) -> Outcome {
    use Holder::*;
    match (access, holder) {
        (Access::Anyone, _) => Outcome::Allowed,
        (Access::Token, NoToken | Revoked) => Outcome::LogIn,
        (Access::Token, Owner | LinkedPanel) => Outcome::Allowed,
        (Access::Token, UnlinkedPanel) => Outcome::NotFound,
        (Access::Token, OtherPatient) if by_id => Outcome::NotFound,
        (Access::Token, OtherPatient) => Outcome::Forbidden,
        (other, _) => panic!("a /fhir route with cookie access {other:?}"),
    }
}

/// What each holder gets on a route that only one holder's own thing answers (a panel's
/// Group, an export): anyone else's token finds nothing there.
fn only(owner: Holder, holder: Holder) -> Outcome {
    match holder {
        Holder::NoToken | Holder::Revoked => Outcome::LogIn,
        h if h == owner => Outcome::Allowed,
        _ => Outcome::NotFound,
    }
}

/// What a request got; every answer is FHIR JSON but a Bulk Data manifest (JSON, as the IG
/// says) and an export's file (NDJSON).
fn observed(r: &Resp, path: &str) -> Outcome {
    let kind = match path {
        "/fhir/auth/token" | "/fhir/.well-known/smart-configuration" => "application/json",
        _ if r.status != 200 => "application/fhir+json",
        p if p.starts_with("/fhir/bulk-status/") => "application/json",
        p if p.starts_with("/fhir/bulk-files/") => "application/fhir+ndjson",
        _ => "application/fhir+json",
    };
    assert!(
        r.header("content-type").starts_with(kind),
        "every FHIR answer is FHIR JSON: {} {}",
        r.status,
        r.body
    );
    match r.status {
        401 if r.header("www-authenticate").starts_with("Bearer") => Outcome::LogIn,
        403 => Outcome::Forbidden,
        404 => Outcome::NotFound,
        400 if path == "/fhir/auth/token" => Outcome::OAuthRefusal,
        s if s < 400 => Outcome::Allowed,
        s => panic!("unexpected status {s}: {}", r.body),
    }
}

fn pain_observation(patient: UserId) -> String {
    format!(
        r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"72514-3"}}]}},"subject":{{"reference":"Patient/{}"}},"effectiveDateTime":"2026-11-20","valueQuantity":{{"value":4.0,"unit":"score"}}}}"#,
        patient.0
    )
}

async fn every_fhir_route_for_every_token(app: TestApp) {
    let ann = app.create_user("ann@example.org", Role::Patient).await;
    let bob = app.create_user("bob@example.org", Role::Patient).await;
    let linked = app.create_user("linked@example.org", Role::Clinician).await;
    let unlinked = app
        .create_user("unlinked@example.org", Role::Clinician)
        .await;
    app.link(ann, linked).await;
    let own = token(&app, ann, TokenScope::Patient, "ann").await;
    let other = token(&app, bob, TokenScope::Patient, "bob").await;
    let linked_panel = token(&app, linked, TokenScope::Panel, "linked").await;
    let unlinked_panel = token(&app, unlinked, TokenScope::Panel, "unlinked").await;
    let revoked = "r".repeat(64);
    let now = OffsetDateTime::now_utc();
    let made = app
        .store
        .create_api_token(
            ann,
            &backcare_web::auth::token_hash(&revoked),
            TokenScope::Patient,
            "revoked",
            now,
            now + Duration::days(1),
        )
        .await
        .unwrap();
    app.store.revoke_api_token(made.id).await.unwrap();

    // Ann's resources, for the reads by id.
    let qr = call(
        &app,
        "POST",
        "/fhir/QuestionnaireResponse",
        Some(&own),
        Some(("application/fhir+json", &response_text(Some(ann)))),
    )
    .await;
    assert_eq!(qr.status, 201, "{}", qr.body);
    let obs = call(
        &app,
        "POST",
        "/fhir/Observation",
        Some(&own),
        Some(("application/fhir+json", &pain_observation(ann))),
    )
    .await;
    assert_eq!(obs.status, 201, "{}", obs.body);
    let (qr, obs) = (qr.location().to_owned(), obs.location().to_owned());
    // Two exports of Ann's own record: one read (status and a file), one cancelled.
    let read = kick_off(&app, "/fhir/Patient/$export", &own).await;
    let file = finished_manifest(&app, &read, &own).await["output"][0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let cancelled = kick_off(&app, "/fhir/Patient/$export", &own).await;
    let local = |url: &str| url.strip_prefix(&app.base).unwrap().to_owned();
    let group = format!("/fhir/Group/panel-{}", linked.0);

    let fhir_routes: Vec<_> = ROUTES.iter().filter(|r| r.kind == Kind::Fhir).collect();
    assert!(fhir_routes.iter().all(|r| r.path.starts_with("/fhir/")));
    assert_eq!(
        ROUTES
            .iter()
            .filter(|r| r.path.starts_with("/fhir"))
            .count(),
        fhir_routes.len(),
        "every /fhir route answers as FHIR"
    );
    let mut checked = 0;
    for (holder, bearer) in [
        (Holder::NoToken, None),
        (Holder::Owner, Some(own.as_str())),
        (Holder::OtherPatient, Some(other.as_str())),
        (Holder::LinkedPanel, Some(linked_panel.as_str())),
        (Holder::UnlinkedPanel, Some(unlinked_panel.as_str())),
        (Holder::Revoked, Some(revoked.as_str())),
    ] {
        for route in &fhir_routes {
            // Every request is about Ann.
            let path = match route.path {
                "/fhir/QuestionnaireResponse/{resource}" => qr.clone(),
                "/fhir/Observation/{resource}" => obs.clone(),
                "/fhir/CarePlan/{resource}" => format!("/fhir/CarePlan/p{}-careplan", ann.0),
                "/fhir/CarePlan/{resource}/_history" => {
                    format!("/fhir/CarePlan/p{}-careplan/_history", ann.0)
                }
                // Ann's clinician: what her records point to.
                "/fhir/Practitioner/{resource}" => format!("/fhir/Practitioner/{}", linked.0),
                "/fhir/Patient" => format!("/fhir/Patient?_id={}", ann.0),
                "/fhir/Patient/$export" | "/fhir/Group" => route.path.to_owned(),
                "/fhir/Group/{resource}" => group.clone(),
                "/fhir/Group/{resource}/$export" => format!("{group}/$export"),
                "/fhir/bulk-status/{export}" if route.method == Method::Delete => local(&cancelled),
                "/fhir/bulk-status/{export}" => local(&read),
                "/fhir/bulk-files/{export}/{file}" => local(&file),
                p if route.method == Method::Get
                    && !p.contains('{')
                    && route.access == Access::Token =>
                {
                    format!("{p}?patient={}", ann.0)
                }
                p => p
                    .replace("{patient}", &ann.0.to_string())
                    .replace("{questionnaire}", "intake-en"),
            };
            let body = match route.path {
                "/fhir/QuestionnaireResponse" => Some(response_text(Some(ann))),
                "/fhir/Observation" => Some(pain_observation(ann)),
                _ => None,
            };
            let r = call(
                &app,
                route.method.as_str(),
                &path,
                bearer,
                body.as_deref().map(|b| ("application/fhir+json", b)),
            )
            .await;
            // A resource by its id (its history too): "not found" to those who may not see it.
            let by_id = route.path.contains("{resource}");
            let want = match route.path {
                // A bearer token is no client assertion: the token endpoint refuses the
                // request as an OAuth error, whoever sends it.
                "/fhir/auth/token" => Outcome::OAuthRefusal,
                // What the token may see, whoever holds it: about nobody in particular.
                "/fhir/Patient/$export" | "/fhir/Group" => only(holder, holder),
                // The linked clinician's panel, and Ann's own exports.
                p if p.starts_with("/fhir/Group/") => only(Holder::LinkedPanel, holder),
                p if p.starts_with("/fhir/bulk-") => only(Holder::Owner, holder),
                _ => expected(route.access, by_id, holder),
            };
            assert_eq!(
                observed(&r, route.path),
                want,
                "{holder:?} {} {path}: {} {}",
                route.method.as_str(),
                r.status,
                r.body
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 6 * fhir_routes.len());
    assert!(fhir_routes.len() >= 10, "the walk covers the FHIR API");
}
