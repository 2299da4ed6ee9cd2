//! Service hooks (issue 13): the health and readiness probes, and the layers every response
//! goes through (compression, request ids).

use crate::TestApp;

on_both_backends!(
    health_and_readiness_probes,
    a_database_ahead_of_the_code_is_not_ready,
);

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
