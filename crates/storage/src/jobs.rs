//! The background job table: each periodic job runs once per period in all, however many
//! `serve` instances share the database.
//!
//! Every instance asks, now and then, whether a job is due ([`Store::claim_job`]). The
//! answer is one statement, `UPDATE jobs SET next_run_at = now + period ... WHERE
//! next_run_at <= now`: the instance whose update moves the row forward runs the job, and
//! any other instance that asks in the same period finds `next_run_at` in the future and
//! updates nothing. On PostgreSQL a second update of the same row waits for the first's
//! lock and then checks the condition again against the new row (read committed), so two
//! instances asking at the same moment cannot both win; SQLite has one writer at a time
//! anyway. No lock is held while the job runs, so a crashed instance blocks nothing: the
//! job is simply due again after the period.

use std::time::Duration;

use time::OffsetDateTime;

use crate::error::{Result, corrupt};
use crate::{BeginWrite, Error, Store, at, secs};

/// The longest name an instance may sign its runs with.
pub const MAX_RUNNER: usize = 200;

/// A periodic job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    /// Deleting what has expired (sessions, share codes, old failed log-ins, mail tokens,
    /// half-done sign-ins).
    Housekeeping,
    /// Sending the email reminders whose time has come.
    Reminders,
}

impl Job {
    /// The name stored in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            Job::Housekeeping => "housekeeping",
            Job::Reminders => "reminders",
        }
    }

    fn from_db(s: &str) -> Result<Self> {
        match s {
            "housekeeping" => Ok(Job::Housekeeping),
            "reminders" => Ok(Job::Reminders),
            other => Err(corrupt(format!("unknown job {other:?}"))),
        }
    }
}

/// A job's row: when it is due and who ran it last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRun {
    /// The job.
    pub job: Job,
    /// The earliest time it runs again.
    pub next_run_at: OffsetDateTime,
    /// When it last ran (`None`: never).
    pub last_run_at: Option<OffsetDateTime>,
    /// The instance that ran it last.
    pub last_run_by: Option<String>,
    /// How many times it has run, by every instance together.
    pub runs: u64,
}

type JobRow = (String, i64, Option<i64>, Option<String>, i64);

/// Makes the job's row, due at once, unless it exists.
const ADD_JOB: &str = "INSERT INTO jobs (name, next_run_at) VALUES ($1, $2) \
     ON CONFLICT (name) DO NOTHING";

/// Takes this period's run of a job if it is due at `$2`: one statement, so one winner.
const CLAIM_JOB: &str = "UPDATE jobs \
     SET next_run_at = $3, last_run_at = $2, last_run_by = $4, runs = runs + 1 \
     WHERE name = $1 AND next_run_at <= $2";

impl Store {
    /// Claims this period's run of `job` for the instance called `runner` at `now`: true
    /// when the job was due (never run, or its period is over) and this call took it, so
    /// the caller runs it now and it is not due again until `now + every`; false when it
    /// is not due or another instance took it first. [`Error::Invalid`] for an empty or
    /// too long `runner`, or a period under one second.
    pub async fn claim_job(
        &self,
        job: Job,
        runner: &str,
        now: OffsetDateTime,
        every: Duration,
    ) -> Result<bool> {
        if runner.is_empty() || runner.len() > MAX_RUNNER {
            return Err(Error::Invalid(format!(
                "a job runner's name has 1 to {MAX_RUNNER} bytes"
            )));
        }
        let every = i64::try_from(every.as_secs())
            .ok()
            .filter(|s| *s >= 1)
            .ok_or_else(|| Error::Invalid("a job's period is at least one second".into()))?;
        let next = secs(now)
            .checked_add(every)
            .ok_or_else(|| Error::Invalid("a job's period is too long".into()))?;
        let claimed = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(ADD_JOB)
                .bind(job.as_str())
                .bind(secs(now))
                .execute(&mut *tx)
                .await?;
            let done = sqlx::query(CLAIM_JOB)
                .bind(job.as_str())
                .bind(secs(now))
                .bind(next)
                .bind(runner)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            done.rows_affected() == 1
        });
        Ok(claimed)
    }

    /// Every job's row, by name.
    pub async fn jobs(&self) -> Result<Vec<JobRun>> {
        let rows: Vec<JobRow> = on!(self, pool => sqlx::query_as(
            "SELECT name, next_run_at, last_run_at, last_run_by, runs FROM jobs ORDER BY name",
        )
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(name, next, last, by, runs)| {
                Ok(JobRun {
                    job: Job::from_db(&name)?,
                    next_run_at: at(next)?,
                    last_run_at: last.map(at).transpose()?,
                    last_run_by: by,
                    runs: u64::try_from(runs)
                        .map_err(|_| corrupt(format!("job {name}: {runs} runs")))?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    fn t(secs: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000 + secs).unwrap()
    }

    async fn a_job_runs_once_per_period_whoever_asks(store: &Store) {
        assert_eq!(store.jobs().await.unwrap(), []);
        // The first to ask runs it at once; nobody else until the hour is over.
        assert!(
            store
                .claim_job(Job::Housekeeping, "a", t(0), HOUR)
                .await
                .unwrap()
        );
        assert!(
            !store
                .claim_job(Job::Housekeeping, "b", t(0), HOUR)
                .await
                .unwrap()
        );
        assert!(
            !store
                .claim_job(Job::Housekeeping, "a", t(3599), HOUR)
                .await
                .unwrap()
        );
        assert!(
            store
                .claim_job(Job::Housekeeping, "b", t(3600), HOUR)
                .await
                .unwrap()
        );
        assert!(
            !store
                .claim_job(Job::Housekeeping, "a", t(3601), HOUR)
                .await
                .unwrap()
        );
        let rows = store.jobs().await.unwrap();
        assert_eq!(
            rows,
            [JobRun {
                job: Job::Housekeeping,
                next_run_at: t(7200),
                last_run_at: Some(t(3600)),
                last_run_by: Some("b".into()),
                runs: 2,
            }]
        );
        // A server that slept through periods runs once, not once per missed period.
        assert!(
            store
                .claim_job(Job::Housekeeping, "a", t(36_000), HOUR)
                .await
                .unwrap()
        );
        assert!(
            !store
                .claim_job(Job::Housekeeping, "b", t(36_001), HOUR)
                .await
                .unwrap()
        );
        assert_eq!(store.jobs().await.unwrap()[0].runs, 3);
        // Nonsense is refused, and changes nothing.
        for (runner, every) in [
            ("", HOUR),
            (&*"x".repeat(MAX_RUNNER + 1), HOUR),
            ("a", Duration::ZERO),
        ] {
            assert!(matches!(
                store
                    .claim_job(Job::Housekeeping, runner, t(99_999), every)
                    .await,
                Err(Error::Invalid(_))
            ));
        }
        assert_eq!(store.jobs().await.unwrap()[0].runs, 3);
    }

    /// Many instances asking at the same moment: exactly one runs the job.
    async fn of_many_asking_at_once_one_wins(store: &Store) {
        let askers: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    store
                        .claim_job(
                            Job::Housekeeping,
                            &format!("instance {i}"),
                            t(100_000),
                            HOUR,
                        )
                        .await
                        .unwrap()
                })
            })
            .collect();
        let mut won = 0;
        for asker in askers {
            won += usize::from(asker.await.unwrap());
        }
        assert_eq!(won, 1);
        assert_eq!(store.jobs().await.unwrap()[0].runs, 4);
    }

    #[test]
    fn jobs_on_sqlite() {
        crate::testing::on_scratch_sqlite_file(|store| async move {
            a_job_runs_once_per_period_whoever_asks(&store).await;
            of_many_asking_at_once_one_wins(&store).await;
        });
    }

    #[test]
    fn jobs_on_postgres() {
        crate::testing::on_scratch_store("storage_jobs", |store| async move {
            a_job_runs_once_per_period_whoever_asks(&store).await;
            of_many_asking_at_once_one_wins(&store).await;
        });
    }
}
