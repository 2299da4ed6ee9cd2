//! The probes a process supervisor, load balancer or container platform asks (issue 13):
//! `GET /healthz` (is the process up?) and `GET /readyz` (can it serve: does the database
//! answer, with the schema this code expects?). Plain text for the operator's tools, never
//! anyone's data; the request log keeps them out of its info lines
//! ([`crate::infra::security::PROBES`]).

use std::time::Duration;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use backcare_storage::SchemaStatus;

use crate::AppState;

/// How long `/readyz` waits for the database before it says it did not answer.
const DATABASE_WAIT: Duration = Duration::from_secs(2);

/// `GET /healthz`: 200 while the process runs. Touches nothing, so a slow database never
/// makes a supervisor restart a healthy process.
pub async fn healthz() -> Response {
    plain(StatusCode::OK, "ok\n".to_owned())
}

/// `GET /readyz`: 200 when the database answers and its migrations are the ones this code
/// expects; else 503 and the reason, in plain words.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let checked = tokio::time::timeout(DATABASE_WAIT, state.store.schema_status()).await;
    let reason = match checked {
        Ok(Ok(SchemaStatus::Current)) => return plain(StatusCode::OK, "ready\n".to_owned()),
        Err(_) => format!(
            "the database did not answer within {} seconds",
            DATABASE_WAIT.as_secs()
        ),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness check: the database failed");
            "the database did not answer (see the server's log)".to_owned()
        }
        Ok(Ok(SchemaStatus::Behind(missing))) => format!(
            "the database needs migrations this server has not run yet: {} (restart the \
             server to run them)",
            versions(&missing)
        ),
        Ok(Ok(SchemaStatus::Ahead(unknown))) => format!(
            "the database has migrations from a newer backcare: {} (upgrade this server)",
            versions(&unknown)
        ),
        Ok(Ok(SchemaStatus::Failed(version))) => {
            format!("migration {version} failed half-way: the database needs a person to repair it")
        }
    };
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("not ready: {reason}\n"),
    )
}

/// `1, 2, 3`.
fn versions(list: &[i64]) -> String {
    list.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn plain(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}
