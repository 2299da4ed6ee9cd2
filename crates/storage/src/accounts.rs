//! Accounts, sessions and failed logins.

use time::{Duration, OffsetDateTime, UtcOffset};

use crate::error::{Result, classify, corrupt, found};
use crate::sessions;
use crate::{
    BeginWrite, Email, Error, PasswordHash, Role, Session, Store, TokenHash, User, UserId, at,
    check_expiry, secs,
};

/// A `users` row: id, email, role, password_hash, created_at.
pub(crate) type UserRow = (i64, String, String, String, i64);

pub(crate) fn user_from_row((id, email, role, hash, created): UserRow) -> Result<User> {
    Ok(User {
        id: UserId(id),
        email: Email::parse(&email).map_err(|e| corrupt(e.to_string()))?,
        role: Role::from_db(&role)?,
        password_hash: PasswordHash::new(hash).map_err(|e| corrupt(e.to_string()))?,
        created_at: at(created)?,
    })
}

/// A stored offset in minutes; the database's CHECK keeps it within ±18 hours.
pub(crate) fn offset_from_minutes(minutes: i64) -> Result<UtcOffset> {
    i32::try_from(minutes * 60)
        .ok()
        .and_then(|secs| UtcOffset::from_whole_seconds(secs).ok())
        .ok_or_else(|| corrupt(format!("utc_offset_minutes {minutes} is out of range")))
}

impl Store {
    /// Creates an account. [`Error::Conflict`] if the email is already registered.
    pub async fn create_user(
        &self,
        email: &Email,
        password_hash: &PasswordHash,
        role: Role,
        now: OffsetDateTime,
    ) -> Result<User> {
        self.insert_user(email, password_hash, role, None, now)
            .await
    }

    /// Inserts an account and, with `consent` (a privacy notice version the caller has
    /// checked), the agreement to it at `now`, in one transaction: never one without the
    /// other. [`Error::Conflict`] if the email is already registered.
    pub(crate) async fn insert_user(
        &self,
        email: &Email,
        password_hash: &PasswordHash,
        role: Role,
        consent: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<User> {
        let id: i64 = on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO users (email, password_hash, role, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(email.as_str())
            .bind(password_hash.as_str())
            .bind(role.as_str())
            .bind(secs(now))
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| classify(e, "this email is already registered"))?;
            if let Some(version) = consent {
                sqlx::query(crate::consents::INSERT_CONSENT)
                    .bind(id)
                    .bind(version)
                    .bind(secs(now))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            id
        });
        Ok(User {
            id: UserId(id),
            email: email.clone(),
            role,
            password_hash: password_hash.clone(),
            created_at: at(secs(now))?,
        })
    }

    /// The account with this id, or [`Error::NotFound`].
    pub async fn user(&self, id: UserId) -> Result<User> {
        let row: Option<UserRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, email, role, password_hash, created_at FROM users WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(pool)
        .await)?;
        user_from_row(row.ok_or(Error::NotFound)?)
    }

    /// The account with this email, or [`Error::NotFound`] (to verify a login).
    pub async fn user_by_email(&self, email: &Email) -> Result<User> {
        let row: Option<UserRow> = on!(self, pool => sqlx::query_as(
            "SELECT id, email, role, password_hash, created_at FROM users WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(pool)
        .await)?;
        user_from_row(row.ok_or(Error::NotFound)?)
    }

    /// Replaces the password hash (after a password change or a rehash with new
    /// parameters). Sessions are kept; call [`Store::delete_user_sessions`] to log out
    /// everywhere.
    pub async fn set_password_hash(&self, id: UserId, hash: &PasswordHash) -> Result<()> {
        found(on!(self, pool => sqlx::query(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
        )
        .bind(hash.as_str())
        .bind(id.0)
        .execute(pool)
        .await?
        .rows_affected()))
    }

    /// The user's own offset from UTC, chosen on the account page ("today" for them is the
    /// date there); `None` until they choose. [`Error::NotFound`] if there is no such user.
    pub async fn utc_offset(&self, id: UserId) -> Result<Option<UtcOffset>> {
        let row: Option<(Option<i64>,)> = on!(self, pool => sqlx::query_as(
            "SELECT utc_offset_minutes FROM users WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(pool)
        .await)?;
        let (minutes,) = row.ok_or(Error::NotFound)?;
        minutes.map(offset_from_minutes).transpose()
    }

    /// The user's care version (a count the database moves whenever their assessments,
    /// reassessments or diary change, whoever wrote them) and their offset from UTC, in
    /// one query: what a page built from the care record is kept by.
    /// [`Error::NotFound`] if there is no such user.
    pub async fn care_version(&self, id: UserId) -> Result<(i64, Option<UtcOffset>)> {
        let row: Option<(i64, Option<i64>)> = on!(self, pool => sqlx::query_as(
            "SELECT care_version, utc_offset_minutes FROM users WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(pool)
        .await)?;
        let (version, minutes) = row.ok_or(Error::NotFound)?;
        Ok((version, minutes.map(offset_from_minutes).transpose()?))
    }

    /// Sets (or with `None` forgets) the user's offset from UTC. Offsets are whole minutes
    /// (seconds are dropped). [`Error::NotFound`] if there is no such user.
    pub async fn set_utc_offset(&self, id: UserId, offset: Option<UtcOffset>) -> Result<()> {
        let minutes = offset.map(|o| i64::from(o.whole_minutes()));
        found(on!(self, pool => sqlx::query(
            "UPDATE users SET utc_offset_minutes = $1 WHERE id = $2",
        )
        .bind(minutes)
        .bind(id.0)
        .execute(pool)
        .await?
        .rows_affected()))
    }

    /// Deletes the account and all its data: sessions, failed logins, assessments, diary,
    /// reassessments, share codes, links in both directions and the access log about them
    /// (all by `ON DELETE CASCADE`, in one transaction). One thing is kept: entries in
    /// *other patients'* access logs that this user, as a clinician, opened their record
    /// keep the clinician's email (with the id set to NULL), because that log belongs to
    /// the patient. [`Error::NotFound`] if there is no such user.
    pub async fn delete_user(&self, id: UserId) -> Result<()> {
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // Writes first, so SQLite holds the write lock from the start.
            sqlx::query(
                "DELETE FROM login_failures \
                 WHERE email = (SELECT email FROM users WHERE id = $1)",
            )
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
            // Exports that read this patient go too, whoever asked for them.
            sqlx::query(crate::bulk_exports::DELETE_EXPORTS_OF_PATIENT)
                .bind(id.0)
                .execute(&mut *tx)
                .await?;
            let done = sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if done == 0 {
                return Err(Error::NotFound);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Starts a session for `user`, identified by the hash of its secret token.
    /// [`Error::Invalid`] if `expires_at` is not after `now`, [`Error::NotFound`] if the
    /// user does not exist, [`Error::Conflict`] if the token hash is already in use.
    pub async fn create_session(
        &self,
        token: &TokenHash,
        user: UserId,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        check_expiry(now, expires_at)?;
        on!(self, pool => sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $3)",
        )
        .bind(token.as_str())
        .bind(user.0)
        .bind(secs(now))
        .bind(secs(expires_at))
        .execute(pool)
        .await
        .map(|_| ()))
        .map_err(|e| classify(e, "session token already in use"))?;
        Ok(())
    }

    /// The session with this token hash and its user, if at `now` it has neither expired
    /// nor been idle longer than its role's [`Role::idle_limit`]; otherwise
    /// [`Error::NotFound`]. Records the use (at most every [`crate::TOUCH_EVERY`]).
    pub async fn session(&self, token: &TokenHash, now: OffsetDateTime) -> Result<Session> {
        let row: Option<sessions::SessionRow> = on!(self, pool =>
            sessions::bind_live!(sqlx::query_as(sessions::SESSION_BY_TOKEN), now)
                .bind(token.as_str())
                .fetch_optional(pool)
                .await)?;
        let (id, email, role, hash, user_created, created, expires, seen, device) =
            row.ok_or(Error::NotFound)?;
        let mut last_seen_at = at(seen)?;
        if now - last_seen_at >= crate::TOUCH_EVERY {
            self.touch_session(token, now).await?;
            last_seen_at = at(secs(now))?;
        }
        Ok(Session {
            user: user_from_row((id, email, role, hash, user_created))?,
            created_at: at(created)?,
            expires_at: at(expires)?,
            last_seen_at,
            device: crate::DeviceLabel::from_db(device)?,
        })
    }

    /// Ends a session (log out). Ending a session that does not exist is not an error.
    pub async fn delete_session(&self, token: &TokenHash) -> Result<()> {
        on!(self, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token.as_str())
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Ends every session of a user (log out everywhere); returns how many there were.
    pub async fn delete_user_sessions(&self, user: UserId) -> Result<u64> {
        Ok(
            on!(self, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user.0)
                .execute(pool)
                .await?
                .rows_affected()),
        )
    }

    /// Deletes sessions (expired or idle too long) and share codes that have expired at
    /// `now`; returns how many.
    /// Expired ones are already ignored by every read, so this only reclaims space.
    pub async fn delete_expired(&self, now: OffsetDateTime) -> Result<u64> {
        let purged = self.purge(now, OffsetDateTime::UNIX_EPOCH).await?;
        Ok(purged.sessions + purged.share_codes)
    }

    /// Housekeeping, in one transaction: deletes what has expired at `now` (sessions, also
    /// those idle longer than their role's limit; share codes; mail tokens) and the failed
    /// log-ins recorded before `failures_before` (once the rate-limit window has passed they
    /// count for nothing). Every read already ignores what this deletes, so it only reclaims
    /// space and forgets client addresses.
    pub async fn purge(
        &self,
        now: OffsetDateTime,
        failures_before: OffsetDateTime,
    ) -> Result<Purged> {
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let sessions = sessions::bind_live!(sqlx::query(sessions::PURGE_SESSIONS), now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let mut purged = Purged {
                sessions,
                ..Purged::default()
            };
            for (count, sql, bound) in [
                (&mut purged.share_codes, "DELETE FROM share_codes WHERE expires_at <= $1", now),
                (&mut purged.failed_logins, DELETE_FAILURES_BEFORE, failures_before),
                (&mut purged.mail_tokens, "DELETE FROM mail_tokens WHERE expires_at <= $1", now),
                (
                    &mut purged.login_challenges,
                    "DELETE FROM login_challenges WHERE expires_at <= $1",
                    now,
                ),
                (
                    &mut purged.reminders_sent,
                    "DELETE FROM reminders_sent WHERE sent_at <= $1",
                    now - crate::REMINDERS_KEPT,
                ),
                (&mut purged.exports, "DELETE FROM bulk_exports WHERE expires_at <= $1", now),
                (
                    &mut purged.client_assertions,
                    "DELETE FROM client_assertions WHERE expires_at <= $1",
                    now,
                ),
            ] {
                *count = sqlx::query(sql)
                    .bind(secs(bound))
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            tx.commit().await?;
            Ok(purged)
        })
    }

    /// Decides whether a log-in attempt for `email` from the client `address` may go ahead,
    /// and if so records it as a failed log-in, in one transaction: parallel attempts are
    /// counted one after another, so no guess slips past the limit. At most
    /// `limit.per_address` failures per address and email within `limit.window`; more are
    /// [`LoginAttempt::Refused`] (and not recorded) until the oldest of them leaves the
    /// window. Other addresses are not affected, so whoever guesses cannot lock the owner
    /// out. A right password then calls [`Store::clear_failed_logins`] for the address.
    pub async fn begin_login_attempt(
        &self,
        email: &Email,
        address: &str,
        now: OffsetDateTime,
        limit: FailureLimit,
    ) -> Result<LoginAttempt> {
        let since = secs(now - limit.window);
        let postgres = self.backend_name() == "postgres";
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            if postgres {
                // SQLite's BEGIN IMMEDIATE already runs writers one at a time; PostgreSQL
                // takes a lock on the email for the rest of the transaction instead, so
                // the count below cannot change under us.
                sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 12))")
                    .bind(email.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            let recent: Vec<i64> = sqlx::query_scalar(
                "SELECT at FROM login_failures WHERE email = $1 AND address = $2 AND at > $3 \
                 ORDER BY at DESC LIMIT $4",
            )
            .bind(email.as_str())
            .bind(address)
            .bind(since)
            .bind(i64::from(limit.per_address))
            .fetch_all(&mut *tx)
            .await?;
            if recent.len() >= limit.per_address as usize {
                let oldest = recent.last().copied().unwrap_or(since);
                tx.commit().await?;
                return Ok(LoginAttempt::Refused {
                    until: at(oldest)? + limit.window,
                });
            }
            sqlx::query("INSERT INTO login_failures (email, address, at) VALUES ($1, $2, $3)")
                .bind(email.as_str())
                .bind(address)
                .bind(secs(now))
                .execute(&mut *tx)
                .await?;
            let all: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at > $2",
            )
            .bind(email.as_str())
            .bind(since)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(LoginAttempt::Allowed {
                account_failures: all.unsigned_abs(),
            })
        })
    }

    /// How many failed logins for `email` were recorded at or after `since`, from every
    /// address.
    pub async fn failed_logins_since(&self, email: &Email, since: OffsetDateTime) -> Result<u64> {
        let n: i64 = on!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $2",
        )
        .bind(email.as_str())
        .bind(secs(since))
        .fetch_one(pool)
        .await)?;
        Ok(n.unsigned_abs())
    }

    /// Forgets the failed logins recorded for `email` from `address` (after the right
    /// password from there, so the person starts again with a clean count); returns how
    /// many there were. Failures from other addresses stay: a guesser elsewhere is not let
    /// off because the owner logged in.
    pub async fn clear_failed_logins(&self, email: &Email, address: &str) -> Result<u64> {
        Ok(on!(self, pool => sqlx::query(
                "DELETE FROM login_failures WHERE email = $1 AND address = $2",
            )
            .bind(email.as_str())
            .bind(address)
            .execute(pool)
            .await?
            .rows_affected()))
    }

    /// Forgets failed logins recorded before `before` (after the rate-limit window has
    /// passed); returns how many.
    pub async fn delete_failed_logins_before(&self, before: OffsetDateTime) -> Result<u64> {
        Ok(on!(self, pool => sqlx::query(DELETE_FAILURES_BEFORE)
            .bind(secs(before))
            .execute(pool)
            .await?
            .rows_affected()))
    }
}

/// The purge of old failed log-ins, on its own and in [`Store::purge`].
const DELETE_FAILURES_BEFORE: &str = "DELETE FROM login_failures WHERE at < $1";

/// How many failed log-ins one client address may make for one email, and for how long
/// they count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureLimit {
    /// Failures allowed per address and email within the window.
    pub per_address: u32,
    /// How long a failure counts.
    pub window: Duration,
}

/// What [`Store::begin_login_attempt`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginAttempt {
    /// Check the password. The attempt is already recorded as a failure;
    /// `account_failures` counts the email's failures within the window from every
    /// address, this one included (to slow down guesses spread over many addresses).
    Allowed {
        /// The email's recent failures from every address, this attempt included.
        account_failures: u64,
    },
    /// This address has had its failures for this email: nothing was recorded; it may try
    /// again at `until`.
    Refused {
        /// When the oldest counted failure leaves the window.
        until: OffsetDateTime,
    },
}

/// What [`Store::purge`] deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Sessions expired or idle longer than their role's limit.
    pub sessions: u64,
    /// Expired share codes.
    pub share_codes: u64,
    /// Failed log-ins older than the window.
    pub failed_logins: u64,
    /// Expired password-reset and email-verification tokens.
    pub mail_tokens: u64,
    /// Sign-ins whose second step was not finished in time.
    pub login_challenges: u64,
    /// Records of reminders sent more than [`crate::REMINDERS_KEPT`] ago.
    pub reminders_sent: u64,
    /// Bulk Data exports (with their files) past their expiry.
    pub exports: u64,
    /// Backend clients' assertion ids kept against replay, once the assertion expired.
    pub client_assertions: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user's offset from UTC: none until set, then read back, then forgotten; a
    /// missing user is NotFound; the CHECK refuses more than 18 hours.
    async fn utc_offsets(store: &Store) {
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
        let email = Email::parse("tz@example.org").unwrap();
        let hash = PasswordHash::new("$argon2id$v=19$x").unwrap();
        let user = store
            .create_user(&email, &hash, Role::Patient, now)
            .await
            .unwrap();
        assert_eq!(store.utc_offset(user.id).await.unwrap(), None);
        let lima = UtcOffset::from_hms(-5, 0, 0).unwrap();
        let kathmandu = UtcOffset::from_hms(5, 45, 0).unwrap();
        for offset in [lima, kathmandu] {
            store.set_utc_offset(user.id, Some(offset)).await.unwrap();
            assert_eq!(store.utc_offset(user.id).await.unwrap(), Some(offset));
        }
        store.set_utc_offset(user.id, None).await.unwrap();
        assert_eq!(store.utc_offset(user.id).await.unwrap(), None);
        assert!(matches!(
            store.utc_offset(UserId(999_999)).await,
            Err(Error::NotFound)
        ));
        assert!(matches!(
            store.set_utc_offset(UserId(999_999), Some(lima)).await,
            Err(Error::NotFound)
        ));
        let too_far = UtcOffset::from_hms(19, 0, 0).unwrap();
        assert!(store.set_utc_offset(user.id, Some(too_far)).await.is_err());
    }

    const LIMIT: FailureLimit = FailureLimit {
        per_address: 5,
        window: Duration::minutes(15),
    };

    /// Failed log-ins are counted per address, in one step: of twenty guesses sent at once
    /// from one address exactly five go ahead; another address is not affected; a success
    /// clears only its own address; the window frees the address again.
    async fn failed_logins_per_address(store: &Store) {
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
        let ann = Email::parse("ann@example.org").unwrap();
        let bo = Email::parse("bo@example.org").unwrap();
        let mut guesses = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let (store, ann) = (store.clone(), ann.clone());
            guesses.spawn(async move {
                store
                    .begin_login_attempt(&ann, "192.0.2.66", now, LIMIT)
                    .await
                    .unwrap()
            });
        }
        let mut allowed = 0;
        while let Some(outcome) = guesses.join_next().await {
            match outcome.unwrap() {
                LoginAttempt::Allowed { .. } => allowed += 1,
                LoginAttempt::Refused { until } => assert_eq!(until, now + LIMIT.window),
            }
        }
        assert_eq!(allowed, 5, "parallel guesses slipped past the count");
        assert_eq!(
            store.failed_logins_since(&ann, now).await.unwrap(),
            5,
            "refused attempts are not recorded"
        );
        // The owner, elsewhere, goes ahead; the count they see covers every address.
        let owner = store
            .begin_login_attempt(&ann, "198.51.100.7", now, LIMIT)
            .await
            .unwrap();
        assert_eq!(
            owner,
            LoginAttempt::Allowed {
                account_failures: 6
            }
        );
        assert_eq!(
            store
                .clear_failed_logins(&ann, "198.51.100.7")
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            store.failed_logins_since(&ann, now).await.unwrap(),
            5,
            "the guesser's failures stay"
        );
        assert_eq!(
            store
                .clear_failed_logins(&ann, "198.51.100.7")
                .await
                .unwrap(),
            0
        );
        // Other emails keep their own count, from the same address too.
        let bo_try = store
            .begin_login_attempt(&bo, "192.0.2.66", now, LIMIT)
            .await
            .unwrap();
        assert_eq!(
            bo_try,
            LoginAttempt::Allowed {
                account_failures: 1
            }
        );
        // The guesser's address is free again once its oldest failure leaves the window.
        let later = now + LIMIT.window;
        let second = now + LIMIT.window - Duration::seconds(1);
        assert!(matches!(
            store
                .begin_login_attempt(&ann, "192.0.2.66", second, LIMIT)
                .await
                .unwrap(),
            LoginAttempt::Refused { .. }
        ));
        assert!(matches!(
            store
                .begin_login_attempt(&ann, "192.0.2.66", later, LIMIT)
                .await
                .unwrap(),
            LoginAttempt::Allowed {
                account_failures: 1
            }
        ));
    }

    /// The purge deletes what has expired and the failures before the cut, and nothing else.
    async fn purging(store: &Store) {
        // Before the other tests' rows, so the counts below are this test's own.
        let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let hash = PasswordHash::new("$argon2id$v=19$x").unwrap();
        let dr = store
            .create_user(
                &Email::parse("dr.purge@example.org").unwrap(),
                &hash,
                Role::Clinician,
                now,
            )
            .await
            .unwrap();
        let token = |s: &str| TokenHash::new(format!("{s:0>64}")).unwrap();
        let hour = Duration::hours(1);
        store
            .create_session(&token("a1"), dr.id, now, now + hour)
            .await
            .unwrap();
        store
            .create_session(&token("a2"), dr.id, now, now + 3 * hour)
            .await
            .unwrap();
        store
            .create_share_code(dr.id, &token("c1"), now, now + hour)
            .await
            .unwrap();
        store
            .create_share_code(dr.id, &token("c2"), now, now + 3 * hour)
            .await
            .unwrap();
        for (name, hours) in [("m1", 1), ("m2", 3)] {
            store
                .create_mail_token(
                    &token(name),
                    dr.id,
                    crate::MailPurpose::Reset,
                    &dr.email,
                    now,
                    now + hours * hour,
                )
                .await
                .unwrap();
        }
        let email = Email::parse("guessed@example.org").unwrap();
        for minutes in [0, 30, 90] {
            let at = now + Duration::minutes(minutes);
            store
                .begin_login_attempt(&email, "192.0.2.1", at, LIMIT)
                .await
                .unwrap();
        }
        // A reminder's record outlives its check-in's due date, then goes.
        let purge_at = now + 2 * hour;
        for (day, sent) in [
            (
                time::macros::date!(2023 - 08 - 01),
                purge_at - crate::REMINDERS_KEPT,
            ),
            (
                time::macros::date!(2023 - 08 - 02),
                purge_at - Duration::days(89),
            ),
        ] {
            store
                .claim_reminder(dr.id, crate::ReminderKind::ExerciseDay, day, sent)
                .await
                .unwrap();
        }
        let purged = store
            .purge(purge_at, now + Duration::minutes(60))
            .await
            .unwrap();
        assert_eq!(
            purged,
            Purged {
                sessions: 1,
                share_codes: 1,
                failed_logins: 2,
                mail_tokens: 1,
                login_challenges: 0,
                reminders_sent: 1,
                exports: 0,
                client_assertions: 0,
            }
        );
        assert_eq!(
            store.reminders_sent(dr.id).await.unwrap(),
            [(
                crate::ReminderKind::ExerciseDay,
                time::macros::date!(2023 - 08 - 02)
            )]
        );
        assert!(
            store.session(&token("a2"), now).await.is_ok(),
            "a live session stays"
        );
        assert!(matches!(
            store.session(&token("a1"), now).await,
            Err(Error::NotFound)
        ));
        assert_eq!(store.failed_logins_since(&email, now).await.unwrap(), 1);
        assert_eq!(
            store
                .purge(now + 2 * hour, now + Duration::minutes(60))
                .await
                .unwrap(),
            Purged::default(),
            "idempotent"
        );
    }

    #[test]
    fn failed_logins_and_purge_on_sqlite() {
        // A file, not `:memory:`: several connections, so the guesses really race.
        crate::testing::on_scratch_sqlite_file(|store| async move {
            failed_logins_per_address(&store).await;
            purging(&store).await;
            utc_offsets(&store).await;
        });
    }

    #[test]
    fn failed_logins_and_purge_on_postgres() {
        crate::testing::on_scratch_store("storage_accounts", |s| async move {
            failed_logins_per_address(&s).await;
            purging(&s).await;
            utc_offsets(&s).await;
        });
    }
}
