//! Prometheus metrics (issue 13), only on the separate address of `serve --metrics-bind`:
//! the public address has no `/metrics` (the route table does not name it), so the numbers
//! are for whoever can reach the private address, typically the monitoring network.
//!
//! The `metrics` facade records everywhere (a call with no recorder installed does
//! nothing, so the tests and a server without `--metrics-bind` pay nothing);
//! [`Metrics::install`] installs the process's one Prometheus recorder, and [`serve`]
//! answers `GET /metrics` with its text, without a second HTTP stack (the exporter's own
//! listener is off). Labels are the route table's path, never the raw URL, so the number
//! of series stays bounded and no id or query string reaches them.

use std::sync::OnceLock;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use backcare_storage::Store;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;

/// Requests answered, by `method`, `route` and `status` class (`2xx`...).
pub const REQUESTS: &str = "backcare_http_requests_total";
/// How long requests took, by `method` and `route`.
pub const DURATION: &str = "backcare_http_request_duration_seconds";
/// The database pool's connections: open, and of those idle.
pub const POOL_OPEN: &str = "backcare_db_pool_connections";
/// See [`POOL_OPEN`].
pub const POOL_IDLE: &str = "backcare_db_pool_idle_connections";

/// Log-ins refused for a wrong password or an unknown email.
pub const LOGIN_FAILURES: &str = "backcare_login_failures_total";
/// Requests refused by a limit, by `limit`: `address` (the per-address bucket),
/// `failures` (too many wrong passwords for one email from one address) or `hashing` (the
/// password-hashing queue was full).
pub const LIMITED: &str = "backcare_limited_total";
/// Background job runs, by `job` and `outcome` (`ok`, `failed`).
pub const JOBS: &str = "backcare_job_runs_total";
/// Reminder emails, by `kind` (`exercise`, `reassessment`) and `outcome` (`sent`,
/// `failed`).
pub const REMINDERS: &str = "backcare_reminders_total";
/// Triage results issued (web intake, answers given later, FHIR), by `level`.
pub const TRIAGE: &str = "backcare_triage_issued_total";

/// Latency buckets, in seconds: pages take milliseconds, a log-in's hash a few hundred.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's Prometheus recorder.
#[derive(Debug, Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
}

impl Metrics {
    /// Installs the recorder (the first call; later calls share it: one per process).
    pub fn install() -> Result<Self, String> {
        static HANDLE: OnceLock<Result<PrometheusHandle, String>> = OnceLock::new();
        let handle = HANDLE.get_or_init(|| {
            let handle = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(DURATION.to_owned()), BUCKETS)
                .and_then(PrometheusBuilder::install_recorder)
                .map_err(|e| e.to_string())?;
            metrics::describe_counter!(REQUESTS, "Requests answered, by route and status class.");
            metrics::describe_histogram!(
                DURATION,
                metrics::Unit::Seconds,
                "Time to answer a request, by route."
            );
            metrics::describe_gauge!(POOL_OPEN, "Open database connections.");
            metrics::describe_counter!(LOGIN_FAILURES, "Log-ins refused for a wrong password.");
            metrics::describe_counter!(LIMITED, "Requests refused by a limit, by limit.");
            metrics::describe_counter!(JOBS, "Background job runs, by job and outcome.");
            metrics::describe_counter!(REMINDERS, "Reminder emails, by kind and outcome.");
            metrics::describe_counter!(TRIAGE, "Triage results issued, by level.");
            metrics::describe_gauge!(POOL_IDLE, "Open database connections not in use.");
            Ok(handle)
        });
        handle.clone().map(|handle| Self { handle })
    }
}

impl Metrics {
    /// The text a scrape of `/metrics` returns now (without the pool's gauges).
    pub fn render(&self) -> String {
        self.handle.run_upkeep();
        self.handle.render()
    }
}

/// Records one answered request (called by the request log).
pub fn record_request(method: &str, route: &str, status: StatusCode, seconds: f64) {
    let class = match status.as_u16() {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    };
    let (method, route) = (method.to_owned(), route.to_owned());
    metrics::counter!(REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => class)
        .increment(1);
    metrics::histogram!(DURATION, "method" => method, "route" => route).record(seconds);
}

/// Counts a wrong password (or unknown email) at log-in.
pub fn login_failed() {
    metrics::counter!(LOGIN_FAILURES).increment(1);
}

/// Counts a request refused by `limit` (`address`, `failures` or `hashing`).
pub fn limited(limit: &'static str) {
    metrics::counter!(LIMITED, "limit" => limit).increment(1);
}

/// Counts one run of a background job.
pub fn job_ran(job: backcare_storage::Job, ok: bool) {
    let outcome = if ok { "ok" } else { "failed" };
    metrics::counter!(JOBS, "job" => job.as_str(), "outcome" => outcome).increment(1);
}

/// Counts one reminder email.
pub fn reminder(kind: backcare_storage::ReminderKind, sent: bool) {
    let outcome = if sent { "sent" } else { "failed" };
    metrics::counter!(REMINDERS, "kind" => kind.as_str(), "outcome" => outcome).increment(1);
}

/// Counts one triage result issued.
pub fn triage_issued(level: backcare_core::triage::Level) {
    metrics::counter!(TRIAGE, "level" => level.id()).increment(1);
}

/// Serves `GET /metrics` on `listener` until the task is aborted; anything else is 404.
pub async fn serve(listener: TcpListener, metrics: Metrics, store: Store) -> std::io::Result<()> {
    let app = Router::new()
        .route("/metrics", get(render))
        .with_state((metrics, store));
    axum::serve(listener, app).await
}

async fn render(State((metrics, store)): State<(Metrics, Store)>) -> Response {
    let pool = store.pool_use();
    metrics::gauge!(POOL_OPEN).set(f64::from(pool.open));
    metrics::gauge!(POOL_IDLE).set(pool.idle as f64);
    // Drains the histograms' recent samples; without a listener of its own, the exporter
    // leaves this to whoever renders.
    metrics.handle.run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        metrics.handle.render(),
    )
        .into_response()
}
