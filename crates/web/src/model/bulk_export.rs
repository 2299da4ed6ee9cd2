//! The FHIR Bulk Data export job (HL7 FHIR Bulk Data Access IG v2; `docs/fhir.md`).
//!
//! A kick-off queues an export in the database ([`backcare_storage::Store::create_export`])
//! and wakes this instance's job; every instance's job also looks every
//! [`crate::infra::housekeeping::JOBS_CHECK_EVERY`], so a queued export is run once in all,
//! by whichever instance claims it first ([`run_next`]). The job reads each patient the
//! token may see, as `$everything` does ([`whole_record`], [`changed_since`]), and writes
//! one NDJSON file per resource type for every [`PATIENTS_PER_FILE`] patients, so memory
//! stays bounded whatever the panel's size. What could not be read goes into the
//! manifest's `error` files as OperationOutcomes, never left out silently. It checks that
//! the export is still its own before each patient: a cancel stops it there. It records
//! each patient it reads, so that an export goes when one of them deletes their account or
//! unlinks from the clinician ([`backcare_storage::Store::add_export_patient`]).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use backcare_fhir::types::Resource;
use backcare_storage::{Export, ExportFile, ExportId, TokenScope, UserId};
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use crate::AppState;
use crate::infra::error::AppError;
use crate::model::fhir_record::{changed_since, whole_record};

/// The resource types an export can hold, in the order of the manifest.
pub const EXPORT_TYPES: [&str; 6] = [
    "Patient",
    "QuestionnaireResponse",
    "Observation",
    "Condition",
    "CarePlan",
    "ServiceRequest",
];

/// The Bulk Data IG's server CapabilityStatement, which `/fhir/metadata` instantiates.
pub const BULK_DATA_SERVER: &str = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";

/// The id of a clinician's panel as a FHIR `Group`: `panel-{clinician}`.
pub fn panel_group_id(clinician: UserId) -> String {
    format!("panel-{}", clinician.0)
}

/// The clinician whose panel the Group id names.
pub fn panel_group_owner(id: &str) -> Option<UserId> {
    id.strip_prefix("panel-")?
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(UserId)
}

/// How many patients' resources are gathered before they are written as files.
pub const PATIENTS_PER_FILE: usize = 100;

/// What one run of the job did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran {
    /// The export is done, its files written.
    Done(ExportId),
    /// It was cancelled (or claimed by another instance) while running: stopped.
    Stopped(ExportId),
}

/// The patients an export reads: the owner's record for a patient token, the linked
/// patients for a panel token.
async fn patients_of(state: &AppState, export: &Export) -> Result<Vec<UserId>, AppError> {
    Ok(match export.request.scope {
        TokenScope::Patient => vec![export.request.user],
        TokenScope::Panel => state
            .store
            .linked_patients(export.request.user)
            .await?
            .into_iter()
            .map(|l| l.user_id)
            .collect(),
    })
}

/// One type's lines gathered so far.
#[derive(Default)]
struct Lines {
    text: String,
    count: i64,
}

/// Claims the next queued export, if any, and runs it to the end: `Ok(None)` when there
/// was none to claim. A failure is recorded on the export (the status says so) and is also
/// the error returned, for the log.
pub async fn run_next(state: &AppState, runner: &str) -> Result<Option<Ran>, AppError> {
    let Some(export) = state.store.claim_export(runner, state.clock.now()).await? else {
        return Ok(None);
    };
    let id = export.request.id.clone();
    match write_files(state, runner, &export).await {
        Ok(true) => {
            let finished = state
                .store
                .finish_export(&id, runner, None, state.clock.now())
                .await?;
            Ok(Some(if finished {
                Ran::Done(id)
            } else {
                Ran::Stopped(id)
            }))
        }
        Ok(false) => Ok(Some(Ran::Stopped(id))),
        Err(e) => {
            // The person asking sees that it failed and can ask again; what went wrong in
            // detail is for the operator's log.
            let _ = state
                .store
                .finish_export(
                    &id,
                    runner,
                    Some("the export could not be completed; please ask for it again"),
                    state.clock.now(),
                )
                .await;
            Err(e)
        }
    }
}

/// Writes the export's files; `Ok(false)` as soon as it is no longer this runner's.
async fn write_files(state: &AppState, runner: &str, export: &Export) -> Result<bool, AppError> {
    let store = &state.store;
    let asked = &export.request;
    let patients = patients_of(state, export).await?;
    let wanted = |t: &str| asked.types.is_empty() || asked.types.iter().any(|w| w == t);
    let mut seq = 0;
    for (chunk_no, chunk) in patients.chunks(PATIENTS_PER_FILE).enumerate() {
        let mut by_type: BTreeMap<&'static str, Lines> = BTreeMap::new();
        let mut errors = Lines::default();
        for (i, &patient) in chunk.iter().enumerate() {
            let done = chunk_no * PATIENTS_PER_FILE + i;
            let progress = format!("{done} of {} patients", patients.len());
            if !store
                .export_progress(&asked.id, runner, &progress, state.clock.now())
                .await?
            {
                return Ok(false);
            }
            if asked.scope == TokenScope::Panel {
                // Each patient's look is in their access log; one who unlinked since the
                // list was read is skipped.
                match store
                    .open_patient_record(
                        asked.user,
                        patient,
                        "FHIR API: bulk export",
                        state.clock.now(),
                    )
                    .await
                {
                    Err(backcare_storage::Error::NotFound) => continue,
                    opened => opened?,
                }
            }
            // Recorded before it is read: the export goes if the patient leaves.
            match store.add_export_patient(&asked.id, runner, patient).await {
                Ok(true) => {}
                Ok(false) => return Ok(false),
                // Their account was deleted meanwhile.
                Err(backcare_storage::Error::NotFound) => continue,
                Err(e) => return Err(e.into()),
            }
            let found = whole_record(state, patient, true).await?;
            for r in changed_since(asked.since, found) {
                let line = serde_json::to_string(&r).map_err(|e| {
                    AppError::Internal(format!("a resource did not serialise: {e}"))
                })?;
                let lines = match &r {
                    Resource::OperationOutcome(_) => &mut errors,
                    _ => match EXPORT_TYPES.iter().find(|t| **t == r.resource_type()) {
                        Some(t) if wanted(t) => by_type.entry(t).or_default(),
                        _ => continue,
                    },
                };
                lines.text.push_str(&line);
                lines.text.push('\n');
                lines.count += 1;
            }
        }
        let files = EXPORT_TYPES
            .iter()
            .filter_map(|t| by_type.remove(t).map(|l| (*t, false, l)))
            .chain((errors.count > 0).then_some(("OperationOutcome", true, errors)));
        for (resource_type, is_error, lines) in files {
            seq += 1;
            let file = ExportFile {
                seq,
                resource_type: resource_type.to_owned(),
                is_error,
                count: lines.count,
            };
            if !store
                .add_export_file(&asked.id, runner, &file, &lines.text)
                .await?
            {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Starts this instance's export job: it runs what is queued when `wake` is notified (a
/// kick-off on this instance) and every `check_every` (one on another instance, or one
/// left by an instance that stopped). Abort the handle to stop it; an export cut short is
/// claimed again once it has stalled ([`backcare_storage::EXPORT_STALLED`]).
pub fn spawn(
    state: AppState,
    runner: String,
    check_every: Duration,
    wake: Arc<Notify>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(check_every);
        tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = wake.notified() => {}
            }
            // Everything queued, one after another.
            loop {
                match run_next(&state, &runner).await {
                    Ok(None) => break,
                    Ok(Some(ran)) => tracing::info!(runner = %runner, ?ran, "bulk export"),
                    Err(e) => {
                        tracing::warn!(error = %e, runner = %runner, "a bulk export failed");
                        break;
                    }
                }
            }
        }
    })
}
