//! Housekeeping inside `serve`: what has expired is deleted, not kept forever.
//!
//! Every [`PURGE_EVERY`] (and once at start-up) the store deletes expired sessions (also
//! those idle longer than their role's limit) and share codes and the failed log-ins
//! older than the limit's window ([`backcare_storage::Store::purge`]); the per-address
//! buckets that are full again are forgotten every [`FORGET_EVERY`]. Every read already
//! ignores what is deleted, so this reclaims space and stops keeping client addresses
//! longer than the limit needs them.
//! Times come from the app's [`crate::infra::clock::Clock`].

use std::time::Duration;

use backcare_storage::Purged;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use crate::AppState;
use crate::infra::limits;

/// How often the database is purged.
pub const PURGE_EVERY: Duration = Duration::from_secs(60 * 60);
/// How often full per-address buckets are forgotten (memory only, so often).
pub const FORGET_EVERY: Duration = Duration::from_secs(60);

/// One purge of the database at the app's "now".
pub async fn purge(state: &AppState) -> Result<Purged, backcare_storage::Error> {
    let now = state.clock.now();
    state.store.purge(now, now - limits::FAILURES.window).await
}

/// Starts the housekeeping task; abort the handle to stop it (when the server stops).
pub fn spawn(state: AppState) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut purge_tick = tokio::time::interval(PURGE_EVERY);
        let mut forget_tick = tokio::time::interval(FORGET_EVERY);
        for tick in [&mut purge_tick, &mut forget_tick] {
            // A server that was asleep catches up with one run, not a burst.
            tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        }
        loop {
            tokio::select! {
                // The first tick is at once: the start-up purge.
                _ = purge_tick.tick() => match purge(&state).await {
                    Ok(purged) => tracing::info!(
                        sessions = purged.sessions,
                        share_codes = purged.share_codes,
                        failed_logins = purged.failed_logins,
                        mail_tokens = purged.mail_tokens,
                        login_challenges = purged.login_challenges,
                        "purged expired records"
                    ),
                    // The next run tries again; serving goes on meanwhile.
                    Err(e) => tracing::warn!(error = %e, "the purge failed"),
                },
                _ = forget_tick.tick() => state.limits.forget_idle(),
            }
        }
    })
}
