//! FHIR Bulk Data export (HL7 FHIR Bulk Data Access IG v2; `docs/fhir.md`), with the same
//! bearer tokens as the rest of `/fhir`.
//!
//! - **Kick-off**: `GET /fhir/Group/{id}/$export` (a clinician's panel, `panel-{id}`) and
//!   `GET /fhir/Patient/$export` (every patient the token may see) take `_type`, `_since`
//!   and `_outputFormat`; they queue the export and answer 202 with `Content-Location`,
//!   the status address. The export job ([`crate::model::bulk_export`]) writes the files.
//! - **Status**: `GET /fhir/bulk-status/{export}` answers 202 with `X-Progress` while it
//!   runs, then 200 with the manifest; a failed export is a 500 OperationOutcome saying so.
//!   `DELETE` cancels it (202) and deletes its files.
//! - **Files**: `GET /fhir/bulk-files/{export}/{n}.ndjson`, NDJSON, with the same token.
//!
//! Only the token's owner, in the token's scope, reaches an export: anyone else's is
//! "not found", like an expired one.

// A refusal is the finished answer (an OperationOutcome response), returned once per
// request on its error path: boxing it would only add noise.
#![allow(clippy::result_large_err)]

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use backcare_fhir::types::IssueSeverity;
use backcare_storage::{ExportId, ExportStatus, NewExport, TokenScope};
use serde::Serialize;

use crate::AppState;
use crate::infra::error::AppError;
use crate::infra::fhir::{
    ApiCaller, FhirError, fhir, instant, issue, not_found, operation_outcome, or_not_found,
    outcome, plain_json,
};
use crate::infra::security::random_hex;
use crate::model::bulk_export::{EXPORT_TYPES, panel_group_owner};
use crate::model::fhir_record::rfc3339;

/// The output formats asked for by `_outputFormat` that mean NDJSON (the IG's and its
/// abbreviations).
const NDJSON: [&str; 3] = ["application/fhir+ndjson", "application/ndjson", "ndjson"];

/// How many exports one token's owner may have queued or running at once: more wait
/// (429), so one client cannot fill the queue for everyone.
pub const MAX_ACTIVE_EXPORTS: u64 = 3;

/// The longest kick-off address kept for the manifest's `request` (as the table allows).
const MAX_REQUEST: usize = 2000;

/// How long a client is asked to wait before it polls again, in seconds.
const RETRY_AFTER: &str = "2";

/// A 400 OperationOutcome naming the parameter.
fn bad(what: &str, diagnostics: String) -> FhirError {
    outcome(StatusCode::BAD_REQUEST, "invalid", diagnostics, Some(what)).into()
}

/// What a kick-off asks, checked: the resource types (empty for all) and `_since`.
fn request_of(
    params: &[(String, String)],
) -> Result<(Vec<String>, Option<time::OffsetDateTime>), FhirError> {
    let mut types = Vec::new();
    let mut since = None;
    for (name, value) in params {
        match name.as_str() {
            "_outputFormat" if NDJSON.contains(&value.as_str()) => {}
            "_outputFormat" => {
                return Err(bad(
                    "_outputFormat",
                    format!("_outputFormat {value:?} is not served; application/fhir+ndjson is"),
                ));
            }
            "_type" => {
                for t in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    if !EXPORT_TYPES.contains(&t) {
                        return Err(bad(
                            "_type",
                            format!(
                                "{t} is not exported; the types are {}",
                                EXPORT_TYPES.join(", ")
                            ),
                        ));
                    }
                    if !types.iter().any(|w| w == t) {
                        types.push(t.to_owned());
                    }
                }
            }
            "_since" => {
                since = Some(instant(value).ok_or_else(|| {
                    bad(
                        "_since",
                        format!("_since must be an instant (2026-12-01T00:00:00Z), not {value:?}"),
                    )
                })?);
            }
            other => {
                return Err(outcome(
                    StatusCode::BAD_REQUEST,
                    "not-supported",
                    format!("the export parameter {other} is not supported; _type, _since and _outputFormat are"),
                    Some(other),
                )
                .into());
            }
        }
    }
    Ok((types, since))
}

/// Queues the export the caller asked for at `asked` and wakes the export job.
async fn kick_off(
    state: &AppState,
    caller: &backcare_storage::ApiToken,
    asked: &Uri,
    params: &[(String, String)],
) -> Result<Response, FhirError> {
    let (types, since) = request_of(params)?;
    let now = state.clock.now();
    if state
        .store
        .active_exports(caller.user, caller.scope, now)
        .await?
        >= MAX_ACTIVE_EXPORTS
    {
        let mut refused = outcome(
            StatusCode::TOO_MANY_REQUESTS,
            "throttled",
            format!(
                "{MAX_ACTIVE_EXPORTS} exports are already waiting or running; wait for one to \
                 finish, or cancel one (DELETE its status address)"
            ),
            None,
        );
        refused
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return Err(refused.into());
    }
    let id = ExportId::parse(&random_hex(16))
        .ok_or_else(|| AppError::Internal("a new export id is not 32 hex digits".into()))?;
    let request = state
        .public_url
        .join(asked.path_and_query().map_or(asked.path(), |p| p.as_str()));
    if request.len() > MAX_REQUEST {
        return Err(outcome(
            StatusCode::BAD_REQUEST,
            "too-long",
            format!("the kick-off address is longer than {MAX_REQUEST} characters"),
            None,
        )
        .into());
    }
    state
        .store
        .create_export(
            &NewExport {
                id: id.clone(),
                user: caller.user,
                scope: caller.scope,
                request,
                types,
                since,
            },
            now,
        )
        .await?;
    state.exports_waiting.notify_one();
    let status_url = format!(
        "{}/bulk-status/{}",
        state.public_url.fhir_base(),
        id.as_str()
    );
    let mut response = fhir(
        StatusCode::ACCEPTED,
        &operation_outcome(vec![issue(
            IssueSeverity::Information,
            "informational",
            format!("the export is queued; its status is at {status_url}"),
        )]),
    );
    if let Ok(v) = HeaderValue::from_str(&status_url) {
        response.headers_mut().insert(header::CONTENT_LOCATION, v);
    }
    Ok(response)
}

/// `GET /fhir/Group/{resource}/$export`: every linked patient of the clinician whose panel
/// it is (a panel token's own Group only).
pub async fn export_group(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    asked: Uri,
    Path(id): Path<String>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, FhirError> {
    if caller.scope != TokenScope::Panel || panel_group_owner(&id) != Some(caller.user) {
        return Err(not_found(&format!("Group/{id}")).into());
    }
    kick_off(&state, &caller, &asked, &params).await
}

/// `GET /fhir/Patient/$export`: every patient the token may see.
pub async fn export_patients(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    asked: Uri,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, FhirError> {
    kick_off(&state, &caller, &asked, &params).await
}

/// One entry of a manifest's `output` or `error`.
#[derive(Serialize)]
struct ManifestFile {
    #[serde(rename = "type")]
    kind: String,
    url: String,
    count: i64,
}

/// The manifest of a finished export (the IG's "complete status" body).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    transaction_time: String,
    request: String,
    requires_access_token: bool,
    output: Vec<ManifestFile>,
    error: Vec<ManifestFile>,
}

fn export_id(raw: &str) -> Result<ExportId, FhirError> {
    ExportId::parse(raw).ok_or_else(|| not_found("the export").into())
}

/// `GET /fhir/bulk-status/{export}`: 202 with `X-Progress` until done, then the manifest.
pub async fn export_status(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(raw): Path<String>,
) -> Result<Response, FhirError> {
    let id = export_id(&raw)?;
    let now = state.clock.now();
    let (export, files) = or_not_found(
        state
            .store
            .export(&id, caller.user, caller.scope, now)
            .await,
        "the export",
    )?;
    let progress = match &export.status {
        ExportStatus::Queued => Some("queued".to_owned()),
        ExportStatus::Running => Some(export.progress.clone().unwrap_or_else(|| "started".into())),
        ExportStatus::Failed(why) => {
            return Err(outcome(
                StatusCode::INTERNAL_SERVER_ERROR,
                "exception",
                format!("the export failed: {why}"),
                None,
            )
            .into());
        }
        ExportStatus::Done => None,
    };
    if let Some(progress) = progress {
        let mut response = StatusCode::ACCEPTED.into_response();
        let headers = response.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&progress) {
            headers.insert("x-progress", v);
        }
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER));
        return Ok(response);
    }
    let base = state.public_url.fhir_base();
    let entry = |f: &backcare_storage::ExportFile| ManifestFile {
        kind: f.resource_type.clone(),
        url: format!("{base}/bulk-files/{}/{}.ndjson", id.as_str(), f.seq),
        count: f.count,
    };
    let manifest = Manifest {
        transaction_time: rfc3339(export.requested_at).unwrap_or_default(),
        request: export.request.request.clone(),
        requires_access_token: true,
        output: files.iter().filter(|f| !f.is_error).map(entry).collect(),
        error: files.iter().filter(|f| f.is_error).map(entry).collect(),
    };
    let mut response = plain_json(StatusCode::OK, &manifest);
    if let Some(expires) = http_date(export.expires_at)
        && let Ok(v) = HeaderValue::from_str(&expires)
    {
        response.headers_mut().insert(header::EXPIRES, v);
    }
    Ok(response)
}

/// An HTTP date (RFC 9110): `Fri, 04 Dec 2026 22:18:11 GMT`.
fn http_date(t: time::OffsetDateTime) -> Option<String> {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.to_offset(time::UtcOffset::UTC).format(&format).ok()
}

/// `DELETE /fhir/bulk-status/{export}`: cancels the export and deletes its files.
pub async fn cancel_export(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(raw): Path<String>,
) -> Result<Response, FhirError> {
    let id = export_id(&raw)?;
    let now = state.clock.now();
    or_not_found(
        state
            .store
            .cancel_export(&id, caller.user, caller.scope, now)
            .await,
        "the export",
    )?;
    Ok(fhir(
        StatusCode::ACCEPTED,
        &operation_outcome(vec![issue(
            IssueSeverity::Information,
            "informational",
            "the export is cancelled and its files deleted",
        )]),
    ))
}

/// `GET /fhir/bulk-files/{export}/{file}`: one NDJSON file of a finished export (`1.ndjson`).
pub async fn export_file(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path((raw, file)): Path<(String, String)>,
) -> Result<Response, FhirError> {
    let id = export_id(&raw)?;
    let seq = file
        .strip_suffix(".ndjson")
        .and_then(|n| n.parse::<i64>().ok())
        .ok_or_else(|| FhirError::from(not_found("the file")))?;
    let now = state.clock.now();
    let body = or_not_found(
        state
            .store
            .export_file(&id, seq, caller.user, caller.scope, now)
            .await,
        "the file",
    )?;
    Ok((
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/fhir+ndjson"),
        )],
        body,
    )
        .into_response())
}
