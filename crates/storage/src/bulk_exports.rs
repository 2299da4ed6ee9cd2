//! FHIR Bulk Data exports: the requests, their state, and their NDJSON files.
//!
//! A token kicks an export off ([`Store::create_export`]); one instance's export job claims
//! it ([`Store::claim_export`], once across instances: the claim is a conditional update)
//! and writes its files ([`Store::add_export_file`]), saying how far it is
//! ([`Store::export_progress`]), until it is done or failed. Only the owner (the token's
//! user, in the token's scope) sees it ([`Store::export`]); cancelling deletes it with its
//! files, and so does the purge once it expires. The files live in the database so that
//! whichever instance a download reaches can serve it.

use time::OffsetDateTime;

use crate::error::{Result, corrupt, found};
use crate::{BeginWrite, Error, Store, TokenScope, UserId, at, secs};

/// How long an export's files are kept once it is finished (and how long a request may
/// wait in the queue).
pub const EXPORT_KEPT: time::Duration = time::Duration::days(1);

/// A claimed export that has not moved for this long is taken to be abandoned (its
/// instance stopped), and another instance may claim it again from the start.
pub const EXPORT_STALLED: time::Duration = time::Duration::minutes(30);

random_id!(
    /// An export's public id, in its status and file addresses.
    ExportId
);

/// Where an export is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportStatus {
    /// Waiting for an export job to claim it.
    Queued,
    /// Being written.
    Running,
    /// Finished: its files can be downloaded.
    Done,
    /// Stopped by an error, which it says.
    Failed(String),
}

/// What a request asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExport {
    /// Its id.
    pub id: ExportId,
    /// Whose token asked, and its scope: who may see the export, and whose patients it
    /// reads.
    pub user: UserId,
    /// The token's scope.
    pub scope: TokenScope,
    /// The kick-off request's URL, as the manifest gives it back.
    pub request: String,
    /// The resource types asked for (`_type`); empty for all.
    pub types: Vec<String>,
    /// Only what changed at or after this time (`_since`).
    pub since: Option<OffsetDateTime>,
}

/// An export as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The request.
    pub request: NewExport,
    /// Where it is.
    pub status: ExportStatus,
    /// How far it is, in words (while running).
    pub progress: Option<String>,
    /// When it was asked for: the manifest's `transactionTime`.
    pub requested_at: OffsetDateTime,
    /// When it finished.
    pub finished_at: Option<OffsetDateTime>,
    /// When it and its files are deleted.
    pub expires_at: OffsetDateTime,
}

/// One NDJSON file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Its number in the export (1, 2, ...), in its address.
    pub seq: i64,
    /// The resource type of every line.
    pub resource_type: String,
    /// Whether it lists what could not be exported (OperationOutcomes) rather than output.
    pub is_error: bool,
    /// Its lines.
    pub count: i64,
}

type ExportRow = (
    String,
    i64,
    String,
    String,
    String,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    i64,
    Option<i64>,
    i64,
);

/// Deletes the exports that read patient `$1` (with their files).
pub(crate) const DELETE_EXPORTS_OF_PATIENT: &str = "DELETE FROM bulk_exports WHERE id IN \
     (SELECT export_id FROM bulk_export_patients WHERE patient_id = $1)";

/// Deletes clinician `$2`'s exports that read patient `$1` (with their files).
pub(crate) const DELETE_CLINICIANS_EXPORTS_OF_PATIENT: &str = "DELETE FROM bulk_exports \
     WHERE user_id = $2 AND id IN \
     (SELECT export_id FROM bulk_export_patients WHERE patient_id = $1)";

/// An export row's columns, in [`ExportRow`]'s order, and the rest of the statement.
macro_rules! select_export {
    ($rest:literal) => {
        concat!(
            "SELECT id, user_id, scope, request, types, since, status, progress, error, \
             requested_at, finished_at, expires_at FROM bulk_exports ",
            $rest
        )
    };
}

fn export_from_row(row: ExportRow) -> Result<Export> {
    let (
        id,
        user,
        scope,
        request,
        types,
        since,
        status,
        progress,
        error,
        requested,
        finished,
        expires,
    ) = row;
    let status = match (status.as_str(), error) {
        ("queued", _) => ExportStatus::Queued,
        ("running", _) => ExportStatus::Running,
        ("done", _) => ExportStatus::Done,
        ("failed", error) => ExportStatus::Failed(error.unwrap_or_default()),
        (other, _) => return Err(corrupt(format!("unknown export status {other:?}"))),
    };
    Ok(Export {
        request: NewExport {
            id: ExportId::parse(&id).ok_or_else(|| corrupt(format!("bad export id {id:?}")))?,
            user: UserId(user),
            scope: scope
                .parse()
                .map_err(|_| corrupt(format!("unknown export scope {scope:?}")))?,
            request,
            types: types
                .split(',')
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            since: since.map(at).transpose()?,
        },
        status,
        progress,
        requested_at: at(requested)?,
        finished_at: finished.map(at).transpose()?,
        expires_at: at(expires)?,
    })
}

impl Store {
    /// Queues an export asked for at `now`; it expires [`EXPORT_KEPT`] later unless it
    /// finishes first (then [`EXPORT_KEPT`] after it finishes).
    pub async fn create_export(&self, export: &NewExport, now: OffsetDateTime) -> Result<()> {
        if export.types.iter().any(|t| t.is_empty() || t.contains(',')) {
            return Err(Error::Invalid(
                "a resource type is a name without commas".into(),
            ));
        }
        on!(self, pool => sqlx::query(
            "INSERT INTO bulk_exports (id, user_id, scope, request, types, since, status, \
             requested_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8)",
        )
        .bind(export.id.as_str())
        .bind(export.user.0)
        .bind(export.scope.as_str())
        .bind(&export.request)
        .bind(export.types.join(","))
        .bind(export.since.map(secs))
        .bind(secs(now))
        .bind(secs(now + EXPORT_KEPT))
        .execute(pool)
        .await
        .map(|_| ())
        .map_err(|e| crate::error::classify(e, "export"))?);
        Ok(())
    }

    /// The oldest queued export (or one stalled for [`EXPORT_STALLED`]), now running for
    /// `runner`; `None` when there is none or another instance claimed it first. A stalled
    /// export starts again from nothing.
    pub async fn claim_export(&self, runner: &str, now: OffsetDateTime) -> Result<Option<Export>> {
        let stalled = secs(now - EXPORT_STALLED);
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let next: Option<String> = sqlx::query_scalar(
                "SELECT id FROM bulk_exports WHERE expires_at > $1 \
                 AND (status = 'queued' OR (status = 'running' AND started_at < $2)) \
                 ORDER BY requested_at, id LIMIT 1",
            )
            .bind(secs(now))
            .bind(stalled)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = next else {
                return Ok(None);
            };
            // Whoever updates first has it: the other's update finds it running, and new.
            let claimed = sqlx::query(
                "UPDATE bulk_exports SET status = 'running', runner = $1, started_at = $2, \
                 progress = NULL WHERE id = $3 \
                 AND (status = 'queued' OR (status = 'running' AND started_at < $4))",
            )
            .bind(runner)
            .bind(secs(now))
            .bind(&id)
            .bind(stalled)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                return Ok(None);
            }
            for sql in [
                "DELETE FROM bulk_export_files WHERE export_id = $1",
                "DELETE FROM bulk_export_patients WHERE export_id = $1",
            ] {
                sqlx::query(sql).bind(&id).execute(&mut *tx).await?;
            }
            let row: ExportRow = sqlx::query_as(select_export!("WHERE id = $1"))
            .bind(&id)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            export_from_row(row).map(Some)
        })
    }

    /// Says how far `runner`'s export is (and that it is still moving, at `now`); `false`
    /// when it is no longer `runner`'s to write (cancelled, expired or claimed again).
    pub async fn export_progress(
        &self,
        id: &ExportId,
        runner: &str,
        progress: &str,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let done = on!(self, pool => sqlx::query(
            "UPDATE bulk_exports SET progress = $1, started_at = $2 \
             WHERE id = $3 AND runner = $4 AND status = 'running'",
        )
        .bind(progress)
        .bind(secs(now))
        .bind(id.as_str())
        .bind(runner)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// Records that `runner`'s export reads `patient` (before it does): the export goes if
    /// the patient deletes their account or unlinks from its owner. `false` (and nothing
    /// recorded) when the export is no longer `runner`'s to write.
    pub async fn add_export_patient(
        &self,
        id: &ExportId,
        runner: &str,
        patient: UserId,
    ) -> Result<bool> {
        let done = on!(self, pool => sqlx::query(
            "INSERT INTO bulk_export_patients (export_id, patient_id) \
             SELECT id, $1 FROM bulk_exports WHERE id = $2 AND runner = $3 AND status = 'running' \
             ON CONFLICT DO NOTHING",
        )
        .bind(patient.0)
        .bind(id.as_str())
        .bind(runner)
        .execute(pool)
        .await
        .map_err(|e| crate::error::classify(e, "export patient"))?
        .rows_affected());
        if done == 1 {
            return Ok(true);
        }
        // Already recorded (the same patient twice), or not this runner's any more.
        self.export_is_running_for(id, runner).await
    }

    async fn export_is_running_for(&self, id: &ExportId, runner: &str) -> Result<bool> {
        let n: i64 = on!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM bulk_exports WHERE id = $1 AND runner = $2 AND status = 'running'",
        )
        .bind(id.as_str())
        .bind(runner)
        .fetch_one(pool)
        .await?);
        Ok(n == 1)
    }

    /// Adds the next file to `runner`'s export; `false` (and nothing added) when the export
    /// is no longer `runner`'s to write.
    pub async fn add_export_file(
        &self,
        id: &ExportId,
        runner: &str,
        file: &ExportFile,
        body: &str,
    ) -> Result<bool> {
        let done = on!(self, pool => sqlx::query(
            "INSERT INTO bulk_export_files (export_id, seq, resource_type, is_error, count, body) \
             SELECT id, $1, $2, $3, $4, $5 FROM bulk_exports \
             WHERE id = $6 AND runner = $7 AND status = 'running'",
        )
        .bind(file.seq)
        .bind(&file.resource_type)
        .bind(file.is_error)
        .bind(file.count)
        .bind(body)
        .bind(id.as_str())
        .bind(runner)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// Ends `runner`'s export at `now`, done or failed with `error`; it expires
    /// [`EXPORT_KEPT`] later. `false` when it was no longer `runner`'s.
    pub async fn finish_export(
        &self,
        id: &ExportId,
        runner: &str,
        error: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let done = on!(self, pool => sqlx::query(
            "UPDATE bulk_exports SET status = $1, error = $2, progress = NULL, \
             finished_at = $3, expires_at = $4 \
             WHERE id = $5 AND runner = $6 AND status = 'running'",
        )
        .bind(if error.is_some() { "failed" } else { "done" })
        .bind(error)
        .bind(secs(now))
        .bind(secs(now + EXPORT_KEPT))
        .bind(id.as_str())
        .bind(runner)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// How many exports of `user` in `scope` are queued or running at `now`.
    pub async fn active_exports(
        &self,
        user: UserId,
        scope: TokenScope,
        now: OffsetDateTime,
    ) -> Result<u64> {
        let n: i64 = on!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM bulk_exports WHERE user_id = $1 AND scope = $2 \
             AND status IN ('queued', 'running') AND expires_at > $3",
        )
        .bind(user.0)
        .bind(scope.as_str())
        .bind(secs(now))
        .fetch_one(pool)
        .await?);
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The export `id` of `user` in `scope`, with its files, unless it expired at `now`:
    /// anyone else's is [`Error::NotFound`], as is a missing one.
    pub async fn export(
        &self,
        id: &ExportId,
        user: UserId,
        scope: TokenScope,
        now: OffsetDateTime,
    ) -> Result<(Export, Vec<ExportFile>)> {
        on!(self, pool => {
            let row: Option<ExportRow> = sqlx::query_as(select_export!(
                "WHERE id = $1 AND user_id = $2 AND scope = $3 AND expires_at > $4"
            ))
            .bind(id.as_str())
            .bind(user.0)
            .bind(scope.as_str())
            .bind(secs(now))
            .fetch_optional(pool)
            .await?;
            let export = export_from_row(row.ok_or(Error::NotFound)?)?;
            let files: Vec<(i64, String, bool, i64)> = sqlx::query_as(
                "SELECT seq, resource_type, is_error, count FROM bulk_export_files \
                 WHERE export_id = $1 ORDER BY seq",
            )
            .bind(id.as_str())
            .fetch_all(pool)
            .await?;
            let files = files
                .into_iter()
                .map(|(seq, resource_type, is_error, count)| ExportFile {
                    seq,
                    resource_type,
                    is_error,
                    count,
                })
                .collect();
            Ok((export, files))
        })
    }

    /// The lines of file `seq` of a finished export of `user` in `scope` that has not
    /// expired at `now`; anything else is [`Error::NotFound`].
    pub async fn export_file(
        &self,
        id: &ExportId,
        seq: i64,
        user: UserId,
        scope: TokenScope,
        now: OffsetDateTime,
    ) -> Result<String> {
        let body: Option<String> = on!(self, pool => sqlx::query_scalar(
            "SELECT f.body FROM bulk_export_files f JOIN bulk_exports e ON e.id = f.export_id \
             WHERE f.export_id = $1 AND f.seq = $2 AND e.user_id = $3 AND e.scope = $4 \
             AND e.status = 'done' AND e.expires_at > $5",
        )
        .bind(id.as_str())
        .bind(seq)
        .bind(user.0)
        .bind(scope.as_str())
        .bind(secs(now))
        .fetch_optional(pool)
        .await?);
        body.ok_or(Error::NotFound)
    }

    /// Cancels (deletes, with its files) the export `id` of `user` in `scope`; a running
    /// job notices at its next step. [`Error::NotFound`] when there is none to cancel.
    pub async fn cancel_export(
        &self,
        id: &ExportId,
        user: UserId,
        scope: TokenScope,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = on!(self, pool => sqlx::query(
            "DELETE FROM bulk_exports \
             WHERE id = $1 AND user_id = $2 AND scope = $3 AND expires_at > $4",
        )
        .bind(id.as_str())
        .bind(user.0)
        .bind(scope.as_str())
        .bind(secs(now))
        .execute(pool)
        .await?
        .rows_affected());
        found(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Email, PasswordHash, Role};

    /// Eight instances' export jobs asking at the same moment: exactly one claims the one
    /// queued export, and only its writes land.
    async fn of_many_runners_asking_at_once_one_runs_it(store: &Store) {
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let hash = PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").unwrap();
        let dr = store
            .create_user(
                &Email::parse("dr@example.org").unwrap(),
                &hash,
                Role::Clinician,
                now,
            )
            .await
            .unwrap();
        let id = ExportId::parse(&"ab".repeat(16)).unwrap();
        let asked = NewExport {
            id: id.clone(),
            user: dr.id,
            scope: TokenScope::Panel,
            request: "https://clinic.example/fhir/Patient/$export".into(),
            types: Vec::new(),
            since: None,
        };
        store.create_export(&asked, now).await.unwrap();
        let askers: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .claim_export(&format!("instance {i}"), now)
                        .await
                        .unwrap()
                        .map(|_| format!("instance {i}"))
                })
            })
            .collect();
        let mut winners = Vec::new();
        for asker in askers {
            winners.extend(asker.await.unwrap());
        }
        assert_eq!(winners.len(), 1, "{winners:?}");
        let file = ExportFile {
            seq: 1,
            resource_type: "Patient".into(),
            is_error: false,
            count: 1,
        };
        for i in 0..8 {
            let runner = format!("instance {i}");
            let wrote = store
                .add_export_file(&id, &runner, &file, "{}\n")
                .await
                .unwrap();
            assert_eq!(wrote, runner == winners[0], "{runner}");
        }
    }

    #[test]
    fn exports_on_sqlite() {
        crate::testing::on_scratch_sqlite_file(|store| async move {
            of_many_runners_asking_at_once_one_runs_it(&store).await;
        });
    }

    #[test]
    fn exports_on_postgres() {
        crate::testing::on_scratch_store("storage_exports", |store| async move {
            of_many_runners_asking_at_once_one_runs_it(&store).await;
        });
    }

    #[test]
    fn export_ids_are_32_lowercase_hex_characters() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(ExportId::parse(id).unwrap().as_str(), id);
        for bad in [
            "",
            "0123",
            &id.to_uppercase(),
            &format!("{id}0"),
            &id.replace('a', "g"),
        ] {
            assert_eq!(ExportId::parse(bad), None, "{bad}");
        }
    }
}
