//! Accounts, sessions and failed logins.

use time::{OffsetDateTime, UtcOffset};

use crate::error::{Result, classify, corrupt};
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
fn offset_from_minutes(minutes: i64) -> Result<UtcOffset> {
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
        let id: i64 = on!(self, pool => sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, role, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(email.as_str())
        .bind(password_hash.as_str())
        .bind(role.as_str())
        .bind(secs(now))
        .fetch_one(pool)
        .await)
        .map_err(|e| classify(e, "this email is already registered"))?;
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
        let done = on!(self, pool => sqlx::query(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
        )
        .bind(hash.as_str())
        .bind(id.0)
        .execute(pool)
        .await?
        .rows_affected());
        if done == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
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

    /// Sets (or with `None` forgets) the user's offset from UTC. Offsets are whole minutes
    /// (seconds are dropped). [`Error::NotFound`] if there is no such user.
    pub async fn set_utc_offset(&self, id: UserId, offset: Option<UtcOffset>) -> Result<()> {
        let minutes = offset.map(|o| i64::from(o.whole_minutes()));
        let done = on!(self, pool => sqlx::query(
            "UPDATE users SET utc_offset_minutes = $1 WHERE id = $2",
        )
        .bind(minutes)
        .bind(id.0)
        .execute(pool)
        .await?
        .rows_affected());
        if done == 0 {
            return Err(Error::NotFound);
        }
        Ok(())
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
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
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

    /// The session with this token hash and its user, if it has not expired at `now`;
    /// otherwise [`Error::NotFound`].
    pub async fn session(&self, token: &TokenHash, now: OffsetDateTime) -> Result<Session> {
        let row: Option<(i64, String, String, String, i64, i64, i64)> = on!(self, pool => sqlx::query_as(
                "SELECT u.id, u.email, u.role, u.password_hash, u.created_at, \
                        s.created_at, s.expires_at \
                 FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2",
            )
            .bind(token.as_str())
            .bind(secs(now))
            .fetch_optional(pool)
            .await)?;
        let (id, email, role, hash, user_created, created, expires) = row.ok_or(Error::NotFound)?;
        Ok(Session {
            user: user_from_row((id, email, role, hash, user_created))?,
            created_at: at(created)?,
            expires_at: at(expires)?,
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

    /// Deletes sessions and share codes that have expired at `now`; returns how many.
    /// Expired ones are already ignored by every read, so this only reclaims space.
    pub async fn delete_expired(&self, now: OffsetDateTime) -> Result<u64> {
        on!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(secs(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let codes = sqlx::query("DELETE FROM share_codes WHERE expires_at <= $1")
                .bind(secs(now))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(sessions + codes)
        })
    }

    /// Records a failed login for `email` (whether or not such an account exists), for
    /// rate limiting with [`Store::failed_logins_since`].
    pub async fn record_failed_login(&self, email: &Email, now: OffsetDateTime) -> Result<()> {
        on!(self, pool => sqlx::query("INSERT INTO login_failures (email, at) VALUES ($1, $2)")
            .bind(email.as_str())
            .bind(secs(now))
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// How many failed logins for `email` were recorded at or after `since`.
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

    /// Forgets every failed login recorded for `email` (after a successful log-in, so the
    /// person starts again with a clean count); returns how many there were.
    pub async fn clear_failed_logins(&self, email: &Email) -> Result<u64> {
        Ok(
            on!(self, pool => sqlx::query("DELETE FROM login_failures WHERE email = $1")
                .bind(email.as_str())
                .execute(pool)
                .await?
                .rows_affected()),
        )
    }

    /// Forgets failed logins recorded before `before` (after the rate-limit window has
    /// passed); returns how many.
    pub async fn delete_failed_logins_before(&self, before: OffsetDateTime) -> Result<u64> {
        Ok(
            on!(self, pool => sqlx::query("DELETE FROM login_failures WHERE at < $1")
                .bind(secs(before))
                .execute(pool)
                .await?
                .rows_affected()),
        )
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;

    use super::*;
    use crate::connect;
    use crate::testing::block_on;

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

    async fn clearing_failed_logins(store: &Store) {
        let now = OffsetDateTime::from_unix_timestamp(1_790_000_000).unwrap();
        let ann = Email::parse("ann@example.org").unwrap();
        let bo = Email::parse("bo@example.org").unwrap();
        for minutes in [1, 2, 3] {
            store
                .record_failed_login(&ann, now - Duration::minutes(minutes))
                .await
                .unwrap();
        }
        store.record_failed_login(&bo, now).await.unwrap();
        let since = now - Duration::minutes(15);
        assert_eq!(store.failed_logins_since(&ann, since).await.unwrap(), 3);
        assert_eq!(store.clear_failed_logins(&ann).await.unwrap(), 3);
        assert_eq!(store.failed_logins_since(&ann, since).await.unwrap(), 0);
        assert_eq!(
            store.failed_logins_since(&bo, since).await.unwrap(),
            1,
            "other emails keep their count"
        );
        assert_eq!(
            store.clear_failed_logins(&ann).await.unwrap(),
            0,
            "idempotent"
        );
    }

    #[test]
    fn clearing_failed_logins_on_sqlite() {
        block_on(async {
            let store = connect("sqlite::memory:").await.unwrap();
            store.migrate().await.unwrap();
            clearing_failed_logins(&store).await;
            utc_offsets(&store).await;
        });
    }

    #[test]
    fn clearing_failed_logins_on_postgres() {
        let Some(admin) = crate::testing::postgres_url() else {
            return;
        };
        block_on(async {
            let name = format!("storage_accounts_{}", std::process::id());
            let scratch = crate::testing::ScratchDatabase::create(&admin, &name).await;
            let store = connect(scratch.url()).await.unwrap();
            store.migrate().await.unwrap();
            // In a task, so that a failed assertion still lets us drop the database.
            let s = store.clone();
            let outcome = tokio::spawn(async move {
                clearing_failed_logins(&s).await;
                utc_offsets(&s).await;
            })
            .await;
            store.close().await;
            scratch.drop().await;
            if let Err(e) = outcome {
                std::panic::resume_unwind(e.into_panic());
            }
        });
    }
}
