//! Two-factor sign-in: an account's TOTP secret, its single-use recovery codes, and the
//! sign-ins that are half done (password right, code still to come).
//!
//! Every "use once" here is one statement that both checks and uses: a code's time step is
//! accepted by an `UPDATE ... WHERE last_step < $step`, a recovery code and a finished
//! challenge by a `DELETE`, so two requests racing with the same code cannot both pass.

use time::OffsetDateTime;

use crate::error::{Result, corrupt};
use crate::{BeginWrite, Error, Store, TokenHash, UserId, at, secs};

/// An account's two-factor secret.
#[derive(Clone, PartialEq, Eq)]
pub struct TwoFactor {
    /// The shared key, base32 (what an authenticator app is given).
    pub secret: String,
    /// When the first code was typed; `None` while set-up is not finished.
    pub confirmed_at: Option<OffsetDateTime>,
    /// The 30-second step of the last code accepted.
    pub last_step: u64,
}

impl std::fmt::Debug for TwoFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwoFactor")
            .field("secret", &"..")
            .field("confirmed_at", &self.confirmed_at)
            .field("last_step", &self.last_step)
            .finish()
    }
}

/// A sign-in whose second step is still to come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginChallenge {
    /// Whose password was right.
    pub user: UserId,
    /// Where to go once signed in (a path on this site, checked before it was stored).
    pub next: String,
    /// Wrong codes typed so far.
    pub failures: u32,
}

fn step_to_db(step: u64) -> Result<i64> {
    i64::try_from(step).map_err(|_| Error::Invalid(format!("time step {step} is out of range")))
}

impl Store {
    /// The two-factor secret of `user`, set up or being set up; `None` if there is none.
    pub async fn two_factor(&self, user: UserId) -> Result<Option<TwoFactor>> {
        let row: Option<(String, Option<i64>, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT secret, confirmed_at, last_step FROM two_factor WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_optional(pool)
        .await)?;
        row.map(|(secret, confirmed, last_step)| {
            Ok(TwoFactor {
                secret,
                confirmed_at: confirmed.map(at).transpose()?,
                last_step: u64::try_from(last_step)
                    .map_err(|_| corrupt(format!("negative time step {last_step}")))?,
            })
        })
        .transpose()
    }

    /// Starts (or starts again) setting up two-factor sign-in with a new `secret`.
    /// [`Error::Conflict`] if it is already set up: turning it off comes first.
    pub async fn start_two_factor(
        &self,
        user: UserId,
        secret: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        let changed = on!(self, pool => sqlx::query(
            "INSERT INTO two_factor (user_id, secret, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE \
             SET secret = excluded.secret, created_at = excluded.created_at \
             WHERE two_factor.confirmed_at IS NULL",
        )
        .bind(user.0)
        .bind(secret)
        .bind(secs(now))
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
        .map_err(|e| crate::error::classify(e, "two-factor set-up"))?;
        if changed == 0 {
            return Err(Error::Conflict("two-factor sign-in is already on".into()));
        }
        Ok(())
    }

    /// Finishes set-up: the first code (of time step `step`) was right. In one transaction,
    /// marks the secret confirmed and replaces the recovery codes with `codes` (hashes).
    /// [`Error::NotFound`] if there was no set-up in progress.
    pub async fn confirm_two_factor(
        &self,
        user: UserId,
        step: u64,
        codes: &[TokenHash],
        now: OffsetDateTime,
    ) -> Result<()> {
        let step = step_to_db(step)?;
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(
                "UPDATE two_factor SET confirmed_at = $2, last_step = $3 \
                 WHERE user_id = $1 AND confirmed_at IS NULL",
            )
            .bind(user.0)
            .bind(secs(now))
            .bind(step)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(Error::NotFound);
            }
            sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            for code in codes {
                sqlx::query(
                    "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
                )
                .bind(user.0)
                .bind(code.as_str())
                .bind(secs(now))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Accepts a code of time step `step` if no code of that step or a later one was
    /// accepted before (so a code works once); `false` otherwise, or if two-factor sign-in
    /// is not on.
    pub async fn use_code_step(&self, user: UserId, step: u64) -> Result<bool> {
        let step = step_to_db(step)?;
        let changed = on!(self, pool => sqlx::query(
            "UPDATE two_factor SET last_step = $2 \
             WHERE user_id = $1 AND confirmed_at IS NOT NULL AND last_step < $2",
        )
        .bind(user.0)
        .bind(step)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }

    /// Uses a recovery code (deletes it); `false` if `user` has no such unused code.
    pub async fn use_recovery_code(&self, user: UserId, code: &TokenHash) -> Result<bool> {
        let deleted = on!(self, pool => sqlx::query(
            "DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2",
        )
        .bind(user.0)
        .bind(code.as_str())
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(deleted == 1)
    }

    /// How many unused recovery codes `user` has.
    pub async fn recovery_codes_left(&self, user: UserId) -> Result<u64> {
        let n: i64 = on!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1",
        )
        .bind(user.0)
        .fetch_one(pool)
        .await)?;
        Ok(n.unsigned_abs())
    }

    /// Turns two-factor sign-in off for `user` (secret and recovery codes), e.g. when an
    /// administrator resets it for someone who lost their phone and codes. Returns whether
    /// there was anything to turn off.
    pub async fn delete_two_factor(&self, user: UserId) -> Result<bool> {
        let deleted = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let deleted = sqlx::query("DELETE FROM two_factor WHERE user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            deleted
        });
        Ok(deleted > 0)
    }

    /// Records a sign-in whose second step is to come, under the hash of the token the
    /// browser keeps. [`Error::Invalid`] if `expires_at` is not after `now`.
    pub async fn create_login_challenge(
        &self,
        token: &TokenHash,
        user: UserId,
        next: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        crate::check_expiry(now, expires_at)?;
        on!(self, pool => sqlx::query(
            "INSERT INTO login_challenges (token_hash, user_id, next_path, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token.as_str())
        .bind(user.0)
        .bind(next)
        .bind(secs(now))
        .bind(secs(expires_at))
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(|e| crate::error::classify(e, "login challenge token already in use"))?;
        Ok(())
    }

    /// The half-done sign-in with this token, if it has not expired at `now`; otherwise
    /// [`Error::NotFound`].
    pub async fn login_challenge(
        &self,
        token: &TokenHash,
        now: OffsetDateTime,
    ) -> Result<LoginChallenge> {
        let row: Option<(i64, String, i64)> = on!(self, pool => sqlx::query_as(
            "SELECT user_id, next_path, failures FROM login_challenges \
             WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token.as_str())
        .bind(secs(now))
        .fetch_optional(pool)
        .await)?;
        let (user, next, failures) = row.ok_or(Error::NotFound)?;
        Ok(LoginChallenge {
            user: UserId(user),
            next,
            failures: u32::try_from(failures).unwrap_or(u32::MAX),
        })
    }

    /// Counts a wrong code against a half-done sign-in; once `max` are reached the
    /// challenge is deleted (the person starts again from the password). Returns the
    /// failures so far; [`Error::NotFound`] if there is no such challenge.
    pub async fn fail_login_challenge(&self, token: &TokenHash, max: u32) -> Result<u32> {
        let failures: i64 = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let failures: Option<i64> = sqlx::query_scalar(
                "UPDATE login_challenges SET failures = failures + 1 \
                 WHERE token_hash = $1 RETURNING failures",
            )
            .bind(token.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let failures = failures.ok_or(Error::NotFound)?;
            if failures >= i64::from(max) {
                sqlx::query("DELETE FROM login_challenges WHERE token_hash = $1")
                    .bind(token.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            failures
        });
        Ok(u32::try_from(failures).unwrap_or(u32::MAX))
    }

    /// Ends a half-done sign-in (it succeeded, or the person gave up); `false` if it was
    /// already gone, so that of two requests finishing one sign-in only one goes on.
    pub async fn end_login_challenge(&self, token: &TokenHash) -> Result<bool> {
        let deleted = on!(self, pool => sqlx::query(
            "DELETE FROM login_challenges WHERE token_hash = $1",
        )
        .bind(token.as_str())
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(deleted == 1)
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use crate::{Email, PasswordHash, Role, Store, TokenHash};

    use super::*;

    async fn user(store: &Store, email: &str, now: OffsetDateTime) -> UserId {
        let email = Email::parse(email).unwrap();
        let hash = PasswordHash::new("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA").unwrap();
        store
            .create_user(&email, &hash, Role::Clinician, now)
            .await
            .unwrap()
            .id
    }

    fn code(n: u8) -> TokenHash {
        TokenHash::new(format!("{n:064x}")).unwrap()
    }

    async fn set_up_codes_work_once_and_recovery_codes_are_single_use(store: &Store) {
        {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let id = user(store, "set-up@example.org", now).await;
            assert_eq!(store.two_factor(id).await.unwrap(), None);
            // Nothing is accepted before set-up is finished.
            assert!(!store.use_code_step(id, 10).await.unwrap());
            store.start_two_factor(id, "AAAA", now).await.unwrap();
            store.start_two_factor(id, "BBBB", now).await.unwrap();
            let pending = store.two_factor(id).await.unwrap().unwrap();
            assert_eq!(
                (pending.secret.as_str(), pending.confirmed_at),
                ("BBBB", None)
            );
            assert!(!store.use_code_step(id, 10).await.unwrap());
            store
                .confirm_two_factor(id, 10, &[code(1), code(2)], now)
                .await
                .unwrap();
            // Confirmed: no second set-up, no second confirmation.
            assert!(matches!(
                store.start_two_factor(id, "CCCC", now).await,
                Err(Error::Conflict(_))
            ));
            assert!(matches!(
                store.confirm_two_factor(id, 11, &[], now).await,
                Err(Error::NotFound)
            ));
            let on = store.two_factor(id).await.unwrap().unwrap();
            assert_eq!((on.secret.as_str(), on.last_step), ("BBBB", 10));
            assert!(
                format!("{on:?}").contains("\"..\""),
                "Debug hides the secret"
            );
            // The code of step 10 was used to confirm; earlier steps never work again.
            assert!(!store.use_code_step(id, 10).await.unwrap());
            assert!(!store.use_code_step(id, 9).await.unwrap());
            assert!(store.use_code_step(id, 11).await.unwrap());
            assert!(!store.use_code_step(id, 11).await.unwrap());
            assert_eq!(store.recovery_codes_left(id).await.unwrap(), 2);
            assert!(store.use_recovery_code(id, &code(1)).await.unwrap());
            assert!(!store.use_recovery_code(id, &code(1)).await.unwrap());
            assert!(!store.use_recovery_code(id, &code(3)).await.unwrap());
            assert_eq!(store.recovery_codes_left(id).await.unwrap(), 1);
            assert!(store.delete_two_factor(id).await.unwrap());
            assert!(!store.delete_two_factor(id).await.unwrap());
            assert_eq!(store.recovery_codes_left(id).await.unwrap(), 0);
            assert_eq!(store.two_factor(id).await.unwrap(), None);
        }
    }

    async fn challenges_expire_count_failures_and_end_once(store: &Store) {
        {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let id = user(store, "challenge@example.org", now).await;
            let later = now + Duration::minutes(10);
            store
                .create_login_challenge(&code(7), id, "/clinician", now, later)
                .await
                .unwrap();
            let c = store.login_challenge(&code(7), now).await.unwrap();
            assert_eq!((c.user, c.next.as_str(), c.failures), (id, "/clinician", 0));
            assert!(matches!(
                store.login_challenge(&code(7), later).await,
                Err(Error::NotFound)
            ));
            assert_eq!(store.fail_login_challenge(&code(7), 3).await.unwrap(), 1);
            assert_eq!(store.fail_login_challenge(&code(7), 3).await.unwrap(), 2);
            assert_eq!(store.fail_login_challenge(&code(7), 3).await.unwrap(), 3);
            // The third failure ended it.
            assert!(matches!(
                store.login_challenge(&code(7), now).await,
                Err(Error::NotFound)
            ));
            assert!(matches!(
                store.fail_login_challenge(&code(7), 3).await,
                Err(Error::NotFound)
            ));
            store
                .create_login_challenge(&code(8), id, "/", now, later)
                .await
                .unwrap();
            assert!(store.end_login_challenge(&code(8)).await.unwrap());
            assert!(!store.end_login_challenge(&code(8)).await.unwrap());
            store
                .create_login_challenge(&code(9), id, "/", now, later)
                .await
                .unwrap();
            // The housekeeping purge deletes it once it has expired.
            let epoch = OffsetDateTime::UNIX_EPOCH;
            assert_eq!(store.purge(now, epoch).await.unwrap().login_challenges, 0);
            assert_eq!(store.purge(later, epoch).await.unwrap().login_challenges, 1);
        }
    }

    crate::testing::stories_on_both_backends!(
        two_factor_on_sqlite,
        two_factor_on_postgres,
        "storage_two_factor",
        [
            set_up_codes_work_once_and_recovery_codes_are_single_use,
            challenges_expire_count_failures_and_end_once
        ]
    );
}
