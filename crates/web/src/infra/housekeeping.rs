//! Housekeeping inside `serve`: what has expired is deleted, not kept forever.
//!
//! Every [`PURGE_EVERY`] (and at start-up) the store deletes expired sessions (also
//! those idle longer than their role's limit) and share codes and the failed log-ins
//! older than the limit's window ([`backcare_storage::Store::purge`]); the per-address
//! buckets that are full again are forgotten every [`FORGET_EVERY`]. Every read already
//! ignores what is deleted, so this reclaims space and stops keeping client addresses
//! longer than the limit needs them.
//!
//! The purge is a job of the database's job table, so it runs once per period in all,
//! however many instances of `serve` share the database: every [`JOBS_CHECK_EVERY`] each
//! instance asks whether it is due ([`backcare_storage::Store::claim_job`]), and only the
//! one whose claim moves the period on runs it ([`run_if_due`]). The buckets live in each
//! instance's memory, so every instance forgets its own.
//! Times come from the app's [`crate::infra::clock::Clock`].

use std::time::Duration;

use backcare_storage::{Job, Purged, Store};
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use crate::AppState;
use crate::infra::clock::Clock;
use crate::infra::security::random_hex;
use crate::infra::{limits, metrics};

/// How often the database is purged, by all instances together.
pub const PURGE_EVERY: Duration = Duration::from_secs(60 * 60);
/// How often each instance asks the job table whether a job is due: a job runs at most
/// this late. The question is one small statement, so asking often costs nothing.
pub const JOBS_CHECK_EVERY: Duration = Duration::from_secs(10);
/// How often full per-address buckets are forgotten (memory only, so often).
pub const FORGET_EVERY: Duration = Duration::from_secs(60);

/// Purges the database if the housekeeping job is due at the clock's "now" and this
/// instance (`runner`) is the one that claims this period's run: `Ok(None)` when it is not
/// due or another instance has it. A claimed run that then fails is not retried until the
/// next period (every read ignores expired rows anyway).
pub async fn run_if_due(
    store: &Store,
    clock: &Clock,
    runner: &str,
) -> Result<Option<Purged>, backcare_storage::Error> {
    let now = clock.now();
    if !store
        .claim_job(Job::Housekeeping, runner, now, PURGE_EVERY)
        .await?
    {
        return Ok(None);
    }
    store
        .purge(now, now - limits::FAILURES.window)
        .await
        .map(Some)
}

/// The name this instance signs its job runs with: its process id and a random tag
/// (process ids repeat across machines and restarts). Nothing about anyone's data.
pub fn runner_name() -> String {
    format!("pid {} {}", std::process::id(), random_hex(4))
}

/// Starts the housekeeping task, which asks the job table every `check_every` (normally
/// [`JOBS_CHECK_EVERY`]); abort the handle to stop it (when the server stops).
pub fn spawn(state: AppState, check_every: Duration) -> JoinHandle<()> {
    tokio::spawn(async move {
        let runner = runner_name();
        let mut jobs_tick = tokio::time::interval(check_every);
        let mut forget_tick = tokio::time::interval(FORGET_EVERY);
        for tick in [&mut jobs_tick, &mut forget_tick] {
            // A server that was asleep catches up with one run, not a burst.
            tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        }
        loop {
            tokio::select! {
                // The first tick is at once: the start-up purge, unless another instance
                // purged less than a period ago.
                _ = jobs_tick.tick() => match run_if_due(&state.store, &state.clock, &runner).await {
                    Ok(None) => {}
                    Ok(Some(purged)) => {
                        metrics::job_ran(Job::Housekeeping, true);
                        tracing::info!(
                        job = Job::Housekeeping.as_str(),
                        runner = %runner,
                        sessions = purged.sessions,
                        share_codes = purged.share_codes,
                        failed_logins = purged.failed_logins,
                        mail_tokens = purged.mail_tokens,
                        login_challenges = purged.login_challenges,
                        reminders_sent = purged.reminders_sent,
                        exports = purged.exports,
                        client_assertions = purged.client_assertions,
                        "purged expired records"
                    );
                    }
                    // The next run tries again; serving goes on meanwhile.
                    Err(e) => {
                        metrics::job_ran(Job::Housekeeping, false);
                        tracing::warn!(error = %e, runner = %runner, "the purge failed");
                    }
                },
                _ = forget_tick.tick() => state.limits.forget_idle(),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use backcare_storage::testing::block_on;
    use backcare_storage::{Email, PasswordHash, Role, TokenHash, connect};
    use time::macros::datetime;

    use super::*;

    const MINUTE: time::Duration = time::Duration::minutes(1);

    /// Two instances on one database, asking as their ticks come: the purge runs once per
    /// period in all, by whichever asks first once it is due.
    async fn two_instances_purge_once_per_period(store: &Store) {
        let clock = Clock::fixed(datetime!(2026-12-01 08:00 UTC));
        let now = clock.now();
        let email = Email::parse("expired@example.org").unwrap();
        let hash = PasswordHash::new("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").unwrap();
        let user = store
            .create_user(&email, &hash, Role::Patient, now)
            .await
            .unwrap();
        let expired = TokenHash::new("ab".repeat(32)).unwrap();
        store
            .create_session(&expired, user.id, now - MINUTE * 2, now - MINUTE)
            .await
            .unwrap();
        let (a, b) = ("instance a", "instance b");
        let first = run_if_due(store, &clock, a).await.unwrap();
        assert_eq!(first.map(|p| p.sessions), Some(1), "the start-up purge");
        assert_eq!(run_if_due(store, &clock, b).await.unwrap(), None);
        clock.advance(MINUTE * 59);
        for runner in [b, a] {
            assert_eq!(run_if_due(store, &clock, runner).await.unwrap(), None);
        }
        clock.advance(MINUTE);
        assert!(run_if_due(store, &clock, b).await.unwrap().is_some());
        assert_eq!(run_if_due(store, &clock, a).await.unwrap(), None);
        let jobs = store.jobs().await.unwrap();
        assert_eq!(
            (jobs[0].job, jobs[0].runs, jobs[0].last_run_by.as_deref()),
            (Job::Housekeeping, 2, Some(b))
        );
    }

    #[test]
    fn the_purge_runs_once_per_period_across_instances_on_sqlite() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            two_instances_purge_once_per_period(&store).await;
        });
    }

    #[test]
    fn the_purge_runs_once_per_period_across_instances_on_postgres() {
        backcare_storage::testing::on_scratch_store("web_housekeeping", |store| async move {
            two_instances_purge_once_per_period(&store).await;
        });
    }

    #[test]
    fn runner_names_differ_and_are_short() {
        let (one, two) = (runner_name(), runner_name());
        assert_ne!(one, two);
        assert!(one.starts_with(&format!("pid {} ", std::process::id())));
        assert!(one.len() <= backcare_storage::MAX_RUNNER);
    }
}
