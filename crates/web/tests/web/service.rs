//! Service hooks (issue 13): the health and readiness probes, and the layers every response
//! goes through (compression, request ids).

use std::io::Read;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as Hyper;
use hyper_util::rt::TokioExecutor;

use crate::TestApp;

on_both_backends!(
    health_and_readiness_probes,
    a_database_ahead_of_the_code_is_not_ready,
    pages_and_json_are_gzipped_when_asked,
    every_response_has_a_request_id,
    log_in_failures_and_triage_results_are_counted,
);

/// GETs `path` with these request headers; the status, headers and raw body bytes.
async fn raw_get(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, hyper::HeaderMap, Vec<u8>) {
    let client = Hyper::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let mut request = hyper::Request::get(format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = client
        .request(request.body(Empty::new()).unwrap())
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, body.to_vec())
}

fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip body");
    text
}

async fn pages_and_json_are_gzipped_when_asked(app: TestApp) {
    let page = "/articles/slipped-disc-and-sciatica";
    let (status, headers, plain) = raw_get(&app, page, &[]).await;
    assert_eq!(status, 200);
    assert!(headers.get("content-encoding").is_none(), "{headers:?}");
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.contains("</html>"));

    let (status, headers, zipped) = raw_get(&app, page, &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-encoding"], "gzip", "{headers:?}");
    assert!(
        zipped.len() * 2 < plain.len(),
        "{} {}",
        zipped.len(),
        plain.len()
    );
    // The same page, but for the CSRF token (each visitor without a cookie gets a new one).
    let unzipped = gunzip(&zipped);
    let token = |page: &str| {
        let at = page.find("name=\"csrf\" value=\"").map(|i| i + 20);
        at.map(|i| page[i..i + 64].to_owned())
    };
    let same = match (token(&plain), token(&unzipped)) {
        (Some(a), Some(b)) => unzipped.replace(&b, &a),
        _ => unzipped.clone(),
    };
    assert_eq!(same, plain);
    // The security headers are still there.
    assert!(headers.contains_key("content-security-policy"));

    // JSON too (the FHIR CapabilityStatement).
    let (status, headers, zipped) =
        raw_get(&app, "/fhir/metadata", &[("accept-encoding", "gzip")]).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-encoding"], "gzip", "{headers:?}");
    let json: serde_json::Value = serde_json::from_str(&gunzip(&zipped)).unwrap();
    assert_eq!(json["resourceType"], "CapabilityStatement");

    // A request another site made the browser send is not compressed (BREACH).
    let (_, headers, _) = raw_get(
        &app,
        page,
        &[
            ("accept-encoding", "gzip"),
            ("sec-fetch-site", "cross-site"),
        ],
    )
    .await;
    assert!(headers.get("content-encoding").is_none(), "{headers:?}");
    let (_, headers, _) = raw_get(
        &app,
        page,
        &[
            ("accept-encoding", "gzip"),
            ("sec-fetch-site", "same-origin"),
        ],
    )
    .await;
    assert_eq!(headers["content-encoding"], "gzip", "{headers:?}");
}

async fn every_response_has_a_request_id(app: TestApp) {
    let mut ids = Vec::new();
    for path in ["/", "/healthz", "/no-such-page"] {
        let (_, headers, _) = raw_get(&app, path, &[]).await;
        let id = headers["x-request-id"].to_str().unwrap().to_owned();
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{path}: {id}"
        );
        ids.push(id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 3, "{ids:?}");
    // A reverse proxy's id is kept, so its log and ours match...
    let (_, headers, _) = raw_get(&app, "/", &[("x-request-id", "proxy-7f3a.2")]).await;
    assert_eq!(headers["x-request-id"], "proxy-7f3a.2");
    // ...but not anything a client likes to write into the log.
    for odd in ["a b", "<script>", &"x".repeat(65)] {
        let (_, headers, _) = raw_get(&app, "/", &[("x-request-id", odd)]).await;
        let id = headers["x-request-id"].to_str().unwrap();
        assert_eq!(id.len(), 16, "{odd}: {id}");
    }
}

async fn health_and_readiness_probes(app: TestApp) {
    let mut client = app.client();
    let health = client.get("/healthz").await;
    assert_eq!((health.status, health.body.as_str()), (200, "ok\n"));
    assert!(health.header("content-type").starts_with("text/plain"));
    let ready = client.get("/readyz").await;
    assert_eq!((ready.status, ready.body.as_str()), (200, "ready\n"));
    // Only the public routes of the table exist: nothing else answers under /metrics.
    assert_eq!(client.get("/metrics").await.status, 404);
}

async fn a_database_ahead_of_the_code_is_not_ready(app: TestApp) {
    app.store.record_unknown_migration(9999).await.unwrap();
    let mut client = app.client();
    let ready = client.get("/readyz").await;
    assert_eq!(ready.status, 503, "{}", ready.body);
    assert_eq!(
        ready.body,
        "not ready: the database has migrations from a newer backcare: 9999 (upgrade this \
         server)\n"
    );
    // The process itself is fine: a supervisor must not restart it for this.
    assert_eq!(client.get("/healthz").await.status, 200);
}

/// The counters an operator alerts on move when the thing happens: a wrong password, a
/// triage result issued (the recorder is the process's one, shared by every test running
/// at the same time, so the lines are looked for, not their totals).
async fn log_in_failures_and_triage_results_are_counted(app: TestApp) {
    let metrics = backcare_web::infra::metrics::Metrics::install().unwrap();
    let email = "counted@example.org";
    let mut c = app.client();
    crate::sign_up(&mut c, email).await;
    crate::walk_the_wizard(&mut c).await;
    let mut stranger = app.client();
    let refused = crate::log_in(&mut stranger, email, "not the password at all").await;
    assert_eq!(refused.status, 422);
    let text = metrics.render();
    for wanted in [
        "backcare_login_failures_total ",
        r#"backcare_triage_issued_total{level="self_care"} "#,
    ] {
        assert!(text.contains(wanted), "{wanted}: {text}");
    }
}
